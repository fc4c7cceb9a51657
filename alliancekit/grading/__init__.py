"""What an instructor runs: grade a folder of submissions into the gradebook and export the results.

Grading flows one way: submission file -> isolated worker run that extracts the answers as plain data
-> trusted judge (in this process) -> gradebook -> exports.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import exports, judge, review, roster, sandbox, submissions, validate
from .assignment import Settings
from .gradebook import Gradebook
from .runner import GRADER_ERROR, Pool


class Stopped(Exception):
    """Grading was interrupted (Ctrl-C or SIGTERM); what was graded is saved and exported."""

    def __init__(self, graded: int):
        super().__init__(graded)
        self.graded = graded


@dataclass
class Summary:
    graded: int = 0
    skipped: int = 0
    statuses: dict | None = None
    seconds: float = 0.0
    deleted: list | None = None  # students whose graded file is gone
    missing: list | None = None  # students on the roster with no file
    unmatched: list | None = None  # files that belong to nobody on the roster (or whose names were refused)
    flagged: list | None = None  # students whose row has something for the instructor to decide


def exercise_version(settings: Settings) -> str:
    """Changes when anything that decides a grade changes: questions, expected answers, points, hidden cases."""
    parts = []
    for qid, q in settings.questions.items():
        params = [dict(v) for v in q.variants] or [None]
        expected = None if not q.auto_graded else json.dumps(
            [q.expected_plain(p) if hasattr(q, "expected_plain") else repr(q.expected_value(p)) for p in params],
            sort_keys=True, default=str)
        parts.append([qid, q.kind, expected, settings.points.get(qid, q.points), getattr(q, "tolerance", None)])
    parts.append([[c.qid, c.expression, repr(c.check.expected_value())] for c in settings.hidden])
    parts.append(settings.seed)
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:16]


class Progress:
    """A one-line progress bar on stderr: the batch visibly moving."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.stream, self.start = total, 0, stream, time.monotonic()
        self.counts: dict[str, int] = {}

    def step(self, status: str) -> None:
        self.done += 1
        self.counts[status] = self.counts.get(status, 0) + 1
        width = 30
        filled = int(width * self.done / max(1, self.total))
        rate = self.done / max(1e-6, time.monotonic() - self.start)
        tally = ", ".join(f"{v} {k}" for k, v in sorted(self.counts.items()))
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                          f"({rate:.1f}/s) {tally}   ")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


PROCESSES_PER_SUBMISSION = 64


def process_allowance() -> int:
    """The process limit a submission gets: as root it runs as 'nobody', so a fixed allowance; as an
    ordinary user the limit counts all of that user's processes, so theirs plus the allowance."""
    if os.geteuid() == 0:
        return PROCESSES_PER_SUBMISSION
    uid = os.getuid()
    mine = 0
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if entry.name.isdigit():
            try:
                mine += entry.stat().st_uid == uid
            except OSError:
                pass
    return mine + PROCESSES_PER_SUBMISSION


def handout_cells(exercise: str) -> list[str]:
    """The code cells of the exercise as handed out (``exercises/EXERCISE.ipynb``): they warm the workers."""
    path = sandbox.REPO / "exercises" / f"{exercise}.ipynb"
    return list(submissions.read(path).cells) if path.is_file() else []


def start_pool(exercise: str, submissions_dir: Path, isolated: bool = True, jobs: int = 2) -> Pool | None:
    """Start the workers for grading ``exercise`` without waiting for them (None if there is nothing to
    grade): they start and warm up while the grader reads the questions and the submissions."""
    count = len(submissions.find(submissions_dir))
    if not count:
        return None
    return Pool(jobs=min(jobs, count), isolated=isolated, warm_cells=handout_cells(exercise), wait=False)


class CourseMismatch(Exception):
    """Every handed-out notebook in the batch names another course: the instructor passed the wrong course."""


def grade(settings: Settings, submissions_dir: Path, out: Path, gradebook_path: Path | None = None,
          isolated: bool = True, jobs: int = 2, canvas: Path | None = None, progress: bool = True,
          pool: Pool | None = None, students: list | None = None, moodle: Path | None = None) -> Summary:
    """Grade every submission in ``submissions_dir``; write ``out`` and its companions.
    ``pool`` (from :func:`start_pool`, same isolation) is used and closed if given. ``students`` (the
    roster) maps file names to students and lists those who submitted nothing."""
    out = Path(out)
    gradebook_path = Path(gradebook_path or out.with_name("gradebook.sqlite"))
    course = settings.course
    files = submissions.find(submissions_dir)
    matches = roster.match(files, students)
    book, names, started, summary, interrupted = None, None, time.monotonic(), Summary(statuses={}), False
    previous = stop_on_sigterm()
    try:
        book = Gradebook(gradebook_path)
        identity = course.identity if course is not None else {"id": "", "seed": settings.seed}
        recorded = book.identity()
        if recorded is not None and (recorded.get("id", "") != identity["id"] or
                                     recorded.get("seed", "") != identity["seed"]):
            from ..course import Course, mismatch
            raise CourseMismatch(mismatch(recorded, course or Course(path=None), f"The gradebook {gradebook_path}"))
        version = exercise_version(settings)
        todo, summary = [], Summary(statuses={}, flagged=[])
        # a row that ended in a failure on the grader's side is graded again, even if nothing changed
        retry = {row["student_id"] for row in book.submissions(settings.exercise)
                 if row["status"].startswith(GRADER_ERROR)}
        subs = []
        for m in matches:
            if m.problem:
                subs.append((m, submissions.Submission(roster.rejected_key(m.path), m.path, "", (), m.problem)))
            else:
                subs.append((m, submissions.read(m.path, m.student_id)))
        stamped = [sub for _, sub in subs if sub.stamp is not None]
        if stamped and course is not None and all(
                (s.stamp.get("id", ""), s.stamp.get("seed", "")) != (course.id, course.seed) for s in stamped):
            from ..course import mismatch
            first = stamped[0].stamp
            raise CourseMismatch(mismatch({"id": str(first.get("id", "")), "seed": str(first.get("seed", ""))}, course,
                                          f"The student edition these {len(stamped)} notebooks came from"))
        book.claim(identity)
        seen = set()
        for m, sub in subs:
            seen.add(sub.student_id)
            key = sub.sha256 + _late_key(course, settings, sub.student_id)
            if sub.student_id not in retry and book.already_graded(settings.exercise, sub.student_id, key, version):
                summary.skipped += 1
            else:
                todo.append((m, sub))
        names = list(settings.questions)
        probes = judge.probes(settings.hidden)
        bar = Progress(len(todo)) if progress and todo else None

        def finish(m, sub, outcome):
            answers = {} if outcome is None else outcome.get("answers", {})
            if outcome is None:
                status, detail, seconds = sub.problem.split(":")[0], sub.problem, None
                if m.problem:
                    detail = f"{sub.problem} ({m.path.name[:120]})"
                results = judge.judge(settings.questions, settings.points, {}, [])
                results = [r.__class__(r.qid, "missing", 0.0, r.max_points, "The submission could not be read.",
                                       r.answer) for r in results]
            else:
                problems = []
                if outcome.get("status") == "ran":  # what came back is checked before it is judged
                    outcome, problems = validate.clean(outcome, names + ["STUDENT_ID"] + list(probes))
                    answers = outcome.get("answers", {})
                try:
                    results = judge.judge(settings.questions, settings.points, answers,
                                          settings.hidden, sub.student_id, settings.seed)
                    status, detail = review.status(outcome, results, isolated, sub)
                    results = review.explain_missing(results, outcome, sub)
                except Exception as exc:  # a fault of the grader's own: this student is graded again next run
                    results = []
                    status = GRADER_ERROR + ("" if isolated else " (not isolated)")
                    detail = f"the grader failed on this submission ({type(exc).__name__}); it will be graded again"
                if outcome.get("status") in ("malformed", GRADER_ERROR):  # said by the runner (see runner.py)
                    status = outcome["status"] + ("" if isolated else " (not isolated)")
                    detail = str(outcome.get("detail", ""))
                if problems:
                    status = "malformed" + ("" if isolated else " (not isolated)")
                    detail = ("the notebook sent back answers in a form the grader does not accept "
                              f"({'; '.join(problems)[:500]}); those answers score 0")
                seconds = outcome.get("seconds")
            found = [] if m.problem else review.flags(sub, answers, course)
            if m.canvas_late:
                found.append("Canvas marked the submission late")
            if found:
                summary.flagged.append(sub.student_id)
            try:
                mtime = m.path.stat().st_mtime
            except OSError:
                mtime = None
            penalty, days, at = review.lateness(course, settings.exercise, sub.student_id, None if m.problem else mtime)
            book.record(settings.exercise, sub.student_id, sub.sha256 + _late_key(course, settings, sub.student_id),
                        version, status, detail, isolated, results, seconds, flags="; ".join(found),
                        penalty=penalty, late_days=days, submitted_at=at, file=m.path.name,
                        cells=dict(sub.answer_cells))
            summary.graded += 1
            summary.statuses[status] = summary.statuses.get(status, 0) + 1
            if bar:
                bar.step(status.split(" (")[0])

        runnable = [(m, s) for m, s in todo if not s.problem]
        allowance = process_allowance()
        for m, sub in todo:
            if sub.problem:
                finish(m, sub, None)
        if runnable:
            if pool is None:  # files appeared since the pool was (not) started
                pool = start_pool(settings.exercise, submissions_dir, isolated, jobs)
            pool.wait_until_ready()

            def job_for(sub):
                scratch = f"/tmp/submission-{sub.student_id}" if isolated else \
                    str(pool.home / "scratch" / sub.student_id)
                variants = {qid: q.variant_for(sub.student_id, settings.seed)
                            for qid, q in settings.questions.items() if q.variants}
                # STUDENT_ID comes back too, so a notebook typed for someone else is flagged
                return {"id": sub.student_id, "cells": list(sub.cells), "names": names + ["STUDENT_ID"],
                        "probes": probes, "variants": variants, "max_processes": allowance,
                        "timeout": settings.timeout_seconds, "memory_mb": settings.memory_mb, "scratch": scratch}
            by_id = {sub.student_id: (m, sub) for m, sub in runnable}
            for job, outcome in pool.run_all(job_for(sub) for _, sub in runnable):
                finish(*by_id[job["id"]], outcome)
        summary.deleted = []
        for row in book.submissions(settings.exercise):
            if row["student_id"] not in seen and row["student_id"].startswith("file-"):
                book.forget(settings.exercise, row["student_id"])  # an unknown file, since removed
            elif row["student_id"] not in seen and row["sha256"]:
                book.deleted(settings.exercise, row["student_id"], row["graded_at"])
                summary.deleted.append(row["student_id"])
        maximum = sum(float(settings.points.get(q, x.points if x.auto_graded else x.rubric_points))
                      for q, x in settings.questions.items())
        summary.missing = []
        for st in students or []:
            if st.student_id not in seen:
                book.missing(settings.exercise, st.student_id, maximum)
                summary.missing.append(st.student_id)
        summary.unmatched = [m.path.name for m in matches if m.problem]
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (see stop_on_sigterm): stop now, keep what is graded
        interrupted = True
        _ignore_further_stops()
    except BaseException:
        if book is not None:
            book.close()
        raise
    finally:
        if pool is not None:
            pool.close()
    if interrupted and (book is None or names is None):
        if book is not None:
            book.close()
        _restore_signals(previous, interrupted)
        raise Stopped(0)
    summary.seconds = time.monotonic() - started
    exports.write_grades(book, settings.exercise, settings.questions, out)
    if canvas:
        column = (course.exercise(settings.exercise).get("canvas_column") if course else None) or settings.exercise
        exports.write_canvas(book, settings.exercise, Path(canvas), column, students)
    if moodle:
        column = (course.exercise(settings.exercise).get("moodle_column") if course else None) or settings.exercise
        exports.write_moodle(book, settings.exercise, Path(moodle), column, students)
    book.close()
    _restore_signals(previous, interrupted)
    if interrupted:
        raise Stopped(summary.graded)
    return summary


def stop_on_sigterm():
    """SIGTERM stops a batch as Ctrl-C does (only the main thread can set a handler; elsewhere nothing)."""
    def stop(_signum, _frame):
        raise KeyboardInterrupt
    try:
        return signal.signal(signal.SIGTERM, stop)
    except ValueError:
        return None


def _restore_signals(previous, interrupted: bool) -> None:
    try:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if interrupted:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:
        pass


def _ignore_further_stops() -> None:
    """While the workers are stopped and the exports written (well under a second), a second Ctrl-C or
    SIGTERM would only leave the exports half written."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(sig, signal.SIG_IGN)
        except ValueError:
            pass


def _late_key(course, settings: Settings, student: str) -> str:
    """Part of what decides whether a row must be graded again: a new deadline or extension (or late policy)
    changes the grade of an unchanged file."""
    if course is None or course.deadline(settings.exercise, student) is None:
        return ""
    key = f"{course.deadline(settings.exercise, student).isoformat()}|{course.late}"
    return ":" + hashlib.sha256(key.encode()).hexdigest()[:8]


__all__ = ["grade", "CourseMismatch", "start_pool", "exercise_version", "Summary", "Stopped", "sandbox", "exports"]
