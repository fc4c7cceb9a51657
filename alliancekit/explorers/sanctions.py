"""Explorers for lesson 05 (leverage and sanctions): a UN vote explorer, who votes with whom in the General Assembly,
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


def agreement_explorer(reference: str = "RUS", states=model.ALIGNMENT_STATES) -> Explorer:
    """Who votes with whom: every chosen state's vote on every complete General Assembly roll-call, in a grid,
    with how often each voted as ``reference`` did (only resolutions where both cast a vote count).

    Answers the lesson's question "how do General Assembly votes line up Russia, China and North Korea?":
    pick the state to compare with, and the states to show (hold Ctrl or Cmd to pick several).
    """
    votes, _tallies, complete = _rollcalls()
    options = _state_options(votes)
    names = dict((i, charts.short_country(label.rsplit(" (", 1)[0])) for label, i in options)
    chosen_states = [states] if isinstance(states, str) else list(states)
    compare = widgets.Dropdown(options=options, value=reference, description="Compare with",
                               style={"description_width": "initial"}, layout=widgets.Layout(width="360px"))
    pick = widgets.SelectMultiple(options=options, value=tuple(s for s in chosen_states if s in names),
                                  rows=6, description="States", layout=widgets.Layout(width="360px"))

    def draw():
        others = [s for s in pick.value if s != compare.value]
        table = model.alignment(votes, compare.value, others, complete)  # plain messages for impossible picks
        grid = model.vote_grid(votes, [compare.value] + others, complete)
        who = names[compare.value]
        title = f"Who voted as {who} did? {len(complete)} General Assembly roll-calls on Ukraine, 2014–2023"
        return (charts.alignment_figure(grid, table, compare.value, who, title),
                charts.alignment_summary(table, who, len(complete)))

    first, text = draw()
    figure = go.FigureWidget(first)
    explorer = Explorer([compare, pick], figure)
    explorer.summary.value = summary_html(text)

    def update() -> None:
        new, text = draw()
        redraw(figure, new)
        explorer.summary.value = summary_html(text)

    on_change = safely(explorer, update)
    compare.observe(on_change, names="value")
    pick.observe(on_change, names="value")
    explorer.refresh = on_change
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
