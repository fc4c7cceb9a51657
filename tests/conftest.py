"""Shared test set-up: the repository's paths, and no test touching a real user's settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_DIRS = ("notebooks", "solutions", "exercises")


def figure_data(explorer) -> list[tuple[tuple, tuple]]:
    """What an explorer's figure plots (x and y of every trace), to compare before and after a control moves."""
    return [(tuple(t.x or ()), tuple(t.y or ())) for t in explorer.figure.data]


def all_notebooks() -> list[Path]:
    return sorted(p for d in NOTEBOOK_DIRS for p in (REPO / d).glob("*.ipynb"))


@pytest.fixture(autouse=True, scope="session")
def _private_state(tmp_path_factory):
    """Solutions-shown logs and Jupyter's own files go to a throw-away folder."""
    state = tmp_path_factory.mktemp("state")
    os.environ["ALLIANCEKIT_STATE"] = str(state / "alliancekit")
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ.pop("ALLIANCEKIT_COURSE", None)  # an instructor's own course must not change what the tests grade
    yield state
