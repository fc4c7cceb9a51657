"""In a real JupyterLab and a real Chromium: lessons run, explorers render, moving a control redraws the figure."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

RENDER_TIMEOUT_MS = 120_000

PLOT_DATA_JS = """
el => JSON.stringify((el.data || []).map(t => ({x: t.x, y: t.y, name: t.name})))
"""


def open_and_run_all(page, lab, notebook: str) -> None:
    # a workspace of its own, reset, so tabs restored from an earlier test cannot take the "Run All"
    workspace = notebook.replace(".ipynb", "").replace("_", "-")
    page.goto(f"{lab['base']}/lab/workspaces/{workspace}/tree/notebooks/{notebook}?reset&token={lab['token']}")
    page.wait_for_selector(".jp-Notebook", timeout=RENDER_TIMEOUT_MS)
    first_prompt = page.locator(".jp-CodeCell .jp-InputPrompt").first
    # the kernel may still be starting: "Run All" sent too early is dropped, so retry until cells run
    for _ in range(6):
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        try:
            page.wait_for_function("el => /\\[(\\d+|\\*)\\]/.test(el.textContent)", arg=first_prompt.element_handle(),
                                   timeout=20_000)
            return
        except Exception:
            continue
    raise AssertionError(f"{notebook}: the cells never started running")


def explorer(page, index: int = 0):
    box = page.locator(".alliancekit-explorer").nth(index)
    box.locator(".js-plotly-plot").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    return box


def plot_data(box) -> list:
    return json.loads(box.locator(".js-plotly-plot").first.evaluate(PLOT_DATA_JS))


def wait_for_change(page, box, before, timeout_ms: int = 30_000) -> list:
    deadline = page.evaluate("Date.now()") + timeout_ms
    while page.evaluate("Date.now()") < deadline:
        now = plot_data(box)
        if now != before:
            return now
        page.wait_for_timeout(200)
    raise AssertionError("the figure's data did not change after the control moved")


def assert_no_error_output(page) -> None:
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, "error output in the notebook: " + " | ".join(errors.all_inner_texts())[:2000]


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
