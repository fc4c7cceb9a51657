"""The class list, and which submission file belongs to which student.

Two roster formats are read:

- **Canvas's gradebook export** (Grades > Export): columns ``Student``, ``ID``, ``SIS User ID``,
  ``SIS Login ID``, ``Section``, then one column per assignment; a second row may hold "Points Possible"
  and a test student may appear. A student's id in the kit is their SIS Login ID (what they log in
  with, so what they type as ``STUDENT_ID``), else their SIS User ID, else Canvas's numeric ID.
- **A plain CSV**: ``student_id`` (required), then optionally ``name``, ``email``, ``canvas_id``,
  ``sis_user_id``, ``login_id``, ``section``.

Submission files are matched to students by name: ``<student_id>.ipynb``, or the name a Canvas
"Download Submissions" archive gives, ``<lastfirst>[_LATE]_<canvas user id>_<submission id>_<original
name>``, matched through the roster's Canvas ID. Every id is checked against an allow-list of
characters, so no file name can put a formula or a path into an export.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
CANVAS_FILE = re.compile(r"^(?P<name>[a-z0-9-]*?)(?P<late>_LATE)?_(?P<user>\d+)_(?P<submission>\d+)_(?P<original>.+)$")
PLACEHOLDER_IDS = ("your-id", "")


class RosterError(ValueError):
    """The roster cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Student:
    student_id: str
    name: str = ""
    email: str = ""
    canvas_id: str = ""
    sis_user_id: str = ""
    login_id: str = ""
    section: str = ""


@dataclass(frozen=True)
class Match:
    """One submission file and whose it is: ``student_id`` empty when it belongs to nobody on the roster."""

    path: Path
    student_id: str
    problem: str = ""  # why the file was not matched ("unknown file", "rejected file name")
    canvas_late: bool = False


def valid_id(text: str) -> bool:
    return bool(STUDENT_ID.match(text or ""))


def _clean(row: dict) -> dict:
    return {(k or "").strip().lstrip("\ufeff"): (v or "").strip() for k, v in row.items()}


def read(path: Path) -> list[Student]:
    """The students of a Canvas gradebook export or a plain roster CSV."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = [_clean(r) for r in csv.DictReader(f)]
    except OSError as exc:
        raise RosterError(f"cannot read the roster {path}: {exc.strerror}") from None
    if not rows:
        raise RosterError(f"the roster {path} has no students")
    canvas = "SIS Login ID" in rows[0] and "Student" in rows[0]
    if not canvas and "student_id" not in rows[0]:
        raise RosterError(f"the roster {path} has neither Canvas's columns (Student, ID, SIS User ID, SIS Login ID) "
                          "nor a student_id column")
    students, seen = [], {}
    for line, row in enumerate(rows, start=2):
        if canvas:
            name = row.get("Student", "")
            if name.startswith("Points Possible") or name == "Student, Test" or not row.get("ID"):
                continue  # Canvas's points row, its test student
            sid = row.get("SIS Login ID") or row.get("SIS User ID") or row.get("ID", "")
            student = Student(sid, name, "", row.get("ID", ""), row.get("SIS User ID", ""),
                              row.get("SIS Login ID", ""), row.get("Section", ""))
        else:
            sid = row.get("student_id", "")
            student = Student(sid, row.get("name", ""), row.get("email", ""), row.get("canvas_id", ""),
                              row.get("sis_user_id", ""), row.get("login_id", ""), row.get("section", ""))
        if not valid_id(sid):
            raise RosterError(f"{path}, line {line}: {sid!r} cannot be a student id (letters, digits, . _ @ - only, "
                              "starting with a letter or digit)")
        if sid in seen:
            raise RosterError(f"{path}, line {line}: student id {sid!r} is also on line {seen[sid]}")
        seen[sid] = line
        students.append(student)
    return students


def match(files: list[Path], students: list[Student] | None) -> list[Match]:
    """Whose each file is. Without a roster a file's name is its student's id (if the name is allowed)."""
    by_id = {s.student_id: s for s in students or []}
    by_canvas = {s.canvas_id: s for s in students or [] if s.canvas_id}
    out = []
    for path in files:
        stem = path.stem
        canvas = CANVAS_FILE.match(path.name)
        if students is None:
            if valid_id(stem):
                out.append(Match(path, stem))
            else:
                out.append(Match(path, "", "rejected file name: not a usable student id (letters, digits, . _ @ - "
                                           "only, starting with a letter or digit)"))
        elif stem in by_id:
            out.append(Match(path, stem))
        elif canvas and canvas.group("user") in by_canvas:
            out.append(Match(path, by_canvas[canvas.group("user")].student_id, canvas_late=bool(canvas.group("late"))))
        else:
            out.append(Match(path, "", "unknown file: its name matches no student on the roster"))
    return _one_per_student(out)


def _one_per_student(matches: list[Match]) -> list[Match]:
    """Where several files belong to one student (a resubmission downloaded beside the first), the newest
    is graded and the others are listed, so no student has two rows or two jobs."""
    def mtime(m: Match) -> float:
        try:
            return m.path.stat().st_mtime
        except OSError:
            return 0.0

    newest: dict[str, Match] = {}
    for m in matches:
        if m.student_id and (m.student_id not in newest or mtime(m) > mtime(newest[m.student_id])):
            newest[m.student_id] = m
    out = []
    for m in matches:
        if m.student_id and newest[m.student_id] is not m:
            out.append(Match(m.path, "", f"duplicate file: {m.student_id}'s newer file "
                                         f"{newest[m.student_id].path.name[:120]} was graded instead"))
        else:
            out.append(m)
    return out


def rejected_key(path: Path) -> str:
    """A gradebook key for a file that belongs to nobody: safe characters only, stable for the same name."""
    import hashlib

    return "file-" + hashlib.sha256(path.name.encode("utf-8", "replace")).hexdigest()[:10]
