"""Operations of the registry, risk, bundles and GUI issues: ``warnings``, ``roster_import``, ``ledger_export``,
``bundle_export``, ``bundle_import`` and ``main_window``, each against its plain-library limit measured in the
same run on the same rows (issue 11): a plain indexed SQL read for warnings, openpyxl merely reading the roster
for its import (issue 22; calamine's read and a plain SQLCipher ``executemany`` as further limits), plain openpyxl
write-only for Excel, a bare ``QMainWindow`` for the window.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path
from typing import Any

from app.bench.ops import SCRATCH_KDF
from app.bench.registry import Measure, register
from app.bench.runner import ADMIN, PASSWORD, BenchContext

ROSTER_ROWS = 10_000
BUNDLE_VISITS = 10_000


def _plain(ctx: BenchContext) -> Any:
    from sqlcipher3 import dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(ctx.node_dir / "fieldbook.db"))
    conn.execute(f"PRAGMA key = \"x'{ctx.key.hex()}'\"")
    conn.execute("PRAGMA cache_size = -131072")
    return conn


# -- warnings ----------------------------------------------------------------------------------------------------
def _warnings(ctx: BenchContext, _state: Any, _arg: Any) -> int:
    from app.domain.risk_query import warnings

    return len(warnings(ctx.store, as_of=dt.date.today()))


def _warnings_limit(ctx: BenchContext, _state: Any, _arg: Any) -> int:
    conn = _plain(ctx)
    try:
        rows = conn.execute("SELECT id, matures_on, overdue_since, balance_fen, status, risk_class, disbursed_on "
                            "FROM loans WHERE deleted = 0").fetchall()
    finally:
        conn.close()
    return len(rows)


def _loans(ctx: BenchContext, _state: Any) -> int:
    ctx.store  # noqa: B018 - builds the node on first use
    return ctx.counts.get("loans", 0)


register("warnings", _warnings, limit=_warnings_limit, rows=_loans,
         description="every risk warning of every loan (risk_query.warnings), as of today",
         target="≤ 2 s for 100,000 loans (issue 5); 150,000 loans ≤ 2 s (issue 11)")


# -- roster import -------------------------------------------------------------------------------------------------
def _id(seq: int) -> str:
    from app.domain.codes import citizen_id_check_char

    birth = dt.date(1960, 1, 1) + dt.timedelta(days=seq // 500)
    body = f"610111{birth:%Y%m%d}{seq % 500 + 500:03d}"
    return body + citizen_id_check_char(body)


def _roster_setup(ctx: BenchContext) -> dict[str, Any]:
    from openpyxl import Workbook

    path = ctx.scratch / "roster-10000.xlsx"
    rows = [(f"HH{i:05d}", "纺织城街道", "东村", f"{i % 9 + 1}组", f"王{i:05d}", _id(i), f"139{i:08d}",
             "纺织城街道东村", 3, "建档立卡贫困户") for i in range(ROSTER_ROWS)]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["灞桥区建档立卡贫困户花名册"])
    sheet.append(["户编号", "街道", "村", "组", "户主姓名", "身份证号", "联系电话", "家庭住址", "家庭人口",
                  "贫困户属性"])
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return {"path": path, "rows": rows}


def _fresh_node(ctx: BenchContext, _state: Any) -> Any:
    from app.db.keyring import KdfParams
    from app.db.store import Store

    store, _ = Store.create(ctx.scratch / f"import-{uuid.uuid4().hex[:8]}", "hub", "bench", None, ADMIN, PASSWORD,
                            kdf=KdfParams(**SCRATCH_KDF))
    return store


def _roster_import(_ctx: BenchContext, state: dict[str, Any], store: Any) -> Any:
    from app.reports.import_households import import_households

    report = import_households(store, state["path"])
    assert report.counts["households"].added == ROSTER_ROWS, report.summary_lines()
    return store


def _dispose(_ctx: BenchContext, _state: Any, store: Any) -> None:
    store.engine.dispose()


def _plain_db(ctx: BenchContext, _state: Any) -> Any:
    from sqlcipher3 import dbapi2 as sqlcipher

    path = ctx.scratch / f"plain-{uuid.uuid4().hex[:8]}.db"
    conn = sqlcipher.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE households (id TEXT PRIMARY KEY, street TEXT, village TEXT, grp TEXT, name TEXT, "
                 "citizen_id TEXT UNIQUE, phone TEXT, address TEXT, size INTEGER, status TEXT)")
    return conn


def _roster_limit(_ctx: BenchContext, state: dict[str, Any], conn: Any) -> Any:
    with conn:
        conn.executemany("INSERT INTO households VALUES (?,?,?,?,?,?,?,?,?,?)",
                         [(uuid.uuid4().hex, r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9])
                          for r in state["rows"]])
    return conn


def _close(_ctx: BenchContext, _state: Any, conn: Any) -> None:
    conn.close()


def _openpyxl_read(_ctx: BenchContext, state: dict[str, Any], _arg: Any) -> int:
    """openpyxl merely reading the file (read-only, cached values), every cell of every row."""
    import openpyxl

    workbook = openpyxl.load_workbook(state["path"], read_only=True, data_only=True)
    try:
        return sum(1 for sheet in workbook.worksheets for _ in sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def _calamine_read(_ctx: BenchContext, state: dict[str, Any], _arg: Any) -> int:
    """calamine reading the same file into Python rows (the reader the import uses)."""
    import python_calamine

    with python_calamine.CalamineWorkbook.from_path(str(state["path"])) as workbook:
        return len(workbook.get_sheet_by_index(0).to_python(skip_empty_area=False))


register("roster_import", _roster_import, setup=_roster_setup, prepare=_fresh_node, cleanup=_dispose,
         limit=_openpyxl_read, rows=lambda _c, _s: ROSTER_ROWS,
         more_limits={"calamine_read": _calamine_read,
                      "plain_insert": Measure(run=_roster_limit, prepare=_plain_db, cleanup=_close)},
         needs_node=False, description="import of a 10,000-row roster workbook into a fresh node (audited), against "
                                       "openpyxl merely reading the file, calamine reading it, and a plain "
                                       "executemany of its rows",
         target="≤ the openpyxl read of the same file, ratio ≤ 1.0 (issue 22); ≤ 10 s (issue 3)")


# -- ledger export -------------------------------------------------------------------------------------------------
def _ledger_export(ctx: BenchContext, _state: Any, _arg: Any) -> None:
    from app.reports.ledgers import export_ledger

    export_ledger(ctx.store, "post-loan", ctx.scratch / "post-loan.xlsx")


def _ledger_limit(ctx: BenchContext, _state: Any, _arg: Any) -> None:
    from openpyxl import Workbook

    conn = _plain(ctx)
    try:
        rows = conn.execute("SELECT street_code, contract_no, borrower_name, borrower_citizen_id, amount_fen, "
                            "disbursed_on, matures_on, term_months, rate_bp, purpose_text, balance_fen, overdue_fen, "
                            "risk_class, status FROM loans WHERE deleted = 0").fetchall()
    finally:
        conn.close()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(list(row))
    workbook.save(ctx.scratch / "plain.xlsx")


register("ledger_export", _ledger_export, limit=_ledger_limit, rows=_loans,
         description="post-loan ledger (贷后监管台账) of every loan to .xlsx",
         target="≤ 30 s for 100,000 loans (issue 3)")


# -- bundles -------------------------------------------------------------------------------------------------------
def _bundle_setup(ctx: BenchContext) -> dict[str, Any]:
    from app.db.keyring import KdfParams
    from app.db.store import Store
    from app.models import Household
    from app.models.records import Visit
    from app.sync import enroll

    kdf = KdfParams(**SCRATCH_KDF)
    base = ctx.scratch / f"bundle-{uuid.uuid4().hex[:8]}"
    hub, _ = Store.create(base / "hub", "hub", "hub", None, ADMIN, PASSWORD, kdf=kdf)
    field, _ = Store.create(base / "field", "field", "field", "610111001", ADMIN, PASSWORD, kdf=kdf)
    enroll.write_request(field, base / "request.json")
    enroll.approve(hub, base / "request.json", base / "certificate.json")
    enroll.accept(field, base / "certificate.json")
    with field.write() as session:
        households = [{"street_code": "610111001", "head_name": f"户{i}", "head_citizen_id": _id(i)}
                      for i in range(100)]
        field.audit.bulk_insert(session, Household, households)
        field.audit.bulk_insert(session, Visit, [
            {"household_id": households[i % 100]["id"], "version": 1,
             "visited_on": dt.date(2025, 1, 1) + dt.timedelta(days=i % 300), "findings": f"第{i}次回访，经营正常。"}
            for i in range(BUNDLE_VISITS)])
    return {"hub": hub, "field": field, "base": base}


def _bundle_export(_ctx: BenchContext, state: dict[str, Any], _arg: Any) -> Path:
    from app.sync.export import export_bundles

    out = state["base"] / f"out-{uuid.uuid4().hex[:6]}"
    result = export_bundles(state["field"], out, to=state["hub"].info.node_id)[0]
    assert result.path is not None, "the field node has changes for the hub"
    state["bundle"] = result.path
    return result.path


def _hub_copy(_ctx: BenchContext, state: dict[str, Any]) -> Any:
    """A fresh copy of the enrolled hub for each import run (the import must do the full work every time)."""
    import shutil

    from app.db.store import Store
    from app.sync.export import export_bundles

    if "bundle" not in state:
        out = state["base"] / "out-import"
        state["bundle"] = export_bundles(state["field"], out, to=state["hub"].info.node_id)[0].path
    state["hub"].engine.dispose()
    target = state["base"] / f"hub-{uuid.uuid4().hex[:6]}"
    shutil.copytree(state["base"] / "hub", target, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm"))
    return Store.open(target, ADMIN, PASSWORD)


def _bundle_import(_ctx: BenchContext, state: dict[str, Any], hub: Any) -> Any:
    from app.sync.importer import import_bundle

    import_bundle(hub, Path(state["bundle"]))
    return hub


def _bundle_teardown(_ctx: BenchContext, state: dict[str, Any]) -> None:
    state["hub"].engine.dispose()
    state["field"].engine.dispose()


def _same_rows_node(ctx: BenchContext, state: dict[str, Any]) -> Any:
    """A fresh node and the field node's household and visit rows, for the plain-insert limit."""
    import sqlalchemy as sa

    from app.models import Household
    from app.models.records import Visit

    store = _fresh_node(ctx, state)
    with state["field"].read() as session:
        rows = [(model, [dict(r._mapping) for r in session.execute(sa.select(model.__table__))])
                for model in (Household, Visit)]
    return store, rows


def _same_rows_insert(_ctx: BenchContext, _state: Any, prepared: Any) -> Any:
    """The same rows into the same tables with a plain executemany: no merge, no log, no verification."""
    import sqlalchemy as sa

    store, rows = prepared
    with store.engine.connect() as conn:
        conn.info["audit_ok"] = 1  # the limit deliberately bypasses the audit log
        for model, values in rows:
            conn.execute(sa.insert(model.__table__), values)
        conn.commit()
    return prepared


def _dispose_prepared(_ctx: BenchContext, _state: Any, prepared: Any) -> None:
    prepared[0].engine.dispose()


register("bundle_export", _bundle_export, setup=_bundle_setup, teardown=_bundle_teardown,
         rows=lambda _c, _s: BUNDLE_VISITS + 100, needs_node=False,
         description="signed, encrypted bundle of 10,000 visits and 100 households from a field node to its hub")
register("bundle_import", _bundle_import, setup=_bundle_setup, prepare=_hub_copy, cleanup=_dispose,
         teardown=_bundle_teardown,
         limit=Measure(run=_same_rows_insert, prepare=_same_rows_node, cleanup=_dispose_prepared),
         rows=lambda _c, _s: BUNDLE_VISITS + 100, needs_node=False,
         description="verify, decrypt and merge that bundle at a copy of the hub (one transaction)",
         target="≥ 5,000 records/s and within 5× of a plain SQLCipher insert (issues 6, 11)")


# -- main window ---------------------------------------------------------------------------------------------------
def _qt() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["fieldbook-bench"])


def _main_window(ctx: BenchContext, _state: Any, _arg: Any) -> Any:
    from app.ui.main_window import MainWindow

    app = _qt()
    window = MainWindow(ctx.store)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    return window


def _close_window(_ctx: BenchContext, _state: Any, window: Any) -> None:
    window.close()
    window.deleteLater()
    _qt().processEvents()


def _bare_window(_ctx: BenchContext, _state: Any, _arg: Any) -> Any:
    from PySide6.QtWidgets import QMainWindow

    app = _qt()
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    return window


register("main_window", _main_window, cleanup=_close_window,
         limit=Measure(run=_bare_window, cleanup=_close_window),
         description="the main window built and shown on the node's data (workbench first), after login",
         target="≤ 1.5 s (issue 11); workbench ≤ 0.5 s on 50,000 households (issue 5)")
