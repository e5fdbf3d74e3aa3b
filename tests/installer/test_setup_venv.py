"""installer/setup-venv.sh runs pip only when pyproject.toml (or the interpreter, or the extras) changed, so a
second `start-demo` is fast; installer/start-demo.sh says what it does, one line per step.

The real script runs in a scratch project whose .venv/bin/python is a stand-in that records how it was called
(pip and the translation compiler are the process boundary here; the real install is proven by .ci/run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAKE_PYTHON = """#!/bin/sh
echo "$*" >> "{calls}"
case "$*" in
  *"pip install"*) [ -f "{fail}" ] && {{ echo "ERROR: no matching distribution" >&2; exit 1; }} ;;
  *"pip --version"*) [ -f "{nopip}" ] && exit 1 ;;
esac
exit 0
"""
#: the system's python3: `-m venv .venv` makes a .venv whose python is the recording stand-in
FAKE_SYSTEM_PYTHON = """#!/bin/sh
echo "system $*" >> "{calls}"
mkdir -p .venv/bin && cp "{template}" .venv/bin/python && printf 'version = 3.11.7\\n' > .venv/pyvenv.cfg
"""


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "checkout"
    (root / "installer").mkdir(parents=True)
    shutil.copy(ROOT / "installer" / "setup-venv.sh", root / "installer" / "setup-venv.sh")
    (root / "pyproject.toml").write_text('[project]\nname = "fieldbook"\ndependencies = ["a"]\n', encoding="utf-8")
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (root / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.11.7\n", encoding="utf-8")
    python = bin_dir / "python"
    python.write_text(FAKE_PYTHON.format(calls=tmp_path / "calls.log", fail=tmp_path / "fail",
                                         nopip=tmp_path / "nopip"), encoding="utf-8")
    python.chmod(0o755)
    shutil.copy(python, tmp_path / "python-template")
    system = tmp_path / "python3"
    system.write_text(FAKE_SYSTEM_PYTHON.format(calls=tmp_path / "calls.log", template=tmp_path / "python-template"),
                      encoding="utf-8")
    system.chmod(0o755)
    return root


def run(project: Path, **env: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    calls = project.parent / "calls.log"
    calls.unlink(missing_ok=True)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FIELDBOOK_")}
    environment["PYTHON"] = str(project.parent / "python3")
    environment.update(env)
    result = subprocess.run(["bash", str(project / "installer" / "setup-venv.sh")], capture_output=True, text=True,
                            env=environment, timeout=60)
    return result, calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []


def pip_runs(calls: list[str]) -> list[str]:
    return [call for call in calls if "pip install" in call]


def test_first_run_installs_and_says_so(project):
    result, calls = run(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["setup-venv: installing Fieldbook and its dependencies into .venv "
                                          "(a minute or two) …"]
    assert pip_runs(calls) == ["-m pip install -q --upgrade pip", "-m pip install -q -e .[test]"]
    assert any("ensure_compiled" in call for call in calls)
    assert (project / ".venv" / ".fieldbook-installed").read_text(encoding="utf-8").strip().endswith("extras=test")


def test_second_run_installs_nothing_and_prints_nothing(project):
    run(project)
    result, calls = run(project, FIELDBOOK_STEP_PREFIX="start-demo")
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == ""
    assert pip_runs(calls) == []
    assert any("ensure_compiled" in call for call in calls)  # the catalogue is still kept current


def test_a_changed_pyproject_reinstalls(project):
    run(project)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace('["a"]', '["a", "b"]'), encoding="utf-8")
    result, calls = run(project, FIELDBOOK_STEP_PREFIX="start-demo")
    assert result.stdout.splitlines() == ["start-demo: pyproject.toml changed: updating the packages in .venv …"]
    assert len(pip_runs(calls)) == 2
    assert pip_runs(run(project)[1]) == []


@pytest.mark.parametrize("change", ["interpreter", "extras", "forced"])
def test_another_interpreter_extras_or_a_forced_run_reinstall(project, change):
    run(project)
    env = {}
    if change == "interpreter":
        (project / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.12.1\n", encoding="utf-8")
    elif change == "extras":
        env["FIELDBOOK_EXTRAS"] = "test,build"
    else:
        env["FIELDBOOK_REINSTALL"] = "1"
    assert len(pip_runs(run(project, **env)[1])) == 2


def test_a_failed_pip_shows_its_output_and_is_retried(project):
    (project.parent / "fail").touch()
    result, _ = run(project)
    assert result.returncode == 1
    assert "ERROR: no matching distribution" in result.stderr and "pip failed" in result.stderr
    assert not (project / ".venv" / ".fieldbook-installed").exists()
    (project.parent / "fail").unlink()
    result, calls = run(project)
    assert result.returncode == 0 and len(pip_runs(calls)) == 2


def test_a_venv_without_pip_is_made_anew(project):
    """`python3 -m venv` without Debian's python3-venv leaves a .venv without pip behind."""
    (project.parent / "nopip").touch()
    result, calls = run(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "setup-venv: creating the Python environment in .venv …"
    assert "system -m venv .venv" in calls
    assert len(pip_runs(calls)) == 2


def test_a_missing_venv_is_made(project):
    shutil.rmtree(project / ".venv")
    result, calls = run(project)
    assert result.returncode == 0, result.stderr
    assert "system -m venv .venv" in calls and len(pip_runs(calls)) == 2
    assert pip_runs(run(project)[1]) == []


def test_start_demo_says_what_it_does_and_checks_the_libraries_first():
    script = (ROOT / "installer" / "start-demo.sh").read_text(encoding="utf-8")
    assert script.index("desktop_libs.py ensure") < script.index("bash installer/setup-venv.sh")
    assert 'step "building the demo district' in script and 'step "starting Fieldbook' in script
    assert "FIELDBOOK_STEP_PREFIX=start-demo" in script
    for name in ("start-demo.sh", "setup-venv.sh"):
        assert subprocess.run(["bash", "-n", str(ROOT / "installer" / name)]).returncode == 0


def test_license_metadata_is_an_spdx_expression():
    """setuptools >= 77 warned four times about the deprecated table form of project.license."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["license"] == "LicenseRef-Proprietary"
    assert "setuptools>=77" in data["build-system"]["requires"]
