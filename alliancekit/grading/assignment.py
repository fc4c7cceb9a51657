"""The grading settings of one exercise, from the course file (:mod:`alliancekit.course`): which questions,
how many points, the grading limits and the seed. An older assignment file has the same keys:

    # course.toml (or assignment.toml)
    timeout_seconds = 20        # per submission
    memory_mb = 1024            # per submission, on top of what the preloaded worker uses
    seed = "fall-2026"          # for questions with a variant per student

    [exercises.01_summit_and_argument]
    questions = ["q1", "q2", "q3", "q5"]   # leave out to grade every question
    points = { q1 = 2, q5 = 3 }            # leave out to use each question's own points
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..course import Course, CourseError, load
from ..questions import questions_for
from ..questions.kinds import HiddenCase, Question


class AssignmentError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    exercise: str
    questions: dict[str, Question]
    points: dict[str, float]
    hidden: list[HiddenCase]
    timeout_seconds: float = 20.0
    memory_mb: int = 1024
    seed: str = ""
    notes: list[str] = field(default_factory=list)
    course: Course | None = None


def hidden_cases_for(exercise: str) -> list[HiddenCase]:
    import importlib

    module = importlib.import_module(f"alliancekit.questions.q{exercise}")
    return list(getattr(module, "HIDDEN_CASES", []))


def settings(exercise: str, course: Course | Path | None = None) -> Settings:
    """The grading settings for one exercise, from its questions and (optionally) the course file."""
    all_questions = {qid: q for qid, q in questions_for(exercise).items() if qid.startswith("q")}
    if not all_questions:
        raise AssignmentError(f"{exercise} has no exercise questions (q1, q2, ...)")
    if course is not None and not isinstance(course, Course):
        try:
            course = load(Path(course))
        except CourseError as exc:
            raise AssignmentError(str(exc)) from None
    course = course or Course(path=None)
    if course.path is not None and exercise not in course.exercises:
        raise AssignmentError(f"{course.path} has no [exercises.{exercise}] section: add one (it may be empty) "
                              "to assign this exercise")
    chosen = course.exercise(exercise)
    wanted = chosen.get("questions", list(all_questions))
    unknown = [q for q in wanted if q not in all_questions]
    if unknown:
        raise AssignmentError(f"{exercise} has no question(s) {', '.join(unknown)}; it has {', '.join(all_questions)}")
    questions = {qid: all_questions[qid] for qid in wanted}
    points = {qid: float(p) for qid, p in chosen.get("points", {}).items()}
    bad = [q for q in points if q not in questions]
    if bad:
        raise AssignmentError(f"points given for question(s) not assigned: {', '.join(bad)}")
    hidden = [c for c in hidden_cases_for(exercise) if c.qid in questions]
    return Settings(exercise, questions, points, hidden, course.timeout_seconds, course.memory_mb, course.seed,
                    course=course)
