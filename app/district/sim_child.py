"""A laptop's program as a separate process, for the simulator to kill (SIGKILL) in the middle of an import or an
export (app/district/sim_sync.py): ``python -m app.district.sim_child import|export NODE_DIR FILE_OR_FOLDER [HUB]``,
the password in ``FIELDBOOK_PASSWORD``. At the moment named by the crash hook it says so on stdout and waits to be
killed."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    from app import i18n
    from app.db.store import Store
    from app.sync.export import export_bundles
    from app.sync.importer import import_bundle

    i18n.install("en")
    action, folder, target = argv[0], Path(argv[1]), Path(argv[2])
    store = Store.open(folder, "admin", os.environ["FIELDBOOK_PASSWORD"])
    print("ready", flush=True)

    def hook(stage: str) -> None:
        print(f"at {stage}", flush=True)
        time.sleep(600)

    if action == "export":
        export_bundles(store, target, to=argv[3], crash_hook=hook)
    else:
        import_bundle(store, target, crash_hook=hook)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
