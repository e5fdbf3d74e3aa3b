"""The hub's request log: one line per request in a file of its own, that a flood of bad requests cannot flush.

Each line: method, path (cut at 200 characters), the first 8 characters of the authenticated node, status, bytes in
and out, milliseconds. Never a body, a header value or a client address. Lines of refused requests (status 400
and above) are limited per client address (``per_address`` a minute, then one summary line a minute saying how
many were left out) and all together (``overall``), so 1,600 garbage requests in three seconds write a dozen
lines, not 1,600 tracebacks. Anything that escapes a handler is answered 500 ``{"error": "internal"}`` and logged as
one line (the traceback at most once a minute): bad input never reaches that far (app/sync/hub/server.py).

The lines go to ``logs/hub-requests.log`` (rotating, 10 x 5 MB) and to stderr of ``hub serve``; the node's own log
(``logs/fieldbook.log``) keeps only the hub's warnings, so its history is not rotated away by traffic.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.logs import ScrubFilter

log = logging.getLogger("app.sync.hub.requests")
LOG_FILE = "hub-requests.log"
INTERNAL = b'{"error":"internal"}'


@dataclass
class HubStats:
    requests: int = 0
    imported: int = 0
    refused: int = 0
    range_requests: int = 0
    suppressed: int = 0
    by_status: dict[int, int] = field(default_factory=dict)


class ErrorLines:
    """How many lines of refused requests may still be written this minute, per client address and overall."""

    def __init__(self, per_address: int = 10, overall: int = 120,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_address, self.overall = per_address, overall
        self.clock = clock
        self._window = 0.0
        self._counts: OrderedDict[str, int] = OrderedDict()
        self._total = 0
        self._left_out = 0
        self._lock = threading.Lock()

    def allow(self, address: str) -> tuple[bool, int]:
        """(whether to write this line, how many lines were left out in the minute that just ended)."""
        now = self.clock()
        with self._lock:
            ended = 0
            if now - self._window >= 60:
                ended, self._left_out = self._left_out, 0
                self._window, self._total = now, 0
                self._counts.clear()
            count = self._counts.get(address, 0) + 1
            self._counts[address] = count
            while len(self._counts) > 10_000:  # many addresses: forget the oldest counts
                self._counts.popitem(last=False)
            if count > self.per_address or self._total >= self.overall:
                self._left_out += 1
                return False, ended
            self._total += 1
            return True, ended


class RequestLog:
    """ASGI middleware: the line per request (see the module docstring) and the last word on unexpected errors."""

    def __init__(self, app: ASGIApp, stats: HubStats, lines: ErrorLines | None = None) -> None:
        self.app, self.stats = app, stats
        self.lines = lines or ErrorLines()
        self._traceback_at = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        seen = {"status": 0, "in": 0, "out": 0, "started": False}

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen["in"] += len(message.get("body", b""))
            return message

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"], seen["started"] = int(message["status"]), True
                self._count(seen["status"])  # before the client sees the answer, so whoever then asks finds it
            elif message["type"] == "http.response.body":
                seen["out"] += len(message.get("body", b""))
            await send(message)

        failure: BaseException | None = None
        try:
            await self.app(scope, counting_receive, counting_send)
        except Exception as exc:  # a bug: one line, never a traceback per request
            failure = exc
            if not seen["started"]:
                await counting_send({"type": "http.response.start", "status": 500,
                                     "headers": [(b"content-type", b"application/json"),
                                                 (b"content-length", str(len(INTERNAL)).encode())]})
                await counting_send({"type": "http.response.body", "body": INTERNAL})
        finally:
            self._line(scope, seen, started, failure)

    def _count(self, status: int) -> None:
        self.stats.requests += 1
        self.stats.by_status[status] = self.stats.by_status.get(status, 0) + 1

    def _line(self, scope: Scope, seen: dict[str, int], started: float, failure: BaseException | None) -> None:
        status = int(seen["status"])
        if not seen["started"]:  # no answer began (the client went away): counted here
            self._count(status)
        if status >= 400 or failure is not None:
            client = scope.get("client") or ("-", 0)
            allowed, left_out = self.lines.allow(str(client[0]))
            if left_out:
                log.warning("%d lines of refused requests were left out in the last minute", left_out)
            if not allowed:
                self.stats.suppressed += 1
                return
        node = str(scope.get("state", {}).get("node", "-"))[:8]
        log.info("%s %s node=%s status=%d in=%d out=%d %.1fms", scope.get("method", "?"),
                 _loggable_path(scope.get("path", "")), node, status, seen["in"], seen["out"],
                 (time.perf_counter() - started) * 1000)
        if failure is not None:
            now = time.monotonic()
            if now - self._traceback_at >= 60:
                self._traceback_at = now
                logging.getLogger("app.sync.hub").error("unexpected error in the hub", exc_info=failure)
            else:
                logging.getLogger("app.sync.hub").error("unexpected error in the hub: %s", type(failure).__name__)


def _loggable_path(path: str) -> str:
    return path if len(path) <= 200 else path[:200] + "…"


def open_request_log(log_dir: Path | None, console: bool = True) -> list[logging.Handler]:
    """Send the request lines to ``log_dir/hub-requests.log`` (and stderr); return the handlers (to remove)."""
    handlers: list[logging.Handler] = []
    formatter = logging.Formatter("%(asctime)s %(message)s")
    if log_dir is not None:
        log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        rotating = logging.handlers.RotatingFileHandler(log_dir / LOG_FILE, maxBytes=5_000_000, backupCount=10,
                                                        encoding="utf-8", delay=True)
        rotating.setFormatter(formatter)
        rotating.addFilter(ScrubFilter())
        handlers.append(rotating)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        handlers.append(stream)
    for handler in handlers:
        log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    return handlers


def close_request_log(handlers: list[logging.Handler]) -> None:
    for handler in handlers:
        log.removeHandler(handler)
        handler.close()
