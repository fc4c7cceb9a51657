"""Explorers for lesson 05 (leverage and sanctions): a UN vote explorer, vote agreement between two states,
and the capability (CINC) of a patron and its client."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from .. import data
from ..charts import sanctions as charts
from ..models import SelectionError
from ..models import sanctions as model
from .base import Explorer, redraw, safely, summary_html


def _rollcalls() -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The roll-calls with readable sources, the official tallies, and the complete roll-calls (by date)."""
    votes = data.with_source_labels(data.load("un_votes"))
    tallies = data.load("ga_resolutions")
    return votes, tallies, model.complete_rollcalls(votes, tallies)


def _resolution_label(resolution: str, tallies: pd.DataFrame) -> str:
    row = tallies[tallies["resolution"].astype(str) == resolution].iloc[0]
    title = str(row["title"])
    title = title if len(title) <= 45 else title[:42] + "..."
    return f"{resolution.replace('A/RES/', '')} ({row['date']:%d %b %Y}): {title}"


def _state_options(votes: pd.DataFrame) -> list[tuple[str, str]]:
    names = votes.drop_duplicates("iso3").sort_values("country")
    return [(f"{c} ({i})", i) for c, i in zip(names["country"], names["iso3"])]


def unsc_explorer(show: str = "all") -> Explorer:
    """The Security Council's votes on North Korea sanctions: all, the adopted resolutions, or the vetoed drafts.

    Each resolution is counted once, however many sources the table has for it.
    """
    unsc = model.unsc_by_resolution(data.with_source_labels(data.load("unsc_resolutions")))
    which = widgets.Dropdown(options=[("all votes", "all"), ("adopted resolutions", "adopted"),
                                      ("vetoed drafts", "vetoed")], value=show, description="Show")
    figure = go.FigureWidget(charts.unsc_votes_figure(unsc))
    explorer = Explorer([which], figure)

    def update() -> None:
        chosen = model.select_unsc(unsc, which.value)
        redraw(figure, charts.unsc_votes_figure(chosen))
        explorer.summary.value = summary_html(charts.unsc_summary(chosen))

    on_change = safely(explorer, update)
    which.observe(on_change, names="value")
    explorer.refresh = on_change
    on_change()
    return explorer


def un_vote_explorer(resolution: str | None = None, highlight: str = "PRK") -> Explorer:
    """Pick a General Assembly resolution: how many states voted each way, and every state's vote in a strip.

    Only complete roll-calls (whose counts equal the official tally) are offered. ``highlight`` (ISO3)
    marks one state with a star; pick "(none)" to mark none.
    """
    votes, tallies, complete = _rollcalls()
    chosen_resolution = resolution or (complete[-1] if complete else None)
    which = widgets.Dropdown(options=[(_resolution_label(r, tallies), r) for r in complete],
                             value=chosen_resolution if chosen_resolution in complete else None,
                             description="Resolution", layout=widgets.Layout(width="520px"))
    state = widgets.Dropdown(options=[("(none)", "")] + _state_options(votes), value=highlight or "",
                             description="Mark state", layout=widgets.Layout(width="380px"))

    def draw(res: str | None, iso3: str) -> go.Figure:
        if res is None:
            raise SelectionError("The kit's data has no complete General Assembly roll-call yet.")
        rollcall = model.votes_on(votes, res)
        title = f"How the General Assembly voted on {res} ({rollcall.shape[0]} member states)"
        return charts.rollcall_figure(rollcall, res, title, iso3 or None), charts.rollcall_summary(rollcall, res, iso3 or None)

    empty = pd.DataFrame(columns=["country", "iso3", "vote", "source_label"])
    figure = go.FigureWidget(charts.rollcall_figure(empty, "no resolution", "How the General Assembly voted"))
    explorer = Explorer([which, state], figure)

    drawn = {"resolution": None}

    def update() -> None:
        if which.value is not None and which.value == drawn["resolution"]:
            # only the marked state changed: move the star, leave the 193 points as they are
            rollcall = model.votes_on(votes, which.value)
            star = charts.highlight_trace(rollcall, state.value or None)
            figure.data[-1].update(star.to_plotly_json(), overwrite=True)
            text = charts.rollcall_summary(rollcall, which.value, state.value or None)
        else:
            new, text = draw(which.value, state.value)
            redraw(figure, new)
            drawn["resolution"] = which.value
        explorer.summary.value = summary_html(text)

    on_change = safely(explorer, update)
    which.observe(on_change, names="value")
    state.observe(on_change, names="value")
    explorer.refresh = on_change
    on_change()
    return explorer


def agreement_explorer(state_a: str = "CHN", state_b: str = "PRK") -> Explorer:
    """Pick two states: how often they voted alike, over the complete roll-calls where both cast a vote."""
    votes, _tallies, complete = _rollcalls()
    options = _state_options(votes)
    first = widgets.Dropdown(options=options, value=state_a, description="State A", layout=widgets.Layout(width="380px"))
    second = widgets.Dropdown(options=options, value=state_b, description="State B", layout=widgets.Layout(width="380px"))
    names = dict((i, label.rsplit(" (", 1)[0]) for label, i in options)

    def draw(a: str, b: str):
        if not complete:
            raise SelectionError("The kit's data has no complete General Assembly roll-call yet.")
        result = model.agreement(votes, a, b, complete)  # raises the plain message for a == b or no shared vote
        pairs = model.vote_pairs(votes, a, b, complete)
        title = (f"{names[a]} and {names[b]} voted alike on {result.same} of {result.shared} resolutions "
                 f"({100 * result.share:.0f}%)")
        return charts.agreement_figure(pairs, names[a], names[b], title), charts.agreement_summary(result, names[a], names[b])

    blank = pd.DataFrame(columns=["resolution", "vote_a", "vote_b", "source_a", "source_b"])
    figure = go.FigureWidget(charts.agreement_figure(blank, "State A", "State B", "Vote agreement"))
    explorer = Explorer([first, second], figure)

    def update() -> None:
        new, text = draw(first.value, second.value)
        redraw(figure, new)
        explorer.summary.value = summary_html(text)

    on_change = safely(explorer, update)
    first.observe(on_change, names="value")
    second.observe(on_change, names="value")
    explorer.refresh = on_change
    on_change()
    return explorer


PATRON_CHOICES = [("Russia/USSR", "365"), ("China", "710"), ("United States", "2"), ("Japan", "740"),
                  ("South Korea", "732"), ("North Korea", "731"), ("Ukraine", "369")]


def capability_explorer(patron: str = "365", client: str = "731", version: str = "7.0",
                        start: int = 1948, end: int = 2022) -> Explorer:
    """Pick a patron and a client (COW codes), an NMC version and years: their CINC and the ratio of the two."""
    capabilities = data.load("capabilities")
    labels = data.with_source_labels(pd.DataFrame({"source_id": ["cow_nmc_v7_0", "cow_nmc_v6_0"]}))
    source_of = {"7.0": labels["source_label"].iloc[0], "6.0": labels["source_label"].iloc[1]}
    names = {code: name for name, code in PATRON_CHOICES}
    first = widgets.Dropdown(options=PATRON_CHOICES, value=patron, description="Patron")
    second = widgets.Dropdown(options=PATRON_CHOICES, value=client, description="Client")
    which = widgets.Dropdown(options=[("NMC 7.0 (to 2022)", "7.0"), ("NMC 6.0 (to 2016)", "6.0")], value=version,
                             description="Version")
    years = widgets.IntRangeSlider(value=(start, end), min=1900, max=2022, step=1, description="Years",
                                   continuous_update=False, layout=widgets.Layout(width="420px"))
    log = widgets.Checkbox(value=True, description="log scale (CINC)")

    def draw():
        ratio = model.capability_ratio(capabilities, first.value, second.value, which.value, *years.value)
        a, b = names[first.value], names[second.value]
        return (charts.capability_figure(ratio, a, b, which.value, source_of[which.value], log.value),
                charts.capability_summary(ratio, a, b))

    initial = model.capability_ratio(capabilities, "365", "731", "7.0", 1948, 2022)
    figure = go.FigureWidget(charts.capability_figure(initial, "Russia/USSR", "North Korea", "7.0", source_of["7.0"]))
    explorer = Explorer([first, second, which, years, log], figure)

    def update() -> None:
        new, text = draw()
        redraw(figure, new)
        explorer.summary.value = summary_html(text)

    on_change = safely(explorer, update)
    for control in explorer.controls:
        control.observe(on_change, names="value")
    explorer.refresh = on_change
    on_change()
    return explorer
