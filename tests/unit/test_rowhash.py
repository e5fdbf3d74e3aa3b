"""The row hash's one-pass path (``Hasher``, used by every bulk writer and the demo) gives exactly the hash of the
long way (:func:`digest_stored` over each column's stored value), whatever the column types: UUIDs, dates and
date-times, booleans, enums, numbers, text with awkward characters, NULLs, photo bytes and their log form."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

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
