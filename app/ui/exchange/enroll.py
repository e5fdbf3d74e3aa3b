"""Enrolment screens of the Data exchange page: the steps a field laptop not yet registered must take (and the two
it takes here: writing its request to the stick, reading the hub's response), the large fingerprint both screens
show, and the hub's approval of a request after the fingerprints were compared.

Signals (of :class:`ApproveDialog`): the standard accepted() once the administrator confirmed the fingerprint.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import translate
from app.sync import enroll
from app.sync import folder as transport
from app.sync.enroll import RequestPreview
from app.ui.exchange.common import ENROLL_FILTER, Host
from app.ui.exchange.drives import Drive
from app.ui.operations import CancelToken
from app.ui.widgets import MUTED_COLOR

FINGERPRINT_STYLE = ("font-family: 'Noto Sans Mono', 'DejaVu Sans Mono', monospace; font-size: 22pt; "
                     "font-weight: 600; letter-spacing: 2px; color: #24364f; background: #eef3fa; "
                     "border: 1px solid #c5d3e6; border-radius: 6px; padding: 10px 16px;")


def fingerprint_label(text: str, name: str = "fingerprint") -> QLabel:
    """A fingerprint in large, spaced characters (read aloud and compared between two screens)."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setStyleSheet(FINGERPRINT_STYLE)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    return label


class FingerprintDialog(QDialog):
    """A message with a fingerprint in large characters: after writing a request, and after accepting the hub's
    response (so the person can compare it with the other screen)."""

    def __init__(self, title: str, text: str, fingerprint: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("fingerprintDialog")
        heading = QLabel(text)
        heading.setWordWrap(True)
        heading.setObjectName("fingerprintText")
        self.fingerprint = fingerprint_label(fingerprint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Exchange", "OK"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addSpacing(6)
        layout.addWidget(self.fingerprint)
        layout.addSpacing(6)
        layout.addWidget(_muted(note))
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


class EnrollSteps(QWidget):
    """What a field laptop not yet registered with the hub does next, one numbered step per row, with the buttons
    for the two steps done here and this laptop's fingerprint."""

    def __init__(self, host: Host, may_enroll: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host, self.may_enroll = host, may_enroll
        title = QLabel(translate("Exchange", "This laptop is not yet registered with the hub"))
        title.setObjectName("enrollTitle")
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        intro = _muted(translate("Exchange", "Until it is registered, nothing can be exchanged: the hub accepts "
                                             "bundles only from laptops it knows. Registration takes three steps."))
        self.write_button = QPushButton(translate("Exchange", "Write the registration request to the stick"))
        self.write_button.setObjectName("writeRequest")
        self.read_button = QPushButton(translate("Exchange", "Read the hub's response from the stick…"))
        self.read_button.setObjectName("readResponse")
        self.write_button.clicked.connect(lambda: self.write_request())
        self.read_button.clicked.connect(lambda: self.read_response())
        if not may_enroll:
            reason = translate("Exchange", "Only this laptop's administrator may register it.")
            for button in (self.write_button, self.read_button):
                button.setEnabled(False)
                button.setToolTip(reason)
        self.fingerprint = fingerprint_label("…", "ownFingerprint")
        self.fingerprint.setMinimumWidth(360)

        steps = QGridLayout()
        steps.setHorizontalSpacing(14)
        steps.setVerticalSpacing(14)
        texts = [
            (translate("Exchange", "Write a registration request to the stick."),
             translate("Exchange", "The request holds this laptop's name, street and public keys; nothing "
                                   "secret."), self.write_button),
            (translate("Exchange", "Take the stick to the hub."),
             translate("Exchange", "The administrator there opens the request with \"Approve a request\" and "
                                   "compares the fingerprint on the hub's screen with the one shown below. "
                                   "Only if they match is the response written to the stick."), None),
            (translate("Exchange", "Read the hub's response."),
             translate("Exchange", "Bring the stick back and read the response here. This laptop then shows the "
                                   "hub's fingerprint, to compare with the hub's screen."), self.read_button),
        ]
        for row, (head, body, action) in enumerate(texts):
            number = QLabel(str(row + 1))
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number.setFixedSize(30, 30)
            number.setStyleSheet("background: #3b5a80; color: white; border-radius: 15px; font-weight: 600;")
            text = QWidget()
            text_layout = QVBoxLayout(text)
            text_layout.setContentsMargins(0, 0, 0, 0)
            text_layout.setSpacing(2)
            head_label = QLabel(head)
            head_label.setStyleSheet("font-size: 11pt; font-weight: 600;")
            text_layout.addWidget(head_label)
            text_layout.addWidget(_muted(body))
            steps.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            steps.addWidget(text, row, 1)
            if action is not None:
                steps.addWidget(action, row, 2, Qt.AlignmentFlag.AlignTop)
        steps.setColumnStretch(1, 1)

        card = QFrame()
        card.setObjectName("enrollCard")
        card.setStyleSheet("#enrollCard { background: white; border: 1px solid #d5dce6; border-radius: 8px; }")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(24, 20, 24, 20)
        card_layout.addWidget(title)
        card_layout.addWidget(intro)
        card_layout.addSpacing(10)
        card_layout.addLayout(steps)
        card_layout.addSpacing(14)
        card_layout.addWidget(QLabel(translate("Exchange", "Fingerprint of this laptop:")))
        card_layout.addWidget(self.fingerprint, 0, Qt.AlignmentFlag.AlignLeft)
        card.setMaximumWidth(900)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(card)
        layout.addStretch(1)

    def set_fingerprint(self, text: str) -> None:
        self.fingerprint.setText(text)

    def update_buttons(self, busy: bool, drive: Drive | None) -> None:
        if not self.may_enroll:
            return
        no_drive = translate("Exchange", "Insert a USB stick (then press Refresh) or choose a folder first.")
        self.write_button.setEnabled(not busy and drive is not None)
        self.write_button.setToolTip("" if drive is not None else no_drive)
        self.read_button.setEnabled(not busy)
        self.read_button.setToolTip("")

    def write_request(self) -> bool:
        """Write this laptop's registration request to the stick, then show its fingerprint."""
        drive = self.host.target()
        if drive is None or self.host.busy:
            return False
        store, path = self.host.store, transport.request_file(self.host.store, drive.folder)

        def job(token: CancelToken) -> str:
            path.parent.mkdir(parents=True, exist_ok=True)
            return enroll.write_request(store, path)

        def written(fingerprint: str) -> None:
            self.host.show_result([(translate("Exchange", "Registration request written to {path}.",
                                              path=str(path)), False)])
            self.host.open_dialog(FingerprintDialog(
                translate("Exchange", "Registration request written"),
                translate("Exchange", "The request is on the stick: {path}. Take it to the hub. The administrator "
                                      "there must see exactly this fingerprint:", path=str(path)),
                fingerprint,
                translate("Exchange", "Keep this screen at hand (or write the characters down) to compare them."),
                self))

        self.host.run(job, title=translate("Exchange", "Writing the registration request"), on_success=written,
                      cancellable=False)
        return True

    def read_response(self, path: Path | None = None) -> bool:
        """Read the hub's response (the one for this laptop on the stick, or a chosen file), then show the hub's
        fingerprint."""
        if self.host.busy:
            return False
        if path is None:
            drive = self.host.target()
            path = transport.find_certificate(self.host.store, drive.scan_folders()) if drive is not None else None
        if path is None:
            chosen, _filter = self.host.pick_file(self, translate("Exchange", "Choose the hub's response"),
                                                  self.host.start_dir(), ENROLL_FILTER)
            if not chosen:
                return False
            path = Path(chosen)
        store, response = self.host.store, path

        def job(token: CancelToken) -> enroll.Acceptance:
            return enroll.accept(store, response)

        def accepted(result: enroll.Acceptance) -> None:
            self.host.show_result([(translate("Exchange", "Registered with the hub {hub}.", hub=result.hub_name),
                                    False)])
            self.host.open_dialog(FingerprintDialog(
                translate("Exchange", "Registered with the hub"),
                translate("Exchange", "This laptop is now registered with the hub {hub} until {date}. The hub's "
                                      "fingerprint is:", hub=result.hub_name,
                          date=result.expires_at.date().isoformat()),
                result.hub_fingerprint,
                translate("Exchange", "The hub's screen showed the same characters after approving. If they "
                                      "differ, do not exchange data and tell your supervisor."), self))

        self.host.run(job, title=translate("Exchange", "Reading the hub's response"), on_success=accepted,
                      cancellable=False)
        return True


class ApproveDialog(QDialog):
    """At the hub: who asks to be registered, and the fingerprint to compare with the laptop's screen. The
    approve button is enabled only after the administrator ticks that both show the same characters."""

    def __init__(self, preview: RequestPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setObjectName("approveDialog")
        self.setWindowTitle(translate("Exchange", "Approve a registration request"))
        form = QFormLayout()
        form.addRow(translate("Exchange", "Laptop:"), QLabel(preview.name))
        street = f"{preview.street_name} ({preview.street_code})" if preview.street_name else preview.street_code
        form.addRow(translate("Exchange", "Street:"), QLabel(street))
        form.addRow(translate("Exchange", "Node:"), QLabel(preview.node_id))
        self.fingerprint = fingerprint_label(preview.fingerprint, "requestFingerprint")
        ask = QLabel(translate("Exchange", "Ask the person with the laptop to read out the fingerprint its screen "
                                           "shows. It must be exactly:"))
        ask.setWordWrap(True)
        self.matches = QCheckBox(translate("Exchange", "The laptop shows exactly the same fingerprint"))
        self.matches.setObjectName("fingerprintMatches")
        buttons = QDialogButtonBox()
        self.approve_button = buttons.addButton(translate("Exchange", "Approve and write the response"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setEnabled(False)
        cancel = buttons.addButton(translate("Exchange", "Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.matches.toggled.connect(self.approve_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(ask)
        layout.addWidget(self.fingerprint)
        if preview.already_enrolled:
            layout.addWidget(_muted(translate("Exchange", "This laptop is registered already; approving again "
                                                          "renews its certificate with the same keys.")))
        layout.addWidget(_muted(translate("Exchange", "If even one character differs, do not approve: the file "
                                                      "may not come from that laptop.")))
        layout.addWidget(self.matches)
        layout.addWidget(buttons)
        self.setMinimumWidth(540)
