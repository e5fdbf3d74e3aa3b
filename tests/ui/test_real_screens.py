"""Issue 21.3 on a real X server: the login window, the main window, every record form and the household window
fit the screen with their primary buttons on it, from a 1024×600 netbook at 100 % up to 1920×1080 at 150 %, with
Qt's real xcb platform under Xvfb (the offscreen tests in test_netbook.py fake the screen's size; offscreen once hid
a start failure on real desktops). Screenshots of each window go to build/ci-screens/screens-<size>/ for a person
to look at. The windows are opened by tests/ui/real_screen_child.py in a child process, one per screen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "tests" / "ui" / "real_screen_child.py"
WINDOWS = {"login", "main", "visit", "use_check", "anomaly", "preloan_review", "maturity_assessment", "household"}


def _xvfb(size: str) -> tuple[subprocess.Popen, str]:
    """An X server of ``size`` (WIDTHxHEIGHT) on a free display; returns it and its DISPLAY."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    deadline = time.monotonic() + 30
    with os.fdopen(read, "rb") as pipe:
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip():
        server.kill()
        pytest.fail("Xvfb did not start")
    return server, f":{number.decode().strip()}"


@pytest.mark.parametrize(("size", "scale", "text"), [
    ("1024x600", "1", 100),  # a netbook
    ("1024x600", "1", 150),  # a netbook, the text made larger in Settings
    ("1366x768", "1", 100),  # the common laptop
    ("1920x1080", "1.5", 100),  # a full-HD screen at 150 %
])
def test_every_window_fits_the_screen_with_its_buttons_on_it(size, scale, text, tmp_path):
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (.ci/run installs it)")
    server, display = _xvfb(size)
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FIELDBOOK_", "QT_"))}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=scale, HOME=str(tmp_path),
                   TMPDIR=tempfile.gettempdir())
        out = tmp_path / "screens"
        done = subprocess.run([sys.executable, str(CHILD), str(out), str(text)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    shots = ROOT / "build" / "ci-screens" / f"screens-{size}-{scale}x-text{text}"
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    for png in out.glob("*.png"):
        shutil.copy(png, shots / png.name)
    assert set(report) == WINDOWS
    width, height = (int(n) / float(scale) for n in size.split("x"))
    for name, seen in report.items():
        area = seen["area"]
        assert area[2] <= width + 1 and area[3] <= height + 1, (name, seen)  # the real screen, not a fake one
        assert seen["window_on_screen"], (name, seen)
        assert seen["buttons"] and all(seen["buttons"].values()), (name, seen)
        assert (shots / f"{name}.png").stat().st_size > 10_000  # a screen with something painted on it
    assert report["main"]["navigation_whole"], report["main"]  # no page title cut short by the scroll bar
