"""Failed logins are counted once per attempt across processes, the lock-out persists, and an attempt that cannot
be counted (read-only folder, full disk) is refused before the password is checked (issue 16, finding 8)."""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.db.keyring import MAX_FAILURES, KeyRing
from app.db.store import NodeInfo, Store
from app.errors import AuthError
from app.paths import NodePaths
from tests.conftest import ADMIN, FAST_KDF, PASSWORD

ATTEMPTS = 10


def _wrong_password(keyring_file: str, node_id: str, barrier, results) -> None:
    """One process: load the key ring, wait for the others, then try a wrong password."""
    from app import i18n

    i18n.install("en")
    ring = KeyRing.load(Path(keyring_file), node_id)
    barrier.wait(timeout=60)
    try:
        ring.unlock(ADMIN, "wrong password")
        results.put("opened")
    except AuthError as exc:
        results.put(str(exc))


def test_ten_wrong_passwords_in_parallel_count_ten_and_lock_the_account(store, node_dir):
    paths = NodePaths(node_dir)
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(ATTEMPTS), context.Queue()
    workers = [context.Process(target=_wrong_password, args=(str(paths.keyring_file), store.info.node_id,
                                                              barrier, results)) for _ in range(ATTEMPTS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    answers = [results.get(timeout=5) for _ in range(ATTEMPTS)]
    assert "opened" not in answers
    state = KeyRing.load(paths.keyring_file, store.info.node_id).logins.state(ADMIN)
    assert state.failed == ATTEMPTS
    assert state.locked_until is not None
    with pytest.raises(AuthError, match="locked"):
        Store.open(node_dir, ADMIN, PASSWORD)


def test_a_lock_out_survives_a_key_ring_saved_by_another_window(store, node_dir):
    paths = NodePaths(node_dir)
    window = KeyRing.load(paths.keyring_file, store.info.node_id)  # a window open since before the attempts
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for _ in range(MAX_FAILURES):
        with pytest.raises(AuthError):
            Store.open(node_dir, ADMIN, "bad", now=now)
    window.wrap("clerk", "clerk password", store.data_key_for_backup, FAST_KDF)
    window.save()
    with pytest.raises(AuthError, match="locked"):
        Store.open(node_dir, ADMIN, PASSWORD)
    later = Store.open(node_dir, ADMIN, PASSWORD, now=now + dt.timedelta(minutes=16))
    later.engine.dispose()
    assert KeyRing.load(paths.keyring_file, store.info.node_id).logins.state(ADMIN).failed == 0


def test_attempts_while_waiting_count_too(store, node_dir):
    now = dt.datetime(2026, 1, 1, 12, 0, 0)
    for _ in range(3):
        with pytest.raises(AuthError, match="Wrong user name or password"):
            Store.open(node_dir, ADMIN, "bad", now=now)
    for _ in range(MAX_FAILURES - 3 - 1):
        with pytest.raises(AuthError, match="wait"):
            Store.open(node_dir, ADMIN, PASSWORD, now=now)
    with pytest.raises(AuthError, match="locked"):
        Store.open(node_dir, ADMIN, PASSWORD, now=now)


# -- a data folder that cannot be written ---------------------------------------------------------------------------
@contextlib.contextmanager
def _small_filesystem(folder: Path, size: str = "256k"):
    """A tmpfs of ``size`` mounted at ``folder`` (needs root; skipped where mounting is not allowed)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"mount is not allowed here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _copy_ring(store, node_dir: Path, folder: Path) -> KeyRing:
    shutil.copy2(NodePaths(node_dir).keyring_file, folder / "keyring.json")
    return KeyRing.load(folder / "keyring.json", NodeInfo.load(NodePaths(node_dir)).node_id)


def _read_only(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        folder.chmod(0o500)


def test_a_read_only_data_folder_refuses_every_attempt_it_cannot_count(store, node_dir, tmp_path):
    with _small_filesystem(tmp_path / "ro") as folder:
        ring = _copy_ring(store, node_dir, folder)
        with pytest.raises(AuthError, match="Wrong user name"):  # counted while the folder could be written
            ring.unlock(ADMIN, "bad")
        _read_only(folder)
        for password in ("bad", PASSWORD):
            with pytest.raises(AuthError, match="read-only"):
                ring.unlock(ADMIN, password)
        assert ring.logins.state(ADMIN).failed == 1


def test_a_read_only_folder_without_a_count_yet_is_refused_too(store, node_dir, tmp_path):
    with _small_filesystem(tmp_path / "ro") as folder:
        ring = _copy_ring(store, node_dir, folder)
        _read_only(folder)
        with pytest.raises(AuthError, match="read-only"):
            ring.unlock(ADMIN, PASSWORD)


def test_a_full_disk_refuses_every_attempt_it_cannot_count(store, node_dir, tmp_path):
    with _small_filesystem(tmp_path / "full", size="128k") as folder:
        ring = _copy_ring(store, node_dir, folder)
        with contextlib.suppress(OSError), open(folder / "filler", "wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        for password in ("bad", PASSWORD):
            with pytest.raises(AuthError, match="disk is full"):
                ring.unlock(ADMIN, password)
