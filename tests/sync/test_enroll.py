"""Enrolment documents: signed, for the right node, not expired; revocation only moves the roster forward."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.errors import PermissionDenied, ValidationError
from app.sync import enroll
from app.sync.enroll import EnrollError
from app.sync.keys import node_keys, short_fingerprint


def test_request_approve_accept(make_node, tmp_path):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    field, _ = make_node(role="field", folder=tmp_path / "field")
    shown = enroll.write_request(field, tmp_path / "req.json")
    assert shown == short_fingerprint(node_keys(field).fingerprint)
    approval = enroll.approve(hub, tmp_path / "req.json", tmp_path / "cert.json")
    assert approval.request_fingerprint == shown and approval.roster_version == 1
    accepted = enroll.accept(field, tmp_path / "cert.json")
    assert accepted.hub_fingerprint == approval.hub_fingerprint
    assert node_keys(field).public == node_keys(field).public, "keys are stable"
    assert hub.check() == [] and field.check() == []


def test_tampered_request_and_certificate_are_refused(make_node, tmp_path):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    field, _ = make_node(role="field", folder=tmp_path / "field")
    enroll.write_request(field, tmp_path / "req.json")
    document = json.loads((tmp_path / "req.json").read_text())
    document["body"]["street"] = "610111009"
    (tmp_path / "bad.json").write_text(json.dumps(document))
    with pytest.raises(EnrollError, match="altered"):
        enroll.approve(hub, tmp_path / "bad.json", tmp_path / "cert.json")
    enroll.approve(hub, tmp_path / "req.json", tmp_path / "cert.json")
    document = json.loads((tmp_path / "cert.json").read_text())
    document["body"]["expires_at"] = "2099-01-01T00:00:00"
    (tmp_path / "bad.json").write_text(json.dumps(document))
    with pytest.raises(EnrollError, match="altered"):
        enroll.accept(field, tmp_path / "bad.json")


def test_certificate_for_another_node_or_expired(make_node, tmp_path):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    field, _ = make_node(role="field", folder=tmp_path / "field")
    other, _ = make_node(role="field", folder=tmp_path / "other")
    enroll.write_request(field, tmp_path / "req.json")
    enroll.approve(hub, tmp_path / "req.json", tmp_path / "cert.json")
    with pytest.raises(EnrollError, match="another node"):
        enroll.accept(other, tmp_path / "cert.json")
    with pytest.raises(EnrollError, match="expired"):
        enroll.accept(field, tmp_path / "cert.json", now=dt.datetime(2100, 1, 1))


def test_roles_and_identity_rules(make_node, tmp_path):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    field, _ = make_node(role="field", folder=tmp_path / "field")
    with pytest.raises(ValidationError):
        enroll.write_request(hub, tmp_path / "req.json")
    enroll.write_request(field, tmp_path / "req.json")
    with pytest.raises(ValidationError):
        enroll.approve(field, tmp_path / "req.json", tmp_path / "cert.json")
    enroll.approve(hub, tmp_path / "req.json", tmp_path / "cert.json")
    _node, roster = enroll.revoke(hub, field.info.node_id)
    assert roster == 2
    with pytest.raises(EnrollError, match="revoked"):
        enroll.approve(hub, tmp_path / "req.json", tmp_path / "cert2.json")
    with pytest.raises(ValidationError, match="No enrolled node"):
        enroll.revoke(hub, "ffffffff")


def test_only_an_administrator_enrolls(make_node, tmp_path):
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    field, _ = make_node(role="field", folder=tmp_path / "field")
    field.add_user("cadre", "field", "cadre password", kdf=FAST_KDF)
    cadre = Store.open(tmp_path / "field", "cadre", "cadre password")
    try:
        with pytest.raises(PermissionDenied):
            enroll.write_request(cadre, tmp_path / "req.json")
    finally:
        cadre.engine.dispose()
