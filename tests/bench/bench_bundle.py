"""Bundle export/import throughput (run by hand: ``.venv/bin/python -m tests.bench.bench_bundle [visits] [photos]``).

A field node with N visits and M photo-like attachments (~200 KB each, linked to visits) exports one bundle to
its hub; the hub imports it. For comparison the same visit and attachment rows are inserted into a fresh
SQLCipher node with plain executemany (no audit log, no merge) in the same run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlalchemy as sa

from app import i18n
from app.db.store import Store
from app.models import Attachment, Household, RecordAttachment, Visit
from app.models.enums import RecordKind
from app.sync.export import export_bundles
from app.sync.importer import import_bundle
from tests.conftest import FAST_KDF
from tests.sync.conftest import citizen_id, enroll_field


def main(visits: int = 10_000, photos: int = 1_000) -> None:
    i18n.install("en")
    root = Path(tempfile.mkdtemp(prefix="fieldbook-bench-"))
    hub, _ = Store.create(root / "hub", "hub", "hub", None, "admin", "correct horse", kdf=FAST_KDF)
    field, _ = Store.create(root / "field", "field", "field", "610111001", "admin", "correct horse", kdf=FAST_KDF)
    enroll_field(hub, field, root / "enroll")
    with hub.write() as session:
        households = [{"street_code": "610111001", "head_name": f"户{i}", "head_citizen_id": citizen_id(i)}
                      for i in range(500)]
        hub.audit.bulk_insert(session, Household, households)
    path = export_bundles(hub, root / "h2f")[0].path
    import_bundle(field, path)
    household_ids = [h["id"] for h in households]
    visit_rows = [{"household_id": household_ids[i % 500], "visited_on": dt.date(2024, 5, 1 + i % 28),
                   "visitors": "张三、李四", "people_met": "户主", "findings": f"经营正常，第{i}次回访" * 3,
                   "follow_up": "下次回访核实用途"} for i in range(visits)]
    blobs = [os.urandom(200_000) for _ in range(photos)]
    photo_rows = [{"sha256": hashlib.sha256(b).hexdigest(), "mime": "image/jpeg", "size": len(b), "data": b,
                   "thumbnail": b""} for b in blobs]
    t0 = time.perf_counter()
    with field.write() as session:
        field.audit.bulk_insert(session, Visit, visit_rows)
        field.audit.bulk_insert(session, Attachment, photo_rows)
        links = [{"record_kind": RecordKind.VISIT, "record_id": visit_rows[i]["id"],
                  "attachment_id": photo_rows[i]["id"]} for i in range(photos)]
        field.audit.bulk_insert(session, RecordAttachment, links)
    local = time.perf_counter() - t0

    t0 = time.perf_counter()
    result = export_bundles(field, root / "f2h")[0]
    export_s = time.perf_counter() - t0
    size = result.path.stat().st_size

    t0 = time.perf_counter()
    report = import_bundle(hub, result.path)
    import_s = time.perf_counter() - t0
    records = report.applied

    # baseline: the same rows into a fresh SQLCipher node, plain executemany, no log, no merge
    base, _ = Store.create(root / "base", "hub", "base", None, "admin", "correct horse", kdf=FAST_KDF)
    with hub.read() as session:
        hh = [dict(r._mapping) for r in session.execute(sa.select(Household.__table__))]
        vv = [dict(r._mapping) for r in session.execute(sa.select(Visit.__table__))]
        aa = [dict(r._mapping) for r in session.execute(sa.select(Attachment.__table__))]
        ll = [dict(r._mapping) for r in session.execute(sa.select(RecordAttachment.__table__))]
    with base.engine.connect() as conn:
        conn.info["audit_ok"] = 1
        conn.execute(sa.insert(Household.__table__), hh)
        conn.commit()
        t0 = time.perf_counter()
        conn.info["audit_ok"] = 1  # the guard's permission lasts one transaction
        for model, rows in ((Visit, vv), (Attachment, aa), (RecordAttachment, ll)):
            if rows:
                conn.execute(sa.insert(model.__table__), rows)
        conn.commit()
        baseline_s = time.perf_counter() - t0
    assert hub.check() == [], hub.check()
    print(f"records: {records} ({visits} visits, {photos} attachments of 200 KB, {photos} links); "
          f"bundle {size / 1e6:.1f} MB")
    print(f"local bulk insert at the field node: {local:.2f} s")
    print(f"export: {export_s:.2f} s ({records / export_s:,.0f} records/s)")
    print(f"import: {import_s:.2f} s ({records / import_s:,.0f} records/s), verify+decrypt+merge+log in one txn")
    print(f"plain SQLCipher executemany of the same rows: {baseline_s:.2f} s -> import is "
          f"{import_s / baseline_s:.1f}x")
    for store in (hub, field, base):
        store.engine.dispose()
    uuid.uuid4()


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*args)
