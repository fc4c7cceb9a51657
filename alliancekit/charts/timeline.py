"""The timeline of events (lesson 01)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import palette
from .base import FONT, TEMPLATE, source_line, wrap


def timeline_figure(events: pd.DataFrame, categories: list[str], title: str) -> go.Figure:
    """Events as points on a time axis, one row and one trace per category.

    ``events`` needs the columns date, event, category, source_label. Every category in
    ``categories`` gets a trace, even an empty one, so a widget can update traces in place.
    """
    fig = go.Figure()
    for i, category in enumerate(categories):
        rows = events[events["category"].astype(str) == category]
        hover = [
            f"<b>{d:%d %b %Y}</b><br>{wrap(e)}<br><i>Source: {wrap(s)}</i>"
            for d, e, s in zip(rows["date"], rows["event"], rows["source_label"])
        ]
        fig.add_trace(
            go.Scatter(
                x=list(rows["date"]), y=[category.replace("_", " ")] * len(rows), mode="markers",
                name=category.replace("_", " "), hovertext=hover, hoverinfo="text",
                marker=dict(size=12, color=palette.colour(i), symbol=palette.symbol(i), line=dict(width=1, color="#222")),
            )
        )
    sources = events["source_label"].nunique() if len(events) else 0
    fig.update_layout(
        title=dict(text=title), font=FONT, template=TEMPLATE, height=420,
        margin=dict(l=110, r=20, t=60, b=110), showlegend=False,
        xaxis=dict(title="Date", type="date"),
        yaxis=dict(title="Kind of event", categoryorder="array", categoryarray=[c.replace("_", " ") for c in categories]),
        annotations=[source_line(
            f"Source: Alliance Kit events table (data/events.csv), {len(events)} events from {sources} cited sources; "
            "hover over a point for its source."
        )],
    )
    return fig


def timeline_summary(events: pd.DataFrame, start_year: int, end_year: int, category: str) -> str:
    """One sentence describing the timeline figure, for screen-reader users.

    Written to read as plain English for any count and kind: "28 events of every kind", "1 event of the
    kind 'troops'", "no event of the kind 'treaty'".
    """
    kind = "of every kind" if category == "all" else f"of the kind '{category.replace('_', ' ')}'"
    if events.empty:
        return f"The figure shows no event {kind} between {start_year} and {end_year}."
    first, last = events["date"].min(), events["date"].max()
    noun = "event" if len(events) == 1 else "events"
    span = f"on {first:%d %B %Y}" if first == last else f"from {first:%d %B %Y} to {last:%d %B %Y}"
    return f"The figure shows {len(events)} {noun} {kind} between {start_year} and {end_year}, {span}."
