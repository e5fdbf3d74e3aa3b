"""``python -m app.simulate``: a district of real nodes living through N days (app/district/simulator.py)."""

import sys

from app.district.simulator import main

if __name__ == "__main__":
    sys.exit(main())
