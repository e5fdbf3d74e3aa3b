"""``disposal propose|decide|list|execute`` and ``joint-review add`` through ``python main.py``: the limit named in a
refusal, maker-checker, execution by the bank, a joint review stored with its decision per loan."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa

from app.domain.risk import add_months
from tests.cli.conftest import assert_clean_failure

TODAY = dt.date.today()


def _as(user: str) -> dict[str, str]:
    return {"FIELDBOOK_USER": user, "FIELDBOOK_PASSWORD": f"{user} pass 1"}


@pytest.fixture
def node(cli):
    """A hub with a 24-month loan BQ-7 (extension limit 12 months), a second loan, a supervisor and a banker."""
    from app.db.store import Store
    from tests.records_data import make_household, make_loan

    assert cli("init", "--role", "hub", "--name", "区扶贫办", "--admin", "admin").returncode == 0
    for user, role in (("boss", "supervisor"), ("banker", "bank"), ("dist", "district")):
        result = cli("user", "add", user, "--role", role, env={"FIELDBOOK_NEW_PASSWORD": f"{user} pass 1"})
        assert result.returncode == 0, result.stderr
    store = Store.open(cli.data_dir, "admin", "admin pass 1")
    try:
        start = dt.date(TODAY.year - 1, TODAY.month, 1)
        make_loan(store, make_household(store), months=24, disbursed=start, contract="BQ-7",
                  matures=dt.date(TODAY.year + 1, TODAY.month, 1))
        other = make_household(store, head="李四", citizen_id="11010519491231002X")
        make_loan(store, other, months=12, disbursed=start, contract="BQ-8",
                  matures=dt.date(TODAY.year, TODAY.month, 1))
    finally:
        store.engine.dispose()
    return cli


def _stored(cli, query):
    from app.db.store import Store

    store = Store.open(cli.data_dir, "admin", "admin pass 1")
    try:
        with store.read() as session:
            return query(session)
    finally:
        store.engine.dispose()


def test_propose_decide_execute(node):
    cli = node
    refused = cli("disposal", "propose", "--loan", "BQ-7", "--kind", "extension", "--months", "13",
                  "--reason", "养殖周期延长")
    assert_clean_failure(refused, "extension limit")
    assert refused.returncode == 7 and "limit of 12 months" in refused.stderr
    assert_clean_failure(cli("disposal", "propose", "--loan", "NOPE", "--kind", "extension", "--months", "3",
                             "--reason", "x"), "No loan with the contract number NOPE")
    assert_clean_failure(cli("disposal", "propose", "--loan", "BQ-7", "--bank", "ICBC", "--kind", "extension",
                             "--months", "3", "--reason", "x"), "No loan with the contract number BQ-7 at ICBC")

    proposed = cli("disposal", "propose", "--loan", "BQ-7", "--bank", "PSBC", "--kind", "extension", "--months", "6",
                   "--reason", "养殖周期延长")
    assert proposed.returncode == 0, proposed.stderr
    disposal_id = re.search(r"[0-9a-f-]{36}", proposed.stdout).group(0)
    assert "BQ-7" in proposed.stdout

    listed = cli("disposal", "list", "--status", "proposed")
    [row, total] = listed.stdout.strip().splitlines()
    assert row.split("\t")[:4] == [disposal_id, TODAY.isoformat(), "BQ-7", "extension"]
    assert row.split("\t")[5:7] == ["proposed", "admin"] and total == "1 disposal proposals."

    self_approval = cli("disposal", "decide", disposal_id, "approve")
    assert_clean_failure(self_approval, "maker-checker")
    assert self_approval.returncode == 6
    assert_clean_failure(cli("disposal", "execute", disposal_id, env=_as("banker")), "only an approved one")
    approved = cli("disposal", "decide", disposal_id[:8], "approve", "--note", "同意", env=_as("boss"))
    assert approved.returncode == 0, approved.stderr
    # issue 20: 50,000 yuan at stake is above the district's threshold, so the district's step follows
    assert approved.stdout.strip().splitlines() == [
        f"Approved {disposal_id}.", "It needs the district's approval before it is executed: 50,000.00 yuan is at "
                                    "stake, above the 30,000.00 yuan the district approves from."]
    not_bank = cli("disposal", "execute", disposal_id, env=_as("boss"))  # only the bank executes
    assert not_bank.returncode == 6 and "Traceback" not in not_bank.stderr
    assert_clean_failure(cli("disposal", "execute", disposal_id, env=_as("banker")), "needs the district's approval")
    district = cli("disposal", "decide", disposal_id[:8], "approve", "--note", "区扶贫办同意", env=_as("dist"))
    assert district.returncode == 0 and district.stdout.strip() == f"Approved {disposal_id}.", district.stderr
    executed = cli("disposal", "execute", disposal_id, "--note", "已签展期协议", env=_as("banker"))
    assert executed.returncode == 0, executed.stderr

    from app.models import Loan
    loan = _stored(cli, lambda s: s.execute(sa.select(Loan.extended_months, Loan.matures_on)
                                            .where(Loan.contract_no == "BQ-7")).one())
    assert loan.extended_months == 6
    assert loan.matures_on == add_months(dt.date(TODAY.year + 1, TODAY.month, 1), 6)
    done = cli("disposal", "list", "--status", "executed").stdout.strip().splitlines()
    assert done[0].split("\t")[5:11] == ["executed", "admin", "boss", "dist", "banker", "-"]
    reported = cli("disposal", "report", disposal_id[:8], "--report", "灞扶贫〔2026〕12号", env=_as("boss"))
    assert reported.returncode == 0 and "灞扶贫〔2026〕12号" in reported.stdout, reported.stderr
    assert cli("disposal", "list").stdout.split("\t")[10] == TODAY.isoformat()
    assert_clean_failure(cli("disposal", "report", disposal_id[:8], "--report", "again", env=_as("boss")),
                         "was reported to the finance office on")
    assert cli("disposal", "list", "--status", "proposed").stdout.strip() == "0 disposal proposals."
    assert_clean_failure(cli("disposal", "decide", "zzzz", "reject", "--note", "x", env=_as("boss")),
                         "is not the id of a disposal proposal")


def test_joint_review_add(node):
    cli = node
    day = (TODAY - dt.timedelta(days=3)).isoformat()
    added = cli("joint-review", "add", "--date", day, "--place", "区扶贫办会议室",
                "--participants", "张三（区扶贫办）,李四（区财政局）、王五（邮储银行）",
                "--loan", "BQ-7:同意展期6个月", "--loan", "BQ-8:legal_action:起诉", "--note", "两笔研判",
                env=_as("boss"))
    assert added.returncode == 0, added.stderr
    assert f"Recorded the joint review of {day} on 2 loans" in added.stdout

    from app.models import Loan
    from app.models.enums import Disposal
    from app.models.risk import JointReview, JointReviewDecision

    def query(session):
        review = session.execute(sa.select(JointReview)).scalar_one()
        decisions = session.execute(sa.select(Loan.contract_no, JointReviewDecision.decision, JointReviewDecision.note)
                                    .join(Loan, Loan.id == JointReviewDecision.loan_id)
                                    .order_by(JointReviewDecision.position)).all()
        return review.place, review.participants.splitlines(), review.summary, review.recorded_by, decisions

    place, people, summary, by, decisions = _stored(cli, query)
    assert (place, summary, by) == ("区扶贫办会议室", "两笔研判", "boss")
    assert people == ["张三（区扶贫办）", "李四（区财政局）", "王五（邮储银行）"]
    assert [tuple(d) for d in decisions] == [("BQ-7", None, "同意展期6个月"), ("BQ-8", Disposal.LEGAL_ACTION, "起诉")]

    future = (TODAY + dt.timedelta(days=1)).isoformat()
    assert_clean_failure(cli("joint-review", "add", "--date", future, "--place", "p", "--participants", "a,b",
                             "--loan", "BQ-7:x"), "in the future")
    assert_clean_failure(cli("joint-review", "add", "--date", day, "--place", "p", "--participants", "a",
                             "--loan", "BQ-7:x"), "at least two participants")
    assert_clean_failure(cli("joint-review", "add", "--date", day, "--place", "p", "--participants", "a,b",
                             "--loan", "BQ-7"), "CONTRACT:")
    cadre = cli("user", "add", "cadre", "--role", "field", env={"FIELDBOOK_NEW_PASSWORD": "cadre pass 1"})
    assert cadre.returncode == 0, cadre.stderr
    refused = cli("joint-review", "add", "--date", day, "--place", "p", "--participants", "a,b", "--loan", "BQ-7:x",
                  env=_as("cadre"))
    assert refused.returncode == 6 and "Traceback" not in refused.stderr
