"""What leaves the gradebook: the grades CSV, the long results file, feedback per student, Canvas and
Moodle import files, and the written answers for rubric marking (and their marks coming back).

Every CSV goes through :mod:`.csvsafe`, so no answer, file name or comment can become a spreadsheet formula.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from .csvsafe import unescape, writer
from .gradebook import Gradebook, answer_digest


def companion(out: Path, suffix: str) -> Path:
    """``grades.csv`` -> ``grades_long.csv``, ``grades_feedback/`` ..."""
    return out.with_name(f"{out.stem}_{suffix}")


def _qids(questions) -> list[str]:
    return list(questions) if not isinstance(questions, dict) else list(questions.keys())


def question_cell(book: Gradebook, exercise: str, s, r) -> str:
    """A question's cell in the grades CSV: its points, or "to mark" for a written answer not marked yet."""
    if r is None:
        return ""
    points = book.question_points(exercise, s["student_id"], r)
    return "to mark" if points is None else f"{points:g}"


def write_grades(book: Gradebook, exercise: str, questions, out: Path) -> None:
    """The grades CSV (one row per student), the long results file and one feedback file per student."""
    qids = _qids(questions)
    rows = book.submissions(exercise)
    results = {(r["student_id"], r["qid"]): r for r in book.results(exercise)}
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = writer(f)
        w.writerow(["student_id", "score", "max_score", "status", *qids, "isolated", "graded_at", "late_days",
                    "penalty", "flags", "note"])
        for s in rows:
            cells = [question_cell(book, exercise, s, results.get((s["student_id"], q))) for q in qids]
            w.writerow([s["student_id"], f"{s['score']:g}", f"{s['max_score']:g}", s["status"], *cells,
                        "yes" if s["isolated"] else "no", s["graded_at"], s["late_days"], f"{s['penalty']:g}",
                        s["flags"], s["detail"]])
    with open(companion(out, "long.csv"), "w", newline="", encoding="utf-8") as f:
        w = writer(f)
        w.writerow(["student_id", "question", "status", "points", "max_points", "feedback"])
        for r in book.results(exercise):
            w.writerow([r["student_id"], r["qid"], r["status"], f"{r['points']:g}", f"{r['max_points']:g}", r["feedback"]])
    folder = companion(out, "feedback")
    folder.mkdir(exist_ok=True)
    for s in rows:
        if s["student_id"].startswith("file-"):
            continue  # a file that belongs to nobody: nobody to return feedback to
        (folder / f"{s['student_id']}.md").write_text(feedback_text(book, exercise, s, questions), encoding="utf-8")


def _question_order(qid: str, questions) -> tuple:
    """Questions in the exercise's order (q2 before q10), any other after them by their number."""
    order = list(questions) if isinstance(questions, dict) else []
    number = int("".join(ch for ch in qid if ch.isdigit()) or 0)
    return (order.index(qid) if qid in order else len(order), number, qid)


def feedback_text(book: Gradebook, exercise: str, s, questions) -> str:
    """What a student reads: score, status, lateness, then per question the points, the reason and any rubric
    marks with the marker's comment."""
    questions = questions if isinstance(questions, dict) else {}
    lines = [f"# Feedback: {exercise}", "", f"Student: {s['student_id']}",
             f"Score: {s['score']:g} / {s['max_score']:g}", f"Status: {s['status']}"]
    if s["late_days"]:
        lines.append(f"Late: {s['late_days']} day(s) after your deadline; the late policy took {s['penalty']:.0%} "
                     "off your score.")
    lines.append("")
    if s["detail"]:
        lines += [f"Note: {s['detail']}", ""]
    if s["flags"]:
        lines += [f"For your instructor to review: {s['flags']}", ""]
    for r in sorted(book.results(exercise, s["student_id"]), key=lambda r: _question_order(r["qid"], questions)):
        points = book.question_points(exercise, s["student_id"], r)
        shown = "to be marked" if points is None else f"{points:g}/{r['max_points']:g}"
        said = r["feedback"]
        if r["status"] == "submitted" and points is not None:
            said = said.replace("to be marked by your instructor", "marked by your instructor")
            shown += ", marked"
        lines.append(f"- **{r['qid']}** ({shown}, {r['status'].replace('_', ' ')}): {said}")
        if r["status"] == "submitted":
            marks = book.counted_marks(exercise, s["student_id"], r["qid"], r["answer"])
            question = questions.get(r["qid"])
            rubric = dict(getattr(question, "rubric", ()) or ())
            for m in marks:
                top = rubric.get(m["criterion"])
                level = question.descriptor(m["criterion"], m["points"]) if hasattr(question, "descriptor") else ""
                lines.append(f"    - {m['criterion']}: {m['points']:g}" + (f" of {top:g}" if top is not None else "")
                             + (f" (this level: {level})" if level else ""))
            comments = sorted({m["comment"] for m in marks if m["comment"]})
            for c in comments:
                lines.append(f"    - Comment: {c}")
        override = book.db.execute("SELECT * FROM overrides WHERE exercise=? AND student_id=? AND qid=?",
                                   (exercise, s["student_id"], r["qid"])).fetchone()
        if override is not None:
            lines.append(f"    - Set to {override['points']:g} by your instructor: {override['reason']}")
    return "\n".join(lines) + "\n"


def _roster_rows(book: Gradebook, exercise: str, students) -> list[tuple]:
    """(student, gradebook row or None) for everyone on the roster, else for every graded student."""
    rows = {s["student_id"]: s for s in book.submissions(exercise)}
    if students is None:
        return [(None, s) for sid, s in rows.items() if not sid.startswith("file-")]
    return [(st, rows.get(st.student_id)) for st in students]


def write_canvas(book: Gradebook, exercise: str, out: Path, title: str | None = None, students=None) -> None:
    """A CSV Canvas's gradebook import accepts: Student, ID, SIS User ID, SIS Login ID, Section, then one
    assignment column (its header as in Canvas's own export, e.g. "Exercise 01 (12345)"), and a
    "Points Possible" row. With a roster every field comes from it, so Canvas matches each row on
    Canvas's own ID; without one the student id fills "SIS Login ID".
    """
    title = title or exercise
    pairs = _roster_rows(book, exercise, students)
    maximum = max((s["max_score"] for _, s in pairs if s is not None), default=0.0)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = writer(f)
        w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title])
        w.writerow(["    Points Possible", "", "", "", "", f"{maximum:g}"])
        for st, s in pairs:
            score = f"{s['score']:g}" if s is not None else "0"
            if st is None:
                w.writerow([s["student_id"], "", "", s["student_id"], "", score])
            else:
                w.writerow([st.name or st.student_id, st.canvas_id, st.sis_user_id, st.login_id or st.student_id,
                            st.section, score])


def write_moodle(book: Gradebook, exercise: str, out: Path, column: str | None = None, students=None) -> None:
    """A CSV for Moodle's grade import (Grades > Import > CSV file). Its preview maps a user column ("Map
    from" ID number to useridnumber, or Email address to useremail, per MoodleDocs "Grade import") and the
    grade column, with its feedback column (imported together: feedback alone overwrites the grades), to the
    grade item. The column names are those of Moodle's own grade export."""
    column = column or exercise
    pairs = _roster_rows(book, exercise, students)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = writer(f)
        w.writerow(["ID number", "Email address", column, f"{column} feedback"])
        for st, s in pairs:
            sid = st.student_id if st is not None else s["student_id"]
            email = st.email if st is not None else ""
            score = f"{s['score']:g}" if s is not None else "0"
            status = s["status"] if s is not None else "missing"
            w.writerow([sid, email, score, f"status: {status}"])


def write_written(book: Gradebook, exercise: str, questions: dict, out: Path) -> int:
    """Every written answer, one row each, with a column per rubric criterion to fill in and, last, the
    rubric's level descriptors for that question (what earns each mark), so the marker marks by them.

    Answers outside the word limits, or not given as text, are exported too, with a flag: the marker
    decides. ``answer_digest`` ties the marks on a row to the text on that row; marks already given to
    the same text are filled in, marks given to an earlier version of the answer are not.
    """
    count = 0
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = writer(f)
        header = ["student_id", "question", "answer_digest", "flag", "answer"]
        for qid, q in questions.items():
            if not q.auto_graded:
                header += [f"{qid}: {c} (max {p:g})" for c, p in q.rubric]
        w.writerow(header + ["comment", "rubric_levels"])
        for r in book.results(exercise):
            q = questions.get(r["qid"])
            if q is None or q.auto_graded or r["status"] != "submitted":
                continue
            plain = json.loads(r["answer"])
            answer = plain.get("value", "") if plain.get("kind") == "text" else json.dumps(plain)
            marks = {m["criterion"]: m for m in book.counted_marks(exercise, r["student_id"], r["qid"], r["answer"])}
            cells = []
            for qid, other in questions.items():
                if not other.auto_graded:
                    for c, _ in other.rubric:
                        cells.append(f"{marks[c]['points']:g}" if (qid == r["qid"] and c in marks) else "")
            comment = next((m["comment"] for m in marks.values() if m["comment"]), "")
            w.writerow([r["student_id"], r["qid"], answer_digest(r["answer"]), _flag(r["feedback"]), answer,
                        *cells, comment, rubric_levels(q)])
            count += 1
    return count


def rubric_levels(question) -> str:
    """The marker's reminder of what earns each mark: one line per criterion, "criterion: 0 = ...; 1 = ..."."""
    lines = []
    for (criterion, _), levels in zip(question.rubric, getattr(question, "levels", ()) or ()):
        lines.append(f"{criterion}: " + "; ".join(f"{m} = {d}" for m, d in enumerate(levels)))
    return "\n".join(lines)


def _flag(feedback: str) -> str:
    m = re.search(r"\[flag: ([^\]]*)\]", feedback)
    return m.group(1) if m else ""


_HEADER = re.compile(r"^(q\w+): (.+) \(max ([0-9.]+)\)$")


def read_marks(book: Gradebook, exercise: str, questions: dict, marks_file: Path) -> tuple[int, list[str]]:
    """Merge a filled-in written-answers file back; returns (marks stored, problems).

    A row whose ``answer_digest`` is not the digest of the student's answer as it is now (the student
    resubmitted since the export) is refused: its marks were given to another text.
    """
    stored, problems = 0, []
    current = {(r["student_id"], r["qid"]): r for r in book.results(exercise)}
    with open(marks_file, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        for line, row in enumerate(reader, start=2):
            student, qid = unescape(row.get("student_id") or ""), row.get("question") or ""
            if qid not in questions or questions[qid].auto_graded:
                problems.append(f"line {line}: {qid!r} is not a written question of {exercise}")
                continue
            result = current.get((student, qid))
            if result is None or result["status"] != "submitted":
                problems.append(f"line {line}: {student} has no written answer to {qid} in the gradebook")
                continue
            sha = answer_digest(result["answer"])
            if (row.get("answer_digest") or "") != sha:
                problems.append(f"line {line}: {student}'s answer to {qid} changed since this file was exported; "
                                f"its marks were not stored. Run `alliancekit written {exercise}` again and mark "
                                "the new answer")
                continue
            for header, value in row.items():
                m = _HEADER.match(header or "")
                if not m or m.group(1) != qid or value is None or not value.strip():
                    continue
                try:
                    points = float(value)
                except ValueError:
                    problems.append(f"line {line}, column {header!r}: {value!r} is not a number")
                    continue
                maximum = float(m.group(3))
                if not 0 <= points <= maximum:
                    problems.append(f"line {line}, column {header!r}: {points:g} is outside 0-{maximum:g}")
                    continue
                book.mark(exercise, student, qid, m.group(2), points, unescape(row.get("comment", "") or ""), sha)
                stored += 1
    return stored, problems
