"""The hub on PostgreSQL: the same migrations, the audit log append-only there too, a one-time copy of the hub's
data (hub init-db), and the same results as a hub on its SQLite file."""

from __future__ import annotations

import subprocess
import sys

import pytest
import sqlalchemy as sa

from app.db.store import Store
from app.errors import StoreError
from app.models import Household, Visit
from app.sync.http_client import sync_round
from app.sync.hub.database import init_server_database
from tests.conftest import ADMIN, PASSWORD
from tests.hub.conftest import ROOT, Mesh, cli_env, create_pg_database, drop_pg_database, pg_base_url
from tests.sync.conftest import add_households, add_visits, table_state

pytestmark = pytest.mark.slow


def test_migrations_keep_the_audit_log_append_only_on_postgresql(make_node, tmp_path, pg_url):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    add_households(hub, 2)
    report = init_server_database(hub, pg_url)
    assert report.rows["households"] == 2 and report.audit_entries > 0
    raw = sa.create_engine(pg_url, poolclass=sa.pool.NullPool)
    try:
        with raw.connect() as conn:
            for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
                with pytest.raises(sa.exc.DBAPIError, match="append-only"), conn.begin():
                    conn.exec_driver_sql(statement)
            not_deferrable = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT condeferrable").scalar()
            assert not_deferrable == 0
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == \
                __import__("app.db.migrate", fromlist=["head_revision"]).head_revision()
    finally:
        raw.dispose()
    with pytest.raises(StoreError, match="already holds Fieldbook data"):
        init_server_database(hub, pg_url)
    hub.close()
    opened = Store.open(tmp_path / "hub", ADMIN, PASSWORD, db_url=pg_url)
    try:
        assert opened.check() == []
        assert len(table_state(opened, Household)) == 2
    finally:
        opened.close()


def test_a_server_database_must_hold_this_hub(make_node, tmp_path, pg_url):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    hub.close()
    with pytest.raises(StoreError, match="holds no Fieldbook data yet"):
        Store.open(tmp_path / "hub", ADMIN, PASSWORD, db_url=pg_url)
    other, _ = make_node(role="hub", folder=tmp_path / "other")
    init_server_database(other, pg_url)
    with pytest.raises(StoreError, match="belongs to another Fieldbook node"):
        Store.open(tmp_path / "hub", ADMIN, PASSWORD, db_url=pg_url)
    with pytest.raises(StoreError, match="cannot be opened"):
        Store.open(tmp_path / "hub", ADMIN, PASSWORD, db_url="postgresql+psycopg://nobody:x@127.0.0.1:1/none")


def test_init_db_and_serve_from_the_command_line(make_node, tmp_path, pg_url):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    add_households(hub, 1)
    hub.close()
    run = lambda *args: subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,  # noqa: E731
                                       text=True, env=cli_env(tmp_path / "hub"), timeout=120,
                                       stdin=subprocess.DEVNULL, cwd=tmp_path)
    result = run("hub", "init-db", "--db", pg_url)
    assert result.returncode == 0, result.stderr
    assert "chain verified" in result.stdout and "fieldbook-test" not in result.stdout, "no password shown"
    # the SQLite file is stale now: serving it would fork the hub's data
    result = run("hub", "serve", "--port", "1")
    assert result.returncode != 0 and "moved to a server database" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _scenario(mesh: Mesh) -> dict[str, object]:
    server = mesh.serve()
    a, b = mesh.fields
    households = add_households(a, 5)
    add_visits(a, households, 3)
    hub_households = add_households(mesh.hub, 2)
    for store in (a, b, a, b):
        sync_round(store, server.url)
    add_visits(b, hub_households, 1)
    for store in (b, a, b, a):
        sync_round(store, server.url)
    assert table_state(a, Visit) == table_state(b, Visit) == table_state(mesh.hub, Visit)

    def content(store):
        with store.read() as session:
            names = sorted(session.execute(sa.select(Household.head_name)).scalars())
            visits = sorted(session.execute(sa.select(Visit.findings, Visit.visited_on)).all())
        return {"households": names, "visits": visits}

    return {"hub": content(mesh.hub), "a": content(a), "b": content(b), "check": mesh.hub.check()}


def test_postgresql_and_sqlite_hubs_give_the_same_results(make_node, tmp_path):
    base = pg_base_url()
    if base is None:
        pytest.skip("FIELDBOOK_TEST_PG_URL is not set")
    results = {}
    for backend in ("sqlite", "postgresql"):
        pg = create_pg_database(base) if backend == "postgresql" else None
        mesh = Mesh(tmp_path / backend, make_node, 2, backend, pg)
        try:
            import tests.sync.conftest as helpers

            helpers._ids = __import__("itertools").count(1)  # the same names in both runs
            results[backend] = _scenario(mesh)
        finally:
            mesh.close()
            if pg:
                drop_pg_database(base, pg)
    assert results["sqlite"] == results["postgresql"]
    assert results["sqlite"]["check"] == []
