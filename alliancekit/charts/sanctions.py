"""Figures for lesson 05 (leverage and sanctions): Security Council votes, a UN roll-call, vote agreement,
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
TALLY_STYLE = (("votes_for", "in favour", palette.OKABE_ITO[0], ""),
               ("votes_against", "against (a permanent member's vote here is a veto)", palette.OKABE_ITO[5], "x"),
               ("abstentions", "abstaining", palette.OKABE_ITO[1], "/"))
NMC_NOTE = ("CINC: a state's average share of the world's military spending, military personnel, iron and steel, "
            "energy use, total and urban population (0 to 1).")


def _short_name(resolution: str) -> str:
    """'S/RES/1718 (2006)' -> '1718 (2006)'; 'vetoed draft 2024-03-28 (United States)' -> 'draft 28 Mar 2024 (vetoed)'."""
    if resolution.startswith("S/RES/"):
        return resolution[len("S/RES/"):]
    if resolution.startswith("vetoed draft "):
        return f"draft {pd.Timestamp(resolution.split()[2]):%d %b %Y} (vetoed)"
    return resolution


# --- Security Council ------------------------------------------------------------------------------


def _years(unsc: pd.DataFrame) -> str:
    if unsc.empty:
        return "no votes selected"
    first, last = unsc["date"].min().year, unsc["date"].max().year
    return str(first) if first == last else f"{first}\u2013{last}"


def unsc_votes_figure(unsc: pd.DataFrame) -> go.Figure:
    """Stacked bars: the Security Council's votes on each DPRK sanctions resolution and vetoed draft.

    ``unsc`` is :func:`alliancekit.models.sanctions.unsc_by_resolution` output (one row per resolution) with
    a ``source_labels`` column. A tally no source gives is left out of the bar and said in the hover.
    """
    names = [_short_name(r) for r in unsc["resolution"]]
    fig = go.Figure()
    for column, label, colour, pattern in TALLY_STYLE:
        hover = []
        for (_, row), name in zip(unsc.iterrows(), names):
            count = row[column]
            shown = "not given in the sources read" if pd.isna(count) else f"{int(count)} of 15 members"
            veto = f"<br>Vetoed by: {row['vetoed_by']}" if not pd.isna(row["vetoed_by"]) else ""
            hover.append(f"<b>{name}</b>, {row['date']:%d %B %Y}<br>{wrap(row['subject'])}<br>{label}: {shown}{veto}"
                         f"<br><i>Source(s): {row['source_labels']}</i>")
        fig.add_trace(go.Bar(
            x=names, y=[None if pd.isna(v) else int(v) for v in unsc[column]], name=label,
            marker=dict(color=colour, pattern=dict(shape=pattern), line=dict(width=1, color="#222")),
            hovertext=hover, hoverinfo="text",
        ))
    fig.update_layout(
        title=dict(text=f"Security Council votes on North Korea sanctions, {_years(unsc)}"),
        barmode="stack", font=FONT, template=TEMPLATE, height=460, margin=dict(l=70, r=20, t=60, b=170),
        xaxis=dict(title="Resolution (year) or vetoed draft", tickangle=-40),
        yaxis=dict(title="Council members (number of votes)", range=[0, 15.5], dtick=3),
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0),
        annotations=[source_line(
            f"Source: Alliance Kit table unsc_resolutions ({int(unsc['n_sources'].sum())} source rows for {len(unsc)} votes, "
            "each vote counted once); hover for each vote's sources.", y=-0.42)],
    )
    return fig


def unsc_summary(unsc: pd.DataFrame) -> str:
    """One sentence describing the Security Council figure."""
    adopted = unsc[unsc["adopted"] == "yes"]
    unanimous = adopted[(adopted["votes_for"] == 15)]
    vetoed = unsc[unsc["adopted"] == "no"]
    parts = []
    if len(adopted):
        parts.append(f"{len(adopted)} sanctions resolutions adopted from {adopted['date'].min():%Y} to "
                     f"{adopted['date'].max():%Y}, {len(unanimous)} of them by 15 votes to none")
    if len(vetoed):
        vetoes = "; ".join(f"{_short_name(r)} by {v.replace(';', ' and ')}"
                           for r, v in zip(vetoed["resolution"], vetoed["vetoed_by"]))
        parts.append(f"{len(vetoed)} drafts vetoed ({vetoes})")
    return "The figure shows " + (" and ".join(parts) if parts else "no Security Council vote") + "."


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


# --- agreement between two states ------------------------------------------------------------------


def agreement_figure(pairs: pd.DataFrame, name_a: str, name_b: str, title: str) -> go.Figure:
    """Each resolution as a row, the two states' votes as two markers: where they sit together, they agreed.

    ``pairs`` is :func:`alliancekit.models.sanctions.vote_pairs` output (source_a and source_b name each
    vote's source). Always 2 traces.
    """
    fig = go.Figure()
    # the first state a large circle, the second a smaller diamond inside it: both stay visible where they agree
    for i, (suffix, name, size) in enumerate((("a", name_a, 20), ("b", name_b, 10))):
        column = f"vote_{suffix}"
        votes = [v if isinstance(v, str) else "absent" for v in pairs[column]]
        fig.add_trace(go.Scatter(
            x=[VOTE_LABELS[v] for v in votes], y=list(pairs["resolution"]), mode="markers", name=name,
            marker=dict(color=palette.colour(i), symbol=palette.symbol(2 * i), size=size,
                        line=dict(width=1, color="#222")),
            hovertext=[f"<b>{name}</b> on {r}: {v}<br><i>Source: {wrap(s)}</i>"
                       for r, v, s in zip(pairs["resolution"], votes, pairs[f"source_{suffix}"].fillna("not listed"))],
            hoverinfo="text",
        ))
    fig.update_layout(
        title=dict(text=title), font=FONT, template=TEMPLATE, height=max(380, 240 + 50 * len(pairs)),
        margin=dict(l=150, r=20, t=90, b=130), legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0),
        xaxis=dict(title="Vote", categoryorder="array", categoryarray=[VOTE_LABELS[v] for v in VOTES],
                   range=[-0.5, len(VOTES) - 0.5]),
        yaxis=dict(title="Resolution", type="category"),
        annotations=[source_line(
            "Source: Alliance Kit table un_votes (complete roll-calls only); hover for each vote's source.<br>"
            "Resolutions where either state was absent are shown but not counted.", y=-0.45)],
    )
    return fig


def agreement_summary(result, name_a: str, name_b: str) -> str:
    """One sentence saying how often the two states agreed, and what was left out."""
    left_out = (f" {result.left_out_absent} resolution(s) left out because one of them did not vote."
                if result.left_out_absent else " Neither was absent on any of them.")
    return (f"{name_a} and {name_b} voted the same way on {result.same} of the {result.shared} resolutions where both "
            f"voted yes, no or abstain ({100 * result.share:.0f}%).{left_out}")


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
