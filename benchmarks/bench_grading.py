"""Grading speed: ``alliancekit grade`` (sandboxed) against nbgrader 0.9.6 ``autograde``, same submissions, same run.

    .venv/bin/python benchmarks/bench_grading.py                   # 200 submissions, both graders
    .venv/bin/python benchmarks/bench_grading.py --nbgrader-n 40   # nbgrader on an evenly spread 40 of them

Target (issue on grading): grade 200 submissions of a real exercise at least 20 times faster than nbgrader
does on the same submissions, keeping the isolation. This script measures and prints; it never fails a build.

What it does:

1. builds ``--n`` submissions of exercises/01_summit_and_argument.ipynb in a temporary folder: right answers
   (two spellings), wrong ones (units, sign, option, text for a number, a function that fails the hidden
   cases), partly answered, blank, and one each of a few hostile ones (sys.exit, a 100 MB print, objects whose
   ``__eq__`` lies, a monkeypatcher, a renamed variable, os._exit, one infinite loop);
2. grades them with ``.venv/bin/alliancekit grade`` (sandbox on, the default) and times the wall clock of the
   whole command, worker start-up included;
3. installs nbgrader==0.9.6 and the kit into ``benchmarks/.venv-nbgrader`` (once), builds an nbgrader course
   from the same exercise (answer cells as solution cells, one autograder test cell per question after its check
   cell, asserting the expected values of :func:`alliancekit.questions.questions_for`, and the instructor's
   hidden cases for q5 as nbgrader hidden tests), runs ``nbgrader generate_assignment``, places the same
   submissions (the generated student version with the answer cells' source replaced exactly as in the kit's
   submission, the same extra cells appended) in submitted/, and times ``nbgrader autograde``;
4. prints the counts, seconds, seconds per submission and the ratio, and cross-checks which submissions got
   full marks on the questions both grade.

An answer cell the builder has no answer for (a question added to the exercise later) keeps its handed-out
``...`` in both graders' copies. Both graders grade q1-q5 only (q8 and q9, added to the exercise while this
script was written, are answered and run in both, graded by neither): q6 is a written answer (rubric, marked by
hand in both systems) and q7 draws a version per student, which an nbgrader test cell cannot know. Their cells
still run in both (in the kit's worker the ``my_variant`` cell raises KeyError, since q7 is not in the
assignment, and the q7 cells after it fail; in nbgrader they run as a student would). Both use the same time
limit (``--timeout``, 10 s: the kit's ``timeout_seconds`` per submission, nbgrader's ``Execute.timeout`` per cell).

The kit is timed ``--kit-runs`` times (default 3: one before nbgrader, the others after it) into fresh gradebooks,
and the ratio uses the median; each timing is printed with the machine's load average, so a run taken while
something else was busy on the machine shows. nbgrader runs once (about 5-6 minutes for 200 here); with
``--nbgrader-n K`` it grades an evenly spread K of the submissions and the ratio is per submission.
"""

from __future__ import annotations

import argparse
import copy
import csv
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXERCISE = "01_summit_and_argument"
GRADED = ("q1", "q2", "q3", "q4", "q5")  # what both graders grade
NBG_VENV = REPO / "benchmarks" / ".venv-nbgrader"
NBG_VERSION = "0.9.6"
ASSIGNMENT = "ex01"

# ---------------------------------------------------------------------------------------------------------------
# The submissions (the benchmark's own builder; the unit tests have theirs)

RIGHT = {
    "q1": "q1 = (date_of['treaty_enters_force'] - date_of['putin_pyongyang_treaty_signed']).days",
    "q2": "q2 = 566.0",
    "q3": "q3 = '  Forecast '",
    "q4": "q4 = 'fact'",
    "q5": "def days_between(a, b):\n    return (date_of[b] - date_of[a]).days\n"
          "q5 = days_between('russia_invades_ukraine', 'putin_pyongyang_treaty_signed')",
    "q6": "q6 = '" + " ".join(["evidence"] * 70) + "'",
    "q7": "q7 = int((events['category'] == my_kind).sum())",
    # run by both graders, graded by neither (added to the exercise after this benchmark was written)
    "q8": "q8 = disputes['dispute_id'].nunique()",
    "q9": "nk = participants[participants['country'] == 'PRK']\n"
          "q9 = nk.groupby('dispute_id')['hostility_level'].max().value_counts().sort_index()",
}
RIGHT_OTHER_SPELLING = {
    "q1": "q1 = 168",
    "q2": "summit = date_of['vostochny_summit']\ninvasion = date_of['russia_invades_ukraine']\n"
          "q2 = (summit - invasion).days",
    "q3": "q3 = 'forecast'",
    "q4": "q4 = 'Fact'",
    "q5": "def days_between(first_id, second_id):\n    delta = date_of[second_id] - date_of[first_id]\n"
          "    return int(delta.days)\n"
          "q5 = days_between('russia_invades_ukraine', 'putin_pyongyang_treaty_signed')",
}
PLACEHOLDER = None  # keep the exercise's own "q1 = ...  # replace ... with your answer"

FLOOD = "print('x' * 100_000_000)"
LIAR = ("class Liar(float):\n    def __eq__(self, o): return True\n    def __sub__(self, o): return 0.0\n"
        "    __hash__ = float.__hash__\nq1 = Liar(1)")
LIAR_TEXT = "class S(str):\n    def __eq__(self, o): return True\n    __hash__ = str.__hash__\nq3 = S('no')"
MONKEYPATCH = ("import math, numpy.testing, pandas.testing\nmath.isclose = lambda *a, **k: True\n"
               "numpy.testing.assert_allclose = lambda *a, **k: None\n"
               "pandas.testing.assert_frame_equal = lambda *a, **k: None\nq1 = 1")

# kind -> (answers over RIGHT, or None for a blank notebook; extra code cells appended at the end)
KINDS = {
    "right": ({}, []),
    "right-other": (RIGHT_OTHER_SPELLING, []),
    "wrong-units": ({"q1": "q1 = 168_000"}, []),
    "wrong-sign": ({"q2": "q2 = -566"}, []),
    "wrong-option": ({"q3": "q3 = 'opinion'", "q4": "q4 = 'estimate'"}, []),
    "text-number": ({"q1": "q1 = '168'"}, []),
    "wrong-function": ({"q5": "def days_between(a, b):\n    return abs((date_of[b] - date_of[a]).days)\n"
                              "q5 = days_between('russia_invades_ukraine', 'putin_pyongyang_treaty_signed')"}, []),
    "partial": ({q: PLACEHOLDER for q in ("q3", "q4", "q5", "q6", "q7", "q8", "q9")}, []),
    "blank": (None, []),
    # hostile: one of each
    "exits": ({}, ["import sys\nsys.exit(0)"]),
    "floods-output": ({}, [FLOOD]),
    "lying-objects": ({"q1": LIAR, "q3": LIAR_TEXT}, []),
    "monkeypatcher": ({"q1": MONKEYPATCH}, []),
    "renamed": ({"q2": "answer_two = 566"}, []),
    "hard-exit": ({}, ["import os\nos._exit(0)"]),
    "infinite-loop": ({}, ["while True:\n    pass"]),  # the only one: both graders wait out the time limit
}
HOSTILE = ("exits", "floods-output", "lying-objects", "monkeypatcher", "renamed", "hard-exit", "infinite-loop")
# the ordinary ones, repeated: 10 right, 6 wrong, 2 partly answered, 2 blank in every 20
CYCLE = ("right", "right-other", "wrong-units", "right", "blank", "wrong-sign", "right-other", "wrong-option",
         "right", "partial", "right", "wrong-function", "right-other", "text-number", "right", "blank", "right",
         "wrong-units", "right-other", "partial")


def plan(n: int) -> list[tuple[str, str]]:
    """(student_id, kind) for n submissions: the hostile ones spread evenly through the ordinary ones."""
    hostile = list(HOSTILE[:n])
    spots = {int((k + 0.5) * n / len(hostile)): kind for k, kind in enumerate(hostile)} if hostile else {}
    out, ordinary = [], 0
    for i in range(n):
        if i in spots:
            kind = spots[i]
        else:
            kind = CYCLE[ordinary % len(CYCLE)]
            ordinary += 1
        out.append((f"s{i + 1:03d}-{kind}", kind))
    return out


def handed_out() -> dict[str, str]:
    """Each answer cell's source as the exercise hands it out ("q1 = ...  # replace ... with your answer")."""
    return {kit_qid(c): "".join(c["source"]) for c in exercise_notebook()["cells"] if kit_qid(c)}


def answers_for(kind: str) -> tuple[dict[str, str], list[str]]:
    """The source of every answer cell and the extra cells appended, for one kind of submission."""
    answers, extra = KINDS[kind]
    given = {} if answers is None else {**RIGHT, **answers}
    blank = handed_out()
    return {qid: given.get(qid) or blank[qid] for qid in blank}, list(extra)


def _new_cell(notebook: dict, source: str) -> dict:
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": source}
    if (notebook.get("nbformat"), notebook.get("nbformat_minor", 0)) >= (4, 5):
        cell["id"] = f"extra-{len(notebook['cells'])}"
    return cell


def fill(notebook: dict, student_id: str, kind: str, qid_of) -> dict:
    """A student's notebook: STUDENT_ID set, answer cells replaced, extra code appended (either grader's copy)."""
    notebook = copy.deepcopy(notebook)
    answers, extra = answers_for(kind)
    for cell in notebook["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and source.startswith("STUDENT_ID ="):
            cell["source"] = f'STUDENT_ID = "{student_id}"'
        qid = qid_of(cell)
        if qid:  # every answer cell, blank ones included, gets the same source in both graders' copies
            cell["source"] = answers[qid]
    for code in extra:
        notebook["cells"].append(_new_cell(notebook, code))
    return notebook


def kit_qid(cell: dict) -> str | None:
    return cell.get("metadata", {}).get("alliancekit", {}).get("question")


def nbgrader_qid(cell: dict) -> str | None:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
    return grade_id[len("answer_"):] if grade_id.startswith("answer_") else None


def exercise_notebook() -> dict:
    return json.loads((REPO / "exercises" / f"{EXERCISE}.ipynb").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------------------------
# The kit

def build_kit(students: list[tuple[str, str]], work: Path, timeout: int) -> tuple[Path, Path]:
    """The submissions folder (<student_id>.ipynb) and an assignment file: q1-q5, the time limit."""
    subs = work / "submissions"
    subs.mkdir(parents=True)
    handout = exercise_notebook()
    for student, kind in students:
        (subs / f"{student}.ipynb").write_text(json.dumps(fill(handout, student, kind, kit_qid)), encoding="utf-8")
    assignment = work / "assignment.toml"
    assignment.write_text(f"timeout_seconds = {timeout}\n\n[exercises.{EXERCISE}]\n"
                          f"questions = {json.dumps(list(GRADED))}\n", encoding="utf-8")
    return subs, assignment


def run_kit(subs: Path, assignment: Path, out_dir: Path) -> dict:
    """One timed `alliancekit grade` (sandbox on, default jobs) into a fresh gradebook: nothing is skipped."""
    out_dir.mkdir(parents=True)
    out = out_dir / "grades.csv"
    cmd = [str(REPO / ".venv" / "bin" / "alliancekit"), "grade", EXERCISE, str(subs), "--out", str(out),
           "--assignment", str(assignment), "--quiet"]
    started = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=out_dir)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"alliancekit grade failed ({result.returncode}):\n{result.stderr[-3000:]}")
    with open(out, newline="", encoding="utf-8") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    scores = {s: {q: float(r[q]) for q in GRADED} for s, r in rows.items()}
    with sqlite3.connect(out_dir / "gradebook.sqlite") as db:
        job_seconds = [t for (t,) in db.execute("SELECT seconds FROM submissions") if t is not None]
    return {"seconds": seconds, "n": len(rows), "scores": scores, "rows": rows,
            "job_median": statistics.median(job_seconds) if job_seconds else float("nan"),
            "summary": result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""}


# ---------------------------------------------------------------------------------------------------------------
# nbgrader

def ensure_nbgrader() -> Path:
    """benchmarks/.venv-nbgrader with nbgrader==0.9.6 and the kit (so the notebooks' imports work)."""
    bin_dir = NBG_VENV / "bin"
    probe = subprocess.run([str(bin_dir / "python"), "-c", "import nbgrader, alliancekit; print(nbgrader.__version__)"],
                           capture_output=True, text=True) if (bin_dir / "python").exists() else None
    if probe is not None and probe.returncode == 0 and probe.stdout.strip() == NBG_VERSION:
        return bin_dir
    print(f"Installing nbgrader=={NBG_VERSION} into {NBG_VENV} (once)...", flush=True)
    python = REPO / ".venv" / "bin" / "python"
    subprocess.run([str(python if python.exists() else sys.executable), "-m", "venv", str(NBG_VENV)], check=True)
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", f"nbgrader=={NBG_VERSION}",
                    "-e", str(REPO)], check=True)
    return bin_dir


def _nbgrader_meta(**fields) -> dict:
    return {"nbgrader": {"schema_version": 3, "locked": False, "solution": False, "grade": False, "task": False,
                         **fields}}


def test_source(qid: str, question, hidden: list) -> str:
    """The autograder test an nbgrader instructor would write for one question, with the kit's expected value."""
    expected = question.expected_value()
    if question.kind == "number":
        lines = [f"assert {qid} == {int(expected) if float(expected).is_integer() else expected!r}"]
    else:  # a choice: case and spacing do not matter, as in the kit
        lines = [f"assert isinstance({qid}, str) and ' '.join({qid}.lower().split()) == {expected!r}"]
    if hidden:
        lines.append("### BEGIN HIDDEN TESTS")
        for case in hidden:
            lines.append(f"assert {case.expression} == {case.check.expected_value()!r}")
        lines.append("### END HIDDEN TESTS")
    return "\n".join(lines)


def source_notebook() -> dict:
    """The exercise as an nbgrader source notebook: solution cells, and a test cell after each graded check."""
    from alliancekit.grading.assignment import hidden_cases_for
    from alliancekit.questions import questions_for

    questions = questions_for(EXERCISE)
    hidden = hidden_cases_for(EXERCISE)
    notebook = exercise_notebook()
    cells = []
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("alliancekit", {})
        if "question" in meta:
            qid = meta["question"]
            cell = {**cell, "metadata": _nbgrader_meta(solution=True, grade_id=f"answer_{qid}"),
                    "source": f"### BEGIN SOLUTION\n{RIGHT.get(qid, ''.join(cell['source']))}\n### END SOLUTION"}
        cells.append(cell)
        if meta.get("check") in GRADED:
            qid = meta["check"]
            cells.append({"cell_type": "code", "execution_count": None, "outputs": [],
                          "metadata": _nbgrader_meta(grade=True, locked=True, points=1, grade_id=f"test_{qid}"),
                          "source": test_source(qid, questions[qid], [h for h in hidden if h.qid == qid])})
    notebook["cells"] = cells
    return notebook


NBG_SCORES = r"""
import json, sys
from nbgrader.api import Gradebook, MissingEntry
out = {}
with Gradebook("sqlite:///" + sys.argv[1]) as gb:
    for student in gb.students:
        try:
            nb = gb.find_submission_notebook(sys.argv[2], sys.argv[2], student.id)
        except MissingEntry:
            out[student.id] = None
            continue
        out[student.id] = {g.name: [g.score, g.max_score] for g in nb.grades}
print(json.dumps(out))
"""


def run_nbgrader(students: list[tuple[str, str]], work: Path, timeout: int) -> dict:
    bin_dir = ensure_nbgrader()
    course = work / "course"
    (course / "source" / ASSIGNMENT).mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        "c.CourseDirectory.course_id = 'bench'\n"
        f"c.Execute.timeout = {timeout}\n"
        f"c.ExecutePreprocessor.timeout = {timeout}\n", encoding="utf-8")
    (course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(source_notebook()), encoding="utf-8")
    # nbgrader calls `alembic` and starts kernels by name: its venv goes first on PATH
    env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1", PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    generated = subprocess.run([str(bin_dir / "nbgrader"), "generate_assignment", ASSIGNMENT, "--force"],
                               cwd=course, capture_output=True, text=True, env=env)
    release = course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    if generated.returncode != 0 or not release.exists():
        sys.exit(f"nbgrader generate_assignment failed:\n{generated.stderr[-3000:]}")
    handout = json.loads(release.read_text(encoding="utf-8"))
    for student, kind in students:
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(fill(handout, student, kind, nbgrader_qid)),
                                                    encoding="utf-8")
    log = work / "nbgrader-autograde.log"
    started = time.perf_counter()
    with open(log, "w") as f:
        result = subprocess.run([str(bin_dir / "nbgrader"), "autograde", ASSIGNMENT], cwd=course, stdout=f,
                                stderr=subprocess.STDOUT, env=env)
    seconds = time.perf_counter() - started
    dumped = subprocess.run([str(bin_dir / "python"), "-c", NBG_SCORES, str(course / "gradebook.db"), ASSIGNMENT],
                            capture_output=True, text=True, check=True)
    raw = json.loads(dumped.stdout)
    scores = {}
    for student, _ in students:
        grades = raw.get(student)
        if grades is None:
            scores[student] = None  # nbgrader recorded no graded notebook for this student
            continue
        scores[student] = {q: float((grades.get(f"test_{q}") or [0.0])[0] or 0.0) for q in GRADED}
    return {"seconds": seconds, "n": len(students), "scores": scores, "returncode": result.returncode,
            "log": log}


# ---------------------------------------------------------------------------------------------------------------

def load() -> str:
    """The machine's load averages: a timing taken while something else ran shows it here."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) at the end"


def subset(students: list, k: int) -> list:
    """k of the submissions, evenly spread, so the mix of kinds is about the same as in the whole batch."""
    if k >= len(students):
        return list(students)
    return [students[int(i * len(students) / k)] for i in range(k)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="submissions to build and grade with the kit")
    parser.add_argument("--nbgrader-n", type=int, default=None,
                        help="submissions nbgrader grades (default: all; fewer compares seconds per submission)")
    parser.add_argument("--timeout", type=int, default=10, help="per-submission time limit for both graders (s)")
    parser.add_argument("--kit-runs", type=int, default=3,
                        help="times to run the kit (one before nbgrader, the rest after); the ratio uses the median")
    parser.add_argument("--skip-nbgrader", action="store_true", help="only time the kit")
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    args = parser.parse_args(argv)

    students = plan(args.n)
    work = Path(tempfile.mkdtemp(prefix="bench-grading-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    try:
        counts: dict[str, int] = {}
        for _, kind in students:
            counts[kind] = counts.get(kind, 0) + 1
        print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
        print(f"submissions: {len(students)} of {EXERCISE}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        print(f"graded by both: {', '.join(GRADED)} (1 point each); time limit {args.timeout} s per submission")
        print(f"before: {load().replace(' at the end', '')}")

        subs, assignment = build_kit(students, work / "kit", args.timeout)

        def kit_run(i: int) -> dict:
            run = run_kit(subs, assignment, work / "kit" / f"run{i}")
            print(f"alliancekit grade run {i} (sandbox on, {max(1, min(2, os.cpu_count() or 1))} workers): "
                  f"{run['n']} submissions in {run['seconds']:.1f} s = {run['seconds'] / run['n']:.3f} s each; "
                  f"median {run['job_median']:.3f} s per submission inside its worker; {load()}\n"
                  f"  {run['summary']}", flush=True)
            return run

        print()
        runs = [kit_run(1)]  # one run before nbgrader, the others after it: drift on the machine shows
        if args.skip_nbgrader:
            runs += [kit_run(i) for i in range(2, args.kit_runs + 1)]
            return 0
        chosen = subset(students, args.nbgrader_n or len(students))
        nbg = run_nbgrader(chosen, work / "nbgrader", args.timeout)
        nbg_per = nbg["seconds"] / nbg["n"]
        print(f"nbgrader {NBG_VERSION} autograde: {nbg['n']} submissions in {nbg['seconds']:.1f} s "
              f"= {nbg_per:.3f} s each; {load()}", flush=True)
        log = nbg["log"].read_text(errors="replace")
        failed = log.count("There was an error processing assignment '")
        print(f"  exit status {nbg['returncode']}; {failed} submission(s) reported as errors in its log; "
              f"{log.count('Interrupting kernel')} kernel interrupt(s) after the time limit")
        runs += [kit_run(i) for i in range(2, args.kit_runs + 1)]

        times = sorted(r["seconds"] for r in runs)
        kit_s = statistics.median(times)
        kit = runs[0]
        kit_per = kit_s / kit["n"]
        print(f"\nkit, median of {len(runs)} run(s): {kit_s:.1f} s = {kit_per:.3f} s per submission "
              f"(runs: {', '.join(f'{t:.1f}' for t in (r['seconds'] for r in runs))} s)")
        print(f"nbgrader: {nbg['seconds']:.1f} s = {nbg_per:.3f} s per submission")
        if nbg["n"] == kit["n"]:
            print(f"ratio (nbgrader / kit median, same {kit['n']} submissions): {nbg['seconds'] / kit_s:.1f}x "
                  f"(against the slowest kit run: {nbg['seconds'] / times[-1]:.1f}x)")
        else:
            print(f"ratio PER SUBMISSION (nbgrader graded {nbg['n']} of the {kit['n']}, evenly spread; "
                  f"the kit graded all {kit['n']}): {nbg_per / kit_per:.1f}x "
                  f"(against the slowest kit run: {nbg_per / (times[-1] / kit['n']):.1f}x)")
            print(f"  nbgrader on all {kit['n']} at that rate: about {nbg_per * kit['n']:.0f} s")
        same = all(r["scores"] == kit["scores"] for r in runs)
        print(f"the kit's {len(runs)} run(s) gave {'identical' if same else 'DIFFERENT'} marks")

        # cross-check: full marks on q1-q5, submission by submission
        agree, disagree = 0, []
        for student, kind in chosen:
            k = kit["scores"].get(student)
            g = nbg["scores"].get(student)
            k_full = k is not None and all(k[q] >= 1 for q in GRADED)
            g_full = g is not None and all(g[q] >= 1 for q in GRADED)
            if k_full == g_full:
                agree += 1
            else:
                disagree.append((student, kind, k, g, k_full, g_full))
        print(f"\ncross-check, full marks on {'-'.join((GRADED[0], GRADED[-1]))}: the graders agree on {agree} of "
              f"{len(chosen)} submissions")
        for student, kind, k, g, k_full, g_full in disagree:
            status = kit["rows"].get(student, {}).get("status", "?")
            kit_points = " ".join(f"{q}={k[q]:g}" for q in GRADED) if k else "no row"
            nbg_points = " ".join(f"{q}={g[q]:g}" for q in GRADED) if g else "not graded"
            print(f"  {student}: kit {'full' if k_full else 'not full'} ({status}; {kit_points}), "
                  f"nbgrader {'full' if g_full else 'not full'} ({nbg_points})")
        differ = [(s, q, kit["scores"][s][q], nbg["scores"][s][q]) for s, _ in chosen for q in GRADED
                  if kit["scores"].get(s) and nbg["scores"].get(s)
                  and (kit["scores"][s][q] >= 1) != (nbg["scores"][s][q] >= 1)]
        print(f"cross-check, question by question: {len(chosen) * len(GRADED) - len(differ)} of "
              f"{len(chosen) * len(GRADED)} marks agree")
        for student, qid, k, g in differ:
            print(f"  {student} {qid}: kit {k:g}, nbgrader {g:g}")
        if args.keep:
            print(f"\nkept: {work} (nbgrader log: {nbg['log']})")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
