"""Writing workbooks atomically; progress and cancel for long report jobs.

Reading office workbooks is :mod:`app.reports.reader` (calamine for .xlsx, .xls and .ods).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from app.cancel import CancelToken, check_cancel
from app.db.fileio import fsync_dir
from app.errors import FieldbookError, ValidationError
from app.i18n import translate

ProgressFn = Callable[[int, int], None]


class Progress:
    """Calls ``progress(done, total)`` at most every ``step`` items and checks the cancel token there too."""

    def __init__(self, progress: ProgressFn | None, cancel: CancelToken | None, total: int, step: int = 500):
        self.progress, self.cancel, self.total = progress, cancel, total
        self.step = max(1, min(step, total // 100))  # about a hundred reports however long the job
        self.done = 0

    def tick(self, n: int = 1) -> None:
        before = self.done
        self.done += n
        if self.done // self.step != before // self.step:
            check_cancel(self.cancel)
            if self.progress is not None:
                self.progress(self.done, self.total)

    def finish(self) -> None:
        check_cancel(self.cancel)
        if self.progress is not None:
            self.progress(self.total, self.total)


# -- writing ---------------------------------------------------------------------------------------------------------
class OutputFailed(FieldbookError):
    """A ledger or PDF could not be written (full disk, no permission); nothing was left behind."""


#: the errors of a full disk or a file-size limit
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def output_failed(path: Path, exc: OSError) -> OutputFailed:
    """One translated line for an OSError met while writing ``path``."""
    if exc.errno in _FULL:
        return OutputFailed(translate("Reports", "Could not write {name}: the disk is full. Nothing was left "
                                                 "behind; free some space or choose another folder.",
                                      name=path.name))
    return OutputFailed(translate("Reports", "Could not write {name}: {reason}.", name=path.name,
                                  reason=exc.strerror or exc))


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path in the target folder (mode 0600); on success fsync and rename it to ``path``,
    on any failure or cancel remove it, so no partial file is ever left behind. An OSError (a full disk) comes
    out as :class:`OutputFailed` with one clear line."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError(translate("Reports", "The folder {folder} does not exist.", folder=folder))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise output_failed(path, exc) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o600)
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(folder)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise output_failed(path, exc) from exc
        raise
