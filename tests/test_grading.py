"""Grading a class: one command, one row per submission, honest under bad and hostile submissions.

One batch of right, wrong, blank and hostile submissions is graded once (in the sandbox, as an
instructor would), and each test reads its row.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from alliancekit import cli
from alliancekit.grading import sandbox

from .conftest import REPO

EXERCISE = "01_summit_and_argument"
RIGHT = {
    "q1": "q1 = (date_of['treaty_enters_force'] - date_of['putin_pyongyang_treaty_signed']).days",
    "q2": "q2 = 566.0",
    "q3": "q3 = '  Forecast '",
    "q4": "q4 = 'fact'",
    "q5": "def days_between(a, b):\n    return (date_of[b] - date_of[a]).days\nq5 = days_between('russia_invades_ukraine', 'putin_pyongyang_treaty_signed')",
    "q6": "q6 = '" + " ".join(["evidence"] * 70) + "'",
    "q7": "q7 = int((events['category'] == my_kind).sum())",
    "q8": "q8 = ['claim', 'evidence', 'evidence', 'premise', 'evidence']",
    "q9": "q9 = 'a threat both perceive: the United States and the states arming Ukraine or allied with Seoul'",
    "q10": "q10 = {'inevitable_arms_deal': ['supports'] * 3 + ['neither', 'supports', 'supports'],\n"
           "       'troop_claims_absurd': ['neither'] * 5 + ['contradicts'],\n"
           "       'russia_gives_what_sanctions_block': ['neither', 'neither'] + ['supports'] * 3 + ['neither']}[my_claim]",
}
AUTO_POINTS = "14"  # q1-q5 and q7 one point each, q8 and q10 three, q9 two; q6 (written) is marked with a rubric

SEARCH_FOR_ANSWERS = r'''
import os, re, json, sys
found = []
starts = [os.getcwd(), os.path.expanduser("~"), "/", os.path.dirname(os.path.dirname(__import__("alliancekit").__file__))]
for start in starts:
    p = start
    for _ in range(6):  # the working directory's parents
        for name in ("solutions", "alliancekit/questions"):
            if os.path.isdir(os.path.join(p, name)):
                found.append(os.path.join(p, name))
        p = os.path.dirname(p)
seen = 0
for root, dirs, files in ([] if found else os.walk("/")):   # then a bounded walk of the whole filesystem
    if root.startswith(("/proc", "/sys", "/dev")):
        dirs[:] = []
        continue
    for f in files:
        seen += 1
        if f == "01_summit_and_argument.ipynb" or f == "q01_summit_and_argument.py" or f == "gradebook.sqlite":
            found.append(os.path.join(root, f))
    if seen > 400000:
        break
for path in found:
    if path.endswith("solutions"):
        path = os.path.join(path, "01_summit_and_argument.ipynb")
    if path.endswith(".ipynb") and os.path.exists(path):
        for cell in json.load(open(path))["cells"]:
            if "BEGIN SOLUTION" in "".join(cell["source"]):
                try:
                    exec("".join(cell["source"]))
                except Exception:
                    pass
'''

# Connects to a server the test itself listens on: outside the sandbox this succeeds (see the
# --no-isolation test), so q4 staying right proves the sandbox cut the connection.
NETWORK = ("import socket\ntry:\n    socket.create_connection(('127.0.0.1', PORT), timeout=3)\n    q4 = 'connected'\n"
           "except OSError:\n    pass")

HOSTILE = {
    "right": ({}, []),
    "blank": (None, []),
    "wrong_units": ({"q1": "q1 = 168_000"}, []),
    "lying_objects": ({"q1": "class Liar(float):\n    def __eq__(self, o): return True\n    def __sub__(self, o): return 0.0\n"
                             "    __hash__ = float.__hash__\nq1 = Liar(1)",
                       "q3": "class S(str):\n    def __eq__(self, o): return True\n    __hash__ = str.__hash__\nq3 = S('no')"}, []),
    "monkeypatcher": ({"q1": "import math, numpy.testing, pandas.testing\nmath.isclose = lambda *a, **k: True\n"
                             "numpy.testing.assert_allclose = lambda *a, **k: None\n"
                             "pandas.testing.assert_frame_equal = lambda *a, **k: None\nq1 = 1"}, []),
    "edits_checks": ({"q1": "q1 = 3"}, ["def check(*a, **k):\n    return 'correct'\ncheck('q1', q1)"]),
    "renamed": ({"q2": "answer_two = 566"}, []),
    "infinite_loop": ({}, ["while True:\n    pass"]),
    "exits": ({}, ["import sys\nsys.exit(0)"]),
    "hard_exit": ({}, ["import os\nos._exit(0)"]),
    "segfault": ({}, ["import ctypes\nctypes.string_at(0)"]),
    "floods_output": ({}, ["print('x' * 100_000_000)"]),
    "allocates_1gb": ({}, ["big = bytearray(1024 ** 3)\nbig[::4096] = b'x' * len(big[::4096])"]),
    "fork_bomb": ({}, ["import os\nfor _ in range(10000):\n    try:\n        os.fork()\n    except OSError:\n        break"]),
    "network": ({}, [NETWORK]),
    "searches_for_answers": (None, [SEARCH_FOR_ANSWERS]),
}


@pytest.fixture(scope="module")
def listener():
    """A TCP server on loopback that a submission might try to reach."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    yield server.getsockname()[1]
    server.close()


def make_submission(path: Path, answers: dict | None, extra_cells: list[str], port: int = 9,
                    student_id: str | None = None) -> None:
    """A student's notebook: the exercise as handed out, answer cells filled in, extra code appended."""
    notebook = json.loads((REPO / "exercises" / f"{EXERCISE}.ipynb").read_text())
    given = {} if answers is None else {**RIGHT, **answers}
    for cell in notebook["cells"]:
        if "".join(cell["source"]).startswith("STUDENT_ID ="):
            cell["source"] = f'STUDENT_ID = "{student_id or path.stem}"'

        qid = cell.get("metadata", {}).get("alliancekit", {}).get("question")
        if qid and qid in given:
            cell["source"] = given[qid]
    for code in extra_cells:
        code = code.replace("PORT", str(port))
        notebook["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                                  "source": code})
    path.write_text(json.dumps(notebook))


def tree_digest(*folders: Path) -> str:
    h = hashlib.sha256()
    for folder in folders:
        for p in sorted(Path(folder).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(str(p).encode() + p.read_bytes())
    return h.hexdigest()


def rows_of(path: Path) -> dict[str, dict]:
    with open(path, newline="") as f:
        return {r["student_id"]: r for r in csv.DictReader(f)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory, listener):
    if sandbox.probe() is not None:
        pytest.skip(f"no sandbox on this machine: {sandbox.probe()}")
    work = tmp_path_factory.mktemp("class")
    subs = work / "submissions"
    subs.mkdir()
    for student, (answers, extra) in HOSTILE.items():
        make_submission(subs / f"{student}.ipynb", answers, extra, port=listener)
    (subs / "broken_json.ipynb").write_text('{"cells": [')
    (subs / "not_a_notebook.ipynb").write_text('{"hello": 1}')
    assignment = work / "assignment.toml"
    assignment.write_text(f'timeout_seconds = 8\nmemory_mb = 512\n\n[exercises.{EXERCISE}]\n')
    protected = (REPO / "solutions", REPO / "alliancekit" / "questions", REPO / "data")
    before = tree_digest(*protected)
    out = work / "grades.csv"
    result = subprocess.run([sys.executable, "-m", "alliancekit.cli", "grade", EXERCISE, str(subs), "--out", str(out),
                             "--assignment", str(assignment), "--canvas", str(work / "canvas.csv")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return {"work": work, "subs": subs, "out": out, "rows": rows_of(out), "stdout": result.stdout,
            "stderr": result.stderr, "before": before, "after": tree_digest(*protected), "assignment": assignment}


def test_every_submission_file_yields_exactly_one_row(graded):
    files = sorted(p.stem for p in graded["subs"].glob("*.ipynb"))
    assert sorted(graded["rows"]) == files
    with open(graded["out"]) as f:
        assert len(f.read().strip().splitlines()) == len(files) + 1


def test_right_answers_score_full_auto_marks_and_the_written_answer_waits_for_the_rubric(graded):
    row = graded["rows"]["right"]
    assert row["status"] == "ok" and row["isolated"] == "yes"
    assert [row[q] for q in ("q1", "q2", "q3", "q4", "q5", "q7")] == ["1"] * 6 and row["q6"] == "to mark"
    assert [row[q] for q in ("q8", "q9", "q10")] == ["3", "2", "3"]
    assert row["score"] == AUTO_POINTS and row["max_score"] == "18"


def test_a_blank_submission_scores_zero_and_says_not_attempted(graded):
    row = graded["rows"]["blank"]
    assert row["score"] == "0" and row["status"] == "ok"
    long = list(csv.DictReader(open(graded["work"] / "grades_long.csv")))
    assert {r["status"] for r in long if r["student_id"] == "blank"} == {"not_attempted"}


def test_wrong_units_lose_the_mark_and_the_feedback_says_why(graded):
    assert graded["rows"]["wrong_units"]["q1"] == "0"
    feedback = (graded["work"] / "grades_feedback" / "wrong_units.md").read_text()
    assert "factor of 1,000" in feedback


@pytest.mark.parametrize("student", ["lying_objects", "monkeypatcher", "edits_checks"])
def test_a_submission_cannot_make_itself_correct(student, graded):
    assert graded["rows"][student]["q1"] == "0"
    if student == "lying_objects":
        assert graded["rows"][student]["q3"] == "0"


def test_renamed_variables_give_missing_answers_not_a_crash(graded):
    row = graded["rows"]["renamed"]
    assert row["status"] == "missing answers" and row["q2"] == "0" and row["q1"] == "1"


@pytest.mark.parametrize("student,status", [
    ("hard_exit", "crashed"), ("segfault", "crashed"),
    ("broken_json", "unreadable"), ("not_a_notebook", "unreadable"),
])
def test_a_broken_submission_gets_a_clear_status(student, status, graded):
    assert graded["rows"][student]["status"] == status
    assert graded["rows"][student]["score"] == "0"


def test_an_infinite_loop_is_stopped_at_the_time_limit_and_earlier_answers_still_count(graded):
    row = graded["rows"]["infinite_loop"]
    assert row["status"] == "timeout" and row["q1"] == "1" and row["score"] == AUTO_POINTS
    feedback = (graded["work"] / "grades_feedback" / "infinite_loop.md").read_text()
    assert "still running at the time limit" in feedback


def test_a_submission_that_ignores_the_interruption_is_killed(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    stubborn = "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass"
    make_submission(subs / "stubborn.ipynb", {}, [stubborn])
    (tmp_path / "a.toml").write_text(f"timeout_seconds = 2\n\n[exercises.{EXERCISE}]\n")
    out = tmp_path / "g.csv"
    assert cli.main(["grade", EXERCISE, str(subs), "--out", str(out), "--assignment", str(tmp_path / "a.toml"),
                     "--quiet"]) == 0
    row = rows_of(out)["stubborn"]
    assert row["status"] == "timeout" and row["score"] == "0"


@pytest.mark.parametrize("student", ["exits", "floods_output", "allocates_1gb", "fork_bomb"])
def test_hostile_code_is_contained_and_its_answers_still_count(student, graded):
    row = graded["rows"][student]
    assert row["status"] in ("ok", "crashed", "timeout"), row
    if row["status"] == "ok":
        assert row["q1"] == "1", f"{student}: the answers before the hostile cell should count"


def test_the_other_submissions_carry_on_after_hostile_ones(graded):
    assert graded["rows"]["right"]["score"] == AUTO_POINTS
    assert graded["rows"]["searches_for_answers"] is not None


def test_a_submission_cannot_reach_the_network(graded):
    long = {(r["student_id"], r["question"]): r for r in csv.DictReader(open(graded["work"] / "grades_long.csv"))}
    assert long[("network", "q4")]["status"] == "correct"  # q4 stayed 'fact': the connection failed


def test_a_submission_that_searches_for_the_solutions_finds_nothing_and_scores_as_blank(graded):
    row = graded["rows"]["searches_for_answers"]
    assert row["score"] == "0", row


def test_nothing_under_the_instructors_folders_changes(graded):
    assert graded["before"] == graded["after"]


def test_the_progress_bar_and_summary_are_shown(graded):
    n = len(graded["rows"])
    assert f"] {n}/{n} (" in graded["stderr"]
    assert f"Graded {n} submission(s)" in graded["stdout"]


def test_the_canvas_export_has_the_points_row_and_one_row_per_student(graded):
    rows = list(csv.reader(open(graded["work"] / "canvas.csv")))
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert rows[1][0].strip() == "Points Possible" and rows[1][-1] == "18"
    assert len(rows) == 2 + len(graded["rows"])


def test_regrading_is_incremental_and_an_interrupted_batch_resumes(graded, tmp_path):
    subs = tmp_path / "subs"
    shutil.copytree(graded["subs"], subs, ignore=shutil.ignore_patterns("infinite_loop*", "fork_bomb*", "search*"))
    book = graded["work"] / "gradebook.sqlite"
    copy = tmp_path / "gradebook.sqlite"
    shutil.copy(book, copy)
    out = tmp_path / "grades.csv"
    args = ["grade", EXERCISE, str(subs), "--out", str(out), "--gradebook", str(copy), "--assignment",
            str(graded["assignment"]), "--quiet"]
    assert cli.main(args) == 0
    assert len(rows_of(out)) == len(graded["rows"])  # everything already graded is still there
    make_submission(subs / "right.ipynb", {"q2": "q2 = 1"}, [])   # a student resubmits
    make_submission(subs / "latecomer.ipynb", {}, [])              # and one arrives late
    assert cli.main(args) == 0
    with sqlite3.connect(copy) as db:
        graded_again = db.execute("SELECT student_id FROM submissions WHERE graded_at > "
                                  "(SELECT MIN(graded_at) FROM submissions)").fetchall()
    rows = rows_of(out)
    assert rows["right"]["q2"] == "0" and rows["latecomer"]["score"] == AUTO_POINTS
    assert {s for (s,) in graded_again} >= {"right", "latecomer"}


def test_written_answers_go_out_for_rubric_marking_and_the_marks_come_back(graded, tmp_path):
    book = tmp_path / "gradebook.sqlite"
    shutil.copy(graded["work"] / "gradebook.sqlite", book)
    written = tmp_path / "written.csv"
    assert cli.main(["written", EXERCISE, "--gradebook", str(book), "--out", str(written)]) == 0
    rows = list(csv.DictReader(open(written)))
    students = {r["student_id"] for r in rows}
    assert "right" in students and "blank" not in students
    header = [h for h in rows[0] if h.startswith("q6: cites")][0]
    for r in rows:
        r[header] = "2" if r["student_id"] == "right" else ""
    with open(written, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    out = tmp_path / "grades.csv"
    assert cli.main(["rubric", EXERCISE, str(written), "--gradebook", str(book), "--out", str(out)]) == 0
    row = rows_of(out)["right"]
    assert row["q6"] == "2" and row["score"] == str(int(AUTO_POINTS) + 2)


def test_rubric_marks_out_of_range_are_refused_with_their_line(graded, tmp_path, capsys):
    book = tmp_path / "gradebook.sqlite"
    shutil.copy(graded["work"] / "gradebook.sqlite", book)
    written = tmp_path / "written.csv"
    cli.main(["written", EXERCISE, "--gradebook", str(book), "--out", str(written)])
    text = written.read_text().splitlines()
    header = text[0].split(",")
    column = next(i for i, h in enumerate(header) if h.startswith("q6: cites"))
    cells = next(line for line in text[1:] if line.startswith("right,")).split(",")
    cells[column] = "99"
    written.write_text(text[0] + "\n" + ",".join(cells) + "\n")
    assert cli.main(["rubric", EXERCISE, str(written), "--gradebook", str(book), "--out", str(tmp_path / "g.csv")]) == 1
    assert "99 is outside 0-2" in capsys.readouterr().err


def test_an_assignment_file_chooses_questions_and_points(tmp_path):
    from alliancekit.grading.assignment import AssignmentError, settings

    path = tmp_path / "a.toml"
    path.write_text(f'[exercises.{EXERCISE}]\nquestions = ["q1", "q3"]\npoints = {{ q1 = 5 }}\n')
    chosen = settings(EXERCISE, path)
    assert list(chosen.questions) == ["q1", "q3"] and chosen.points == {"q1": 5.0}
    path.write_text(f'[exercises.{EXERCISE}]\nquestions = ["q1", "q99"]\n')
    with pytest.raises(AssignmentError, match="no question"):
        settings(EXERCISE, path)


def test_grade_refuses_without_isolation_and_names_the_flag(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sandbox, "probe", lambda: "namespaces are not permitted here")
    (tmp_path / "s").mkdir()
    code = cli.main(["grade", EXERCISE, str(tmp_path / "s"), "--out", str(tmp_path / "g.csv")])
    assert code == 3 and "--no-isolation" in capsys.readouterr().err


def test_grading_without_isolation_says_so_in_every_row(tmp_path, listener):
    subs = tmp_path / "subs"
    subs.mkdir()
    make_submission(subs / "s1.ipynb", {}, [])
    make_submission(subs / "online.ipynb", {}, [NETWORK], port=listener)
    make_submission(subs / "searcher.ipynb", None, [SEARCH_FOR_ANSWERS])
    out = tmp_path / "g.csv"
    assert cli.main(["grade", EXERCISE, str(subs), "--out", str(out), "--no-isolation", "--quiet"]) == 0
    row = rows_of(out)["s1"]
    assert row["status"] == "ok (not isolated)" and row["isolated"] == "no" and row["score"] == AUTO_POINTS
    assert rows_of(out)["online"]["q4"] == "0"  # without the sandbox the same connection succeeds
    assert float(rows_of(out)["searcher"]["score"]) > 0  # and the same search finds the solutions


def test_an_unknown_exercise_or_missing_folder_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["grade", "99_nothing", str(tmp_path), "--out", str(tmp_path / "g.csv")]) == 2
    assert "spelt as its notebook's file name" in capsys.readouterr().err
    assert cli.main(["grade", EXERCISE, str(tmp_path / "nope"), "--out", str(tmp_path / "g.csv")]) == 2


DAEMON = '''
import os, time
if os.fork() == 0:
    os.setsid()  # leaves the submission's session, so killing the session alone would not end it
    if os.fork() == 0:
        while True:
            with open("/tmp/still-running", "a") as f:
                f.write("x")
            time.sleep(0.02)
    os._exit(0)
time.sleep(0.2)
alive = os.path.exists("/tmp/still-running")
open("secret.txt", "w").write("my answers")
'''

AFTERWARDS = '''
import os, time
before = os.path.getsize("/tmp/still-running") if os.path.exists("/tmp/still-running") else -1
time.sleep(0.3)
after = os.path.getsize("/tmp/still-running") if os.path.exists("/tmp/still-running") else -1
grew = after - before
others = sorted(name for name in os.listdir("/tmp") if name.startswith("submission-"))
'''


def _job(student: str, cells: list[str], names: list[str]) -> dict:
    return {"id": student, "cells": cells, "names": names, "probes": {}, "variants": {}, "max_processes": 64,
            "timeout": 10, "memory_mb": 1024, "scratch": f"/tmp/submission-{student}", "drop_privileges": True}


@pytest.mark.skipif(sandbox.probe() is not None, reason="needs Linux namespaces")
def test_what_a_submission_leaves_running_or_written_is_gone_before_the_next_one_starts():
    from alliancekit.grading.runner import Pool

    with Pool(jobs=1, isolated=True) as pool:  # one worker: the second submission follows the first
        first = pool.run(_job("first", [DAEMON], ["alive"]))
        second = pool.run(_job("second", [AFTERWARDS], ["grew", "others"]))
    assert first["answers"]["alive"]["value"] is True  # the detached process really ran
    assert second["answers"]["grew"]["value"] == 0  # ... and was ended with the first submission
    others = [item["value"] for item in second["answers"]["others"]["items"]]
    assert others == ["submission-second"]  # the first one's folder is gone


def test_a_worker_that_dies_loses_only_the_submission_it_was_running():
    from alliancekit.grading import runner

    class DyingWorker:
        """Dies (as a real worker would, and is restarted) on the job named 'kills-worker'."""

        def __init__(self):
            self.sent, self.received = [], []

        def send(self, job):
            self.sent.append(job["id"])
            return True

        def receive(self, job):
            self.received.append(job["id"])
            if job["id"] == "kills-worker":
                self.sent.clear()  # whatever was sent after it is lost with the process
                return None
            return {"id": job["id"], "status": "ran", "answers": {}}

    pool = object.__new__(runner.Pool)
    pool.workers = [DyingWorker()]
    jobs = [{"id": name, "timeout": 1} for name in ("a", "kills-worker", "b", "c")]
    results = {job["id"]: result for job, result in pool.run_all(jobs)}
    assert sorted(results) == ["a", "b", "c", "kills-worker"]
    assert results["kills-worker"]["status"] == "crashed" and "restarted" in results["kills-worker"]["detail"]
    assert all(results[name]["status"] == "ran" for name in ("a", "b", "c"))
    assert pool.workers[0].received.count("b") == 1  # sent ahead, lost with the worker, sent again, run once


def test_a_worker_found_dead_between_submissions_is_restarted_and_loses_nothing():
    from alliancekit.grading import runner

    class ClosedPipeWorker:
        """Its pipe is closed (the process ended while idle) until it is started again."""

        def __init__(self):
            self.alive, self.starts, self.ran = False, 0, []

        def send(self, job):
            return self.alive

        def stop(self):
            self.alive = False

        def _start(self):
            self.alive, self.starts = True, self.starts + 1

        def receive(self, job):
            self.ran.append(job["id"])
            return {"id": job["id"], "status": "ran", "answers": {}}

    pool = object.__new__(runner.Pool)
    pool.workers = [ClosedPipeWorker()]
    results = {job["id"]: result for job, result in pool.run_all([{"id": n, "timeout": 1} for n in "abc"])}
    assert {n: r["status"] for n, r in results.items()} == {"a": "ran", "b": "ran", "c": "ran"}
    assert pool.workers[0].starts == 1 and pool.workers[0].ran == ["a", "b", "c"]


def test_the_runtime_copy_holds_no_answer_module_nor_its_compiled_file(tmp_path, monkeypatch):
    import compileall

    package = tmp_path / "source" / "alliancekit"  # a copy of the package with every module compiled
    shutil.copytree(sandbox.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(package, quiet=1)
    assert list((package / "questions" / "__pycache__").glob(f"q{EXERCISE}*.pyc"))
    monkeypatch.setattr(sandbox, "PACKAGE", package)
    runtime = sandbox.build_runtime(tmp_path / "runtime")
    names = [p.name for p in (runtime / "alliancekit").rglob("*")]
    assert not [n for n in names if n.startswith("q0")], names
    assert {"kinds.py", "plain.py"} <= set(names)
    assert any(n.startswith("kinds.") and n.endswith(".pyc") for n in names)  # compiled files do come along
