"""Lesson 05 in a real JupyterLab and Chromium: the three explorers render and their controls redraw the figure.

The notebook is run once and every explorer is driven in turn (a run of the lesson is the costly part).
"""

from __future__ import annotations

import pytest

from .helpers import assert_no_error_output, explorer, open_and_run_all, plot_data, wait_for_change

pytestmark = pytest.mark.browser

NOTEBOOK = "05_leverage_and_sanctions.ipynb"


def _points(data) -> int:
    return sum(len(t.get("x") or []) for t in data)  # a trace not drawn yet has no "x" at all


def _state_label(iso3: str) -> str:
    """The label the explorers' state dropdowns show for a state, e.g. 'Russia (RUS)'."""
    from alliancekit import data

    votes = data.load("un_votes")
    return f"{votes.drop_duplicates('iso3').set_index('iso3').loc[iso3, 'country']} ({iso3})"


def _select(select, text: str) -> None:
    """Choose the option showing ``text`` (ipywidgets writes option labels with no-break spaces)."""
    index = select.evaluate("(s, t) => [...s.options].findIndex(o => o.text.replace(/\\u00a0/g, ' ') === t)",
                            text.replace("\u00a0", " "))
    assert index >= 0, f"no option {text!r}"
    select.select_option(index=index)


def _summary_says(page, box, text: str, timeout_ms: int = 30_000) -> None:
    """Wait until the sentence under the figure contains ``text`` (it is updated just after the figure)."""
    summary = box.locator(".alliancekit-summary")
    box.scroll_into_view_if_needed()  # JupyterLab may not render cells far outside the viewport
    deadline = page.evaluate("Date.now()") + timeout_ms
    while page.evaluate("Date.now()") < deadline:
        if text in (summary.text_content() or ""):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"the summary never said {text!r}; it says {summary.text_content()!r}")


def _drawn(page, index: int, timeout_ms: int = 60_000):
    """Explorer ``index``, scrolled into view and drawn: JupyterLab may not render a cell far outside the viewport,
    and on a loaded machine plotly's element can exist a moment before its data arrives."""
    box = explorer(page, index)
    box.scroll_into_view_if_needed()
    deadline = page.evaluate("Date.now()") + timeout_ms
    while page.evaluate("Date.now()") < deadline:
        if _points(plot_data(box)):
            return box
        page.wait_for_timeout(250)
    raise AssertionError(f"explorer {index} never drew its figure")


def test_every_lesson_05_explorer_renders_and_redraws_without_errors(page, lab):
    open_and_run_all(page, lab, NOTEBOOK)

    # 1. The UN vote explorer: another resolution, then another marked state
    rollcall = _drawn(page, 0)
    before = plot_data(rollcall)
    assert _points(before[4:8]) == 193, "every member state should be a point in the strip"
    select = rollcall.locator(".widget-dropdown select").first
    current = select.evaluate("s => s.selectedIndex")
    select.select_option(index=1 if current == 0 else 0)  # another resolution
    after = wait_for_change(page, rollcall, before)
    assert _points(after[4:8]) == 193
    _select(rollcall.locator(".widget-dropdown select").nth(1), _state_label("USA"))
    wait_for_change(page, rollcall, after)
    _summary_says(page, rollcall, "marked with a star")

    # 2. Who votes with whom: compare with China instead of Russia, then leave only the compared state
    agreement = _drawn(page, 1)
    before = plot_data(agreement)
    assert _points(before) == 12 * 5, "Russia and eleven other states, five roll-calls each"
    _select(agreement.locator(".widget-dropdown select").first, _state_label("CHN"))
    after = wait_for_change(page, agreement, before)
    _summary_says(page, agreement, "voted as China did")
    _select(agreement.locator("select[multiple]").first, _state_label("CHN"))  # China alone: nothing to compare
    alert = agreement.locator("[role=alert]")
    alert.wait_for(timeout=30_000)
    assert "besides the one" in alert.inner_text() and "Traceback" not in alert.inner_text()
    assert plot_data(agreement) == after, "the last good figure should stay"

    # 3. Capability: China as patron, then the year slider
    capability = _drawn(page, 2)
    before = plot_data(capability)
    assert _points(before) > 100
    _select(capability.locator(".widget-dropdown select").nth(0), "China")
    after = wait_for_change(page, capability, before)
    _summary_says(page, capability, "China")
    handle = capability.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(3):
        handle.press("ArrowRight")  # the first year moves later (1948 -> 1951): fewer points
    later = wait_for_change(page, capability, after)
    assert _points(later) < _points(after)
    assert_no_error_output(page)
