"""What leaves the gradebook: the grades CSV, the long results file, feedback per student, a Canvas
import file, and the written answers for rubric marking (and their marks coming back)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .gradebook import Gradebook


def companion(out: Path, suffix: str) -> Path:
    """``grades.csv`` -> ``grades_long.csv``, ``grades_feedback/`` ..."""
    return out.with_name(f"{out.stem}_{suffix}")


def write_grades(book: Gradebook, exercise: str, qids: list[str], out: Path) -> None:
    rows = book.submissions(exercise)
    results = {}
    for r in book.results(exercise):
        results[(r["student_id"], r["qid"])] = r
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student_id", "score", "max_score", "status", *qids, "isolated", "graded_at"])
        for s in rows:
            cells = []
            for qid in qids:
                r = results.get((s["student_id"], qid))
                if r is None:
                    cells.append("")
                elif r["status"] == "submitted":
                    marked = sum(m["points"] for m in book.marks(exercise, s["student_id"], qid))
                    cells.append(f"{min(marked, r['max_points']):g}" if book.marks(exercise, s["student_id"], qid)
                                 else "to mark")
                else:
                    cells.append(f"{r['points']:g}")
            w.writerow([s["student_id"], f"{s['score']:g}", f"{s['max_score']:g}", s["status"], *cells,
                        "yes" if s["isolated"] else "no", s["graded_at"]])
    with open(companion(out, "long.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student_id", "question", "status", "points", "max_points", "feedback"])
        for r in book.results(exercise):
            w.writerow([r["student_id"], r["qid"], r["status"], f"{r['points']:g}", f"{r['max_points']:g}", r["feedback"]])
    folder = companion(out, "feedback")
    folder.mkdir(exist_ok=True)
    for s in rows:
        lines = [f"# Feedback: {exercise}", "", f"Student: {s['student_id']}",
                 f"Score: {s['score']:g} / {s['max_score']:g}", f"Status: {s['status']}", ""]
        if s["detail"]:
            lines += [f"Note: {s['detail']}", ""]
        for r in book.results(exercise, s["student_id"]):
            lines.append(f"- **{r['qid']}** ({r['points']:g}/{r['max_points']:g}, {r['status'].replace('_', ' ')}): "
                         f"{r['feedback']}")
        (folder / f"{s['student_id']}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_canvas(book: Gradebook, exercise: str, out: Path, title: str | None = None) -> None:
    """A CSV Canvas's gradebook import accepts: student columns, one assignment column, a points row.

    Canvas matches rows on "SIS Login ID" (here the student id from the file name); set
    submission file names to your students' Canvas login ids for the import to match.
    """
    title = title or exercise
    rows = book.submissions(exercise)
    maximum = max((s["max_score"] for s in rows), default=0.0)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title])
        w.writerow(["    Points Possible", "", "", "", "", f"{maximum:g}"])
        for s in rows:
            w.writerow([s["student_id"], "", "", s["student_id"], "", f"{s['score']:g}"])


def write_written(book: Gradebook, exercise: str, questions: dict, out: Path) -> int:
    """Every written answer, one row each, with an empty column per rubric criterion to fill in."""
    criteria = sorted({c for q in questions.values() if not q.auto_graded for c, _ in q.rubric})
    count = 0
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        header = ["student_id", "question", "answer"]
        for qid, q in questions.items():
            if not q.auto_graded:
                header += [f"{qid}: {c} (max {p:g})" for c, p in q.rubric]
        w.writerow(header + ["comment"])
        for r in book.results(exercise):
            q = questions.get(r["qid"])
            if q is None or q.auto_graded or r["status"] != "submitted":
                continue
            import json

            answer = json.loads(r["answer"]).get("value", "")
            cells = []
            for qid, other in questions.items():
                if not other.auto_graded:
                    for c, _ in other.rubric:
                        existing = [m["points"] for m in book.marks(exercise, r["student_id"], qid) if m["criterion"] == c]
                        cells.append(f"{existing[0]:g}" if (qid == r["qid"] and existing) else "")
            w.writerow([r["student_id"], r["qid"], answer, *cells, ""])
            count += 1
    _ = criteria
    return count


_HEADER = re.compile(r"^(q\w+): (.+) \(max ([0-9.]+)\)$")


def read_marks(book: Gradebook, exercise: str, questions: dict, marks_file: Path) -> tuple[int, list[str]]:
    """Merge a filled-in written-answers file back; returns (marks stored, problems)."""
    stored, problems = 0, []
    with open(marks_file, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for line, row in enumerate(reader, start=2):
            student, qid = row.get("student_id", ""), row.get("question", "")
            if qid not in questions or questions[qid].auto_graded:
                problems.append(f"line {line}: {qid!r} is not a written question of {exercise}")
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
                book.mark(exercise, student, qid, m.group(2), points, row.get("comment", "") or "")
                stored += 1
    return stored, problems
