"""The ``alliancekit`` command: what an instructor runs from a terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _validate(args) -> int:
    from . import data

    problems = data.validate(args.data_dir)
    if problems:
        print(f"{len(problems)} problem(s) in {args.data_dir or data.DATA_DIR}:")
        for p in problems:
            print(f"- {p}")
        return 1
    names = data.tables(args.data_dir)
    print(f"All {len(names)} tables are valid: {', '.join(names)}")
    return 0


def _tables(args) -> int:
    from . import data

    for name in data.tables():
        res = data.resource(name)
        print(f"{name:24} {res.get('status', ''):13} {res.get('title', '')}")
    return 0


def _cite(args) -> int:
    from . import data

    try:
        print(data.cite(args.source_id))
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 1
    return 0


def _release(args) -> int:
    from .release import ReleaseError, release

    try:
        written = release(args.solutions, args.exercises)
    except ReleaseError as exc:
        print(f"Cannot release: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliancekit",
        description="Alliance Kit: a Jupyter teaching kit on alliance politics. Sub-commands for instructors.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="sub-commands")

    validate = commands.add_parser("validate", help="check every data table against data/datapackage.json and its evidence")
    validate.add_argument("--data-dir", type=Path, default=None, help="a data folder other than the kit's own")
    validate.set_defaults(run=_validate)

    tables = commands.add_parser("tables", help="list the kit's data tables with their verification status")
    tables.set_defaults(run=_tables)

    cite = commands.add_parser("cite", help="print the full reference of a source_id")
    cite.add_argument("source_id")
    cite.set_defaults(run=_cite)

    release = commands.add_parser("release", help="generate exercises/ from solutions/ (answers stripped)")
    release.add_argument("--solutions", type=Path, default=REPO / "solutions")
    release.add_argument("--exercises", type=Path, default=REPO / "exercises")
    release.set_defaults(run=_release)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 0
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
