"""Every notebook runs top to bottom headless; every notebook is stored clean; exercises match solutions."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from alliancekit.questions import questions_for
from alliancekit.release import stale_exercises

from .conftest import REPO, all_notebooks

NOTEBOOKS = all_notebooks()


def _run(path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def _text_of(outputs) -> str:
    parts = []
    for out in outputs:
        if out.get("output_type") == "stream":
            parts.append(out["text"])
        for key in ("text/plain", "text/html", "text/markdown"):
            parts.append(str(out.get("data", {}).get(key, "")))
    return "\n".join(parts)


def test_the_course_has_its_lessons_exercises_and_solutions():
    names = {d: sorted(p.name for p in (REPO / d).glob("*.ipynb")) for d in ("notebooks", "solutions", "exercises")}
    assert "00_start_here.ipynb" in names["notebooks"]
    assert names["solutions"], "no solution notebooks"
    assert names["exercises"] == names["solutions"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_executes_top_to_bottom_without_errors(path):
    notebook = _run(path)
    for cell in notebook.cells:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"{path.name}: {out.get('ename')}: {out.get('evalue')}"
            assert out.get("name") != "stderr" or "Warning" not in out.get("text", ""), out.get("text")


@pytest.mark.parametrize("path", sorted((REPO / "solutions").glob("*.ipynb")), ids=lambda p: p.name)
def test_every_solution_answer_checks_correct(path):
    notebook = _run(path)
    answers = [c for c in notebook.cells if c.get("metadata", {}).get("alliancekit", {}).get("check")]
    assert answers, f"{path.name} has no check cells"
    questions = questions_for(path.stem)
    for cell in answers:
        text = _text_of(cell.outputs)
        qid = cell.metadata["alliancekit"]["check"]
        wanted = "alliancekit-correct" if questions[qid].auto_graded else "alliancekit-submitted"
        assert wanted in text, f"{path.name}: {cell.source!r} gave {text[:300]!r}"


@pytest.mark.parametrize("path", sorted((REPO / "exercises").glob("*.ipynb")), ids=lambda p: p.name)
def test_unanswered_exercise_runs_and_says_which_answers_are_missing(path):
    notebook = _run(path)
    checks = [c for c in notebook.cells if c.get("metadata", {}).get("alliancekit", {}).get("check")]
    assert checks
    for cell in checks:
        qid = cell.metadata["alliancekit"]["check"]
        text = _text_of(cell.outputs)
        assert "alliancekit-not_attempted" in text and f"({qid})" in text, f"{path.name} {qid}: {text[:300]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_stored_without_outputs_or_execution_counts(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} cell {i + 1} has stored outputs"
            assert cell.get("execution_count") is None, f"{path.name} cell {i + 1} has an execution count"


def test_exercises_are_exactly_what_release_generates_from_solutions():
    assert stale_exercises(REPO / "solutions", REPO / "exercises") == []
