"""Request signatures of the hub mailbox (docs/hub.md "Authentication"), shared by the server and the client.

A field node signs every request with its enrolled Ed25519 key over

    "fieldbook hub request v1\\0" ‖ METHOD "\\n" PATH?QUERY "\\n" SHA-256(body) hex "\\n" TIME "\\n" NONCE "\\n" NODE

and sends the parts in headers. The hub accepts a request only from an enrolled, unrevoked, unexpired field node
whose signature verifies, whose clock is within ``skew_seconds`` of the hub's and whose nonce it has not seen in
that window (replays are refused). A per-node token bucket bounds the request rate.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from app.sync.keys import NodeKeys, PublicKeys

DOMAIN = b"fieldbook hub request v1\x00"
H_NODE = "X-Fieldbook-Node"
H_TIME = "X-Fieldbook-Time"
H_NONCE = "X-Fieldbook-Nonce"
H_SIGNATURE = "X-Fieldbook-Signature"
NONCE_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
NODE_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def message(method: str, target: str, body_sha256: str, timestamp: int, nonce: str, node_id: str) -> bytes:
    """The bytes a request signature covers (``target`` = path plus ``?query`` when there is one)."""
    return DOMAIN + "\n".join([method.upper(), target, body_sha256, str(timestamp), nonce, node_id]).encode("utf-8")


def sign_headers(keys: NodeKeys, method: str, target: str, body_sha256: str = EMPTY_SHA256,
                 now: float | None = None, nonce: str | None = None) -> dict[str, str]:
    timestamp = int(time.time() if now is None else now)
    nonce = nonce or secrets.token_urlsafe(18)
    signature = keys.signature(message(method, target, body_sha256, timestamp, nonce, keys.node_id))
    return {H_NODE: keys.node_id, H_TIME: str(timestamp), H_NONCE: nonce,
            H_SIGNATURE: base64.b64encode(signature).decode("ascii")}


@dataclass(frozen=True)
class Claim:
    """The authentication headers of a request, well formed but not yet verified."""

    node_id: str
    timestamp: int
    nonce: str
    signature: bytes


def parse_claim(get: Callable[[str], str | None]) -> Claim | None:
    node, stamp, nonce, signature = get(H_NODE), get(H_TIME), get(H_NONCE), get(H_SIGNATURE)
    if not (node and stamp and nonce and signature) or not NODE_RE.match(node) or not NONCE_RE.match(nonce):
        return None
    if not stamp.isdigit() or len(stamp) > 12:
        return None
    try:
        raw = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) != 64:
        return None
    return Claim(node, int(stamp), nonce, raw)


def verify(claim: Claim, keys: PublicKeys, method: str, target: str, body_sha256: str) -> bool:
    return keys.verify(claim.signature, message(method, target, body_sha256, claim.timestamp, claim.nonce,
                                                claim.node_id))


class NonceCache:
    """Nonces seen per node, each kept until it could no longer pass the clock window."""

    def __init__(self, ttl_seconds: float, max_per_node: int = 100_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.max_per_node, self.clock = ttl_seconds, max_per_node, clock
        self._seen: dict[str, OrderedDict[str, float]] = {}
        self._lock = threading.Lock()

    def add(self, node_id: str, nonce: str) -> bool:
        """Record ``nonce``; False if it was already seen (a replay)."""
        now = self.clock()
        with self._lock:
            seen = self._seen.setdefault(node_id, OrderedDict())
            while seen and (next(iter(seen.values())) < now or len(seen) >= self.max_per_node):
                seen.popitem(last=False)
            if nonce in seen:
                return False
            seen[nonce] = now + self.ttl
            return True


class RateLimiter:
    """A token bucket per node: ``burst`` requests at once, refilled at ``rate`` per second."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> int:
        """0 if a request may go now, else the whole seconds to wait (for Retry-After)."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0
            self._buckets[key] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / self.rate))
