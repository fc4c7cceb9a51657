"""The figures of lesson 02 (artillery): inventories by source, the shell gap, and NMC capabilities.

Each function takes the tables the models return and gives a plotly Figure with a fixed set of traces
(so an explorer can redraw in place), a title, axis titles with units, a source line under the plot and
hover text naming the source of every point. Each ``*_summary`` gives the one-sentence description
shown under the figure for screen-reader users.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from .. import palette
from ..models import artillery as m
from .base import FONT, TEMPLATE, source_line, wrap


def _n(value: float) -> str:
    return f"{value:,.0f}"


# --- inventories -----------------------------------------------------------------------------------

QUALIFIER_WORDS = {"exact": "", "about": "about ", "at_least": "at least ", "up_to": "up to "}


def _figure_text(row) -> str:
    low, high = row["value_low"], row["value_high"]
    if pd.notna(high) and high != low:
        return f"{_n(low)}\u2013{_n(high)}"
    return QUALIFIER_WORDS.get(row["qualifier"], "") + _n(low)


def inventory_figure(estimates: pd.DataFrame, country: str, category: str) -> go.Figure:
    """Each source's estimate for one country and category by year, one trace per publisher family.

    ``estimates`` comes from :func:`models.artillery.inventory_estimates` (with ``source_label``).
    A range is drawn as a bar from its low to its high figure; an "at least" figure as an upward
    triangle-open marker outline. Seven traces, always (empty where a family has no figure).
    """
    fig = go.Figure()
    for i, family in enumerate(m.SOURCE_FAMILIES):
        rows = estimates[estimates["family"] == family]
        spread = [(h - lo) if pd.notna(h) else 0.0 for lo, h in zip(rows["value_low"], rows["value_high"])]
        hover = [
            f"<b>{r['year']}: {_figure_text(r)} pieces</b><br>Counted by: {wrap(r['original_source'])}"
            f"<br>What it counts: {wrap(r['definition_note'])}<br><i>Source: {wrap(r.get('source_label', r['source_id']))}</i>"
            for _, r in rows.iterrows()
        ]
        fig.add_trace(go.Scatter(
            x=list(rows["year"]), y=list(rows["value_low"]), mode="markers", name=family,
            error_y=dict(type="data", symmetric=False, array=spread, arrayminus=[0.0] * len(spread),
                         color=palette.colour(i), thickness=2, width=6),
            hovertext=hover, hoverinfo="text",
            marker=dict(size=12, color=palette.colour(i), symbol=palette.symbol(i), line=dict(width=1, color="#222")),
        ))
    name = m.COUNTRY_NAMES.get(country, country)
    fig.update_layout(
        title=dict(text=f"{name}: {m.CATEGORY_NAMES.get(category, category)}, each source's estimate"),
        font=FONT, template=TEMPLATE, height=460, margin=dict(l=80, r=20, t=60, b=130),
        xaxis=dict(title="Year the estimate refers to", dtick=2),
        yaxis=dict(title="Artillery pieces (launchers for MRL)", rangemode="tozero"),
        legend=dict(title="Who counted"),
        annotations=[source_line(
            f"Source: Alliance Kit artillery table (data/artillery.csv), {len(estimates)} figures from "
            f"{estimates['source_id'].nunique() if len(estimates) else 0} cited pages; hover for each source and "
            "what it counts.<br>Bars span a source's low-high range; nothing is averaged. The op-ed's figure is a claim.",
            y=-0.18)],
    )
    return fig


def inventory_summary(estimates: pd.DataFrame, country: str, category: str) -> str:
    """One sentence describing the inventory figure."""
    name = m.COUNTRY_NAMES.get(country, country)
    what = m.CATEGORY_NAMES.get(category, category)
    if estimates.empty:
        return f"The figure shows no estimates of {what} for {name}."
    highs = estimates["value_high"].fillna(estimates["value_low"])
    return (f"The figure shows {len(estimates)} estimates of {what} for {name} from "
            f"{estimates['family'].nunique()} kinds of source, {estimates['year'].min()} to {estimates['year'].max()}, "
            f"ranging from {_n(estimates['value_low'].min())} to {_n(highs.max())} pieces.")


# --- the shell gap ---------------------------------------------------------------------------------


def shell_gap_figure(path: pd.DataFrame, days: float | None, stockpile_shells: float, sources: dict[str, str]) -> go.Figure:
    """The stockpile drawn down over time, with the day it runs out marked.

    ``path`` comes from :func:`models.artillery.stockpile_path`; ``days`` from ``days_sustained``
    (None: never runs out); ``sources`` maps each input (stockpile, fire, production, deliveries) to
    the row it came from, or to "your own value" when a slider overrides it. Two traces, always.
    """
    used = "<br>".join(f"{k}: {wrap(v, 90)}" for k, v in sources.items())
    hover = [f"<b>Day {d:,.0f}: {_n(s)} shells left</b><br>{used}" for d, s in zip(path["day"], path["shells_left"])]
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=list(path["day"]), y=list(path["shells_left"]), mode="lines", name="shells left",
        line=dict(color=palette.colour(0), width=3), hovertext=hover, hoverinfo="text",
    ))
    runs_out = [] if days is None else [days]
    fig.add_trace(go.Scatter(
        x=runs_out, y=[0] * len(runs_out), mode="markers+text", name="runs out",
        text=[f"runs out: day {d:,.0f}" for d in runs_out], textposition="top right",
        marker=dict(size=14, color=palette.colour(5), symbol=palette.symbol(5), line=dict(width=1, color="#222")),
        hovertext=[f"<b>The stockpile is gone after {d:,.0f} days ({d / m.DAYS_PER_MONTH:,.1f} months)</b><br>{used}"
                   for d in runs_out], hoverinfo="text",
    ))
    line = "; ".join(f"{k}: {v}" for k, v in sources.items())
    fig.update_layout(
        title=dict(text=f"How long {_n(stockpile_shells)} shells last" + (" (never run out)" if days is None else "")),
        font=FONT, template=TEMPLATE, height=440, margin=dict(l=90, r=20, t=60, b=150), showlegend=False,
        xaxis=dict(title="Days from the start", rangemode="tozero"),
        yaxis=dict(title="Shells left in the stockpile", rangemode="tozero"),
        annotations=[source_line(
            "Rows used (Alliance Kit shells table, data/shells.csv; data.cite(source_id) for each):<br>"
            + "<br>".join(wrap(line, 150).split("<br>")[:4])
            + "<br>Rates per year or month are converted at 365 days a year; a straight line assumes constant rates.",
            y=-0.2)],
    )
    return fig


def shell_gap_summary(stockpile_shells: float, fired_per_day: float, produced_per_day: float,
                      delivered_per_day: float, days: float | None) -> str:
    """One sentence: the inputs and how long the stockpile lasts."""
    inputs = (f"a stockpile of {_n(stockpile_shells)} shells, {_n(fired_per_day)} fired a day, "
              f"{_n(produced_per_day)} produced a day and {_n(delivered_per_day)} delivered a day")
    if days is None:
        return (f"With {inputs}, supply meets or exceeds fire, so the stockpile never runs out; "
                "the line stays flat or rises.")
    return f"With {inputs}, the stockpile lasts {days:,.0f} days (about {days / m.DAYS_PER_MONTH:,.1f} months)."


# --- capabilities (COW NMC) ------------------------------------------------------------------------


def _unit_title(unit: str, indicator: str) -> str:
    return f"{m.INDICATOR_NAMES.get(indicator, indicator).capitalize()} ({unit})"


def nmc_figure(series: pd.DataFrame, states: list[str], indicator: str, nmc_version: str,
                      ratio: pd.DataFrame | None = None, log_scale: bool = False) -> go.Figure:
    """NMC values for two states over time (levels), or state A divided by state B (ratio).

    Three traces, always: state A, state B, the ratio (the ones not shown are empty). Missing years stay
    gaps in the line, never zeros. When North Korea's military expenditure from 1958 is shown, an
    annotation marks its outlier.
    """
    fig = go.Figure()
    for i, state in enumerate(states[:2]):
        rows = series[series["state"] == state] if ratio is None else series.iloc[0:0]
        hover = [f"<b>{m.state_name(state)}, {y}</b><br>{'missing in NMC' if pd.isna(v) else f'{v:,.6g} {u}'}"
                 f"<br><i>Source: {wrap(s)}</i>" for y, v, u, s in
                 zip(rows["year"], rows["value"], rows["unit"], rows.get("source_label", rows["source_id"]))]
        fig.add_trace(go.Scatter(
            x=list(rows["year"]), y=[None if pd.isna(v) else v for v in rows["value"]], mode="lines+markers",
            name=m.state_name(state), connectgaps=False, hovertext=hover, hoverinfo="text",
            line=dict(color=palette.colour(i), dash="solid" if i == 0 else "dash"),
            marker=dict(size=6, color=palette.colour(i), symbol=palette.symbol(i)),
        ))
    rows = ratio if ratio is not None else pd.DataFrame(columns=["year", "value_a", "value_b", "ratio"])
    label = series["source_label"].iloc[0] if "source_label" in series and len(series) else f"COW NMC {nmc_version}"
    a, b = (m.state_name(s) for s in (states + states)[:2])
    hover = [f"<b>{y}: {a} / {b} = {'missing' if pd.isna(r) else f'{r:,.3g}'}</b><br>{a}: {va:,.6g}; {b}: {vb:,.6g}"
             f"<br><i>Source: {wrap(label)}</i>" for y, va, vb, r in
             zip(rows["year"], rows["value_a"], rows["value_b"], rows["ratio"])]
    fig.add_trace(go.Scatter(
        x=list(rows["year"]), y=[None if pd.isna(r) else r for r in rows["ratio"]], mode="lines+markers",
        name=f"{a} / {b}", connectgaps=False, hovertext=hover, hoverinfo="text",
        line=dict(color=palette.colour(2)), marker=dict(size=6, color=palette.colour(2), symbol=palette.symbol(2)),
    ))
    unit = series["unit"].iloc[0] if len(series) else ""
    what = m.INDICATOR_NAMES.get(indicator, indicator)
    if ratio is None:
        title = f"{what.capitalize()}: {' and '.join(m.state_name(s) for s in states[:2])} (NMC {nmc_version})"
        y_title = _unit_title(unit, indicator)
    else:
        title = f"{what.capitalize()}: {a} divided by {b} (NMC {nmc_version})"
        y_title = f"Ratio {a} / {b} (no unit; 1 = equal)"
    notes = []
    shown = series if ratio is None else series[series["state"].isin(states[:2])]
    if indicator == "milex" and "PRK" in states[:2] and 1958 in set(shown.loc[shown["state"] == "PRK", "year"]):
        value = shown[(shown["state"] == "PRK") & (shown["year"] == 1958)]["value"].iloc[0]
        if ratio is None and pd.notna(value):
            notes.append(dict(x=1958, y=math.log10(value) if log_scale else value, text="1958: outlier, ~10x its neighbours",
                              showarrow=True, arrowhead=2, ax=60, ay=-30, font=dict(size=11)))
    n_missing = int(shown["value"].isna().sum())
    fig.update_layout(
        title=dict(text=title, y=0.97, yanchor="top"), font=FONT, template=TEMPLATE, height=460,
        margin=dict(l=90, r=20, t=95, b=130),
        xaxis=dict(title="Year"), yaxis=dict(title=y_title, type="log" if log_scale else "linear"),
        legend=dict(orientation="h", y=1.02, yanchor="bottom"),
        annotations=notes + [source_line(
            f"Source: {wrap(label, 140)}; Alliance Kit capabilities table (data/capabilities.csv).<br>"
            f"Gaps are years NMC leaves empty ({n_missing} here): missing, not zero. Nominal values; one NMC version only.",
            y=-0.2)],
    )
    return fig


def nmc_summary(series: pd.DataFrame, states: list[str], indicator: str, nmc_version: str,
                       ratio: pd.DataFrame | None = None) -> str:
    """One sentence describing the capability figure, including how many years are missing."""
    what = m.INDICATOR_NAMES.get(indicator, indicator)
    years = f"{series['year'].min()}\u2013{series['year'].max()}"
    gaps = {m.state_name(s): len(m.missing_years(series, s)) for s in states[:2]}
    gap_text = ", ".join(f"{k} {v}" for k, v in gaps.items())
    if ratio is not None:
        r = ratio.dropna(subset=["ratio"])
        if r.empty:
            return f"The figure shows no ratio of {what}: one of the two states has no values in {years} (NMC {nmc_version})."
        last = r.iloc[-1]
        return (f"The figure shows {m.state_name(states[0])}'s {what} divided by {m.state_name(states[1])}'s, {years} "
                f"(NMC {nmc_version}); in {int(last['year'])} the ratio is {last['ratio']:,.2f}. Missing years: {gap_text}.")
    return (f"The figure shows {what} of {' and '.join(m.state_name(s) for s in states[:2])}, {years} "
            f"(NMC {nmc_version}, {series['unit'].iloc[0]}). Missing years: {gap_text}.")
