"""What a student calls under an answer cell: ``check``, ``hint`` and ``solution``.

    check, hint, solution = checks_for("01_summit_and_argument")
    check("q1", q1)

Feedback is instant and offline, has three outcomes (correct, not yet, not attempted) and never
shows a traceback for a wrong answer. Asking for the solution leaves a note in the cell's output.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .questions import questions_for, seed_for
from .reading import UNSET_VARIANT
from .questions.kinds import CORRECT, NOT_ATTEMPTED, SUBMITTED, Verdict, is_placeholder

_STYLE = {
    CORRECT: ("#009E73", "\u2714 Correct"),
    NOT_ATTEMPTED: ("#0072B2", "\u2026 Not attempted"),
    "incorrect": ("#D55E00", "\u2718 Not yet"),
    SUBMITTED: ("#56B4E9", "\u270e Recorded"),
    "info": ("#555555", "\u2139"),
}


@dataclass(frozen=True)
class Feedback:
    """A message a notebook shows as a coloured box (and as plain text anywhere else)."""

    qid: str
    status: str
    message: str

    def __str__(self) -> str:
        return f"[{self.qid}] {_STYLE[self.status][1]}: {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour, label = _STYLE[self.status]
        return (
            f'<div class="alliancekit-feedback alliancekit-{self.status}" role="status" '
            f'style="border-left:5px solid {colour};padding:0.3em 0.8em;margin:0.3em 0">'
            f'<b style="color:{colour}">{label}</b> <span>({html.escape(self.qid)})</span> '
            f"{html.escape(self.message)}</div>"
        )


UNSET_IDS = ("your-id", "")
SET_ID = ("Set STUDENT_ID at the top of the notebook to your student id and run the notebook again: until then "
          "questions with a version for each student cannot be checked, and your grade may go to someone else's.")


class SolutionShown(Feedback):
    """A solution, with a machine-readable note in its output: a saved notebook keeps the request, so the
    grader sees it."""

    def _repr_html_(self) -> str:
        return super()._repr_html_().replace('<div class="alliancekit-feedback',
                                             f'<div data-alliancekit-solution="{html.escape(self.qid)}" '
                                             'class="alliancekit-feedback', 1)


def _judge(question, answer, params) -> Verdict:
    try:
        return question.judge(answer, params)
    except Exception as exc:  # feedback must never become a traceback
        return Verdict("incorrect", f"Could not read this answer ({exc.__class__.__name__}). "
                                    "Give a plain number, text or table.")


def _state_dir() -> Path:
    return Path(os.environ.get("ALLIANCEKIT_STATE", Path.home() / ".alliancekit"))


def _record_solution_shown(stem: str, qid: str) -> None:
    """Append a line to the student's local log; a failure to write must not stop the lesson."""
    try:
        folder = _state_dir()
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "solutions_shown.jsonl", "a", encoding="utf-8") as log:
            log.write(json.dumps({"exercise": stem, "question": qid,
                                  "at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")}) + "\n")
    except OSError:
        pass


def checks_for(stem: str, student_id: str | None = None) -> tuple[Callable, Callable, Callable]:
    """``check``, ``hint`` and ``solution`` bound to one lesson or exercise.

    ``student_id`` (as your submission file will be named) picks your own version of questions that
    have a variant per student. While a submission is being graded (``ALLIANCEKIT_GRADING`` set by the
    grading worker) the three do nothing: the grader judges the answers itself, outside the
    submission's process.
    """
    if os.environ.get("ALLIANCEKIT_GRADING"):
        def inert(*_args, **_kwargs):
            return None
        return inert, inert, inert
    questions = questions_for(stem)
    seed = seed_for(stem)
    # an exercise passes its STUDENT_ID (a lesson passes none): the starter value means it was never set
    unset_id = student_id is not None and str(student_id).strip() in UNSET_IDS
    hints_given: dict[str, int] = {}

    def find(qid: str):
        if qid not in questions:
            return None, Feedback(str(qid), "info", f"There is no question {qid!r} here; the questions are "
                                                     f"{', '.join(questions)}.")
        return questions[qid], None

    def check(qid: str, answer=Ellipsis) -> Feedback:
        """Say whether ``answer`` to question ``qid`` is right, and if not, what is off."""
        question, problem = find(qid)
        if problem:
            return problem
        params = None
        if unset_id:  # the exercise's STUDENT_ID still says "your-id": no answer is judged as someone else's
            if question.variants:
                if is_placeholder(answer):
                    return Feedback(qid, NOT_ATTEMPTED, f"Not attempted yet. {SET_ID}")
                return Feedback(qid, "info", SET_ID)
            verdict = _judge(question, answer, None)
            return Feedback(qid, verdict.status, f"{verdict.message} {SET_ID}")
        if question.variants:
            if not student_id:
                if is_placeholder(answer):  # nothing to judge yet: not attempted, whoever the student is
                    return Feedback(qid, NOT_ATTEMPTED, "Not attempted yet: replace the ... with your answer.")
                return Feedback(qid, "info", "This question has a version for each student: set STUDENT_ID at the "
                                             "top of the notebook to your id and run the notebook again.")
            params = question.variant_for(student_id, seed)
        verdict = _judge(question, answer, params)
        return Feedback(qid, verdict.status, verdict.message)

    def hint(qid: str) -> Feedback:
        """The next hint for ``qid`` (each call gives one more, then repeats the last)."""
        question, problem = find(qid)
        if problem:
            return problem
        n = min(hints_given.get(qid, 0), len(question.hints) - 1)
        hints_given[qid] = n + 1
        more = " Call hint again for another." if n + 1 < len(question.hints) else ""
        return Feedback(qid, "info", f"Hint {n + 1} of {len(question.hints)}: {question.hints[n]}{more}")

    def solution(qid: str) -> Feedback:
        """The worked solution for ``qid``. Asking leaves a note in the notebook, so try the hints first."""
        question, problem = find(qid)
        if problem:
            return problem
        _record_solution_shown(stem, qid)
        return SolutionShown(qid, "info", f"Solution (this request stays in this cell's output in your notebook, "
                                          f"where your instructor sees it): {question.solution}")

    return check, hint, solution


def my_variant(stem: str, qid: str, student_id: str) -> dict:
    """The parameters of your own version of question ``qid`` (drawn from your student id).

    While grading, the grader (which knows the student's id from the submission's file name) passes
    each student's parameters to the worker, so the answer modules need not be there.
    """
    if os.environ.get("ALLIANCEKIT_GRADING"):
        given = json.loads(os.environ.get("ALLIANCEKIT_VARIANTS", "{}"))
        if qid not in given:
            raise KeyError(f"{qid} has the same version for everyone")
        return dict(given[qid])
    question = questions_for(stem)[qid]
    if question.variants and str(student_id).strip() in UNSET_IDS:
        # no variant is shown before the id is set: one drawn for "your-id" would be someone else's
        return {key: UNSET_VARIANT for key in dict(question.variants[0])}
    params = question.variant_for(student_id, seed_for(stem))
    if params is None:
        raise KeyError(f"{qid} has the same version for everyone")
    return params
