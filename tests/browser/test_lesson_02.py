"""Lesson 02 in a real JupyterLab and Chromium: the three explorers render, their controls redraw the figure,
and impossible inputs give a plain message, never a traceback.

The notebook is run once and every explorer is driven in turn (a run of the lesson is the costly part).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import assert_no_error_output, explorer, plot_data, wait_for_change
from .helpers import open_and_run_all as _open_and_run_all
from .helpers import values as _values

pytestmark = pytest.mark.browser

NOTEBOOK = "02_artillery_arithmetic.ipynb"


def _points(data) -> int:
    return sum(len(t["x"] or []) for t in data)


def _preset_label(control: str, preset_id: str) -> str:
    """The text the shell-gap calculator's dropdown shows for one cited figure."""
    from alliancekit import data
    from alliancekit.models import artillery

    table = artillery.shell_presets(data.load("shells"))[control].set_index("preset_id")
    return table.loc[preset_id, "label"]


def test_every_lesson_02_explorer_renders_and_redraws_without_errors(page, lab):
    _open_and_run_all(page, lab, NOTEBOOK)

    # 1. Inventories: North Korean totals, then multiple rocket launchers; mortars give a plain message
    inventory = explorer(page, 0)
    before = plot_data(inventory)
    assert len(before) == 7 and _points(before) == 7, "seven North Korean totals, one trace per kind of source"
    category = inventory.locator(".widget-dropdown select").nth(1)
    category.select_option(label="multiple rocket launchers")
    after = wait_for_change(page, inventory, before)
    assert _points(after) == 11
    expect(inventory.locator(".alliancekit-summary")).to_contain_text("multiple rocket launchers")
    category.select_option(label="mortars")
    message = inventory.locator("[role=alert]", has_text="Cannot show that")
    expect(message).to_contain_text("No source in the kit counts mortars", timeout=30_000)
    assert "Traceback" not in message.inner_text()
    assert plot_data(inventory) == after, "the last good figure should stay"

    # 2. The shell-gap calculator: a cited US rate of fire, then the slider overrides it
    gap = explorer(page, 1)
    before = plot_data(gap)
    assert _values(before[1]["x"]) == [50], "1,000,000 shells at 20,000 a day run out on day 50"
    gap.locator(".widget-dropdown select").nth(1).select_option(label=_preset_label("fire", "rus_fire_2024_03_cnn_officials"))
    after = wait_for_change(page, gap, before)
    assert _values(after[1]["x"]) == [100]
    expect(gap.locator(".js-plotly-plot").first).to_contain_text("rus_fire_2024_03_cnn_officials")
    handle = gap.locator(".widget-slider .noUi-handle").nth(1)  # the rate-of-fire slider
    handle.focus()
    handle.press("ArrowRight")  # 10,000 -> 10,500 a day: the stock runs out sooner
    overridden = wait_for_change(page, gap, after)
    assert _values(overridden[1]["x"])[0] < 100
    expect(gap.locator(".js-plotly-plot").first).to_contain_text("your own value")

    assert_no_error_output(page)
