"""The gradebook: one SQLite file that keeps every graded submission, question result and rubric mark.

Each submission is committed as soon as it is graded, so an interrupted batch loses nothing and a
re-run grades only what is new or changed (a different file, or a changed exercise).
"""

from __future__ import annotations

import datetime as _dt
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
"""


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


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

    def close(self) -> None:
        self.db.close()

    def already_graded(self, exercise: str, student_id: str, sha256: str, version: str) -> bool:
        row = self.db.execute("SELECT sha256, version FROM submissions WHERE exercise=? AND student_id=?",
                              (exercise, student_id)).fetchone()
        return row is not None and row["sha256"] == sha256 and row["version"] == version

    def record(self, exercise: str, student_id: str, sha256: str, version: str, status: str, detail: str,
               isolated: bool, results, seconds: float | None) -> None:
        """Store one graded submission and its question results in one transaction."""
        with self.db:
            self.db.execute("DELETE FROM results WHERE exercise=? AND student_id=?", (exercise, student_id))
            for r in results:
                self.db.execute("INSERT INTO results VALUES (?,?,?,?,?,?,?,?)",
                                (exercise, student_id, r.qid, r.status, r.points, r.max_points, r.feedback,
                                 json.dumps(r.answer)))
            score, max_score = self._score(exercise, student_id)
            self.db.execute("INSERT OR REPLACE INTO submissions VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                            (exercise, student_id, sha256, version, status, detail, int(isolated), score,
                             max_score, seconds, _now()))

    def _score(self, exercise: str, student_id: str) -> tuple[float, float]:
        """Auto-graded points plus rubric marks (capped at each written question's maximum)."""
        score = max_score = 0.0
        for r in self.db.execute("SELECT * FROM results WHERE exercise=? AND student_id=?", (exercise, student_id)):
            max_score += r["max_points"]
            if r["status"] == "submitted":
                marked = self.db.execute("SELECT SUM(points) FROM rubric_marks WHERE exercise=? AND student_id=? "
                                         "AND qid=?", (exercise, student_id, r["qid"])).fetchone()[0] or 0.0
                score += min(marked, r["max_points"])
            else:
                score += r["points"]
        return score, max_score

    def mark(self, exercise: str, student_id: str, qid: str, criterion: str, points: float, comment: str = "") -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO rubric_marks VALUES (?,?,?,?,?,?,?)",
                            (exercise, student_id, qid, criterion, points, comment, _now()))
            score, max_score = self._score(exercise, student_id)
            self.db.execute("UPDATE submissions SET score=?, max_score=? WHERE exercise=? AND student_id=?",
                            (score, max_score, exercise, student_id))

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
