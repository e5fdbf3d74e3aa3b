"""A hub restored from a dump (issue 23.5): `pg_dump` of its PostgreSQL database, the database lost, the dump
restored into a new one and ``hub restored`` run; the laptops send again what the dump lost, and every record ends
up at the hub and on every laptop exactly once."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess

import pytest
import sqlalchemy as sa

from app.db.store import Store
from app.models import Household
from app.sync.http_client import sync_round
from app.sync.hub.database import resume_after_restore
from app.sync.hub.server import HubService
from tests.conftest import ADMIN, PASSWORD
from tests.hub.conftest import ThreadHub, add_many_households, create_pg_database, drop_pg_database, pg_base_url
from tests.hub.test_end_to_end import _run
from tests.hub.test_resume import hub_rows

pytestmark = pytest.mark.slow


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1:]), None)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def _libpq(url: str) -> tuple[list[str], dict[str, str]]:
    parsed = sa.engine.make_url(url)
    args = ["-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432), "-U", parsed.username or "",
            "-d", parsed.database or ""]
    return args, {**os.environ, "PGPASSWORD": parsed.password or ""}


def _households(store) -> list[str]:
    with store.read() as session:
        return sorted(session.execute(sa.select(Household.head_citizen_id)).scalars())


def _citizen_ids(store, ids) -> set[str]:
    with store.read() as session:
        return set(session.execute(sa.select(Household.head_citizen_id).where(Household.id.in_(ids))).scalars())


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)  # pg_dump of a PostgreSQL hub
def test_a_hub_restored_from_a_dump_resumes_sync_with_its_laptops(mesh, backend, tmp_path):
    net = mesh(fields=2)
    a, b = net.fields
    add_many_households(a, 5)
    add_many_households(b, 3)
    server = net.serve()
    for store in (a, b, a):
        sync_round(store, server.url)
    args, env = _libpq(net.db_url)
    dump = tmp_path / "hub.dump"
    subprocess.run([_pg_tool("pg_dump"), "-Fc", "-f", str(dump), *args], env=env, check=True, timeout=120)
    add_many_households(a, 4)  # reaches the hub and laptop B after the dump: the restore loses it at the hub
    desk_lost = add_many_households(net.hub, 1)  # the hub's desk after the dump: its numbers are lost with it
    for store in (a, b, a):
        sync_round(store, server.url)
    assert len(_households(b)) == 13
    old_origin = net.hub.audit.origin
    server.stop()
    net.hub.engine.dispose()

    base = pg_base_url()
    assert base is not None
    restored_url = create_pg_database(base)
    try:
        args, env = _libpq(restored_url)
        subprocess.run([_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", *args, str(dump)], env=env,
                       check=True, timeout=120)
        hub = Store.open(net.hub_dir, ADMIN, PASSWORD, db_url=restored_url)
        try:
            assert hub_rows(hub, a.info.node_id) == (5, 8), "the dump holds what arrived before it"
            resume_after_restore(hub)
            # a new change-log epoch: the desk's next change does not reuse the number of the one the dump lost,
            # which both laptops hold (they would refuse it as a held change with other content)
            assert hub.audit.origin not in (old_origin, hub.info.node_id)
            desk_new = add_many_households(hub, 1)
            restored = ThreadHub(HubService(hub))
            try:
                add_many_households(a, 2)
                for _ in range(2):
                    for store in (a, b):
                        sync_round(store, restored.url)
            finally:
                restored.stop()
            assert hub_rows(hub, a.info.node_id) == (11, 15), "A sent again the four the dump lost, once each"
            with a.read() as session, b.read() as other:
                for store_session in (session, other):
                    held = set(store_session.execute(sa.select(Household.id)).scalars())
                    assert set(desk_new) | set(desk_lost) <= held, "the desk's work after the restore reached both"
            assert _households(a) == _households(b) and len(set(_households(a))) == 16
            assert set(_households(hub)) == set(_households(a)) - _citizen_ids(a, desk_lost)
            assert hub.check() == [] and a.check() == [] and b.check() == []
        finally:
            hub.engine.dispose()
    finally:
        drop_pg_database(base, restored_url)


def test_hub_restored_from_the_command_line(sqlite_mesh):
    net = sqlite_mesh(fields=1)
    net.hub.close()
    result = _run(net.hub_dir, "hub", "restored")
    assert result.returncode == 0, result.stderr
    assert "1 laptops" in result.stdout and "Traceback" not in result.stderr
