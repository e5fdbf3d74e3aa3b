"""The three daily journeys of a field cadre, driven through the real windows, counting the interactions.

An interaction is one thing the user does: a click, a key (with its modifiers), choosing in a list, typing one
field (however many characters), picking a file in a file dialog. The counts are printed (``-s``) and kept under
the limits the usability pass set (a routine visit: at most 25 from opening the household).

    (a) record a visit with a photo, starting from the Workbench
    (b) check loan use from the household's window; the misuse finding raises an anomaly report
    (c) carry the day's records to the hub on a USB stick (the stick is a temporary folder)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QWidget

from app.db.store import Store
from app.district.demo import fill_demo
from app.domain.permissions import Role
from app.domain.risk import Rule
from app.models import Household, Loan, Visit
from app.models.enums import BusinessStatus, ProhibitedUse, RecordKind, RepaymentAbility, UseConclusion, Willingness
from app.models.records import Anomaly, UseCheck
from app.settings import VISIT_INTERVAL_MONTHS
from app.sync import enroll
from app.sync.export import export_bundles
from app.sync.importer import import_bundle
from app.ui.main_window import MainWindow
from tests.conftest import FAST_KDF, PASSWORD
from tests.records_data import jpeg_bytes

STREET = "610111001"
#: the limits this project holds itself to (ISSUE: a routine visit ≤ 25 interactions from opening the household)
VISIT_LIMIT = 25
#: issue 21: a routine visit from the workbench, from choosing the task to submitting, photo included
ROUTINE_VISIT_GOAL = 10
COUNTS: dict[str, int] = {}


@dataclass
class Interactions:
    """qtbot's clicks, keys and typing, counted; ``steps`` says what each one was (printed with the count)."""

    qtbot: object
    steps: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.steps)

    def _note(self, what: str) -> None:
        self.steps.append(what)

    def click(self, widget: QWidget, what: str) -> None:
        assert widget.isVisible() and widget.isEnabled(), what
        self._note(what)
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    def click_at(self, widget: QWidget, point: QPoint, what: str) -> None:
        self._note(what)
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)  # type: ignore[attr-defined]

    def key(self, widget: QWidget, key: Qt.Key, what: str,
            modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self._note(what)
        self.qtbot.keyClick(widget, key, modifier)  # type: ignore[attr-defined]

    def type(self, widget: QWidget, text: str, what: str) -> None:
        """Typing one field is one interaction: ASCII key by key, Chinese committed by the input method."""
        self._note(what)
        widget.setFocus()
        for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
            if chunk.isascii():
                self.qtbot.keyClicks(widget, chunk)  # type: ignore[attr-defined]
            else:
                event = QInputMethodEvent()
                event.setCommitString(chunk)
                QApplication.sendEvent(widget, event)

    def choose(self, combo: QComboBox, what: str, data: object = None, index: int | None = None) -> None:
        """Choosing in a drop-down list (from the keyboard: focus it and press the first letter)."""
        self._note(what)
        combo.setFocus()
        combo.setCurrentIndex(index if index is not None else combo.findData(data))

    def pick_file(self, what: str) -> None:
        """Choosing a file in the system's file dialog (replaced by the test)."""
        self._note(what)

    def report(self, journey: str) -> None:
        COUNTS[journey] = self.count
        print(f"\n{journey}: {self.count} interactions")
        for number, step in enumerate(self.steps, 1):
            print(f"  {number:2}. {step}")


# -- the district ------------------------------------------------------------------------------------------
@dataclass
class District:
    hub: Store
    field: Store  # logged in as the cadre
    stick: Path


@pytest.fixture
def district(tmp_path, make_node) -> District:
    """A hub with the demo district; a field laptop of 纺织城 enrolled with it and filled by its first bundle."""
    hub, _ = make_node(role="hub", folder=tmp_path / "hub", name="灞桥区扶贫办")
    fill_demo(hub, households=150, seed=11, kdf=FAST_KDF)
    admin, _ = make_node(role="field", street=STREET, folder=tmp_path / "field", name="纺织城外业一组")
    folder = tmp_path / "enroll"
    folder.mkdir()
    enroll.write_request(admin, folder / "request.json")
    enroll.approve(hub, folder / "request.json", folder / "certificate.json")
    enroll.accept(admin, folder / "certificate.json")
    for result in export_bundles(hub, tmp_path / "first", to=admin.info.node_id):
        if result.path is not None:
            import_bundle(admin, result.path)
    # the demo keeps nearly every household on the visit schedule (a random few fall behind, often none in one
    # street): visiting every month, some households of this street are due a visit whatever day it is
    admin.set_setting(VISIT_INTERVAL_MONTHS, 1)
    admin.add_user("cadre", Role.FIELD, PASSWORD, display_name="张干部", kdf=FAST_KDF)
    cadre = Store.open(tmp_path / "field", "cadre", PASSWORD)
    yield District(hub, cadre, tmp_path / "usb-stick")
    cadre.close()


def main_window(qtbot, store: Store) -> MainWindow:
    window = MainWindow(store, idle_interval_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitActive(window):  # keyboard shortcuts go to the active window
        window.show()
        window.activateWindow()
    return window


def nav_point(window: MainWindow, key: str) -> QPoint:
    row = next(i for i, spec in enumerate(window.specs) if spec.key == key)
    return window.navigation.visualItemRect(window.navigation.item(row)).center()


def field_widget(form: QWidget, name: str) -> QWidget:
    widget = form.findChild(QWidget, f"field_{name}")
    assert widget is not None, name
    return widget


def ids(store: Store, model) -> set:
    with store.read() as session:
        return set(session.execute(sa.select(model.id)).scalars())


def count(store: Store, model) -> int:
    with store.read() as session:
        return session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


# -- (a) a visit with a photo, from the Workbench ----------------------------------------------------------
def test_visit_with_a_photo_from_the_workbench(qtbot, district, tmp_path, monkeypatch) -> None:
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(jpeg_bytes(320, 240, marker="cow"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(photo)], "")))
    demo_visits = ids(district.field, Visit)
    window = main_window(qtbot, district.field)
    page = window.pages["workbench"]  # the first page after login
    qtbot.waitUntil(lambda: not page.loading and bool(page.tasks), timeout=10_000)
    ui = Interactions(qtbot)

    ui.choose(page.kind, "show only the visits due", data=Rule.VISIT.value)
    assert page.model.rowCount() > 0
    ui.click_at(page.table.viewport(), page.table.visualRect(page.model.index(0, 1)).center(),
                "select the first household due a visit")
    ui.key(page.table, Qt.Key.Key_Return, "open it (Enter)")
    record_window = page.windows[-1]
    form = record_window.form
    qtbot.waitExposed(record_window)
    opened_at = ui.count
    assert form.KIND is RecordKind.VISIT
    # filled in already: today, routine visit, the cadre as visitor, the head as the person met; normal business,
    # willing and able to repay only for a loan in good standing (issue 21: in trouble, the cadre judges on the spot)
    assert field_widget(form, "visitors").text() == "张干部"
    assert field_widget(form, "people_met").text() == form.ctx.household.head_name
    judged = 0
    for name in ("business_status", "willingness", "ability"):
        if form.fields[name].value() is None:
            ui.choose(field_widget(form, name), f"judge {name} on the spot", index=1)
            judged += 1

    ui.type(field_widget(form, "business_seen"), "牛圈里肉牛6头，膘情良好", "what was seen of the business")
    ui.type(field_widget(form, "findings"), "养殖正常，户主表示年底出栏后还款", "findings")
    ui.choose(field_widget(form, "used_as_declared"), "used as declared: yes", index=1)
    ui.click(form.attachments.add_button, "Add photos…")
    ui.pick_file("choose the photo in the file dialog")
    qtbot.waitUntil(lambda: not form.attachments.busy and form.attachments.list.count() == 1, timeout=10_000)
    ui.click(field_widget(form, "household_confirmed"), "the household confirmed the record")
    with qtbot.waitSignal(form.submitted, timeout=5_000):
        ui.key(form, Qt.Key.Key_Return, "submit (Ctrl+Enter)", Qt.KeyboardModifier.ControlModifier)
    ui.report("(a) visit with a photo from the workbench")

    with district.field.read() as session:
        visit = session.execute(sa.select(Visit).where(Visit.id.not_in(demo_visits))).scalar_one()
    assert visit.findings == "养殖正常，户主表示年底出栏后还款" and visit.used_as_declared is True
    assert visit.household_confirmed and visit.visitors == "张干部"
    assert form.attachments.list.count() == 1 and form.mode == "locked"
    assert ui.count - opened_at <= VISIT_LIMIT
    assert ui.count <= VISIT_LIMIT
    # issue 21's goal: a routine visit (a loan in good standing: nothing to judge anew) in at most 10, photo included
    assert ui.count - judged <= ROUTINE_VISIT_GOAL, ui.steps


def test_next_task_without_the_mouse(qtbot, district) -> None:
    """Alt+Right in a form opened from the workbench keeps the draft and opens the next task."""
    window = main_window(qtbot, district.field)
    page = window.pages["workbench"]
    qtbot.waitUntil(lambda: not page.loading and bool(page.tasks), timeout=10_000)
    page.kind.setCurrentIndex(page.kind.findData(Rule.VISIT.value))
    page.table.setCurrentIndex(page.model.index(0, 0))
    first = page.open_selected()
    first_household = first.form.ctx.household.id
    first.form.fields["findings"].set_raw("半途")
    first.form._field_changed()
    nxt = page.step(first, page.model.rows[0], 1)
    assert nxt is not None and not first.isVisible()
    assert nxt.form.ctx.household.id == page.model.rows[1].household_id
    assert page.table.currentIndex().row() == 1
    # the first form's draft was kept
    from app.domain import records as rec

    assert any(d.household_id == first_household for d in rec.find_drafts(district.field))
    assert page.step(nxt, page.model.rows[0], -1) is None  # not its task: nothing happens


# -- (b) a loan-use check that finds misuse, from the household -----------------------------------------------
def test_use_check_raises_an_anomaly(qtbot, district) -> None:
    store = district.field
    with store.read() as session:
        names = session.execute(sa.select(Household.head_name, sa.func.count()).join(
            Loan, Loan.household_id == Household.id).where(Loan.balance_fen > 0)
            .group_by(Household.head_name)).all()
        everyone = dict(session.execute(sa.select(Household.head_name, sa.func.count())
                                        .group_by(Household.head_name)).all())
    name = next(n for n, _c in names if everyone[n] == 1)  # a name only one household has
    demo_checks, demo_anomalies = ids(store, UseCheck), ids(store, Anomaly)  # the demo's own
    window = main_window(qtbot, store)
    ui = Interactions(qtbot)

    ui.click_at(window.navigation.viewport(), nav_point(window, "households"), "open Households")
    page = window.pages["households"]
    ui.key(window, Qt.Key.Key_F, "Ctrl+F: to the filter box", Qt.KeyboardModifier.ControlModifier)
    assert page.filter.hasFocus()
    ui.type(page.filter, name, "type the head's name")
    ui.key(page.filter, Qt.Key.Key_Return, "Enter: the only match opens")
    detail = page.windows[-1]
    qtbot.waitExposed(detail)
    opened_at = ui.count
    ui.click(detail.record_buttons[RecordKind.USE_CHECK], "Loan-use check…")
    form = detail.record_windows[-1].form
    assert form.KIND is RecordKind.USE_CHECK and form.ctx.loan is not None
    ui.type(field_widget(form, "observed_use"), "3000元用于购买手机和家电，其余购买饲料", "what the money bought")
    ui.choose(field_widget(form, "prohibited_use"), "prohibited use: consumption", data=ProhibitedUse.CONSUMPTION)
    ui.type(field_widget(form, "amount_misused_fen"), "3,000", "amount misused")
    ui.choose(field_widget(form, "conclusion"), "conclusion: partly misused", data=UseConclusion.PARTLY)
    assert form.misuse_note.isVisible()  # says before submitting that an anomaly report will be opened
    assert not form.revalidate(), form.problems
    qtbot.waitUntil(detail.record_windows[-1].isActiveWindow, timeout=5_000)
    with qtbot.waitSignal(form.submitted, timeout=5_000):
        ui.key(form, Qt.Key.Key_Return, "submit (Ctrl+Enter)", Qt.KeyboardModifier.ControlModifier)
    ui.report("(b) loan-use check raising an anomaly")

    with store.read() as session:
        check = session.execute(sa.select(UseCheck).where(UseCheck.id.not_in(demo_checks))).scalar_one()
        anomaly = session.execute(sa.select(Anomaly).where(Anomaly.id.not_in(demo_anomalies))).scalar_one()
    assert check.conclusion is UseConclusion.PARTLY and check.amount_misused_fen == 300_000
    assert anomaly.household_id == check.household_id and anomaly.loan_id == check.loan_id
    assert "anomaly report was opened" in form.status_label.text()
    assert ui.count - opened_at <= VISIT_LIMIT


# -- (c) the day's records to the hub on a USB stick -------------------------------------------------------
def test_bundle_to_the_hub_on_a_usb_stick(qtbot, district, monkeypatch) -> None:
    import app.ui.exchange.stick_bar as stick_bar
    from app.ui.exchange.drives import describe

    visits_at_the_hub = count(district.hub, Visit)  # the demo's
    _record_a_visit(district.field)  # the day's work
    district.stick.mkdir()  # the stick is in the laptop: it is found without asking
    monkeypatch.setattr(stick_bar, "removable_drives", lambda: [describe(district.stick, removable=True)])
    window = main_window(qtbot, district.field)
    ui = Interactions(qtbot)

    ui.click_at(window.navigation.viewport(), nav_point(window, "exchange"), "open Data exchange")
    page = window.pages["exchange"]
    qtbot.waitUntil(lambda: not page.loading and page.transfer.write_button.isEnabled(), timeout=10_000)
    assert page.target() is not None and page.target().removable
    ui.click(page.transfer.write_button, "Write bundle to the stick")
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    bundles = list(district.stick.rglob("*.fbb"))
    assert len(bundles) == 1, page.result_text()
    at_the_laptop = ui.count

    # at the hub: the stick goes into the hub's computer
    hub_window = main_window(qtbot, district.hub)
    ui.click_at(hub_window.navigation.viewport(), nav_point(hub_window, "exchange"), "hub: open Data exchange")
    hub_page = hub_window.pages["exchange"]
    qtbot.waitUntil(lambda: not hub_page.loading and hub_page.transfer.read_button.isEnabled(), timeout=10_000)
    ui.click(hub_page.transfer.read_button, "hub: Read bundles from the stick")
    qtbot.waitUntil(lambda: not hub_page.busy, timeout=20_000)
    ui.report("(c) bundle to the hub on a USB stick")
    print(f"  ({at_the_laptop} at the laptop, {ui.count - at_the_laptop} at the hub)")

    assert count(district.hub, Visit) == visits_at_the_hub + 1, hub_page.result_text()
    assert at_the_laptop <= 3


def test_interaction_counts_stay_small() -> None:
    """Runs last in this module: the counts the three journeys reported (for the CI log)."""
    for journey, number in COUNTS.items():
        print(f"{journey}: {number}")
    assert all(number <= VISIT_LIMIT for number in COUNTS.values())


def _record_a_visit(store: Store) -> None:
    import datetime as dt

    from app.domain import records as rec

    with store.read() as session:
        loan_id, household_id = session.execute(sa.select(Loan.id, Loan.household_id).where(
            Loan.balance_fen > 0).limit(1)).one()
    ctx = rec.load_context(store, household_id, loan_id, dt.date.today())
    values = rec.defaults(RecordKind.VISIT, ctx, "张干部")
    values["findings"] = "经营正常"
    if values["business_status"] is None:  # a loan in trouble: the cadre judges on the spot (issue 21)
        values.update(business_status=BusinessStatus.DIFFICULT, willingness=Willingness.HESITANT,
                      ability=RepaymentAbility.PARTLY, business_seen="大棚部分闲置")
    rec.submit(store, RecordKind.VISIT, values, household_id=household_id, loan_id=loan_id, today=dt.date.today())
