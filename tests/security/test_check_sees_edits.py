"""Issue 16.6: ``check`` sees every edit made around the application with the data key and an SQLite tool — a
household's name and phone, a loan set to 1 fen and repaid, a photo's bytes zeroed or swapped, the last audit rows
deleted — and ``check`` (the routine, incremental one) as well as ``check --full`` find them. Before issue 16 only
an edit in the middle of the chain was caught: each of these tests failed."""

from __future__ import annotations

import pytest
from sqlcipher3 import dbapi2

from app.domain.attachments import prepare_image, store_attachments
from app.models import Household, Loan
from app.paths import NodePaths
from tests.records_data import jpeg_bytes, make_household, make_loan


def _raw(store):
    """The database opened as an attacker holding the data key would, with a plain SQLite tool."""
    store.engine.dispose()
    conn = dbapi2.connect(str(NodePaths(store.paths.root).database), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{store.data_key_for_backup.hex()}'\"")
    return conn


def _hex(value) -> str:
    return value.hex  # SQLite stores UUIDs as 32 hex digits


@pytest.fixture
def filled(store):
    household = make_household(store)
    loan = make_loan(store, household)
    with store.write() as session:
        photos = store_attachments(session, [prepare_image(jpeg_bytes(marker="a"), "a.jpg"),
                                             prepare_image(jpeg_bytes(color=(10, 200, 10), marker="b"), "b.jpg")])
        photo_ids = [p.id for p in photos]
    with store.write() as session:  # a later write, so that the photos are not the newest entries
        session.get(Household, household).phone = "13800000000"
    assert store.check() == [] and store.check(full=True) == []
    return {"household": household, "loan": loan, "photos": photo_ids}


def _both(store) -> tuple[list[str], list[str]]:
    return store.check(), store.check(full=True)


def test_a_name_and_phone_edited_with_the_key_are_seen(store, filled):
    conn = _raw(store)
    conn.execute("UPDATE households SET head_name = '假名', phone = '13900000000' WHERE id = ?",
                 (_hex(filled["household"]),))
    conn.close()
    routine, full = _both(store)
    for problems in (routine, full):
        assert any(f"households {filled['household']} was changed outside the audit log" in p for p in problems)


def test_a_loan_set_to_one_fen_and_repaid_is_seen(store, filled):
    conn = _raw(store)
    conn.execute("UPDATE loans SET amount_fen = 1, balance_fen = 0, status = 'repaid' WHERE id = ?",
                 (_hex(filled["loan"]),))
    conn.close()
    for problems in _both(store):
        assert any(f"loans {filled['loan']} was changed outside" in p for p in problems)


def test_zeroed_or_swapped_photo_bytes_are_seen(store, filled):
    first, second = filled["photos"]
    conn = _raw(store)
    size = conn.execute("SELECT length(data) FROM attachments WHERE id = ?", (_hex(first),)).fetchone()[0]
    conn.execute("UPDATE attachments SET data = zeroblob(?) WHERE id = ?", (size, _hex(first)))
    # a swap: the second photo's row takes the first one's original bytes
    conn.execute("UPDATE attachments SET data = (SELECT data FROM attachments WHERE id = ?) WHERE id = ?",
                 (_hex(first), _hex(second)))
    conn.close()
    routine, full = _both(store)
    assert any(f"attachments {first} was changed outside" in p for p in routine)
    assert any(f"attachments {second} was changed outside" in p for p in routine)
    assert any(f"the bytes of photo {first} do not match its hash" in p for p in full)
    assert any(f"the bytes of photo {second} do not match its hash" in p for p in full)


def test_the_last_audit_rows_deleted_are_seen(store, filled):
    """Cutting the tail of the log (with the trigger dropped) leaves a chain that verifies on its own; the anchor
    outside the database says how far it reached."""
    with store.write() as session:
        session.get(Loan, filled["loan"]).note = "最后一笔"
    conn = _raw(store)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE seq >= ?", (last - 1,))
    conn.close()
    for problems in _both(store):
        assert any("entries were cut off the end" in p for p in problems)


def test_a_deleted_anchor_is_seen(store, filled):
    store.anchor.path.unlink()
    assert any("integrity.json) is missing" in p for p in store.check())


def test_a_row_and_its_log_entry_rewritten_together_break_the_chain_or_the_anchor(store, filled):
    """Editing the row *and* the row hash its newest entry holds: the entry no longer hashes into the chain."""
    conn = _raw(store)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE households SET phone = '13900000000' WHERE id = ?", (_hex(filled["household"]),))
    conn.execute("UPDATE audit_log SET row_hash = 'f' || substr(row_hash, 2) WHERE seq = (SELECT max(seq) FROM "
                 "audit_log WHERE table_name = 'households')")
    conn.close()
    for problems in _both(store):
        assert problems


def test_a_clean_store_passes_and_the_routine_check_moves_forward(store, filled):
    """After a clean check the routine check starts from the entry it verified: new writes are checked, and an
    edit made before them to a table they do not touch is still seen (the per-table sums)."""
    with store.write() as session:
        session.get(Loan, filled["loan"]).note = "复核"
    assert store.check() == []
    conn = _raw(store)
    conn.execute("UPDATE households SET address = '别处' WHERE id = ?", (_hex(filled["household"]),))
    conn.close()
    assert any("households" in p for p in store.check())


def test_rows_with_awkward_text_pass_both_checks(store):
    """The routine check hashes rows from SQLite's own JSON of them, the writers from Python's: quotes, backslashes,
    control characters, emoji and empty strings must come out the same (else a clean store would fail its check)."""
    with store.write() as session:
        session.add(Household(street_code="610111001", head_name='王"\\\n\t\x01二',
                              head_citizen_id="11010519491231002X", phone="", address="𠀀 \u2028 /路\x7f"))
    assert store.check(full=True) == []
    with store.write() as session:  # a later write: the routine check now starts after the full one
        session.get(Household, session.query(Household.id).scalar()).note = "😀"
    assert store.check() == []
