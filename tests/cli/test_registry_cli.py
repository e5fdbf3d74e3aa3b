"""``import households|loans|repayments`` and ``export ledger`` through ``python main.py`` in a subprocess."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from tests.cli.conftest import assert_clean_failure
from tests.unit.test_import_workbooks import build_workbook, make_id

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "office"


def _init(cli):
    result = cli("init", "--role", "hub", "--name", "区扶贫办", "--admin", "admin")
    assert result.returncode == 0, result.stderr


def _roster(tmp_path):
    header = ["街道", "村", "户主姓名", "身份证号", "联系电话"]
    rows = [["纺织城", "东村", "张三", make_id(1), "13800000001"],
            ["狄寨", "北村", "李四", make_id(2), "13800000002"],
            ["狄寨", "北村", "王五", "6.10111E+17", ""]]
    return build_workbook(tmp_path / "roster.xlsx", header, rows, title="建档立卡贫困户名单")


def test_import_dry_run_errors_and_reimport(cli, tmp_path):
    _init(cli)
    roster = _roster(tmp_path)
    dry = cli("import", "households", str(roster), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Dry run: nothing was written" in dry.stdout
    assert "Households: 2 added, 0 updated, 0 unchanged, 1 refused" in dry.stdout
    errors = tmp_path / "refused.xlsx"
    real = cli("import", "households", str(roster), "--errors", str(errors))
    assert real.returncode == 0, real.stderr
    assert "Households: 2 added" in real.stdout and "1 rows were refused" in real.stdout
    assert "Row 5: Excel turned the citizen ID into a number" in real.stdout
    sheet = openpyxl.load_workbook(errors).active
    assert sheet.cell(2, sheet.max_column - 1).value.startswith("身份证号被Excel转成了数字")
    again = cli("import", "households", str(roster))
    assert again.returncode == 0 and "Households: 0 added, 0 updated, 2 unchanged, 1 refused" in again.stdout
    loans = build_workbook(tmp_path / "loans.xlsx", ["经办银行", "合同号", "户主姓名", "身份证号", "金额", "放款日期",
                                                     "期限(月)"],
                           [["农商行", "A1", "张三", make_id(1), "5万", "2024-03-01", 36]])
    result = cli("import", "loans", str(loans))
    assert result.returncode == 0, result.stderr
    assert "Loans: 1 added" in result.stdout and "Banks: 1 added" in result.stdout
    assert cli("check").returncode == 0


def test_one_message_per_cause_in_the_cli_and_the_error_workbook(cli, tmp_path):
    """A loan whose household is not imported, a mistyped check digit: the CLI (in Chinese) and the error
    workbook give the same words; the .ods fixture's column choice and hidden row are said too."""
    _init(cli)
    zh = {"FIELDBOOK_LANG": "zh_CN"}
    roster = cli("import", "households", str(FIXTURES / "roster.ods"), env=zh)
    assert roster.returncode == 0, roster.stderr
    assert "“身份证号”读取的是F（“身份证号”）列，未读取E（“身份证号码”，已隐藏）列。" in roster.stdout
    assert "有1个隐藏行未读取（第5行）" in roster.stdout and "第8行已导入，但未导入此项" in roster.stdout
    wrong = make_id(9)[:-1] + ("1" if make_id(9)[-1] != "1" else "2")
    loans = build_workbook(tmp_path / "loans.xlsx", ["经办银行", "合同号", "借款人姓名", "身份证号", "金额", "放款日期",
                                                     "期限(月)"],
                           [["农商行", "A1", "路人甲", make_id(300, "19700101"), "5万", "2024-03-01", 36],
                            ["农商行", "A2", "路人乙", wrong, "5万", "2024-03-01", 36]])
    errors = tmp_path / "refused.xlsx"
    result = cli("import", "loans", str(loans), "--errors", str(errors), env=zh)
    assert result.returncode == 0, result.stderr
    said = dict(re.findall(r"第(\d+)行：(.*)", result.stdout))
    sheet = openpyxl.load_workbook(errors).active
    written = {str(row[-1].value): row[-2].value for row in sheet.iter_rows(min_row=2)}
    assert said == {k: v + "。" for k, v in written.items()}
    assert written["2"] == "借款人不在户籍名册中（请先导入该户）"
    assert written["3"].startswith("身份证号校验位错误")


def test_a_bank_statement_from_an_xls_in_the_cli(cli, tmp_path):
    """import repayments reads .xls (and .ods) like the other imports: the dry run says which column it read and
    the hidden row it skipped, each refused row has one reason, the same in the CLI and the error workbook."""
    _init(cli)
    zh = {"FIELDBOOK_LANG": "zh_CN"}
    roster = _roster(tmp_path)
    assert cli("import", "households", str(roster)).returncode == 0
    loans = build_workbook(tmp_path / "loans.xlsx", ["经办银行", "合同号", "户主姓名", "身份证号", "金额", "放款日期",
                                                     "期限(月)"],
                           [["农商行", "BQ-P", "张三", make_id(1), "3万", "2024-03-01", 24]])
    assert cli("import", "loans", str(loans)).returncode == 0
    dry = cli("import", "repayments", str(FIXTURES / "statement.xls"), "--dry-run", env=zh)
    assert dry.returncode == 0, dry.stderr
    assert "“还款本金”读取的是E（“还款本金”）列，未读取D（“本金”，已隐藏）列。" in dry.stdout
    assert "有1个隐藏行未读取（第5行）" in dry.stdout
    errors = tmp_path / "refused.xlsx"
    result = cli("import", "repayments", str(FIXTURES / "statement.xls"), "--errors", str(errors), env=zh)
    assert result.returncode == 0, result.stderr
    said = dict(re.findall(r"第(\d+)行：(.*)", result.stdout))
    sheet = openpyxl.load_workbook(errors).active
    written = {str(row[-1].value): row[-2].value for row in sheet.iter_rows(min_row=2)}
    assert said == {k: v + "。" for k, v in written.items()} and set(said) == {"6", "7", "8"}
    assert written["8"] == "没有合同编号为BQ-X的贷款"


def test_unreadable_files_fail_in_one_line(cli, tmp_path):
    _init(cli)
    csv = tmp_path / "roster.xlsx"
    csv.write_text("户主姓名,身份证号\n张三,610111198001010011\n", encoding="utf-8")
    assert_clean_failure(cli("import", "households", str(csv)), "looks like text or CSV")
    xls = tmp_path / "old.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    assert_clean_failure(cli("import", "loans", str(xls)), "damaged or is not an Excel workbook")
    assert_clean_failure(cli("import", "loans", str(tmp_path / "missing.xlsx")), "does not exist")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert_clean_failure(cli("import", "households", str(empty)), "is empty")


def test_export_ledgers(cli, tmp_path):
    _init(cli)
    assert cli("import", "households", str(_roster(tmp_path))).returncode == 0
    out = tmp_path / "花名册.xlsx"
    result = cli("export", "ledger", "households", "--out", str(out), "--as-of", "2026-11-27")
    assert result.returncode == 0, result.stderr
    assert "Wrote 2 rows" in result.stdout and "masked" in result.stdout
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "灞桥区建档立卡贫困户花名册（截至2026-11-27）"
    assert sheet["G3"].value.count("*") == 10
    result = cli("export", "ledger", "post-loan", "--out", str(tmp_path / "pl.xlsx"), "--full-ids")
    assert result.returncode == 0 and "in full" in result.stdout
    assert_clean_failure(cli("export", "ledger", "post-loan", "--out", str(tmp_path / "nodir" / "x.xlsx")),
                         "does not exist")
    assert_clean_failure(cli("export", "ledger", "households", "--out", str(tmp_path / "x.csv")), ".xlsx")
    bad_date = cli("export", "ledger", "households", "--out", str(out), "--as-of", "27.11.2026")
    assert bad_date.returncode == 2 and "Traceback" not in bad_date.stderr
    # a field cadre may not export ledgers
    added = cli("user", "add", "cadre", "--role", "field", env={"FIELDBOOK_NEW_PASSWORD": "cadre pass 12"})
    assert added.returncode == 0
    denied = cli("export", "ledger", "households", "--out", str(tmp_path / "c.xlsx"),
                 env={"FIELDBOOK_USER": "cadre", "FIELDBOOK_PASSWORD": "cadre pass 12"})
    assert_clean_failure(denied, "may not")
    assert not (tmp_path / "c.xlsx").exists()
