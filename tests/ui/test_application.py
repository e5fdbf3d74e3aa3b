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



def _families_drawing(text: str, font) -> list[str]:
    """The font families Qt really draws ``text`` with (after its per-glyph fallback)."""
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [run.rawFont().familyName() for run in layout.glyphRuns()
            if all(run.rawFont().supportsCharacter(ord(c)) for c in text)]


@pytest.mark.parametrize("char", ["𠮷", "𡈼", "䶮", "喆", "赟", "龑", "𪜀", "𫝀", "𫠠", "𬺰", "𰀀"])
def test_the_window_font_draws_what_the_pdf_draws(char) -> None:
    """Register-book names with CJK Extension A–G characters show on screen: the application font falls back,
    glyph by glyph, on the fonts the PDFs embed; a character of Extension B+ is drawn by the bundled font the
    PDF uses for it."""
    from app.reports.pdf.fonts import FALLBACKS, FONT, _font_or_none
    from app.ui.application import bundled_font_families

    setup_application(QApplication.instance(), "en")
    families = bundled_font_families()
    assert len(families) == 1 + len(FALLBACKS)
    app_font = QApplication.font()
    assert app_font.families()[-len(families):] == families
    pdf_font = _font_or_none(char)
    assert pdf_font is not None
    drawn = _families_drawing(char, app_font)
    assert len(drawn) == 1 and drawn[0] in app_font.families()  # a font of the chain has it and draws it
    bundled = families[0 if pdf_font == FONT else 1 + [name for name, _ in FALLBACKS].index(pdf_font)]
    assert drawn[0] in (app_font.families()[0], bundled)  # the system's CJK font if it has it, else ours
    if char in "𬺰𰀀":  # Extensions F and G: no system font has them, the bundled font draws them
        assert drawn == [bundled]
    assert _families_drawing("\U00030041", app_font) == []  # a character no font has: nothing claims it
