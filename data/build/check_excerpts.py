"""Check data/excerpts.csv against a copy of the op-ed, and say which scraping artefacts each excerpt repairs.

The op-ed is not in the repository (the kit quotes it; it does not republish it), so this runs only where
a copy is at hand:

    python data/build/check_excerpts.py PATH/TO/ARTICLE.txt          # report; exit 1 on any mismatch
    python data/build/check_excerpts.py PATH/TO/ARTICLE.txt --write  # also rewrite artefacts_fixed

Every quoted piece of an excerpt (the text between elisions "[…]", without editorial insertions in
square brackets) must occur in the article in that order, allowing only the repairs listed in
``artefacts_fixed``: a no-break space written as a space, a Cyrillic look-alike letter written as its
Latin twin, and a missing space restored between two words run together by the scrape.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

EXCERPTS = Path(__file__).resolve().parent.parent / "excerpts.csv"
ELISION = "[…]"
NBSP = "\u00a0"
# Latin letters the copy as received sometimes has in Cyrillic.
LOOKALIKES = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "x": "\u0445"}


def pieces(text: str) -> list[str]:
    """The quoted pieces of an excerpt: elisions split it, editorial [insertions] are not the author's."""
    out = []
    for part in text.split(ELISION):
        part = re.sub(r"\[[^\]]*\]", "", part).strip(" ,.;:—“”")
        if re.search(r"\w", part):
            out.append(part)
    return out


def _pattern(piece: str) -> re.Pattern:
    """A pattern for the piece as it may appear in the copy as received."""
    parts = []
    for ch in piece:
        if ch == " ":
            parts.append(f"(?P<s{len(parts)}>[ {NBSP}]?)")
        elif ch in LOOKALIKES:
            parts.append(f"[{ch}{LOOKALIKES[ch]}]")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts))


def artefacts_in(raw: str, piece: str, start: int = 0) -> tuple[int, list[str], list[str], int]:
    """(no-break spaces, Cyrillic letters, run-together words, end) of the piece's span in the article,
    looked for from ``start`` on, so that an excerpt's pieces must come in the article's order."""
    match = _pattern(piece).search(raw, start)
    if match is None:
        raise LookupError(piece)
    span = match.group(0)
    nbsp = span.count(NBSP)
    cyrillic = [f'Cyrillic "{c}" (U+{ord(c):04X})' for c in span if "\u0400" <= c <= "\u04ff"]
    glued = []
    for name, value in match.groupdict().items():
        if value == "":
            start = match.start(name)
            left = re.search(r"\w+$", raw[:start]).group(0)
            right = re.match(r"\w+", raw[start:]).group(0)
            glued.append(f'"{left}{right}" -> "{left} {right}"')
    return nbsp, cyrillic, glued, match.end()


def describe(raw: str, text: str) -> str:
    """The artefacts_fixed wording for one excerpt."""
    nbsp, cyrillic, glued, end = 0, [], [], 0
    for piece in pieces(text):
        n, c, g, end = artefacts_in(raw, piece, end)
        nbsp, cyrillic, glued = nbsp + n, cyrillic + c, glued + g
    notes = []
    if nbsp:
        notes.append(f"{nbsp} no-break space{'s' if nbsp > 1 else ''} replaced by {'spaces' if nbsp > 1 else 'a space'}")
    notes += [f"{c} replaced by its Latin twin" for c in cyrillic]
    notes += [f"missing space restored: {g}" for g in glued]
    return "; ".join(notes)


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    raw = Path(argv[0]).read_text(encoding="utf-8")
    with open(EXCERPTS, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    problems = 0
    for row in rows:
        try:
            wanted = describe(raw, row["text"])
        except LookupError as missing:
            print(f"{row['excerpt_id']}: not in the article as quoted: {missing}")
            problems += 1
            continue
        if wanted != row["artefacts_fixed"]:
            print(f"{row['excerpt_id']}: artefacts_fixed should read {wanted!r} (is {row['artefacts_fixed']!r})")
            problems += 0 if "--write" in argv else 1
            row["artefacts_fixed"] = wanted
    if "--write" in argv:
        with open(EXCERPTS, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    print(f"{len(rows)} excerpts checked, {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
