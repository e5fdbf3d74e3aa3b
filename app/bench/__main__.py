"""``python -m app.bench``: see app/bench/runner.py."""

import sys

from app.bench.runner import main

if __name__ == "__main__":
    sys.exit(main())
