"""Import: a bundle file verified completely, then applied in ONE ``BEGIN IMMEDIATE`` transaction.

The file is copied to this node's own ``tmp/`` first (USB sticks lie about what they hold), then verified and
decrypted (app/sync/bundle.py: signature, sender, recipient, version, sizes, every hash), then applied by the merge
pipeline (app/sync/merge/pipeline.py: deduplicate, validate, scope, merge, write, log, advance). Anything wrong
raises BundleRefused and changes nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from app.db.store import Store
from app.domain.permissions import Permission
from app.i18n import translate
from app.sync import bundle as fmt
from app.sync.bundle import LIMITS, BundleRefused, Header, Limits
from app.sync.keys import PublicKeys, node_keys, peer_public_keys
from app.sync.merge.pipeline import apply_bundle
from app.sync.merge.validate import enrolled_sender


@dataclass
class ImportReport:
    """One bundle file imported: its id and sender, how many changes it carried, and what the merge did with them
    (see :class:`app.sync.merge.context.MergeOutcome`); ``tables``: the tables its changes touched (empty when
    it had been imported before), so the screens refresh what it may have changed."""

    path: Path
    bundle_id: str = ""
    sender: str = ""
    already: bool = False
    changes: int = 0
    applied: int = 0
    skipped: int = 0
    proposals: int = 0
    conflicts: int = 0
    flagged: list[str] = field(default_factory=list)
    tables: frozenset[str] = frozenset()


def _refuse(text: str, **params: object) -> BundleRefused:
    return BundleRefused(translate("Sync", text, **params))


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


def import_bundles(store: Store, paths: Sequence[Path], limits: Limits = LIMITS) -> list[ImportReport]:
    """Import the files given and the bundles in the folders given, one after another."""
    return [import_bundle(store, path, limits) for path in fmt.iter_bundle_files(paths)]


def import_bundle(store: Store, path: Path, limits: Limits = LIMITS, wall_ms: Callable[[], int] = _wall_ms,
                  crash_hook: Callable[[str], None] | None = None) -> ImportReport:
    """Verify and apply one bundle file; raise BundleRefused (nothing changed) if anything is wrong."""
    store.require(Permission.EXCHANGE_DATA)
    keys = node_keys(store)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise _refuse("The file {path} does not exist.", path=path) from exc
    if size > limits.max_file_bytes:
        raise _refuse("The bundle is larger than Fieldbook accepts ({size} bytes).", size=size)
    store.paths.tmp.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix="import-", suffix=fmt.SUFFIX, dir=store.paths.tmp)
    os.close(fd)
    local = Path(tmp_name)
    try:
        shutil.copyfile(path, local)  # sticks lie about what they hold; work on our own copy
        opened = fmt.verify_and_open(local, keys, lambda header: sender_keys(store, header), limits)
    finally:
        with contextlib.suppress(FileNotFoundError):
            local.unlink()
    report = ImportReport(path, opened.header["bundle_id"], opened.header["sender"], changes=len(opened.changes))
    try:
        with store.write() as session:
            outcome = apply_bundle(session, store, opened, limits, wall_ms, crash_hook)
    except IntegrityError as exc:
        raise _refuse("The bundle refers to records this node does not hold, or repeats a unique value "
                      "({reason}); it was not imported.", reason=str(exc.orig).split("\n")[0]) from exc
    report.already, report.skipped, report.applied = outcome.already, outcome.skipped, outcome.applied
    report.proposals, report.conflicts, report.flagged = outcome.proposals, outcome.conflicts, outcome.flagged
    if not outcome.already:
        report.tables = frozenset(str(change["table"]) for change in opened.changes)
    return report


def sender_keys(store: Store, header: Header) -> PublicKeys:
    """The enrolled keys of the bundle's sender, if it may send bundles here (else BundleRefused)."""
    with store.read() as session:
        peer = enrolled_sender(session, store, header["sender"])
        return peer_public_keys(peer.node_id, peer.sign_public, peer.box_public, peer.certificate)
