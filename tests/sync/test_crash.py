"""Export and import killed at random moments (SIGKILL of a separate process): the database still opens and
passes its check, a re-run reaches the same state, and no half-written bundle ever carries a final name."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.db.store import Store
from app.models import Visit
from app.sync.bundle import SUFFIX
from app.sync.export import export_bundles
from app.sync.importer import import_bundle
from tests.conftest import ADMIN, PASSWORD

from .conftest import add_households, enroll_field, table_state

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from app import i18n
i18n.install("en")
from app.db.store import Store
from app.sync.export import export_bundles
from app.sync.importer import import_bundle
store = Store.open(Path(sys.argv[2]), sys.argv[4], sys.argv[5])
print("ready", flush=True)
if sys.argv[1] == "export":
    export_bundles(store, Path(sys.argv[3]))
else:
    import_bundle(store, Path(sys.argv[3]))
print("done", flush=True)
"""

pytestmark = pytest.mark.slow


def _run_and_kill(action: str, folder: Path, target: Path, delay: float, started: list[float] | None = None) -> bool:
    """Start the child, wait until it is about to work, kill it after ``delay``; True if it finished first."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    with subprocess.Popen([sys.executable, "-c", CHILD, action, str(folder), str(target), ADMIN, PASSWORD],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT) as child:
        assert child.stdout is not None and child.stderr is not None
        line = child.stdout.readline()
        if line.strip() != "ready":
            child.wait(timeout=60)
            raise AssertionError(child.stderr.read())
        if started is not None:
            started.append(time.perf_counter())
        try:
            child.wait(timeout=delay)
            finished = True
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=60)
            finished = False
        errors = child.stderr.read()
    assert not finished or "Traceback" not in errors, errors
    return finished


def _timed(action: str, folder: Path, target: Path) -> float:
    """Seconds from 'ready' to the end of an uninterrupted run (the window the kills fall into)."""
    started: list[float] = []
    assert _run_and_kill(action, folder, target, 120, started)
    return max(time.perf_counter() - started[0], 0.05)


def test_killed_export_and_import_leave_consistent_nodes(tmp_path, make_node):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    field, _ = make_node(role="field", folder=tmp_path / "field")
    enroll_field(hub, field, tmp_path / "enroll")
    households = add_households(hub, 20)
    import_bundle(field, export_bundles(hub, tmp_path / "h2f")[0].path)
    with field.write() as session:
        field.audit.bulk_insert(session, Visit, [
            {"household_id": households[i % 20], "visited_on": dt.date(2024, 5, 1), "findings": "走访" * 40}
            for i in range(3000)])
    expected = table_state(field, Visit)
    hub.engine.dispose()
    field.engine.dispose()
    shutil.copytree(tmp_path / "hub", tmp_path / "hub-before")
    rng = random.Random(11)

    # exports killed at random moments: never a partial file under a final name, the node stays sound
    out = tmp_path / "out"
    full = _timed("export", tmp_path / "field", out)
    interrupted = [not _run_and_kill("export", tmp_path / "field", out, rng.uniform(0, full)) for _ in range(4)]
    assert any(interrupted)
    store = Store.open(tmp_path / "field", ADMIN, PASSWORD)
    assert store.check() == []
    store.engine.dispose()
    finals = sorted(out.glob(f"*{SUFFIX}"))
    assert finals, "the untimed run finished"
    checker = Store.open(tmp_path / "hub", ADMIN, PASSWORD)
    for path in finals:  # every file under a final name is complete and valid
        import_bundle(checker, path)
    assert table_state(checker, Visit) == expected
    checker.engine.dispose()

    # imports killed at random moments into copies of the hub as it was before: sound afterwards, and a re-import
    # reaches the same state as the uninterrupted one
    bundle = finals[0]
    shutil.copytree(tmp_path / "hub-before", tmp_path / "hub-timing")
    full = _timed("import", tmp_path / "hub-timing", bundle)
    for trial in range(3):
        folder = tmp_path / f"hub-{trial}"
        shutil.copytree(tmp_path / "hub-before", folder)
        killed = not _run_and_kill("import", folder, bundle, rng.uniform(0, full))
        reopened = Store.open(folder, ADMIN, PASSWORD)
        assert reopened.check() == []
        report = import_bundle(reopened, bundle)
        assert report.already or report.applied == 3000
        assert killed or report.already
        assert table_state(reopened, Visit) == expected
        assert reopened.check() == []
        reopened.engine.dispose()
