"""First run: make this computer a node (role, name, street), create its first administrator, show the
recovery code and insist that it is written down.

Signals (of :class:`FirstRunWizard`): node_created(admin user name) once the wizard is finished.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.cancel import CancelToken
from app.db.credentials import username_problem
from app.db.keyring import DEFAULT_KDF, KdfParams
from app.db.store import Store
from app.i18n import translate
from app.models.enums import NodeRole
from app.models.places import BAQIAO_STREETS
from app.ui.operations import run_in_background
from app.ui.qtcompat import emit
from app.ui.widgets import MUTED_COLOR, FieldMessage, NewPasswordFields, with_message


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    return label


class RolePage(QWizardPage):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.setTitle(translate("Wizard", "Welcome to Fieldbook"))
        self.setSubTitle(translate("Wizard", "This computer becomes a Fieldbook node. Choose what kind."))
        self.field_radio = QRadioButton(translate("Wizard", "Field node"))
        self.hub_radio = QRadioButton(translate("Wizard", "Hub"))
        self.field_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.field_radio)
        group.addButton(self.hub_radio)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field_radio)
        layout.addWidget(_muted(translate("Wizard", "A cadre's laptop for one street: household visits, "
                                                     "loan-use checks and anomaly reports. It exchanges data "
                                                     "with the hub.")))
        layout.addSpacing(12)
        layout.addWidget(self.hub_radio)
        layout.addWidget(_muted(translate("Wizard", "At the lending bank or the district office: sees every "
                                                     "street, holds the loan facts, relays data between the "
                                                     "field nodes.")))
        layout.addStretch(1)
        layout.addWidget(_muted(translate("Wizard", "Data folder: {path}", path=data_dir)))

    def role(self) -> NodeRole:
        return NodeRole.HUB if self.hub_radio.isChecked() else NodeRole.FIELD


class NodePage(QWizardPage):
    def __init__(self, role_page: RolePage) -> None:
        super().__init__()
        self.role_page = role_page
        self.setTitle(translate("Wizard", "Name this node"))
        self.setSubTitle(translate("Wizard", "The name appears on the login screen, on printed records and at "
                                             "the hub."))
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.name.setPlaceholderText(translate("Wizard", "e.g. Fangzhicheng street laptop 1"))
        self.name_message = FieldMessage()
        self.street = QComboBox()
        self.street.setPlaceholderText(translate("Wizard", "Choose the street…"))
        for code, name in BAQIAO_STREETS:
            self.street.addItem(name, code)
        self.street.setCurrentIndex(-1)
        self.street_message = FieldMessage()
        self.street_hint = _muted("")
        form = QFormLayout(self)
        form.addRow(translate("Wizard", "Node name:"), with_message(self.name, self.name_message))
        form.addRow(translate("Wizard", "Street:"), with_message(self.street, self.street_message))
        form.addRow("", self.street_hint)
        self.name.textEdited.connect(self._check_name)
        self.name.textChanged.connect(self.completeChanged)
        self.street.currentIndexChanged.connect(self._street_changed)

    def initializePage(self) -> None:
        field = self.role_page.role() is NodeRole.FIELD
        self.street.setEnabled(field)
        if field:
            self.street_hint.setText(translate("Wizard", "A field node sees only the households of its street."))
        else:
            self.street.setCurrentIndex(-1)
            self.street_hint.setText(translate("Wizard", "A hub covers every street; no street is needed."))
        self.street_message.clear_message()

    def _check_name(self) -> None:
        self.name_message.show_error("" if self.name.text().strip() else
                                     translate("Wizard", "The node needs a name."))

    def _street_changed(self) -> None:
        self.street_message.clear_message()
        emit(self.completeChanged)

    def street_code(self) -> str | None:
        return self.street.currentData() if self.street.isEnabled() and self.street.currentIndex() >= 0 else None

    def isComplete(self) -> bool:
        if not self.name.text().strip():
            return False
        return self.role_page.role() is NodeRole.HUB or self.street_code() is not None


class AdminPage(QWizardPage):
    """The first administrator; pressing "Create node" creates the node in the background."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("Wizard", "First administrator"))
        self.setSubTitle(translate("Wizard", "The administrator adds the other users and makes backups. Keep "
                                             "the password to yourself."))
        self.username = QLineEdit("admin")
        self.username.setMaxLength(64)
        self.username_message = FieldMessage()
        self.passwords = NewPasswordFields(self)
        form = QFormLayout(self)
        form.addRow(translate("Wizard", "User name:"), with_message(self.username, self.username_message))
        self.passwords.add_to(form)
        self.status = _muted("")
        form.addRow("", self.status)
        self.username.textChanged.connect(self._check_username)
        self.passwords.changed.connect(self.completeChanged)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("Wizard", "Create node"))

    def _check_username(self) -> None:
        self.username_message.show_error(username_problem(self.username.text()))
        emit(self.completeChanged)

    def isComplete(self) -> bool:
        return not username_problem(self.username.text()) and self.passwords.is_valid() \
            and not self._wizard.busy

    def validatePage(self) -> bool:
        if self._wizard.store is not None:
            return True
        self._wizard.create_node()
        return False


class RecoveryPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(translate("Wizard", "Write down the recovery code"))
        self.setSubTitle(translate("Wizard", "If every administrator forgets the password, this code is the only "
                                             "way back into the data. It is shown only now."))
        self.code = QLabel()
        self.code.setObjectName("recoveryCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(18)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setStyleSheet("border: 1px solid #c0c0c0; border-radius: 6px; padding: 16px; "
                                "background: #fffbe6;")
        self.confirm = QCheckBox(translate("Wizard", "I have written the recovery code down and will keep it "
                                                     "in a safe place, away from this computer."))
        layout = QVBoxLayout(self)
        layout.addSpacing(8)
        layout.addWidget(self.code)
        layout.addSpacing(12)
        layout.addWidget(_muted(translate("Wizard", "Write it on paper; do not keep it in a file on this "
                                                     "computer. Anyone with the code and this computer can "
                                                     "read the data.")))
        layout.addStretch(1)
        layout.addWidget(self.confirm)
        self.confirm.toggled.connect(self.completeChanged)

    def show_code(self, code: str) -> None:
        self.code.setText(code)

    def isComplete(self) -> bool:
        return self.confirm.isChecked()


class FirstRunWizard(QWizard):
    """Creates the node in ``data_dir``. ``kdf`` is for tests; production uses the default Argon2 cost.

    Signals: node_created(admin user name), emitted when the user finishes after writing the code down.
    """

    node_created = Signal(str)

    def __init__(self, data_dir: Path, kdf: KdfParams = DEFAULT_KDF, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.kdf = kdf
        self.store: Store | None = None
        self.busy = False
        self.setWindowTitle(translate("Wizard", "Fieldbook: set up this computer"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, translate("Wizard", "Finish"))
        self.role_page = RolePage(data_dir)
        self.node_page = NodePage(self.role_page)
        self.admin_page = AdminPage(self)
        self.recovery_page = RecoveryPage()
        for page in (self.role_page, self.node_page, self.admin_page, self.recovery_page):
            self.addPage(page)
        self.resize(720, 540)
        self.currentIdChanged.connect(self._page_changed)

    def _page_changed(self) -> None:
        # Once the code is on screen the node exists: there is nothing left to cancel.
        on_recovery = self.currentPage() is self.recovery_page
        self.setOption(QWizard.WizardOption.NoCancelButton, on_recovery)

    def create_node(self) -> None:
        role, name = self.role_page.role(), self.node_page.name.text().strip()
        street, admin = self.node_page.street_code(), self.admin_page.username.text()
        password, kdf, data_dir = self.admin_page.passwords.value(), self.kdf, self.data_dir

        def job(_token: CancelToken) -> tuple[Store, str]:
            return Store.create(data_dir, role, name, street, admin, password, kdf=kdf)

        self._set_busy(True)
        self.admin_page.status.setText(translate("Wizard", "Creating the encrypted database…"))
        run_in_background(self, job, on_success=self._created, on_finished=lambda: self._set_busy(False),
                          title=translate("Wizard", "Creating the node…"), cancellable=False)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if not busy:
            self.admin_page.status.setText("")
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not busy)
        emit(self.admin_page.completeChanged)

    def _created(self, result: tuple[Store, str]) -> None:
        self.store, code = result
        self.recovery_page.show_code(code)
        self.next()

    def reject(self) -> None:
        if self.busy or self.currentPage() is self.recovery_page:
            return  # creating, or the code has not been confirmed yet
        super().reject()

    def accept(self) -> None:
        if self.store is None or not self.recovery_page.confirm.isChecked():
            return
        admin = self.store.user.username
        self.store.close()
        self.store = None
        emit(self.node_created, admin)  # before hiding, so the next window is up before this one goes
        super().accept()
