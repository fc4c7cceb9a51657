"""The op-ed's passages, quoted and attributed, for the lessons to discuss.

The kit quotes the op-ed; it does not republish it. Each excerpt keeps only the words a lesson analyses:
"[…]" marks words left out, and words in square brackets are the kit's, added so a shortened sentence
still reads. Students read the whole piece at Newsweek (see :func:`whole_piece_url`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote_plus

import pandas as pd

from . import data

# The op-ed every lesson reads. Its date and outlet are stated here once, for every attribution.
OPED_AUTHOR = "Ariel Cohen"
OPED_TITLE = "Russia and North Korea Form an Alliance of Pariahs"
OPED_OUTLET = "Newsweek (opinion)"
OPED_DATE = "September 2023"
OPED_SOURCE_ID = "cohen_2023_oped"
# Neither Newsweek's page nor the republished copy's address could be confirmed from the pages read
# (data/sources.csv says so); until one is, a search for the exact title finds the original.
FIND_THE_OPED_URL = "https://duckduckgo.com/?q=" + quote_plus(f'"{OPED_TITLE}" Newsweek {OPED_AUTHOR}')


def whole_piece_url() -> str:
    """Where a reader finds the whole op-ed: its source row's url when known, else a search for its title."""
    try:
        url = data.cite(OPED_SOURCE_ID).url
    except KeyError:
        url = ""
    return url or FIND_THE_OPED_URL


@dataclass(frozen=True)
class Excerpt:
    """One paragraph of the op-ed, with the attribution every quotation needs."""

    excerpt_id: str
    paragraph: int
    text: str
    artefacts_fixed: str

    @property
    def attribution(self) -> str:
        return f"{OPED_AUTHOR}, \u201c{OPED_TITLE}\u201d, {OPED_OUTLET}, {OPED_DATE}, paragraph {self.paragraph} (excerpt)."

    def __str__(self) -> str:
        return f"\u201c{self.text}\u201d\n\u2014 {self.attribution} Whole piece: {whole_piece_url()}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        note = ""
        if self.artefacts_fixed:
            note = (
                '<div style="font-size:0.85em;color:#555">Transcription note: '
                f"{html.escape(self.artefacts_fixed)} in the text as received.</div>"
            )
        return (
            '<figure class="alliancekit-excerpt" style="margin:0.5em 0">'
            '<blockquote style="border-left:4px solid #0072B2;margin:0;padding:0.4em 1em;font-style:italic">'
            f"{html.escape(self.text)}</blockquote>"
            f'<figcaption style="margin-top:0.3em">\u2014 {html.escape(self.attribution)} '
            f'<a href="{html.escape(whole_piece_url())}" target="_blank" rel="noopener">Read the whole piece</a>'
            " (\u201c[\u2026]\u201d marks words left out).</figcaption>"
            f"{note}</figure>"
        )


def _one_row(table_name: str, id_column: str, wanted: str, what: str, listing: str) -> pd.Series:
    """The row of a table with this id, or a KeyError that lists the ids there are."""
    table = data.load(table_name)
    match = table[table[id_column] == wanted]
    if match.empty:
        raise KeyError(f"No {what} {wanted!r}. {listing}: {', '.join(table[id_column])}")
    return match.iloc[0]


def excerpt(excerpt_id: str) -> Excerpt:
    """The passage with this id (see ``data.load("excerpts")`` for the list)."""
    row = _one_row("excerpts", "excerpt_id", excerpt_id, "excerpt", "The op-ed's passages are")
    fixed = row["artefacts_fixed"]
    return Excerpt(
        excerpt_id=excerpt_id,
        paragraph=int(row["paragraph"]),
        text=str(row["text"]),
        artefacts_fixed="" if pd.isna(fixed) else str(fixed),
    )


def show_excerpt(excerpt_id: str) -> Excerpt:
    """Show a passage of the op-ed as a block quote with its attribution (the notebook renders it)."""
    return excerpt(excerpt_id)


# --- voices from the capitals ------------------------------------------------------------------------

# A statement is a government's perspective, so the caption names the capital, not just the country code.
CAPITALS = {"CHN": "Beijing", "RUS": "Moscow", "SUN": "Moscow (USSR)", "PRK": "Pyongyang", "KOR": "Seoul"}
# Whose English the reader sees matters as much as who spoke: a news agency's rendering is not an official text.
ENGLISH_BY = {
    "official": "English text as published by the government or its agency",
    "archive": "English translation by the archive",
    "news_agency": "English as rendered by a news agency or newspaper, not an official text",
}
KINDS = {
    "official_statement": "official statement",
    "press_conference_transcript": "press conference transcript",
    "press_remarks": "remarks to the press",
    "kcna": "KCNA report",
    "white_paper": "white paper",
    "treaty_text": "treaty text",
    "speech": "speech",
    "explanation_of_vote": "explanation of vote",
    "conversation_record": "record of a conversation",
}


def _date_label(date: pd.Timestamp, precision: str) -> str:
    """A date written as precisely as it is known (day, month or year)."""
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return date.strftime("%B %Y")
    return f"{date.day} {date.strftime('%B %Y')}"


@dataclass(frozen=True)
class Statement:
    """One government's words, excerpted, with who said them, when, and where the excerpt was read."""

    statement_id: str
    lesson: str
    government: str
    speaker: str
    office: str
    date: str
    kind: str
    text: str
    english_by: str
    citation: str
    locator: str
    note: str

    @property
    def voice(self) -> str:
        """The capital whose perspective this is ("Beijing", "Moscow (USSR)"...)."""
        return CAPITALS.get(self.government, self.government)

    @property
    def attribution(self) -> str:
        """Speaker, office, date and kind of statement, in one line."""
        return f"{self.speaker}, {self.office}, {self.date} ({KINDS.get(self.kind, self.kind)})."

    def __str__(self) -> str:
        return (
            f"Voice of {self.voice}:\n\u201c{self.text}\u201d\n\u2014 {self.attribution}\n"
            f"Source ({self.locator}): {self.citation}. {ENGLISH_BY.get(self.english_by, '')}."
        )

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        note = f'<div style="font-size:0.85em;color:#555">Context: {html.escape(self.note)}</div>' if self.note else ""
        return (
            '<figure class="alliancekit-statement" style="margin:0.5em 0">'
            # The vermillion border marks a government's voice apart from the op-ed's blue; the label stays dark,
            # because vermillion text on white is too faint to read at small sizes.
            f'<div style="font-size:0.85em;font-weight:bold;color:#333">Voice of {html.escape(self.voice)}'
            " (a perspective, not a finding)</div>"
            '<blockquote style="border-left:4px solid #D55E00;margin:0;padding:0.4em 1em;font-style:italic">'
            f"{html.escape(self.text)}</blockquote>"
            f'<figcaption style="margin-top:0.3em">\u2014 {html.escape(self.attribution)}<br>'
            f'<span style="font-size:0.85em">Source ({html.escape(self.locator)}): {html.escape(self.citation)}. '
            f"{html.escape(ENGLISH_BY.get(self.english_by, ''))}.</span></figcaption>"
            f"{note}</figure>"
        )


def statement(statement_id: str) -> Statement:
    """The statement with this id (see ``data.load("statements")`` for the list)."""
    row = _one_row("statements", "statement_id", statement_id, "statement", "The kit's statements are")
    note = row["note"]
    return Statement(
        statement_id=statement_id,
        lesson=str(row["lesson"]),
        government=str(row["government"]),
        speaker=str(row["speaker"]),
        office=str(row["office"]),
        date=_date_label(row["date"], str(row["date_precision"])),
        kind=str(row["kind"]),
        text=str(row["text"]),
        english_by=str(row["english_by"]),
        citation=str(data.cite(str(row["source_id"]))),
        locator=str(row["locator"]),
        note="" if pd.isna(note) else str(note),
    )


def show_statement(statement_id: str) -> Statement:
    """Show a government's statement as a block quote with speaker, office, date and citation."""
    return statement(statement_id)
