"""Help menu (guide, shortcuts, version and folders), the View menu's larger text and high contrast, form rules
as tooltips, Ctrl+S."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from app.db.store import NodeInfo
from app.models.enums import RecordKind
from app.settings import UI_HIGH_CONTRAST, UI_TEXT_SCALE
from app.ui import help as help_module
from app.ui import theme
from app.ui.forms import create_form
from app.ui.main_window import MainWindow
from app.ui.operations import wait_for_all
from tests.records_data import TODAY, make_household, make_loan


@pytest.fixture
def window(qtbot, store):
    window = MainWindow(store, idle_interval_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    yield window
    theme.apply(QApplication.instance(), theme.Preferences())


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    urls: list[Path] = []
    monkeypatch.setattr(help_module, "open_url", lambda url: urls.append(Path(url.toLocalFile())) or True)
    monkeypatch.setattr(help_module, "has_pdf_viewer", lambda: True)  # a desktop with a PDF viewer
    return urls


def test_user_guide_is_built_on_demand_then_opened(qtbot, window, store, opened, monkeypatch) -> None:
    monkeypatch.setattr(help_module, "SHIPPED_MANUAL", store.paths.root / "not-shipped.pdf")
    menus = window.help_menus
    assert menus.guide_action.shortcut().toString() == "F1"
    assert menus.open_guide() is None  # building in the background
    wait_for_all()
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    built = help_module.built_manual(store)
    assert opened == [built] and built.stat().st_size > 100_000
    assert built.parent == store.paths.tmp  # inside the node, never the installation folder
    assert menus.open_guide() == built  # current: opened at once
    assert opened == [built, built]


def test_shipped_guide_is_opened_as_it_is(window, store, opened, monkeypatch, tmp_path) -> None:
    shipped = tmp_path / "fieldbook-manual.pdf"
    shipped.write_bytes(b"%PDF-1.4 shipped")
    monkeypatch.setattr(help_module, "SHIPPED_MANUAL", shipped)
    assert window.help_menus.open_guide() == shipped and opened == [shipped]


def test_without_a_pdf_viewer_the_guide_opens_inside_fieldbook(qtbot, window, store, monkeypatch) -> None:
    """F1 did nothing on a computer without a PDF viewer (issue 21)."""
    urls: list[object] = []
    monkeypatch.setattr(help_module, "open_url", lambda url: urls.append(url) or True)
    monkeypatch.setattr(help_module, "has_pdf_viewer", lambda: False)
    shipped = help_module.built_manual(store)
    shipped.parent.mkdir(parents=True, exist_ok=True)
    shipped.write_bytes(_small_pdf())
    monkeypatch.setattr(help_module, "SHIPPED_MANUAL", shipped)
    assert window.help_menus.open_guide() == shipped
    assert urls == []  # not handed to a viewer that is not there
    [manual] = [w for w in QApplication.topLevelWidgets() if isinstance(w, help_module.ManualWindow) and w.isVisible()]
    assert manual.preview.page_count() == 1


def _small_pdf() -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(100, 100, "Fieldbook")
    painter.end()
    return bytes(buffer.data().data())


def test_about_names_version_and_folders(window, store, opened) -> None:
    from app import __version__

    dialog = window.help_menus.show_about()
    assert __version__ in dialog.findChild(QLabel, "aboutVersion").text()
    for key, folder in (("data", store.paths.root), ("logs", store.paths.logs), ("backups", store.paths.backups)):
        assert dialog.findChild(QLabel, f"folder_{key}").text() == str(folder)
    dialog.findChild(object, "open_logs").click()
    assert opened == [store.paths.logs]
    shortcuts = window.help_menus.show_shortcuts()
    assert shortcuts.findChild(object, "shortcuts").rowCount() == len(help_module.SHORTCUTS)


def test_larger_text_and_high_contrast_apply_at_once_and_persist(qtbot, window, store) -> None:
    app = QApplication.instance()
    base = app.font().pointSizeF()
    title = window.findChild(QLabel, "pageTitle")
    assert "16pt" in title.styleSheet()
    window.help_menus.scale_actions[150].trigger()
    assert store.setting(UI_TEXT_SCALE) == 150
    assert app.font().pointSizeF() == pytest.approx(base * 1.5)
    assert "24.0pt" in title.styleSheet()  # the page title's own size follows too
    window.help_menus.contrast_action.trigger()
    assert store.setting(UI_HIGH_CONTRAST) is True and theme.current() == theme.Preferences(150, True)
    assert "QHeaderView::section" in app.styleSheet()
    # kept in node.json: the login window of the next start uses them too
    assert theme.preferences_of(NodeInfo.load(store.paths)) == theme.Preferences(150, True)
    assert theme.node_preferences(store.paths.root) == theme.Preferences(150, True)
    window.help_menus.scale_actions[100].trigger()
    window.help_menus.contrast_action.trigger()
    assert app.font().pointSizeF() == pytest.approx(base)
    assert "16pt" in title.styleSheet() and "QHeaderView::section" not in app.styleSheet()


def test_touch_targets_are_32_px(qtbot, window) -> None:
    assert window.lock_button.sizeHint().height() >= 32
    assert window.pages["workbench"].kind.sizeHint().height() >= 32


def test_ctrl_f_goes_to_the_filter(qtbot, window) -> None:
    page = window.show_page("households")
    assert window.focus_filter() is page.filter
    window.show_page("settings")
    assert window.focus_filter() is None


def test_rules_are_tooltips_and_ctrl_s_saves(qtbot, store) -> None:
    household = make_household(store)
    loan = make_loan(store, household)  # matures 2025-07-10
    form = create_form(store, RecordKind.MATURITY_ASSESSMENT, household_id=household, loan_id=loan, today=TODAY)
    qtbot.addWidget(form)
    tip = form.fields["assessed_on"].widget.toolTip()
    assert "30 days before maturity" in tip and "2025-06-10" in tip and "2025-07-10" in tip
    visit = create_form(store, RecordKind.VISIT, household_id=household, today=TODAY)
    qtbot.addWidget(visit)
    assert "Required" in visit.fields["findings"].widget.toolTip()
    assert visit.draft_id is None
    visit.save_now()  # Ctrl+S
    assert visit.draft_id is not None
