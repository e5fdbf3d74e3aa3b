"""Table models of the Data exchange page: bundle history, conflicts, proposals and enrolled nodes.

Each model holds plain rows from :mod:`app.sync.status` (loaded off the GUI thread), names its columns as
constants, and gives the row itself under ``ROW_ROLE``, so it is tested without a view (the shared
:class:`app.ui.partials.table.RowsModel`). Lists are capped in SQL (``LIST_LIMIT``); the view is fed in batches
through ``canFetchMore``/``fetchMore``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.sync.status import (
    ACKNOWLEDGED,
    APPLIED,
    RECEIVED,
    REFUSED,
    SENT,
    ConflictRow,
    HistoryRow,
    NodeRow,
    ProposalRow,
    QuarantineRow,
    field_label,
    local_text,
)
from app.ui.partials import table

FETCH_BATCH = 100
REFUSED_COLOR = "#b3261e"
WAITING_COLOR = "#a15c00"
DONE_COLOR = "#1e7a34"
MUTED_COLOR = "#5f6368"

R = TypeVar("R")


class RowsModel(table.RowsModel[R]):
    """The shared plain-rows model (app/ui/partials/table.py), headers in the "Exchange" context, fed to the view
    ``FETCH_BATCH`` rows at a time; subclasses name their columns and say how a cell reads."""

    CONTEXT = "Exchange"
    BATCH = FETCH_BATCH

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent=parent)


STATE_LABELS = {
    SENT: QT_TRANSLATE_NOOP("Exchange", "Written, waiting for the reply"),
    ACKNOWLEDGED: QT_TRANSLATE_NOOP("Exchange", "Confirmed by the peer"),
    RECEIVED: QT_TRANSLATE_NOOP("Exchange", "Read, nothing new"),
    APPLIED: QT_TRANSLATE_NOOP("Exchange", "Read and applied"),
    REFUSED: QT_TRANSLATE_NOOP("Exchange", "Refused"),
}


def state_label(state: str) -> str:
    return translate("Exchange", STATE_LABELS[state])


class HistoryModel(RowsModel[HistoryRow]):
    """Bundles written and read, newest first."""

    TIME, DIRECTION, PEER, BUNDLE, CHANGES, STATE, DETAIL = range(7)
    HEADERS = (QT_TRANSLATE_NOOP("Exchange", "Time"), QT_TRANSLATE_NOOP("Exchange", "Direction"),
               QT_TRANSLATE_NOOP("Exchange", "Peer"), QT_TRANSLATE_NOOP("Exchange", "Bundle"),
               QT_TRANSLATE_NOOP("Exchange", "Changes"), QT_TRANSLATE_NOOP("Exchange", "State"),
               QT_TRANSLATE_NOOP("Exchange", "Details"))
    NUMERIC = frozenset({CHANGES})

    def text(self, row: HistoryRow, column: int) -> str:
        if column == self.TIME:
            return local_text(row.at)
        if column == self.DIRECTION:
            return translate("Exchange", "Sent") if row.direction == "sent" else translate("Exchange", "Received")
        if column == self.PEER:
            return row.peer_name
        if column == self.BUNDLE:
            return row.bundle_id[:8]
        if column == self.CHANGES:
            return "" if row.state == REFUSED else str(row.changes)
        if column == self.STATE:
            return state_label(row.state)
        return self.detail(row)

    @staticmethod
    def detail(row: HistoryRow) -> str:
        if row.state == REFUSED:
            return row.reason
        if row.direction == "sent":
            return row.file
        parts = [translate("Exchange", "{n} applied", n=row.applied),
                 translate("Exchange", "{n} already here", n=row.skipped)]
        if row.proposals:
            parts.append(translate("Exchange", "{n} for review", n=row.proposals))
        if row.conflicts:
            parts.append(translate("Exchange", "{n} conflicts", n=row.conflicts))
        if row.aliased:
            parts.append(translate("Exchange", "{n} joined to records held here", n=row.aliased))
        if row.quarantined:
            parts.append(translate("Exchange", "{n} in quarantine", n=row.quarantined))
        return translate("Exchange", ", ").join(parts)  # the list separator differs by language

    def tooltip(self, row: HistoryRow, column: int) -> str | None:
        if column == self.DETAIL:
            return self.detail(row)
        if column == self.BUNDLE:
            return row.bundle_id
        return None

    def color(self, row: HistoryRow, column: int) -> str | None:
        if column not in (self.STATE, self.DETAIL):
            return None
        return {REFUSED: REFUSED_COLOR, SENT: WAITING_COLOR, ACKNOWLEDGED: DONE_COLOR,
                APPLIED: DONE_COLOR}.get(row.state, MUTED_COLOR if column == self.DETAIL else None)


KIND_LABELS = {
    "field": QT_TRANSLATE_NOOP("Exchange", "Concurrent edit"),
    "clock_ahead": QT_TRANSLATE_NOOP("Exchange", "Clock far ahead"),
    "missing_record": QT_TRANSLATE_NOOP("Exchange", "Change to a missing record"),
}


class ConflictsModel(RowsModel[ConflictRow]):
    """Conflicts not yet reviewed, oldest first."""

    DETECTED, KIND, RECORD, FIELD, WINNER, LOSER, NODES, STAMPS = range(8)
    HEADERS = (QT_TRANSLATE_NOOP("Exchange", "Found"), QT_TRANSLATE_NOOP("Exchange", "Kind"),
               QT_TRANSLATE_NOOP("Exchange", "Record"), QT_TRANSLATE_NOOP("Exchange", "Field"),
               QT_TRANSLATE_NOOP("Exchange", "Value kept"), QT_TRANSLATE_NOOP("Exchange", "Value that lost"),
               QT_TRANSLATE_NOOP("Exchange", "Kept from → lost from"),
               QT_TRANSLATE_NOOP("Exchange", "Edited at (kept / lost)"))

    def text(self, row: ConflictRow, column: int) -> str:
        if column == self.DETECTED:
            return local_text(row.detected_at)[:10]
        if column == self.KIND:
            source = KIND_LABELS.get(row.kind)
            return translate("Exchange", source) if source else row.kind
        if column == self.RECORD:
            return row.record_label
        if column == self.FIELD:
            return field_label(row.field) if row.field else "—"
        if column == self.WINNER:
            return row.winner_value if row.kind == "field" else "—"
        if column == self.LOSER:
            return row.loser_value
        if column == self.NODES:
            return f"{row.winner_node or '—'} → {row.loser_node or '—'}"
        kept, lost = local_text(row.winner_at) or "—", local_text(row.loser_at) or "—"
        if kept[:10] == lost[:10] and len(lost) > 10:
            lost = lost[11:]  # the same day: the time is enough
        return f"{kept} / {lost}"

    def tooltip(self, row: ConflictRow, column: int) -> str | None:
        if column in (self.WINNER, self.LOSER, self.NODES, self.STAMPS):
            return self.text(row, column)
        if column == self.RECORD:
            return f"{row.table} {row.record_id}"
        if column == self.DETECTED:
            return local_text(row.detected_at)
        if column == self.FIELD:
            return row.field
        return None

    def color(self, row: ConflictRow, column: int) -> str | None:
        return MUTED_COLOR if column == self.LOSER else None


class ProposalsModel(RowsModel[ProposalRow]):
    """Field nodes' corrections to households, waiting at the hub for a decision."""

    RECEIVED_AT, NODE, RECORD, CHANGES = range(4)
    HEADERS = (QT_TRANSLATE_NOOP("Exchange", "Received"), QT_TRANSLATE_NOOP("Exchange", "From"),
               QT_TRANSLATE_NOOP("Exchange", "Record"), QT_TRANSLATE_NOOP("Exchange", "Proposed change"))

    def text(self, row: ProposalRow, column: int) -> str:
        if column == self.RECEIVED_AT:
            return local_text(row.received_at)
        if column == self.NODE:
            return f"{row.node_name} ({row.actor})" if row.actor else row.node_name
        if column == self.RECORD:
            return row.record_label
        return "; ".join(f"{field_label(name)}: {old} → {new}" for name, old, new in row.changes)

    def tooltip(self, row: ProposalRow, column: int) -> str | None:
        if column == self.CHANGES:
            return "\n".join(f"{field_label(name)}: {old} → {new}" for name, old, new in row.changes)
        return None


class QuarantineModel(RowsModel[QuarantineRow]):
    """Changes that could not be applied, oldest first, with why."""

    RECEIVED_AT, NODE, RECORD, CHANGE, REASON, ATTEMPTS = range(6)
    HEADERS = (QT_TRANSLATE_NOOP("Exchange", "Received"), QT_TRANSLATE_NOOP("Exchange", "Made on"),
               QT_TRANSLATE_NOOP("Exchange", "Record"), QT_TRANSLATE_NOOP("Exchange", "Change"),
               QT_TRANSLATE_NOOP("Exchange", "Why it waits"), QT_TRANSLATE_NOOP("Exchange", "Tries"))
    NUMERIC = frozenset({ATTEMPTS})

    def text(self, row: QuarantineRow, column: int) -> str:
        if column == self.RECEIVED_AT:
            return local_text(row.received_at)
        if column == self.NODE:
            return f"{row.node_name} ({row.actor})" if row.actor else row.node_name
        if column == self.RECORD:
            return row.record_label
        if column == self.CHANGE:
            what = translate("Exchange", "New") if row.action == "insert" else translate("Exchange", "Changed")
            return f"{what}: " + "; ".join(f"{field_label(name)}: {value}" for name, value in row.changes[:6])
        if column == self.REASON:
            return row.reason
        return str(row.attempts)

    def tooltip(self, row: QuarantineRow, column: int) -> str | None:
        if column == self.CHANGE:
            return "\n".join(f"{field_label(name)}: {value}" for name, value in row.changes)
        if column == self.REASON:
            return row.reason
        if column == self.RECORD:
            return f"{row.table} {row.record_id}"
        return None

    def color(self, row: QuarantineRow, column: int) -> str | None:
        return REFUSED_COLOR if column == self.REASON else None


class NodesModel(RowsModel[NodeRow]):
    """The field laptops enrolled with this hub."""

    NAME, STREET, NODE, FINGERPRINT, ENROLLED, EXPIRES, LAST, STATE = range(8)
    HEADERS = (QT_TRANSLATE_NOOP("Exchange", "Laptop"), QT_TRANSLATE_NOOP("Exchange", "Street"),
               QT_TRANSLATE_NOOP("Exchange", "Node"), QT_TRANSLATE_NOOP("Exchange", "Fingerprint"),
               QT_TRANSLATE_NOOP("Exchange", "Registered"), QT_TRANSLATE_NOOP("Exchange", "Valid until"),
               QT_TRANSLATE_NOOP("Exchange", "Last bundle read"), QT_TRANSLATE_NOOP("Exchange", "State"))

    def text(self, row: NodeRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.STREET:
            return row.street_name or row.street_code
        if column == self.NODE:
            return row.node_id[:8]
        if column == self.FINGERPRINT:
            return row.fingerprint
        if column == self.ENROLLED:
            return local_text(row.enrolled_at)[:10]
        if column == self.EXPIRES:
            return local_text(row.expires_at)[:10]
        if column == self.LAST:
            return local_text(row.last_received) or translate("Exchange", "never")
        if row.revoked_at is not None:
            return translate("Exchange", "Revoked")
        if row.waiting:
            return translate("Exchange", "Active, has data waiting")
        return translate("Exchange", "Active, up to date")

    def tooltip(self, row: NodeRow, column: int) -> str | None:
        return row.node_id if column == self.NODE else None

    def color(self, row: NodeRow, column: int) -> str | None:
        if column != self.STATE:
            return None
        if row.revoked_at is not None:
            return REFUSED_COLOR
        return WAITING_COLOR if row.waiting else DONE_COLOR
