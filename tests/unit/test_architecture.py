"""The arrows of docs/architecture-notes.md, enforced: every module under app/ is parsed with ``ast`` and each of
its imports (at the top, inside functions, under ``TYPE_CHECKING``) is checked against the table below.

A new package or top-level module must be placed in :data:`LAYER_OF` before the test passes; an arrow the table
forbids is fixed in the code (move the shared piece down), not added as an exception.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"

#: the layer of each package or top-level module (the longest matching dotted prefix wins)
LAYER_OF = {
    # foundation: used by every layer, imports only itself
    "app": "foundation",  # app/__init__.py only: __version__, APP_ID
    "app.cancel": "foundation",  # the one cancellation token of long jobs
    "app.errors": "foundation",
    "app.i18n": "foundation",
    "app.logs": "foundation",
    "app.memory": "foundation",  # the cyclic collector paused through bulk work
    "app.paths": "foundation",
    "app.settings": "foundation",
    # storage
    "app.models": "models",
    "app.db": "db",
    # rules, exchange, paper and spreadsheets
    "app.domain": "domain",
    "app.sync": "sync",
    "app.reports": "reports",
    # a synthetic district: demo data now, the simulator later (drives the layers below as a user would)
    "app.district": "district",
    # the screens
    "app.ui": "ui",
    # entry points
    "app.cli": "cli",
    "app.bench": "bench",
    "app.simulate": "simulate",
}

BELOW_UI = {"foundation", "models", "db", "domain", "sync", "reports"}
#: what each layer may import (itself included)
MAY_IMPORT: dict[str, set[str]] = {
    "foundation": {"foundation"},
    "models": {"foundation", "models"},
    "db": {"foundation", "models", "db"},
    "domain": {"foundation", "models", "db", "domain"},
    "sync": {"foundation", "models", "db", "domain", "sync"},
    "reports": {"foundation", "models", "db", "domain", "reports"},
    "district": BELOW_UI | {"district"},
    "ui": BELOW_UI | {"ui"},
    "cli": BELOW_UI | {"district", "ui", "cli"},  # main() starts the GUI; --self-test builds the login window
    "bench": BELOW_UI | {"district", "ui", "bench"},  # benchmarks measure the screens too
    "simulate": BELOW_UI | {"district", "simulate"},
}

#: where Qt may be imported outside app/ui, and why
QT_OUTSIDE_UI = {
    # the translation machinery is Qt's (.ts/.qm, QCoreApplication.translate, lrelease); QtCore only, no widgets
    "app.i18n": {"PySide6", "PySide6.QtCore"},
    # the smoke test of a frozen build proves that Qt's platform plugin and widgets load
    "app.cli.selftest": None,
    # the benchmarks time windows and pages
    "app.bench": None,
}
QT_PACKAGES = ("PySide6", "shiboken6")


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    line: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line} imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(APP.rglob("*.py"))}


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports_of(name: str, path: Path) -> list[Arrow]:
    """Every module ``name`` imports, resolved to dotted names (``from app import i18n`` is ``app.i18n``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    arrows = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            arrows += [Arrow(name, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                arrows.append(Arrow(name, full if _is_module(full) else base, node.lineno))
    return arrows


def layer_of(name: str) -> str | None:
    if name == "app":
        return LAYER_OF["app"]
    for prefix in sorted(LAYER_OF, key=len, reverse=True):
        if prefix != "app" and (name == prefix or name.startswith(prefix + ".")):
            return LAYER_OF[prefix]
    return None


def _matches(name: str, prefixes) -> str | None:
    return next((p for p in prefixes if name == p or name.startswith(p + ".")), None)


def test_every_module_has_a_layer():
    unplaced = [name for name in app_modules() if layer_of(name) is None]
    assert unplaced == [], f"place these in LAYER_OF (and in docs/architecture-notes.md): {unplaced}"


def test_arrows_point_one_way():
    wrong = []
    for name, path in app_modules().items():
        allowed = MAY_IMPORT[layer_of(name) or ""]
        for arrow in imports_of(name, path):
            if arrow.target.split(".")[0] != "app":
                continue
            target = layer_of(arrow.target)
            if target not in allowed:
                wrong.append(f"{arrow} ({layer_of(name)} -> {target})")
    assert wrong == [], "forbidden arrows:\n" + "\n".join(wrong)


def test_no_qt_below_the_screens():
    wrong = []
    for name, path in app_modules().items():
        if layer_of(name) == "ui":
            continue
        exception = _matches(name, QT_OUTSIDE_UI)
        for arrow in imports_of(name, path):
            if arrow.target.split(".")[0] not in QT_PACKAGES:
                continue
            if exception is not None and (QT_OUTSIDE_UI[exception] is None or arrow.target in QT_OUTSIDE_UI[exception]):
                continue
            wrong.append(str(arrow))
    assert wrong == [], "Qt outside app/ui:\n" + "\n".join(wrong)


def test_the_checker_sees_what_it_must(tmp_path):
    """The parser resolves the forms of import the code uses (a checker that sees nothing passes everything)."""
    arrows = {a.target for a in imports_of("app.db.store", APP / "db" / "store.py")}
    assert {"app.db.audit", "app.models.permissions", "sqlalchemy"} <= arrows
    arrows = {a.target for a in imports_of("app.cli", APP / "cli" / "__init__.py")}
    assert {"app", "app.cli.selftest", "app.ui.application"} <= arrows  # from app import __version__; lazy imports
    assert layer_of("app.domain.records") == "domain" and layer_of("app.i18n") == "foundation"
    assert layer_of("app.cli.selftest") == "cli" and layer_of("app") == "foundation"
    assert layer_of("app.newcomer") is None and layer_of("app.newcomer.part") is None and layer_of("appendix") is None
