"""Ledgers as they print: converted to PDF by LibreOffice (the office suite the offices use), a representative
few (the widest, a long one, one with 合计 figures) — A4 landscape, every column on every page, the header row
repeated, the title only on page 1, page x of y and the as-of date in the footer, 合计 and the signature lines
after the last row. And a full disk: one clear line, nothing left behind, no stray traceback."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

import app.reports.field_ledgers
import app.reports.program_ledgers
import app.reports.risk_ledgers  # noqa: F401
from app.errors import FieldbookError
from app.reports.ledgers import LEDGERS, export_ledger
from app.reports.workbook import OutputFailed
from tests.ledger_rows import data_rows
from tests.unit.test_import_workbooks import build_workbook, make_id

AS_OF = dt.date(2026, 11, 27)
HOUSEHOLDS = 90


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """A hub with 90 households and loans, three ledgers exported and converted to PDF in one LibreOffice run."""
    from app.db.store import Store
    from app.reports.import_households import import_households
    from app.reports.import_loans import import_loans
    from tests.conftest import FAST_KDF

    folder = tmp_path_factory.mktemp("ledger-print")
    store, _ = Store.create(folder / "node", "hub", "区中心", None, "admin", "admin-password", kdf=FAST_KDF)
    try:
        header = ["街道", "村", "组", "户主姓名", "身份证号", "联系电话", "家庭人口", "贫困户属性", "家庭住址"]
        rows = [["纺织城", f"东村{i % 7}", f"{i % 9 + 1}组", f"王建{i}", make_id(i), f"139{i:08d}", 3 + i % 3,
                 "建档立卡", f"灞桥区纺织城街道东村{i % 9 + 1}组{i}号院内东侧第二排"] for i in range(1, HOUSEHOLDS + 1)]
        import_households(store, build_workbook(folder / "roster.xlsx", header, rows))
        header = ["经办银行", "合同编号", "借款人", "身份证号", "贷款金额", "放款日期", "期限", "利率", "用途", "余额"]
        loans = [["西安农商银行灞桥支行", f"XRC-BQFP-2024-{i:06d}", f"王建{i}", make_id(i), 10000 * (1 + i % 5),
                  "2024-03-01", 36, "4.75%", "养殖肉牛、种植樱桃和经营农家乐", 10000 * (1 + i % 5)]
                 for i in range(1, HOUSEHOLDS + 1)]
        import_loans(store, build_workbook(folder / "loans.xlsx", header, loans))
        paths = {}
        for kind in ("post-loan", "visits", "households"):
            paths[kind] = export_ledger(store, kind, folder / f"{kind}.xlsx", as_of=AS_OF).path
    finally:
        store.engine.dispose()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (libreoffice-calc-nogui) is installed by .ci/run"
    profile = folder / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, paths.values())], check=True, capture_output=True,
                   timeout=300)
    return {kind: (path, path.with_suffix(".pdf")) for kind, path in paths.items()}


def pages_of(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode()
    return text.split("\f")[:-1]


def page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups()
    return float(width), float(height)


@pytest.mark.parametrize("kind", ["post-loan", "visits", "households"])
def test_ledger_prints_on_a4_landscape_with_every_column_on_every_page(printed, kind):
    _, pdf = printed[kind]
    width, height = page_size(pdf)
    assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2, (width, height)  # A4 landscape
    pages = pages_of(pdf)
    headers = [c.header for c in LEDGERS[kind].columns]
    title = LEDGERS[kind].title.format(place="灞桥区", as_of=AS_OF.isoformat())
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        flat = re.sub(r"\s+", "", page)
        # every column's header on every page (the header row repeats; nothing is cut off to the right)
        missing = [h for h in headers if re.sub(r"\s+", "", h) not in flat]
        assert not missing, (kind, number, missing)
        assert (title in flat) == (number == 1), (kind, number)
        assert f"第{number}页共{total}页" in flat and f"截至{AS_OF.isoformat()}" in flat, (kind, number)
    last = re.sub(r"\s+", "", pages[-1])
    assert "制表人" in last and "审核人" in last
    if LEDGERS[kind].totals:
        assert "合计" in last
    if kind != "visits":  # 90 rows: more than one page, not one page a row
        assert 2 <= total <= 6, (kind, total)


def test_ledger_totals_row_sums_the_named_columns(printed):
    path, pdf = printed["post-loan"]
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[2]]
    rows = data_rows(sheet, values_only=True)
    totals = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "合计")
    for name in LEDGERS["post-loan"].totals:
        i = header.index(name)
        assert totals[i] == pytest.approx(sum(r[i] or 0 for r in rows)), name
    assert totals[1] == f"共 {len(rows)} 条"
    assert totals[header.index("贷款金额(元)")] == sum(10000 * (1 + i % 5) for i in range(1, HOUSEHOLDS + 1))
    assert "2,700,000.00" in re.sub(r"\s+", "", pages_of(pdf)[-1])  # printed as the sum, not as ####
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$2:$2" and sheet.sheet_properties.pageSetUpPr.fitToPage


def test_every_ledger_names_real_columns_for_its_totals():
    from app.reports.ledger_layout import Totals

    for kind in LEDGERS.values():
        Totals(kind.columns, kind.totals)  # raises for a header the ledger does not have
    assert LEDGERS["post-loan"].totals and LEDGERS["fund"].totals and not LEDGERS["visits"].totals


# -- a full disk ------------------------------------------------------------------------------------------------
@pytest.fixture
def filled_store(make_node, tmp_path):
    from app.reports.import_households import import_households

    store = make_node(role="hub", street=None)[0]
    header = ["街道", "村", "组", "户主姓名", "身份证号", "联系电话", "家庭人口", "贫困户属性"]
    rows = [["纺织城", "东村", "1组", f"张{i}", make_id(i), "", 3, "建档立卡"] for i in range(1, 400)]
    import_households(store, build_workbook(tmp_path / "roster.xlsx", header, rows))
    return store


def test_ledger_onto_a_full_disk_is_one_clear_error_and_leaves_nothing(filled_store, full_disk):
    for kind in ("households", "visits"):  # a ledger with rows and an empty one (the zip fails at its close)
        with pytest.raises(OutputFailed, match="disk is full") as caught:
            export_ledger(filled_store, kind, full_disk / f"{kind}.xlsx", as_of=AS_OF)
        assert isinstance(caught.value, FieldbookError)
        assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]
