"""The hub's "Field laptops" tab: every enrolled laptop with its state, approving a registration request after
the fingerprints were compared on both screens, and revoking a lost or retired laptop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import translate
from app.sync import enroll
from app.sync import folder as transport
from app.ui.exchange.common import ENROLL_FILTER, Host, button, lay_out_tab, table_view
from app.ui.exchange.enroll import ApproveDialog, FingerprintDialog
from app.ui.exchange.models import NodesModel
from app.ui.messages import open_box, show_error
from app.ui.operations import CancelToken
from app.ui.partials.table import selected_row


class NodesTab(QWidget):
    def __init__(self, host: Host, may_enroll: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host, self.may_enroll = host, may_enroll
        self.question: QMessageBox | None = None
        self.model = NodesModel(self)
        self.view = table_view(self.model, "nodesTable", {0: 150, 1: 110, 2: 80, 3: 170, 4: 90, 5: 90, 6: 130})
        self.approve_button = button(translate("Exchange", "Approve a request…"), "approveRequest")
        self.approve_button.clicked.connect(lambda: self.approve_request())
        self.revoke_button = button(translate("Exchange", "Revoke…"), "revokeNode")
        self.revoke_button.clicked.connect(self.revoke_selected)
        lay_out_tab(self, self.view, self.approve_button, self.revoke_button)

    def update_buttons(self, busy: bool) -> None:
        node = selected_row(self.view)
        self.approve_button.setEnabled(self.may_enroll and not busy)
        self.revoke_button.setEnabled(self.may_enroll and not busy and node is not None and node.revoked_at is None)
        if not self.may_enroll:
            reason = translate("Exchange", "Only the hub's administrator registers and revokes laptops.")
            self.approve_button.setToolTip(reason)
            self.revoke_button.setToolTip(reason)

    # -- approving a request ------------------------------------------------------------------------------------
    def approve_request(self, path: Path | None = None) -> ApproveDialog | None:
        """Open a request (the only one on the stick, or a chosen file) and show who asks, with the fingerprint
        to compare; approving writes the response next to the request."""
        if self.host.busy:
            return None
        if path is None:
            drive = self.host.target()
            found = transport.find_requests(drive.scan_folders()) if drive is not None else []
            if len(found) == 1:
                path = found[0]
            else:
                chosen, _filter = self.host.pick_file(self, translate("Exchange", "Choose the registration request"),
                                                      self.host.start_dir(), ENROLL_FILTER)
                if not chosen:
                    return None
                path = Path(chosen)
        try:
            preview = enroll.preview_request(self.host.store, path)
        except enroll.EnrollError as exc:
            show_error(self, exc.message)
            return None
        dialog = ApproveDialog(preview, self)
        dialog.accepted.connect(lambda: self._approve(preview))
        self.host.open_dialog(dialog)
        return dialog

    def _approve(self, preview: enroll.RequestPreview) -> None:
        store, request = self.host.store, preview.path
        out = transport.certificate_file(request.parent, preview.node_id)

        def job(token: CancelToken) -> enroll.Approval:
            return enroll.approve(store, request, out)

        def approved(result: enroll.Approval) -> None:
            self.host.show_result([(translate("Exchange", "{name} is registered for street {street}; the response "
                                                          "is on the stick: {path}.", name=result.name,
                                              street=preview.street_name or result.street, path=str(out)), False)])
            self.host.open_dialog(FingerprintDialog(
                translate("Exchange", "Response written"),
                translate("Exchange", "{name} is registered. Take the stick back to the laptop and read the "
                                      "response there; the laptop will then show the hub's fingerprint:",
                          name=result.name),
                result.hub_fingerprint,
                translate("Exchange", "Bundles from this laptop are accepted from now on."), self))

        self.host.run(job, title=translate("Exchange", "Approving the request"), on_success=approved,
                      cancellable=False)

    # -- revoking -----------------------------------------------------------------------------------------------
    def revoke_selected(self) -> QMessageBox | None:
        node = selected_row(self.view)
        if node is None or self.host.busy:
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, translate("Exchange", "Revoke a laptop"), translate(
            "Exchange", "Revoke {name} ({node})? Its bundles are refused from then on, and it cannot register "
                        "again with the same identity. Do this when a laptop is lost or retired.",
            name=node.name, node=node.node_id[:8]), QMessageBox.StandardButton.NoButton, self)
        revoke = box.addButton(translate("Exchange", "Revoke"), QMessageBox.ButtonRole.DestructiveRole)
        revoke.setObjectName("confirmRevoke")
        box.addButton(translate("Exchange", "Cancel"), QMessageBox.ButtonRole.RejectRole)
        store, node_id = self.host.store, node.node_id

        def revoke_node() -> None:
            enroll.revoke(store, node_id)

        def answered(_result: int) -> None:
            if box.clickedButton() is revoke:
                self.host.save_decision(revoke_node)

        box.finished.connect(answered)
        self.question = open_box(box)
        return box
