"""Generate the student exercises from the instructor's solutions: ``solutions/X.ipynb`` -> ``exercises/X.ipynb``.

In a solution notebook, an answer cell carries ``{"alliancekit": {"question": "q1"}}`` in its metadata
and wraps the answer in ``### BEGIN SOLUTION`` / ``### END SOLUTION`` lines; release replaces that
block with ``q1 = ...`` (the placeholder that ``check`` reports as "not attempted"). Cells marked
``{"alliancekit": {"instructor_only": true}}`` (hidden tests, instructor notes) are dropped. Above each
written answer cell release puts the question's rubric as a markdown table (``{"rubric_for": "q6"}``). Outputs
and execution counts are cleared, so the result is byte-for-byte reproducible.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
PLACEHOLDER = "{qid} = ...  # replace ... with your answer"
# Solutions set a real-looking STUDENT_ID (so their variant questions check correct); students start from this.
STUDENT_ID_LINE = re.compile(r'^STUDENT_ID = "[^"\n]*"', re.M)
UNSET_ID = 'STUDENT_ID = "your-id"'
# A written answer's solution is a triple-quoted text: its placeholder shows students where to write.
WRITTEN_PLACEHOLDER = ('{qid} = ...  # replace ... with your answer, written between triple quotes, like this:\n'
                       '# {qid} = """Your answer, over as many lines as you need."""')


class ReleaseError(ValueError):
    """A solution notebook cannot be turned into an exercise (the message names the notebook and cell)."""


def _written(lines: list[str], qid: str) -> bool:
    """Whether the solution block sets ``qid`` to a triple-quoted text (a written answer)."""
    inside = False
    for line in lines:
        stripped = line.strip()
        if stripped == BEGIN:
            inside = True
        elif inside and stripped.replace(" ", "").startswith((f'{qid}="""', f"{qid}='''")):
            return True
    return False


def _strip_solution(source: str, qid: str, where: str) -> str:
    lines = source.split("\n")
    out, inside, found = [], False, False
    placeholder = WRITTEN_PLACEHOLDER if _written(lines, qid) else PLACEHOLDER
    for line in lines:
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise ReleaseError(f"{where}: {BEGIN} inside another solution block")
            inside, found = True, True
            indent = line[: len(line) - len(line.lstrip())]
            out += [indent + line for line in placeholder.format(qid=qid).split("\n")]
        elif stripped == END:
            if not inside:
                raise ReleaseError(f"{where}: {END} without {BEGIN}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ReleaseError(f"{where}: {BEGIN} is never closed by {END}")
    if not found:
        raise ReleaseError(f"{where}: answer cell for {qid} has no {BEGIN} block")
    return "\n".join(out)


def _questions(name: str) -> dict:
    """The questions of the exercise named by a notebook file name; none for a notebook without a module."""
    from .questions import questions_for

    try:
        return questions_for(Path(name).stem)
    except KeyError:
        return {}


def rubric_cell(question) -> dict:
    """A markdown cell with the written question's rubric (criteria, points, level descriptors). Generated
    from the question module on every release, so the rubric students read is the one they are marked by."""
    return {"cell_type": "markdown", "metadata": {"alliancekit": {"rubric_for": question.qid}},
            "source": question.rubric_markdown()}


def student_version(notebook: dict, name: str = "notebook", questions: dict | None = None) -> dict:
    """The exercise a student receives, made from a solution notebook (parsed JSON). ``questions`` (by
    default those of the module named like the notebook) supply the rubric shown above written answers."""
    questions = _questions(name) if questions is None else questions
    cells = []
    for i, cell in enumerate(notebook["cells"]):
        meta = cell.get("metadata", {}).get("alliancekit", {})
        if meta.get("instructor_only") or meta.get("rubric_for"):
            continue  # a rubric cell is always regenerated from the module, never copied
        question = questions.get(meta.get("question", ""))
        if cell["cell_type"] == "code" and getattr(question, "kind", "") == "written" and question.rubric:
            cells.append(rubric_cell(question))
        cell = json.loads(json.dumps(cell))  # deep copy
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code":
            if meta.get("question"):
                source = _strip_solution(source, meta["question"], f"{name}, cell {i + 1}")
            elif BEGIN in source:
                raise ReleaseError(f"{name}, cell {i + 1}: a solution block in a cell not marked as an answer cell")
            else:
                source = STUDENT_ID_LINE.sub(UNSET_ID, source)
            cell["outputs"] = []
            cell["execution_count"] = None
        cell["source"] = source
        cells.append(cell)
    out = dict(notebook)
    out["cells"] = cells
    return out


def dumps(notebook: dict) -> str:
    """Notebook JSON as Jupyter writes it (1-space indent, trailing newline), for stable diffs."""
    return json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def release(solutions_dir: Path, exercises_dir: Path) -> list[Path]:
    """Write every ``solutions/*.ipynb`` as ``exercises/*.ipynb``; returns the files written."""
    exercises_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(Path(solutions_dir).glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        target = Path(exercises_dir) / path.name
        target.write_text(dumps(student_version(notebook, path.name)), encoding="utf-8")
        written.append(target)
    return written


def stale_exercises(solutions_dir: Path, exercises_dir: Path) -> list[str]:
    """Exercise files that differ from what ``release`` would write now (or are missing / orphaned)."""
    problems = []
    wanted = {p.name: p for p in Path(solutions_dir).glob("*.ipynb")}
    for name, path in sorted(wanted.items()):
        target = Path(exercises_dir) / name
        expected = dumps(student_version(json.loads(path.read_text(encoding="utf-8")), name))
        if not target.exists():
            problems.append(f"exercises/{name} is missing")
        elif target.read_text(encoding="utf-8") != expected:
            problems.append(f"exercises/{name} differs from what `alliancekit release` generates")
    for path in Path(exercises_dir).glob("*.ipynb"):
        if path.name not in wanted:
            problems.append(f"exercises/{path.name} has no solutions/{path.name}")
    return problems


