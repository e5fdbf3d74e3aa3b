"""Start-up: the right first window, fonts, the crash hook, the PySide emit workaround.

run_gui is start_gui plus ``app.exec()``; a test cannot enter and leave the application's own event loop
without breaking the waits of the tests after it, so these drive start_gui and look at what is on screen.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from app.ui import crash, qtcompat
from app.ui.application import choose_font_family, setup_application, start_gui
from app.ui.login import LoginWindow
from app.ui.wizard import FirstRunWizard
from tests.ui.conftest import message_boxes


@pytest.fixture
def start(monkeypatch):
    """start_gui for a folder; afterwards the English catalogue and no Qt translator, as for every other test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start_gui installs its own; put pytest-qt's back
    yield lambda folder: start_gui(str(folder))
    setup_application(QApplication.instance(), "en")


def visible_kinds() -> set[str]:
    return {type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()}


def test_gui_starts_with_the_wizard_on_an_empty_folder(qtbot, start, node_dir) -> None:
    flow = start(node_dir)
    assert isinstance(flow.wizard, FirstRunWizard) and flow.login is None
    assert FirstRunWizard.__name__ in visible_kinds()
    quits: list[bool] = []
    flow.quit_requested.connect(lambda: quits.append(True))
    flow.wizard.reject()  # Cancel on the first page leaves the application
    assert quits == [True]
    assert not node_dir.joinpath("node.json").exists()
    flow.close_windows()


def test_gui_starts_at_login_on_a_node(qtbot, start, make_node, node_dir) -> None:
    make_node()[0].close()
    flow = start(node_dir)
    assert isinstance(flow.login, LoginWindow) and flow.wizard is None
    assert LoginWindow.__name__ in visible_kinds() and FirstRunWizard.__name__ not in visible_kinds()
    assert QApplication.font().family() == choose_font_family(QFontDatabase.families()) or \
        choose_font_family(QFontDatabase.families()) is None
    flow.close_windows()


def test_font_preference() -> None:
    assert choose_font_family(["DejaVu Sans", "Microsoft YaHei", "Noto Sans CJK SC"]) == "Noto Sans CJK SC"
    assert choose_font_family(["Arial", "WenQuanYi Micro Hei Mono"]) == "WenQuanYi Micro Hei Mono"
    assert choose_font_family(["Arial"]) is None


def test_excepthook_shows_the_crash_dialog(qtbot, tmp_path, caplog) -> None:
    crash.set_log_dir(tmp_path)
    try:
        raise KeyError("internal")
    except KeyError as exc:
        crash._excepthook(KeyError, exc, exc.__traceback__)
    boxes = message_boxes()
    assert len(boxes) == 1 and boxes[0].icon() == QMessageBox.Icon.Critical
    assert str(tmp_path / "fieldbook.log") in boxes[0].informativeText()
    assert "KeyError" in caplog.text


class _Source(QObject):
    value = Signal(int)


def test_emit_and_disconnect_keep_true_alive() -> None:
    # PySide6 6.12.0 drops a reference to True on every emit/disconnect; thousands of them must be harmless.
    source = _Source()
    received: list[int] = []
    before = sys.getrefcount(True)
    for number in range(3000):
        source.value.connect(received.append)
        qtcompat.emit(source.value, number)
        qtcompat.disconnect(source.value, received.append)
    assert len(received) == 3000
    assert sys.getrefcount(True) >= before - 50
