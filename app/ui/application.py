"""Starting the GUI: the Qt application, translations, logging, the crash hook, and the flow between windows.

    first run (no node in the data folder) → FirstRunWizard → LoginWindow → MainWindow
    otherwise                                                 LoginWindow → MainWindow
    MainWindow "Log out" → LoginWindow;  closing the window → the store is closed and the application quits
    Settings → Backup → "Restore from a backup" → the store is closed, the backup restored → LoginWindow
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QSize, QTranslator, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app import __version__, i18n, logs
from app.cancel import CancelToken
from app.db.backup import BackupReport, restore_backup
from app.db.keyring import DEFAULT_KDF, KdfParams
from app.db.store import NodeInfo, Store, is_node
from app.domain.permissions import Permission, has_permission
from app.errors import FieldbookError
from app.i18n import translate
from app.paths import NodePaths, resolve_data_dir
from app.ui import crash, operations, theme, window_sizes
from app.ui.changes import changes
from app.ui.login import LoginWindow
from app.ui.main_window import MainWindow
from app.ui.operations import run_in_background
from app.ui.qtcompat import disconnect
from app.ui.settings.restore import RestoreRequest
from app.ui.wizard import FirstRunWizard

log = logging.getLogger(__name__)

#: CJK UI fonts in order of preference; the first one installed becomes the application font
PREFERRED_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "Microsoft YaHei UI",
                   "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "PingFang SC")

_qt_translator: QTranslator | None = None
#: the windows' remembered sizes, in the node's data folder
WINDOW_SIZES_FILE = "window-sizes.json"


def choose_font_family(available: list[str]) -> str | None:
    present = set(available)
    for family in PREFERRED_FONTS:
        if family in present:
            return family
    return next((f for f in available if f.startswith("WenQuanYi")), None)


_bundled_families: list[str] | None = None


def bundled_font_families() -> list[str]:
    """Register the CJK fonts the PDFs use (``resources/fonts``, :data:`app.reports.pdf.fonts.STACK_FILES` less
    the Latin mono font: the system's UI font draws Latin better) with Qt, once; returns their families in the
    PDF's order. Names with CJK Extension B–G characters (𠮷, 𡈼) then show
    on screen as on paper, whatever fonts the machine has (≈ 20 ms: Qt maps the files, it does not read them)."""
    global _bundled_families
    if _bundled_families is None:
        from app.reports.pdf.fonts import STACK_FILES

        families: list[str] = []
        for path in STACK_FILES[1:]:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("Qt could not load the font %s", path.name)
                continue
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
        _bundled_families = families
    return _bundled_families


def setup_application(app: QApplication, language: str) -> str:
    """Name, font and translations of the running application; returns the language installed."""
    global _qt_translator
    app.setApplicationName("Fieldbook")
    app.setOrganizationName("Fieldbook")
    app.setApplicationVersion(__version__)
    family = choose_font_family(QFontDatabase.families())
    # the system's CJK font first, then the bundled ones, glyph by glyph
    fallbacks = bundled_font_families()
    font = QFont(family) if family else QFont(app.font())
    font.setFamilies([*([family] if family else [app.font().family()]), *fallbacks])
    font.setPointSize(max(app.font().pointSize(), 10))
    app.setFont(font)
    installed = i18n.install(language)
    # Qt's calendar and number formats follow the default locale, its dialogs' words the qtbase catalogue
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if installed != "en"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    window_sizes.install(app)
    if _qt_translator is not None:
        QCoreApplication.removeTranslator(_qt_translator)
        _qt_translator = None
    if installed != "en":
        # Qt's own strings (OK, Cancel, the wizard's Next and Back, the line-edit menu) come from qtbase.
        translator = QTranslator(app)
        if translator.load(f"qtbase_{installed}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            QCoreApplication.installTranslator(translator)
            _qt_translator = translator
    return installed


def node_language(data_dir: Path) -> str:
    try:
        return NodeInfo.load(NodePaths(data_dir)).language
    except FieldbookError:
        return i18n.DEFAULT_LANGUAGE


class AppFlow(QObject):
    """Which window is showing, and the store of the logged-in user.

    ``kdf`` (tests only) is the Argon2 cost for new passwords; ``idle_interval_ms`` overrides the idle-lock
    setting (tests only).

    Signals: quit_requested() when the user leaves the first-run wizard without making a node.
    """

    quit_requested = Signal()

    def __init__(self, data_dir: Path, kdf: KdfParams = DEFAULT_KDF, idle_interval_ms: int | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.kdf = kdf
        self.idle_interval_ms = idle_interval_ms
        self.wizard: FirstRunWizard | None = None
        self.login: LoginWindow | None = None
        self.main: MainWindow | None = None
        self.store: Store | None = None
        changes().restore_requested.connect(self.restore)
        self._listening = True

    def start(self) -> None:
        if is_node(self.data_dir):
            self.show_login()
        else:
            self.show_wizard()

    def show_wizard(self) -> FirstRunWizard:
        self.wizard = FirstRunWizard(self.data_dir, self.kdf)
        self.wizard.node_created.connect(self._node_created)
        self.wizard.rejected.connect(self.quit_requested)
        self.wizard.show()
        return self.wizard

    def _node_created(self, admin: str) -> None:
        logs.setup(NodePaths(self.data_dir).logs)
        crash.set_log_dir(NodePaths(self.data_dir).logs)
        self.show_login(admin)
        if self.wizard is not None:
            self.wizard.deleteLater()  # it hides itself once this slot returns
            self.wizard = None

    def show_login(self, username: str = "") -> LoginWindow:
        info = NodeInfo.load(NodePaths(self.data_dir))
        self.login = LoginWindow(self.data_dir, info, username, self.kdf)
        self.login.logged_in.connect(self._logged_in)
        window_sizes.set_state_file(NodePaths(self.data_dir).root / WINDOW_SIZES_FILE)
        window_sizes.fit(self.login, QSize(960, 640))
        self.login.show()
        return self.login

    def _logged_in(self, store: Store) -> None:
        self.store = store
        log.info("logged in (role %s)", store.user.role.value)
        self.main = MainWindow(store, self.idle_interval_ms)
        self.main.logout_requested.connect(self.logout)
        self.main.closed.connect(self._main_closed)
        window_sizes.show_main(self.main)  # first, so that closing the login window does not quit the application
        if self.login is not None:
            self.login.close()
            self.login.deleteLater()
            self.login = None

    def logout(self) -> None:
        username = self.store.user.username if self.store else ""
        main = self.main
        self.main = None
        self.show_login(username)
        if main is not None:
            disconnect(main.closed, self._main_closed)
            main.shutdown()
            main.close()
            main.deleteLater()
        self.close_store()

    def restore(self, request: RestoreRequest) -> None:
        """Restart into a backup: close the main window and the store, restore (``restore_backup`` checks the
        backup completely and changes nothing when it refuses), and start again at the login window of the node
        as restored. Only for a user whose role may restore."""
        store = self.store
        if store is None or not has_permission(store.user.role, Permission.RESTORE):
            return
        log.info("restoring a backup made %s", request.created_at)
        main = self.main
        self.main = None
        if main is not None:
            disconnect(main.closed, self._main_closed)
            main.shutdown()
            main.close()
            main.deleteLater()
        self.close_store()
        login = self.show_login(request.username)
        login.show_notice(translate("Backup", "Restoring the backup of {created}…", created=request.created_at))
        login.setEnabled(False)
        data_dir = self.data_dir

        def job(_token: CancelToken) -> BackupReport:
            return restore_backup(request.path, data_dir, request.username, request.password,
                                  request.new_identity)

        run_in_background(login, job, on_success=lambda report: self._restored(report, request.username),
                          on_error=lambda exc: self._restore_refused(login, exc),
                          title=translate("Backup", "Restoring the backup…"), cancellable=False)

    def _restored(self, report: BackupReport, username: str) -> None:
        """The node in the data folder is the backup now: its language and display, and a fresh login window."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            setup_application(app, node_language(self.data_dir))
            theme.apply(app, theme.node_preferences(self.data_dir))
        old = self.login
        login = self.show_login(username)
        notice = translate("Backup", "Restored the backup of {created}; the data that was here is kept in {kept}. "
                                     "Log in to continue.", created=report.created_at, kept=report.previous or "-")
        if report.new_identity:
            notice += " " + translate("Backup", "This laptop is a new node now: enrol it with the hub again (Data "
                                                "exchange). {n} changes the hub had not received will travel as its "
                                                "own work.", n=report.recorded_again)
        login.show_notice(notice)
        if old is not None:
            old.close()
            old.deleteLater()

    @staticmethod
    def _restore_refused(login: LoginWindow, exc: FieldbookError) -> None:
        login.setEnabled(True)
        login.show_notice("")
        login.message.show_error(translate("Backup", "The backup was not restored: {reason}", reason=exc.message))

    def _main_closed(self) -> None:
        self.main = None
        self.close_store()

    def close_windows(self) -> None:
        if self._listening:
            disconnect(changes().restore_requested, self.restore)
            self._listening = False
        for window in (self.wizard, self.login, self.main):
            if window is not None:
                window.blockSignals(True)
                window.close()
                window.deleteLater()
        self.wizard = self.login = self.main = None
        self.close_store()

    def close_store(self) -> None:
        """Close the store once every background job has reported back."""
        if self.store is not None:
            operations.wait_for_all()
            self.store.close()
            self.store = None


def _application() -> QApplication:
    existing = QCoreApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if existing is not None:
        # The CLI may have made a core application to translate its messages; a GUI needs a QApplication.
        i18n.install("en")  # removes the translator while its application still exists
        existing.shutdown()
    return QApplication(sys.argv[:1])


def start_gui(data_dir: str | None = None) -> AppFlow:
    """Everything ``run_gui`` does before entering the event loop; returns the flow showing its first window."""
    folder = resolve_data_dir(data_dir)
    app = _application()
    setup_application(app, node_language(folder))
    theme.apply(app, theme.node_preferences(folder))  # larger text, high contrast (node.json)
    node_logs = NodePaths(folder).logs if is_node(folder) else None
    logs.setup(node_logs)
    crash.install_excepthook(node_logs)
    flow = AppFlow(folder)
    flow.quit_requested.connect(app.quit)
    flow.start()
    return flow


def run_gui(data_dir: str | None = None) -> int:
    """Start the GUI on the node in ``data_dir`` (or the configured data folder); returns the exit code."""
    flow = start_gui(data_dir)
    app = QApplication.instance()
    assert app is not None  # start_gui made it
    code = app.exec()
    flow.close_windows()
    return int(code)
