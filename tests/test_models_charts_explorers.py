"""The arithmetic behind the explorers, the figures it draws, and the widgets in the kernel (no browser)."""

from __future__ import annotations

import pandas as pd
import pytest

from alliancekit import charts, data, explorers, models


@pytest.fixture(scope="module")
def events():
    return data.with_source_labels(data.load("events"))


def test_filter_events_keeps_whole_years_in_date_order(events):
    chosen = models.filter_events(events, 2022, 2023)
    assert not chosen.empty
    assert chosen["date"].dt.year.between(2022, 2023).all()
    assert chosen["date"].is_monotonic_increasing
    everything_then = events[events["date"].dt.year.between(2022, 2023)]
    assert len(chosen) == len(everything_then)


def test_filter_events_on_one_category(events):
    chosen = models.filter_events(events, 1945, 2026, "troops")
    assert len(chosen) > 0 and set(chosen["category"].astype(str)) == {"troops"}


def test_an_empty_selection_is_an_empty_table_not_an_error(events):
    assert models.filter_events(events, 1900, 1901).empty


@pytest.mark.parametrize("args,says", [((2024, 2022, "all"), "after the last year"), ((2022, 2024, "picnic"), "no event category")])
def test_impossible_selections_raise_a_plain_selection_error(events, args, says):
    with pytest.raises(models.SelectionError, match=says):
        models.filter_events(events, *args)


def test_timeline_figure_has_title_axis_titles_source_line_and_sourced_hover(events):
    cats = [str(c) for c in events["category"].cat.categories]
    fig = charts.timeline_figure(models.filter_events(events, 2022, 2026), cats, "A title")
    assert fig.layout.title.text == "A title"
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert "Source:" in fig.layout.annotations[0].text
    assert len(fig.data) == len(cats)
    hovers = [h for t in fig.data for h in (t.hovertext or [])]
    assert hovers and all("Source:" in h for h in hovers)
    colours = {t.marker.color for t in fig.data}
    assert colours <= set(__import__("alliancekit.palette", fromlist=["x"]).OKABE_ITO)


def test_timeline_summary_is_one_plain_sentence(events):
    chosen = models.filter_events(events, 2024, 2024, "treaty")
    text = charts.timeline_summary(chosen, 2024, 2024, "treaty")
    assert text.count(".") >= 1 and "2024" in text and "treaty" in text
    assert "no event of every kind" in charts.timeline_summary(chosen.iloc[0:0], 1900, 1901, "all")


def test_timeline_summary_reads_as_english_for_every_kind_and_count(events):
    everything = models.filter_events(events, 2022, 2025, "all")
    text = charts.timeline_summary(everything, 2022, 2025, "all")
    # once read aloud as "The figure shows 28 all kinds of event"
    assert f"shows {len(everything)} events of every kind between 2022 and 2025" in text
    assert "all kinds of event" not in text
    one = everything.iloc[[0]]
    single = charts.timeline_summary(one, 2022, 2025, "treaty")
    assert "shows 1 event of the kind 'treaty'" in single and f"on {one['date'].iloc[0]:%d %B %Y}" in single


def _points(explorer):
    return sum(len(t.x or ()) for t in explorer.figure.data)


def test_timeline_explorer_redraws_when_a_control_moves():
    ex = explorers.timeline_explorer(start_year=2022)
    before = _points(ex)
    ex.controls[1].value = "troops"
    after = _points(ex)
    assert 0 < after < before
    assert "troops" in ex.summary.value
    assert ex.message.value == ""


def test_timeline_explorer_shows_a_message_not_a_traceback_when_drawing_fails(monkeypatch):
    ex = explorers.timeline_explorer(start_year=2022)
    before = [list(t.x or ()) for t in ex.figure.data]

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(models, "filter_events", broken)
    ex.controls[1].value = "treaty"  # must not raise
    assert "something went wrong" in ex.message.value and "disk on fire" in ex.message.value
    assert [list(t.x or ()) for t in ex.figure.data] == before  # the last good figure stays
    assert ex.controls[1].value == "treaty"  # the student's selection is kept


def test_timeline_explorer_empty_years_say_so_in_the_summary():
    ex = explorers.timeline_explorer(start_year=2022)
    ex.controls[0].value = (ex.controls[0].min, ex.controls[0].min)
    ex.controls[1].value = "troops"
    assert _points(ex) == 0
    assert "no event of the kind" in ex.summary.value and "troops" in ex.summary.value
