"""The class report opens in a real Chromium with the network cut off: plotly.js is in the page itself."""

from __future__ import annotations

import pytest

from alliancekit.grading.assignment import settings
from alliancekit.grading.gradebook import Gradebook
from alliancekit.grading.judge import QuestionResult
from alliancekit.grading.report import write_report

pytestmark = pytest.mark.browser
EXERCISE = "01_summit_and_argument"


def _class(book: Gradebook, config) -> None:
    """Six students: the stronger ones answer more questions right; two answer q2 with the same wrong number."""
    for n in range(6):
        results = []
        for i, (qid, q) in enumerate(config.questions.items()):
            if not q.auto_graded:
                continue
            right = i < n + 2
            feedback = "Correct." if right else "Not yet: 1 days is too low. Try hint('q2')."
            results.append(QuestionResult(qid, "correct" if right else "incorrect", 1.0 if right else 0.0, 1.0,
                                          feedback, {"kind": "number", "value": 1}))
        book.record(EXERCISE, f"s{n}", f"sha{n}", "v", "ok", "", True, results, 0.1, late_days=n % 3,
                    penalty=0.0)


def test_the_report_renders_offline_in_chromium(browser, tmp_path):
    config = settings(EXERCISE)
    book = Gradebook(tmp_path / "gradebook.sqlite")
    _class(book, config)
    out = tmp_path / "report.html"
    assert write_report(book, config, out) == 6
    book.close()
    page = browser.new_page()
    requested = []

    def offline(route):
        requested.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()
    page.route("**/*", offline)
    try:
        page.goto(out.as_uri())
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3", timeout=20000)
        assert page.evaluate("typeof window.Plotly") == "object"
        bars = page.evaluate("document.querySelectorAll('.js-plotly-plot .bars path').length")
        assert bars > 0
        assert "6 submission(s) graded" in page.inner_text("#summary")
        assert "too low" in page.inner_text("#wrong")
    finally:
        page.close()
    assert [u for u in requested if not u.startswith("file:")] == []
