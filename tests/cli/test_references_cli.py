"""Names people use, through ``python main.py``: a record by its id, an 8-character prefix or the verification code
on the paper; ambiguous and short prefixes refused in one line listing the candidates; ``records list`` filters;
disposal and joint-review references; enrolled nodes by name in ``enroll list``, ``bundle export --to`` and
``enroll revoke``."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest

from tests.cli.conftest import assert_clean_failure
from tests.records_data import TODAY, make_household, make_loan
from tests.unit.test_records import check_values, visit_values

CODE = re.compile(r"[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}")
#: two visits whose ids share their first 8 characters (as two records of a big node may)
TWINS = (uuid.UUID("5e5e5e5e-0000-4000-8000-000000000001"), uuid.UUID("5e5e5e5e-0000-4000-8000-000000000002"))


@pytest.fixture
def node(cli):
    """A hub with a household of 纺织城 (a visit and a use check), one of 狄寨 (two visits with twin ids)."""
    assert cli("init", "--role", "hub", "--name", "区扶贫办", "--admin", "admin").returncode == 0
    from app.db.store import Store
    from app.domain import records as rec
    from app.models import Visit
    from app.models.enums import RecordKind

    store = Store.open(cli.data_dir, "admin", "admin pass 1")
    try:
        household = make_household(store)
        loan = make_loan(store, household)
        cli.visit = rec.submit(store, RecordKind.VISIT, visit_values(), household_id=household, loan_id=loan,
                               today=TODAY).record_id
        cli.check = rec.submit(store, RecordKind.USE_CHECK, check_values(), household_id=household, loan_id=loan,
                               today=TODAY).record_id
        other = make_household(store, street="610111006", head="李四", citizen_id="11010519491231002X")
        with store.write() as session:
            store.audit.bulk_insert(session, Visit, [
                {"id": record_id, "household_id": other, "visited_on": TODAY - dt.timedelta(days=day),
                 "visitors": "薛文涛", "people_met": "李四", "findings": "经营正常", "version": 1}
                for day, record_id in enumerate(TWINS, start=3)])
    finally:
        store.engine.dispose()
    return cli


def test_a_record_by_prefix_or_by_the_code_on_the_paper(node, tmp_path):
    prefix = str(node.visit)[:8]
    printed = node("print", "visit-record", "--record", prefix, "--out", str(tmp_path / "a.pdf"))
    assert printed.returncode == 0, printed.stderr
    code = CODE.search(printed.stdout).group(0)
    again = node("print", "visit-record", "--record", code.lower().replace("-", " "), "--out", str(tmp_path / "b.pdf"))
    assert again.returncode == 0, again.stderr
    assert code in again.stdout
    shown = node("records", "show", code)
    assert shown.returncode == 0, shown.stderr
    assert str(node.visit) in shown.stdout and "养殖正常" in shown.stdout
    assert node("records", "show", str(node.check)[:9]).returncode == 0
    # the code of a visit is not a use check's
    assert_clean_failure(node("print", "use-check", "--record", code, "--out", str(tmp_path / "c.pdf")),
                         "not of a Loan-use check")


def test_short_unknown_and_ambiguous_references_are_refused_in_one_line(node, tmp_path):
    out = str(tmp_path / "x.pdf")
    assert_clean_failure(node("print", "visit-record", "--record", "5e5e5e", "--out", out), "at least 8 characters")
    assert_clean_failure(node("print", "visit-record", "--record", "ffffffff", "--out", out), "No Visit record matches")
    assert_clean_failure(node("print", "visit-record", "--record", "xyz12345", "--out", out), "is not the id")
    result = node("print", "visit-record", "--record", "5e5e5e5e", "--out", out)
    assert_clean_failure(result, "matches several")
    assert "5e5e5e5e (Visit record of" in result.stderr and "李四" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
    # one more character tells them apart
    chosen = node("records", "show", str(TWINS[1]).replace("-", "")[:32])
    assert chosen.returncode == 0 and str(TWINS[1]) in chosen.stdout


def test_records_list_filters_by_kind_street_and_dates(node):
    every = node("records", "list")
    assert every.returncode == 0 and every.stdout.strip().endswith("4 records.")
    line = next(row for row in every.stdout.splitlines() if row.startswith(str(node.visit)))
    assert line.split("\t")[1:5] == ["visit", TODAY.isoformat(), "v1", "王建国"]
    street = node("records", "list", "--street", "006")
    assert street.stdout.strip().endswith("2 records.") and str(TWINS[0]) in street.stdout
    dated = node("records", "list", "--kind", "visit", "--from", (TODAY - dt.timedelta(days=3)).isoformat(),
                 "--to", (TODAY - dt.timedelta(days=1)).isoformat())
    assert dated.stdout.strip().endswith("1 records.") and str(TWINS[0]) in dated.stdout
    assert node("records", "list", "--street", "狄寨").stdout == street.stdout  # by name, with or without 街道
    assert node("records", "list", "--street", "狄寨街道").stdout == street.stdout
    assert_clean_failure(node("records", "list", "--street", "610111099"), "is not a street of the district")
    assert_clean_failure(node("records", "list", "--from", "2025-02-01", "--to", "2025-01-01"), "is after")
    assert_clean_failure(node("records", "list", "--from", "2025-13-01"), "is not a date")


def test_disposals_and_joint_reviews_by_prefix(node):
    result = node("user", "add", "banker", "--role", "bank", env={"FIELDBOOK_NEW_PASSWORD": "banker pass 1"})
    assert result.returncode == 0, result.stderr
    banker = {"FIELDBOOK_USER": "banker", "FIELDBOOK_PASSWORD": "banker pass 1"}
    proposed = node("disposal", "propose", "--loan", "BQ-2023-0001", "--kind", "legal_action", "--reason", "拒不还款",
                    env=banker)
    assert proposed.returncode == 0, proposed.stderr
    proposal = re.search(r"[0-9a-f-]{36}", proposed.stdout).group(0)
    decided = node("disposal", "decide", proposal[:8], "approve")
    assert decided.returncode == 0 and proposal in decided.stdout
    assert_clean_failure(node("disposal", "execute", "0000000", env=banker), "at least 8 characters")
    met = node("joint-review", "add", "--date", TODAY.isoformat(), "--place", "区扶贫办", "--participants",
               "白振华,姚志强", "--loan", "BQ-2023-0001:继续跟踪")
    review = re.search(r"[0-9a-f-]{36}", met.stdout).group(0)
    listed = node("joint-review", "list")
    assert review in listed.stdout and listed.stdout.strip().endswith("1 joint reviews.")
    shown = node("joint-review", "show", review[:8])
    assert shown.returncode == 0 and "BQ-2023-0001" in shown.stdout and "继续跟踪" in shown.stdout
    assert_clean_failure(node("joint-review", "show", "abcdef12"), "No joint review matches abcdef12")


def test_enrolled_nodes_by_name(cli, tmp_path):
    from tests.sync.test_cli import ok, run

    hub, field = tmp_path / "hub", tmp_path / "field"
    ok(run(hub, "init", "--role", "hub", "--name", "枢纽", "--admin", "admin"))
    ok(run(field, "init", "--role", "field", "--name", "dizhai-1", "--street", "610111006", "--admin", "admin"))
    ok(run(field, "enroll", "request", "--out", str(tmp_path / "req.json")))
    ok(run(hub, "enroll", "approve", str(tmp_path / "req.json"), "--out", str(tmp_path / "cert.json")))
    ok(run(field, "enroll", "accept", str(tmp_path / "cert.json")))
    listed = ok(run(hub, "enroll", "list"))
    assert listed.splitlines()[0].startswith("dizhai-1\t") and "610111006" in listed
    written = ok(run(hub, "bundle", "export", "--out", str(tmp_path / "stick"), "--to", "DiZhai-1"))
    assert "dizhai" not in written or "changes" in written
    assert len(list((tmp_path / "stick").glob("*.fbb"))) == 1
    node_id = listed.splitlines()[0].split("\t")[1]
    ok(run(hub, "bundle", "export", "--out", str(tmp_path / "stick2"), "--to", node_id[:8]))
    refused = run(hub, "bundle", "export", "--out", str(tmp_path / "stick3"), "--to", "dizhai-2")
    assert_clean_failure(refused, "No enrolled node is called dizhai-2")
    assert not (tmp_path / "stick3").exists() or not list((tmp_path / "stick3").iterdir())
    assert "roster version 2" in ok(run(hub, "enroll", "revoke", "dizhai-1"))
    assert "revoked" in ok(run(hub, "enroll", "list"))
