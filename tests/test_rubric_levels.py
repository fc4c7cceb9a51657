"""Rubric levels: every written criterion says what earns each mark, students see it above the answer cell
before they write, the marker sees it in the written export, and the feedback names the level reached."""

from __future__ import annotations

import csv
import json
from collections import namedtuple
from pathlib import Path

import pytest

from alliancekit.grading import exports
from alliancekit.grading.gradebook import Gradebook, answer_digest
from alliancekit.questions import questions_for
from alliancekit.questions.kinds import WrittenQuestion
from alliancekit.release import student_version

from .conftest import REPO

EXERCISES = sorted(p.stem for p in (REPO / "solutions").glob("*.ipynb"))
Result = namedtuple("Result", "qid status points max_points feedback answer")


def written_questions():
    return [(stem, q) for stem in EXERCISES for q in questions_for(stem).values() if q.kind == "written"]


def test_the_exercises_have_written_questions_to_check():
    # guards the tests below against passing on an empty list
    assert len(written_questions()) >= 9 and {s for s, _ in written_questions()} == set(EXERCISES)


@pytest.mark.parametrize("stem,q", written_questions(), ids=lambda v: getattr(v, "qid", v))
def test_every_criterion_has_a_descriptor_for_every_mark(stem, q):
    assert len(q.levels) == len(q.rubric), f"{stem} {q.qid}: one list of levels per criterion"
    for (criterion, points), levels in zip(q.rubric, q.levels):
        assert float(points).is_integer(), f"{stem} {q.qid} {criterion!r}: marks are whole numbers"
        assert len(levels) == int(points) + 1, f"{stem} {q.qid} {criterion!r}: a descriptor for each of 0..{points:g}"
        assert all(isinstance(d, str) and len(d.split()) >= 4 and "\n" not in d for d in levels)
        assert len(set(levels)) == len(levels), f"{stem} {q.qid} {criterion!r}: each level says something different"


@pytest.mark.parametrize("stem", EXERCISES)
def test_the_exercise_shows_the_rubric_table_right_above_each_written_answer(stem):
    cells = json.loads((REPO / "exercises" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    questions = questions_for(stem)
    answer_cells = [i for i, c in enumerate(cells)
                    if getattr(questions.get(c["metadata"].get("alliancekit", {}).get("question")), "kind", "") == "written"]
    assert answer_cells
    for i in answer_cells:
        q = questions[cells[i]["metadata"]["alliancekit"]["question"]]
        above = cells[i - 1]
        assert above["cell_type"] == "markdown" and above["metadata"]["alliancekit"]["rubric_for"] == q.qid
        table = above["source"]
        assert "| Criterion | Points | What earns each mark |" in table
        for (criterion, points), levels in zip(q.rubric, q.levels):
            assert f"| {criterion} | {points:g} |" in table
            for mark, descriptor in enumerate(levels):
                assert f"**{mark}**: {descriptor}" in table


def _solution(*cells):
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 4}


ANSWER = {"cell_type": "code", "metadata": {"alliancekit": {"question": "q9"}}, "outputs": [], "execution_count": 1,
          "source": '### BEGIN SOLUTION\nq9 = """model"""\n### END SOLUTION'}
ESSAY_Q = WrittenQuestion(qid="q9", prompt="p", hints=(), solution="s", rubric=(("uses evidence | rows", 2),),
                          levels=(("none", "one row", "two rows or more"),))


def test_release_regenerates_the_table_from_the_module_so_an_edited_copy_cannot_survive():
    stale = {"cell_type": "markdown", "metadata": {"alliancekit": {"rubric_for": "q9"}}, "source": "old rubric"}
    cells = student_version(_solution(stale, ANSWER), questions={"q9": ESSAY_Q})["cells"]
    assert [c["cell_type"] for c in cells] == ["markdown", "code"]
    assert "old rubric" not in cells[0]["source"] and "**2**: two rows or more" in cells[0]["source"]
    assert "uses evidence \\| rows" in cells[0]["source"]  # a pipe in the text does not split the table's columns


def test_a_question_without_levels_still_gets_its_criteria_shown():
    bare = WrittenQuestion(qid="q9", prompt="p", hints=(), solution="s", rubric=(("argues", 1),))
    cells = student_version(_solution(ANSWER), questions={"q9": bare})["cells"]
    assert "| argues | 1 |" in cells[0]["source"] and bare.descriptor("argues", 1) == ""


def test_a_mark_between_levels_reads_as_the_level_below_it():
    assert ESSAY_Q.descriptor("uses evidence | rows", 1.5) == "one row"
    assert ESSAY_Q.descriptor("uses evidence | rows", 2) == "two rows or more"
    assert ESSAY_Q.descriptor("uses evidence | rows", 0) == "none"


@pytest.fixture()
def marked_book(tmp_path):
    """ada's written answer to exercise 01's q6, marked 1 on its first criterion and 1 on its second."""
    stem = "01_summit_and_argument"
    q = questions_for(stem)["q6"]
    answer = {"kind": "text", "value": "An answer citing white_house_1000_containers. " * 10}
    book = Gradebook(tmp_path / "gradebook.sqlite")
    book.record(stem, "ada", "sha", "v1", "ok", "", True,
                [Result("q6", "submitted", 0.0, q.points, "Recorded (60 words).", answer)], 1.0)
    sha = answer_digest(json.dumps(answer))
    (first, _), (second, _), _ = q.rubric
    book.mark(stem, "ada", "q6", first, 1, "One event only.", sha)
    book.mark(stem, "ada", "q6", second, 1, "", sha)
    yield book, stem, q
    book.close()


def test_feedback_shows_each_criterion_with_the_descriptor_of_the_level_reached(marked_book):
    book, stem, q = marked_book
    text = exports.feedback_text(book, stem, book.submissions(stem)[0], questions_for(stem))
    (first, _), (second, _), _ = q.rubric
    assert f"{first}: 1 of 2 (this level: {q.levels[0][1]})" in text
    assert f"{second}: 1 of 1 (this level: {q.levels[1][1]})" in text
    assert q.levels[0][2] not in text  # the level not reached is not claimed


def test_the_written_export_carries_the_descriptors_for_the_marker(marked_book, tmp_path):
    book, stem, q = marked_book
    out = tmp_path / "written.csv"
    assert exports.write_written(book, stem, questions_for(stem), out) == 1
    row = next(csv.DictReader(open(out, newline="", encoding="utf-8")))
    for (criterion, _), levels in zip(q.rubric, q.levels):
        assert f"{criterion}: 0 = {levels[0]}" in row["rubric_levels"]
        assert f"1 = {levels[1]}" in row["rubric_levels"]
    # the extra column is not read back as a mark
    stored, problems = exports.read_marks(book, stem, questions_for(stem), out)
    assert problems == [] and stored == 2
