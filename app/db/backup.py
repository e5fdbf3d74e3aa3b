"""Consistent encrypted copies of the live database through the SQLite backup API (never a file copy)."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine

from app import __version__
from app.db.engine import open_raw
from app.db.fileio import fsync_dir
from app.errors import FieldbookError, PermissionDenied
from app.i18n import translate
from app.models.base import utcnow
from app.models.enums import NodeRole
from app.models.permissions import Permission, has_permission, role_label
from app.paths import NodePaths

if TYPE_CHECKING:
    from app.db.store import Store


def copy_database(engine: Engine, key: bytes, dest: Path) -> None:
    """Copy the database behind ``engine`` to ``dest`` (encrypted with the same key) while it stays in use."""
    dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    tmp.touch(mode=0o600)
    target = open_raw(tmp, key)
    target.execute("PRAGMA journal_mode = DELETE").fetchall()
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None  # a pooled connection that is open
        driver.backup(target)
    finally:
        raw.close()
        target.close()
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, dest)


# -- whole-node backups ----------------------------------------------------------------------------------------
BACKUP_FORMAT = 1
BACKUP_SUFFIX = ".fbk"
MEMBERS = frozenset({"fieldbook.db", "keyring.json", "node.json"})
#: the anchored head of the audit log (app/db/integrity.py); backups made before it lack it
ANCHOR_MEMBER = "integrity.json"
MAX_BACKUP_MEMBER = 8 * 1024**3


@dataclass(frozen=True)
class BackupReport:
    path: Path
    node_id: str
    created_at: str
    schema: str | None
    previous: str | None = None
    #: restored as a new node (``--new-identity``): how many unsent changes of the old identity were recorded again
    new_identity: bool = False
    recorded_again: int = 0


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def create_backup(store: Store, folder: Path) -> Path:
    """Write ``fieldbook-<node>-<time>.fbk`` into ``folder``: a consistent encrypted copy of the database
    (SQLite backup API while the application runs), the key ring (wrapped keys only) and the node file,
    with a manifest of SHA-256 sums. Written to a temporary name, fsynced, then renamed."""
    from app.db.migrate import current_revision

    store.require(Permission.BACKUP)
    if store.engine.dialect.name != "sqlite":
        raise FieldbookError(translate("Backup", "This hub's data is in a server database: back it up there "
                                                 "(pg_dump, docs/hub.md), not into a .fbk file."))
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FieldbookError(translate("Backup", "Cannot write to {folder}: {reason}", folder=folder,
                                       reason=exc.strerror or exc)) from exc
    stamp = utcnow()
    name = f"fieldbook-{store.info.node_id[:8]}-{stamp.strftime('%Y%m%d-%H%M%S')}{BACKUP_SUFFIX}"
    final = folder / name
    work = Path(tempfile.mkdtemp(prefix="backup-", dir=store.paths.tmp))
    part = folder / (name + ".part")
    try:
        files = {"fieldbook.db": work / "fieldbook.db", "keyring.json": store.paths.keyring_file,
                 "node.json": store.paths.node_file}
        if store.paths.integrity_file.exists():  # before the copy: the anchor never names an entry it lacks
            shutil.copyfile(store.paths.integrity_file, work / ANCHOR_MEMBER)
            files[ANCHOR_MEMBER] = work / ANCHOR_MEMBER
        copy_database(store.engine, store.data_key_for_backup, files["fieldbook.db"])
        manifest = {
            "format": BACKUP_FORMAT, "app": "fieldbook", "app_version": __version__,
            "node_id": store.info.node_id, "local_id": store.info.local_id, "node_name": store.info.name,
            "created_at": stamp.isoformat(timespec="seconds"), "created_by": store.user.username,
            "schema": current_revision(store.engine),
            "files": {n: {"sha256": _sha256(p), "size": p.stat().st_size} for n, p in files.items()},
        }
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            for member, path in files.items():
                archive.write(path, member)
        with open(part, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(part, final)
        fsync_dir(folder)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise FieldbookError(translate("Backup", "The backup could not be written to {folder}: {reason}",
                                       folder=folder, reason=exc.strerror or exc)) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    store.set_meta("last_backup_at", stamp.isoformat(timespec="seconds"))
    with store.write() as session:
        store.audit.event(session, "backup", {"file": name})
    return final


def inspect_backup(path: Path) -> dict[str, Any]:
    """Read and verify a backup's manifest and checksums; raise FieldbookError if anything is off."""
    damaged = translate("Backup", "{path} is not a Fieldbook backup or it is damaged.", path=path.name)
    try:
        with zipfile.ZipFile(path) as archive:
            manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
            if manifest.get("app") != "fieldbook" or not isinstance(manifest.get("files"), dict):
                raise FieldbookError(damaged)
            if int(manifest.get("format", 0)) > BACKUP_FORMAT:
                raise FieldbookError(translate("Backup", "This backup was made by a newer version of Fieldbook."))
            if not MEMBERS <= set(manifest["files"]) <= MEMBERS | {ANCHOR_MEMBER}:
                raise FieldbookError(damaged)
            for member, expected in manifest["files"].items():
                info = archive.getinfo(member)
                if info.file_size != expected["size"] or info.file_size > MAX_BACKUP_MEMBER:
                    raise FieldbookError(damaged)
                digest = hashlib.sha256()
                with archive.open(member) as handle:
                    for chunk in iter(functools.partial(handle.read, 1 << 20), b""):
                        digest.update(chunk)
                if digest.hexdigest() != expected["sha256"]:
                    raise FieldbookError(damaged)
    except FieldbookError:
        raise
    except FileNotFoundError as exc:
        raise FieldbookError(translate("Backup", "The backup file {path} does not exist.", path=path)) from exc
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise FieldbookError(damaged) from exc
    return manifest


def restore_backup(path: Path, data_dir: Path, username: str, password: str,
                   new_identity: bool = False) -> BackupReport:
    """Replace the node in ``data_dir`` with the backup after checking it completely.

    The backup must belong to this node (or ``data_dir`` must not be a node yet: recovery onto a new
    laptop); it must open with ``username``/``password`` as they were when it was made, that user must be an
    administrator there (``Permission.RESTORE``: restoring replaces every user's work), it must pass the full
    check, and only then does it start a new epoch of the node's change log (app/db/epochs.py), the current files
    are moved aside (never deleted) and the restored ones moved in. The application must not have the node open
    meanwhile.

    ``new_identity`` (a field node whose laptop was lost or stolen, its identity revoked at the hub): the restored
    node becomes a new node with a new id and keys, to be enrolled afresh, and what the old identity recorded
    that the hub never acknowledged is recorded again as the new node's own work (app/db/identity.py).
    """
    from app.db.epochs import start_epoch
    from app.db.identity import become_new_node
    from app.db.store import NodeInfo, Store

    path = Path(path)
    manifest = inspect_backup(path)
    paths = NodePaths(Path(data_dir))
    current: NodeInfo | None = NodeInfo.load(paths) if paths.node_file.exists() else None
    # a replacement laptop may already be a node of its own: restored as a new node, its data is kept aside too
    if current is not None and current.node_id != manifest["node_id"] and not new_identity:
        raise FieldbookError(translate("Backup", "This backup belongs to another node ({name}); it cannot "
                                                 "replace this one.", name=manifest.get("node_name", "?")))
    if current is None and paths.root.exists() and any(
            p.name not in {"logs", "tmp", "backups"} for p in paths.root.iterdir()):
        raise FieldbookError(translate("Backup", "{path} holds other files; restore into an empty folder.",
                                       path=paths.root))
    paths.ensure()
    node_id, recorded_again = str(manifest["node_id"]), 0
    staging = Path(tempfile.mkdtemp(prefix="restore-", dir=paths.tmp))
    try:
        with zipfile.ZipFile(path) as archive:
            for member in manifest["files"]:
                archive.extract(member, staging)
        for member in manifest["files"]:
            os.chmod(staging / member, 0o600)
        trial = Store.open(staging, username, password)
        try:
            if not has_permission(trial.user.role, Permission.RESTORE):
                raise PermissionDenied(translate(
                    "Backup", "Only an administrator may restore a backup; {user} is {role} in it. Nothing was "
                              "changed.", user=username, role=role_label(trial.user.role)))
            problems = trial.check(full=True)
            if not problems and new_identity:
                if trial.info.role != NodeRole.FIELD:
                    raise FieldbookError(translate("Backup", "Only a field node's backup can be restored as a new "
                                                             "node; nothing was changed."))
                node_id, recorded_again = become_new_node(trial)
                trial.info.save(NodePaths(staging))
            elif not problems:
                # The node's log goes back to the backup while the hub may hold its later changes: from now on it
                # writes under a new origin, announced to the hub (app/db/epochs.py).
                start_epoch(trial, "restore")
        finally:
            trial.engine.dispose()
        if problems:
            raise FieldbookError(translate("Backup", "The backup failed its check ({problem}); nothing was "
                                                     "changed.", problem=problems[0]))
        # The trial login appended to the staged audit log: that is the truth about what happened.
        previous = None
        if current is not None:
            stamp = utcnow().strftime('%Y%m%d-%H%M%S')
            keep, n = paths.backups / f"before-restore-{stamp}", 1
            while keep.exists():  # a second restore within the same second keeps both copies
                n += 1
                keep = paths.backups / f"before-restore-{stamp}-{n}"
            keep.mkdir(mode=0o700, parents=True)
            for name in ("fieldbook.db", "fieldbook.db-wal", "fieldbook.db-shm", "keyring.json", ANCHOR_MEMBER,
                         "node.json"):
                if (paths.root / name).exists():
                    os.replace(paths.root / name, keep / name)
            previous = str(keep)
        for name in ("fieldbook.db", "keyring.json", ANCHOR_MEMBER, "node.json"):  # node.json last: complete
            os.replace(staging / name, paths.root / name)
        fsync_dir(paths.root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if new_identity:
        return BackupReport(path, node_id, manifest["created_at"], manifest.get("schema"), previous, True,
                            recorded_again)
    return BackupReport(path, manifest["node_id"], manifest["created_at"], manifest.get("schema"), previous)


def check_restore_login(path: Path, data_dir: Path, username: str, password: str,
                        new_identity: bool = False) -> dict[str, Any]:
    """What :func:`restore_backup` refuses before it unpacks anything, checked while the node stays open (the
    screens ask before they close it): the manifest and every checksum, that the backup belongs to this node, and
    that ``username``/``password`` open the backup's key ring. Returns the manifest; raises a FieldbookError
    (``AuthError`` for a wrong password) with a one-line message. ``restore_backup`` checks all of it again."""
    from app.db.keyring import KeyRing
    from app.db.store import NodeInfo

    path = Path(path)
    manifest = inspect_backup(path)
    paths = NodePaths(Path(data_dir))
    current = NodeInfo.load(paths) if paths.node_file.exists() else None
    if current is not None and current.node_id != manifest["node_id"] and not new_identity:
        raise FieldbookError(translate("Backup", "This backup belongs to another node ({name}); it cannot "
                                                 "replace this one.", name=manifest.get("node_name", "?")))
    paths.ensure()
    staging = Path(tempfile.mkdtemp(prefix="restore-check-", dir=paths.tmp))
    try:
        with zipfile.ZipFile(path) as archive:
            archive.extract("keyring.json", staging)
        ring = KeyRing.load(staging / "keyring.json", str(manifest.get("local_id") or manifest["node_id"]))
        ring.unlock(username, password)
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise FieldbookError(translate("Backup", "{path} is not a Fieldbook backup or it is damaged.",
                                       path=path.name)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest
