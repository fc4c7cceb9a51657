"""A whole term through the `alliancekit` command, as an instructor runs it: one course file, a student
edition, students answering their own variants in it, collection from home folders, grading against a
Canvas roster, written answers marked (and a rewritten answer losing its marks), the history, feedback
read back, the Canvas and Moodle files, and the class report.

One term is run once (module-scoped fixtures) and each test reads what it left behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alliancekit import cli
from alliancekit.grading import sandbox
from alliancekit.questions import questions_for

from .conftest import REPO
from .test_grading import RIGHT, rows_of

EXERCISE = "01_summit_and_argument"
SEED = "fall-26"
DEADLINE = dt.datetime(2026, 10, 1, 23, 59, tzinfo=dt.timezone.utc)
ON_TIME = DEADLINE - dt.timedelta(hours=12)
ESSAY = ("The forecast held: white_house_1000_containers and putin_pyongyang_treaty_signed show shells moving and a "
         "treaty signed, and nis_troops_to_russia went further than Cohen expected. In September 2023 a reader could "
         "not know that troops would follow, and container counts are estimates by officials, so the evidence of "
         "volume is uncertain although the direction of the deal is clear from several sources in the kit.")

# Canvas's gradebook export: the points row and the test student are skipped; ivy never submits.
ROSTER = f"""Student,ID,SIS User ID,SIS Login ID,Section,Exercise 01 (777)
    Points Possible,,,,,12
"Lovelace, Ada",1001,S1001,ada,A,
"Brown, Bob",1002,S1002,bob,A,
"Young, Cy",1003,S1003,cy,A,
"Dee, Dee",1004,S1004,dee,A,
"Evans, Eve",1005,S1005,eve,B,
"Fay, Fay",1006,S1006,fay,B,
"Gus, Gus",1007,S1007,gus,B,
"Hal, Hal",1008,S1008,hal,B,
"Ivy, Ivy",1009,S1009,ivy,B,
"Smith, Jo",1010,S1010,jo,B,
"Student, Test",9999,,,,
"""


def course_text(home: Path, seed: str = SEED) -> str:
    return f"""id = "pols210-fall-2026"
title = "POLS 210"
seed = "{seed}"
timeout_seconds = 10
memory_mb = 512
roster = "roster.csv"
grades = "grades"
submissions = "submissions"
collect = "{home}/{{student}}/alliance-kit/exercises/{{exercise}}.ipynb"

[late]
grace_minutes = 10
penalty_per_day = 0.1
max_days = 5

[exercises.{EXERCISE}]
deadline = {DEADLINE.isoformat().replace('+00:00', 'Z')}
extensions = {{ fay = 2026-10-05T23:59:00Z }}
canvas_column = "Exercise 01 (777)"
moodle_column = "Exercise 01"
"""


def variant_count(student: str, seed: str = SEED) -> int:
    """What the student's own notebook showed them for q7: the count of events of their kind."""
    from alliancekit import data

    kind = questions_for(EXERCISE)["q7"].variant_for(student, seed)["category"]
    return int((data.load("events")["category"].astype(str) == kind).sum())


def variant_evidence(student: str, seed: str = SEED) -> str:
    """The honest answer to q10 for the claim the student's own notebook showed them."""
    question = questions_for(EXERCISE)["q10"]
    expected = question.expected_value(question.variant_for(student, seed))
    # where two readings are defensible the expected item is a tuple: an honest student gives one of them
    return f"q10 = {[item[0] if isinstance(item, tuple) else item for item in expected]!r}"


def answered(edition: Path, typed_id: str, answers: dict | None, extra: list[str] = ()) -> dict:
    """The edition's exercise with STUDENT_ID typed and answers filled in, as a student saves it."""
    notebook = json.loads((edition / "exercises" / f"{EXERCISE}.ipynb").read_text())
    for cell in notebook["cells"]:
        if "".join(cell["source"]).startswith("STUDENT_ID ="):
            cell["source"] = f'STUDENT_ID = "{typed_id}"'
        qid = cell.get("metadata", {}).get("alliancekit", {}).get("question")
        if answers is not None and qid in answers:
            cell["source"] = answers[qid]
    for code in extra:
        notebook["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                                  "source": code})
    return notebook


def put(path: Path, notebook: dict, when: dt.datetime) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook))
    os.utime(path, (when.timestamp(), when.timestamp()))


def run(*args: str) -> tuple[int, str, str]:
    """The command as an instructor types it, in a process of its own."""
    result = subprocess.run([sys.executable, "-m", "alliancekit.cli", *args], capture_output=True, text=True,
                            timeout=600, cwd=REPO)
    return result.returncode, result.stdout, result.stderr


def isolation() -> list[str]:
    return [] if sandbox.probe() is None else ["--no-isolation"]


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    root = tmp_path_factory.mktemp("term")
    home = root / "home"
    (root / "roster.csv").write_text(ROSTER)
    course = root / "course.toml"
    course.write_text(course_text(home))
    other = root / "other_course.toml"  # the same course with another seed: the trap this course file closes
    other.write_text(course_text(home, seed="spring-27"))

    code, out, err = run("student-edition", str(root / "edition"), "--course", str(course))
    assert code == 0, err
    edition = root / "edition"

    def right(student: str) -> dict:
        return {**RIGHT, "q6": f'q6 = """{ESSAY}"""', "q7": f"q7 = {variant_count(student)}",
                "q10": variant_evidence(student)}

    students = {
        "ada": ("ada", right("ada"), [], ON_TIME),
        "bob": ("your-id", right("bob"), [], ON_TIME),
        "cy": ("someone-else", right("cy"), [], ON_TIME),
        "dee": ("dee", {**right("dee"), "q6": 'q6 = """Too short to count, really."""'}, [], ON_TIME),
        "eve": ("eve", right("eve"), [], DEADLINE + dt.timedelta(hours=36)),
        "fay": ("fay", right("fay"), [], DEADLINE + dt.timedelta(hours=36)),
        "gus": ("gus", {**right("gus"), "q1": "q1 = (date_of['treaty_enters_force'] -",
                        "q2": "x = 1\nq2 = date_of['no_such_event']"}, ['solution("q3")'], ON_TIME),
        "hal": ("hal", None, [], ON_TIME),
    }
    for student, (typed, answers, extra, when) in students.items():
        put(home / student / "alliance-kit" / "exercises" / f"{EXERCISE}.ipynb",
            answered(edition, typed, answers, extra), when)
    # a file reached through a link to a classmate's notebook is refused by collect
    (home / "ivy" / "alliance-kit" / "exercises").mkdir(parents=True)
    os.symlink(home / "ada" / "alliance-kit" / "exercises" / f"{EXERCISE}.ipynb",
               home / "ivy" / "alliance-kit" / "exercises" / f"{EXERCISE}.ipynb")
    collected = run("collect", EXERCISE, "--course", str(course))
    subs = root / "submissions" / EXERCISE
    # jo submitted on Canvas instead: the file keeps Canvas's download name; one file belongs to nobody
    put(subs / f"smithjo_LATE_1010_5550_{EXERCISE}.ipynb", answered(edition, "jo", right("jo")), ON_TIME)
    put(subs / "=HYPERLINK(evil).ipynb", answered(edition, "x", right("x")), ON_TIME)

    refused = run("grade", EXERCISE, "--course", str(other), "--quiet", *isolation())
    first = run("grade", EXERCISE, "--course", str(course), "--quiet", *isolation())
    assert first[0] == 0, first[2][-3000:]
    grades = root / "grades"
    snapshot = root / "after_first_grading"
    shutil.copytree(grades, snapshot)
    return {"root": root, "course": course, "other": other, "edition": edition, "subs": subs, "grades": grades,
            "collected": collected, "refused": refused, "first": first, "snapshot": snapshot, "right": right}


@pytest.fixture(scope="module")
def marked(term):
    """The written answers exported, marked in a spreadsheet and merged back."""
    course, grades = str(term["course"]), term["grades"]
    code, out, err = run("written", EXERCISE, "--course", course)
    assert code == 0, err
    written = grades / f"{EXERCISE}_written.csv"
    rows = list(csv.DictReader(open(written, newline="")))
    cites = next(h for h in rows[0] if h.startswith("q6: cites"))
    known = next(h for h in rows[0] if h.startswith("q6: separates"))
    for r in rows:
        if r["student_id"] in ("ada", "dee"):
            r[cites], r[known], r["comment"] = "2", "1", "Good use of the timeline."
    with open(written, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    merged = run("rubric", EXERCISE, str(written), "--course", course)
    assert merged[0] == 0, merged[2]
    return {"written_out": out, "rows": {r["student_id"]: r for r in rows}, "merged": merged, "file": written,
            "grades": rows_of(grades / f"{EXERCISE}.csv"), "canvas": list(csv.reader(open(grades / f"{EXERCISE}_canvas.csv"))),
            "feedback": (grades / f"{EXERCISE}_feedback" / "ada.md").read_text()}


@pytest.fixture(scope="module")
def rewritten(term, marked):
    """ada rewrites her written answer after it was marked; eve's file is deleted; the class is graded again."""
    subs, course = term["subs"], str(term["course"])
    notebook = answered(term["edition"], "ada", {**term["right"]("ada"), "q6": f'q6 = """{ESSAY} I changed my mind."""'})
    put(subs / "ada.ipynb", notebook, ON_TIME)
    (subs / "eve.ipynb").unlink()
    again = run("grade", EXERCISE, "--course", course, "--quiet", *isolation())
    assert again[0] == 0, again[2][-3000:]
    stale = run("rubric", EXERCISE, str(marked["file"]), "--course", course)
    history = run("history", "ada", "--course", course)
    eve = run("history", "eve", "--course", course)
    export = run("written", EXERCISE, "--course", course)
    return {"again": again, "stale": stale, "history": history, "eve": eve,
            "grades": rows_of(term["grades"] / f"{EXERCISE}.csv"),
            "written": {r["student_id"]: r for r in csv.DictReader(open(term["grades"] / f"{EXERCISE}_written.csv"))}}


# -- item 1: one course file, and the seed trap closed ----------------------------------------------------------

def test_the_edition_records_the_course_and_its_seed(term):
    recorded = json.loads((term["edition"] / "COURSE.json").read_text())
    assert recorded == {"id": "pols210-fall-2026", "seed": SEED}
    notebook = json.loads((term["edition"] / "exercises" / f"{EXERCISE}.ipynb").read_text())
    assert notebook["metadata"]["alliancekit"]["course"] == recorded


def test_grading_with_another_seed_is_refused_with_how_to_fix_it(term):
    code, out, err = term["refused"]
    assert code == 2 and "seed 'fall-26'" in err and "spring-27" in err and "--course" in err
    assert not (term["grades"] / "after_refusal.csv").exists()


def test_a_student_who_typed_the_count_her_notebook_showed_is_right(term):
    rows = rows_of(term["snapshot"] / f"{EXERCISE}.csv")
    assert all(rows[s]["q7"] == "1" for s in ("ada", "cy", "dee", "jo")), {s: rows[s]["q7"] for s in rows}


def test_the_edition_refuses_a_seed_that_is_not_the_course_files(term, tmp_path):
    code, _, err = run("student-edition", str(tmp_path / "e"), "--course", str(term["course"]), "--seed", "other")
    assert code == 2 and "seed" in err and not (tmp_path / "e").exists()


def test_a_gradebook_refuses_another_course(term, marked):
    code, _, err = run("written", EXERCISE, "--course", str(term["other"]))
    assert code == 2 and "The gradebook" in err and "--course" in err


# -- item 2: student ids --------------------------------------------------------------------------------------

def test_a_default_or_foreign_student_id_is_flagged_for_the_instructor(term):
    rows = rows_of(term["snapshot"] / f"{EXERCISE}.csv")
    assert "STUDENT_ID was left as 'your-id'" in rows["bob"]["flags"]
    assert "STUDENT_ID in the notebook is 'someone-else'" in rows["cy"]["flags"]
    assert rows["ada"]["flags"] == ""
    assert rows["cy"]["score"] == rows["ada"]["score"]  # flagged, not penalised: the instructor decides
    assert "row(s) flagged for you to decide" in term["first"][1] and "bob" in term["first"][1]


def test_with_the_default_id_checks_say_to_set_it_and_no_variant_is_correct():
    from alliancekit.checking import checks_for, my_variant

    check, _, _ = checks_for(EXERCISE, student_id="your-id")
    for answer in (variant_count("your-id"), 0, 3):
        feedback = check("q7", answer)
        assert feedback.status == "info" and "Set STUDENT_ID" in feedback.message
    assert "Set STUDENT_ID" in check("q1", 168).message and "Set STUDENT_ID" in check("q1", 5).message
    assert my_variant(EXERCISE, "q7", "your-id") == {"category": "(set STUDENT_ID first)"}  # no one's variant
    check, _, _ = checks_for(EXERCISE, student_id="ada")
    assert check("q1", 168).status == "correct"


# -- item 3: roster, Canvas and Moodle ---------------------------------------------------------------------------

def test_canvas_file_names_map_to_students_and_unknown_files_and_non_submitters_are_listed(term):
    rows = rows_of(term["snapshot"] / f"{EXERCISE}.csv")
    assert rows["jo"]["status"] == "ok" and "Canvas marked the submission late" in rows["jo"]["flags"]
    assert rows["ivy"]["status"] == "missing" and rows["ivy"]["score"] == "0"
    unknown = [r for sid, r in rows.items() if sid.startswith("file-")]
    assert len(unknown) == 1 and unknown[0]["status"] == "unknown file"
    assert "HYPERLINK" in unknown[0]["note"]
    out = term["first"][1]
    assert "No submission from 1 student(s) on the roster" in out and "ivy" in out
    assert "1 file(s) match no student" in out


def test_collect_copies_with_times_and_refuses_a_link_to_a_classmates_file(term):
    code, out, err = term["collected"]
    assert code == 0, err
    assert "ivy" in out and "symbolic link" in out
    assert "Collected 8 submission(s)" in out
    with open(term["subs"] / "collected.csv", newline="") as f:
        manifest = {r["student_id"]: r for r in csv.DictReader(f)}
    assert manifest["eve"]["modified_at"].startswith("2026-10-03T11:59")


def test_the_canvas_file_has_the_documented_columns_and_one_row_per_roster_student(term, marked):
    rows = marked["canvas"]
    # Canvas's import: Student (or ID / SIS User ID), SIS Login ID, Section, then the assignment's column
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Exercise 01 (777)"]
    assert rows[1][0].strip() == "Points Possible" and rows[1][-1] == "18"
    by_login = {r[3]: r for r in rows[2:]}
    assert sorted(by_login) == ["ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ivy", "jo"]
    assert by_login["ada"][:3] == ["Lovelace, Ada", "1001", "S1001"] and by_login["ivy"][-1] == "0"
    assert by_login["ada"][-1] == marked["grades"]["ada"]["score"] == "17"  # the rubric marks reached Canvas


def test_the_moodle_file_has_an_identifier_and_a_grade_column(term, marked):
    rows = list(csv.DictReader(open(term["grades"] / f"{EXERCISE}_moodle.csv", newline="")))
    assert list(rows[0]) == ["ID number", "Email address", "Exercise 01", "Exercise 01 feedback"]
    assert {r["ID number"]: r["Exercise 01"] for r in rows}["ada"] == "17"


# -- item 4: written answers -------------------------------------------------------------------------------------

def test_every_written_answer_is_exported_and_out_of_limit_ones_are_flagged_not_zeroed(term, marked):
    rows = marked["rows"]
    assert {"ada", "dee", "bob", "jo"} <= set(rows) and "hal" not in rows
    assert "outside the 60-180" in rows["dee"]["flag"] and rows["ada"]["flag"] == ""
    assert marked["grades"]["dee"]["q6"] == "3"  # marked like anyone else's


def test_a_rewritten_answer_returns_to_to_mark_and_its_old_marks_stop_counting(term, marked, rewritten):
    assert marked["grades"]["ada"]["q6"] == "3"
    assert rewritten["grades"]["ada"]["q6"] == "to mark" and rewritten["grades"]["ada"]["score"] == "14"
    row = rewritten["written"]["ada"]
    assert all(v == "" for k, v in row.items() if k.startswith("q6:"))  # the old marks are not pre-filled
    code, _, err = rewritten["stale"]
    assert code == 1 and "ada's answer to q6 changed since this file was exported" in err
    assert rewritten["grades"]["dee"]["q6"] == "3"  # an unchanged answer keeps its marks


# -- item 5: history and deleted submissions ----------------------------------------------------------------------

def test_history_lists_every_change_with_its_cause(rewritten):
    code, out, _ = rewritten["history"]
    causes = [line.split()[2] for line in out.splitlines()[1:]]
    assert code == 0 and causes[0] == "graded" and "marked" in causes and causes[-1] == "re-graded"
    assert "the file changed" in out.splitlines()[-1]


def test_a_deleted_submission_is_reported_not_kept(rewritten):
    assert rewritten["grades"]["eve"]["status"] == "missing" and rewritten["grades"]["eve"]["score"] == "0"
    assert "no longer in" in rewritten["again"][1] and "eve" in rewritten["again"][1]
    code, out, _ = rewritten["eve"]
    assert "late penalty" in out and "file deleted" in out


# -- item 6: feedback --------------------------------------------------------------------------------------------

def test_feedback_names_the_error_and_the_cell_as_jupyterlab_numbers_it(term):
    text = (term["snapshot"] / f"{EXERCISE}_feedback" / "gus.md").read_text()
    notebook = json.loads((term["edition"] / "exercises" / f"{EXERCISE}.ipynb").read_text())
    number = {c.get("metadata", {}).get("alliancekit", {}).get("question"): i
              for i, c in enumerate(notebook["cells"], start=1)}
    assert f"q1 has no value: cell {number['q1']}, line 1: SyntaxError" in text
    assert f"q2 has no value: cell {number['q2']}, line 2: KeyError: 'no_such_event'" in text
    assert "No variable" not in text and "<cell" not in text  # only the numbers the student sees
    assert "asked for the solution of q3" in rows_of(term["snapshot"] / f"{EXERCISE}.csv")["gus"]["flags"]


def test_feedback_shows_rubric_marks_per_criterion_with_the_comment(marked):
    text = marked["feedback"]
    assert "q6** (3/4" in text
    assert "cites at least two dated events from the kit's timeline by event_id: 2 of 2" in text
    assert "Comment: Good use of the timeline." in text
    assert "q6** (3/4, marked" in text and "to be marked" not in text  # the marking reached the student


def test_feedback_lists_the_questions_in_the_exercises_order(marked):
    text = marked["feedback"]
    shown = [line.split("**")[1] for line in text.splitlines() if line.startswith("- **")]
    assert shown.index("q2") < shown.index("q9") < shown.index("q10")


def test_a_blank_notebook_has_status_blank(term):
    assert rows_of(term["snapshot"] / f"{EXERCISE}.csv")["hal"]["status"] == "blank"


def test_a_solution_request_is_noted_in_the_notebook_output():
    from alliancekit.checking import checks_for
    from alliancekit.grading import submissions

    _, _, solution = checks_for(EXERCISE, student_id="ada")
    shown = solution("q2")
    assert "recorded" not in shown.message and "in your notebook" in shown.message
    import tempfile

    cell = {"cell_type": "code", "metadata": {}, "source": "", "execution_count": 1,
            "outputs": [{"output_type": "display_data", "data": {"text/html": shown._repr_html_()}}]}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ada.ipynb"
        path.write_text(json.dumps({"cells": [cell], "metadata": {}}))
        assert submissions.read(path).solutions_asked == ("q2",)


# -- item 7: lateness --------------------------------------------------------------------------------------------

def test_lateness_and_extensions_follow_the_course_policy(term):
    rows = rows_of(term["snapshot"] / f"{EXERCISE}.csv")
    assert rows["eve"]["late_days"] == "2" and rows["eve"]["penalty"] == "0.2"
    assert float(rows["eve"]["score"]) == pytest.approx(0.8 * float(rows["ada"]["score"]))
    assert rows["fay"]["late_days"] == "0" and rows["fay"]["score"] == rows["ada"]["score"]  # her extension
    feedback = (term["snapshot"] / f"{EXERCISE}_feedback" / "eve.md").read_text()
    assert "2 day(s) after your deadline" in feedback and "20%" in feedback


# -- item 8: the class report -------------------------------------------------------------------------------------

def test_the_report_is_one_offline_page(term, marked):
    code, out, err = run("report", EXERCISE, "--course", str(term["course"]))
    assert code == 0, err
    page = (term["grades"] / f"{EXERCISE}_report.html").read_text()
    import re

    assert not re.search(r"<script[^>]+src=", page) and len(page) > 1_000_000  # plotly.js is in the page itself
    assert "Most common wrong answers" in page and "Lateness" in page


# -- item 9: the student edition ----------------------------------------------------------------------------------

def test_the_edition_readme_is_for_students(term):
    readme = (term["edition"] / "README.md").read_text()
    assert "STUDENT_ID" in readme and "make lab" in readme
    for instructor_only in ("alliancekit grade", "alliancekit rubric", "instructor_guide", "docs/"):
        assert instructor_only not in readme
    for link in __import__("re").findall(r"\]\(([^)]+)\)", readme):
        assert (term["edition"] / link).exists(), link


def test_the_edition_command_offers_no_instructor_command(term):
    result = subprocess.run([sys.executable, "-m", "alliancekit.cli", "--help"], capture_output=True, text=True,
                            cwd=term["edition"], env={**os.environ, "PYTHONPATH": str(term["edition"])})
    assert result.returncode == 0 and "validate" in result.stdout
    assert "grade" not in result.stdout and "student-edition" not in result.stdout


def test_every_target_of_the_edition_makefile_works(term):
    venv = REPO / ".venv"
    if not (venv / "bin" / "jupyter").exists():
        pytest.skip("needs the repository's virtual environment (make setup)")
    edition = term["edition"]
    # run as a student would, not as a sub-make of `make test` (which would print "make[1]: Entering directory")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    common = {"cwd": edition, "capture_output": True, "text": True, "timeout": 300, "env": env}
    # the repository's venv already holds the course: a stamp marks it set up, so `setup` installs nothing into it
    stamp = edition / "stamp"
    stamp.mkdir()
    (stamp / ".course-installed").touch()
    where = [f"VENV={stamp}", f"BIN={venv}/bin"]
    check = subprocess.run(["make", "check", *where], **common)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "tables are valid" in check.stdout and "make lab" in check.stdout
    lab = subprocess.run(["make", "lab", *where, "ARGS=--version"], **common)
    assert lab.returncode == 0 and lab.stdout.strip().splitlines()[-1][0].isdigit(), lab.stdout + lab.stderr
    clean = subprocess.run(["make", "clean", f"VENV={stamp}"], **common)
    assert clean.returncode == 0 and not stamp.exists()


# -- item 10: the README and the guide as a runbook ---------------------------------------------------------------

def runbook_commands() -> list[str]:
    """Every `alliancekit` command line in the README's and the guide's shell blocks."""
    import re

    lines = []
    for doc in (REPO / "README.md", REPO / "docs" / "instructor_guide.md"):
        for block in re.findall(r"```bash\n(.*?)```", doc.read_text(), flags=re.S):
            lines += [line for line in block.splitlines() if line.startswith(".venv/bin/alliancekit ")]
    return lines


def test_every_runbook_command_names_the_venvs_command_and_parses():
    import shlex

    commands = runbook_commands()
    assert len(commands) >= 10
    verbs = set()
    for line in commands:
        args = shlex.split(line, comments=True)[1:]
        parsed = cli.build_parser().parse_args(args)  # exits (fails the test) on an unknown command or option
        verbs.add(parsed.command)
    assert {"student-edition", "collect", "grade", "written", "rubric", "report", "history"} <= verbs


def test_the_example_course_file_is_valid_and_assigns_every_question_of_exercise_01():
    from alliancekit.course import load
    from alliancekit.grading.assignment import settings

    course = load(REPO / "docs" / "course.example.toml")
    assert course.seed and course.id and course.deadline(EXERCISE, "ada") > course.deadline(EXERCISE, "bob")
    assert list(settings(EXERCISE, course).questions) == list(questions_for(EXERCISE))[-10:] == [f"q{i}" for i in range(1, 11)]


def test_grades_and_submissions_made_inside_the_clone_are_ignored_by_git(tmp_path):
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    names = ["course.toml", "roster.csv", "grades/ex01.csv", "submissions/01/ada.ipynb", "student-edition/README.md",
             "x/gradebook.sqlite"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=REPO, capture_output=True, text=True)
    assert sorted(result.stdout.split()) == sorted(names)


def test_a_deadline_without_a_time_zone_is_refused_with_how_to_write_it(tmp_path):
    from alliancekit.course import CourseError, load

    path = tmp_path / "course.toml"
    path.write_text(f'id = "c"\n[exercises.{EXERCISE}]\ndeadline = 2026-10-01T23:59:00\n')
    with pytest.raises(CourseError, match="no time zone"):
        load(path)


@pytest.mark.parametrize("text,why", [
    ('timeout_seconds = "long"', "are numbers"),
    ("late = 3", "late must be a table"),
    (f"[exercises.{EXERCISE}]\nextensions = 2", "extensions of"),
    ("[late]\npenalty_per_day = 10", "between 0 and 1"),
    ("id = ", "not valid TOML"),
])
def test_a_bad_course_file_gets_a_message_saying_what_to_change(tmp_path, text, why):
    path = tmp_path / "course.toml"
    path.write_text(text + "\n")
    code = cli.main(["grade", EXERCISE, str(tmp_path), "--course", str(path), "--out", str(tmp_path / "g.csv")])
    assert code == 2
    from alliancekit.course import CourseError, load

    with pytest.raises(CourseError, match=why):
        load(path)


def test_a_plain_roster_and_canvas_download_names_are_matched(tmp_path):
    from alliancekit.grading import roster

    path = tmp_path / "roster.csv"
    path.write_text("student_id,name,email,canvas_id\nada,Ada,ada@example.edu,1001\nbob,Bob,,\n")
    students = roster.read(path)
    files = [tmp_path / n for n in ("ada.ipynb", f"lovelaceada_1001_77_{EXERCISE}.ipynb",
                                    f"brownbob_LATE_1002_78_{EXERCISE}.ipynb", "zed.ipynb")]
    found = {f.name: next((m.student_id, m.problem[:12], m.canvas_late) for m in roster.match([f], students))
             for f in files}
    assert found["ada.ipynb"] == ("ada", "", False)
    assert found[f"lovelaceada_1001_77_{EXERCISE}.ipynb"] == ("ada", "", False)
    assert found[f"brownbob_LATE_1002_78_{EXERCISE}.ipynb"][0] == ""  # bob has no Canvas id on this roster
    assert found["zed.ipynb"] == ("", "unknown file", False)


def test_collect_without_a_roster_finds_every_students_file(tmp_path):
    from alliancekit.grading.collect import collect

    for student in ("ada", "bob"):
        folder = tmp_path / "home" / student / "kit"
        folder.mkdir(parents=True)
        (folder / f"{EXERCISE}.ipynb").write_text("{}")
    (tmp_path / "home" / "carl").mkdir()  # no notebook: not listed (without a roster nobody is expected)
    found = collect(f"{tmp_path}/home/{{student}}/kit/{{exercise}}.ipynb", EXERCISE, tmp_path / "subs")
    assert sorted(s for s, _, _ in found.copied) == ["ada", "bob"] and found.notes == []
    assert (tmp_path / "subs" / "bob.ipynb").read_text() == "{}"


def test_two_files_of_one_student_give_one_graded_row_and_a_listed_duplicate(tmp_path):
    from alliancekit.grading import roster

    old, new = tmp_path / "ada.ipynb", tmp_path / f"lovelaceada_1001_79_{EXERCISE}.ipynb"
    for i, path in enumerate((old, new)):
        path.write_text("{}")
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    matches = roster.match([old, new], [roster.Student("ada", canvas_id="1001")])
    assert [(m.path.name, m.student_id) for m in matches if m.student_id] == [(new.name, "ada")]
    assert any(m.problem.startswith("duplicate file") and m.path == old for m in matches)
