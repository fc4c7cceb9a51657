"""Kinds of question and how each judges an answer: plain data in, a verdict with a specific message out.

A judge never trusts the answer object: :func:`Question.judge` first turns the answer into plain data
(:func:`alliancekit.questions.plain.to_plain`) and compares that, so an object with a rigged ``__eq__``
cannot pass. The grader runs the same judges on plain data sent back from an isolated worker.

``expected`` may be a value or a zero-argument callable that computes it from the kit's data; it is
evaluated once, when first needed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from .plain import describe, to_plain

CORRECT = "correct"
INCORRECT = "incorrect"
NOT_ATTEMPTED = "not_attempted"
SUBMITTED = "submitted"  # a written answer: recorded, graded by an instructor with the rubric

CLAIM_TYPES = ("fact", "estimate", "forecast", "opinion", "rhetoric")

_FACTORS = (
    (1000, "a factor of 1,000: check the units (thousands? millions?)"),
    (1 / 1000, "a factor of 1,000: check the units (thousands? millions?)"),
    (100, "a factor of 100: a share as a percentage versus a fraction?"),
    (1 / 100, "a factor of 100: a share as a percentage versus a fraction?"),
)


@dataclass(frozen=True)
class Verdict:
    status: str  # correct, incorrect, not_attempted or submitted
    message: str
    # Partial credit: the share of the points earned (0..1) when the answer is partly right. None means
    # all or nothing: 1 if correct, else 0.
    fraction: float | None = None

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    @property
    def score(self) -> float:
        """The share of the question's points this verdict earns, from 0 to 1."""
        if self.status == CORRECT:
            return 1.0
        if self.status == INCORRECT and self.fraction is not None:
            return min(1.0, max(0.0, float(self.fraction)))
        return 0.0


def partly(right: int, total: int, notes: list[str], what: str = "right") -> Verdict:
    """The verdict for an answer of several parts: correct if all are right, else partial credit that names
    each wrong part (``notes``), so a student sees which part to look at again."""
    if right == total:
        return Verdict(CORRECT, f"Correct: all {total} {what}." + (" " + " ".join(notes) if notes else ""))
    share = right / total if total else 0.0
    head = (f"Partly right: {right} of {total} {what} ({share:.0%} of the points)." if right
            else f"Not yet: none of the {total} {what}.")
    return Verdict(INCORRECT, f"{head} {' '.join(notes)}".strip(), fraction=share)


def is_placeholder(answer) -> bool:
    """The starter value left in an answer cell: ``...`` (or None)."""
    return answer is Ellipsis or answer is None


def _text(value: str) -> str:
    """Text as compared: case and spacing do not matter."""
    return " ".join(str(value).lower().split())


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol + 1e-9 * max(1.0, abs(b))


@dataclass(frozen=True)
class Question:
    """What every question has: an id, the prompt, tiered hints and a worked solution."""

    qid: str
    prompt: str
    hints: tuple[str, ...]
    solution: str
    points: float = 1.0

    # A question with variants: one parameter set is drawn per student (see variant_for); ``expected``
    # is then a callable taking those parameters as keyword arguments.
    variants: tuple = ()

    kind = "question"
    auto_graded = True

    def expected_value(self, params: dict | None = None) -> Any:
        """The expected answer, computed from the kit's data if ``expected`` is a callable."""
        cache = self.__dict__.setdefault("_expected_cache", {})
        key = ("value", tuple(sorted((params or {}).items())))
        if key not in cache:
            expected = getattr(self, "expected")
            if self.variants:
                if params is None:
                    raise ValueError(f"{self.qid} has a variant per student: give the student's parameters")
                cache[key] = expected(**params)
            else:
                cache[key] = expected() if callable(expected) else expected
        return cache[key]

    def variant_for(self, student_id: str, seed: str = "") -> dict | None:
        """The parameters this student's variant uses (the same every time for the same id and seed)."""
        if not self.variants:
            return None
        digest = hashlib.sha256(f"{seed}|{student_id}|{self.qid}".encode()).hexdigest()
        return dict(self.variants[int(digest, 16) % len(self.variants)])

    def judge(self, answer, params: dict | None = None) -> Verdict:
        return self.judge_plain(to_plain(answer), params)

    def judge_plain(self, plain: dict, params: dict | None = None) -> Verdict:  # pragma: no cover
        raise NotImplementedError


@dataclass(frozen=True)
class NumberQuestion(Question):
    """A number, right within ``tolerance`` (absolute, in ``unit``)."""

    expected: Any = 0.0
    tolerance: float = 0.0
    unit: str = ""
    kind = "number"

    def judge_plain(self, plain: dict, params: dict | None = None) -> Verdict:
        kind = plain["kind"]
        if kind == "placeholder":
            return Verdict(NOT_ATTEMPTED, "Not attempted yet: replace the ... with your answer.")
        if kind == "text":
            try:
                float(plain["value"].replace(",", ""))
                return Verdict(INCORRECT, f"Expected a number (in {self.unit}), but got text {plain['value']!r}. "
                                          "Drop the quotation marks.")
            except ValueError:
                pass
        if kind != "number":
            return Verdict(INCORRECT, f"Expected a number (in {self.unit}), but got {describe(plain)}.")
        value, expected, tol = plain["value"], float(self.expected_value(params)), float(self.tolerance)
        if _close(value, expected, tol):
            return Verdict(CORRECT, f"Correct: {value:g} {self.unit}.")
        for factor, why in _FACTORS:
            if _close(value, expected * factor, tol * factor):
                return Verdict(INCORRECT, f"Not yet: your answer is off by {why}")
        if expected != 0 and _close(value, -expected, tol):
            return Verdict(INCORRECT, "Not yet: the size is right but the sign is wrong. Check which value you "
                                      "subtracted from which.")
        off = "too high" if value > expected else "too low"
        return Verdict(INCORRECT, f"Not yet: {value:g} {self.unit} is {off}. Try hint('{self.qid}').")


@dataclass(frozen=True)
class ChoiceQuestion(Question):
    """One option out of a few; text is compared ignoring case and spacing."""

    options: tuple[str, ...] = ()
    expected: str = ""
    explanations: dict = field(default_factory=dict)  # why a tempting wrong option is wrong
    kind = "choice"

    def judge_plain(self, plain: dict, params: dict | None = None) -> Verdict:
        if plain["kind"] == "placeholder":
            return Verdict(NOT_ATTEMPTED, "Not attempted yet: replace the ... with one of the options, in quotes.")
        if plain["kind"] != "text":
            return Verdict(INCORRECT, f"Expected one of the options as text, e.g. {self.options[0]!r}, "
                                      f"but got {describe(plain)}.")
        options = {_text(o): o for o in self.options}
        given = options.get(_text(plain["value"]))
        if given is None:
            return Verdict(INCORRECT, f"{plain['value']!r} is not one of the options: "
                                      f"{', '.join(map(repr, self.options))}.")
        if given == self.expected_value(params):
            return Verdict(CORRECT, f"Correct: {given}.")
        why = self.explanations.get(given, f"Try hint('{self.qid}').")
        return Verdict(INCORRECT, f"Not yet: not {given!r}. {why}")


def accepted_labels(expected_item) -> tuple[str, ...]:
    """The labels accepted for one item: a single label, or several where the reading is arguable
    (the first is the kit's own reading, the others are also defensible)."""
    if isinstance(expected_item, (tuple, list)):
        return tuple(expected_item)
    return (expected_item,)


@dataclass(frozen=True)
class ClassificationQuestion(Question):
    """Label each of several items (e.g. op-ed sentences as fact, estimate, forecast, opinion or rhetoric).

    Partial credit per item: each item labelled acceptably earns its share of the points. Where a reading
    is arguable, ``expected`` gives the item a tuple of labels, every one accepted; ``readings`` maps an
    item number (from 1) to ``{label: why}`` and the feedback shows the explanation of the label given,
    whether it was accepted or not. ``item_ids`` (optional) lets a dictionary answer use ids as keys.
    """

    items: tuple[str, ...] = ()
    labels: tuple[str, ...] = CLAIM_TYPES
    expected: Any = ()
    readings: dict = field(default_factory=dict)
    item_ids: tuple[str, ...] = ()
    kind = "classification"
    counted = "items labelled acceptably"

    def _labels_given(self, plain: dict) -> list[str] | str:
        """The student's labels in item order, or a message saying why they cannot be read."""
        return labels_in_order(plain, len(self.items), self.labels, self.item_ids)

    def _name(self, i: int) -> str:
        return f"Item {i} ({self.item_ids[i - 1]})" if self.item_ids else f"Item {i}"

    def judge_plain(self, plain: dict, params: dict | None = None) -> Verdict:
        if plain["kind"] == "placeholder":
            return Verdict(NOT_ATTEMPTED, f"Not attempted yet: give a list of {len(self.items)} labels.")
        given = self._labels_given(plain)
        if isinstance(given, str):
            return Verdict(INCORRECT, given)
        expected = self.expected_value(params)

        def accepted(i: int, label: str) -> bool:
            return label in {_text(l) for l in accepted_labels(expected[i - 1])}

        def why(i: int, label: str) -> str | None:
            table = {_text(k): v for k, v in self.readings.get(i, {}).items()}
            return table.get(label)

        return score_labels(given, accepted, why, self._name, self.qid, self.counted)


def labels_in_order(plain: dict, n: int, labels: tuple[str, ...], item_ids: tuple[str, ...] = ()) -> list[str] | str:
    """A list of labels (or a dict keyed by item number or item id) as ``n`` normalised labels in item
    order, or a message saying why it cannot be read."""
    if plain["kind"] == "list":
        values = plain["items"]
    elif plain["kind"] == "dict":
        ids = {_text(i): k for k, i in enumerate(item_ids, 1)}
        by_number = {}
        for key, value in plain["items"]:
            if key["kind"] == "text" and _text(key["value"]) in ids:
                by_number[ids[_text(key["value"])]] = value
                continue
            if key["kind"] != "number" or not 1 <= key["value"] <= n or key["value"] != int(key["value"]):
                keys = f"the item numbers 1 to {n}" + (f" or the ids {', '.join(item_ids)}" if item_ids else "")
                return f"Dictionary keys must be {keys}; got {describe(key)}."
            by_number[int(key["value"])] = value
        if sorted(by_number) != list(range(1, n + 1)):
            missing = sorted(set(range(1, n + 1)) - set(by_number))
            return f"Give a label for every item; missing item(s) {', '.join(map(str, missing))}."
        values = [by_number[i] for i in range(1, n + 1)]
    else:
        return f"Expected a list of {n} labels, one per item, but got {describe(plain)}."
    if len(values) != n:
        return f"Expected {n} labels, one per item, but got {len(values)}."
    out = []
    allowed = {_text(l) for l in labels}
    for i, value in enumerate(values, 1):
        if value["kind"] != "text" or _text(value["value"]) not in allowed:
            return f"Item {i}: {describe(value)} is not one of the labels {', '.join(labels)}."
        out.append(_text(value["value"]))
    return out


def score_labels(given: list[str], accepted, why, name, qid: str, counted: str) -> Verdict:
    """Partial credit for labelled items. ``accepted(i, label)`` says whether item i (from 1) may carry
    that label; ``why(i, label)`` gives the kit's explanation of that reading, if it has one."""
    right, notes, wrong = 0, [], []
    for i, label in enumerate(given, 1):
        explanation = why(i, label)
        if accepted(i, label):
            right += 1
            if explanation:
                notes.append(f"{name(i)}: {label!r} accepted: {explanation}")
        else:
            wrong.append(str(i))
            notes.append(f"{name(i)}: not {label!r}." + (f" {explanation}" if explanation else ""))
    if wrong:
        notes.append(f"Look again at item(s) {', '.join(wrong)}; hint('{qid}') may help.")
    return partly(right, len(given), notes, counted)


@dataclass(frozen=True)
class MatchingQuestion(ClassificationQuestion):
    """Match each item (an evidence row, an event) to one of a few options (the claim it bears on, or
    whether it supports or contradicts a claim). Partial credit per match."""

    labels: tuple[str, ...] = ("supports", "contradicts", "neither")
    kind = "matching"
    counted = "matches right"


ROLES = ("claim", "premise", "evidence")


@dataclass(frozen=True)
class ArgumentMapQuestion(ClassificationQuestion):
    """Map each of the op-ed's own sentences to its role in the argument: the claim it argues for, a
    premise (a general assumption the argument rests on) or evidence (a checkable particular offered in
    support). Partial credit per sentence; arguable sentences accept each defensible role."""

    labels: tuple[str, ...] = ROLES
    kind = "argument_map"
    counted = "sentences mapped acceptably"


@dataclass(frozen=True)
class OrderingQuestion(Question):
    """Put steps (ids) in order, e.g. the links of a causal chain. Partial credit: the share of pairs of
    steps placed in the right order relative to each other, so one swap costs little and a reversed
    chain earns nothing. The feedback names pairs that are the wrong way round."""

    steps: tuple[str, ...] = ()  # the step ids, in the (shuffled) order shown to the student
    expected: tuple[str, ...] = ()
    kind = "ordering"

    def order_given(self, plain: dict) -> list[str] | str:
        return order_in_list(plain, self.steps)

    def judge_plain(self, plain: dict, params: dict | None = None) -> Verdict:
        if plain["kind"] == "placeholder":
            return Verdict(NOT_ATTEMPTED, f"Not attempted yet: give a list of the {len(self.steps)} step ids in order.")
        given = self.order_given(plain)
        if isinstance(given, str):
            return Verdict(INCORRECT, given)
        rank = {_text(s): r for r, s in enumerate(self.expected_value(params))}
        return score_pairs(given, lambda a, b: rank[a] < rank[b])


def order_in_list(plain: dict, steps: tuple[str, ...]) -> list[str] | str:
    """The student's order as normalised step ids, or a message saying why it cannot be read."""
    if plain["kind"] != "list":
        return f"Expected a list of the {len(steps)} step ids in order, but got {describe(plain)}."
    known = {_text(s) for s in steps}
    given = []
    for value in plain["items"]:
        if value["kind"] != "text" or _text(value["value"]) not in known:
            return f"{describe(value)} is not one of the steps: {', '.join(steps)}."
        given.append(_text(value["value"]))
    repeated = sorted({g for g in given if given.count(g) > 1})
    if repeated:
        return f"Each step once: {', '.join(repeated)} appear(s) more than once."
    missing = [s for s in steps if _text(s) not in given]
    if missing:
        return f"Put every step in the list; missing {', '.join(missing)}."
    return given


def score_pairs(given: list[str], before) -> Verdict:
    """Partial credit for an order: the share of pairs in the right relative order; ``before(a, b)`` says
    whether a belongs before b."""
    total, right, reversed_ = 0, 0, []
    for i, a in enumerate(given):
        for b in given[i + 1:]:
            total += 1
            if before(a, b):
                right += 1
            else:
                reversed_.append(f"{b!r} belongs before {a!r}.")
    notes = reversed_[:3] + ([f"({len(reversed_) - 3} more pair(s) reversed.)"] if len(reversed_) > 3 else [])
    return partly(right, total, notes, "pairs of steps in the right order")


@dataclass(frozen=True)
class SourceJudgementQuestion(Question):
    """Which of two or more sources is stronger for a figure, and why: two parts, each half the points.

    The answer is ``{"source": ..., "reason": ...}`` (or a pair in that order). ``expected`` is
    ``(source, reason)``; the reason may be a tuple of reasons that are each defensible. ``explanations``
    maps an option (source or reason) to why it is or is not the better choice.
    """

    sources: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    expected: Any = ("", "")
    explanations: dict = field(default_factory=dict)
    kind = "source_judgement"

    def parts_given(self, plain: dict) -> tuple[str, str] | str:
        return source_and_reason(plain, self.sources, self.reasons)

    def judge_plain(self, plain: dict, params: dict | None = None) -> Verdict:
        if plain["kind"] == "placeholder":
            return Verdict(NOT_ATTEMPTED, 'Not attempted yet: give {"source": ..., "reason": ...}.')
        given = self.parts_given(plain)
        if isinstance(given, str):
            return Verdict(INCORRECT, given)
        source, reason = self.expected_value(params)
        why = {_text(k): v for k, v in self.explanations.items()}
        ok = (given[0] == _text(source), given[1] in {_text(r) for r in accepted_labels(reason)})
        return score_parts(given, ok, lambda label: why.get(label))


def source_and_reason(plain: dict, sources: tuple[str, ...], reasons: tuple[str, ...]) -> tuple[str, str] | str:
    """A source-and-reason answer as two normalised option texts, or a message saying why not."""
    if plain["kind"] == "dict":
        parts = {(_text(k["value"]) if k["kind"] == "text" else None): v for k, v in plain["items"]}
        if set(parts) != {"source", "reason"}:
            return 'Expected a dictionary with exactly the keys "source" and "reason".'
        values = [parts["source"], parts["reason"]]
    elif plain["kind"] == "list" and len(plain["items"]) == 2:
        values = plain["items"]
    else:
        return f'Expected {{"source": ..., "reason": ...}}, but got {describe(plain)}.'
    out = []
    for part, value, options in (("source", values[0], sources), ("reason", values[1], reasons)):
        if value["kind"] != "text" or _text(value["value"]) not in {_text(o) for o in options}:
            return f"The {part}: {describe(value)} is not one of the options: {', '.join(map(repr, options))}."
        out.append(_text(value["value"]))
    return out[0], out[1]


def score_parts(given: tuple[str, str], ok: tuple[bool, bool], why) -> Verdict:
    """Half the points for the right source, half for a defensible reason; each wrong part explained."""
    notes = []
    for part, label, right in zip(("Source", "Reason"), given, ok):
        explanation = why(label)
        if not right:
            notes.append(f"{part}: not this one. {explanation or ''}".strip())
        elif explanation and part == "Reason":
            notes.append(f"Reason accepted: {explanation}")
    return partly(sum(ok), 2, notes, "parts right (source, reason)")


@dataclass(frozen=True)
class TableQuestion(Question):
    """A table (DataFrame) or a Series; rows in any order unless ``ordered``; numbers within ``tolerance``.

    ``key`` names the columns that identify a row, so the feedback can say which rows are missing or
    unexpected. A Series is compared as a two-column table: its index and its values.
    """

    expected: Any = None
    key: tuple[str, ...] = ()
    tolerance: float = 0.0
    unit: str = ""
    ordered: bool = False
    kind = "table"

    def expected_plain(self, params: dict | None = None) -> dict:
        cache = self.__dict__.setdefault("_expected_cache", {})
        key = ("plain", tuple(sorted((params or {}).items())))
        if key not in cache:
            cache[key] = to_plain(self.expected_value(params))
        return cache[key]

    @staticmethod
    def _as_pairs(plain: dict) -> dict | None:
        """A two-column table, a dict or a Series as a mapping key -> value (for Series-shaped answers)."""
        if plain["kind"] == "table" and len(plain["columns"]) == 2:
            return {_key(r[0]): r[1] for r in plain["rows"]}
        if plain["kind"] == "dict":
            return {_key(_scalar(k)): _scalar(v) for k, v in plain["items"]}
        return None

    def judge_plain(self, plain: dict, params: dict | None = None) -> Verdict:
        if plain["kind"] == "placeholder":
            return Verdict(NOT_ATTEMPTED, "Not attempted yet: replace the ... with your table.")
        expected = self.expected_plain(params)
        if expected.get("from_series"):
            return self._judge_pairs(plain, expected)
        if plain["kind"] != "table":
            return Verdict(INCORRECT, f"Expected a table (a pandas DataFrame) with columns "
                                      f"{', '.join(expected['columns'])}, but got {describe(plain)}.")
        want, got = expected["columns"], plain["columns"]
        missing = [c for c in want if c not in got]
        if missing:
            return Verdict(INCORRECT, f"Not yet: the table is missing column(s) {', '.join(missing)} "
                                      f"(it has {', '.join(got)}).")
        extra = [c for c in got if c not in want]
        if extra:
            return Verdict(INCORRECT, f"Not yet: keep only the columns {', '.join(want)}; drop {', '.join(extra)}.")
        index = [got.index(c) for c in want]
        rows = [[r[i] for i in index] for r in plain["rows"]]
        return self._compare_rows(want, expected["rows"], rows)

    def _judge_pairs(self, plain: dict, expected: dict) -> Verdict:
        pairs = self._as_pairs(plain)
        if pairs is None:
            return Verdict(INCORRECT, f"Expected a pandas Series (or a two-column table), but got {describe(plain)}.")
        want = {_key(r[0]): r[1] for r in expected["rows"]}
        missing = [k for k in want if k not in pairs]
        extra = [k for k in pairs if k not in want]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing {_list(missing)}")
            if extra:
                parts.append(f"unexpected {_list(extra)}")
            return Verdict(INCORRECT, f"Not yet: {len(pairs)} entries, expected {len(want)}: {'; '.join(parts)}.")
        return self._compare_values([(k, want[k], pairs[k]) for k in want])

    def _compare_rows(self, columns: list[str], want: list[list], got: list[list]) -> Verdict:
        if len(got) != len(want):
            note = ""
            if self.key and all(k in columns for k in self.key):
                key_at = [columns.index(k) for k in self.key]
                want_keys = {tuple(_key(r[i]) for i in key_at) for r in want}
                got_keys = {tuple(_key(r[i]) for i in key_at) for r in got}
                missing, extra = want_keys - got_keys, got_keys - want_keys
                if missing:
                    note += f" Missing rows: {_list(sorted(missing, key=str))}."
                if extra:
                    note += f" Unexpected rows: {_list(sorted(extra, key=str))}."
            return Verdict(INCORRECT, f"Not yet: expected {len(want)} rows, got {len(got)}.{note}")
        if not self.ordered:
            # pair rows by their key columns (exact), so numbers within tolerance still line up
            key_at = [columns.index(k) for k in self.key if k in columns] or list(range(len(columns)))
            want = sorted(want, key=lambda r: tuple(_key(r[i]) for i in key_at))
            got = sorted(got, key=lambda r: tuple(_key(r[i]) for i in key_at))
        triples = []
        for i, (w, g) in enumerate(zip(want, got)):
            for c, (wv, gv) in enumerate(zip(w, g)):
                triples.append((f"row {i + 1}, column {columns[c]}", wv, gv))
        return self._compare_values(triples)

    def _compare_values(self, triples: list[tuple]) -> Verdict:
        wrong, factors = [], set()
        for where, want, got in triples:
            if isinstance(want, float) and isinstance(got, float) and not isinstance(got, bool):
                if not _close(got, want, self.tolerance):
                    wrong.append(where)
                    found = next((why for f, why in _FACTORS if want and _close(got, want * f, self.tolerance * f)), None)
                    factors.add(found)
            elif _key(want) != _key(got):
                wrong.append(where)
                factors.add(None)
        if not wrong:
            return Verdict(CORRECT, "Correct: every row and value matches.")
        if len(factors) == 1 and None not in factors:
            return Verdict(INCORRECT, f"Not yet: the values are off by {factors.pop()}")
        return Verdict(INCORRECT, f"Not yet: {len(wrong)} value(s) differ, e.g. at {_list(wrong[:3])}.")


@dataclass(frozen=True)
class WrittenQuestion(Question):
    """A short written answer: checked for length here, graded by an instructor with the rubric."""

    rubric: tuple[tuple[str, float], ...] = ()
    # One entry per rubric criterion, in the same order: the descriptor of each mark from 0 to the
    # criterion's points (index = mark), so students see before writing what earns each mark.
    levels: tuple[tuple[str, ...], ...] = ()
    min_words: int = 40
    max_words: int = 250
    expected: Any = None  # a written answer has no single expected value
    kind = "written"
    auto_graded = False

    @property
    def rubric_points(self) -> float:
        return float(sum(points for _, points in self.rubric))

    def descriptor(self, criterion: str, mark: float) -> str:
        """What earns ``mark`` on ``criterion`` (the level reached, rounded down), or '' without levels."""
        for (name, points), levels in zip(self.rubric, self.levels):
            if name == criterion and levels:
                return levels[max(0, min(int(mark), len(levels) - 1))]
        return ""

    def rubric_markdown(self) -> str:
        """The rubric as a markdown table (criterion, points, what earns each mark), shown above the answer."""
        lines = [f"**Rubric for {self.qid}** ({self.rubric_points:g} points; write {self.min_words}-{self.max_words} "
                 "words). Your instructor marks each criterion at the level your answer reaches:", "",
                 "| Criterion | Points | What earns each mark |", "|---|---|---|"]
        for (criterion, points), levels in zip(self.rubric, self.levels or [()] * len(self.rubric)):
            marks = "<br>".join(f"**{m}**: {_cell(d)}" for m, d in enumerate(levels))
            lines.append(f"| {_cell(criterion)} | {points:g} | {marks} |")
        return "\n".join(lines)

    def judge_plain(self, plain: dict, params: dict | None = None) -> Verdict:
        if plain["kind"] == "placeholder" or (plain["kind"] == "text" and not plain["value"].strip()):
            return Verdict(NOT_ATTEMPTED, "Not attempted yet: write your answer as text between the quotation marks.")
        if plain["kind"] != "text":
            return Verdict(INCORRECT, f"Expected your answer as text (in quotation marks), but got {describe(plain)}.")
        words = len(re.findall(r"\w+", plain["value"]))
        if words < self.min_words:
            return Verdict(INCORRECT, f"Too short: {words} words. Write at least {self.min_words}.")
        if words > self.max_words:
            return Verdict(INCORRECT, f"Too long: {words} words. Keep it under {self.max_words}.")
        rubric = "; ".join(f"{criterion} ({points:g} pt)" for criterion, points in self.rubric)
        return Verdict(SUBMITTED, f"Recorded ({words} words). Your instructor grades it with this rubric: {rubric}. "
                                  "The rubric table above the answer cell says what earns each mark.")


def _cell(text: str) -> str:
    """Text safe inside a markdown table cell: a pipe would start a new column."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _scalar(plain: dict):
    """The plain scalar inside a tagged value (for dict answers)."""
    if plain["kind"] in ("number", "text", "bool"):
        return plain["value"]
    return None


def _key(value) -> str:
    """A value as a comparable key: numbers without trailing .0, text lower-cased and trimmed."""
    if isinstance(value, float):
        return f"{value:.10g}"
    if value is None:
        return ""
    return _text(value)


def _list(items) -> str:
    shown = [", ".join(map(str, i)) if isinstance(i, tuple) else str(i) for i in items]
    return "; ".join(shown[:5]) + (" ..." if len(shown) > 5 else "")


@dataclass(frozen=True)
class HiddenCase:
    """An instructor-only case: ``expression`` is evaluated in the student's namespace at grading time
    (e.g. calling the function the student wrote with other inputs) and judged by ``check``.

    Hidden cases live only in the instructor's question modules: never in exercises/, never in the
    student edition, never in the student's process until the grader sends them.
    """

    qid: str
    expression: str
    check: Question
