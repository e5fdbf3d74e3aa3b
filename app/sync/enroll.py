"""Offline enrolment of a field node with its hub, and revocation (ARCHITECTURE.md "Change log, bundles and
enrollment").

1. The field node writes a *request* (``enroll request``): its node id, name, street, role and public keys, signed
   with its own Ed25519 key (proof that it holds the private key).
2. At the hub an administrator checks the request's short fingerprint against the one the field laptop shows and
   issues a *node certificate* (``enroll approve``): node id, role field, scope (street), expiry, roster version,
   the node's keys and the hub's own id and keys, signed by the hub.
3. The field node accepts the certificate (``enroll accept``): the hub's signature must verify, and the certificate
   must name this node and its keys; the hub's short fingerprint is shown so it can be compared with the hub screen.

Revocation (``enroll revoke``) marks the node revoked at the hub under a new roster version (the counter only
increases); its bundles are refused from then on. Documents are small JSON files: ``{"body": {...}, "signature":
base64}`` where the signature covers ``DOMAIN || canonical_json(body)``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.db.audit import canonical_json
from app.db.fileio import atomic_write_bytes
from app.db.store import Store
from app.domain.permissions import Permission
from app.domain.references import MIN_PREFIX, Candidate, UnknownReference, choose, short_id
from app.errors import FieldbookError, ValidationError
from app.i18n import translate
from app.models import Node, Peer, Street
from app.models.base import utcnow
from app.models.enums import NodeRole
from app.settings import BUNDLE_SUITE
from app.sync.keys import NodeKeys, PublicKeys, node_keys, short_fingerprint, suite_public_from
from app.sync.suite_keys import encode_public

REQUEST_TYPE = "fieldbook-enroll-request"
CERTIFICATE_TYPE = "fieldbook-node-certificate"
DOCUMENT_VERSION = 1
SIGNATURE_DOMAIN = b"fieldbook enrolment v1\x00"
#: a node certificate is valid this long; enrol again (same keys) to extend it
CERTIFICATE_DAYS = 3 * 365
#: ... and at most this long (a laptop is replaced long before; a longer life only helps a thief)
MAX_CERTIFICATE_DAYS = 10 * 366
MAX_DOCUMENT_BYTES = 64 * 1024


class EnrollError(FieldbookError):
    exit_code = 9


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, what: str) -> bytes:
    try:
        value = base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise EnrollError(translate("Sync", "The enrolment file is damaged ({what}).", what=what)) from exc
    if len(value) not in (32, 64):
        raise EnrollError(translate("Sync", "The enrolment file is damaged ({what}).", what=what))
    return value


def _sign(body: dict[str, Any], keys: NodeKeys) -> bytes:
    signature = keys.signature(SIGNATURE_DOMAIN + canonical_json(body).encode("utf-8"))
    return json.dumps({"body": body, "signature": _b64(signature)}, ensure_ascii=False, indent=2,
                      sort_keys=True).encode("utf-8")


def _read(path: Path, expected_type: str) -> tuple[dict[str, Any], bytes]:
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise EnrollError(translate("Sync", "{path} is too large to be an enrolment file.", path=path))
        document = json.loads(path.read_bytes().decode("utf-8"))
        body, signature = document["body"], _unb64(document["signature"], "signature")
        if not isinstance(body, dict) or body.get("type") != expected_type:
            raise ValueError("type")
    except FileNotFoundError as exc:
        raise EnrollError(translate("Sync", "The file {path} does not exist.", path=path)) from exc
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise EnrollError(translate("Sync", "{path} is not a Fieldbook enrolment file of the expected kind.",
                                    path=path)) from exc
    if body.get("version") != DOCUMENT_VERSION:
        raise EnrollError(translate("Sync", "{path} was written by another version of Fieldbook "
                                            "(format {version}).", path=path, version=body.get("version")))
    return body, signature


def _verify(body: dict[str, Any], signature: bytes, signer: PublicKeys) -> bool:
    return signer.verify(signature, SIGNATURE_DOMAIN + canonical_json(body).encode("utf-8"))


def _keys_of(body: dict[str, Any]) -> PublicKeys:
    return PublicKeys(str(body.get("node_id", "")), _unb64(body.get("sign_key"), "sign_key"),
                      _unb64(body.get("box_key"), "box_key"), suite_public_from(body))


# -- field node: request ------------------------------------------------------------------------------------
def write_request(store: Store, out: Path) -> str:
    """Write this node's enrolment request; return its short fingerprint (shown on both screens)."""
    store.require(Permission.ENROLL_NODES)
    if store.info.role != NodeRole.FIELD:
        raise ValidationError(translate("Sync", "Only a field node enrolls with a hub."))
    keys = node_keys(store)
    public = keys.public
    body = {"type": REQUEST_TYPE, "version": DOCUMENT_VERSION, "node_id": store.info.node_id,
            "name": store.info.name, "role": store.info.role, "street": store.info.street_code,
            "sign_key": _b64(public.sign_public), "box_key": _b64(public.box_public),
            "suite_keys": encode_public(public.suite_public),
            "created_at": utcnow().isoformat(timespec="seconds")}
    atomic_write_bytes(out, _sign(body, keys))
    with store.write() as session:
        store.audit.event(session, "enroll_request_written", {"file": out.name})
    return short_fingerprint(public.fingerprint)


# -- hub: approve, revoke -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Approval:
    node_id: str
    name: str
    street: str
    request_fingerprint: str
    hub_fingerprint: str
    roster_version: int
    expires_at: dt.datetime


def _require_hub_admin(store: Store) -> None:
    store.require(Permission.ENROLL_NODES)
    if store.info.role != NodeRole.HUB:
        raise ValidationError(translate("Sync", "Only the hub approves and revokes nodes."))


def next_roster_version(session: Any) -> int:
    return int(session.execute(sa.select(sa.func.max(Peer.roster_version))).scalar() or 0) + 1


@dataclass(frozen=True)
class RequestPreview:
    """Who asks to be enrolled, as the hub's administrator sees it before approving."""

    path: Path
    node_id: str
    name: str
    street_code: str
    street_name: str
    fingerprint: str
    already_enrolled: bool


def preview_request(store: Store, path: Path) -> RequestPreview:
    """Read an enrolment request without approving it, so the administrator can compare the fingerprint first.
    The same checks as :func:`approve` apply later; the signature is checked here already."""
    body, signature = _read(path, REQUEST_TYPE)
    keys = _keys_of(body)
    if not _verify(body, signature, keys):
        raise EnrollError(translate("Sync", "The request's signature does not match its keys; "
                                                   "the file was altered."))
    street = str(body.get("street") or "")
    with store.read() as session:
        street_name = session.execute(sa.select(Street.name).where(Street.code == street)).scalar() or ""
        enrolled = session.get(Peer, keys.node_id) is not None
    return RequestPreview(path, keys.node_id, str(body.get("name") or "").strip()[:100], street, street_name,
                          short_fingerprint(keys.fingerprint), enrolled)


def approve(store: Store, request: Path, out: Path, days: int = CERTIFICATE_DAYS,
            now: dt.datetime | None = None) -> Approval:
    """Issue a node certificate for the request in ``request``; write the response to ``out``."""
    _require_hub_admin(store)
    check_days(days)
    body, signature = _read(request, REQUEST_TYPE)
    node = _keys_of(body)
    if not _verify(body, signature, node):
        raise EnrollError(translate("Sync", "The request's signature does not match its keys; "
                                            "the file was altered."))
    street = str(body.get("street") or "")
    name = str(body.get("name") or "").strip()[:100]
    if body.get("role") != NodeRole.FIELD or not street or not name or len(node.node_id) != 36:
        raise EnrollError(translate("Sync", "The request does not describe a field node with a street."))
    if node.node_id == store.info.node_id:
        raise EnrollError(translate("Sync", "This is the hub's own identity; a node cannot enroll with itself."))
    hub = node_keys(store)
    now = now or utcnow()
    expires = now + dt.timedelta(days=days)
    with store.write() as session:
        if session.get(Street, street) is None:
            raise EnrollError(translate("Sync", "Unknown street code {code}.", code=street))
        peer = session.get(Peer, node.node_id)
        if peer is not None and peer.revoked_at is not None:
            raise EnrollError(translate("Sync", "The node {node} was revoked; it cannot enroll again with the "
                                                "same identity.", node=node.node_id))
        if peer is not None and (peer.sign_public, peer.box_public) != (node.sign_public, node.box_public):
            raise EnrollError(translate("Sync", "The node {node} is already enrolled with other keys.",
                                        node=node.node_id))
        roster = next_roster_version(session)
        certificate = {
            "type": CERTIFICATE_TYPE, "version": DOCUMENT_VERSION, "node_id": node.node_id, "name": name,
            "role": NodeRole.FIELD.value, "scope": {"street": street},
            "sign_key": _b64(node.sign_public), "box_key": _b64(node.box_public),
            "suite_keys": encode_public(node.suite_public), "fingerprint": node.fingerprint,
            "issued_at": now.isoformat(timespec="seconds"), "expires_at": expires.isoformat(timespec="seconds"),
            "roster_version": roster, "suite": store.setting(BUNDLE_SUITE),
            "hub": {"node_id": store.info.node_id, "name": store.info.name,
                    "sign_key": _b64(hub.public.sign_public), "box_key": _b64(hub.public.box_public),
                    "suite_keys": encode_public(hub.public.suite_public), "fingerprint": hub.fingerprint},
        }
        document = _sign(certificate, hub)
        row = session.get(Node, node.node_id)
        if row is None:
            session.add(Node(id=node.node_id, name=name, role=NodeRole.FIELD, street_code=street, is_self=False))
        else:
            row.name, row.street_code, row.revoked = name, street, False
        if peer is None:
            peer = Peer(node_id=node.node_id, role=NodeRole.FIELD, sign_public=node.sign_public,
                        box_public=node.box_public, fingerprint=node.fingerprint, enrolled_at=now)
            session.add(peer)
        peer.street_code, peer.certificate = street, document.decode("utf-8")
        peer.expires_at, peer.roster_version = expires, roster
        store.audit.event(session, "enroll_approved", {"node": node.node_id, "name": name, "street": street,
                                                       "fingerprint": node.fingerprint, "roster": roster})
    atomic_write_bytes(out, document)
    return Approval(node.node_id, name, street, short_fingerprint(node.fingerprint),
                    short_fingerprint(hub.fingerprint), roster, expires)


def check_days(days: int) -> None:
    """A certificate's validity in days: at least one, at most :data:`MAX_CERTIFICATE_DAYS` (ValidationError)."""
    if not 1 <= days <= MAX_CERTIFICATE_DAYS:
        raise ValidationError(translate("Sync", "A node certificate is valid for 1 to {most} days; {days} is not "
                                                "possible.", most=MAX_CERTIFICATE_DAYS, days=days))


def peer_state(peer: Peer | PeerRow, now: dt.datetime | None = None) -> str:
    """``revoked``, ``expired`` (the certificate ran out: its bundles and requests are refused) or ``active``."""
    if peer.revoked_at is not None:
        return "revoked"
    if peer.expires_at is not None and peer.expires_at <= (now or utcnow()):
        return "expired"
    return "active"


def revoke(store: Store, node_ref: str) -> tuple[str, int]:
    """Revoke an enrolled node (its name, its id or a unique prefix of 8+ characters of it); return (id, roster)."""
    _require_hub_admin(store)
    with store.write() as session:
        peer = find_peer(session, node_ref)
        if peer.revoked_at is not None:
            return peer.node_id, peer.roster_version
        roster = next_roster_version(session)
        peer.revoked_at, peer.roster_version = utcnow(), roster
        node = session.get(Node, peer.node_id)
        if node is not None:
            node.revoked = True
        store.audit.event(session, "enroll_revoked", {"node": peer.node_id, "roster": roster})
        return peer.node_id, roster


def find_peer(session: Any, node_ref: str, active_only: bool = False, hubs_only: bool = False) -> Peer:
    """The enrolled node ``node_ref`` names: its name (as ``enroll list`` shows it, case and spaces forgiven), its
    id, or a unique prefix of 8+ characters of the id. Refused in one line when nothing or several nodes match
    (the message lists them)."""
    ref = node_ref.strip()
    query = sa.select(Peer, Node.name).outerjoin(Node, Node.id == Peer.node_id).order_by(Peer.enrolled_at)
    if active_only:
        query = query.where(Peer.revoked_at.is_(None))
    if hubs_only:
        query = query.where(Peer.role == NodeRole.HUB)
    rows = session.execute(query).all()
    what = translate("Sync", "enrolled node")

    def candidate(peer: Peer, name: str | None) -> Candidate:
        return Candidate(peer.node_id, translate("Sync", "{name} ({id}, street {street})", name=name or "-",
                                                 id=short_id(peer.node_id), street=peer.street_code or "-"))

    folded = " ".join(ref.split()).casefold()
    by_name = [candidate(peer, name) for peer, name in rows if name and " ".join(name.split()).casefold() == folded]
    if by_name:
        chosen = choose(ref, what, by_name)
    else:
        hexed = ref.lower().replace("-", "")
        if len(hexed) < MIN_PREFIX or not all(c in "0123456789abcdef" for c in hexed):
            raise UnknownReference(translate("Sync", "No enrolled node is called {node}; give its name as \"enroll "
                                                     "list\" shows it, or at least {n} characters of its id.",
                                             node=ref, n=MIN_PREFIX))
        chosen = choose(ref, what, [candidate(peer, name) for peer, name in rows
                                    if peer.node_id.replace("-", "").startswith(hexed)])
    peer = next(peer for peer, _ in rows if peer.node_id == chosen.key)
    assert isinstance(peer, Peer)
    return peer


# -- field node: accept -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Acceptance:
    hub_id: str
    hub_name: str
    hub_fingerprint: str
    expires_at: dt.datetime
    roster_version: int


def accept(store: Store, response: Path, now: dt.datetime | None = None) -> Acceptance:
    store.require(Permission.ENROLL_NODES)
    if store.info.role != NodeRole.FIELD:
        raise ValidationError(translate("Sync", "Only a field node enrolls with a hub."))
    body, signature = _read(response, CERTIFICATE_TYPE)
    hub_part = body.get("hub")
    if not isinstance(hub_part, dict):
        raise EnrollError(translate("Sync", "{path} is not a Fieldbook enrolment file of the expected kind.",
                                    path=response))
    hub = _keys_of(hub_part)
    if not _verify(body, signature, hub):
        raise EnrollError(translate("Sync", "The hub's signature on the certificate does not verify; "
                                            "the file was altered."))
    mine = node_keys(store).public
    node = _keys_of(body)
    if node.node_id != store.info.node_id or (node.sign_public, node.box_public) != (mine.sign_public,
                                                                                   mine.box_public) \
            or any(mine.suite_public.get(name) != value for name, value in node.suite_public.items()):
        raise EnrollError(translate("Sync", "This certificate was issued for another node."))
    scope = body.get("scope") or {}
    if body.get("role") != NodeRole.FIELD or scope.get("street") != store.info.street_code:
        raise EnrollError(translate("Sync", "The certificate's role or street does not match this node."))
    try:
        expires = dt.datetime.fromisoformat(str(body["expires_at"]))
        roster = int(body["roster_version"])
    except (KeyError, ValueError, TypeError) as exc:
        raise EnrollError(translate("Sync", "{path} is not a Fieldbook enrolment file of the expected kind.",
                                    path=response)) from exc
    now = now or utcnow()
    if expires <= now:
        raise EnrollError(translate("Sync", "The certificate has expired; ask the hub for a new one."))
    hub_name = str(hub_part.get("name") or "hub")[:100]
    with store.write() as session:
        existing = list(session.execute(sa.select(Peer).where(Peer.role == NodeRole.HUB)).scalars())
        if any(p.node_id != hub.node_id or p.fingerprint != hub.fingerprint for p in existing):
            raise EnrollError(translate("Sync", "This node is already enrolled with another hub."))
        if session.get(Node, hub.node_id) is None:
            session.add(Node(id=hub.node_id, name=hub_name, role=NodeRole.HUB, street_code=None, is_self=False))
        peer = session.get(Peer, hub.node_id)
        if peer is None:
            peer = Peer(node_id=hub.node_id, role=NodeRole.HUB, sign_public=hub.sign_public,
                        box_public=hub.box_public, fingerprint=hub.fingerprint, enrolled_at=now)
            session.add(peer)
        elif roster < peer.roster_version:
            raise EnrollError(translate("Sync", "This certificate is older than the one already accepted."))
        peer.certificate = json.dumps({"body": body, "signature": _b64(signature)}, ensure_ascii=False,
                                      sort_keys=True)
        peer.expires_at, peer.roster_version = expires, roster
        store.audit.event(session, "enroll_accepted", {"hub": hub.node_id, "fingerprint": hub.fingerprint,
                                                       "roster": roster})
    return Acceptance(hub.node_id, hub_name, short_fingerprint(hub.fingerprint), expires, roster)


@dataclass(frozen=True)
class PeerRow:
    """An enrolled node as ``enroll list`` shows it."""

    node_id: str
    name: str
    role: NodeRole
    street_code: str | None
    fingerprint: str
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None


def peers(store: Store) -> list[PeerRow]:
    """The nodes enrolled here with their names, in the order they were enrolled."""
    with store.read() as session:
        rows = session.execute(sa.select(Peer, Node.name).outerjoin(Node, Node.id == Peer.node_id)
                               .order_by(Peer.enrolled_at)).all()
        return [PeerRow(peer.node_id, name or "", NodeRole(peer.role), peer.street_code, peer.fingerprint,
                        peer.expires_at, peer.revoked_at) for peer, name in rows]
