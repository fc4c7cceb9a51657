"""The class report: one HTML page an instructor opens after grading, readable offline.

It shows the score distribution, each question's difficulty (the share of its points the class earned)
and discrimination (how well it separates students who did well on the rest from those who did not:
the correlation of the question's points with the rest of the score), the most common wrong answers
grouped by the feedback they got, and lateness. plotly.js is written into the page itself (no CDN), so
the file works without a network, e.g. attached to an e-mail.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from pathlib import Path

import plotly.graph_objects as go

from ..palette import colour
from .gradebook import Gradebook

BLUE, ORANGE, GREEN = colour(0), colour(5), colour(2)  # the kit's Okabe-Ito colours


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    if sx == 0 or sy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (sx * sy)


def statistics(book: Gradebook, settings) -> dict:
    """The numbers behind the page (tested on their own)."""
    exercise = settings.exercise
    rows = [s for s in book.submissions(exercise) if not s["student_id"].startswith("file-")]
    graded = [s for s in rows if s["status"] != "missing"]
    points: dict[str, dict[str, float]] = {q: {} for q in settings.questions}
    wrong: Counter = Counter()
    maxima = {}
    for r in book.results(exercise):
        if r["qid"] not in points:
            continue
        value = book.question_points(exercise, r["student_id"], r)
        maxima[r["qid"]] = r["max_points"]
        if value is not None:
            points[r["qid"]][r["student_id"]] = value
        if r["status"] == "incorrect":
            wrong[(r["qid"], r["feedback"].split(" (your variant")[0][:160])] += 1
    totals = {s["student_id"]: sum(points[q].get(s["student_id"], 0.0) for q in points) for s in graded}
    questions = []
    for q, earned in points.items():
        ids = sorted(earned)
        top = maxima.get(q, 0.0) or 1.0
        difficulty = (sum(earned.values()) / (top * len(ids))) if ids else None
        rest = [totals.get(i, 0.0) - earned[i] for i in ids]
        questions.append({"qid": q, "difficulty": difficulty, "answered": len(ids),
                          "discrimination": _correlation([earned[i] for i in ids], rest)})
    return {"scores": [s["score"] for s in graded], "max_score": max((s["max_score"] for s in rows), default=0.0),
            "statuses": Counter(s["status"] for s in rows), "questions": questions,
            "wrong": wrong.most_common(15), "late_days": [s["late_days"] for s in graded]}


def _figure_html(fig: go.Figure, first: bool) -> str:
    fig.update_layout(template="simple_white", height=340, margin=dict(l=60, r=20, t=50, b=50))
    # the first figure carries plotly.js itself, inline: the page needs no network
    return fig.to_html(full_html=False, include_plotlyjs=True if first else False)


def write_report(book: Gradebook, settings, out: Path) -> int:
    """Write the report page; returns the number of submissions it covers."""
    stats = statistics(book, settings)
    figures = []
    dist = go.Figure(go.Histogram(x=stats["scores"], marker_color=BLUE, name="students",
                                  xbins=dict(start=-0.5, end=stats["max_score"] + 0.5, size=1)))
    dist.update_layout(title=f"Scores (out of {stats['max_score']:g})", xaxis_title="score",
                       yaxis_title="students")
    figures.append(dist)
    qs = stats["questions"]
    diff = go.Figure()
    diff.add_bar(x=[q["qid"] for q in qs], y=[q["difficulty"] for q in qs], marker_color=GREEN,
                 name="share of points earned")
    diff.add_scatter(x=[q["qid"] for q in qs], y=[q["discrimination"] for q in qs], mode="markers",
                     marker=dict(color=ORANGE, size=11, symbol="diamond"), name="discrimination")
    diff.update_layout(title="Per question: difficulty (share of points earned) and discrimination",
                       yaxis=dict(range=[-1, 1.05], title="share / correlation"))
    figures.append(diff)
    late = go.Figure(go.Histogram(x=stats["late_days"], marker_color=ORANGE, xbins=dict(start=-0.5, size=1)))
    late.update_layout(title="Lateness (days after each student's deadline)", xaxis_title="days late",
                       yaxis_title="students")
    figures.append(late)
    wrong_rows = "".join(f"<tr><td>{html.escape(q)}</td><td>{n}</td><td>{html.escape(msg)}</td></tr>"
                         for (q, msg), n in stats["wrong"])
    statuses = ", ".join(f"{html.escape(k)}: {v}" for k, v in sorted(stats["statuses"].items()))
    parts = [_figure_html(f, i == 0) for i, f in enumerate(figures)]
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Class report: {html.escape(settings.exercise)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:left}}</style></head>
<body><h1>Class report: {html.escape(settings.exercise)}</h1>
<p id="summary">{len(stats['scores'])} submission(s) graded; statuses: {statuses}.</p>
{parts[0]}
<p>Discrimination is the correlation between a question's points and the rest of each student's score: near 0
(or negative) means the question does not separate stronger from weaker work, often a sign it is ambiguous.</p>
{parts[1]}
<h2>Most common wrong answers, by the feedback they got</h2>
<table id="wrong"><tr><th>question</th><th>students</th><th>feedback</th></tr>{wrong_rows}</table>
{parts[2]}
</body></html>
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return len(stats["scores"])
