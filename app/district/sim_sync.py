"""How laptops and the hub exchange data in a simulated district (app/district/simulator.py), and what goes wrong
on the way: a USB stick carried to the hub office and back, or a round over HTTP with the hub's mailbox; and the
faults, each on its own: a stick lost, a bundle delivered twice or out of order, a truncated file, a laptop program
killed (SIGKILL of a real process) during an import and during an export, the hub restarted in the middle of an
upload. The faults about people and hardware (a clock set wrong, the same household registered twice, the same
phone corrected twice, a stolen laptop) are driven by the simulator itself.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.district.sim_world import PASSWORD, HttpHub, Hub, Laptop
from app.models import RefusedBundle
from app.sync.bundle import BundleRefused
from app.sync.export import export_bundles
from app.sync.http_client import HubClient, HubUnavailable, sync_round
from app.sync.importer import ImportReport, import_bundle
from app.sync.keys import node_keys
from app.sync.vector import version_vector

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Figures:
    """What the exchanges did (the report's figures)."""

    usb_rounds: int = 0
    http_rounds: int = 0
    bundles_to_hub: int = 0
    bundles_from_hub: int = 0
    changes_to_hub: int = 0
    applied_at_hub: int = 0
    changes_to_laptops: int = 0
    #: the hub's own work on bundles carried by stick, timed precisely: reading them (changes in) and writing the
    #: laptops' replies (changes out); HTTP rounds are timed whole (both ends and the wire)
    hub_import_seconds: float = 0.0
    hub_export_seconds: float = 0.0
    hub_in_changes: int = 0
    hub_out_changes: int = 0
    http_seconds: float = 0.0
    longest_wait_days: int = 0
    refused: int = 0
    quarantined: int = 0
    aliased: int = 0
    killed: int = 0
    hub_restarts: int = 0
    lost_bundles: int = 0
    notes: list[str] = field(default_factory=list)


class Exchange:
    """The exchanges of one simulated district."""

    def __init__(self, hub: Hub, folder: Path, figures: Figures) -> None:
        self.hub, self.folder, self.figures = hub, folder, figures
        self.http: HttpHub | None = None
        self.serial = 0

    def stick(self, laptop: Laptop) -> Path:
        self.serial += 1
        path = self.folder / "sticks" / f"{laptop.name}-{self.serial:05d}"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def mailbox(self) -> HttpHub:
        if self.http is None:
            self.http = HttpHub(self.hub)
        return self.http

    def close(self) -> None:
        if self.http is not None:
            self.http.stop()
            self.http = None

    # -- what arrived -----------------------------------------------------------------------------------------
    def arrived(self, laptop: Laptop, day: int) -> None:
        """The hub now holds the laptop's changes up to its vector: each day's work that got there waited so
        long (simulated days)."""
        with self.hub.store.engine.connect() as conn:
            held = version_vector(conn, self.hub.node_id).get(laptop.node_id, 0)
        while laptop.watermarks and laptop.watermarks[0][1] <= held:
            submitted, _ = laptop.watermarks.pop(0)
            self.figures.longest_wait_days = max(self.figures.longest_wait_days, day - submitted)

    def to_hub(self, path: Path) -> ImportReport:
        started = time.perf_counter()
        try:
            report = import_bundle(self.hub.store, path)
        finally:
            self.figures.hub_import_seconds += time.perf_counter() - started
        self.figures.hub_in_changes += report.changes
        self.figures.bundles_to_hub += 1
        self.figures.changes_to_hub += report.changes
        self.figures.applied_at_hub += report.applied
        self.figures.quarantined += report.quarantined
        self.figures.aliased += report.aliased
        return report

    def to_laptop(self, laptop: Laptop, path: Path) -> ImportReport:
        report = import_bundle(laptop.cadre, path)
        self.figures.bundles_from_hub += 1
        self.figures.changes_to_laptops += report.changes
        self.figures.quarantined += report.quarantined
        self.figures.aliased += report.aliased
        return report

    def export(self, store: Any, out: Path, to: str) -> Path:
        started = time.perf_counter()
        results = export_bundles(store, out, to=to)
        if store is self.hub.store:
            self.figures.hub_export_seconds += time.perf_counter() - started
            self.figures.hub_out_changes += results[0].changes
        path = results[0].path
        assert path is not None
        return path

    # -- a USB stick, there and back ----------------------------------------------------------------------------
    def usb(self, laptop: Laptop, day: int, fault: str = "") -> list[str]:
        """The cadre writes a bundle for the hub, takes the stick to the hub office, the hub reads it and writes the
        reply, the cadre reads it at home. ``fault`` names what goes wrong on the way (module docstring)."""
        self.figures.usb_rounds += 1
        stick = self.stick(laptop)
        notes: list[str] = []
        if fault in ("stick_lost", "duplicate_delivery", "truncated_file", "kill_export", "out_of_order"):
            laptop.agenda["extra_work"](laptop)  # something to carry
        if fault == "kill_export":
            notes.append(self.kill(laptop, "export", stick))
            leftovers = sorted(p.name for p in stick.iterdir() if p.suffix == ".fbb")
            notes.append(f"files with a final name after the kill: {leftovers or 'none'}")
        outgoing = self.export(laptop.cadre, stick, self.hub.node_id)
        if fault == "stick_lost":
            outgoing.unlink()
            self.figures.lost_bundles += 1
            notes.append(f"the stick with {outgoing.name} was lost on the way to the hub")
        elif fault == "truncated_file":
            damaged = stick / ("truncated-" + outgoing.name)
            data = outgoing.read_bytes()
            damaged.write_bytes(data[: len(data) // 2])
            before = self.refused_count()
            try:
                self.to_hub(damaged)
                notes.append("the truncated file was imported (it must not be)")
            except BundleRefused as exc:
                self.figures.refused += 1
                notes.append(f"the truncated file was refused: {exc.message}")
            notes.append(f"refused bundles kept in the history: {before} -> {self.refused_count()}")
            self.to_hub(outgoing)
        elif fault == "out_of_order":
            later_stick = self.stick(laptop)
            laptop.agenda["extra_work"](laptop)  # more work between the two bundles
            later = self.export(laptop.cadre, later_stick, self.hub.node_id)
            newer = self.to_hub(later)
            older = self.to_hub(outgoing)
            notes.append(f"newer bundle first: {newer.applied} applied; older after it: {older.applied} applied, "
                         f"{older.skipped} already here")
        else:
            report = self.to_hub(outgoing)
            if fault == "duplicate_delivery":
                again = self.to_hub(outgoing)
                notes.append(f"delivered twice: first {report.applied} applied, then already={again.already}")
        self.arrived(laptop, day)
        if fault in ("kill_import", "duplicate_delivery"):
            laptop.agenda["hub_news"](laptop)  # the hub has something new for this street
        reply = self.export(self.hub.store, stick, laptop.node_id)
        if fault == "kill_import":
            notes.append(self.kill(laptop, "import", reply))
        report = self.to_laptop(laptop, reply)
        if fault == "duplicate_delivery":
            notes.append(f"reply read twice: already={self.to_laptop(laptop, reply).already}")
        notes.append(f"reply: {report.applied} applied at the laptop")
        shutil.rmtree(stick, ignore_errors=True)
        return notes

    def refused_count(self) -> int:
        with self.hub.store.read() as session:
            return int(session.execute(sa.select(sa.func.count()).select_from(RefusedBundle)).scalar() or 0)

    # -- over HTTP ----------------------------------------------------------------------------------------------
    def http_round(self, laptop: Laptop, day: int, fault: str = "") -> list[str]:
        """One push-and-pull round with the hub's mailbox; with ``hub_restart`` the bundle goes up in small chunks
        and the hub is restarted after the first one."""
        self.figures.http_rounds += 1
        http = self.mailbox()
        notes: list[str] = []
        client = HubClient(http.url, node_keys(laptop.store), retries=3)
        if fault == "hub_restart":
            restarted: list[int] = []

            def cut(stage: str, offset: int) -> None:
                if stage == "upload" and offset > 0 and not restarted:
                    restarted.append(offset)
                    http.restart()
                    self.figures.hub_restarts += 1

            laptop.agenda["extra_work"](laptop)  # something worth several chunks
            client = HubClient(http.url, node_keys(laptop.store), chunk_size=2048, retries=3, fault=cut)
            notes.append("the hub was restarted during the upload, after the first chunk")
        started = time.perf_counter()
        try:
            report = sync_round(laptop.cadre, http.url, client=client, max_pulls=2)
        except HubUnavailable as exc:  # the next round resumes where this one stopped
            notes.append(f"the round broke off: {exc.message}; trying again")
            report = sync_round(laptop.cadre, http.url, client=HubClient(http.url, node_keys(laptop.store)),
                                max_pulls=2)
        self.figures.http_seconds += time.perf_counter() - started
        if fault == "hub_restart":
            notes.append(f"restarts: {http.restarts}; resumed and pushed {report.pushed_bundles} bundles, "
                         f"{report.applied_at_hub} changes applied at the hub")
        self.figures.bundles_to_hub += report.pushed_bundles
        self.figures.changes_to_hub += report.pushed_changes
        self.figures.applied_at_hub += report.applied_at_hub
        self.figures.bundles_from_hub += report.pulled_bundles
        self.figures.changes_to_laptops += report.pulled_changes
        self.arrived(laptop, day)
        return notes

    # -- a laptop program killed ------------------------------------------------------------------------------
    def kill(self, laptop: Laptop, action: str, target: Path) -> str:
        """Run the laptop's import of ``target`` (or its export into the folder ``target``) in a separate process
        and kill it (SIGKILL) at the moment the crash hook names: half-way through writing the file, or after the
        rows are written and before they are logged and committed."""
        env = {**os.environ, "FIELDBOOK_PASSWORD": PASSWORD, "QT_QPA_PLATFORM": "offscreen",
               "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        command = [sys.executable, "-m", "app.district.sim_child", action, str(laptop.folder), str(target)]
        if action == "export":
            command.append(self.hub.node_id)
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                              cwd=ROOT) as child:
            assert child.stdout is not None and child.stderr is not None
            seen = ""
            for line in child.stdout:
                seen = line.strip()
                if seen.startswith("at "):
                    break
            if not seen.startswith("at "):
                child.wait(timeout=60)
                raise RuntimeError(f"the laptop program did not reach its crash point: {child.stderr.read()}")
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=60)
        self.figures.killed += 1
        return f"the laptop program was killed (SIGKILL) {seen} of its {action}"


def day_of(start: dt.date, day: int) -> dt.date:
    return start + dt.timedelta(days=day)
