"""The folder transport (ARCHITECTURE.md "Transports": folder / USB stick), as jobs for a background operation:
write one bundle per peer into a folder, find the bundles on a stick addressed to this node, read them one by one
(a refused file changes nothing and does not stop the others), and say what happened in plain words. The enrolment
files travel the same way (their names are here; their content is app/sync/enroll.py).

A job takes the :class:`app.cancel.CancelToken` of its background operation: it stops between files when cancelled
and reports progress file by file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from app.cancel import CancelToken
from app.db.store import Store
from app.errors import FieldbookError
from app.i18n import translate
from app.models import Peer
from app.sync import bundle as fmt
from app.sync.export import ExportResult, export_bundles
from app.sync.importer import ImportReport, import_bundle
from app.sync.status import node_names, peer_waiting
from app.sync.vector import parse_vector, version_vector

REQUEST_PREFIX = "fieldbook-request-"
CERTIFICATE_PREFIX = "fieldbook-certificate-"
#: the export target meaning "every peer with news"
ALL_NODES = ""


@dataclass
class ExportSummary:
    folder: Path
    written: list[ExportResult] = field(default_factory=list)
    nothing_for: list[str] = field(default_factory=list)  # node names with nothing new
    names: dict[str, str] = field(default_factory=dict)


def export_targets(store: Store) -> list[tuple[str, str]]:
    """(node id, name) of the peers a bundle can be written for, active ones only."""
    with store.read() as session:
        names = node_names(session)
        query = sa.select(Peer.node_id).where(Peer.revoked_at.is_(None)).order_by(Peer.enrolled_at)
        return [(pid, names.get(pid, pid[:8])) for pid in session.execute(query).scalars()]


def write_bundles(store: Store, folder: Path, target: str | None, token: CancelToken) -> ExportSummary:
    """The export job: one bundle per peer with something to send (``target`` None/ALL_NODES), or one for
    ``target`` even if it only carries the acknowledgement. Cancelling stops between peers (each file is written
    whole or not at all)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FieldbookError(translate("Exchange", "Cannot write to {path}: {reason}", path=str(folder),
                                       reason=exc.strerror or str(exc))) from exc
    summary = ExportSummary(folder)
    targets = export_targets(store)
    summary.names = dict(targets)
    todo = [t for t in targets if t[0] == target] if target else targets
    if not todo:
        raise FieldbookError(translate("Exchange", "This node is not registered with any peer yet."))
    for done, (peer_id, name) in enumerate(todo):
        token.raise_if_cancelled()
        token.report_progress(done, len(todo), translate("Exchange", "Writing the bundle for {name}…", name=name))
        if target or len(todo) == 1:
            results = export_bundles(store, folder, to=peer_id if target else None)
        elif _has_news(store, peer_id):
            results = export_bundles(store, folder, to=peer_id)
        else:
            results = [ExportResult(peer_id, None, 0, 0)]
        for result in results:
            if result.path is None:
                summary.nothing_for.append(summary.names.get(result.peer, result.peer[:8]))
            else:
                summary.written.append(result)
    token.report_progress(len(todo), len(todo), "")
    return summary


def _has_news(store: Store, peer_id: str) -> bool:
    """Whether a bundle for ``peer_id`` would carry anything: changes it has not acknowledged or a newer
    acknowledgement (export_bundles' own test, without collecting the changes). Errs towards writing."""
    with store.read() as session:
        peer = session.get(Peer, peer_id)
        if peer is None or not peer.sent_bundle_seq:
            return True
        vector = version_vector(session.connection(), store.info.node_id)
        return vector != parse_vector(peer.sent_ack) or peer_waiting(vector, peer)


@dataclass
class FileOutcome:
    path: Path
    report: ImportReport | None = None
    refused: str = ""


@dataclass
class ImportSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    for_others: int = 0
    unreadable: int = 0

    @property
    def imported(self) -> list[ImportReport]:
        return [o.report for o in self.outcomes if o.report is not None and not o.report.already]

    @property
    def already(self) -> list[ImportReport]:
        return [o.report for o in self.outcomes if o.report is not None and o.report.already]

    @property
    def refused(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.refused]


def scan_for_bundles(store: Store, folders: Sequence[Path]) -> tuple[list[Path], int, int]:
    """Bundle files in ``folders`` addressed to this node (oldest first per sender), how many are addressed to
    others, and how many cannot be read as bundles at all."""
    me = store.info.node_id
    mine: list[tuple[str, int, Path]] = []
    others = unreadable = 0
    for path in fmt.iter_bundle_files([f for f in folders if f.is_dir()]):
        try:
            header = fmt.read_header(path)
        except (fmt.BundleRefused, OSError):
            unreadable += 1
            mine.append(("", 0, path))  # import names what is wrong with it
            continue
        if header["recipient"] != me:
            others += 1
            continue
        mine.append((str(header["sender"]), int(header["bundle_seq"]), path))
    mine.sort(key=lambda item: (item[0], item[1], item[2].name))
    return [path for _, _, path in mine], others, unreadable


def read_bundles(store: Store, paths: Sequence[Path], token: CancelToken, for_others: int = 0) -> ImportSummary:
    """The import job: each file verified and applied on its own; a refused file changes nothing and does not
    stop the others. Cancelling stops between files."""
    summary = ImportSummary(for_others=for_others)
    for done, path in enumerate(paths):
        token.raise_if_cancelled()
        token.report_progress(done, len(paths), translate("Exchange", "Reading {file}…", file=path.name))
        try:
            summary.outcomes.append(FileOutcome(path, report=import_bundle(store, path)))
        except fmt.BundleRefused as exc:  # the import keeps it in the exchange history
            summary.outcomes.append(FileOutcome(path, refused=exc.message))
    token.report_progress(len(paths), len(paths), "")
    return summary


def export_text(summary: ExportSummary) -> str:
    """The result of writing, in plain words."""
    lines = []
    for result in summary.written:
        name = summary.names.get(result.peer, result.peer[:8])
        if result.changes:
            lines.append(translate("Exchange", "For {name}: {changes} changes and {blobs} photos written to {file}.",
                                   name=name, changes=result.changes, blobs=result.blobs,
                                   file=result.path.name if result.path else ""))
        else:
            lines.append(translate("Exchange", "For {name}: no new changes; the file {file} tells it what arrived "
                                               "here.", name=name, file=result.path.name if result.path else ""))
    if summary.nothing_for:
        lines.append(translate("Exchange", "Nothing new to send to {names}.", names="、".join(summary.nothing_for)))
    if summary.written:
        lines.append(translate("Exchange", "Folder: {path}. Eject the stick safely before pulling it out.",
                               path=str(summary.folder)))
    return "\n".join(lines)


def import_lines(summary: ImportSummary) -> list[tuple[str, bool]]:
    """The result of reading, in plain words: received, applied, skipped, refused and why (``True`` marks a line
    about a refusal)."""
    lines: list[tuple[str, bool]] = []
    imported = summary.imported
    if imported:
        lines.append((translate(
            "Exchange", "{bundles} bundles read: {received} changes received, {applied} applied, {skipped} skipped "
                        "as already here.", bundles=len(imported), received=sum(r.changes for r in imported),
            applied=sum(r.applied for r in imported), skipped=sum(r.skipped for r in imported)), False))
        proposals = sum(r.proposals for r in imported)
        conflicts = sum(r.conflicts for r in imported)
        if proposals:
            lines.append((translate("Exchange", "{n} corrections to households are kept for review.", n=proposals),
                          False))
        if conflicts:
            lines.append((translate("Exchange", "{n} conflicting edits are listed for review; nothing was lost.",
                                    n=conflicts), False))
        aliased = sum(r.aliased for r in imported)
        if aliased:
            lines.append((translate("Exchange", "{n} records were registered here already (the same household or "
                                                "village from two laptops); they were joined, and any difference "
                                                "is kept for review.", n=aliased), False))
        quarantined = sum(r.quarantined for r in imported)
        if quarantined:
            lines.append((translate("Exchange", "{n} changes could not be applied and wait in quarantine; everything "
                                                "else was applied. Open the Quarantine tab to apply them after a fix "
                                                "or discard them.", n=quarantined), True))
            for reason in dict.fromkeys(r for report in imported for r in report.reasons):
                lines.append(("  " + reason, True))
    if summary.already:
        lines.append((translate("Exchange", "{n} bundles had been read before; nothing changed.",
                                n=len(summary.already)), False))
    for outcome in summary.refused:
        lines.append((translate("Exchange", "Refused {file}: {reason} Nothing from this file was applied.",
                                file=outcome.path.name, reason=outcome.refused), True))
    if summary.for_others:
        lines.append((translate("Exchange", "{n} files are for other laptops; they were left on the stick.",
                                n=summary.for_others), False))
    if not summary.outcomes:
        lines.append((translate("Exchange", "No bundle for this computer was found."), False))
    return lines


def import_text(summary: ImportSummary) -> str:
    return "\n".join(text for text, _ in import_lines(summary))


# -- enrolment files -----------------------------------------------------------------------------------------------
def request_file(store: Store, folder: Path) -> Path:
    return folder / f"{REQUEST_PREFIX}{store.info.node_id[:8]}.json"


def certificate_file(folder: Path, node_id: str) -> Path:
    return folder / f"{CERTIFICATE_PREFIX}{node_id[:8]}.json"


def find_certificate(store: Store, folders: Sequence[Path]) -> Path | None:
    """The hub's response for this node on the stick, if there is exactly one candidate."""
    found = [certificate_file(f, store.info.node_id) for f in folders]
    found = [p for p in found if p.is_file()]
    return found[0] if len(found) == 1 else None


def find_requests(folders: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            found += sorted(p for p in folder.glob(f"{REQUEST_PREFIX}*.json") if p.is_file())
    return found
