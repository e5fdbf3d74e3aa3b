"""The windows of a cadre's day on a real X server (run by tests/ui/test_real_screens.py under Xvfb with Qt's xcb
platform, one screen size and scale per run; not a test module itself).

It makes a field node with a household and a loan, sets the application up as ``run_gui`` does (Chinese, fonts,
the window fitter), then opens the login window, the main window, each record form and the household window as the
application opens them, and for each writes to ``OUT/report.json`` the window's frame, the screen's available area,
and whether the window and its primary buttons lie wholly on the screen; a screenshot of the screen goes to
``OUT/<name>.png`` for a person to look at.

    python tests/ui/real_screen_child.py OUT [TEXT_SCALE]

TEXT_SCALE (percent, default 100) is the node's text size preference (Settings, app/ui/theme.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QRect, QSize  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget  # noqa: E402

from app.db.store import Store  # noqa: E402
from app.models.enums import RecordKind  # noqa: E402
from app.ui import theme, window_sizes  # noqa: E402
from app.ui.application import _application, setup_application  # noqa: E402
from app.ui.forms import RecordWindow, create_form  # noqa: E402
from app.ui.household_detail import HouseholdDetailDialog  # noqa: E402
from app.ui.login import LoginWindow  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from tests.conftest import ADMIN, FAST_KDF, PASSWORD  # noqa: E402
from tests.records_data import TODAY, make_household, make_loan  # noqa: E402


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def on_screen(widget: QWidget, area: QRect) -> bool:
    """``widget`` is shown and lies wholly within ``area`` (screen coordinates)."""
    return widget.isVisible() and area.contains(QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size()))


def look(app: QApplication, out: Path, name: str, window: QWidget, buttons: dict[str, QWidget]) -> dict:
    if not QTest.qWaitForWindowExposed(window, 20_000):
        raise SystemExit(f"{name}: the window was never shown on the X server")
    QTest.qWait(300)  # the layout's and the window fitter's posted events
    settle(app)
    screen = window.screen() or app.primaryScreen()
    area = screen.availableGeometry()
    screen.grabWindow(0).save(str(out / f"{name}.png"))
    frame = window.frameGeometry()
    return {"window": [frame.x(), frame.y(), frame.width(), frame.height()],
            "area": [area.x(), area.y(), area.width(), area.height()],
            "window_on_screen": area.contains(window.geometry()),
            "buttons": {label: on_screen(button, area) for label, button in buttons.items()}}


def main(out: Path, text_scale: int = 100) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = _application()  # as run_gui makes it (a core application made by an import gives way)
    setup_application(app, "zh_CN")
    theme.apply(app, theme.Preferences(text_scale))
    window_sizes.set_state_file(None)
    store, _ = Store.create(out / "node", "field", "灞桥区演示节点", "610111001", ADMIN, PASSWORD, kdf=FAST_KDF)
    household = make_household(store)
    make_loan(store, household)
    report: dict[str, dict] = {}

    login = LoginWindow(out / "node", store.info, ADMIN, FAST_KDF)
    window_sizes.fit(login, QSize(960, 640))  # as AppFlow shows it
    login.show()
    report["login"] = look(app, out, "login", login, {"login": login.login_button})
    login.close()

    main_window = MainWindow(store)
    window_sizes.show_main(main_window)
    report["main"] = look(app, out, "main", main_window, {"lock": main_window.lock_button,
                                                         "logout": main_window.logout_button})
    # every page's title whole in the navigation, scroll bar or not
    report["main"]["navigation_whole"] = (main_window.navigation.viewport().width()
                                          >= main_window.navigation.sizeHintForColumn(0))
    main_window.hide()

    for kind in RecordKind:
        form = create_form(store, kind, household_id=household, today=TODAY)
        window = RecordWindow(form)
        window.show()
        report[kind.value] = look(app, out, kind.value, window, {"submit": form.submit_button})
        window.hide()
        window.deleteLater()

    dialog = HouseholdDetailDialog(store, household, as_of=TODAY)
    dialog.show()
    close = dialog.findChild(QDialogButtonBox)
    report["household"] = look(app, out, "household", dialog, {"close": close} if close is not None else {})
    dialog.hide()

    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    main_window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100))
