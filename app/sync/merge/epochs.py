"""Which node each origin belongs to (app/db/epochs.py says why a node has several).

A node's first origin is its node id; every later epoch is announced by a :class:`~app.models.NodeEpoch` row,
which is the first change (sequence 1) of its own origin and travels inside the node's signed bundles. The merge
asks "which node wrote this?" through :class:`Epochs`, which knows the epochs held here and those the bundle
announces (the ``validate`` step, :func:`app.sync.merge.validate.check_epochs`, refuses an announcement that is
not what its node may send).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from app.models import Node, NodeEpoch, Peer

TABLE = NodeEpoch.__tablename__


@dataclass
class Epochs:
    """{origin: node} for every later epoch known (an origin not listed is a node id: its node's first epoch),
    and each node's origins in epoch order."""

    node_of: dict[str, str] = field(default_factory=dict)
    order: dict[str, list[str]] = field(default_factory=dict)
    #: node ids known here (enrolled peers, this node): an epoch can never take one of them as its origin
    nodes: set[str] = field(default_factory=set)
    #: the epochs a bundle announces that were taken into the map (new origins only)
    announced: set[str] = field(default_factory=set)

    def node(self, origin: str | None) -> str:
        """The node that writes under ``origin``."""
        return self.node_of.get(origin or "", origin or "")

    def current(self, node_id: str) -> str:
        """The origin ``node_id`` writes under now, as far as this node knows."""
        later = self.order.get(node_id)
        return later[-1] if later else node_id

    def origins(self, node_id: str) -> list[str]:
        return [node_id, *self.order.get(node_id, [])]

    def same_node(self, a: str | None, b: str | None) -> bool:
        return self.node(a) == self.node(b)

    def add(self, origin: str, node_id: str, sort_key: tuple[object, ...]) -> None:
        self.node_of[origin] = node_id
        known = self.order.setdefault(node_id, [])
        if origin not in known:
            known.append(origin)
        self._keys[origin] = sort_key
        known.sort(key=lambda o: self._keys.get(o, ()))

    def __post_init__(self) -> None:
        self._keys: dict[str, tuple[object, ...]] = {}


def load_epochs(conn: sa.Connection) -> Epochs:
    """The epochs held here, and the node ids known."""
    epochs = Epochs(nodes={str(i) for i in conn.execute(sa.select(Node.id)).scalars()}
                    | {str(i) for i in conn.execute(sa.select(Peer.node_id)).scalars()})
    for origin, node_id, number, started in conn.execute(
            sa.select(NodeEpoch.id, NodeEpoch.node_id, NodeEpoch.number, NodeEpoch.started_at)):
        epochs.add(str(origin), node_id, (number, str(started), str(origin)))
    return epochs


def announced(change: dict[str, Any]) -> bool:
    return bool(change.get("table") == TABLE and change.get("action") == "insert")


def with_announcements(epochs: Epochs, changes: list[dict[str, Any]]) -> Epochs:
    """``epochs`` plus the new origins the bundle announces (well-formed announcements of an origin not known
    here yet only; the ``validate`` step refuses the others)."""
    for change in changes:
        if not isinstance(change, dict) or not announced(change):
            continue
        new = (change.get("data") or {}).get("new") if isinstance(change.get("data"), dict) else None
        origin = change.get("origin")
        if (isinstance(new, dict) and isinstance(new.get("node_id"), str) and isinstance(new.get("number"), int)
                and change.get("record") == origin and isinstance(origin, str)
                and origin not in epochs.node_of and origin not in epochs.nodes):
            epochs.announced.add(origin)
            epochs.add(str(change["origin"]), new["node_id"],
                       (new["number"], str(new.get("started_at") or ""), str(change["origin"])))
    return epochs
