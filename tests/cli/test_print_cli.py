"""``records list``, ``print visit-record | use-check | visits | follow-up`` and ``verify`` through
``python main.py``."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.cli.conftest import assert_clean_failure
from tests.records_data import TODAY, make_household, make_loan
from tests.unit.test_records import check_values, visit_values


@pytest.fixture
def node(cli):
    assert cli("init", "--role", "field", "--name", "纺织城", "--street", "610111001", "--admin", "admin"
               ).returncode == 0
    from app.db.store import Store
    from app.domain import records as rec
    from app.models.enums import RecordKind

    store = Store.open(cli.data_dir, "admin", "admin pass 1")
    try:
        household = make_household(store)
        loan = make_loan(store, household)
        cli.visit = rec.submit(store, RecordKind.VISIT, visit_values(), household_id=household, loan_id=loan,
                               today=TODAY).record_id
        cli.check = rec.submit(store, RecordKind.USE_CHECK, check_values(), household_id=household, loan_id=loan,
                               today=TODAY).record_id
    finally:
        store.engine.dispose()
    return cli


def _text(path) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(path).pages))


def test_list_print_and_verify(node, tmp_path):
    listing = node("records", "list", "--kind", "visit")
    assert listing.returncode == 0, listing.stderr
    assert str(node.visit) in listing.stdout

    out = tmp_path / "visit.pdf"
    result = node("print", "visit-record", "--record", str(node.visit), "--out", str(out))
    assert result.returncode == 0, result.stderr
    code = re.search(r"[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}", result.stdout).group(0)
    text = _text(out)
    assert "入户回访记录表" in text and "王建国" in text and code in text and "6101**********0016" in text

    checked = node("verify", code)
    assert checked.returncode == 0, checked.stderr
    assert "ok" in checked.stdout

    from app.db.store import Store
    from app.domain import records as rec
    from app.models.enums import RecordKind

    store = Store.open(node.data_dir, "admin", "admin pass 1")
    try:
        rec.amend(store, RecordKind.VISIT, node.visit, visit_values(findings="补记"), "补记", today=TODAY)
    finally:
        store.engine.dispose()
    changed = node("verify", code.lower())
    assert changed.returncode == 9 and "changed" in changed.stdout and "version 2" in changed.stdout

    assert_clean_failure(node("verify", "V1234"), "20 characters")


def test_use_check_batch_and_follow_up(node, tmp_path):
    result = node("print", "use-check", "--record", str(node.check), "--out", str(tmp_path / "c.pdf"))
    assert result.returncode == 0, result.stderr
    assert "贷款用途核查记录表" in _text(tmp_path / "c.pdf")

    # --kind all (the default, as the help says): visit records and loan-use checks, in date order
    result = node("print", "visits", "--from", "2025-01-01", "--to", "2025-12-31", "--out", str(tmp_path / "b.pdf"))
    assert result.returncode == 0, result.stderr
    assert "2 records (1 visit records, 1 loan-use checks)" in result.stdout
    text = _text(tmp_path / "b.pdf")
    assert "入户回访记录表" in text and "贷款用途核查记录表" in text
    for kind, title, other in (("visit", "入户回访记录表", "贷款用途核查记录表"),
                               ("use-check", "贷款用途核查记录表", "入户回访记录表")):
        out = tmp_path / f"{kind}.pdf"
        result = node("print", "visits", "--kind", kind, "--from", "2025-01-01", "--to", "2025-12-31", "--out",
                      str(out))
        assert result.returncode == 0 and "Wrote 1 records" in result.stdout, result.stderr
        assert title in _text(out) and other not in _text(out)
    assert "all (default)" in node("print", "visits", "--help").stdout

    result = node("print", "follow-up", "--street", "610111001", "--from", "2026-01-01", "--to", "2026-06-30",
                  "--out", str(tmp_path / "f.pdf"))
    assert result.returncode == 0, result.stderr
    assert "回访计划表" in _text(tmp_path / "f.pdf")

    help_text = node("print", "--help").stdout
    for sub in ("risk-summary", "visit-record", "use-check", "visits", "follow-up"):
        assert sub in help_text


def test_clean_errors(node, tmp_path):
    # --record goes through the one resolver of every command (app/domain/references.py), so its wording
    assert_clean_failure(node("print", "visit-record", "--record", "00000000-0000-0000-0000-000000000000",
                              "--out", str(tmp_path / "x.pdf")),
                         "No Visit record matches 00000000-0000-0000-0000-000000000000 on this node.")
    assert_clean_failure(node("print", "visit-record", "--record", "nonsense", "--out", str(tmp_path / "x.pdf")),
                         "nonsense is not the id of a Visit record")
    assert_clean_failure(node("print", "visit-record", "--record", str(node.visit), "--out",
                              str(tmp_path / "x.txt")), ".pdf")
    assert_clean_failure(node("print", "follow-up", "--street", "999999999", "--from", "2026-01-01", "--to",
                              "2026-06-30", "--out", str(tmp_path / "f.pdf")), "street")
    assert not list(tmp_path.glob("*.pdf"))
