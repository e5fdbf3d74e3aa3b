"""Table models of the Households and Loans pages: one page of rows at a time, fetched in SQL.

Both models hold the query of :mod:`app.domain.registry` that fills them; ``set_query`` replaces it (the filter
box, the combos), ``fetchMore`` asks SQL for the next page as the view scrolls, ``sort`` maps a clicked column to
one of the query's sort keys (``HOUSEHOLD_SORTS`` / ``LOAN_SORTS``), and ``replace_row`` updates the one row a
save changed. Columns are the named constants below; ``ROW_ROLE`` gives the row itself and ``ID_ROLE`` its id,
so the models are tested without a view.

Citizen IDs are masked unless the user may see full numbers (VIEW_FULL_IDS) *and* asked for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.db.store import Store
from app.domain.money import yuan
from app.domain.permissions import Permission, has_permission
from app.domain.registry import (
    HouseholdQuery,
    HouseholdRow,
    LoanQuery,
    LoanRow,
    Page,
    search_households,
    search_loans,
)
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.qtcompat import emit

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: rows fetched per SQL page; a screen shows about 25, so one page covers several screens of scrolling
PAGE_SIZE = 200
OVERDUE_COLOR = "#b3261e"
SOON_COLOR = "#a15c00"
CLOSED_COLOR = "#5f6368"

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R", HouseholdRow, LoanRow)
Q = TypeVar("Q", HouseholdQuery, LoanQuery)


class PagedQueryModel(QAbstractTableModel, Generic[Q, R]):
    """Rows of a registry query, paged in SQL; subclasses name their columns and how a row is shown."""

    HEADERS: tuple[str, ...] = ()  # English sources in the "Registry" context
    SORT_KEYS: ClassVar[dict[int, str]] = {}  # column → sort key of the query
    ID_COLUMN = -1  # the citizen-ID column, masked unless full IDs are shown
    NUMERIC: frozenset[int] = frozenset()  # right-aligned columns

    def __init__(self, store: Store, query: Q, search: Callable[[Store, Q], Page[R]], page_size: int = PAGE_SIZE,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.page_size = page_size
        self.query: Q = dataclasses.replace(query, offset=0, limit=page_size)
        self.rows: list[R] = []
        self.total = 0
        self._search: Callable[[Store, Q], Page[R]] = search
        self.may_show_full_ids = has_permission(store.user.role, Permission.VIEW_FULL_IDS)
        self.full_ids = False

    # -- filling ----------------------------------------------------------------------------------------
    def set_query(self, query: Q) -> None:
        """Run ``query`` from its first page (a new filter or sort order)."""
        query = dataclasses.replace(query, offset=0, limit=self.page_size)
        page = self._search(self.store, query)
        self.beginResetModel()
        self.query, self.rows, self.total = query, list(page.rows), page.total
        self.endResetModel()

    def refresh(self) -> None:
        self.set_query(self.query)

    def register_is_empty(self) -> bool:
        """Nothing at all in the register this node sees, whatever the filter (the empty state's question)."""
        first: Page[R] = self._search(self.store, type(self.query)(limit=1))
        return first.total == 0

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or len(self.rows) >= self.total:
            return
        page = self._search(self.store, dataclasses.replace(self.query, offset=len(self.rows)))
        self.total = page.total
        if not page.rows:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page.rows) - 1)
        self.rows.extend(page.rows)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.query.sort and descending == self.query.descending and self.rows:
            return
        self.set_query(dataclasses.replace(self.query, sort=key, descending=descending))

    def set_full_ids(self, show: bool) -> None:
        """Show full citizen IDs (only for a role that may see them)."""
        show = bool(show) and self.may_show_full_ids
        if show == self.full_ids:
            return
        self.full_ids = show
        if self.rows and self.ID_COLUMN >= 0:
            emit(self.dataChanged, self.index(0, self.ID_COLUMN), self.index(len(self.rows) - 1, self.ID_COLUMN),
                 [Qt.ItemDataRole.DisplayRole])

    # -- rows -------------------------------------------------------------------------------------------
    def row_at(self, row: int) -> R:
        return self.rows[row]

    def row_of(self, row_id: uuid.UUID) -> int:
        for position, row in enumerate(self.rows):
            if row.id == row_id:
                return position
        return -1

    def replace_row(self, new: R) -> bool:
        """Put ``new`` where the row with its id is (after a save); False if that row is not loaded."""
        position = self.row_of(new.id)
        if position < 0:
            return False
        self.rows[position] = new
        emit(self.dataChanged, self.index(position, 0), self.index(position, self.columnCount() - 1), [])
        return True

    # -- Qt model interface -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("Registry", self.HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section in self.NUMERIC:
            return translate("Registry", "in yuan")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self.styled(row, index.column(), role)

    def display(self, row: R, column: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def styled(self, row: R, column: int, role: int) -> Any:
        return None

    def citizen_id(self, value: str | None) -> str:
        from app.domain.codes import mask_citizen_id

        return (value or "") if self.full_ids else mask_citizen_id(value)


# -- households ------------------------------------------------------------------------------------------------
H_NAME, H_CITIZEN_ID, H_STREET, H_VILLAGE, H_GROUP, H_SIZE, H_STATUS, H_PHONE, H_ADDRESS = range(9)


class HouseholdTableModel(PagedQueryModel[HouseholdQuery, HouseholdRow]):
    HEADERS = (QT_TRANSLATE_NOOP("Registry", "Head of household"), QT_TRANSLATE_NOOP("Registry", "Citizen ID"),
               QT_TRANSLATE_NOOP("Registry", "Street"), QT_TRANSLATE_NOOP("Registry", "Village"),
               QT_TRANSLATE_NOOP("Registry", "Group"), QT_TRANSLATE_NOOP("Registry", "Size"),
               QT_TRANSLATE_NOOP("Registry", "Poverty status"), QT_TRANSLATE_NOOP("Registry", "Phone"),
               QT_TRANSLATE_NOOP("Registry", "Address"))
    SORT_KEYS: ClassVar[dict[int, str]] = {
        H_NAME: "name", H_STREET: "street", H_VILLAGE: "village", H_GROUP: "group", H_SIZE: "size",
        H_STATUS: "status", H_PHONE: "phone"}
    ID_COLUMN = H_CITIZEN_ID
    NUMERIC = frozenset({H_SIZE})

    def __init__(self, store: Store, query: HouseholdQuery | None = None, page_size: int = PAGE_SIZE,
                 parent: Any = None) -> None:
        super().__init__(store, query or HouseholdQuery(), search_households, page_size, parent)

    def display(self, row: HouseholdRow, column: int) -> str:
        if column == H_NAME:
            return row.head_name
        if column == H_CITIZEN_ID:
            return self.citizen_id(row.head_citizen_id)
        if column == H_STREET:
            return row.street_name
        if column == H_VILLAGE:
            return row.village_name
        if column == H_GROUP:
            return row.group_name
        if column == H_SIZE:
            return str(row.size)
        if column == H_STATUS:
            return row.poverty_status.label
        if column == H_PHONE:
            return row.phone
        if column == H_ADDRESS:
            return row.address
        return ""


# -- loans -----------------------------------------------------------------------------------------------------
(L_CONTRACT, L_BORROWER, L_CITIZEN_ID, L_BANK, L_VILLAGE, L_AMOUNT, L_BALANCE, L_MATURES, L_DUE, L_RISK,
 L_STATUS) = range(11)


def maturity_text(row: LoanRow) -> str:
    """The derived state in words: closed, overdue n days, matures in n days, matured n days ago."""
    state = row.state
    if state.closed:
        return translate("Registry", "closed")
    if state.days_past_due > 0:
        return translate("Registry", "{n} days past due", n=state.days_past_due)
    if state.days_to_maturity == 0:
        return translate("Registry", "matures today")
    if state.days_to_maturity > 0:
        return translate("Registry", "in {n} days", n=state.days_to_maturity)
    return translate("Registry", "matured {n} days ago", n=-state.days_to_maturity)


class LoanTableModel(PagedQueryModel[LoanQuery, LoanRow]):
    HEADERS = (QT_TRANSLATE_NOOP("Registry", "Contract no."), QT_TRANSLATE_NOOP("Registry", "Borrower"),
               QT_TRANSLATE_NOOP("Registry", "Citizen ID"), QT_TRANSLATE_NOOP("Registry", "Bank"),
               QT_TRANSLATE_NOOP("Registry", "Street / village"), QT_TRANSLATE_NOOP("Registry", "Amount"),
               QT_TRANSLATE_NOOP("Registry", "Balance"), QT_TRANSLATE_NOOP("Registry", "Matures"),
               QT_TRANSLATE_NOOP("Registry", "Maturity"), QT_TRANSLATE_NOOP("Registry", "Risk class"),
               QT_TRANSLATE_NOOP("Registry", "Status"))
    SORT_KEYS: ClassVar[dict[int, str]] = {
        L_CONTRACT: "contract", L_BORROWER: "borrower", L_AMOUNT: "amount", L_BALANCE: "balance",
        L_MATURES: "matures", L_DUE: "overdue", L_RISK: "risk", L_STATUS: "status"}
    ID_COLUMN = L_CITIZEN_ID
    NUMERIC = frozenset({L_AMOUNT, L_BALANCE})

    def __init__(self, store: Store, query: LoanQuery | None = None, page_size: int = PAGE_SIZE,
                 parent: Any = None) -> None:
        super().__init__(store, query or LoanQuery(), search_loans, page_size, parent)

    @property
    def as_of(self) -> dt.date:
        return self.query.as_of or dt.date.today()

    def display(self, row: LoanRow, column: int) -> str:
        if column == L_CONTRACT:
            return row.contract_no
        if column == L_BORROWER:
            return row.borrower_name
        if column == L_CITIZEN_ID:
            return self.citizen_id(row.borrower_citizen_id)
        if column == L_BANK:
            return row.bank_name
        if column == L_VILLAGE:  # 纺织城 纺渭村: the street without its 街道 keeps the column narrow
            return " ".join(p for p in (row.street_name.removesuffix("街道"), row.village_name) if p)
        if column == L_AMOUNT:
            return yuan(row.amount_fen)
        if column == L_BALANCE:
            return yuan(row.balance_fen)
        if column == L_MATURES:
            return row.matures_on.isoformat()
        if column == L_DUE:
            return maturity_text(row)
        if column == L_RISK:
            return row.risk_class.label
        if column == L_STATUS:
            return row.status.label
        return ""

    def styled(self, row: LoanRow, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.ForegroundRole or column not in (L_DUE, L_MATURES):
            return None
        state = row.state
        if state.closed:
            return QBrush(QColor(CLOSED_COLOR))
        if state.days_past_due > 0:
            return QBrush(QColor(OVERDUE_COLOR))
        if state.maturing_soon:
            return QBrush(QColor(SOON_COLOR))
        return None
