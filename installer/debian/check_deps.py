"""Check the .deb's Depends against what the frozen build's ELF files actually link (a small dpkg-shlibdeps).

    python3 installer/debian/check_deps.py glibc  FOLDER              print the newest GLIBC_x.y any file needs
    python3 installer/debian/check_deps.py check  FOLDER CONTROL      every system library is covered by Depends

The spec leaves common system libraries out of the bundle (installer/fieldbook.spec, SYSTEM_LIBS); this check
makes sure each one the bundle needs belongs to a package named in Depends, so dpkg installs it. A library
that is not installed on the build machine cannot be mapped to its package and is reported as a warning.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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


def check(folder: Path, control: Path) -> int:
    files = elf_files(folder)
    bundled = {p.name for p in folder.rglob("*")}
    wanted: dict[str, set[str]] = {}
    for path in files:
        for soname in needed(path):
            if soname not in bundled:
                wanted.setdefault(soname, set()).add(str(path.relative_to(folder)))
    system = system_library_paths()
    declared = depends_packages(control)
    missing, unknown = [], []
    for soname in sorted(wanted):
        if soname.startswith(("ld-linux", "libc.so", "libm.so", "libpthread", "libdl.so", "librt.so", "libutil.so")):
            continue  # libc6
        path = system.get(soname)
        package = owning_package(path) if path else None
        if package is None:
            unknown.append(soname)
        elif package not in declared:
            missing.append(f"{soname} (package {package}, needed by {sorted(wanted[soname])[0]})")
    for soname in unknown:
        print(f"warning: {soname} is not installed here, so its package is unknown "
              f"(needed by {sorted(wanted[soname])[0]})", file=sys.stderr)
    for line in missing:
        print(f"error: Depends lacks {line}", file=sys.stderr)
    print(f"check_deps: {len(files)} ELF files, {len(wanted)} system libraries, {len(missing)} not in Depends, "
          f"{len(unknown)} unknown here")
    return 1 if missing else 0


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
