"""Lesson 02 (artillery): the shell-gap arithmetic, inventories and NMC selections, their figures, the
explorers in the kernel (no browser), and every lesson and exercise question's checker."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from alliancekit import charts, data, explorers, palette
from alliancekit.models import SelectionError
from alliancekit.models import artillery as m

from .conftest import figure_data


@pytest.fixture(scope="module")
def artillery():
    return data.with_source_labels(data.load("artillery"))


@pytest.fixture(scope="module")
def shells():
    return data.load("shells")


@pytest.fixture(scope="module")
def capabilities():
    return data.with_source_labels(data.load("capabilities"))


# --- the shell gap ---------------------------------------------------------------------------------


def test_a_stockpile_lasts_stock_divided_by_the_daily_gap():
    assert m.days_sustained(1_000_000, 20_000) == 50
    assert m.days_sustained(1_000_000, 20_000, produced_per_day=5_000, delivered_per_day=5_000) == 100
    assert m.months_sustained(1_000_000, 20_000) == pytest.approx(50 / (365 / 12))


@pytest.mark.parametrize("produced,delivered", [(20_000, 0), (15_000, 5_000), (30_000, 1)])
def test_supply_meeting_or_beating_fire_never_runs_out(produced, delivered):
    assert m.days_sustained(1_000_000, 20_000, produced, delivered) is None
    assert m.months_sustained(1_000_000, 20_000, produced, delivered) is None


def test_an_empty_stockpile_lasts_zero_days():
    assert m.days_sustained(0, 10_000) == 0


def test_zero_fire_rate_gives_a_plain_message():
    with pytest.raises(SelectionError, match="rate of fire of zero"):
        m.days_sustained(1_000_000, 0)


@pytest.mark.parametrize("args,says", [((-1, 10_000), "stockpile cannot be negative"),
                                       ((1_000, -5), "rate of fire cannot be negative"),
                                       ((1_000, 10, -1), "Production cannot be negative"),
                                       ((1_000, 10, 0, -1), "Deliveries cannot be negative"),
                                       ((float("nan"), 10), "must be a number"),
                                       (("lots", 10), "must be a number")])
def test_negative_or_non_numeric_inputs_are_refused(args, says):
    with pytest.raises(SelectionError, match=says):
        m.days_sustained(*args)


def test_rates_convert_to_shells_per_day_at_365_days_a_year():
    assert m.shells_per_day(3_650_000, "shells_per_year") == pytest.approx(10_000)
    assert m.shells_per_day(36_500, "shells_per_month") == pytest.approx(1_200)
    assert m.shells_per_day(20_000, "shells_per_day") == 20_000
    with pytest.raises(SelectionError, match="not a rate"):
        m.shells_per_day(10, "containers")


def test_stockpile_path_falls_to_zero_on_the_day_it_runs_out_and_stays_there():
    path = m.stockpile_path(1_000_000, 20_000)
    assert path["shells_left"].iloc[0] == 1_000_000
    assert path.loc[path["day"] == 50, "shells_left"].item() == 0
    assert (path["shells_left"] >= 0).all() and path["shells_left"].is_monotonic_decreasing
    assert path["day"].max() >= 60


def test_stockpile_path_when_supply_wins_is_flat_or_rising_for_a_year():
    path = m.stockpile_path(1_000_000, 10_000, 12_000)
    assert path["day"].max() == 365 and path["shells_left"].is_monotonic_increasing


def test_presets_offer_each_bound_of_a_range_never_its_midpoint(shells):
    presets = m.shell_presets(shells)
    fire = presets["fire"].set_index("preset_id")
    assert fire.loc["rus_fire_2022_08_zaluzhnyi:low", "per_day"] == 40_000
    assert fire.loc["rus_fire_2022_08_zaluzhnyi:high", "per_day"] == 60_000
    assert 50_000 not in set(fire["per_day"])
    stock = presets["stockpile"].set_index("preset_id")
    # Shin's "500,000 or 3 million" are two loads for the same containers, labelled as such
    assert "122 mm" in stock.loc["prk_deliv_2024_02_shin:low", "label"]
    assert "152 mm" in stock.loc["prk_deliv_2024_02_shin:high", "label"]
    assert presets["production"].iloc[0]["preset_id"] == m.NONE_PRESET
    prod = presets["production"].set_index("preset_id")
    assert prod.loc["rus_prod_2023_rusi", "per_day"] == pytest.approx(2_500_000 / 365)
    assert all(presets[c]["label"].str.len().gt(0).all() for c in presets)


# --- inventories -----------------------------------------------------------------------------------


def test_inventory_estimates_keep_every_source_apart(artillery):
    mrl = m.inventory_estimates(artillery, "PRK", "mrl")
    in_2012 = mrl[mrl["year"] == 2012]
    assert sorted(in_2012["value_low"]) == [4800, 5100]  # ROK white paper and US DoD: two rows, no average
    assert set(in_2012["family"]) == {"ROK Ministry of National Defense", "US Department of Defense"}
    assert mrl["year"].is_monotonic_increasing


def test_the_oped_figure_is_its_own_family(artillery):
    total = m.inventory_estimates(artillery, "PRK", "total")
    oped = total[total["source_id"] == "cohen_2023_oped"]
    assert oped["family"].tolist() == ["the op-ed (unsourced claim)"] and oped["value_low"].tolist() == [14_000]


def test_a_one_sided_figure_keeps_an_empty_high(artillery):
    towed = m.inventory_estimates(artillery, "USA", "towed")
    assert towed["qualifier"].tolist() == ["at_least"] and towed["value_high"].isna().all()


def test_an_empty_inventory_selection_says_what_the_kit_has(artillery):
    with pytest.raises(SelectionError, match="No source in the kit counts mortars for North Korea.*field artillery"):
        m.inventory_estimates(artillery, "PRK", "mortar")
    with pytest.raises(SelectionError, match="For Ukraine the kit has: field artillery, mrl, self propelled"):
        m.inventory_estimates(artillery, "UKR", "total")
    with pytest.raises(SelectionError, match="no figures for 'GBR'"):
        m.inventory_estimates(artillery, "GBR", "total")


def test_field_plus_mrl_reproduces_the_opeds_order_of_magnitude_from_one_source_at_a_time(artillery):
    sums = m.field_plus_mrl(artillery)
    white_2022 = sums[(sums["year"] == 2022)]
    assert white_2022["field_plus_mrl"].tolist() == [14_300]
    assert (sums.groupby(["year", "source_id"]).size() == 1).all()
    # 2014: field artillery (Hankyoreh) and MRL (NoCut News) come from two pages; 2016 has MRL only: no sums
    assert not {2014, 2016} & set(sums["year"])
    assert (sums[["field_artillery", "mrl"]] > 0).all().all()


# --- capabilities ----------------------------------------------------------------------------------


def test_north_south_personnel_ratio_in_2022(capabilities):
    ratio = m.nmc_ratio(capabilities, "PRK", "KOR", "milper")
    row = ratio[ratio["year"] == 2022].iloc[0]
    assert (row["value_a"], row["value_b"]) == (1280, 555)
    assert row["ratio"] == pytest.approx(1280 / 555)


def test_missing_north_korean_spending_stays_missing_not_zero(capabilities):
    series = m.nmc_series(capabilities, ["PRK"], "milex", "7.0", 1990, 2022)
    assert m.missing_years(series, "PRK") == list(range(2002, 2023))
    ratio = m.nmc_ratio(capabilities, "PRK", "KOR", "milex", "7.0", 1990, 2022)
    assert ratio.loc[ratio["year"] >= 2002, "ratio"].isna().all()


def test_russia_and_the_ussr_are_one_cow_series(capabilities):
    series = m.nmc_series(capabilities, [m.RUSSIA_USSR], "milper", "7.0", 1985, 1995)
    assert series["year"].tolist() == list(range(1985, 1996))


def test_versions_are_never_mixed(capabilities):
    v6 = m.nmc_series(capabilities, ["PRK"], "milper", "6.0", 1946, 2022)
    assert v6["year"].max() == 2016 and set(v6["source_id"]) == {"cow_nmc_v6_0"}


@pytest.mark.parametrize("call,says", [
    (lambda c: m.nmc_series(c, ["USA"], "milex", "7.0", 1900, 1920), "pounds before 1914"),
    (lambda c: m.nmc_ratio(c, "PRK", "PRK", "milper"), "a ratio needs two different states"),
    (lambda c: m.nmc_series(c, [], "milper"), "at least one state"),
    (lambda c: m.nmc_series(c, ["PRK"], "milper", "5.0"), "no NMC version"),
    (lambda c: m.nmc_series(c, ["PRK"], "milper", "7.0", 2000, 1990), "after the last year"),
])
def test_impossible_capability_selections_raise_plain_messages(capabilities, call, says):
    with pytest.raises(SelectionError, match=says):
        call(capabilities)


# --- figures ---------------------------------------------------------------------------------------


def _assert_cited(fig):
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert any("Source" in (a.text or "") or "Rows used" in (a.text or "") for a in fig.layout.annotations)
    hovers = [h for t in fig.data for h in (t.hovertext or [])]
    assert hovers, "no hover text"
    colours = {t.marker.color for t in fig.data if t.marker.color} | {t.line.color for t in fig.data if t.line.color}
    assert colours <= set(palette.OKABE_ITO)
    return hovers


def test_inventory_figure_is_cited_and_keeps_one_trace_per_family(artillery):
    est = m.inventory_estimates(artillery, "PRK", "total")
    fig = charts.inventory_figure(est, "PRK", "total")
    hovers = _assert_cited(fig)
    assert all("Source:" in h for h in hovers)
    assert len(fig.data) == len(m.SOURCE_FAMILIES)
    assert "pieces" in fig.layout.yaxis.title.text
    assert "North Korea" in charts.artillery.inventory_summary(est, "PRK", "total")


def test_inventory_figure_draws_a_range_as_a_bar(artillery):
    fake = m.inventory_estimates(artillery, "PRK", "total").head(1).assign(value_low=100.0, value_high=160.0)
    fig = charts.inventory_figure(fake, "PRK", "total")
    bars = [t for t in fig.data if len(t.x or ())]
    assert list(bars[0].error_y.array) == [60.0]


def test_shell_gap_figure_names_the_rows_used_and_marks_the_run_out_day():
    path = m.stockpile_path(1_000_000, 20_000)
    sources = {"stockpile": "prk_deliv_2023_11_nis (News1)", "fire": "your own value (20,000)"}
    fig = charts.shell_gap_figure(path, 50.0, 1_000_000, sources)
    hovers = _assert_cited(fig)
    assert "prk_deliv_2023_11_nis" in fig.layout.annotations[0].text
    assert all("prk_deliv_2023_11_nis" in h for h in hovers)
    assert list(fig.data[1].x) == [50.0]
    never = charts.shell_gap_figure(m.stockpile_path(1e6, 1e4, 2e4), None, 1e6, sources)
    assert len(never.data) == 2 and not never.data[1].x and "never" in never.layout.title.text


def test_nmc_figure_has_units_gaps_and_the_1958_outlier_note(capabilities):
    series = m.nmc_series(capabilities, ["PRK", "KOR"], "milex", "7.0", 1950, 2022)
    fig = charts.nmc_figure(series, ["PRK", "KOR"], "milex", "7.0")
    hovers = _assert_cited(fig)
    assert all("Source:" in h for h in hovers)
    assert "thousand current USD" in fig.layout.yaxis.title.text
    assert any("1958" in (a.text or "") for a in fig.layout.annotations)
    assert None in list(fig.data[0].y)  # missing years are gaps, not zeros
    assert len(fig.data) == 3 and not fig.data[2].x
    ratio = m.nmc_ratio(capabilities, "PRK", "KOR", "milper")
    series = m.nmc_series(capabilities, ["PRK", "KOR"], "milper")
    fig = charts.nmc_figure(series, ["PRK", "KOR"], "milper", "7.0", ratio, log_scale=True)
    assert fig.layout.yaxis.type == "log" and "Ratio" in fig.layout.yaxis.title.text
    assert not fig.data[0].x and len(fig.data[2].x) == len(ratio)


# --- explorers in the kernel -------------------------------------------------------------------------



def test_artillery_explorer_redraws_and_says_so_in_words():
    ex = explorers.artillery_explorer()
    before = figure_data(ex)
    ex.controls[1].value = "mrl"
    assert figure_data(ex) != before and ex.message.value == ""
    assert "multiple rocket launchers" in ex.summary.value


def test_artillery_explorer_empty_selection_is_a_message_and_the_figure_stays():
    ex = explorers.artillery_explorer()
    before = figure_data(ex)
    ex.controls[1].value = "mortar"
    assert "No source in the kit counts mortars" in ex.message.value
    assert figure_data(ex) == before


def test_shell_gap_explorer_presets_move_the_slider_and_the_figure():
    ex = explorers.shell_gap_explorer()
    assert ex.sliders["stockpile"].value == 1_000_000 and ex.sliders["fire"].value == 20_000
    before = figure_data(ex)
    ex.pickers["fire"].value = "rus_fire_2024_03_cnn_officials"
    assert ex.sliders["fire"].value == 10_000
    assert figure_data(ex) != before
    assert "rus_fire_2024_03_cnn_officials" in ex.figure.layout.annotations[0].text
    assert "100 days" in ex.summary.value


def test_shell_gap_explorer_redraws_once_per_preset_pick(monkeypatch):
    import alliancekit.explorers.artillery as module

    ex = explorers.shell_gap_explorer()
    calls = []
    real = module.redraw
    monkeypatch.setattr(module, "redraw", lambda *a: calls.append(1) or real(*a))
    ex.pickers["fire"].value = "rus_fire_2024_08_syrskyi"
    assert len(calls) == 1


def test_shell_gap_explorer_slider_override_is_named_in_the_source_line():
    ex = explorers.shell_gap_explorer()
    ex.sliders["fire"].value = 25_000
    assert "your own value (25,000)" in ex.figure.layout.annotations[0].text.replace("<br>", " ").replace("\u00a0", " ")
    assert "40 days" in ex.summary.value


def test_shell_gap_explorer_zero_fire_is_a_message_not_a_traceback():
    ex = explorers.shell_gap_explorer()
    before = figure_data(ex)
    ex.sliders["fire"].value = 0
    assert "rate of fire of zero" in ex.message.value
    assert figure_data(ex) == before
    ex.sliders["fire"].value = 5_000
    assert ex.message.value == ""


def test_shell_gap_explorer_shows_a_message_when_drawing_fails(monkeypatch):
    ex = explorers.shell_gap_explorer()
    before = figure_data(ex)

    def broken(*args, **kwargs):
        raise RuntimeError("ledger on fire")

    monkeypatch.setattr(m, "days_sustained", broken)
    ex.pickers["stockpile"].value = "prk_deliv_2024_02_gur"  # must not raise
    assert "something went wrong" in ex.message.value and "ledger on fire" in ex.message.value
    assert figure_data(ex) == before and ex.pickers["stockpile"].value == "prk_deliv_2024_02_gur"


# --- questions -------------------------------------------------------------------------------------

from alliancekit.questions import questions_for  # noqa: E402


@pytest.fixture(scope="module")
def questions():
    return questions_for("02_artillery_arithmetic")


def test_the_lesson_and_exercise_have_their_questions(questions):
    assert {"u1", "u2", "u3"} <= set(questions)
    assert {f"q{i}" for i in range(1, 9)} <= set(questions)


def test_every_question_has_hints_a_solution_and_says_not_attempted_for_the_placeholder(questions):
    for qid, q in questions.items():
        assert 1 <= len(q.hints) <= 3 and q.solution, qid
        assert q.judge(...).status == "not_attempted", qid


def _fire_jan_2023_table():
    shells = data.load("shells")
    rows = shells[(shells["actor"] == "RUS") & (shells["metric"] == "fired_per_day")
                  & (shells["date"].dt.year == 2023) & (shells["date"].dt.month == 1)]
    return rows[["shell_id", "value_low", "value_high"]]


@pytest.mark.parametrize("qid,right,wrong,says", [
    ("u1", 14_300, 8_800, "too low"),
    ("u2", 76, 50, "too low"),  # forgetting production
    ("u3", "NMC has no figure it trusts for that year: the value is missing, not zero",
     "North Korea spent nothing on its military in 2010", "missing data"),
    ("q1", 2.31, 1 / 2.306, "too low"),  # South over North
    ("q1", 1280 / 555, "2.31", "Drop the quotation marks"),
    ("q2", 31, 30, "too low"),  # counting 1948's 0 as missing would give 32; forgetting 1959 gives 30
    ("q2", 31, 32, "too high"),
    ("q4", 103.3, 75, "too low"),  # stock over fire alone
    ("q4", 103.3, 103_301, "factor of 1,000"),
    ("q5", "field artillery plus multiple rocket launchers", "field artillery alone", "8,800"),
    ("q6", ["estimate", "fact", "opinion", "rhetoric", "forecast"], ["fact", "fact", "opinion", "rhetoric", "forecast"],
     "Look again at item(s) 1"),
    ("q6", {1: "estimate", 2: "fact", 3: "opinion", 4: "rhetoric", 5: "forecast"}, ["estimate", "fact"],
     "Expected 5 labels"),
    ("q7", "Global Firepower", "IISS", "equals the white paper"),
])
def test_reference_answers_pass_and_plausible_wrong_ones_fail_with_a_reason(questions, qid, right, wrong, says):
    assert questions[qid].judge(right).status == "correct", questions[qid].judge(right).message
    verdict = questions[qid].judge(wrong)
    assert verdict.status == "incorrect" and says in verdict.message, verdict.message


def test_q3_table_in_any_row_or_column_order_passes_and_a_missing_row_is_named(questions):
    table = _fire_jan_2023_table()
    assert questions["q3"].judge(table).status == "correct"
    shuffled = table.iloc[::-1][["value_high", "shell_id", "value_low"]].reset_index(drop=True)
    assert questions["q3"].judge(shuffled).status == "correct"
    short = table[table["shell_id"] != "rus_fire_2023_01_ukr_officials"].reset_index(drop=True)
    verdict = questions["q3"].judge(short)
    assert verdict.status == "incorrect" and "rus_fire_2023_01_ukr_officials" in verdict.message
    extra = table.assign(unit="shells_per_day")
    assert "drop unit" in questions["q3"].judge(extra).message


def test_q6_expected_labels_come_from_the_claims_table(questions):
    claims = data.load("claims").set_index("claim_id")
    from alliancekit.questions.q02_artillery_arithmetic import CLASSIFY
    from alliancekit.questions.kinds import accepted_labels
    kit_reading = tuple(accepted_labels(e)[0] for e in questions["q6"].expected_value())  # first: the ledger's label
    assert kit_reading == tuple(claims.loc[c, "claim_type"] for c, _ in CLASSIFY)
    assert sorted(kit_reading) == sorted(("fact", "estimate", "forecast", "opinion", "rhetoric"))


def test_q8_written_answer_is_recorded_with_its_rubric_or_refused_when_too_short(questions):
    model = questions["q8"].solution.removeprefix("Model answer: ")
    verdict = questions["q8"].judge(model)
    assert verdict.status == "submitted" and "rubric" in verdict.message
    assert questions["q8"].judge("Shells for food.").message.startswith("Too short")
