"""North Korea's trade with China by publisher, with the Security Council's sanctions overlaid (lesson 04)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import palette
from ..models.trade import MEASURES, publisher_label
from .base import FONT, TEMPLATE, source_line, wrap

# Fixed trace order, so an explorer can redraw in place.
TRACES = ("publisher A", "publisher B", "stated share A", "stated share B",
          "sanctions resolutions", "vetoed drafts", "context events")
SHORT_NAMES = {"china_customs": "Chinese customs", "kotra": "KOTRA", "kita": "KITA", "un_comtrade": "UN Comtrade",
               "itc": "ITC", "china_mofcom": "China's commerce ministry", "jetro": "JETRO"}
_SERIES_STYLE = [(palette.OKABE_ITO[0], "circle", "solid"), (palette.OKABE_ITO[1], "square", "dash")]


def _mid_year(year: int) -> pd.Timestamp:
    """An annual figure is drawn at 1 July: the whole calendar year it covers is centred there."""
    return pd.Timestamp(year=int(year), month=7, day=1)


def _money(value: float, unit: str) -> str:
    return f"{value:,.1f}%" if unit == "percent" else f"US${value / 1e6:,.0f} million"


def _scale(values, unit: str) -> list:
    return [None if pd.isna(v) else (float(v) if unit == "percent" else float(v) / 1e6) for v in values]


def _series_trace(series: pd.DataFrame, publisher: str | None, measure: str, i: int) -> go.Scatter:
    colour, symbol, dash = _SERIES_STYLE[i]
    unit = MEASURES[measure][2]
    name = publisher_label(publisher) if publisher else "(none)"
    if publisher is None or series.empty:
        return go.Scatter(x=[], y=[], name=name, mode="lines+markers", showlegend=publisher is not None)
    rows = series.dropna(subset=["value"])
    if not rows.empty:
        # a year the publisher gives no figure for stays a gap in the line, never a straight join across it
        years = range(int(rows["year"].min()), int(rows["year"].max()) + 1)
        rows = series.set_index("year").reindex(years).rename_axis("year").reset_index()
    hover, plus, minus = [], [], []
    for r in rows.to_dict("records"):
        if pd.isna(r["value"]):
            hover.append("")
            plus.append(0)
            minus.append(0)
            continue
        if measure == "share":
            how = (f"computed: {_money(r['china_usd'], 'usd')} with China / {_money(r['world_usd'], 'usd')} "
                   f"with all partners ({r['why']})")
            src = r["source_ids"]
            plus.append(0)
            minus.append(0)
        else:
            how = (f"{r['n_figures']} figure(s) from this publisher; range {_money(r['low'], unit)} to "
                   f"{_money(r['high'], unit)}" if r["n_figures"] > 1 else "one figure from this publisher")
            src = r["source_label"]
            plus.append((r["high"] - r["value"]) / 1e6)
            minus.append((r["value"] - r["low"]) / 1e6)
        hover.append(f"<b>{int(r['year'])} (calendar year): {_money(r['value'], unit)}</b><br>{name}<br>"
                     f"{wrap(how)}<br><i>Source: {wrap(src)}</i>")
    return go.Scatter(
        x=[_mid_year(y) for y in rows["year"]], y=_scale(rows["value"], unit), name=name,
        mode="lines+markers", hovertext=hover, hoverinfo="text", connectgaps=False,
        line=dict(color=colour, dash=dash, width=2),
        marker=dict(color=colour, symbol=symbol, size=8, line=dict(width=1, color="#222")),
        error_y=dict(type="data", symmetric=False, array=plus, arrayminus=minus, color=colour, thickness=1.5,
                     width=4, visible=measure != "share"),
    )


def _stated_trace(stated: pd.DataFrame | None, publisher: str | None, i: int) -> go.Scatter:
    colour, symbol, _ = _SERIES_STYLE[i]
    name = f"{SHORT_NAMES.get(publisher, publisher)}: share as printed" if publisher else "(none)"
    if stated is None or stated.empty or publisher is None:
        return go.Scatter(x=[], y=[], name=name, mode="markers", showlegend=False)
    hover = [f"<b>{int(y)}: {v:.1f}% as printed</b><br>{publisher_label(publisher)}<br><i>Source: {wrap(s)}</i>"
             for y, v, s in zip(stated["year"], stated["value"], stated["source_label"])]
    return go.Scatter(
        x=[_mid_year(y) for y in stated["year"]], y=list(stated["value"]), name=name, mode="markers",
        hovertext=hover, hoverinfo="text",
        marker=dict(color=colour, symbol=f"{symbol}-open", size=14, line=dict(width=2)),
    )


def _resolution_traces(resolutions: pd.DataFrame) -> tuple[go.Scatter, go.Scatter]:
    """One marker per Security Council text (its sources listed in the hover), along the bottom of the plot."""
    out = []
    for adopted, symbol, colour, name in (("yes", "triangle-up", palette.OKABE_ITO[7], "UN sanctions resolution"),
                                          ("no", "x", palette.OKABE_ITO[5], "vetoed draft")):
        rows = resolutions[resolutions["adopted"].astype(str) == adopted]
        xs, hover = [], []
        for resolution, group in rows.groupby(rows["resolution"].astype(str), sort=False):
            first = group.iloc[0]
            xs.append(first["date"])
            measures = " / ".join(dict.fromkeys(group["key_measures"].dropna().astype(str)))
            sources = "; ".join(group["source_label"])
            hover.append(f"<b>{resolution}, {first['date']:%d %b %Y}</b><br>{wrap(measures, 70)}<br>"
                         f"<i>Source: {wrap(sources, 70)}</i>")
        out.append(go.Scatter(
            x=xs, y=[0.03] * len(xs), yaxis="y2", name=name, mode="markers", hovertext=hover, hoverinfo="text",
            marker=dict(symbol=symbol, size=11, color=colour, line=dict(width=1, color="#222")),
        ))
    return out[0], out[1]


def _context_trace(context: pd.DataFrame) -> go.Scatter:
    """Dated turning points (Xi-Kim summits, the COVID-19 border closure) along the top, each with its source."""
    hover = [f"<b>{d:%d %b %Y}</b><br>{wrap(t)}<br><i>Source: {wrap(s)}</i>"
             for d, t, s in zip(context["date"], context["event"], context["source_label"])]
    return go.Scatter(
        x=list(context["date"]), y=[0.97] * len(context), yaxis="y2", name="turning point", mode="markers",
        hovertext=hover, hoverinfo="text",
        marker=dict(symbol="diamond", size=11, color=palette.OKABE_ITO[2], line=dict(width=1, color="#222")),
    )


def trade_figure(series_a: pd.DataFrame, publisher_a: str, measure: str, start: int, end: int,
                 resolutions: pd.DataFrame, context: pd.DataFrame, series_b: pd.DataFrame | None = None,
                 publisher_b: str | None = None, stated_a: pd.DataFrame | None = None,
                 stated_b: pd.DataFrame | None = None) -> go.Figure:
    """One or two publishers' series for one measure, never merged, with sanctions as vertical markers.

    ``series_*`` come from ``models.trade.publisher_series`` (or ``share_series`` for the share);
    ``stated_*`` are the shares the sources print (``models.trade.figures(..., "share")``), drawn as open
    markers; ``resolutions`` is ``unsc_resolutions`` and ``context`` dated events, both with ``source_label``.
    The figure always has the traces in :data:`TRACES`, empty where nothing is selected.
    """
    label, unit = MEASURES[measure][1], MEASURES[measure][2]
    fig = go.Figure()
    fig.add_trace(_series_trace(series_a, publisher_a, measure, 0))
    fig.add_trace(_series_trace(series_b if series_b is not None else pd.DataFrame(), publisher_b, measure, 1))
    fig.add_trace(_stated_trace(stated_a if measure == "share" else None, publisher_a, 0))
    fig.add_trace(_stated_trace(stated_b if measure == "share" else None, publisher_b, 1))
    window = (pd.Timestamp(year=start, month=1, day=1), pd.Timestamp(year=end, month=12, day=31))
    res = resolutions[(resolutions["date"] >= window[0]) & (resolutions["date"] <= window[1])]
    ctx = context[(context["date"] >= window[0]) & (context["date"] <= window[1])]
    for trace in _resolution_traces(res):
        fig.add_trace(trace)
    fig.add_trace(_context_trace(ctx))
    shapes = [dict(type="line", xref="x", yref="paper", x0=d, x1=d, y0=0, y1=1,
                   line=dict(color="#555", width=1, dash="dot"))
              for d in res.drop_duplicates("resolution")["date"]]
    who = SHORT_NAMES.get(publisher_a, publisher_a) + (f" vs {SHORT_NAMES.get(publisher_b, publisher_b)}"
                                                      if publisher_b else "")
    fig.update_layout(
        title=dict(text=f"{label}, {start}\u2013{end}: {who}", y=0.98, yanchor="top"), font=FONT, template=TEMPLATE,
        height=540,
        margin=dict(l=80, r=20, t=130, b=140), hovermode="closest",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, font=dict(size=11)),
        xaxis=dict(title="Year (each annual figure drawn at mid-year)", type="date",
                   range=[window[0] - pd.Timedelta(days=60), window[1] + pd.Timedelta(days=60)]),
        yaxis=dict(title=f"{label} ({unit})", rangemode="tozero"),
        yaxis2=dict(overlaying="y", range=[0, 1], visible=False, fixedrange=True),
        shapes=shapes,
        annotations=[source_line(
            "Source: Alliance Kit table trade_dprk (one publisher per line, never mixed; bars: range of that "
            "publisher's own releases); UN Security Council resolutions (unsc_resolutions, dotted lines, "
            "\u25b2 adopted, \u2715 vetoed); events. Hover for each point's source. North Korea publishes no "
            "trade data: all figures are partner (mirror) statistics.", y=-0.2)],
    )
    return fig


def trade_summary(series_a: pd.DataFrame, publisher_a: str, measure: str, start: int, end: int,
                  comparison: pd.DataFrame | None = None, publisher_b: str | None = None) -> str:
    """A sentence or two describing the figure, for screen-reader users (and everyone else)."""
    label, unit = MEASURES[measure][1], MEASURES[measure][2]
    shown = series_a.dropna(subset=["value"])
    name = publisher_label(publisher_a)
    if shown.empty:
        return f"The figure shows no figures from {name} for \u201c{label}\u201d between {start} and {end}."
    top = shown.loc[shown["value"].idxmax()]
    low = shown.loc[shown["value"].idxmin()]
    text = (f"{label}, according to {name}: given for {len(shown)} of the years "
            f"{start}\u2013{end}, highest in {int(top['year'])} ({_money(top['value'], unit)}) and lowest in "
            f"{int(low['year'])} ({_money(low['value'], unit)}).")
    if measure == "share":
        missing = series_a[series_a["value"].isna()]
        if not missing.empty:
            text += (f" No share for {', '.join(str(y) for y in missing['year'])}: {name} does not give both a "
                     "China total and a world total for those years.")
    if comparison is not None and publisher_b:
        other = publisher_label(publisher_b)
        if comparison.empty:
            text += f" {other} has no figure for the same years, so the two cannot be compared."
        else:
            apart = comparison[comparison["disagree"]]
            if apart.empty:
                text += f" {other} agrees with it (within 1% or rounding) in all {len(comparison)} years both cover."
            else:
                years = ", ".join(str(int(y)) for y in apart["year"])
                text += (f" {other} differs from it (by more than 1% and more than rounding) in {len(apart)} of the {len(comparison)} years "
                         f"both cover: {years}.")
    return text
