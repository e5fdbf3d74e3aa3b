"""Strict harness: offscreen Qt, a real temporary encrypted node per test, English messages by default."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("FIELDBOOK_DATA_DIR", None)

import pytest
from PySide6.QtWidgets import QApplication

# One QApplication for the whole session, made before anything can make a bare QCoreApplication
# (app.i18n.install does when no application exists, as the CLI needs); pytest-qt's qapp reuses it.
_QAPP = QApplication.instance() or QApplication(["fieldbook-tests"])

from app import i18n  # noqa: E402
from app.db.keyring import KdfParams  # noqa: E402

#: Real Argon2id with a small cost so hundreds of tests stay fast; production uses DEFAULT_KDF.
FAST_KDF = KdfParams(iterations=1, memory_kib=8192, lanes=1)
ADMIN = "admin"
PASSWORD = "correct horse"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests assert on English source strings unless they install Chinese themselves."""
    monkeypatch.setenv("FIELDBOOK_LANG", "en")
    i18n.install("en")
    yield
    i18n.install("en")


@pytest.fixture
def node_dir(tmp_path: Path) -> Path:
    return tmp_path / "node"


@pytest.fixture
def make_node(node_dir: Path):
    """Create a node (field by default); returns (store, recovery_code). Stores are closed at teardown."""
    from app.db.store import Store

    opened = []

    def factory(role: str = "field", street: str | None = "610111001", folder: Path | None = None,
                name: str = "测试节点"):
        store, recovery = Store.create(folder or node_dir, role, name, street,
                                       ADMIN, PASSWORD, kdf=FAST_KDF)
        opened.append(store)
        return store, recovery

    yield factory
    for store in opened:
        store.engine.dispose()


@pytest.fixture
def store(make_node):
    return make_node()[0]


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a real, full file system (an export onto a full USB stick): a 64 KiB tmpfs, filled up.
    Mounting needs root, which CI has."""
    folder = tmp_path / "full"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs needs root; CI runs as root")
    try:
        with open(folder / "filler", "wb") as handle, pytest.raises(OSError):
            handle.write(b"\0" * 128 * 1024)
            handle.flush()
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
