"""The operations of the benchmarks issue: unlock, demo_insert, household_filter, check, login_window.

Targets are those of the issues (docs/performance.md keeps the list next to the latest figures).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

from app.bench.registry import Measure, Skip, register
from app.bench.runner import ADMIN, PASSWORD, BenchContext

ROOT = Path(__file__).resolve().parents[2]
#: Argon2id cost of scratch nodes whose unlock is not measured
SCRATCH_KDF = {"iterations": 1, "memory_kib": 8192, "lanes": 1}


# -- unlock ------------------------------------------------------------------------------------------------------
def _unlock(ctx: BenchContext, _state: Any, _arg: Any) -> Any:
    from app.db.store import Store

    return Store.open(ctx.node_dir, ADMIN, PASSWORD)


def _dispose(_ctx: BenchContext, _state: Any, store: Any) -> None:
    store.engine.dispose()


def _unlock_limit(ctx: BenchContext, _state: Any, _arg: Any) -> None:
    from sqlcipher3 import dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(ctx.node_dir / "fieldbook.db"))
    conn.execute(f"PRAGMA key = \"x'{ctx.key.hex()}'\"")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


register("unlock", _unlock, cleanup=_dispose, limit=_unlock_limit,
         description="Store.open: Argon2id (default cost) + SQLCipher open + migration check + login audit",
         target="≤ 0.5 s on a 50,000-household node (issues 2, 11)")


# -- demo_insert ---------------------------------------------------------------------------------------------------
def _insert_households(ctx: BenchContext, _state: Any) -> int:
    return ctx.scale.insert_households


def _fresh_node(ctx: BenchContext, _state: Any) -> Any:
    from app.db.keyring import KdfParams
    from app.db.store import Store

    folder = ctx.scratch / f"demo-{uuid.uuid4().hex[:8]}"
    store, _ = Store.create(folder, "hub", "demo", None, ADMIN, PASSWORD, kdf=KdfParams(**SCRATCH_KDF))
    return store


def _demo_insert(ctx: BenchContext, _state: Any, store: Any) -> Any:
    from app.district.demo import fill_demo

    fill_demo(store, households=ctx.scale.insert_households, seed=1)
    return store


def _drop_node(_ctx: BenchContext, _state: Any, store: Any) -> None:
    store.engine.dispose()
    shutil.rmtree(store.paths.root, ignore_errors=True)


def _plain_household_rows(count: int) -> list[tuple[Any, ...]]:
    """``count`` demo household rows as the database stores them (what SQLAlchemy would send)."""
    from app.district.demo import Rows, _District
    from app.district.generator import Generator
    from app.district.reference import BANKS, VILLAGES
    from app.domain.risk import RiskPolicy
    from app.models import Household
    from app.models.places import BAQIAO_STREETS

    policy = RiskPolicy()
    gen = Generator(random.Random(1), dt.date.today(), set(), set(), (1, 91, 181, 361), policy=policy)
    villages = [(c, n, [(v, uuid.uuid4()) for v in VILLAGES[c]]) for c, n in BAQIAO_STREETS]
    district = _District(gen, villages, {b.code: uuid.uuid4() for b in BANKS}, 0.0, policy, None)
    rows = district.start(Rows())
    for serial in range(count):
        district.household(serial)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    columns = [c.name for c in Household.__table__.columns]
    defaults = {"created_at": now, "updated_at": now, "created_by": ADMIN, "updated_by": ADMIN,
                "origin_node": "bench", "hlc": "bench", "deleted": False}

    def plain(value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return value.hex
        if isinstance(value, dt.datetime):
            return value.isoformat(" ")
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, bool):
            return int(value)
        return value

    return [tuple(plain(row.get(c, defaults.get(c))) for c in columns) for row in rows.households]


def _plain_db(ctx: BenchContext, _state: Any) -> tuple[Path, Any, list[tuple[Any, ...]]]:
    from app.db.engine import open_raw
    from app.models import Household

    path = ctx.scratch / f"plain-{uuid.uuid4().hex[:8]}.db"
    conn = open_raw(path, os.urandom(32))
    conn.execute("PRAGMA foreign_keys = OFF")  # only the households table exists here
    table = sa.inspect(Household).local_table
    assert isinstance(table, sa.Table)
    conn.execute(str(CreateTable(table).compile(dialect=sqlite.dialect())))
    for index in table.indexes:
        conn.execute(str(CreateIndex(index).compile(dialect=sqlite.dialect())))
    return path, conn, _plain_household_rows(ctx.scale.insert_households)


def _plain_insert(_ctx: BenchContext, _state: Any, arg: tuple[Path, Any, list[tuple[Any, ...]]]) -> Any:
    _path, conn, rows = arg
    marks = ", ".join("?" * len(rows[0]))
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(f"INSERT INTO households VALUES ({marks})", rows)
    conn.execute("COMMIT")
    return arg


def _plain_cleanup(_ctx: BenchContext, _state: Any, arg: tuple[Path, Any, list[tuple[Any, ...]]]) -> None:
    path, conn, _rows = arg
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


register("demo_insert", _demo_insert, prepare=_fresh_node, cleanup=_drop_node,
         limit=Measure(run=_plain_insert, prepare=_plain_db, cleanup=_plain_cleanup),
         rows=_insert_households, needs_node=False,
         description="fill_demo into a fresh node: households with members, history, loans, repayments and "
                     "every kind of field record, disposals and programmes, audited (rows = households; limit: "
                     "plain executemany of the household rows only)",
         target="demo --households 50000 ≤ 60 s (issues 2, 18)")


# -- household_filter ----------------------------------------------------------------------------------------------
PREFIXES = ("w", "wj", "l", "lj", "z", "zs", "zh", "y", "c", "m", "wg", "lx", "gj", "zxl", "h")


def _range(prefix: str) -> tuple[str, str]:
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _filter_setup(ctx: BenchContext) -> dict[str, Any]:
    from app.db.engine import open_raw

    return {"orm": itertools.cycle(PREFIXES), "plain": itertools.cycle(PREFIXES),
            "conn": open_raw(ctx.node_dir / "fieldbook.db", ctx.key)}


def _filter(ctx: BenchContext, state: dict[str, Any], _arg: Any) -> Any:
    from app.models import Household

    low, high = _range(next(state["orm"]))
    with ctx.store.read() as session:
        rows = list(session.execute(
            sa.select(Household).where(Household.head_initials >= low, Household.head_initials < high,
                                       Household.deleted.is_(False))
            .order_by(Household.head_initials).limit(20)).scalars())
    return rows


def _filter_limit(_ctx: BenchContext, state: dict[str, Any], _arg: Any) -> Any:
    low, high = _range(next(state["plain"]))
    return state["conn"].execute(
        "SELECT * FROM households WHERE head_initials >= ? AND head_initials < ? AND deleted = 0 "
        "ORDER BY head_initials LIMIT 20", (low, high)).fetchall()


def _filter_teardown(_ctx: BenchContext, state: dict[str, Any] | None) -> None:
    if state:
        state["conn"].close()


register("household_filter", _filter, setup=_filter_setup, teardown=_filter_teardown, limit=_filter_limit,
         min_runs=60,
         description="one keystroke of the household filter: 20 rows by pinyin-initials prefix through a "
                     "SQLAlchemy session (limit: the same indexed query on a plain connection)",
         target="≤ 50 ms per keystroke over 100,000 households (issue 3)")


# -- check ---------------------------------------------------------------------------------------------------------
def _check(ctx: BenchContext, _state: Any, _arg: Any) -> Any:
    problems = ctx.store.check()
    if problems:
        raise RuntimeError(f"the benchmark node fails its check: {problems[:3]}")
    return problems


register("check", _check, description="store.check: integrity, cipher integrity, audit chain, rows vs log")


# -- login_window --------------------------------------------------------------------------------------------------
#: the child reports its own peak RSS: a forked child's rusage keeps the parent's peak across exec on Linux
PEAK_KB = r"""
def _peak_kb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0
"""

LOGIN_CHILD = PEAK_KB + r"""
import os, sys
from pathlib import Path
folder = Path(sys.argv[1])
try:
    from PySide6.QtWidgets import QApplication
    import app.ui.application as application
except ImportError as exc:
    print("skip: cannot import the GUI:", exc, flush=True); os._exit(3)
qapp = QApplication(sys.argv[:1])
if hasattr(application, "setup_application"):
    language = application.node_language(folder) if hasattr(application, "node_language") else "zh_CN"
    application.setup_application(qapp, language)
if hasattr(application, "AppFlow") and hasattr(application.AppFlow, "show_login"):
    window = application.AppFlow(folder).show_login()
else:
    try:
        from app.db.store import NodeInfo
        from app.paths import NodePaths
        from app.ui.login import LoginWindow
    except ImportError as exc:
        print("skip: no login window to show:", exc, flush=True); os._exit(3)
    window = LoginWindow(folder, NodeInfo.load(NodePaths(folder)))
    window.show()
qapp.processEvents()
if not window.isVisible():
    print("skip: the login window did not become visible", flush=True); os._exit(3)
print("shown", _peak_kb(), flush=True)
os._exit(0)
"""

BARE_QT_CHILD = PEAK_KB + r"""
import os, sys
from PySide6.QtWidgets import QApplication, QWidget
qapp = QApplication(sys.argv[:1])
window = QWidget()
window.resize(960, 640)
window.show()
qapp.processEvents()
print("shown", _peak_kb(), flush=True)
os._exit(0)
"""


def _spawn_until_shown(code: str, *args: str) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, cwd=ROOT, env=env, text=True)
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline().strip()
    elapsed = time.perf_counter() - started
    process.wait()
    errors = process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    if line.startswith("skip:"):
        raise Skip(line[5:].strip())
    if not line.startswith("shown"):
        raise Skip(f"the GUI process ended without showing the login window (exit {process.returncode}): "
                   f"{errors.strip().splitlines()[-1] if errors.strip() else line}")
    peak_kb = int(line.split()[1]) if len(line.split()) > 1 else 0
    return {"elapsed_s": elapsed, "peak_rss_mb": peak_kb / 1024}


def _login_setup(ctx: BenchContext) -> None:
    if importlib.util.find_spec("PySide6") is None:
        raise Skip("PySide6 is not installed")
    if importlib.util.find_spec("app.ui.application") is None:
        raise Skip("app/ui/application.py does not exist yet")
    ctx.store  # noqa: B018 - the login window shows the benchmark node


def _login_window(ctx: BenchContext, _state: Any, _arg: Any) -> dict[str, Any]:
    return _spawn_until_shown(LOGIN_CHILD, str(ctx.node_dir))


def _bare_window(_ctx: BenchContext, _state: Any, _arg: Any) -> dict[str, Any]:
    return _spawn_until_shown(BARE_QT_CHILD)


register("login_window", _login_window, setup=_login_setup, limit=_bare_window, rows=lambda ctx, state: None,
         description="process start to the login window shown (offscreen; limit: a bare QWidget in a fresh "
                     "Python process); peak RSS is the GUI process's",
         target="start to login window ≤ 1.5 s (issues 2, 11); GUI peak memory ≤ 400 MB (issue 11)")
