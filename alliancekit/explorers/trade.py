"""The China trade explorer (lesson 04): pick the measure, the publisher, a second publisher, the years."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from .. import charts, data, models
from ..models import trade as trade_models
from .base import Explorer, redraw, safely, summary_html

NONE = "none"
WIDE = {"description_width": "initial"}
MEASURE_CHOICES = {
    "total": "total trade",
    "exports": "North Korea's exports to China",
    "imports": "North Korea's imports from China",
    "share": "China's share of North Korea's trade",
}


def _load() -> dict:
    sources = data.load("sources")
    return {
        "trade": trade_models.with_source_years(data.with_source_labels(data.load("trade_dprk")), sources),
        "resolutions": data.with_source_labels(data.load("unsc_resolutions")),
        "context": trade_models.context_events(data.with_source_labels(data.load("events"))),
    }


def trade_view(tables: dict, measure: str, publisher: str, compare: str, start: int, end: int):
    """The figure and its summary for one selection (raises ``SelectionError`` for an impossible one)."""
    trade = tables["trade"]
    if compare == publisher:
        raise models.SelectionError("Pick two different publishers to compare (or 'none').")

    def series(pub: str):
        if measure == "share":
            return trade_models.share_series(trade, pub, start, end)
        return trade_models.publisher_series(trade, pub, measure, "CHN", start, end)

    a = series(publisher)
    trade_models.require_values(a, publisher, measure, start, end)
    b = series(compare) if compare != NONE else None
    stated_a = trade_models.figures(trade, publisher, "share", "CHN", start, end) if measure == "share" else None
    stated_b = (trade_models.figures(trade, compare, "share", "CHN", start, end)
                if measure == "share" and compare != NONE else None)
    figure = charts.trade_figure(a, publisher, measure, start, end, tables["resolutions"], tables["context"],
                                 series_b=b, publisher_b=None if compare == NONE else compare,
                                 stated_a=stated_a, stated_b=stated_b)
    comparison = trade_models.compare_publishers(a, b) if b is not None else None
    text = charts.trade_summary(a, publisher, measure, start, end, comparison, None if compare == NONE else compare)
    return figure, text


def trade_explorer(measure: str = "total", publisher: str | None = None, compare: str | None = None,
                   start_year: int = 2000, end_year: int = 2025) -> Explorer:
    """North Korea's trade with China, one publisher per line, with the UN sanctions resolutions overlaid.

    Defaults: Chinese customs compared with KOTRA for exports, imports and totals; KOTRA alone for
    China's share (Chinese customs gives no North Korean world total, so no share can come from it).
    """
    tables = _load()
    if publisher is None:
        publisher = "kotra" if measure == "share" else "china_customs"
    if compare is None:
        compare = NONE if measure == "share" else "kotra"
    names = [(trade_models.publisher_label(p), p) for p in trade_models.available_publishers(tables["trade"])]
    measure_box = widgets.Dropdown(options=[(label, m) for m, label in MEASURE_CHOICES.items()], value=measure,
                                   description="Measure", style=WIDE, layout=widgets.Layout(width="380px"))
    publisher_box = widgets.Dropdown(options=names, value=publisher, description="Publisher", style=WIDE)
    compare_box = widgets.Dropdown(options=[("none", NONE)] + names, value=compare, description="Compare with",
                                   style=WIDE)
    years = widgets.IntRangeSlider(value=(start_year, end_year), min=1990, max=2025, step=1, description="Years",
                                   continuous_update=False, layout=widgets.Layout(width="420px"))
    first, text = trade_view(tables, measure, publisher, compare, start_year, end_year)
    figure = go.FigureWidget(first)
    explorer = Explorer([measure_box, publisher_box, compare_box, years], figure)
    explorer.summary.value = summary_html(text)

    drawn: dict = {}  # selections already drawn: moving back to one is instant

    def update() -> None:
        key = (measure_box.value, publisher_box.value, compare_box.value, *years.value)
        if key not in drawn:
            if len(drawn) > 200:
                drawn.clear()
            drawn[key] = trade_view(tables, *key)
        new, summary = drawn[key]
        redraw(figure, new)
        explorer.summary.value = summary_html(summary)

    on_change = safely(explorer, update)
    for control in explorer.controls:
        control.observe(on_change, names="value")
    explorer.refresh = on_change
    return explorer
