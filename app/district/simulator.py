"""A district that lives through N days: a hub and field laptops, real nodes exchanging real bundles (issue 17).

    python -m app.simulate [--streets N] [--laptops-per-street N] [--days N] [--seed S]
                           [--transport usb|http|mixed] [--faults all|none|LIST] [--json OUT] [--keep DIR]
                           [--households N] [--start DATE] [--kdf light|real]

It builds, in a temporary folder (or ``--keep DIR``, left behind for a look), a hub and ``streets × laptops`` field
laptops: real encrypted stores, enrolled as people do it, exchanging real bundle files by USB stick or with the real
HTTP mailbox on loopback (``http``; ``mixed`` picks per round). Then it lives day by day through the same domain
functions and importers the screens use (app/district/sim_work.py): the hub's monthly roster, the bank's repayment
statement and loan list (the loans' history of app/domain/loan_history.py), disposals with the district's step, the
fund and subsidies, supervisors' sign-offs and decisions; the cadres' visits, use checks, anomaly follow-up,
maturity assessments, households found and phones corrected. Each laptop syncs every few days (2 to 9, at random).

Faults (``--faults all``, ``none`` or a comma list; each happens once, on days spread over the run):
``stick_lost``, ``duplicate_delivery``, ``out_of_order``, ``truncated_file``, ``kill_import`` and ``kill_export``
(SIGKILL of the laptop program in a real process), ``clock_skew`` (a laptop three days ahead for a week),
``duplicate_household`` (two laptops register the same new household in the same new village before syncing),
``same_phone`` (two laptops correct the same household's phone), ``stolen_laptop`` (revoked at the hub, a
replacement restored from the last backup and enrolled), ``hub_restart`` (the HTTP hub restarted during an upload;
this fault uses HTTP whatever ``--transport`` says).

At the end (after a last collecting round, the supervisors' decisions and two clean rounds), and after every fault
(the invariants that hold at any moment, on the hub and the laptops concerned), it checks the invariants of
app/district/sim_checks.py. Progress goes to stderr (day n of N); ``--json`` writes
``{"invariants": {name: bool}, "evidence": {name: text}, "figures": {...}, "faults": [...]}``; the exit code is 1
when an invariant fails, naming it. A developer's tool: its output is English and not translated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.district import sim_checks
from app.district.sim_sync import Exchange, Figures
from app.district.sim_work import Cadre, HubDesk, People, Tally, roster_row
from app.district.sim_world import (
    LIGHT_KDF,
    Laptop,
    back_up,
    create_hub,
    create_laptop,
    replace_stolen,
    shift_clock,
)
from app.models import Alias, AuditEntry, Household, Proposal
from app.models.places import BAQIAO_STREETS
from app.sync.tables import synced_models, table_of

FAULTS = ("stick_lost", "duplicate_delivery", "out_of_order", "truncated_file", "kill_import", "kill_export",
          "clock_skew", "duplicate_household", "same_phone", "stolen_laptop", "hub_restart")
USB_FAULTS = frozenset({"stick_lost", "duplicate_delivery", "out_of_order", "truncated_file", "kill_import",
                        "kill_export"})
TWO_LAPTOP_FAULTS = frozenset({"duplicate_household", "same_phone"})
#: a cadre exchanges every few days (a trip to the office with the stick, or when the network is there)
SYNC_EVERY = (2, 9)
SKEW_DAYS = 3
#: the stolen-laptop fault's own invariant: a replacement restored from the last backup joins the hub
STOLEN = "stolen_laptop_replaced"
#: the tally's kinds of record → their tables
RECORD_TABLES = {"visits": "visits", "use_checks": "use_checks", "anomalies": "anomalies",
                 "maturities": "maturity_assessments"}


@dataclass
class Config:
    streets: int = 2
    laptops_per_street: int = 2
    days: int = 30
    seed: int = 1
    transport: str = "mixed"
    faults: tuple[str, ...] = FAULTS
    households: int = 12
    start: dt.date = dt.date(2025, 3, 1)
    kdf: str = "light"
    keep: Path | None = None
    json_out: Path | None = None
    quiet: bool = False


@dataclass
class FaultRecord:
    day: int
    fault: str
    laptops: list[str]
    notes: list[str] = field(default_factory=list)
    invariants: dict[str, bool] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass
class Report:
    invariants: dict[str, bool]
    evidence: dict[str, str]
    figures: dict[str, Any]
    faults: list[FaultRecord]

    def as_json(self) -> dict[str, Any]:
        return {"invariants": self.invariants, "evidence": self.evidence, "figures": self.figures,
                "faults": [asdict(f) for f in self.faults]}

    @property
    def failed(self) -> list[str]:
        return [name for name, ok in self.invariants.items() if not ok]


class Simulation:
    """One run (module docstring)."""

    def __init__(self, config: Config, root: Path) -> None:
        self.config, self.root = config, root
        self.rng = random.Random(f"fieldbook-simulation:{config.seed}")
        self.people = People(self.rng)
        self.tally = Tally()
        self.figures = Figures()
        self.faults: list[FaultRecord] = []
        self.laptops: list[Laptop] = []
        self.retired: list[Laptop] = []
        self.lost: set[str] = set()  # records that went with a stolen laptop before reaching the hub
        self.streets = [code for code, _ in BAQIAO_STREETS[:config.streets]]
        self.timings: dict[str, float] = {}
        self.skewed: dict[str, tuple[Laptop, int]] = {}  # laptop name → (it, the day its clock is put right)
        self.replacement: sim_checks.Result | None = None  # what became of a stolen laptop's replacement

    # -- progress and time ----------------------------------------------------------------------------------------
    def say(self, text: str) -> None:
        if not self.config.quiet:
            print(text, file=sys.stderr, flush=True)

    def timed(self, what: str, started: float) -> None:
        self.timings[what] = self.timings.get(what, 0.0) + time.perf_counter() - started

    def date(self, day: int) -> dt.date:
        return self.config.start + dt.timedelta(days=day)

    # -- building ---------------------------------------------------------------------------------------------
    def build(self) -> None:
        from app.db.keyring import DEFAULT_KDF

        started = time.perf_counter()
        self.kdf = kdf = LIGHT_KDF if self.config.kdf == "light" else DEFAULT_KDF
        self.hub = create_hub(self.root, kdf)
        self.desk = HubDesk(self.hub, self.streets, self.config.households, self.rng, self.people,
                            self.root / "desk", self.tally)
        self.desk.start(self.date(0))
        self.cadre = Cadre(self.rng, self.people, self.tally, self.root / "field")
        self.exchange = Exchange(self.hub, self.root, self.figures)
        for street in self.streets:
            for index in range(self.config.laptops_per_street):
                name = f"{street[-3:]}-{index + 1}"
                self.laptops.append(create_laptop(self.root, self.hub, name, street, index, kdf))
        self.timed("build", started)
        for laptop in self.laptops:
            self.sync(laptop, 0, "usb")

    def share(self, laptop: Laptop) -> tuple[int, int]:
        mates = [x for x in self.laptops if x.street == laptop.street]
        return mates.index(laptop), len(mates)

    def plan(self, laptop: Laptop, day: int) -> None:
        started = time.perf_counter()
        self.cadre.plan(laptop, self.date(day), self.share(laptop))
        self.timed("planning", started)

    # -- exchanging ---------------------------------------------------------------------------------------------
    def sync(self, laptop: Laptop, day: int, transport: str = "", fault: str = "") -> list[str]:
        transport = transport or self.config.transport
        if transport == "mixed":
            transport = self.rng.choice(("usb", "http"))
        if fault in USB_FAULTS:
            transport = "usb"
        elif fault == "hub_restart":
            transport = "http"
        date = self.date(day)
        laptop.agenda["extra_work"] = lambda x: self.extra_work(x, date, 6 if fault == "hub_restart" else 1)
        laptop.agenda["hub_news"] = lambda x: self.desk.correct_address(x.street, date)
        started = time.perf_counter()
        laptop.agenda["next_sync"] = day + self.rng.randint(*SYNC_EVERY)
        notes = (self.exchange.usb(laptop, day, fault) if transport == "usb"
                 else self.exchange.http_round(laptop, day, fault))
        self.timed(f"sync_{transport}", started)
        self.plan(laptop, day)
        return notes

    def extra_work(self, laptop: Laptop, date: dt.date, households: int) -> None:
        for _ in range(households):
            self.cadre.found_household(laptop, date)

    def watermark(self, laptop: Laptop, day: int) -> None:
        with laptop.store.engine.connect() as conn:
            seq = conn.execute(sa.select(sa.func.max(AuditEntry.origin_seq)).where(
                AuditEntry.origin_node == laptop.node_id)).scalar() or 0
        if not laptop.watermarks or laptop.watermarks[-1][1] < seq:
            laptop.watermarks.append((day, int(seq)))

    # -- the days ------------------------------------------------------------------------------------------------
    def schedule(self) -> dict[int, list[str]]:
        chosen = [f for f in self.config.faults if f in FAULTS]
        if self.config.laptops_per_street < 2:
            for fault in sorted(TWO_LAPTOP_FAULTS & set(chosen)):
                self.faults.append(FaultRecord(0, fault, [], ["skipped: it needs two laptops in a street"]))
            chosen = [f for f in chosen if f not in TWO_LAPTOP_FAULTS]
        plan: dict[int, list[str]] = {}
        span = max(self.config.days - 6, 1)
        for i, fault in enumerate(chosen):
            day = min(self.config.days - 3, 2 + int((i + 0.5) * span / max(len(chosen), 1)))
            plan.setdefault(max(day, 1), []).append(fault)
        return plan

    def hub_day(self, day: int) -> None:
        date = self.date(day)
        started = time.perf_counter()
        if day % 30 == 0:
            self.desk.month(date)
        if day % 30 == 15:
            self.desk.disposals(date, joint_review=day % 90 == 15)
        if day % 91 == 45:
            self.desk.quarter(date)
        if day % 7 == 6:
            self.desk.supervise(date)
        self.timed("hub_work", started)

    def run_days(self) -> None:
        plan = self.schedule()
        victim = self.pick_victim(plan)
        for day in range(1, self.config.days + 1):
            self.say(f"day {day} of {self.config.days}")
            self.hub_day(day)
            for name, (skewed, until) in list(self.skewed.items()):
                if day >= until:
                    if skewed.alive:
                        shift_clock(skewed.store, 0)
                    del self.skewed[name]
            todays = plan.get(day, [])
            started = time.perf_counter()
            for laptop in list(self.laptops):
                self.cadre.day(laptop, self.date(day))
                self.watermark(laptop, day)
            self.timed("field_work", started)
            if victim is not None and (day % 7 == 3 or "stolen_laptop" in plan.get(day + 2, [])):
                back_up(victim, self.root / "backups")
            synced: set[str] = set()
            for fault in todays:
                synced |= self.fault(day, fault, victim)
            for laptop in list(self.laptops):
                if laptop.name not in synced and laptop.agenda.get("next_sync", 0) <= day:
                    self.sync(laptop, day)

    def pick_victim(self, plan: dict[int, list[str]]) -> Laptop | None:
        if not any("stolen_laptop" in faults for faults in plan.values()):
            return None
        return self.laptops[-1]

    # -- faults -------------------------------------------------------------------------------------------------
    def fault(self, day: int, fault: str, victim: Laptop | None) -> set[str]:
        """Make ``fault`` happen today; return the names of the laptops that synced for it."""
        started = time.perf_counter()
        pairs = [(a, b) for a in self.laptops for b in self.laptops if a.street == b.street and a.index < b.index
                 and victim not in (a, b)] or [(a, b) for a in self.laptops for b in self.laptops
                                               if a.street == b.street and a.index < b.index]
        record = FaultRecord(day, fault, [])
        affected: list[Laptop] = []
        if fault in TWO_LAPTOP_FAULTS:
            first, second = self.rng.choice(pairs)
            affected = [first, second]
            if fault == "duplicate_household":
                row = roster_row(self.people.citizen_id(), self.people.name(), f"新建村{day}", first.street,
                                 self.people.phone(), 3)
                self.cadre.found_household(first, self.date(day), row)
                row[5] = self.people.phone()  # the second cadre wrote down another phone number
                self.cadre.found_household(second, self.date(day), row)
                record.notes.append(f"both laptops registered {row[1]} in the new village {row[2]}")
            else:
                record.notes.append(self.same_phone(first, second))
            for laptop in affected:
                record.notes += self.sync(laptop, day)
            record.notes.append(self.hub_evidence(fault, affected))
        elif fault == "stolen_laptop" and victim is not None:
            affected = []
            record.notes += self.steal(victim, day)
        else:
            laptop = self.rng.choice(self.laptops)
            affected = [laptop]
            if fault == "clock_skew":
                shift_clock(laptop.store, SKEW_DAYS)
                self.skewed[laptop.name] = (laptop, day + 7)
                record.notes.append(f"the laptop's clock runs {SKEW_DAYS} days ahead for a week")
            record.notes += self.sync(laptop, day, fault=fault)
        record.laptops = [x.name for x in affected]
        results = sim_checks.at_any_moment(self.hub, [x for x in affected if x.alive])
        if fault == "stolen_laptop" and self.replacement is not None:
            results[STOLEN] = self.replacement
        record.invariants = {name: r.ok for name, r in results.items()}
        record.evidence = {name: r.evidence for name, r in results.items()}
        self.faults.append(record)
        self.timed("faults", started)
        return {x.name for x in affected}

    def same_phone(self, first: Laptop, second: Laptop) -> str:
        with first.cadre.read() as session:
            mine = set(session.execute(sa.select(Household.id).where(Household.street_code == first.street))
                       .scalars())
        with second.cadre.read() as session:
            both = sorted(mine & set(session.execute(sa.select(Household.id)).scalars()))
        household = self.rng.choice(both)
        phones = (self.people.phone(), self.people.phone())
        self.cadre.correct_phone(first, household, phones[0])
        self.cadre.correct_phone(second, household, phones[1])
        return f"both laptops corrected the phone of household {str(household)[:8]} ({phones[0]}, {phones[1]})"

    def hub_evidence(self, fault: str, laptops: list[Laptop]) -> str:
        with self.hub.store.read() as session:
            aliases = int(session.execute(sa.select(sa.func.count()).select_from(Alias)).scalar() or 0)
            proposals = int(session.execute(sa.select(sa.func.count()).select_from(Proposal)).scalar() or 0)
        return f"at the hub: {aliases} aliases, {proposals} proposals so far"

    def steal(self, victim: Laptop, day: int) -> list[str]:
        """The laptop is gone with what it had not sent; the hub revokes it; a replacement is restored from the
        last backup and enrolled (if the hub accepts it)."""
        notes = [f"{victim.name} was stolen; its last backup: {victim.backup.name if victim.backup else 'none'}"]
        missing: dict[str, set[str]] = {}
        with self.hub.store.engine.connect() as hub_conn:
            for kind, ids in self.tally.records.get(victim.node_id, {}).items():
                table = table_of(synced_models()[RECORD_TABLES[kind]])
                missing[kind] = ids - sim_checks.held_ids(hub_conn, table, sorted(ids))
        victim.store.close()
        self.laptops.remove(victim)
        self.retired.append(victim)
        replacement = replace_stolen(self.root, self.hub, victim, self.kdf)
        if replacement.laptop is not None:  # what its backup holds travels again as the replacement's work
            with replacement.laptop.store.engine.connect() as conn:
                for kind, ids in missing.items():
                    table = table_of(synced_models()[RECORD_TABLES[kind]])
                    missing[kind] = ids - sim_checks.held_ids(conn, table, sorted(ids))
        self.lost |= {record for ids in missing.values() for record in ids}
        notes.append(f"{len(self.lost)} records made on it had neither reached the hub nor its last backup: lost "
                     f"with it")
        identity = "keeps the stolen laptop's identity" if replacement.same_identity else "has an identity of its own"
        if replacement.laptop is None:
            self.replacement = sim_checks.Result(False, f"the replacement restored from the last backup {identity}; "
                                                        f"the hub refused to enrol it: {replacement.problem}")
        else:
            self.laptops.append(replacement.laptop)
            notes += self.sync(replacement.laptop, day, "usb")
            self.replacement = sim_checks.Result(True, f"the replacement {replacement.laptop.name}, restored from the "
                                                       f"last backup, {identity}, was enrolled and synced")
        notes.append(self.replacement.evidence)
        return notes

    # -- the end ------------------------------------------------------------------------------------------------
    def finish(self) -> Report:
        last = self.config.days
        for skewed, _ in self.skewed.values():
            if skewed.alive:
                shift_clock(skewed.store, 0)
        self.say("last round, decisions, two clean rounds")
        for laptop in self.laptops:
            self.sync(laptop, last)
        self.desk.supervise(self.date(last), everything=True)
        for _ in range(2):
            for laptop in self.laptops:
                self.sync(laptop, last)
        unsent = sim_checks.nothing_unsent(self.hub, self.laptops)
        self.say("checking the invariants")
        started = time.perf_counter()
        books = sim_checks.BankBooks({c: x.balance_fen for c, x in self.desk.book.items()},
                                     self.tally.counts.get("repayments", 0))
        checks = sim_checks.at_the_end(self.hub, self.laptops, self.submitted, self.root, self.date(last), unsent,
                                       books)
        self.timed("checks", started)
        if self.replacement is not None:  # the fault's own invariant (it depends on restore epochs, issue 16)
            checks[STOLEN] = self.replacement
        return Report({name: r.ok for name, r in checks.items()}, {name: r.evidence for name, r in checks.items()},
                      self.figure_values(), self.faults)

    def submitted(self, kind: str) -> int:
        return self.tally.submitted(kind, self.lost)

    def figure_values(self) -> dict[str, Any]:
        figures = asdict(self.figures)
        f = self.figures
        hub_seconds = f.hub_import_seconds + f.hub_export_seconds
        figures.update({
            "streets": len(self.streets), "laptops": len(self.laptops) + len(self.retired), "days": self.config.days,
            "transport": self.config.transport, "seed": self.config.seed,
            "records_per_second_through_hub": round((f.hub_in_changes + f.hub_out_changes) / hub_seconds, 1)
            if hub_seconds else None,
            "records_per_second_into_hub": round(f.hub_in_changes / f.hub_import_seconds, 1)
            if f.hub_import_seconds else None,
            "seconds_per_stick_bundle_at_hub": round(f.hub_import_seconds / max(f.bundles_to_hub - f.http_rounds, 1),
                                                     3),
            "lost_with_stolen_laptop": len(self.lost),
            "submitted": {kind: self.submitted(kind) for kind in ("visits", "use_checks", "anomalies", "maturities")},
            "activity": dict(sorted(self.tally.counts.items())),
            "seconds": {k: round(v, 2) for k, v in sorted(self.timings.items())},
        })
        return figures


def run(config: Config) -> Report:
    """Build the district, live through the days, and check the invariants (the folder is removed afterwards
    unless ``config.keep`` names one)."""
    started = time.perf_counter()
    root = config.keep or Path(tempfile.mkdtemp(prefix="fieldbook-simulation-"))
    root.mkdir(parents=True, exist_ok=True)
    simulation = Simulation(config, root)
    try:
        simulation.build()
        simulation.run_days()
        report = simulation.finish()
    finally:
        if hasattr(simulation, "exchange"):
            simulation.exchange.close()
        for laptop in simulation.laptops:
            laptop.store.close()
        if hasattr(simulation, "hub"):
            simulation.hub.store.close()
        if config.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    report.figures["wall_seconds"] = round(time.perf_counter() - started, 1)
    return report


def parse_args(argv: list[str]) -> Config:
    parser = argparse.ArgumentParser(prog="python -m app.simulate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--streets", type=int, default=2, choices=range(1, 10), metavar="N")
    parser.add_argument("--laptops-per-street", type=int, default=2, metavar="N")
    parser.add_argument("--days", type=int, default=30, metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--transport", choices=("usb", "http", "mixed"), default="mixed")
    parser.add_argument("--faults", default="all", help="all, none, or a comma list of: " + ", ".join(FAULTS))
    parser.add_argument("--json", type=Path, metavar="OUT")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the district here and leave it")
    parser.add_argument("--households", type=int, default=12, metavar="N", help="households per street at start")
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2025, 3, 1), metavar="DATE")
    parser.add_argument("--kdf", choices=("light", "real"), default="light",
                        help="Argon2id cost of the nodes' passwords (light: the simulation measures exchange)")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    faults = FAULTS if args.faults == "all" else () if args.faults == "none" else tuple(
        f.strip() for f in args.faults.split(",") if f.strip())
    unknown = [f for f in faults if f not in FAULTS]
    if unknown:
        parser.error(f"unknown faults: {', '.join(unknown)}")
    if args.days < 8 or args.laptops_per_street < 1:
        parser.error("at least 8 days and one laptop per street")
    return Config(args.streets, args.laptops_per_street, args.days, args.seed, args.transport, faults,
                  args.households, args.start, args.kdf, args.keep, args.json, args.quiet)


def main(argv: list[str] | None = None) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app import i18n

    i18n.install("en")
    config = parse_args(list(sys.argv[1:] if argv is None else argv))
    report = run(config)
    if config.json_out is not None:
        config.json_out.write_text(json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str))
    for name, ok in report.invariants.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {report.evidence[name]}", file=sys.stderr)
    figures = report.figures
    print(f"{figures['days']} days, {figures['laptops']} laptops in {figures['streets']} streets, "
          f"{figures['wall_seconds']} s; {figures['applied_at_hub']} changes applied at the hub; "
          f"{figures['records_per_second_through_hub']} records/s through the hub (stick bundles, in and out); "
          f"longest wait {figures['longest_wait_days']} days", file=sys.stderr)
    for name in report.failed:
        print(f"invariant failed: {name}", file=sys.stderr)
    return 1 if report.failed else 0


__all__ = ["FAULTS", "Config", "Report", "main", "run"]
