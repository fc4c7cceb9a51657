"""What every explorer shares: the layout, the message line, the safe redraw.

An explorer never shows a Python traceback: an impossible selection, or an unexpected failure, gives
a plain message above the figure and keeps the student's controls and the last good figure as they were.
"""

from __future__ import annotations

import html
import sys
from typing import Callable

# plotly's widget imports nbformat, whose jsonschema then builds a large grammar (rfc3987_syntax) for IRI format
# checks that nothing in a lesson uses: 0.8 s of every lesson's start. Marking it absent makes jsonschema skip
# that one format check; if something imported it already, it stays.
sys.modules.setdefault("rfc3987_syntax", None)

import ipywidgets as widgets
import plotly.graph_objects as go

from ..models import SelectionError


class Explorer(widgets.VBox):
    """Controls, a message line, a figure and a one-sentence text summary, stacked.

    ``controls`` and ``figure`` are kept as attributes so tests (and curious students) can move a
    control from code and read the figure's data.
    """

    def __init__(self, controls: list[widgets.Widget], figure: go.FigureWidget):
        self.controls = controls
        self.figure = figure
        self.message = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.summary = widgets.HTML()
        self.summary.add_class("alliancekit-summary")
        super().__init__([widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap")),
                          self.message, figure, self.summary])
        self.add_class("alliancekit-explorer")

    def show_problem(self, text: str) -> None:
        self.message.value = (f'<span role="alert" style="color:#D55E00"><b>Cannot show that:</b> '
                              f"{html.escape(text)}</span>")

    def clear_problem(self) -> None:
        self.message.value = ""


def redraw(figure: go.FigureWidget, new: go.Figure) -> None:
    """Copy the traces and labels of ``new`` into the live figure, in one message to the browser.

    Traces are matched by position; ``new`` must have the same number of traces as ``figure``
    (chart functions keep a fixed set of traces, empty where nothing is selected, for this reason).
    """
    if len(new.data) != len(figure.data):
        raise ValueError(f"the new figure has {len(new.data)} traces, the live one {len(figure.data)}")
    with figure.batch_update():
        for trace, new_trace in zip(figure.data, new.data):
            trace.update(new_trace.to_plotly_json(), overwrite=True)
        layout = new.layout.to_plotly_json()
        layout.pop("template", None)  # unchanged between redraws, and validating it costs ~20 ms each time
        figure.layout.update(layout, overwrite=True)


def safely(explorer: Explorer, update: Callable[[], None]) -> Callable:
    """Wrap an explorer's update so a student sees a plain message, never a traceback."""

    def on_change(_change=None):
        try:
            update()
            explorer.clear_problem()
        except SelectionError as exc:
            explorer.show_problem(str(exc))
        except Exception as exc:  # a widget must never print a traceback at a student
            explorer.show_problem(f"something went wrong drawing this figure ({exc.__class__.__name__}: {exc}). "
                                  "Your selection is kept; try another one.")

    return on_change


def summary_html(text: str) -> str:
    """The one-sentence description under a figure, for screen-reader users."""
    return html.escape(text)
