"""Speed of what a student waits for: importing the kit, a widget redraw in the kernel, a lesson run headless.

    .venv/bin/python benchmarks/bench_lessons.py

Targets (issue "lesson sequence"): import <= 0.5 s; widget change <= 50 ms median over 50 changes;
each lesson, kernel start included, <= 5 s on the 2-core reference machine. This script measures and
prints; it never fails a build (speed targets live here, not in unit tests).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def import_seconds(repeats: int = 5) -> float:
    code = "import time; t = time.perf_counter(); import alliancekit; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(repeats)]
    return statistics.median(runs)


def widget_change_ms(changes: int = 50) -> dict[str, float]:
    """Median time for a control change to redraw the figure, for every explorer the kit exports.

    The first dropdown of each explorer is cycled through its options ``changes`` times.
    """
    import ipywidgets as widgets

    from alliancekit import explorers

    out = {}
    for name in sorted(n for n in dir(explorers) if n.endswith("_explorer")):
        explorer = getattr(explorers, name)()
        dropdown = next((c for c in explorer.controls if isinstance(c, widgets.Dropdown) and len(c.options) > 1), None)
        if dropdown is None:
            continue
        values = [o[1] if isinstance(o, tuple) else o for o in dropdown.options]
        start = values.index(dropdown.value)
        times = []
        for i in range(changes):
            t = time.perf_counter()
            dropdown.value = values[(start + i + 1) % len(values)]
            times.append((time.perf_counter() - t) * 1000)
        out[name] = statistics.median(times)
    return out


def lesson_seconds() -> dict[str, float]:
    import nbformat
    from nbclient import NotebookClient

    out = {}
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        t = time.perf_counter()
        NotebookClient(notebook, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        out[path.name] = time.perf_counter() - t
    return out


def main() -> None:
    print(f"import alliancekit (median of 5 fresh interpreters): {import_seconds():.3f} s   target <= 0.5 s")
    for name, ms in widget_change_ms().items():
        print(f"{name} change in the kernel (median of 50): {ms:.1f} ms   target <= 50 ms")
    for name, seconds in lesson_seconds().items():
        print(f"lesson {name} headless, kernel start included: {seconds:.2f} s   target <= 5 s")


if __name__ == "__main__":
    main()
