"""Assessment integrity: the student edition holds no answer, its checks still work, and each student
gets a variant whose answer does not fit another student's."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from alliancekit import cli
from alliancekit.questions import questions_for
from alliancekit.questions.digests import DigestQuestion, record
from alliancekit.questions.kinds import (ChoiceQuestion, ClassificationQuestion, NumberQuestion, TableQuestion,
                                         WrittenQuestion)

from .conftest import REPO
from .test_grading import EXERCISE, make_submission, rows_of

STEMS = sorted(p.stem[1:] for p in (REPO / "alliancekit" / "questions").glob("q[0-9]*.py"))


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    target = tmp_path_factory.mktemp("edition") / "course"
    assert cli.main(["student-edition", str(target)]) == 0
    return target


def graded_questions():
    """Every graded exercise question of every lesson, with each of its expected values."""
    for stem in STEMS:
        for qid, q in questions_for(stem).items():
            if qid.startswith("q") and q.auto_graded:
                params = [dict(p) for p in q.variants] or [None]
                for p in params:
                    yield stem, qid, q, q.expected_value(p)


def spellings(value) -> list[str]:
    """How an expected answer could appear in plain text."""
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        v = float(value)
        if v == int(v) and 1900 <= v <= 2100:
            return []  # a year: a history course names its years in the prose; that gives away no answer
        out = {f"{v:g}", f"{v:.1f}", f"{v:.2f}", f"{v:,.0f}", f"{v:,.1f}", f"{v:,.2f}"}
        if v == int(v):
            out |= {str(int(v)), f"{int(v):,}"}
        return [s for s in out if len(s.replace(",", "").replace(".", "").lstrip("-0")) >= 3]  # 1- and 2-digit numbers are everywhere
    if isinstance(value, str):
        return [value] if len(value) > 3 else []
    import pandas as pd

    if isinstance(value, pd.Series):
        value = value.reset_index()
    if isinstance(value, pd.DataFrame):
        text = value.to_csv(index=False).strip()
        return [text] + [line for line in text.splitlines()[1:] if len(line) > 6]
    return []


def test_the_edition_has_the_course_but_no_instructor_files(edition):
    for present in ("notebooks/00_start_here.ipynb", "exercises", "data/datapackage.json", "alliancekit/checking.py",
                    f"alliancekit/questions/q{EXERCISE}.json", "requirements.txt"):
        assert (edition / present).exists(), present
    for absent in ("solutions", "tests", "alliancekit/grading", f"alliancekit/questions/q{EXERCISE}.py", ".git"):
        assert not (edition / absent).exists(), absent


def test_no_file_in_the_edition_holds_a_graded_answer_in_plain_text(edition):
    files = {}
    for path in edition.rglob("*"):
        if path.is_file() and "data" not in path.relative_to(edition).parts[:1]:
            # data/ holds the questions' inputs (tables, codebook, sourcing notes): answers are computed from
            # them, and a figure there is a source's figure, not a leaked answer
            files[path] = path.read_text(encoding="utf-8", errors="ignore")
    hits = []
    for stem, qid, q, expected in graded_questions():
        if isinstance(q, (ChoiceQuestion, ClassificationQuestion)):
            continue  # the options themselves must be shown; which one is right is only in a digest
        for text in spellings(expected):
            pattern = re.compile(r"(?<![\w.,])" + re.escape(text) + r"(?![\w]|\.\d|,\d)")
            for path, content in files.items():
                if pattern.search(content):
                    hits.append(f"{stem} {qid}: {text!r} in {path.relative_to(edition)}")
    assert hits == []


def test_the_search_would_find_a_leaked_answer(edition, tmp_path):
    """The test above can fail: an answer pasted into a notebook is found."""
    stem, qid, q, expected = next(g for g in graded_questions() if isinstance(g[2], NumberQuestion))
    leaked = tmp_path / "leak.txt"
    leaked.write_text(f"the answer to {qid} is {spellings(expected)[0]}")
    pattern = re.compile(r"(?<![\w.,])" + re.escape(spellings(expected)[0]) + r"(?![\w]|\.\d|,\d)")
    assert pattern.search(leaked.read_text())


def test_hidden_cases_and_graded_solutions_stay_with_the_instructor(edition):
    text = "\n".join(p.read_text(errors="ignore") for p in edition.rglob("*") if p.is_file() and p.suffix != ".csv")
    assert "days_between('vostochny_summit', 'treaty_enters_force')" not in text
    assert "### BEGIN SOLUTION" not in text
    record_ = json.loads((edition / "alliancekit" / "questions" / f"q{EXERCISE}.json").read_text())
    solutions = {r["qid"]: r["solution"] for r in record_["questions"]}
    assert "released by your instructor" in solutions["q1"]


def _run_in_edition(edition: Path, code: str) -> str:
    program = ("import sys; sys.path.insert(0, sys.argv[1]); import alliancekit; "
               "assert alliancekit.__file__.startswith(sys.argv[1]), alliancekit.__file__\n" + code)
    result = subprocess.run([sys.executable, "-c", program, str(edition)], capture_output=True, text=True,
                            env={"ALLIANCEKIT_DATA": str(edition / "data"), "PATH": "/usr/bin:/bin",
                                 "HOME": str(edition)}, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_checks_in_the_edition_work_offline_from_digests(edition):
    out = _run_in_edition(edition, """
from alliancekit.checking import checks_for
check, hint, solution = checks_for("01_summit_and_argument", student_id="ada")
for answer in (168, 168.0, 168000, -168, 167, "168", ..., ):
    print(check("q1", answer))
print(check("q3", " Forecast"), check("q3", "fact"), sep="\\n")
print(solution("q1"))
""")
    lines = out.strip().splitlines()
    assert "Correct" in lines[0] and "Correct" in lines[1]
    assert "factor of 1,000" in lines[2] and "sign" in lines[3]
    assert "Not yet" in lines[4] and "Drop the quotation marks" in lines[5] and "Not attempted" in lines[6]
    assert "Correct" in lines[7] and "Not yet" in lines[8]
    assert "released by your instructor" in lines[9]


def test_digests_accept_every_answer_within_tolerance_and_refuse_answers_beyond_it():
    q = NumberQuestion(qid="q9", prompt="", hints=("h",), solution="", expected=47.35, tolerance=0.05, unit="percent")
    student = DigestQuestion(record(q))
    for i in range(-100, 101):
        value = 47.35 + 0.05 * i / 100  # up to the very edge of the tolerance, both sides
        assert student.judge(value).correct, value
    for value in (47.35 + 0.0575, 47.35 - 0.0575, 47.5, 47.0, 0.4735):
        assert not student.judge(value).correct, value
    assert "factor of 100" in student.judge(0.4735).message


def test_digested_tables_and_classifications_judge_like_the_originals():
    import pandas as pd

    table = TableQuestion(qid="q8", prompt="", hints=("h",), solution="", key=("year",), tolerance=0.5,
                          expected=pd.DataFrame({"year": [2016, 2017], "total": [5820.0, 5060.0]}))
    student = DigestQuestion(record(table))
    assert student.judge(pd.DataFrame({"total": [5060.2, 5820.0], "year": [2017, 2016]})).correct
    assert "1 expected row(s) missing" in student.judge(pd.DataFrame({"year": [2016], "total": [5820.0]})).message
    assert "factor of 1,000" in student.judge(pd.DataFrame({"year": [2016, 2017], "total": [5.82, 5.06]})).message
    sort = ClassificationQuestion(qid="q7", prompt="", hints=("h",), solution="", items=("a", "b"),
                                  expected=("fact", "forecast"))
    student = DigestQuestion(record(sort))
    assert student.judge(["Fact", "forecast"]).correct
    assert "Item 2: not 'opinion'" in student.judge(["fact", "opinion"]).message
    assert student.judge(["fact", "opinion"]).score == 0.5
    essay = WrittenQuestion(qid="q6", prompt="", hints=("h",), solution="", rubric=(("x", 1.0),), min_words=2)
    assert DigestQuestion(record(essay)).judge("two words").status == "submitted"


def two_students_with_different_variants():
    q = questions_for(EXERCISE)["q7"]
    first = q.variant_for("student-a")
    other = next(f"student-{i}" for i in range(1000) if q.variant_for(f"student-{i}") != first)
    return q, "student-a", other


def test_two_students_get_different_variants_and_the_same_ones_every_time():
    q, a, b = two_students_with_different_variants()
    assert q.variant_for(a) != q.variant_for(b)
    assert q.variant_for(a) == q.variant_for(a) and q.variant_for(a, seed="x") == q.variant_for(a, seed="x")
    assert q.expected_value(q.variant_for(a)) != q.expected_value(q.variant_for(b))


def test_each_students_right_answer_scores_and_the_others_answer_scores_zero(tmp_path):
    q, a, b = two_students_with_different_variants()
    answer_a, answer_b = q.expected_value(q.variant_for(a)), q.expected_value(q.variant_for(b))
    subs = tmp_path / "subs"
    subs.mkdir()
    make_submission(subs / f"{a}.ipynb", {}, [])                       # each computes their own variant
    make_submission(subs / f"{b}.ipynb", {}, [])
    make_submission(subs / "copier.ipynb", {"q7": f"q7 = {answer_a}"}, [])  # copies student a's number
    out = tmp_path / "grades.csv"
    args = ["grade", EXERCISE, str(subs), "--out", str(out), "--quiet"]
    assert cli.main(args) == 0
    rows = rows_of(out)
    assert rows[a]["q7"] == "1" and rows[b]["q7"] == "1"
    copier_variant = q.expected_value(q.variant_for("copier"))
    assert rows["copier"]["q7"] == ("1" if copier_variant == answer_a else "0")
    # a's number in b's notebook scores zero for b
    make_submission(subs / f"{b}.ipynb", {"q7": f"q7 = {answer_a}"}, [])
    assert answer_a != answer_b
    assert cli.main(args) == 0
    assert rows_of(out)[b]["q7"] == "0"
    long = list(csv.DictReader(open(tmp_path / "grades_long.csv")))
    note = next(r["feedback"] for r in long if r["student_id"] == a and r["question"] == "q7")
    assert f"category={q.variant_for(a)['category']}" in note  # re-grading used the same parameters


def test_the_edition_ships_digests_for_every_variant(edition):
    record_ = json.loads((edition / "alliancekit" / "questions" / f"q{EXERCISE}.json").read_text())
    q7 = next(r for r in record_["questions"] if r["qid"] == "q7")
    assert len(q7["variants"]) == 6 and all(v["digests"] for v in q7["variants"])
    out = _run_in_edition(edition, """
from alliancekit.checking import checks_for, my_variant
from alliancekit import data
events = data.load("events")
for student in ("student-a", "student-b"):
    check, hint, solution = checks_for("01_summit_and_argument", student_id=student)
    kind = my_variant("01_summit_and_argument", "q7", student)["category"]
    print(student, kind, check("q7", int((events["category"] == kind).sum())).status)
""")
    assert out.count("correct") == 2


def test_every_exercise_has_a_question_with_variants():
    for stem in STEMS:
        exercise = [q for qid, q in questions_for(stem).items() if qid.startswith("q")]
        if exercise:
            assert any(q.variants for q in exercise), f"{stem}: no exercise question has a variant per student"
