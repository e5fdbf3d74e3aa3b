"""Operation ``hub_push``: many field nodes push their bundles to one hub over HTTP at once.

50 field nodes (each a real encrypted node enrolled with the hub) make 200 households each; their bundles are
exported beforehand (untimed); then a bounded pool of client threads pushes them all to ``hub serve`` running in
its own process on loopback. Timed: the pushes (HTTP, signature checks, verify, merge, commit at the hub).
Checked afterwards: every record arrived exactly once. Reported: records per second and latency percentiles.

Standalone, both backends, several worker processes and client counts (issue 23.2):
``.venv/bin/python -m app.bench.hub_ops [nodes] [records] [--pg URL] [--workers 1,2] [--clients 16,64]
[--backends sqlite,postgresql] [--rounds N]`` (``--help`` says more). The field nodes and their bundles are made
once; each configuration pushes them to a fresh copy of the enrolled hub (on PostgreSQL: copied by ``hub init-db``
into a new database made next to the one ``--pg`` names, dropped after). With ``--rounds`` every configuration
runs again, the backends taking turns (this machine's speed moves by ±15 % within minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.bench.registry import Skip, register

ROOT = Path(__file__).resolve().parents[2]
ADMIN, PASSWORD = "admin", "bench password"
STREETS = [f"61011100{i}" for i in range(1, 10)]
SCRATCH_KDF = {"iterations": 1, "memory_kib": 8192, "lanes": 1}
_serial = itertools.count(1)


def _citizen_id(n: int) -> str:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=n // 1000)
    body = f"610111{born:%Y%m%d}{n % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


@dataclass
class PushRun:
    root: Path
    nodes: int
    records: int
    db_url: str | None = None
    workers: int = 16
    hub_workers: int = 1
    hub_dir: Path = Path()
    bundles: list[tuple[Any, Path]] = field(default_factory=list)
    process: subprocess.Popen[bytes] | None = None
    url: str = ""
    latencies: list[float] = field(default_factory=list)
    wall_s: float = 0.0


def prepare(root: Path, nodes: int = 50, records: int = 200, db_url: str | None = None,
            workers: int = 16, log: Any = print, start: bool = True) -> PushRun:
    """Hub and field nodes, enrolled; each field node's bundle exported; the hub serving in its own process."""
    from app.db.keyring import KdfParams
    from app.db.store import Store
    from app.models import Household
    from app.sync import enroll
    from app.sync.export import export_bundles
    from app.sync.hub.database import init_server_database

    run = PushRun(root, nodes, records, db_url, workers)
    kdf = KdfParams(**SCRATCH_KDF)
    run.hub_dir = root / "hub"
    started = time.perf_counter()
    hub, _ = Store.create(run.hub_dir, "hub", "bench hub", None, ADMIN, PASSWORD, kdf=kdf)
    for i in range(nodes):
        field_store, _ = Store.create(root / f"field{i:03d}", "field", f"field {i}", STREETS[i % len(STREETS)],
                                      ADMIN, PASSWORD, kdf=kdf)
        folder = root / f"enroll{i:03d}"
        folder.mkdir()
        enroll.write_request(field_store, folder / "request.json")
        enroll.approve(hub, folder / "request.json", folder / "certificate.json")
        enroll.accept(field_store, folder / "certificate.json")
        rows = [{"street_code": field_store.info.street_code, "head_name": f"户主{k}",
                 "head_citizen_id": _citizen_id(k)} for k in (next(_serial) for _ in range(records))]
        with field_store.write() as session:
            field_store.audit.bulk_insert(session, Household, rows)
        path = export_bundles(field_store, root / "outbox" / f"{i:03d}", to=hub.info.node_id)[0].path
        assert path is not None
        run.bundles.append((field_store, path))
    if db_url:
        init_server_database(hub, db_url)
    hub.close()
    log(f"  hub_push: {nodes} nodes x {records} records ready in {time.perf_counter() - started:.1f} s"
        f" ({'PostgreSQL' if db_url else 'SQLite'} hub)")
    if start:
        _start_hub(run)
    return run


def fresh_hub(template: PushRun, folder: Path, db_url: str | None, hub_workers: int, clients: int) -> PushRun:
    """Another run of the same nodes and bundles against a fresh copy of ``template``'s enrolled hub."""
    import shutil

    from app.db.store import Store
    from app.sync.hub.database import init_server_database

    run = PushRun(folder, template.nodes, template.records, db_url, clients, hub_workers, folder / "hub",
                  template.bundles)
    shutil.copytree(template.hub_dir, run.hub_dir)
    if db_url:
        hub = Store.open(run.hub_dir, ADMIN, PASSWORD)
        try:
            init_server_database(hub, db_url)
        finally:
            hub.close()
    _start_hub(run)
    return run


def _start_hub(run: PushRun) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDBOOK_")}
    env.update({"FIELDBOOK_DATA_DIR": str(run.hub_dir), "FIELDBOOK_USER": ADMIN, "FIELDBOOK_PASSWORD": PASSWORD,
                "FIELDBOOK_LANG": "en", "QT_QPA_PLATFORM": "offscreen"})
    args = [sys.executable, str(ROOT / "main.py"), "hub", "serve", "--port", str(port)]
    if run.db_url:
        args += ["--db", run.db_url]
    if run.hub_workers > 1:
        args += ["--workers", str(run.hub_workers)]
    run.process = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
    run.url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(run.url + "/health", timeout=1):  # noqa: S310 - loopback http
                return
        except OSError:
            if run.process.poll() is not None:
                raise Skip("hub serve did not start") from None
            time.sleep(0.1)
    raise Skip("hub serve did not answer")


def push_all(run: PushRun) -> None:
    """The timed part: every bundle pushed, ``workers`` at a time."""
    from app.sync.http_client import HubClient
    from app.sync.keys import node_keys

    clients = [(HubClient(run.url, node_keys(store), timeout=120), path) for store, path in run.bundles]

    def push(item: tuple[Any, Path]) -> float:
        client, path = item
        t0 = time.perf_counter()
        answer = client.push(path)
        if answer.get("applied") != run.records:
            raise RuntimeError(f"the hub applied {answer.get('applied')} of {run.records} records")
        return time.perf_counter() - t0

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=run.workers) as pool:
        run.latencies = list(pool.map(push, clients))
    run.wall_s = time.perf_counter() - started


def finish(run: PushRun, close_nodes: bool = True) -> dict[str, Any]:
    """Stop the hub, check that every record arrived exactly once, close the nodes; return the figures."""
    import sqlalchemy as sa

    from app.db.store import Store
    from app.models import AuditEntry, Household

    if run.process is not None and run.process.poll() is None:
        run.process.terminate()
        run.process.wait(timeout=30)
    hub = Store.open(run.hub_dir, ADMIN, PASSWORD, db_url=run.db_url)
    try:
        with hub.read() as session:
            households = session.execute(sa.select(sa.func.count()).select_from(Household)).scalar()
            per_origin = dict(session.execute(
                sa.select(AuditEntry.origin_node, sa.func.count()).where(AuditEntry.table_name == "households")
                .group_by(AuditEntry.origin_node)).all())
    finally:
        hub.close()
    if close_nodes:
        for store, _ in run.bundles:
            store.engine.dispose()
    expected = run.nodes * run.records
    lost = [s.info.node_id for s, _ in run.bundles if per_origin.get(s.info.node_id) != run.records]
    if households != expected or lost:
        raise RuntimeError(f"hub holds {households} of {expected} households; incomplete origins: {len(lost)}")
    ordered = sorted(run.latencies)
    return {"nodes": run.nodes, "records": expected, "wall_s": run.wall_s,
            "records_per_s": expected / run.wall_s if run.wall_s else None,
            "p50_s": statistics.median(ordered), "p95_s": ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)],
            "max_s": ordered[-1], "workers": run.workers, "hub_workers": run.hub_workers}


# -- the registered operation ------------------------------------------------------------------------------------
def _size(ctx: Any) -> tuple[int, int]:
    """(nodes, records each): the issue's 50 x 200; a smoke run at small scale takes 5 x 50."""
    return (5, 50) if ctx.scale.name == "small" else (50, 200)


def _prepare(ctx: Any, _state: Any) -> PushRun:
    folder = Path(tempfile.mkdtemp(prefix="hub-push-", dir=ctx.scratch))
    nodes, records = _size(ctx)
    return prepare(folder, nodes, records, db_url=os.environ.get("FIELDBOOK_BENCH_PG_URL") or None, log=ctx.log)


def _run(_ctx: Any, _state: Any, run: PushRun) -> PushRun:
    push_all(run)
    return run


def _cleanup(ctx: Any, _state: Any, run: PushRun) -> None:
    figures = finish(run)
    ctx.log(f"  hub_push: {figures['records']:,} records in {figures['wall_s']:.2f} s = "
            f"{figures['records_per_s']:,.0f} records/s; push latency p50 {figures['p50_s'] * 1000:.0f} ms, "
            f"p95 {figures['p95_s'] * 1000:.0f} ms ({figures['workers']} clients at a time)")


register("hub_push", _run, prepare=_prepare, cleanup=_cleanup, needs_node=False,
         rows=lambda ctx, _state: _size(ctx)[0] * _size(ctx)[1], min_runs=1,
         description="50 field nodes push 200 records each to one hub over HTTP (16 at a time, loopback; "
                     "5 x 50 at small scale); PostgreSQL hub when FIELDBOOK_BENCH_PG_URL is set",
         target="all merged, none lost; report records/s and p95 (hub service issue)")


def _scratch_database(base: str, n: int) -> str:
    """A new empty database with byte-order collation beside the one ``base`` names (its user may create one)."""
    import sqlalchemy as sa

    url = sa.engine.make_url(base)
    name = f"{url.database}_push{os.getpid()}_{n}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
            conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' "
                                 "LC_CTYPE 'C'")
    finally:
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _drop_database(base: str, url: str) -> None:
    """Drop a scratch database (a few tries: the stopped hub's connections may take a moment to close)."""
    import sqlalchemy as sa

    admin = sa.create_engine(sa.engine.make_url(base).set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = sa.engine.make_url(url).database
    try:
        for attempt in range(10):
            try:
                with admin.connect() as conn:
                    conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
                return
            except sa.exc.DBAPIError:
                if attempt == 9:
                    print(f"  (the scratch database {name} is left behind)", flush=True)
                    return
                time.sleep(1)
    finally:
        admin.dispose()


def _numbers(text: str) -> list[int]:
    try:
        numbers = [int(n) for n in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text!r}") from None
    if not numbers or min(numbers) < 1:
        raise argparse.ArgumentTypeError(f"numbers must be 1 or more: {text!r}")
    return numbers


def main(argv: list[str]) -> None:
    from app import i18n

    parser = argparse.ArgumentParser(prog="python -m app.bench.hub_ops",
                                     description="Field nodes push their bundles to a hub at once (issue 23.2).")
    parser.add_argument("nodes", type=int, nargs="?", default=50)
    parser.add_argument("records", type=int, nargs="?", default=200, help="households per node")
    parser.add_argument("--pg", default=None, help="SQLAlchemy URL of a PostgreSQL database whose user may create "
                                                   "databases (each configuration gets a new one beside it)")
    parser.add_argument("--workers", type=_numbers, default=[1], help="hub worker processes, e.g. 1,2")
    parser.add_argument("--clients", type=_numbers, default=[16], help="concurrent clients, e.g. 16,64")
    parser.add_argument("--backends", default="sqlite,postgresql", help="sqlite, postgresql or both")
    parser.add_argument("--rounds", type=int, default=1,
                        help="repeat every configuration, the backends taking turns (figures move between runs)")
    args = parser.parse_args(argv)
    backends = args.backends.split(",")
    if not set(backends) <= {"sqlite", "postgresql"} or ("postgresql" in backends and not args.pg):
        parser.error("--backends takes sqlite and postgresql; postgresql needs --pg URL")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    i18n.install("en")
    nodes, records = args.nodes, args.records
    with tempfile.TemporaryDirectory(prefix="hub-push-") as folder:
        template = prepare(Path(folder) / "nodes", nodes, records, start=False)
        chosen = ([None] if "sqlite" in backends else []) + ([args.pg] if "postgresql" in backends else [])
        configurations = itertools.product(range(args.rounds), args.workers, args.clients, chosen)
        for n, (_, workers, clients, db_url) in enumerate(configurations, start=1):
            target = _scratch_database(db_url, n) if db_url else None
            try:
                run = fresh_hub(template, Path(folder) / f"run{n}", target, workers, clients)
                try:
                    push_all(run)
                finally:
                    figures = finish(run, close_nodes=False)
            finally:
                if db_url and target:
                    _drop_database(db_url, target)
            print(f"{'PostgreSQL' if db_url else 'SQLite'} hub, {workers} worker(s), {clients} clients: "
                  f"{figures['records']:,} records from {nodes} nodes in {figures['wall_s']:.2f} s = "
                  f"{figures['records_per_s']:,.0f} records/s; push latency p50 {figures['p50_s'] * 1000:.0f} "
                  f"ms, p95 {figures['p95_s'] * 1000:.0f} ms, max {figures['max_s'] * 1000:.0f} ms", flush=True)
        for store, _ in template.bundles:
            store.engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
