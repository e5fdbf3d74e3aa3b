"""The mailbox's resources (issue 16, findings 7 and 8): nothing of a body is read before its request is
authenticated, the answer does not tell an enrolled node from an unknown one, every header and query value is parsed
strictly (400, never 500), a flood of bad requests cannot flush the request log, one range at most, and a request
captured before a restart is refused after it."""

from __future__ import annotations

import hashlib
import http.client
import json
import socket
import time
import urllib.parse

import pytest

from app.sync.export import export_bundles
from app.sync.hub import auth
from app.sync.hub.requestlog import LOG_FILE, close_request_log, open_request_log
from app.sync.hub.server import HubConfig, HubService
from app.sync.keys import NodeKeys, node_keys
from tests.hub.conftest import ThreadHub, add_many_households
from tests.hub.test_bad_input import call, hub_changes

pytestmark = pytest.mark.slow
STRANGER = "6a1f3c2e-0000-4000-8000-000000000001"


def raw_request(url: str, head: bytes, body: bytes = b"", wait: float = 10) -> tuple[int, bytes]:
    """Send ``head`` (and ``body``) as they are and read the status line and body of the answer."""
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=wait) as sock:
        sock.sendall(head + body)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        head_part, _, rest = data.partition(b"\r\n\r\n")
        lines = head_part.split(b"\r\n")
        status = int(lines[0].split()[1])
        length = next((int(line.split(b":", 1)[1]) for line in lines[1:]
                       if line.lower().startswith(b"content-length:")), 0)
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        return status, rest


def headers_only(keys: NodeKeys, method: str, path: str, length: int, sign_length: int | None = None,
                 extra: dict[str, str] | None = None) -> bytes:
    """A request head announcing a body of ``length`` bytes, signed as if it held ``sign_length`` zero bytes."""
    signed_length = length if sign_length is None else sign_length
    signed = auth.sign_headers(keys, method, path, hashlib.sha256(b"\0" * min(signed_length, 1024)).hexdigest(),
                               signed_length)
    fields = {"Host": "hub", "Content-Length": str(length), **signed, **(extra or {})}
    return (f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n").encode()


@pytest.fixture
def served(sqlite_mesh):
    net = sqlite_mesh(fields=1)
    return net, net.serve(HubConfig(max_single_bytes=1024**2))


def spool_files(net) -> list:
    return list((net.hub_dir / "hub" / "spool").iterdir())


def test_nothing_of_a_body_is_read_before_the_request_is_authenticated(served):
    """The finding: 40 MiB spooled for a garbage signature; 413 for an enrolled node, 401 for an unknown one."""
    net, server = served
    a = node_keys(net.fields[0])
    stranger = NodeKeys.generate(STRANGER)
    impostor = NodeKeys(a.node_id, stranger.sign, stranger.box)
    announced = 100 * 1024**2  # never sent: the hub answers on the head alone
    answers = [raw_request(server.url, headers_only(keys, "POST", "/v1/bundles", announced))
               for keys in (stranger, impostor)]
    garbage = headers_only(a, "POST", "/v1/bundles", announced).replace(b"X-Fieldbook-Signature: ",
                                                                        b"X-Fieldbook-Signature: AAAA")
    answers.append(raw_request(server.url, garbage))
    assert [status for status, _ in answers] == [401, 401, 401]
    assert len({body for _, body in answers}) == 1, "an enrolled node's refusal looks exactly like a stranger's"
    assert spool_files(net) == []
    # the enrolled node, authenticated, learns that the body is too large - still without sending it
    status, body = raw_request(server.url, headers_only(a, "POST", "/v1/bundles", announced))
    assert status == 413 and json.loads(body)["error"] == "too_large"
    assert spool_files(net) == []


def test_a_body_must_be_exactly_what_was_signed(served):
    net, server = served
    keys = node_keys(net.fields[0])
    status, body = raw_request(server.url, headers_only(keys, "POST", "/v1/bundles", 300, sign_length=299),
                               b"\0" * 300)
    assert status == 401, "the length is part of what is signed"
    status, body = raw_request(server.url, headers_only(keys, "POST", "/v1/bundles", 300), b"\1" * 300)
    assert status == 400 and json.loads(body)["error"] == "bad_body"
    assert spool_files(net) == []


@pytest.mark.parametrize("field, value", [
    (auth.H_TIME, "²"), (auth.H_TIME, "١٢٣٤٥٦٧٨٩٠"), (auth.H_TIME, "-5"), (auth.H_TIME, "1e9"),
    (auth.H_TIME, "9" * 40), (auth.H_NONCE, "short"), (auth.H_NODE, "NOT-A-NODE"), (auth.H_BODY, "z" * 64),
    (auth.H_SIGNATURE, "not base64!"),
])
def test_malformed_authentication_headers_are_a_plain_401(served, field, value):
    net, server = served
    keys = node_keys(net.fields[0])
    signed = auth.sign_headers(keys, "GET", "/v1/mailbox")
    signed[field] = value
    head = ("GET /v1/mailbox HTTP/1.1\r\nHost: hub\r\n" + "".join(f"{k}: {v}\r\n" for k, v in signed.items())
            + "\r\n").encode("utf-8")
    status, body = raw_request(server.url, head)
    assert (status, json.loads(body)) == (401, {"error": "unauthorized"})


@pytest.mark.parametrize("path, body", [
    ("/v1/uploads", b'{"size": 1e400, "sha256": "' + b"a" * 64 + b'"}'),
    ("/v1/uploads", b'{"size": 10.0, "sha256": "' + b"a" * 64 + b'"}'),
    ("/v1/uploads", b'{"size": true, "sha256": "' + b"a" * 64 + b'"}'),
    ("/v1/uploads", b'{"size": NaN, "sha256": "' + b"a" * 64 + b'"}'),
    ("/v1/uploads", b"[" * 2000 + b"]" * 2000),
    ("/v1/uploads", b'{"size": {"size": 5}, "sha256": "' + b"a" * 64 + b'"}'),
    ("/v1/uploads", b"\xff\xfe"),
    ("/v1/uploads?x=1", b'{"size": 5, "sha256": "' + b"a" * 64 + b'"}'),
])
def test_bad_json_and_queries_are_400_never_500(served, path, body):
    net, server = served
    status, _, answer = call(server.url, node_keys(net.fields[0]), "POST", path, body)
    assert status == 400 and json.loads(answer)["error"] == "bad_request"


@pytest.mark.parametrize("query", ["offset=%C2%B2", "offset=-1", "offset=", "offset=1&offset=2", "offset=1e3",
                                   "offset=" + "9" * 30, "offset=%FF", "other=1"])
def test_a_malformed_offset_is_400(served, query):
    net, server = served
    keys = node_keys(net.fields[0])
    assert call(server.url, keys, "POST", "/v1/uploads", json.dumps({"size": 10, "sha256": "a" * 64}).encode()
                )[0] == 200
    status, _, answer = call(server.url, keys, "PUT", f"/v1/uploads/{'a' * 64}?{query}", b"x")
    assert status == 400, answer


def test_a_body_without_a_length_is_refused(served):
    net, server = served
    keys = node_keys(net.fields[0])
    signed = auth.sign_headers(keys, "POST", "/v1/bundles", hashlib.sha256(b"abc").hexdigest(), 3)
    head = ("POST /v1/bundles HTTP/1.1\r\nHost: hub\r\nTransfer-Encoding: chunked\r\n"
            + "".join(f"{k}: {v}\r\n" for k, v in signed.items()) + "\r\n").encode()
    status, _ = raw_request(server.url, head, b"3\r\nabc\r\n0\r\n\r\n")
    assert status == 411


def test_a_flood_of_bad_requests_cannot_flush_the_request_log(served, tmp_path):
    """The finding: 1,600 requests with ``X-Fieldbook-Time: ²`` in 3 s rotated all history out of the log."""
    net, server = served
    handlers = open_request_log(tmp_path / "logs", console=False)
    try:
        assert call(server.url, node_keys(net.fields[0]), "GET", "/v1/mailbox")[0] == 200
        keys = node_keys(net.fields[0])
        parts = urllib.parse.urlsplit(server.url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        for _ in range(400):
            signed = auth.sign_headers(keys, "GET", "/v1/mailbox")
            signed[auth.H_TIME] = "²"
            conn.request("GET", "/v1/mailbox", headers={k: v.encode() for k, v in signed.items()})
            response = conn.getresponse()
            response.read()
            assert response.status == 401
        conn.close()
    finally:
        close_request_log(handlers)
    deadline = time.monotonic() + 10  # the log counts a request once its answer is sent: the last may be in flight
    while server.service.stats.requests < 401 and time.monotonic() < deadline:
        time.sleep(0.05)
    lines = (tmp_path / "logs" / LOG_FILE).read_text(encoding="utf-8").splitlines()
    assert "status=200" in lines[0], "what was logged before the flood is still there"
    assert len(lines) <= 12 and not any("Traceback" in line for line in lines)
    refused_lines = sum("status=401" in line for line in lines)
    assert server.service.stats.suppressed >= 380 and server.service.stats.suppressed + refused_lines >= 399


def test_one_range_at_most_and_the_body_is_as_long_as_it_says(sqlite_mesh):
    """The finding: a multi-range request got a body longer than its Content-Length."""
    net = sqlite_mesh(fields=1)
    server = net.serve()
    add_many_households(net.hub, 300)
    keys = node_keys(net.fields[0])
    status, _, body = call(server.url, keys, "GET", "/v1/mailbox")
    info = json.loads(body)
    path = f"/v1/mailbox/{info['bundle']}"
    whole = call(server.url, keys, "GET", path)
    assert whole[0] == 200 and len(whole[2]) == info["size"] == int(whole[1]["content-length"])
    assert hashlib.sha256(whole[2]).hexdigest() == info["sha256"]
    status, headers, part = call(server.url, keys, "GET", path, headers={"Range": "bytes=100-"})
    assert status == 206 and part == whole[2][100:] and int(headers["content-length"]) == len(part)
    assert headers["content-range"] == f"bytes 100-{info['size'] - 1}/{info['size']}"
    status, headers, part = call(server.url, keys, "GET", path, headers={"Range": "bytes=10-19"})
    assert status == 206 and part == whole[2][10:20]
    status, headers, part = call(server.url, keys, "GET", path, headers={"Range": "bytes=0-10,20-30"})
    assert status == 416 and int(headers["content-length"]) == len(part)
    assert call(server.url, keys, "GET", path, headers={"Range": f"bytes={info['size']}-"})[0] == 416
    assert call(server.url, keys, "GET", path, headers={"Range": "bytes=²-"})[0] == 400
    assert call(server.url, keys, "GET", path, headers={"Range": "lines=1-2"})[0] == 400


def test_a_request_captured_before_a_restart_is_refused_after_it(mesh):
    """The finding: nonces lived in memory, so a restarted hub took a replayed request again."""
    net = mesh(fields=1)
    a = net.fields[0]
    add_many_households(a, 3)
    keys = node_keys(a)
    path = export_bundles(a, net.tmp / "out", to=net.hub.info.node_id)[0].path
    data = path.read_bytes()
    now = time.time()
    first = net.serve()
    assert json.loads(call(first.url, keys, "POST", "/v1/bundles", data, now=now, nonce="r" * 24)[2])["applied"] == 3
    first.stop()
    restarted = net.serve()
    status, _, _ = call(restarted.url, keys, "POST", "/v1/bundles", data, now=now, nonce="r" * 24)
    assert status == 401
    # and to any other worker of the same hub
    other = ThreadHub(HubService(net.hub))
    net.servers.append(other)
    assert call(other.url, keys, "GET", "/v1/mailbox", now=now, nonce="q" * 24)[0] == 200
    assert call(restarted.url, keys, "GET", "/v1/mailbox", now=now, nonce="q" * 24)[0] == 401
    assert hub_changes(net, a.info.node_id) == 3


def test_workers_share_the_rate_limit_and_uploads(mesh):
    net = mesh(fields=1)
    a = net.fields[0]
    keys = node_keys(a)
    config = HubConfig(rate=0.2, burst=4)
    one, two = net.serve(config), net.serve(config)
    add_many_households(a, 60)
    data = export_bundles(a, net.tmp / "out", to=net.hub.info.node_id)[0].path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    spec = json.dumps({"size": len(data), "sha256": sha}).encode()
    assert call(one.url, keys, "POST", "/v1/uploads", spec)[0] == 200
    assert call(one.url, keys, "PUT", f"/v1/uploads/{sha}?offset=0", data[:1000])[0] == 200
    assert call(two.url, keys, "PUT", f"/v1/uploads/{sha}?offset=1000", data[1000:])[0] == 200
    status, _, body = call(two.url, keys, "POST", f"/v1/uploads/{sha}/commit")
    assert status == 200 and json.loads(body)["applied"] == 60
    status, headers, _ = call(one.url, keys, "GET", "/v1/mailbox")
    assert status == 429 and int(headers["retry-after"]) >= 1, "four requests used the bucket of both workers"
    assert hub_changes(net, a.info.node_id) == 60
