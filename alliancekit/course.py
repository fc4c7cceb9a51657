"""The course file: the one file an instructor edits, read by every command.

    # course.toml (see docs/course.example.toml for every key)
    id = "pols210-fall-2026"      # the course's identity, recorded in the student edition and the gradebook
    seed = "fall-2026"            # draws each student's variant of questions that have one
    roster = "roster.csv"         # Canvas's gradebook export, or a plain student_id,name,email file
    grades = "grades"             # gradebook, grades CSVs, feedback, report (relative to this file)
    submissions = "submissions"   # submissions/<exercise>/<student>.ipynb
    collect = "/home/jupyter-{student}/alliance-kit/exercises/{exercise}.ipynb"

    [late]
    grace_minutes = 10
    penalty_per_day = 0.1         # a fraction of the score lost per started day after the deadline
    max_days = 5                  # later than this, the score is 0

    [exercises.01_summit_and_argument]
    deadline = 2026-10-01T23:59:00Z
    extensions = { alice = 2026-10-03T23:59:00Z }
    canvas_column = "Exercise 01 (12345)"

Relative paths are read from the course file's folder, so the commands work from anywhere. Without a
course file the commands keep their older behaviour (an anonymous course with an empty seed); the
student edition and the gradebook record which course made them, and a command given another one stops
and says which file to use.
"""

from __future__ import annotations

import datetime as _dt
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_NAME = "course.toml"


class CourseError(ValueError):
    """The course file cannot be used; the message says what to change."""


@dataclass(frozen=True)
class LatePolicy:
    grace_minutes: float = 0.0
    penalty_per_day: float = 0.0
    max_days: float | None = None

    def penalty(self, late_seconds: float) -> tuple[float, int]:
        """(fraction of the score lost, started days late) for a submission ``late_seconds`` after its deadline."""
        if late_seconds <= self.grace_minutes * 60:
            return 0.0, 0
        days = int(-(-late_seconds // 86400))  # started days
        if self.max_days is not None and days > self.max_days:
            return 1.0, days
        return min(1.0, days * self.penalty_per_day), days


@dataclass(frozen=True)
class Course:
    path: Path | None
    id: str = ""
    title: str = ""
    seed: str = ""
    timeout_seconds: float = 20.0
    memory_mb: int = 1024
    roster: Path | None = None
    grades: Path | None = None
    submissions: Path | None = None
    collect: str = ""
    late: LatePolicy = LatePolicy()
    exercises: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)

    @property
    def identity(self) -> dict:
        """What the student edition and the gradebook record, and what every command compares."""
        return {"id": self.id, "seed": self.seed}

    def describe(self) -> str:
        where = f" ({self.path})" if self.path else " (no course file)"
        return f"course {self.id or '(unnamed)'!r} with seed {self.seed!r}{where}"

    def exercise(self, name: str) -> dict:
        return self.exercises.get(name, {})

    def deadline(self, exercise: str, student: str) -> _dt.datetime | None:
        """The student's deadline for the exercise: their extension if they have one."""
        conf = self.exercise(exercise)
        value = conf.get("extensions", {}).get(student, conf.get("deadline"))
        return None if value is None else _as_time(value, f"the deadline of {exercise}")

    def submissions_for(self, exercise: str) -> Path | None:
        return None if self.submissions is None else self.submissions / exercise


def _as_time(value, what: str) -> _dt.datetime:
    """A TOML date-time (or ISO text) with its time zone; a deadline without one is ambiguous, so refused."""
    if isinstance(value, str):
        try:
            value = _dt.datetime.fromisoformat(value)
        except ValueError:
            raise CourseError(f"{what} {value!r} is not a date and time like 2026-10-01T23:59:00Z") from None
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        raise CourseError(f"{what} {value} has no time of day: write it like 2026-10-01T23:59:00Z")
    if value.tzinfo is None:
        raise CourseError(f"{what} {value} has no time zone: end it with Z (UTC) or an offset like +02:00")
    return value


def _path(base: Path, value) -> Path | None:
    if not value:
        return None
    p = Path(os.path.expanduser(str(value)))
    return p if p.is_absolute() else (base / p).resolve()


def load(path: Path) -> Course:
    """Read a course (or older assignment) file; raise CourseError with a plain reason if it cannot be used."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CourseError(f"cannot read the course file {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CourseError(f"the course file {path} is not valid TOML: {exc}") from None
    base = path.resolve().parent
    _check_shape(raw, path)
    late = raw.get("late", {})
    try:
        policy = LatePolicy(float(late.get("grace_minutes", 0)), float(late.get("penalty_per_day", 0)),
                            None if late.get("max_days") is None else float(late["max_days"]))
    except (TypeError, ValueError):
        raise CourseError(f"{path}: [late] takes numbers (grace_minutes, penalty_per_day, max_days)") from None
    if not 0 <= policy.penalty_per_day <= 1:
        raise CourseError(f"{path}: [late] penalty_per_day is a fraction between 0 and 1, e.g. 0.1 for 10%")
    try:
        timeout, memory = float(raw.get("timeout_seconds", 20)), int(raw.get("memory_mb", 1024))
    except (TypeError, ValueError):
        raise CourseError(f"{path}: timeout_seconds and memory_mb are numbers, e.g. 20 and 1024") from None
    course = Course(path=path.resolve(), id=str(raw.get("id", "")), title=str(raw.get("title", "")),
                    seed=str(raw.get("seed", "")), timeout_seconds=timeout,
                    memory_mb=memory, roster=_path(base, raw.get("roster")),
                    grades=_path(base, raw.get("grades")), submissions=_path(base, raw.get("submissions")),
                    collect=str(raw.get("collect", "")), late=policy, exercises=dict(raw.get("exercises", {})),
                    raw=raw)
    for name, conf in course.exercises.items():  # refuse a bad deadline now, not halfway through a batch
        if "deadline" in conf:
            _as_time(conf["deadline"], f"{path}: the deadline of {name}")
        for student, when in conf.get("extensions", {}).items():
            _as_time(when, f"{path}: the extension of {student} in {name}")
    return course


def _check_shape(raw: dict, path: Path) -> None:
    """Tables where tables belong, so a slip in the file is named here rather than failing later."""
    for key in ("late", "exercises"):
        if not isinstance(raw.get(key, {}), dict):
            raise CourseError(f"{path}: {key} must be a table ([{key}] ...)")
    for name, conf in raw.get("exercises", {}).items():
        if not isinstance(conf, dict):
            raise CourseError(f"{path}: exercises.{name} must be a table ([exercises.{name}])")
        for key in ("points", "extensions"):
            if not isinstance(conf.get(key, {}), dict):
                raise CourseError(f"{path}: {key} of {name} must be a table, e.g. {key} = {{ q1 = 2 }}")
        if not isinstance(conf.get("questions", []), list):
            raise CourseError(f'{path}: questions of {name} must be a list, e.g. questions = ["q1", "q2"]')


def find(explicit: Path | None = None) -> Course:
    """The course: the file given, else $ALLIANCEKIT_COURSE, else ./course.toml, else an anonymous course."""
    if explicit is not None:
        return load(explicit)
    env = os.environ.get("ALLIANCEKIT_COURSE")
    if env:
        return load(Path(env))
    if Path(DEFAULT_NAME).is_file():
        return load(Path(DEFAULT_NAME))
    return Course(path=None)


def mismatch(recorded: dict, course: Course, what: str) -> str:
    """A how-to-fix message if ``recorded`` (an edition's or a gradebook's identity) is not this course's."""
    if recorded.get("id", "") == course.id and recorded.get("seed", "") == course.seed:
        return ""
    return (f"{what} was made for course {recorded.get('id') or '(unnamed)'!r} with seed {recorded.get('seed', '')!r}, "
            f"but this command uses {course.describe()}. Every student's variant depends on the seed, so grading "
            "with another would misgrade them: pass --course with the course file it was made with (or set "
            "ALLIANCEKIT_COURSE to it).")
