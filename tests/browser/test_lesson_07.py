"""Lesson 07 (capstone worksheet) in a real JupyterLab and Chromium: its explorers render and redraw, no errors."""

from __future__ import annotations

import pytest

from .helpers import RENDER_TIMEOUT_MS, assert_no_error_output, plot_data, wait_for_change
from .helpers import open_and_run_all as _open_and_run_all
from .helpers import values as _values

pytestmark = pytest.mark.browser


def _numbers(data) -> list:
    return [v for t in data for v in _values(t["y"]) if isinstance(v, (int, float))]

NOTEBOOK = "07_capstone.ipynb"


def _explorer(page, code: str):
    """The explorer an input cell draws, scrolled into view first: after Run All the notebook sits at its end, and
    JupyterLab may not render cells far outside the viewport."""
    cell = page.locator(".jp-CodeCell", has_text=code).first
    cell.scroll_into_view_if_needed(timeout=RENDER_TIMEOUT_MS)
    box = cell.locator(".alliancekit-explorer").first
    box.locator(".js-plotly-plot").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    return box


def test_the_capstone_worksheet_explorers_redraw_and_the_checks_give_feedback(page, lab):
    _open_and_run_all(page, lab, NOTEBOOK)

    # claims ledger, preset to partly supported claims (10): keep only facts (6)
    box = _explorer(page, "explorers.claims_explorer(")
    before = plot_data(box)
    assert sum(_numbers(before)) == 10
    box.locator(".widget-dropdown select").nth(1).select_option(label="fact")
    after = wait_for_change(page, box, before)
    assert sum(_numbers(after)) == 6
    assert "sino_soviet_split_aid_extraction" in box.locator(".alliancekit-claims").text_content()

    # timeline from 2022: move the first year later, fewer events remain
    box = _explorer(page, "explorers.timeline_explorer(")
    before = plot_data(box)
    handle = box.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(2):
        handle.press("ArrowRight")
    after = wait_for_change(page, box, before)
    assert sum(len(_values(t["x"])) for t in after) < sum(len(_values(t["x"])) for t in before)

    page.locator(".alliancekit-feedback").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert_no_error_output(page)
