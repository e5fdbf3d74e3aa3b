"""The system libraries Qt needs on a Linux desktop, and the Debian packages that hold them.

    python3 installer/desktop_libs.py ensure [--check-only] [--qt DIR]   install what is missing (start-demo)
    python3 installer/desktop_libs.py packages [--for all,x11,wayland]  print the packages (CI, one a line)
    python3 installer/desktop_libs.py check  [--qt DIR]                  the table covers what PySide6 links
    python3 installer/desktop_libs.py update [--qt DIR]                  rewrite the table from PySide6 (+ dpkg -S)

The table is installer/desktop-libs.tsv: one row per shared library (soname) that the Qt of the installed
PySide6 loads from the system, with the Debian package(s) that hold it (alternatives with "|": a package
renamed by the 64-bit time_t transition, or the name on UOS 20 / Kylin V10), when it is needed (all / x11 /
wayland) and how it is loaded:

    needed   ELF NEEDED of a Qt library or PySide6 module Fieldbook imports (libQt6Gui needs libEGL.so.1)
    plugin   ELF NEEDED of a plugin Qt opens with dlopen at run time: the xcb platform (libQt6XcbQpa needs
             libxcb-cursor.so.0, which Qt >= 6.5 cannot do without), the xcb GL integrations, the input
             contexts, the portal theme, image formats, the CUPS print support
    dlopen   opened by name at run time, in no NEEDED entry at all: glvnd's libGL/libEGL open the vendor's
             libGLX_mesa.so.0 / libEGL_mesa.so.0 (and Mesa its DRI driver) when Qt makes an OpenGL context

"needed" and "plugin" rows come from readelf -d on the installed PySide6 (`update` regenerates them, `check`
and tests/installer/test_desktop_libs.py fail when they drift). "dlopen" rows cannot be read from the files:
they were found by running Fieldbook under Xvfb with the real xcb platform (QT_QPA_PLATFORM=xcb,
QT_DEBUG_PLUGINS=1, LD_DEBUG=libs, strace -e openat) through login, every page and a print preview, and
once with an OpenGL context; `update` keeps them as they are.

`ensure` is what start-demo runs before it starts the GUI: it finds the table's libraries that the dynamic
linker cannot find (ldconfig -p), picks for each the first package apt has a candidate for, and installs them
with apt-get when it can (as root, or with sudo that asks no password); otherwise it prints the one command to
run and exits 3. With the PySide6 installed it also runs ldd on the xcb plugin, which catches a library a newer
PySide6 needs and the table does not list yet. Python >= 3.8 and the standard library only: it runs with the
system's python3, before .venv exists.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLE = HERE / "desktop-libs.tsv"
GROUPS = ("all", "x11", "wayland")
HOWS = ("needed", "plugin", "dlopen")
#: glibc's own libraries (package libc6) are on every system
LIBC = re.compile(r"^(ld-linux.*|libc|libm|libdl|libpthread|librt|libresolv|libutil|libanl|libnsl)\.so(\.|$)")
#: Chinese text needs a CJK font; the first package apt can install is used
CJK_FONTS = ("fonts-noto-cjk", "fonts-wqy-microhei", "fonts-wqy-zenhei")
#: Debian's python3 makes no virtual environment without this (ensurepip is split off)
PYTHON_VENV = ("python3-venv",)
#: package renames between Debian 10 (UOS 20), Ubuntu 20.04 (Kylin V10), Debian 12 and Debian 13 (t64)
ALTERNATIVES = {
    "libglib2.0-0": "libglib2.0-0t64 | libglib2.0-0",
    "libglib2.0-0t64": "libglib2.0-0t64 | libglib2.0-0",
    "libgcc-s1": "libgcc-s1 | libgcc1",
    "libcups2": "libcups2t64 | libcups2",
    "libcups2t64": "libcups2t64 | libcups2",
    "libgssapi-krb5-2": "libgssapi-krb5-2",
}

# -- what Qt loads ------------------------------------------------------------------------------------------
#: PySide6 modules Fieldbook imports (app/, the spec's QT_MODULES_USED)
MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport", "QtPdf", "QtPdfWidgets")
#: plugins Qt opens at run time, by folder, with the session they serve; the frozen build keeps the same ones
#: (installer/fieldbook.spec, KEEP_PLUGIN_DIRS and DROP_PLUGINS)
PLUGINS = {
    "platforms/libqxcb.so": "x11",
    "platforms/libqwayland.so": "wayland",
    "xcbglintegrations/*.so": "x11",
    "wayland-decoration-client/*.so": "wayland",
    "wayland-graphics-integration-client/*.so": "wayland",
    "wayland-shell-integration/*.so": "wayland",
    "platforminputcontexts/libcomposeplatforminputcontextplugin.so": "all",
    "platforminputcontexts/libibusplatforminputcontextplugin.so": "all",
    "platformthemes/libqxdgdesktopportal.so": "all",
    "imageformats/*.so": "all",
    "iconengines/*.so": "all",
    "printsupport/*.so": "all",
}


@dataclass
class Row:
    soname: str
    packages: str  # "a | b"
    group: str  # all, x11, wayland
    how: str  # needed, plugin, dlopen
    by: str  # who loads it

    @property
    def alternatives(self) -> list[str]:
        return [name.strip() for name in self.packages.split("|") if name.strip()]


def read_table(path: Path = TABLE) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5 or fields[2] not in GROUPS or fields[3] not in HOWS:
            raise SystemExit(f"{path}:{number}: want soname, packages, {'/'.join(GROUPS)}, "
                             f"{'/'.join(HOWS)}, loaded-by (tab-separated)")
        rows.append(Row(*fields))
    return rows


def write_table(rows: list[Row], path: Path = TABLE) -> None:
    header = [
        "# Qt's desktop libraries: soname -> Debian packages (generated and checked by installer/desktop_libs.py;",
        "# read its docstring before editing). Columns: soname, packages (alternatives with |), for (all, x11,",
        "# wayland), how (needed / plugin = ELF NEEDED, dlopen = opened by name at run time), loaded by.",
    ]
    order = {group: index for index, group in enumerate(GROUPS)}
    body = ["\t".join((r.soname, r.packages, r.group, r.how, r.by))
            for r in sorted(rows, key=lambda r: (order[r.group], HOWS.index(r.how), r.soname))]
    path.write_text("\n".join(header + body) + "\n", encoding="utf-8")


def find_pyside(explicit: str | None = None) -> Path | None:
    """The PySide6 package folder: --qt, else the checkout's .venv, else the running interpreter's."""
    candidates = [Path(explicit)] if explicit else []
    candidates += sorted((HERE.parent / ".venv" / "lib").glob("python3*/site-packages/PySide6"))
    candidates.append(Path(sysconfig.get_paths()["purelib"]) / "PySide6")
    for candidate in candidates:
        if candidate.name != "PySide6" and (candidate / "PySide6").is_dir():
            candidate = candidate / "PySide6"
        if (candidate / "Qt" / "lib").is_dir():
            return candidate
    return None


def needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=False).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def entry_points(pyside: Path) -> list[tuple[Path, str, str]]:
    """(file, group, how) for each PySide6 module and plugin Fieldbook makes Qt load."""
    entries = []
    for module in MODULES:
        entries += [(path, "all", "needed") for path in sorted(pyside.glob(f"{module}.*so"))]
    for pattern, group in PLUGINS.items():
        entries += [(path, group, "plugin") for path in sorted((pyside / "Qt" / "plugins").glob(pattern))]
    return entries


def scan(pyside: Path) -> dict[str, tuple[str, str, str]]:
    """soname -> (group, how, loaded by) for every system library the PySide6 files link, followed through
    the libraries PySide6 carries itself (Qt/lib, shiboken6). A library that both an X11 and a Wayland piece
    (or any common piece) needs is needed everywhere; "needed" wins over "plugin"."""
    own: dict[str, Path] = {}
    for folder in (pyside, pyside / "Qt" / "lib", pyside.parent / "shiboken6"):
        for path in folder.glob("*.so*"):
            own.setdefault(path.name, path)
    groups: dict[str, set[str]] = {}
    first: dict[str, tuple[str, str]] = {}  # soname -> (how, loaded by), the strongest reason seen
    links: dict[Path, list[str]] = {}  # readelf once per file
    for entry, group, how in entry_points(pyside):
        seen: set[str] = set()
        queue = [entry]
        while queue:
            current = queue.pop()
            if current not in links:
                links[current] = needed(current)
            for soname in links[current]:
                if soname in own:
                    if soname not in seen:
                        seen.add(soname)
                        queue.append(own[soname])
                    continue
                if LIBC.match(soname):
                    continue
                groups.setdefault(soname, set()).add(group)
                by = str(entry.relative_to(pyside))
                if current != entry:
                    by = f"{current.name} <- {by}"
                if soname not in first or (first[soname][0] == "plugin" and how == "needed"):
                    first[soname] = (how, by)
    found = {}
    for soname, wanted_by in groups.items():
        group = "all" if "all" in wanted_by or len(wanted_by) > 1 else next(iter(wanted_by))
        found[soname] = (group, *first[soname])
    return found


def dpkg_owner(soname: str) -> str | None:
    path = system_libraries().get(soname)
    if path is None:
        return None
    for candidate in (path, os.path.realpath(path)):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def update(pyside: Path) -> int:
    old = {row.soname: row for row in read_table()} if TABLE.exists() else {}
    rows = [row for row in old.values() if row.how == "dlopen"]
    unknown = []
    for soname, (group, how, by) in sorted(scan(pyside).items()):
        packages = old[soname].packages if soname in old else None
        if packages is None:
            owner = dpkg_owner(soname)
            if owner is None:
                unknown.append(soname)
            packages = ALTERNATIVES.get(owner, owner) if owner else "UNKNOWN"
        rows.append(Row(soname, packages, group, how, by))
    write_table(rows)
    dropped = sorted(set(old) - {row.soname for row in rows})
    print(f"desktop_libs: {len(rows)} rows written to {TABLE.name}"
          + (f"; dropped {', '.join(dropped)}" if dropped else ""))
    for soname in unknown:
        print(f"desktop_libs: {soname} is not installed here: write its package in place of UNKNOWN",
              file=sys.stderr)
    return 1 if unknown else 0


def check(pyside: Path, found: dict[str, tuple[str, str, str]] | None = None) -> list[str]:
    """Differences between the table and what the installed PySide6 links (empty when they agree)."""
    table = {row.soname: row for row in read_table()}
    problems = []
    found = scan(pyside) if found is None else found
    for soname, (group, how, by) in sorted(found.items()):
        row = table.get(soname)
        if row is None:
            problems.append(f"{soname} ({by}) is not in {TABLE.name}")
        elif (row.group, row.how) != (group, how):
            problems.append(f"{soname}: the table says {row.group}/{row.how}, PySide6 shows {group}/{how} ({by})")
    for soname, row in sorted(table.items()):
        if row.how != "dlopen" and soname not in found:
            problems.append(f"{soname}: in {TABLE.name} but no PySide6 file links it any more")
    return problems


# -- what this system has ------------------------------------------------------------------------------------
def _ldconfig() -> str:
    for candidate in ("/sbin/ldconfig", "/usr/sbin/ldconfig"):
        if os.path.exists(candidate):
            return candidate
    return "ldconfig"


def system_libraries() -> dict[str, str]:
    """soname -> path of the libraries the dynamic linker finds for this machine's architecture."""
    out = subprocess.run([_ldconfig(), "-p"], capture_output=True, text=True, check=False).stdout
    triplet = getattr(sys.implementation, "_multiarch", "") or sysconfig.get_config_var("MULTIARCH") or ""
    libraries: dict[str, str] = {}
    other: dict[str, str] = {}
    for line in out.splitlines():
        match = re.match(r"\s+(\S+) \((.*?)\) => (\S+)", line)
        if not match or not os.path.exists(match[3]):
            continue
        if (triplet and f"/{triplet}/" in match[3]) or any(tag in match[2] for tag in ("x86-64", "AArch64", "64bit")):
            libraries.setdefault(match[1], match[3])
        else:
            other.setdefault(match[1], match[3])
    if not triplet:  # an unknown layout: anything the cache lists
        for soname, path in other.items():
            libraries.setdefault(soname, path)
    return libraries


def unresolved(pyside: Path | None) -> list[str]:
    """Sonames ldd cannot find for the xcb platform plugin and its GL integrations (the definitive test)."""
    if pyside is None or not shutil.which("ldd"):
        return []
    missing: set[str] = set()
    plugins = pyside / "Qt" / "plugins"
    for path in [plugins / "platforms" / "libqxcb.so", *sorted((plugins / "xcbglintegrations").glob("*.so"))]:
        if path.exists():
            out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False).stdout
            missing.update(re.findall(r"^\s*(\S+) => not found", out, re.M))
    return sorted(missing)


def has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return True  # no fontconfig tools to ask: do not guess
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    return bool(out.strip())


def session_groups() -> tuple[str, ...]:
    """X11 is always wanted (it is also Qt's fallback under Wayland, through Xwayland)."""
    wayland = os.environ.get("WAYLAND_DISPLAY") or os.environ.get("XDG_SESSION_TYPE") == "wayland"
    return ("all", "x11", "wayland") if wayland else ("all", "x11")


def apt_candidates(names: list[str]) -> set[str]:
    """The names apt could install now (apt-cache policy shows a candidate version)."""
    if not names or not shutil.which("apt-cache"):
        return set()
    out = subprocess.run(["apt-cache", "policy", *names], capture_output=True, text=True, check=False,
                         env={**os.environ, "LC_ALL": "C"}).stdout
    have, current = set(), None
    for line in out.splitlines():
        if line and not line[0].isspace() and line.endswith(":"):
            current = line[:-1].split(":")[0]
        elif current and line.strip().startswith("Candidate:") and "(none)" not in line:
            have.add(current)
    return have


def needs_python_venv() -> bool:
    """True when .venv is still to be made (or filled: setup-venv.sh remakes a .venv without pip) and this
    python3 cannot make it."""
    import importlib.util

    installed = HERE.parent / ".venv" / ".fieldbook-installed"
    return not os.path.exists(installed) and importlib.util.find_spec("ensurepip") is None


@dataclass
class Plan:
    missing: list[Row]
    font: bool  # no CJK font
    venv: bool  # python3-venv is missing
    unknown: list[str]  # sonames ldd misses that the table does not list

    @property
    def wanted(self) -> list[list[str]]:
        groups = [row.alternatives for row in self.missing]
        if self.font:
            groups.append(list(CJK_FONTS))
        if self.venv:
            groups.append(list(PYTHON_VENV))
        return groups

    @property
    def what(self) -> list[str]:
        return [row.soname for row in self.missing] + (["a Chinese font"] if self.font else []) + \
            (["Python's venv module"] if self.venv else [])


def plan(pyside: Path | None, groups: tuple[str, ...]) -> Plan:
    rows = read_table()
    present = system_libraries()
    missing = [row for row in rows if row.group in groups and row.soname not in present]
    by_name = {row.soname for row in missing}
    known = {row.soname for row in rows}
    unknown = []
    for soname in unresolved(pyside):
        if soname not in known:
            unknown.append(soname)
        elif soname not in by_name:  # in the cache under another architecture, or a stale cache
            missing.append(next(row for row in rows if row.soname == soname))
            by_name.add(soname)
    # one row per package group: libxcb-render.so.0 and libxcb-render-util.so.0 are different packages, but
    # libGL.so.1 and libGLX.so.0 may share one
    unique: dict[str, Row] = {}
    for row in missing:
        unique.setdefault(row.packages, row)
    return Plan(list(unique.values()), not has_cjk_font(), needs_python_venv(), unknown)


def choose(groups: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """The first installable name of each group, and the groups apt has no candidate for."""
    candidates = apt_candidates(sorted({name for group in groups for name in group}))
    chosen, impossible = [], []
    for group in groups:
        pick = next((name for name in group if name in candidates), None)
        if pick is None:
            impossible.append(group)
        elif pick not in chosen:
            chosen.append(pick)
    return chosen, impossible


def privilege() -> list[str] | None:
    """The prefix that runs apt-get as root without asking: [] as root, ["sudo", "-n"], or None."""
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo"):
        probe = subprocess.run(["sudo", "-n", "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["sudo", "-n"]
    return None


def say(message: str) -> None:
    print(f"start-demo: {message}", flush=True)


def ensure(pyside: Path | None, check_only: bool = False) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036  (runs on the system's python3, which may be older)
        say(f"Fieldbook needs Python 3.11 or newer (this python3 is {sys.version.split()[0]}). Install it and "
            "set PYTHON=/path/to/python3.11, or install the .deb instead (docs/installing.md).")
        return 1
    work = plan(pyside, session_groups())
    if work.unknown:
        say("Qt's xcb platform plugin needs libraries that are not installed and that "
            f"installer/{TABLE.name} does not name: {', '.join(work.unknown)}. Install the packages that "
            "provide them (on Debian: apt-file search NAME), then start again.")
        return 2
    if not work.wanted:
        return 0
    say(f"this desktop lacks what Fieldbook needs: {', '.join(work.what)}")
    if not shutil.which("apt-get"):
        say("install the packages of your distribution that provide them, then start again.")
        return 2
    chosen, impossible = choose(work.wanted)
    prefix = privilege()
    if impossible and prefix is not None and not check_only:
        say("updating the package lists (apt-get update) …")
        subprocess.run([*prefix, "apt-get", "update", "-qq"], check=False)
        chosen, impossible = choose(work.wanted)
    if impossible:
        names = [" | ".join(group) for group in impossible]
        if prefix is not None and not check_only:
            say(f"apt offers no package {', '.join(names)}: add the distribution's main repository "
                "and start again.")
            return 2
        # the lists may just be stale: the command below updates them first
        chosen += [group[0] for group in impossible]
        command = f"sudo apt-get update && sudo apt-get install -y {' '.join(chosen)}"
    else:
        command = f"sudo apt-get install -y {' '.join(chosen)}"
    if prefix is None or check_only:
        say("run this once, then start again:")
        print(f"    {command}", flush=True)
        return 3
    say(f"installing {' '.join(chosen)} with apt-get …")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*prefix, "env", "DEBIAN_FRONTEND=noninteractive"] if prefix else []
    result = subprocess.run([*install, "apt-get", "install", "-y", "-q", "--no-install-recommends", *chosen],
                            env=env, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        say(f"apt-get could not install {' '.join(chosen)} (exit code {result.returncode}, output above).")
        return 2
    left = plan(pyside, session_groups())
    if left.wanted or left.unknown:
        say(f"still missing after apt-get: {', '.join(left.what + left.unknown)}")
        return 2
    return 0


def packages(groups: tuple[str, ...]) -> list[str]:
    """One installable name per table row of these groups (for CI, which installs them before the tests)."""
    wanted = []
    for row in read_table():
        if row.group in groups and row.alternatives not in wanted:
            wanted.append(row.alternatives)
    chosen, impossible = choose(wanted)
    return chosen + [group[0] for group in impossible]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("command", choices=("ensure", "packages", "check", "update"))
    parser.add_argument("--qt", help="the PySide6 package folder (default: .venv's)")
    parser.add_argument("--check-only", action="store_true", help="ensure: never install, only say what to run")
    parser.add_argument("--for", dest="groups", default="all,x11",
                        help="packages: comma-separated groups (all, x11, wayland)")
    args = parser.parse_args(argv)
    pyside = find_pyside(args.qt)
    if args.command == "ensure":
        return ensure(pyside, args.check_only)
    if args.command == "packages":
        print("\n".join(packages(tuple(args.groups.split(",")))))
        return 0
    if pyside is None:
        print("desktop_libs: PySide6 is not installed (run installer/setup-venv.sh)", file=sys.stderr)
        return 2
    if args.command == "update":
        return update(pyside)
    problems = check(pyside)
    for line in problems:
        print(f"desktop_libs: {line}", file=sys.stderr)
    print(f"desktop_libs: {TABLE.name} " + ("is out of date" if problems else "covers the installed PySide6"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
