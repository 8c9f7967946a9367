"""Start the Negotiation Drafting Workbench window (see `ui.app` for the arguments)."""

from __future__ import annotations

import sys


def main() -> int:
    from ui.app import run  # Qt loads here, so `python main.py --help` answers fast too

    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
