#!/usr/bin/env bash
# Set up Fieldbook from source and start it on a ready demo node (README, first command).
# The demo node lives in .demo-node/ of the checkout; its accounts are shown on the login screen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/setup-venv.sh
export FIELDBOOK_DATA_DIR="${FIELDBOOK_DATA_DIR:-$PWD/.demo-node}"
if [ ! -f "$FIELDBOOK_DATA_DIR/node.json" ]; then
  export FIELDBOOK_USER=admin FIELDBOOK_PASSWORD=demo1234
  .venv/bin/python main.py init --role hub --name "灞桥区演示节点" --admin admin
  .venv/bin/python main.py demo --households 800 --seed 7 --show-login
  unset FIELDBOOK_USER FIELDBOOK_PASSWORD
fi
exec .venv/bin/python main.py
