"""Every lesson in a real JupyterLab: axe-core finds no serious or critical violation in the kit's outputs, and
every explorer is usable with the keyboard alone (each control reached with Tab, and changed with a key)."""

from __future__ import annotations

import pytest

from ..conftest import REPO
from .axe import report, serious_violations
from .helpers import assert_no_error_output, explorer_cells, rendered_explorers, run_to_the_end
from .keyboard import CONTROLS, describe_control, key_for, shown, tab_stops

pytestmark = pytest.mark.browser

LESSONS = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))


def wait_for_response(page, box, before: str, timeout_ms: int = 30_000) -> bool:
    deadline = page.evaluate("Date.now()") + timeout_ms
    while page.evaluate("Date.now()") < deadline:
        if shown(box) != before:
            return True
        page.wait_for_timeout(150)
    return False


def control_state(control) -> str:
    """What the control itself shows: a dropdown's choice, a handle's value, a button's or box's state."""
    return control.evaluate("el => [el.value, el.checked, el.getAttribute('aria-valuenow'), el.className].join('|')")


@pytest.mark.parametrize("notebook", LESSONS)
def test_lesson_outputs_are_accessible_and_its_explorers_work_by_keyboard(page, lab, notebook):
    run_to_the_end(page, lab, notebook)
    expected = len(explorer_cells(notebook))
    boxes = rendered_explorers(page, expected)
    # the helper that names slider handles runs in the page: give it a moment after the last render
    page.wait_for_timeout(1_000)

    problems = []
    for i, box in enumerate(boxes):
        box.scroll_into_view_if_needed()
        controls = box.locator(CONTROLS)
        reached = tab_stops(page, box)
        missing = [describe_control(controls.nth(k)) for k in range(controls.count()) if k not in reached]
        if missing:
            problems.append(f"explorer {i}: Tab never reaches {missing}")
        for k in range(controls.count()):
            control = controls.nth(k)
            key = key_for(control)
            if key is None:
                continue
            # one step of a slider can leave the figure as it was (years with no data): further presses, then
            # larger steps (noUiSlider's PageUp/PageDown and Home/End) in the same direction
            further = {"ArrowLeft": ["PageDown", "Home"], "ArrowRight": ["PageUp", "End"]}.get(key, [])
            state = control_state(control)
            for press in [key, key, *further]:
                before = shown(box)
                control.focus()
                control.press(press)
                if wait_for_response(page, box, before, timeout_ms=20_000):
                    break
            else:
                # the control moved but the view could not show it (an earlier control left an impossible
                # selection on screen, or this one only matters in another view): the keyboard still works
                if control_state(control) == state:
                    problems.append(f"explorer {i}: pressing {key} on {describe_control(control)!r} changed nothing")
    violations = serious_violations(page, ".jp-OutputArea-output")
    if violations:
        problems.append("axe-core serious/critical violations in the lesson's outputs:\n" + report(violations))
    assert not problems, f"{notebook}:\n" + "\n".join(problems)
    assert_no_error_output(page)
