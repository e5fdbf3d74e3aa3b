"""What the mailbox refuses: strangers, forged or replayed requests, wrong clocks, floods, oversized, truncated or
tampered uploads, bundles for another node or from another node. A refused request changes nothing."""

from __future__ import annotations

import hashlib
import http.client
import json
import time
import urllib.parse

import pytest
import sqlalchemy as sa

from app.models import AuditEntry, Household
from app.sync import enroll
from app.sync.bundle import BundleRefused
from app.sync.export import export_bundles
from app.sync.http_client import HubClient, HubRefused, sync_round
from app.sync.hub import auth
from app.sync.hub.server import HubConfig
from app.sync.keys import NodeKeys, node_keys
from tests.hub.conftest import Mesh
from tests.sync.conftest import add_households, craft

pytestmark = pytest.mark.slow


def call(url: str, keys: NodeKeys, method: str, path: str, body: bytes = b"", *, now: float | None = None,
         nonce: str | None = None, headers: dict[str, str] | None = None, sign_body: bytes | None = None):
    """One signed request by hand; returns (status, headers, body)."""
    parts = urllib.parse.urlsplit(url)
    signed_body = body if sign_body is None else sign_body
    signed = auth.sign_headers(keys, method, path, hashlib.sha256(signed_body).hexdigest(), len(signed_body),
                               now=now, nonce=nonce)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, path, body=body, headers={**signed, **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def hub_changes(mesh: Mesh, node: str) -> int:
    with mesh.hub.read() as session:
        return session.execute(sa.select(sa.func.count()).select_from(AuditEntry)
                               .where(AuditEntry.origin_node == node)).scalar()


@pytest.fixture
def served(sqlite_mesh):
    net = sqlite_mesh(fields=2)
    return net, net.serve()


def test_unknown_node_and_bad_signature_get_the_same_answer(served):
    net, server = served
    stranger = NodeKeys.generate("6a1f3c2e-0000-4000-8000-000000000001")
    a = node_keys(net.fields[0])
    unknown = call(server.url, stranger, "GET", "/v1/mailbox")
    forged = call(server.url, NodeKeys(a.node_id, stranger.sign, stranger.box), "GET", "/v1/mailbox")
    unsigned_status = call(server.url, a, "GET", "/v1/mailbox", headers={auth.H_SIGNATURE: "AAAA"})
    assert unknown[0] == forged[0] == unsigned_status[0] == 401
    assert unknown[2] == forged[2] == unsigned_status[2] == json.dumps(auth_body()).encode().replace(b" ", b"")
    # a body other than the one signed is refused once it has been read (the request itself was authentic)
    body = b"x" * 100
    status, _, answer = call(server.url, a, "POST", "/v1/bundles", body, sign_body=b"y" * 100)
    assert status == 400 and json.loads(answer)["error"] == "bad_body"


def auth_body():
    from app.sync.hub.server import UNAUTHORIZED

    return UNAUTHORIZED


def test_a_revoked_node_is_refused_and_its_client_says_so(served):
    net, server = served
    a = net.fields[0]
    add_households(a, 1)
    enroll.revoke(net.hub, a.info.node_id)
    status, _, body = call(server.url, node_keys(a), "GET", "/v1/mailbox")
    assert status == 403 and json.loads(body) == {"error": "forbidden"}
    with pytest.raises(HubRefused, match="revoked"):
        sync_round(a, server.url)
    assert hub_changes(net, a.info.node_id) == 0


def test_clock_skew_beyond_the_window_is_refused(served):
    net, server = served
    keys = node_keys(net.fields[0])
    assert call(server.url, keys, "GET", "/v1/mailbox", now=time.time() - 200)[0] == 200
    status, headers, body = call(server.url, keys, "GET", "/v1/mailbox", now=time.time() - 400)
    assert status == 401 and json.loads(body)["error"] == "clock_skew"
    assert "x-fieldbook-hub-time" in {k.lower() for k in headers}
    status, _, _ = call(server.url, keys, "GET", "/v1/mailbox", now=time.time() + 400)
    assert status == 401


def test_a_replayed_request_is_refused(served):
    net, server = served
    keys = node_keys(net.fields[0])
    add_households(net.fields[0], 2)
    path = export_bundles(net.fields[0], net.tmp / "out", to=net.hub.info.node_id)[0].path
    data = path.read_bytes()
    now = time.time()
    first = call(server.url, keys, "POST", "/v1/bundles", data, now=now, nonce="n" * 24)
    replay = call(server.url, keys, "POST", "/v1/bundles", data, now=now, nonce="n" * 24)
    assert first[0] == 200 and replay[0] == 401
    assert json.loads(first[2])["applied"] == 2
    assert call(server.url, keys, "GET", "/v1/mailbox", now=now, nonce="n" * 24)[0] == 401
    assert hub_changes(net, keys.node_id) == 2


def test_a_flood_is_slowed_down_with_retry_after(sqlite_mesh):
    net = sqlite_mesh(fields=1)
    server = net.serve(HubConfig(rate=0.5, burst=3))
    keys = node_keys(net.fields[0])
    statuses = [call(server.url, keys, "GET", "/v1/mailbox") for _ in range(5)]
    assert [s[0] for s in statuses[:3]] == [200, 200, 200]
    assert statuses[3][0] == 429 and int({k.lower(): v for k, v in statuses[3][1].items()}["retry-after"]) >= 1
    other = node_keys(net.fields[0])  # the same node is limited, whoever asks
    assert call(server.url, other, "GET", "/v1/mailbox")[0] == 429


def test_oversized_requests_are_refused_before_reading_them(sqlite_mesh):
    net = sqlite_mesh(fields=1)
    server = net.serve(HubConfig(max_single_bytes=10_000, max_chunk_bytes=1000))
    keys = node_keys(net.fields[0])
    status, _, body = call(server.url, keys, "POST", "/v1/bundles", b"\0" * 10_001)
    assert status == 413 and json.loads(body)["error"] == "too_large"
    status, _, _ = call(server.url, keys, "POST", "/v1/uploads",
                        json.dumps({"size": 5 * 1024**4, "sha256": "0" * 64}).encode())
    assert status == 413
    status, _, body = call(server.url, keys, "POST", "/v1/uploads", json.dumps({"size": 5000, "sha256": "a" * 64})
                           .encode())
    assert status == 200 and json.loads(body)["offset"] == 0
    assert call(server.url, keys, "PUT", f"/v1/uploads/{'a' * 64}?offset=0", b"\0" * 1001)[0] == 413


def test_truncated_and_tampered_uploads_change_nothing(served):
    net, server = served
    a = net.fields[0]
    keys = node_keys(a)
    add_households(a, 3)
    path = export_bundles(a, net.tmp / "out", to=net.hub.info.node_id)[0].path
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    start = json.dumps({"size": len(data), "sha256": sha}).encode()
    assert call(server.url, keys, "POST", "/v1/uploads", start)[0] == 200
    assert call(server.url, keys, "PUT", f"/v1/uploads/{sha}?offset=0", data[:1000])[0] == 200
    # a commit before the last byte: the hub says how far it got, and applies nothing
    status, _, body = call(server.url, keys, "POST", f"/v1/uploads/{sha}/commit")
    assert status == 409 and json.loads(body) == {"error": "incomplete", "offset": 1000}
    # a chunk at the wrong offset is not written
    status, _, body = call(server.url, keys, "PUT", f"/v1/uploads/{sha}?offset=5", data[5:100])
    assert status == 409 and json.loads(body)["offset"] == 1000
    # the rest, tampered: the hash no longer matches, the upload is dropped
    tampered = bytearray(data[1000:])
    tampered[10] ^= 0xFF
    assert call(server.url, keys, "PUT", f"/v1/uploads/{sha}?offset=1000", bytes(tampered))[0] == 200
    status, _, body = call(server.url, keys, "POST", f"/v1/uploads/{sha}/commit")
    assert status == 422 and json.loads(body)["error"] == "damaged"
    # a tampered file with its own (matching) hash is refused by the bundle's signature
    forged = bytearray(data)
    forged[-100] ^= 0xFF
    status, _, body = call(server.url, keys, "POST", "/v1/bundles", bytes(forged))
    assert status == 422 and "signature" in json.loads(body)["message"]
    # a truncated file is refused too
    status, _, body = call(server.url, keys, "POST", "/v1/bundles", data[:-500])
    assert status == 422
    assert hub_changes(net, a.info.node_id) == 0
    with net.hub.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Household)).scalar() == 0
    # and then the real thing goes through, once
    assert json.loads(call(server.url, keys, "POST", "/v1/bundles", data)[2])["applied"] == 3


def test_a_bundle_for_another_node_or_from_another_node_is_refused(served):
    net, server = served
    a, b = net.fields
    add_households(a, 2)
    # a bundle a made for b (not its hub): addressed to another node
    for_b = craft(a, b, net.tmp / "crafted", changes=[], name="for-b.fbb")
    with pytest.raises(BundleRefused, match="another node"):
        HubClient(server.url, node_keys(a)).push(for_b)
    # a's genuine bundle for the hub, sent by b: the sender is not the signer
    genuine = export_bundles(a, net.tmp / "out", to=net.hub.info.node_id)[0].path
    with pytest.raises(BundleRefused, match="another node than the one sending it"):
        HubClient(server.url, node_keys(b)).push(genuine)
    assert hub_changes(net, a.info.node_id) == 0
