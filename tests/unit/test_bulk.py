"""The bulk path without SQLAlchemy's per-row parameter processing (app/db/bulk.py) and the audit log's
prepared rows: the same stored values as SQLAlchemy's own insert, the same log entries, the same hash chain."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite

from app.db import audit as audit_module
from app.db.audit import AuditLog, canonical_json, entry_hash
from app.db.bulk import TableWriter, _shortcut
from app.db.hlc import HybridClock
from app.models import AuditEntry, Household, Loan, Village
from app.models.enums import CreditGrade, LoanStatus, PurposeCategory, RiskClass, UseMode
from app.models.records import Visit


def _values_of(column: sa.Column, dialect) -> list:
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return [uuid.uuid4(), None]
    if isinstance(kind, sa.DateTime):
        return [dt.datetime(2026, 1, 2, 3, 4, 5), dt.datetime(2026, 1, 2, 3, 4, 5, 6), None]
    if isinstance(kind, sa.Date):
        return [dt.date(2019, 12, 31), None]
    if isinstance(kind, sa.Boolean):
        return [True, False, None]
    if isinstance(kind, sa.Enum) and kind.enum_class is not None:
        return [*list(kind.enum_class)[:2], None]
    return []


@pytest.mark.parametrize("model", [Household, Loan, Visit, AuditEntry])
def test_shortcuts_give_what_the_dialects_processors_give(model):
    dialect = sqlite.dialect()
    for column in sa.inspect(model).local_table.columns:
        processor = column.type.dialect_impl(dialect).bind_processor(dialect)
        fast = _shortcut(column, dialect, processor)
        for value in _values_of(column, dialect):
            expected = processor(value) if processor else value
            assert (fast(value) if fast else value) == expected, (column.name, value)


def test_postgresql_keeps_sqlalchemys_own_processors():
    dialect = postgresql.psycopg.dialect()
    table = sa.inspect(Loan).local_table
    writer = TableWriter(table, dialect)
    assert not writer.fallback
    assert writer.statement(("id", "contract_no")).startswith('INSERT INTO loans (id, contract_no) VALUES (%s, %s)')
    _keys, values = writer.values([{"id": uuid.UUID(int=1), "status": LoanStatus.OVERDUE}])
    assert "overdue" in values[0] and uuid.UUID(int=1) in values[0]  # enum as its code, UUID natively


def _loan_row(bank_id, household_id, **changes):
    row = {"bank_id": bank_id, "contract_no": "BQ-1", "household_id": household_id, "borrower_id": None,
           "borrower_name": "王建国", "borrower_citizen_id": "11010519491231002X", "street_code": "610111001",
           "amount_fen": 5_000_000, "disbursed_on": dt.date(2024, 2, 29), "term_months": 36,
           "matures_on": dt.date(2027, 2, 28), "purpose_category": PurposeCategory.LIVESTOCK,
           "use_mode": UseMode.HOUSEHOLD, "credit_grade": CreditGrade.AA, "credit_line_fen": 3_000_000,
           "risk_class": RiskClass.NORMAL, "status": LoanStatus.ACTIVE, "overdue_since": None}
    row.update(changes)
    return row


def test_bulk_rows_read_back_as_the_orm_writes_them(store):
    from app.models import Bank

    with store.write() as session:
        store.audit.bulk_insert(session, Bank, [{"code": "PSBC", "name": "邮储银行"}])
        store.audit.bulk_insert(session, Village, [{"street_code": "610111001", "code": "610111001201",
                                                    "name": "东村"}])
    with store.read() as session:
        bank_id = session.execute(sa.select(Bank.id)).scalar_one()
    with store.write() as session:
        household = Household(street_code="610111001", head_name="王建国", head_initials="wjg",
                              head_citizen_id="11010519491231002X", address="东村", size=1)
        session.add(household)
        session.flush()
        household_id = household.id
        # one row leaves columns to their defaults, the other gives them: both are completed the same way
        store.audit.bulk_insert(session, Loan, [_loan_row(bank_id, household_id),
                                                _loan_row(bank_id, household_id, contract_no="BQ-2", rate_bp=475)])
    with store.read() as session:
        loans = {loan.contract_no: loan for loan in session.execute(sa.select(Loan)).scalars()}
        entries = session.execute(sa.select(AuditEntry).where(AuditEntry.table_name == "loans")
                                  .order_by(AuditEntry.seq)).scalars().all()
    first = loans["BQ-1"]
    assert first.disbursed_on == dt.date(2024, 2, 29) and first.status is LoanStatus.ACTIVE
    assert first.rate_bp == 435 and first.purpose_text == "" and first.balance_fen == 0  # the column defaults
    assert first.use_mode is UseMode.HOUSEHOLD and first.created_by == "admin" and first.deleted is False
    assert loans["BQ-2"].rate_bp == 475
    assert [e.record_id for e in entries] == [str(first.id), str(loans["BQ-2"].id)]
    logged = json.loads(entries[0].data)["new"]
    assert logged["id"] == str(first.id) and logged["disbursed_on"] == "2024-02-29" and logged["status"] == "active"
    assert "rate_bp" not in logged  # the entry names the values given, as before
    assert entries[0].hlc == first.hlc
    assert store.check() == []


def test_unknown_columns_are_refused(store):
    with pytest.raises(sa.exc.ArgumentError, match="unknown columns"), store.write() as session:
        store.audit.bulk_insert(session, Village, [{"street_code": "610111001", "code": "1", "name": "x",
                                                    "colour": "red"}])


def test_rows_prepared_elsewhere_chain_like_bulk_insert(make_node, tmp_path):
    """What the demo's second process does: prepare without a connection, insert and chain in the writer."""
    store = make_node(role="hub", street=None)[0]
    maker = AuditLog(store.info.node_id, HybridClock(store.info.node_id))
    rows = [{"street_code": "610111001", "code": f"6101110012{n:02d}", "name": f"村{n}"} for n in range(3)]
    prepared = maker.prepare(Village, rows, "admin", sqlite.dialect())
    assert prepared.keys is not None and all(isinstance(e.data, str) for e in prepared.entries)
    with store.write() as session:
        store.audit.insert_prepared(session, prepared)
    assert store.check() == []
    with store.read() as session:
        assert sorted(session.execute(sa.select(Village.name)).scalars()) == ["村0", "村1", "村2"]
    with pytest.raises(ValueError, match="cannot go into"), store.write() as session:
        store.audit.insert_prepared(session, maker.prepare(Village, [dict(rows[0], code="x")], "admin",
                                                           postgresql.psycopg.dialect()))


_texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(prev=_texts, seq=st.integers(0, 2**62), at=_texts, node=_texts, actor=_texts, table=st.none() | _texts,
       record=st.none() | _texts, origin_seq=st.none() | st.integers(0, 2**62), hlc=_texts, local=st.booleans(),
       data=_texts)
def test_entry_hash_is_the_canonical_json_of_the_entry(prev, seq, at, node, actor, table, record, origin_seq, hlc,
                                                       local, data):
    row = {"seq": seq, "at": at, "node_id": node, "actor": actor, "action": "insert", "table_name": table,
           "record_id": record, "origin_node": None if local else node, "origin_seq": origin_seq, "hlc": hlc,
           "local": local, "data": data}
    items = [prev, seq, at, node, actor, "insert", table, record, row["origin_node"], origin_seq, hlc, local, data]
    body = json.dumps(items, ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # the json module's own text
    assert canonical_json(items) == body
    import hashlib

    assert entry_hash(prev, row) == hashlib.sha256(body.encode("utf-8")).hexdigest()


def test_plain_rows_give_the_json_the_encoder_gives():
    row = {"id": uuid.uuid4(), "on": dt.date(2020, 2, 29), "at": dt.datetime(2020, 1, 1, 1, 1, 1, 5),
           "status": LoanStatus.OVERDUE, "n": 3, "flag": True, "blob": b"xy", "none": None}
    typed = ("id", "on", "at")
    assert canonical_json({"new": audit_module._plain_row(row, typed)}) == canonical_json({"new": row})
