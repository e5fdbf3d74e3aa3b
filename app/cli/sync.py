"""Headless commands of data exchange: ``enroll request|approve|accept|revoke|list`` and
``bundle export|import`` (contract in ARCHITECTURE.md)."""

from __future__ import annotations

import sys
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

    words = {"revoked": translate("CLI", "revoked"), "expired": translate("CLI", "expired"),
             "active": translate("CLI", "active")}
    found = enroll.peers(ctx.store())
    for peer in found:
        until = peer.expires_at.date().isoformat() if peer.expires_at else "-"
        out("\t".join((peer.name or "-", peer.node_id, peer.role.label, peer.street_code or "-",
                        short_fingerprint(peer.fingerprint), words[enroll.peer_state(peer)], until)))
    out(translate("CLI", "{n} enrolled nodes.", n=len(found)))
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
    """Each file on its own: a refused file changes nothing and does not stop the others (exit 9 if any was)."""
    from app.sync import bundle as fmt
    from app.sync.importer import import_bundle

    paths = list(fmt.iter_bundle_files([Path(f) for f in ctx.args.files]))
    refused: list[fmt.BundleRefused] = []
    for path in paths:
        try:
            report = import_bundle(ctx.store(), path)
        except fmt.BundleRefused as exc:
            if len(paths) == 1:
                raise
            refused.append(exc)
            print(translate("CLI", "{path}: refused: {reason} Nothing from this file was applied.", path=path,
                            reason=exc.message), file=sys.stderr, flush=True)
            continue
        if report.already:
            out(translate("CLI", "{path}: already imported; nothing changed.", path=report.path))
            continue
        out(translate("CLI", "{path}: {applied} changes applied, {skipped} already here, {proposals} proposals "
                              "kept for review, {conflicts} conflicts listed.", path=report.path,
                       applied=report.applied, skipped=report.skipped, proposals=report.proposals,
                       conflicts=report.conflicts))
        if report.aliased:
            out(translate("CLI", "{n} records were registered here already under another id (the same household "
                                  "or village from two laptops); they were joined, and any difference is kept as a "
                                  "proposal.", n=report.aliased))
        if report.quarantined:
            out(translate("CLI", "{n} changes could not be applied and wait in quarantine; everything else was "
                                  "applied. See them with: bundle quarantine list", n=report.quarantined))
            for reason in report.reasons:
                out(f"  {reason}")
        if report.flagged:
            out(translate("CLI", "{n} changes carry a clock stamp far ahead of this computer's; they are listed "
                                  "for review.", n=len(report.flagged)))
    return 9 if refused else 0


def _quarantine_ids(ctx: Context, rows: list[Any]) -> list[Any]:
    """The entries the command's ids name (each a full id or a unique prefix of 8+ characters)."""
    from app.errors import ValidationError

    chosen = []
    for ref in ctx.args.ids:
        ref = ref.strip().lower()
        found = [r for r in rows if len(ref) >= 8 and str(r.id).startswith(ref)]
        if len(found) != 1:
            raise ValidationError(translate("CLI", "No change in quarantine matches {ref}.", ref=ref))
        chosen.append(found[0].id)
    if not chosen:
        raise ValidationError(translate("CLI", "Name the changes by their id (see bundle quarantine list)."))
    return chosen


def cmd_bundle_quarantine(ctx: Context) -> int:
    """List the changes in quarantine, apply them again after a fix, or discard them with a reason."""
    from app.errors import ValidationError
    from app.sync.merge.review import discard_quarantined, retry_quarantined
    from app.sync.status import LIST_LIMIT, open_quarantine

    store = ctx.store()
    rows, total = open_quarantine(store, limit=LIST_LIMIT if ctx.args.action == "list" else 100_000)
    if ctx.args.action == "list":
        if not rows:
            out(translate("CLI", "No change waits in quarantine."))
        for row in rows:
            out(f"{str(row.id)[:8]}  {row.received_at:%Y-%m-%d}  {row.node_name}  {row.record_label}  "
                f"{row.reason}")
        if total > len(rows):
            out(translate("CLI", "… and {n} more.", n=total - len(rows)))
        return 0
    chosen = _quarantine_ids(ctx, rows)
    if ctx.args.action == "apply":
        outcome = retry_quarantined(store, chosen)
        out(translate("CLI", "{applied} changes applied; {held} still wait in quarantine.", applied=outcome.applied,
                       held=outcome.still_held))
        for reason in outcome.reasons:
            out(f"  {reason}")
        return 0
    if not (ctx.args.reason or "").strip():
        raise ValidationError(translate("CLI", "Say why with --reason."))
    done = discard_quarantined(store, chosen, ctx.args.reason)
    out(translate("CLI", "{n} changes discarded.", n=done))
    return 0


def cmd_bundle_inspect(ctx: Context) -> int:
    from app.sync import inspect

    store = ctx.store()
    senders = {inspect.SELF: translate("CLI", "this node"), inspect.ENROLLED: translate("CLI", "enrolled here"),
               inspect.REVOKED: translate("CLI", "REVOKED"), inspect.EXPIRED: translate("CLI", "certificate expired"),
               inspect.UNKNOWN: translate("CLI", "UNKNOWN here")}
    signatures = {inspect.VALID: translate("CLI", "valid"),
                  inspect.INVALID: translate("CLI", "DOES NOT VERIFY (damaged, altered or not written by the sender)"),
                  inspect.UNCHECKED: translate("CLI", "not checked (sender or suite unknown here)")}
    failed = False
    for found in inspect.inspect_bundles(store, [Path(f) for f in ctx.args.files]):
        if not isinstance(found, inspect.Inspection):
            print(str(found), file=sys.stderr, flush=True)
            failed = True
            continue
        failed = failed or found.signature == inspect.INVALID
        counts, ranges = found.counts, found.ranges
        recipient = (translate("CLI", "this node") if found.to_this_node
                     else translate("CLI", "ANOTHER node"))
        suite = found.suite_name or translate("CLI", "unknown to this version of Fieldbook")
        out(f"{found.path}")
        out(translate("CLI", "  sender:    {name} {node} ({state})", name=found.sender_name or "?",
                       node=found.get("sender", "?"), state=senders[found.sender_state]))
        out(translate("CLI", "  recipient: {name} {node} ({whose})", name=found.recipient_name or "?",
                       node=found.get("recipient", "?"), whose=recipient))
        out(translate("CLI", "  suite:     {suite} - {name}; format {version}", suite=found.suite, name=suite,
                       version=found.version))
        out(translate("CLI", "  created:   {when}; bundle number {seq}, roster version {roster}",
                       when=found.get("created_at", "?"), seq=found.get("bundle_seq", "?"),
                       roster=found.get("roster", "?")))
        out(translate("CLI", "  size:      {size} bytes (payload {payload} bytes)", size=found.file_size,
                       payload=found.get("payload_size", "?")))
        out(translate("CLI", "  content:   {changes} changes, {blobs} attachments, {entries} entries, from {origins} "
                              "nodes", changes=counts.get("changes", "?"), blobs=counts.get("blobs", "?"),
                       entries=counts.get("entries", "?"), origins=len(ranges)))
        for origin, span in sorted(ranges.items()):
            if isinstance(span, list) and len(span) == 2:
                out(translate("CLI", "             changes {first}-{last} of {node}", first=span[0] + 1,
                               last=span[1], node=origin))
        out(translate("CLI", "  signature: {state}", state=signatures[found.signature]))
    return 9 if failed else 0


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
    p.add_argument("node", metavar="NODE", help=translate("CLI", "the node's name (as \"enroll list\" shows it) or its "
                                                                 "id (8+ characters)"))
    add("list", cmd_enroll_list, translate("CLI", "list the enrolled peers"), actions)

    actions = subcommands(sub, "bundle", translate("CLI", "exchange data by signed, encrypted bundle files"),
                          metavar="ACTION")
    p = add("export", cmd_bundle_export, translate("CLI", "write one bundle per peer with something to send"),
            actions)
    p.add_argument("--out", required=True)
    p.add_argument("--to", metavar="NODE", help=translate("CLI", "only for this enrolled node: its name (as "
                                                                 "\"enroll list\" shows it) or its id (8+ characters)"))
    p.add_argument("--suite", metavar="classic|gm|pq",
                   help=translate("CLI", "cipher suite for this export (default: the district's setting)"))
    p = add("import", cmd_bundle_import, translate("CLI", "import bundle files (or the bundles in a folder)"),
            actions)
    p.add_argument("files", nargs="+")
    p = add("quarantine", cmd_bundle_quarantine,
            translate("CLI", "the changes that could not be applied: list them, apply them after a fix, or discard "
                             "them with a reason"), actions)
    p.add_argument("action", choices=["list", "apply", "discard"])
    p.add_argument("ids", nargs="*")
    p.add_argument("--reason")
    p = add("inspect", cmd_bundle_inspect, translate("CLI", "sender, recipient, suite, sizes and counts of bundle "
                                                           "files (or the bundles in a folder); nothing is "
                                                           "decrypted"), actions)
    p.add_argument("files", nargs="+", metavar="FILE")
