"""Figures for the op-ed in hindsight (lessons 06 and 07): the claims ledger and the reported deliveries."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import palette
from ..models.hindsight import CLAIM_TYPES, VERDICTS
from .base import FONT, TEMPLATE, source_line, wrap

# Bars differ by fill pattern as well as colour, so the kinds of claim stay apart without colour.
PATTERNS = ("", "/", "\\", "x", ".")


def _nice(text: str) -> str:
    return str(text).replace("_", " ")


def _sources_hover(labels: list[str], most: int = 3) -> str:
    unique = list(dict.fromkeys(l for ls in labels for l in str(ls).split(" | ") if l))
    shown = "<br>".join(wrap(l, 70) for l in unique[:most])
    more = f"<br>... and {len(unique) - most} more" if len(unique) > most else ""
    return f"<i>Sources:</i><br>{shown}{more}" if unique else "<i>Sources:</i> none"


def claims_figure(claims: pd.DataFrame, title: str) -> go.Figure:
    """The op-ed's claims counted by verdict (x) and kind of claim (stacked bars, one trace per kind).

    ``claims`` needs claim_id, claim_type, verdict and source_labels (the claim's sources, " | "-joined).
    All five kinds always get a trace (empty bars where nothing matches), so an explorer redraws in place.
    """
    fig = go.Figure()
    verdicts = [_nice(v) for v in VERDICTS]
    cells: dict[tuple[str, str], list] = {}
    for claim_id, kind, verdict, labels in zip(claims["claim_id"], claims["claim_type"].astype(str),
                                               claims["verdict"].astype(str), claims["source_labels"]):
        cells.setdefault((kind, verdict), []).append((str(claim_id), labels))
    for i, kind in enumerate(CLAIM_TYPES):
        counts, hovers = [], []
        for verdict in VERDICTS:
            rows = cells.get((kind, verdict), [])
            counts.append(len(rows))
            ids = ", ".join(r[0] for r in rows)
            hovers.append(f"<b>{_nice(verdict)} \u00b7 {kind}</b>: {len(rows)} claim(s)<br>{wrap(ids, 70)}<br>"
                          + _sources_hover([r[1] for r in rows]))
        fig.add_trace(go.Bar(
            x=verdicts, y=counts, name=kind, hovertext=hovers, hoverinfo="text",
            marker=dict(color=palette.colour(i), pattern=dict(shape=PATTERNS[i], fgcolor="#222"),
                        line=dict(width=1, color="#222")),
        ))
    fig.update_layout(
        title=dict(text=title), font=FONT, template=TEMPLATE, height=430, barmode="stack",
        margin=dict(l=70, r=20, t=60, b=120), legend=dict(title="Kind of claim"),
        xaxis=dict(title="Verdict (the kit's reading of the evidence)", categoryorder="array", categoryarray=verdicts),
        yaxis=dict(title="Number of claims (count)", rangemode="tozero", dtick=2),
        annotations=[source_line(
            f"Source: Alliance Kit claims ledger (data/claims.csv, sources in data/claim_sources.csv), {len(claims)} claims "
            "of Cohen (Newsweek, Sept 2023); "
            "each claim cites its own sources (hover, or see the list below).", y=-0.22)],
    )
    return fig


def claims_summary(claims: pd.DataFrame, verdict: str, claim_type: str, excerpt_id: str) -> str:
    """One sentence describing the claims figure."""
    parts = [p for p in (
        "" if verdict == "all" else f"verdict '{_nice(verdict)}'",
        "" if claim_type == "all" else f"kind '{claim_type}'",
        "" if excerpt_id == "all" else f"excerpt {excerpt_id}") if p]
    which = "all the op-ed's claims" if not parts else "the claims with " + " and ".join(parts)
    if claims.empty:
        return f"The figure shows no bars: none of {which} exists in the ledger."
    counts = claims["verdict"].astype(str).value_counts()
    spread = ", ".join(f"{n} {_nice(v)}" for v, n in counts.items() if n)
    return f"The figure counts {len(claims)} of {which}: {spread}."


_QUALIFIER_SYMBOL = {"at_least": "triangle-up", "up_to": "triangle-down", "about": "circle", "exact": "square"}


def deliveries_figure(rows: pd.DataFrame, unit: str, title: str) -> go.Figure:
    """North Korean deliveries to Russia as reported over time: single figures, ranges, alternative loads.

    ``rows`` comes from :func:`models.hindsight.north_korean_deliveries` with a source_label column.
    Three traces, always: single figures (symbol by qualifier: triangle-up "at least", triangle-down
    "up to", circle "about", square "exact"), ranges (a low-high bar) and alternative conversions
    (dashed low-high: all 122 mm or all 152 mm, which must not be added).
    """
    fig = go.Figure()
    single = rows[rows["kind"] == "single"]
    fig.add_trace(go.Scatter(
        x=list(single["date"]), y=list(single["value_low"]), mode="markers", name="reported figure",
        marker=dict(size=12, color=palette.colour(0), line=dict(width=1, color="#222"),
                    symbol=[_QUALIFIER_SYMBOL.get(str(q), "circle") for q in single["qualifier"]]),
        hovertext=[f"<b>{d:%d %b %Y}</b>: {_nice(q)} {v:,.0f} {unit}<br>{wrap(p)}<br><i>Source: {wrap(s)}</i>"
                   for d, q, v, p, s in zip(single["date"], single["qualifier"], single["value_low"],
                                            single["period"], single["source_label"])],
        hoverinfo="text",
    ))
    for i, (kind, name, dash) in enumerate((("range", "range from one source (low\u2013high)", "solid"),
                                             ("alternative", "alternative loads: all 122 mm (low) or all 152 mm (high), never added", "dash"))):
        part = rows[rows["kind"] == kind]
        xs, ys, hover = [], [], []
        for _, r in part.iterrows():
            text = (f"<b>{r['date']:%d %b %Y}</b>: {r['value_low']:,.0f} to {r['value_high']:,.0f} {unit}"
                    f"<br>{wrap(r['period'])}<br>{wrap(r['note'] if kind == 'alternative' else '')}"
                    f"<br><i>Source: {wrap(r['source_label'])}</i>")
            xs += [r["date"], r["date"], None]
            ys += [r["value_low"], r["value_high"], None]
            hover += [text, text, None]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers", name=name, hovertext=hover, hoverinfo="text",
            line=dict(color=palette.colour(i + 1), width=3, dash=dash),
            marker=dict(size=10, color=palette.colour(i + 1), symbol=palette.symbol(i + 1), line=dict(width=1, color="#222")),
        ))
    axis_unit = "containers" if unit == "containers" else "artillery shells"
    n_sources = rows["source_id"].nunique() if len(rows) else 0
    fig.update_layout(
        title=dict(text=title), font=FONT, template=TEMPLATE, height=440,
        margin=dict(l=90, r=20, t=60, b=130), legend=dict(orientation="h", y=-0.32, x=0),
        xaxis=dict(title="Date of the report", type="date"),
        yaxis=dict(title=f"Cumulative deliveries ({axis_unit})", rangemode="tozero", tickformat=",.0f"),
        annotations=[source_line(
            f"Source: Alliance Kit shells table (data/shells.csv), {len(rows)} reported figures from {n_sources} sources; "
            "shell numbers are conversions of container counts by whoever made them; hover for each source.", y=-0.2)],
    )
    return fig


def deliveries_summary(rows: pd.DataFrame, unit: str) -> str:
    """One sentence describing the deliveries figure."""
    if rows.empty:
        return f"The figure shows no reported deliveries in {unit}."
    last = rows.sort_values("date").iloc[-1]
    top = rows["value_high"].fillna(rows["value_low"]).combine(rows["value_low"], max).max()
    return (f"The figure shows {len(rows)} reported figures for North Korean deliveries to Russia in {unit}, "
            f"from {rows['date'].min():%B %Y} to {rows['date'].max():%B %Y}; the latest, {last['date']:%B %Y}, "
            f"is {last['value_low']:,.0f} ({_nice(last['qualifier'])}) and the highest figure shown is {top:,.0f}.")
