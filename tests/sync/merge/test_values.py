"""Log values (JSON) to column values: the storage form the ``write`` step puts in SQLite, and Python values."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa

from app.sync.merge.values import storage_converter, storage_to_python, to_python, uuid_hex

metadata = sa.MetaData()
T = sa.Table(
    "t", metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("on", sa.Date),
    sa.Column("flag", sa.Boolean),
    sa.Column("kind", sa.Enum("a", "b", name="kind")),
    sa.Column("n", sa.Integer),
    sa.Column("text", sa.String(10)),
    sa.Column("photo", sa.LargeBinary),
    sa.Column("other", sa.Numeric),
)
ID = "0f8fad5b-d9cb-469f-a165-70867728950e"


def convert(column: str, value, blobs=None):
    return storage_converter(T.c[column], blobs or {})(value)


def test_values_become_their_storage_form():
    assert convert("id", ID) == uuid_hex(ID) == ID.replace("-", "")
    assert uuid_hex(ID.upper()) == ID.replace("-", "")  # a non-canonical form still parses
    assert convert("at", "2024-05-01T08:30:00") == "2024-05-01 08:30:00.000000"
    assert convert("on", "2024-05-01") == "2024-05-01"
    assert convert("flag", True) == 1 and convert("flag", 0) == 0
    assert convert("kind", "b") == "b"
    assert convert("n", 7) == 7
    assert convert("text", "张三") == "张三"
    assert convert("photo", {"sha256": "ab", "size": 2}, {"ab": b"\x01\x02"}) == b"\x01\x02"
    assert convert("other", 1.5) == 1.5
    assert convert("on", None) is None


@pytest.mark.parametrize(("column", "value", "error"), [
    ("at", None, ValueError),  # not nullable
    ("at", 20240501, TypeError),
    ("on", "01.05.2024", ValueError),
    ("flag", "yes", TypeError),
    ("kind", "c", ValueError),
    ("n", True, TypeError),
    ("n", "7", TypeError),
    ("text", 7, TypeError),
    ("photo", {"sha256": "cd", "size": 1}, KeyError),  # not carried by the bundle
    ("id", "not a uuid", ValueError),
])
def test_values_that_do_not_fit_are_refused(column, value, error):
    with pytest.raises(error):
        convert(column, value)


def test_to_python_and_back_from_storage():
    assert to_python(T.c.id, ID, {}) == uuid.UUID(ID)
    assert to_python(T.c.at, "2024-05-01T08:30:00", {}) == dt.datetime(2024, 5, 1, 8, 30)
    assert to_python(T.c.on, "2024-05-01", {}) == dt.date(2024, 5, 1)
    assert to_python(T.c.flag, 1, {}) is True
    assert to_python(T.c.photo, {"sha256": "ab"}, {"ab": b"x"}) == b"x"
    assert to_python(T.c.text, None, {}) is None
    for column, value in (("at", 1), ("n", "1"), ("text", 1), ("flag", "x")):
        with pytest.raises(ValueError):
            to_python(T.c[column], value, {})
    stored = (convert("id", ID), convert("at", "2024-05-01T08:30:00"), convert("on", "2024-05-01"), 3)
    assert storage_to_python(T, ("id", "at", "on", "n"), [stored]) == [
        (uuid.UUID(ID), dt.datetime(2024, 5, 1, 8, 30), dt.date(2024, 5, 1), 3)]


ROWS = sa.Table(
    "rows", metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(20), nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("level", sa.Integer),
    sa.Column("kind", sa.Enum("a", "b", name="kind2")),
    sa.Column("state", sa.Enum("x", "y", name="state"), nullable=False),
    sa.Column("flag", sa.Boolean, nullable=False),
    sa.Column("citizen_id", sa.String(18), info={"code": True}),
    sa.Column("on", sa.Date),
    sa.Column("photo", sa.LargeBinary),
)
#: valid and invalid JSON values of every kind, for every column
ANY_VALUE = [None, "", "张三", "a", "x", "2024-05-01", "６１０１", ID, 0, 1, -7, 10**20, True, False, 1.5, [], ["a"],
             {}, {"sha256": "ab"}, {"sha256": "cd"}]


def _outcome(make):
    try:
        return "ok", make()
    except (ValueError, TypeError, KeyError) as exc:
        return "refused", type(exc)


def test_a_row_at_a_time_is_every_column_converter_at_once():
    """RowConverter checks plain columns a group at a time: for any mix of fitting and unfitting values it must
    store what the per-column converters store, and refuse (with the same kind of error) what they refuse."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from app.sync.merge.values import RowConverter

    blobs = {"ab": b"\x01\x02"}
    names = tuple(ROWS.c.keys())
    per_column = {name: storage_converter(ROWS.c[name], blobs) for name in names}
    good = {"id": ID, "name": "张三", "note": None, "count": 3, "level": None, "kind": "a", "state": "y", "flag": True,
            "citizen_id": "６１０１", "on": "2024-05-01", "photo": {"sha256": "ab"}}
    assert RowConverter(ROWS, names, blobs)(good) == tuple(per_column[n](good[n]) for n in names)

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True),
           st.fixed_dictionaries({name: st.sampled_from(ANY_VALUE) for name in names}))
    def check(chosen, changed):
        columns = tuple(chosen)
        values = {**good, **changed}
        expected = _outcome(lambda: tuple(per_column[n](values[n]) for n in columns))
        assert _outcome(lambda: RowConverter(ROWS, columns, blobs)(values)) == expected

    check()
