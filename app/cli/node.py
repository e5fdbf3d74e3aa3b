"""The node and its accounts: ``init``, ``user add``, ``demo``, ``check``, ``backup``, ``restore``, ``passwd`` and
``recover`` (contract in ARCHITECTURE.md)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from app.cli.context import Add, Context, out, subcommands
from app.i18n import translate
from app.models.enums import Role


def cmd_init(ctx: Context) -> int:
    from app.db.store import Store

    args = ctx.args
    password = ctx.secret("FIELDBOOK_PASSWORD", translate("CLI", "Password for {user}: ", user=args.admin),
                          confirm=True)
    store, recovery = Store.create(ctx.data_dir, args.role, args.name, args.street, args.admin, password)
    store.close()
    out(translate("CLI", "Created the {role} node \"{name}\" in {path}.", role=args.role, name=args.name,
                  path=ctx.data_dir))
    out(translate("CLI", "Recovery code (write it down and keep it safe; it opens the data if every password "
                         "is lost):"))
    out(recovery)
    return 0


def cmd_user_add(ctx: Context) -> int:
    store = ctx.store()
    password = ctx.secret("FIELDBOOK_NEW_PASSWORD", translate("CLI", "Password for {user}: ", user=ctx.args.user),
                          confirm=True)
    store.add_user(ctx.args.user, ctx.args.role, password, ctx.args.display_name or "")
    out(translate("CLI", "Added the user {user} with the role {role}.", user=ctx.args.user, role=ctx.args.role))
    return 0


def cmd_demo(ctx: Context) -> int:
    from app.district.demo import fill_demo

    store = ctx.store()
    summary = fill_demo(store, households=ctx.args.households, seed=ctx.args.seed,
                        show_login=ctx.args.show_login,
                        password=os.environ.get("FIELDBOOK_PASSWORD", ""))
    out(translate("CLI", "Demo data added: {summary}", summary=summary))
    return 0


def cmd_check(ctx: Context) -> int:
    store = ctx.store()
    problems = store.check(full=ctx.args.full)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(translate("CLI", "Check failed: {n} problems found.", n=len(problems)), file=sys.stderr)
        return 8
    out(translate("CLI", "Check passed: database, encryption and audit chain are intact."))
    return 0


def cmd_backup(ctx: Context) -> int:
    from app.db.backup import create_backup

    path = create_backup(ctx.store(), Path(ctx.args.out))
    out(translate("CLI", "Backup written to {path}", path=path))
    return 0


def cmd_restore(ctx: Context) -> int:
    from app.db.backup import restore_backup

    report = restore_backup(Path(ctx.args.file), ctx.data_dir, ctx.username(),
                            ctx.secret("FIELDBOOK_PASSWORD", translate("CLI", "Password: ")),
                            new_identity=ctx.args.new_identity)
    if report.new_identity:
        out(translate("CLI", "Restored as a new node {node}: enrol it with the hub again (enroll request). {n} "
                             "changes the hub had not received were recorded again as this node's work.",
                      node=report.node_id[:8], n=report.recorded_again))
    out(translate("CLI", "Restored the backup of {created}; the previous data was kept in {kept}.",
                  created=report.created_at, kept=report.previous or "-"))
    return 0


def cmd_passwd(ctx: Context) -> int:
    store = ctx.store()
    new = ctx.secret("FIELDBOOK_NEW_PASSWORD", translate("CLI", "New password: "), confirm=True)
    store.change_password(ctx.secret("FIELDBOOK_PASSWORD", translate("CLI", "Password: ")), new)
    out(translate("CLI", "Password changed."))
    return 0


def cmd_recover(ctx: Context) -> int:
    from app.db.store import Store

    code = ctx.secret("FIELDBOOK_RECOVERY_CODE", translate("CLI", "Recovery code: "))
    new = ctx.secret("FIELDBOOK_NEW_PASSWORD", translate("CLI", "New password: "), confirm=True)
    store = Store.reset_password_with_recovery(ctx.data_dir, code, ctx.args.user, new)
    store.close()
    out(translate("CLI", "A new password is set for {user}.", user=ctx.args.user))
    return 0


def register(sub: Any, add: Add) -> None:
    p = add("init", cmd_init, translate("CLI", "create a node and its first administrator"))
    p.add_argument("--role", choices=["field", "hub"], required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--street", help=translate("CLI", "street code, e.g. 610111001 (required for a field node)"))
    p.add_argument("--admin", required=True)

    user = subcommands(sub, "user", translate("CLI", "manage users"), metavar="ACTION")
    p = add("add", cmd_user_add, translate("CLI", "add a user (password from FIELDBOOK_NEW_PASSWORD)"), user)
    p.add_argument("user")
    p.add_argument("--role", required=True, choices=[role.value for role in Role])
    p.add_argument("--display-name")

    p = add("demo", cmd_demo, translate("CLI", "fill the node with a realistic synthetic district"))
    p.add_argument("--households", type=int, default=500)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--show-login", action="store_true",
                   help=translate("CLI", "show the demo accounts on the login screen (demo nodes only)"))

    p = add("check", cmd_check, translate("CLI", "verify the database, its encryption and the audit chain"))
    p.add_argument("--full", action="store_true",
                   help=translate("CLI", "verify every page, log entry, row and photo again (the routine check starts "
                                         "from the last verified entry)"))
    p = add("backup", cmd_backup, translate("CLI", "write an encrypted backup of the node"))
    p.add_argument("--out", required=True)
    p = add("restore", cmd_restore, translate("CLI", "restore a backup after checking it"))
    p.add_argument("file")
    p.add_argument("--new-identity", action="store_true",
                   help=translate("CLI", "this replaces a lost or stolen laptop: restore as a new node with new "
                                         "keys, to be enrolled again"))
    add("passwd", cmd_passwd, translate("CLI", "change your password (new one from FIELDBOOK_NEW_PASSWORD)"))
    p = add("recover", cmd_recover, translate("CLI", "set a new password with the recovery code"))
    p.add_argument("user")
