"""``hub serve --workers N``: one listening socket, N worker processes (issue 23.1).

The supervisor opens the store once (the data key stays in memory: no password travels to the workers), prepares
the shared state, binds the socket and forks the workers; each drops the parent's database connections, opens its
own, and serves the socket with uvicorn. Everything requests share lives in the database (app/sync/hub/state.py),
so any worker may answer any request. A worker that dies is replaced (no faster than once a second).

Stopping (SIGTERM from systemd, or Ctrl+C): the supervisor passes SIGTERM on; each worker stops taking connections
and lets the requests in flight finish (``graceful_seconds``), then exits. Uploads in progress are in the database:
after a restart the laptops continue them where they stopped. ``--workers 1`` (the default) serves in this process,
without a supervisor; several workers need ``fork`` (Linux and other Unix systems).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

from app.errors import StoreError, ValidationError
from app.i18n import translate

log = logging.getLogger("app.sync.hub")
MAX_WORKERS = 64


def check_workers(workers: int) -> None:
    if not 1 <= workers <= MAX_WORKERS:
        raise ValidationError(translate("Hub", "--workers takes 1 to {most} worker processes.", most=MAX_WORKERS))
    if workers > 1 and not hasattr(os, "fork"):
        raise ValidationError(translate("Hub", "Several workers need a Unix system; on this one, serve with "
                                               "--workers 1."))


def bind(host: str, port: int) -> socket.socket:
    """The listening socket every worker shares; StoreError if the address is taken or not allowed."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise StoreError(translate("CLI", "The hub could not listen on {host}:{port} (in use, or not allowed).",
                                   host=host, port=port)) from exc
    sock.set_inheritable(True)
    return sock


def run_workers(service: Any, sock: socket.socket, workers: int, make_server: Callable[..., Any],
                graceful_seconds: float = 30.0) -> int:
    """Fork ``workers`` processes serving ``sock`` and supervise them until SIGTERM or SIGINT; return 0."""
    children: dict[int, int] = {}
    stopping = False
    started_at: dict[int, float] = {}

    def start(slot: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                # its own process group: Ctrl+C reaches the supervisor only, which passes one SIGTERM on (a
                # second signal would make uvicorn drop the requests in flight)
                os.setpgid(0, 0)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                service.after_fork()
                server = make_server(service, "127.0.0.1", 0, graceful_seconds=graceful_seconds)
                server.run(sockets=[sock])
                code = 0
            except BaseException:  # a worker reports and exits; the supervisor replaces it
                log.exception("hub worker %d stopped", slot)
            finally:
                logging.shutdown()
                os._exit(code)
        children[pid] = slot
        started_at[slot] = time.monotonic()

    def stop(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        for first in range(workers):
            start(first)
        log.info("hub: %d workers serving", workers)
        while children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            slot = children.pop(pid, -1)
            if slot < 0 or stopping:
                continue
            log.warning("hub worker %d ended (status %d); starting another", slot, status)
            time.sleep(max(0.0, 1.0 - (time.monotonic() - started_at.get(slot, 0.0))))
            if not stopping:
                start(slot)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
    sys.stdout.flush()
    return 0
