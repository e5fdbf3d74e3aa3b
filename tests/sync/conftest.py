"""A hub and field nodes enrolled with it, and helpers to exchange bundles between them."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.models import AuditEntry, Household, Loan, Visit
from app.settings import BUNDLE_SUITE
from app.sync import enroll
from app.sync.export import export_bundles
from app.sync.importer import import_bundle

STREET = "610111001"
OTHER_STREET = "610111002"
_ids = itertools.count(1)


def citizen_id(n: int) -> str:
    """A valid GB 11643 citizen id, distinct for each n."""
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=n // 1000)
    body = f"610111{birth:%Y%m%d}{n % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def audit_len(store) -> int:
    with store.read() as session:
        return session.execute(sa.select(sa.func.count()).select_from(AuditEntry)).scalar()


def refusal_audit(store) -> tuple[int, int]:
    """(audit entries other than the keeping of refused bundles, refused bundles kept): a refused bundle changes
    nothing but its own line in the exchange history (``sync_refused``, audited like every write; issue 17)."""
    from app.models import RefusedBundle

    with store.read() as session:
        entries = session.execute(sa.select(sa.func.count()).select_from(AuditEntry).where(
            sa.or_(AuditEntry.table_name.is_(None), AuditEntry.table_name != "sync_refused"))).scalar()
        kept = session.execute(sa.select(sa.func.count()).select_from(RefusedBundle)).scalar()
    return entries, kept


def add_households(store, n: int = 3, street: str = STREET) -> list:
    ids = []
    with store.write() as session:
        for _ in range(n):
            k = next(_ids)
            household = Household(street_code=street, head_name=f"户主{k}", head_citizen_id=citizen_id(k * 7919))
            session.add(household)
            session.flush()
            ids.append(household.id)
    return ids


def add_visits(store, household_ids, n: int = 1) -> list:
    ids = []
    with store.write() as session:
        for household_id in household_ids:
            for i in range(n):
                visit = Visit(household_id=household_id, visited_on=dt.date(2024, 5, 1 + i % 28),
                              findings=f"走访{i}")
                session.add(visit)
                session.flush()
                ids.append(visit.id)
    return ids


class Net:
    """A hub and its field nodes; ``send(a, b)`` exports from a to b and imports at b."""

    def __init__(self, tmp: Path, make_node, fields: int, streets: list[str] | None = None,
                 suite: str = "classic") -> None:
        self.tmp = tmp
        self.suite = suite
        self.hub, _ = make_node(role="hub", folder=tmp / "hub", name="银行枢纽")
        if suite != "classic":  # the district's suite: the hub writes with it and names it in its certificates
            self.hub.set_setting(BUNDLE_SUITE, suite)
        self.fields = []
        for i in range(fields):
            street = (streets or [STREET] * fields)[i]
            store, _ = make_node(role="field", street=street, folder=tmp / f"field{i}", name=f"外业{i}")
            enroll_field(self.hub, store, tmp / f"enroll{i}")
            self.fields.append(store)
        self.counter = itertools.count(1)

    def export(self, sender, recipient, to: bool = True) -> Path | None:
        out = self.tmp / f"out{next(self.counter)}"
        results = export_bundles(sender, out, to=recipient.info.node_id if to else None)
        paths = [r.path for r in results if r.path is not None and r.peer == recipient.info.node_id]
        return paths[0] if paths else None

    def send(self, sender, recipient):
        path = self.export(sender, recipient)
        return import_bundle(recipient, path)


def enroll_field(hub, field, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    enroll.write_request(field, folder / "request.json")
    enroll.approve(hub, folder / "request.json", folder / "certificate.json")
    enroll.accept(field, folder / "certificate.json")


@pytest.fixture
def net(tmp_path, make_node):
    def factory(fields: int = 1, streets: list[str] | None = None, suite: str = "classic") -> Net:
        return Net(tmp_path, make_node, fields, streets, suite)
    return factory


def table_state(store, model, columns=None, where=None):
    """{id: (values...)} of a synced table, without local bookkeeping (updated_at may differ by node)."""
    table = model.__table__
    cols = [c for c in table.c if c.name not in ("updated_at", "id")] if columns is None \
        else [table.c[c] for c in columns]
    cols = [table.c.id, *cols]
    query = sa.select(*cols)
    if where is not None:
        query = query.where(where)
    with store.read() as session:
        return {row[0]: tuple(row) for row in session.execute(query.order_by(table.c.id))}


__all__ = ["Household", "Loan", "Visit"]


def craft(sender, recipient, out_dir: Path, *, changes=None, ranges=None, entries_extra=(), manifest_edit=None,
          header_edit=None, sign_with=None, bundle_seq: int = 999, name: str = "crafted.fbb", suite: str = "classic",
          **kwargs) -> Path:
    """Write a bundle by hand (validly encrypted and signed unless told otherwise) to test what import refuses."""
    from app.models import Peer
    from app.sync import bundle as fmt
    from app.sync import suites
    from app.sync.export import collect
    from app.sync.keys import node_keys
    from app.sync.vector import version_vector

    kwargs["suite"] = suites.by_name(suite)
    keys = node_keys(sender)
    recipient_keys = node_keys(recipient).public
    with sender.engine.connect() as conn:
        vector = version_vector(conn, sender.info.node_id)
        if changes is None:
            with sender.read() as session:
                peer = session.get(Peer, recipient.info.node_id)
            changes, collected, blobs = collect(conn, sender, peer)
            ranges = collected if ranges is None else ranges
        else:
            blobs = []
            if ranges is None:
                ranges = {}
                for change in changes:
                    low, high = ranges.get(change["origin"], [0, 0])
                    ranges[change["origin"]] = [low, max(high, change["seq"])]
        header = {"bundle_id": fmt.new_bundle_id(), "sender": sender.info.node_id, "sender_key": keys.fingerprint,
                  "recipient": recipient.info.node_id, "recipient_key": recipient_keys.fingerprint,
                  "bundle_seq": bundle_seq, "created_at": "2024-05-01T00:00:00", "ranges": ranges, "ack": vector,
                  "roster": 0}
        entries = [fmt.batch_entry(1, changes)] if changes else []
        entries += list(blobs) + list(entries_extra)
        manifest = fmt.build_manifest(header, entries, len(changes))
        if manifest_edit:
            manifest_edit(manifest)
        if header_edit:
            header_edit(header)
        return fmt.write_bundle(out_dir, name, sign_with or keys, recipient_keys, header, manifest, entries,
                                **kwargs)
