"""The student edition: a copy of the course to hand out, with no solution and no answer in it.

It holds the lessons, the exercises (already stripped of answers by ``release``), the data, and the
package, in which every question module is replaced by a record of digests (see
:mod:`alliancekit.questions.digests`): students still get instant feedback offline, but no expected
value, no worked solution of a graded question and no hidden case is in any file. The instructor's
tools (``grading/``, ``solutions/``, ``tests/``) are left out, and the README and Makefile are the
students' own (``edition_files/``): how to open the course, set the id, check and submit.

The edition records the course it was made for (its id and seed) in ``COURSE.json`` and in the metadata
of every exercise notebook, so a submission carries it back: grading with another course file is refused
(or the row flagged), rather than grading every student's variant against the wrong seed.
"""

from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

from .course import Course
from .questions import HERE as QUESTIONS_DIR
from .questions.digests import record

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "edition_files"
COPIED = ("requirements.txt", "pyproject.toml")
FROM_TEMPLATES = ("README.md", "Makefile")
FOLDERS = ("notebooks", "exercises")
INSTRUCTOR_ONLY = ("__pycache__", "grading", "release.py", "edition.py", "edition_files", "course.py")


class EditionError(ValueError):
    pass


def _ignore_instructor_files(folder, names):
    ignored = {n for n in names if n in INSTRUCTOR_ONLY or n.endswith(".pyc")}
    if Path(folder).resolve() == QUESTIONS_DIR:
        ignored |= {n for n in names if n.startswith("q") and n[1:2].isdigit() and n.endswith(".py")}
    return ignored


def _stamp(folder: Path, identity: dict) -> None:
    """Write the course's identity into every exercise notebook's metadata (kept when students save)."""
    for path in sorted(folder.glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        notebook.setdefault("metadata", {}).setdefault("alliancekit", {})["course"] = identity
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def _readme(course: Course) -> str:
    text = (TEMPLATES / "README.md").read_text(encoding="utf-8")
    submit = str(course.raw.get("submit", "")).strip() or (
        "Hand in each exercise notebook the way your instructor asked: upload `exercises/NN_name.ipynb` to your "
        "course site, or, on JupyterHub, leave it where it is, saved: it is collected from your folder at the "
        "deadline.")
    title = course.title or "Alliance Kit"
    return text.replace("{title}", title).replace("{submit}", submit)


def build(target: Path, seed: str = "", course: Course | None = None) -> int:
    """Write the student edition of ``course`` into ``target`` (new or empty); returns the number of files written."""
    course = course or Course(path=None, seed=seed)
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise EditionError(f"{target} is not empty; choose a new folder")
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        if (REPO / name).exists():
            shutil.copy2(REPO / name, target / name)
    (target / "README.md").write_text(_readme(course), encoding="utf-8")
    shutil.copy2(TEMPLATES / "Makefile", target / "Makefile")
    for folder in FOLDERS:
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    _stamp(target / "exercises", course.identity)
    shutil.copytree(REPO / "data", target / "data", ignore=shutil.ignore_patterns("build", "__pycache__"))
    shutil.copytree(REPO / "alliancekit", target / "alliancekit", ignore=_ignore_instructor_files)
    for module in sorted(QUESTIONS_DIR.glob("q[0-9]*.py")):
        stem = module.stem[1:]
        questions = importlib.import_module(f"alliancekit.questions.{module.stem}").QUESTIONS
        records = {"stem": stem, "seed": course.seed, "questions": [record(q) for q in questions]}
        (target / "alliancekit" / "questions" / f"{module.stem}.json").write_text(
            json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (target / "COURSE.json").write_text(json.dumps(course.identity, indent=1) + "\n", encoding="utf-8")
    return sum(1 for p in target.rglob("*") if p.is_file())
