"""Bundle suites (issue 24): export and import per suite, end to end and for the cryptography alone.

- ``bundle_export_<suite>`` / ``bundle_import_<suite>`` (gm, pq): the same 10,000 visits and 100 households as
  ``bundle_export`` / ``bundle_import`` (which are the classic suite), from a field node to a copy of its hub.
- ``bundle_stream_<suite>``: write and then verify and open a bundle of 16 MiB of attachments (random bytes, stored
  as they are) with keys in memory, no database: what the suite's wrap, chunk sealing, hashing and signature cost.
  Logs write and read MiB/s and the size overhead (file bytes beyond the plaintext payload).
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.bench.domain_ops import BUNDLE_VISITS, _bundle_setup, _bundle_teardown, _dispose
from app.bench.registry import register
from app.bench.runner import ADMIN, PASSWORD, BenchContext

STREAM_BLOBS = 16
STREAM_BLOB_BYTES = 1024 * 1024


def _export(suite: str) -> Any:
    def run(_ctx: BenchContext, state: dict[str, Any], _arg: Any) -> Path:
        from app.sync.export import export_bundles

        out = state["base"] / f"out-{uuid.uuid4().hex[:6]}"
        result = export_bundles(state["field"], out, to=state["hub"].info.node_id, suite=suite)[0]
        assert result.path is not None
        state["bundle"] = result.path
        return result.path
    return run


def _hub_copy(suite: str) -> Any:
    def prepare(_ctx: BenchContext, state: dict[str, Any]) -> Any:
        import shutil

        from app.db.store import Store
        from app.sync.export import export_bundles

        if "bundle" not in state:
            state["bundle"] = export_bundles(state["field"], state["base"] / "out-import",
                                             to=state["hub"].info.node_id, suite=suite)[0].path
        state["hub"].engine.dispose()
        target = state["base"] / f"hub-{uuid.uuid4().hex[:6]}"
        shutil.copytree(state["base"] / "hub", target, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm"))
        return Store.open(target, ADMIN, PASSWORD)
    return prepare


def _import(_ctx: BenchContext, state: dict[str, Any], hub: Any) -> Any:
    from app.sync.importer import import_bundle

    import_bundle(hub, Path(state["bundle"]))
    return hub


def _loader(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _stream_setup(ctx: BenchContext) -> dict[str, Any]:
    from app.sync import bundle as fmt
    from app.sync.keys import NodeKeys

    sender, recipient = NodeKeys.generate(str(uuid.uuid4())), NodeKeys.generate(str(uuid.uuid4()))
    blobs = [os.urandom(STREAM_BLOB_BYTES) for _ in range(STREAM_BLOBS)]
    entries = [fmt.blob_entry(hashlib.sha256(b).hexdigest(), len(b), _loader(b)) for b in blobs]
    return {"sender": sender, "recipient": recipient, "entries": entries,
            "base": ctx.scratch / f"stream-{uuid.uuid4().hex[:8]}", "figures": []}


def _stream(suite_name: str) -> Any:
    def run(ctx: BenchContext, state: dict[str, Any], _arg: Any) -> None:
        from app.sync import bundle as fmt
        from app.sync import suites

        suite = suites.by_name(suite_name)
        sender, recipient = state["sender"], state["recipient"]
        header = {"bundle_id": fmt.new_bundle_id(), "sender": sender.node_id, "sender_key": sender.fingerprint,
                  "recipient": recipient.node_id, "recipient_key": recipient.fingerprint, "bundle_seq": 1,
                  "created_at": "2026-12-04T00:00:00", "ranges": {}, "ack": {}, "roster": 1}
        manifest = fmt.build_manifest(header, state["entries"], 0)
        start = time.perf_counter()
        path = fmt.write_bundle(state["base"], f"{suite.name}.fbb", sender, recipient.public, header, manifest,
                                state["entries"], suite=suite, verify_blobs=False)
        written = time.perf_counter()
        opened = fmt.verify_and_open(path, recipient, lambda _h: sender.public)
        done = time.perf_counter()
        payload = opened.header["payload_size"]
        size = path.stat().st_size
        mib = payload / 1024**2
        ctx.log(f"  bundle_stream_{suite.name}: {mib:.1f} MiB payload; write {mib / (written - start):,.1f} MiB/s, "
                f"verify+open {mib / (done - written):,.1f} MiB/s; file {size:,} bytes = payload + "
                f"{size - payload:,} bytes ({(size - payload) / payload * 100:.2f} %)")
        path.unlink()
    return run


for _name in ("gm", "pq"):
    register(f"bundle_export_{_name}", _export(_name), setup=_bundle_setup, teardown=_bundle_teardown,
             rows=lambda _c, _s: BUNDLE_VISITS + 100, needs_node=False,
             description=f"bundle_export in suite {_name} (bundle_export itself is suite classic)")
    register(f"bundle_import_{_name}", _import, setup=_bundle_setup, prepare=_hub_copy(_name), cleanup=_dispose,
             teardown=_bundle_teardown, rows=lambda _c, _s: BUNDLE_VISITS + 100, needs_node=False,
             description=f"bundle_import in suite {_name}")
for _name in ("classic", "gm", "pq"):
    register(f"bundle_stream_{_name}", _stream(_name), setup=_stream_setup,
             rows=lambda _c, _s: STREAM_BLOBS, needs_node=False,
             description=f"suite {_name} alone: write, then verify and open, 16 MiB of attachments (no database)")
