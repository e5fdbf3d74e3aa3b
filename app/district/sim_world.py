"""The nodes of a simulated district (app/district/simulator.py): a hub with its desk users, field laptops with
their cadres, enrolled with the hub the way a person does it (request file, approval, certificate), the hub's HTTP
mailbox on loopback in a thread, and what happens to a laptop's hardware: a clock set wrong, a backup, a theft and
the replacement restored from the last backup.

Every node is a real encrypted store in its own folder. One :class:`~app.db.store.Store` per node is opened (its
administrator); the other users of the node log in on it with :meth:`~app.db.store.Store.as_user`, so a node keeps
one hybrid clock as it does on a real computer.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.db.backup import create_backup, restore_backup
from app.db.keyring import KdfParams
from app.db.store import NodeInfo, Store
from app.models.enums import Role
from app.paths import NodePaths
from app.sync import enroll

ADMIN = "admin"
PASSWORD = "district-sim-1"  # noqa: S105 - of throwaway simulated nodes
#: Argon2id at a small cost: the simulation measures data exchange, not logins (``--kdf real`` for the default)
LIGHT_KDF = KdfParams(iterations=1, memory_kib=8192, lanes=1)
HUB_USERS = (("bank", Role.BANK), ("supervisor", Role.SUPERVISOR), ("district", Role.DISTRICT))


@dataclass
class Laptop:
    """A field node: its folder, the administrator's store (enrolment, backups), the cadre who works on it, and
    the simulator's own notes about it (which loans this cadre looks after, what it plans to do)."""

    name: str
    street: str
    folder: Path
    store: Store
    cadre: Store
    index: int
    alive: bool = True
    #: the simulated day each of its own change sequences was reached (day, highest own sequence that day)
    watermarks: list[tuple[int, int]] = field(default_factory=list)
    agenda: dict[str, Any] = field(default_factory=dict)
    backup: Path | None = None
    replaced: str = ""  # the node id of the laptop this one replaces (stolen)

    @property
    def node_id(self) -> str:
        return self.store.info.node_id


@dataclass
class Hub:
    """The hub node: its administrator's store and the desk users working on it."""

    folder: Path
    store: Store
    users: dict[str, Store]

    @property
    def node_id(self) -> str:
        return self.store.info.node_id

    def user(self, name: str) -> Store:
        return self.users[name]


def create_hub(root: Path, kdf: KdfParams) -> Hub:
    folder = root / "hub"
    store, _ = Store.create(folder, "hub", "区扶贫办枢纽", None, ADMIN, PASSWORD, kdf=kdf)
    users = {}
    for username, role in HUB_USERS:
        store.add_user(username, role, PASSWORD, kdf=kdf)
        users[username] = store.as_user(username, PASSWORD)
    return Hub(folder, store, users)


def create_laptop(root: Path, hub: Hub, name: str, street: str, index: int, kdf: KdfParams) -> Laptop:
    folder = root / "laptops" / name
    store, _ = Store.create(folder, "field", name, street, ADMIN, PASSWORD, kdf=kdf)
    store.add_user("cadre", Role.FIELD, PASSWORD, kdf=kdf)
    laptop = Laptop(name, street, folder, store, store.as_user("cadre", PASSWORD), index)
    enrol(hub, laptop, root / "enrolment" / name)
    return laptop


def enrol(hub: Hub, laptop: Laptop, folder: Path) -> None:
    """Request, approval at the hub (after comparing fingerprints), acceptance: as people do it with a stick."""
    folder.mkdir(parents=True, exist_ok=True)
    shown = enroll.write_request(laptop.store, folder / "request.json")
    approval = enroll.approve(hub.store, folder / "request.json", folder / "certificate.json")
    if approval.request_fingerprint != shown:  # pragma: no cover - the screens would differ
        raise RuntimeError("the fingerprints differ")
    enroll.accept(laptop.store, folder / "certificate.json")


def back_up(laptop: Laptop, folder: Path) -> Path:
    """The laptop's routine backup (kept off the laptop, as the manual asks)."""
    laptop.backup = create_backup(laptop.store, folder)
    return laptop.backup


@dataclass
class Replacement:
    """What became of a stolen laptop's replacement: the laptop (None if it could not join) and why not."""

    laptop: Laptop | None
    same_identity: bool
    problem: str = ""


def replace_stolen(root: Path, hub: Hub, stolen: Laptop, kdf: KdfParams) -> Replacement:
    """A new laptop restored from the stolen one's last backup, enrolled with the hub. The stolen one is revoked
    at the hub first. Whether the restored node may join depends on restore giving it an identity of its own
    (restore epochs, issue 16): with the stolen node's identity the hub refuses its enrolment, as it must."""
    from app.errors import FieldbookError

    enroll.revoke(hub.store, stolen.node_id)
    stolen.alive = False
    if stolen.backup is None:
        return Replacement(None, False, "no backup was made before the theft")
    folder = root / "laptops" / f"{stolen.name}-replacement"
    restore_backup(stolen.backup, folder, ADMIN, PASSWORD, new_identity=True)
    restored_id = NodeInfo.load(NodePaths(folder)).node_id
    same = restored_id == stolen.node_id
    store = Store.open(folder, ADMIN, PASSWORD)
    laptop = Laptop(f"{stolen.name}′", stolen.street, folder, store, store.as_user("cadre", PASSWORD),
                    stolen.index, replaced=stolen.node_id)
    laptop.agenda = {}
    try:
        enrol(hub, laptop, root / "enrolment" / laptop.name)
    except FieldbookError as exc:
        store.close()
        return Replacement(None, same, exc.message)
    return Replacement(laptop, same)


def shift_clock(store: Store, days: float) -> None:
    """Set the computer's clock of ``store``'s node ``days`` ahead (negative: behind) of the true time; 0 puts it
    right again. This is the system clock seen by the node's hybrid clock (a fault at a process boundary)."""
    offset = int(days * 86_400_000)
    # the clock takes its wall as a parameter (HybridClock(wall=...)); the node made it with the system clock
    store.clock._wall = lambda: time.time_ns() // 1_000_000 + offset


# -- the HTTP mailbox ------------------------------------------------------------------------------------------------
class HttpHub:
    """The hub's mailbox served by uvicorn in a thread on a loopback port; :meth:`restart` stops it the hard way
    and serves again on the same port, from a new service over the same store (what a restarted server sees)."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.port = 0
        self.restarts = 0
        self._start()

    def _start(self) -> None:
        from app.sync.hub.server import HubService, make_server

        self.service = HubService(self.hub.store)
        self.server = make_server(self.service, "127.0.0.1", self.port)
        self.thread = threading.Thread(target=self.server.run, name="sim-hub", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the simulated hub did not start")
            time.sleep(0.005)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self, force: bool = False) -> None:
        self.server.should_exit = True
        self.server.force_exit = force
        self.thread.join(timeout=30)

    def restart(self) -> None:
        self.stop(force=True)
        self.restarts += 1
        self._start()
