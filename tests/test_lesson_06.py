"""Lesson 06, the op-ed in hindsight: the claims ledger, deliveries and treaty obligations (models, charts,
explorers in the kernel) and the lesson's and exercise's questions."""

from __future__ import annotations

import pandas as pd
import pytest

from alliancekit import charts, data, explorers, models, palette
from alliancekit.models import hindsight

# --- models: the claims ledger ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def claims():
    return data.load("claims")


@pytest.fixture(scope="module")
def sources():
    return data.load("sources")


@pytest.fixture(scope="module")
def summary():
    return hindsight.alliance_summary(data.load("alliance_obligations"))


def test_verdict_counts_is_a_fixed_six_by_five_table_that_adds_up_to_every_claim(claims):
    table = models.verdict_counts(claims)
    assert list(table.index) == list(hindsight.VERDICTS) and list(table.columns) == list(hindsight.CLAIM_TYPES)
    assert table.to_numpy().sum() == len(claims) == 45
    assert table.loc["overtaken_by_events"].sum() == 2
    assert table.loc["supported", "forecast"] == 4
    assert table.loc["no_evidence_found"].sum() == 3 and table.loc["contradicted"].sum() == 1
    # an empty selection keeps the shape, all zeros
    empty = models.verdict_counts(claims.iloc[0:0])
    assert empty.shape == (6, 5) and empty.to_numpy().sum() == 0


def test_filter_claims_combines_verdict_kind_and_excerpt(claims):
    overtaken = models.filter_claims(claims, verdict="overtaken_by_events")
    assert set(overtaken["claim_id"]) == {"troop_claims_absurd", "nk_center_stage_battlefield"}
    p02_opinions = models.filter_claims(claims, claim_type="opinion", excerpt_id="p02_arsenal_of_autocracy")
    assert list(p02_opinions["claim_id"]) == ["troop_claims_absurd"]
    assert models.filter_claims(claims, verdict="not_checkable", claim_type="fact").empty


@pytest.mark.parametrize("kwargs,says", [
    (dict(verdict="true"), "no verdict called 'true'"),
    (dict(claim_type="lie"), "no kind of claim called 'lie'"),
    (dict(excerpt_id="p99"), "no excerpt called 'p99'"),
])
def test_unknown_choices_raise_a_plain_selection_error(claims, kwargs, says):
    with pytest.raises(models.SelectionError, match=says):
        models.filter_claims(claims, **kwargs)


def test_evidence_for_lists_every_cited_source_in_claim_order_and_flags_the_oped(claims, sources):
    table = models.evidence_for(["troop_claims_absurd", "vilest_regimes", "troop_claims_absurd"], claims, sources)
    assert list(table["claim_id"]) == ["troop_claims_absurd"] * 3 + ["vilest_regimes"]
    assert list(table["source_id"][:3]) == ["kbs_2024_10_18_nis_troops", "moscowtimes_2024_10_28_rutte_kursk",
                                            "politico_2025_04_28_kcna_confirms"]
    assert list(table["is_oped"]) == [False, False, False, True]
    assert list(table["role"]) == ["contradicts"] * 3 + ["oped"]  # later events contradict the dismissal
    assert table["publisher"].notna().all() and (table["verdict"] == table["verdict"]).all()
    assert models.evidence_for("vilest_regimes", claims, sources).shape[0] == 1  # one id as plain text


@pytest.mark.parametrize("ids,says", [([], "at least one claim_id"), (["no_such_claim"], "'no_such_claim'")])
def test_evidence_for_impossible_choices_say_so(claims, sources, ids, says):
    with pytest.raises(models.SelectionError, match=says):
        models.evidence_for(ids, claims, sources)


def test_independent_sources_do_not_count_the_oped_itself():
    counts = hindsight.independent_sources(data.load("claim_sources"))
    assert counts["vilest_regimes"] == 0 and counts["troop_claims_absurd"] == 3
    assert counts["china_frustrated_no_reform"] == 1  # the op-ed plus one source of context


def test_evidence_for_reads_the_link_table_it_is_given(claims, sources):
    links = pd.DataFrame({"claim_id": ["vilest_regimes", "vilest_regimes"],
                          "source_id": ["cohen_2023_oped", "no_such_source"], "role": ["oped", "context"]})
    table = models.evidence_for("vilest_regimes", claims, sources, links)
    assert list(table["source_id"]) == ["cohen_2023_oped", "no_such_source"]
    assert pd.isna(table["title"].iloc[1])  # an unknown source keeps its row, with no reference


def test_rows_citing_finds_the_same_source_in_other_tables():
    tables = {name: data.load(name) for name in ("events", "claim_sources", "treaties")}
    found = models.rows_citing(["politico_2025_04_28_kcna_confirms"], tables)
    assert set(found["table"]) == {"events", "claim_sources"}
    assert found.loc[found["table"] == "claim_sources", "what"].tolist() == ["contradicts"]
    assert "pyongyang_confirms_troops" in set(found["row_id"])
    assert models.rows_citing("no_such_source", tables).empty


# --- models: deliveries and obligations -----------------------------------------------------------------


def test_deliveries_keep_every_report_unsummed_and_mark_the_alternative_loads():
    shells = data.load("shells")
    in_shells = models.north_korean_deliveries(shells, "shells")
    alternatives = in_shells[in_shells["kind"] == "alternative"]
    assert set(alternatives["shell_id"]) == {"prk_deliv_2023_11_jcs", "prk_deliv_2024_02_shin"}
    assert in_shells["date"].is_monotonic_increasing and len(in_shells) == 8
    without = models.north_korean_deliveries(shells, "shells", include_alternatives=False)
    assert len(without) == 6 and "alternative" not in set(without["kind"])
    containers = models.north_korean_deliveries(shells, "containers")
    assert containers["value_low"].max() == 28000 and set(containers["unit"].astype(str)) == {"containers"}
    with pytest.raises(models.SelectionError, match="containers or shells"):
        models.north_korean_deliveries(shells, "tonnes")


def test_shells_per_container_arithmetic_and_edges():
    assert models.shells_per_container(12_000_000, 28_000) == pytest.approx(428.571, abs=0.001)
    assert models.shells_per_container(0, 10) == 0
    with pytest.raises(models.SelectionError, match="above zero"):
        models.shells_per_container(1_000_000, 0)
    with pytest.raises(models.SelectionError, match="negative"):
        models.shells_per_container(-1, 10)


def test_alliance_summary_codes_the_three_treaties_as_atop_does_and_marks_the_kits_own(summary):
    patrons = models.select_alliances(summary, "north_korea_patrons").set_index("label")
    assert list(patrons.index) == ["SUN\u2013PRK 1961 (ATOP 3440)", "CHN\u2013PRK 1961 (ATOP 3445)",
                                   "RUS\u2013PRK 2000 (ATOP 4940)", "RUS\u2013PRK 2024 (kit coding)"]
    assert patrons.loc["SUN\u2013PRK 1961 (ATOP 3440)", "defense"] == 1
    row_2000 = patrons.loc["RUS\u2013PRK 2000 (ATOP 4940)"]
    assert [row_2000[o] for o in hindsight.OBLIGATIONS] == [0, 0, 0, 0, 1]  # consultation only
    row_2024 = patrons.loc["RUS\u2013PRK 2024 (kit coding)"]
    assert row_2024["coded_by"] == "alliancekit" and row_2024["defense"] == 1 and pd.isna(row_2024["offense"])


def test_count_with_obligation_counts_atop_defence_pacts_of_north_korea(summary):
    north_korea = models.select_alliances(summary, "north_korea_all")
    assert models.count_with_obligation(north_korea, "defense") == 3  # 1961 x2 and Cuba 1986
    assert models.count_with_obligation(north_korea, "defense", coded_by=None) == 4  # plus the kit's 2024 coding
    assert models.count_with_obligation(north_korea, "consultation") == 1
    with pytest.raises(models.SelectionError, match="no obligation 'friendship'"):
        models.count_with_obligation(north_korea, "friendship")


def test_alliance_groups_and_impossible_groups(summary):
    assert len(models.select_alliances(summary, "north_korea_all")) == 7
    assert all("CHN" in m for m in models.select_alliances(summary, "russia_china")["members"])
    with pytest.raises(models.SelectionError, match="no group of alliances"):
        models.select_alliances(summary, "nato")
    with pytest.raises(models.SelectionError, match="No alliance"):
        models.obligation_matrix(summary.iloc[0:0])


# --- charts ------------------------------------------------------------------------------------------------


def _assert_cited_figure(fig, hover_must_name_source=True):
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert "Source:" in fig.layout.annotations[0].text
    if hover_must_name_source:
        hovers = [h for t in fig.data for h in (t.hovertext or []) if h]
        assert hovers and all("Source" in h for h in hovers)


def test_claims_figure_is_cited_has_units_and_uses_okabe_ito_and_patterns():
    labelled = explorers.hindsight.claims_with_source_labels(data.load("claims"))
    fig = charts.claims_figure(labelled, "Claims")
    _assert_cited_figure(fig)
    assert "count" in fig.layout.yaxis.title.text
    assert len(fig.data) == 5 and sum(sum(t.y) for t in fig.data) == 45
    assert {t.marker.color for t in fig.data} <= set(palette.OKABE_ITO)
    assert len({t.marker.pattern.shape for t in fig.data}) == 5  # not colour alone
    empty = charts.claims_figure(labelled.iloc[0:0], "Claims")
    assert len(empty.data) == 5 and sum(sum(t.y) for t in empty.data) == 0


def test_deliveries_figure_has_three_traces_units_and_sourced_hover():
    shells = data.with_source_labels(data.load("shells"))
    rows = models.north_korean_deliveries(shells, "shells")
    fig = charts.deliveries_figure(rows, "shells", "Deliveries")
    _assert_cited_figure(fig)
    assert "shells" in fig.layout.yaxis.title.text
    assert len(fig.data) == 3
    assert fig.data[2].line.dash == "dash" and len([y for y in fig.data[2].y if y is not None]) == 4
    assert {fig.data[0].marker.color, fig.data[1].line.color, fig.data[2].line.color} <= set(palette.OKABE_ITO)
    fig_c = charts.deliveries_figure(models.north_korean_deliveries(shells, "containers"), "containers", "D")
    assert "containers" in fig_c.layout.yaxis.title.text


def test_summaries_are_plain_sentences():
    claims_l = explorers.hindsight.claims_with_source_labels(data.load("claims"))
    assert "45" in charts.claims_summary(claims_l, "all", "all", "all")
    assert "none of" in charts.claims_summary(claims_l.iloc[0:0], "supported", "rhetoric", "all")
    shells = data.with_source_labels(data.load("shells"))
    text = charts.deliveries_summary(models.north_korean_deliveries(shells, "containers"), "containers")
    assert "28,000" in text and text.endswith(".")


# --- explorers in the kernel ---------------------------------------------------------------------------


def _values(explorer):
    return [list(t.y) if t.y is not None else [] for t in explorer.figure.data]


def test_claims_explorer_redraws_and_lists_the_chosen_claims():
    ex = explorers.claims_explorer()
    before = _values(ex)
    ex.controls[0].value = "overtaken_by_events"
    after = _values(ex)
    assert after != before and sum(sum(y) for y in after) == 2
    assert "troop_claims_absurd" in ex.listing.value and "vilest_regimes" not in ex.listing.value
    assert "2 of the claims" in ex.summary.value
    ex.controls[1].value = "rhetoric"  # nothing is both: an empty chart and a plain sentence, no error
    assert sum(sum(y) for y in _values(ex)) == 0 and "No claim matches" in ex.listing.value
    assert ex.message.value == ""


def test_claims_explorer_shows_a_message_not_a_traceback_when_the_model_fails(monkeypatch):
    ex = explorers.claims_explorer()
    before = _values(ex)

    def broken(*args, **kwargs):
        raise models.SelectionError("that combination cannot be shown")

    monkeypatch.setattr(hindsight, "filter_claims", broken)
    ex.controls[0].value = "partly_supported"
    assert "Cannot show that" in ex.message.value and "cannot be shown" in ex.message.value
    assert _values(ex) == before and ex.controls[0].value == "partly_supported"


def test_deliveries_explorer_switches_units_and_hides_alternatives():
    ex = explorers.deliveries_explorer()
    before = _values(ex)
    ex.controls[0].value = "shells"
    after = _values(ex)
    assert after != before and max(y for t in after for y in t if y is not None) == 12_000_000
    ex.controls[1].value = False
    assert [y for y in _values(ex)[2] if y is not None] == []
    assert "shells" in ex.summary.value and ex.message.value == ""


def test_deliveries_explorer_shows_a_message_when_drawing_fails(monkeypatch):
    ex = explorers.deliveries_explorer()
    before = _values(ex)
    monkeypatch.setattr(hindsight, "north_korean_deliveries", lambda *a, **k: (_ for _ in ()).throw(KeyError("gone")))
    ex.controls[0].value = "shells"
    assert "something went wrong" in ex.message.value and _values(ex) == before


# --- questions: the reference answer passes, a plausible wrong answer fails with a specific message ------

from alliancekit.questions import questions_for  # noqa: E402

QUESTIONS = questions_for("06_arsenal_in_hindsight")


def _containers():
    shells = data.load("shells")
    return shells[(shells["actor"] == "PRK") & (shells["unit"] == "containers")].set_index("shell_id")["value_low"]


def test_the_lesson_and_exercise_have_the_questions_the_notebooks_check():
    assert set(QUESTIONS) == {"u1", "u2", "u3", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"}
    assert all(q.hints and q.solution for q in QUESTIONS.values())


@pytest.mark.parametrize("qid,right,wrong,says", [
    ("u1", 4, 5, "too high"),
    ("u2", "a defence pact was replaced by consultation only", "nothing changed", "'defense' column"),
    ("u3", "the 2024 Russian treaty", "the 2000 Russian treaty", "Not yet"),
    ("q1", 3, 4, "4 alliances is too high"),           # 4 counts the kit's own 2024 coding too
    ("q1", 3, 6, "too high"),                         # 6 counts rows (one per member), not alliances
    ("q2", "consultation", "defense", "1961 treaty"),
    ("q4", 428.57, 428_571.4, "factor of 1,000"),
    ("q4", 429, 2.33e-3, "too low"),                  # containers per shell, upside down
    ("q5", ["fact", "forecast", "rhetoric", "opinion", "fact"], ["fact", "forecast", "fact", "opinion", "fact"],
     "Look again at item(s) 3"),
    ("q6", "an upper-bound conversion of a container count, as if every container held 152 mm shells",
     "the sum of all the earlier reports", "same shells many times"),
    ("q7", "entrapment", "abandonment", "reduces the fear of being abandoned"),
])
def test_reference_answers_pass_and_plausible_wrong_ones_fail(qid, right, wrong, says):
    question = QUESTIONS[qid]
    assert question.judge(right).status == "correct", question.judge(right).message
    verdict = question.judge(wrong)
    assert verdict.status == "incorrect" and says in verdict.message, verdict.message


def test_q3_container_series_passes_and_a_missing_row_or_scaled_values_are_named():
    q3 = QUESTIONS["q3"]
    assert q3.judge(_containers()).correct
    missing = q3.judge(_containers().iloc[1:])
    assert missing.status == "incorrect" and "missing prk_containers_2023_10_us_nsc" in missing.message
    scaled = q3.judge(_containers() * 1000)
    assert scaled.status == "incorrect" and "factor of 1,000" in scaled.message
    assert q3.judge(...).status == "not_attempted"


def test_q5_items_are_the_oped_words_stored_in_the_claims_table(claims):
    quotes = claims.set_index("claim_id")["quote"]
    from alliancekit.questions.q06_arsenal_in_hindsight import Q5_CLAIMS
    for claim_id, words in Q5_CLAIMS:
        assert quotes[claim_id] == words


def test_q8_written_answer_is_recorded_with_its_rubric_and_too_short_is_refused():
    q8 = QUESTIONS["q8"]
    recorded = q8.judge(q8.solution)
    assert recorded.status == "submitted" and "uses an alliance concept" in recorded.message
    short = q8.judge("They sent troops.")
    assert short.status == "incorrect" and "Too short" in short.message
