"""This node's key pairs: Ed25519 to sign bundles and certificates, X25519 to receive bundles (HPKE), and the
keys of the other bundle suites (app/sync/suites.py): SM2 for suite ``gm``, ML-KEM-768 and ML-DSA-65 for ``pq``.

The private keys are made at first need and kept in ``node_keys`` inside the node's database, sealed (AES-256-GCM)
under a key derived from the node's data key: they travel with its backups, and a hub whose database is PostgreSQL
(not encrypted by Fieldbook) never holds them in clear there - the data key exists only wrapped in ``keyring.json``
under each user's Argon2id password (issue 23.3). Rows written in clear by older versions are read as they are and
sealed when a server database holds them (``hub init-db``, or the first use on such a database).

Fingerprints: ``fingerprint`` (64 hex digits) names a key pair in bundle headers; ``short_fingerprint`` (16 base-32
characters in four groups) is what two people read aloud to each other when a node enrolls.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.db.store import Store
from app.errors import StoreError
from app.i18n import translate
from app.models import NodeKey
from app.sync import suite_keys
from app.sync.suite_keys import SuiteKeys

_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw
_NO_ENC = serialization.NoEncryption()
FINGERPRINT_DOMAIN = b"fieldbook node keys v1\x00"
SEALED = b"FBK1"
_SEAL_INFO = b"fieldbook node keys sealed v1"


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
    """This node's keys, made (and stored, sealed) the first time they are needed. A node made before the other
    suites existed gets their keys here, once; its peers learn them when it enrols again."""
    node_id = store.info.node_id
    secret = store.data_key_for_backup
    server = store.engine.dialect.name != "sqlite"
    with store.read() as session:
        row = session.get(NodeKey, 1)
        if row is not None and row.suite_private and not (server and not is_sealed(row)):
            return _from_row(node_id, row, secret)
    with store.write() as session:  # BEGIN IMMEDIATE: two windows asking at once make one pair
        row = session.get(NodeKey, 1)
        if row is None:
            keys = NodeKeys.generate(node_id)
            row = NodeKey(id=1, sign_private=seal(secret, "sign", keys.sign.private_bytes(_RAW, _RAW_PRIV, _NO_ENC)),
                          box_private=seal(secret, "box", keys.box.private_bytes(_RAW, _RAW_PRIV, _NO_ENC)),
                          fingerprint=keys.fingerprint,
                          suite_private=seal(secret, "suites", keys.suites.dump()) if keys.suites else None)
            session.add(row)
            store.audit.event(session, "node_keys_created", {"fingerprint": keys.fingerprint})
            return _from_row(node_id, row, secret)
        if not row.suite_private:
            made = suite_keys.generate()
            row.suite_private = seal(secret, "suites", made.dump())
            store.audit.event(session, "node_suite_keys_created", {"fingerprint": row.fingerprint,
                                                                   "suites": sorted(made.public())})
        if server and not is_sealed(row):  # written in clear by an older version: a server database never keeps it
            row.sign_private = seal(secret, "sign", bytes(row.sign_private))
            row.box_private = seal(secret, "box", bytes(row.box_private))
            row.suite_private = seal(secret, "suites", bytes(row.suite_private))
            store.audit.event(session, "node_keys_sealed", {"fingerprint": row.fingerprint})
        return _from_row(node_id, row, secret)


def seal(secret: bytes, name: str, private: bytes) -> bytes:
    """``private`` sealed under a key derived from the data key ``secret`` (``name`` bound as associated data)."""
    if private.startswith(SEALED):
        return private
    nonce = os.urandom(12)
    return SEALED + nonce + AESGCM(_sealing_key(secret)).encrypt(nonce, private, name.encode("ascii"))


def unseal(secret: bytes, name: str, stored: bytes) -> bytes:
    if not stored.startswith(SEALED):
        return stored  # in clear, as older versions wrote it
    try:
        return AESGCM(_sealing_key(secret)).decrypt(stored[4:16], stored[16:], name.encode("ascii"))
    except InvalidTag:
        raise StoreError(translate("Store", "This node's private keys cannot be opened with its data key; they "
                                            "belong to another node or were altered.")) from None


#: the private columns of ``node_keys`` and the name each is sealed under
SEALED_COLUMNS = (("sign_private", "sign"), ("box_private", "box"), ("suite_private", "suites"))


def is_sealed(row: NodeKey) -> bool:
    """Every private key the row holds is sealed (the other suites' may not be made yet)."""
    return all(bytes(value).startswith(SEALED) for value in (row.sign_private, row.box_private, row.suite_private)
               if value is not None)


def seal_row(secret: bytes, row: dict[str, object]) -> dict[str, object]:
    """A ``node_keys`` row as copied to a server database (``hub init-db``): its private keys sealed."""
    sealed = dict(row)
    for column, name in SEALED_COLUMNS:
        value = sealed.get(column)
        if isinstance(value, bytes | bytearray | memoryview):
            sealed[column] = seal(secret, name, bytes(value))
    return sealed


def _sealing_key(secret: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=None, info=_SEAL_INFO).derive(secret)


def _from_row(node_id: str, row: NodeKey, secret: bytes) -> NodeKeys:
    suites = unseal(secret, "suites", bytes(row.suite_private)) if row.suite_private else None
    return NodeKeys(node_id, Ed25519PrivateKey.from_private_bytes(unseal(secret, "sign", bytes(row.sign_private))),
                    X25519PrivateKey.from_private_bytes(unseal(secret, "box", bytes(row.box_private))),
                    SuiteKeys.load(suites) if suites else None)


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
