"""A hub serving its mailbox on loopback (uvicorn in a thread, or ``main.py hub serve`` in a subprocess), field
nodes enrolled with it, and PostgreSQL databases for the hub when FIELDBOOK_TEST_PG_URL is set."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.db.store import Store
from app.models import Household
from app.settings import BUNDLE_SUITE
from app.sync.hub.database import init_server_database
from app.sync.hub.server import HubConfig, HubService, make_server
from tests.conftest import ADMIN, PASSWORD
from tests.sync.conftest import STREET, enroll_field

ROOT = Path(__file__).resolve().parents[2]
PG_ENV = "FIELDBOOK_TEST_PG_URL"
_serial = itertools.count(1)


def unique_citizen_id(n: int) -> str:
    """A valid GB 11643 citizen id, distinct for every n below 14 million (birth day and sequence vary)."""
    born = dt.date(1950, 1, 1) + dt.timedelta(days=n // 1000)
    body = f"610111{born:%Y%m%d}{n % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def add_many_households(store, n: int, street: str = STREET) -> list:
    """``n`` households in one audited bulk insert (ids unique across every node of the test run)."""
    rows = []
    for _ in range(n):
        k = next(_serial)
        rows.append({"street_code": street, "head_name": f"户主{k}", "head_citizen_id": unique_citizen_id(k)})
    with store.write() as session:
        store.audit.bulk_insert(session, Household, rows)
    return [row["id"] for row in rows]


# -- PostgreSQL ----------------------------------------------------------------------------------------------------
def pg_base_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{PG_ENV} is not set: .ci/run must start PostgreSQL (.ci/postgres.sh) before the tests")
    return None


def _admin_engine(base: str) -> sa.Engine:
    return sa.create_engine(base, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)


def create_pg_database(base: str, collation: str = "C") -> str:
    name = "fbtest_" + uuid.uuid4().hex[:12]
    engine = _admin_engine(base)
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                             f"LC_COLLATE '{collation}' LC_CTYPE '{collation}'")
    engine.dispose()
    return sa.engine.make_url(base).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(base: str, url: str) -> None:
    """Drop a test database. FORCE ends the test's own leftover connections, but a non-superuser may not end an
    autovacuum worker busy in a fresh database (InsufficientPrivilege); a plain DROP makes autovacuum give way."""
    name = sa.engine.make_url(url).database
    engine = _admin_engine(base)
    try:
        for attempt in range(20):
            try:
                with engine.connect() as conn:
                    conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}" + (" WITH (FORCE)" if attempt % 2 == 0
                                                                              else ""))
                return
            except sa.exc.DBAPIError:
                if attempt == 19:
                    raise
                time.sleep(0.5)
    finally:
        engine.dispose()


@pytest.fixture
def pg_url():
    """A fresh, empty PostgreSQL database (C collation) for one test; skipped locally without PostgreSQL."""
    base = pg_base_url()
    if base is None:
        pytest.skip(f"{PG_ENV} is not set (run `. .ci/postgres.sh` first)")
    url = create_pg_database(base)
    yield url
    drop_pg_database(base, url)


BACKENDS = ["sqlite", "postgresql"]


# -- a hub serving on loopback --------------------------------------------------------------------------------------
class ThreadHub:
    """uvicorn serving ``service`` in a thread on an ephemeral loopback port."""

    def __init__(self, service: HubService) -> None:
        self.service = service
        self.server = make_server(service, "127.0.0.1", 0)
        self.thread = threading.Thread(target=self.server.run, name="hub", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the hub did not start")
            time.sleep(0.01)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDBOOK_")}
    env.update({"FIELDBOOK_DATA_DIR": str(data_dir), "FIELDBOOK_USER": ADMIN, "FIELDBOOK_PASSWORD": PASSWORD,
                "FIELDBOOK_LANG": "en", "QT_QPA_PLATFORM": "offscreen"})
    env.update(extra)
    return env


class ProcessHub:
    """``python main.py hub serve`` in a subprocess (so it can be killed like a real server)."""

    def __init__(self, data_dir: Path, port: int | None = None, db_url: str | None = None, workers: int = 1,
                 graceful: float | None = None) -> None:
        self.data_dir, self.port, self.db_url = data_dir, port or free_port(), db_url
        self.workers, self.graceful = workers, graceful
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> ProcessHub:
        args = [sys.executable, str(ROOT / "main.py"), "hub", "serve", "--port", str(self.port)]
        if self.db_url:
            args += ["--db", self.db_url]
        if self.workers != 1:
            args += ["--workers", str(self.workers)]
        if self.graceful is not None:
            args += ["--graceful", str(self.graceful)]
        # the output goes to a file: a pipe nobody reads would stop a chatty hub once full
        self.log_path = self.data_dir.parent / f"hub-serve-{self.port}.log"
        with open(self.log_path, "ab") as output:
            self.process = subprocess.Popen(args, env=cli_env(self.data_dir), stdin=subprocess.DEVNULL,
                                            stdout=output, stderr=subprocess.STDOUT, cwd=self.data_dir.parent)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"hub serve exited: {self.output()}")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("hub serve did not answer")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=20)

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if hasattr(self, "log_path") else ""

    def children(self) -> list[int]:
        """The worker processes of a hub serving with several workers (Linux: /proc)."""
        assert self.process is not None
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def terminate(self, timeout: float = 60) -> int:
        """SIGTERM, as systemd stops a service; returns the exit code."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def stop(self) -> str:
        """Ctrl+C, as an operator would; returns what the hub wrote to stderr (its request log)."""
        if self.process is None:
            return ""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.output()


class Mesh:
    """A hub (on SQLite or PostgreSQL) and field nodes enrolled with it; ``serve()`` starts its mailbox."""

    def __init__(self, tmp: Path, make_node, fields: int, backend: str, pg: str | None,
                 streets: list[str] | None = None, suite: str = "classic") -> None:
        self.tmp, self.backend = tmp, backend
        self.hub_dir = tmp / "hub"
        hub, _ = make_node(role="hub", folder=self.hub_dir, name="银行枢纽")
        if suite != "classic":  # the district's suite (issue 24): named in the certificates the hub issues
            hub.set_setting(BUNDLE_SUITE, suite)
        self.fields = []
        for i in range(fields):
            store, _ = make_node(role="field", street=(streets or [STREET] * fields)[i], folder=tmp / f"field{i}",
                                 name=f"外业{i}")
            enroll_field(hub, store, tmp / f"enroll{i}")
            self.fields.append(store)
        self.db_url = None
        if backend == "postgresql":
            assert pg is not None
            init_server_database(hub, pg)
            hub.close()
            self.db_url = pg
            hub = Store.open(self.hub_dir, ADMIN, PASSWORD, db_url=pg)
        self.hub = hub
        self.servers: list[ThreadHub] = []

    def serve(self, config: HubConfig | None = None) -> ThreadHub:
        server = ThreadHub(HubService(self.hub, config))
        self.servers.append(server)
        return server

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        if self.backend == "postgresql":
            self.hub.engine.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request):
    if request.param == "postgresql" and pg_base_url() is None:
        pytest.skip(f"{PG_ENV} is not set (run `. .ci/postgres.sh` first)")
    return request.param


@pytest.fixture
def mesh(tmp_path, make_node, backend, request):
    made: list[Mesh] = []
    databases: list[str] = []

    def factory(fields: int = 2, streets: list[str] | None = None, suite: str = "classic") -> Mesh:
        pg = None
        if backend == "postgresql":
            base = pg_base_url()
            assert base is not None
            pg = create_pg_database(base)
            databases.append(pg)
        made.append(Mesh(tmp_path, make_node, fields, backend, pg, streets, suite))
        return made[-1]

    yield factory
    for item in made:
        item.close()
    for url in databases:
        drop_pg_database(pg_base_url() or "", url)


@pytest.fixture
def sqlite_mesh(tmp_path, make_node):
    """A mesh whose hub is on SQLite only (tests of the protocol, not of the database)."""
    made: list[Mesh] = []

    def factory(fields: int = 2, streets: list[str] | None = None) -> Mesh:
        made.append(Mesh(tmp_path, make_node, fields, "sqlite", None, streets))
        return made[-1]

    yield factory
    for item in made:
        item.close()
