"""The one module that knows where files live.

A node's data folder comes from ``--data-dir``, else ``FIELDBOOK_DATA_DIR``, else the user's data
folder. Every test and development run gets its own folder that way.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "FIELDBOOK_DATA_DIR"


def _resources() -> Path:
    """``resources/`` of the source tree, or of the frozen build (PyInstaller unpacks data into ``sys._MEIPASS``)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


RESOURCES = _resources()


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("Fieldbook", "Fieldbook", roaming=True))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


@dataclass(frozen=True)
class NodePaths:
    """Files of one node inside its data folder."""

    root: Path

    @property
    def node_file(self) -> Path:
        return self.root / "node.json"

    @property
    def keyring_file(self) -> Path:
        return self.root / "keyring.json"

    @property
    def integrity_file(self) -> Path:
        """The anchored head of the audit log and the last verified state (app/db/integrity.py)."""
        return self.root / "integrity.json"

    @property
    def server_integrity_file(self) -> Path:
        """The same for a hub whose data lives in a server database (its own log: app/sync/hub/database.py)."""
        return self.root / "integrity-server.json"

    @property
    def database(self) -> Path:
        return self.root / "fieldbook.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    def ensure(self) -> None:
        for folder in (self.root, self.backups, self.logs, self.tmp):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
