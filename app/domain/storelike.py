"""What the domain needs of an opened node: the ``StoreLike`` protocol that types every ``store`` parameter.

:class:`app.db.store.Store` is the one implementation; the protocol keeps the rules from depending on how a node
is opened (key ring, engine, audit wiring) and says in one place which of its members they use: who is logged in
and what they may do, which node this is, its settings, and one read or one audited write transaction.
Session parameters are :class:`sqlalchemy.orm.Session`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from app.db.store import CurrentUser, NodeInfo
    from app.domain.permissions import Permission
    from app.settings import Setting

T = TypeVar("T")


@runtime_checkable
class StoreLike(Protocol):
    """An opened node as the domain sees it (``app.db.store.Store``)."""

    @property
    def info(self) -> NodeInfo:
        """The node file: its id, role (``field`` or ``hub``) and street."""

    @property
    def user(self) -> CurrentUser:
        """Who is logged in, with their role."""

    def read(self) -> AbstractContextManager[Session]:
        """A session for queries."""

    def write(self) -> AbstractContextManager[Session]:
        """One audited write transaction, committed when the block ends without error."""

    def require(self, permission: Permission) -> None:
        """Raise PermissionDenied unless the user's role has ``permission``."""

    def setting(self, definition: Setting[T]) -> T:
        """The node's value of a typed setting (its default when unset)."""
