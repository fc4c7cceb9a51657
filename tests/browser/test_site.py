"""The course website, built from the lessons and opened page by page in Chromium.

Every page: loads with no request to another host (each request is routed, anything not on 127.0.0.1 is
refused and reported), no console error, and no serious or critical axe-core violation. Lesson pages show
their figures, which answer the mouse without a kernel. Building the site executes every lesson (about a
minute); ``ALLIANCEKIT_SITE_HTML=website/_build/html`` reuses a build made by ``make site`` instead.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import threading
import urllib.parse
from pathlib import Path

import pytest

from ..conftest import REPO
from .axe import report, serious_violations

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _build_module():
    spec = importlib.util.spec_from_file_location("website_build", REPO / "website" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def site_html(tmp_path_factory, browser) -> Path:
    """The built site (built once per session, with a made-up repository so the launch links are drawn)."""
    given = os.environ.get("ALLIANCEKIT_SITE_HTML")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("site")
    return _build_module().build(out, "https://git.example.org/course/alliancekit.git", "main",
                                 "https://hub.example.edu")


@pytest.fixture(scope="session")
def site_server(site_html):
    """The site served over HTTP on 127.0.0.1, as a reader's browser would get it."""
    handler = functools.partial(_QuietHandler, directory=str(site_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _pages(site_html: Path) -> list[str]:
    return [p.relative_to(site_html).as_posix() for p in _build_module().pages(site_html)]


def _open(browser, url: str):
    """A page whose every request is checked: only 127.0.0.1 (and data:/blob:) may be reached."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside, errors = [], []

    def route(r):
        parts = urllib.parse.urlsplit(r.request.url)
        if parts.scheme in ("data", "blob") or (parts.scheme in ("http", "https") and parts.hostname in LOCAL_HOSTS):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    return context, page, outside, errors


def test_the_site_has_a_page_per_lesson_per_table_the_codebook_and_the_guide(site_html):
    pages = set(_pages(site_html))
    lessons = {f"lessons/{p.stem}.html" for p in (REPO / "notebooks").glob("*.ipynb")}
    tables = {f"data/tables/{r['name']}.html"
              for r in json.loads((REPO / "data" / "datapackage.json").read_text())["resources"]}
    expected = lessons | tables | {"index.html", "data/index.html", "data/codebook.html", "docs/instructor_guide.html"}
    assert expected <= pages, f"missing pages: {sorted(expected - pages)}"
    downloads = {p.name for p in (site_html / "_downloads").rglob("*.csv")}
    csvs = {Path(r["path"]).name for r in json.loads((REPO / "data" / "datapackage.json").read_text())["resources"]}
    assert csvs <= downloads, f"tables without their CSV to download: {sorted(csvs - downloads)}"


def test_every_page_loads_offline_without_console_errors_and_is_axe_clean(browser, site_server, site_html):
    problems = []
    for path in _pages(site_html):
        context, page, outside, errors = _open(browser, f"{site_server}/{path}")
        try:
            violations = serious_violations(page)
        finally:
            context.close()
        if outside:
            problems.append(f"{path}: requests to other hosts: {outside[:5]}")
        if errors:
            problems.append(f"{path}: console errors: {errors[:5]}")
        if violations:
            problems.append(f"{path}: axe-core serious/critical violations:\n{report(violations)}")
    assert not problems, "\n".join(problems)


def _hover_shows_a_label(page, figure) -> bool:
    """Move the real mouse onto a drawn point or bar of the figure and wait for plotly's hover label."""
    marks = figure.locator("g.points path, g.trace.bars path, g.lines path")
    for i in range(min(marks.count(), 5)):
        box = marks.nth(i).bounding_box()
        if not box or box["width"] * box["height"] == 0 and box["width"] + box["height"] == 0:
            continue
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            figure.locator(".hoverlayer .hovertext").first.wait_for(timeout=2_000)
            return True
        except Exception:
            continue
    # a heatmap has no marks of its own: sweep the plotting area
    area = figure.locator(".nsewdrag").first.bounding_box()
    for fx in (0.2, 0.5, 0.8):
        for fy in (0.2, 0.5, 0.8):
            page.mouse.move(area["x"] + area["width"] * fx, area["y"] + area["height"] * fy)
            try:
                figure.locator(".hoverlayer .hovertext").first.wait_for(timeout=1_000)
                return True
            except Exception:
                continue
    return False


def test_lesson_figures_render_answer_the_mouse_and_carry_a_text_alternative(browser, site_server, site_html):
    """Each explorer's figure is drawn by the site's own plotly.js, hover works with no kernel, and the
    figure has its plain-English description and the note linking to the live lesson."""
    problems, figures = [], 0
    for path in [p for p in _pages(site_html) if p.startswith("lessons/")]:
        context, page, outside, errors = _open(browser, f"{site_server}/{path}")
        try:
            notebook = json.loads((REPO / "notebooks" / Path(path).with_suffix(".ipynb").name).read_text())
            expected = sum("explorers." in "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
            drawn = page.locator(".alliancekit-figure .js-plotly-plot")
            if drawn.count() < expected:
                problems.append(f"{path}: {drawn.count()} figures drawn, {expected} explorer cells")
            every = page.locator(".js-plotly-plot").count()
            if every != drawn.count():
                problems.append(f"{path}: {every - drawn.count()} figure(s) drawn without a text alternative")
            for i in range(drawn.count()):
                drawn.nth(i).scroll_into_view_if_needed()
                if not _hover_shows_a_label(page, drawn.nth(i)):
                    problems.append(f"{path}: figure {i}: no hover label under the mouse")
            captions = page.locator(".alliancekit-figure figcaption").all_inner_texts()
            if any("A chart titled" not in c for c in captions):
                problems.append(f"{path}: a figure without its text alternative: {captions}")
            if page.locator(".alliancekit-static-note a[href='#run-this-lesson-live']").count() != expected:
                problems.append(f"{path}: an explorer without its note linking to the live lesson")
            if page.locator("#run-this-lesson-live a[href*='mybinder.org']").count() != 1:
                problems.append(f"{path}: no Binder link")
            if page.locator("#run-this-lesson-live a[href*='git-pull?repo=']").count() != 1:
                problems.append(f"{path}: no nbgitpuller link")
            if page.locator(".output.error, .output.traceback, .output.stderr").count():
                problems.append(f"{path}: an error or stderr output in the executed lesson")
            figures += drawn.count()
        finally:
            context.close()
    assert figures > 0
    assert not problems, "\n".join(problems)
