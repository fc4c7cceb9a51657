"""Collecting submissions from the students' own folders, e.g. JupyterHub home folders.

The course file's ``collect`` pattern says where each student's notebook is, with ``{student}`` and
``{exercise}``: ``/home/jupyter-{student}/alliance-kit/exercises/{exercise}.ipynb``. Each file is copied
to ``<submissions>/<exercise>/<student>.ipynb`` keeping its modification time (which the late policy
reads), and ``collected.csv`` beside them records where each came from and when it was last changed.

The folders belong to students, so nothing in them is trusted: a file reached through a symbolic link
(which could point at a classmate's notebook or a system file), anything but a regular file, or a file
over the size limit is refused and listed, not copied.
"""

from __future__ import annotations

import datetime as _dt
import glob
import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .csvsafe import writer
from .roster import valid_id
from .submissions import MAX_BYTES


class CollectError(ValueError):
    pass


@dataclass
class Collected:
    copied: list = field(default_factory=list)  # (student, source, modified time)
    absent: list = field(default_factory=list)  # roster students with no file
    notes: list = field(default_factory=list)  # files refused, with the reason


def _candidates(pattern: str, exercise: str, students) -> list[tuple[str, str]]:
    """(student id, path) for every file the pattern can name."""
    if "{student}" not in pattern:
        raise CollectError(f"the collect pattern {pattern!r} has no {{student}}")
    with_exercise = pattern.replace("{exercise}", exercise)
    if students is not None:
        return [(s.student_id, with_exercise.replace("{student}", s.student_id)) for s in students]
    if with_exercise.count("{student}") != 1:
        raise CollectError("without a roster the collect pattern must name {student} exactly once")
    before, _, after = with_exercise.partition("{student}")
    finder = re.compile(re.escape(before) + r"(?P<id>[^/]+)" + re.escape(after) + "$")
    out = []
    for path in sorted(glob.glob(glob.escape(before) + "*" + glob.escape(after))):
        m = finder.match(path)
        if m:
            out.append((m.group("id"), path))
    return out


def _refusal(path: str) -> str:
    """Why a student's file cannot be copied, or "" if it can."""
    if os.path.realpath(path) != os.path.abspath(path):
        return "reached through a symbolic link"
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > MAX_BYTES:
        return f"larger than {MAX_BYTES // 2**20} MB"
    return ""


def collect(pattern: str, exercise: str, target: Path, students=None) -> Collected:
    """Copy every student's notebook of ``exercise`` into ``target``; see the module's docstring."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    found = Collected()
    for student, path in _candidates(pattern, exercise, students):
        if not os.path.lexists(path):
            found.absent.append(student)
            continue
        if not valid_id(student):
            found.notes.append(f"{path[:200]}: {student[:60]!r} cannot be a student id; not copied")
            continue
        why = _refusal(path)
        if why:
            found.notes.append(f"{student}: {path} is {why}; not copied")
            continue
        dest = target / f"{student}.ipynb"
        shutil.copy2(path, dest, follow_symlinks=False)
        modified = _dt.datetime.fromtimestamp(os.stat(dest).st_mtime, _dt.timezone.utc).isoformat(timespec="seconds")
        found.copied.append((student, path, modified))
    with open(target / "collected.csv", "w", newline="", encoding="utf-8") as f:
        w = writer(f)
        w.writerow(["student_id", "source", "modified_at", "collected_at"])
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        for student, path, modified in found.copied:
            w.writerow([student, path, modified, now])
    return found
