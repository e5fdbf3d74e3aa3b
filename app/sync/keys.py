"""This node's key pairs: Ed25519 to sign bundles and certificates, X25519 to receive bundles (HPKE).

The private keys are made at first need and kept in ``node_keys`` inside the encrypted database, so they are as
safe as the data they protect and travel with its backups. Fingerprints: ``fingerprint`` (64 hex digits) names a
key pair in bundle headers; ``short_fingerprint`` (16 base-32 characters in four groups) is what two people read
aloud to each other when a node enrolls.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from app.db.store import Store
from app.models import NodeKey

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
    node_id: str
    sign_public: bytes
    box_public: bytes

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

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(self.node_id, self.sign.public_key().public_bytes(_RAW, _RAW_PUB),
                          self.box.public_key().public_bytes(_RAW, _RAW_PUB))

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    @classmethod
    def generate(cls, node_id: str) -> NodeKeys:
        return cls(node_id, Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    def signature(self, message: bytes) -> bytes:
        return self.sign.sign(message)


def node_keys(store: Store) -> NodeKeys:
    """This node's keys, made (and stored in the encrypted database) the first time they are needed."""
    node_id = store.info.node_id
    with store.read() as session:
        row = session.get(NodeKey, 1)
        if row is not None:
            return _from_row(node_id, row)
    with store.write() as session:  # BEGIN IMMEDIATE: two windows asking at once make one pair
        row = session.get(NodeKey, 1)
        if row is None:
            keys = NodeKeys.generate(node_id)
            row = NodeKey(id=1, sign_private=keys.sign.private_bytes(_RAW, _RAW_PRIV, _NO_ENC),
                          box_private=keys.box.private_bytes(_RAW, _RAW_PRIV, _NO_ENC),
                          fingerprint=keys.fingerprint)
            session.add(row)
            store.audit.event(session, "node_keys_created", {"fingerprint": keys.fingerprint})
        return _from_row(node_id, row)


def _from_row(node_id: str, row: NodeKey) -> NodeKeys:
    return NodeKeys(node_id, Ed25519PrivateKey.from_private_bytes(row.sign_private),
                    X25519PrivateKey.from_private_bytes(row.box_private))
