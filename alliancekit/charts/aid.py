"""Cold War aid and arms to North Korea (lesson 03): one mark per source figure; SIPRI deliveries by supplier.

Both figures carry the split's turning points (events of kind split or treaty) as dotted vertical
lines and as points on a strip at the top whose hover names the event and its source.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go

from .. import palette
from ..models import aid as model
from .base import FONT, TEMPLATE, source_line, wrap

DONOR_COLOURS = {group: palette.colour(i) for i, group in enumerate([*model.DONOR_GROUPS, model.SEVERAL])}
BASIS_SYMBOLS = {"commitment": "circle", "delivery": "square", "write_off": "diamond", "deferral": "diamond-open",
                 "estimate": "triangle-up"}
OTHER_BASIS = "hexagon"  # a basis added to the data after this chart was written still gets a mark
QUALIFIER_SYMBOLS = {"at_least": "triangle-up", "at_most": "triangle-down", "as_stated": "circle"}
QUALIFIER_WORDS = {"at_least": "at least", "at_most": "less than", "as_stated": ""}
# the same colour for a patron in both figures: USSR blue (Russia sky blue, hatched), China orange
SUPPLIER_COLOURS = {"SUN": palette.colour(0), "RUS": palette.colour(4), "CHN": palette.colour(1),
                    "KAZ": palette.colour(3), "USA": palette.colour(5)}
SUPPLIER_PATTERNS = {"SUN": "", "RUS": "/", "CHN": ".", "KAZ": "x", "USA": "-"}

STRIP = (0.92, 1.0)  # the turning-points strip at the top of the arms figure
PLOTS = (0.0, 0.86)  # where its bars go
GAP = 0.035

# The aid figure is laid out in pixels, so each currency panel keeps a readable height at any number of panels
# (six panels squeezed into a fixed 780 px left each about 90 px and ticks overlapping): the figure grows instead.
AID_TOP_PX = 125      # the title, then the donor legend under it, both above the plotting area
AID_STRIP_PX = 48     # the turning-points strip
AID_PANEL_PX = 125    # one currency panel
AID_SHARE_PX = 320    # the single budget-share panel
AID_GAP_PX = 30       # between panels
AID_BOTTOM_PX = 175   # the year axis, its title and the source line

AID_SOURCE = ("Source: Alliance Kit table aid_to_dprk (data/aid_to_dprk.csv): one mark per figure per source, in the "
              "currency the source used, never converted or added up;<br>the line through a mark spans the years it covers. "
              "Hover for each figure's source. Marks: circle = commitment, square = delivery, diamond = debt written off,<br>"
              "open diamond = repayment deferred, triangle = estimate. Colour = donor. Turning points: events table (split, treaty).")
SHARE_SOURCE = ("Source: Alliance Kit table aid_to_dprk: aid as a share of North Korea's state budget or revenue, as each "
                "source states it (triangle up = 'at least').<br>Shares a source gives only in words ('one-third', 'less "
                "than 3 percent') are written at the foot of the panel, not plotted at a value.<br>Turning points: events "
                "table (split, treaty). Hover for each figure's source.")
ARMS_SOURCE = ("Source: SIPRI Arms Transfers Database, TIV tables generated 28 July 2022 (Alliance Kit table arms_transfers). "
               "TIV = SIPRI trend-indicator value, a volume index in millions, not a price.<br>Caveats: major conventional "
               "weapons only (no shells or small arms); a blank year in SIPRI's table is drawn as zero; never mix SIPRI releases: "
               "Russia 1992-2021 is 479 here but 1,004.8<br>in the May 2026 trade register (arms_deals). "
               "Turning points: events table (split, treaty).")


def _year_fraction(dates: pd.Series) -> list[float]:
    return [d.year + (d.day_of_year - 1) / 365.25 for d in dates]


def _turning_point_trace(points: pd.DataFrame, yaxis: str) -> dict:
    hover = [f"<b>{d:%d %b %Y}</b><br>{wrap(e)}<br><i>Source: {wrap(s)}</i>"
             for d, e, s in zip(points["date"], points["event"], points["source_label"])]
    return dict(
        type="scatter", x=_year_fraction(points["date"]), y=[0.5] * len(points), mode="markers", name="turning point",
        hovertext=hover, hoverinfo="text", showlegend=False, xaxis="x", yaxis=yaxis,
        marker=dict(symbol="star", size=12, color=palette.OKABE_ITO[7], line=dict(width=1, color="#222")),
    )


def _turning_point_lines(points: pd.DataFrame) -> list[dict]:
    return [dict(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=STRIP[1],
                 line=dict(color="#777", width=1, dash="dot"))
            for x in _year_fraction(points["date"])]


def _stack(n: int) -> list[tuple[float, float]]:
    """Domains for ``n`` panels stacked top to bottom between PLOTS."""
    low, high = PLOTS
    height = (high - low - GAP * (n - 1)) / n
    return [(max(0.0, round(high - (i + 1) * height - i * GAP, 4)), min(1.0, round(high - i * height - i * GAP, 4)))
            for i in range(n)]


def aid_layout_px(n_panels: int, share: bool = False) -> dict:
    """The aid figure's geometry: total height in pixels and, as fractions of the plotting area, the strip's
    domain and one domain per panel (top to bottom). Every panel gets AID_PANEL_PX pixels, however many there are.
    """
    panel = AID_SHARE_PX if share else AID_PANEL_PX
    n = max(1, n_panels)
    plot_px = AID_STRIP_PX + AID_GAP_PX + n * panel + (n - 1) * AID_GAP_PX
    height = AID_TOP_PX + plot_px + AID_BOTTOM_PX
    top = plot_px
    strip = ((top - AID_STRIP_PX) / plot_px, 1.0)
    panels, y = [], top - AID_STRIP_PX - AID_GAP_PX
    for _ in range(n):
        panels.append((max(0.0, round((y - panel) / plot_px, 4)), round(y / plot_px, 4)))
        y -= panel + AID_GAP_PX
    return dict(height=height, plot_px=plot_px, strip=strip, panels=panels)


def _log_range(values) -> tuple[list[float], list[float], list[str]]:
    """A log axis from the decade below the smallest value to the decade above the largest, with a tick at each
    power of ten written in full ("1,000", not "1k"), so every currency panel reads the same way."""
    known = [float(v) for v in values if v and not pd.isna(v) and v > 0]
    if not known:
        return [0, 1], [1, 10], ["1", "10"]
    low, high = math.floor(math.log10(min(known))), math.ceil(math.log10(max(known)))
    high = max(high, low + 1)
    ticks = [float(10 ** k) for k in range(low, high + 1)]
    return [low - 0.15, high + 0.15], ticks, [f"{t:,.0f}" if t >= 1 else f"{t:g}" for t in ticks]


def share_in_words(description: str) -> str:
    """The words a source used for a share it gives without a number (the last quoted phrase of the description)."""
    quoted = re.findall(r'"([^"]+)"', str(description))
    return f"\u201c{quoted[-1]}\u201d" if quoted else "a share given in words"


def _amount_hover(rows: pd.DataFrame) -> list[str]:
    out = []
    for r in rows.itertuples():
        years = f"{r.first_year}" if r.first_year == r.last_year else f"{r.first_year}-{r.last_year}"
        if not r.start_known:
            years = f"to {r.last_year} (start year not given)"
        usd = "" if pd.isna(r.amount_usd) or r.currency == "USD" else f" (the source's own dollar figure: US${r.amount_usd:,.0f})"
        out.append(
            f"<b>{r.amount:,.0f} {r.currency}</b> ({model.CURRENCIES[r.currency]}){usd}<br>{wrap(r.description)}<br>"
            f"Donor: {model.DONOR_LABELS[r.donor_group]} ({r.donor}); {str(r.aid_type).replace('_', ' ')}; "
            f"basis: {str(r.basis).replace('_', ' ')}; years: {years}<br><i>Source: {wrap(r.source_label)}</i>"
        )
    return out


def aid_figure(selection: pd.DataFrame, points: pd.DataFrame, measure: str, title: str) -> go.Figure:
    """Aid figures as marks on a time axis: one panel per currency (amounts) or one panel (budget shares).

    ``selection`` comes from :func:`models.aid.select_aid` with a ``source_label`` column; ``points``
    are the turning points (with ``source_label``). The figure always has the same traces (one per
    currency, one for budget shares, a legend key per donor and per basis, the turning points), so an
    explorer can redraw it in place.
    """
    traces = []
    currencies = list(model.CURRENCIES)
    amounts = measure == "amount"
    stated = set(selection["currency"].astype(str)) if amounts else set()
    present = [c for c in currencies if c in stated]
    geometry = aid_layout_px(len(present), share=not amounts)
    domains = dict(zip(present, geometry["panels"])) if present else {}
    axis_of = {c: f"y{i + 2}" for i, c in enumerate(currencies)}  # y1 is the strip, y2... the currency panels
    share_axis = f"y{len(currencies) + 2}"

    currency_of = selection["currency"].astype(str)
    for c in currencies:
        rows = selection[currency_of == c] if c in domains else selection.iloc[0:0]
        mid = [(a + b) / 2 + 0.5 for a, b in zip(rows["first_year"], rows["last_year"])]
        half = [(b - a) / 2 + 0.5 for a, b in zip(rows["first_year"], rows["last_year"])]
        traces.append(dict(type="scatter", 
            x=mid, y=list(rows["amount"] / 1e6), mode="markers", name=c, showlegend=False,
            xaxis="x", yaxis=axis_of[c], hovertext=_amount_hover(rows) if len(rows) else [], hoverinfo="text",
            error_x=dict(type="data", array=half, visible=True, thickness=1.5, width=0, color="#555"),
            marker=dict(size=11, color=[DONOR_COLOURS[g] for g in rows["donor_group"]],
                        symbol=[BASIS_SYMBOLS.get(str(b), OTHER_BASIS) for b in rows["basis"]], line=dict(width=1, color="#222")),
        ))

    shares = selection[selection["share_of_budget_percent"].notna()] if not amounts else selection.iloc[0:0]
    traces.append(dict(type="scatter", 
        x=[y + 0.5 for y in shares["last_year"]], y=list(shares["share_of_budget_percent"]), mode="markers",
        name="share of budget", showlegend=False, xaxis="x", yaxis=share_axis, hoverinfo="text",
        hovertext=[f"<b>{QUALIFIER_WORDS[q]} {v:g}%</b> of the state budget or revenue, {y}<br>{wrap(d)}<br>"
                   f"Donors: {model.DONOR_LABELS[g]} ({dn})<br><i>Source: {wrap(s)}</i>"
                   for q, v, y, d, g, dn, s in zip(shares.get("qualifier", []), shares["share_of_budget_percent"],
                                                   shares["last_year"], shares["description"], shares["donor_group"],
                                                   shares["donor"], shares["source_label"])],
        marker=dict(size=13, color=[DONOR_COLOURS[g] for g in shares["donor_group"]],
                    symbol=[QUALIFIER_SYMBOLS[q] for q in shares.get("qualifier", [])], line=dict(width=1, color="#222")),
    ))

    # shares a source gives only in words ("one-third"): written at the foot of the panel, never given a value
    words = selection[selection["share_of_budget_percent"].isna()] if not amounts else selection.iloc[0:0]
    traces.append(dict(type="scatter", 
        x=[float(y) for y in words["last_year"]], y=[2 + 4 * (i % 2) for i in range(len(words))], mode="text",
        text=[f"{share_in_words(d)} (in words)" for d in words["description"]], textposition="middle right",
        textfont=dict(size=11, color="#333"), name="given in words", showlegend=False, xaxis="x", yaxis=share_axis,
        hoverinfo="text", hovertext=[f"<b>{share_in_words(d)}</b>, {y}: given only in words, so not plotted at a value"
                                     f"<br>{wrap(d)}<br><i>Source: {wrap(s)}</i>"
                                     for d, y, s in zip(words["description"], words["last_year"], words["source_label"])],
    ))

    # legend keys: colour = donor (traces with no data, shown in the legend only; shapes are keyed in the source line)
    for group, colour in DONOR_COLOURS.items():
        # no legendgroup: plotly stacks a group's entries vertically even in a horizontal legend
        traces.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=model.DONOR_LABELS[group], xaxis="x",
                           yaxis="y1", marker=dict(size=10, color=colour, symbol="circle")))
    traces.append(_turning_point_trace(points, "y1"))

    first = int(selection["first_year"].min()) if len(selection) else model.AID_YEARS[0]
    last = int(selection["last_year"].max()) + 1 if len(selection) else model.AID_YEARS[1]
    if len(points):
        first = min(first, int(points["date"].dt.year.min()))
        last = max(last, int(points["date"].dt.year.max()) + 1)
    height = geometry["height"]
    layout = dict(
        # title and legend both in the top margin, at fixed pixel offsets, so the legend never covers the title
        title=dict(text=title, yref="container", y=1.0, yanchor="top", pad=dict(t=14), x=0.01, xanchor="left"),
        font=FONT, template=TEMPLATE, height=height,
        margin=dict(l=95, r=20, t=AID_TOP_PX, b=AID_BOTTOM_PX), hovermode="closest",
        legend=dict(orientation="h", yref="container", y=1 - 62 / height, yanchor="top", x=0, font=dict(size=12),
                    title=dict(text="Colour = donor:")),
        xaxis=dict(title=dict(text="Year (the span of years each figure covers)", standoff=4), range=[first - 0.5, last + 0.5],
                   anchor=axis_of[present[-1]] if present else (share_axis if not amounts else "y1"), dtick=5),
        yaxis=dict(domain=list(geometry["strip"]), visible=True, showticklabels=False, range=[0, 1], fixedrange=True,
                   title=dict(text="turning<br>points", font=dict(size=11)), showgrid=False, zeroline=False),
        shapes=_turning_point_lines(points),
        annotations=[source_line(AID_SOURCE if amounts else SHARE_SOURCE, y=-62 / geometry["plot_px"])],
    )
    for c in currencies:
        key = "yaxis" + axis_of[c][1:]
        if c in domains:
            log_range, ticks, tick_text = _log_range(selection.loc[currency_of == c, "amount"] / 1e6)
            layout[key] = dict(domain=list(domains[c]), type="log", visible=True, anchor="x", range=log_range,
                               tickvals=ticks, ticktext=tick_text, tickfont=dict(size=11),
                               title=dict(text=f"million<br>{c}", font=dict(size=11)))
        else:
            layout[key] = dict(domain=[0, 0.001], visible=False, anchor="x", type="log", title=dict(text=""))
    share_key = "yaxis" + share_axis[1:]
    if amounts:
        layout[share_key] = dict(domain=[0, 0.001], visible=False, anchor="x", title=dict(text=""))
    else:
        layout[share_key] = dict(domain=list(geometry["panels"][0]), visible=True, anchor="x", range=[0, 40], rangemode="tozero",
                                 title=dict(text="Aid as % of the state budget or revenue (percent)"))
    # plain dicts validated once by one constructor call: several times faster than go.Scatter(...) objects
    # and update_layout on a figure that already has traces
    return go.Figure(data=traces, layout=layout)


def aid_summary(selection: pd.DataFrame, measure: str, donor: str, start_year: int, end_year: int,
                n_points: int) -> str:
    """One sentence describing the aid figure, for screen-reader users."""
    who = "all donors" if donor == model.ALL else model.DONOR_LABELS[donor]
    tp = f", with {n_points} turning points of the split and the treaties" if n_points else ""
    if measure == "budget_share":
        stated = selection[selection["share_of_budget_percent"].notna()]
        words = selection[selection["share_of_budget_percent"].isna()]
        parts = [f"{QUALIFIER_WORDS[model.budget_share_qualifier(d, '' if pd.isna(n) else n)]} {v:g}% in {y}".strip()
                 for d, n, v, y in zip(stated["description"], stated["note"], stated["share_of_budget_percent"],
                                       stated["last_year"])]
        parts += [f"{share_in_words(d)} in {y} (given in words)" for d, y in zip(words["description"], words["last_year"])]
        return (f"The figure shows aid as a share of North Korea's budget or revenue as {len(selection)} sources state "
                f"it ({'; '.join(parts)}), for {who} (all these figures cover several donors together), "
                f"{start_year}-{end_year}{tp}.")
    counts = model.figures_by_currency(selection)
    listed = ", ".join(f"{n} in {model.CURRENCIES[c]}" for c, n in counts.items())
    return (f"The figure shows {len(selection)} aid figures for {who}, {start_year}-{end_year}, each in its own "
            f"currency ({listed}), not added up{tp}.")


# --- arms transfers ------------------------------------------------------------------------------------

def arms_figure(view: pd.DataFrame, points: pd.DataFrame, mode: str, title: str) -> go.Figure:
    """SIPRI TIV delivered to North Korea per year, stacked by supplier, or each supplier's share of the year.

    One bar trace per supplier in :data:`models.aid.SUPPLIERS` (empty when not shown) plus the turning
    points, so the explorer can redraw in place.
    """
    traces = []
    for supplier, name in model.SUPPLIERS.items():
        rows = view[view["supplier"] == supplier]
        hover = [f"<b>{name}, {y}</b><br>{t:,.0f} million TIV"
                 + ("" if pd.isna(p) else f" ({p:.0f}% of that year's deliveries)")
                 + "<br><i>Source: SIPRI Arms Transfers Database, TIV tables of 28 July 2022</i>"
                 for y, t, p in zip(rows["year"], rows["tiv"], rows["share_percent"])]
        traces.append(dict(type="bar", 
            x=list(rows["year"]), y=list(rows["value"]), name=name, hovertext=hover, hoverinfo="text",
            xaxis="x", yaxis="y2",
            marker=dict(color=SUPPLIER_COLOURS[supplier], line=dict(width=0.5, color="#222"),
                        pattern=dict(shape=SUPPLIER_PATTERNS[supplier], fillmode="overlay", size=5)),
        ))
    traces.append(_turning_point_trace(points, "y1"))
    first, last = (int(view["year"].min()), int(view["year"].max())) if len(view) else (1950, 2021)
    y_title = ("TIV delivered (millions of SIPRI trend-indicator values)" if mode == "stacked"
               else "Share of that year's TIV delivered (percent)")
    return go.Figure(data=traces, layout=dict(
        title=dict(text=title), font=FONT, template=TEMPLATE, height=560, barmode="stack", bargap=0.15,
        margin=dict(l=80, r=20, t=70, b=170), hovermode="closest",
        legend=dict(orientation="h", x=0, y=-0.1, yanchor="top", traceorder="normal"),
        xaxis=dict(title=dict(text="Year of delivery", standoff=4), range=[first - 0.6, last + 0.6], anchor="y2"),
        yaxis=dict(domain=list(STRIP), showticklabels=False, range=[0, 1], fixedrange=True, showgrid=False,
                   zeroline=False, title=dict(text="turning<br>points", font=dict(size=11))),
        yaxis2=dict(domain=list(PLOTS), title=dict(text=y_title, font=dict(size=12)),
                    range=[0, 100] if mode == "share" else None, autorange=mode != "share"),
        shapes=_turning_point_lines(points),
        annotations=[source_line(ARMS_SOURCE, y=-0.2)],
    ))


def arms_summary(view: pd.DataFrame, deliveries: pd.DataFrame, suppliers: str, start_year: int, end_year: int,
                 mode: str) -> str:
    """One sentence describing the arms figure, for screen-reader users."""
    span = deliveries.loc[start_year:end_year]
    total = float(span.to_numpy().sum())
    who = model.SUPPLIER_CHOICE_LABELS[suppliers]
    if total == 0:
        return f"The figure is empty: SIPRI records no deliveries of major arms to North Korea in {start_year}-{end_year}."
    shown = view.groupby("supplier")["tiv"].sum()
    parts = ", ".join(f"{model.SUPPLIERS[s]} {shown[s]:,.0f} ({100 * shown[s] / total:.0f}%)"
                      for s in model.SUPPLIERS if s in shown.index and shown[s] > 0)
    view_word = "stacked TIV per year" if mode == "stacked" else "each supplier's share of each year's deliveries"
    return (f"The figure shows {view_word} for {who}, {start_year}-{end_year}: {total:,.0f} million TIV delivered "
            f"in all by every supplier; {parts or 'none from the suppliers shown'}.")
