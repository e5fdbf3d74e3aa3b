"""Import: a bundle file verified completely, then applied in ONE ``BEGIN IMMEDIATE`` transaction.

The file is copied to this node's own ``tmp/`` first (USB sticks lie about what they hold), then verified and
decrypted (app/sync/bundle.py: signature, sender, recipient, version, sizes, every hash), then applied by the merge
pipeline (app/sync/merge/pipeline.py). A change that cannot be applied is set aside in quarantine and the rest
applies; anything wrong with the bundle as a whole raises BundleRefused, changes nothing, and is remembered in the
exchange history (``sync_refused``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from app.db.store import Store
from app.domain.permissions import Permission
from app.errors import FieldbookError
from app.models import RefusedBundle
from app.sync import bundle as fmt
from app.sync.bundle import LIMITS, BundleRefused, Header, Limits, refusal
from app.sync.keys import PublicKeys, node_keys, peer_public_keys
from app.sync.merge.pipeline import apply_bundle
from app.sync.merge.validate import enrolled_sender

log = logging.getLogger(__name__)


@dataclass
class ImportReport:
    """One bundle file imported: its id and sender, how many changes it carried, and what the merge did with them
    (see :class:`app.sync.merge.context.MergeOutcome`; ``reasons``: why changes were set aside in quarantine);
    ``tables``: the tables its changes touched (empty when it had been imported before), so the screens refresh
    what it may have changed."""

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
    quarantined: int = 0
    aliased: int = 0
    reasons: list[str] = field(default_factory=list)


COPY_BLOCK = 1024 * 1024


def _refuse(text: str, **params: object) -> BundleRefused:
    return refusal(text, **params)


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


def import_bundles(store: Store, paths: Sequence[Path], limits: Limits = LIMITS) -> list[ImportReport]:
    """Import the files given and the bundles in the folders given, one after another."""
    return [import_bundle(store, path, limits) for path in fmt.iter_bundle_files(paths)]


def import_bundle(store: Store, path: Path, limits: Limits = LIMITS, wall_ms: Callable[[], int] = _wall_ms,
                  crash_hook: Callable[[str], None] | None = None) -> ImportReport:
    """Verify and apply one bundle file; raise BundleRefused (nothing changed) if anything is wrong. A refused
    bundle is kept in the exchange history with its reason (:class:`~app.models.RefusedBundle`)."""
    store.require(Permission.EXCHANGE_DATA)
    try:
        return _import_bundle(store, path, limits, wall_ms, crash_hook)
    except BundleRefused as exc:
        keep_refusal(store, path, exc, limits)
        raise


def _import_bundle(store: Store, path: Path, limits: Limits, wall_ms: Callable[[], int],
                   crash_hook: Callable[[str], None] | None) -> ImportReport:
    keys = node_keys(store)
    store.paths.tmp.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix="import-", suffix=fmt.SUFFIX, dir=store.paths.tmp)
    os.close(fd)
    local = Path(tmp_name)
    try:
        copy_bundle_file(path, local, limits)  # sticks lie about what they hold; work on our own copy
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
    report.changes -= outcome.echoed
    report.proposals, report.conflicts, report.flagged = outcome.proposals, outcome.conflicts, outcome.flagged
    report.quarantined, report.aliased, report.reasons = outcome.quarantined, outcome.aliased, outcome.reasons
    if not outcome.already:
        report.tables = frozenset(str(change["table"]) for change in opened.changes)
    return report


def keep_refusal(store: Store, path: Path, exc: BundleRefused, limits: Limits = LIMITS) -> None:
    """Remember a refused bundle in the exchange history (its own transaction: the import's was rolled back).
    Never raises: a history that cannot be written must not hide the refusal itself."""
    bundle_id = sender = ""
    with contextlib.suppress(BundleRefused, OSError, KeyError, TypeError, ValueError):
        if not path.is_file():  # a device or a pipe is never read (a pipe without a writer would hang)
            raise ValueError(path)
        header = fmt.read_header(path, limits)
        bundle_id, sender = str(header["bundle_id"])[:36], str(header["sender"])[:36]
    try:
        with store.write() as session:
            session.add(RefusedBundle(bundle_id=bundle_id, sender=sender, file_name=path.name[:255],
                                      reason=exc.reason(), refused_by=store.user.username))
    except (FieldbookError, SQLAlchemyError, OSError):
        log.warning("the refusal of %s could not be kept in the exchange history", path.name, exc_info=True)


def copy_bundle_file(source: Path, target: Path, limits: Limits = LIMITS) -> int:
    """Copy the regular file ``source`` to ``target`` (created already), never more bytes than its size said when
    it was opened (a file that grows meanwhile is refused); return the size."""
    descriptor, size = fmt.open_regular_file(source, limits)
    copied = 0
    with os.fdopen(descriptor, "rb") as handle, open(target, "wb") as out:
        while True:
            block = handle.read(min(COPY_BLOCK, size + 1 - copied))
            if not block:
                break
            copied += len(block)
            if copied > size:
                raise _refuse("The file {path} changed while it was read; try again.", path=source)
            out.write(block)
    if copied != size:
        raise _refuse("The file {path} changed while it was read; try again.", path=source)
    return size


def sender_keys(store: Store, header: Header) -> PublicKeys:
    """The enrolled keys of the bundle's sender, if it may send bundles here (else BundleRefused)."""
    with store.read() as session:
        peer = enrolled_sender(session, store, header["sender"])
        return peer_public_keys(peer.node_id, peer.sign_public, peer.box_public, peer.certificate)
