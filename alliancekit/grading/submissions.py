"""Reading a student's submission: a notebook file in, its code cells (or a plain reason it has none) out.

Besides the code, a submission keeps what the feedback and the gradebook need: where each code cell sits
in the notebook (cells are numbered as JupyterLab numbers them: all cells, from 1), which cell answers
which question, the course the notebook was handed out for, and the solutions the student asked for
(``solution("q3")`` calls, and the note ``solution`` leaves in the cell's output).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .roster import STUDENT_ID as _STUDENT_ID

MAX_BYTES = 20 * 1024 * 1024
_SOLUTION_CALL = re.compile(r"""\bsolution\(\s*["'](q\w{1,20})["']""")
_SOLUTION_NOTE = re.compile(r"""data-alliancekit-solution=\\?["'](q\w{1,20})\\?["']""")


@dataclass(frozen=True)
class Submission:
    student_id: str
    path: Path
    sha256: str
    cells: tuple[str, ...]
    problem: str = ""  # why it cannot be run ("unreadable: ..."), empty when it can
    cell_numbers: tuple[int, ...] = ()  # the notebook position (1-based, all cells) of each code cell
    answer_cells: dict = field(default_factory=dict)  # qid -> notebook position of its answer cell
    stamp: dict | None = None  # the course identity the notebook was handed out with, if any
    solutions_asked: tuple[str, ...] = ()

    def cell_number(self, code_index: int) -> int:
        """The JupyterLab number of the ``code_index``-th code cell (1-based), as the worker counts them."""
        if 1 <= code_index <= len(self.cell_numbers):
            return self.cell_numbers[code_index - 1]
        return code_index


def student_id_of(path: Path) -> str:
    return path.stem


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else str(source)


def read(path: Path, student_id: str | None = None) -> Submission:
    """One submission, never raising: a broken file becomes a Submission with a ``problem``."""
    student = student_id_of(path) if student_id is None else student_id
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Submission(student, path, "", (), f"unreadable: {exc.strerror}")
    digest = hashlib.sha256(raw).hexdigest()
    if not _STUDENT_ID.match(student):
        return Submission(student, path, digest, (), "unreadable: the file name is not a usable student id")
    if len(raw) > MAX_BYTES:
        return Submission(student, path, digest, (), f"unreadable: larger than {MAX_BYTES // 2**20} MB")
    try:
        notebook = json.loads(raw.decode("utf-8"))
        cells = notebook["cells"]
        code, numbers, answers, asked = [], [], {}, []
        for number, cell in enumerate(cells, start=1):
            if cell.get("cell_type") != "code":
                continue
            source = _text(cell.get("source", ""))
            code.append(source)
            numbers.append(number)
            qid = (cell.get("metadata") or {}).get("alliancekit", {}).get("question")
            if isinstance(qid, str):
                answers.setdefault(qid, number)
            asked += _SOLUTION_CALL.findall(source)
            asked += _SOLUTION_NOTE.findall(json.dumps(cell.get("outputs", [])))
        stamp = (notebook.get("metadata") or {}).get("alliancekit", {}).get("course")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return Submission(student, path, digest, (), f"unreadable: not a notebook ({type(exc).__name__})")
    return Submission(student, path, digest, tuple(code), "", tuple(numbers), answers,
                      stamp if isinstance(stamp, dict) else None, tuple(sorted(set(asked))))


def find(folder: Path) -> list[Path]:
    """Every ``<student_id>.ipynb`` in the folder (checkpoints and hidden files left out)."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if not p.name.startswith("."))
