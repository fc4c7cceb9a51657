"""A real JupyterLab server and a real headless Chromium, started and always stopped by the tests."""

from __future__ import annotations

import os
import shutil
import urllib.request

import pytest

from ..conftest import REPO
from .lab import CHROMIUM_ARGS, jupyterlab

ARTIFACTS = REPO / "tests" / "artifacts"


def _chromium() -> str:
    path = shutil.which("chromium")
    if path:
        return path
    message = ("Debian's chromium is not installed, so the real-browser tests cannot run. "
               "Enable them with `sudo apt-get install chromium` (or run `make test` as root).")
    if os.environ.get("CI") == "true":
        pytest.fail(message + " Under CI=true they must run.")
    pytest.skip(message)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """A JupyterLab on 127.0.0.1 with a token, serving a throw-away copy of the lessons.

    A copy, because JupyterLab saves notebooks after running them and the repository's notebooks
    must stay without outputs. The kit itself is installed in the venv, so imports and data resolve.
    """
    _chromium()
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    try:
        with jupyterlab(root, tmp_path_factory.mktemp("lab-home")) as server:
            yield server
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # Playwright gives each launch a fresh, empty user-data-dir of its own.
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _shut_down_kernels(lab) -> None:
    """Stop every kernel the last test started, so later tests do not share the machine with them."""
    import json

    base, token = lab["base"], lab["token"]
    try:
        with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as r:
            sessions = json.load(r)
        for session in sessions:
            request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE")
            urllib.request.urlopen(request, timeout=10).close()
    except OSError:
        pass


@pytest.fixture
def page(browser, request, lab):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / f"{request.node.name}.png".replace("/", "_")
        page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot saved: {shot}")
    context.close()
    _shut_down_kernels(lab)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report
