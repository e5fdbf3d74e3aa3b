"""A certificate's validity is bounded and said clearly; an expired node is listed as expired (issue 16, finding 8:
``--days -1`` silently expired a node that ``enroll list`` still called active; ``--days 10000000`` was an
"internal error")."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import ValidationError
from app.models.base import utcnow
from app.sync import enroll
from app.sync.enroll import MAX_CERTIFICATE_DAYS
from tests.sync.test_cli import ok, run

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("days", [-1, 0, MAX_CERTIFICATE_DAYS + 1, 10_000_000])
def test_a_validity_out_of_bounds_is_refused_and_nothing_is_enrolled(make_node, tmp_path, days):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub", name="枢纽")
    field, _ = make_node(folder=tmp_path / "field", name="外业")
    enroll.write_request(field, tmp_path / "request.json")
    with pytest.raises(ValidationError, match=f"1 to {MAX_CERTIFICATE_DAYS} days"):
        enroll.approve(hub, tmp_path / "request.json", tmp_path / "certificate.json", days=days)
    assert enroll.peers(hub) == []
    assert not (tmp_path / "certificate.json").exists()


def test_the_state_of_a_peer(make_node, tmp_path):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub", name="枢纽")
    field, _ = make_node(folder=tmp_path / "field", name="外业")
    enroll.write_request(field, tmp_path / "request.json")
    enroll.approve(hub, tmp_path / "request.json", tmp_path / "certificate.json", days=1,
                   now=utcnow() - dt.timedelta(days=2))
    (peer,) = enroll.peers(hub)
    assert enroll.peer_state(peer) == "expired"
    assert enroll.peer_state(peer, now=peer.expires_at - dt.timedelta(hours=1)) == "active"
    enroll.revoke(hub, peer.node_id)
    assert enroll.peer_state(enroll.peers(hub)[0]) == "revoked"


def test_the_command_line_says_why_and_lists_expired_nodes(tmp_path):
    hub, field = tmp_path / "hub", tmp_path / "field"
    ok(run(hub, "init", "--role", "hub", "--name", "枢纽", "--admin", "admin"))
    ok(run(field, "init", "--role", "field", "--name", "外业", "--street", "610111001", "--admin", "admin"))
    ok(run(field, "enroll", "request", "--out", str(tmp_path / "req.json")))
    for days in ("-1", "10000000"):
        result = run(hub, "enroll", "approve", str(tmp_path / "req.json"), "--out", str(tmp_path / "c.json"),
                     "--days", days)
        assert result.returncode == 7 and "Traceback" not in result.stderr
        assert result.stderr.strip().splitlines() == [
            f"A node certificate is valid for 1 to {MAX_CERTIFICATE_DAYS} days; {days} is not possible."]
    ok(run(hub, "enroll", "approve", str(tmp_path / "req.json"), "--out", str(tmp_path / "c.json"), "--days", "1"))
    listed = ok(run(hub, "enroll", "list"))
    assert "active" in listed and (utcnow() + dt.timedelta(days=1)).date().isoformat() in listed
    from app.db.store import Store
    from app.models import Peer

    store = Store.open(hub, "admin", "admin pass 1")
    with store.write() as session:
        for peer in session.query(Peer):
            peer.expires_at = utcnow() - dt.timedelta(minutes=1)
    store.close()
    listed = ok(run(hub, "enroll", "list"))
    assert "expired" in listed and "active" not in listed
