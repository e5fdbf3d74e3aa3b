"""Which database a hub's desk works on: its own encrypted file, or a server database (PostgreSQL, docs/hub.md).

The login window calls :func:`remember_server` after a successful login with a new choice; the link itself is kept
by ``app/db/server_link.py`` (the URL without its password, the password sealed under the node's data key).
"""

from __future__ import annotations

import contextlib

from app.db.engine import is_sqlite
from app.db.server_link import clear_link, save_link, shown_url
from app.db.store import Store
from app.errors import StoreError
from app.i18n import translate
from app.models.permissions import Permission, has_permission

#: meta key written into the SQLite file by ``hub init-db`` (app/sync/hub/database.py) when the data moved away
MOVED_META = "hub.server_database"


def may_choose_database(store: Store) -> bool:
    return has_permission(store.user.role, Permission.EDIT_SETTINGS)


def remember_server(store: Store, url: str) -> None:
    """Remember ``url`` (empty: the node's own encrypted file) for every later login in this data folder; audited
    in the database just opened. Needs ``Permission.EDIT_SETTINGS``."""
    store.require(Permission.EDIT_SETTINGS)
    if url:
        shown = save_link(store.paths, store.info.node_id, url, store.data_key_for_backup).url
    else:
        clear_link(store.paths)
        shown = ""
    with store.write() as session:
        store.audit.event(session, "server_database_chosen", {"url": shown or "file"})


def refuse_stale_file(store: Store) -> None:
    """A hub opened on its own file after ``hub init-db`` moved its data: that copy is stale, nothing may be
    written there. Raises a translated :class:`StoreError` naming the server (without its password)."""
    if not is_sqlite(store.engine):
        return
    moved = store.meta(MOVED_META)
    if moved:
        where = moved.split(" ")[0]
        with contextlib.suppress(StoreError):
            where = shown_url(where.replace(":***@", "@"))
        raise StoreError(translate("Login", "This hub's data was moved to the server database {where}. Choose "
                                            "\"Database…\" and connect to it.", where=where))
