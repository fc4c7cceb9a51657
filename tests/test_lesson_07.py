"""Lesson 07, the capstone: the worksheet's evidence helpers on the chosen claims, and the capstone's questions."""

from __future__ import annotations

import re

import pytest

from alliancekit import data, explorers, models
from alliancekit.questions import questions_for
from alliancekit.questions.q07_capstone import ASSESSMENT_RUBRIC, Q2_CLAIMS

QUESTIONS = questions_for("07_capstone")
EXAMPLE_CLAIMS = ["inevitable_arms_deal", "troop_claims_absurd", "sino_soviet_split_aid_extraction"]


@pytest.fixture(scope="module")
def claims():
    return data.load("claims")


@pytest.fixture(scope="module")
def sources():
    return data.load("sources")


def test_the_worksheet_example_finds_evidence_in_at_least_two_tables_per_claim(claims, sources):
    tables = {name: data.load(name) for name in
              ("events", "shells", "treaties", "alliance_obligations", "aid_to_dprk", "artillery", "unsc_resolutions")}
    evidence = models.evidence_for(EXAMPLE_CLAIMS, claims, sources)
    assert list(dict.fromkeys(evidence["claim_id"])) == EXAMPLE_CLAIMS
    assert not evidence["is_oped"].any() and evidence["title"].notna().all()
    elsewhere = models.rows_citing(evidence["source_id"], tables)
    assert {"events"} <= set(elsewhere["table"])
    # each cited source resolves to a full reference
    for source_id in evidence["source_id"]:
        assert str(data.cite(source_id))


def test_an_oped_only_claim_shows_it_has_no_independent_evidence(claims, sources):
    evidence = models.evidence_for(["payback_for_soviet_aid"], claims, sources)
    assert list(evidence["is_oped"]) == [True]


def test_the_claims_explorer_preset_for_the_worksheet_lists_the_partly_supported_claims():
    ex = explorers.claims_explorer(verdict="partly_supported")
    assert sum(sum(t.y) for t in ex.figure.data) == 10
    assert "chinese_military_delegation_with_shoigu" in ex.listing.value
    assert "What the evidence does not show: Not military" in ex.listing.value  # the caveat is shown
    ex.controls[2].value = "p12_lips_and_teeth"
    assert "china_increased_aid_2018" in ex.listing.value and ex.message.value == ""
    assert "chinascope_2018_chosun_china_aid (partly supports)" in ex.listing.value  # each source with its role


def test_the_capstone_has_two_checked_and_three_written_questions():
    kinds = {qid: q.kind for qid, q in QUESTIONS.items()}
    assert kinds == {"u1": "number", "u2": "number", "q1": "number", "q2": "classification",
                     "q3": "written", "q4": "written", "q5": "written", "q6": "number"}


@pytest.mark.parametrize("qid,right,wrong,says", [
    ("u1", 10, 5, "too low"),  # 5: the old 'contested' count
    ("u2", 3, 4, "too high"),
    ("q1", 2, 5, "too high"),
    ("q2", ["rhetoric", "estimate", "fact", "forecast", "opinion"], ["fact", "estimate", "fact", "forecast", "opinion"],
     "Look again at item(s) 1"),
])
def test_checked_questions_pass_the_reference_and_fail_a_plausible_slip(qid, right, wrong, says):
    q = QUESTIONS[qid]
    assert q.judge(right).status == "correct"
    verdict = q.judge(wrong)
    assert verdict.status == "incorrect" and says in verdict.message, verdict.message


def test_q2_items_are_the_oped_words_of_five_claims_one_of_each_kind(claims):
    table = claims.set_index("claim_id")
    assert [table.loc[c, "quote"] for c, _ in Q2_CLAIMS] == [w for _, w in Q2_CLAIMS]
    assert sorted(table.loc[[c for c, _ in Q2_CLAIMS], "claim_type"].astype(str)) == sorted(
        ["fact", "estimate", "forecast", "opinion", "rhetoric"])


def test_assessment_is_300_to_500_words_and_its_rubric_covers_the_four_criteria():
    q5 = QUESTIONS["q5"]
    assert (q5.min_words, q5.max_words) == (300, 500)
    criteria = " ".join(c for c, _ in ASSESSMENT_RUBRIC)
    for must in ("evidence cited", "fact separated from claim", "counter-evidence", "alliance concept"):
        assert must in criteria
    assert q5.rubric_points == 10
    assert q5.judge(q5.solution).status == "submitted"
    too_short = q5.judge(" ".join(["evidence"] * 120))
    assert too_short.status == "incorrect" and "Write at least 300" in too_short.message
    too_long = q5.judge(" ".join(["evidence"] * 600))
    assert too_long.status == "incorrect" and "under 500" in too_long.message


@pytest.mark.parametrize("qid", ["q3", "q4", "q5"])
def test_model_answers_name_claim_ids_and_rows_from_the_kit(qid, claims):
    text = QUESTIONS[qid].solution
    ids = set(claims["claim_id"])
    events = set(data.load("events")["event_id"])
    named_claims = {w for w in re.findall(r"[a-z0-9_]+", text) if w in ids}
    named_events = {w for w in re.findall(r"[a-z0-9_]+", text) if w in events}
    assert named_claims and (named_events or qid == "q5")
