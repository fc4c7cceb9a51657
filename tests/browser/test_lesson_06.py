"""Lesson 06 in a real JupyterLab and Chromium: every explorer renders, a control moves, the figure redraws, no errors."""

from __future__ import annotations

import pytest

from .helpers import assert_no_error_output, explorer, plot_data, wait_for_change
from .helpers import open_and_run_all as _open_and_run_all
from .helpers import values as _values

pytestmark = pytest.mark.browser


def _numbers(data) -> list:
    return [v for t in data for v in _values(t["y"]) if isinstance(v, (int, float))]

NOTEBOOK = "06_arsenal_in_hindsight.ipynb"
# explorers in the order the lesson shows them
DELIVERIES, TIMELINE, CLAIMS = range(3)


def test_every_explorer_of_lesson_06_redraws_when_its_control_moves(page, lab):
    _open_and_run_all(page, lab, NOTEBOOK)

    # deliveries: containers -> shells; the highest value becomes the 12 million conversion
    box = explorer(page, DELIVERIES)
    before = plot_data(box)
    assert _numbers(before), "the deliveries figure rendered empty"
    box.locator(".widget-dropdown select").first.select_option(label="shells (estimates)")
    after = wait_for_change(page, box, before)
    assert max(_numbers(after)) == 12_000_000
    assert "shells" in box.locator(".alliancekit-summary").text_content()

    # timeline, preset to troop events: switch to treaty events
    box = explorer(page, TIMELINE)
    before = plot_data(box)
    box.locator(".widget-dropdown select").first.select_option(label="treaty")
    after = wait_for_change(page, box, before)
    assert [t["name"] for t in after if _values(t["x"])] == ["treaty"]

    # claims ledger, preset to paragraph 2: all paragraphs, then only claims overtaken by events
    box = explorer(page, CLAIMS)
    before = plot_data(box)
    box.locator(".widget-dropdown select").nth(0).select_option(label="overtaken by events")
    after = wait_for_change(page, box, before)
    assert sum(_numbers(after)) == 1  # paragraph 2 holds one of the two overtaken claims
    assert "troop_claims_absurd" in box.locator(".alliancekit-claims").text_content()
    assert box.locator("[role=alert]").count() == 0

    assert_no_error_output(page)
