"""Driving JupyterLab in Chromium: open a notebook, run it, find an explorer, read and move its figure."""

from __future__ import annotations

import json

RENDER_TIMEOUT_MS = 120_000

PLOT_DATA_JS = """
el => JSON.stringify((el.data || []).map(t => ({x: t.x, y: t.y, name: t.name})))
"""


def open_and_run_all(page, lab, notebook: str) -> None:
    """Open a lesson in a fresh workspace and Run All, until its first cell has run or is running.

    On a loaded machine JupyterLab may ask which kernel to start although the notebook names python3, and
    the dialog blocks the Run menu; "Run All" sent before the kernel is up is dropped. So: accept the dialog
    when it comes, retry, and close a menu left open by a failed attempt.
    """
    # a workspace of its own, reset, so tabs restored from an earlier test cannot take the "Run All"
    workspace = notebook.replace(".ipynb", "").replace("_", "-")
    page.goto(f"{lab['base']}/lab/workspaces/{workspace}/tree/notebooks/{notebook}?reset&token={lab['token']}")
    page.wait_for_selector(".jp-Notebook", timeout=RENDER_TIMEOUT_MS)
    first_prompt = page.locator(".jp-CodeCell .jp-InputPrompt").first
    for _ in range(6):
        page.wait_for_timeout(1_000)  # the dialog, when it comes, comes a moment after the notebook
        dialog = page.locator(".jp-Dialog")
        if dialog.count():
            dialog.locator(".jp-Dialog-button.jp-mod-accept").first.click()
            dialog.first.wait_for(state="detached", timeout=20_000)
        try:
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click(timeout=5_000)
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click(timeout=5_000)
            page.wait_for_function("el => /\\[(\\d+|\\*)\\]/.test(el.textContent)", arg=first_prompt.element_handle(),
                                   timeout=20_000)
            return
        except Exception:
            page.keyboard.press("Escape")
    raise AssertionError(f"{notebook}: the cells never started running")


def values(array) -> list:
    """A trace's x or y as a list: plotly.js may hold numbers as a typed array, which JSON gives as {"0": ...}."""
    if isinstance(array, dict):
        return [array[k] for k in sorted(array, key=int)]
    return list(array or [])


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


def explorer_cells(notebook: str) -> list[str]:
    """The explorer each code cell of a lesson draws, in order (``timeline_explorer``...), from the notebook file."""
    import re

    from ..conftest import REPO

    cells = json.loads((REPO / "notebooks" / notebook).read_text())["cells"]
    found = []
    for cell in cells:
        if cell["cell_type"] == "code":
            found += re.findall(r"explorers\.(\w+_explorer)\(", "".join(cell["source"]))
    return found


def run_to_the_end(page, lab, notebook: str) -> None:
    """Run All, then wait until every code cell has run (a number in its prompt).

    On a loaded machine a Run All can be dropped (sent before the kernel is ready): when nothing is running and
    cells are left unrun, Run All is sent again; a kernel dialog is accepted when it comes.
    """
    import re

    from ..conftest import REPO

    cells = json.loads((REPO / "notebooks" / notebook).read_text())["cells"]
    code_cells = sum(c["cell_type"] == "code" for c in cells)
    open_and_run_all(page, lab, notebook)
    prompts = page.locator(".jp-CodeCell .jp-InputPrompt")
    deadline = page.evaluate("Date.now()") + 4 * RENDER_TIMEOUT_MS
    idle_checks = 0
    while page.evaluate("Date.now()") < deadline:
        texts = prompts.all_text_contents()
        if sum(bool(re.search(r"\[\d+\]", t or "")) for t in texts) >= code_cells:
            return
        accept = page.locator(".jp-Dialog .jp-mod-accept")
        if accept.count() and accept.first.is_visible():
            accept.first.click()
        running = any("*" in (t or "") for t in texts)
        idle_checks = 0 if running else idle_checks + 1
        if idle_checks >= 10:  # ten seconds with nothing running and cells left: the run was dropped
            idle_checks = 0
            try:
                page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click(timeout=5_000)
                page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click(timeout=5_000)
            except Exception:
                page.keyboard.press("Escape")
        page.wait_for_timeout(1_000)
    raise AssertionError(f"{notebook}: not every cell ran")


def rendered_explorers(page, expected: int) -> list:
    """The lesson's explorers, each scrolled into view until its figure has rendered."""
    boxes = page.locator(".alliancekit-explorer")
    for i in range(expected):
        box = boxes.nth(i)
        box.scroll_into_view_if_needed(timeout=RENDER_TIMEOUT_MS)
        box.locator(".js-plotly-plot").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert boxes.count() == expected, f"{boxes.count()} explorers rendered, {expected} explorer cells"
    return [boxes.nth(i) for i in range(expected)]
