"""The ``alliancekit`` command: what an instructor runs from a terminal."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The student edition ships without the grading tools: its command then offers only the data commands.
INSTRUCTOR_TOOLS = (Path(__file__).resolve().parent / "grading").is_dir()


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


def _course(args, verb: str):
    """The course (``--course``, else $ALLIANCEKIT_COURSE, else ./course.toml), or None after saying why not."""
    from .course import CourseError, find

    try:
        return find(getattr(args, "course", None))
    except CourseError as exc:
        print(f"Cannot {verb}: {exc}", file=sys.stderr)
        return None


def _settings(args, course, verb: str = "grade"):
    from .grading.assignment import AssignmentError, settings

    try:
        return settings(args.exercise, course)
    except (AssignmentError, KeyError) as exc:
        print(f"Cannot {verb}: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return None


def _students(course, verb: str):
    """The roster's students (None without a roster); False after saying why it cannot be read."""
    from .grading.roster import RosterError, read

    if course.roster is None:
        return None
    try:
        return read(course.roster)
    except RosterError as exc:
        print(f"Cannot {verb}: {exc}", file=sys.stderr)
        return False


def _outputs(args, course, verb: str) -> dict | None:
    """Where the grades, the gradebook and the LMS files go: given on the command line, else the course's
    grades folder (so every command finds the same files)."""
    exercise = args.exercise
    grades = course.grades
    out = Path(args.out) if getattr(args, "out", None) else (grades / f"{exercise}.csv" if grades else None)
    if out is None:
        print(f"Cannot {verb}: say where the grades go, with --out GRADES.csv or `grades = \"...\"` in the course "
              "file", file=sys.stderr)
        return None
    book = getattr(args, "gradebook", None) or (grades / "gradebook.sqlite" if grades else out.with_name("gradebook.sqlite"))
    canvas = getattr(args, "canvas", None) or (grades / f"{exercise}_canvas.csv" if grades else None)
    moodle = getattr(args, "moodle", None) or (grades / f"{exercise}_moodle.csv" if grades else None)
    return {"out": out, "gradebook": Path(book), "canvas": canvas, "moodle": moodle}


def _open_gradebook(path: Path, course, verb: str):
    """The gradebook, if it exists and belongs to this course; None after saying how to fix it."""
    from .course import mismatch
    from .grading.gradebook import Gradebook

    if not Path(path).is_file():
        print(f"Cannot {verb}: there is no gradebook at {path}; run `alliancekit grade` first "
              "(with the same course file)", file=sys.stderr)
        return None
    book = Gradebook(path)
    recorded = book.identity()
    problem = mismatch(recorded, course, f"The gradebook {path}") if recorded is not None else ""
    if problem:
        book.close()
        print(f"Cannot {verb}: {problem}", file=sys.stderr)
        return None
    return book


def _side_file(args, course, verb: str, suffix: str):
    """(the gradebook, the file a command writes) for `written` and `report`: from the command line, else the
    course's grades folder."""
    grades = course.grades
    book = getattr(args, "gradebook", None) or (grades / "gradebook.sqlite" if grades else None)
    out = Path(args.out) if args.out else (grades / f"{args.exercise}_{suffix}" if grades else None)
    if book is None or out is None:
        print(f"Cannot {verb}: give --gradebook and --out, or set `grades = \"...\"` in the course file",
              file=sys.stderr)
        return None
    return Path(book), out


def _export_all(book, settings, paths, students) -> None:
    """Re-write every file that shows a grade, so none of them keeps an older score."""
    from .grading import exports

    exports.write_grades(book, settings.exercise, settings.questions, paths["out"])
    conf = settings.course.exercise(settings.exercise) if settings.course else {}
    if paths["canvas"]:
        exports.write_canvas(book, settings.exercise, Path(paths["canvas"]),
                             conf.get("canvas_column") or settings.exercise, students)
    if paths["moodle"]:
        exports.write_moodle(book, settings.exercise, Path(paths["moodle"]),
                             conf.get("moodle_column") or settings.exercise, students)


def _grade(args) -> int:
    from . import grading

    course = _course(args, "grade")
    if course is None:
        return 2
    folder = Path(args.submissions) if args.submissions else course.submissions_for(args.exercise)
    if folder is None or not folder.is_dir():
        print(f"Cannot grade: {folder or 'no submissions folder'} is not a folder of <student_id>.ipynb files "
              "(give one, or set `submissions = \"...\"` in the course file and run `alliancekit collect`)",
              file=sys.stderr)
        return 2
    paths = _outputs(args, course, "grade")
    students = _students(course, "grade")
    if paths is None or students is False:
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
        pool = grading.start_pool(args.exercise, folder, isolated, args.jobs)
        config = _settings(args, course)
        if config is None:
            if pool is not None:
                pool.close()
            return 2
        summary = grading.grade(config, folder, paths["out"], paths["gradebook"], isolated=isolated, jobs=args.jobs,
                                canvas=paths["canvas"], progress=not args.quiet, pool=pool, students=students,
                                moodle=paths["moodle"])
    except grading.CourseMismatch as exc:
        print(f"Cannot grade: {exc}", file=sys.stderr)
        return 2
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
          f"{summary.skipped} unchanged since the last run. Grades: {paths['out']}")
    if summary.flagged:
        print(f"{len(summary.flagged)} row(s) flagged for you to decide (see the flags column): "
              f"{', '.join(summary.flagged)}")
    if summary.missing:
        print(f"No submission from {len(summary.missing)} student(s) on the roster (status 'missing', 0): "
              f"{', '.join(summary.missing)}")
    if summary.unmatched:
        print(f"{len(summary.unmatched)} file(s) match no student (listed in the grades with the file name): "
              f"{', '.join(n[:80] for n in summary.unmatched)}")
    if summary.deleted:
        print(f"{len(summary.deleted)} submission(s) graded before are no longer in {folder} (now 'missing', 0; "
              f"`alliancekit history STUDENT` shows what they had): {', '.join(summary.deleted)}")
    return 0


def _course_and_book(args, verb: str, suffix: str):
    """What a command reading the gradebook into one file needs: (config, book, out), or None after saying why."""
    course = _course(args, verb)
    if course is None:
        return None
    config = _settings(args, course, verb)
    files = _side_file(args, course, verb, suffix) if config else None
    if files is None:
        return None
    book_path, out = files
    book = _open_gradebook(book_path, course, verb)
    return None if book is None else (config, book, out)


def _course_and_exports(args, verb: str):
    """What a command that rewrites the exports needs: (config, paths, students), or None after saying why."""
    course = _course(args, verb)
    if course is None:
        return None
    config = _settings(args, course, verb)
    paths = _outputs(args, course, verb) if config else None
    students = _students(course, verb)
    if paths is None or students is False:
        return None
    return course, config, paths, students


def _written(args) -> int:
    from .grading import exports

    opened = _course_and_book(args, "export the written answers", "written.csv")
    if opened is None:
        return 2
    config, book, out = opened
    count = exports.write_written(book, args.exercise, config.questions, out)
    book.close()
    print(f"Wrote {count} written answer(s) to {out}: fill in the rubric columns (answers flagged outside the "
          f"word limits are yours to judge), then run `alliancekit rubric {args.exercise} {out}` with the same "
          "course file.")
    return 0


def _rubric(args) -> int:
    from .grading import exports

    opened = _course_and_exports(args, "merge the marks")
    if opened is None:
        return 2
    course, config, paths, students = opened
    book = _open_gradebook(paths["gradebook"], course, "merge the marks")
    if book is None:
        return 2
    stored, problems = exports.read_marks(book, args.exercise, config.questions, Path(args.marks))
    for p in problems:
        print(f"- {p}", file=sys.stderr)
    _export_all(book, config, paths, students)
    book.close()
    also = ", ".join(str(p) for p in (paths["canvas"], paths["moodle"]) if p)
    print(f"Merged {stored} rubric mark(s); {len(problems)} problem(s). Grades: {paths['out']}"
          + (f" (and {also})" if also else ""))
    return 1 if problems else 0


def _override(args) -> int:
    opened = _course_and_exports(args, "override")
    if opened is None:
        return 2
    course, config, paths, students = opened
    if args.question not in config.questions:
        print(f"Cannot override: {args.exercise} has no question {args.question!r} in this course", file=sys.stderr)
        return 2
    book = _open_gradebook(paths["gradebook"], course, "override")
    if book is None:
        return 2
    if not book.results(args.exercise, args.student):
        book.close()
        print(f"Cannot override: {args.student} has no graded submission of {args.exercise}", file=sys.stderr)
        return 2
    book.override(args.exercise, args.student, args.question, args.points, args.reason)
    _export_all(book, config, paths, students)
    book.close()
    print(f"{args.student}'s {args.question} is now {args.points:g} ({args.reason}). Grades: {paths['out']}")
    return 0


def _history(args) -> int:
    course = _course(args, "show the history")
    if course is None:
        return 2
    path = args.gradebook or (course.grades / "gradebook.sqlite" if course.grades else None)
    if path is None:
        print("Cannot show the history: give --gradebook, or `grades = \"...\"` in the course file", file=sys.stderr)
        return 2
    book = _open_gradebook(Path(path), course, "show the history")
    if book is None:
        return 2
    events = book.history(args.student, args.exercise)
    book.close()
    if not events:
        print(f"No grade of {args.student} in {path}.")
        return 1
    print(f"History of {args.student} ({len(events)} change(s)):")
    for e in events:
        score = "" if e["score"] is None else f"{e['score']:g}/{e['max_score']:g}"
        print(f"{e['at']}  {e['exercise']:24} {e['cause']:13} {score:>9}  {e['detail']}")
    return 0


def _collect(args) -> int:
    from .grading.collect import CollectError, collect

    course = _course(args, "collect")
    if course is None:
        return 2
    students = _students(course, "collect")
    if students is False:
        return 2
    pattern = args.source or course.collect
    target = Path(args.to) if args.to else course.submissions_for(args.exercise)
    if not pattern or target is None:
        print("Cannot collect: set `collect = \".../{student}/.../{exercise}.ipynb\"` and `submissions = \"...\"` in "
              "the course file (or give --from and --to)", file=sys.stderr)
        return 2
    try:
        found = collect(pattern, args.exercise, target, students)
    except CollectError as exc:
        print(f"Cannot collect: {exc}", file=sys.stderr)
        return 2
    for line in found.notes:
        print(f"- {line}")
    print(f"Collected {len(found.copied)} submission(s) of {args.exercise} into {target}"
          + (f"; none from {len(found.absent)} student(s) on the roster: {', '.join(found.absent)}" if found.absent else "")
          + ".")
    return 0


def _report(args) -> int:
    from .grading.report import write_report

    opened = _course_and_book(args, "write the report", "report.html")
    if opened is None:
        return 2
    config, book, out = opened
    count = write_report(book, config, out)
    book.close()
    print(f"Class report on {count} submission(s) written to {out} (one file, readable offline).")
    return 0


def _student_edition(args) -> int:
    from .edition import EditionError, build

    course = _course(args, "build the student edition")
    if course is None:
        return 2
    if args.seed is not None and args.seed != course.seed:
        print(f"Cannot build the student edition: --seed {args.seed!r} is not the seed of {course.describe()}. The "
              "seed belongs in the course file, so that grading uses the same one: set `seed = ...` there and "
              "leave out --seed.", file=sys.stderr)
        return 2
    try:
        written = build(Path(args.target), course=course)
    except EditionError as exc:
        print(f"Cannot build the student edition: {exc}", file=sys.stderr)
        return 1
    print(f"Student edition of {course.describe()} written to {args.target} ({written} files). Hand it out, or serve "
          "it with nbgitpuller.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliancekit",
        description="Alliance Kit: a Jupyter teaching kit on alliance politics. "
                    + ("Sub-commands for instructors." if INSTRUCTOR_TOOLS else "Commands for the course's data."),
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
    if not INSTRUCTOR_TOOLS:
        return parser

    release = commands.add_parser("release", help="generate exercises/ from solutions/ (answers stripped)")
    release.add_argument("--solutions", type=Path, default=REPO / "solutions")
    release.add_argument("--exercises", type=Path, default=REPO / "exercises")
    release.set_defaults(run=_release)

    def course_option(command):
        command.add_argument("--course", "--assignment", dest="course", type=Path, default=None,
                             help="the course file (default: $ALLIANCEKIT_COURSE, else ./course.toml)")

    grade = commands.add_parser("grade", help="grade a folder of <student_id>.ipynb submissions into a gradebook")
    grade.add_argument("exercise", help="the exercise's file stem, as in solutions/EXERCISE.ipynb")
    grade.add_argument("submissions", nargs="?", default=None,
                       help="a folder of submissions (default: the course's submissions/EXERCISE)")
    grade.add_argument("--out", default=None, help="the grades CSV to write (default: the course's grades/EXERCISE.csv)")
    grade.add_argument("--gradebook", type=Path, default=None, help="SQLite gradebook (default: gradebook.sqlite beside --out)")
    course_option(grade)
    grade.add_argument("--canvas", type=Path, default=None, help="also write a Canvas gradebook import CSV")
    grade.add_argument("--moodle", type=Path, default=None, help="also write a Moodle grade import CSV")
    grade.add_argument("--jobs", type=int, default=max(1, min(2, os.cpu_count() or 1)), help="submissions run at once")
    grade.add_argument("--no-isolation", action="store_true",
                       help="grade even where submissions cannot be isolated (rows say 'not isolated')")
    grade.add_argument("--quiet", action="store_true", help="no progress bar")
    grade.set_defaults(run=_grade)

    written = commands.add_parser("written", help="export every written answer for rubric marking")
    written.add_argument("exercise")
    written.add_argument("--gradebook", type=Path, default=None)
    course_option(written)
    written.add_argument("--out", default=None, help="default: the course's grades/EXERCISE_written.csv")
    written.set_defaults(run=_written)

    rubric = commands.add_parser("rubric", help="merge rubric marks back into the gradebook and re-export grades")
    rubric.add_argument("exercise")
    rubric.add_argument("marks", help="the file from `alliancekit written`, with the rubric columns filled in")
    rubric.add_argument("--gradebook", type=Path, default=None)
    course_option(rubric)
    rubric.add_argument("--out", default=None)
    rubric.add_argument("--canvas", type=Path, default=None)
    rubric.add_argument("--moodle", type=Path, default=None)
    rubric.set_defaults(run=_rubric)

    override = commands.add_parser("override", help="set one question's points for one student, with the reason")
    override.add_argument("exercise")
    override.add_argument("student")
    override.add_argument("question")
    override.add_argument("points", type=float)
    override.add_argument("--reason", required=True, help="kept in the history and shown in the feedback")
    override.add_argument("--gradebook", type=Path, default=None)
    override.add_argument("--out", default=None)
    course_option(override)
    override.set_defaults(run=_override)

    history = commands.add_parser("history", help="every change of one student's grades, with its time and cause")
    history.add_argument("student")
    history.add_argument("--exercise", default=None)
    history.add_argument("--gradebook", type=Path, default=None)
    course_option(history)
    history.set_defaults(run=_history)

    collect = commands.add_parser("collect", help="copy submissions from the students' folders (e.g. JupyterHub homes)")
    collect.add_argument("exercise")
    collect.add_argument("--from", dest="source", default=None,
                         help="a pattern with {student} and {exercise} (default: the course's `collect`)")
    collect.add_argument("--to", default=None, help="default: the course's submissions/EXERCISE")
    course_option(collect)
    collect.set_defaults(run=_collect)

    report = commands.add_parser("report", help="an HTML page summarising the class (works offline)")
    report.add_argument("exercise")
    report.add_argument("--out", default=None, help="default: the course's grades/EXERCISE_report.html")
    report.add_argument("--gradebook", type=Path, default=None)
    course_option(report)
    report.set_defaults(run=_report)

    edition = commands.add_parser("student-edition", help="write a copy of the course without solutions or answers")
    edition.add_argument("target", help="an empty or new folder")
    course_option(edition)
    edition.add_argument("--seed", default=None, help=argparse.SUPPRESS)  # the seed lives in the course file
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
