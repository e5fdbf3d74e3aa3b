"""The review tabs of the Data exchange page: conflicting edits to mark reviewed and, at the hub, the corrections
field laptops proposed to households, to accept or reject (supervisors); and the quarantine, the changes that could
not be applied, to apply again after a fix or to discard with a reason (app/sync/merge/quarantine.py). Each
decision is saved in the background and the lists reload."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.domain.permissions import Permission, has_permission
from app.errors import ValidationError
from app.i18n import translate
from app.sync.merge.review import (
    RetryOutcome,
    decide_proposal,
    discard_quarantined,
    mark_conflict_reviewed,
    retry_quarantined,
)
from app.ui.changes import ALL_DATA, kinds_of_tables
from app.ui.exchange.common import Host, button, lay_out_tab, table_view
from app.ui.exchange.models import ConflictsModel, ProposalsModel, QuarantineModel
from app.ui.operations import CancelToken
from app.ui.partials.dialogs import WriteDialog
from app.ui.partials.table import selected_row


class ConflictsTab(QWidget):
    """Conflicts not yet reviewed, oldest first."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.model = ConflictsModel(self)
        self.view = table_view(self.model, "conflictsTable", {0: 90, 1: 90, 2: 150, 3: 100, 4: 120, 5: 120, 6: 230})
        self.review_button = button(translate("Exchange", "Mark conflict reviewed"), "markReviewed")
        self.review_button.clicked.connect(self.mark_reviewed)
        lay_out_tab(self, self.view, self.review_button, hint=translate(
            "Exchange", "The kept value is in the record already; the value that lost is only kept here. "
                        "Correct the record itself if the lost value was right."))

    def mark_reviewed(self) -> None:
        conflict = selected_row(self.view)
        if conflict is not None:
            store, conflict_id = self.host.store, conflict.id
            self.host.save_decision(lambda: mark_conflict_reviewed(store, conflict_id))

    def update_buttons(self, busy: bool) -> None:
        self.review_button.setEnabled(not busy and selected_row(self.view) is not None)


class ProposalsTab(QWidget):
    """At the hub: corrections proposed by field laptops, waiting for a decision."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.model = ProposalsModel(self)
        self.view = table_view(self.model, "proposalsTable", {0: 130, 1: 230, 2: 180})
        self.accept_button = button(translate("Exchange", "Accept"), "acceptProposal")
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.reject_button = button(translate("Exchange", "Reject"), "rejectProposal")
        self.reject_button.clicked.connect(lambda: self.decide(False))
        lay_out_tab(self, self.view, self.accept_button, self.reject_button, hint=translate(
            "Exchange", "Accepting writes the proposed values into the household; rejecting keeps the hub's. "
                        "Either way the laptop receives the decision with the next bundle."))

    def decide(self, accept: bool) -> None:
        proposal = selected_row(self.view)
        if proposal is not None:
            store, proposal_id = self.host.store, proposal.id
            self.host.save_decision(lambda: decide_proposal(store, proposal_id, accept),
                                    changes=kinds_of_tables({proposal.table}) if accept else ())

    def update_buttons(self, busy: bool) -> None:
        chosen = selected_row(self.view) is not None
        self.accept_button.setEnabled(not busy and chosen)
        self.reject_button.setEnabled(not busy and chosen)


class DiscardDialog(WriteDialog):
    """The reason for discarding a change in quarantine (required; kept with the decision in the audit log)."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(translate("Exchange", "Discard a change in quarantine"), parent)
        text = QLabel(translate("Exchange", "{record}: this change is given up for good; the record keeps what it "
                                            "holds now. Say why (kept in the audit log).", record=label))
        text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("discardReason")
        self.form.addRow(text)
        self.form.addRow(translate("Exchange", "Reason"), self.reason)
        self.finish_form()

    def save(self) -> None:
        if not self.reason.text().strip():
            raise ValidationError(translate("Sync", "Say why the change is discarded."))


class QuarantineTab(QWidget):
    """Changes that could not be applied, with why; applied again after a fix, or discarded with a reason."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.model = QuarantineModel(self)
        self.view = table_view(self.model, "quarantineTable", {0: 130, 1: 130, 2: 150, 3: 230, 4: 330})
        self.apply_button = button(translate("Exchange", "Apply again"), "applyQuarantined")
        self.apply_button.clicked.connect(self.apply_selected)
        self.discard_button = button(translate("Exchange", "Discard…"), "discardQuarantined")
        self.discard_button.clicked.connect(self.discard_selected)
        self.may_discard = has_permission(host.store.user.role, Permission.SIGN_OFF)
        lay_out_tab(self, self.view, self.apply_button, self.discard_button, hint=translate(
            "Exchange", "Everything else was applied. Fix the cause (for example correct the record named in the "
                        "reason), then apply the change again; whatever waits for it follows."))

    def apply_selected(self) -> None:
        entry = selected_row(self.view)
        if entry is None or self.host.busy:
            return
        store, entry_id = self.host.store, entry.id

        def job(token: CancelToken) -> RetryOutcome:
            return retry_quarantined(store, [entry_id])

        def done(outcome: RetryOutcome) -> None:
            lines = [(translate("Exchange", "{applied} changes applied; {held} still wait in quarantine.",
                                applied=outcome.applied, held=outcome.still_held), bool(outcome.still_held))]
            self.host.show_result(lines + [("  " + reason, True) for reason in outcome.reasons])
            if outcome.applied:
                self.host.changed(kinds_of_tables(outcome.tables) if outcome.tables else ALL_DATA)

        self.host.run(job, title=translate("Exchange", "Applying the change again"), on_success=done,
                      cancellable=False)

    def discard_selected(self) -> DiscardDialog | None:
        entry = selected_row(self.view)
        if entry is None or self.host.busy or not self.may_discard:
            return None
        dialog = DiscardDialog(entry.record_label, self)
        store, entry_id = self.host.store, entry.id

        def discard(reason: str) -> None:  # the reason is read on the GUI thread: the dialog is gone after
            def write() -> None:
                discard_quarantined(store, [entry_id], reason)

            self.host.save_decision(write)

        dialog.accepted.connect(lambda: discard(dialog.reason.text()))
        self.host.open_dialog(dialog)
        return dialog

    def update_buttons(self, busy: bool) -> None:
        chosen = selected_row(self.view) is not None
        self.apply_button.setEnabled(not busy and chosen)
        self.discard_button.setEnabled(not busy and chosen and self.may_discard)
        if not self.may_discard:
            self.discard_button.setToolTip(translate("Exchange", "Only a supervisor or the administrator discards "
                                                                 "a change."))
