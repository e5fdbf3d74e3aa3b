"""Two field nodes and a hub exchange records over HTTP on loopback and end identical (for their street)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

import pytest
import sqlalchemy as sa

from app.models import AuditEntry, Household, ReceivedBundle, Visit
from app.sync.http_client import HubClient, pending_records, sync_round
from app.sync.keys import node_keys
from tests.hub.conftest import ROOT, ProcessHub, cli_env, free_port
from tests.sync.conftest import OTHER_STREET, STREET, add_households, add_visits, table_state

pytestmark = pytest.mark.slow


def state(store, model, where=None):
    return table_state(store, model, where=where)


def test_two_field_nodes_converge_through_the_hub(mesh):
    net = mesh(fields=2)
    server = net.serve()
    a, b = net.fields
    households = add_households(a, 4)
    add_visits(a, households, 2)
    add_households(net.hub, 2)  # the street office registers two more at the hub
    add_households(b, 1)

    first = sync_round(a, server.url)
    assert first.pushed_changes == 12 and first.applied_at_hub == 12
    sync_round(b, server.url)
    sync_round(a, server.url)
    # b sees a's households and visits (same street); a sees b's
    add_visits(b, households[:1], 1)
    for store in (b, a, b):
        sync_round(store, server.url)

    for model in (Household, Visit):
        hub_state = state(net.hub, model)
        assert state(a, model) == hub_state == state(b, model)
    assert len(state(net.hub, Household)) == 7 and len(state(net.hub, Visit)) == 9
    assert pending_records(a) == 0 and pending_records(b) == 0
    assert net.hub.check() == [] and a.check() == [] and b.check() == []

    # a further round has nothing to carry and applies nothing
    quiet = sync_round(a, server.url)
    assert quiet.pushed_changes == 0 and quiet.applied_here == 0


def _exported_suites(store) -> set[str]:
    with store.read() as session:
        return {json.loads(data).get("suite") for data in session.scalars(
            sa.select(AuditEntry.data).where(AuditEntry.action == "bundle_exported"))}


def test_a_gm_district_converges_over_http(mesh):
    """Issue 24 over the hub's HTTP mailbox (signature v2 requests unchanged): the district's suite gm is what both
    the laptops' uploads and the hub's bundles for them use, and the records arrive as with the classic suite."""
    net = mesh(fields=2, suite="gm")
    server = net.serve()
    a, b = net.fields
    households = add_households(a, 3)
    add_visits(a, households, 1)
    add_households(b, 2)
    for store in (a, b, a, b):
        sync_round(store, server.url)
    for model in (Household, Visit):
        assert state(a, model) == state(net.hub, model) == state(b, model)
    assert len(state(net.hub, Household)) == 5 and pending_records(a) == 0 and pending_records(b) == 0
    assert _exported_suites(a) == _exported_suites(b) == _exported_suites(net.hub) == {"gm"}


def test_the_hub_relays_only_the_street_of_each_node(mesh):
    net = mesh(fields=2, streets=[STREET, OTHER_STREET])
    server = net.serve()
    a, b = net.fields
    add_households(a, 2, street=STREET)
    add_households(b, 3, street=OTHER_STREET)
    for store in (a, b, a, b):
        sync_round(store, server.url)
    assert len(state(net.hub, Household)) == 5
    assert len(state(a, Household)) == 2 and len(state(b, Household)) == 3
    assert state(a, Household) == state(net.hub, Household, Household.street_code == STREET)


def test_every_import_is_counted_once(mesh):
    net = mesh(fields=1)
    server = net.serve()
    (a,) = net.fields
    add_households(a, 3)
    client = HubClient(server.url, node_keys(a))
    from app.sync.export import export_bundles

    first = export_bundles(a, a.paths.root / "out1", to=net.hub.info.node_id)[0].path
    second = export_bundles(a, a.paths.root / "out2", to=net.hub.info.node_id)[0].path  # same changes, new id
    assert client.push(first)["applied"] == 3
    assert client.push(first)["already"] is True
    report = client.push(second)
    assert report["applied"] == 0 and report["skipped"] == 3 and report["ack"] == {a.info.node_id: 3}
    sync_round(a, server.url)
    with net.hub.read() as session:
        logged = session.execute(sa.select(sa.func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.origin_node == a.info.node_id)).scalar()
        bundles = session.execute(sa.select(sa.func.count()).select_from(ReceivedBundle)).scalar()
    assert logged == 3 and bundles == 3  # the round sent one more cumulative bundle: all skipped


def test_health_needs_no_signature_and_tells_nothing_personal(sqlite_mesh):
    net = sqlite_mesh(fields=1)
    add_households(net.hub, 2)
    server = net.serve()
    with urllib.request.urlopen(server.url + "/health", timeout=5) as response:
        body = json.loads(response.read())
    assert body["status"] == "ok" and set(body) == {"status", "service", "api", "version"}


def _run(data_dir, *args, timeout=120):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=cli_env(data_dir), timeout=timeout, stdin=subprocess.DEVNULL, cwd=data_dir.parent)


def test_sync_and_hub_serve_from_the_command_line(sqlite_mesh):
    net = sqlite_mesh(fields=1)
    (a,) = net.fields
    add_households(a, 2)
    field_dir = a.paths.root
    port = free_port()
    # the hub is down: one clear line and the exit code of "does not answer"
    result = _run(field_dir, "sync", "--hub", f"http://127.0.0.1:{port}")
    assert result.returncode == 11, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "does not answer" in lines[0] and "Traceback" not in result.stderr
    assert list((field_dir / "sync" / "outbox").glob("*.fbb")), "the bundle waits in the outbox"

    net.hub.close()
    hub = ProcessHub(net.hub_dir, port).start()
    try:
        result = _run(field_dir, "sync", "--hub", hub.url)
        assert result.returncode == 0, result.stderr
        assert "sent 2 changes (2 new at the hub)" in result.stdout
        assert not list((field_dir / "sync" / "outbox").glob("*.fbb"))
        bad = _run(field_dir, "sync", "--hub", "ftp://example")
        assert bad.returncode != 0 and "http://host:port" in bad.stderr and "Traceback" not in bad.stderr
    finally:
        log = hub.stop()
    # the request log: method, path, node prefix, status, sizes, time; nothing personal
    assert f"POST /v1/bundles node={a.info.node_id[:8]} status=200" in log
    assert "户主" not in log and "610111" not in log
