#!/usr/bin/env bash
# Create .venv with Fieldbook and its test tools, and compile the translations.
#
# pip runs only when it has to: .venv/.fieldbook-installed records a hash of pyproject.toml, of .venv/pyvenv.cfg
# (the interpreter) and the extras installed, and a later run with the same three skips pip (well under a
# second instead of 6-7 s). FIELDBOOK_REINSTALL=1 forces pip; FIELDBOOK_EXTRAS chooses the extras (default
# "test"). pip's own output goes to .venv/pip-install.log and is shown only when pip fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
EXTRAS="${FIELDBOOK_EXTRAS:-test}"
STAMP=.venv/.fieldbook-installed
LOG=.venv/pip-install.log
# start-demo.sh sets the prefix so that every line the newcomer sees names the command they ran
step() { echo "${FIELDBOOK_STEP_PREFIX:-setup-venv}: $*"; }

# Also anew when an install is due and .venv has no pip: `python3 -m venv` without Debian's python3-venv leaves
# such a half-made .venv behind.
if [ ! -x .venv/bin/python ] || { [ ! -f "$STAMP" ] && ! .venv/bin/python -m pip --version >/dev/null 2>&1; }; then
  step "creating the Python environment in .venv …"
  rm -rf .venv
  "$PYTHON" -m venv .venv
fi

wanted="$(cat pyproject.toml .venv/pyvenv.cfg | sha256sum | cut -d' ' -f1) extras=$EXTRAS"
if [ "${FIELDBOOK_REINSTALL:-0}" = 1 ] || [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$wanted" ]; then
  if [ -f "$STAMP" ]; then
    step "pyproject.toml changed: updating the packages in .venv …"
  else
    step "installing Fieldbook and its dependencies into .venv (a minute or two) …"
  fi
  rm -f "$STAMP"  # an interrupted install is redone next time
  if ! { .venv/bin/python -m pip install -q --upgrade pip \
         && .venv/bin/python -m pip install -q -e ".[$EXTRAS]"; } >"$LOG" 2>&1; then
    cat "$LOG" >&2
    step "pip failed (its output is above and in $LOG)" >&2
    exit 1
  fi
  printf '%s\n' "$wanted" >"$STAMP"
fi

# Compiles the catalogue only when the .qm is missing or older than the .ts (a few milliseconds otherwise).
.venv/bin/python -c "from app import i18n; i18n.ensure_compiled('zh_CN')"
