"""CSV files safe to open in a spreadsheet: no cell the kit writes can start a formula.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets (CSV injection). Following OWASP's rule, such a cell is written with a
leading apostrophe, which spreadsheets show as plain text. Every CSV the kit writes goes through
:func:`writer`; student answers, file names and comments are all untrusted.
"""

from __future__ import annotations

import csv

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """``value`` as text a spreadsheet shows as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(TRIGGERS) else text


def unescape(text: str) -> str:
    """What :func:`cell` wrote, read back (for files the instructor returns to the kit)."""
    if text.startswith("'") and text[1:2] in TRIGGERS:
        return text[1:]
    return text


class _SafeWriter:
    def __init__(self, f):
        self._w = csv.writer(f)

    def writerow(self, row) -> None:
        self._w.writerow([cell(v) for v in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


def writer(f) -> _SafeWriter:
    """A ``csv.writer`` whose every cell is neutralised."""
    return _SafeWriter(f)
