"""The explorers of lesson 02 (artillery): inventories by source, the shell-gap calculator, NMC capabilities."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from .. import data
from ..charts import artillery as ch
from ..models import artillery as m
from .base import Explorer, redraw, safely, summary_html

_WIDE = widgets.Layout(width="640px")


def _with_labels(table):
    """``data.with_source_labels``, computed once per source rather than once per row (NMC has 12,000 rows)."""
    ids = table[["source_id"]].drop_duplicates()
    labels = data.with_source_labels(ids).set_index("source_id")["source_label"]
    return table.assign(source_label=table["source_id"].map(labels))
_STYLE = {"description_width": "110px"}


def artillery_explorer(country: str = "PRK", category: str = "total") -> Explorer:
    """Artillery inventories: pick a country and a category; each source's estimate is shown by year, as a range."""
    artillery = data.with_source_labels(data.load("artillery"))
    countries = sorted(set(artillery["country"].astype(str)), key=lambda c: (c != "PRK", c != "KOR", c))
    country_box = widgets.Dropdown(options=[(m.COUNTRY_NAMES.get(c, c), c) for c in countries], value=country,
                                   description="Country", style=_STYLE)
    category_box = widgets.Dropdown(options=[(v, k) for k, v in m.CATEGORY_NAMES.items()], value=category,
                                    description="Category", style=_STYLE, layout=widgets.Layout(width="440px"))
    chosen = m.inventory_estimates(artillery, country, category)
    figure = go.FigureWidget(ch.inventory_figure(chosen, country, category))
    explorer = Explorer([country_box, category_box], figure)

    def update() -> None:
        chosen = m.inventory_estimates(artillery, country_box.value, category_box.value)
        redraw(figure, ch.inventory_figure(chosen, country_box.value, category_box.value))
        explorer.summary.value = summary_html(ch.inventory_summary(chosen, country_box.value, category_box.value))

    on_change = safely(explorer, update)
    country_box.observe(on_change, names="value")
    category_box.observe(on_change, names="value")
    explorer.refresh = on_change
    on_change()
    return explorer


# The shell-gap calculator: each input is a dropdown of cited figures plus a slider to override it.
_CONTROLS = (  # control, label, slider max, slider step, default preset
    ("stockpile", "Stockpile", 15_000_000, 50_000, "prk_deliv_2023_11_nis"),
    ("fire", "Fired a day", 100_000, 500, "rus_fire_2023_08_syrskyi"),
    ("production", "Produced a day", 20_000, 100, m.NONE_PRESET),
    ("deliveries", "Delivered a day", 20_000, 100, m.NONE_PRESET),
)
_NAMES = {"stockpile": "stockpile", "fire": "fire", "production": "Russian production", "deliveries": "North Korean deliveries"}


def shell_gap_explorer(stockpile: str | None = None, fire: str | None = None, production: str | None = None,
                       deliveries: str | None = None) -> Explorer:
    """How long a stockpile of shells lasts: each input starts from a cited figure the student can switch or override.

    Arguments are preset ids (see ``models.artillery.shell_presets``); the defaults are the ROK National
    Intelligence Service's "more than one million" North Korean shells (Nov 2023) fired at Syrskyi's
    20,000 a day (Aug-Sep 2023), with no production or further deliveries.
    """
    shells = data.load("shells")
    presets = m.shell_presets(shells)
    sources = _with_labels(shells[["source_id"]]).drop_duplicates().set_index("source_id")["source_label"]
    chosen = {"stockpile": stockpile, "fire": fire, "production": production, "deliveries": deliveries}
    pickers, sliders, rows = {}, {}, []
    for control, label, top, step, default in _CONTROLS:
        table = presets[control].set_index("preset_id")
        options = [(lbl, pid) for pid, lbl in zip(table.index, table["label"])]
        value = chosen[control] or default
        pickers[control] = widgets.Dropdown(options=options, value=value, description=label, style=_STYLE, layout=_WIDE)
        sliders[control] = widgets.FloatSlider(
            value=min(top, table.loc[value, "per_day"]), min=0, max=top, step=step, description="override",
            continuous_update=False, readout_format=",.0f", layout=widgets.Layout(width="420px"))
        rows.append(widgets.HBox([pickers[control], sliders[control]]))
    state = {"busy": False}

    def used() -> dict[str, str]:
        out = {}
        for control in pickers:
            table = presets[control].set_index("preset_id")
            row = table.loc[pickers[control].value]
            if sliders[control].value != min(sliders[control].max, row["per_day"]):
                out[_NAMES[control]] = f"your\u00a0own\u00a0value ({sliders[control].value:,.0f})"  # kept on one line by the wrap
            elif row["shell_id"] == "":
                out[_NAMES[control]] = "none"
            else:
                out[_NAMES[control]] = f"{row['shell_id']} ({sources.get(row['source_id'], row['source_id'])})"
        return out

    def draw() -> go.Figure:
        values = {c: sliders[c].value for c in sliders}
        days = m.days_sustained(values["stockpile"], values["fire"], values["production"], values["deliveries"])
        path = m.stockpile_path(values["stockpile"], values["fire"], values["production"], values["deliveries"])
        explorer_summary = ch.shell_gap_summary(values["stockpile"], values["fire"], values["production"],
                                                values["deliveries"], days)
        return ch.shell_gap_figure(path, days, values["stockpile"], used()), explorer_summary

    first, first_summary = draw()
    figure = go.FigureWidget(first)
    explorer = Explorer([widgets.VBox(rows)], figure)
    explorer.controls = [w for c in pickers for w in (pickers[c], sliders[c])]
    explorer.pickers, explorer.sliders = pickers, sliders
    explorer.summary.value = summary_html(first_summary)

    def update() -> None:
        if state["busy"]:
            return
        new, text = draw()
        redraw(figure, new)
        explorer.summary.value = summary_html(text)

    on_change = safely(explorer, update)

    def preset_chosen(control):
        def on_pick(_change=None):
            row = presets[control].set_index("preset_id").loc[pickers[control].value]
            state["busy"] = True  # one redraw for the pick, not one for the pick and one for the slider
            try:
                sliders[control].value = min(sliders[control].max, row["per_day"])
            finally:
                state["busy"] = False
            on_change()
        return on_pick

    for control in pickers:
        pickers[control].observe(preset_chosen(control), names="value")
        sliders[control].observe(on_change, names="value")
    explorer.refresh = on_change
    return explorer


__all__ = ["artillery_explorer", "shell_gap_explorer"]
