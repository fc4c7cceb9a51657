"""Kinds of question and how each judges an answer: plain data in, a verdict with a specific message out.

A judge never trusts the answer object: it converts what the student gave to plain Python data first
(a float, a string) and compares that, so an object with a rigged ``__eq__`` cannot pass.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field

CORRECT = "correct"
INCORRECT = "incorrect"
NOT_ATTEMPTED = "not_attempted"


@dataclass(frozen=True)
class Verdict:
    status: str  # correct, incorrect or not_attempted
    message: str

    @property
    def correct(self) -> bool:
        return self.status == CORRECT


def is_placeholder(answer) -> bool:
    """The starter value left in an answer cell: ``...`` (or None)."""
    return answer is Ellipsis or answer is None


def _plain_number(answer) -> float | None:
    """The answer as a float if it is honestly a number (bool is not), else None."""
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return None
    value = float(answer)  # float() of a real number, not the object's own comparison
    return value if math.isfinite(value) else None


def _describe(answer) -> str:
    text = repr(answer)
    text = text if len(text) <= 60 else text[:57] + "..."
    return f"{text} (type {type(answer).__name__})"


@dataclass(frozen=True)
class Question:
    """What every question has: an id, the prompt, tiered hints and a worked solution."""

    qid: str
    prompt: str
    hints: tuple[str, ...]
    solution: str
    points: float = 1.0

    def judge(self, answer) -> Verdict:  # pragma: no cover - each kind defines it
        raise NotImplementedError


@dataclass(frozen=True)
class NumberQuestion(Question):
    """A number, right within ``tolerance`` (absolute, in ``unit``)."""

    expected: float = 0.0
    tolerance: float = 0.0
    unit: str = ""

    def judge(self, answer) -> Verdict:
        if is_placeholder(answer):
            return Verdict(NOT_ATTEMPTED, "Not attempted yet: replace the ... with your answer.")
        if isinstance(answer, str):
            return Verdict(INCORRECT, f"Expected a number (in {self.unit}), but got text {answer!r}. "
                                      "Drop the quotation marks.")
        value = _plain_number(answer)
        if value is None:
            return Verdict(INCORRECT, f"Expected a number (in {self.unit}), but got {_describe(answer)}.")
        expected, tol = float(self.expected), float(self.tolerance)
        if abs(value - expected) <= tol:
            return Verdict(CORRECT, f"Correct: {value:g} {self.unit}.")
        for factor, why in ((1000, "a factor of 1,000: check the units (thousands? millions?)"),
                            (1 / 1000, "a factor of 1,000: check the units (thousands? millions?)"),
                            (100, "a factor of 100: a share as a percentage versus a fraction?"),
                            (1 / 100, "a factor of 100: a share as a percentage versus a fraction?")):
            if abs(value - expected * factor) <= tol * abs(factor):
                return Verdict(INCORRECT, f"Not yet: your answer is off by {why}")
        if expected != 0 and abs(value + expected) <= tol:
            return Verdict(INCORRECT, "Not yet: the size is right but the sign is wrong. Which came first?")
        off = "too high" if value > expected else "too low"
        return Verdict(INCORRECT, f"Not yet: {value:g} {self.unit} is {off}. Try hint('{self.qid}').")


@dataclass(frozen=True)
class ChoiceQuestion(Question):
    """One option out of a few; text is compared ignoring case and surrounding spaces."""

    options: tuple[str, ...] = ()
    expected: str = ""
    explanations: dict = field(default_factory=dict)  # why a tempting wrong option is wrong

    def judge(self, answer) -> Verdict:
        if is_placeholder(answer):
            return Verdict(NOT_ATTEMPTED, "Not attempted yet: replace the ... with one of the options, in quotes.")
        if not isinstance(answer, str):
            return Verdict(INCORRECT, f"Expected one of the options as text, e.g. {self.options[0]!r}, "
                                      f"but got {_describe(answer)}.")
        given = " ".join(str.lower(str.strip(answer)).split())
        options = {" ".join(o.lower().split()): o for o in self.options}
        if given not in options:
            return Verdict(INCORRECT, f"{answer!r} is not one of the options: {', '.join(map(repr, self.options))}.")
        if options[given] == self.expected:
            return Verdict(CORRECT, f"Correct: {self.expected}.")
        why = self.explanations.get(options[given], f"Try hint('{self.qid}').")
        return Verdict(INCORRECT, f"Not yet: not {options[given]!r}. {why}")
