#!/usr/bin/env bash
# Build the Linux frozen build (dist/fieldbook/) and smoke-test it. CI runs this after the tests (.ci/run).
#
#   bash installer/build-frozen.sh            build + `dist/fieldbook/fieldbook --self-test`
#   bash installer/build-frozen.sh --deb      also package dist/fieldbook_<version>_<arch>.deb
#
# It installs PyInstaller into .venv (the "build" extra), compiles the translations (the .qm files are not in
# git), runs PyInstaller with installer/fieldbook.spec, checks the size budget and runs the self-test of the
# result, and checks the .deb's Depends against what the bundle loads (installer/debian/check_deps.py). Build
# products go to build/ and dist/ (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_FOLDER_MB=250
MAX_DEB_MB=120
WANT_DEB=0
for arg in "$@"; do
  case "$arg" in
    --deb) WANT_DEB=1 ;;
    *) echo "usage: $0 [--deb]" >&2; exit 2 ;;
  esac
done

started=$(date +%s)
if [ ! -x .venv/bin/python ]; then
  bash installer/setup-venv.sh
fi
pip_log="$(mktemp)"
if ! .venv/bin/python -m pip install -q -e '.[build]' >"$pip_log" 2>&1; then
  cat "$pip_log" >&2
  rm -f "$pip_log"
  exit 1
fi
rm -f "$pip_log"

# The catalogue is compiled (when missing or older than the .ts) before the analysis: the spec carries the .qm.
.venv/bin/python - <<'EOF'
import sys
from app import i18n
if i18n.ensure_compiled("zh_CN") is None:
    sys.exit("build-frozen: could not compile resources/i18n/fieldbook_zh_CN.ts")
EOF

rm -rf dist/fieldbook
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/fieldbook.spec

size_mb=$(du -sm dist/fieldbook | cut -f1)
echo "build-frozen: dist/fieldbook is ${size_mb} MB (budget ${MAX_FOLDER_MB} MB)"
if [ "$size_mb" -gt "$MAX_FOLDER_MB" ]; then
  echo "build-frozen: the frozen build is larger than ${MAX_FOLDER_MB} MB" >&2
  exit 1
fi

# The smoke test runs from a neutral folder with a fresh environment: it must not depend on the checkout.
(cd "${TMPDIR:-/tmp}" && env -u FIELDBOOK_DATA_DIR QT_QPA_PLATFORM=offscreen FIELDBOOK_LANG=en \
  "$OLDPWD/dist/fieldbook/fieldbook" --self-test)

# Upgrade path: a node of the first released schema (the committed test fixture) opens in the frozen build,
# which migrates it and keeps a copy of the old database in backups/.
fixture=tests/fixtures/node-schema-0001
if [ -d "$fixture" ]; then
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/fieldbook-upgrade.XXXXXX")"
  cp -r "$fixture" "$scratch/node"
  creds=tests/fixtures/node-schema-0001.credentials.json
  user="$(.venv/bin/python -c "import json,sys; print(json.load(open(sys.argv[1]))['user'])" "$creds")"
  password="$(.venv/bin/python -c "import json,sys; print(json.load(open(sys.argv[1]))['password'])" "$creds")"
  (cd "$scratch" && env QT_QPA_PLATFORM=offscreen FIELDBOOK_LANG=en FIELDBOOK_DATA_DIR="$scratch/node" \
    FIELDBOOK_USER="$user" FIELDBOOK_PASSWORD="$password" "$OLDPWD/dist/fieldbook/fieldbook" check)
  if ! ls "$scratch"/node/backups/before-upgrade-0001-*.db >/dev/null 2>&1; then
    echo "build-frozen: upgrading the schema-0001 node made no backup copy" >&2
    rm -rf "$scratch"
    exit 1
  fi
  echo "build-frozen: the schema-0001 node was upgraded by the frozen build (backup kept)"
  rm -rf "$scratch"
fi

# Every system library the bundle loads (ELF NEEDED, and the GL vendor libraries glvnd opens by name) must be
# named in the .deb's Depends: checked on every build; build-deb.sh checks the staged package itself.
if [ "$WANT_DEB" != 1 ]; then
  python3 installer/debian/check_deps.py check dist/fieldbook installer/debian/control.in
fi

if [ "$WANT_DEB" = 1 ]; then
  bash installer/debian/build-deb.sh
  deb=$(ls -t dist/fieldbook_*.deb | head -1)
  deb_mb=$(( $(stat -c %s "$deb") / 1024 / 1024 ))
  if [ "$deb_mb" -gt "$MAX_DEB_MB" ]; then
    echo "build-frozen: $deb is larger than ${MAX_DEB_MB} MB" >&2
    exit 1
  fi
fi
echo "build-frozen: done in $(( $(date +%s) - started )) s"
