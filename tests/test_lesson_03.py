"""Lesson 03 (lips and teeth, and the split): aid figures, SIPRI deliveries, treaty obligations, explorers, questions."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from alliancekit import charts, data, explorers, models, palette
from alliancekit.models import aid as m

from .conftest import figure_data

STEM = "03_lips_and_teeth"


@pytest.fixture(scope="module")
def aid():
    return data.with_source_labels(data.load("aid_to_dprk"))


@pytest.fixture(scope="module")
def events():
    return data.with_source_labels(data.load("events"))


@pytest.fixture(scope="module")
def deliveries():
    return m.deliveries_to(data.load("arms_transfers"))


# --- aid: selecting, never adding ------------------------------------------------------------------------

def test_donor_groups_put_lumped_sources_apart():
    assert m.donor_group("SUN") == "SUN"
    assert m.donor_group("DDR") == "EEU" and m.donor_group("CSK") == "EEU"
    assert m.donor_group("SUN;CHN;EEU") == "several" and m.donor_group("SUN;EEU") == "several"


def test_select_aid_keeps_one_row_per_source_figure_with_its_own_currency(aid):
    chosen = m.select_aid(aid)
    assert len(chosen) == aid["amount"].notna().sum()  # every figure with an amount, none merged
    assert chosen["aid_id"].is_unique
    assert set(chosen["currency"].astype(str)) <= set(m.CURRENCIES)
    # the kit never converts: amount_usd is only ever the source's own figure
    stored = aid.set_index("aid_id")["amount_usd"]
    shown = chosen.set_index("aid_id")["amount_usd"]
    pd.testing.assert_series_equal(shown, stored.loc[shown.index])


def test_a_donor_selection_keeps_figures_that_include_that_donor(aid):
    chinese = m.select_aid(aid, "CHN", 1950, 1960)
    assert set(chinese["donor_group"]) <= {"CHN", "several"}
    assert "loc_total_1946_84" in set(chinese["aid_id"])  # USSR, China and Eastern Europe together, 1946-84
    assert chinese["last_year"].ge(1950).all() and chinese["first_year"].le(1960).all()
    assert "sd_ddr_grant_1956" in set(m.select_aid(aid, "EEU")["aid_id"])


def test_a_figure_without_a_start_year_is_placed_at_its_end_year(aid):
    row = m.select_aid(aid, "SUN", 1960, 1960).set_index("aid_id").loc["hq13_sun_loans_to_1960"]
    assert row["first_year"] == row["last_year"] == 1960 and not row["start_known"]


def test_budget_shares_keep_their_qualifiers_and_figures_given_in_words(aid):
    shares = m.select_aid(aid, measure="budget_share").set_index("aid_id")
    assert shares.loc["sd_budget_share_1954", "share_of_budget_percent"] == 31.6
    assert shares.loc["sd_budget_share_1954", "qualifier"] == "at_least"
    assert shares.loc["loc_budget_share_1960", "qualifier"] == "at_most"
    assert pd.isna(shares.loc["loc_budget_share_1954", "share_of_budget_percent"])  # "one-third": words, no number


@pytest.mark.parametrize("kwargs,says", [
    (dict(start_year=1960, end_year=1950), "after the last year"),
    (dict(donor="POL"), "no donor"),
    (dict(aid_type="bribe"), "no type of aid"),
    (dict(measure="gdp"), "no measure"),
    (dict(donor="EEU", aid_type="military"), "almost no aid figures for 1966-1989"),
    (dict(start_year=1970, end_year=1975, aid_type="loan"), "No figure"),
])
def test_impossible_or_empty_aid_selections_raise_a_plain_message(aid, kwargs, says):
    with pytest.raises(models.SelectionError, match=says):
        m.select_aid(aid, **kwargs)


def test_delivered_share_of_a_commitment_and_its_edges():
    assert m.delivered_share_percent(403.2e6, 184.6e6) == pytest.approx(45.784, abs=0.001)
    assert m.delivered_share_percent(100, 0) == 0
    with pytest.raises(models.SelectionError, match="above zero"):
        m.delivered_share_percent(0, 5)
    with pytest.raises(models.SelectionError, match="negative"):
        m.delivered_share_percent(10, -1)


def test_turning_points_are_split_and_treaty_events_in_date_order(events):
    points = m.turning_points(events, 1945, 1995)
    assert set(points["category"].astype(str)) <= {"split", "treaty"}
    assert {"soviet_experts_withdrawn_china", "ussr_dprk_treaty_1961", "china_dprk_treaty_1961"} <= set(points["event_id"])
    assert points["date"].is_monotonic_increasing
    assert m.turning_points(events, 1900, 1901).empty


# --- treaties -------------------------------------------------------------------------------------------

def test_obligations_side_by_side_read_atop_as_coded():
    table = m.obligations_side_by_side(data.load("alliance_obligations"))
    assert list(table.columns) == ["SUN 1961", "CHN 1961", "RUS 2000", "RUS 2024"]
    assert table.loc["defense", "SUN 1961"] == 1 and table.loc["defense", "CHN 1961"] == 1
    assert table.loc["defense", "RUS 2000"] == 0 and table.loc["consultation", "RUS 2000"] == 1
    assert table.loc["ecaid", "CHN 1961"] == 1 and table.loc["ecaid", "SUN 1961"] == 0
    assert table.loc["coded_by", "RUS 2024"] == "alliancekit"


def test_obligations_side_by_side_says_plainly_when_a_treaty_is_missing():
    obligations = data.load("alliance_obligations")
    without = obligations[~obligations["start"].dt.year.eq(2000)]
    with pytest.raises(models.SelectionError, match="RUS signed in 2000"):
        m.obligations_side_by_side(without)


# --- SIPRI deliveries ---------------------------------------------------------------------------------------

def test_deliveries_cover_every_year_with_zero_where_sipri_lists_nothing(deliveries):
    assert deliveries.index.min() == 1950 and deliveries.index.max() == 2021
    assert list(deliveries.index) == list(range(1950, 2022))
    assert deliveries.loc[1958, "CHN"] == 463 and deliveries.loc[1958, "SUN"] == 364
    assert deliveries.loc[1992:, "SUN"].eq(0).all() and deliveries.loc[:1991, "RUS"].eq(0).all()
    assert deliveries.loc[2015, :].sum() == 0


def test_soviet_share_and_the_first_year_china_delivered_more(deliveries):
    assert m.tiv_share_percent(deliveries, "SUN", 1950, 1991) == pytest.approx(100 * 18300 / 23203, abs=1e-9)
    assert m.first_year_more(deliveries, "CHN", "SUN") == 1958
    assert m.first_year_more(deliveries, "USA", "SUN") is None


def test_share_edges_say_why(deliveries):
    with pytest.raises(models.SelectionError, match="share of nothing"):
        m.tiv_share_percent(deliveries, "RUS", 2012, 2021)
    with pytest.raises(models.SelectionError, match="outside"):
        m.tiv_share_percent(deliveries, "SUN", 1930, 1940)
    with pytest.raises(models.SelectionError, match="No supplier"):
        m.first_year_more(deliveries, "FRA", "SUN")


def test_two_sipri_releases_are_never_mixed_in_one_series():
    transfers = data.load("arms_transfers")
    other = transfers.head(3).copy()
    other["sipri_release"] = other["sipri_release"].astype(str).str.replace("2022-07-28", "2026-05-18")
    mixed = pd.concat([transfers.astype({"sipri_release": str}), other])
    with pytest.raises(models.SelectionError, match="mixes SIPRI releases"):
        m.deliveries_to(mixed)


def test_arms_view_shares_are_of_the_whole_year_not_of_the_suppliers_shown(deliveries):
    view = m.arms_view(deliveries, "CHN", 1958, 1958, "share").iloc[0]
    assert view["value"] == pytest.approx(100 * 463 / (463 + 364))
    stacked = m.arms_view(deliveries, "all", 1950, 1991, "stacked")
    assert stacked["value"].sum() == 18300 + 4841 + 62
    empty_years = m.arms_view(deliveries, "all", 2012, 2021, "share")
    assert empty_years["value"].isna().all()  # no deliveries: no share, not 0 %
    with pytest.raises(models.SelectionError, match="supplier choice"):
        m.arms_view(deliveries, "FRA")
    with pytest.raises(models.SelectionError, match="no view"):
        m.arms_view(deliveries, mode="pie")


# --- figures ------------------------------------------------------------------------------------------------

def _axis_titles(fig):
    layout = fig.layout.to_plotly_json()
    return {k: v.get("title", {}).get("text", "") for k, v in layout.items()
            if k.startswith(("xaxis", "yaxis")) and v.get("visible", True) is not False}


def _colours(fig):
    found = set()
    for t in fig.data:
        colour = t.marker.color if t.marker is not None else None
        if colour is None:
            continue
        found.update([colour] if isinstance(colour, str) else colour)
    return found


def test_aid_figure_has_title_units_source_line_sourced_hover_and_okabe_ito_colours(aid, events):
    chosen = m.select_aid(aid)
    fig = charts.aid_figure(chosen, m.turning_points(events, 1945, 1995), "amount", "A title")
    assert fig.layout.title.text == "A title"
    titles = _axis_titles(fig)
    assert titles["xaxis"].startswith("Year")
    assert "million<br>RUB_old" in titles.values() and "million<br>CNY" in titles.values()  # unit on every panel
    assert all(titles.values())
    assert "Source:" in fig.layout.annotations[0].text and "never converted" in fig.layout.annotations[0].text
    hovers = [h for t in fig.data for h in (t.hovertext or [])]
    assert len(hovers) >= len(chosen) and all("Source:" in h for h in hovers)
    assert _colours(fig) <= set(palette.OKABE_ITO)
    marks = sum(len(t.x) for t in fig.data[:len(m.CURRENCIES)])
    assert marks == len(chosen)  # one mark per source figure


def test_aid_figure_gives_every_currency_panel_a_readable_height_at_notebook_width(aid, events):
    chosen = m.select_aid(aid)
    fig = charts.aid_figure(chosen, m.turning_points(events, 1945, 1995), "amount", "t")
    layout = fig.layout
    plot_px = layout.height - layout.margin.t - layout.margin.b
    shown = [getattr(layout, f"yaxis{i + 2}") for i in range(len(m.CURRENCIES))]
    panels = [ax for ax in shown if ax.visible]
    assert len(panels) == chosen["currency"].nunique() >= 5  # the default shows every currency
    # once six panels shared a fixed 780 px figure: about 90 px each, ticks running into each other
    assert all((ax.domain[1] - ax.domain[0]) * plot_px >= 120 for ax in panels)
    bottoms_tops = sorted((ax.domain[0], ax.domain[1]) for ax in panels)
    assert all(a[1] < b[0] for a, b in zip(bottoms_tops, bottoms_tops[1:]))  # panels never overlap
    one = charts.aid_figure(m.select_aid(aid, "CHN"), m.turning_points(events, 1945, 1995), "amount", "t")
    assert one.layout.height < layout.height  # fewer currencies, a shorter figure, the same panel height


def test_aid_figure_puts_the_legend_under_the_title_not_over_it(aid, events):
    fig = charts.aid_figure(m.select_aid(aid), m.turning_points(events, 1945, 1995), "amount", "t")
    title, legend, height = fig.layout.title, fig.layout.legend, fig.layout.height
    assert title.yref == "container" and title.y == 1 and title.yanchor == "top"
    assert legend.yref == "container" and legend.yanchor == "top" and legend.orientation == "h"
    legend_top_px = (1 - legend.y) * height
    assert 45 <= legend_top_px <= fig.layout.margin.t - 40  # below a one-line title, above the plotting area
    assert not any(t.legendgroup for t in fig.data)  # a legend group would stack the donors vertically


def test_aid_panels_tick_at_powers_of_ten_written_in_full(aid, events):
    fig = charts.aid_figure(m.select_aid(aid), m.turning_points(events, 1945, 1995), "amount", "t")
    panels = [getattr(fig.layout, f"yaxis{i + 2}") for i in range(len(m.CURRENCIES))]
    for ax in (a for a in panels if a.visible):
        assert all(math.log10(v).is_integer() for v in ax.tickvals)
        assert all("k" not in t for t in ax.ticktext) and "1,000" in ax.ticktext


def test_aid_figure_keeps_the_same_traces_for_amounts_and_budget_shares(aid, events):
    points = m.turning_points(events, 1945, 1995)
    amounts = charts.aid_figure(m.select_aid(aid), points, "amount", "t")
    shares = charts.aid_figure(m.select_aid(aid, measure="budget_share"), points, "budget_share", "t")
    assert len(amounts.data) == len(shares.data)
    assert "percent" in _axis_titles(shares)[f"yaxis{len(m.CURRENCIES) + 2}"]
    words = [t for t in shares.data if t.mode == "text"][0]
    assert any("one-third" in w for w in words.text)  # given in words, written, never plotted at 33.3


def test_aid_summary_counts_figures_by_currency_and_never_a_total(aid):
    text = charts.aid_summary(m.select_aid(aid, "SUN"), "amount", "SUN", 1945, 1995, 3)
    assert "pre-1961 Soviet roubles" in text and "not added up" in text and "3 turning points" in text
    shares = charts.aid_summary(m.select_aid(aid, measure="budget_share"), "budget_share", "all", 1945, 1995, 0)
    assert "at least 31.6% in 1954" in shares and "one-third" in shares


def test_arms_figure_has_title_units_source_line_with_caveats_and_sourced_hover(deliveries, events):
    view = m.arms_view(deliveries, "all", 1950, 2021, "stacked")
    fig = charts.arms_figure(view, m.turning_points(events, 1950, 2021), "stacked", "A title")
    assert fig.layout.title.text == "A title" and fig.layout.barmode == "stack"
    titles = _axis_titles(fig)
    assert "millions of SIPRI trend-indicator values" in titles["yaxis2"] and titles["xaxis"]
    source = fig.layout.annotations[0].text
    for caveat in ("28 July 2022", "volume index", "major conventional weapons only", "1,004.8"):
        assert caveat in source
    hovers = [h for t in fig.data for h in (t.hovertext or [])]
    assert hovers and all("Source:" in h for h in hovers)
    assert _colours(fig) <= set(palette.OKABE_ITO)
    assert len(fig.data) == len(m.SUPPLIERS) + 1
    share = charts.arms_figure(m.arms_view(deliveries, "all", 1950, 2021, "share"), events.iloc[0:0], "share", "t")
    assert "percent" in _axis_titles(share)["yaxis2"] and len(share.data) == len(fig.data)


def test_arms_summary_names_the_total_and_says_when_nothing_was_delivered(deliveries):
    view = m.arms_view(deliveries, "all", 1950, 1991)
    text = charts.arms_summary(view, deliveries, "all", 1950, 1991, "stacked")
    assert "23,203 million TIV" in text and "USSR 18,300 (79%)" in text
    empty = charts.arms_summary(m.arms_view(deliveries, "all", 2012, 2021), deliveries, "all", 2012, 2021, "stacked")
    assert "no deliveries" in empty


# --- explorers in the kernel -----------------------------------------------------------------------------------


def test_aid_explorer_redraws_when_each_control_moves():
    ex = explorers.aid_explorer()
    donor, years, kind, measure = ex.controls
    for control, value in ((donor, "CHN"), (years, (1953, 1960)), (kind, "loan"), (measure, "budget_share")):
        before = figure_data(ex)
        control.value = value
        assert figure_data(ex) != before, f"moving {control.description} did not change the figure"
        assert ex.message.value == ""
    assert kind.disabled  # a budget share is for all aid together: the type does not apply
    assert "share of North Korea" in ex.summary.value


def test_aid_explorer_shows_a_message_not_a_traceback_for_an_empty_selection():
    ex = explorers.aid_explorer()
    before = figure_data(ex)
    ex.controls[0].value = "EEU"
    ex.controls[2].value = "military"  # no East European military aid figure in the kit
    assert "Cannot show that" in ex.message.value and "1966-1989" in ex.message.value
    assert ex.controls[2].value == "military"  # the student's choice is kept
    ex.controls[2].value = "grant"
    assert ex.message.value == "" and figure_data(ex) != before


def test_aid_explorer_keeps_the_last_figure_when_drawing_fails(monkeypatch):
    ex = explorers.aid_explorer()
    before = figure_data(ex)

    def broken(*args, **kwargs):
        raise RuntimeError("ledger on fire")

    monkeypatch.setattr(m, "select_aid", broken)
    ex.controls[0].value = "CHN"  # must not raise
    assert "something went wrong" in ex.message.value and "ledger on fire" in ex.message.value
    assert figure_data(ex) == before


def test_aid_explorer_starts_from_everything_when_its_starting_selection_is_impossible():
    ex = explorers.aid_explorer(donor="EEU", aid_type="military")
    assert "Cannot show that" in ex.message.value
    assert sum(len(x) for x, _ in figure_data(ex)) > 0


def test_arms_explorer_redraws_when_each_control_moves():
    ex = explorers.arms_explorer()
    suppliers, years, mode = ex.controls
    for control, value in ((suppliers, "CHN"), (years, (1950, 1991)), (mode, "share")):
        before = figure_data(ex)
        control.value = value
        assert figure_data(ex) != before, f"moving {control.description} did not change the figure"
        assert ex.message.value == ""
    assert "share" in ex.summary.value


def test_arms_explorer_says_so_when_no_arms_were_delivered_and_on_failure(monkeypatch):
    ex = explorers.arms_explorer()
    ex.controls[1].value = (2012, 2021)
    assert ex.message.value == "" and "no deliveries" in ex.summary.value
    before = figure_data(ex)

    def broken(*args, **kwargs):
        raise models.SelectionError("no such view")

    monkeypatch.setattr(m, "arms_view", broken)
    ex.controls[2].value = "share"
    assert "no such view" in ex.message.value and figure_data(ex) == before


# --- questions: the reference answer passes, a plausible wrong answer fails with a specific message -----------------

@pytest.fixture(scope="module")
def questions():
    from alliancekit.questions import questions_for

    return questions_for(STEM)


def test_the_lesson_has_three_understanding_questions_and_the_exercise_eight(questions):
    assert sorted(q for q in questions if q.startswith("u")) == ["u1", "u2", "u3"]
    assert sorted(q for q in questions if q.startswith("q")) == sorted(f"q{i}" for i in range(1, 11))
    for qid, q in questions.items():
        assert q.hints and len(q.hints) <= 3 and q.solution, qid


def test_expected_answers_come_from_the_data(questions):
    assert questions["u1"].expected_value() == pytest.approx(45.78, abs=0.01)
    assert questions["q1"].expected_value() == pytest.approx(78.87, abs=0.01)
    assert questions["q2"].expected_value() == 1958
    assert questions["q6"].expected_value() == 1971
    assert dict(questions["q3"].expected_value()) == {"CHN": 121, "KAZ": 177, "RUS": 482}
    assert set(questions["q7"].expected_value()["aid_id"]) == {
        "shenxia_chn_grant_1954", "hq13_chn_loan_1960", "dnk_chn_wartime_writeoff", "dnk_chn_aid_1954_57"}
    # arguable items accept two readings, the ledger's first
    assert questions["q5"].expected_value() == ("fact", ("opinion", "rhetoric"), "estimate", "forecast",
                                                ("rhetoric", "opinion"), "fact")


@pytest.mark.parametrize("qid,wrong,says", [
    ("u1", 54.2, "too high"),                       # delivered share of the wrong base (committed / delivered ...)
    ("u1", 0.458, "factor of 100"),                 # a fraction, not a percentage
    ("q1", 0.789, "factor of 100"),
    ("q1", 100 * 18300 / 23983, "too low"),         # 1950-2021 instead of 1950-1991
    ("q2", 1980, "too high"),                       # a later year China led
    ("q2", "1958", "Drop the quotation marks"),
    ("q6", 1968, "too low"),
])
def test_wrong_numbers_say_what_is_off(questions, qid, wrong, says):
    verdict = questions[qid].judge(wrong)
    assert verdict.status == "incorrect" and says in verdict.message, verdict.message


def test_choices_pass_the_reference_and_explain_tempting_wrong_options(questions):
    for qid in ("u2", "u3", "q4"):
        assert questions[qid].judge(questions[qid].expected_value()).status == "correct"
    converted = questions["u2"].judge("you may add them once the roubles are converted to dollars")
    assert converted.status == "incorrect" and "counted twice" in converted.message
    defence = questions["u3"].judge("defense")
    assert defence.status == "incorrect" and "Both 1961 treaties" in defence.message
    twenty = questions["q4"].judge("both treaties: 20 years, renewed automatically")
    assert twenty.status == "incorrect" and "indefinite" in twenty.message


def test_the_grouped_total_passes_and_common_slips_are_named(questions):
    q3 = questions["q3"]
    arms = data.load("arms_transfers")
    annual = arms[(arms["recipient"] == "PRK") & (arms["measure"] == "annual_delivery")]
    right = annual[annual["year"].between(1992, 2021)].groupby("supplier")["tiv"].sum()
    assert q3.judge(right).status == "correct"
    assert q3.judge(right.sample(frac=1, random_state=1)).status == "correct"  # order does not matter
    with_ussr = annual[annual["year"].between(1991, 2021)].groupby("supplier")["tiv"].sum()  # 1991 slipped in
    verdict = q3.judge(with_ussr)
    assert verdict.status == "incorrect" and "unexpected sun" in verdict.message.lower()
    totals = arms[(arms["recipient"] == "PRK") & (arms["measure"] == "total_1950_2021")]
    whole_span = totals[totals["supplier"].isin(["RUS", "KAZ", "CHN"])].set_index("supplier")["tiv"]
    assert q3.judge(whole_span).status == "incorrect"  # SIPRI's 1950-2021 Total column is not 1992-2021


def test_the_filtered_table_passes_and_a_table_with_a_summed_row_does_not(questions):
    q7 = questions["q7"]
    aid = data.load("aid_to_dprk")
    right = aid[(aid["donor"] == "CHN") & (aid["currency"] == "RUB_old")][["aid_id", "amount", "basis"]]
    assert q7.judge(right.reset_index(drop=True)).status == "correct"
    assert q7.judge(right[["basis", "amount", "aid_id"]].iloc[::-1].reset_index(drop=True)).status == "correct"
    with_usd = aid[(aid["donor"] == "CHN") & aid["currency"].isin(["RUB_old", "USD"])][["aid_id", "amount", "basis"]]
    verdict = q7.judge(with_usd.reset_index(drop=True))
    assert verdict.status == "incorrect" and "Unexpected rows" in verdict.message
    verdict = q7.judge(right[["aid_id", "amount"]].reset_index(drop=True))
    assert verdict.status == "incorrect" and "missing column(s) basis" in verdict.message


def test_classification_names_the_items_to_look_at_again(questions):
    q5 = questions["q5"]
    assert q5.judge(["fact", "opinion", "estimate", "forecast", "rhetoric", "fact"]).status == "correct"
    assert q5.judge({1: "fact", 2: "opinion", 3: "estimate", 4: "forecast", 5: "rhetoric", 6: "fact"}).status == "correct"
    wrong = q5.judge(["opinion", "opinion", "forecast", "forecast", "rhetoric", "fact"])  # 'unsupported' is not 'opinion'
    assert wrong.status == "incorrect" and "Look again at item(s) 1, 3" in wrong.message
    assert "Expected 6 labels" in q5.judge(["fact"] * 5).message


def test_the_written_answer_is_recorded_with_its_rubric_and_a_stub_is_too_short(questions):
    q8 = questions["q8"]
    model_answer = q8.solution.replace("A model answer: ", "")
    recorded = q8.judge(model_answer)
    assert recorded.status == "submitted" and "rubric" in recorded.message
    assert q8.rubric_points == 5 == q8.points
    short = q8.judge("Huge aid, few concessions: true.")
    assert short.status == "incorrect" and "Too short" in short.message


def test_unanswered_questions_are_not_attempted(questions):
    for qid, q in questions.items():
        assert q.judge(...).status == "not_attempted", qid
