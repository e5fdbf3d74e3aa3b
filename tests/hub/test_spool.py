"""The hub's spool (request bodies being received) is cleaned: what a request that never finished left behind goes
when the hub starts and after later imports, while bodies being received stay."""

from __future__ import annotations

import os
import time
from pathlib import Path

from app.sync.export import export_bundles
from app.sync.http_client import HubClient
from app.sync.hub.server import HubConfig, HubService, cleanup_spool
from app.sync.keys import node_keys
from tests.sync.conftest import add_households

HOUR = 3600


def spooled(service: HubService, name: str, age_seconds: float) -> Path:
    """A body left in the spool, last written ``age_seconds`` ago."""
    path = service.root / "spool" / name
    path.write_bytes(b"\x00" * 1024)
    when = time.time() - age_seconds
    os.utime(path, (when, when))
    return path


def test_only_bodies_untouched_for_long_are_removed(make_node, tmp_path):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    service = HubService(hub)
    old, fresh = spooled(service, "post-old.fbb", 2 * HOUR), spooled(service, "post-new.fbb", 60)
    assert cleanup_spool(service, HOUR) == 1
    assert not old.exists() and fresh.exists()
    assert cleanup_spool(service, HOUR, now=time.time() + 2 * HOUR) == 1 and not fresh.exists()


def test_the_spool_is_swept_when_the_hub_starts(make_node, tmp_path):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    first = HubService(hub)
    left = spooled(first, "post-killed.fbb", 2 * HOUR)  # the hub was killed while importing it
    receiving = spooled(first, "post-receiving.fbb", 1)
    HubService(hub)  # the next start
    assert not left.exists() and receiving.exists()


def test_the_spool_is_swept_after_an_import_at_most_so_often(sqlite_mesh, tmp_path):
    net = sqlite_mesh(fields=1)
    server = net.serve(HubConfig(spool_sweep_seconds=0))
    field = net.fields[0]
    left = spooled(server.service, "post-left.fbb", 2 * HOUR)
    add_households(field, 1)
    [result] = export_bundles(field, tmp_path / "out")
    client = HubClient(server.url, node_keys(field))
    assert client.push(result.path)["applied"] == 1
    assert not left.exists()
    assert list((server.service.root / "spool").iterdir()) == []  # its own body went too
    uploaded = spooled(server.service, "post-left-too.fbb", 2 * HOUR)
    add_households(field, 1)
    [result] = export_bundles(field, tmp_path / "chunks")
    chunked = HubClient(server.url, node_keys(field), chunk_size=1024)  # a resumable upload, then its commit
    assert result.path.stat().st_size > 1024 and chunked.push(result.path)["applied"] == 1
    assert not uploaded.exists()

    server.service.config = HubConfig(spool_sweep_seconds=HOUR)
    server.service.sweep_spool(force=True)
    later = spooled(server.service, "post-later.fbb", 2 * HOUR)
    add_households(field, 1)
    [result] = export_bundles(field, tmp_path / "again")
    assert client.push(result.path)["applied"] == 1
    assert later.exists()  # swept less than an hour ago: not again yet
