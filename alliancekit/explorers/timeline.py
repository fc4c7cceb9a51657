"""The timeline explorer (lessons 00 and 01): pick the years and the kind of event."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from .. import charts, data, models
from .base import Explorer, redraw, safely, summary_html


def timeline_explorer(start_year: int = 2022, end_year: int | None = None, category: str = models.ALL) -> Explorer:
    """Events in the Russia-North Korea story on a time axis: pick the years and the kind of event."""
    events = data.with_source_labels(data.load("events"))
    categories = [str(c) for c in events["category"].cat.categories]
    first, last = models.year_span(events)
    end_year = last if end_year is None else end_year

    def title(start: int, end: int) -> str:
        return f"Events in the Russia\u2013North Korea relationship, {start}\u2013{end}"

    years = widgets.IntRangeSlider(
        value=(max(first, start_year), min(last, end_year)), min=first, max=last, step=1,
        description="Years", continuous_update=False, layout=widgets.Layout(width="420px"),
    )
    kind = widgets.Dropdown(
        options=[("all kinds", models.ALL)] + [(c.replace("_", " "), c) for c in categories],
        value=category, description="Kind",
    )
    chosen = models.filter_events(events, *years.value, kind.value)
    figure = go.FigureWidget(charts.timeline_figure(chosen, categories, title(*years.value)))
    explorer = Explorer([years, kind], figure)

    def update() -> None:
        start, end = years.value
        chosen = models.filter_events(events, start, end, kind.value)
        redraw(figure, charts.timeline_figure(chosen, categories, title(start, end)))
        explorer.summary.value = summary_html(charts.timeline_summary(chosen, start, end, kind.value))

    on_change = safely(explorer, update)
    years.observe(on_change, names="value")
    kind.observe(on_change, names="value")
    explorer.refresh = on_change
    on_change()
    return explorer
