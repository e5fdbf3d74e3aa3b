#!/usr/bin/env bash
# Set up Fieldbook from source and start it on a ready demo node (README, first command).
#
# First start, one line per step: the Qt desktop libraries that are missing are installed with apt-get (as root
# or with sudo that asks no password; otherwise it prints the one command to run and stops; the list is
# installer/desktop-libs.tsv), .venv is created and filled (installer/setup-venv.sh), and a demo district is
# built in .demo-node/ (its accounts are shown on the login screen). A later start skips all of that (a fraction
# of a second before Fieldbook itself starts). FIELDBOOK_DATA_DIR chooses another folder for the demo node.
set -euo pipefail
cd "$(dirname "$0")/.."
export FIELDBOOK_STEP_PREFIX=start-demo
step() { echo "start-demo: $*"; }
PYTHON="${PYTHON:-python3}"

# Before the long install, so that a missing library (and a missing sudo) is known at once; it also refuses a
# Python older than 3.11 with a clear line.
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  step "Fieldbook needs Python 3.11 or newer: sudo apt-get install python3 python3-venv"
  exit 1
fi
"$PYTHON" installer/desktop_libs.py ensure

installed_before="$(cat .venv/.fieldbook-installed 2>/dev/null || true)"
bash installer/setup-venv.sh
if [ "$(cat .venv/.fieldbook-installed 2>/dev/null || true)" != "$installed_before" ]; then
  # A new PySide6: ldd its xcb plugin (catches a library the table does not know yet).
  "$PYTHON" installer/desktop_libs.py ensure
fi

export FIELDBOOK_DATA_DIR="${FIELDBOOK_DATA_DIR:-$PWD/.demo-node}"
if [ ! -f "$FIELDBOOK_DATA_DIR/node.json" ]; then
  step "building the demo district in $FIELDBOOK_DATA_DIR (800 households; it takes a minute) …"
  log="$(mktemp "${TMPDIR:-/tmp}/fieldbook-demo.XXXXXX")"
  if ! env FIELDBOOK_USER=admin FIELDBOOK_PASSWORD=demo1234 bash -c '
       .venv/bin/python main.py init --role hub --name "灞桥区演示节点" --admin admin &&
       .venv/bin/python main.py demo --households 800 --seed 7 --show-login' >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    step "building the demo district failed (output above); remove $FIELDBOOK_DATA_DIR and start again." >&2
    exit 1
  fi
  tail -n 1 "$log"
  rm -f "$log"
fi

step "starting Fieldbook (the demo accounts are on the login screen) …"
exec .venv/bin/python main.py
