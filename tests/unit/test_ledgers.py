"""Excel ledgers: layout, masked IDs, permissions, cancel leaves nothing, export → import round trip."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
import sqlalchemy as sa

from app.cancel import CancelToken
from app.db.store import Store
from app.errors import Cancelled, PermissionDenied, ValidationError
from app.models import AuditEntry
from app.reports import ledgers
from app.reports.import_households import import_households
from app.reports.import_loans import import_loans
from app.reports.ledgers import LEDGERS, export_ledger
from tests.conftest import FAST_KDF
from tests.ledger_rows import data_rows
from tests.unit.test_import_workbooks import audit_count, build_workbook, make_id


@pytest.fixture
def filled(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    header = ["街道", "村", "组", "户主姓名", "身份证号", "联系电话", "家庭人口", "贫困户属性", "状态日期"]
    rows = [["纺织城", "东村", "1组", "张三", make_id(1), "13800000001", 3, "建档立卡", "2016-05-01"],
            ["狄寨", "北村", "2组", "李四", make_id(2), "", 2, "已脱贫", "2019-12-01"],
            ["狄寨", "北村", "3组", "王五", make_id(3), "029-83512345", 4, "监测对象", None]]
    import_households(store, build_workbook(tmp_path / "roster.xlsx", header, rows))
    header = ["经办银行", "合同编号", "借款人", "身份证号", "贷款金额", "放款日期", "期限", "利率", "用途", "余额",
              "逾期金额", "逾期日期"]
    loans = [["灞桥农商银行", "A1", "张三", make_id(1), 50000, "2019-03-01", 36, "4.75%", "养牛", 50000, None, None],
             ["灞桥农商银行", "A2", "李四", make_id(2), 30000, "2025-12-15", 12, "4.35%", "种植", 30000, None, None],
             ["邮储银行", "B1", "王五", make_id(3), 20000.5, "2024-01-10", 24, "4.75%", "小卖部", 5000, 5000,
              "2026-01-11"]]
    report = import_loans(store, build_workbook(tmp_path / "loans.xlsx", header, loans))
    assert report.counts["loans"].added == 3, report.refused
    return store


def test_post_loan_ledger_layout(filled, tmp_path):
    out = tmp_path / "台账.xlsx"
    calls = []
    result = export_ledger(filled, "post-loan", out, as_of=dt.date(2026, 11, 27),
                           progress=lambda done, total: calls.append((done, total)))
    assert result.rows == 3 and calls[-1] == (3, 3)
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "灞桥区扶贫小额信贷贷后监管台账（截至2026-11-27）" and ws["A1"].font.b
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:V1"]
    assert ws.freeze_panes == "A3"
    header = [c.value for c in ws[2]]
    assert header[:8] == ["序号", "街道", "村", "户主姓名", "借款人", "身份证号", "经办银行", "贷款合同编号"]
    assert header[-1] == "最近回访日期"
    rows = {r[7].value: r for r in data_rows(ws)}
    a1 = rows["A1"]
    col = {name: i for i, name in enumerate(header)}
    assert a1[col["身份证号"]].value == "6101**********" + make_id(1)[-4:]
    assert a1[col["身份证号"]].number_format == "@"
    assert a1[col["放款日期"]].value.date() == dt.date(2019, 3, 1)
    assert a1[col["放款日期"]].number_format == "yyyy-mm-dd"
    assert a1[col["贷款金额(元)"]].value == 50000 and a1[col["贷款金额(元)"]].number_format == "#,##0.00"
    assert a1[col["逾期天数"]].value > 600  # matured 2022-03-01 and never repaid
    assert rows["B1"][col["贷款金额(元)"]].value == 20000.5
    assert rows["B1"][col["逾期天数"]].value == (dt.date(2026, 11, 27) - dt.date(2026, 1, 11)).days + 1
    assert rows["A2"][col["逾期天数"]].value == 0
    assert ws.column_dimensions["F"].width > 15


def test_export_is_audited_without_personal_data(filled, tmp_path):
    export_ledger(filled, "households", tmp_path / "hh.xlsx", as_of=dt.date(2026, 11, 27))
    with filled.read() as session:
        entry = session.execute(sa.select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
    data = json.loads(entry.data)
    assert entry.action == "export" and entry.local
    assert data == {"kind": "ledger:households", "rows": 3, "full_ids": False, "as_of": "2026-11-27"}
    ws = openpyxl.load_workbook(tmp_path / "hh.xlsx").active
    assert ws["A1"].value == "灞桥区建档立卡贫困户花名册（截至2026-11-27）"
    assert all("*" in r[6].value for r in data_rows(ws))


def test_full_ids_need_the_permission(filled, tmp_path, node_dir, monkeypatch):
    result = export_ledger(filled, "households", tmp_path / "full.xlsx", full_ids=True)
    assert result.full_ids
    ws = openpyxl.load_workbook(tmp_path / "full.xlsx").active
    assert {r[6].value for r in data_rows(ws)} == {make_id(1), make_id(2), make_id(3)}
    filled.add_user("boss", "supervisor", "boss pass 12", kdf=FAST_KDF)
    boss = Store.open(node_dir, "boss", "boss pass 12")
    try:
        monkeypatch.setattr(ledgers, "has_permission", lambda role, permission: False)
        with pytest.raises(PermissionDenied, match="full citizen IDs"):
            export_ledger(boss, "households", tmp_path / "no.xlsx", full_ids=True)
        assert not (tmp_path / "no.xlsx").exists()
    finally:
        boss.engine.dispose()
    filled.add_user("cadre", "field", "cadre pass 12", kdf=FAST_KDF)
    cadre = Store.open(node_dir, "cadre", "cadre pass 12")
    try:
        with pytest.raises(PermissionDenied):
            export_ledger(cadre, "post-loan", tmp_path / "no.xlsx")
    finally:
        cadre.engine.dispose()


def test_cancelled_or_failed_export_leaves_no_file(filled, tmp_path, monkeypatch):
    token = CancelToken()
    folder = tmp_path / "usb"
    folder.mkdir()
    out = folder / "cancel.xlsx"
    monkeypatch.setattr(ledgers, "BATCH", 1)

    def progress(done, total):
        token.cancel()

    before = audit_count(filled)
    with pytest.raises(Cancelled):
        export_ledger(filled, "post-loan", out, progress=progress, cancel=token)
    assert list(folder.iterdir()) == [], "no partial file and no temporary file left"
    assert audit_count(filled) == before
    out.write_bytes(b"old ledger")
    monkeypatch.setattr(ledgers, "word_of", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        export_ledger(filled, "post-loan", out)
    assert out.read_bytes() == b"old ledger" and list(folder.iterdir()) == [out]


def test_unknown_kind(filled, tmp_path):
    with pytest.raises(ValidationError, match="households, post-loan"):
        export_ledger(filled, "nope", tmp_path / "x.xlsx")
    assert {"households", "post-loan"} <= set(LEDGERS)


def test_round_trip_export_import_changes_nothing(filled, tmp_path):
    export_ledger(filled, "households", tmp_path / "hh.xlsx", full_ids=True)
    export_ledger(filled, "post-loan", tmp_path / "pl.xlsx", full_ids=True)
    before = audit_count(filled)
    households = import_households(filled, tmp_path / "hh.xlsx")
    loans = import_loans(filled, tmp_path / "pl.xlsx")
    assert households.counts["households"].unchanged == 3 and not households.refused, households.refused
    assert loans.counts["loans"].unchanged == 3 and not loans.refused, loans.refused
    assert audit_count(filled) == before
    # masked exports cannot be imported by mistake: every row is refused with the reason
    export_ledger(filled, "households", tmp_path / "masked.xlsx")
    report = import_households(filled, tmp_path / "masked.xlsx")
    assert len(report.refused) == 3
    assert all(row.problems[0].code == "id_masked" and "隐藏" in row.chinese() for row in report.refused)
