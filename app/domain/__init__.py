"""Rules with no Qt widgets: validation, permissions, risk rules, workflows, queries."""

from app.domain.loan_backfill import register as _register_backfill

# a node written before loan events derives their history once when opened (app/domain/loan_backfill.py)
_register_backfill()
