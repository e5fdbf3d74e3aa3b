"""Headless commands of data exchange: ``enroll request|approve|accept|revoke|list`` and
``bundle export|import`` (contract in ARCHITECTURE.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.cli.context import Add, Context, out, subcommands
from app.i18n import translate


def cmd_enroll_request(ctx: Context) -> int:
    from app.sync import enroll

    short = enroll.write_request(ctx.store(), Path(ctx.args.out))
    out(translate("CLI", "Enrolment request written to {path}.", path=ctx.args.out))
    out(translate("CLI", "Fingerprint of this node: {fingerprint} (the hub must see the same).",
                   fingerprint=short))
    return 0


def cmd_enroll_approve(ctx: Context) -> int:
    from app.sync import enroll

    approval = enroll.approve(ctx.store(), Path(ctx.args.file), Path(ctx.args.out), days=ctx.args.days)
    out(translate("CLI", "Request fingerprint: {fingerprint} - compare it with the field laptop's screen.",
                   fingerprint=approval.request_fingerprint))
    out(translate("CLI", "Enrolled {name} ({node}) for street {street} until {date}; roster version {roster}.",
                   name=approval.name, node=approval.node_id, street=approval.street,
                   date=approval.expires_at.date().isoformat(), roster=approval.roster_version))
    out(translate("CLI", "Hub fingerprint: {fingerprint}. Certificate written to {path}.",
                   fingerprint=approval.hub_fingerprint, path=ctx.args.out))
    return 0


def cmd_enroll_accept(ctx: Context) -> int:
    from app.sync import enroll

    accepted = enroll.accept(ctx.store(), Path(ctx.args.file))
    out(translate("CLI", "Enrolled with the hub {name} ({node}) until {date}.", name=accepted.hub_name,
                   node=accepted.hub_id, date=accepted.expires_at.date().isoformat()))
    out(translate("CLI", "Hub fingerprint: {fingerprint} (the hub's screen must show the same).",
                   fingerprint=accepted.hub_fingerprint))
    return 0


def cmd_enroll_revoke(ctx: Context) -> int:
    from app.sync import enroll

    node, roster = enroll.revoke(ctx.store(), ctx.args.node)
    out(translate("CLI", "Revoked the node {node}; roster version {roster}. Its bundles are refused from now on.",
                   node=node, roster=roster))
    return 0


def cmd_enroll_list(ctx: Context) -> int:
    from app.sync import enroll
    from app.sync.keys import short_fingerprint

    for peer in enroll.peers(ctx.store()):
        state = translate("CLI", "revoked") if peer.revoked_at else translate("CLI", "active")
        out(f"{peer.node_id}  {peer.role}  {peer.street_code or '-'}  {short_fingerprint(peer.fingerprint)}  "
             f"{state}")
    return 0


def cmd_bundle_export(ctx: Context) -> int:
    from app.sync.export import export_bundles

    results = export_bundles(ctx.store(), Path(ctx.args.out), to=ctx.args.to, suite=ctx.args.suite)
    written = [r for r in results if r.path is not None]
    for result in written:
        out(translate("CLI", "{path}: {changes} changes, {blobs} attachments for {node}.", path=result.path,
                       changes=result.changes, blobs=result.blobs, node=result.peer))
    if not written:
        out(translate("CLI", "Nothing new to send."))
    return 0


def cmd_bundle_import(ctx: Context) -> int:
    from app.sync.importer import import_bundles

    for report in import_bundles(ctx.store(), [Path(f) for f in ctx.args.files]):
        if report.already:
            out(translate("CLI", "{path}: already imported; nothing changed.", path=report.path))
            continue
        out(translate("CLI", "{path}: {applied} changes applied, {skipped} already here, {proposals} proposals "
                              "kept for review, {conflicts} conflicts listed.", path=report.path,
                       applied=report.applied, skipped=report.skipped, proposals=report.proposals,
                       conflicts=report.conflicts))
        if report.flagged:
            out(translate("CLI", "{n} changes carry a clock stamp far ahead of this computer's; they are listed "
                                  "for review.", n=len(report.flagged)))
    return 0


def register(sub: Any, add: Add) -> None:
    from app.sync.enroll import CERTIFICATE_DAYS

    actions = subcommands(sub, "enroll", translate("CLI", "enrol a field node with its hub (offline)"),
                          metavar="ACTION")
    p = add("request", cmd_enroll_request, translate("CLI", "write this field node's enrolment request"), actions)
    p.add_argument("--out", required=True)
    p = add("approve", cmd_enroll_approve, translate("CLI", "at the hub: issue a node certificate for a request"),
            actions)
    p.add_argument("file")
    p.add_argument("--out", required=True)
    p.add_argument("--days", type=int, default=CERTIFICATE_DAYS)
    p = add("accept", cmd_enroll_accept, translate("CLI", "accept the hub's certificate on this field node"),
            actions)
    p.add_argument("file")
    p = add("revoke", cmd_enroll_revoke, translate("CLI", "at the hub: revoke an enrolled node"), actions)
    p.add_argument("node")
    add("list", cmd_enroll_list, translate("CLI", "list the enrolled peers"), actions)

    actions = subcommands(sub, "bundle", translate("CLI", "exchange data by signed, encrypted bundle files"),
                          metavar="ACTION")
    p = add("export", cmd_bundle_export, translate("CLI", "write one bundle per peer with something to send"),
            actions)
    p.add_argument("--out", required=True)
    p.add_argument("--to")
    p.add_argument("--suite", metavar="classic|gm|pq",
                   help=translate("CLI", "cipher suite for this export (default: the district's setting)"))
    p = add("import", cmd_bundle_import, translate("CLI", "import bundle files (or the bundles in a folder)"),
            actions)
    p.add_argument("files", nargs="+")
