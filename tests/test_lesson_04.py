"""Lesson 04 (China's "fuzzy role"): the trade arithmetic, its figure, its explorer and its questions."""

from __future__ import annotations

import pandas as pd
import pytest

from alliancekit import charts, data, explorers, models, palette
from alliancekit.checking import checks_for
from alliancekit.models import trade as tm
from alliancekit.questions import questions_for

from .conftest import figure_data

STEM = "04_china_fuzzy_role"


@pytest.fixture(scope="module")
def trade():
    return tm.with_source_years(data.with_source_labels(data.load("trade_dprk")), data.load("sources"))


def _table(rows):
    """A tiny trade table in the kit's shape, for edge cases the real data does not have."""
    base = {"dprk_exports_usd": None, "dprk_imports_usd": None, "total_trade_usd": None,
            "partner_share_percent": None, "note": None}
    frame = pd.DataFrame([{**base, **r} for r in rows])
    frame["year"] = frame["year"].astype("Int64")
    for c in ("dprk_exports_usd", "dprk_imports_usd", "total_trade_usd", "partner_share_percent"):
        frame[c] = frame[c].astype("float64")
    return frame


# --- models -----------------------------------------------------------------------------------------

def test_a_publisher_series_never_contains_another_publishers_figure(trade):
    series = tm.publisher_series(trade, "china_customs", "total", "CHN", 2000, 2025)
    customs_ids = set(trade.loc[trade["data_publisher"].astype(str) == "china_customs", "source_id"])
    used = {sid for ids in series["all_sources"] for sid in ids.split("; ")}
    assert used <= customs_ids
    assert series["year"].is_unique and series["year"].is_monotonic_increasing


def test_where_a_publishers_releases_differ_the_series_keeps_the_range_and_never_averages():
    rows = _table([
        {"partner": "CHN", "year": 2012, "total_trade_usd": 6_033_900_000, "data_publisher": "china_customs",
         "source_id": "x_2013_01_05_prelim", "source_year": 2013},
        {"partner": "CHN", "year": 2012, "total_trade_usd": 5_932_000_000, "data_publisher": "china_customs",
         "source_id": "x_2013_01_30_final", "source_year": 2013},
    ])
    row = tm.publisher_series(rows, "china_customs", "total").iloc[0]
    assert (row["low"], row["high"], row["n_figures"]) == (5_932_000_000, 6_033_900_000, 2)
    assert row["value"] == 5_932_000_000  # the later report (30 January), not the mean 5,982,950,000
    assert row["source_id"] == "x_2013_01_30_final"


def test_among_equally_recent_reports_the_more_precise_figure_is_used():
    rows = _table([
        {"partner": "CHN", "year": 2025, "total_trade_usd": 2_700_000_000, "data_publisher": "china_customs",
         "source_id": "a_2026_01_20_rounded", "source_year": 2026},
        {"partner": "CHN", "year": 2025, "total_trade_usd": 2_730_000_000, "data_publisher": "china_customs",
         "source_id": "b_2026_01_20_fuller", "source_year": 2026},
    ])
    assert tm.publisher_series(rows, "china_customs", "total").iloc[0]["value"] == 2_730_000_000


def test_share_is_computed_only_from_one_publishers_numerator_and_denominator():
    rows = _table([
        {"partner": "CHN", "year": 2019, "total_trade_usd": 3_090_000_000, "data_publisher": "kotra", "source_id": "k1"},
        {"partner": "WORLD", "year": 2019, "total_trade_usd": 3_240_000_000, "data_publisher": "kotra", "source_id": "k1"},
        {"partner": "CHN", "year": 2019, "total_trade_usd": 2_789_020_000, "data_publisher": "china_customs",
         "source_id": "c1"},
        {"partner": "WORLD", "year": 2018, "total_trade_usd": 2_590_000_000, "data_publisher": "un_comtrade",
         "source_id": "u1"},
    ])
    share = tm.china_share(rows, "kotra", 2019)
    assert share.percent == pytest.approx(100 * 3_090 / 3_240)
    assert share.source_ids == ("k1",) and "one report" in share.why
    # customs gives China but no world total: no share, and it says why (KOTRA's world total is not borrowed)
    customs = tm.china_share(rows, "china_customs", 2019)
    assert customs.percent is None and "no figure for North Korea's trade with all partners" in customs.why
    comtrade = tm.china_share(rows, "un_comtrade", 2018)
    assert comtrade.percent is None and "no total for North Korea's trade with China" in comtrade.why
    nothing = tm.china_share(rows, "kotra", 2005)
    assert nothing.percent is None and "neither" in nothing.why


def test_share_prefers_one_report_giving_both_totals_over_two_releases():
    rows = _table([
        {"partner": "CHN", "year": 2019, "total_trade_usd": 3_090_000_000, "data_publisher": "kotra",
         "source_id": "first_2020", "source_year": 2020},
        {"partner": "WORLD", "year": 2019, "total_trade_usd": 3_240_000_000, "data_publisher": "kotra",
         "source_id": "first_2020", "source_year": 2020},
        {"partner": "WORLD", "year": 2019, "total_trade_usd": 3_224_500_000, "data_publisher": "kotra",
         "source_id": "revised_2021", "source_year": 2021},
    ])
    assert tm.china_share(rows, "kotra", 2019).percent == pytest.approx(100 * 3_090 / 3_240)


def test_a_zero_world_total_gives_no_share_rather_than_a_division_error():
    rows = _table([
        {"partner": "CHN", "year": 2000, "total_trade_usd": 5.0, "data_publisher": "kotra", "source_id": "k"},
        {"partner": "WORLD", "year": 2000, "total_trade_usd": 0.0, "data_publisher": "kotra", "source_id": "k"},
    ])
    share = tm.china_share(rows, "kotra", 2000)
    assert share.percent is None and "zero" in share.why


def test_share_series_on_the_kits_data_matches_the_shares_kotra_prints(trade):
    series = tm.share_series(trade, "kotra", 2016, 2017).set_index("year")["value"]
    assert series[2016] == pytest.approx(92.5, abs=0.2)  # KOTRA prints 92.5%
    assert series[2017] == pytest.approx(94.8, abs=0.1)  # KOTRA prints 94.8%
    customs = tm.share_series(trade, "china_customs", 2016, 2019)
    assert customs["value"].isna().all() and customs["why"].str.contains("all partners").all()


@pytest.mark.parametrize("call,says", [
    (lambda t: tm.publisher_series(t, "other", "total"), "not one publisher"),
    (lambda t: tm.publisher_series(t, "reuters", "total"), "No figures from a publisher"),
    (lambda t: tm.publisher_series(t, "kotra", "tonnage"), "no measure called"),
    (lambda t: tm.publisher_series(t, "kotra", "total", "CHN", 2020, 2010), "after the last year"),
    (lambda t: tm.publisher_series(t, "kotra", "share"), "share_series"),
    (lambda t: tm.share_series(t, "kotra", 2020, 2010), "after the last year"),
])
def test_impossible_selections_raise_a_plain_selection_error(trade, call, says):
    with pytest.raises(models.SelectionError, match=says):
        call(trade)


def test_a_selection_with_no_figure_at_all_is_refused_with_the_reason(trade):
    empty = tm.share_series(trade, "china_customs", 2016, 2019)
    with pytest.raises(models.SelectionError, match="Pick KOTRA"):
        tm.require_values(empty, "china_customs", "share", 2016, 2019)
    tm.require_values(tm.share_series(trade, "kotra", 2016, 2019), "kotra", "share", 2016, 2019)  # no error


def test_compare_publishers_flags_real_gaps_not_rounding():
    a = pd.DataFrame({"year": [2013, 2016, 2021], "value": [6_546_530_000.0, 2_600_000_000.0, 318_040_000.0]})
    b = pd.DataFrame({"year": [2013, 2016, 2021, 2022], "value": [6_540_000_000.0, 2_634_000_000.0, 681_660_000.0, 1.0]})
    both = tm.compare_publishers(a, b).set_index("year")
    assert list(both.index) == [2013, 2016, 2021]
    assert not both.loc[2013, "disagree"]  # 0.1% apart
    assert not both.loc[2016, "disagree"]  # 1.3% apart, but "2.6 billion" was rounded to 50 million either way
    assert both.loc[2021, "disagree"] and both.loc[2021, "gap"] == pytest.approx(363_620_000)


def test_rounding_of_a_printed_figure():
    assert tm.rounding_of(2_600_000_000) == pytest.approx(50_000_000)
    assert tm.rounding_of(6_033_900_000) == pytest.approx(50_000)
    assert tm.rounding_of(0) == 0


def test_largest_fall_needs_consecutive_years():
    s = pd.DataFrame({"year": [2017, 2018, 2019, 2020, 2022], "value": [5.0, 2.4, 2.8, 0.5, 0.1]})
    assert tm.largest_fall(s) == {"year": 2018, "from_value": 5.0, "to_value": 2.4, "change": pytest.approx(-2.6)}
    assert tm.largest_fall(pd.DataFrame({"year": [2000, 2001], "value": [1.0, 2.0]})) is None
    assert tm.largest_fall(pd.DataFrame({"year": [2000, 2002], "value": [2.0, 1.0]})) is None


def test_cinc_ratio_china_over_north_korea():
    caps = data.load("capabilities")
    ratio = tm.cinc_ratio(caps, "CHN", "PRK", 2016)
    rows = caps[(caps["indicator"].astype(str) == "cinc") & (caps["year"] == 2016) & (caps["nmc_version"].astype(str) == "7.0")]
    value = rows.set_index(rows["iso3"].astype(str))["value"]
    assert ratio == pytest.approx(value["CHN"] / value["PRK"]) and 10 < ratio < 25
    with pytest.raises(models.SelectionError, match="two different states"):
        tm.cinc_ratio(caps, "CHN", "CHN", 2016)
    with pytest.raises(models.SelectionError, match="no CINC for PRK in 1900"):
        tm.cinc_ratio(caps, "CHN", "PRK", 1900)
    with pytest.raises(models.SelectionError, match="NMC 6.0 has no CINC"):
        tm.cinc_ratio(caps, "CHN", "PRK", 2020, "6.0")  # v6.0 ends in 2016


def test_available_publishers_never_offers_the_mixed_other_bucket(trade):
    offered = tm.available_publishers(trade)
    assert offered[:2] == ["china_customs", "kotra"] and "other" not in offered


def test_context_events_are_the_listed_turning_points_in_date_order():
    ctx = tm.context_events(data.load("events"))
    assert set(ctx["event_id"]) <= set(tm.CONTEXT_EVENT_IDS) and len(ctx) >= 5
    assert ctx["date"].is_monotonic_increasing


# --- chart ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def overlays():
    return (data.with_source_labels(data.load("unsc_resolutions")),
            tm.context_events(data.with_source_labels(data.load("events"))))


def test_trade_figure_has_title_units_source_line_sourced_hover_and_safe_colours(trade, overlays):
    res, ctx = overlays
    a = tm.publisher_series(trade, "china_customs", "total", "CHN", 2000, 2025)
    b = tm.publisher_series(trade, "kotra", "total", "CHN", 2000, 2025)
    fig = charts.trade_figure(a, "china_customs", "total", 2000, 2025, res, ctx, b, "kotra")
    assert "Chinese customs" in fig.layout.title.text and "KOTRA" in fig.layout.title.text
    assert fig.layout.xaxis.title.text and "US$ million" in fig.layout.yaxis.title.text
    assert "Source:" in fig.layout.annotations[0].text and "never mixed" in fig.layout.annotations[0].text
    assert [t.name for t in fig.data][:2] == ["Chinese customs (GACC)", "KOTRA (South Korea)"]
    assert len(fig.data) == len(charts.trade.TRACES)
    drawn = [(h, y) for t in fig.data for h, y in zip(t.hovertext or (), t.y or ())]
    assert drawn and all("Source:" in h for h, y in drawn if y is not None)
    assert all(h == "" for h, y in drawn if y is None)  # a year without a figure is a gap, not a point
    assert {t.marker.color for t in fig.data if t.x} <= set(palette.OKABE_ITO)
    # customs gives no 2005 total: the line breaks there instead of joining 2004 to 2006
    customs = dict(zip([x.year for x in pd.to_datetime(fig.data[0].x)], fig.data[0].y))
    assert customs[2005] is None and customs[2004] and customs[2006]
    # 11 adopted resolutions and 2 vetoed drafts fall in 2000-2025: one marker and one dotted line each
    assert len(fig.data[4].x) == 11 and len(fig.data[5].x) == 2 and len(fig.layout.shapes) == 13
    # customs 2013 drawn in millions at mid-year
    y2013 = dict(zip([x.year for x in pd.to_datetime(fig.data[0].x)], fig.data[0].y))[2013]
    assert y2013 == pytest.approx(a.set_index("year").loc[2013, "value"] / 1e6)


def test_share_figure_draws_stated_shares_as_open_markers_and_percent_axis(trade, overlays):
    res, ctx = overlays
    a = tm.share_series(trade, "kotra", 2010, 2020)
    stated = tm.figures(trade, "kotra", "share", "CHN", 2010, 2020)
    fig = charts.trade_figure(a, "kotra", "share", 2010, 2020, res, ctx, stated_a=stated)
    assert "percent" in fig.layout.yaxis.title.text
    assert len(fig.data[2].x) == len(stated) and fig.data[2].marker.symbol.endswith("-open")
    assert fig.data[2].marker.color in palette.OKABE_ITO  # an open marker takes its outline from this colour
    assert len(fig.data[1].x) == 0  # no second publisher: an empty trace, kept so the explorer redraws in place


def test_trade_summary_says_where_two_publishers_disagree(trade):
    a = tm.publisher_series(trade, "china_customs", "total", "CHN", 2014, 2016)
    b = tm.publisher_series(trade, "kotra", "total", "CHN", 2014, 2016)
    text = charts.trade_summary(a, "china_customs", "total", 2014, 2016, tm.compare_publishers(a, b), "kotra")
    assert "KOTRA" in text and "2014" in text and "differs" in text
    empty = charts.trade_summary(a.iloc[0:0], "china_customs", "total", 2014, 2016)
    assert "shows no figures" in empty


# --- explorer ---------------------------------------------------------------------------------------


def test_trade_explorer_defaults_compare_customs_with_kotra():
    ex = explorers.trade_explorer()
    measure, publisher, compare, years = ex.controls
    assert (measure.value, publisher.value, compare.value) == ("total", "china_customs", "kotra")
    assert ex.message.value == "" and "differs" in ex.summary.value
    share = explorers.trade_explorer(measure="share")
    assert (share.controls[1].value, share.controls[2].value) == ("kotra", "none")


@pytest.mark.parametrize("index,value", [(0, "imports"), (1, "kita"), (2, "none"), (3, (2010, 2020))])
def test_trade_explorer_redraws_when_a_control_moves(index, value):
    ex = explorers.trade_explorer()
    before = figure_data(ex)
    ex.controls[index].value = value
    assert figure_data(ex) != before
    assert ex.message.value == ""


def test_share_from_chinese_customs_gives_a_plain_message_and_keeps_the_last_figure():
    ex = explorers.trade_explorer()
    before = figure_data(ex)
    ex.controls[0].value = "share"  # Chinese customs gives no North Korean world total
    assert "Cannot show that" in ex.message.value and "Pick KOTRA" in ex.message.value
    assert "Traceback" not in ex.message.value
    assert figure_data(ex) == before
    ex.controls[2].value = "none"
    ex.controls[1].value = "kotra"
    assert ex.message.value == "" and "share" in ex.summary.value


def test_the_same_publisher_twice_is_refused_plainly():
    ex = explorers.trade_explorer()
    ex.controls[1].value = "kotra"
    assert "two different publishers" in ex.message.value


def test_trade_explorer_shows_a_message_not_a_traceback_when_the_model_fails(monkeypatch):
    ex = explorers.trade_explorer()
    before = figure_data(ex)

    def broken(*args, **kwargs):
        raise RuntimeError("customs server on fire")

    monkeypatch.setattr(tm, "publisher_series", broken)
    ex.controls[0].value = "exports"  # must not raise
    assert "something went wrong" in ex.message.value and "customs server on fire" in ex.message.value
    assert figure_data(ex) == before and ex.controls[0].value == "exports"


# --- questions --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def checker():
    check, _hint, _solution = checks_for(STEM)
    return check


def test_the_lesson_and_exercise_questions_are_all_there():
    assert list(questions_for(STEM)) == ["u1", "u2", "u3", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"]
    for q in questions_for(STEM).values():
        assert 1 <= len(q.hints) <= 3 and q.solution


def _customs_2016_2019():
    raw = data.load("trade_dprk")
    rows = raw[(raw["data_publisher"] == "china_customs") & (raw["partner"] == "CHN")
               & raw["year"].between(2016, 2019) & raw["total_trade_usd"].notna()]
    return rows.set_index("year")["total_trade_usd"]


@pytest.mark.parametrize("qid,answer", [
    ("u1", 100 * 5.26 / 5.55), ("u1", 94.8),
    ("u2", "KOTRA adds an estimate of Chinese crude oil"), ("u2", "  kotra adds an estimate of chinese crude OIL "),
    ("u3", "North Korea's on China"),
    ("q1", 100 * 6.05 / 6.55), ("q1", 100 * 6.056 / 6.55), ("q1", 92.5),
    ("q2", None),  # filled in below from the data
    ("q3", "KITA includes inter-Korean trade in North Korea's total"),
    ("q4", ["fact", "fact", "opinion", "estimate", "opinion"]), ("q4", ("Fact", "fact", "opinion", "estimate", "opinion")),
    ("q5", 2018), ("q5", 2018.0),
    ("q6", 0.222041 / 0.014228),
    ("q7", "North Korea's exports to China"),
])
def test_reference_answers_pass(checker, qid, answer):
    if qid == "q2":
        answer = _customs_2016_2019()
    assert checker(qid, answer).status == "correct", checker(qid, answer)


def test_the_q2_answer_may_be_a_two_column_table_too(checker):
    table = _customs_2016_2019().reset_index()
    assert checker("q2", table).status == "correct"


@pytest.mark.parametrize("qid,answer,says", [
    ("u1", 0.9477, "factor of 100"),
    ("u1", 100 * 5.26 / 7.61, "too low"),  # KOTRA's 2017 China total over its 2014 world total
    ("u2", "KOTRA includes inter-Korean trade", "The opposite"),
    ("u3", "about equal", "not the same share"),
    ("q1", 100 * 5.82 / 6.55, "too low"),  # customs numerator, KOTRA denominator: two publishers mixed
    ("q1", 0.9237, "factor of 100"),
    ("q1", "92.4", "Drop the quotation marks"),
    ("q3", "KITA adds an estimate of Chinese crude oil", "That is KOTRA"),
    ("q4", ["fact", "fact", "opinion", "forecast", "opinion"], "item(s) 4"),
    ("q4", ["fact", "fact", "opinion"], "Expected 5 labels"),
    ("q5", 2020, "too high"),
    ("q6", 0.014228 / 0.222041, "too low"),
    ("q7", "total trade", "crude-oil estimates"),
    ("q8", "China has leverage.", "Too short"),
])
def test_plausible_wrong_answers_fail_with_a_specific_message(checker, qid, answer, says):
    feedback = checker(qid, answer)
    assert feedback.status == "incorrect" and says in feedback.message, feedback


def test_q2_says_which_year_is_missing_or_wrong(checker):
    series = _customs_2016_2019()
    missing = checker("q2", series.drop(2019))
    assert missing.status == "incorrect" and "missing 2019" in missing.message
    kotra = data.load("trade_dprk")
    kotra = kotra[(kotra["data_publisher"] == "kotra") & (kotra["partner"] == "CHN") & kotra["year"].between(2016, 2019)
                  & kotra["total_trade_usd"].notna()].drop_duplicates("year", keep="last").set_index("year")["total_trade_usd"]
    wrong = checker("q2", kotra)
    assert wrong.status == "incorrect" and "differ" in wrong.message


def test_unanswered_questions_say_not_attempted(checker):
    for qid in questions_for(STEM):
        assert checker(qid, ...).status == "not_attempted"


def test_the_written_answer_is_recorded_with_its_rubric(checker):
    text = " ".join(["China's share of North Korea's trade was 94.8% in 2017 by KOTRA's figures."] * 8)
    feedback = checker("q8", text)
    assert feedback.status == "submitted" and "rubric" in feedback.message


def test_q7_rests_on_the_data_exports_agree_and_imports_do_not(trade):
    def disagreeing(measure):
        a = tm.publisher_series(trade, "china_customs", measure, "CHN", 2014, 2024)
        b = tm.publisher_series(trade, "kotra", measure, "CHN", 2014, 2024)
        both = tm.compare_publishers(a, b)
        return both["disagree"].mean(), len(both)

    exports, n_exports = disagreeing("exports")
    imports, n_imports = disagreeing("imports")
    assert exports < 0.5 and n_exports >= 5
    assert imports > 0.5 and n_imports >= 5


def test_q5_the_largest_fall_in_dollars_is_2018_but_in_percent_2020(trade):
    series = tm.publisher_series(trade, "china_customs", "total", "CHN", 2000, 2025).set_index("year")["value"]
    assert tm.largest_fall(series.reset_index())["year"] == 2018
    change = series.pct_change()
    assert change.idxmin() == 2020  # why the question says "in US dollars"
