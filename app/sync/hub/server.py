"""The hub's HTTP mailbox (ARCHITECTURE.md "Transports"; protocol in docs/hub.md).

A Starlette application served by uvicorn. Field nodes push bundles addressed to the hub and pull the bundle the
hub makes for them; everything a bundle carries is checked and applied by the same code as a USB import
(:func:`app.sync.importer.import_bundle`), and what the hub sends is what ``bundle export`` would write
(:func:`app.sync.export.export_bundles`). HTTP adds only transport: request signatures (``auth``), resumable
uploads (chunks at offsets) and downloads (HTTP Range), size limits, a rate limit and a request log.

Endpoints (all but ``/health`` signed by an enrolled field node):

    GET    /health                          liveness; no authentication, no personal data
    POST   /v1/bundles                      a whole bundle in the body (small bundles)
    POST   /v1/uploads                      {"size", "sha256"} → {"upload", "offset"}: start or resume an upload
    PUT    /v1/uploads/{sha256}?offset=N    the next chunk → {"offset"}; 409 with the hub's offset if N is wrong
    POST   /v1/uploads/{sha256}/commit      verify size and hash, import → the import report
    GET    /v1/mailbox                      the bundle waiting for this node → {"bundle", "size", "sha256"} or null
    GET    /v1/mailbox/{name}               its bytes (Range supported, so a broken download resumes)
    DELETE /v1/mailbox/{name}               the node imported it; the next GET /v1/mailbox makes a fresh one
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app.db.epochs import current_origin
from app.errors import FieldbookError, ValidationError
from app.i18n import translate
from app.models import Peer
from app.models.base import utcnow
from app.models.enums import NodeRole
from app.sync import bundle as fmt
from app.sync.bundle import LIMITS, BundleRefused, Limits
from app.sync.export import export_bundles
from app.sync.hub import auth
from app.sync.importer import ImportReport, import_bundle
from app.sync.keys import PublicKeys
from app.sync.vector import version_vector

log = logging.getLogger(__name__)
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
NAME_RE = re.compile(r"^fieldbook-[0-9a-f]{8}-to-[0-9a-f]{8}-\d{6,}\.fbb$")
API = 1


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
    #: requests per second per node, and how many may come at once
    rate: float = 20.0
    burst: int = 60
    #: a bundle waiting in a mailbox is made again after this long (it stays valid: bundles are cumulative)
    mailbox_max_age_seconds: int = 600
    #: a spooled request body untouched this long was left by a request that never finished (a hub killed while
    #: reading or importing it); a body being received is written continuously and removed once imported
    spool_max_age_seconds: int = 3600
    #: the spool is swept when the hub starts and after a finished import, at most this often
    spool_sweep_seconds: int = 600


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


@dataclass
class _Body:
    sha256: str
    size: int
    data: bytes = b""
    path: Path | None = None


@dataclass
class HubStats:
    requests: int = 0
    imported: int = 0
    refused: int = 0
    range_requests: int = 0
    by_status: dict[int, int] = field(default_factory=dict)


class HubService:
    """The mailbox of one hub node (an open :class:`~app.db.store.Store` logged in as a hub user)."""

    def __init__(self, store: Any, config: HubConfig | None = None) -> None:
        from app.sync.keys import node_keys

        if store.info.role != NodeRole.HUB:
            raise ValidationError(translate("Hub", "Only a hub serves the mailbox; this node is a field node."))
        self.store = store
        self.config = config or HubConfig()
        self.keys = node_keys(store)
        self.root: Path = store.paths.root / "hub"
        for folder in (self.root, self.root / "uploads", self.root / "mailbox", self.root / "spool"):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.nonces = auth.NonceCache(ttl_seconds=2 * self.config.skew_seconds + 60)
        self.limiter = auth.RateLimiter(self.config.rate, self.config.burst)
        self.stats = HubStats()
        # SQLite takes one writer at a time anyway (BEGIN IMMEDIATE); queueing here spares the busy timeout.
        # PostgreSQL serializes writers with an advisory lock, so reads (exports) go on in parallel there.
        self._db_lock: threading.Lock | contextlib.nullcontext[None] = (
            threading.Lock() if store.engine.dialect.name == "sqlite" else contextlib.nullcontext())
        self._node_locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self._swept_at = 0.0
        self.sweep_spool(force=True)
        self.app = self._build()

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
        app = Starlette(routes=routes)
        return RequestLog(app, self.stats)

    def sweep_spool(self, force: bool = False) -> int:
        """Remove what requests that never finished left in the spool (at most every ``spool_sweep_seconds``
        unless ``force``); return how many files went."""
        now = time.monotonic()
        if not force and now - self._swept_at < self.config.spool_sweep_seconds:
            return 0
        self._swept_at = now
        removed = cleanup_spool(self, self.config.spool_max_age_seconds)
        if removed:
            log.info("removed %d abandoned request bodies from the spool", removed)
        return removed

    def node_lock(self, node_id: str) -> threading.Lock:
        with self._locks_lock:
            return self._node_locks.setdefault(node_id, threading.Lock())

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "service": "fieldbook-hub", "api": API, "version": __version__})

    # -- authentication ---------------------------------------------------------------------------------------
    async def _authenticate(self, request: Request, limit: int, spool: bool = False
                            ) -> tuple[Peer, _Body]:
        """The enrolled peer that signed ``request``, and its body (read within ``limit``); else HubDenied."""
        claim = auth.parse_claim(request.headers.get)
        if claim is None:
            raise HubDenied(_unauthorized())
        peer = await run_in_threadpool(self._peer, claim.node_id)
        if peer is None:
            raise HubDenied(_unauthorized())
        body = await self._read_body(request, limit, spool)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        keys = PublicKeys(peer.node_id, peer.sign_public, peer.box_public)
        if not auth.verify(claim, keys, request.method, target, body.sha256):
            self._discard(body)
            raise HubDenied(_unauthorized())
        request.state.node = peer.node_id
        now = time.time()
        if abs(now - claim.timestamp) > self.config.skew_seconds:
            self._discard(body)
            raise HubDenied(_error(401, "clock_skew", f"the clocks differ by {int(now - claim.timestamp)} s",
                                   {"X-Fieldbook-Hub-Time": str(int(now))}))
        if not self.nonces.add(peer.node_id, claim.nonce):
            self._discard(body)
            raise HubDenied(_unauthorized())
        if peer.revoked_at is not None or (peer.expires_at is not None and peer.expires_at < utcnow()):
            self._discard(body)
            raise HubDenied(_error(403, "forbidden"))
        wait = self.limiter.take(peer.node_id)
        if wait:
            self._discard(body)
            raise HubDenied(_error(429, "rate_limited", headers={"Retry-After": str(wait)}))
        return peer, body

    def _peer(self, node_id: str) -> Peer | None:
        with self.store.read() as session:
            peer = session.get(Peer, node_id)
            return peer if peer is not None and peer.role == NodeRole.FIELD else None

    async def _read_body(self, request: Request, limit: int, spool: bool) -> _Body:
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            raise HubDenied(_error(413, "too_large", f"at most {limit} bytes per request"))
        digest = hashlib.sha256()
        size = 0
        handle = None
        path = None
        chunks: list[bytes] = []
        if spool:
            fd, name = tempfile.mkstemp(prefix="post-", suffix=fmt.SUFFIX, dir=self.root / "spool")
            handle, path = os.fdopen(fd, "wb"), Path(name)
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise HubDenied(_error(413, "too_large", f"at most {limit} bytes per request"))
                digest.update(chunk)
                if handle is not None:
                    await run_in_threadpool(handle.write, chunk)
                else:
                    chunks.append(chunk)
            if declared is not None and size != int(declared):
                raise ClientDisconnect
        except BaseException:
            if handle is not None:
                handle.close()
                assert path is not None
                path.unlink(missing_ok=True)
            raise
        if handle is not None:
            handle.close()
        return _Body(digest.hexdigest(), size, b"".join(chunks), path)

    @staticmethod
    def _discard(body: _Body) -> None:
        if body.path is not None:
            body.path.unlink(missing_ok=True)

    async def _guarded(self, request: Request, handler: Callable[[], Awaitable[Response]]) -> Response:
        try:
            return await handler()
        except HubDenied as denied:
            return denied.response
        except ClientDisconnect:
            log.info("client went away during %s %s", request.method, request.url.path)
            return Response(status_code=400)

    # -- pushing bundles --------------------------------------------------------------------------------------
    async def post_bundle(self, request: Request) -> Response:
        async def handle() -> Response:
            peer, body = await self._authenticate(request, self.config.max_single_bytes, spool=True)
            assert body.path is not None
            try:
                return await run_in_threadpool(self._import, peer, body.path)
            finally:
                body.path.unlink(missing_ok=True)
                await run_in_threadpool(self.sweep_spool)
        return await self._guarded(request, handle)

    def _import(self, peer: Peer, path: Path) -> Response:
        try:
            header = fmt.read_header(path, self.config.limits)
            if header["sender"] != peer.node_id:
                raise BundleRefused(translate("Hub", "The bundle was written by another node than the one "
                                                     "sending it; it was not imported."))
            with self._db_lock:
                report = import_bundle(self.store, path, self.config.limits)
        except BundleRefused as exc:
            self.stats.refused += 1
            return _error(422, "refused", str(exc))
        except FieldbookError as exc:
            log.warning("import from %s failed: %s", peer.node_id[:8], type(exc).__name__)
            return _error(503, "unavailable", str(exc), {"Retry-After": "5"})
        self.stats.imported += 1
        return JSONResponse(self._report(peer.node_id, report))

    def _report(self, node_id: str, report: ImportReport) -> dict[str, Any]:
        with self.store.engine.connect() as conn:
            origin = current_origin(conn, node_id)  # the node's changes carry its current epoch's origin
            held = version_vector(conn, self.store.origin).get(origin, 0)
        return {"bundle_id": report.bundle_id, "already": report.already, "changes": report.changes,
                "applied": report.applied, "skipped": report.skipped, "proposals": report.proposals,
                "conflicts": report.conflicts, "ack": {origin: held}}

    # -- resumable uploads ------------------------------------------------------------------------------------
    def _upload_dir(self, node_id: str) -> Path:
        folder = self.root / "uploads" / node_id
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder

    async def start_upload(self, request: Request) -> Response:
        async def handle() -> Response:
            peer, body = await self._authenticate(request, 4096)
            try:
                spec = json.loads(body.data)
                size, sha = int(spec["size"]), str(spec["sha256"])
            except (ValueError, KeyError, TypeError):
                return _error(400, "bad_request", "expected {\"size\": n, \"sha256\": hex}")
            if not SHA_RE.match(sha) or size <= 0:
                return _error(400, "bad_request", "expected {\"size\": n, \"sha256\": hex}")
            if size > min(self.config.limits.max_file_bytes, 2**62):
                return _error(413, "too_large", f"a bundle has at most {self.config.limits.max_file_bytes} bytes")
            return await run_in_threadpool(self._start_upload, peer.node_id, sha, size)
        return await self._guarded(request, handle)

    def _start_upload(self, node_id: str, sha: str, size: int) -> Response:
        folder = self._upload_dir(node_id)
        with self.node_lock(node_id):
            done = folder / f"{sha}.done"
            if done.exists():
                return JSONResponse({"upload": sha, "offset": size, "complete": True})
            meta, part = folder / f"{sha}.json", folder / f"{sha}.part"
            offset = part.stat().st_size if part.exists() else 0
            if meta.exists() and json.loads(meta.read_text()).get("size") != size:
                part.unlink(missing_ok=True)
                offset = 0
            if offset > size:
                part.unlink(missing_ok=True)
                offset = 0
            if not part.exists():
                others = sorted(folder.glob("*.part"), key=lambda p: p.stat().st_mtime)
                for stale in others[:max(0, len(others) - self.config.max_uploads_per_node + 1)]:
                    stale.unlink(missing_ok=True)
                    stale.with_suffix(".json").unlink(missing_ok=True)
                part.touch(mode=0o600)
            meta.write_text(json.dumps({"size": size, "started": utcnow().isoformat(timespec="seconds")}))
        return JSONResponse({"upload": sha, "offset": offset, "complete": False})

    async def put_chunk(self, request: Request) -> Response:
        async def handle() -> Response:
            sha = request.path_params["sha"]
            offset_text = request.query_params.get("offset", "")
            peer, body = await self._authenticate(request, self.config.max_chunk_bytes)
            if not SHA_RE.match(sha) or not offset_text.isdigit():
                return _error(400, "bad_request", "PUT /v1/uploads/{sha256}?offset=N")
            return await run_in_threadpool(self._append, peer.node_id, sha, int(offset_text), body.data)
        return await self._guarded(request, handle)

    def _append(self, node_id: str, sha: str, offset: int, data: bytes) -> Response:
        folder = self._upload_dir(node_id)
        with self.node_lock(node_id):
            part, meta = folder / f"{sha}.part", folder / f"{sha}.json"
            if not part.exists() or not meta.exists():
                return _error(404, "no_upload", "start the upload with POST /v1/uploads")
            size = int(json.loads(meta.read_text())["size"])
            current = part.stat().st_size
            if offset != current:
                return JSONResponse({"error": "offset", "offset": current}, status_code=409)
            if current + len(data) > size:
                return _error(413, "too_large", "the chunk goes past the declared size")
            with open(part, "ab") as out:
                out.write(data)
            return JSONResponse({"upload": sha, "offset": current + len(data)})

    async def commit_upload(self, request: Request) -> Response:
        async def handle() -> Response:
            sha = request.path_params["sha"]
            peer, _ = await self._authenticate(request, 0)
            if not SHA_RE.match(sha):
                return _error(400, "bad_request", "POST /v1/uploads/{sha256}/commit")
            return await run_in_threadpool(self._commit, peer, sha)
        return await self._guarded(request, handle)

    def _commit(self, peer: Peer, sha: str) -> Response:
        folder = self._upload_dir(peer.node_id)
        with self.node_lock(peer.node_id):
            done = folder / f"{sha}.done"
            if done.exists():  # the answer to a commit whose response was lost on the way
                return JSONResponse(json.loads(done.read_text()))
            part, meta = folder / f"{sha}.part", folder / f"{sha}.json"
            if not part.exists() or not meta.exists():
                return _error(404, "no_upload", "start the upload with POST /v1/uploads")
            size = int(json.loads(meta.read_text())["size"])
            if part.stat().st_size != size:
                return JSONResponse({"error": "incomplete", "offset": part.stat().st_size}, status_code=409)
            digest = hashlib.sha256()
            with open(part, "rb") as handle:
                for block in iter(lambda: handle.read(1024 * 1024), b""):
                    digest.update(block)
            if digest.hexdigest() != sha:
                part.unlink(missing_ok=True)
                meta.unlink(missing_ok=True)
                return _error(422, "damaged", "the uploaded bytes do not match their SHA-256; upload again")
            response = self._import(peer, part)
            part.unlink(missing_ok=True)
            meta.unlink(missing_ok=True)
            self.sweep_spool()
            if response.status_code == 200:
                done.write_bytes(bytes(response.body))
                finished = sorted(folder.glob("*.done"), key=lambda p: p.stat().st_mtime)
                for old in finished[:-20]:
                    old.unlink(missing_ok=True)
            return response

    # -- the mailbox ------------------------------------------------------------------------------------------
    def _mailbox_dir(self, node_id: str) -> Path:
        folder = self.root / "mailbox" / node_id
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder

    async def mailbox(self, request: Request) -> Response:
        async def handle() -> Response:
            peer, _ = await self._authenticate(request, 0)
            return await run_in_threadpool(self._mailbox, peer.node_id)
        return await self._guarded(request, handle)

    def _mailbox(self, node_id: str) -> Response:
        folder = self._mailbox_dir(node_id)
        with self.node_lock(node_id):
            waiting = self._waiting(folder)
            if waiting is not None:
                return JSONResponse(waiting)
            for old in folder.iterdir():
                old.unlink(missing_ok=True)
            try:
                with self._db_lock:
                    results = export_bundles(self.store, folder, to=node_id, limits=self.config.limits, force=False)
            except FieldbookError as exc:
                log.warning("export for %s failed: %s", node_id[:8], type(exc).__name__)
                return _error(503, "unavailable", str(exc), {"Retry-After": "5"})
            made = [r for r in results if r.path is not None]
            if not made:
                return JSONResponse({"bundle": None})
            path = made[0].path
            assert path is not None
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1024 * 1024), b""):
                    digest.update(block)
            info = {"bundle": path.name, "size": path.stat().st_size, "sha256": digest.hexdigest(),
                    "changes": made[0].changes, "made_at": time.time()}
            (folder / "waiting.json").write_text(json.dumps(info))
            return JSONResponse(info)

    def _waiting(self, folder: Path) -> dict[str, Any] | None:
        try:
            info = json.loads((folder / "waiting.json").read_text())
        except (OSError, ValueError):
            return None
        fresh = time.time() - float(info.get("made_at", 0)) < self.config.mailbox_max_age_seconds
        if fresh and (folder / str(info.get("bundle"))).is_file():
            return dict(info)
        return None

    async def mailbox_file(self, request: Request) -> Response:
        async def handle() -> Response:
            name = request.path_params["name"]
            peer, _ = await self._authenticate(request, 0)
            if not NAME_RE.match(name):
                return _error(404, "not_found")
            folder = self._mailbox_dir(peer.node_id)
            path = folder / name
            if request.method == "DELETE":
                with self.node_lock(peer.node_id):
                    waiting = self._waiting(folder)
                    if waiting is not None and waiting.get("bundle") == name:
                        (folder / "waiting.json").unlink(missing_ok=True)
                    path.unlink(missing_ok=True)
                return Response(status_code=204)
            if not path.is_file():
                return _error(404, "not_found")
            if "range" in request.headers:
                self.stats.range_requests += 1
            return FileResponse(path, media_type="application/octet-stream")
        return await self._guarded(request, handle)


class RequestLog:
    """One log line per request: method, path, node id prefix, status, bytes in and out, milliseconds. Never a
    body, a header value or a client address."""

    def __init__(self, app: ASGIApp, stats: HubStats) -> None:
        self.app, self.stats = app, stats

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        seen = {"status": 0, "in": 0, "out": 0}

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen["in"] += len(message.get("body", b""))
            return message

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = int(message["status"])
            elif message["type"] == "http.response.body":
                seen["out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, counting_send)
        finally:
            node = str(scope.get("state", {}).get("node", "-"))[:8]
            status = seen["status"]
            self.stats.requests += 1
            self.stats.by_status[status] = self.stats.by_status.get(status, 0) + 1
            log.info("%s %s node=%s status=%d in=%d out=%d %.1fms", scope.get("method", "?"),
                     _loggable_path(scope.get("path", "")), node, status, seen["in"], seen["out"],
                     (time.perf_counter() - started) * 1000)


def _loggable_path(path: str) -> str:
    return path if len(path) <= 200 else path[:200] + "…"


# -- running ------------------------------------------------------------------------------------------------------
def make_server(service: HubService, host: str, port: int) -> Any:
    import uvicorn

    config = uvicorn.Config(service.app, host=host, port=port, log_config=None, access_log=False,
                            lifespan="off", timeout_keep_alive=5, limit_concurrency=512,
                            server_header=False, date_header=True)
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

