"""``bundle inspect FILE``: what a bundle file is, from its signed header, checked against this node's roster,
without decrypting anything (issue 23, item 6): what an operator needs to sort a folder of bundles.

Read: the header (sender, recipient, suite, format, creation time, bundle number, roster version, declared counts
and sizes, the ranges of changes per origin). Checked: whether the sender is known here (enrolled, revoked,
expired, this node itself), whether the bundle is addressed to this node, whether the key it names is the enrolled
one, and whether the signature over the whole file verifies with that key. A suite this version does not know is
named by its number; its signature is not checked.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.db.store import Store
from app.domain.permissions import Permission
from app.i18n import translate
from app.models import Node, Peer
from app.models.base import utcnow
from app.sync import bundle as fmt
from app.sync import strict
from app.sync.bundle import LIMITS, BundleRefused, Limits
from app.sync.keys import PublicKeys, node_keys, peer_public_keys

#: what is known of a bundle's sender here
SELF, ENROLLED, REVOKED, EXPIRED, UNKNOWN = "self", "enrolled", "revoked", "expired", "unknown"
#: the signature: verified, does not verify, or could not be checked (unknown sender or suite)
VALID, INVALID, UNCHECKED = "valid", "invalid", "unchecked"


@dataclass
class Inspection:
    path: Path
    file_size: int
    version: int
    suite: int
    suite_name: str | None  # None: a suite this version does not know
    header: dict[str, Any] = field(default_factory=dict)
    sender_name: str = ""
    sender_state: str = UNKNOWN
    sender_key_matches: bool = False
    recipient_name: str = ""
    to_this_node: bool = False
    signature: str = UNCHECKED

    @property
    def supported(self) -> bool:
        return self.suite_name is not None and self.version in fmt.SUPPORTED

    def get(self, key: str, default: Any = None) -> Any:
        return self.header.get(key, default)

    @property
    def counts(self) -> dict[str, int]:
        counts = self.header.get("counts")
        return {k: v for k, v in counts.items() if isinstance(v, int)} if isinstance(counts, dict) else {}

    @property
    def ranges(self) -> dict[str, list[int]]:
        ranges = self.header.get("ranges")
        return dict(ranges) if isinstance(ranges, dict) else {}


def inspect_bundles(store: Store, paths: Sequence[Path], limits: Limits = LIMITS
                    ) -> list[Inspection | BundleRefused]:
    """One inspection per file given (folders: their bundles), or the reason a file is not a readable bundle."""
    found: list[Inspection | BundleRefused] = []
    for path in fmt.iter_bundle_files(paths):
        try:
            found.append(inspect_bundle(store, path, limits))
        except BundleRefused as exc:
            found.append(exc)
    return found


def inspect_bundle(store: Store, path: Path, limits: Limits = LIMITS) -> Inspection:
    """Read ``path``'s header and check it against the roster; BundleRefused if it is not a readable bundle."""
    store.require(Permission.EXCHANGE_DATA)
    descriptor, size = fmt.open_regular_file(path, limits)
    with os.fdopen(descriptor, "rb") as handle:
        _, version, suite, length = fmt.read_prefix(handle, size, limits)
        try:
            header = strict.loads(handle.read(length), max_depth=4)
        except ValueError as exc:
            raise BundleRefused(_damaged()) from exc
        if not isinstance(header, dict):
            raise BundleRefused(_damaged())
        known = fmt.SUITE_NAMES.get(suite) if suite in fmt.SUPPORTED.get(version, ()) else None
        found = Inspection(path, size, version, suite, known, header)
        signer = _roster_check(store, found)
        if signer is not None and found.supported and found.sender_key_matches:
            found.signature = VALID if fmt.signed_digest(handle, size, signer) else INVALID
        elif signer is not None and found.supported:
            found.signature = INVALID  # the header names another key than the enrolled one
    return found


def _damaged() -> str:
    return translate("Sync", "The bundle's header is damaged or too large.")


def _roster_check(store: Store, found: Inspection) -> PublicKeys | None:
    """Fill in what the roster says of sender and recipient; return the sender's enrolled keys if known."""
    me = store.info.node_id
    sender, recipient = str(found.get("sender", "")), str(found.get("recipient", ""))
    with store.read() as session:
        names = dict(session.execute(sa.select(Node.id, Node.name).where(Node.id.in_([sender, recipient]))).all())
        peer = session.get(Peer, sender) if sender != me else None
        found.sender_name, found.recipient_name = names.get(sender, ""), names.get(recipient, "")
        found.to_this_node = recipient == me
        signer: PublicKeys | None = None
        if sender == me:
            found.sender_state = SELF
            signer = node_keys(store).public
        elif peer is not None:
            found.sender_state = (REVOKED if peer.revoked_at is not None else
                                  EXPIRED if peer.expires_at is not None and peer.expires_at <= utcnow() else ENROLLED)
            signer = peer_public_keys(peer.node_id, peer.sign_public, peer.box_public, peer.certificate)
    if signer is not None:
        found.sender_key_matches = found.get("sender_key") == signer.fingerprint
    return signer
