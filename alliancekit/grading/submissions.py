"""Reading a student's submission: a notebook file in, its code cells (or a plain reason it has none) out."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
_STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")


@dataclass(frozen=True)
class Submission:
    student_id: str
    path: Path
    sha256: str
    cells: tuple[str, ...]
    problem: str = ""  # why it cannot be run ("unreadable: ..."), empty when it can


def student_id_of(path: Path) -> str:
    return path.stem


def read(path: Path) -> Submission:
    """One submission, never raising: a broken file becomes a Submission with a ``problem``."""
    student = student_id_of(path)
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
        code = []
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            code.append("".join(source) if isinstance(source, list) else str(source))
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return Submission(student, path, digest, (), f"unreadable: not a notebook ({type(exc).__name__})")
    return Submission(student, path, digest, tuple(code))


def find(folder: Path) -> list[Path]:
    """Every ``<student_id>.ipynb`` in the folder (checkpoints and hidden files left out)."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if not p.name.startswith("."))
