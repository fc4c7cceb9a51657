"""Lesson 04 in a real JupyterLab and Chromium: both trade explorers render, their controls redraw the figure."""

from __future__ import annotations

import pytest

from .helpers import assert_no_error_output, explorer, open_and_run_all, plot_data, wait_for_change

pytestmark = pytest.mark.browser

NOTEBOOK = "04_china_fuzzy_role.ipynb"


def _open(page, lab) -> None:
    """Open and run the lesson; under load JupyterLab sometimes asks "Select Kernel" first: accept it and retry."""
    try:
        open_and_run_all(page, lab, NOTEBOOK)
    except Exception:
        dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
        if not dialog.count():
            raise
        dialog.locator("button", has_text="Select").last.click()
        open_and_run_all(page, lab, NOTEBOOK)


def _wait_for_summary(page, box, word: str, timeout_ms: int = 15_000) -> None:
    """The sentence under the figure follows the redraw; textContent, since an off-screen cell has no innerText."""
    summary = box.locator(".alliancekit-summary")
    for _ in range(timeout_ms // 250):
        if word in (summary.text_content() or ""):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"the summary never mentioned {word!r}: {summary.text_content()!r}")


def _points(data) -> int:
    return sum(len(t["x"] or []) for t in data)


def test_trade_explorer_redraws_for_measure_comparison_and_years(page, lab):
    _open(page, lab)
    box = explorer(page, 0)
    before = plot_data(box)
    names = [t["name"] for t in before]
    assert "Chinese customs (GACC)" in names and "KOTRA (South Korea)" in names
    assert _points(before[:2]) > 30, "the two publishers' lines rendered empty"

    dropdowns = box.locator(".widget-dropdown select")
    dropdowns.nth(0).select_option(label="North Korea's imports from China")
    after_measure = wait_for_change(page, box, before)
    _wait_for_summary(page, box, "imports")

    dropdowns.nth(2).select_option(label="none")  # compare with nobody: the second line empties
    after_compare = wait_for_change(page, box, after_measure)
    assert not after_compare[1]["x"], "the second publisher's line should be empty"

    handle = box.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(7):
        handle.press("ArrowRight")  # the first year moves to 2007: the 2003-2006 points and two resolutions go
    wait_for_change(page, box, after_compare)
    for _ in range(120):  # the presses may arrive as several redraws: wait for the last
        if _points(plot_data(box)) < _points(after_compare):
            break
        page.wait_for_timeout(250)
    assert _points(plot_data(box)) < _points(after_compare), "moving the first year later kept every point"
    assert_no_error_output(page)


def test_share_explorer_compares_publishers_and_refuses_customs_plainly(page, lab):
    _open(page, lab)
    box = explorer(page, 1)
    box.scroll_into_view_if_needed()  # JupyterLab may not render a cell far outside the viewport
    before = plot_data(box)
    assert before[0]["name"] == "KOTRA (South Korea)" and _points(before[:1]) > 10

    dropdowns = box.locator(".widget-dropdown select")
    dropdowns.nth(2).select_option(label="KITA (Korea International Trade Association)")
    after = wait_for_change(page, box, before)
    assert after[1]["name"].startswith("KITA")

    # Chinese customs gives no world total: a plain message, and the figure stays as it was
    dropdowns.nth(1).select_option(label="Chinese customs (GACC)")
    alert = box.locator("[role=alert]")
    alert.wait_for(timeout=30_000)
    # text_content, not inner_text: the text is there even while JupyterLab has not painted a cell out of view
    assert "Pick KOTRA" in alert.text_content() and "Traceback" not in alert.text_content()
    assert plot_data(box) == after
    assert_no_error_output(page)
