"""Screenshots for the user guide, taken from the real application on a demo node, so they never go stale.

    .venv/bin/python docs/manual/make_screenshots.py                  # into docs/manual/images/
    .venv/bin/python docs/manual/make_screenshots.py --out /tmp/shots --households 200

Creates a throw-away hub with ``app.district.demo.fill_demo`` and a field node (纺织城街道) enrolled with it and
filled by its first bundle, records a few visits and a loan-use check, then opens every page and form offscreen on a
1366×768 screen and saves PNGs (palette-quantised: about a third of the size). A second process takes the same
screen at 125 % scaling (``QT_SCALE_FACTOR``, which must be set before Qt starts), and one more at 150 % text in the
high-contrast theme.

Exit code 0 when every screen in :data:`SHOTS` was written; otherwise the missing ones are named and the code is 1
(CI runs this through tests/ui/test_manual_screenshots.py). ``--audit`` also lists buttons and inputs lower than
32 px (touch targets) and labels whose text does not fit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMAGES = Path(__file__).resolve().parent / "images"
PASSWORD = "demo-password-1"  # noqa: S105  (a throw-away demo node)
SCREEN = (1366, 768)

#: every screen the guide shows: name → what it is (the script fails if one cannot be reached)
SHOTS = {
    "wizard-role": "first-run wizard, kind of node",
    "wizard-recovery": "first-run wizard, the recovery code",
    "login": "login window",
    "workbench": "Workbench: today's tasks",
    "households": "Households register",
    "household-detail": "a household's detail window",
    "loans": "Loans register",
    "loan-detail": "a loan's detail window",
    "records": "Field records list",
    "new-record": "New field record dialog",
    "warnings": "Warnings and disposals",
    "enterprises": "Enterprises (户贷企用)",
    "fund": "Fund & subsidies",
    "exchange": "Data exchange with a USB stick chosen",
    "exchange-written": "Data exchange after writing a bundle",
    "reports": "Reports: print preview",
    "settings": "Settings",
    "settings-backup": "Settings: backup",
    "form-visit": "Visit form",
    "form-use-check": "Loan-use check form with a misuse finding",
    "form-anomaly": "Anomaly report form",
    "form-maturity": "Maturity assessment form",
    "form-preloan": "Pre-loan review form",
    "form-visit-invalid": "Visit form refused, messages next to the fields",
    "help-about": "Help: version, data and log folders",
    "help-shortcuts": "Help: keyboard shortcuts",
    "lock": "the lock screen",
    "workbench-125": "Workbench at 125 % scaling",
    "form-visit-125": "Visit form at 125 % scaling",
    "households-125": "Households at 125 % scaling",
    "workbench-contrast": "Workbench, high contrast, 150 % text",
    "form-visit-contrast": "Visit form, high contrast, 150 % text",
}
SCALED = ("workbench", "form-visit", "households")


# -- the node ------------------------------------------------------------------------------------------------
def prepare(folder: Path, households: int) -> None:
    """A field node enrolled with a hub that holds the demo district, filled by the hub's first bundle, with a few
    submitted records; about ``households`` households in the field node's street.

    The demo is made at the hub: the district's own records (the fund, sign-offs, disposals' decisions) are written
    only there, and a field node holds them as the hub sends them."""
    from app import i18n
    from app.db.keyring import KdfParams
    from app.db.store import Store
    from app.district.demo import DEMO_DISPLAY_NAMES, fill_demo
    from app.domain import records as rec
    from app.domain.permissions import Role
    from app.models import Loan
    from app.models.enums import BusinessStatus, ProhibitedUse, RecordKind, RepaymentAbility, UseConclusion, Willingness
    from app.models.places import BAQIAO_STREETS
    from app.sync import enroll
    from app.sync.export import export_bundles
    from app.sync.importer import import_bundle

    i18n.install("zh_CN")  # texts written into records (an anomaly opened by a misuse finding) are in Chinese
    fast = KdfParams(iterations=1, memory_kib=8192, lanes=1)  # a throw-away node: no need for a slow KDF
    today = dt.date.today()
    hub, _ = Store.create(folder / "hub", "hub", "灞桥区扶贫办中心节点", None, "admin", PASSWORD, kdf=fast)
    fill_demo(hub, households=households * len(BAQIAO_STREETS), seed=3, password=PASSWORD, kdf=fast, as_of=today)
    admin, _code = Store.create(folder / "field", "field", "纺织城街道外业一组", "610111001", "admin", PASSWORD,
                                kdf=fast)
    (folder / "enroll").mkdir()
    enroll.write_request(admin, folder / "enroll" / "request.json")
    enroll.approve(hub, folder / "enroll" / "request.json", folder / "enroll" / "certificate.json")
    enroll.accept(admin, folder / "enroll" / "certificate.json")
    for result in export_bundles(hub, folder / "first-bundle", to=admin.info.node_id):
        if result.path is not None:
            import_bundle(admin, result.path)
    admin.add_user("cadre", Role.FIELD, PASSWORD, display_name=DEMO_DISPLAY_NAMES["cadre"], kdf=fast)
    hub.close()
    admin.close()

    import sqlalchemy as sa

    cadre = Store.open(folder / "field", "cadre", PASSWORD)
    with cadre.read() as session:
        loans = session.execute(sa.select(Loan.id, Loan.household_id).where(
            Loan.balance_fen > 0, Loan.overdue_since.is_(None), Loan.matures_on > today + dt.timedelta(days=45),
            Loan.disbursed_on < today - dt.timedelta(days=60))
            .order_by(Loan.contract_no).limit(6)).all()
    findings = ["肉牛7头，膘情良好，饲料充足；户主称年底出栏还款。", "大棚草莓长势正常，已销售两茬。",
                "小卖部经营正常，进货单据齐全。"]
    for (loan_id, household_id), text in zip(loans[:3], findings, strict=False):
        ctx = rec.load_context(cadre, household_id, loan_id, today)
        values = rec.defaults(RecordKind.VISIT, ctx, "张干部")
        values.update(findings=text, business_seen=text[:12], used_as_declared=True, household_confirmed=True,
                      business_status=BusinessStatus.NORMAL, income_estimate_fen=3_000_000,
                      willingness=Willingness.WILLING, ability=RepaymentAbility.ABLE)
        rec.submit(cadre, RecordKind.VISIT, values, household_id=household_id, loan_id=loan_id, today=today)
    loan_id, household_id = loans[3]
    ctx = rec.load_context(cadre, household_id, loan_id, today)
    values = rec.defaults(RecordKind.USE_CHECK, ctx, "张干部")
    values.update(observed_use="贷款中1.2万元用于购买家用轿车首付，其余用于购买饲料。",
                  prohibited_use=ProhibitedUse.CONSUMPTION, amount_misused_fen=1_200_000,
                  conclusion=UseConclusion.PARTLY)
    rec.submit(cadre, RecordKind.USE_CHECK, values, household_id=household_id, loan_id=loan_id, today=today)
    cadre.close()


# -- taking the pictures --------------------------------------------------------------------------------------
class Camera:
    def __init__(self, out: Path, suffix: str = "", audit: bool = False) -> None:
        self.out, self.suffix, self.audit = out, suffix, audit
        self.taken: list[str] = []
        self.problems: list[str] = []

    def settle(self, rounds: int = 6) -> None:
        from PySide6.QtWidgets import QApplication

        from app.ui import operations

        for _ in range(rounds):
            operations.wait_for_all()
            QApplication.processEvents()
            time.sleep(0.01)

    def shoot(self, name: str, widget: object) -> None:
        from PySide6.QtGui import QImage
        from PySide6.QtWidgets import QWidget

        assert isinstance(widget, QWidget)
        self.settle()
        if self.audit:
            self._audit(name, widget)
        pixmap = widget.grab()
        image = pixmap.toImage().convertToFormat(QImage.Format.Format_RGB32)
        path = self.out / f"{name}{self.suffix}.png"
        _save_png(image, path)
        self.taken.append(path.stem)

    def _audit(self, name: str, root: object) -> None:
        from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit

        for widget in root.findChildren(QAbstractButton) + root.findChildren(QLineEdit) \
                + root.findChildren(QComboBox):  # type: ignore[attr-defined]
            if widget.isVisible() and widget.height() < 30 and type(widget).__name__ not in (
                    "QCheckBox", "QRadioButton") and not widget.objectName().startswith("qt_"):
                self.problems.append(f"{name}: {type(widget).__name__} {widget.objectName() or ''} "
                                     f"'{getattr(widget, 'text', lambda: '')()}' is {widget.height()} px high")
        for label in root.findChildren(QLabel):  # type: ignore[attr-defined]
            if label.isVisible() and not label.wordWrap() and label.text() and \
                    label.sizeHint().width() > label.width() + 2:
                self.problems.append(f"{name}: label '{label.text()[:30]}' is cut ({label.width()} < "
                                     f"{label.sizeHint().width()})")


def _save_png(image: object, path: Path) -> None:
    """Save palette-quantised (screenshots have few colours; about a third of the size of RGB)."""
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[attr-defined]
    data = bytes(buffer.data().data())
    try:
        import io

        from PIL import Image

        with Image.open(io.BytesIO(data)) as picture:
            quantised = picture.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=0)
            quantised.save(path, optimize=True)
    except ImportError:
        path.write_bytes(data)


def _sized(widget: object, width: int | None = None, height: int | None = None) -> object:
    """Show ``widget`` at most screen-sized (logical pixels of the scaled screen)."""
    from PySide6.QtGui import QGuiApplication

    area = QGuiApplication.primaryScreen().availableGeometry()
    w = min(width or area.width(), area.width())
    h = min(height or area.height(), area.height())
    widget.resize(w, h)  # type: ignore[attr-defined]
    widget.show()  # type: ignore[attr-defined]
    return widget


def shoot_all(node: Path, camera: Camera, only: tuple[str, ...] | None = None) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDialog

    from app.db.keyring import KdfParams
    from app.db.store import NodeInfo, Store
    from app.domain.risk import Rule
    from app.models.enums import RecordKind
    from app.paths import NodePaths
    from app.ui.forms import RecordWindow, create_form
    from app.ui.login import LoginWindow
    from app.ui.main_window import MainWindow
    from app.ui.wizard import FirstRunWizard

    def wanted(name: str) -> bool:
        return only is None or name in only

    fast = KdfParams(iterations=1, memory_kib=8192, lanes=1)
    field = node / "field"

    if wanted("wizard-role") or wanted("wizard-recovery"):
        wizard = FirstRunWizard(node / f"new-{camera.suffix or 'x'}", fast)
        _sized(wizard, 900, 640)
        camera.shoot("wizard-role", wizard)
        wizard.next()
        wizard.node_page.name.setText("纺织城街道外业一组")
        wizard.node_page.street.setCurrentIndex(0)
        wizard.next()
        wizard.admin_page.passwords.password.setText(PASSWORD)
        wizard.admin_page.passwords.repeat.setText(PASSWORD)
        wizard.next()
        camera.settle(20)
        for _ in range(200):
            if wizard.currentPage() is wizard.recovery_page:
                break
            camera.settle(2)
        if wizard.currentPage() is wizard.recovery_page:
            camera.shoot("wizard-recovery", wizard)
        wizard.blockSignals(True)
        if wizard.store is not None:
            wizard.store.close()
            wizard.store = None
        wizard.hide()
        wizard.deleteLater()

    if wanted("login"):
        login = LoginWindow(field, NodeInfo.load(NodePaths(field)), "cadre", fast)
        _sized(login, 960, 640)
        camera.shoot("login", login)
        login.close()

    store = Store.open(field, "cadre", PASSWORD)
    window = MainWindow(store, idle_interval_ms=3_600_000)
    _sized(window)
    try:
        for key in ("workbench", "households", "loans", "records", "warnings", "enterprises", "fund", "exchange",
                    "reports", "settings"):
            page_name = {"records": "field_records"}.get(key, key)
            if not any(wanted(n) for n in (key, *_needs_page(key))):
                continue
            if page_name not in {s.key for s in window.specs}:
                continue
            page = window.show_page(page_name)
            camera.settle()
            if key == "exchange":
                stick = node / "usb-stick"
                stick.mkdir(exist_ok=True)
                page.stick.set_folder(stick)  # type: ignore[attr-defined]
                camera.settle()
                if wanted("exchange"):
                    camera.shoot("exchange", window)
                if wanted("exchange-written"):
                    page.transfer.write_bundles()  # type: ignore[attr-defined]
                    camera.settle(20)
                    camera.shoot("exchange-written", window)
                continue
            if key == "reports":
                _prepare_reports(page, camera)
            if wanted(key):
                camera.shoot(key, window)
            if key == "households" and wanted("household-detail"):
                page.table.selectRow(0)  # type: ignore[attr-defined]
                dialog = page.open_detail(page.table.currentIndex())  # type: ignore[attr-defined]
                camera.shoot("household-detail", dialog)
                dialog.close()
            if key == "loans" and wanted("loan-detail"):
                page.table.selectRow(0)  # type: ignore[attr-defined]
                dialog = page.open_detail(page.table.currentIndex())  # type: ignore[attr-defined]
                camera.shoot("loan-detail", dialog)
                dialog.close()
            if key == "records" and wanted("new-record"):
                from app.ui.pages.records import StartRecordDialog

                start = StartRecordDialog(store, RecordKind.USE_CHECK, window)
                start.search.setText("w")
                start.show()
                camera.shoot("new-record", start)
                start.close()
            if key == "settings" and wanted("settings-backup"):
                page.show_backup()  # type: ignore[attr-defined]
                camera.shoot("settings-backup", window)

        workbench = window.show_page("workbench")
        camera.settle()
        tasks = workbench.tasks  # type: ignore[attr-defined]
        visit_task = next((t for t in tasks if t.rule is Rule.VISIT and t.loan_id is not None), None)
        maturity_task = next((t for t in tasks if t.rule is Rule.MATURITY), None)
        forms = [("form-visit", RecordKind.VISIT, visit_task), ("form-use-check", RecordKind.USE_CHECK, visit_task),
                 ("form-anomaly", RecordKind.ANOMALY, visit_task),
                 ("form-maturity", RecordKind.MATURITY_ASSESSMENT, maturity_task),
                 ("form-preloan", RecordKind.PRELOAN_REVIEW, visit_task)]
        for name, kind, task in forms:
            if not (wanted(name) or (name == "form-visit" and wanted("form-visit-invalid"))) or task is None:
                continue
            loan_id = task.loan_id if kind is not RecordKind.PRELOAN_REVIEW else None
            form = create_form(store, kind, household_id=task.household_id, loan_id=loan_id)
            record_window = RecordWindow(form, window)
            _sized(record_window, 1280, 720)
            _fill_example(form, kind)
            if wanted(name):
                camera.shoot(name, record_window)
            if name == "form-visit" and wanted("form-visit-invalid"):
                form.fields["findings"].set_value("")
                form.submit()
                camera.shoot("form-visit-invalid", record_window)
            form.discard_draft()
            record_window.close()
        if wanted("help-about"):
            dialog = window.help_menus.show_about()
            camera.shoot("help-about", dialog)
            dialog.close()
        if wanted("help-shortcuts"):
            dialog = window.help_menus.show_shortcuts()
            camera.shoot("help-shortcuts", dialog)
            dialog.close()
        if wanted("lock"):
            window.lock()
            camera.shoot("lock", window)
    finally:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog):
                widget.close()
        window.shutdown()
        window.close()
        camera.settle()
        store.close()
    _ = Qt


def _needs_page(key: str) -> tuple[str, ...]:
    """The other screens reached from page ``key``."""
    return {"households": ("household-detail",), "loans": ("loan-detail",), "records": ("new-record",),
            "exchange": ("exchange-written",), "settings": ("settings-backup",)}.get(key, ())


def _prepare_reports(page: object, camera: Camera) -> None:
    """Show a print preview of the first record, as a supervisor would before printing."""
    table = getattr(page, "table", None)
    if table is None or table.model() is None or table.model().rowCount() == 0:
        return
    table.selectRow(table.model().rowCount() - 1)
    page.preview_selected()  # type: ignore[attr-defined]
    camera.settle(20)


def _fill_example(form: object, kind: object) -> None:
    """Type what a cadre would, so the form looks like work in progress rather than empty."""
    from app.models.enums import AnomalyKind, ProhibitedUse, RecordKind, UseConclusion

    fields = form.fields  # type: ignore[attr-defined]
    if kind is RecordKind.VISIT:
        fields["business_seen"].set_raw("牛圈里肉牛6头，膘情良好，饲草充足。")
        fields["findings"].set_raw("养殖正常，户主表示年底出栏后按时还款。")
        fields["income_estimate_fen"].set_raw("30,000")
        fields["used_as_declared"].set_value(True)
    elif kind is RecordKind.USE_CHECK:
        fields["observed_use"].set_raw("贷款中1.2万元用于购买家用轿车首付，其余购买饲料，有购车合同。")
        fields["prohibited_use"].set_value(ProhibitedUse.CONSUMPTION)
        fields["amount_misused_fen"].set_raw("12,000")
        fields["conclusion"].set_value(UseConclusion.PARTLY)
    elif kind is RecordKind.ANOMALY:
        fields["kind"].set_value(AnomalyKind.FAMILY_EVENT)
        fields["description"].set_raw("户主住院治疗，养殖由其妻子照看，本月还息可能推迟。")
        fields["measures"].set_raw("联系村委会了解医疗救助，下周再次回访。")
    elif kind is RecordKind.MATURITY_ASSESSMENT:
        fields["reason"].set_raw("肉牛已出栏4头，收入可覆盖本息。")
    form.revalidate()  # type: ignore[attr-defined]


# -- the processes ------------------------------------------------------------------------------------------
def offscreen_config(folder: Path) -> Path:
    config = folder / "screen.json"
    config.write_text(json.dumps({"synchronousWindowSystemEvents": False, "windowFrameMargins": False, "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1], "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    return config


def child(args: argparse.Namespace) -> int:
    """One Qt process: take the pictures of ``--only`` (or all) at ``--scale`` / ``--theme``."""
    from PySide6.QtWidgets import QApplication

    from app.ui import theme
    from app.ui.application import setup_application

    app = QApplication.instance() or QApplication(["fieldbook-screenshots"])
    setup_application(app, "zh_CN")  # type: ignore[arg-type]
    if args.contrast:
        theme.apply(app, theme.Preferences(150, True))  # type: ignore[arg-type]
    else:
        theme.apply(app, theme.Preferences())  # type: ignore[arg-type]
    camera = Camera(Path(args.out), args.suffix, args.audit)
    only = tuple(args.only.split(",")) if args.only else None
    shoot_all(Path(args.node), camera, only)
    if args.audit:
        for problem in camera.problems:
            print("audit:", problem)
    print(json.dumps({"taken": camera.taken}))
    return 0


def run_child(node: Path, out: Path, config: Path, scale: float, suffix: str, only: tuple[str, ...] | None,
              contrast: bool = False, audit: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=str(scale),
               FIELDBOOK_LANG="zh_CN", PYTHONPATH=str(ROOT))
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", "--node", str(node), "--out", str(out),
               f"--suffix={suffix}"]
    if only:
        command += ["--only", ",".join(only)]
    if contrast:
        command.append("--contrast")
    if audit:
        command.append("--audit")
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
    elif audit:
        sys.stdout.write("".join(line + "\n" for line in result.stdout.splitlines() if line.startswith("audit:")))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(IMAGES), help="folder for the PNGs (default docs/manual/images)")
    parser.add_argument("--households", type=int, default=300,
                        help="demo households in the field node's street (default 300)")
    parser.add_argument("--audit", action="store_true", help="list small touch targets and cut-off labels")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--node", help=argparse.SUPPRESS)
    parser.add_argument("--suffix", default="", help=argparse.SUPPRESS)
    parser.add_argument("--only", default="", help="comma-separated screen names (default: all)")
    parser.add_argument("--contrast", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.prepare:
        prepare(Path(args.node), args.households)
        return 0
    if args.child:
        return child(args)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    only = tuple(args.only.split(",")) if args.only else None
    with tempfile.TemporaryDirectory(prefix="fieldbook-shots-") as tmp:
        folder = Path(tmp)
        config = offscreen_config(folder)
        started = time.monotonic()
        prepare_in_child(folder, args.households)
        print(f"demo node ready in {time.monotonic() - started:.1f} s")
        plain = tuple(n for n in SHOTS if not n.endswith(("-125", "-contrast")))
        runs = [(1.0, "", tuple(n for n in plain if only is None or n in only), False),
                (1.25, "-125", tuple(n for n in SCALED if only is None or f"{n}-125" in only), False),
                (1.0, "-contrast", tuple(n for n in ("workbench", "form-visit")
                                         if only is None or f"{n}-contrast" in only), True)]
        for scale, suffix, names, contrast in runs:
            if names:
                run_child(folder, out, config, scale, suffix, names, contrast, args.audit)
        print(f"screenshots taken in {time.monotonic() - started:.1f} s")
    expected = [n for n in SHOTS if only is None or n in only]
    missing = [n for n in expected if not (out / f"{n}.png").exists()]
    if missing:
        print("could not reach: " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


def prepare_in_child(folder: Path, households: int) -> None:
    """Make the demo node in its own process (it installs a Qt core application for the translations)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--prepare", "--node", str(folder),
                    "--households", str(households)], env=env, check=True, timeout=600)


if __name__ == "__main__":
    sys.exit(main())
