"""The bank's list re-reporting an extended loan (展期): its maturity lies past disbursement + the longest term, and
is still a legitimate row as long as the extension stays within the policy's limit (app/domain/risk_disposal.py
``extension_limit``). A fresh contract longer than the longest term stays refused."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.domain import risk_disposal as rd
from app.domain.loan_history import event_changes
from app.domain.risk import add_months
from app.models import Loan, LoanEvent
from app.models.enums import Disposal, LoanEventKind, LoanStatus
from app.reports.import_households import import_households
from app.reports.import_loans import import_loans
from tests.unit.test_import_workbooks import build_workbook, make_id

TODAY = dt.date.today()  # the importer states its facts as of today
HEADER = ["借款人姓名", "身份证号码", "经办银行", "贷款合同编号", "贷款金额", "放款日期", "到期日期", "期限",
          "贷款余额", "贷款状态"]
BANK = "灞桥农商银行"


@pytest.fixture
def hub(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    rows = [["纺织城", f"户主{i}", "户主", make_id(i)] for i in range(1, 6)]
    report = import_households(store, build_workbook(tmp_path / "roster.xlsx", ["街道", "姓名", "与户主关系",
                                                                                  "身份证号"], rows))
    assert report.counts["households"].added == 5
    return store


@pytest.fixture
def district(hub, node_dir):
    """A district user, the checker of the hub's proposals (its approval is also the district's step)."""
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    hub.add_user("district", "district", "district password", kdf=FAST_KDF)
    opened = Store.open(node_dir, "district", "district password")
    yield opened
    opened.engine.dispose()


def row(n: int, contract: str, disbursed: dt.date, matures: dt.date | None, term: int | str | None,
        balance: int = 50_000, status: str = "正常") -> list[object]:
    return [f"户主{n}", make_id(n), BANK, contract, 50_000, disbursed, matures, term, balance, status]


def bank_list(tmp_path, name: str, *rows: list[object]):
    return build_workbook(tmp_path / f"{name}.xlsx", HEADER, list(rows))


def loan_of(store, contract: str) -> Loan:
    with store.read() as session:
        return session.execute(sa.select(Loan).where(Loan.contract_no == contract)).scalar_one()


def events_of(store, loan: Loan) -> list[LoanEvent]:
    with store.read() as session:
        return list(session.execute(sa.select(LoanEvent).where(LoanEvent.loan_id == loan.id)
                                    .order_by(LoanEvent.created_at)).scalars())


def extend(hub, district, contract: str, months: int) -> None:
    """The bank (the hub's officer) proposes an extension, the district approves, the bank executes."""
    loan_id = loan_of(hub, contract).id
    proposal = rd.propose(hub, loan_id, rd.DisposalTerms(Disposal.EXTENSION, extension_months=months), "展期",
                          on=TODAY)
    rd.decide(district, proposal, True, "同意", on=TODAY)
    rd.execute(hub, proposal, "已签展期协议", on=TODAY)


DISBURSED = add_months(TODAY, -30)  # a 36-month loan maturing in six months


@pytest.mark.parametrize("term", ["", 36, 42], ids=["no-term", "original-term", "whole-span"])
def test_a_loan_extended_by_disposal_is_re_reported_with_its_new_maturity(hub, district, tmp_path, term):
    first = import_loans(hub, bank_list(tmp_path, "first", row(1, "HT-1", DISBURSED, add_months(DISBURSED, 36), 36)))
    assert first.counts["loans"].added == 1 and not first.refused
    extend(hub, district, "HT-1", 6)
    extended = loan_of(hub, "HT-1")
    new_maturity = add_months(DISBURSED, 42)
    assert (extended.matures_on, extended.extended_months, extended.term_months) == (new_maturity, 6, 36)

    # the next month's list: the new maturity, a repayment, the status 展期 — every row accepted
    report = import_loans(hub, bank_list(tmp_path, "next", row(1, "HT-1", DISBURSED, new_maturity, term,
                                                               balance=40_000, status="展期")))
    assert not report.refused, [r.chinese() for r in report.refused]
    assert report.counts["loans"].updated == 1
    loan = loan_of(hub, "HT-1")
    assert (loan.balance_fen, loan.status, loan.matures_on) == (4_000_000, LoanStatus.EXTENDED, new_maturity)
    assert (loan.term_months, loan.extended_months, loan.disbursed_on) == (36, 6, DISBURSED)
    stated = events_of(hub, loan)[-1]
    assert (stated.kind, stated.source, stated.happened_on) == (LoanEventKind.STATED, "import", TODAY)
    assert event_changes(stated) == {"balance_fen": (5_000_000, 4_000_000)}
    # and the month after, the same list changes nothing
    assert not import_loans(hub, bank_list(tmp_path, "again", row(1, "HT-1", DISBURSED, new_maturity, term,
                                                                  balance=40_000, status="展期"))).changed


def test_a_shorter_loan_extended_keeps_its_contract_term(hub, district, tmp_path):
    """24 months + 6 stays under the longest term: the re-reported span of 30 months is not a new contract term."""
    disbursed = add_months(TODAY, -20)
    import_loans(hub, bank_list(tmp_path, "first", row(2, "HT-2", disbursed, add_months(disbursed, 24), 24)))
    extend(hub, district, "HT-2", 6)
    report = import_loans(hub, bank_list(tmp_path, "next", row(2, "HT-2", disbursed, add_months(disbursed, 30), "",
                                                               status="展期")))
    assert not report.refused and not report.changed
    loan = loan_of(hub, "HT-2")
    assert (loan.term_months, loan.extended_months, loan.matures_on) == (24, 6, add_months(disbursed, 30))


def test_the_bank_states_an_extension_fieldbook_has_not_seen(hub, tmp_path):
    import_loans(hub, bank_list(tmp_path, "first", row(3, "HT-3", DISBURSED, add_months(DISBURSED, 36), 36)))
    new_maturity = add_months(DISBURSED, 48)  # 12 months more: within half the 36-month term
    report = import_loans(hub, bank_list(tmp_path, "next", row(3, "HT-3", DISBURSED, new_maturity, "",
                                                               balance=45_000)))
    assert not report.refused, [r.chinese() for r in report.refused]
    loan = loan_of(hub, "HT-3")
    assert (loan.term_months, loan.extended_months, loan.matures_on, loan.status, loan.balance_fen) == (
        36, 12, new_maturity, LoanStatus.EXTENDED, 4_500_000)
    stated = events_of(hub, loan)[-1]
    assert (stated.kind, stated.source, stated.happened_on) == (LoanEventKind.STATED, "import", TODAY)
    changes = event_changes(stated)
    assert changes["matures_on"] == (add_months(DISBURSED, 36), new_maturity)
    assert changes["extended_months"] == (0, 12) and changes["status"] == (LoanStatus.ACTIVE, LoanStatus.EXTENDED)


def test_a_maturity_beyond_any_extension_is_refused_with_the_limit(hub, district, tmp_path):
    import_loans(hub, bank_list(tmp_path, "first", row(4, "HT-4", DISBURSED, add_months(DISBURSED, 36), 36)))
    extend(hub, district, "HT-4", 6)
    before = loan_of(hub, "HT-4")
    too_late = add_months(DISBURSED, 60)  # 24 months of extension on a 36-month loan: the limit is 18
    report = import_loans(hub, bank_list(tmp_path, "next", row(4, "HT-4", DISBURSED, too_late, "",
                                                               balance=30_000)))
    assert report.counts["loans"].updated == 0 and len(report.refused) == 1
    message = report.refused[0].problems[0].message()
    assert "extended by 24 months" in message and "extension limit of 18 months" in message
    assert add_months(DISBURSED, 54).isoformat() in message
    assert "展期" in report.refused[0].chinese() or "延期" in report.refused[0].chinese()
    after = loan_of(hub, "HT-4")
    assert (after.matures_on, after.balance_fen, after.extended_months) == (
        before.matures_on, before.balance_fen, 6)


def test_a_new_contract_longer_than_the_longest_term_is_still_refused(hub, tmp_path):
    report = import_loans(hub, bank_list(
        tmp_path, "new",
        row(1, "NEW-48", DISBURSED, add_months(DISBURSED, 48), 48),
        row(2, "NEW-48B", DISBURSED, add_months(DISBURSED, 48), ""),
        row(3, "NEW-EXT", DISBURSED, add_months(DISBURSED, 42), "", status="展期"),
        row(4, "NEW-EXT-36", DISBURSED, add_months(DISBURSED, 42), 36, status="展期"),
        row(5, "NEW-BAD-36", DISBURSED, add_months(DISBURSED, 42), 36)))
    refused = {r.number - 1: r.problems[0].code for r in report.refused}  # the header row
    assert refused == {1: "term_too_long", 2: "term_too_long", 3: "extended_term_missing",
                       5: "dates_inconsistent"}
    # a contract new to Fieldbook that the bank says was extended, with its original term: the extension is checked
    assert report.counts["loans"].added == 1
    loan = loan_of(hub, "NEW-EXT-36")
    assert (loan.term_months, loan.extended_months, loan.status) == (36, 6, LoanStatus.EXTENDED)
