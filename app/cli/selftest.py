"""``fieldbook --self-test``: an offscreen smoke test of this build (source checkout or frozen installer output).

It proves that the pieces a frozen build most easily loses are there and work: Qt's platform plugin and widgets
(the login window is built and shown), the SQLCipher driver and Argon2 (a node is created and reopened in a
temporary folder, never the user's), the Alembic scripts (the new node is migrated to the head revision), pypinyin's
data, the compiled Chinese catalogue, reportlab with its CJK font (a PDF is printed), every screen module (each page
of the navigation, each record form, every other module of ``app.ui``: a module left out of the build, or a library
one of them needs, fails here instead of at a click), and a visit record printed with its QR code the way the
Reports page does it, then loaded and drawn by QtPdf (its Qt libraries, reportlab's barcode modules). One line per
step; exit code 0 when every step passed, 1 with the failing step named otherwise. The user's data folder is never
touched.

The login-window step runs first so that its time is a cold start: imports, QApplication, window, first paint.
On Linux and Windows it also reports the time since the process started (the frozen bootloader included).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import APP_ID, __version__, i18n
from app.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

ADMIN = "selftest"
PASSWORD = "self-test password"  # noqa: S105 - a throwaway node in a temporary folder
STREET = "610111001"
HEAD_NAME = "张三丰"
#: a string whose Chinese translation the catalogue must carry
KNOWN_STRING = QT_TRANSLATE_NOOP("SelfTest", "Fieldbook self-test")
MIN_PDF_BYTES = 1000


class StepFailed(Exception):
    """A check inside a step did not hold; the message says which (already translated)."""


@dataclass
class SelfTestState:
    folder: Path
    node_dir: Path
    store: Any = None
    household_id: uuid.UUID | None = None
    qt_app: Any = None
    keep: list[Any] = field(default_factory=list)


def process_age_ms() -> float | None:
    """Milliseconds since this process started (Linux, Windows); None where it cannot be read cheaply."""
    try:
        if sys.platform.startswith("linux"):
            stat = Path("/proc/self/stat").read_text()
            start_ticks = int(stat[stat.rindex(")") + 2:].split()[19])  # field 22, "starttime"
            uptime = float(Path("/proc/uptime").read_text().split()[0])
            return (uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000.0
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            creation, exited, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
            kernel32 = ctypes.windll.kernel32
            if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), ctypes.byref(creation),
                                            ctypes.byref(exited), ctypes.byref(kernel), ctypes.byref(user)):
                return None
            kernel32.GetSystemTimePreciseAsFileTime(ctypes.byref(now))

            def ticks(value: Any) -> int:
                return (int(value.dwHighDateTime) << 32) | int(value.dwLowDateTime)

            return (ticks(now) - ticks(creation)) / 10_000.0  # FILETIME counts 100 ns
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return None


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


# -- steps ------------------------------------------------------------------------------------------------
def step_build(state: SelfTestState) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    kind = translate("SelfTest", "frozen build") if getattr(sys, "frozen", False) else \
        translate("SelfTest", "source checkout")
    return translate("SelfTest", "Fieldbook {version} ({app_id}), {kind}, Python {python}, Qt {qt}, PySide {pyside}",
                     version=__version__, app_id=APP_ID, kind=kind, python=sys.version.split()[0], qt=qVersion(),
                     pyside=pyside_version)


def _qapplication() -> Any:
    """The QApplication, replacing the core application the CLI made for its messages."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    existing = QCoreApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    language = i18n.current_language()
    if existing is not None:
        i18n.install("en")  # removes the translator while its application still exists
        existing.shutdown()
    app = QApplication(sys.argv[:1])
    i18n.install(language)
    return app


@contextlib.contextmanager
def _quiet_offscreen() -> Iterator[None]:
    """Drop the offscreen plugin's "does not support propagateSizeHints()" notice; pass every other message on."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: Any, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        level = logging.DEBUG if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) else logging.WARNING
        log.log(level, "Qt: %s", message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def step_login_window(state: SelfTestState) -> str:
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from app.db.store import NodeInfo
    from app.ui.application import setup_application
    from app.ui.login import LoginWindow

    imported = time.perf_counter()
    state.qt_app = _qapplication()
    setup_application(state.qt_app, i18n.current_language())  # fonts and translators as the GUI sets them
    application = time.perf_counter()
    info = NodeInfo(node_id=str(uuid.uuid4()), role="field", name=translate("SelfTest", "Self-test node"),
                    street_code=STREET)
    window = LoginWindow(state.node_dir, info)
    with _quiet_offscreen():
        window.show()
    deadline = time.perf_counter() + 5.0
    while not (window.windowHandle() is not None and window.windowHandle().isExposed()) \
            and time.perf_counter() < deadline:
        QApplication.processEvents()
    _check(window.isVisible(), translate("SelfTest", "the login window did not appear"))
    frame = window.grab()  # the first full paint, as the user would see it
    _check(not frame.isNull() and frame.width() > 0, translate("SelfTest", "the login window did not paint"))
    shown = time.perf_counter()
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    age = process_age_ms()
    detail = translate("SelfTest", "shown in {total} ms (imports {imports} ms, application {app} ms, "
                                   "window {window} ms)",
                       total=_ms(shown - started), imports=_ms(imported - started), app=_ms(application - imported),
                       window=_ms(shown - application))
    if age is not None:
        detail += translate("SelfTest", "; {ms} ms after the process started", ms=f"{age:.0f}")
    return detail


def step_create_node(state: SelfTestState) -> str:
    from app.db.keyring import KdfParams
    from app.db.store import Store

    # a light Argon2 cost: this checks that the code and the libraries work, not the production cost
    kdf = KdfParams(iterations=1, memory_kib=8192, lanes=1)
    state.store, recovery = Store.create(state.node_dir, "field", translate("SelfTest", "Self-test node"), STREET,
                                         ADMIN, PASSWORD, kdf=kdf)
    _check(bool(recovery), translate("SelfTest", "no recovery code was made"))
    return str(state.node_dir)


def step_migrations(state: SelfTestState) -> str:
    from app.db import migrate

    scripts = Path(migrate.__file__).parent / "migrations" / "versions"
    _check(scripts.is_dir(), translate("SelfTest", "the migration scripts are missing from {path}", path=scripts))
    head = migrate.head_revision()
    current = migrate.current_revision(state.store.engine)
    _check(current == head, translate("SelfTest", "the database is at schema {current}, not {head}",
                                      current=current, head=head))
    return translate("SelfTest", "schema {revision} ({n} revisions known)", revision=head,
                     n=len(migrate.known_revisions()))


def step_write_read(state: SelfTestState) -> str:
    import sqlalchemy as sa

    from app.domain.codes import citizen_id_check_char, is_valid_citizen_id
    from app.domain.names import pinyin_initials
    from app.models.households import Household

    first17 = "61011119800101001"
    citizen_id = first17 + citizen_id_check_char(first17)
    _check(is_valid_citizen_id(citizen_id), translate("SelfTest", "the citizen ID check is broken"))
    initials = pinyin_initials(HEAD_NAME)
    _check(initials == "zsf", translate("SelfTest", "pinyin initials are wrong: {value}", value=initials))
    with state.store.write() as session:
        household = Household(street_code=STREET, head_name=HEAD_NAME, head_initials=initials,
                              head_citizen_id=citizen_id, size=3, created_by=ADMIN, updated_by=ADMIN)
        session.add(household)
        session.flush()
        state.household_id = household.id
    with state.store.read() as session:
        row = session.execute(sa.select(Household).where(Household.id == state.household_id)).scalar_one()
        _check(row.head_name == HEAD_NAME and row.head_citizen_id == citizen_id,
               translate("SelfTest", "the record read back differs from the one written"))
    return translate("SelfTest", "household {name} ({initials})", name=HEAD_NAME, initials=initials)


def step_reopen(state: SelfTestState) -> str:
    import sqlalchemy as sa

    from app.db.store import Store
    from app.models.households import Household

    state.store.close()
    state.store = None
    state.store = Store.open(state.node_dir, ADMIN, PASSWORD)
    with state.store.read() as session:
        count = session.execute(sa.select(sa.func.count()).select_from(Household)).scalar_one()
    _check(count == 1, translate("SelfTest", "{n} households found after reopening, expected 1", n=count))
    return translate("SelfTest", "logged in again as {user}", user=ADMIN)


def step_check(state: SelfTestState) -> str:
    problems = state.store.check()
    _check(not problems, "; ".join(problems[:3]))
    return translate("SelfTest", "database, encryption and audit chain intact")


def step_translation(state: SelfTestState) -> str:
    previous = i18n.current_language()
    try:
        installed = i18n.install("zh_CN")
        _check(installed == "zh_CN", translate("SelfTest", "the Chinese catalogue is missing ({path})",
                                               path=i18n.qm_path("zh_CN")))
        text = translate("SelfTest", KNOWN_STRING)
        _check(text != KNOWN_STRING and any("\u4e00" <= c <= "\u9fff" for c in text),
               translate("SelfTest", "the Chinese catalogue does not translate \"{source}\"", source=KNOWN_STRING))
    finally:
        i18n.install(previous)
    return f"\"{KNOWN_STRING}\" → \"{text}\""


def step_pdf(state: SelfTestState) -> str:
    import sqlalchemy as sa
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from app.models.households import Household
    from app.reports.pdf.fonts import draw_text, register_fonts

    with state.store.read() as session:
        name = session.execute(sa.select(Household.head_name).where(Household.id == state.household_id)).scalar_one()
    register_fonts()  # the shipped TrueType fonts, embedded as subsets (a frozen build must find them)
    path = state.folder / "self-test.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle(translate("SelfTest", KNOWN_STRING))
    draw_text(pdf, 72, 770, "扶贫小额信贷外业手簿 · " + translate("SelfTest", KNOWN_STRING), 18)
    draw_text(pdf, 72, 740, translate("SelfTest", "Head of household: {name}", name=name), 14)
    pdf.showPage()
    pdf.save()
    data = path.read_bytes()
    _check(data.startswith(b"%PDF-") and b"%%EOF" in data[-64:] and len(data) >= MIN_PDF_BYTES,
           translate("SelfTest", "the PDF is damaged or empty ({n} bytes)", n=len(data)))
    return translate("SelfTest", "{n} bytes", n=len(data))


def step_screens(state: SelfTestState) -> str:
    import importlib
    import pkgutil

    import app.ui
    from app.models.enums import RecordKind
    from app.ui.forms import form_class
    from app.ui.pages import PAGES

    pages = [spec.factory for spec in PAGES]  # imports the module of each page (or feature package)
    forms = [form_class(kind) for kind in RecordKind]
    # Every other screen module too; in a frozen build pkgutil lists what the bundle holds (PyInstaller's
    # pkgutil hook), so a module missing from it is not noticed here, but the pages and forms above are.
    names = sorted(info.name for info in pkgutil.walk_packages(app.ui.__path__, "app.ui."))
    for name in names:
        importlib.import_module(name)
    return translate("SelfTest", "{pages} pages, {forms} record forms, {modules} modules of app.ui",
                     pages=len(pages), forms=len(forms), modules=len(names))


def step_visit_pdf(state: SelfTestState) -> str:
    import datetime as dt

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    from app.domain import records as rec
    from app.models.enums import BusinessStatus, RecordKind, RepaymentAbility, VisitType, Willingness
    from app.reports.pdf.forms import print_records

    today = dt.date.today()
    values = {"visited_on": today, "visit_type": VisitType.ROUTINE, "visitors": translate("SelfTest", "Self-test"),
              "people_met": HEAD_NAME, "business_status": BusinessStatus.NORMAL, "business_seen": "养牛5头",
              "family_changes": "", "income_estimate_fen": 3_000_000, "willingness": Willingness.WILLING,
              "ability": RepaymentAbility.ABLE, "used_as_declared": True, "findings": "养殖正常", "follow_up": "",
              "next_visit_on": None, "household_confirmed": True}
    submitted = rec.submit(state.store, RecordKind.VISIT, values, household_id=state.household_id, today=today)
    result = print_records(state.store, RecordKind.VISIT, [submitted.record_id], audit=False)  # the preview's path
    data = result.data or b""
    _check(data.startswith(b"%PDF-") and len(data) >= MIN_PDF_BYTES,
           translate("SelfTest", "the PDF is damaged or empty ({n} bytes)", n=len(data)))

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)
        pages = document.pageCount()
        _check(pages >= 1, translate("SelfTest", "QtPdf could not read the visit record ({status})",
                                     status=str(document.status())))
        image = document.render(0, QSize(298, 421)).convertToFormat(QImage.Format.Format_Grayscale8)
        _check(not image.isNull(), translate("SelfTest", "QtPdf did not draw the visit record"))
        ink = sum(1 for value in bytes(image.constBits()) if value < 128)
        _check(ink > 1000, translate("SelfTest", "QtPdf drew the visit record blank"))
    finally:
        document.close()
        buffer.close()
    return translate("SelfTest", "code {code}, {bytes} bytes, {pages} pages drawn by QtPdf", code=result.codes[0],
                     bytes=len(data), pages=pages)


def step_workbook(state: SelfTestState) -> str:
    from openpyxl import Workbook

    from app.reports.reader import read_table

    path = state.folder / "self-test.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["户主姓名", "家庭人口"])
    sheet.append([HEAD_NAME, 4])
    sheet.append(["李四", 3])
    book.save(path)
    table = read_table(path, {"name": ("户主姓名",), "size": ("家庭人口",)}, (("name",),),
                       {"name": "户主姓名", "size": "家庭人口"})
    rows = list(table.rows)
    _check(len(rows) == 2 and rows[0].value(table.column("name")) == HEAD_NAME
           and not any(row.problems for row in rows),
           translate("SelfTest", "the workbook reader (python-calamine) read the wrong rows"))
    return translate("SelfTest", "{n} rows read by python-calamine", n=len(rows))


def step_gm_suite(state: SelfTestState) -> str:
    """Suite ``gm``'s algorithms (issue 24): SM2 from GmSSL compiled into gmssl-pyx's extension module (a build that
    left it out fails here, not at a district's first gm bundle), SM3 and SM4-GCM from ``cryptography``'s OpenSSL."""
    from app.sync import gm

    private, public = gm.sm2_generate()
    message = translate("SelfTest", KNOWN_STRING).encode("utf-8")
    signature = gm.sm2_sign(private, public, message)
    _check(gm.sm2_verify(public, message, signature) and not gm.sm2_verify(public, message + b"!", signature),
           translate("SelfTest", "the SM2 signature (gmssl-pyx) does not verify as it should"))
    file_key = os.urandom(gm.SM4_KEY_BYTES)
    _check(gm.sm2_decrypt(private, gm.sm2_encrypt(public, file_key)) == file_key,
           translate("SelfTest", "SM2 encryption (gmssl-pyx) does not give back what it encrypted"))
    nonce = os.urandom(12)
    sealed = gm.SM4GCM(file_key).encrypt(nonce, message, b"self-test")
    _check(gm.SM4GCM(file_key).decrypt(nonce, sealed, b"self-test") == message
           and gm.sm3(b"abc").hex().startswith("66c7f0f4"),
           translate("SelfTest", "SM4-GCM or SM3 (cryptography) does not give the expected result"))
    return translate("SelfTest", "SM2 signature and encryption, SM4-GCM, SM3")


#: (label, step) in the order they run; labels are translated when shown
STEPS: tuple[tuple[str, Callable[[SelfTestState], str]], ...] = (
    (QT_TRANSLATE_NOOP("SelfTest", "build"), step_build),
    (QT_TRANSLATE_NOOP("SelfTest", "login window"), step_login_window),
    (QT_TRANSLATE_NOOP("SelfTest", "create a node"), step_create_node),
    (QT_TRANSLATE_NOOP("SelfTest", "migrations"), step_migrations),
    (QT_TRANSLATE_NOOP("SelfTest", "write and read a record"), step_write_read),
    (QT_TRANSLATE_NOOP("SelfTest", "reopen with the password"), step_reopen),
    (QT_TRANSLATE_NOOP("SelfTest", "integrity check"), step_check),
    (QT_TRANSLATE_NOOP("SelfTest", "translation"), step_translation),
    (QT_TRANSLATE_NOOP("SelfTest", "print a PDF"), step_pdf),
    (QT_TRANSLATE_NOOP("SelfTest", "read a workbook"), step_workbook),
    (QT_TRANSLATE_NOOP("SelfTest", "every screen module"), step_screens),
    (QT_TRANSLATE_NOOP("SelfTest", "a visit record with its QR code, shown by QtPdf"), step_visit_pdf),
    (QT_TRANSLATE_NOOP("SelfTest", "the gm bundle suite (SM2, SM3, SM4)"), step_gm_suite),
)


def _cleanup(state: SelfTestState) -> None:
    if state.store is not None:
        try:
            state.store.close()
        except Exception:  # a failed step may have left it half-open; the folder goes anyway
            log.exception("self-test: closing the store failed")
        state.store = None
    shutil.rmtree(state.folder, ignore_errors=True)


def run(out: Callable[[str], None] | None = None) -> int:
    """Run every step; returns the process exit code."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    def say(text: str) -> None:
        (out or (lambda line: print(line, flush=True)))(text)

    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="fieldbook-selftest-"))
    state = SelfTestState(folder=folder, node_dir=folder / "node")
    try:
        for number, (label, step) in enumerate(STEPS, start=1):
            began = time.perf_counter()
            try:
                detail = step(state)
            except Exception as exc:
                reason = str(exc) if isinstance(exc, StepFailed) else f"{type(exc).__name__}: {exc}"
                reason = reason.strip().splitlines()[0][:300] if reason.strip() else type(exc).__name__
                if not isinstance(exc, StepFailed):
                    log.exception("self-test step %s failed", label)
                print(translate("SelfTest", "[{n}/{total}] FAILED {step}: {reason}", n=number, total=len(STEPS),
                                step=translate("SelfTest", label), reason=reason), file=sys.stderr, flush=True)
                print(translate("SelfTest", "Self-test failed at the step \"{step}\".",
                                step=translate("SelfTest", label)), file=sys.stderr, flush=True)
                return 1
            say(translate("SelfTest", "[{n}/{total}] ok {step} ({ms} ms): {detail}", n=number, total=len(STEPS),
                          step=translate("SelfTest", label), ms=_ms(time.perf_counter() - began), detail=detail))
    finally:
        _cleanup(state)
        with contextlib.suppress(Exception):
            from PySide6.QtWidgets import QApplication

            QApplication.processEvents()
    say(translate("SelfTest", "Self-test passed: {n} steps in {seconds} s.", n=len(STEPS),
                  seconds=f"{time.perf_counter() - started:.1f}"))
    return 0
