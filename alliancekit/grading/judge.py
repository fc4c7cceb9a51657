"""The trusted judge: plain answers from a worker in, points and feedback per question out."""

from __future__ import annotations

from dataclasses import dataclass

from ..questions.kinds import CORRECT, NOT_ATTEMPTED, SUBMITTED, HiddenCase, Question


@dataclass(frozen=True)
class QuestionResult:
    qid: str
    status: str  # correct, incorrect, not_attempted, submitted, missing
    points: float
    max_points: float
    feedback: str
    answer: dict


def probe_name(qid: str, i: int) -> str:
    return f"__alliancekit_hidden_{qid}_{i}"


def probes(hidden: list[HiddenCase]) -> dict[str, str]:
    """The expressions the worker evaluates for hidden cases, under names no student would use."""
    out, counts = {}, {}
    for case in hidden:
        i = counts.get(case.qid, 0)
        counts[case.qid] = i + 1
        out[probe_name(case.qid, i)] = case.expression
    return out


def judge(questions: dict[str, Question], points: dict[str, float], answers: dict[str, dict],
          hidden: list[HiddenCase], student_id: str = "", seed: str = "") -> list[QuestionResult]:
    """Judge one student's plain answers; questions with variants use that student's parameters."""
    results = []
    for qid, question in questions.items():
        params = question.variant_for(student_id, seed)
        max_points = float(points.get(qid, question.points if question.auto_graded else question.rubric_points))
        plain = answers.get(qid, {"kind": "missing"})
        if plain.get("kind") == "missing":
            results.append(QuestionResult(qid, "missing", 0.0, max_points,
                                          f"No variable {qid} was found: was the answer cell deleted or renamed?", plain))
            continue
        verdict = question.judge_plain(plain, params)
        status, feedback = verdict.status, verdict.message
        if status == CORRECT:
            own = [c for c in hidden if c.qid == qid]
            failed = 0
            for i, case in enumerate(own):
                probe = answers.get(probe_name(qid, i), {"kind": "missing"})
                if not case.check.judge_plain(probe).correct:
                    failed += 1
            if failed:
                status = "incorrect"
                feedback = (f"Your answer passed the checks in the notebook, but {failed} of {len(own)} further "
                            "check(s) run by your instructor did not pass. Test your code on other inputs.")
            elif own:
                feedback += f" (and {len(own)} further check(s) passed)"
        # partial credit: a partly right answer earns its share (a failed hidden check changes the status: none)
        earned = max_points * verdict.score if status == verdict.status else 0.0
        if status == SUBMITTED:
            feedback = "Written answer recorded; marked by your instructor with the rubric."
        if status == NOT_ATTEMPTED:
            feedback = "Not attempted."
        if params:
            feedback += f" (your variant: {', '.join(f'{k}={v}' for k, v in params.items())})"
        results.append(QuestionResult(qid, status, earned, max_points, feedback, plain))
    return results
