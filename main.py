"""Fieldbook entry point: no arguments start the GUI; a subcommand runs the headless CLI."""

import sys

if __name__ == "__main__":
    from app.cli import main

    sys.exit(main(sys.argv[1:]))
