"""The questions of each lesson and exercise: one module per lesson (``q<stem>.py``).

Each module defines ``QUESTIONS``: lesson questions are named ``u1``, ``u2``... ("check your
understanding"), exercise questions ``q1``, ``q2``... It may define ``HIDDEN_CASES`` (instructor-only
checks run at grading time). In the student edition the modules are replaced by ``q<stem>.json``
records holding digests instead of answers (see :mod:`.digests`).
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

from .kinds import Question

HERE = Path(__file__).resolve().parent


def _edition_record(stem: str) -> dict | None:
    path = HERE / f"q{stem}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def questions_for(stem: str) -> dict[str, Question]:
    """Every question of the lesson/exercise with this file stem (e.g. ``01_summit_and_argument``)."""
    name = f"{__name__}.q{stem}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        record = _edition_record(stem)
        if record is None:
            raise KeyError(f"No questions for {stem!r}: is the exercise name spelt as its notebook's file name?") from None
        from .digests import DigestQuestion

        return {r["qid"]: DigestQuestion(r) for r in record["questions"]}
    return {q.qid: q for q in module.QUESTIONS}


def seed_for(stem: str) -> str:
    """The seed that draws each student's variant: the student edition's, else ALLIANCEKIT_SEED, else ''."""
    record = _edition_record(stem)
    if record is not None:
        return record.get("seed", "")
    return os.environ.get("ALLIANCEKIT_SEED", "")
