"""What comes back from a submission is checked here before anything judges it.

A submission runs in the same process that turns its answers into plain data, so it can replace that code
and send back anything that is valid JSON: other kinds, wrong types, huge or deeply nested values. The
judge and the exports expect the shapes :func:`alliancekit.questions.plain.to_plain` makes, so every
result is held against that schema first:

- the outcome is a dict; ``answers`` a dict of the names asked for (question variables and hidden-case
  probes) to plain answers; ``errors`` a list of small dicts with a cell number and an error name;
  ``timed_out`` a bool; any other key (details added to the outcome later) small plain JSON;
- each plain answer is one of the kinds ``to_plain`` makes, with the fields and types of that kind, sizes
  within its limits, nesting at most ``MAX_DEPTH`` deep and at most ``MAX_NODES`` values in all.

An answer that does not fit is replaced by an "unreadable" one (0 marks for that question) and the problem
is reported; an outcome whose frame does not fit loses every answer. Nothing here raises on bad input.
"""

from __future__ import annotations

import math

from ..questions.plain import MAX_ROWS, MAX_TEXT

MAX_DEPTH = 8  # lists and dicts inside lists and dicts
MAX_NODES = 200_000  # values in one answer (a table of MAX_ROWS rows of 40 columns)
MAX_COLUMNS = 200
MAX_CELL = 500  # characters in a table cell (as to_plain cuts them)
MAX_NOTE = 2_000  # characters in a type name, repr, reason or error detail
MAX_ERRORS = 1_000
MAX_EXTRA_DEPTH = 4

KINDS = ("missing", "placeholder", "bool", "number", "text", "table", "list", "dict", "other", "unreadable")


class Malformed(ValueError):
    """An answer or outcome that is not what the worker's own code would have sent."""


def _text(value, limit: int, what: str) -> None:
    if not isinstance(value, str):
        raise Malformed(f"{what} is not text")
    if len(value) > limit:
        raise Malformed(f"{what} is longer than {limit} characters")


def _number(value, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Malformed(f"{what} is not a number")
    if not math.isfinite(value):
        raise Malformed(f"{what} is not a finite number")


def _cell(value) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        _number(value, "a table cell")
    else:
        _text(value, MAX_CELL, "a table cell")


class _Budget:
    def __init__(self):
        self.nodes = 0

    def spend(self, n: int = 1) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise Malformed(f"it holds more than {MAX_NODES} values")


def _fields(plain: dict, allowed: set[str]) -> None:
    extra = set(plain) - allowed - {"kind"}
    if extra:
        raise Malformed(f"unexpected field(s) {', '.join(sorted(map(str, extra)))[:200]}")


def _answer(plain, depth: int, budget: _Budget) -> None:
    if depth > MAX_DEPTH:
        raise Malformed(f"it is nested more than {MAX_DEPTH} deep")
    if not isinstance(plain, dict):
        raise Malformed("an answer is not a tagged value")
    budget.spend()
    kind = plain.get("kind")
    if kind not in KINDS:
        raise Malformed(f"unknown kind {str(kind)[:40]!r}")
    if kind in ("missing", "placeholder"):
        _fields(plain, set())
    elif kind == "bool":
        _fields(plain, {"value"})
        if not isinstance(plain.get("value"), bool):
            raise Malformed("a bool answer has no True/False value")
    elif kind == "number":
        _fields(plain, {"value"})
        _number(plain.get("value"), "a number answer")
    elif kind == "text":
        _fields(plain, {"value"})
        _text(plain.get("value"), MAX_TEXT, "a text answer")
    elif kind == "table":
        _fields(plain, {"columns", "rows", "from_series"})
        columns, rows = plain.get("columns"), plain.get("rows")
        if not isinstance(columns, list) or not isinstance(rows, list):
            raise Malformed("a table has no list of columns or rows")
        if len(columns) > MAX_COLUMNS or len(rows) > MAX_ROWS:
            raise Malformed("a table is larger than any answer")
        for name in columns:
            _text(name, MAX_CELL, "a column name")
        for row in rows:
            if not isinstance(row, list) or len(row) != len(columns):
                raise Malformed("a table row does not match its columns")
            budget.spend(len(row) + 1)
            for value in row:
                _cell(value)
        if "from_series" in plain and not isinstance(plain["from_series"], bool):
            raise Malformed("a table's from_series is not True/False")
    elif kind == "list":
        _fields(plain, {"items"})
        items = plain.get("items")
        if not isinstance(items, list) or len(items) > MAX_ROWS:
            raise Malformed("a list answer has no items or too many")
        for item in items:
            _answer(item, depth + 1, budget)
    elif kind == "dict":
        _fields(plain, {"items"})
        items = plain.get("items")
        if not isinstance(items, list) or len(items) > MAX_ROWS:
            raise Malformed("a dict answer has no items or too many")
        for pair in items:
            if not isinstance(pair, list) or len(pair) != 2:
                raise Malformed("a dict item is not a key and a value")
            _answer(pair[0], depth + 1, budget)
            _answer(pair[1], depth + 1, budget)
    elif kind == "other":
        _fields(plain, {"type", "repr"})
        _text(plain.get("type", ""), MAX_NOTE, "a type name")
        _text(plain.get("repr", ""), MAX_NOTE, "a repr")
    elif kind == "unreadable":
        _fields(plain, {"type", "why"})
        _text(plain.get("type", ""), MAX_NOTE, "a type name")
        _text(plain.get("why", ""), MAX_NOTE, "a reason")


def answer_problem(plain) -> str:
    """Why ``plain`` is not a plain answer as the worker makes them ('' if it is one)."""
    try:
        _answer(plain, 0, _Budget())
    except Malformed as exc:
        return str(exc)
    except RecursionError:
        return "it is nested too deep"
    return ""


def _extra(value, depth: int = 0) -> None:
    """Small plain JSON: what a later detail in the outcome may be."""
    if depth > MAX_EXTRA_DEPTH:
        raise Malformed("a detail is nested too deep")
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        _number(value, "a detail")
    elif isinstance(value, str):
        _text(value, MAX_NOTE, "a detail")
    elif isinstance(value, list):
        if len(value) > MAX_ERRORS:
            raise Malformed("a detail has too many items")
        for item in value:
            _extra(item, depth + 1)
    elif isinstance(value, dict):
        if len(value) > 50:
            raise Malformed("a detail has too many fields")
        for key, item in value.items():
            _text(key, 100, "a detail's name")
            _extra(item, depth + 1)
    else:
        raise Malformed("a detail is not plain data")


def _errors(errors) -> None:
    if not isinstance(errors, list) or len(errors) > MAX_ERRORS:
        raise Malformed("the list of errors is not a list of at most 1,000")
    for error in errors:
        if not isinstance(error, dict):
            raise Malformed("an error entry is not a dict")
        if isinstance(error.get("cell"), bool) or not isinstance(error.get("cell"), int):
            raise Malformed("an error entry has no cell number")
        _text(error.get("error"), MAX_NOTE, "an error name")
        _extra(error)


def clean(outcome, names) -> tuple[dict, list[str]]:
    """``outcome`` (a worker's "ran" result) checked against the schema: the outcome to judge, in which
    every answer that does not fit is replaced by an unreadable one, and the problems found (empty if none).
    ``names`` are every answer name asked for (question variables and probes)."""
    if not isinstance(outcome, dict):
        return {"status": "ran", "answers": {}, "errors": [], "timed_out": False}, ["the result is not a dict"]
    problems = []
    kept = {k: v for k, v in outcome.items() if k in ("id", "status", "seconds")}
    try:
        _errors(outcome.get("errors", []))
        kept["errors"] = outcome.get("errors", [])
    except (Malformed, RecursionError) as exc:
        problems.append(f"errors: {exc}")
        kept["errors"] = []
    timed_out = outcome.get("timed_out", False)
    if not isinstance(timed_out, bool):
        problems.append("timed_out is not True/False")
        timed_out = False
    kept["timed_out"] = timed_out
    for key, value in outcome.items():
        if key in ("id", "status", "seconds", "errors", "timed_out", "answers", "detail"):
            continue
        try:
            _text(key, 100, "a field name")
            _extra(value)
            kept[key] = value
        except (Malformed, RecursionError) as exc:
            problems.append(f"{str(key)[:40]}: {exc}")
    answers = outcome.get("answers")
    if not isinstance(answers, dict):
        problems.append("the answers are not a dict")
        answers = {}
    unknown = [str(k)[:40] for k in answers if k not in names]
    if unknown:
        problems.append(f"answers to names not asked for ({', '.join(unknown[:5])})")
    checked = {}
    for name in names:
        if name not in answers:
            continue  # judged as missing
        why = answer_problem(answers[name])
        if why:
            problems.append(f"{name}: {why}")
            checked[name] = {"kind": "unreadable", "type": "answer", "why": f"malformed: {why}"[:MAX_NOTE]}
        else:
            checked[name] = answers[name]
    kept["answers"] = checked
    return kept, problems
