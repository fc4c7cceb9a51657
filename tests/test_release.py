"""`alliancekit release` strips answers and instructor-only cells, and refuses malformed solution cells."""

from __future__ import annotations

import pytest

from alliancekit.release import ReleaseError, student_version


def _notebook(*cells):
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _code(source, **meta):
    return {"cell_type": "code", "source": source, "metadata": {"alliancekit": meta} if meta else {},
            "outputs": [{"output_type": "stream", "name": "stdout", "text": "280"}], "execution_count": 3}


def test_answers_become_placeholders_and_outputs_go():
    nb = _notebook(_code("events = load()\n### BEGIN SOLUTION\nq1 = 280\n### END SOLUTION", question="q1"))
    cell = student_version(nb)["cells"][0]
    assert cell["source"] == "events = load()\nq1 = ...  # replace ... with your answer"
    assert cell["outputs"] == [] and cell["execution_count"] is None


def test_instructor_only_cells_are_dropped():
    nb = _notebook(_code("assert q1 == 280", instructor_only=True), _code("check('q1', q1)", check="q1"))
    assert [c["source"] for c in student_version(nb)["cells"]] == ["check('q1', q1)"]


@pytest.mark.parametrize("source,why", [
    ("q1 = 280", "no ### BEGIN SOLUTION block"),
    ("### BEGIN SOLUTION\nq1 = 280", "never closed"),
    ("q1 = 280\n### END SOLUTION", "without ### BEGIN SOLUTION"),
])
def test_a_malformed_answer_cell_is_refused_with_its_place(source, why):
    with pytest.raises(ReleaseError, match=why) as err:
        student_version(_notebook(_code(source, question="q1")), "01_x.ipynb")
    assert "01_x.ipynb, cell 1" in str(err.value)


def test_a_solution_block_outside_an_answer_cell_is_refused_rather_than_leaked():
    with pytest.raises(ReleaseError, match="not marked as an answer cell"):
        student_version(_notebook(_code("### BEGIN SOLUTION\nq1 = 280\n### END SOLUTION")))


def test_a_written_answer_cell_shows_where_to_write():
    nb = _notebook(_code('### BEGIN SOLUTION\nq6 = """A model answer."""\n### END SOLUTION', question="q6"),
                   _code("### BEGIN SOLUTION\nq1 = 280\n### END SOLUTION", question="q1"))
    written, number = (c["source"] for c in student_version(nb)["cells"])
    assert written.startswith("q6 = ...") and 'q6 = """Your answer' in written and "model" not in written
    assert number == "q1 = ...  # replace ... with your answer"


def test_the_exercise_starts_with_the_unset_student_id_whatever_the_solution_uses():
    nb = _notebook(_code('STUDENT_ID = "instructor-check"  # your student id'))
    assert student_version(nb)["cells"][0]["source"] == 'STUDENT_ID = "your-id"  # your student id'
