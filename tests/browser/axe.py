"""axe-core in Chromium: the accessibility audit the browser tests run on JupyterLab and on the course website.

axe-core comes from the npm registry (``make axe`` installs the pinned version into ``.venv/node``); it is never
committed. ``AXE_CORE_JS`` may point to another copy of ``axe.min.js``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ..conftest import REPO

AXE_VERSION = "4.14.1"
AXE_JS = REPO / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")

RUN_AXE = """
async ([selector, levels]) => {
  const context = selector ? {include: [...document.querySelectorAll(selector)]} : document;
  if (selector && context.include.length === 0) return [];
  const results = await axe.run(context, {resultTypes: ['violations']});
  return results.violations.filter(v => levels.includes(v.impact)).map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').slice(0, 200)),
    count: v.nodes.length,
  }));
}
"""


def axe_source() -> Path:
    """The axe-core script to inject; skips (fails under CI=true) with how to install it when it is missing."""
    path = Path(os.environ.get("AXE_CORE_JS", AXE_JS))
    if path.exists():
        return path
    message = (f"axe-core is not installed ({path} is missing), so the accessibility audits cannot run. "
               f"Install it with `make axe` (npm install axe-core@{AXE_VERSION}).")
    if os.environ.get("CI") == "true":
        pytest.fail(message + " Under CI=true they must run.")
    pytest.skip(message)


def serious_violations(page, selector: str | None = None) -> list[dict]:
    """axe-core's serious and critical violations on the page (or inside the elements ``selector`` matches)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_source()))
    return page.evaluate(RUN_AXE, [selector, list(SERIOUS)])


def report(violations: list[dict]) -> str:
    return "\n".join(f"  {v['impact']} {v['id']} ({v['count']}x): {v['help']}\n    " + "\n    ".join(v["nodes"])
                     for v in violations)
