"""Lesson 03 in a real JupyterLab and Chromium: the aid and arms explorers render, their controls redraw the
figure, and an empty selection gives a plain message, never a traceback.

The notebook is run once and both explorers are driven in turn (a run of the lesson is the costly part).
"""

from __future__ import annotations

import re

import pytest

from .helpers import RENDER_TIMEOUT_MS, assert_no_error_output, plot_data, wait_for_change

pytestmark = pytest.mark.browser

NOTEBOOK = "03_lips_and_teeth.ipynb"


def _open_and_run_all(page, lab, notebook: str, last_code: str) -> None:
    """Open the lesson and run every cell until the cell holding ``last_code`` has run.

    Like helpers.open_and_run_all, but sturdier on a loaded machine: it accepts JupyterLab's "Select
    Kernel" dialog (shown when the kernel is still starting, and swallowing clicks on the Run menu) and
    runs all cells again if a run was dropped (every prompt back to "[ ]").
    """
    workspace = notebook.replace(".ipynb", "").replace("_", "-")
    page.goto(f"{lab['base']}/lab/workspaces/{workspace}/tree/notebooks/{notebook}?reset&token={lab['token']}")
    page.wait_for_selector(".jp-Notebook", timeout=RENDER_TIMEOUT_MS)
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    target = page.locator(".jp-CodeCell", has_text=last_code).first.locator(".jp-InputPrompt")
    prompts = page.locator(".jp-CodeCell .jp-InputPrompt")
    deadline = page.evaluate("Date.now()") + 4 * RENDER_TIMEOUT_MS
    while page.evaluate("Date.now()") < deadline:
        if accept.count() and accept.first.is_visible():
            accept.first.click()
        if target.count() and re.search(r"\[\d+\]", target.first.text_content() or ""):
            return
        running = any(re.search(r"\[(\d+|\*)\]", t or "") for t in prompts.all_text_contents())
        if not running:
            try:
                page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click(timeout=5_000)
                page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click(timeout=5_000)
            except Exception:
                if not (accept.count() and accept.first.is_visible()):
                    page.keyboard.press("Escape")  # close a menu left open before trying again
        page.wait_for_timeout(2_000)
    raise AssertionError(f"{notebook}: the cell {last_code!r} never ran")


def _explorer(page, code: str):
    """The explorer an input cell draws, scrolled into view first: JupyterLab may not render cells off screen."""
    cell = page.locator(".jp-CodeCell", has_text=code).first
    cell.scroll_into_view_if_needed(timeout=RENDER_TIMEOUT_MS)
    box = cell.locator(".alliancekit-explorer").first
    box.locator(".js-plotly-plot").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    return box


def _points(data) -> int:
    return sum(len(t["x"] or []) for t in data if t["x"] and t["x"][0] is not None)


def test_both_lesson_03_explorers_render_and_redraw_without_errors(page, lab):
    _open_and_run_all(page, lab, NOTEBOOK, "explorers.arms_explorer(")

    # 1. Aid: all donors, then China; then a selection with no figure gives a plain message
    aid = _explorer(page, "explorers.aid_explorer()")
    before = plot_data(aid)
    assert _points(before) > 20, "the aid explorer rendered without its figures"
    donor = aid.locator(".widget-dropdown select").nth(0)
    donor.select_option(label="China")
    after = wait_for_change(page, aid, before)
    assert 0 < _points(after) < _points(before)
    assert "China" in aid.locator(".alliancekit-summary").text_content()

    donor.select_option(label="Eastern Europe")
    eastern = wait_for_change(page, aid, after)
    aid.locator(".widget-dropdown select").nth(1).select_option(label="military")  # the Type dropdown
    alert = aid.locator("[role=alert]")
    alert.wait_for(timeout=30_000)
    assert "1966-1989" in alert.text_content() and "Traceback" not in alert.text_content()
    assert plot_data(aid) == eastern, "the last good figure should stay"

    # back to every donor and type, then the year slider: the first year moves later, so wartime figures drop out
    donor.select_option(label="all donors")
    military = wait_for_change(page, aid, eastern)
    aid.locator(".widget-dropdown select").nth(1).select_option(label="all types")
    everything = wait_for_change(page, aid, military)
    handle = aid.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(10):
        handle.press("ArrowRight")
    later = wait_for_change(page, aid, everything)
    assert _points(later) < _points(everything)

    # 2. Arms: all suppliers stacked, then China only, then shares
    arms = _explorer(page, "explorers.arms_explorer(")
    before = plot_data(arms)
    assert [t["name"] for t in before[:5]] == ["USSR", "Russia", "China", "Kazakhstan", "United States"]
    arms.locator(".widget-dropdown select").nth(0).select_option(label="China")
    after = wait_for_change(page, arms, before)
    assert [t["name"] for t in after if t["x"] and t["name"] != "turning point"] == ["China"]
    arms.locator(".widget-dropdown select").nth(1).select_option(label="share of each year's deliveries (%)")
    shares = wait_for_change(page, arms, after)
    china = [t for t in shares if t["name"] == "China"][0]
    shares_y = china["y"].values() if isinstance(china["y"], dict) else china["y"]  # a typed array arrives as a dict
    assert max(float(v) for v in shares_y if v is not None) <= 100
    assert "share" in arms.locator(".alliancekit-summary").text_content()
    assert "major conventional weapons only" in arms.locator(".js-plotly-plot").first.text_content()
    assert_no_error_output(page)
