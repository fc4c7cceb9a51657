"""Assessment that weighs reasoning: points by kind, partial credit, the reasoning kinds, defensible readings."""

from __future__ import annotations

import pytest

from alliancekit import reading
from alliancekit.grading.judge import judge
from alliancekit.questions import questions_for
from alliancekit.questions.digests import DigestQuestion, record
from alliancekit.questions.kinds import (ArgumentMapQuestion, ClassificationQuestion, MatchingQuestion,
                                        OrderingQuestion, SourceJudgementQuestion, WrittenQuestion, accepted_labels)
from alliancekit.questions.plain import to_plain

LESSON_EXERCISES = ("01_summit_and_argument", "02_artillery_arithmetic", "03_lips_and_teeth", "04_china_fuzzy_role",
                    "05_leverage_and_sanctions", "06_arsenal_in_hindsight")
ARITHMETIC = {"number", "table"}
REASONING = (ClassificationQuestion, OrderingQuestion, SourceJudgementQuestion)  # matching and maps are labellings


def exercise(stem):
    return {qid: q for qid, q in questions_for(stem).items() if qid.startswith("q")}


def points(q) -> float:
    return q.points if q.auto_graded else q.rubric_points


def points_by_kind(stem) -> dict[str, float]:
    out: dict[str, float] = {}
    for q in exercise(stem).values():
        out[q.kind] = out.get(q.kind, 0.0) + points(q)
    return out


def kit_reading(q, params=None):
    """The kit's own answer to a reasoning question, as a student would type it."""
    expected = q.expected_value(params)
    if isinstance(q, ClassificationQuestion):
        return [accepted_labels(e)[0] for e in expected]
    if isinstance(q, OrderingQuestion):
        return list(expected)
    if isinstance(q, SourceJudgementQuestion):
        return {"source": expected[0], "reason": accepted_labels(expected[1])[0]}
    return expected


def every_reasoning_question():
    for stem in LESSON_EXERCISES + ("07_capstone",):
        for qid, q in exercise(stem).items():
            if isinstance(q, REASONING):
                for params in ([dict(v) for v in q.variants] or [None]):
                    yield pytest.param(q, params, id=f"{stem[:2]}-{qid}-{params}")


# --- the weight of reasoning --------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", LESSON_EXERCISES)
def test_numbers_and_tables_carry_at_most_40_percent_of_an_exercise(stem):
    by_kind = points_by_kind(stem)
    arithmetic = sum(v for k, v in by_kind.items() if k in ARITHMETIC)
    assert arithmetic / sum(by_kind.values()) <= 0.40, by_kind


@pytest.mark.parametrize("stem", LESSON_EXERCISES)
def test_automatic_reasoning_outweighs_automatic_arithmetic(stem):
    by_kind = points_by_kind(stem)
    reasoning = sum(v for k, v in by_kind.items() if k not in ARITHMETIC | {"written"})
    assert reasoning > sum(v for k, v in by_kind.items() if k in ARITHMETIC), by_kind


@pytest.mark.parametrize("stem", LESSON_EXERCISES)
def test_every_exercise_has_a_variant_that_changes_the_reasoning_not_a_count(stem):
    varied = [q for q in exercise(stem).values() if q.variants and q.kind not in ARITHMETIC]
    assert varied, f"{stem}: every per-student variant is a number or a table"
    for q in varied:
        answers = {repr(q.expected_value(dict(v))) for v in q.variants}
        assert len(answers) > 1 or q.kind == "source_judgement", f"{stem} {q.qid}: every variant has the same answer"


THEORY = {
    "01_summit_and_argument": ("Walt", "balance of threat"),
    "02_artillery_arithmetic": ("Walt",),
    "03_lips_and_teeth": ("patron leverage", "client leverage", "entrapment", "abandonment"),
    "04_china_fuzzy_role": ("Hirschman", "leverage"),
    "05_leverage_and_sanctions": ("Fearon", "leverage"),
    "06_arsenal_in_hindsight": ("Snyder", "abandonment", "entrapment"),
}


@pytest.mark.parametrize("stem", LESSON_EXERCISES)
def test_each_lessons_theory_is_assessed_by_an_automatic_question(stem):
    prompts = " ".join(q.prompt for q in exercise(stem).values() if q.auto_graded and q.kind not in ARITHMETIC)
    for concept in THEORY[stem]:
        assert concept.lower() in prompts.lower(), f"{stem}: no automatic question asks about {concept}"


def test_exercise_01_no_longer_asks_about_data_no_lesson_introduces():
    text = " ".join(q.prompt + " ".join(q.hints) + q.solution for q in exercise("01_summit_and_argument").values())
    assert "dispute" not in text.lower() and "MID" not in text


# --- partial credit -----------------------------------------------------------------------------------------

def test_a_classification_with_one_label_wrong_earns_its_share_and_names_the_item():
    q = exercise("02_artillery_arithmetic")["q6"]
    answer = kit_reading(q)
    answer[0] = "fact"  # the student reads the 14,000 as a counted fact
    verdict = q.judge(answer)
    assert verdict.status == "incorrect" and verdict.score == pytest.approx(4 / 5)
    assert "Item 1: not 'fact'" in verdict.message and "4 of 5" in verdict.message


def test_the_grader_awards_points_times_the_share_and_nothing_for_a_failed_hidden_check():
    questions = {"q6": exercise("02_artillery_arithmetic")["q6"]}
    answer = kit_reading(questions["q6"])
    answer[0] = "fact"
    [result] = judge(questions, {"q6": 5.0}, {"q6": to_plain(answer)}, [])
    assert result.points == pytest.approx(4.0) and result.max_points == 5.0
    [result] = judge(questions, {}, {"q6": to_plain(kit_reading(questions["q6"]))}, [])
    assert result.points == result.max_points == 2.0
    [result] = judge(questions, {}, {"q6": to_plain(["fact"] * 5)}, [])
    assert result.points == pytest.approx(2.0 / 5)  # one of five sentences right


def test_a_defensible_alternative_label_earns_the_point_and_is_explained():
    q = exercise("02_artillery_arithmetic")["q6"]
    answer = kit_reading(q)
    answer[3] = "opinion"  # 'arsenal of autocracy' read as a judgement
    verdict = q.judge(answer)
    assert verdict.correct and "Item 4: 'opinion' accepted" in verdict.message


def test_labelling_the_quoted_words_instead_of_the_ops_eds_sentence_costs_those_items_and_says_why():
    q = exercise("05_leverage_and_sanctions")["q4"]
    verdict = q.judge(["fact", "fact", "opinion", "opinion", "forecast"])
    assert verdict.score == pytest.approx(3 / 5)
    assert "convention labels the op-ed's sentence" in verdict.message


@pytest.mark.parametrize("stem,qid,item", [("03_lips_and_teeth", "q5", 6), ("04_china_fuzzy_role", "q4", 1),
                                           ("05_leverage_and_sanctions", "q4", 4)])
def test_one_convention_everywhere_a_reported_quotation_is_a_claim_of_fact(stem, qid, item):
    q = exercise(stem)[qid]
    assert accepted_labels(q.expected_value()[item - 1]) == ("fact",)


# --- the reasoning kinds against right, partly right and wrong answers ---------------------------------------

def test_argument_map_right_partly_right_and_wrong():
    q = exercise("01_summit_and_argument")["q8"]
    assert isinstance(q, ArgumentMapQuestion)
    assert q.judge(["claim", "evidence", "evidence", "premise", "evidence"]).correct
    assert q.judge(["claim", "premise", "evidence", "premise", "evidence"]).correct  # the other defensible reading
    # a student who takes the general rule for evidence, because it sounds like a fact
    partly = q.judge(["claim", "evidence", "evidence", "evidence", "evidence"])
    assert partly.score == pytest.approx(4 / 5) and "Item 4: not 'evidence'" in partly.message
    # a student who calls every sentence a claim, because the op-ed claims them all
    assert q.judge(["claim"] * 5).score == pytest.approx(1 / 5)
    assert "not one of the labels" in q.judge(["claim", "reason", "evidence", "premise", "evidence"]).message


def test_matching_evidence_to_a_claim_right_partly_right_and_wrong():
    q = exercise("01_summit_and_argument")["q10"]
    assert isinstance(q, MatchingQuestion)
    troops = {"claim_id": "troop_claims_absurd"}
    right = kit_reading(q, troops)
    assert q.judge(right, troops).correct
    by_id = dict(zip(q.item_ids, right))
    assert q.judge(by_id, troops).correct  # a dictionary keyed by event id
    # a student who reads every later event as proof the op-ed was wrong
    partly = q.judge(["neither", "contradicts", "contradicts", "contradicts", "contradicts", "contradicts"], troops)
    assert 0 < partly.score < 1 and "white_house_1000_containers" in partly.message
    # the same answer for another student's claim is not right: the variant changes the reasoning
    other = {"claim_id": "russia_gives_what_sanctions_block"}
    assert not q.judge(right, other).correct


def test_ordering_a_causal_chain_right_one_swap_and_reversed():
    q = exercise("02_artillery_arithmetic")["q10"]
    chain = ["war", "shortfall", "search", "supply", "payment", "treaty"]
    assert q.judge(chain).correct
    # the student who thinks North Korea offered shells before Russia went looking
    swap = q.judge(["war", "shortfall", "supply", "search", "payment", "treaty"])
    assert swap.score == pytest.approx(14 / 15) and "'search' belongs before 'supply'" in swap.message
    assert q.judge(list(reversed(chain))).score == 0.0
    assert "missing" in q.judge(chain[:5]).message
    assert "more than once" in q.judge(chain[:5] + ["war"]).message


def test_source_judgement_right_half_right_and_wrong():
    q = exercise("02_artillery_arithmetic")["q9"]
    mrl = {"figure": "mrl"}
    assert q.judge({"source": "South Korea's Defense White Paper",
                    "reason": "its figure is confirmed by an independent source"}, mrl).correct
    # right source, but for a reason that would make Global Firepower 2024 the better one
    half = q.judge({"source": "South Korea's Defense White Paper", "reason": "it is the more recent figure"}, mrl)
    assert half.score == 0.5 and "Recency" in half.message
    # the newest, lowest figure chosen as 'more cautious'
    wrong = q.judge(("Global Firepower", "it is the more cautious (lower) figure"), mrl)
    assert wrong.score == 0.0 and "discloses no method" in wrong.message
    assert 'keys "source" and "reason"' in q.judge({"source": "Global Firepower"}, mrl).message


@pytest.mark.parametrize("q,params", list(every_reasoning_question()))
def test_every_reasoning_question_passes_its_reference_and_fails_a_plausible_wrong_answer(q, params):
    assert q.judge(kit_reading(q, params), params).correct
    wrong = kit_reading(q, params)
    if isinstance(q, ClassificationQuestion):
        wrong[0] = next(l for l in q.labels if l not in accepted_labels(q.expected_value(params)[0]))
    elif isinstance(q, OrderingQuestion):
        wrong = wrong[1:] + wrong[:1]
    else:
        wrong["source"] = next(s for s in q.sources if s != q.expected_value(params)[0])
    verdict = q.judge(wrong, params)
    assert verdict.status == "incorrect" and 0 < verdict.score < 1


@pytest.mark.parametrize("q,params", list(every_reasoning_question()))
def test_the_student_editions_digests_give_the_same_credit_and_feedback(q, params):
    student = DigestQuestion(record(q))
    right = kit_reading(q, params)
    assert student.judge(right, params).correct
    if isinstance(q, ClassificationQuestion):
        others = [[q.labels[0]] * len(q.items), [q.labels[-1]] * len(q.items)]
    elif isinstance(q, OrderingQuestion):
        others = [list(reversed(right)), right[1:] + right[:1]]
    else:
        others = [{"source": s, "reason": r} for s in q.sources for r in q.reasons]
    for answer in others:
        mine, theirs = q.judge(answer, params), student.judge(answer, params)
        assert (mine.score, mine.message) == (theirs.score, theirs.message)


def test_written_answers_still_carry_their_rubric_points():
    for stem in LESSON_EXERCISES:
        written = [q for q in exercise(stem).values() if isinstance(q, WrittenQuestion)]
        assert written and all(q.rubric_points >= 4 for q in written), stem


# --- what a question needs is on screen ---------------------------------------------------------------------

def test_rows_are_shown_whole_with_their_ids_in_the_order_asked():
    shown = reading.rows("claims", ["joel_wit_quote", "inevitable_arms_deal"], columns=["claim", "note"])
    text, html = repr(shown), shown._repr_html_()
    assert text.index("joel_wit_quote") < text.index("inevitable_arms_deal")
    note = reading.rows("claims", ["joel_wit_quote"]).frame.loc[0, "note"]
    assert len(note) > 100 and note in text and "..." not in text.split("joel_wit_quote")[1][:400]
    assert "claim_id" in html and "<table" in html


def test_an_unknown_id_or_column_is_a_clear_error():
    with pytest.raises(KeyError, match="No row with event_id 'vostochny'"):
        reading.rows("events", ["vostochny"])
    with pytest.raises(KeyError, match="No column"):
        reading.rows("events", ["vostochny_summit"], columns=["when"])


# --- the on-ramp and stated prerequisites -------------------------------------------------------------------

def test_the_on_ramp_has_a_check_for_each_step_it_practises():
    import json

    from .conftest import REPO

    questions = questions_for("00b_reading_tables")
    assert list(questions) == ["u1", "u2", "u3", "u4", "u5", "u6", "u7"]
    notebook = json.loads((REPO / "notebooks" / "00b_reading_tables.ipynb").read_text(encoding="utf-8"))
    checked = {c["metadata"].get("alliancekit", {}).get("check") for c in notebook["cells"]}
    assert set(questions) <= checked
    text = " ".join(c["source"] for c in notebook["cells"])
    for step in range(1, 11):
        assert f"## Step {step}." in text
    assert "label the op-ed's own sentence" in text.lower()


@pytest.mark.parametrize("stem", LESSON_EXERCISES)
def test_every_exercise_says_what_it_assumes_and_how_long_it_takes(stem):
    import json

    from .conftest import REPO

    notebook = json.loads((REPO / "exercises" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    header = notebook["cells"][0]["source"]
    assert "00b_reading_tables" in header and "steps" in header and "**Time:**" in header
    assert "label **the op-ed's own sentence**" in header
