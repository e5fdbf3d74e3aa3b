"""Field-record commands for the headless CLI.

Listed in ``app.cli.FEATURE_MODULES`` *before* ``app.cli.registry``: importing ``app.reports.field_ledgers``
here registers the ledgers ``visits``, ``use-checks`` and ``anomalies`` before ``export ledger`` lists its kinds.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import app.reports.field_ledgers  # noqa: F401  (registers the field-record ledgers)


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """Nothing of its own yet: the records are exported through ``export ledger``."""
