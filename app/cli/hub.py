"""Headless commands of the HTTP hub (docs/hub.md): ``hub serve``, ``hub init-db``, ``hub restored`` at the hub,
and ``sync`` on a field node (contract in ARCHITECTURE.md)."""

from __future__ import annotations

from typing import Any

from app.cli.context import Add, Context, out, subcommands
from app.i18n import translate

DEFAULT_PORT = 8650


def cmd_hub_serve(ctx: Context) -> int:
    from app.db.engine import redact_url
    from app.errors import StoreError
    from app.sync.hub import workers
    from app.sync.hub.database import moved_to
    from app.sync.hub.requestlog import close_request_log, open_request_log
    from app.sync.hub.server import HubService, make_server

    args = ctx.args
    workers.check_workers(args.workers)
    store = ctx.store(args.db)
    if not args.db and moved_to(store):
        raise StoreError(translate("CLI", "This hub's data was moved to a server database ({where}); start it "
                                          "with --db URL.", where=moved_to(store)))
    service = HubService(store)
    where = redact_url(args.db) if args.db else translate("CLI", "the encrypted file of the node")
    handlers = open_request_log(store.paths.logs)
    try:
        if args.workers > 1:
            sock = workers.bind(args.host, args.port)
            out(translate("CLI", "Hub mailbox of {name} on http://{host}:{port} with {n} workers (data in {where}); "
                                 "Ctrl+C stops it.", name=store.info.name, host=args.host, port=args.port,
                           n=args.workers, where=where))
            return workers.run_workers(service, sock, args.workers, make_server, args.graceful)
        server = make_server(service, args.host, args.port, graceful_seconds=args.graceful)
        out(translate("CLI", "Hub mailbox of {name} on http://{host}:{port} (data in {where}); Ctrl+C stops it.",
                       name=store.info.name, host=args.host, port=args.port, where=where))
        try:
            server.run()
        except SystemExit as exc:  # uvicorn exits when it cannot bind the port
            if server.started:
                raise
            raise StoreError(translate("CLI", "The hub could not listen on {host}:{port} (in use, or not "
                                              "allowed).", host=args.host, port=args.port)) from exc
        if not server.started:
            raise StoreError(translate("CLI", "The hub could not listen on {host}:{port} (in use, or not allowed).",
                                       host=args.host, port=args.port))
        return 0
    finally:
        service.state.dispose()
        close_request_log(handlers)


def cmd_hub_init_db(ctx: Context) -> int:
    from app.sync.hub.database import init_server_database

    report = init_server_database(ctx.store(), ctx.args.db)
    out(translate("CLI", "Copied {rows} rows ({entries} audit entries, chain verified) into {url}. Start the hub "
                          "with: hub serve --db URL", rows=report.total, entries=report.audit_entries,
                   url=report.url))
    return 0


def cmd_hub_restored(ctx: Context) -> int:
    from app.sync.hub.database import resume_after_restore

    report = resume_after_restore(ctx.store(ctx.args.db))
    out(translate("CLI", "The hub resumes after its restore: {peers} laptops get its real holdings at their next "
                          "sync and send again what the backup lost (bundles numbered from {seq}).",
                   peers=report.peers, seq=report.bundle_seq))
    return 0


def cmd_sync(ctx: Context) -> int:
    from app.errors import ValidationError
    from app.settings import SYNC_HUB_URL
    from app.sync.http_client import sync_round

    store = ctx.store()
    url = ctx.args.hub or store.setting(SYNC_HUB_URL)
    if not url:
        raise ValidationError(translate("CLI", "Give the hub's address with --hub URL (or set it in Settings)."))
    report = sync_round(store, url)
    out(translate("CLI", "Synced with {url}: sent {sent} changes ({applied} new at the hub), received {received} "
                          "changes ({here} applied here, {conflicts} conflicts listed).", url=url,
                   sent=report.pushed_changes, applied=report.applied_at_hub, received=report.pulled_changes,
                   here=report.applied_here, conflicts=report.conflicts))
    return 0


def register(sub: Any, add: Add) -> None:
    actions = subcommands(sub, "hub", translate("CLI", "the hub's HTTP mailbox for field nodes"), metavar="ACTION")
    p = add("serve", cmd_hub_serve, translate("CLI", "serve the mailbox (field nodes push and pull bundles)"),
            actions)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=DEFAULT_PORT)
    p.add_argument("--db", help=translate("CLI", "a server database URL, e.g. postgresql+psycopg://user@host/db "
                                                 "(after hub init-db); default: the node's encrypted file"))
    p.add_argument("--workers", type=int, default=1,
                   help=translate("CLI", "worker processes serving the mailbox (default 1)"))
    p.add_argument("--graceful", type=float, default=30.0,
                   help=translate("CLI", "seconds the requests in flight may take to finish when the hub stops"))
    p = add("init-db", cmd_hub_init_db, translate("CLI", "copy this hub's data into an empty server database once"),
            actions)
    p.add_argument("--db", required=True)
    p = add("restored", cmd_hub_restored, translate("CLI", "after restoring the hub's database from a backup or "
                                                           "a dump: make its laptops send again what it lost"),
            actions)
    p.add_argument("--db", help=translate("CLI", "the server database URL the hub serves from (default: the "
                                                 "node's encrypted file)"))

    p = add("sync", cmd_sync, translate("CLI", "one push-and-pull round with the hub over HTTP"))
    p.add_argument("--hub", help=translate("CLI", "the hub's address, e.g. http://192.168.1.10:8650"))
