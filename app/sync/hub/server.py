"""The hub's HTTP mailbox (ARCHITECTURE.md "Transports"; protocol in docs/hub.md).

A Starlette application served by uvicorn, in one process or several (app/sync/hub/workers.py). Field nodes push
bundles addressed to the hub and pull the bundle the hub makes for them; everything a bundle carries is checked and
applied by the same code as a USB import (:func:`app.sync.importer.import_bundle`), and what the hub sends is what
``bundle export`` would write (:func:`app.sync.export.export_bundles`). HTTP adds only transport: request
signatures checked before a body is read (``auth``), resumable uploads and downloads whose bytes, like the nonces
and rate limits, live in the state every worker shares (``state``), size limits, and a request log
(``requestlog``).

Endpoints (all but ``/health`` signed by an enrolled field node):

    GET    /health                          liveness; no authentication, no personal data
    POST   /v1/bundles                      a whole bundle in the body (small bundles)
    POST   /v1/uploads                      {"size", "sha256"} → {"upload", "offset"}: start or resume an upload
    PUT    /v1/uploads/{sha256}?offset=N    the next chunk → {"offset"}; 409 with the hub's offset if N is wrong
    POST   /v1/uploads/{sha256}/commit      verify size and hash, import → the import report
    GET    /v1/mailbox                      the bundle waiting for this node → {"bundle", "size", "sha256"} or null
    GET    /v1/mailbox/{name}               its bytes (one Range, so a broken download resumes)
    DELETE /v1/mailbox/{name}               the node imported it; the next GET /v1/mailbox makes a fresh one

Bad input is answered 400 (never 500); a database that does not answer, 503 with ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import importlib
import json
import logging
import os
import re
import tempfile
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp

from app import __version__
from app.errors import FieldbookError, ValidationError
from app.i18n import translate
from app.models import Peer
from app.models.base import utcnow
from app.models.enums import NodeRole
from app.sync import bundle as fmt
from app.sync import strict
from app.sync.bundle import LIMITS, BundleRefused, Limits
from app.sync.export import export_bundles
from app.sync.hub import auth
from app.sync.hub.requestlog import HubStats, RequestLog
from app.sync.hub.state import DONE, MAILBOX, HubState, Transfer
from app.sync.importer import ImportReport, import_bundle
from app.sync.keys import PublicKeys
from app.sync.vector import version_vector

log = logging.getLogger("app.sync.hub")
#: lock files on Unix (several workers take turns to import into one SQLite file)
fcntl: Any = importlib.import_module("fcntl") if os.name == "posix" else None
SHA_RE = re.compile(r"[0-9a-f]{64}", re.ASCII)
NAME_RE = re.compile(r"fieldbook-[0-9a-f]{8}-to-[0-9a-f]{8}-[0-9]{6,}\.fbb", re.ASCII)
RANGE_RE = re.compile(r"bytes=([0-9]{1,19})-([0-9]{0,19})", re.ASCII)
API = 2
#: errors of the database connection: the worker answers 503 and the client comes back later
UNAVAILABLE = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.DisconnectionError)


@dataclass(frozen=True)
class HubConfig:
    """Everything the mailbox allows; bundle sizes come from the bundle :class:`~app.sync.bundle.Limits`."""

    limits: Limits = LIMITS
    #: a request's clock may differ from the hub's by this much
    skew_seconds: int = 300
    #: a body of POST /v1/bundles at most (larger bundles go in chunks)
    max_single_bytes: int = 64 * 1024**2
    #: one chunk of a resumable upload at most
    max_chunk_bytes: int = 8 * 1024**2
    #: unfinished uploads kept per node (the oldest goes first)
    max_uploads_per_node: int = 4
    #: requests per second per node, and how many may come at once (shared by every worker)
    rate: float = 20.0
    burst: int = 60
    #: a bundle waiting in a mailbox is made again after this long (it stays valid: bundles are cumulative)
    mailbox_max_age_seconds: int = 600
    #: a spooled request body untouched this long was left by a request that never finished
    spool_max_age_seconds: int = 3600
    #: the spool and the shared state are swept when the hub starts and after a finished import, at most this often
    spool_sweep_seconds: int = 600
    #: an upload nobody continued for this long is dropped; a finished one's answer is kept this long
    upload_max_age_seconds: int = 3 * 24 * 3600
    done_max_age_seconds: int = 24 * 3600
    #: imports one worker runs at once (they decrypt and parse in Python; more workers use more cores)
    imports_at_once: int = 1
    #: what a 503 tells the client to wait
    retry_after_seconds: int = 5
    #: a worker holding a commit or a mailbox export renews its lease this often x 3; a dead one's lapses then
    lease_seconds: float = 60.0


class HubDenied(Exception):
    """A request that is answered with ``response`` and goes no further."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def _error(status: int, code: str, message: str = "", headers: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {"error": code}
    if message:
        body["message"] = message
    return JSONResponse(body, status_code=status, headers=headers)


#: the answer to an unknown node and to a bad signature: the same bytes, so neither tells anything
UNAUTHORIZED = {"error": "unauthorized"}


def _unauthorized() -> Response:
    return JSONResponse(UNAUTHORIZED, status_code=401, headers={"WWW-Authenticate": "Fieldbook-Ed25519"})


def _bad_request(message: str) -> HubDenied:
    return HubDenied(_error(400, "bad_request", message))


@dataclass
class _Body:
    sha256: str
    size: int
    data: bytes = b""
    path: Path | None = None


class HubService:
    """The mailbox of one hub node (an open :class:`~app.db.store.Store` logged in as a hub user)."""

    def __init__(self, store: Any, config: HubConfig | None = None, state: HubState | None = None) -> None:
        from app.sync.keys import node_keys

        if store.info.role != NodeRole.HUB:
            raise ValidationError(translate("Hub", "Only a hub serves the mailbox; this node is a field node."))
        self.store = store
        self.config = config or HubConfig()
        self.keys = node_keys(store)
        self.root: Path = store.paths.root / "hub"
        for folder in (self.root, self.root / "spool", self.root / "outgoing"):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.state = state or HubState.for_store(store)
        self.state.prepare()
        self.stats = HubStats()
        self._imports: asyncio.Semaphore | None = None
        self._swept_at = 0.0
        self.sweep_spool(force=True)
        self.app = self._build()

    def after_fork(self) -> None:
        """In a worker process made by fork: drop the parent's database connections (new ones open on use)."""
        self.store.engine.dispose(close=False)
        self.state.after_fork()

    # -- application ------------------------------------------------------------------------------------------
    def _build(self) -> ASGIApp:
        routes = [
            Route("/health", self.health, methods=["GET"]),
            Route("/v1/bundles", self.post_bundle, methods=["POST"]),
            Route("/v1/uploads", self.start_upload, methods=["POST"]),
            Route("/v1/uploads/{sha}", self.put_chunk, methods=["PUT"]),
            Route("/v1/uploads/{sha}/commit", self.commit_upload, methods=["POST"]),
            Route("/v1/mailbox", self.mailbox, methods=["GET"]),
            Route("/v1/mailbox/{name}", self.mailbox_file, methods=["GET", "DELETE"]),
        ]
        return RequestLog(Starlette(routes=routes), self.stats)

    def sweep_spool(self, force: bool = False) -> int:
        """Remove what requests that never finished left in the spool, and stale uploads from the shared state
        (at most every ``spool_sweep_seconds`` unless ``force``); return how many spool files went."""
        now = time.monotonic()
        if not force and now - self._swept_at < self.config.spool_sweep_seconds:
            return 0
        self._swept_at = now
        removed = cleanup_spool(self, self.config.spool_max_age_seconds)
        if removed:
            log.info("removed %d abandoned request bodies from the spool", removed)
        with contextlib.suppress(*UNAVAILABLE):
            self.state.sweep(self.config.upload_max_age_seconds, self.config.done_max_age_seconds)
        return removed

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "service": "fieldbook-hub", "api": API, "version": __version__})

    # -- authentication ---------------------------------------------------------------------------------------
    async def _authenticate(self, request: Request, limit: int, spool: bool = False) -> tuple[Peer, _Body]:
        """The enrolled peer that signed ``request``, and its body (read only then, within ``limit``); else
        HubDenied. Until the signature has verified, every refusal is the same 401, whether the node is enrolled
        or not and however large the body it announces."""
        length = _declared_length(request)
        claim = auth.parse_claim(request.headers.get)
        if claim is None:
            raise HubDenied(_unauthorized())
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        peer = await run_in_threadpool(self._peer, claim.node_id)
        if peer is None:
            auth.verify_nobody(claim, request.method, target, length)
            raise HubDenied(_unauthorized())
        keys = PublicKeys(peer.node_id, peer.sign_public, peer.box_public)
        if not auth.verify(claim, keys, request.method, target, length):
            raise HubDenied(_unauthorized())
        request.state.node = peer.node_id
        now = time.time()
        if abs(now - claim.timestamp) > self.config.skew_seconds:
            raise HubDenied(_error(401, "clock_skew", f"the clocks differ by {int(now - claim.timestamp)} s",
                                   {"X-Fieldbook-Hub-Time": str(int(now))}))
        admission = await run_in_threadpool(self.state.admit, peer.node_id, claim.nonce,
                                            2 * self.config.skew_seconds + 60, self.config.rate, self.config.burst)
        if admission.replay:
            raise HubDenied(_unauthorized())
        if peer.revoked_at is not None or (peer.expires_at is not None and peer.expires_at < utcnow()):
            raise HubDenied(_error(403, "forbidden"))
        if admission.wait:
            raise HubDenied(_error(429, "rate_limited", headers={"Retry-After": str(admission.wait)}))
        if length > limit:
            raise HubDenied(_error(413, "too_large", f"at most {limit} bytes per request"))
        return peer, await self._read_body(request, length, claim.body_sha256, spool)

    def _peer(self, node_id: str) -> Peer | None:
        with self.store.read() as session:
            peer = session.get(Peer, node_id)
            return peer if peer is not None and peer.role == NodeRole.FIELD else None

    async def _read_body(self, request: Request, length: int, sha256: str, spool: bool) -> _Body:
        """Exactly ``length`` bytes whose SHA-256 is ``sha256`` (as signed), in memory or in the spool."""
        digest = hashlib.sha256()
        size = 0
        handle, path = None, None
        chunks: list[bytes] = []
        if spool:
            fd, name = tempfile.mkstemp(prefix="post-", suffix=fmt.SUFFIX, dir=self.root / "spool")
            handle, path = os.fdopen(fd, "wb"), Path(name)
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > length:
                    raise _bad_request("the body is longer than its Content-Length")
                digest.update(chunk)
                if handle is not None:
                    await run_in_threadpool(handle.write, chunk)
                else:
                    chunks.append(chunk)
            if size != length:
                raise ClientDisconnect
            if digest.hexdigest() != sha256:
                raise HubDenied(_error(400, "bad_body", "the body does not match the SHA-256 it was signed with"))
        except BaseException:
            if handle is not None:
                handle.close()
                assert path is not None
                path.unlink(missing_ok=True)
            raise
        if handle is not None:
            handle.close()
        return _Body(sha256, size, b"".join(chunks), path)

    async def _guarded(self, request: Request, handler: Callable[[], Awaitable[Response]]) -> Response:
        try:
            return await handler()
        except HubDenied as denied:
            return denied.response
        except ClientDisconnect:
            log.info("client went away during %s %s", request.method, request.url.path)
            return Response(status_code=400)
        except (*UNAVAILABLE, FieldbookError) as exc:
            log.warning("%s %s: the database did not answer (%s)", request.method, request.url.path,
                        type(exc).__name__)
            return self._unavailable()

    def _unavailable(self) -> Response:
        return _error(503, "unavailable", "the hub's database does not answer; try again later",
                      {"Retry-After": str(self.config.retry_after_seconds)})

    # -- pushing bundles --------------------------------------------------------------------------------------
    async def post_bundle(self, request: Request) -> Response:
        async def handle() -> Response:
            _query(request)
            peer, body = await self._authenticate(request, self.config.max_single_bytes, spool=True)
            assert body.path is not None
            try:
                return await self._run_import(peer, body.path)
            finally:
                body.path.unlink(missing_ok=True)
                await run_in_threadpool(self.sweep_spool)
        return await self._guarded(request, handle)

    async def _run_import(self, peer: Peer, path: Path) -> Response:
        """``path`` imported in a thread, at most ``imports_at_once`` at a time in this worker."""
        if self._imports is None:
            self._imports = asyncio.Semaphore(self.config.imports_at_once)
        async with self._imports:
            return await run_in_threadpool(self._import, peer, path)

    def _import(self, peer: Peer, path: Path) -> Response:
        try:
            header = fmt.read_header(path, self.config.limits)
            if header["sender"] != peer.node_id:
                raise BundleRefused(translate("Hub", "The bundle was written by another node than the one "
                                                     "sending it; it was not imported."))
            with self._import_turn():
                report = import_bundle(self.store, path, self.config.limits)
        except BundleRefused as exc:
            self.stats.refused += 1
            return _error(422, "refused", str(exc))
        except (*UNAVAILABLE, FieldbookError) as exc:
            log.warning("import from %s failed: %s", peer.node_id[:8], type(exc).__name__)
            return self._unavailable()
        self.stats.imported += 1
        return JSONResponse(self._report(peer.node_id, report))

    @contextlib.contextmanager
    def _import_turn(self) -> Iterator[None]:
        """On SQLite, the workers of one hub take turns to import through a lock file: the next one starts the
        moment the previous one commits, where SQLite's own busy handler would poll, sleeping up to 100 ms at a
        time (PostgreSQL's advisory lock queues the writers itself)."""
        if fcntl is None or self.store.engine.dialect.name != "sqlite":
            yield
            return
        with open(self.root / "import.lock", "ab") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _report(self, node_id: str, report: ImportReport) -> dict[str, Any]:
        with self.store.engine.connect() as conn:
            held = version_vector(conn, self.store.info.node_id).get(node_id, 0)
        return {"bundle_id": report.bundle_id, "already": report.already, "changes": report.changes,
                "applied": report.applied, "skipped": report.skipped, "proposals": report.proposals,
                "conflicts": report.conflicts, "ack": {node_id: held}}

    # -- resumable uploads ------------------------------------------------------------------------------------
    async def start_upload(self, request: Request) -> Response:
        async def handle() -> Response:
            _query(request)
            peer, body = await self._authenticate(request, 4096)
            size, sha = _upload_spec(body.data)
            if size > min(self.config.limits.max_file_bytes, 2**62):
                return _error(413, "too_large", f"a bundle has at most {self.config.limits.max_file_bytes} bytes")
            found = await run_in_threadpool(self.state.start_upload, peer.node_id, sha, size,
                                            self.config.max_uploads_per_node)
            if found.state == DONE:
                return JSONResponse({"upload": sha, "offset": found.size, "complete": True})
            return JSONResponse({"upload": sha, "offset": found.received, "complete": False})
        return await self._guarded(request, handle)

    async def put_chunk(self, request: Request) -> Response:
        async def handle() -> Response:
            sha = _sha(request)
            offset = _offset(request)
            peer, body = await self._authenticate(request, self.config.max_chunk_bytes)
            status, held = await run_in_threadpool(self.state.append, peer.node_id, sha, offset, body.data)
            if status == "missing":
                return _error(404, "no_upload", "start the upload with POST /v1/uploads")
            if status == "offset":
                return JSONResponse({"error": "offset", "offset": held}, status_code=409)
            if status == "too_large":
                return _error(413, "too_large", "the chunk goes past the declared size")
            return JSONResponse({"upload": sha, "offset": held})
        return await self._guarded(request, handle)

    async def commit_upload(self, request: Request) -> Response:
        async def handle() -> Response:
            sha = _sha(request)
            _query(request)
            peer, _ = await self._authenticate(request, 0)
            return await self._commit(peer, sha)
        return await self._guarded(request, handle)

    async def _commit(self, peer: Peer, sha: str) -> Response:
        """Import a finished upload once, whichever worker is asked (a lease per upload): its bytes assembled in
        the spool, checked against their hash, imported; the answer kept for a commit whose answer was lost."""
        lease = await run_in_threadpool(self.state.hold, f"commit:{peer.node_id}:{sha}", self.config.lease_seconds)
        if lease is None:
            return self._unavailable()
        try:
            assembled = await run_in_threadpool(self._assemble, peer.node_id, sha)
            if isinstance(assembled, Response):
                return assembled
            found, path = assembled
            try:
                response = await self._run_import(peer, path)
            finally:
                path.unlink(missing_ok=True)
            if response.status_code in (200, 422):  # imported (its answer kept), or refused for good
                await run_in_threadpool(self.state.finish_upload, found,
                                        _json_body(response) if response.status_code == 200 else None)
            await run_in_threadpool(self.sweep_spool)
            return response
        finally:
            await run_in_threadpool(lease.release)

    def _assemble(self, node_id: str, sha: str) -> Response | tuple[Transfer, Path]:
        """The finished upload's bytes in a spool file, checked against their SHA-256; or the answer why not."""
        found = self.state.transfer(node_id, "up", sha)
        if found is not None and found.state == DONE and found.result is not None:
            return JSONResponse(found.result)
        if found is None:
            return _error(404, "no_upload", "start the upload with POST /v1/uploads")
        if found.received != found.size:
            return JSONResponse({"error": "incomplete", "offset": found.received}, status_code=409)
        fd, name = tempfile.mkstemp(prefix="upload-", suffix=fmt.SUFFIX, dir=self.root / "spool")
        path = Path(name)
        with os.fdopen(fd, "wb") as out:
            written = self.state.copy_to(found, out)
        if written != found.size or _sha256_file(path) != sha:
            path.unlink(missing_ok=True)
            self.state.finish_upload(found, None)
            return _error(422, "damaged", "the uploaded bytes do not match their SHA-256; upload again")
        return found, path

    # -- the mailbox ------------------------------------------------------------------------------------------
    async def mailbox(self, request: Request) -> Response:
        async def handle() -> Response:
            _query(request)
            peer, _ = await self._authenticate(request, 0)
            return await run_in_threadpool(self._mailbox, peer.node_id)
        return await self._guarded(request, handle)

    def _mailbox(self, node_id: str) -> Response:
        waiting = self.state.waiting(node_id, self.config.mailbox_max_age_seconds)
        if waiting is not None:
            return JSONResponse(waiting.result)
        with self.state.lease(f"mailbox:{node_id}", self.config.lease_seconds) as held:
            if not held:
                return self._unavailable()
            waiting = self.state.waiting(node_id, self.config.mailbox_max_age_seconds)
            if waiting is not None:  # another worker made it meanwhile
                return JSONResponse(waiting.result)
            folder = Path(tempfile.mkdtemp(prefix="mailbox-", dir=self.root / "outgoing"))
            try:
                try:
                    results = export_bundles(self.store, folder, to=node_id, limits=self.config.limits, force=False)
                except (*UNAVAILABLE, FieldbookError) as exc:
                    log.warning("export for %s failed: %s", node_id[:8], type(exc).__name__)
                    return self._unavailable()
                made = [r for r in results if r.path is not None]
                if not made:
                    self.state.drop_mailbox(node_id)
                    return JSONResponse({"bundle": None})
                path = made[0].path
                assert path is not None
                sha = _sha256_file(path)
                info = {"bundle": path.name, "size": path.stat().st_size, "sha256": sha, "changes": made[0].changes,
                        "made_at": time.time()}
                self.state.put_mailbox(node_id, path, sha, info)
                return JSONResponse(info)
            finally:
                for leftover in folder.iterdir():
                    leftover.unlink(missing_ok=True)
                folder.rmdir()

    async def mailbox_file(self, request: Request) -> Response:
        async def handle() -> Response:
            name = request.path_params["name"]
            _query(request)
            wanted = request.headers.get("range") if request.method == "GET" else None
            peer, _ = await self._authenticate(request, 0)
            if not NAME_RE.fullmatch(name):
                return _error(404, "not_found")
            if request.method == "DELETE":
                await run_in_threadpool(self.state.drop_mailbox, peer.node_id, name)
                return Response(status_code=204)
            found = await run_in_threadpool(self.state.transfer, peer.node_id, MAILBOX, name)
            if found is None or found.state != DONE:
                return _error(404, "not_found")
            if wanted is not None:
                self.stats.range_requests += 1
            return self._file_response(found, wanted)
        return await self._guarded(request, handle)

    def _file_response(self, found: Transfer, wanted: str | None) -> Response:
        """The stored bundle, whole (200) or one range of it (206); several ranges are not served (416)."""
        size = found.size
        headers = {"Accept-Ranges": "bytes", "Content-Type": "application/octet-stream"}
        start, end, status = 0, size - 1, 200
        if wanted is not None:
            if "," in wanted:
                raise HubDenied(_error(416, "one_range_only", "ask for one range at a time",
                                       {"Content-Range": f"bytes */{size}"}))
            match = RANGE_RE.fullmatch(wanted.strip())
            if match is None:
                raise _bad_request("Range must be bytes=FIRST- or bytes=FIRST-LAST")
            start = int(match.group(1))
            end = min(int(match.group(2)) if match.group(2) else size - 1, size - 1)
            if start >= size or start > end:
                raise HubDenied(_error(416, "not_satisfiable", headers={"Content-Range": f"bytes */{size}"}))
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        headers["Content-Length"] = str(end - start + 1)
        return StreamingResponse(self._pieces(found, start, end), status_code=status, headers=headers)

    def _pieces(self, found: Transfer, start: int, end: int) -> Iterator[bytes]:
        yield from self.state.read(found, start, end)


def _declared_length(request: Request) -> int:
    """The body length the request announces (0 without one); a body of unannounced length is refused."""
    if request.headers.get("transfer-encoding") is not None:
        raise HubDenied(_error(411, "length_required", "send the body with a Content-Length"))
    declared = request.headers.get("content-length")
    if declared is None:
        return 0
    try:
        return strict.ascii_int(declared, max_digits=19)
    except ValueError:
        raise _bad_request("Content-Length must be ASCII digits") from None


def _query(request: Request, allowed: tuple[str, ...] = ()) -> dict[str, str]:
    """The query values of ``request`` (only the names ``allowed``, each once), or 400."""
    raw = request.url.query
    if not raw:
        return {}
    try:
        pairs = urllib.parse.parse_qsl(raw, keep_blank_values=True, strict_parsing=True, encoding="utf-8",
                                       errors="strict", max_num_fields=max(1, len(allowed)))
    except (ValueError, UnicodeDecodeError):
        raise _bad_request("the query is not well formed") from None
    names = [name for name, _ in pairs]
    if len(set(names)) != len(names) or not set(names) <= set(allowed):
        raise _bad_request("unexpected query parameters")
    return dict(pairs)


def _offset(request: Request) -> int:
    try:
        return strict.ascii_int(_query(request, ("offset",)).get("offset"), max_digits=19)
    except ValueError:
        raise _bad_request("PUT /v1/uploads/{sha256}?offset=N with N in ASCII digits") from None


def _sha(request: Request) -> str:
    sha = str(request.path_params["sha"])
    if not SHA_RE.fullmatch(sha):
        raise _bad_request("the upload is named by the SHA-256 of the bundle (64 hex digits)")
    return sha


def _upload_spec(data: bytes) -> tuple[int, str]:
    """``{"size": n, "sha256": hex}`` of POST /v1/uploads (a count, not 1e400; a hash; nothing nested), or 400."""
    try:
        spec = strict.loads(data, max_depth=1)
    except ValueError:
        spec = None
    size, sha = (spec.get("size"), spec.get("sha256")) if isinstance(spec, dict) else (None, None)
    if (not isinstance(size, int) or isinstance(size, bool) or size <= 0 or not isinstance(sha, str)
            or not SHA_RE.fullmatch(sha)):
        raise _bad_request('expected {"size": n, "sha256": hex}')
    return size, sha


def _json_body(response: Response) -> dict[str, Any]:
    value = json.loads(bytes(response.body))
    return dict(value) if isinstance(value, dict) else {}


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


# -- running ------------------------------------------------------------------------------------------------------
def make_server(service: HubService, host: str, port: int, graceful_seconds: float = 30.0) -> Any:
    """A uvicorn server for ``service``; on SIGINT/SIGTERM it stops taking connections and lets the requests in
    flight finish (at most ``graceful_seconds``)."""
    import uvicorn

    config = uvicorn.Config(service.app, host=host, port=port, log_config=None, access_log=False,
                            lifespan="off", timeout_keep_alive=5, limit_concurrency=512,
                            server_header=False, date_header=True, timeout_graceful_shutdown=int(graceful_seconds))
    return uvicorn.Server(config)


def cleanup_spool(service: HubService, max_age_seconds: float, now: float | None = None) -> int:
    """Remove the files of the spool not modified for ``max_age_seconds`` (bodies of requests that never finished:
    a finished request removes its own); return how many were removed."""
    folder = service.root / "spool"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    limit = (time.time() if now is None else now) - max_age_seconds
    removed = 0
    for path in folder.iterdir():
        with contextlib.suppress(FileNotFoundError):
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
    return removed
