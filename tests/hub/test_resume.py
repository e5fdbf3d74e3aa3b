"""Interrupted transfers resume where they stopped: the laptop losing the network mid-upload or mid-download (a
proxy that cuts the line), the client killed between chunks, the hub killed mid-upload and restarted. Nothing is
applied twice and nothing is lost."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading

import pytest
import sqlalchemy as sa

from app.db.store import Store
from app.models import AuditEntry, Household, ReceivedBundle
from app.sync import http_client
from app.sync.http_client import HubClient, HubUnavailable, sync_round
from app.sync.keys import node_keys
from tests.conftest import ADMIN, PASSWORD
from tests.hub.conftest import ProcessHub, add_many_households, free_port
from tests.sync.conftest import table_state

pytestmark = pytest.mark.slow


class CuttingProxy:
    """A TCP proxy on loopback that passes ``budget`` bytes (both directions together), then cuts every connection
    and refuses new ones until :meth:`restore` - a laptop losing its network in the middle of a transfer."""

    def __init__(self, target_port: int, budget: int | None = None, response_cap: int | None = None) -> None:
        self.target_port, self.budget = target_port, budget
        #: a response longer than this is cut off there (the connection drops in the middle of a download)
        self.response_cap = response_cap
        self.passed = 0
        self.lock = threading.Lock()
        self.sockets: list[socket.socket] = []
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(32)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _down(self) -> bool:
        return self.budget is not None and self.passed >= self.budget

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self._down():
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, downstream: bool) -> None:
        sent = 0
        try:
            while True:
                data = source.recv(4096)
                if not data:
                    break
                with self.lock:
                    if self.budget is not None:
                        data = data[:max(0, self.budget - self.passed)]
                    if downstream and self.response_cap is not None:
                        data = data[:max(0, self.response_cap - sent)]
                    self.passed += len(data)
                sent += len(data)
                if data:
                    sink.sendall(data)
                if self._down() or (downstream and self.response_cap is not None and sent >= self.response_cap):
                    if self._down():
                        self.cut()
                    return
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets = []

    def restore(self) -> None:
        self.budget = self.response_cap = None

    def close(self) -> None:
        self.closed = True
        self.cut()
        self.listener.close()


@pytest.fixture
def proxies():
    made: list[CuttingProxy] = []

    def factory(port: int, budget: int | None = None, response_cap: int | None = None) -> CuttingProxy:
        made.append(CuttingProxy(port, budget, response_cap))
        return made[-1]

    yield factory
    for proxy in made:
        proxy.close()


def upload_held(hub_dir, node_id: str) -> int:
    """How many bytes of its one unfinished upload the hub's shared state holds for ``node_id``."""
    from app.sync.hub.state import HubState, transfers

    store = Store.open(hub_dir, ADMIN, PASSWORD)
    state = HubState.for_store(store)
    try:
        with state.engine.connect() as conn:
            (held,) = conn.execute(sa.select(transfers.c.received).where(transfers.c.node_id == node_id,
                                                                         transfers.c.state == "open")).one()
        return int(held)
    finally:
        state.dispose()
        store.close()


def hub_rows(store, node_id: str) -> tuple[int, int]:
    with store.read() as session:
        logged = session.execute(sa.select(sa.func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.origin_node == node_id)).scalar()
        households = session.execute(sa.select(sa.func.count()).select_from(Household)).scalar()
    return logged, households


def test_upload_resumes_after_the_network_drops(mesh, proxies, caplog):
    net = mesh(fields=1)
    server = net.serve()
    (a,) = net.fields
    add_many_households(a, 150)
    proxy = proxies(server.port, budget=12_000)
    keys = node_keys(a)
    with pytest.raises(HubUnavailable):
        sync_round(a, proxy.url, client=HubClient(proxy.url, keys, chunk_size=2048, retries=0))
    outbox = list((a.paths.root / "sync" / "outbox").glob("*.fbb"))
    assert len(outbox) == 1 and outbox[0].stat().st_size > 8_000, "the bundle waits, the line broke mid-upload"
    assert hub_rows(net.hub, a.info.node_id) == (0, 0)

    proxy.restore()
    with caplog.at_level(logging.INFO, logger="app.sync.http_client"):
        report = sync_round(a, proxy.url, client=HubClient(proxy.url, keys, chunk_size=2048, retries=0))
    resumed = [r.getMessage() for r in caplog.records if "resuming the upload" in r.getMessage()]
    assert resumed and " at 0 " not in resumed[0], "the upload went on from where the hub had stopped"
    assert report.applied_at_hub == 150
    assert hub_rows(net.hub, a.info.node_id) == (150, 150)
    assert not list((a.paths.root / "sync" / "outbox").glob("*.fbb"))


def test_download_resumes_with_a_range_request(mesh, proxies, monkeypatch):
    net = mesh(fields=1)
    server = net.serve()
    (a,) = net.fields
    add_many_households(net.hub, 1500)
    monkeypatch.setattr(http_client, "READ_BLOCK", 4096)
    keys = node_keys(a)
    # mailbox answers are small; the download itself breaks off after about 30 kB
    proxy = proxies(server.port, response_cap=30_000)
    with pytest.raises(HubUnavailable, match="broke off"):
        sync_round(a, proxy.url, client=HubClient(proxy.url, keys, retries=0))
    parts = list((a.paths.root / "sync" / "inbox").glob("*.part"))
    assert len(parts) == 1 and parts[0].stat().st_size >= 20_000
    assert len(table_state(a, Household)) == 0

    proxy.restore()
    report = sync_round(a, proxy.url, client=HubClient(proxy.url, keys, retries=0))
    assert server.service.stats.range_requests == 1
    assert report.applied_here == 1500
    assert table_state(a, Household) == table_state(net.hub, Household)
    with a.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(ReceivedBundle)).scalar() == 1


def test_client_killed_between_chunks_resumes_next_round(sqlite_mesh, caplog):
    net = sqlite_mesh(fields=1)
    server = net.serve()
    (a,) = net.fields
    add_many_households(a, 120)
    keys = node_keys(a)

    def die(stage: str, offset: int) -> None:
        if stage == "upload" and offset >= 3 * 2048:
            raise HubUnavailable("the laptop was switched off")

    with pytest.raises(HubUnavailable):
        sync_round(a, server.url, client=HubClient(server.url, keys, chunk_size=2048, retries=0, fault=die))
    with caplog.at_level(logging.INFO, logger="app.sync.http_client"):
        sync_round(a, server.url, client=HubClient(server.url, keys, chunk_size=2048))
    assert any("resuming the upload" in r.getMessage() and f" at {3 * 2048} " in r.getMessage()
               for r in caplog.records)
    assert hub_rows(net.hub, a.info.node_id) == (120, 120)


def test_hub_killed_mid_upload_then_restarted(sqlite_mesh, caplog):
    net = sqlite_mesh(fields=1)
    (a,) = net.fields
    add_many_households(a, 150)
    net.hub.close()
    port = free_port()
    hub = ProcessHub(net.hub_dir, port).start()
    keys = node_keys(a)

    def kill_hub(stage: str, offset: int) -> None:
        if stage == "upload" and offset >= 4 * 1024 and hub.process.poll() is None:
            hub.kill()

    try:
        with pytest.raises(HubUnavailable, match="does not answer"):
            sync_round(a, hub.url, client=HubClient(hub.url, keys, chunk_size=1024, retries=0, fault=kill_hub))
        assert upload_held(net.hub_dir, a.info.node_id) == 4 * 1024, "the hub kept what it had received"
        hub = ProcessHub(net.hub_dir, port).start()
        with caplog.at_level(logging.INFO, logger="app.sync.http_client"):
            report = sync_round(a, hub.url, client=HubClient(hub.url, keys, chunk_size=1024))
        assert any(f" at {4 * 1024} " in r.getMessage() for r in caplog.records if "resuming" in r.getMessage())
        assert report.applied_at_hub == 150
        # once more: nothing new, nothing applied twice
        assert sync_round(a, hub.url).applied_at_hub == 0
    finally:
        hub.stop()
    store = Store.open(net.hub_dir, ADMIN, PASSWORD)
    try:
        assert hub_rows(store, a.info.node_id) == (150, 150)
        assert store.check() == []
    finally:
        store.close()
