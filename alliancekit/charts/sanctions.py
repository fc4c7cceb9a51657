"""Figures for lesson 05 (leverage and sanctions): a UN roll-call, who votes with whom in the General Assembly,
and the capability (CINC) of a patron and its client."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from .. import palette
from .base import FONT, TEMPLATE, source_line, wrap

VOTES = ("yes", "no", "abstain", "absent")
VOTE_LABELS = {"yes": "yes (in favour)", "no": "no (against)", "abstain": "abstain", "absent": "absent (did not vote)"}
# A colour, a marker shape and a bar pattern per vote, so votes stay apart without colour.
VOTE_STYLE = {
    "yes": (palette.OKABE_ITO[0], "circle", ""),
    "no": (palette.OKABE_ITO[5], "x", "x"),
    "abstain": (palette.OKABE_ITO[1], "diamond", "/"),
    "absent": (palette.OKABE_ITO[3], "square-open", "."),
}
# The UN's long official names, shortened where they would crowd a row label at notebook width.
SHORT_NAMES = {
    "Democratic People\u2019s Republic of Korea": "North Korea", "Democratic People's Republic of Korea": "North Korea",
    "Republic of Korea": "South Korea", "United States of America": "United States", "Russian Federation": "Russia",
    "United Kingdom of Great Britain and Northern Ireland": "United Kingdom", "Syrian Arab Republic": "Syria",
    "Iran (Islamic Republic of)": "Iran", "Venezuela (Bolivarian Republic of)": "Venezuela",
    "Bolivia (Plurinational State of)": "Bolivia", "Lao People\u2019s Democratic Republic": "Laos",
}
NMC_NOTE = ("CINC: a state's average share of the world's military spending, military personnel, iron and steel, "
            "energy use, total and urban population (0 to 1).")


# --- one roll-call ---------------------------------------------------------------------------------


def rollcall_figure(rollcall: pd.DataFrame, resolution: str, title: str, highlight: str | None = None) -> go.Figure:
    """Left, a bar of how many states voted each way; right, a strip with every state as a point.

    ``rollcall`` is the roll-call of one resolution (country, iso3, vote, source_label). The strip puts the
    states in alphabetical order along the x axis, one row per vote; hover names the state and the source of
    its vote. ``highlight`` (ISO3) marks one state with a star. Always 9 traces (4 bars, 4 strips, 1 star).
    """
    ordered = rollcall.sort_values("country").reset_index(drop=True)
    ordered["rank"] = range(1, len(ordered) + 1)
    fig = go.Figure()
    counts = ordered["vote"].astype(str).value_counts()
    for vote in VOTES:
        colour, _symbol, pattern = VOTE_STYLE[vote]
        n = int(counts.get(vote, 0))
        sources = "; ".join(sorted(set(ordered.loc[ordered["vote"].astype(str) == vote, "source_label"])))
        fig.add_trace(go.Bar(
            x=[VOTE_LABELS[vote]], y=[n], name=VOTE_LABELS[vote], xaxis="x", yaxis="y", showlegend=False,
            text=[str(n)], textposition="outside",
            marker=dict(color=colour, pattern=dict(shape=pattern), line=dict(width=1, color="#222")),
            hovertext=[f"<b>{VOTE_LABELS[vote]}</b>: {n} states<br><i>Source(s): {wrap(sources or 'none')}</i>"],
            hoverinfo="text",
        ))
    for vote in VOTES:
        colour, symbol, _pattern = VOTE_STYLE[vote]
        rows = ordered[ordered["vote"].astype(str) == vote]
        fig.add_trace(go.Scatter(
            x=list(rows["rank"]), y=[VOTE_LABELS[vote]] * len(rows), mode="markers", name=VOTE_LABELS[vote],
            xaxis="x2", yaxis="y2",
            marker=dict(color=colour, symbol=symbol, size=8, line=dict(width=1, color=colour)),
            hovertext=[f"<b>{c}</b> ({i}): {vote}<br><i>Source: {wrap(s)}</i>"
                       for c, i, s in zip(rows["country"], rows["iso3"], rows["source_label"])],
            hoverinfo="text",
        ))
    fig.add_trace(highlight_trace(ordered, highlight))
    labels = [VOTE_LABELS[v] for v in VOTES]
    n_sources = ordered["source_label"].nunique() if len(ordered) else 0
    fig.update_layout(
        title=dict(text=title), font=FONT, template=TEMPLATE, height=440, showlegend=False,
        margin=dict(l=70, r=20, t=70, b=140),
        xaxis=dict(domain=[0, 0.33], title="Vote", tickangle=-25),
        yaxis=dict(domain=[0, 1], title="States (number)", range=[0, max(1, int(counts.max() if len(counts) else 1)) * 1.2]),
        xaxis2=dict(domain=[0.55, 1], anchor="y2", title="States in alphabetical order (hover for the name)",
                    range=[0, len(ordered) + 2]),
        yaxis2=dict(domain=[0, 1], anchor="x2", title="", categoryorder="array", categoryarray=labels[::-1]),
        annotations=[source_line(
            f"Source: Alliance Kit table un_votes, roll-call of {resolution} ({len(ordered)} states, "
            f"{n_sources} cited sources); hover over a point for its source.", y=-0.42)],
    )
    return fig


def highlight_trace(rollcall: pd.DataFrame, highlight: str | None) -> go.Scatter:
    """The star marking one state (ISO3) in the roll-call strip; empty when ``highlight`` is None or not listed."""
    ordered = rollcall.sort_values("country").reset_index(drop=True)
    ordered["rank"] = range(1, len(ordered) + 1)
    star = ordered[ordered["iso3"] == highlight] if highlight else ordered.iloc[0:0]
    return go.Scatter(
        x=list(star["rank"]), y=[VOTE_LABELS[str(v)] for v in star["vote"]], mode="markers+text",
        name="chosen state", xaxis="x2", yaxis="y2", showlegend=False,
        text=list(star["iso3"]), textposition="top center", cliponaxis=False,
        marker=dict(color=palette.OKABE_ITO[7], symbol="star", size=18, line=dict(width=1, color="#fff")),
        hovertext=[f"<b>{c}</b>: {v}<br><i>Source: {wrap(s)}</i>" for c, v, s in
                   zip(star["country"], star["vote"], star["source_label"])],
        hoverinfo="text",
    )


def rollcall_summary(rollcall: pd.DataFrame, resolution: str, highlight: str | None = None) -> str:
    """One sentence describing the roll-call figure."""
    counts = rollcall["vote"].astype(str).value_counts()
    parts = ", ".join(f"{int(counts.get(v, 0))} {VOTE_LABELS[v]}" for v in VOTES)
    text = f"On {resolution}, {len(rollcall)} states: {parts}."
    chosen = rollcall[rollcall["iso3"] == highlight] if highlight else rollcall.iloc[0:0]
    if len(chosen):
        text = text[:-1] + f"; {chosen['country'].iloc[0]} voted {chosen['vote'].iloc[0]} (marked with a star)."
    return text


# --- who votes with whom ---------------------------------------------------------------------------


def _short_resolution(resolution: str, date) -> str:
    """'A/RES/ES-11/1' on 2 March 2022 -> 'ES-11/1<br>2 Mar 2022' (an axis label that fits at notebook width)."""
    short = resolution.replace("A/RES/", "")
    return f"{short}<br>{date:%d %b %Y}" if not pd.isna(date) else short


def short_country(name: str) -> str:
    """A state's name as a row label can hold it: 'Democratic People's Republic of Korea' -> 'North Korea'."""
    return SHORT_NAMES.get(str(name), str(name))


def _row_label(country: str, same: int, shared: int, reference_name: str) -> str:
    country = short_country(country)
    if shared == 0:
        return f"{country}: never both voted"
    return f"{country}: {same} of {shared} as {reference_name}"


ALIGNMENT_SOURCE = ("Source: Alliance Kit table un_votes, complete roll-calls only (their counts equal the official "
                    "tally); hover for each vote's source. Absent = did not vote: a resolution where either state "
                    "was absent is left out of that row's count, not counted as disagreement.")


def alignment_figure(grid: pd.DataFrame, table: pd.DataFrame, reference: str, reference_name: str,
                     title: str) -> go.Figure:
    """A grid of votes: one row per state, one column per roll-call, one marker per vote (colour and shape).

    ``grid`` is :func:`alliancekit.models.sanctions.vote_grid` output with the reference state first;
    ``table`` is :func:`alliancekit.models.sanctions.alignment` output, whose order (most aligned first) sets
    the rows under the reference. Each row's label says how often that state voted as the reference did.
    Always 4 traces (one per vote), so an explorer can redraw in place.
    """
    labels = {reference: f"{reference_name} (compared with)"}
    for row in table.itertuples():
        labels[row.iso3] = _row_label(row.country, row.same, row.shared, reference_name)
    order = [reference] + list(table["iso3"])
    columns = list(dict.fromkeys(_short_resolution(r, d) for r, d in zip(grid["resolution"], grid["date"])))
    theirs = grid[grid["iso3"] == reference].set_index("resolution")["vote"]
    fig = go.Figure()
    for vote in VOTES:
        colour, symbol, _pattern = VOTE_STYLE[vote]
        rows = grid[(grid["vote"] == vote) & grid["iso3"].isin(order)]
        hover = []
        for r in rows.itertuples():
            same = "" if r.iso3 == reference else f"<br>{reference_name} voted {theirs.get(r.resolution, 'absent')}"
            source = f"<br><i>Source: {wrap(r.source)}</i>" if r.source else "<br><i>not listed in the roll-call's sources</i>"
            hover.append(f"<b>{short_country(r.country)}</b> on {r.resolution}: {vote}{same}{source}")
        fig.add_trace(go.Scatter(
            x=[_short_resolution(r, d) for r, d in zip(rows["resolution"], rows["date"])],
            y=[labels[i] for i in rows["iso3"]], mode="markers", name=VOTE_LABELS[vote],
            marker=dict(color=colour, symbol=symbol, size=16, line=dict(width=1.5, color=colour if vote == "absent" else "#222")),
            hovertext=hover, hoverinfo="text",
        ))
    height = 260 + 34 * len(order)  # pixels: 34 a row, the rest for title, legend, axis and source line
    fig.update_layout(
        title=dict(text=title, y=1.0, yanchor="top", yref="container", pad=dict(t=12)), font=FONT, template=TEMPLATE,
        height=height, margin=dict(l=20, r=20, t=110, b=140),
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", title=dict(text="Vote:")),
        xaxis=dict(title="Complete General Assembly roll-calls, in date order", categoryorder="array",
                   categoryarray=columns, side="bottom"),
        yaxis=dict(title=dict(text="State", standoff=6), categoryorder="array", categoryarray=[labels[i] for i in order][::-1],
                   automargin=True),
        # the row labels take the left of the figure, so the source line is wrapped to the plotting area's width
        annotations=[source_line("<br>".join(wrap(ALIGNMENT_SOURCE, 72).split("<br>")), y=-72 / (height - 250))],
    )
    return fig


def alignment_summary(table: pd.DataFrame, reference_name: str, n_resolutions: int) -> str:
    """One sentence: which states voted as the reference did, and how often, for screen-reader users."""
    parts = []
    for row in table.itertuples():
        if row.shared == 0:
            parts.append(f"{short_country(row.country)} never voted when {reference_name} did")
            continue
        left = f" ({row.left_out_absent} left out: absent)" if row.left_out_absent else ""
        parts.append(f"{short_country(row.country)} {row.same} of {row.shared}{left}")
    return (f"Over {n_resolutions} complete General Assembly roll-calls, how often each state voted as "
            f"{reference_name} did: " + "; ".join(parts) + ".")


# --- capabilities ----------------------------------------------------------------------------------


def capability_figure(ratio: pd.DataFrame, patron: str, client: str, version: str, source_label: str,
                      log_scale: bool = True) -> go.Figure:
    """Top: the CINC of a patron and a client by year; bottom: the patron's CINC divided by the client's.

    ``ratio`` is :func:`alliancekit.models.sanctions.capability_ratio` output. Missing years are gaps, never
    zeros. Vertical dotted lines mark the 1961 treaties and the end of the USSR (1991). Always 3 traces.
    """
    fig = go.Figure()
    for i, (column, name) in enumerate((("patron_cinc", patron), ("client_cinc", client))):
        fig.add_trace(go.Scatter(
            x=list(ratio["year"]), y=[None if pd.isna(v) else float(v) for v in ratio[column]],
            mode="lines+markers", name=f"{name} (CINC)", connectgaps=False, xaxis="x", yaxis="y",
            line=dict(color=palette.colour(i), width=2, dash="solid" if i == 0 else "dash"),
            marker=dict(symbol=palette.symbol(i), size=5, color=palette.colour(i)),
            hovertext=[f"<b>{name}</b>, {y}: CINC {v:.4f}<br><i>Source: {wrap(source_label)}</i>" if not pd.isna(v)
                       else f"{name}, {y}: no value" for y, v in zip(ratio["year"], ratio[column])],
            hoverinfo="text",
        ))
    fig.add_trace(go.Scatter(
        x=list(ratio["year"]), y=[None if pd.isna(v) else float(v) for v in ratio["ratio"]],
        mode="lines+markers", name=f"ratio {patron} / {client}", connectgaps=False, xaxis="x2", yaxis="y2",
        line=dict(color=palette.colour(2), width=2), marker=dict(symbol=palette.symbol(2), size=5, color=palette.colour(2)),
        hovertext=[f"<b>{y}</b>: {patron}'s CINC is {v:.1f} times {client}'s<br><i>Source: {wrap(source_label)}</i>"
                   if not pd.isna(v) else f"{y}: no ratio (a value is missing)" for y, v in zip(ratio["year"], ratio["ratio"])],
        hoverinfo="text",
    ))
    first, last = int(ratio["year"].min()), int(ratio["year"].max())
    shapes, marks = [], []
    for year, label in ((1961, "1961 treaties"), (1991, "USSR ends")):
        if first <= year <= last:
            for yref in ("y domain", "y2 domain"):
                shapes.append(dict(type="line", x0=year, x1=year, y0=0, y1=1, xref="x", yref=yref,
                                   line=dict(color="#555", width=1, dash="dot")))
            marks.append(dict(x=year, y=1, xref="x", yref="y domain", text=label, showarrow=False,
                              yanchor="bottom", font=dict(size=10, color="#444")))
    fig.update_layout(
        title=dict(text=f"Composite capability (CINC) of {patron} and {client}, {first}\u2013{last} (NMC {version})"),
        font=FONT, template=TEMPLATE, height=580, margin=dict(l=80, r=20, t=110, b=140),
        legend=dict(orientation="h", y=1.07, yanchor="bottom", x=0),
        xaxis=dict(domain=[0, 1], anchor="y", matches="x2", showticklabels=False),
        yaxis=dict(domain=[0.5, 1], title="CINC (0\u20131)" + (", log scale" if log_scale else ""),
                   type="log" if log_scale else "linear"),
        xaxis2=dict(domain=[0, 1], anchor="y2", title="Year"),
        yaxis2=dict(domain=[0, 0.4], title="Ratio (times)", rangemode="tozero"),
        shapes=shapes,
        annotations=marks + [source_line(wrap(f"Source: {source_label} (COW NMC {version}), via Alliance Kit table "
                                              "capabilities. " + NMC_NOTE + " Gaps are years without a value.", 150),
                                         y=-0.13)],
    )
    return fig


def capability_summary(ratio: pd.DataFrame, patron: str, client: str) -> str:
    """One sentence describing the capability figure: the ratio at the start, its extremes and at the end."""
    known = ratio.dropna(subset=["ratio"])
    if known.empty:
        return f"The figure shows no year in which both {patron} and {client} have a CINC value."
    first, last = known.iloc[0], known.iloc[-1]
    low, high = known.loc[known["ratio"].idxmin()], known.loc[known["ratio"].idxmax()]
    gaps = int(ratio["ratio"].isna().sum())
    gap_text = f" {gaps} year(s) have no value and are left as gaps." if gaps else ""

    def r(x) -> str:
        return f"{x:.1f}" if not math.isnan(x) else "n/a"

    return (f"{patron}'s CINC was {r(first['ratio'])} times {client}'s in {int(first['year'])} and "
            f"{r(last['ratio'])} times in {int(last['year'])}; the ratio was highest in {int(high['year'])} "
            f"({r(high['ratio'])}) and lowest in {int(low['year'])} ({r(low['ratio'])}).{gap_text}")
