"""Lesson 05 (leverage and sanctions): the models' arithmetic, the figures, the explorers in the kernel, the questions."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from alliancekit import charts, data, explorers, models, palette
from alliancekit.models import SelectionError
from alliancekit.models import sanctions as sanctions_model

from .conftest import figure_data

STEM = "05_leverage_and_sanctions"


@pytest.fixture(scope="module")
def unsc():
    return data.with_source_labels(data.load("unsc_resolutions"))


@pytest.fixture(scope="module")
def votes():
    return data.with_source_labels(data.load("un_votes"))


@pytest.fixture(scope="module")
def tallies():
    return data.load("ga_resolutions")


@pytest.fixture(scope="module")
def capabilities():
    return data.load("capabilities")


def _toy_votes(rows):
    """A hand-made roll-call table: rows of (resolution, iso3, vote)."""
    return pd.DataFrame([{"resolution": r, "date": pd.Timestamp("2022-01-01") + pd.Timedelta(days=i), "country": c,
                          "iso3": c, "vote": v, "source_id": "toy"} for i, (r, c, v) in enumerate(rows)])


# --- Security Council ------------------------------------------------------------------------------


def test_unsc_resolutions_are_counted_once_however_many_sources(unsc):
    one = models.unsc_by_resolution(unsc)
    assert len(one) == unsc["resolution"].nunique() == 13
    assert one["resolution"].is_unique
    assert len(unsc) > len(one)  # the table really has several sources for some votes
    assert one.loc[one["resolution"] == "S/RES/2321 (2016)", "n_sources"].item() == 2
    assert "; " in one.loc[one["resolution"] == "S/RES/2321 (2016)", "source_labels"].item()


def test_every_sanctions_resolution_2006_2017_was_unanimous(unsc):
    one = models.unsc_by_resolution(unsc)
    adopted = one[one["adopted"] == "yes"]
    assert len(adopted) == 11
    assert (adopted["votes_for"] == 15).all() and (adopted["votes_against"] == 0).all()
    assert adopted["date"].dt.year.between(2006, 2017).all()


def test_a_tally_one_source_omits_is_taken_from_the_source_that_gives_it(unsc):
    one = models.unsc_by_resolution(unsc).set_index("resolution")
    panel = one.loc["vetoed draft 2024-03-28 (United States)"]
    assert (panel["votes_for"], panel["votes_against"], panel["abstentions"]) == (13, 1, 1)
    assert panel["vetoed_by"] == "RUS" and not panel["sources_disagree"]


def test_sources_that_disagree_leave_the_tally_empty_and_say_so():
    rows = pd.DataFrame({"resolution": ["X", "X"], "date": pd.to_datetime(["2020-01-01"] * 2), "subject": ["s", "s"],
                         "adopted": ["yes", "yes"], "votes_for": [15, 14], "votes_against": [0, 0],
                         "abstentions": [0, 1], "vetoed_by": [pd.NA, pd.NA], "source_id": ["a", "b"]})
    one = models.unsc_by_resolution(rows).iloc[0]
    assert pd.isna(one["votes_for"]) and pd.isna(one["abstentions"]) and one["votes_against"] == 0
    assert one["sources_disagree"]


def test_vetoes_count_each_draft_once(unsc):
    vetoes = models.vetoes_by_member(unsc)
    assert vetoes.to_dict() == {"RUS": 2, "CHN": 1}


# --- General Assembly ------------------------------------------------------------------------------


def test_complete_rollcalls_are_those_matching_an_official_tally(votes, tallies):
    complete = models.complete_rollcalls(votes, tallies)
    assert "A/RES/ES-11/1" in complete and "A/RES/68/262" in complete
    counts = models.rollcall_counts(votes)
    for resolution in complete:
        assert counts.loc[resolution].sum() == votes[votes["resolution"].astype(str) == resolution]["iso3"].nunique()


def test_a_partial_rollcall_is_left_out(votes, tallies):
    es1 = votes[votes["resolution"].astype(str) == "A/RES/ES-11/1"]
    partial = es1[es1["iso3"] != "USA"]  # one state still missing
    assert models.complete_rollcalls(partial, tallies) == []
    # one state listed twice in place of another that voted the same way: the counts still match the tally
    usa_vote = es1.loc[es1["iso3"] == "USA", "vote"].item()
    twin = es1[(es1["vote"] == usa_vote) & (es1["iso3"] != "USA")].iloc[[0]]
    doubled = pd.concat([partial, twin])
    assert models.rollcall_counts(doubled).loc["A/RES/ES-11/1"].tolist() == [141, 5, 35, 12]
    assert models.complete_rollcalls(doubled, tallies) == []
    assert models.complete_rollcalls(votes.iloc[0:0], tallies) == []


def test_es11_1_counts_equal_the_official_tally(votes):
    counts = models.vote_counts(votes, "A/RES/ES-11/1")
    assert list(counts.index) == ["yes", "no", "abstain", "absent"]
    assert counts.tolist() == [141, 5, 35, 12]


def test_the_five_states_against_es11_1(votes):
    against = models.votes_on(votes, "A/RES/ES-11/1", "no")
    assert sorted(against["iso3"]) == ["BLR", "ERI", "PRK", "RUS", "SYR"]
    assert models.votes_on(votes, "A/RES/ES-11/1", "absent")["vote"].eq("absent").all()


@pytest.mark.parametrize("call,says", [
    (lambda v: models.vote_counts(v, "A/RES/99/999"), "no roll-call"),
    (lambda v: models.votes_on(v, "A/RES/ES-11/1", "maybe"), "not a vote"),
    (lambda v: models.agreement(v, "PRK", "PRK"), "two different states"),
    (lambda v: models.agreement(v, "PRK", "XXX"), "no state with code"),
    (lambda v: models.agreement(v, "PRK", "CHN", ["A/RES/ES-11/9"]), "None of the chosen"),
])
def test_impossible_vote_selections_raise_a_plain_selection_error(votes, call, says):
    with pytest.raises(SelectionError, match=says):
        call(votes)


def test_agreement_is_the_share_of_shared_votes_cast_alike():
    toy = _toy_votes([("R1", "AAA", "yes"), ("R1", "BBB", "yes"),
                      ("R2", "AAA", "no"), ("R2", "BBB", "abstain"),
                      ("R3", "AAA", "yes"), ("R3", "BBB", "absent"),
                      ("R4", "AAA", "abstain"), ("R4", "BBB", "abstain")])
    result = models.agreement(toy, "AAA", "BBB")
    assert (result.same, result.shared, result.left_out_absent) == (2, 3, 1)
    assert math.isclose(result.share, 2 / 3)
    assert models.agreement(toy, "AAA", "BBB", ["R1", "R2"]).share == 0.5


def test_agreement_with_no_shared_vote_is_a_plain_message():
    toy = _toy_votes([("R1", "AAA", "yes"), ("R1", "BBB", "absent"), ("R2", "AAA", "absent"), ("R2", "BBB", "no")])
    with pytest.raises(SelectionError, match="never both voted"):
        models.agreement(toy, "AAA", "BBB")


def test_a_state_missing_from_a_rollcall_counts_as_not_voting():
    toy = _toy_votes([("R1", "AAA", "yes"), ("R1", "BBB", "yes"), ("R2", "AAA", "no")])
    result = models.agreement(toy, "AAA", "BBB")
    assert (result.same, result.shared, result.left_out_absent) == (1, 1, 1)


def test_russia_and_north_korea_agree_on_every_complete_rollcall(votes, tallies):
    complete = models.complete_rollcalls(votes, tallies)
    result = models.agreement(votes, "RUS", "PRK", complete)
    assert result.same == result.shared == len(complete) and result.share == 1.0


# --- Capabilities ----------------------------------------------------------------------------------


def test_russia_and_the_ussr_are_one_cinc_series(capabilities):
    series = models.cinc_series(capabilities, "365")
    assert {1950, 1990, 1991, 2022} <= set(series.index)
    assert series.index.is_monotonic_increasing


def test_cinc_ratio_ussr_to_north_korea_in_1961(capabilities):
    ratio = models.capability_ratio(capabilities, "365", "731").set_index("year")
    assert ratio.loc[1961, "ratio"] == pytest.approx(0.173759 / 0.005325, rel=1e-4)
    assert ratio.index.min() == 1948 and ratio.index.max() == 2022


def test_north_korea_cinc_peaks_in_2018_in_nmc_7(capabilities):
    assert models.peak_year(models.cinc_series(capabilities, "731", "7.0")) == 2018
    assert models.peak_year(models.cinc_series(capabilities, "731", "6.0")) == 2016


def test_missing_years_are_gaps_not_zeros(capabilities):
    ratio = models.capability_ratio(capabilities, "710", "731", "7.0", 1940, 1960).set_index("year")
    assert len(ratio) == 21
    assert ratio.loc[1940:1947, "ratio"].isna().all()  # North Korea not yet in the data
    assert (ratio["ratio"].dropna() > 0).all()


@pytest.mark.parametrize("args,says", [
    (("731", "731"), "two different states"),
    (("365", "731", "7.0", 1990, 1980), "after the last year"),
    (("365", "731", "7.0", 1900, 1910), "no year with both"),
    (("365", "999"), "has no CINC"),
])
def test_impossible_capability_selections_raise_a_plain_selection_error(capabilities, args, says):
    with pytest.raises(SelectionError, match=says):
        models.capability_ratio(capabilities, *args)


def test_peak_of_nothing_is_a_plain_message():
    with pytest.raises(SelectionError, match="no value"):
        models.peak_year(pd.Series([float("nan")], index=[2000]))


# --- Figures ---------------------------------------------------------------------------------------


def _assert_cited_figure(fig):
    assert fig.layout.title.text
    # every axis that shows tick labels has a title (a shared x axis shows them once, at the bottom)
    layout = fig.to_dict()["layout"]
    axes = [name for name in layout if name.startswith(("xaxis", "yaxis"))]
    for name in axes:
        if layout[name].get("showticklabels", True):
            assert "text" in layout[name].get("title", {}), f"{name} has no title"
    assert any(layout[n].get("title", {}).get("text") for n in axes if n.startswith("xaxis"))
    assert any(layout[n].get("title", {}).get("text") for n in axes if n.startswith("yaxis"))
    assert any("Source:" in (a.text or "") for a in fig.layout.annotations)
    hovers = [h for t in fig.data for h in (t.hovertext or [])]
    assert hovers and all("Source" in h for h in hovers if "no value" not in h and "no ratio" not in h)
    colours = {t.marker.color for t in fig.data if isinstance(t.marker.color, str)}
    assert colours and colours <= set(palette.OKABE_ITO)


def test_rollcall_figure_has_nine_traces_and_a_state_per_point(votes):
    rollcall = models.votes_on(votes, "A/RES/ES-11/1")
    fig = charts.rollcall_figure(rollcall, "A/RES/ES-11/1", "t", "PRK")
    _assert_cited_figure(fig)
    assert len(fig.data) == 9
    assert [t.y[0] for t in fig.data[:4]] == [141, 5, 35, 12]
    assert sum(len(t.x) for t in fig.data[4:8]) == 193
    assert list(fig.data[8].text) == ["PRK"]
    assert "voted no" in charts.rollcall_summary(rollcall, "A/RES/ES-11/1", "PRK")


def test_alignment_counts_only_votes_both_cast_and_orders_the_most_aligned_first(votes, tallies):
    complete = models.complete_rollcalls(votes, tallies)
    table = models.alignment(votes, "RUS", ["CHN", "PRK", "IRN", "USA"], complete).set_index("iso3")
    assert list(table.index) == ["PRK", "IRN", "CHN", "USA"]  # 5/5, 1/3, 1/5, 0/5
    assert (table.loc["PRK", "same"], table.loc["PRK", "shared"]) == (5, 5)
    assert (table.loc["CHN", "same"], table.loc["CHN", "shared"]) == (1, 5)  # China voted no only on ES-11/3
    assert (table.loc["IRN", "shared"], table.loc["IRN", "left_out_absent"]) == (3, 2)  # absent is not disagreement
    assert table.loc["USA", "share"] == 0


def test_alignment_and_vote_grid_refuse_impossible_picks_plainly(votes, tallies):
    complete = models.complete_rollcalls(votes, tallies)
    with pytest.raises(SelectionError, match="besides the one they are compared with"):
        models.alignment(votes, "RUS", ["RUS"], complete)
    with pytest.raises(SelectionError, match="no state with code 'XXX'"):
        models.vote_grid(votes, ["RUS", "XXX"], complete)
    with pytest.raises(SelectionError, match="no complete General Assembly roll-call"):
        models.vote_grid(votes, ["RUS"], [])
    toy = _toy_votes([("R1", "AAA", "yes"), ("R1", "BBB", "absent")])
    never = models.alignment(toy, "AAA", ["BBB"], ["R1"])
    assert never["shared"].item() == 0 and math.isnan(never["share"].item())  # never voted together: no share


def test_a_state_missing_from_a_roll_call_shows_as_absent_without_a_source():
    toy = _toy_votes([("R1", "AAA", "yes"), ("R1", "BBB", "no"), ("R2", "AAA", "no")])
    grid = models.vote_grid(toy, ["AAA", "BBB"], ["R1", "R2"]).set_index(["iso3", "resolution"])
    assert grid.loc[("BBB", "R2"), "vote"] == "absent" and grid.loc[("BBB", "R2"), "source"] == ""


def test_alignment_figure_labels_each_row_with_its_count_and_cites_every_vote(votes, tallies):
    complete = models.complete_rollcalls(votes, tallies)
    table = models.alignment(votes, "RUS", ["CHN", "PRK"], complete)
    grid = models.vote_grid(votes, ["RUS", "CHN", "PRK"], complete)
    fig = charts.alignment_figure(grid, table, "RUS", "Russia", "t")
    _assert_cited_figure(fig)
    assert len(fig.data) == 4  # one trace per vote, whatever is chosen, so the explorer redraws in place
    assert sum(len(t.x) for t in fig.data) == 3 * len(complete)
    rows = list(fig.layout.yaxis.categoryarray)
    assert rows[-1] == "Russia (compared with)"  # the reference on top, then the most aligned
    assert rows[:-1][::-1] == ["North Korea: 5 of 5 as Russia", "China: 1 of 5 as Russia"]
    text = charts.alignment_summary(table, "Russia", len(complete))
    assert "North Korea 5 of 5" in text and "China 1 of 5" in text and "People" not in text


def test_capability_figure_has_gaps_units_and_source(capabilities):
    ratio = models.capability_ratio(capabilities, "710", "731", "7.0", 1940, 2022)
    fig = charts.capability_figure(ratio, "China", "North Korea", "7.0", "Correlates of War Project")
    _assert_cited_figure(fig)
    assert "CINC" in fig.layout.yaxis.title.text and "times" in fig.layout.yaxis2.title.text
    assert fig.data[2].y[0] is None and all(not t.connectgaps for t in fig.data)
    assert fig.layout.yaxis.type == "log"
    assert "left as gaps" in charts.capability_summary(ratio, "China", "North Korea")


# --- Explorers in the kernel -----------------------------------------------------------------------



def test_un_vote_explorer_redraws_when_the_resolution_changes():
    ex = explorers.un_vote_explorer()
    before = figure_data(ex)
    other = [v for _, v in ex.controls[0].options if v != ex.controls[0].value][0]
    ex.controls[0].value = other
    assert figure_data(ex) != before
    assert other in ex.summary.value and ex.message.value == ""
    strip = figure_data(ex)[:8]
    ex.controls[1].value = "USA"
    assert list(ex.figure.data[8].text) == ["USA"]
    assert figure_data(ex)[:8] == strip  # moving the star leaves the states' points alone
    assert "marked with a star" in ex.summary.value
    ex.controls[1].value = ""
    assert len(ex.figure.data[8].x) == 0 and "star" not in ex.summary.value


def test_un_vote_explorer_shows_a_message_not_a_traceback_when_drawing_fails(monkeypatch):
    ex = explorers.un_vote_explorer()
    before = figure_data(ex)

    def broken(*args, **kwargs):
        raise SelectionError("no such roll-call today")

    monkeypatch.setattr(sanctions_model, "votes_on", broken)
    ex.controls[1].value = "USA"
    assert "Cannot show that" in ex.message.value and "no such roll-call today" in ex.message.value
    assert figure_data(ex) == before


def test_agreement_explorer_answers_who_votes_with_russia_and_redraws():
    ex = explorers.agreement_explorer()
    assert "North Korea 5 of 5" in ex.summary.value and "China 1 of 5" in ex.summary.value
    before = figure_data(ex)
    ex.controls[0].value = "CHN"  # compare with China instead
    assert figure_data(ex) != before and ex.message.value == ""
    assert "voted as China did" in ex.summary.value and "Russia 1 of 5" in ex.summary.value
    ex.controls[1].value = ("PRK", "KOR")
    assert [len(t.x) for t in ex.figure.data] != [0, 0, 0, 0] and len(ex.figure.layout.yaxis.categoryarray) == 3


def test_agreement_explorer_with_no_state_to_compare_says_so_and_keeps_the_figure():
    ex = explorers.agreement_explorer(states=["PRK", "CHN"])
    good = figure_data(ex)
    ex.controls[1].value = ("RUS",)  # only the state everything is compared with
    assert "besides the one they are compared with" in ex.message.value
    assert figure_data(ex) == good


def test_capability_explorer_redraws_and_gives_plain_messages():
    ex = explorers.capability_explorer()
    before = figure_data(ex)
    ex.controls[0].value = "710"  # China as patron
    assert figure_data(ex) != before and "China" in ex.summary.value
    good = figure_data(ex)
    ex.controls[1].value = "710"
    assert "two different states" in ex.message.value and figure_data(ex) == good
    ex.controls[1].value = "731"
    assert ex.message.value == ""
    ex.controls[3].value = (1900, 1910)
    assert "no year with both" in ex.message.value


def test_capability_explorer_survives_an_unexpected_failure(monkeypatch):
    ex = explorers.capability_explorer()

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sanctions_model, "capability_ratio", broken)
    ex.controls[2].value = "6.0"
    assert "something went wrong" in ex.message.value and "disk on fire" in ex.message.value


# --- Questions -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def judge():
    from alliancekit.questions import questions_for

    questions = questions_for(STEM)

    def verdict(qid, answer):
        return questions[qid].judge(answer)

    verdict.questions = questions
    return verdict


def _against(votes_table):
    chosen = votes_table[(votes_table["resolution"] == "A/RES/ES-11/1") & (votes_table["vote"] == "no")]
    return chosen[["country", "iso3"]]


def test_the_lesson_and_exercise_have_their_questions(judge):
    assert sorted(judge.questions) == ["q1", "q10", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "u1", "u2", "u3"]
    for question in judge.questions.values():
        assert 1 <= len(question.hints) <= 3 and question.solution


@pytest.mark.parametrize("qid,right,wrong,says", [
    ("u1", 5, 35, "too high"),
    ("q1", 5, 141, "too high"),
    ("u2", "Russia", "China", "China abstained"),
    ("q3", " russia ", "United States", "tabled the draft"),
    ("u3", 19.7, 1 / 19.7, "too low"),
    ("q5", 32.6, 30.0, "too low"),
    ("q5", 32.63, 3263, "factor of 100"),
    ("q6", 2018, 2016, "too low"),
    ("q7", "fell", "rose", "goes down"),
    # one convention: the op-ed's sentence reporting Wit's words is a claim of fact, not Wit's opinion
    ("q4", ["fact", "fact", "fact", "fact", "forecast"], ["fact", "fact", "fact", "opinion", "forecast"], "item(s) 4"),
    ("q4", {1: "fact", 2: "fact", 3: "fact", 4: "fact", 5: "forecast"}, ["fact", "opinion"], "Expected 5 labels"),
])
def test_reference_answers_pass_and_plausible_wrong_ones_fail_with_a_reason(judge, qid, right, wrong, says):
    assert judge(qid, right).status == "correct", judge(qid, right).message
    bad = judge(qid, wrong)
    assert bad.status == "incorrect" and says in bad.message, bad.message


def test_the_table_of_states_against_es11_1(judge, votes):
    right = _against(votes).reset_index(drop=True)
    assert judge("q2", right).status == "correct"
    assert judge("q2", right.iloc[::-1].reset_index(drop=True)[["iso3", "country"]]).status == "correct"
    missing = judge("q2", right[right["iso3"] != "SYR"].reset_index(drop=True))
    assert missing.status == "incorrect" and "Missing rows" in missing.message and "syr" in missing.message.lower()
    abstainers = votes[(votes["resolution"] == "A/RES/ES-11/1") & (votes["vote"] == "abstain")][["country", "iso3"]]
    assert judge("q2", abstainers.reset_index(drop=True)).status == "incorrect"
    assert judge("q2", _against(votes)).status == "correct"  # a filtered table's old row numbers do not matter


def test_unanswered_questions_are_not_attempted(judge):
    for qid in judge.questions:
        assert judge(qid, ...).status == "not_attempted"


def test_the_written_answer_is_recorded_with_its_rubric_and_length_is_checked(judge):
    answer = " ".join(["leverage"] * 100)
    recorded = judge("q8", answer)
    assert recorded.status == "submitted" and "rubric" in recorded.message
    assert judge("q8", "No leverage.").status == "incorrect" and "Too short" in judge("q8", "No leverage.").message
    assert sum(points for _, points in judge.questions["q8"].rubric) == 5
    model_words = len(judge.questions["q8"].solution.split())
    assert 80 <= model_words <= 200
