"""The one change-notice board: a page updates what changed instead of reloading the window (Anki's
``operation_did_execute`` / ``OpChanges`` habit).

Signals (of :class:`Changes`):

- ``data_changed(kinds, origin)`` — records of these :class:`DataKind` were written: a write job, an import, a
  bundle read from a stick, a dialog's save. ``kinds`` is a ``frozenset[DataKind]``; ``origin`` is the widget that
  wrote, when it tells its own window about the change in a targeted way (a saved household updates its one row),
  else ``None``.
- ``setting_changed(key)``, ``users_changed()``, ``backup_created(path)``;
- ``restore_requested(request)``: restart the application into a backup (app/ui/settings/restore.py).

A writer says what it changed — ``run_in_background(..., changes={DataKind.LOANS})`` (the notice goes out when the
job has ended, whatever the outcome: refreshing what did not change costs a query, missing a change leaves a page
wrong), ``WriteDialog.CHANGES``, or :func:`notify` after a direct write.

A bundle (from a stick or the hub) names the tables its changes touched; :func:`kinds_of_tables` turns them into
the kinds to notify (a table not in ``TABLE_KINDS`` notifies every kind: refreshing too much beats missing a change).

A page subscribes once, in its constructor::

    on_data_changed(self, {DataKind.HOUSEHOLDS}, self.refresh)

``refresh`` runs at once while the page is on screen; a hidden page (another page of the stack, a closed window) is
only marked stale and refreshes when it is shown again. The subscription lives as long as the page. With
``skip_own=True`` a page ignores notices whose ``origin`` is a window it opened: it updated itself already.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from app.ui.qtcompat import emit


class DataKind(enum.StrEnum):
    """What a write changed, as the pages see it."""

    HOUSEHOLDS = "households"  # households, members, poverty status, villages
    LOANS = "loans"  # loans, their history, repayments, risk class, banks, enterprise use of a loan
    RECORDS = "records"  # field records: visits, use checks, anomalies, reviews, assessments, their photos
    WARNINGS = "warnings"  # the risk workflow: disposal proposals and decisions, joint reviews
    PROGRAMMES = "programmes"  # enterprises, dividends, the compensation fund and its overdue reports, subsidy
    #                            claims, outreach
    EXCHANGE = "exchange"  # bundles written and read, enrolled nodes, conflicts, proposals


#: everything a bundle from another node may carry
ALL_DATA = frozenset(DataKind)

#: the kind each synced table (app/sync/tables.py) belongs to; a new synced table is added here
#: (tests/ui/test_changes.py checks that every synced table is)
TABLE_KINDS: dict[str, DataKind] = {
    "node_epochs": DataKind.EXCHANGE,  # a restored node's new origin: the exchange page's peers
    **dict.fromkeys(("households", "members", "poverty_status_changes", "villages"), DataKind.HOUSEHOLDS),
    **dict.fromkeys(("loans", "loan_events", "repayments", "banks"), DataKind.LOANS),
    **dict.fromkeys(("visits", "use_checks", "anomalies", "anomaly_steps", "preloan_reviews", "maturity_assessments",
                     "attachments", "record_attachments"), DataKind.RECORDS),
    **dict.fromkeys(("disposals", "joint_reviews", "joint_review_decisions"), DataKind.WARNINGS),
    **dict.fromkeys(("enterprises", "enterprise_observations", "enterprise_households", "dividend_schedules",
                     "dividend_payments", "subsidy_claims", "fund_contributions", "fund_payouts", "fund_payout_items",
                     "overdue_reports", "outreach_campaigns", "outreach_sessions", "outreach_photos"),
                    DataKind.PROGRAMMES),
}


def kinds_of_tables(tables: Iterable[str]) -> frozenset[DataKind]:
    """The kinds whose pages show rows of ``tables`` (an imported bundle's), and ``EXCHANGE`` (the bundle history,
    the unsent count); every kind for a table not in ``TABLE_KINDS``."""
    kinds = {DataKind.EXCHANGE}
    for table in tables:
        if table not in TABLE_KINDS:
            return ALL_DATA
        kinds.add(TABLE_KINDS[table])
    return frozenset(kinds)


class Changes(QObject):
    data_changed = Signal(object, object)
    setting_changed = Signal(str)
    users_changed = Signal()
    backup_created = Signal(str)
    restore_requested = Signal(object)


_changes: Changes | None = None


def changes() -> Changes:
    """The application's one notice board (created on first use, on the GUI thread)."""
    global _changes
    if _changes is None:
        _changes = Changes()
    return _changes


def notify(*kinds: DataKind | Iterable[DataKind], origin: QObject | None = None) -> None:
    """Tell the pages that records of ``kinds`` were written (GUI thread); ``origin``: see the module docstring.
    Nothing is sent for no kind."""
    flat: set[DataKind] = set()
    for kind in kinds:
        flat.update((kind,) if isinstance(kind, DataKind) else kind)
    if flat:
        emit(changes().data_changed, frozenset(flat), origin)


class _Subscription(QObject):
    """Child of the page it refreshes; dies with it (and its connection with it)."""

    def __init__(self, page: QWidget, kinds: frozenset[DataKind], refresh: Callable[[], None],
                 skip_own: bool) -> None:
        super().__init__(page)
        self.page = page
        self.kinds = kinds
        self.refresh = refresh
        self.skip_own = skip_own
        self.stale = False
        changes().data_changed.connect(self._changed)
        page.installEventFilter(self)

    def _changed(self, kinds: frozenset[DataKind], origin: QObject | None) -> None:
        if not self.kinds & kinds or (self.skip_own and self._opened(origin)):
            return
        if self.page.isVisible():
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def _opened(self, origin: QObject | None) -> bool:
        """Whether ``origin`` is the page or lies in a window the page opened (parents across windows)."""
        while origin is not None and shiboken6.isValid(origin):
            if origin is self.page:
                return True
            origin = origin.parent()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.refresh()
        return False


def on_data_changed(page: QWidget, kinds: Iterable[DataKind], refresh: Callable[[], None], *,
                    skip_own: bool = False) -> QObject:
    """Run ``refresh`` when records of any of ``kinds`` change: at once if ``page`` is on screen, else when it is
    next shown. Returns the subscription (a child of ``page``)."""
    return _Subscription(page, frozenset(kinds), refresh, skip_own)
