"""Where bundles go: the removable drives (USB sticks) mounted now, offered before any other folder.

Linux: a mount in ``/proc/mounts`` whose block device is removable (``/sys/block/<disk>/removable``) or sits on the
USB bus, or anything mounted under ``/media/$USER`` / ``/run/media/$USER`` (how desktops mount sticks).
Windows: ``QStorageInfo.mountedVolumes()`` whose drive type is ``DRIVE_REMOVABLE`` (``GetDriveTypeW``).
macOS: the volumes under ``/Volumes`` other than the system disk. Names and free space come from ``QStorageInfo``.

Bundles are written to a ``fieldbook`` folder on a drive (so the stick's own files stay apart); reading looks at
the chosen folder and its ``fieldbook`` folder.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

from app.i18n import translate

#: the folder on a stick that holds Fieldbook's files
STICK_FOLDER = "fieldbook"
DRIVE_REMOVABLE = 2  # GetDriveTypeW
_PSEUDO = {"proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "overlay", "squashfs", "autofs",
           "securityfs", "debugfs", "tracefs", "mqueue", "pstore", "bpf", "fusectl", "configfs", "hugetlbfs",
           "binfmt_misc", "nsfs", "ramfs", "efivarfs", "rpc_pipefs", "fuse.portal", "fuse.gvfsd-fuse"}


@dataclass(frozen=True)
class Drive:
    """A place bundles can be written to: a removable drive, or a folder the user chose."""

    root: Path
    name: str
    free_bytes: int = -1
    removable: bool = True

    @property
    def folder(self) -> Path:
        """Where bundles are written: the ``fieldbook`` folder of a drive, or the chosen folder itself."""
        return self.root / STICK_FOLDER if self.removable else self.root

    def scan_folders(self) -> list[Path]:
        """Where bundle and enrolment files are looked for."""
        folders = [self.root]
        if (self.root / STICK_FOLDER).is_dir():
            folders.append(self.root / STICK_FOLDER)
        return folders

    def label(self) -> str:
        if self.free_bytes >= 0:
            return translate("Exchange", "{name} ({path}, {free} free)", name=self.name, path=str(self.root),
                             free=human_size(self.free_bytes))
        return translate("Exchange", "{name} ({path})", name=self.name, path=str(self.root))


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit in ("B", "KB") else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"  # pragma: no cover


def describe(root: Path, removable: bool = True) -> Drive:
    """A Drive for ``root`` with its volume name and free space from QStorageInfo."""
    info = QStorageInfo(str(root))
    name = ""
    free = -1
    if info.isValid():
        name = info.displayName() if info.rootPath() == str(root) else ""
        free = int(info.bytesAvailable())
    if not name or name == str(root):
        name = root.name or str(root)
    if not removable:
        name = root.name or str(root)
    return Drive(root, name, free, removable)


def _unescape(path: str) -> str:
    # /proc/mounts escapes space, tab, newline and backslash as octal
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        path = path.replace(code, char)
    return path


def _disk_of(device: str, sys_block: Path) -> Path | None:
    """``/dev/sdb1`` → ``/sys/block/sdb`` (also nvme0n1p1, mmcblk0p1)."""
    name = Path(device).name
    if not device.startswith("/dev/") or not name:
        return None
    candidates = [name]
    stripped = name.rstrip("0123456789")
    candidates.append(stripped)
    if stripped.endswith("p"):
        candidates.append(stripped[:-1])
    for candidate in candidates:
        if candidate and (sys_block / candidate).exists():
            return sys_block / candidate
    return None


def _is_removable_disk(disk: Path) -> bool:
    with contextlib.suppress(OSError, ValueError):
        if int((disk / "removable").read_text().strip() or "0") == 1:
            return True
    with contextlib.suppress(OSError):
        return "/usb" in os.path.realpath(disk)
    return False


def linux_drives(proc_mounts: Path = Path("/proc/mounts"), sys_block: Path = Path("/sys/block"),
                 media_roots: list[Path] | None = None) -> list[Path]:
    """Mount points of removable drives on Linux (the paths are parameters so tests can fake a system)."""
    if media_roots is None:
        user = _user()
        media_roots = [Path("/media") / user, Path("/run/media") / user]
    found: list[Path] = []
    try:
        lines = proc_mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    for line in lines:
        parts = line.split()
        if len(parts) < 3 or parts[2] in _PSEUDO:
            continue
        device, mount = parts[0], Path(_unescape(parts[1]))
        under_media = any(mount.parent == root or root in mount.parents for root in media_roots)
        disk = _disk_of(device, sys_block)
        if (under_media or (disk is not None and _is_removable_disk(disk))) and mount not in found \
                and mount != Path("/"):
            found.append(mount)
    for root in media_roots:  # mounted by a desktop but hidden from us (another namespace): still offered
        with contextlib.suppress(OSError):
            for child in sorted(root.iterdir()):
                if child.is_dir() and child not in found and os.path.ismount(child):
                    found.append(child)
    return found


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return os.environ.get("USER", "")


def windows_drives() -> list[Path]:  # pragma: no cover - exercised on Windows only
    import ctypes

    if sys.platform != "win32":  # the caller asks only there; mypy checks what follows as Windows code
        return []
    kernel32 = ctypes.windll.kernel32
    found = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if volume.isValid() and volume.isReady() and kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == \
                DRIVE_REMOVABLE:
            found.append(Path(root))
    return found


def mac_drives() -> list[Path]:  # pragma: no cover - exercised on macOS only
    found = []
    with contextlib.suppress(OSError):
        for child in sorted(Path("/Volumes").iterdir()):
            if child.is_dir() and not child.is_symlink() and os.path.ismount(child):
                found.append(child)
    return found


def removable_drives() -> list[Drive]:
    """The removable drives mounted now, in a stable order."""
    if sys.platform == "win32":
        roots = windows_drives()
    elif sys.platform == "darwin":
        roots = mac_drives()
    else:
        roots = linux_drives()
    return [describe(root) for root in roots if os.access(root, os.R_OK | os.X_OK)]
