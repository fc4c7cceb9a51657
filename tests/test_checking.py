"""Students' instant feedback: right answers pass in any honest form, wrong ones say what is off, nothing raises."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from alliancekit.checking import checks_for
from alliancekit.questions import questions_for

from .conftest import REPO
from alliancekit.questions.kinds import (ChoiceQuestion, ClassificationQuestion, NumberQuestion, OrderingQuestion,
                                        SourceJudgementQuestion, TableQuestion, WrittenQuestion, accepted_labels)

STEMS = sorted(p.stem[1:] for p in (REPO / "alliancekit" / "questions").glob("q[0-9]*.py"))


DAYS = NumberQuestion(qid="q9", prompt="days?", hints=("first", "second"), solution="280", expected=280, tolerance=0, unit="days")
KIND = ChoiceQuestion(qid="q8", prompt="kind?", hints=("h",), solution="estimate",
                      options=("fact", "estimate", "forecast"), expected="estimate",
                      explanations={"fact": "Who counted?"})


@pytest.mark.parametrize("answer", [280, 280.0, np.int64(280), np.float64(280.0)])
def test_a_number_passes_as_int_float_or_numpy(answer):
    assert DAYS.judge(answer).status == "correct"


@pytest.mark.parametrize("answer,says", [
    (281, "too high"), (279, "too low"), (-280, "sign"), (280_000, "factor of 1,000"), (0.28, "factor of 1,000"),
    ("280", "Drop the quotation marks"), ([280], "Expected a number"), (True, "Expected a number"),
    (math.nan, "Expected a number"),
])
def test_a_wrong_number_says_what_is_off(answer, says):
    verdict = DAYS.judge(answer)
    assert verdict.status == "incorrect" and says in verdict.message


def test_the_placeholder_is_not_attempted_rather_than_wrong():
    assert DAYS.judge(...).status == "not_attempted"
    assert KIND.judge(...).status == "not_attempted"


def test_an_object_that_lies_about_equality_does_not_pass():
    class Liar(float):
        def __eq__(self, other):
            return True
        def __sub__(self, other):
            return 0.0
        __hash__ = float.__hash__
    assert DAYS.judge(Liar(5)).status == "incorrect"


@pytest.mark.parametrize("answer", ["estimate", "  Estimate ", "ESTIMATE"])
def test_a_choice_ignores_case_and_spacing(answer):
    assert KIND.judge(answer).status == "correct"


def test_a_tempting_wrong_choice_explains_itself_and_a_non_option_lists_the_options():
    assert "Who counted?" in KIND.judge("fact").message
    assert "not one of the options" in KIND.judge("guess").message
    assert "Expected one of the options" in KIND.judge(3).message


def plausible_wrong_answer(q, params=None):
    """A near miss for any kind of question: the checker must reject it."""
    expected = None if isinstance(q, WrittenQuestion) else q.expected_value(params)
    if isinstance(q, NumberQuestion):
        return expected + 1 + 2 * q.tolerance
    if isinstance(q, ChoiceQuestion):
        return next(o for o in q.options if o != expected)
    if isinstance(q, ClassificationQuestion):
        labels = [accepted_labels(e)[0] for e in expected]
        labels[0] = next(l for l in q.labels if l not in accepted_labels(expected[0]))
        return labels
    if isinstance(q, OrderingQuestion):
        order = list(expected)
        return order[1:] + order[:1]  # the first link put last
    if isinstance(q, SourceJudgementQuestion):
        return {"source": next(s for s in q.sources if s != expected[0]), "reason": accepted_labels(expected[1])[0]}
    if isinstance(q, TableQuestion):
        return expected.iloc[1:] if len(expected) > 1 else expected * 2
    if isinstance(q, WrittenQuestion):
        return "Too short."
    raise AssertionError(f"no wrong answer known for {type(q).__name__}")


def reference_answer(q, params=None):
    if isinstance(q, WrittenQuestion):
        return " ".join(["evidence"] * q.min_words)
    expected = q.expected_value(params)
    if isinstance(q, ClassificationQuestion):
        return [accepted_labels(e)[0] for e in expected]  # the kit's own reading of each item
    if isinstance(q, OrderingQuestion):
        return list(expected)
    if isinstance(q, SourceJudgementQuestion):
        return {"source": expected[0], "reason": accepted_labels(expected[1])[0]}
    return expected


@pytest.mark.parametrize("stem", STEMS)
def test_every_question_has_hints_a_solution_and_a_plausible_wrong_answer_fails(stem):
    for qid, q in questions_for(stem).items():
        assert q.hints and q.solution, qid
        params = q.variant_for("any-student")
        good = "submitted" if isinstance(q, WrittenQuestion) else "correct"
        assert q.judge(reference_answer(q, params), params).status == good, qid
        assert q.judge(plausible_wrong_answer(q, params), params).status == "incorrect", qid


def test_check_hint_and_solution_never_raise_and_solution_is_recorded(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCEKIT_STATE", str(tmp_path))
    check, hint, solution = checks_for("01_summit_and_argument")
    assert check("q404", 1).status == "info"
    assert "q1" in check("q404", 1).message

    class Explodes:
        def __float__(self):
            raise RuntimeError("boom")
    assert check("q1", Explodes()).status == "incorrect"

    first, second = hint("q1"), hint("q1")
    assert first.message.startswith("Hint 1 of") and first.message != second.message
    shown = solution("q1")
    assert "recorded" in shown.message
    log = [json.loads(line) for line in (tmp_path / "solutions_shown.jsonl").read_text().splitlines()]
    assert log[-1]["question"] == "q1" and log[-1]["exercise"] == "01_summit_and_argument"


def test_feedback_renders_as_html_with_its_status():
    check, _, _ = checks_for("01_summit_and_argument")
    html = check("q1", ...)._repr_html_()
    assert "alliancekit-not_attempted" in html and "(q1)" in html


def test_unknown_exercise_name_is_a_clear_error():
    with pytest.raises(KeyError, match="spelt as its notebook's file name"):
        questions_for("99_nothing")


TABLE = TableQuestion(qid="q7", prompt="t", hints=("h",), solution="s", key=("year",), tolerance=0.5, unit="USD million",
                      expected=lambda: pd.DataFrame({"year": [2016, 2017, 2018], "total": [5820.0, 5060.0, 2430.0]}))
SERIES = TableQuestion(qid="q6", prompt="t", hints=("h",), solution="s",
                       expected=pd.Series({"CHN": 3.0, "SUN": 1.0}, name="deals"))
SORT = ClassificationQuestion(qid="q5", prompt="c", hints=("h",), solution="s",
                              items=("14,000 artillery systems", "the inevitable arms deal", "one of the vilest regimes"),
                              expected=("estimate", "forecast", "rhetoric"))
ESSAY = WrittenQuestion(qid="q4", prompt="w", hints=("h",), solution="model", rubric=(("cites evidence", 2.0), ("weighs counter-evidence", 1.0)),
                        min_words=5, max_words=20)


@pytest.mark.parametrize("answer", [
    pd.DataFrame({"year": [2018, 2016, 2017], "total": [2430.2, 5820.0, 5060.0]}),          # rows in another order
    pd.DataFrame({"total": [5820.0, 5060.0, 2430.0], "year": [2016, 2017, 2018]}),          # columns in another order
    pd.DataFrame({"year": [2016, 2017, 2018], "total": [5820, 5060, 2430]}).set_index("year"),  # key as the index
    pd.DataFrame({"year": [2015, 2016, 2017, 2018], "total": [0, 5820, 5060, 2430]}).query("year > 2015"),  # filtered
])
def test_a_table_passes_in_any_row_or_column_order_and_with_its_key_as_index(answer):
    assert TABLE.judge(answer).status == "correct"


@pytest.mark.parametrize("answer,says", [
    (pd.DataFrame({"year": [2016, 2017], "total": [5820.0, 5060.0]}), "Missing rows: 2018"),
    (pd.DataFrame({"year": [2016, 2017, 2018], "total": [5.82, 5.06, 2.43]}), "factor of 1,000"),
    (pd.DataFrame({"year": [2016, 2017, 2018], "value": [5820.0, 5060.0, 2430.0]}), "missing column(s) total"),
    (pd.DataFrame({"year": [2016, 2017, 2018], "total": [5820.0, 5060.0, 2430.0], "x": 1}), "drop x"),
    (pd.DataFrame({"year": [2016, 2017, 2018], "total": [5820.0, 5060.0, 2999.0]}), "1 value(s) differ"),
    ([5820.0, 5060.0, 2430.0], "Expected a table"),
])
def test_a_wrong_table_says_what_is_off(answer, says):
    verdict = TABLE.judge(answer)
    assert verdict.status == "incorrect" and says in verdict.message


def test_a_series_answer_passes_as_series_dict_or_two_column_table_and_names_missing_keys():
    assert SERIES.judge(pd.Series({"SUN": 1, "CHN": 3})).status == "correct"
    assert SERIES.judge({"CHN": 3, "SUN": 1}).status == "correct"
    assert SERIES.judge(pd.DataFrame({"supplier": ["CHN", "SUN"], "n": [3, 1]})).status == "correct"
    verdict = SERIES.judge(pd.Series({"CHN": 3}))
    assert verdict.status == "incorrect" and "missing sun" in verdict.message


def test_classification_counts_right_items_without_revealing_the_labels():
    assert SORT.judge(["Estimate", "forecast", " rhetoric "]).status == "correct"
    assert SORT.judge({1: "estimate", 2: "forecast", 3: "rhetoric"}).status == "correct"
    verdict = SORT.judge(["fact", "forecast", "rhetoric"])
    assert verdict.status == "incorrect" and "2 of 3 items labelled acceptably" in verdict.message
    assert "Item 1: not 'fact'" in verdict.message and verdict.score == pytest.approx(2 / 3)
    assert "estimate" not in verdict.message
    assert "not one of the labels" in SORT.judge(["estimate", "forecast", "lie"]).message
    assert "Expected 3 labels" in SORT.judge(["estimate"]).message


def test_a_written_answer_is_recorded_with_its_rubric_and_length_is_checked():
    assert ESSAY.judge(...).status == "not_attempted" and ESSAY.judge("   ").status == "not_attempted"
    recorded = ESSAY.judge("The treaty of 2024 shows the forecast held, though")
    assert recorded.status == "submitted" and "cites evidence (2 pt)" in recorded.message
    assert "Too short" in ESSAY.judge("No.").message
    assert "Too long" in ESSAY.judge("word " * 30).message
    assert ESSAY.rubric_points == 3.0 and not ESSAY.auto_graded


def test_to_plain_never_raises_and_never_calls_a_lying_eq():
    from alliancekit.questions.plain import to_plain

    class Weird:
        def __repr__(self):
            raise RuntimeError("no repr for you")
    assert to_plain(Weird())["kind"] == "other"

    class LyingText(str):
        def __eq__(self, other):
            return True
        __hash__ = str.__hash__
    assert KIND.judge(LyingText("fact")).status == "incorrect"
