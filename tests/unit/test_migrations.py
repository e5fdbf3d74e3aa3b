"""Schema upgrades: committed fixture nodes of released schemas open in this version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import sqlalchemy as sa

from app.db import migrate
from app.db.store import Store
from app.models import Household, Loan

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _copy(name: str, tmp_path: Path) -> tuple[Path, dict]:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    credentials = json.loads((FIXTURES / f"{name}.credentials.json").read_text())
    return target, credentials


def test_single_head():
    assert migrate.head_revision() in migrate.known_revisions()


def test_schema_0001_node_upgrades_and_keeps_data(tmp_path):
    folder, creds = _copy("node-schema-0001", tmp_path)
    store = Store.open(folder, creds["user"], creds["password"])
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.read() as session:
            household = session.execute(sa.select(Household)).scalar_one()
            loan = session.execute(sa.select(Loan)).scalar_one()
        assert household.head_name == "升级户" and loan.amount_fen == 5_000_000
        assert store.check() == []
        if migrate.head_revision() != "0001":
            copies = list((folder / "backups").glob("before-upgrade-0001-*.db"))
            assert len(copies) == 1, "a copy is made before migrating"
    finally:
        store.engine.dispose()


def test_recovery_code_of_fixture_still_works(tmp_path):
    folder, creds = _copy("node-schema-0001", tmp_path)
    store = Store.reset_password_with_recovery(folder, creds["recovery_code"], creds["user"], "another password")
    store.engine.dispose()


def test_models_match_migrations(store):
    """The models and the migrations describe the same schema (what autogenerate would find is empty)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from app.models import Base

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
