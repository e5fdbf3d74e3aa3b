"""The private and public keys of the bundle suites beyond the classic one (app/sync/suites.py).

Suite ``gm`` uses two SM2 key pairs, one to sign and one to receive (GB/T 39786 and GM/T 0015 keep signing and
encryption keys apart). Suite ``pq`` uses an ML-KEM-768 key (with the node's X25519 key it forms the X-Wing hybrid
KEM) and an ML-DSA-65 key (beside its Ed25519 key). Private keys are kept as one JSON document in ``node_keys``
(inside the encrypted database); public keys travel in enrolment requests and node certificates as
``"suite_keys": {name: base64}``.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import mldsa, mlkem

from app.sync import gm

SM2_SIGN, SM2_BOX, MLKEM, MLDSA = "sm2_sign", "sm2_box", "mlkem768", "mldsa65"
#: each public key's exact length in bytes
PUBLIC_SIZES = {SM2_SIGN: gm.SM2_PUBLIC_BYTES, SM2_BOX: gm.SM2_PUBLIC_BYTES, MLKEM: 1184, MLDSA: 1952}


@dataclass(frozen=True)
class SuiteKeys:
    sm2_sign: tuple[bytes, bytes]  # (private, public)
    sm2_box: tuple[bytes, bytes]
    mlkem_seed: bytes  # 64 bytes (d ‖ z, FIPS 203)
    mldsa_seed: bytes  # 32 bytes (ξ, FIPS 204)

    def public(self) -> dict[str, bytes]:
        return {SM2_SIGN: self.sm2_sign[1], SM2_BOX: self.sm2_box[1], MLKEM: self.mlkem().public_key()
                .public_bytes_raw(), MLDSA: self.mldsa().public_key().public_bytes_raw()}

    def mlkem(self) -> mlkem.MLKEM768PrivateKey:
        return mlkem.MLKEM768PrivateKey.from_seed_bytes(self.mlkem_seed)

    def mldsa(self) -> mldsa.MLDSA65PrivateKey:
        return mldsa.MLDSA65PrivateKey.from_seed_bytes(self.mldsa_seed)

    def dump(self) -> bytes:
        def enc(data: bytes) -> str:
            return base64.b64encode(data).decode("ascii")
        return json.dumps({"v": 1, SM2_SIGN: [enc(p) for p in self.sm2_sign], SM2_BOX: [enc(p) for p in self.sm2_box],
                           MLKEM: enc(self.mlkem_seed), MLDSA: enc(self.mldsa_seed)}, sort_keys=True).encode("ascii")

    @classmethod
    def load(cls, raw: bytes) -> SuiteKeys:
        data = json.loads(raw)

        def dec(text: str) -> bytes:
            return base64.b64decode(text, validate=True)
        sign = data[SM2_SIGN]
        box = data[SM2_BOX]
        return cls((dec(sign[0]), dec(sign[1])), (dec(box[0]), dec(box[1])), dec(data[MLKEM]), dec(data[MLDSA]))


def generate() -> SuiteKeys:
    return SuiteKeys(gm.sm2_generate(), gm.sm2_generate(), mlkem.MLKEM768PrivateKey.generate().private_bytes_raw(),
                     mldsa.MLDSA65PrivateKey.generate().private_bytes_raw())


def encode_public(public: dict[str, bytes]) -> dict[str, str]:
    return {name: base64.b64encode(value).decode("ascii") for name, value in sorted(public.items())}


def parse_public(value: Any) -> dict[str, bytes]:
    """The public keys a document lists, each of its exact length; unknown names and damaged values are left out
    (a suite whose keys are missing is refused where it is used, with a message that says so)."""
    if not isinstance(value, dict):
        return {}
    out: dict[str, bytes] = {}
    for name, size in PUBLIC_SIZES.items():
        try:
            raw = base64.b64decode(str(value.get(name, "")), validate=True)
        except (binascii.Error, ValueError):
            continue
        if len(raw) == size:
            out[name] = raw
    return out
