"""The ``alliancekit`` command: what an instructor runs from a terminal."""

from __future__ import annotations

import argparse
import os
import signal
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


def _settings(args):
    from .grading.assignment import AssignmentError, settings

    try:
        return settings(args.exercise, args.assignment)
    except (AssignmentError, KeyError) as exc:
        print(f"Cannot grade: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return None


def _grade(args) -> int:
    from . import grading

    if not Path(args.submissions).is_dir():
        print(f"Cannot grade: {args.submissions} is not a folder of <student_id>.ipynb files", file=sys.stderr)
        return 2
    isolated = not args.no_isolation
    if isolated:
        why = grading.sandbox.probe()
        if why:
            print("Cannot grade safely: submissions would run with access to your files and the network, because "
                  f"{why}.\nRun on Linux with namespaces (see the instructor guide), or pass --no-isolation to grade "
                  "without it (rows will say 'not isolated').", file=sys.stderr)
            return 3
    pool = None
    previous = grading.stop_on_sigterm()  # SIGTERM stops the batch as Ctrl-C does, even while the workers start
    try:
        # the workers start first: they warm up while the questions load (about a third of a second)
        pool = grading.start_pool(args.exercise, Path(args.submissions), isolated, args.jobs)
        config = _settings(args)
        if config is None:
            if pool is not None:
                pool.close()
            return 2
        summary = grading.grade(config, Path(args.submissions), Path(args.out), args.gradebook, isolated=isolated,
                                jobs=args.jobs, canvas=args.canvas, progress=not args.quiet, pool=pool)
    except (grading.Stopped, KeyboardInterrupt) as exc:  # Ctrl-C or SIGTERM: one line, no traceback
        if pool is not None and not isinstance(exc, grading.Stopped):
            pool.close()
        graded = exc.graded if isinstance(exc, grading.Stopped) else 0
        print(f"\nStopped: {graded} submission(s) graded and saved; run the same command again to grade the rest.",
              file=sys.stderr)
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    tally = ", ".join(f"{n} {s}" for s, n in sorted(summary.statuses.items())) or "nothing new"
    print(f"Graded {summary.graded} submission(s) in {summary.seconds:.1f} s ({tally}); "
          f"{summary.skipped} unchanged since the last run. Grades: {args.out}")
    return 0


def _written(args) -> int:
    from .grading import exports
    from .grading.gradebook import Gradebook

    config = _settings(args)
    if config is None:
        return 2
    book = Gradebook(args.gradebook)
    count = exports.write_written(book, args.exercise, config.questions, Path(args.out))
    book.close()
    print(f"Wrote {count} written answer(s) to {args.out}: fill in the rubric columns, then run "
          f"`alliancekit rubric {args.exercise} {args.out} --gradebook {args.gradebook} --out GRADES.csv`.")
    return 0


def _rubric(args) -> int:
    from .grading import exports
    from .grading.gradebook import Gradebook

    config = _settings(args)
    if config is None:
        return 2
    book = Gradebook(args.gradebook)
    stored, problems = exports.read_marks(book, args.exercise, config.questions, Path(args.marks))
    for p in problems:
        print(f"- {p}", file=sys.stderr)
    exports.write_grades(book, args.exercise, list(config.questions), Path(args.out))
    if args.canvas:
        exports.write_canvas(book, args.exercise, Path(args.canvas))
    book.close()
    print(f"Merged {stored} rubric mark(s); {len(problems)} problem(s). Grades: {args.out}")
    return 1 if problems else 0


def _student_edition(args) -> int:
    from .edition import EditionError, build

    try:
        written = build(Path(args.target), seed=args.seed)
    except EditionError as exc:
        print(f"Cannot build the student edition: {exc}", file=sys.stderr)
        return 1
    print(f"Student edition written to {args.target} ({written} files). Hand it out, or serve it with nbgitpuller.")
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

    grade = commands.add_parser("grade", help="grade a folder of <student_id>.ipynb submissions into a gradebook")
    grade.add_argument("exercise", help="the exercise's file stem, as in solutions/EXERCISE.ipynb")
    grade.add_argument("submissions", help="a folder holding one <student_id>.ipynb per student")
    grade.add_argument("--out", required=True, help="the grades CSV to write (long results, feedback beside it)")
    grade.add_argument("--gradebook", type=Path, default=None, help="SQLite gradebook (default: gradebook.sqlite beside --out)")
    grade.add_argument("--assignment", type=Path, default=None, help="assignment file choosing questions, points, limits")
    grade.add_argument("--canvas", type=Path, default=None, help="also write a Canvas gradebook import CSV")
    grade.add_argument("--jobs", type=int, default=max(1, min(2, os.cpu_count() or 1)), help="submissions run at once")
    grade.add_argument("--no-isolation", action="store_true",
                       help="grade even where submissions cannot be isolated (rows say 'not isolated')")
    grade.add_argument("--quiet", action="store_true", help="no progress bar")
    grade.set_defaults(run=_grade)

    written = commands.add_parser("written", help="export written answers for rubric marking")
    written.add_argument("exercise")
    written.add_argument("--gradebook", type=Path, required=True)
    written.add_argument("--assignment", type=Path, default=None)
    written.add_argument("--out", required=True)
    written.set_defaults(run=_written)

    rubric = commands.add_parser("rubric", help="merge rubric marks back into the gradebook and re-export grades")
    rubric.add_argument("exercise")
    rubric.add_argument("marks", help="the file from `alliancekit written`, with the rubric columns filled in")
    rubric.add_argument("--gradebook", type=Path, required=True)
    rubric.add_argument("--assignment", type=Path, default=None)
    rubric.add_argument("--out", required=True)
    rubric.add_argument("--canvas", type=Path, default=None)
    rubric.set_defaults(run=_rubric)

    edition = commands.add_parser("student-edition", help="write a copy of the course without solutions or answers")
    edition.add_argument("target", help="an empty or new folder")
    edition.add_argument("--seed", default="", help="the assignment's seed, for questions with a variant per student")
    edition.set_defaults(run=_student_edition)
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
