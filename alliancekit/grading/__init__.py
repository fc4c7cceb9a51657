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

from . import exports, judge, sandbox, submissions, validate
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


def _status(outcome: dict, results, isolated: bool) -> tuple[str, str]:
    state = outcome["status"]
    if state == "ran" and outcome.get("timed_out"):
        cell = next((e["cell"] for e in outcome.get("errors", []) if e["error"] == "time limit"), "?")
        return ("timeout" + ("" if isolated else " (not isolated)"),
                f"cell {cell} was still running at the time limit and was stopped; answers computed before it count")
    if state == "ran":
        missing = [r.qid for r in results if r.status == "missing"]
        status = "missing answers" if missing else "ok"
        detail = f"no variable for {', '.join(missing)}" if missing else ""
        errors = outcome.get("errors", [])
        if errors:
            shown = ", ".join(f"cell {e['cell']}: {e['error']}" for e in errors[:5])
            detail = "; ".join(filter(None, [detail, f"errors in the notebook ({shown})"]))
    elif state == "timeout":
        status, detail = "timeout", "the notebook ran longer than the time limit and was stopped"
    elif state in ("malformed", GRADER_ERROR):
        status, detail = state, outcome.get("detail", "")
    else:
        status, detail = "crashed", outcome.get("detail", "the notebook stopped the Python process")
    if not isolated:
        status += " (not isolated)"
    return status, detail


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


def grade(settings: Settings, submissions_dir: Path, out: Path, gradebook_path: Path | None = None,
          isolated: bool = True, jobs: int = 2, canvas: Path | None = None, progress: bool = True,
          pool: Pool | None = None) -> Summary:
    """Grade every ``<student_id>.ipynb`` in ``submissions_dir``; write ``out`` and its companions.
    ``pool`` (from :func:`start_pool`, same isolation) is used and closed if given."""
    out = Path(out)
    gradebook_path = Path(gradebook_path or out.with_name("gradebook.sqlite"))
    files = submissions.find(submissions_dir)
    book, names, started, summary, interrupted = None, None, time.monotonic(), Summary(statuses={}), False
    previous = stop_on_sigterm()
    try:
        if pool is None:
            pool = start_pool(settings.exercise, submissions_dir, isolated, jobs)
        book = Gradebook(gradebook_path)
        version = exercise_version(settings)
        todo, summary = [], Summary(statuses={})
        # a row that ended in a failure on the grader's side is graded again, even if nothing changed
        retry = {row["student_id"] for row in book.submissions(settings.exercise)
                 if row["status"].startswith(GRADER_ERROR)}
        for path in files:
            sub = submissions.read(path)
            if sub.student_id not in retry and book.already_graded(settings.exercise, sub.student_id, sub.sha256,
                                                                   version):
                summary.skipped += 1
            else:
                todo.append(sub)
        names = list(settings.questions)
        probes = judge.probes(settings.hidden)
        bar = Progress(len(todo)) if progress and todo else None
        started = time.monotonic()

        def finish(sub, outcome):
            if outcome is None:
                status, detail, results, seconds = sub.problem.split(":")[0], sub.problem, [], None
                results = judge.judge(settings.questions, settings.points, {}, [])
                results = [r.__class__(r.qid, "missing", 0.0, r.max_points, "The submission could not be read.",
                                       r.answer) for r in results]
            else:
                problems = []
                if outcome.get("status") == "ran":  # what came back is checked before it is judged
                    outcome, problems = validate.clean(outcome, names + list(probes))
                try:
                    results = judge.judge(settings.questions, settings.points, outcome.get("answers", {}),
                                          settings.hidden, sub.student_id, settings.seed)
                    status, detail = _status(outcome, results, isolated)
                except Exception as exc:  # a fault of the grader's own: this student is graded again next run
                    results = []
                    status = GRADER_ERROR + ("" if isolated else " (not isolated)")
                    detail = f"the grader failed on this submission ({type(exc).__name__}); it will be graded again"
                if problems:
                    status = "malformed" + ("" if isolated else " (not isolated)")
                    detail = ("the notebook sent back answers in a form the grader does not accept "
                              f"({'; '.join(problems)[:500]}); those answers score 0")
                seconds = outcome.get("seconds")
            book.record(settings.exercise, sub.student_id, sub.sha256, version, status, detail, isolated, results,
                        seconds)
            summary.graded += 1
            summary.statuses[status] = summary.statuses.get(status, 0) + 1
            if bar:
                bar.step(status.split(" (")[0])

        runnable = [s for s in todo if not s.problem]
        allowance = process_allowance()
        for sub in todo:
            if sub.problem:
                finish(sub, None)
        if runnable:
            if pool is None:  # files appeared since the pool was (not) started
                pool = start_pool(settings.exercise, submissions_dir, isolated, jobs)
            pool.wait_until_ready()

            def job_for(sub):
                scratch = f"/tmp/submission-{sub.student_id}" if isolated else \
                    str(pool.home / "scratch" / sub.student_id)
                variants = {qid: q.variant_for(sub.student_id, settings.seed)
                            for qid, q in settings.questions.items() if q.variants}
                return {"id": sub.student_id, "cells": list(sub.cells), "names": names, "probes": probes,
                        "variants": variants, "max_processes": allowance, "timeout": settings.timeout_seconds,
                        "memory_mb": settings.memory_mb, "scratch": scratch}
            by_id = {sub.student_id: sub for sub in runnable}
            for job, outcome in pool.run_all(job_for(sub) for sub in runnable):
                finish(by_id[job["id"]], outcome)
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (see stop_on_sigterm): stop now, keep what is graded
        interrupted = True
        _ignore_further_stops()
    finally:
        if pool is not None:
            pool.close()
    if interrupted and (book is None or names is None):
        if book is not None:
            book.close()
        _restore_signals(previous, interrupted)
        raise Stopped(0)
    summary.seconds = time.monotonic() - started
    exports.write_grades(book, settings.exercise, names, out)
    if canvas:
        exports.write_canvas(book, settings.exercise, Path(canvas))
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


__all__ = ["grade", "start_pool", "exercise_version", "Summary", "Stopped", "sandbox", "exports"]
