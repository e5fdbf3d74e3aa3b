from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(tmp_path):
    """Run ``python main.py ...`` in a subprocess against a node folder of this test."""
    data_dir = tmp_path / "node"

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDBOOK_")}
        full_env.update({"FIELDBOOK_DATA_DIR": str(data_dir), "FIELDBOOK_USER": "admin",
                         "FIELDBOOK_PASSWORD": "admin pass 1", "FIELDBOOK_LANG": "en",
                         "QT_QPA_PLATFORM": "offscreen"})
        full_env.update(env or {})
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                              env=full_env, timeout=timeout, stdin=subprocess.DEVNULL, cwd=tmp_path)

    run.data_dir = data_dir
    return run


def assert_clean_failure(result: subprocess.CompletedProcess, fragment: str) -> None:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0], lines[0]
