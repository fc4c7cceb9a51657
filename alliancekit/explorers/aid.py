"""The explorers of lesson 03: Cold War aid to North Korea by donor, years, type and measure; SIPRI arms deliveries."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from .. import charts, data, models
from ..charts import aid as aid_charts
from ..models import aid as aid_model
from .base import Explorer, redraw, safely, summary_html


def _turning_points_table():
    return data.with_source_labels(data.load("events"))


def aid_explorer(donor: str = models.ALL, start_year: int = 1945, end_year: int = 1995, aid_type: str = models.ALL,
                 measure: str = "amount") -> Explorer:
    """Soviet, Chinese and East European aid to North Korea: one mark per source figure, in its own currency.

    Pick the donor, the years, the type of aid and the measure (amounts as stated, or aid as a share of
    North Korea's state budget). The split's turning points are marked on the time axis.
    """
    aid = data.with_source_labels(data.load("aid_to_dprk"))
    events = _turning_points_table()
    first, last = aid_model.AID_YEARS

    donor_w = widgets.Dropdown(options=[("all donors", models.ALL)] + [(label, code) for code, (label, _) in
                                                                      aid_model.DONOR_GROUPS.items()],
                               value=donor, description="Donor")
    years_w = widgets.IntRangeSlider(value=(max(first, start_year), min(last, end_year)), min=first, max=last, step=1,
                                     description="Years", continuous_update=False, layout=widgets.Layout(width="400px"))
    type_w = widgets.Dropdown(options=[("all types", models.ALL)] + [(t.replace("_", " "), t) for t in aid_model.AID_TYPES],
                              value=aid_type, description="Type")
    measure_w = widgets.Dropdown(options=[(label, key) for key, label in aid_model.MEASURES.items()], value=measure,
                                 description="Measure", layout=widgets.Layout(width="380px"))

    def title(who: str, start: int, end: int, how: str) -> str:
        donors = "all donors" if who == models.ALL else aid_model.DONOR_LABELS[who]
        what = "Aid to North Korea" if how == "amount" else "Aid as a share of North Korea's state budget"
        # short enough for one line at notebook width: "one mark per source figure" is in the source line
        return f"{what}, {start}\u2013{end}: {donors}"

    def build():
        start, end = years_w.value
        chosen = aid_model.select_aid(aid, donor_w.value, start, end, type_w.value, measure_w.value)
        points = aid_model.turning_points(events, start, end)
        fig = charts.aid_figure(chosen, points, measure_w.value, title(donor_w.value, start, end, measure_w.value))
        text = charts.aid_summary(chosen, measure_w.value, donor_w.value, start, end, len(points))
        return fig, text

    try:
        fig, text, problem = *build(), None
    except models.SelectionError as exc:  # an impossible starting selection: start from everything instead
        donor_w.value, years_w.value, type_w.value, measure_w.value = models.ALL, (first, last), models.ALL, "amount"
        fig, text, problem = *build(), str(exc)
    figure = go.FigureWidget(fig)
    explorer = Explorer([donor_w, years_w, type_w, measure_w], figure)
    explorer.summary.value = summary_html(text)
    if problem:
        explorer.show_problem(problem)

    def update() -> None:
        type_w.disabled = measure_w.value == "budget_share"  # budget shares are for all aid together
        new, text = build()
        explorer.summary.value = summary_html(text)  # first, so the words never lag behind the redrawn figure
        redraw(figure, new)

    on_change = safely(explorer, update)
    for control in (donor_w, years_w, type_w, measure_w):
        control.observe(on_change, names="value")
    explorer.refresh = on_change
    return explorer


def arms_explorer(suppliers: str = models.ALL, start_year: int = 1950, end_year: int = 2021,
                  mode: str = "stacked") -> Explorer:
    """Major arms delivered to North Korea by supplier and year (SIPRI TIV tables, July 2022).

    Pick the suppliers, the years, and the view: TIV stacked by supplier, or each supplier's share of
    the year's deliveries. The split's turning points are marked on the time axis.
    """
    deliveries = aid_model.deliveries_to(data.load("arms_transfers"))
    events = _turning_points_table()
    first, last = int(deliveries.index.min()), int(deliveries.index.max())

    suppliers_w = widgets.Dropdown(options=[(label, key) for key, label in aid_model.SUPPLIER_CHOICE_LABELS.items()],
                                   value=suppliers, description="Suppliers")
    years_w = widgets.IntRangeSlider(value=(max(first, start_year), min(last, end_year)), min=first, max=last, step=1,
                                     description="Years", continuous_update=False, layout=widgets.Layout(width="400px"))
    mode_w = widgets.Dropdown(options=[(label, key) for key, label in aid_model.ARMS_MODES.items()], value=mode,
                              description="View", layout=widgets.Layout(width="360px"))

    def build():
        start, end = years_w.value
        view = aid_model.arms_view(deliveries, suppliers_w.value, start, end, mode_w.value)
        points = aid_model.turning_points(events, start, end)
        name = aid_model.SUPPLIER_CHOICE_LABELS[suppliers_w.value]
        fig = charts.arms_figure(view, points, mode_w.value,
                                 f"Major arms delivered to North Korea, {start}\u2013{end}: {name} (SIPRI TIV)")
        return fig, charts.arms_summary(view, deliveries, suppliers_w.value, start, end, mode_w.value)

    try:
        fig, text, problem = *build(), None
    except models.SelectionError as exc:  # an impossible starting selection: start from everything instead
        suppliers_w.value, years_w.value, mode_w.value = models.ALL, (first, last), "stacked"
        fig, text, problem = *build(), str(exc)
    figure = go.FigureWidget(fig)
    explorer = Explorer([suppliers_w, years_w, mode_w], figure)
    explorer.summary.value = summary_html(text)
    if problem:
        explorer.show_problem(problem)

    def update() -> None:
        new, text = build()
        explorer.summary.value = summary_html(text)  # first, so the words never lag behind the redrawn figure
        redraw(figure, new)

    on_change = safely(explorer, update)
    for control in (suppliers_w, years_w, mode_w):
        control.observe(on_change, names="value")
    explorer.refresh = on_change
    return explorer
