"""Request signatures of the hub mailbox (docs/hub.md "Authentication"), shared by the server and the client.

A field node signs every request with its enrolled Ed25519 key over

    "fieldbook hub request v2\\0" ‖ METHOD "\\n" PATH?QUERY "\\n" SHA-256(body) hex "\\n" LENGTH(body) "\\n" TIME "\\n"
    NONCE "\\n" NODE

and sends the parts in headers, the body's hash and length declared up front (``X-Fieldbook-Content-SHA256``,
``Content-Length``), so the hub authenticates a request before it reads a byte of its body, then reads exactly the
declared body and refuses it if it does not hash to what was signed. The hub accepts a request only from an
enrolled, unrevoked, unexpired field node whose signature verifies, whose clock is within ``skew_seconds`` of the
hub's and whose nonce no worker has seen in that window (replays are refused; app/sync/hub/state.py).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from app.sync import strict
from app.sync.keys import NodeKeys, PublicKeys

DOMAIN = b"fieldbook hub request v2\x00"
H_NODE = "X-Fieldbook-Node"
H_TIME = "X-Fieldbook-Time"
H_NONCE = "X-Fieldbook-Nonce"
H_SIGNATURE = "X-Fieldbook-Signature"
H_BODY = "X-Fieldbook-Content-SHA256"
NONCE_RE = re.compile(r"[A-Za-z0-9_-]{16,64}", re.ASCII)
NODE_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.ASCII)
SHA_RE = re.compile(r"[0-9a-f]{64}", re.ASCII)
SIGNATURE_RE = re.compile(r"[A-Za-z0-9+/]{86}==", re.ASCII)
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def message(method: str, target: str, body_sha256: str, body_length: int, timestamp: int, nonce: str,
            node_id: str) -> bytes:
    """The bytes a request signature covers (``target`` = path plus ``?query`` when there is one)."""
    return DOMAIN + "\n".join([method.upper(), target, body_sha256, str(body_length), str(timestamp), nonce,
                               node_id]).encode("utf-8")


def sign_headers(keys: NodeKeys, method: str, target: str, body_sha256: str = EMPTY_SHA256, body_length: int = 0,
                 now: float | None = None, nonce: str | None = None) -> dict[str, str]:
    timestamp = int(time.time() if now is None else now)
    nonce = nonce or secrets.token_urlsafe(18)
    signature = keys.signature(message(method, target, body_sha256, body_length, timestamp, nonce, keys.node_id))
    return {H_NODE: keys.node_id, H_TIME: str(timestamp), H_NONCE: nonce, H_BODY: body_sha256,
            H_SIGNATURE: base64.b64encode(signature).decode("ascii")}


@dataclass(frozen=True)
class Claim:
    """The authentication headers of a request, well formed but not yet verified."""

    node_id: str
    timestamp: int
    nonce: str
    body_sha256: str
    signature: bytes


def parse_claim(get: Callable[[str], str | None]) -> Claim | None:
    """The claim of a request's headers, or None unless every part is exactly well formed (ASCII only)."""
    node, stamp, nonce, body, signature = get(H_NODE), get(H_TIME), get(H_NONCE), get(H_BODY), get(H_SIGNATURE)
    if not (node and stamp and nonce and body and signature):
        return None
    if not (NODE_RE.fullmatch(node) and NONCE_RE.fullmatch(nonce) and SHA_RE.fullmatch(body)
            and SIGNATURE_RE.fullmatch(signature)):
        return None
    try:
        timestamp = strict.ascii_int(stamp, max_digits=12)
        raw = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return None
    return Claim(node, timestamp, nonce, body, raw) if len(raw) == 64 else None


def verify(claim: Claim, keys: PublicKeys, method: str, target: str, body_length: int) -> bool:
    return keys.verify(claim.signature, message(method, target, claim.body_sha256, body_length, claim.timestamp,
                                                claim.nonce, claim.node_id))


#: a key pair nobody holds: an unknown node's request is checked against it, so that it costs what a known one does
_NOBODY = PublicKeys("-", bytes(32), bytes(32))


def verify_nobody(claim: Claim, method: str, target: str, body_length: int) -> bool:
    """Spend on an unknown node what :func:`verify` spends on a known one (the answer is the same 401 anyway)."""
    verify(claim, _NOBODY, method, target, body_length)
    return False
