"""Tables shown whole, for reading rather than computing.

Jupyter cuts long text to 50 characters and long tables to their first and last rows. That suits numbers,
but a question that asks students to read a claim, an event or a source's note needs every word and every
id on screen. These functions pick rows by id and show them without truncation, so a student can answer an
IR question without writing pandas.

    from alliancekit import reading
    reading.rows("events", ["vostochny_summit", "treaty_enters_force"], columns=["date", "event"])
"""

from __future__ import annotations

import pandas as pd

from . import data

# The column that identifies a row, per table: what a student types to find one.
ID_COLUMNS = {
    "events": "event_id", "claims": "claim_id", "shells": "shell_id", "aid_to_dprk": "aid_id",
    "sources": "source_id", "excerpts": "excerpt_id", "treaties": "treaty_id",
}
MAX_ROWS_SHOWN = 200


class FullTable:
    """A table that always displays whole: every column's full text, up to MAX_ROWS_SHOWN rows."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def _options(self):
        return pd.option_context("display.max_colwidth", None, "display.max_rows", MAX_ROWS_SHOWN,
                                 "display.max_columns", None, "display.width", 250)

    def __repr__(self) -> str:
        with self._options():
            return self.frame.to_string(index=False)

    def _repr_html_(self) -> str:
        with self._options():
            table = self.frame.to_html(index=False, escape=True, na_rep="")
        note = (f"<p><i>Showing the first {MAX_ROWS_SHOWN} of {len(self.frame)} rows.</i></p>"
                if len(self.frame) > MAX_ROWS_SHOWN else "")
        return f'<div class="alliancekit-full-table" style="white-space:normal">{table}</div>{note}'

    def __len__(self) -> int:
        return len(self.frame)


def show_full(frame: pd.DataFrame, columns: list[str] | None = None) -> FullTable:
    """``frame`` (or only ``columns`` of it) displayed with no text cut short and no rows hidden."""
    if columns is not None:
        unknown = [c for c in columns if c not in frame.columns]
        if unknown:
            raise KeyError(f"No column(s) {', '.join(map(repr, unknown))}; the columns are {', '.join(frame.columns)}.")
        frame = frame[list(columns)]
    return FullTable(frame.reset_index(drop=True))


def rows(table: str | pd.DataFrame, ids: list[str], columns: list[str] | None = None,
         id_column: str | None = None) -> FullTable:
    """The rows with these ids, in the order given, shown whole. ``table`` is a table name (``"events"``) or
    a DataFrame; the id column is the table's usual one unless ``id_column`` says otherwise."""
    frame = data.load(table) if isinstance(table, str) else table
    if id_column is None:
        id_column = ID_COLUMNS.get(table) if isinstance(table, str) else None
        id_column = id_column or frame.columns[0]
    if isinstance(ids, str):
        ids = [ids]
    known = set(frame[id_column].astype(str))
    missing = [i for i in ids if i not in known]
    if missing:
        raise KeyError(f"No row with {id_column} {', '.join(map(repr, missing))}. Check the spelling: ids are "
                       "lower case with underscores.")
    chosen = frame.set_index(frame[id_column].astype(str)).loc[list(ids)].reset_index(drop=True)
    if columns is not None:
        columns = [id_column] + [c for c in columns if c != id_column]
    return show_full(chosen, columns)


def numbered(items: list[str] | tuple[str, ...]) -> str:
    """Items as a numbered list in plain text (what a matching or labelling question refers to by number)."""
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))
