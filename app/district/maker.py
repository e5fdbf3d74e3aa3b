"""The demo's row maker: a second Python process that makes the rows of ``demo`` while the first one writes them.

Started by :func:`start` as ``python -m app.district.maker`` (a fresh interpreter, so no Qt, SQLite or thread
state is copied, and the caller's own ``__main__`` is never imported again, as ``multiprocessing``'s spawn would).
The plan arrives pickled on stdin; each message goes back on stdout as an 8-byte length and a pickle:
``("batch", [PreparedRows...], {kind: count})`` per batch, then ``("done", last clock stamp, None)``, or
``("failed", message, traceback)``. The pipe's buffer is the only queue: the maker waits while the writer is
behind. Both ends are this program, so unpickling the other's messages trusts nothing it would not run itself.
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

_LENGTH = struct.Struct("!Q")


def _send(out: IO[bytes], message: tuple[str, Any, Any]) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_LENGTH.pack(len(data)))
    out.write(data)
    out.flush()


def _receive(source: IO[bytes]) -> tuple[str, Any, Any] | None:
    head = source.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = source.read(size)
    if len(data) < size:
        return None
    message: tuple[str, Any, Any] = pickle.loads(data)  # noqa: S301 - from our own child process
    return message


@contextmanager
def start(plan: Any) -> Iterator[Iterator[tuple[str, Any, Any]]]:
    """Start the maker on ``plan``; yields its messages ("batch"... then "done"); a failure of the maker is raised
    here as RuntimeError with its message. The maker is stopped when the block ends early."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(root), os.environ.get("PYTHONPATH")) if p),
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    process = subprocess.Popen([sys.executable, "-m", "app.district.maker"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))
        process.stdin.close()

        def messages() -> Iterator[tuple[str, Any, Any]]:
            assert process.stdout is not None
            while (message := _receive(process.stdout)) is not None:
                if message[0] == "failed":
                    raise RuntimeError(f"the demo's row maker failed: {message[1]}\n{message[2]}")
                yield message
                if message[0] == "done":
                    return
            raise RuntimeError(f"the demo's row maker stopped (exit code {process.wait()})")

        yield messages()
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()


def main() -> int:
    from app.district.demo import make_rows

    out = sys.stdout.buffer
    try:
        plan = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - from the process that started this one
        make_rows(plan, lambda message: _send(out, message))
    except BaseException as exc:
        _send(out, ("failed", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
