"""Checking without the answer: salted digests of canonical answers, for the student edition.

The student edition ships no expected value. For each question it ships a salt and the SHA-256
digests of the expected answer's canonical form (numbers on a grid finer than the tolerance, text
lower-cased and trimmed, tables cell by cell keyed by their key columns). A student's answer is put in
the same canonical form, hashed with the same salt, and compared. Specific feedback (off by 1,000,
wrong sign, a percentage instead of a fraction) comes from hashing the *transformed* student answer:
the expected value never appears. Questions with a variant per student carry digests for every variant.

``record(question)`` (instructor side) makes the JSON-ready record; ``DigestQuestion`` (student side)
judges from it. Digests do not make a small answer space secret (five labels can be tried by hand):
they keep plain answers out of the files students receive.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass

from .kinds import (CORRECT, INCORRECT, NOT_ATTEMPTED, ChoiceQuestion, ClassificationQuestion, NumberQuestion,
                    OrderingQuestion, Question, SourceJudgementQuestion, TableQuestion, Verdict, WrittenQuestion, _key,
                    _text, accepted_labels, labels_in_order, order_in_list, score_labels, score_pairs, score_parts,
                    source_and_reason)
from .plain import describe, to_plain

GRID_STEPS = 4  # grid cells per tolerance: accepted answers lie within 1.125 x tolerance of the expected value
_TRANSFORMS = (
    (1 / 1000, "a factor of 1,000: check the units (thousands? millions?)"),
    (1000, "a factor of 1,000: check the units (thousands? millions?)"),
    (1 / 100, "a factor of 100: a share as a percentage versus a fraction?"),
    (100, "a factor of 100: a share as a percentage versus a fraction?"),
    (-1, "the sign: check which value you subtracted from which"),
)


def digest(salt: str, text: str) -> str:
    return hashlib.sha256(f"{salt}|{text}".encode()).hexdigest()[:40]


def _number_key(value: float, tolerance: float) -> str:
    if tolerance > 0:
        return f"n{round(value / (tolerance / GRID_STEPS))}"
    return f"x{value:.12g}"


def number_digests(salt: str, expected: float, tolerance: float) -> list[str]:
    """Digests of every grid cell within the tolerance of the expected value."""
    if tolerance <= 0:
        return [digest(salt, _number_key(float(expected), 0))]
    step = tolerance / GRID_STEPS
    # the small margin keeps cells at the very edge of the tolerance despite floating-point division
    low = math.ceil((expected - tolerance) / step - 1e-6)
    high = math.floor((expected + tolerance) / step + 1e-6)
    return [digest(salt, f"n{k}") for k in range(low, high + 1)]


def _cell_digests(salt: str, value, tolerance: float) -> list[str]:
    if isinstance(value, float):
        return number_digests(salt, value, tolerance)
    return [digest(salt, "t" + _key(value))]


def _expected_record(question: Question, salt: str, params: dict | None) -> dict:
    if isinstance(question, NumberQuestion):
        return {"digests": number_digests(salt, float(question.expected_value(params)), float(question.tolerance))}
    if isinstance(question, ChoiceQuestion):
        return {"digests": [digest(salt, "t" + _text(question.expected_value(params)))]}
    if isinstance(question, ClassificationQuestion):
        # one list per item: every label accepted for it (several where the reading is arguable)
        return {"digests": [[digest(f"{salt}{i}", "t" + _text(label)) for label in accepted_labels(item)]
                            for i, item in enumerate(question.expected_value(params))]}
    if isinstance(question, OrderingQuestion):
        order = [_text(s) for s in question.expected_value(params)]
        return {"pairs": sorted(digest(salt, f"{a}<{b}") for i, a in enumerate(order) for b in order[i + 1:])}
    if isinstance(question, SourceJudgementQuestion):
        source, reason = question.expected_value(params)
        return {"source_digest": digest(f"{salt}s", "t" + _text(source)),
                "reason_digests": [digest(f"{salt}r", "t" + _text(r)) for r in accepted_labels(reason)]}
    if isinstance(question, TableQuestion):
        plain = question.expected_plain(params)
        columns = plain["columns"]
        series = bool(plain.get("from_series"))
        key = [columns[0]] if series else ([k for k in question.key if k in columns] or [columns[0]])
        key_at = [columns.index(k) for k in key]
        rows = []
        for row in plain["rows"]:
            cells = {columns[i]: _cell_digests(f"{salt}{columns[i] if not series else i}", row[i], question.tolerance)
                     for i in range(len(columns)) if i not in key_at}
            rows.append({"key": digest(salt, "|".join(_key(row[i]) for i in key_at)), "cells": cells})
        return {"columns": columns, "key": key, "series": series, "rows": rows}
    return {}


def record(question: Question) -> dict:
    """The JSON-ready record of a question for the student edition: everything but the answer."""
    salt = secrets.token_hex(16)
    out = {"qid": question.qid, "kind": question.kind, "prompt": question.prompt, "hints": list(question.hints),
           "points": question.points, "salt": salt}
    graded_exercise = question.qid.startswith("q")
    # worked solutions of graded questions contain the answer: they stay with the instructor
    out["solution"] = ("The worked solution is released by your instructor after the deadline."
                       if graded_exercise else question.solution)
    for name in ("unit", "tolerance", "options", "labels", "items", "item_ids", "steps", "sources", "reasons",
                 "min_words", "max_words"):
        if hasattr(question, name):
            value = getattr(question, name)
            out[name] = list(value) if isinstance(value, tuple) else value
    if isinstance(question, WrittenQuestion):
        out["rubric"] = [list(r) for r in question.rubric]
        return out
    if isinstance(question, ChoiceQuestion):
        out["explanations"] = {digest(salt, "t" + _text(o)): why for o, why in question.explanations.items()}
    if isinstance(question, ClassificationQuestion):
        # the explanation of each reading, keyed by the digest of (item, label): shown when that label is given
        out["readings"] = {str(i): {digest(f"{salt}{i - 1}", "t" + _text(label)): why for label, why in by_label.items()}
                           for i, by_label in question.readings.items()}
    if isinstance(question, SourceJudgementQuestion):
        out["explanations"] = {digest(salt, "t" + _text(o)): why for o, why in question.explanations.items()}
    if question.variants:
        out["variants"] = [{"params": dict(p), **_expected_record(question, salt, dict(p))} for p in question.variants]
    else:
        out.update(_expected_record(question, salt, None))
    return out


@dataclass(frozen=True)
class DigestQuestion:
    """A question of the student edition: judged against digests, with the same feedback style."""

    data: dict

    @property
    def qid(self) -> str:
        return self.data["qid"]

    @property
    def kind(self) -> str:
        return self.data["kind"]

    @property
    def hints(self) -> tuple:
        return tuple(self.data["hints"])

    @property
    def solution(self) -> str:
        return self.data["solution"]

    @property
    def auto_graded(self) -> bool:
        return self.kind != "written"

    @property
    def variants(self) -> tuple:
        return tuple(v["params"] for v in self.data.get("variants", ()))

    def variant_for(self, student_id: str, seed: str = "") -> dict | None:
        if not self.variants:
            return None
        h = hashlib.sha256(f"{seed}|{student_id}|{self.qid}".encode()).hexdigest()
        return dict(self.variants[int(h, 16) % len(self.variants)])

    def _expected(self, params: dict | None) -> dict:
        if "variants" not in self.data:
            return self.data
        if params is None:
            raise ValueError(f"{self.qid} has a variant per student: give the student's parameters")
        return next(v for v in self.data["variants"] if v["params"] == params)

    def judge(self, answer, params: dict | None = None) -> Verdict:
        return self.judge_plain(to_plain(answer), params)

    def judge_plain(self, plain: dict, params: dict | None = None) -> Verdict:
        kind = self.kind
        if kind == "written":
            return WrittenQuestion(qid=self.qid, prompt="", hints=self.hints, solution="",
                                   rubric=tuple(tuple(r) for r in self.data["rubric"]),
                                   min_words=self.data["min_words"], max_words=self.data["max_words"]).judge_plain(plain)
        if plain["kind"] == "placeholder":
            return Verdict(NOT_ATTEMPTED, "Not attempted yet: replace the ... with your answer.")
        expected = self._expected(params)
        salt = self.data["salt"]
        if kind == "number":
            return self._number(plain, expected, salt)
        if kind == "choice":
            return self._choice(plain, expected, salt)
        if kind in ("classification", "matching", "argument_map"):
            return self._classification(plain, expected, salt)
        if kind == "ordering":
            return self._ordering(plain, expected, salt)
        if kind == "source_judgement":
            return self._source_judgement(plain, expected, salt)
        if kind == "table":
            return self._table(plain, expected, salt)
        raise ValueError(f"unknown kind {kind}")

    def _number(self, plain: dict, expected: dict, salt: str) -> Verdict:
        unit, tol = self.data.get("unit", ""), float(self.data.get("tolerance", 0))
        if plain["kind"] == "text":
            return Verdict(INCORRECT, f"Expected a number (in {unit}), but got text {plain['value']!r}. "
                                      "Drop the quotation marks.")
        if plain["kind"] != "number":
            return Verdict(INCORRECT, f"Expected a number (in {unit}), but got {describe(plain)}.")
        accepted = set(expected["digests"])
        value = plain["value"]
        if digest(salt, _number_key(value, tol)) in accepted:
            return Verdict(CORRECT, f"Correct: {value:g} {unit}.")
        for factor, why in _TRANSFORMS:
            if digest(salt, _number_key(value * factor, tol)) in accepted:
                return Verdict(INCORRECT, f"Not yet: your answer is off by {why}")
        return Verdict(INCORRECT, f"Not yet: {value:g} {unit} is not right. Try hint('{self.qid}').")

    def _choice(self, plain: dict, expected: dict, salt: str) -> Verdict:
        options = self.data["options"]
        if plain["kind"] != "text":
            return Verdict(INCORRECT, f"Expected one of the options as text, e.g. {options[0]!r}, but got {describe(plain)}.")
        by_text = {_text(o): o for o in options}
        given = by_text.get(_text(plain["value"]))
        if given is None:
            return Verdict(INCORRECT, f"{plain['value']!r} is not one of the options: {', '.join(map(repr, options))}.")
        d = digest(salt, "t" + _text(given))
        if d in expected["digests"]:
            return Verdict(CORRECT, f"Correct: {given}.")
        why = self.data.get("explanations", {}).get(d, f"Try hint('{self.qid}').")
        return Verdict(INCORRECT, f"Not yet: not {given!r}. {why}")

    def _classification(self, plain: dict, expected: dict, salt: str) -> Verdict:
        items, labels = tuple(self.data["items"]), tuple(self.data["labels"])
        item_ids = tuple(self.data.get("item_ids") or ())
        given = labels_in_order(plain, len(items), labels, item_ids)
        if isinstance(given, str):
            return Verdict(INCORRECT, given)
        readings = self.data.get("readings", {})
        counted = {"matching": "matches right", "argument_map": "sentences mapped acceptably"}.get(
            self.kind, "items labelled acceptably")

        def accepted(i: int, label: str) -> bool:
            return digest(f"{salt}{i - 1}", "t" + label) in expected["digests"][i - 1]

        def why(i: int, label: str) -> str | None:
            return readings.get(str(i), {}).get(digest(f"{salt}{i - 1}", "t" + label))

        def name(i: int) -> str:
            return f"Item {i} ({item_ids[i - 1]})" if item_ids else f"Item {i}"

        return score_labels(given, accepted, why, name, self.qid, counted)

    def _ordering(self, plain: dict, expected: dict, salt: str) -> Verdict:
        given = order_in_list(plain, tuple(self.data["steps"]))
        if isinstance(given, str):
            return Verdict(INCORRECT, given)
        pairs = set(expected["pairs"])
        return score_pairs(given, lambda a, b: digest(salt, f"{a}<{b}") in pairs)

    def _source_judgement(self, plain: dict, expected: dict, salt: str) -> Verdict:
        given = source_and_reason(plain, tuple(self.data["sources"]), tuple(self.data["reasons"]))
        if isinstance(given, str):
            return Verdict(INCORRECT, given)
        ok = (digest(f"{salt}s", "t" + given[0]) == expected["source_digest"],
              digest(f"{salt}r", "t" + given[1]) in expected["reason_digests"])
        why = self.data.get("explanations", {})
        return score_parts(given, ok, lambda label: why.get(digest(salt, "t" + label)))

    def _table(self, plain: dict, expected: dict, salt: str) -> Verdict:
        columns, key, series = expected["columns"], expected["key"], expected["series"]
        tol = float(self.data.get("tolerance", 0))
        if series:
            pairs = TableQuestion._as_pairs(plain)
            if pairs is None:
                return Verdict(INCORRECT, f"Expected a pandas Series (or a two-column table), but got {describe(plain)}.")
            rows = [[k, v] for k, v in pairs.items()]
            got_columns = columns
        else:
            if plain["kind"] != "table":
                return Verdict(INCORRECT, f"Expected a table (a pandas DataFrame) with columns {', '.join(columns)}, "
                                          f"but got {describe(plain)}.")
            missing = [c for c in columns if c not in plain["columns"]]
            if missing:
                return Verdict(INCORRECT, f"Not yet: the table is missing column(s) {', '.join(missing)}.")
            extra = [c for c in plain["columns"] if c not in columns]
            if extra:
                return Verdict(INCORRECT, f"Not yet: keep only the columns {', '.join(columns)}; drop {', '.join(extra)}.")
            at = [plain["columns"].index(c) for c in columns]
            rows = [[r[i] for i in at] for r in plain["rows"]]
            got_columns = columns
        key_at = [got_columns.index(k) for k in key]
        wanted = {r["key"]: r["cells"] for r in expected["rows"]}
        seen, unexpected, wrong, factors = set(), [], [], set()
        for row in rows:
            keyvalue = "|".join(_key(row[i]) for i in key_at)
            d = digest(salt, keyvalue)
            if d not in wanted:
                unexpected.append(keyvalue)
                continue
            seen.add(d)
            for i, column in enumerate(got_columns):
                if i in key_at:
                    continue
                cell_salt = f"{salt}{i if series else column}"
                accepted = set(wanted[d][column])
                value = row[i]
                if isinstance(value, float):
                    if digest(cell_salt, _number_key(value, tol)) in accepted:
                        continue
                    hit = next((why for f, why in _TRANSFORMS if digest(cell_salt, _number_key(value * f, tol)) in accepted), None)
                    factors.add(hit)
                elif digest(cell_salt, "t" + _key(value)) in accepted:
                    continue
                else:
                    factors.add(None)
                wrong.append(f"{keyvalue}, {column}")
        missing = len(wanted) - len(seen)
        if missing or unexpected:
            parts = []
            if missing:
                parts.append(f"{missing} expected row(s) missing")
            if unexpected:
                parts.append(f"unexpected row(s) {', '.join(unexpected[:5])}")
            return Verdict(INCORRECT, f"Not yet: {'; '.join(parts)}.")
        if not wrong:
            return Verdict(CORRECT, "Correct: every row and value matches.")
        if len(factors) == 1 and None not in factors:
            return Verdict(INCORRECT, f"Not yet: the values are off by {factors.pop()}")
        return Verdict(INCORRECT, f"Not yet: {len(wrong)} value(s) differ, e.g. at {'; '.join(wrong[:3])}.")
