#!/usr/bin/env bash
# Build dist/fieldbook_<version>_<arch>.deb for Debian, UOS and Kylin from the frozen build in dist/fieldbook
# (make it first with installer/build-frozen.sh).
#
#   /opt/fieldbook/                        the frozen build (read-only; Fieldbook never writes here)
#   /usr/bin/fieldbook                     launcher (installer/debian/fieldbook.sh)
#   /usr/share/applications/fieldbook.desktop
#   /usr/share/icons/hicolor/<N>x<N>/apps/fieldbook.png, scalable/apps/fieldbook.svg
#
# Each user's data lives in ~/.local/share/Fieldbook (platformdirs), which the package never touches: removing
# or purging the package leaves every node in place. The icon cache and menu are refreshed by the dpkg triggers
# of hicolor-icon-theme and desktop-file-utils, so the package needs no maintainer scripts.
#
# Compression is xz: the dpkg of UOS 20 and Kylin V10 cannot read zstd members.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT_DIR="$PWD"
FROZEN="${FROZEN:-dist/fieldbook}"
OUT_DIR="${OUT_DIR:-dist}"

if [ ! -x "$FROZEN/fieldbook" ]; then
  echo "build-deb: $FROZEN/fieldbook is missing; run installer/build-frozen.sh first" >&2
  exit 1
fi

# Version from app/__init__.py; PEP 440 pre-releases sort before the release in Debian with "~" (1.0~rc1).
PY_VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' app/__init__.py)"
DEB_VERSION="$(printf '%s' "$PY_VERSION" | sed -E 's/(a|b|rc|\.dev)([0-9]+)$/~\1\2/')"
ARCH="$(dpkg --print-architecture)"
PACKAGE="$OUT_DIR/fieldbook_${DEB_VERSION}_${ARCH}.deb"

STAGE="$(mktemp -d "${TMPDIR:-/tmp}/fieldbook-deb.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
umask 022
chmod 0755 "$STAGE"

mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/doc/fieldbook"
cp -a "$FROZEN" "$STAGE/opt/fieldbook"
# A self-test run as root may have left bytecode caches behind; they are not part of the package.
find "$STAGE/opt/fieldbook" -name __pycache__ -type d -prune -exec rm -rf {} +
chmod -R u+rwX,go+rX,go-w "$STAGE/opt/fieldbook"
install -m 0755 installer/debian/fieldbook.sh "$STAGE/usr/bin/fieldbook"
install -m 0644 installer/debian/fieldbook.desktop "$STAGE/usr/share/applications/fieldbook.desktop"
install -m 0644 resources/icons/fieldbook.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/fieldbook.svg"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps"
  install -m 0644 "resources/icons/fieldbook-$size.png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/fieldbook.png"
done
cat > "$STAGE/usr/share/doc/fieldbook/copyright" <<EOF
Fieldbook $PY_VERSION. Proprietary; bundles Python, Qt (LGPLv3) through PySide6 (LGPLv3), SQLCipher (BSD),
reportlab (BSD), SQLAlchemy and Alembic (MIT), cryptography (Apache-2.0/BSD), openpyxl (MIT), pypinyin (MIT),
GmSSL through gmssl-pyx (Apache-2.0), python-calamine (MIT), orjson (Apache-2.0/MIT).
The Qt libraries in /opt/fieldbook/_internal/PySide6/Qt/lib are unmodified and may be replaced by the user.
EOF
chmod 0644 "$STAGE/usr/share/doc/fieldbook/copyright"

GLIBC="$(python3 installer/debian/check_deps.py glibc "$STAGE/opt/fieldbook")"
INSTALLED_SIZE="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
sed -e "s/@VERSION@/$DEB_VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@INSTALLED_SIZE@/$INSTALLED_SIZE/" \
    -e "s/@GLIBC@/$GLIBC/" installer/debian/control.in > "$STAGE/DEBIAN/control"
chmod 0644 "$STAGE/DEBIAN/control"

# Every system library the bundle links must come from a package in Depends.
python3 installer/debian/check_deps.py check "$STAGE/opt/fieldbook" "$STAGE/DEBIAN/control"

if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$STAGE/usr/share/applications/fieldbook.desktop"
fi

mkdir -p "$OUT_DIR"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$PACKAGE" >/dev/null
echo "build-deb: $PACKAGE ($(du -h "$PACKAGE" | cut -f1), installed $((INSTALLED_SIZE / 1024)) MB, needs glibc >= $GLIBC)"
cd "$ROOT_DIR"
