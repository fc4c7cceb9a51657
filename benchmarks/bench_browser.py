"""How long a student waits in the browser: from a key press on a control to the figure redrawn, for every
control of every explorer.

    .venv/bin/python benchmarks/bench_browser.py [--changes 6] [--lessons 02_artillery_arithmetic ...]

Starts a real JupyterLab and Debian's Chromium (as the browser tests do), runs each lesson, and drives each
explorer the first time a lesson shows it (the timeline explorer, shown in four lessons, is measured once).
Every control (dropdown, slider handle, toggle button, check box) is changed ``--changes`` times by the keyboard,
forward then back, as a student without a mouse does. Each change is timed in the page, from the keydown to the
first moment (polled every 4 ms) at which what the student sees has changed: the figure's data, labels or axes,
the sentence under it, or the message line (a change that can only give a message is counted apart). That is
the whole round trip through the kernel and back.

Target (issue on publishing, item 8): median at most 150 ms, slowest at most 400 ms. Prints a table per
control, the totals and the load average; never fails a build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser.helpers import explorer_cells, rendered_explorers, run_to_the_end  # noqa: E402
from tests.browser.keyboard import ARM_TIMER_JS, CONTROLS, SHOWN_JS, describe_control, key_for  # noqa: E402
from tests.browser.lab import CHROMIUM_ARGS, jupyterlab  # noqa: E402

TARGET_MEDIAN_MS, TARGET_SLOWEST_MS = 150, 400


def time_one(page, box, index: int, control, forward: bool):
    """One timed key press on ``control``: (ms, "figure" or "message"), or None if there was nothing to press."""
    key = key_for(control, forward)
    if key is None:  # the active toggle button: press another one of its group instead
        group = control.locator("xpath=..").locator("button:not(.mod-active)")
        if not group.count():
            return None
        control, key = group.first, "Space"
    control.focus()
    page.evaluate(ARM_TIMER_JS, [index, "(" + SHOWN_JS.strip() + ")"])
    control.press(key)
    try:
        return tuple(page.evaluate("() => window.__alliancekitResponse"))
    except Exception:
        return (float("nan"), "none")


def measure_lesson(page, lab, notebook: str, seen: set, changes: int) -> list[dict]:
    names = explorer_cells(notebook)
    if all(n in seen for n in names):
        return []
    run_to_the_end(page, lab, notebook)
    boxes = rendered_explorers(page, len(names))
    page.wait_for_timeout(1_000)
    rows = []
    for index, (name, box) in enumerate(zip(names, boxes)):
        if name in seen:
            continue
        seen.add(name)
        box.scroll_into_view_if_needed()
        controls = box.locator(CONTROLS)
        for k in range(controls.count()):
            control = controls.nth(k)
            label = describe_control(control)
            times, messages, silent = [], 0, 0
            for i in range(changes):
                result = time_one(page, box, index, control, forward=i % 2 == 0)
                if result is None:
                    continue
                ms, kind = result
                if kind == "none":
                    silent += 1
                elif kind == "message":
                    messages += 1
                else:
                    times.append(ms)
                page.wait_for_timeout(150)  # let the last redraw settle before the next change
            rows.append(dict(lesson=notebook.split("_")[0], explorer=name, control=label, times=times,
                             messages=messages, silent=silent))
            print(f"  {name:22} {label[:40]:40} " + (f"median {statistics.median(times):4.0f} ms, slowest "
                  f"{max(times):4.0f} ms ({len(times)} redraws)" if times else "no redraw")
                  + (f", {messages} message(s)" if messages else "") + (f", {silent} without response" if silent else ""),
                  flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=6, help="key presses per control (forward, back, ...)")
    parser.add_argument("--lessons", nargs="*", help="lesson names (default: every lesson with an explorer)")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("Debian's chromium is needed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    lessons = [f"{n.removesuffix('.ipynb')}.ipynb" for n in args.lessons] if args.lessons else \
        sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)", flush=True)
    work = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    shutil.copytree(REPO / "notebooks", work / "root" / "notebooks")
    (work / "home").mkdir()
    rows, seen = [], set()
    try:
        with jupyterlab(work / "root", work / "home") as lab, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            for notebook in lessons:
                print(notebook, flush=True)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                try:
                    rows += measure_lesson(page, lab, notebook, seen, args.changes)
                finally:
                    page.close()
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("\n| lesson | explorer | control | redraws | median ms | slowest ms |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        t = r["times"]
        extra = (f" (+{r['messages']} message)" if r["messages"] else "") + (f" ({r['silent']} no response)" if r["silent"] else "")
        print(f"| {r['lesson']} | {r['explorer']} | {r['control']} | {len(t)}{extra} | "
              f"{statistics.median(t):.0f} | {max(t):.0f} |" if t else
              f"| {r['lesson']} | {r['explorer']} | {r['control']} | 0{extra} | - | - |")
    every = [ms for r in rows for ms in r["times"]]
    if every:
        medians = [statistics.median(r["times"]) for r in rows if r["times"]]
        print(f"\n{len(rows)} controls of {len(seen)} explorers, {len(every)} redraws: median {statistics.median(every):.0f} ms, "
              f"slowest {max(every):.0f} ms; slowest control's median {max(medians):.0f} ms   "
              f"target: median <= {TARGET_MEDIAN_MS} ms, slowest <= {TARGET_SLOWEST_MS} ms")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
