"""The enroll and bundle commands end to end through ``main.py``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDBOOK_")}
    env.update({"FIELDBOOK_DATA_DIR": str(data_dir), "FIELDBOOK_USER": "admin", "FIELDBOOK_PASSWORD": "admin pass 1",
                "FIELDBOOK_LANG": "en", "QT_QPA_PLATFORM": "offscreen"})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL, cwd=data_dir.parent)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_enroll_and_exchange_from_the_command_line(tmp_path):
    hub, field = tmp_path / "hub", tmp_path / "field"
    ok(run(hub, "init", "--role", "hub", "--name", "枢纽", "--admin", "admin"))
    ok(run(field, "init", "--role", "field", "--name", "外业", "--street", "610111001", "--admin", "admin"))
    shown = ok(run(field, "enroll", "request", "--out", str(tmp_path / "req.json")))
    approved = ok(run(hub, "enroll", "approve", str(tmp_path / "req.json"), "--out", str(tmp_path / "cert.json")))
    fingerprint = re.search(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", shown).group(0)
    assert fingerprint in approved, "both screens show the same short fingerprint"
    hub_fingerprint = re.findall(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", approved)[-1]
    accepted = ok(run(field, "enroll", "accept", str(tmp_path / "cert.json")))
    assert hub_fingerprint in accepted

    ok(run(field, "bundle", "export", "--out", str(tmp_path / "stick")))
    bundles = sorted((tmp_path / "stick").glob("*.fbb"))
    assert len(bundles) == 1
    assert "0 changes applied" in ok(run(hub, "bundle", "import", str(tmp_path / "stick")))
    assert "already imported" in ok(run(hub, "bundle", "import", str(bundles[0])))
    ok(run(hub, "check"))

    # one export in another suite (issue 24); a damaged gm bundle is refused in one line (no GmSSL trace)
    field_id = re.search(r"\(([0-9a-f-]{36})\)", approved).group(1)
    ok(run(hub, "bundle", "export", "--out", str(tmp_path / "gm"), "--to", field_id[:8], "--suite", "gm"))
    gm_bundle = next((tmp_path / "gm").glob("*.fbb"))
    assert b'"suite":"gm"' in gm_bundle.read_bytes()[:4096]
    assert "changes applied" in ok(run(field, "bundle", "import", str(gm_bundle)))
    data = bytearray(gm_bundle.read_bytes())
    data[-100] ^= 0xFF
    (tmp_path / "gm" / "damaged.fbb").write_bytes(bytes(data))
    result = run(field, "bundle", "import", str(tmp_path / "gm" / "damaged.fbb"))
    assert result.returncode == 9 and result.stderr.strip().count("\n") == 0 and "signature" in result.stderr, \
        result.stderr
    result = run(field, "bundle", "export", "--out", str(tmp_path / "x"), "--suite", "rc4")
    assert result.returncode != 0 and "Unknown bundle suite rc4" in result.stderr and "Traceback" not in result.stderr

    damaged = tmp_path / "damaged.fbb"
    data = bytearray(bundles[0].read_bytes())
    data[-100] ^= 0xFF  # inside the ciphertext
    damaged.write_bytes(bytes(data))
    result = run(hub, "bundle", "import", str(damaged))
    assert result.returncode == 9 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "signature" in result.stderr

    assert "roster version 2" in ok(run(hub, "enroll", "revoke", field_id[:8]))
    result = run(hub, "bundle", "import", str(bundles[0]))
    assert result.returncode == 9 and "revoked" in result.stderr
