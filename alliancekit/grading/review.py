"""What a graded submission's row says besides its points: its status in words a student understands
(failing cells numbered as JupyterLab numbers them, with the error and the line), and the flags an
instructor must decide on (a STUDENT_ID that is not the student's, another course's notebook, solutions
asked for, a late submission)."""

from __future__ import annotations

import datetime as _dt
import re

from ..questions.kinds import NOT_ATTEMPTED
from .roster import PLACEHOLDER_IDS

MESSAGE_LIMIT = 200
# the worker compiles code cells as "<cell N>", N counting code cells only: never shown to a student
_INTERNAL_CELL = re.compile(r" ?\(<cell \d+>, line \d+\)")


def _error_text(error: dict, sub) -> str:
    """"cell 17, line 2: KeyError: 'x'" from one of the worker's error records (untrusted text, shortened)."""
    where = f"cell {sub.cell_number(int(error.get('cell') or 0))}"
    line = error.get("line")
    if isinstance(line, int) and not isinstance(line, bool) and line > 0:
        where += f", line {line}"
    message = _INTERNAL_CELL.sub("", str(error.get("message") or ""))[:MESSAGE_LIMIT].replace("\n", " ")
    kind = str(error.get("error", "error"))[:60]
    return f"{where}: {kind}" + (f": {message}" if message else "")


def status(outcome: dict, results, isolated: bool, sub) -> tuple[str, str]:
    """The row's status and its detail."""
    state = outcome["status"]
    errors = [e for e in outcome.get("errors", []) if isinstance(e, dict)]
    if state == "ran" and outcome.get("timed_out"):
        cell = next((e.get("cell") for e in errors if e.get("error") == "time limit"), None)
        where = f"cell {sub.cell_number(int(cell))}" if isinstance(cell, int) else "a cell"
        result = ("timeout", f"{where} was still running at the time limit and was stopped; answers computed "
                             "before it count")
    elif state == "ran":
        missing = [r.qid for r in results if r.status == "missing"]
        if all(r.status in (NOT_ATTEMPTED, "missing") for r in results) and not errors:
            result = ("blank", "no question was answered")
        else:
            detail = f"no variable for {', '.join(missing)}" if missing else ""
            if errors:
                shown = "; ".join(_error_text(e, sub) for e in errors[:5])
                detail = "; ".join(filter(None, [detail, f"errors in the notebook ({shown})"]))
            result = ("missing answers" if missing else "ok", detail)
    elif state == "timeout":
        result = ("timeout", "the notebook ran longer than the time limit and was stopped")
    else:
        result = ("crashed", str(outcome.get("detail", "the notebook stopped the Python process"))[:300])
    status_, detail = result
    return (status_ if isolated else status_ + " (not isolated)"), detail


def explain_missing(results, outcome: dict, sub):
    """A missing answer's feedback names the error that stopped its cell, rather than "no variable"."""
    errors = [e for e in outcome.get("errors", []) if isinstance(e, dict) and isinstance(e.get("cell"), int)]
    out = []
    for r in results:
        cell = sub.answer_cells.get(r.qid)
        if r.status == "missing" and errors:
            own = [e for e in errors if cell is not None and sub.cell_number(e["cell"]) == cell]
            before = [e for e in errors if cell is None or sub.cell_number(e["cell"]) < cell]
            cause = (own or before[-1:] or [None])[0]
            if cause is not None:
                feedback = (f"{r.qid} has no value: {_error_text(cause, sub)}. Fix that cell, run the notebook from "
                            "the top, and save.")
                r = r.__class__(r.qid, r.status, r.points, r.max_points, feedback, r.answer)
        out.append(r)
    return out


def flags(sub, answers: dict, course) -> list[str]:
    """What the instructor must decide on; the points are not changed for any of them."""
    found = []
    typed = answers.get("STUDENT_ID", {}) if isinstance(answers, dict) else {}
    if isinstance(typed, dict) and typed.get("kind") == "text":
        value = str(typed.get("value", ""))[:100]
        if value.strip() in PLACEHOLDER_IDS:
            found.append(f"STUDENT_ID was left as {value!r}: the notebook could not show the student's own variant "
                         f"or check any answer; graded as {sub.student_id}")
        elif value.strip() != sub.student_id:
            found.append(f"STUDENT_ID in the notebook is {value!r}, but the file is {sub.student_id}'s; graded as "
                         f"{sub.student_id}")
    if sub.stamp is not None and course is not None and (
            sub.stamp.get("id", "") != course.id or sub.stamp.get("seed", "") != course.seed):
        found.append(f"handed out for course {str(sub.stamp.get('id', ''))[:60]!r} with seed "
                     f"{str(sub.stamp.get('seed', ''))[:60]!r}, not this course's")
    if sub.solutions_asked:
        found.append(f"asked for the solution of {', '.join(sub.solutions_asked)}")
    return found


def lateness(course, exercise: str, student: str, submitted: float | None) -> tuple[float, int, str]:
    """(penalty fraction, started days late, submitted-at text) by the course's deadline and late policy."""
    if submitted is None:
        return 0.0, 0, ""
    at = _dt.datetime.fromtimestamp(submitted, _dt.timezone.utc)
    text = at.isoformat(timespec="seconds")
    deadline = course.deadline(exercise, student) if course is not None else None
    if deadline is None:
        return 0.0, 0, text
    penalty, days = course.late.penalty((at - deadline).total_seconds())
    return penalty, days, text
