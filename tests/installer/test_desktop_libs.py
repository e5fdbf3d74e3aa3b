"""installer/desktop_libs.py and its table: the Qt desktop libraries start-demo installs and the .deb depends on.

The table is checked against the PySide6 installed in this environment (readelf on its modules and plugins);
apt, sudo and the dynamic linker's cache are the process boundaries faked in the ensure() tests.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


desktop_libs = _load("desktop_libs", INSTALLER / "desktop_libs.py")


@pytest.fixture(scope="module")
def pyside() -> Path:
    import PySide6

    found = desktop_libs.find_pyside(str(Path(PySide6.__file__).parent))
    assert found is not None
    return found


# -- the table ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def scanned(pyside) -> dict[str, tuple[str, str, str]]:
    return desktop_libs.scan(pyside)


def test_table_covers_what_the_installed_pyside6_links(pyside, scanned):
    assert desktop_libs.check(pyside, scanned) == []


def test_the_xcb_plugin_needs_are_in_the_table_with_their_packages(pyside, scanned):
    rows = {row.soname: row for row in desktop_libs.read_table()}
    found = scanned
    # what readelf shows for the xcb platform plugin (and libQt6XcbQpa it loads) is all there
    for soname in desktop_libs.needed(pyside / "Qt" / "plugins" / "platforms" / "libqxcb.so"):
        if not soname.startswith("libQt6") and not desktop_libs.LIBC.match(soname):
            assert soname in rows, soname
            assert found[soname][0] in ("all", "x11")
    assert rows["libxcb-cursor.so.0"].alternatives == ["libxcb-cursor0"]
    assert rows["libxcb-icccm.so.4"].alternatives == ["libxcb-icccm4"]
    assert rows["libxcb-keysyms.so.1"].alternatives == ["libxcb-keysyms1"]
    assert rows["libxcb-glx.so.0"].how == "plugin"  # the GLX integration, a plugin Qt opens at run time
    assert rows["libglib-2.0.so.0"].alternatives == ["libglib2.0-0t64", "libglib2.0-0"]  # Debian 13's t64 name
    assert rows["libgcc_s.so.1"].alternatives == ["libgcc-s1", "libgcc1"]  # Debian 10 (UOS 20) name
    dlopen = {row.soname: row for row in rows.values() if row.how == "dlopen"}
    assert set(dlopen) == {"libGLX_mesa.so.0", "libEGL_mesa.so.0"}
    assert "libglx-vendor" in dlopen["libGLX_mesa.so.0"].alternatives


def test_table_rows_are_well_formed():
    rows = desktop_libs.read_table()
    assert len({row.soname for row in rows}) == len(rows)
    for row in rows:
        assert row.alternatives and "UNKNOWN" not in row.packages, row
        assert all(name == name.lower() and " " not in name for name in row.alternatives), row


def test_update_rewrites_the_same_table(pyside, scanned, tmp_path, monkeypatch):
    monkeypatch.setattr(desktop_libs, "scan", lambda pyside: scanned)
    copy = tmp_path / "desktop-libs.tsv"
    copy.write_text(desktop_libs.TABLE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(desktop_libs, "TABLE", copy)
    assert desktop_libs.update(pyside) == 0
    assert copy.read_text(encoding="utf-8") == (INSTALLER / "desktop-libs.tsv").read_text(encoding="utf-8")


def test_the_script_runs_on_the_python_of_uos_20():
    """It must at least start on Python 3.7 (UOS 20), to say that Fieldbook needs 3.11."""
    ast.parse((INSTALLER / "desktop_libs.py").read_text(encoding="utf-8"), feature_version=(3, 7))


# -- ensure: what start-demo does ---------------------------------------------------------------------------
class FakeSystem:
    """The dynamic linker's cache, apt and sudo of a desktop that lacks some libraries."""

    def __init__(self, monkeypatch, lacking: set[str], candidates: set[str], privilege):
        rows = desktop_libs.read_table()
        self.present = {row.soname: f"/usr/lib/{row.soname}" for row in rows if row.soname not in lacking}
        self.by_package: dict[str, list[str]] = {}
        for row in rows:
            for name in row.alternatives:
                self.by_package.setdefault(name, []).append(row.soname)
        self.candidates = candidates
        self.calls: list[list[str]] = []
        monkeypatch.setattr(desktop_libs, "system_libraries", lambda: dict(self.present))
        monkeypatch.setattr(desktop_libs, "apt_candidates", lambda names: set(names) & self.candidates)
        monkeypatch.setattr(desktop_libs, "privilege", lambda: privilege)
        monkeypatch.setattr(desktop_libs, "has_cjk_font", lambda: True)
        monkeypatch.setattr(desktop_libs, "needs_python_venv", lambda: False)
        monkeypatch.setattr(desktop_libs, "unresolved", lambda pyside: [])
        monkeypatch.setattr(desktop_libs.shutil, "which", lambda name: f"/usr/bin/{name}")
        monkeypatch.setattr(desktop_libs.subprocess, "run", self.run)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)

    def run(self, argv, **kwargs):
        self.calls.append(list(argv))
        if "install" in argv:
            for name in argv[argv.index("install") + 1:]:
                for soname in self.by_package.get(name, []):
                    self.present[soname] = f"/usr/lib/{soname}"
        return subprocess.CompletedProcess(argv, 0, "", "")


LACKING = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
DEBIAN_12 = {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libglib2.0-0", "libgcc-s1"}


def test_ensure_does_nothing_when_all_is_there(monkeypatch, capsys):
    fake = FakeSystem(monkeypatch, set(), DEBIAN_12, privilege=[])
    assert desktop_libs.ensure(None) == 0
    assert fake.calls == []
    assert capsys.readouterr().out == ""


def test_ensure_installs_what_is_missing_as_root(monkeypatch, capsys):
    fake = FakeSystem(monkeypatch, LACKING, DEBIAN_12, privilege=[])
    assert desktop_libs.ensure(None) == 0
    (install,) = fake.calls
    assert install[:3] == ["apt-get", "install", "-y"]
    assert install[-3:] == ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"]
    out = capsys.readouterr().out
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1" in out
    assert "installing libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 with apt-get" in out


def test_ensure_uses_sudo_that_asks_no_password(monkeypatch):
    fake = FakeSystem(monkeypatch, LACKING, DEBIAN_12, privilege=["sudo", "-n"])
    assert desktop_libs.ensure(None) == 0
    assert fake.calls[0][:4] == ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive"]


def test_ensure_prints_the_one_command_without_root(monkeypatch, capsys):
    fake = FakeSystem(monkeypatch, LACKING, DEBIAN_12, privilege=None)
    assert desktop_libs.ensure(None) == 3
    assert fake.calls == []
    out = capsys.readouterr().out
    assert "    sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1\n" in out
    assert out.count("sudo apt-get") == 1


def test_without_root_and_package_lists_the_command_updates_them_first(monkeypatch, capsys):
    FakeSystem(monkeypatch, LACKING | {"libglib-2.0.so.0"}, DEBIAN_12 - {"libxcb-keysyms1"}, privilege=None)
    assert desktop_libs.ensure(None) == 3
    command = capsys.readouterr().out.splitlines()[-1].strip()
    assert command == ("sudo apt-get update && sudo apt-get install -y "
                       "libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1")


def test_ensure_picks_the_name_this_release_has(monkeypatch):
    """Debian 13 renamed GLib's package (t64); Debian 10 (UOS 20) still calls libgcc-s1 libgcc1."""
    lacking = {"libglib-2.0.so.0", "libgthread-2.0.so.0", "libgcc_s.so.1"}
    fake = FakeSystem(monkeypatch, lacking, {"libglib2.0-0t64", "libgcc1"}, privilege=[])
    assert desktop_libs.ensure(None) == 0
    assert fake.calls[0][-2:] == ["libgcc1", "libglib2.0-0t64"]


def test_ensure_updates_the_package_lists_when_apt_knows_nothing(monkeypatch):
    fake = FakeSystem(monkeypatch, LACKING, set(), privilege=[])

    def run(argv, **kwargs):
        if "update" in argv:
            fake.candidates = DEBIAN_12
        return FakeSystem.run(fake, argv, **kwargs)

    monkeypatch.setattr(desktop_libs.subprocess, "run", run)
    assert desktop_libs.ensure(None) == 0
    assert [call[:2] for call in fake.calls] == [["apt-get", "update"], ["apt-get", "install"]]


def test_ensure_asks_for_a_chinese_font_and_python_venv(monkeypatch):
    fake = FakeSystem(monkeypatch, set(), DEBIAN_12 | {"fonts-noto-cjk", "python3-venv"}, privilege=[])
    monkeypatch.setattr(desktop_libs, "has_cjk_font", lambda: bool(fake.calls))
    monkeypatch.setattr(desktop_libs, "needs_python_venv", lambda: not fake.calls)
    assert desktop_libs.ensure(None) == 0
    assert fake.calls[0][-2:] == ["fonts-noto-cjk", "python3-venv"]


def test_ensure_names_a_library_the_table_does_not_know(monkeypatch, capsys):
    fake = FakeSystem(monkeypatch, set(), DEBIAN_12, privilege=[])
    monkeypatch.setattr(desktop_libs, "unresolved", lambda pyside: ["libxcb-new-thing.so.9"])
    assert desktop_libs.ensure(None) == 2
    assert fake.calls == []
    assert "libxcb-new-thing.so.9" in capsys.readouterr().out


def test_wayland_libraries_only_in_a_wayland_session(monkeypatch):
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    assert desktop_libs.session_groups() == ("all", "x11")
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    assert desktop_libs.session_groups() == ("all", "x11", "wayland")
