"""This node's key pairs: Ed25519 to sign bundles and certificates, X25519 to receive bundles (HPKE), and the
keys of the other bundle suites (app/sync/suites.py): SM2 for suite ``gm``, ML-KEM-768 and ML-DSA-65 for ``pq``.

The private keys are made at first need and kept in ``node_keys`` inside the encrypted database, so they are as
safe as the data they protect and travel with its backups. Fingerprints: ``fingerprint`` (64 hex digits) names a
key pair in bundle headers; ``short_fingerprint`` (16 base-32 characters in four groups) is what two people read
aloud to each other when a node enrolls.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from app.db.store import Store
from app.models import NodeKey
from app.sync import suite_keys
from app.sync.suite_keys import SuiteKeys

_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw
_NO_ENC = serialization.NoEncryption()
FINGERPRINT_DOMAIN = b"fieldbook node keys v1\x00"


def fingerprint(sign_public: bytes, box_public: bytes) -> str:
    return hashlib.sha256(FINGERPRINT_DOMAIN + sign_public + box_public).hexdigest()


def short_fingerprint(full: str) -> str:
    """80 bits of the fingerprint as ``ABCD-EFGH-IJKL-MNOP`` (easy to read aloud and compare)."""
    text = base64.b32encode(bytes.fromhex(full)[:10]).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class PublicKeys:
    """A node's public keys. ``suite_public``: the public keys of the other suites ({name: bytes}, from its node
    certificate, where the hub's signature binds them to this identity; empty for a node enrolled before them)."""

    node_id: str
    sign_public: bytes
    box_public: bytes
    suite_public: dict[str, bytes] = field(default_factory=dict, compare=False)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_public, self.box_public)

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.sign_public).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True

    def box_key(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(self.box_public)


@dataclass(frozen=True)
class NodeKeys:
    node_id: str
    sign: Ed25519PrivateKey
    box: X25519PrivateKey
    #: the private keys of the other suites (None: made at first need, :func:`node_keys`)
    suites: SuiteKeys | None = field(default=None, compare=False)

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(self.node_id, self.sign.public_key().public_bytes(_RAW, _RAW_PUB),
                          self.box.public_key().public_bytes(_RAW, _RAW_PUB),
                          self.suites.public() if self.suites else {})

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    @classmethod
    def generate(cls, node_id: str) -> NodeKeys:
        return cls(node_id, Ed25519PrivateKey.generate(), X25519PrivateKey.generate(), suite_keys.generate())

    def signature(self, message: bytes) -> bytes:
        return self.sign.sign(message)


def node_keys(store: Store) -> NodeKeys:
    """This node's keys, made (and stored in the encrypted database) the first time they are needed. A node made
    before the other suites existed gets their keys here, once; its peers learn them when it enrols again."""
    node_id = store.info.node_id
    with store.read() as session:
        row = session.get(NodeKey, 1)
        if row is not None and row.suite_private:
            return _from_row(node_id, row)
    with store.write() as session:  # BEGIN IMMEDIATE: two windows asking at once make one pair
        row = session.get(NodeKey, 1)
        if row is None:
            keys = NodeKeys.generate(node_id)
            row = NodeKey(id=1, sign_private=keys.sign.private_bytes(_RAW, _RAW_PRIV, _NO_ENC),
                          box_private=keys.box.private_bytes(_RAW, _RAW_PRIV, _NO_ENC),
                          fingerprint=keys.fingerprint, suite_private=keys.suites.dump() if keys.suites else None)
            session.add(row)
            store.audit.event(session, "node_keys_created", {"fingerprint": keys.fingerprint})
        elif not row.suite_private:
            made = suite_keys.generate()
            row.suite_private = made.dump()
            store.audit.event(session, "node_suite_keys_created", {"fingerprint": row.fingerprint,
                                                                   "suites": sorted(made.public())})
        return _from_row(node_id, row)


def _from_row(node_id: str, row: NodeKey) -> NodeKeys:
    return NodeKeys(node_id, Ed25519PrivateKey.from_private_bytes(row.sign_private),
                    X25519PrivateKey.from_private_bytes(row.box_private),
                    SuiteKeys.load(row.suite_private) if row.suite_private else None)


def suite_public_from(document: dict[str, Any]) -> dict[str, bytes]:
    """The suite keys a certificate or request part carries (``"suite_keys": {name: base64}``); {} if none."""
    return suite_keys.parse_public(document.get("suite_keys"))


def peer_public_keys(node_id: str, sign_public: bytes, box_public: bytes, certificate: str) -> PublicKeys:
    """A peer's public keys, the other suites' from the node certificate stored with it (at the hub, the one it
    issued to the node; at a field node, its own, whose ``hub`` part names the hub's)."""
    suite_public: dict[str, bytes] = {}
    try:
        body = json.loads(certificate)["body"] if certificate else {}
    except (ValueError, KeyError, TypeError):
        body = {}
    if isinstance(body, dict):
        hub = body.get("hub")
        if body.get("node_id") == node_id:
            suite_public = suite_public_from(body)
        elif isinstance(hub, dict) and hub.get("node_id") == node_id:
            suite_public = suite_public_from(hub)
    return PublicKeys(node_id, sign_public, box_public, suite_public)
