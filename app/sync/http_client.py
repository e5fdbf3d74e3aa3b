"""A field node's side of the hub mailbox (docs/hub.md): signed requests over plain ``urllib.request``, resumable
uploads (chunks at the offset the hub reports) and downloads (HTTP Range), and one push-and-pull round.

A round (:func:`sync_round`):

1. push: bundles left in ``sync/outbox`` by an interrupted round first (resumed where the hub stopped), then a
   fresh cumulative bundle for the hub if there is anything to send (``export_bundles``); a file leaves the outbox
   only after the hub answered that it imported it (or had it already);
2. pull: the bundle waiting for this node is downloaded into ``sync/inbox`` (a broken download resumes from its
   last byte), checked against its SHA-256, imported like a file from a USB stick (``import_bundle``), and
   acknowledged, so the hub makes a fresh one next time.

Nothing is applied twice: imports are keyed on bundle id and (origin, sequence) at both ends. Nothing is lost:
bundles are cumulative and a file stays in the outbox until the hub took it.

Errors are :class:`HubError` subclasses with a one-line translated message: the hub does not answer
(:class:`HubUnavailable`), refuses this node (:class:`HubRefused`), is busy (:class:`HubBusy`), or refused a
bundle (:class:`~app.sync.bundle.BundleRefused`, with the hub's reason).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import logging
import os
import socket
import ssl
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import FieldbookError, ValidationError
from app.i18n import translate
from app.sync import strict
from app.sync.bundle import BundleRefused
from app.sync.hub import auth
from app.sync.keys import NodeKeys

log = logging.getLogger(__name__)
CHUNK = 1024 * 1024
READ_BLOCK = 64 * 1024


class HubError(FieldbookError):
    exit_code = 10


class HubUnavailable(HubError):
    """The hub did not answer, or the connection broke (what was transferred is kept for the next round)."""

    exit_code = 11


class HubRefused(HubError):
    """The hub refused this node: not enrolled there, revoked, or its clock is off."""

    exit_code = 12


class HubBusy(HubUnavailable):
    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None


class _Download:
    """A response being read block by block; closing it closes its connection too."""

    def __init__(self, conn: http.client.HTTPConnection, response: http.client.HTTPResponse) -> None:
        self.conn, self.response, self.status = conn, response, response.status

    def read(self, size: int) -> bytes:
        return self.response.read(size)

    def __enter__(self) -> _Download:
        return self

    def __exit__(self, *exc: object) -> None:
        self.response.close()
        self.conn.close()


@dataclass
class MailboxItem:
    name: str
    size: int
    sha256: str


class HubClient:
    """Signed requests to one hub for the node whose keys are ``keys``.

    ``busy_wait``: how many seconds one request may spend waiting out a busy hub (429, or 503 while its database
    does not answer), each time as long as its ``Retry-After`` says, before :class:`HubBusy` is raised (the
    background sync passes 0 and schedules the next round itself)."""

    def __init__(self, url: str, keys: NodeKeys, timeout: float = 15.0, chunk_size: int = CHUNK,
                 retries: int = 1, fault: Callable[[str, int], None] | None = None, busy_wait: float = 20.0) -> None:
        parsed = urllib.parse.urlsplit(url.strip())
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValidationError(translate("Hub", "The hub address must look like http://host:port (got {url}).",
                                            url=url))
        self.base = f"{parsed.scheme}://{parsed.netloc}{parsed.path.rstrip('/')}"
        self.prefix = parsed.path.rstrip("/")
        self.scheme, self.host = parsed.scheme, parsed.hostname
        try:
            self.port = parsed.port
        except ValueError as exc:
            raise ValidationError(translate("Hub", "The hub address must look like http://host:port (got {url}).",
                                            url=url)) from exc
        self.keys, self.timeout, self.chunk_size, self.retries = keys, timeout, chunk_size, retries
        self.busy_wait = busy_wait
        #: tests: called as fault(stage, offset) before each chunk / download block; may raise to cut the line
        self.fault = fault

    # -- requests ---------------------------------------------------------------------------------------------
    def _connection(self) -> http.client.HTTPConnection:
        if self.scheme == "https":
            return http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout,
                                               context=ssl.create_default_context())
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def _request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None,
                 stream: bool = False) -> Any:
        """One signed request (signed afresh for every try); a busy hub is waited out within ``busy_wait``."""
        waited = 0.0
        while True:
            try:
                return self._request_once(method, path, body, headers, stream)
            except HubBusy as busy:
                if waited + busy.retry_after > self.busy_wait:
                    raise
                log.info("the hub is busy; asking again in %d s", busy.retry_after)
                time.sleep(busy.retry_after)
                waited += busy.retry_after

    def _request_once(self, method: str, path: str, body: bytes, headers: dict[str, str] | None,
                      stream: bool) -> Any:
        target = self.prefix + path
        signed = auth.sign_headers(self.keys, method, target, hashlib.sha256(body).hexdigest(), len(body))
        sent = {**signed, **(headers or {})}
        if method in ("POST", "PUT"):
            sent["Content-Type"] = "application/octet-stream"
        conn = self._connection()
        try:
            # the hub may answer before it reads the body (it refuses it): then read what it said
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                conn.request(method, target, body=body if method in ("POST", "PUT") else None, headers=sent)
            response = conn.getresponse()
            if stream and response.status in (200, 206):
                return _Download(conn, response)
            with response:
                data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            raise self._unavailable(exc) from exc
        conn.close()
        answer = Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        if answer.status >= 400:
            self._raise_for(answer)
        return answer

    def _unavailable(self, exc: BaseException) -> HubUnavailable:
        reason = getattr(exc, "reason", None) or exc
        if isinstance(reason, socket.timeout | TimeoutError):
            reason = translate("Hub", "no answer within {n} s", n=int(self.timeout))
        elif isinstance(reason, ConnectionRefusedError):
            reason = translate("Hub", "connection refused")
        elif isinstance(reason, OSError) and reason.strerror:
            reason = reason.strerror
        elif isinstance(reason, http.client.HTTPException):
            reason = translate("Hub", "the connection broke")
        return HubUnavailable(translate("Hub", "The hub at {url} does not answer ({reason}); the data stays here "
                                               "and goes with the next round.", url=self.base, reason=reason))

    def _raise_for(self, answer: Answer) -> None:
        """Turn an error status into the matching HubError (409 and 404 are the caller's business)."""
        status, body = answer.status, answer.json() or {}
        code = body.get("error", "") if isinstance(body, dict) else ""
        if status == 401 and code == "clock_skew":
            raise HubRefused(translate("Hub", "The hub refused the request: this computer's clock differs from "
                                              "the hub's by more than 5 minutes. Correct the date and time."))
        if status in (401, 403):
            raise HubRefused(translate("Hub", "The hub refused this node: it is not enrolled there, or it was "
                                              "revoked. Ask the hub's administrator."))
        if status in (429, 503):
            wait = _retry_after(answer.headers.get("retry-after"))
            if status == 429:
                raise HubBusy(translate("Hub", "The hub is busy; trying again in {n} s.", n=wait), wait)
            raise HubBusy(translate("Hub", "The hub cannot reach its database just now; trying again in {n} s. "
                                           "Nothing was lost.", n=wait), wait)
        if status == 422:
            reason = body.get("message", "") if isinstance(body, dict) else ""
            raise BundleRefused(translate("Hub", "The hub refused the bundle: {reason}", reason=reason or code))
        if status == 413:
            raise HubError(translate("Hub", "The hub refused the transfer as too large."))
        if status == 400:
            reason = body.get("message", "") if isinstance(body, dict) else ""
            raise HubError(translate("Hub", "The hub refused the request as malformed ({reason}); update Fieldbook "
                                            "on this computer or on the hub.", reason=reason or code or status))
        if status >= 500:
            raise HubUnavailable(translate("Hub", "The hub at {url} has a problem (HTTP {status}); the data stays "
                                                  "here and goes with the next round.", url=self.base,
                                           status=status))
        if status not in (404, 409):
            raise HubError(translate("Hub", "The hub answered HTTP {status}.", status=status))

    def health(self) -> dict[str, Any]:
        conn = self._connection()
        try:
            conn.request("GET", self.prefix + "/health")
            with conn.getresponse() as response:
                return dict(json.loads(response.read()))
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise self._unavailable(exc) from exc
        finally:
            conn.close()

    # -- pushing ----------------------------------------------------------------------------------------------
    def push(self, path: Path) -> dict[str, Any]:
        """Send one bundle file; return the hub's import report."""
        size = path.stat().st_size
        if size <= self.chunk_size:
            answer = self._request("POST", "/v1/bundles", path.read_bytes())
            return self._report(answer)
        return self._upload(path, size, _sha256_file(path))

    def _report(self, answer: Answer) -> dict[str, Any]:
        body = answer.json()
        if answer.status != 200 or not isinstance(body, dict):
            raise HubError(translate("Hub", "The hub answered HTTP {status}.", status=answer.status))
        return body

    def _upload(self, path: Path, size: int, sha: str) -> dict[str, Any]:
        attempts = 0
        while True:
            try:
                return self._upload_once(path, size, sha)
            except HubUnavailable:
                attempts += 1
                if attempts > self.retries:
                    raise
                time.sleep(0.2 * attempts)

    def _upload_once(self, path: Path, size: int, sha: str) -> dict[str, Any]:
        start = self._request("POST", "/v1/uploads", json.dumps({"size": size, "sha256": sha}).encode())
        body = start.json() or {}
        offset = int(body.get("offset", 0))
        if offset:
            log.info("resuming the upload of %s at %d of %d bytes", path.name, offset, size)
        with open(path, "rb") as handle:
            while offset < size:
                if self.fault:
                    self.fault("upload", offset)
                handle.seek(offset)
                chunk = handle.read(self.chunk_size)
                answer = self._request("PUT", f"/v1/uploads/{sha}?offset={offset}", chunk)
                reply = answer.json() or {}
                if answer.status == 409:
                    offset = int(reply.get("offset", 0))
                    continue
                if answer.status == 404:
                    return self._upload_once(path, size, sha)
                offset = int(reply["offset"])
        answer = self._request("POST", f"/v1/uploads/{sha}/commit")
        if answer.status == 409:  # the hub lost bytes (it was restarted from a damaged disk): go again
            return self._upload_once(path, size, sha)
        if answer.status == 404:
            raise HubUnavailable(translate("Hub", "The hub lost the upload; it starts again with the next round."))
        return self._report(answer)

    # -- pulling ----------------------------------------------------------------------------------------------
    def mailbox(self) -> MailboxItem | None:
        answer = self._request("GET", "/v1/mailbox")
        body = answer.json()
        if answer.status != 200 or not isinstance(body, dict):
            raise HubError(translate("Hub", "The hub answered HTTP {status}.", status=answer.status))
        if not body.get("bundle"):
            return None
        return MailboxItem(str(body["bundle"]), int(body["size"]), str(body["sha256"]))

    def download(self, item: MailboxItem, folder: Path) -> Path:
        """Fetch ``item`` into ``folder`` (resuming a partial file from an earlier attempt); return its path."""
        attempts = 0
        while True:
            try:
                return self._download_once(item, folder)
            except HubUnavailable:
                attempts += 1
                if attempts > self.retries:
                    raise
                time.sleep(0.2 * attempts)

    def _download_once(self, item: MailboxItem, folder: Path) -> Path:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for other in folder.glob("*.part"):  # an older bundle's partial download is of no use any more
            if other.name != item.name + ".part":
                other.unlink(missing_ok=True)
        part = folder / (item.name + ".part")
        offset = part.stat().st_size if part.exists() else 0
        if offset > item.size:
            part.unlink()
            offset = 0
        if offset < item.size:
            headers = {"Range": f"bytes={offset}-"} if offset else {}
            if offset:
                log.info("resuming the download of %s at %d of %d bytes", item.name, offset, item.size)
            response = self._request("GET", f"/v1/mailbox/{item.name}", headers=headers, stream=True)
            if isinstance(response, Answer):  # 404: the hub made a newer bundle meanwhile
                part.unlink(missing_ok=True)
                raise HubUnavailable(translate("Hub", "The hub replaced the bundle during the download; it is "
                                                      "fetched again with the next round."))
            with response:
                if response.status == 200:
                    offset = 0
                mode = "ab" if offset else "wb"
                try:
                    with open(part, mode) as out:
                        while True:
                            if self.fault:
                                self.fault("download", offset)
                            block = response.read(READ_BLOCK)
                            if not block:
                                break
                            out.write(block)
                            offset += len(block)
                        out.flush()
                        os.fsync(out.fileno())
                except (OSError, http.client.HTTPException) as exc:
                    raise self._unavailable(exc) from exc
            if offset < item.size:
                raise HubUnavailable(translate("Hub", "The download from the hub broke off at {done} of {size} "
                                                      "bytes; it resumes with the next round.", done=offset,
                                               size=item.size))
        if part.stat().st_size != item.size or _sha256_file(part) != item.sha256:
            part.unlink(missing_ok=True)
            raise HubError(translate("Hub", "The bundle downloaded from the hub is damaged; it is fetched again "
                                            "with the next round."))
        final = folder / item.name
        os.replace(part, final)
        return final

    def acknowledge(self, item: MailboxItem) -> None:
        self._request("DELETE", f"/v1/mailbox/{item.name}")


def _retry_after(text: str | None) -> int:
    """A Retry-After in seconds (1 to 300; a date or nonsense counts as 5)."""
    try:
        return max(1, min(300, strict.ascii_int(text, max_digits=6)))
    except ValueError:
        return 5


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


# -- one round ------------------------------------------------------------------------------------------------
@dataclass
class RoundReport:
    pushed_bundles: int = 0
    pushed_changes: int = 0
    applied_at_hub: int = 0
    pulled_bundles: int = 0
    pulled_changes: int = 0
    applied_here: int = 0
    conflicts: int = 0
    finished_at: float = 0.0
    details: list[str] = field(default_factory=list)
    #: the tables the pulled bundles' changes touched
    tables: set[str] = field(default_factory=set)


def sync_folders(store: Any) -> tuple[Path, Path]:
    root = store.paths.root / "sync"
    return root / "outbox", root / "inbox"


def sync_round(store: Any, url: str, client: HubClient | None = None, max_pulls: int = 1) -> RoundReport:
    """One push-and-pull round with the hub at ``url`` (module docstring)."""
    from app.domain.permissions import Permission
    from app.models.enums import NodeRole
    from app.sync.export import export_bundles
    from app.sync.importer import import_bundle
    from app.sync.keys import node_keys

    store.require(Permission.EXCHANGE_DATA)
    if store.info.role != NodeRole.FIELD:
        raise ValidationError(translate("Hub", "Only a field node syncs with a hub; a hub serves (hub serve)."))
    hub_id = _hub_id(store)
    client = client or HubClient(url, node_keys(store))
    outbox, inbox = sync_folders(store)
    outbox.mkdir(mode=0o700, parents=True, exist_ok=True)
    report = RoundReport()

    hub_holds = 0  # the highest of this node's changes the hub said it holds, this round

    def push(path: Path, changes: int | None) -> None:
        nonlocal hub_holds
        answer = client.push(path)
        path.unlink(missing_ok=True)
        report.pushed_bundles += 1
        report.pushed_changes += int(answer.get("changes", 0)) if changes is None else changes
        report.applied_at_hub += int(answer.get("applied", 0))
        ack = answer.get("ack")
        if isinstance(ack, dict) and isinstance(ack.get(store.info.node_id), int):
            hub_holds = max(hub_holds, int(ack[store.info.node_id]))

    for left in sorted(outbox.glob("*.fbb"), key=lambda p: p.stat().st_mtime):
        push(left, None)
    # A leftover that carried everything is enough; the hub's own (signed) bundle brings its acknowledgement,
    # which is the only one export_bundles trusts, so a plain HTTP answer never stops a change from being sent.
    if not hub_holds or hub_holds < _own_seq(store):
        for result in export_bundles(store, outbox, to=hub_id, force=False):
            if result.path is not None:
                push(result.path, result.changes)
    for _ in range(max_pulls):
        item = client.mailbox()
        if item is None:
            break
        local = client.download(item, inbox)
        try:
            imported = import_bundle(store, local)
        except BundleRefused:
            client.acknowledge(item)  # the hub makes a fresh one next time instead of offering this one again
            raise
        finally:
            local.unlink(missing_ok=True)
        client.acknowledge(item)
        report.pulled_bundles += 1
        report.pulled_changes += imported.changes
        report.applied_here += imported.applied
        report.conflicts += imported.conflicts
        report.tables.update(imported.tables)
    report.finished_at = time.time()
    return report


def _own_seq(store: Any) -> int:
    from app.sync.vector import version_vector

    with store.engine.connect() as conn:
        return int(version_vector(conn, store.info.node_id).get(store.info.node_id, 0))


def _hub_id(store: Any) -> str:
    import sqlalchemy as sa

    from app.models import Peer
    from app.models.enums import NodeRole

    with store.read() as session:
        hub = session.execute(sa.select(Peer.node_id).where(Peer.role == NodeRole.HUB,
                                                            Peer.revoked_at.is_(None))).scalar()
    if hub is None:
        raise ValidationError(translate("Sync", "This node is not enrolled with any peer yet; enroll it first."))
    return str(hub)


def pending_records(store: Any) -> int:
    """Records changed here that the hub has not acknowledged yet (what the status bar shows)."""
    import sqlalchemy as sa

    from app.models import AuditEntry, Peer
    from app.models.enums import NodeRole

    me = store.info.node_id
    with store.read() as session:
        acked_text = session.execute(sa.select(Peer.acked).where(Peer.role == NodeRole.HUB)).scalar()
        try:
            acked = int(json.loads(acked_text or "{}").get(me, 0))
        except (ValueError, TypeError, AttributeError):
            acked = 0
        changed = (sa.select(AuditEntry.table_name, AuditEntry.record_id).distinct()
                   .where(AuditEntry.origin_node == me, AuditEntry.origin_seq > acked, AuditEntry.local.is_(False))
                   .subquery())
        count = session.execute(sa.select(sa.func.count()).select_from(changed)).scalar()
    return int(count or 0)
