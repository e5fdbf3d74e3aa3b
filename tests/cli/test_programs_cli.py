"""``export ledger enterprise-use|dividends|subsidies|fund|outreach``, ``subsidy claim|decide|pay``,
``fund status`` and ``program-warnings`` through ``python main.py``."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from tests.cli.conftest import assert_clean_failure
from tests.ledger_rows import data_rows

TODAY = dt.date.today()


@pytest.fixture
def demo_node(cli):
    assert cli("init", "--role", "hub", "--name", "区扶贫办", "--admin", "admin").returncode == 0
    result = cli("demo", "--households", "60", "--seed", "5")
    assert result.returncode == 0, result.stderr
    return cli


def _loans(cli) -> tuple[str, str]:
    """A current loan without claims and an overdue one, read in-process from the node."""
    from app.db.store import Store
    from app.domain.risk import days_past_due
    from app.domain.risk_query import LoanFilter, loan_facts

    store = Store.open(cli.data_dir, "admin", "admin pass 1")
    try:
        with store.read() as session:
            facts = loan_facts(session, TODAY, LoanFilter())
    finally:
        store.engine.dispose()
    current = next(f.contract_no for f in facts if days_past_due(f, TODAY) == 0
                   and f.disbursed_on < TODAY - dt.timedelta(days=200) and f.matures_on > TODAY)
    overdue = next(f.contract_no for f in facts if days_past_due(f, TODAY) > 200)
    return current, overdue


def _last_month() -> str:
    """A monthly period (the demo claims whole quarters, so a month is free to claim)."""
    day = TODAY.replace(day=1) - dt.timedelta(days=1)
    return f"{day.year}-{day.month:02d}"


def test_program_ledgers_export(demo_node, tmp_path):
    cli = demo_node
    for kind, title in (("enterprise-use", "户贷企用存量贷款台账"), ("dividends", "分红支付情况台账"),
                        ("subsidies", "贴息申请及拨付台账"), ("fund", "风险补偿金台账"),
                        ("outreach", "金融知识普及和诚信教育活动台账")):
        out = tmp_path / f"{kind}.xlsx"
        result = cli("export", "ledger", kind, "--out", str(out), "--as-of", TODAY.isoformat())
        assert result.returncode == 0, result.stderr
        sheet = openpyxl.load_workbook(out).active
        assert title in sheet["A1"].value
        assert data_rows(sheet), kind  # the demo fills every programme


def test_subsidy_claims_through_the_cli(demo_node):
    cli = demo_node
    current, overdue = _loans(cli)
    banker = {"FIELDBOOK_USER": "banker"}
    period = _last_month()
    # issue 20: a claim is at most the interest due on the balance for the period (a month of a loan ≤ 50,000 yuan
    # at 4.75 % is at most 204.86 yuan), so 100,000 yuan for a month is refused, naming the ceiling
    assert_clean_failure(cli("subsidy", "claim", "--loan", current, "--period", period, "--amount", "100000",
                             env=banker), "more than the subsidy the period allows")
    filed = cli("subsidy", "claim", "--loan", current, "--period", period, "--amount", "1.45", env=banker)
    assert filed.returncode == 0, filed.stderr
    claim_id = re.search(r"Claim (\S+) filed", filed.stdout).group(1)
    refused = cli("subsidy", "claim", "--loan", overdue, "--period", period, "--amount", "1", env=banker)
    assert refused.returncode == 0, refused.stderr
    assert "refused by rule" in refused.stdout and "overdue since" in refused.stdout
    denied = cli("subsidy", "decide", claim_id, "approve", env=banker)
    assert_clean_failure(denied, "may not do this")
    district = {"FIELDBOOK_USER": "district"}
    assert cli("subsidy", "decide", claim_id, "approve", "--amount", "1.40", env=district).returncode == 0
    paid = cli("subsidy", "pay", claim_id, env=district)
    assert paid.returncode == 0 and "paid" in paid.stdout
    assert_clean_failure(cli("subsidy", "claim", "--loan", "NO-SUCH", "--period", period, "--amount", "1",
                             env=banker), "No loan with the contract number NO-SUCH")
    assert_clean_failure(cli("subsidy", "claim", "--loan", current, "--period", "Q3", "--amount", "1", env=banker),
                         "not a subsidy period")


def test_fund_status_and_program_warnings(demo_node):
    cli = demo_node
    status = cli("fund", "status", "--as-of", TODAY.isoformat())
    assert status.returncode == 0, status.stderr
    assert re.search(r"Fund balance [\d,.]+ yuan; covered loans [\d,.]+ yuan \(\d+ loans\)\.", status.stdout)
    assert re.search(r"Leverage [\d.]+ times, (within|above) the limit of 10 times", status.stdout)
    warnings = cli("program-warnings", "--as-of", TODAY.isoformat())
    assert warnings.returncode == 0, warnings.stderr
    lines = warnings.stdout.strip().splitlines()
    assert re.match(r"\d+ warnings on ", lines[-1])
    rules = {"dividend_overdue", "fund_leverage", "overdue_report_due"}  # issue 20 adds the report to the fund
    assert all(line.split("\t")[1] in rules for line in lines[:-1])
