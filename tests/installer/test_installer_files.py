"""The installer inputs hold together: the PyInstaller spec, the Inno Setup script, the Debian files, the icons,
and `python main.py --self-test` from the source checkout.

There is no Inno Setup compiler on Linux, so the .iss is checked for structure only (sections, keys, the data
folder it offers to delete, messages it uses); it is compiled for real by installer/windows/build.ps1.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

from app import APP_ID, __version__, i18n, paths
from app.cli import selftest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "fieldbook.spec"
ISS = INSTALLER / "windows" / "fieldbook.iss"
DESKTOP = INSTALLER / "debian" / "fieldbook.desktop"
CONTROL = INSTALLER / "debian" / "control.in"
ICONS = ROOT / "resources" / "icons"
QT_MODULES_USED = {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtSvg"}


# -- PyInstaller spec ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def spec():
    """Execute the spec with PyInstaller's build classes replaced by recorders."""
    assert i18n.ensure_compiled("zh_CN") is not None
    recorded: dict[str, list] = {"EXE": [], "COLLECT": []}

    def analysis(scripts, **kwargs):
        recorded["Analysis"] = SimpleNamespace(scripts=scripts, **kwargs)
        return SimpleNamespace(binaries=[], datas=list(kwargs["datas"]), scripts=[], pure=[])

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package, filter=None: [
        name for name in ("app.cli", "app.cli.selftest", "app.db.migrations.env", "reportlab.graphics.barcode.code128",
                          "gmssl_pyx.gmsslext")
        if name.startswith(package + ".") and (filter is None or filter(name))]
    saved_modules = {name: sys.modules.get(name) for name in ("PyInstaller", "PyInstaller.utils",
                                                               "PyInstaller.utils.hooks")}
    sys.modules.update({"PyInstaller": types.ModuleType("PyInstaller"),
                        "PyInstaller.utils": types.ModuleType("PyInstaller.utils"), "PyInstaller.utils.hooks": hooks})
    saved_path = list(sys.path)
    namespace = {
        "SPECPATH": str(INSTALLER), "__name__": "__main__",
        "Analysis": analysis,
        "PYZ": lambda *args, **kwargs: "pyz",
        "EXE": lambda *args, **kwargs: recorded["EXE"].append(kwargs) or kwargs["name"],
        "COLLECT": lambda *args, **kwargs: recorded["COLLECT"].append((args, kwargs)),
    }
    try:
        exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    finally:
        sys.path[:] = saved_path
        for name, module in saved_modules.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    return SimpleNamespace(ns=namespace, **recorded)


def test_spec_takes_version_and_id_from_the_package(spec):
    assert spec.ns["VERSION"] == __version__
    assert spec.ns["APP_ID"] == APP_ID
    assert __version__ not in SPEC.read_text(encoding="utf-8")  # nothing hard-coded


def test_spec_builds_one_folder_named_fieldbook(spec):
    assert spec.Analysis.scripts == [str(ROOT / "main.py")]
    assert spec.EXE[0]["name"] == "fieldbook"
    assert all(exe["exclude_binaries"] for exe in spec.EXE)  # one-folder: binaries go to COLLECT
    ((_args, kwargs),) = spec.COLLECT
    assert kwargs["name"] == "fieldbook"
    assert all(exe["icon"].endswith("fieldbook.ico") and Path(exe["icon"]).exists() for exe in spec.EXE)


def test_spec_carries_translations_icons_and_migrations(spec):
    targets = {(Path(src).name, dest.replace("\\", "/")) for src, dest in spec.Analysis.datas}
    assert ("fieldbook_zh_CN.qm", "resources/i18n") in targets
    assert not any(name.endswith(".ts") for name, _ in targets)  # a frozen build never runs lrelease
    assert ("fieldbook.svg", "resources/icons") in targets
    assert ("env.py", "app/db/migrations") in targets
    assert ("script.py.mako", "app/db/migrations") in targets
    for script in (ROOT / "app" / "db" / "migrations" / "versions").glob("*.py"):
        assert (script.name, "app/db/migrations/versions") in targets
    # Alembic runs the scripts from files; they stay out of the module archive
    assert not any(name.startswith("app.db.migrations") for name in spec.Analysis.hiddenimports)
    assert "app.cli.selftest" in spec.Analysis.hiddenimports
    # imported inside exec() by reportlab's barcode package (the QR code on printed forms)
    assert "reportlab.graphics.barcode.code128" in spec.Analysis.hiddenimports
    # bundle suite gm's SM2: GmSSL inside gmssl_pyx's extension module (issue 24)
    assert "gmssl_pyx.gmsslext" in spec.Analysis.hiddenimports


def test_spec_excludes_unused_qt_modules_only(spec):
    excluded = {name.split(".", 1)[1] for name in spec.Analysis.excludes if name.startswith("PySide6.")}
    for unused in ("QtWebEngineCore", "QtWebEngineWidgets", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia",
                   "QtBluetooth", "QtCharts", "QtNetwork", "QtSql"):
        assert unused in excluded
    assert not excluded & QT_MODULES_USED


def test_spec_drops_unused_qt_files_and_keeps_needed_ones(spec):
    keep = spec.ns["keep"]

    def kept(dest: str) -> bool:
        return keep((dest, "/src/" + dest, "BINARY"))

    assert kept("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert kept("PySide6/Qt/plugins/platforms/libqwayland.so")
    assert kept("PySide6/Qt/plugins/platforms/qwindows.dll")
    assert kept("PySide6/Qt/plugins/imageformats/libqjpeg.so")
    assert kept("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so")
    assert kept("PySide6/Qt/lib/libQt6Widgets.so.6")
    assert kept("PySide6/Qt/lib/libQt6Pdf.so.6")
    assert kept("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert kept("app/db/migrations/env.py")
    assert not kept("PySide6/Qt/plugins/platforms/libqvnc.so")
    assert not kept("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert not kept("PySide6/Qt/plugins/generic/libqtuiotouchplugin.so")
    assert not kept("PySide6/Qt/lib/libQt6Qml.so.6")
    assert not kept("libQt6Quick.so.6")
    assert not kept("PySide6/Qt/translations/qtbase_de.qm")
    if sys.platform.startswith("linux"):
        assert not kept("libstdc++.so.6")
        assert not kept("libglib-2.0.so.0")
        assert kept("libssl.so.3")  # older UOS/Kylin have OpenSSL 1.1 only
        assert kept("libxcb-util.so.1")  # Debian 10 (UOS 20) has only libxcb-util.so.0
        assert not kept("libxcb-cursor.so.0")  # from Depends (libxcb-cursor0), as every xcb library Qt loads
        assert kept("PySide6/Qt/lib/libQt6Network.so.6")  # libQt6Pdf links it
        assert not kept("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so")



def test_spec_drops_libraries_only_dropped_files_link(spec):
    """The GTK3 theme (dropped) links GTK, which links cairo; Qt (kept) links libssl: cairo and GTK go, libssl and
    what a kept library links through another top-level library (libcrypto through libssl) stay."""
    links = {"/src/libqgtk3.so": ["libgtk-3.so.0", "libssl.so.3"], "/src/libgtk-3.so.0": ["libcairo.so.2"],
             "/src/libcairo.so.2": [], "/src/libQt6Network.so.6": ["libssl.so.3"],
             "/src/libssl.so.3": ["libcrypto.so.3"], "/src/libcrypto.so.3": [], "/src/libextra.so.1": []}
    kept = [("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY")] + [
        (name, "/src/" + name, "BINARY")
        for name in ("libgtk-3.so.0", "libcairo.so.2", "libssl.so.3", "libcrypto.so.3", "libextra.so.1")]
    dropped = [("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY")]
    orphans = spec.ns["orphaned_libraries"](kept, dropped, lambda path: [(name, None) for name in links[path]])
    assert orphans == {"libgtk-3.so.0", "libcairo.so.2"}

def test_debian_depends_cover_the_system_libraries_the_spec_leaves_out(spec):
    loader = importlib.util.spec_from_file_location("check_deps", INSTALLER / "debian" / "check_deps.py")
    check_deps = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(check_deps)
    declared = check_deps.depends_packages(CONTROL)
    for package in ("libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libstdc++6",
                    "libx11-6", "libxcb1", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1"):
        assert package in declared
    assert {"libglib2.0-0", "libglib2.0-0t64"} <= declared  # bookworm/UOS name and trixie's
    assert {"libgcc-s1", "libgcc1"} <= declared


#: libraries of installer/desktop-libs.tsv the frozen build carries itself instead of naming them in Depends
BUNDLED = {
    "libxcb-util.so.1",  # Debian 10 (UOS 20) has only libxcb-util0, soname .so.0
    "libcups.so.2", "libzstd.so.1", "libbrotlicommon.so.1", "libbrotlidec.so.1",
}


def test_debian_depends_cover_every_library_qt_loads(spec):
    """Every library Qt's modules and plugins link (the xcb platform's included) and every one glvnd opens by
    name at run time is carried by the bundle or named in Depends (check_deps.py checks the real build)."""
    desktop_libs = _load_module("desktop_libs", INSTALLER / "desktop_libs.py")
    check_deps = _load_module("check_deps", INSTALLER / "debian" / "check_deps.py")
    declared = check_deps.depends_packages(CONTROL)
    keep = spec.ns["keep"]
    for row in desktop_libs.read_table():
        if row.soname in BUNDLED:
            assert keep((row.soname, "/usr/lib/" + row.soname, "BINARY")), row.soname
        else:
            assert declared & set(row.alternatives), f"Depends lacks {row.packages} ({row.soname}, {row.by})"
            assert not keep((row.soname, "/usr/lib/" + row.soname, "BINARY")) or row.soname.startswith(
                ("libGL", "libEGL", "libOpenGL", "libwayland")), f"{row.soname} is both bundled and in Depends"
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libglx-mesa0", "libegl-mesa0"} <= declared


def _load_module(name, path):
    loader = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(loader)
    sys.modules[name] = module
    loader.loader.exec_module(module)
    return module


# -- Windows: Inno Setup ------------------------------------------------------------------------------------
def _iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in ISS.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match[1]
            sections.setdefault(current, [])
        elif current is not None:
            sections[current].append(line)
    return sections


def _iss_setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in _iss_sections()["Setup"] if "=" in line and not line.startswith("#"))


def test_iss_is_utf8_with_bom_and_has_every_section():
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")
    sections = _iss_sections()
    for name in ("Setup", "Languages", "CustomMessages", "Tasks", "InstallDelete", "Files", "Icons", "Run",
                 "UninstallDelete", "Code"):
        assert name in sections, name
    text = ISS.read_text(encoding="utf-8-sig")
    opened = len(re.findall(r"^\s*#if(n?def)?\b", text, re.M))
    assert opened == len(re.findall(r"^\s*#endif\b", text, re.M))


def test_iss_installs_per_user_and_upgrades_in_place():
    setup = _iss_setup()
    assert re.fullmatch(r"\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{userpf}\\")
    assert setup["AppVersion"] == "{#AppVersion}"
    assert __version__ not in ISS.read_text(encoding="utf-8-sig")
    assert (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).resolve() == (ICONS / "fieldbook.ico").resolve()
    assert setup["UninstallDisplayIcon"] == "{app}\\{#AppExe}"
    assert any("{app}\\_internal" in line for line in _iss_sections()["InstallDelete"])
    files = _iss_sections()["Files"]
    assert any("{#SourceDir}" in line and "recursesubdirs" in line for line in files)
    assert any(line.startswith('Name: "{group}\\') for line in _iss_sections()["Icons"])


def test_iss_offers_to_delete_exactly_the_data_folder_fieldbook_uses(monkeypatch):
    seen = {}

    def fake_user_data_dir(appname=None, appauthor=None, version=None, roaming=False, **kwargs):
        seen.update(appname=appname, appauthor=appauthor, roaming=roaming)
        return "/x"

    monkeypatch.setattr(paths.platformdirs, "user_data_dir", fake_user_data_dir)
    paths.default_data_dir()
    root = "{userappdata}" if seen["roaming"] else "{localappdata}"
    expected = f'#define DataDir "{root}\\{seen["appauthor"]}\\{seen["appname"]}"'
    text = ISS.read_text(encoding="utf-8-sig")
    assert expected in text
    code = "\n".join(_iss_sections()["Code"])
    assert "procedure CurUninstallStepChanged" in code and "usPostUninstall" in code
    assert "UninstallSilent" in code  # a silent uninstall never deletes data
    assert "MB_DEFBUTTON2" in code  # the default answer is No
    assert "DelTree(DataDir" in code


def test_iss_defines_every_message_it_uses():
    text = ISS.read_text(encoding="utf-8-sig")
    used = set(re.findall(r"CustomMessage\('(\w+)'\)", text)) | set(re.findall(r"\{cm:(\w+)", text))
    builtin = {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram", "UninstallProgram"}
    messages = _iss_sections()["CustomMessages"]
    for language in ("english", "chinesesimplified"):
        defined = {line.split("=", 1)[0].split(".", 1)[1] for line in messages if line.startswith(language + ".")}
        assert used - builtin <= defined, language


def test_windows_build_script_passes_the_version_to_iscc():
    script = (INSTALLER / "windows" / "build.ps1").read_text(encoding="utf-8")
    assert "/DAppVersion=$Version" in script and "/DSourceDir=" in script
    assert "installer\\fieldbook.spec" in script and "fieldbook-cli.exe --self-test" in script
    assert "app.__version__" in script


# -- Debian -------------------------------------------------------------------------------------------------
def test_desktop_entry():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Fieldbook"
    assert entry["Name[zh_CN]"] == "扶贫小额信贷外业手簿"
    assert "Office" in entry["Categories"].split(";") and entry["Categories"].endswith(";")
    assert entry["Exec"].split()[0] == "fieldbook"
    assert entry["Icon"] == "fieldbook"
    assert entry["Terminal"] == "false"
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_control_template_and_scripts():
    control = CONTROL.read_text(encoding="utf-8")
    for field in ("Package: fieldbook", "Version: @VERSION@", "Architecture: @ARCH@",
                  "Installed-Size: @INSTALLED_SIZE@", "libc6 (>= @GLIBC@)", "Maintainer:", "Description:"):
        assert field in control
    build = (INSTALLER / "debian" / "build-deb.sh").read_text(encoding="utf-8")
    assert "--root-owner-group" in build and "/opt/fieldbook" in build and "-Zxz" in build
    assert "usr/share/icons/hicolor" in build and "check_deps.py check" in build
    launcher = (INSTALLER / "debian" / "fieldbook.sh").read_text(encoding="utf-8")
    assert 'exec /opt/fieldbook/fieldbook "$@"' in launcher
    for script, shell in ((INSTALLER / "build-frozen.sh", "bash"), (INSTALLER / "debian" / "build-deb.sh", "bash"),
                          (INSTALLER / "debian" / "fieldbook.sh", "sh")):
        assert subprocess.run([shell, "-n", str(script)]).returncode == 0, script


def test_ci_runs_the_frozen_build_after_the_tests():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("pytest") < ci.index("installer/build-frozen.sh")


def test_ci_starts_the_app_and_the_installed_deb_on_a_real_x_server():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    smoke = (ROOT / ".ci" / "desktop-smoke.sh").read_text(encoding="utf-8")
    assert "desktop-smoke.sh source-first bash installer/start-demo.sh" in ci
    assert "installer/build-frozen.sh --deb" in ci
    assert ci.index("installer/build-frozen.sh --deb") < ci.index('apt-get install -y -qq "./$deb"') \
        < ci.index("desktop-smoke.sh deb /usr/bin/fieldbook")
    assert "QT_QPA_PLATFORM=xcb" in smoke and "QT_QPA_PLATFORM=offscreen" not in smoke
    assert "import -window root" in smoke and "standard_deviation" in smoke and "xdotool search" in smoke
    assert "build/ci-screens" in smoke
    for script in (ROOT / ".ci" / "run", ROOT / ".ci" / "desktop-smoke.sh"):
        assert subprocess.run(["bash", "-n", str(script)]).returncode == 0, script


# -- icons --------------------------------------------------------------------------------------------------
def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_png_icons(size):
    assert _png_size((ICONS / f"fieldbook-{size}.png").read_bytes()) == (size, size)


def test_ico_holds_png_entries_up_to_256():
    data = (ICONS / "fieldbook.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        entry = data[offset:offset + length]
        assert _png_size(entry) == ((width or 256), (height or 256))
        sizes.append(width or 256)
    assert {16, 32, 48, 256} <= set(sizes)


def test_svg_icon_is_square():
    root = ET.parse(ICONS / "fieldbook.svg").getroot()
    assert root.get("viewBox") == "0 0 256 256"
    assert (root.get("width"), root.get("height")) == ("256", "256")


# -- self-test ----------------------------------------------------------------------------------------------
def test_self_test_names_the_failing_step(monkeypatch, capsys):
    folders = []

    def remember(state):
        folders.append(state.folder)
        return "ok"

    def broken(state):
        raise selftest.StepFailed("deliberately broken")

    monkeypatch.setattr(selftest, "STEPS", (("build", selftest.step_build), ("remember", remember),
                                            ("broken", broken), ("never", remember)))
    assert selftest.run() == 1
    out, err = capsys.readouterr()
    assert "[1/4] ok build" in out and "[2/4] ok remember" in out and "never" not in out
    assert "[3/4] FAILED broken: deliberately broken" in err
    assert 'Self-test failed at the step "broken".' in err
    assert folders and not folders[0].exists()  # the temporary node is gone


def test_process_age_is_measured_on_linux_and_windows():
    age = selftest.process_age_ms()
    if sys.platform.startswith("linux") or sys.platform == "win32":
        assert age is not None and 0 < age < 3_600_000
    else:
        assert age is None


@pytest.mark.slow
def test_self_test_from_source_passes(tmp_path):
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDBOOK_")}
    env.update({"FIELDBOOK_LANG": "en", "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
                "XDG_DATA_HOME": str(home / "data"), "TMPDIR": str(tmp_path)})
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], capture_output=True, text=True,
                            env=env, timeout=180, stdin=subprocess.DEVNULL, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert sum(1 for line in lines if re.match(r"\[\d+/\d+\] ok ", line)) == len(selftest.STEPS)
    assert lines[-1].startswith("Self-test passed")
    assert "login window" in result.stdout and "print a PDF" in result.stdout
    assert "SM2 signature and encryption, SM4-GCM, SM3" in result.stdout
    assert not (home / "data").exists()  # the user's data folder is never touched
    assert not list(tmp_path.glob("fieldbook-selftest-*"))  # and the temporary node is removed
