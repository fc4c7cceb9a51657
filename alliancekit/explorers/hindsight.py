"""Explorers for the op-ed in hindsight (lessons 06 and 07): the claims ledger and the reported deliveries."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from .. import charts, data, models
from ..models import hindsight as model
from .base import Explorer, redraw, safely, summary_html

_VERDICT_NOTE = {
    "supported": "the sources read say what the claim says",
    "partly_supported": "the core holds, but part of it goes further than the sources (see the caveat)",
    "contradicted": "the sources read say otherwise",
    "no_evidence_found": "checkable, but no source read confirms or refutes it",
    "overtaken_by_events": "its standing changed after September 2023",
    "not_checkable": "a judgement or image, not a checkable statement",
}
_ROLE_WORD = {"supports": "supports", "partly_supports": "partly supports", "contradicts": "contradicts",
              "context": "context", "oped": "the op-ed itself"}


def claims_with_source_labels(claims: pd.DataFrame, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """A copy of the claims with ``source_labels`` (each cited source as "Publisher, year: title", " | "-joined)
    and ``sources`` (each source id with its role, "; "-joined), from the link table (``claim_sources``)."""
    links = data.load("claim_sources") if links is None else links
    labelled = data.with_source_labels(links)
    joined = labelled.groupby("claim_id", sort=False)["source_label"].agg(lambda s: " | ".join(s.dropna()))
    roles = links.assign(pair=links["source_id"].astype(str) + " (" + links["role"].astype(str).map(_ROLE_WORD) + ")")
    listed = roles.groupby("claim_id", sort=False)["pair"].agg("; ".join)
    out = claims.copy()
    out["source_labels"] = out["claim_id"].map(joined).fillna("")
    out["sources"] = out["claim_id"].map(listed).fillna("")
    return out


def claims_listing_html(claims: pd.DataFrame, most: int = 45) -> str:
    """The chosen claims as a readable list: the quote, its kind and verdict, the caveat, the note and its sources.

    ``claims`` comes from :func:`claims_with_source_labels` (its ``sources`` column names each source and its role).
    """
    if claims.empty:
        return "<p><i>No claim matches this selection.</i></p>"
    items = []
    for _, c in claims.head(most).iterrows():
        sources = "; ".join(f"<code>{html.escape(s)}</code>" for s in str(c.get("sources", "")).split("; ") if s)
        caveat = "" if pd.isna(c.get("caveat")) or not str(c.get("caveat")) else str(c["caveat"])
        items.append(
            f"<li><b>{html.escape(str(c['claim']))}</b> <span style='color:#555'>(paragraph "
            f"{html.escape(str(c['excerpt_id']))}; <code>{html.escape(str(c['claim_id']))}</code>)</span><br>"
            f"kind: <b>{html.escape(str(c['claim_type']))}</b> \u00b7 verdict: <b>{html.escape(str(c['verdict']).replace('_', ' '))}</b>"
            f" <span style='color:#555'>({_VERDICT_NOTE.get(str(c['verdict']), '')})</span><br>"
            + (f"<span>What the evidence does not show: {html.escape(caveat)}</span><br>" if caveat else "")
            + f"<span>Note: {html.escape(str(c['note']))}</span><br>"
            f"<span style='font-size:0.9em'>Sources: {sources} (<code>data.cite(source_id)</code> for the reference)</span></li>")
    more = f"<p>... and {len(claims) - most} more.</p>" if len(claims) > most else ""
    return f"<ol class='alliancekit-claims' style='max-height:26em;overflow-y:auto'>{''.join(items)}</ol>{more}"


def claims_explorer(verdict: str = models.ALL, claim_type: str = models.ALL, excerpt_id: str = models.ALL) -> Explorer:
    """The claims ledger: filter by verdict, kind and excerpt; a chart of counts by verdict x kind; the claims listed.

    ``explorer.listing`` is the list of chosen claims with their notes and sources, under the figure.
    """
    claims = claims_with_source_labels(data.load("claims"))
    excerpt_ids = list(dict.fromkeys(claims["excerpt_id"].astype(str)))
    pick_verdict = widgets.Dropdown(
        options=[("all verdicts", models.ALL)] + [(v.replace("_", " "), v) for v in model.VERDICTS],
        value=verdict, description="Verdict")
    pick_type = widgets.Dropdown(
        options=[("all kinds", models.ALL)] + [(t, t) for t in model.CLAIM_TYPES], value=claim_type, description="Kind")
    pick_excerpt = widgets.Dropdown(
        options=[("all paragraphs", models.ALL)] + [(e, e) for e in excerpt_ids], value=excerpt_id, description="Excerpt")
    title = "The op-ed's claims in hindsight: verdict by kind of claim"
    chosen = model.filter_claims(claims, verdict, claim_type, excerpt_id)
    figure = go.FigureWidget(charts.claims_figure(chosen, title))
    explorer = Explorer([pick_verdict, pick_type, pick_excerpt], figure)
    explorer.listing = widgets.HTML()
    explorer.children = explorer.children + (explorer.listing,)

    def update() -> None:
        chosen = model.filter_claims(claims, pick_verdict.value, pick_type.value, pick_excerpt.value)
        redraw(figure, charts.claims_figure(chosen, title))
        explorer.summary.value = summary_html(
            charts.claims_summary(chosen, pick_verdict.value, pick_type.value, pick_excerpt.value))
        explorer.listing.value = claims_listing_html(chosen)

    on_change = safely(explorer, update)
    for control in (pick_verdict, pick_type, pick_excerpt):
        control.observe(on_change, names="value")
    explorer.refresh = on_change
    on_change()
    return explorer


def deliveries_explorer(unit: str = "containers", include_alternatives: bool = True) -> Explorer:
    """North Korean deliveries to Russia as reported over time, in containers or in shells, each figure with its source."""
    shells = data.with_source_labels(data.load("shells"))
    pick_unit = widgets.Dropdown(options=[("containers", "containers"), ("shells (estimates)", "shells")],
                                 value=unit, description="Count")
    alternatives = widgets.Checkbox(value=include_alternatives, description="show alternative loads (122 or 152 mm)",
                                    indent=False, layout=widgets.Layout(width="320px"))

    def title(u: str) -> str:
        return f"North Korean deliveries to Russia as reported, in {'containers' if u == 'containers' else 'shells'}"

    rows = model.north_korean_deliveries(shells, unit, include_alternatives)
    figure = go.FigureWidget(charts.deliveries_figure(rows, unit, title(unit)))
    explorer = Explorer([pick_unit, alternatives], figure)

    def update() -> None:
        rows = model.north_korean_deliveries(shells, pick_unit.value, alternatives.value)
        redraw(figure, charts.deliveries_figure(rows, pick_unit.value, title(pick_unit.value)))
        explorer.summary.value = summary_html(charts.deliveries_summary(rows, pick_unit.value))

    on_change = safely(explorer, update)
    pick_unit.observe(on_change, names="value")
    alternatives.observe(on_change, names="value")
    explorer.refresh = on_change
    on_change()
    return explorer
