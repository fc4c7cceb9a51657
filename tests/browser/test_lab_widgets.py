"""In a real JupyterLab and a real Chromium: lessons run, explorers render, moving a control redraws the figure."""

from __future__ import annotations

import pytest

from .helpers import RENDER_TIMEOUT_MS, assert_no_error_output, explorer, open_and_run_all, plot_data, wait_for_change

pytestmark = pytest.mark.browser


def test_timeline_explorer_redraws_when_the_kind_of_event_changes(page, lab):
    open_and_run_all(page, lab, "01_summit_and_argument.ipynb")
    box = explorer(page)
    before = plot_data(box)
    assert sum(len(t["x"] or []) for t in before) > 0, "the timeline rendered with no points"

    box.locator(".widget-dropdown select").first.select_option(label="troops")
    after = wait_for_change(page, box, before)

    shown = [t for t in after if t["x"]]
    assert [t["name"] for t in shown] == ["troops"], f"only troop events should remain, got {[t['name'] for t in shown]}"
    assert "troops" in box.locator(".alliancekit-summary").inner_text()
    assert_no_error_output(page)


def test_timeline_explorer_redraws_when_the_year_slider_moves(page, lab):
    open_and_run_all(page, lab, "01_summit_and_argument.ipynb")
    box = explorer(page)
    before = plot_data(box)
    handle = box.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(2):
        handle.press("ArrowRight")  # the first year moves later, dropping the earliest events
    after = wait_for_change(page, box, before)
    assert sum(len(t["x"] or []) for t in after) < sum(len(t["x"] or []) for t in before)
    assert_no_error_output(page)


def test_start_here_runs_in_the_browser_and_its_check_gives_feedback(page, lab):
    open_and_run_all(page, lab, "00_start_here.ipynb")
    page.locator(".alliancekit-feedback").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    explorer(page)
    assert_no_error_output(page)
