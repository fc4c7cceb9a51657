"""The gradebook: one SQLite file that keeps every graded submission, question result and rubric mark,
and the history of every change to a grade.

Each submission is committed as soon as it is graded, so an interrupted batch loses nothing and a
re-run grades only what is new or changed (a different file, or a changed exercise).

A rubric mark is tied to a digest of the answer text it marked: when a student's written answer
changes, its old marks stop counting and the answer is "to mark" again. Every change of a score
(graded, re-graded, marked, overridden, late penalty, file deleted) is appended to ``history`` with its
time and cause; nothing in ``history`` is ever updated or deleted.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    exercise TEXT NOT NULL, student_id TEXT NOT NULL, sha256 TEXT NOT NULL, version TEXT NOT NULL,
    status TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '', isolated INTEGER NOT NULL,
    score REAL NOT NULL, max_score REAL NOT NULL, seconds REAL, graded_at TEXT NOT NULL,
    PRIMARY KEY (exercise, student_id));
CREATE TABLE IF NOT EXISTS results (
    exercise TEXT NOT NULL, student_id TEXT NOT NULL, qid TEXT NOT NULL, status TEXT NOT NULL,
    points REAL NOT NULL, max_points REAL NOT NULL, feedback TEXT NOT NULL, answer TEXT NOT NULL,
    PRIMARY KEY (exercise, student_id, qid));
CREATE TABLE IF NOT EXISTS rubric_marks (
    exercise TEXT NOT NULL, student_id TEXT NOT NULL, qid TEXT NOT NULL, criterion TEXT NOT NULL,
    points REAL NOT NULL, comment TEXT NOT NULL DEFAULT '', marked_at TEXT NOT NULL,
    PRIMARY KEY (exercise, student_id, qid, criterion));
CREATE TABLE IF NOT EXISTS overrides (
    exercise TEXT NOT NULL, student_id TEXT NOT NULL, qid TEXT NOT NULL, points REAL NOT NULL,
    reason TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (exercise, student_id, qid));
CREATE TABLE IF NOT EXISTS history (
    at TEXT NOT NULL, exercise TEXT NOT NULL, student_id TEXT NOT NULL, cause TEXT NOT NULL,
    score REAL, max_score REAL, detail TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Columns added after the first release: an older gradebook gains them when opened.
ADDED = {
    "submissions": [("flags", "TEXT NOT NULL DEFAULT ''"), ("penalty", "REAL NOT NULL DEFAULT 0"),
                    ("late_days", "INTEGER NOT NULL DEFAULT 0"), ("submitted_at", "TEXT NOT NULL DEFAULT ''"),
                    ("file", "TEXT NOT NULL DEFAULT ''")],
    "results": [("cell", "INTEGER")],
    "rubric_marks": [("answer_sha", "TEXT NOT NULL DEFAULT ''")],
}


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def answer_digest(answer_json: str) -> str:
    """The digest a rubric mark is tied to: the answer's text (or, for a non-text answer, its plain form)."""
    try:
        plain = json.loads(answer_json)
    except ValueError:
        plain = answer_json
    text = plain.get("value", "") if isinstance(plain, dict) and plain.get("kind") == "text" else \
        json.dumps(plain, sort_keys=True)
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()[:16]


class Gradebook:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.row_factory = sqlite3.Row
        # WAL with synchronous=NORMAL: each graded submission is still committed on its own (an interrupted
        # batch keeps everything graded so far) without waiting for the disk on every commit
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        for table, columns in ADDED.items():
            have = {r["name"] for r in self.db.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns:
                if name not in have:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    # -- the course the gradebook belongs to ------------------------------------------------------------------

    def identity(self) -> dict | None:
        row = self.db.execute("SELECT value FROM meta WHERE key='course'").fetchone()
        return None if row is None else json.loads(row["value"])

    def claim(self, identity: dict) -> None:
        """Record the course on first use (later commands compare against it)."""
        with self.db:
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('course', ?)", (json.dumps(identity, sort_keys=True),))

    # -- grading -----------------------------------------------------------------------------------------------

    def already_graded(self, exercise: str, student_id: str, sha256: str, version: str) -> bool:
        row = self.db.execute("SELECT sha256, version FROM submissions WHERE exercise=? AND student_id=?",
                              (exercise, student_id)).fetchone()
        return row is not None and row["sha256"] == sha256 and row["version"] == version

    def record(self, exercise: str, student_id: str, sha256: str, version: str, status: str, detail: str,
               isolated: bool, results, seconds: float | None, flags: str = "", penalty: float = 0.0,
               late_days: int = 0, submitted_at: str = "", file: str = "", cells: dict | None = None) -> None:
        """Store one graded submission and its question results in one transaction, and note it in the history."""
        cells = cells or {}
        with self.db:
            before = self._row(exercise, student_id)
            self.db.execute("DELETE FROM results WHERE exercise=? AND student_id=?", (exercise, student_id))
            for r in results:
                self.db.execute("INSERT INTO results (exercise, student_id, qid, status, points, max_points, feedback, "
                                "answer, cell) VALUES (?,?,?,?,?,?,?,?,?)",
                                (exercise, student_id, r.qid, r.status, r.points, r.max_points, r.feedback,
                                 json.dumps(r.answer), cells.get(r.qid)))
            self.db.execute("INSERT OR REPLACE INTO submissions (exercise, student_id, sha256, version, status, detail, "
                            "isolated, score, max_score, seconds, graded_at, flags, penalty, late_days, submitted_at, "
                            "file) VALUES (?,?,?,?,?,?,?,0,0,?,?,?,?,?,?,?)",
                            (exercise, student_id, sha256, version, status, detail, int(isolated), seconds, _now(),
                             flags, penalty, late_days, submitted_at, file))
            score, max_score = self._rescore(exercise, student_id)
            cause = "graded" if before is None or not before["sha256"] else "re-graded"
            why = status if before is None or before["sha256"] == sha256 else f"{status}; the file changed"
            self._note(exercise, student_id, cause, score, max_score, why)
            if penalty and (before is None or before["penalty"] != penalty):
                self._note(exercise, student_id, "late penalty", score, max_score,
                           f"{late_days} day(s) late: -{penalty:.0%}")

    def _row(self, exercise: str, student_id: str):
        return self.db.execute("SELECT * FROM submissions WHERE exercise=? AND student_id=?",
                               (exercise, student_id)).fetchone()

    def _note(self, exercise: str, student_id: str, cause: str, score, max_score, detail: str = "") -> None:
        self.db.execute("INSERT INTO history VALUES (?,?,?,?,?,?,?)",
                        (_now(), exercise, student_id, cause, score, max_score, detail))

    def counted_marks(self, exercise: str, student_id: str, qid: str, answer_json: str) -> list[sqlite3.Row]:
        """The rubric marks that count: those given to the answer as it is now."""
        sha = answer_digest(answer_json)
        return [m for m in self.marks(exercise, student_id, qid) if m["answer_sha"] == sha]

    def question_points(self, exercise: str, student_id: str, r) -> float | None:
        """A question's points as they count: override, else rubric marks (None: still to mark), else automatic."""
        override = self.db.execute("SELECT points FROM overrides WHERE exercise=? AND student_id=? AND qid=?",
                                   (exercise, student_id, r["qid"])).fetchone()
        if override is not None:
            return min(override["points"], r["max_points"])
        if r["status"] == "submitted":
            marks = self.counted_marks(exercise, student_id, r["qid"], r["answer"])
            return min(sum(m["points"] for m in marks), r["max_points"]) if marks else None
        return r["points"]

    def _rescore(self, exercise: str, student_id: str) -> tuple[float, float]:
        """Auto-graded points plus rubric marks and overrides, less the late penalty; stored on the row."""
        score = max_score = 0.0
        for r in self.results(exercise, student_id):
            max_score += r["max_points"]
            score += self.question_points(exercise, student_id, r) or 0.0
        row = self._row(exercise, student_id)
        if row is not None:
            score = round(score * (1 - row["penalty"]), 4)
            self.db.execute("UPDATE submissions SET score=?, max_score=? WHERE exercise=? AND student_id=?",
                            (score, max_score, exercise, student_id))
        return score, max_score

    def mark(self, exercise: str, student_id: str, qid: str, criterion: str, points: float, comment: str = "",
             answer_sha: str = "") -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO rubric_marks (exercise, student_id, qid, criterion, points, comment, "
                            "marked_at, answer_sha) VALUES (?,?,?,?,?,?,?,?)",
                            (exercise, student_id, qid, criterion, points, comment, _now(), answer_sha))
            score, max_score = self._rescore(exercise, student_id)
            self._note(exercise, student_id, "marked", score, max_score, f"{qid} {criterion}: {points:g}")

    def override(self, exercise: str, student_id: str, qid: str, points: float, reason: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO overrides VALUES (?,?,?,?,?,?)",
                            (exercise, student_id, qid, points, reason, _now()))
            score, max_score = self._rescore(exercise, student_id)
            self._note(exercise, student_id, "overridden", score, max_score, f"{qid} set to {points:g}: {reason}")

    def deleted(self, exercise: str, student_id: str, graded_at: str) -> None:
        """The file graded earlier is gone: the row says so and scores 0 (the history keeps what it had)."""
        with self.db:
            self.db.execute("UPDATE submissions SET status='missing', score=0, sha256='', detail=? "
                            "WHERE exercise=? AND student_id=?",
                            (f"the file graded on {graded_at} is no longer in the submissions folder",
                             exercise, student_id))
            self.db.execute("DELETE FROM results WHERE exercise=? AND student_id=?", (exercise, student_id))
            row = self._row(exercise, student_id)
            self._note(exercise, student_id, "file deleted", 0.0, row["max_score"] if row else None,
                       f"graded on {graded_at}; no file now")

    def forget(self, exercise: str, student_id: str) -> None:
        """Drop the row of a file that belonged to nobody and is gone."""
        with self.db:
            self.db.execute("DELETE FROM submissions WHERE exercise=? AND student_id=?", (exercise, student_id))
            self.db.execute("DELETE FROM results WHERE exercise=? AND student_id=?", (exercise, student_id))

    def missing(self, exercise: str, student_id: str, max_score: float) -> None:
        """A student on the roster with no submission: status ``missing``, 0 (noted once in the history)."""
        with self.db:
            row = self._row(exercise, student_id)
            if row is not None and row["status"] == "missing":
                return
            self.db.execute("INSERT OR REPLACE INTO submissions (exercise, student_id, sha256, version, status, detail, "
                            "isolated, score, max_score, seconds, graded_at) VALUES (?,?,'','','missing',?,1,0,?,NULL,?)",
                            (exercise, student_id, "no submission", max_score, _now()))
            self._note(exercise, student_id, "missing", 0.0, max_score, "no submission")

    # -- reading -----------------------------------------------------------------------------------------------

    def submissions(self, exercise: str) -> list[sqlite3.Row]:
        return list(self.db.execute("SELECT * FROM submissions WHERE exercise=? ORDER BY student_id", (exercise,)))

    def results(self, exercise: str, student_id: str | None = None) -> list[sqlite3.Row]:
        if student_id is None:
            return list(self.db.execute("SELECT * FROM results WHERE exercise=? ORDER BY student_id, qid", (exercise,)))
        return list(self.db.execute("SELECT * FROM results WHERE exercise=? AND student_id=? ORDER BY qid",
                                    (exercise, student_id)))

    def marks(self, exercise: str, student_id: str, qid: str) -> list[sqlite3.Row]:
        return list(self.db.execute("SELECT * FROM rubric_marks WHERE exercise=? AND student_id=? AND qid=?",
                                    (exercise, student_id, qid)))

    def history(self, student_id: str, exercise: str | None = None) -> list[sqlite3.Row]:
        if exercise is None:
            return list(self.db.execute("SELECT rowid, * FROM history WHERE student_id=? ORDER BY rowid", (student_id,)))
        return list(self.db.execute("SELECT rowid, * FROM history WHERE student_id=? AND exercise=? ORDER BY rowid",
                                    (student_id, exercise)))
