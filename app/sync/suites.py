"""The bundle cipher suites (docs/bundle-format.md "Suites"): what wraps the file key, seals the chunked payload,
hashes the header and the file, and signs it. The suite's number is in the bundle's fixed prefix and its name in
the header; both are covered by the signature, so a bundle re-labelled with another suite no longer verifies.

- ``classic`` (1): HPKE X25519/HKDF-SHA256/ChaCha20-Poly1305, ChaCha20-Poly1305 STREAM, SHA-256, Ed25519.
- ``gm`` (2): SM2 encryption (GB/T 32918.4) of the file key, SM4-GCM STREAM, SM3, SM2 signature (GB/T 32918.2).
- ``pq`` (3): HPKE ML-KEM-768+X25519 (X-Wing)/HKDF-SHA256/ChaCha20-Poly1305, ChaCha20-Poly1305 STREAM, SHA-256,
  Ed25519 and ML-DSA-65 (both must verify).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, hpke
from cryptography.hazmat.primitives.asymmetric import mldsa, mlkem, x25519
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import ValidationError
from app.i18n import translate
from app.sync import gm
from app.sync.keys import NodeKeys, PublicKeys
from app.sync.suite_keys import MLDSA, MLKEM, SM2_BOX, SM2_SIGN

HPKE_INFO = b"fieldbook bundle v1 file key\x00"
PAYLOAD_INFO = b"fieldbook bundle v1 payload\x00"
#: ML-DSA's context string (FIPS 204): a signature made for bundles means nothing elsewhere
MLDSA_CONTEXT = b"fieldbook bundle v1"
ED25519_BYTES = 64
MLDSA65_BYTES = 3309


class AEAD(Protocol):
    def encrypt(self, nonce: bytes, data: bytes, associated_data: bytes | None) -> bytes: ...

    def decrypt(self, nonce: bytes, data: bytes, associated_data: bytes | None) -> bytes: ...


class Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def digest(self) -> bytes: ...


class _SM3:
    def __init__(self) -> None:
        self._hash = hashes.Hash(hashes.SM3())

    def update(self, data: bytes, /) -> None:
        self._hash.update(data)

    def digest(self) -> bytes:
        return self._hash.copy().finalize()


class SuiteKeysMissing(ValidationError):
    """A suite is asked for with a node whose certificate carries no keys for it."""

    exit_code = 9


@dataclass(frozen=True)
class Suite:
    """The classic suite; the others override what differs. ``keys``: the suite keys both ends must hold."""

    id: int
    name: str
    description: str
    signature_size: int = ED25519_BYTES
    keys: tuple[str, ...] = ()

    # -- hashes
    def new_digest(self) -> Digest:
        return hashlib.sha256()

    def header_digest(self, prefix: bytes) -> bytes:
        digest = self.new_digest()
        digest.update(prefix)
        return digest.digest()

    # -- the file key and the payload
    def wrap(self, file_key: bytes, recipient: PublicKeys, header_digest: bytes) -> bytes:
        return _CLASSIC_HPKE.encrypt(file_key, recipient.box_key(), info=HPKE_INFO + header_digest)

    def unwrap(self, wrapped: bytes, me: NodeKeys, header_digest: bytes) -> bytes:
        """The file key; raises InvalidTag or ValueError if ``wrapped`` does not open with this node's key."""
        return _CLASSIC_HPKE.decrypt(wrapped, me.box, info=HPKE_INFO + header_digest)

    def payload_aead(self, file_key: bytes, header_digest: bytes) -> AEAD:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=header_digest, info=PAYLOAD_INFO).derive(file_key)
        return ChaCha20Poly1305(key)

    # -- the signature over the whole file
    def sign(self, me: NodeKeys, message: bytes) -> bytes:
        return me.signature(message)

    def verify(self, signer: PublicKeys, signature: bytes, message: bytes) -> bool:
        return len(signature) == self.signature_size and signer.verify(signature, message)

    # -- keys
    def missing(self, keys: PublicKeys) -> bool:
        return any(name not in keys.suite_public for name in self.keys)


@dataclass(frozen=True)
class GMSuite(Suite):
    def new_digest(self) -> Digest:
        return _SM3()

    def wrap(self, file_key: bytes, recipient: PublicKeys, header_digest: bytes) -> bytes:
        # SM2 encryption has no associated data: the header is bound through the payload key (HKDF salt) and the
        # signature; the wrapped key only carries the random file key
        return gm.sm2_encrypt(recipient.suite_public[SM2_BOX], file_key)

    def unwrap(self, wrapped: bytes, me: NodeKeys, header_digest: bytes) -> bytes:
        if me.suites is None or len(wrapped) > gm.SM2_MAX_WRAPPED:
            raise ValueError("no SM2 key")
        return gm.sm2_decrypt(me.suites.sm2_box[0], wrapped)

    def payload_aead(self, file_key: bytes, header_digest: bytes) -> AEAD:
        key = HKDF(algorithm=hashes.SM3(), length=gm.SM4_KEY_BYTES, salt=header_digest,
                   info=PAYLOAD_INFO[:-1] + b" gm\x00").derive(file_key)
        return gm.SM4GCM(key)

    def sign(self, me: NodeKeys, message: bytes) -> bytes:
        assert me.suites is not None
        private, public = me.suites.sm2_sign
        return gm.sm2_sign(private, public, message)

    def verify(self, signer: PublicKeys, signature: bytes, message: bytes) -> bool:
        public = signer.suite_public.get(SM2_SIGN)
        return public is not None and gm.sm2_verify(public, message, signature)


@dataclass(frozen=True)
class PQSuite(Suite):
    def wrap(self, file_key: bytes, recipient: PublicKeys, header_digest: bytes) -> bytes:
        public = hpke.MLKEM768X25519PublicKey(
            mlkem.MLKEM768PublicKey.from_public_bytes(recipient.suite_public[MLKEM]),
            x25519.X25519PublicKey.from_public_bytes(recipient.box_public))
        return _PQ_HPKE.encrypt(file_key, public, info=HPKE_INFO[:-1] + b" pq\x00" + header_digest)

    def unwrap(self, wrapped: bytes, me: NodeKeys, header_digest: bytes) -> bytes:
        if me.suites is None:
            raise ValueError("no ML-KEM key")
        private = hpke.MLKEM768X25519PrivateKey(me.suites.mlkem(), me.box)
        return _PQ_HPKE.decrypt(wrapped, private, info=HPKE_INFO[:-1] + b" pq\x00" + header_digest)

    def payload_aead(self, file_key: bytes, header_digest: bytes) -> AEAD:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=header_digest,
                   info=PAYLOAD_INFO[:-1] + b" pq\x00").derive(file_key)
        return ChaCha20Poly1305(key)

    def sign(self, me: NodeKeys, message: bytes) -> bytes:
        assert me.suites is not None
        return me.signature(message) + me.suites.mldsa().sign(message, MLDSA_CONTEXT)

    def verify(self, signer: PublicKeys, signature: bytes, message: bytes) -> bool:
        public = signer.suite_public.get(MLDSA)
        if public is None or len(signature) != self.signature_size:
            return False
        if not signer.verify(signature[:ED25519_BYTES], message):
            return False
        try:
            mldsa.MLDSA65PublicKey.from_public_bytes(public).verify(signature[ED25519_BYTES:], message,
                                                                    MLDSA_CONTEXT)
        except (InvalidSignature, ValueError):
            return False
        return True


_CLASSIC_HPKE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
_PQ_HPKE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)

CLASSIC = Suite(1, "classic", "HPKE X25519/HKDF-SHA256/ChaCha20-Poly1305, ChaCha20-Poly1305, SHA-256, Ed25519")
GM = GMSuite(2, "gm", "SM2 encryption (GB/T 32918.4), SM4-GCM, SM3, SM2 signature (GB/T 32918.2)",
             gm.SM2_SIGNATURE_BYTES, (SM2_SIGN, SM2_BOX))
PQ = PQSuite(3, "pq", "HPKE ML-KEM-768+X25519/HKDF-SHA256/ChaCha20-Poly1305, ChaCha20-Poly1305, SHA-256, "
                      "Ed25519 + ML-DSA-65", ED25519_BYTES + MLDSA65_BYTES, (MLKEM, MLDSA))
SUITES: dict[int, Suite] = {s.id: s for s in (CLASSIC, GM, PQ)}
BY_NAME: dict[str, Suite] = {s.name: s for s in SUITES.values()}
NAMES = tuple(BY_NAME)


def by_name(name: str) -> Suite:
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValidationError(translate("Sync", "Unknown bundle suite {suite}; choose one of {choices}.",
                                        suite=name, choices=", ".join(NAMES))) from None


def require_keys(suite: Suite, sender: PublicKeys, recipient: PublicKeys, field_node: str | None) -> None:
    """Both ends must hold keys for ``suite`` in the node certificate that binds them, else a message saying what to
    do: the field node enrols again (its new certificate carries its and the hub's suite keys). ``field_node``:
    the field node's name when the hub writes, None when a field node writes."""
    if not (suite.missing(sender) or suite.missing(recipient)):
        return
    if field_node is None:
        raise SuiteKeysMissing(translate("Sync", "This node has no keys for suite {suite}; enrol it again (enroll "
                                                 "request, approve, accept) to add them.", suite=suite.name))
    raise SuiteKeysMissing(translate("Sync", "The node {node} has no keys for suite {suite}; it must enrol again "
                                             "(enroll request, approve, accept) before it can receive bundles of this "
                                             "suite.", node=field_node, suite=suite.name))
