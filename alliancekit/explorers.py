"""Interactive explorers: ipywidgets controls wired to the kit's charts. One function per explorer.

An explorer never shows a Python traceback: an impossible selection, or an unexpected failure, gives
a plain message above the figure and keeps the student's controls as they were.
"""

from __future__ import annotations

import html
from typing import Callable

import ipywidgets as widgets
import plotly.graph_objects as go

from . import charts, data, models


class Explorer(widgets.VBox):
    """Controls, a message line, a figure and a one-sentence text summary, stacked."""

    def __init__(self, controls: list[widgets.Widget], figure: go.FigureWidget):
        self.controls = controls
        self.figure = figure
        self.message = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.summary = widgets.HTML()
        self.summary.add_class("alliancekit-summary")
        super().__init__([widgets.HBox(controls), self.message, figure, self.summary])
        self.add_class("alliancekit-explorer")

    def show_problem(self, text: str) -> None:
        self.message.value = f'<span role="alert" style="color:#D55E00"><b>Cannot show that:</b> {html.escape(text)}</span>'

    def clear_problem(self) -> None:
        self.message.value = ""


def _redraw(figure: go.FigureWidget, new: go.Figure) -> None:
    """Copy the data and labels of ``new`` into the live figure in one message to the browser."""
    with figure.batch_update():
        for trace, new_trace in zip(figure.data, new.data):
            trace.x = new_trace.x
            trace.y = new_trace.y
            trace.hovertext = new_trace.hovertext
        figure.layout.title = new.layout.title
        figure.layout.annotations = new.layout.annotations


def _safely(explorer: Explorer, update: Callable[[], None]) -> Callable:
    def on_change(_change=None):
        try:
            update()
            explorer.clear_problem()
        except models.SelectionError as exc:
            explorer.show_problem(str(exc))
        except Exception as exc:  # a widget must never print a traceback at a student
            explorer.show_problem(f"something went wrong drawing this figure ({exc.__class__.__name__}: {exc}). "
                                  "Your selection is kept; try another one.")
    return on_change


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
        _redraw(figure, charts.timeline_figure(chosen, categories, title(start, end)))
        explorer.summary.value = html.escape(charts.timeline_summary(chosen, start, end, kind.value))

    on_change = _safely(explorer, update)
    years.observe(on_change, names="value")
    kind.observe(on_change, names="value")
    explorer.refresh = on_change
    on_change()
    return explorer
