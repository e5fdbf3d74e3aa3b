"""``check``: does the database hold exactly what its audit log says was written? (docs/architecture-notes.md
"check sees every edit")

Three things bind the data to the log, so an edit made around the application, with the data key and an SQLite
tool, is found:

- every audited row's current content is bound to its newest log entry: the entry holds the hash of the row as it
  left it (app/db/rowhash.py; rows older than row hashes are bound by ``audit_baseline``: app/db/baseline.py);
- the log is hash-chained, and its head is *anchored* outside the database: ``integrity.json`` next to the key
  ring holds the sequence number and hash of the newest entry, under an HMAC whose key is derived from the data
  key; the store updates it after every write. A log cut short, or rewritten, no longer reaches the anchor;
- photos are bytes in their rows: a row's hash covers the SHA-256 of its bytes, so zeroed or replaced bytes are
  a changed row, and a photo's bytes must still match the hash that names it.

``check --full`` (:func:`full_check`) verifies the pages (``PRAGMA integrity_check``, ``cipher_integrity_check``),
the whole chain and every row against its own entry. The routine ``check`` (:func:`routine_check`) starts from
the last verified entry, remembered in ``integrity.json`` under the same HMAC: it verifies the chain from there to
the anchored head, and compares, table by table, the sum of the hashes of the rows held with the sum the log
expects (kept up to date from the entries written since); only a table whose sums differ is compared row by row,
to name its records. Both remember their result as the new starting point when nothing was found.

What it cannot do: whoever holds the data key can also recompute hashes and the HMAC, if they rewrite Fieldbook's
procedure; the check raises the bar from "any SQLite tool" to "a forger who reimplements Fieldbook", and the hub's
copy of every synced change (signed bundles) remains the independent witness.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import sqlalchemy as sa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.db.audit import GENESIS, canonical_json, entry_hash
from app.db.baseline import BASELINE_ACTION, audited_models
from app.db.fileio import atomic_write_json, read_json
from app.db.rowhash import MODULUS, converter, digest_stored
from app.i18n import translate
from app.models import AuditBaseline, AuditEntry, Base
from app.models.records import Attachment, attachment_id_for

log = logging.getLogger(__name__)
ANCHOR_FORMAT = 1
ROW_ACTIONS = ("insert", "update", "delete")
#: problems named before ``check`` stops listing more
MAX_PROBLEMS = 20


def problem(text: str, **params: object) -> str:
    """One problem ``check`` found, in the user's language."""
    return translate("Check", text, **params)


def anchor_key(data_key: bytes) -> bytes:
    """The HMAC key of ``integrity.json``, derived from the data key (never stored)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"fieldbook audit anchor v1").derive(data_key)


# -- integrity.json ---------------------------------------------------------------------------------------------
class Anchor:
    """``integrity.json``: the anchored head of the log (``head``) and the last verified state (``verified``), each
    under an HMAC bound to the node id. Updated with a fresh read each time, so several processes (the GUI and the
    CLI, the hub's workers) only ever move it forward or leave it a little behind, never break it."""

    def __init__(self, path: Path, node_id: str, data_key: bytes) -> None:
        self.path = path
        self.node_id = node_id
        self._key = anchor_key(data_key)
        self._lock = threading.Lock()
        self._head_seq = -1

    def _mac(self, part: str, body: dict[str, Any]) -> str:
        message = canonical_json([part, self.node_id, body]).encode("utf-8")
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def read(self) -> dict[str, Any] | None:
        """The file's content, None when it does not exist; ValueError when it cannot be read."""
        try:
            data = read_json(self.path)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise ValueError(str(exc)) from exc
        if not isinstance(data, dict) or data.get("node_id") != self.node_id:
            raise ValueError("not this node's")
        return data

    def part(self, name: str) -> dict[str, Any] | None:
        """A verified part (``head`` or ``verified``); None when absent; ValueError when its HMAC is wrong."""
        data = self.read()
        if data is None or name not in data:
            return None
        body = dict(data[name])
        mac = body.pop("mac", "")
        if not isinstance(mac, str) or not hmac.compare_digest(mac, self._mac(name, body)):
            raise ValueError(name)
        return body

    def _write(self, name: str, body: dict[str, Any]) -> None:
        try:
            data = self.read() or {}
        except ValueError:
            data = {}
        data.update({"format": ANCHOR_FORMAT, "node_id": self.node_id, name: {**body, "mac": self._mac(name, body)}})
        atomic_write_json(self.path, data)

    def advance_head(self, seq: int, entry: str) -> None:
        """Anchor the log's newest entry (never moves the anchor back)."""
        with self._lock:
            if seq <= self._head_seq:
                return
            try:
                current = self.part("head")
            except ValueError:
                current = None
            if current is not None and int(current.get("seq", 0)) >= seq:
                self._head_seq = int(current["seq"])
                return
            self._write("head", {"seq": seq, "hash": entry})
            self._head_seq = seq

    def remember_verified(self, state: dict[str, Any]) -> None:
        with self._lock:
            self._write("verified", state)


# -- the log ----------------------------------------------------------------------------------------------------
@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    head_seq: int = 0
    head_hash: str = GENESIS
    entries: int = 0

    def add(self, text: str) -> bool:
        """Record a problem; False once enough are listed."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)
        return len(self.problems) < MAX_PROBLEMS


def verify_chain_from(conn: sa.Connection, report: Report, after: int = 0, prev: str = GENESIS,
                      batch: int = 20_000) -> None:
    """Verify the entries after ``after`` (whose hash was ``prev``): numbering without gaps, each hash right."""
    expected = after + 1
    report.head_seq, report.head_hash = after, prev
    with conn.execute(sa.select(AuditEntry.__table__).where(AuditEntry.seq > after).order_by(AuditEntry.seq)
                      .execution_options(yield_per=batch)) as result:
        for row in result.mappings():
            report.entries += 1
            if row["seq"] != expected and not report.add(problem("audit: gap before entry {seq}", seq=row["seq"])):
                return
            expected = row["seq"] + 1
            values = dict(row)
            values["at"] = row["at"].isoformat() if isinstance(row["at"], dt.datetime) else row["at"]
            if (row["prev_hash"] != prev or entry_hash(prev, values) != row["hash"]) and not report.add(
                    problem("audit: entry {seq} was altered", seq=row["seq"])):
                return
            prev = row["hash"]
            report.head_seq, report.head_hash = row["seq"], row["hash"]


def check_anchor(conn: sa.Connection, anchor: Anchor, report: Report) -> None:
    """The anchored head must be in the log, as anchored."""
    try:
        head = anchor.part("head")
    except ValueError:
        report.add(problem("audit: the anchor of the log (integrity.json) was altered"))
        return
    if head is None:
        if report.head_seq:
            report.add(problem("audit: the anchor of the log (integrity.json) is missing"))
        return
    seq = int(head.get("seq", 0))
    held = conn.execute(sa.select(AuditEntry.hash).where(AuditEntry.seq == seq)).scalar()
    if held is None:
        report.add(problem("audit: the log ends at entry {last}, but entry {seq} was written: entries were cut off "
                           "the end", last=report.head_seq, seq=seq))
    elif held != head.get("hash"):
        report.add(problem("audit: entry {seq} is not the entry that was written", seq=seq))


# -- rows -------------------------------------------------------------------------------------------------------
def scan_table(conn: sa.Connection, model: type[Base]) -> Iterator[tuple[str, str]]:
    """(record id, row hash) of every row of ``model``'s table as the database holds it."""
    table = cast(sa.Table, sa.inspect(model).local_table)
    names = [c.name for c in table.c]
    key = names.index(next(iter(table.primary_key.columns)).name)
    is_uuid = isinstance(table.c[names[key]].type, sa.Uuid)
    batch = 100 if any(isinstance(c.type, sa.LargeBinary) for c in table.c) else 20_000  # photos: a few MB each
    if conn.dialect.name == "sqlite":  # the stored values themselves, straight from the driver
        raw = conn.connection.driver_connection
        assert raw is not None
        cursor = raw.execute("SELECT " + ", ".join(f'"{n}"' for n in names) + f' FROM "{table.name}"')
        convert = None
    else:
        cursor = conn.execute(sa.select(*table.c).execution_options(yield_per=batch))
        convert = [converter(c) for c in table.c]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            values = row if convert is None else [None if v is None else f(v) for v, f in zip(row, convert,
                                                                                                strict=True)]
            ident = values[key]
            record = str(uuid.UUID(ident)) if is_uuid and isinstance(ident, str) else str(ident)
            yield record, digest_stored(names, values)


def expected_rows(conn: sa.Connection, tables: Iterable[str], upto: int | None = None
                  ) -> dict[str, dict[str, tuple[int, str | None]]]:
    """{table: {record: (seq, row hash)}} as the log (entries up to ``upto``) and the baselines say the rows should
    be now; None as the hash: no row (deleted, or an entry that wrote none: a change to a record not held)."""
    names = sorted(tables)
    found: dict[str, dict[str, tuple[int, str | None]]] = {n: {} for n in names}
    log = AuditEntry.__table__
    where: list[sa.ColumnElement[bool]] = [log.c.table_name.in_(names), log.c.action.in_(ROW_ACTIONS)]
    if upto is not None:
        where.append(log.c.seq <= upto)
    if conn.dialect.name == "sqlite":  # SQLite takes the bare columns from the row holding max(seq)
        query = sa.select(log.c.table_name, log.c.record_id, sa.func.max(log.c.seq), log.c.action, log.c.row_hash
                          ).where(*where).group_by(log.c.table_name, log.c.record_id)
    else:
        query = (sa.select(log.c.table_name, log.c.record_id, log.c.seq, log.c.action, log.c.row_hash).where(*where)
                 .order_by(log.c.table_name, log.c.record_id, log.c.seq.desc()))
        try:  # DISTINCT ON: SQLAlchemy 2.1 spells it as an extension (``distinct(*columns)`` is deprecated there)
            from sqlalchemy.dialects.postgresql import distinct_on
        except ImportError:  # SQLAlchemy 2.0
            query = query.distinct(log.c.table_name, log.c.record_id)
        else:
            query = query.ext(distinct_on(log.c.table_name, log.c.record_id))
    for table, record, seq, action, digest in conn.execute(query):
        found[table][record] = (int(seq), None if action == "delete" else digest)
    base = AuditBaseline.__table__
    query = sa.select(base.c.table_name, base.c.record_id, base.c.seq, base.c.row_hash).where(
        base.c.table_name.in_(names))
    for table, record, seq, digest in conn.execute(query):
        if upto is not None and seq > upto:
            continue
        if seq > found[table].get(record, (0, None))[0]:
            found[table][record] = (int(seq), digest)
    return found


def compare_rows(conn: sa.Connection, expected: dict[str, dict[str, tuple[int, str | None]]], report: Report) -> None:
    """Compare every row of the tables of ``expected`` with what the log says it should be, naming what differs."""
    models = audited_models()
    for name in sorted(expected):
        wanted = dict(expected[name])
        for record, digest in scan_table(conn, models[name]):
            _, should = wanted.pop(record, (0, None))
            if should != digest and not report.add(
                    problem("audit: {table} {record} was changed outside the audit log", table=name, record=record)):
                return
        for record, (_, should) in wanted.items():
            if should is not None and not report.add(
                    problem("audit: {table} {record} was deleted outside the audit log", table=name, record=record)):
                return


def sums_of(expected: dict[str, dict[str, tuple[int, str | None]]]) -> dict[str, list[Any]]:
    """{table: [rows, sum of row hashes as hex]} of an expected state."""
    result: dict[str, list[Any]] = {}
    for table, records in expected.items():
        total, count = 0, 0
        for _, digest in records.values():
            if digest is not None:
                total, count = (total + int(digest, 16)) % MODULUS, count + 1
        result[table] = [count, f"{total:064x}"]
    return result


#: row hashes' JSON as :func:`app.db.rowhash.digest_stored` writes it (keys already in order: not sorted again)
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def held_sum(conn: sa.Connection, model: type[Base]) -> list[Any]:
    """[rows, sum of their row hashes] of ``model``'s table: the routine check's pass over every row, so the same
    digests as :func:`scan_table` without naming records (SQLite: columns read in name order, only the blob columns
    converted, one JSON encoder)."""
    if conn.dialect.name != "sqlite":
        total, count = 0, 0
        for _, digest in scan_table(conn, model):
            total, count = (total + int(digest, 16)) % MODULUS, count + 1
        return [count, f"{total:064x}"]
    table = cast(sa.Table, sa.inspect(model).local_table)
    names = sorted(c.name for c in table.c)
    blobs = [i for i, n in enumerate(names) if isinstance(table.c[n].type, sa.LargeBinary)]
    raw = conn.connection.driver_connection
    assert raw is not None
    if not blobs and len(names) <= 60:  # SQLite writes the same JSON (json_patch drops the NULLs, keeps the order)
        members = ", ".join(f"'{n}', \"{n}\"" for n in names)
        total, count = 0, 0
        try:
            cursor = raw.execute(f"SELECT json_patch('{{}}', json_object({members})) FROM \"{table.name}\"")
            while texts := cursor.fetchmany(20_000):
                for (text,) in texts:
                    total += int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")
                count += len(texts)
        except Exception as exc:  # a value JSON cannot hold (a blob in a text column): the general path below
            log.info("check: %s hashed row by row (%s)", table.name, exc)
        else:
            return [count, f"{total % MODULUS:064x}"]
    cursor = raw.execute("SELECT " + ", ".join(f'"{n}"' for n in names) + f' FROM "{table.name}"')
    sha256, encode = hashlib.sha256, _ENCODE
    total, count = 0, 0
    while rows := cursor.fetchmany(100 if blobs else 20_000):
        for row in rows:
            if blobs:
                values = list(row)
                for i in blobs:
                    if values[i] is not None:
                        values[i] = sha256(values[i]).hexdigest()
                row = values
            text = encode({n: v for n, v in zip(names, row, strict=True) if v is not None})
            total += int.from_bytes(sha256(text.encode("utf-8")).digest(), "big")
            count += 1
    return [count, f"{total % MODULUS:064x}"]


def held_sums(conn: sa.Connection, tables: Iterable[str]) -> dict[str, list[Any]]:
    models = audited_models()
    return {name: held_sum(conn, models[name]) for name in sorted(tables)}


def check_baselines(conn: sa.Connection, report: Report) -> None:
    """The recorded baselines must add up to the sums their log entries hold."""
    logged: dict[str, list[Any]] = {}
    for (data,) in conn.execute(sa.select(AuditEntry.data).where(AuditEntry.action == BASELINE_ACTION)
                                .order_by(AuditEntry.seq)):
        for table, summary in (json.loads(data).get("tables") or {}).items():
            logged[table] = [summary.get("rows"), summary.get("sum")]
    held: dict[str, list[Any]] = defaultdict(lambda: [0, 0])
    base = AuditBaseline.__table__
    for table, digest in conn.execute(sa.select(base.c.table_name, base.c.row_hash)):
        held[table][0] += 1
        held[table][1] = (held[table][1] + int(digest, 16)) % MODULUS
    for table in sorted(set(logged) | set(held)):
        count, total = held.get(table, [0, 0])
        if logged.get(table) != [count, f"{total:064x}"]:
            report.add(problem("audit: the recorded row hashes of {table} were altered", table=table))


def check_photos(conn: sa.Connection, report: Report) -> None:
    """Every photo's bytes still match the hash that names it (and its id, which is made from that hash)."""
    table = cast(sa.Table, sa.inspect(Attachment).local_table)
    with conn.execute(sa.select(table.c.id, table.c.sha256, table.c.data).execution_options(yield_per=100)) as rows:
        for ident, sha, data in rows:
            record = str(ident)
            if (hashlib.sha256(bytes(data or b"")).hexdigest() != sha or record != str(attachment_id_for(sha))) \
                    and not report.add(problem("audit: the bytes of photo {record} do not match its hash",
                                               record=record)):
                return


def pages(conn: sa.Connection, report: Report) -> None:
    if conn.dialect.name != "sqlite":  # a server database checks its own pages
        return
    rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
    if [r[0] for r in rows] != ["ok"]:
        for r in rows[:10]:
            report.add(problem("integrity: {detail}", detail=r[0]))
    for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check"):
        report.add(problem("encryption: {detail}", detail=r[0]))


# -- the two checks ---------------------------------------------------------------------------------------------
def full_check(conn: sa.Connection, anchor: Anchor) -> Report:
    """Pages, the whole chain, the anchor, every row against its entry, the baselines and every photo."""
    report = Report()
    pages(conn, report)
    verify_chain_from(conn, report)
    check_anchor(conn, anchor, report)
    expected = expected_rows(conn, audited_models(), upto=report.head_seq)
    compare_rows(conn, expected, report)
    check_baselines(conn, report)
    check_photos(conn, report)
    if not report.problems:
        remember(anchor, report, sums_of(expected))
    return report


def routine_check(conn: sa.Connection, anchor: Anchor) -> Report:
    """From the last verified entry: the chain to the anchored head, and every table's rows against the sums the
    log expects (row by row only where they differ). Without a trustworthy starting point, the full check."""
    try:
        verified = anchor.part("verified")
    except ValueError:
        report = full_check(conn, anchor)
        report.problems.insert(0, problem("audit: the record of the last check (integrity.json) was altered"))
        return report
    if verified is None:
        return full_check(conn, anchor)
    start, start_hash = int(verified.get("seq", 0)), str(verified.get("hash", GENESIS))
    if start and conn.execute(sa.select(AuditEntry.hash).where(AuditEntry.seq == start)).scalar() != start_hash:
        report = full_check(conn, anchor)
        report.problems.insert(0, problem("audit: the log was rewritten at or before entry {seq}, which the last "
                                          "check verified", seq=start))
        return report
    if conn.execute(sa.select(AuditEntry.seq).where(AuditEntry.seq > start,
                                                    AuditEntry.action == BASELINE_ACTION).limit(1)).first():
        return full_check(conn, anchor)  # a migration recorded new baselines since: start afresh
    report = Report()
    verify_chain_from(conn, report, after=start, prev=start_hash)
    check_anchor(conn, anchor, report)
    tables = set(audited_models())
    sums = {t: list(verified.get("sums", {}).get(t, [0, f"{0:064x}"])) for t in tables}
    for table, records in touched_since(conn, start, tables).items():
        before = expected_for(conn, table, records, upto=start)
        after = expected_for(conn, table, records, upto=None)
        count, total = sums[table][0], int(sums[table][1], 16)
        for record in records:
            old, new = before.get(record), after.get(record)
            if old is not None:
                count, total = count - 1, (total - int(old, 16)) % MODULUS
            if new is not None:
                count, total = count + 1, (total + int(new, 16)) % MODULUS
        sums[table] = [count, f"{total:064x}"]
    held = held_sums(conn, tables)
    differing = sorted(t for t in tables if held[t] != sums[t])
    if differing:
        before_count = len(report.problems)
        compare_rows(conn, expected_rows(conn, differing, upto=report.head_seq), report)
        if len(report.problems) == before_count:
            for table in differing:
                report.add(problem("audit: the rows of {table} do not add up to what the log says", table=table))
    if not report.problems:
        remember(anchor, report, sums)
    return report


def touched_since(conn: sa.Connection, after: int, tables: set[str]) -> dict[str, set[str]]:
    """{table: records} that entries after ``after`` wrote."""
    found: dict[str, set[str]] = defaultdict(set)
    query = sa.select(AuditEntry.table_name, AuditEntry.record_id).where(
        AuditEntry.seq > after, AuditEntry.action.in_(ROW_ACTIONS))
    for table, record in conn.execute(query):
        if table in tables and record is not None:
            found[table].add(record)
    return found


def expected_for(conn: sa.Connection, table: str, records: Iterable[str], upto: int | None) -> dict[str, str | None]:
    """{record: row hash} the log expects for ``records`` of ``table`` (as of entry ``upto``); None: no row."""
    newest: dict[str, tuple[int, str | None]] = {}
    wanted = sorted(records)
    log, base = AuditEntry.__table__, AuditBaseline.__table__
    for start in range(0, len(wanted), 500):
        part = wanted[start:start + 500]
        query = sa.select(log.c.record_id, log.c.seq, log.c.action, log.c.row_hash).where(
            log.c.table_name == table, log.c.record_id.in_(part), log.c.action.in_(ROW_ACTIONS))
        if upto is not None:
            query = query.where(log.c.seq <= upto)
        rows: list[tuple[Any, ...]] = [tuple(r) for r in conn.execute(query)]
        rows += [(r, seq, "baseline", digest) for r, seq, digest in conn.execute(
            sa.select(base.c.record_id, base.c.seq, base.c.row_hash).where(base.c.table_name == table,
                                                                           base.c.record_id.in_(part)))
                 if upto is None or seq <= upto]
        for record, seq, action, digest in rows:
            if seq > newest.get(record, (0, None))[0]:
                newest[record] = (int(seq), None if action == "delete" else digest)
    return {record: digest for record, (_, digest) in newest.items()}


def remember(anchor: Anchor, report: Report, sums: dict[str, list[Any]]) -> None:
    """What this check verified, as the next routine check's starting point."""
    anchor.remember_verified({"seq": report.head_seq, "hash": report.head_hash, "sums": sums,
                              "at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")})
