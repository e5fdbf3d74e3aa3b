"""Check the .deb's Depends against what the frozen build loads from the system (a small dpkg-shlibdeps).

    python3 installer/debian/check_deps.py glibc  FOLDER              print the newest GLIBC_x.y any file needs
    python3 installer/debian/check_deps.py check  FOLDER CONTROL      every system library is covered by Depends

The spec leaves common system libraries out of the bundle (installer/fieldbook.spec, SYSTEM_LIBS); this check
makes sure that each one the bundle needs belongs to a package named in Depends, so that dpkg installs it:

- ELF NEEDED: every library that a file of the bundle (the Qt plugins Qt opens with dlopen included) links and
  that the bundle does not carry. Its package comes from dpkg -S, or, when the library is not installed on the
  build machine, from the table of Qt's desktop libraries (installer/desktop-libs.tsv). A library that neither
  knows is an error: the frozen build would fail on that import or plugin (as QtPdf did without QtNetwork).
- dlopen: the libraries that are opened by name at run time and appear in no NEEDED entry (glvnd's GL/EGL
  vendor libraries), from the same table's "dlopen" rows, unless the bundle carries them.

build-frozen.sh runs the check on every build (against control.in), build-deb.sh on the staged package.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import desktop_libs  # installer/desktop_libs.py: the soname -> package table

GLIBC = re.compile(rb"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?")


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=False).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def newest_glibc(folder: Path) -> str:
    best = (2, 17, 0)
    for path in elf_files(folder):
        out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, check=False).stdout
        for match in GLIBC.finditer(out):
            version = (int(match[1]), int(match[2]), int(match[3] or 0))
            best = max(best, version)
    return ".".join(str(part) for part in (best if best[2] else best[:2]))


def system_library_paths() -> dict[str, str]:
    out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    paths: dict[str, str] = {}
    for line in out.splitlines():
        match = re.match(r"\s+(\S+) \((.*?)\) => (\S+)", line)
        if match and ("x86-64" in match[2] or "64bit" in match[2] or "AArch64" in match[2]):
            paths.setdefault(match[1], match[3])
    return paths


def owning_package(path: str) -> str | None:
    for candidate in (path, str(Path(path).resolve())):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
        # merged /usr: /lib/x86_64-linux-gnu is /usr/lib/x86_64-linux-gnu
        alt = candidate.replace("/usr/lib/", "/lib/", 1) if candidate.startswith("/usr/lib/") else \
            candidate.replace("/lib/", "/usr/lib/", 1)
        result = subprocess.run(["dpkg", "-S", alt], capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def depends_packages(control: Path) -> set[str]:
    text = control.read_text(encoding="utf-8")
    match = re.search(r"^Depends:(.*?)(?=^\S)", text, re.M | re.S)
    if not match:
        return set()
    names = set()
    for group in match[1].split(","):
        for alternative in group.split("|"):
            name = alternative.strip().split(" ")[0].split("(")[0].strip()
            if name:
                names.add(name)
    return names


LIBC_SONAMES = ("ld-linux", "libc.so", "libm.so", "libpthread", "libdl.so", "librt.so", "libutil.so",
                "libresolv.so", "libanl.so")


def check(folder: Path, control: Path) -> int:
    files = elf_files(folder)
    bundled = {p.name for p in folder.rglob("*")}
    wanted: dict[str, set[str]] = {}
    for path in files:
        for soname in needed(path):
            if soname not in bundled:
                wanted.setdefault(soname, set()).add(str(path.relative_to(folder)))
    table = {row.soname: row for row in desktop_libs.read_table()}
    system = system_library_paths()
    declared = depends_packages(control)
    missing, unknown = [], []
    for soname in sorted(wanted):
        if soname.startswith(LIBC_SONAMES):
            continue  # libc6
        path = system.get(soname)
        package = owning_package(path) if path else None
        alternatives = [package] if package else []
        if soname in table:
            alternatives += table[soname].alternatives
        if not alternatives:
            unknown.append(soname)
        elif not declared & set(alternatives):
            missing.append(f"{soname} (package {' | '.join(dict.fromkeys(alternatives))}, "
                           f"needed by {sorted(wanted[soname])[0]})")
    dlopened = [row for row in table.values() if row.how == "dlopen" and row.soname not in bundled]
    for row in dlopened:
        if not declared & set(row.alternatives):
            missing.append(f"{row.soname} (package {row.packages}, opened at run time by {row.by})")
    for soname in unknown:
        print(f"error: {soname} is needed by {sorted(wanted[soname])[0]} but is neither in the bundle nor a "
              f"system library known here or in installer/desktop-libs.tsv", file=sys.stderr)
    for line in missing:
        print(f"error: Depends lacks {line}", file=sys.stderr)
    print(f"check_deps: {len(files)} ELF files, {len(wanted)} system libraries linked, {len(dlopened)} opened at "
          f"run time; {len(missing)} not in Depends, {len(unknown)} unknown")
    return 1 if missing or unknown else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "glibc":
        print(newest_glibc(Path(argv[1])))
        return 0
    if len(argv) == 3 and argv[0] == "check":
        return check(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
