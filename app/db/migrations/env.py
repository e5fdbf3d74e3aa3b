"""Alembic environment: always run programmatically with an open connection (app/db/migrate.py)."""

from __future__ import annotations

from alembic import context

from app.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the CLI of alembic is not used for Fieldbook databases
    raise RuntimeError("run migrations through app.db.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transaction_per_migration=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
