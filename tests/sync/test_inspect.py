"""``bundle inspect``: the signed header read and checked against the roster, nothing decrypted (issue 23.6)."""

from __future__ import annotations

import struct

import pytest

from app.sync import bundle as fmt
from app.sync import enroll, suites
from app.sync import inspect as ins
from app.sync.bundle import BundleRefused
from app.sync.inspect import inspect_bundle, inspect_bundles
from tests.sync.test_cli import ok, run

from .conftest import add_households


@pytest.fixture
def trio(net):
    n = net(fields=2)
    add_households(n.fields[0], 4)
    return n, n.fields[0], n.fields[1], n.hub


def test_a_bundle_from_an_enrolled_node_to_this_hub(trio):
    n, a, _, hub = trio
    path = n.export(a, hub)
    found = inspect_bundle(hub, path)
    assert (found.sender_state, found.to_this_node, found.signature) == (ins.ENROLLED, True, ins.VALID)
    assert found.sender_name == a.info.name and found.recipient_name == hub.info.name
    assert found.get("sender") == a.info.node_id and found.sender_key_matches
    assert found.suite == fmt.SUITE_ID and found.suite_name == fmt.SUITE_NAMES[fmt.SUITE_ID] and found.supported
    assert found.counts["changes"] == 4 and found.counts["blobs"] == 0
    assert found.ranges == {a.info.node_id: [0, 4]}
    assert found.file_size == path.stat().st_size and found.get("created_at")


def test_the_hub_checks_its_own_bundle_for_a_laptop_without_being_able_to_decrypt_it(trio):
    n, a, _, hub = trio
    n.send(a, hub)
    path = n.export(hub, n.fields[1])
    found = inspect_bundle(hub, path)
    assert (found.sender_state, found.to_this_node, found.signature) == (ins.SELF, False, ins.VALID)


def test_another_laptop_does_not_know_the_sender(trio):
    n, a, b, hub = trio
    found = inspect_bundle(b, n.export(a, hub))
    assert (found.sender_state, found.to_this_node, found.signature) == (ins.UNKNOWN, False, ins.UNCHECKED)
    assert found.recipient_name == hub.info.name


def test_an_altered_bundle_does_not_verify(trio, tmp_path):
    n, a, _, hub = trio
    path = n.export(a, hub)
    data = bytearray(path.read_bytes())
    data[-200] ^= 0x01
    altered = tmp_path / "altered.fbb"
    altered.write_bytes(bytes(data))
    assert inspect_bundle(hub, altered).signature == ins.INVALID


@pytest.mark.parametrize("suite", ["gm", "pq"])
def test_a_bundle_in_another_suite_is_named_and_verified_with_its_keys(net, tmp_path, suite):
    """Issue 24 with 23.6: the signature of a gm or pq bundle is checked with the suite keys the sender's certificate
    carries (SM2, or Ed25519 + ML-DSA-65), at the hub and at the field node; an altered one does not verify."""
    n = net(fields=1, suite=suite)
    field, hub = n.fields[0], n.hub
    add_households(field, 2)
    to_hub = n.export(field, hub)
    found = inspect_bundle(hub, to_hub)
    assert (found.sender_state, found.to_this_node, found.signature) == (ins.ENROLLED, True, ins.VALID)
    assert found.suite == suites.BY_NAME[suite].id and found.suite_name.startswith(f"{suite}: ") and found.supported
    assert inspect_bundle(field, to_hub).signature == ins.VALID  # its own bundle
    to_field = n.export(hub, field)
    found = inspect_bundle(field, to_field)
    assert (found.sender_state, found.suite_name.split(":")[0], found.signature) == (ins.ENROLLED, suite, ins.VALID)
    data = bytearray(to_hub.read_bytes())
    data[-300] ^= 0x01
    altered = tmp_path / "altered.fbb"
    altered.write_bytes(bytes(data))
    assert inspect_bundle(hub, altered).signature == ins.INVALID


def test_revoked_and_expired_senders_are_named(trio):
    n, a, b, hub = trio
    path = n.export(a, hub)
    enroll.revoke(hub, a.info.node_id)
    found = inspect_bundle(hub, path)
    assert (found.sender_state, found.signature) == (ins.REVOKED, ins.VALID)
    add_households(b, 1)
    path = n.export(b, hub)
    from app.models import Peer
    from app.models.base import utcnow

    with hub.write() as session:
        session.get(Peer, b.info.node_id).expires_at = utcnow()
    assert inspect_bundle(hub, path).sender_state == ins.EXPIRED


def test_a_suite_this_version_does_not_know_is_named_by_its_number(trio, tmp_path):
    n, a, _, hub = trio
    data = bytearray(n.export(a, hub).read_bytes())
    magic, version, _, length = fmt.PREFIX.unpack(bytes(data[:fmt.PREFIX.size]))
    data[:fmt.PREFIX.size] = fmt.PREFIX.pack(magic, version, 7, length)
    future = tmp_path / "future.fbb"
    future.write_bytes(bytes(data))
    found = inspect_bundle(hub, future)
    assert (found.suite, found.suite_name, found.supported, found.signature) == (7, None, False, ins.UNCHECKED)
    assert found.get("sender") == a.info.node_id


def test_what_is_not_a_bundle_is_said_and_the_rest_still_inspected(trio, tmp_path):
    n, a, _, hub = trio
    folder = tmp_path / "stick"
    folder.mkdir()
    good = n.export(a, hub)
    (folder / good.name).write_bytes(good.read_bytes())
    (folder / "notes.fbb").write_bytes(b"shopping list" * 20)
    (folder / "short.fbb").write_bytes(fmt.PREFIX.pack(fmt.MAGIC, 1, 1, 60_000) + struct.pack(">H", 1))
    found = inspect_bundles(hub, [folder])
    assert [type(f).__name__ for f in found] == ["Inspection", "BundleRefused", "BundleRefused"]
    with pytest.raises(BundleRefused, match="not a regular file"):
        inspect_bundle(hub, fmt.Path("/dev/zero"))


def test_the_command_line_sorts_a_folder(tmp_path):
    hub, field = tmp_path / "hub", tmp_path / "field"
    ok(run(hub, "init", "--role", "hub", "--name", "枢纽", "--admin", "admin"))
    ok(run(field, "init", "--role", "field", "--name", "外业", "--street", "610111001", "--admin", "admin"))
    ok(run(field, "enroll", "request", "--out", str(tmp_path / "req.json")))
    ok(run(hub, "enroll", "approve", str(tmp_path / "req.json"), "--out", str(tmp_path / "cert.json")))
    ok(run(field, "enroll", "accept", str(tmp_path / "cert.json")))
    ok(run(field, "bundle", "export", "--out", str(tmp_path / "stick")))
    (bundle,) = (tmp_path / "stick").glob("*.fbb")
    shown = ok(run(hub, "bundle", "inspect", str(bundle)))
    assert "外业" in shown and "enrolled here" in shown and "this node" in shown and "signature: valid" in shown
    assert "classic" in shown and "0 changes" in shown
    for suite in ("gm", "pq"):  # issue 24: the suite is named and its signature checked with its keys
        ok(run(field, "bundle", "export", "--out", str(tmp_path / suite), "--to", "枢纽", "--suite", suite))
    shown = ok(run(hub, "bundle", "inspect", str(tmp_path / "gm"), str(tmp_path / "pq")))
    assert "gm: SM2" in shown and "pq: HPKE ML-KEM-768" in shown and shown.count("signature: valid") == 2, shown
    (tmp_path / "stick" / "junk.fbb").write_bytes(b"junk" * 100)
    result = run(hub, "bundle", "inspect", str(tmp_path / "stick"))
    assert result.returncode == 9 and "Traceback" not in result.stderr
    assert "signature: valid" in result.stdout
    assert result.stderr.strip().splitlines() == ["This file is not a Fieldbook bundle."]
