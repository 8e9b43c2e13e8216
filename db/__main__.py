"""Command line of the data layer: ``python -m db upgrade`` and ``current``."""

from __future__ import annotations

import argparse
import logging
import sys

from db.errors import StrideDataError
from db.migrate import current_revision, head_revision, upgrade_database
from settings import load_settings


def main(argv: list[str] | None = None) -> int:
    """Run one command on the database of the settings; return the status."""
    parser = argparse.ArgumentParser(
        prog="python -m db",
        description="Manage Stride's database (STRIDE_DATABASE_URL, else the "
        "SQLite file in STRIDE_DATA_DIR).",
    )
    parser.add_argument(
        "command",
        choices=("upgrade", "current"),
        help="upgrade: apply every migration; current: show the revision",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    url = load_settings().database_url

    try:
        if args.command == "upgrade":
            upgrade_database(url)
            print(f"database upgraded to {head_revision()}")
        else:
            print(current_revision(url) or "empty: run python -m db upgrade")
    except StrideDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
