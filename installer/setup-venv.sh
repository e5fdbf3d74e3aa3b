#!/usr/bin/env bash
# Create .venv with Fieldbook and its test tools, and compile the translations.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/python -c "from app import i18n; i18n.ensure_compiled('zh_CN')"
