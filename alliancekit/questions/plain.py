"""Answers as plain data: what a judge compares, and what a grading worker sends back.

A student's answer may be any Python object. Before anything judges it, :func:`to_plain` turns it into
JSON-ready plain data (numbers, text, lists, tables of plain cells) tagged with its kind. Judges only
ever see this plain form, so an object whose ``__eq__`` or ``__sub__`` lies has nothing to lie to.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers

MAX_ROWS = 5000  # an answer table larger than this is not an answer to any question in the kit
MAX_TEXT = 20_000


def _cell(value):
    """One table cell as a plain scalar: float, str, bool or None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return float(int(value))
    if isinstance(value, numbers.Real):
        v = float(value)
        return None if math.isnan(v) else v
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10] if getattr(value, "hour", 0) == 0 and getattr(value, "minute", 0) == 0 else value.isoformat()
    text = str(value)
    if text in ("NaT", "<NA>", "nan"):
        return None
    return text[:500]


def _table_from_frame(frame) -> dict:
    import pandas as pd

    if isinstance(frame.index, pd.MultiIndex) or frame.index.name is not None:
        frame = frame.reset_index()  # a named index (set_index("year"), a groupby) is part of the answer
    # an unnamed index (row numbers, kept after filtering) is not
    frame = frame.iloc[:MAX_ROWS]
    columns = [str(c) for c in frame.columns]
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    return {"kind": "table", "columns": columns, "rows": rows}


def to_plain(answer) -> dict:
    """The answer as tagged plain data (see module docstring). Never raises for odd objects."""
    try:
        return _to_plain(answer)
    except Exception as exc:  # an answer that cannot even be read is reported, not raised
        return {"kind": "unreadable", "type": type(answer).__name__, "why": f"{exc.__class__.__name__}: {exc}"[:300]}


def _to_plain(answer) -> dict:
    if answer is Ellipsis or answer is None:
        return {"kind": "placeholder"}
    if isinstance(answer, bool):
        return {"kind": "bool", "value": bool(answer)}
    if isinstance(answer, numbers.Real):
        value = float(answer)
        if not math.isfinite(value):
            return {"kind": "other", "type": type(answer).__name__, "repr": repr(value)}
        return {"kind": "number", "value": value}
    if isinstance(answer, str):
        return {"kind": "text", "value": str.__str__(answer)[:MAX_TEXT]}
    module = type(answer).__module__ or ""
    if module.startswith("pandas"):
        import pandas as pd

        if isinstance(answer, pd.Series):
            frame = answer.to_frame(name=str(answer.name) if answer.name is not None else "value")
            if frame.index.name is None:
                frame.index.name = "index"
            plain = _table_from_frame(frame)
            plain["from_series"] = True
            return plain
        if isinstance(answer, pd.DataFrame):
            return _table_from_frame(answer)
        if isinstance(answer, pd.Index):
            return {"kind": "list", "items": [to_plain(v) for v in list(answer)[:MAX_ROWS]]}
    if module.startswith("numpy"):
        import numpy as np

        if isinstance(answer, np.ndarray):
            if answer.ndim == 0:
                return to_plain(answer.item())
            if answer.ndim == 1:
                return {"kind": "list", "items": [to_plain(v) for v in answer[:MAX_ROWS].tolist()]}
            return {"kind": "other", "type": f"{answer.ndim}-D array", "repr": f"shape {answer.shape}"}
        if isinstance(answer, np.generic):
            return to_plain(answer.item())
    if isinstance(answer, (list, tuple)):
        return {"kind": "list", "items": [to_plain(v) for v in list(answer)[:MAX_ROWS]]}
    if isinstance(answer, dict):
        return {"kind": "dict", "items": [[to_plain(k), to_plain(v)] for k, v in list(answer.items())[:MAX_ROWS]]}
    if isinstance(answer, (_dt.date, _dt.datetime)):
        return {"kind": "text", "value": _cell(answer)}
    text = object.__repr__(answer)
    return {"kind": "other", "type": type(answer).__name__, "repr": text[:200]}


def describe(plain: dict) -> str:
    """A short, student-readable description of what was given."""
    kind = plain.get("kind")
    if kind == "number":
        return f"the number {plain['value']:g}"
    if kind == "text":
        value = plain["value"]
        return f"the text {value[:40]!r}" + ("..." if len(value) > 40 else "")
    if kind == "bool":
        return f"{plain['value']} (True/False)"
    if kind == "list":
        return f"a list of {len(plain['items'])} item(s)"
    if kind == "dict":
        return f"a dictionary of {len(plain['items'])} item(s)"
    if kind == "table":
        return f"a table of {len(plain['rows'])} row(s) and columns {', '.join(plain['columns'])}"
    if kind == "unreadable":
        return f"an object that could not be read ({plain['why']})"
    return f"a {plain.get('type', 'value')} ({plain.get('repr', '')})"
