"""The student edition: a copy of the course to hand out, with no solution and no answer in it.

It holds the lessons, the exercises (already stripped of answers by ``release``), the data, and the
package, in which every question module is replaced by a record of digests (see
:mod:`alliancekit.questions.digests`): students still get instant feedback offline, but no expected
value, no worked solution of a graded question and no hidden case is in any file. The instructor's
tools (``grading/``, ``solutions/``, ``tests/``) are left out.
"""

from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

from .questions import HERE as QUESTIONS_DIR
from .questions.digests import record

REPO = Path(__file__).resolve().parent.parent
COPIED = ("README.md", "requirements.txt", "pyproject.toml", "Makefile")
FOLDERS = ("notebooks", "exercises")


class EditionError(ValueError):
    pass


def _ignore_instructor_files(folder, names):
    ignored = {n for n in names if n in ("__pycache__", "grading", "release.py", "edition.py") or n.endswith(".pyc")}
    if Path(folder).resolve() == QUESTIONS_DIR:
        ignored |= {n for n in names if n.startswith("q") and n[1:2].isdigit() and n.endswith(".py")}
    return ignored


def build(target: Path, seed: str = "") -> int:
    """Write the student edition into ``target`` (new or empty); returns the number of files written."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise EditionError(f"{target} is not empty; choose a new folder")
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        if (REPO / name).exists():
            shutil.copy2(REPO / name, target / name)
    for folder in FOLDERS:
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(REPO / "data", target / "data", ignore=shutil.ignore_patterns("build", "__pycache__"))
    shutil.copytree(REPO / "alliancekit", target / "alliancekit", ignore=_ignore_instructor_files)
    for module in sorted(QUESTIONS_DIR.glob("q[0-9]*.py")):
        stem = module.stem[1:]
        questions = importlib.import_module(f"alliancekit.questions.{module.stem}").QUESTIONS
        records = {"stem": stem, "seed": seed, "questions": [record(q) for q in questions]}
        (target / "alliancekit" / "questions" / f"{module.stem}.json").write_text(
            json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (target / "STUDENT_EDITION.md").write_text(
        "# Alliance Kit: student edition\n\nThis copy of the course holds the lessons, the exercises and the data. "
        "Open it with `make lab` (see README.md). Checks in the notebooks work offline; worked solutions of graded "
        "questions are released by your instructor.\n", encoding="utf-8")
    return sum(1 for p in target.rglob("*") if p.is_file())
