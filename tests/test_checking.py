"""Students' instant feedback: right answers pass in any honest form, wrong ones say what is off, nothing raises."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from alliancekit.checking import checks_for
from alliancekit.questions import questions_for
from alliancekit.questions.kinds import ChoiceQuestion, NumberQuestion

STEMS = ["01_summit_and_argument"]

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


@pytest.mark.parametrize("stem", STEMS)
def test_every_question_has_hints_a_solution_and_a_plausible_wrong_answer_fails(stem):
    for qid, q in questions_for(stem).items():
        assert q.hints and q.solution, qid
        wrong = (q.expected + 1 + q.tolerance * 2) if isinstance(q, NumberQuestion) else next(
            o for o in q.options if o != q.expected)
        right = q.expected
        assert q.judge(right).status == "correct", qid
        assert q.judge(wrong).status == "incorrect", qid


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
