"""``hub serve --workers N`` (issue 23.1): several processes serve one hub, a request replayed to any of them is
refused, a stop lets requests in flight finish and uploads continue after the restart; a worker that loses its
database answers 503 with Retry-After, the client waits and nothing is half-applied."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from app.db.store import Store
from app.models import AuditEntry, Household
from app.sync.export import export_bundles
from app.sync.http_client import HubBusy, HubClient, sync_round
from app.sync.hub import auth
from app.sync.hub.server import HubConfig, HubService
from app.sync.keys import node_keys
from app.sync.merge import pipeline
from tests.conftest import ADMIN, PASSWORD
from tests.hub.conftest import ProcessHub, ThreadHub, add_many_households
from tests.hub.test_bad_input import call
from tests.hub.test_resume import CuttingProxy, hub_rows

pytestmark = pytest.mark.slow


def test_two_workers_serve_one_hub_and_refuse_a_replay_on_either(sqlite_mesh):
    net = sqlite_mesh(fields=4)
    for store in net.fields:
        add_many_households(store, 40)
    net.hub.close()
    hub = ProcessHub(net.hub_dir, workers=2).start()
    try:
        assert len(hub.children()) == 2
        with ThreadPoolExecutor(max_workers=4) as pool:
            reports = list(pool.map(lambda store: sync_round(store, hub.url), net.fields))
        assert [r.applied_at_hub for r in reports] == [40, 40, 40, 40]
        keys = node_keys(net.fields[0])
        now = time.time()
        answers = [call(hub.url, keys, "GET", "/v1/mailbox", now=now, nonce="w" * 24)[0] for _ in range(12)]
        assert sorted(answers) == [200] + [401] * 11
    finally:
        assert hub.terminate() == 0
    store = Store.open(net.hub_dir, ADMIN, PASSWORD)
    try:
        for field in net.fields:
            assert hub_rows(store, field.info.node_id)[0] == 40
        assert store.check() == []
    finally:
        store.close()


def _send_slowly(url: str, keys, method: str, path: str, body: bytes, pause: threading.Event) -> tuple[int, bytes]:
    """A signed request whose body goes in two halves, the second once ``pause`` is set."""
    parts = urllib.parse.urlsplit(url)
    signed = auth.sign_headers(keys, method, path, hashlib.sha256(body).hexdigest(), len(body))
    head = (f"{method} {path} HTTP/1.1\r\nHost: hub\r\nContent-Length: {len(body)}\r\n"
            + "".join(f"{k}: {v}\r\n" for k, v in signed.items()) + "\r\n").encode()
    with socket.create_connection((parts.hostname, parts.port), timeout=60) as sock:
        sock.sendall(head + body[:len(body) // 2])
        pause.wait(60)
        sock.sendall(body[len(body) // 2:])
        data = b""
        while b"\r\n\r\n" not in data or not data.endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    head_part, _, rest = data.partition(b"\r\n\r\n")
    return int(head_part.split()[1]), rest


def test_a_stop_lets_requests_in_flight_finish_and_uploads_go_on_after_the_restart(sqlite_mesh):
    net = sqlite_mesh(fields=1)
    (a,) = net.fields
    add_many_households(a, 200)
    keys = node_keys(a)
    bundle = export_bundles(a, net.tmp / "out", to=net.hub.info.node_id)[0].path
    data = bundle.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    assert len(data) > 8192
    net.hub.close()
    hub = ProcessHub(net.hub_dir, workers=2, graceful=30).start()
    spec = json.dumps({"size": len(data), "sha256": sha}).encode()
    assert call(hub.url, keys, "POST", "/v1/uploads", spec)[0] == 200
    first = data[:len(data) // 2]
    go_on = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        sent = pool.submit(_send_slowly, hub.url, keys, "PUT", f"/v1/uploads/{sha}?offset=0", first, go_on)
        time.sleep(1.0)  # half of the chunk is with the hub when it is told to stop
        hub.process.send_signal(15)
        time.sleep(0.5)
        go_on.set()
        status, body = sent.result(timeout=60)
    assert status == 200 and json.loads(body)["offset"] == len(first), "the request in flight was finished"
    assert hub.process.wait(timeout=60) == 0
    hub = ProcessHub(net.hub_dir, port=hub.port, workers=2).start()
    try:
        status, _, body = call(hub.url, keys, "POST", "/v1/uploads", spec)
        assert status == 200 and json.loads(body)["offset"] == len(first), "the restarted hub still holds it"
        report = HubClient(hub.url, keys, chunk_size=2048).push(bundle)
        assert report["applied"] == 200
    finally:
        hub.terminate()
    store = Store.open(net.hub_dir, ADMIN, PASSWORD)
    try:
        assert hub_rows(store, a.info.node_id) == (200, 200)
    finally:
        store.close()


def test_workers_need_a_sensible_count(tmp_path, sqlite_mesh):
    from tests.hub.test_end_to_end import _run

    net = sqlite_mesh(fields=0)
    net.hub.close()
    for count in ("0", "65"):
        result = _run(net.hub_dir, "hub", "serve", "--workers", count, "--port", "1")
        assert result.returncode == 7 and "--workers takes 1 to 64" in result.stderr
        assert "Traceback" not in result.stderr


# -- a worker that loses its database ------------------------------------------------------------------------------
@pytest.fixture
def pg_behind_proxy(mesh, backend):
    """A PostgreSQL hub whose database connections pass through a proxy the test can cut."""
    net = mesh(fields=1)
    parsed = sa.engine.make_url(net.db_url)
    proxy = CuttingProxy(parsed.port or 5432)
    url = parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    net.hub.engine.dispose()
    store = Store.open(net.hub_dir, ADMIN, PASSWORD, db_url=url)
    service = HubService(store, HubConfig(retry_after_seconds=1))
    server = ThreadHub(service)
    yield net, proxy, server, store
    server.stop()
    proxy.close()
    store.engine.dispose()


def _down(proxy: CuttingProxy) -> None:
    proxy.budget, proxy.passed = 0, 0
    proxy.cut()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_without_its_database_a_worker_answers_503_and_the_client_says_so(pg_behind_proxy):
    net, proxy, server, _ = pg_behind_proxy
    (a,) = net.fields
    add_many_households(a, 5)
    _down(proxy)
    with pytest.raises(HubBusy, match="database") as refused:
        sync_round(a, server.url, client=HubClient(server.url, node_keys(a), busy_wait=0))
    assert refused.value.retry_after == 1
    assert server.service.stats.by_status.get(503, 0) >= 1
    proxy.restore()
    assert sync_round(a, server.url).applied_at_hub == 5
    assert hub_rows(net.hub, a.info.node_id) == (5, 5)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_database_lost_in_the_middle_of_an_import_leaves_nothing_and_the_client_waits(pg_behind_proxy,
                                                                                        monkeypatch):
    net, proxy, server, _ = pg_behind_proxy
    (a,) = net.fields
    add_many_households(a, 80)
    real_write = pipeline.write_checked
    cuts: list[float] = []

    def write_then_lose_the_database(*args, **kwargs):
        result = real_write(*args, **kwargs)
        if not cuts:  # the first import loses its database after writing the rows, before the log
            cuts.append(time.time())
            _down(proxy)
            threading.Timer(1.5, proxy.restore).start()
        return result

    monkeypatch.setattr(pipeline, "write_checked", write_then_lose_the_database)
    report = sync_round(a, server.url, client=HubClient(server.url, node_keys(a), busy_wait=30))
    assert cuts and server.service.stats.by_status.get(503, 0) >= 1, "the first try met a lost database"
    assert report.applied_at_hub == 80
    with net.hub.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Household)).scalar() == 80
        assert session.execute(sa.select(sa.func.count()).select_from(AuditEntry)
                               .where(AuditEntry.origin_node == a.info.node_id)).scalar() == 80
    assert net.hub.check() == []
