"""The row hash's one-pass path (``Hasher``, used by every bulk writer and the demo) gives exactly the hash of the
long way (:func:`digest_stored` over each column's stored value), whatever the column types: UUIDs, dates and
date-times, booleans, enums, numbers, text with awkward characters, NULLs, photo bytes and their log form."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

import pytest
import sqlalchemy as sa

from app.db.rowhash import columns_of, digest_stored, hasher, storage_value
from app.models import Attachment, Household, Loan
from app.models.enums import PovertyStatus
from tests.records_data import jpeg_bytes, make_household, make_loan


def _long_way(table: sa.Table, values: dict) -> str:
    columns = columns_of(table)
    return digest_stored([c.name for c in columns], [storage_value(c, values.get(c.name)) for c in columns])


def test_the_one_pass_hash_is_the_long_ways(store):
    loan_id = make_loan(store, make_household(store, head="引号\"与\\反斜杠 𠀀🙂"))
    with store.read() as session:
        for model, record in ((Loan, session.get(Loan, loan_id)),
                              (Household, session.execute(sa.select(Household)).scalars().first())):
            table = model.__table__
            values = {c.name: getattr(record, c.key if hasattr(c, "key") else c.name) for c in table.c}
            assert hasher(table)(values) == _long_way(table, values)
            values.update(deleted=True, origin_node=None)  # a boolean set, a column NULL
            assert hasher(table)(values) == _long_way(table, values)
    table = Household.__table__
    awkward = {"id": uuid.uuid4(), "street_code": "610111001", "head_name": "tab\tnew\nline\u2028", "deleted": False,
               "poverty_status": PovertyStatus.MONITORED, "created_at": dt.datetime(2026, 1, 2, 3, 4, 5, 6),
               "poverty_status_since": dt.date(2020, 2, 29), "note": None}
    assert hasher(table)(awkward) == _long_way(table, awkward)
    photo = jpeg_bytes()
    attachment = Attachment.__table__
    for data in (photo, {"sha256": hashlib.sha256(photo).hexdigest(), "size": len(photo)}):  # bytes or log form
        values = {"id": uuid.uuid4(), "sha256": hashlib.sha256(photo).hexdigest(), "data": data, "size": len(photo),
                  "mime": "image/jpeg"}
        assert hasher(attachment)(values) == _long_way(attachment, values)


def test_the_built_once_encoder_writes_what_the_json_module_writes():
    """Row hashes and log entries use json's C encoder built once; its text must be json.dumps's with the same
    options, or every hash would change with the Python that runs it."""
    import json

    from app.db import audit, rowhash
    from app.db.audit import canonical_json

    samples = [{}, {"a": 1}, {"名称": "灞桥区狄寨街道", "b": True, "c": None, "a": 2.5, "z": -0.0},
               {"nested": {"y": [1, "二", {"k": False}], "x": 1e300}, "quote": 'a"b\\c\n\u2028', "emoji": "🌾"},
               {"int": 10**30, "neg": -7, "float": 0.1 + 0.2, "nan": float("nan"), "inf": float("-inf")}]
    for sample in samples:
        expected = json.dumps(sample, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert rowhash._encode(sample) == expected
        assert canonical_json(sample) == expected
    assert rowhash._C_ENCODER is not None  # CPython: the fast path is the one taken
    typed = {"id": uuid.uuid4(), "on": dt.date(2020, 2, 29), "at": dt.datetime(2026, 1, 2, 3, 4, 5), "n": [1, None]}
    assert canonical_json(typed) == audit._ENCODER.encode(typed)  # values only the log's default turns into JSON


def test_bulk_rows_are_hashed_in_the_form_sqlite_stores_them(store):
    """``prepare`` hashes the driver's values on SQLite instead of converting every value a second time: the hash
    must be the one of the Python values, and the one ``check`` computes from what the database holds."""
    from sqlalchemy.dialects import sqlite

    from app.db.audit import _defaults
    from app.models.records import attachment_id_for

    photo = jpeg_bytes()
    samples = [
        (Household, {"street_code": "610111001", "head_name": "tab\tnew\nline\u2028 𠀀", "head_citizen_id": "",
                     "poverty_status": PovertyStatus.MONITORED, "poverty_status_since": dt.date(2020, 2, 29)}),
        (Household, {"street_code": "610111001", "head_name": "王五", "head_citizen_id": "610111199001011237",
                     "created_at": dt.datetime(2026, 1, 2, 3, 4, 5), "deleted": False}),  # no microseconds
        (Attachment, {"id": attachment_id_for(hashlib.sha256(photo).hexdigest()),
                      "sha256": hashlib.sha256(photo).hexdigest(), "data": photo, "size": len(photo),
                      "mime": "image/jpeg"}),
    ]
    for model, row in samples:
        rows = [dict(row)]
        prepared = store.audit.prepare(model, rows, "tester", sqlite.dialect())
        assert prepared.values is not None  # the driver's values were hashed, not the Python ones again
        table = model.__table__
        assert prepared.entries[0].row_hash == hasher(table)({**_defaults(table)[0], **rows[0]})
        with store.write() as session:
            store.audit.insert_prepared(session, prepared)
    assert store.check() == []


def test_orjson_writes_what_json_writes_or_steps_aside():
    """Row hashes and log entries take orjson's bytes where :func:`compact_utf8` says it writes json's own: for any
    value (floats, 64-bit edges and beyond, lone surrogates, keys that are not str, UUIDs, dates, bytes, nesting),
    canonical_json must be json.dumps's text, and a row hash the hash of that text."""
    import json

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from app.db.audit import _plain, canonical_json, canonical_utf8
    from app.db.rowhash import compact_utf8

    def dumps(value):
        return json.dumps(value, default=_plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    texts = st.text(alphabet=st.characters(blacklist_categories=()), max_size=12)  # lone surrogates included
    scalars = (st.none() | st.booleans() | texts | st.floats(allow_nan=True) | st.sampled_from([1e16, 1e-5, -0.0])
               | st.integers(-2**70, 2**70) | st.sampled_from([2**63 - 1, -2**63, 2**64 - 1, 2**64])
               | st.uuids() | st.dates() | st.datetimes() | st.binary(max_size=4))
    keys = texts | st.integers(-3, 3)
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                          max_leaves=12)

    @settings(max_examples=1500, deadline=None)
    @given(values)
    def check(value):
        try:
            expected = dumps(value)
        except (TypeError, ValueError):  # json refuses it too (mixed key types cannot be sorted)
            return
        assert canonical_json(value) == expected
        try:
            utf8 = expected.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no UTF-8 (a hash of it fails, as it always did)
            assert compact_utf8(value) is None
            with pytest.raises(UnicodeEncodeError):
                canonical_utf8(value)
            return
        assert canonical_utf8(value) == utf8
        fast = compact_utf8(value)
        assert fast is None or fast == utf8

    check()
    for edge in ({"s": "a\ud800"}, ["\udfff"], {"new": {"k": "\ud83c"}}, {"f": 1e16}, {"f": float("nan")}, [2**64],
                 {1: "a"}, {"new": {2: "b"}}, {"d": dt.date(2020, 2, 29)}, {"u": uuid.UUID(int=7)}, {"b": b"x"}):
        check.hypothesis.inner_test(edge)
    row = {"名称": "灞桥", "n": 2**63 - 1, "b": True, "z": None}
    assert compact_utf8(row) == dumps(row).encode("utf-8")  # the fast path is taken for plain rows
    assert compact_utf8({"new": row}) is not None and compact_utf8([1, "a", None, False]) is not None
    for refused in ({"f": 1.5}, {"n": 2**64}, {"s": "\ud800"}, {"new": {"f": 0.5}}, {"k": (1, 2)}):
        assert compact_utf8(refused) is None
