"""The questions of each lesson and exercise: one module per lesson (``q<stem>.py``).

Each module defines ``QUESTIONS``: lesson questions are named ``u1``, ``u2``... ("check your
understanding"), exercise questions ``q1``, ``q2``...
"""

from __future__ import annotations

import importlib

from .kinds import Question


def questions_for(stem: str) -> dict[str, Question]:
    """Every question of the lesson/exercise with this file stem (e.g. ``01_summit_and_argument``)."""
    try:
        module = importlib.import_module(f"{__name__}.q{stem}")
    except ModuleNotFoundError:
        raise KeyError(f"No questions for {stem!r}: is the exercise name spelt as its notebook's file name?") from None
    return {q.qid: q for q in module.QUESTIONS}
