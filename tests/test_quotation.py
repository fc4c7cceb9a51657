"""The op-ed is quoted, not republished: at most half of its words appear anywhere in the repository.

How the share is measured: the article's body (from its first sentence to its last, without title,
byline or footer) and every tracked text file are reduced to lower-case words; every run of
``SHINGLE`` consecutive article words that also occurs, word for word, in some tracked file marks
those article words as covered. The share is the number of covered article words over all of them,
the union across files (a sentence quoted in three files counts once).

The article itself is not in the repository. When a copy is available (``ALLIANCEKIT_OPED`` names the
file, or it sits in ``../shared/article/`` beside the clone) the test reads it, and also checks that
the committed fingerprints still match it. Otherwise it uses ``tests/oped_shingles.txt``: one salted
hash per article position, in order, enough to test coverage but not to read the text.

    python -m tests.test_quotation            # print the share, and the files that contribute most
    python -m tests.test_quotation --write    # re-write the fingerprints from the article copy
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FINGERPRINTS = Path(__file__).resolve().parent / "oped_shingles.txt"
SHINGLE = 8
MAX_SHARE = 0.50
# Not a secret: the salt only stops the hashes being looked up in a table of common phrases.
SALT = "alliancekit-oped-2023"
HASH_CHARS = 16

# Letters from other scripts that look Latin, and words run together in the copy as received: the
# kit's excerpts repair both, so the article is read repaired too, or a quoted sentence would not match.
HOMOGLYPHS = str.maketrans({"\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0445": "x"})
RUN_TOGETHER = {"munitionsback": "munitions back", "managedto": "managed to", "shoiguvisits": "shoigu visits"}

FIRST_WORDS = "President Vladimir Putin has just met"
LAST_WORDS = "one of the vilest regimes on Earth."


def words(text: str) -> list[str]:
    """Lower-case words, with apostrophes dropped and look-alike letters mapped, so that typography
    (curly or straight quotes, no-break spaces, hyphens) never hides a match."""
    text = unicodedata.normalize("NFKC", text).translate(HOMOGLYPHS).casefold()
    text = re.sub(r"['\u2019\u2018]", "", text)
    return re.findall(r"[^\W_]+", text)


def article_body(text: str) -> str:
    """The op-ed's own words: from its first sentence to its last, without title, byline or footer."""
    text = unicodedata.normalize("NFKC", text)  # the copy as received has no-break spaces
    start = text.find(FIRST_WORDS)
    end = text.find(LAST_WORDS)
    if start < 0 or end < 0:
        raise ValueError("This file does not look like the op-ed: its first or last sentence is missing.")
    return text[start : end + len(LAST_WORDS)]


def article_words(text: str) -> list[str]:
    out = []
    for word in words(article_body(text)):
        out.extend(RUN_TOGETHER.get(word, word).split())
    return out


def fingerprint(shingle: tuple[str, ...] | list[str]) -> str:
    return hashlib.sha256((SALT + " " + " ".join(shingle)).encode("utf-8")).hexdigest()[:HASH_CHARS]


def fingerprints_of(article: list[str]) -> list[str]:
    """One hash per article position: the shingle starting there."""
    return [fingerprint(article[i : i + SHINGLE]) for i in range(len(article) - SHINGLE + 1)]


# --- the article: a copy if there is one, the fingerprints otherwise ---------------------------------


def article_copy() -> Path | None:
    named = os.environ.get("ALLIANCEKIT_OPED")
    if named:
        return Path(named)
    # beside the clone, or beside the folder of clones when the repository is a git worktree
    for folder in (REPO.parent / "shared" / "article", REPO.parent.parent / "shared" / "article"):
        found = sorted(folder.glob("*.txt"))
        if found:
            return found[0]
    return None


def read_fingerprints() -> tuple[int, list[str]]:
    """(number of article words, hash per position) from the committed file."""
    lines = [l for l in FINGERPRINTS.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    header = json.loads(lines[0])
    if header.get("shingle") != SHINGLE or header.get("salt") != SALT:
        raise ValueError(f"{FINGERPRINTS.name} was written with other settings; re-write it with --write")
    return header["words"], lines[1:]


def write_fingerprints(article: list[str]) -> None:
    header = json.dumps({"words": len(article), "shingle": SHINGLE, "salt": SALT})
    FINGERPRINTS.write_text(
        "# Salted hashes of every run of 8 words of the op-ed, in order (tests/test_quotation.py).\n"
        "# They let the quotation check run without the article; the text cannot be read from them.\n"
        + header + "\n" + "\n".join(fingerprints_of(article)) + "\n",
        encoding="utf-8",
    )


def article_hashes() -> tuple[int, list[str]]:
    copy = article_copy()
    if copy is not None and copy.exists():
        article = article_words(copy.read_text(encoding="utf-8"))
        return len(article), fingerprints_of(article)
    return read_fingerprints()


# --- what the repository holds ------------------------------------------------------------------------


def tracked_files(root: Path = REPO) -> list[Path]:
    """Every file git tracks (a fresh clone's content); every file under root when it is not a clone."""
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True).stdout
        return [root / p for p in out.decode("utf-8").split("\0") if p]
    except (OSError, subprocess.CalledProcessError):
        return [p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts and ".venv" not in p.parts]


def _strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings_in(v)]
    return []


def file_text(path: Path) -> str:
    """A file's text as a reader sees it (JSON, notebooks included, decoded so escapes do not hide words)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return ""  # binary: nothing a reader could read as the article
    if path.suffix in (".json", ".ipynb"):
        try:
            return "\n".join(_strings_in(json.loads(raw)))
        except ValueError:
            pass
    return raw


def covered_positions(hashes: list[str], text: str) -> set[int]:
    """Article word positions covered by shingles found in this text."""
    found = set(fingerprints_of(words(text)))
    return {i + k for i, h in enumerate(hashes) if h in found for k in range(SHINGLE)}


def coverage(files: list[Path] | None = None) -> tuple[float, dict[str, int]]:
    """Share of the article's words in the given files (all tracked files by default), and per file."""
    n_words, hashes = article_hashes()
    covered: set[int] = set()
    per_file: dict[str, int] = {}
    for path in files if files is not None else tracked_files():
        if path.resolve() == FINGERPRINTS:
            continue
        positions = covered_positions(hashes, file_text(path))
        if positions:
            per_file[str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)] = len(positions)
            covered |= positions
    return len(covered) / n_words, per_file


# --- the tests ------------------------------------------------------------------------------------------


def claims_quoting_beyond_the_excerpts() -> list[str]:
    """Claims whose quote is not within their excerpt's quoted text: each widens what the repository holds."""
    import csv

    with open(REPO / "data" / "excerpts.csv", encoding="utf-8", newline="") as f:
        texts = {r["excerpt_id"]: r["text"] for r in csv.DictReader(f)}
    claims = REPO / "data" / "claims.csv"
    if not claims.exists():
        return []
    with open(claims, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r["claim_id"] for r in rows if r.get("quote") and r.get("quote") not in texts.get(r.get("excerpt_id"), "")]


def test_at_most_half_of_the_oped_is_anywhere_in_the_repository():
    share, per_file = coverage()
    top = ", ".join(f"{name} {n}" for name, n in sorted(per_file.items(), key=lambda kv: -kv[1])[:5])
    beyond = claims_quoting_beyond_the_excerpts()
    assert share <= MAX_SHARE, (
        f"{share:.0%} of the op-ed's words are in the repository (at most {MAX_SHARE:.0%} allowed). "
        f"Article words covered, by file: {top}. "
        + (f"Claims quoting words outside the excerpts: {', '.join(beyond)}" if beyond else "")
    )


def test_the_measure_catches_a_republished_paragraph(tmp_path):
    """The check can fail: a file holding the whole quoted text of the excerpts table raises the share."""
    n_words, hashes = article_hashes()
    from alliancekit import data

    quoted = " ".join(data.load("excerpts")["text"])
    alone = len(covered_positions(hashes, quoted)) / n_words
    assert alone > 0.05, "the excerpts should be found in the article by the measure"
    # Typography must not hide a copy: straight quotes and plain spaces match as well as the original.
    plain = quoted.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    assert len(covered_positions(hashes, plain)) == len(covered_positions(hashes, quoted))


def test_every_excerpt_is_attributed_and_links_to_the_whole_piece():
    from alliancekit import data
    from alliancekit.excerpts import show_excerpt, whole_piece_url

    for excerpt_id in data.load("excerpts")["excerpt_id"]:
        html = show_excerpt(excerpt_id)._repr_html_()
        assert "Ariel Cohen" in html and "Newsweek" in html and "September 2023" in html, excerpt_id
        assert f'href="{whole_piece_url().replace("&", "&amp;")}"' in html and "words left out" in html, excerpt_id


def test_the_committed_fingerprints_match_the_article_when_a_copy_is_here():
    copy = article_copy()
    if copy is None or not copy.exists():
        pytest.skip("no copy of the op-ed beside the clone: the committed fingerprints are what the checks use")
    n_words, hashes = read_fingerprints()
    article = article_words(copy.read_text(encoding="utf-8"))
    assert (n_words, hashes) == (len(article), fingerprints_of(article)), (
        "tests/oped_shingles.txt is out of date: python -m tests.test_quotation --write"
    )


def main(argv: list[str]) -> int:
    if "--write" in argv:
        copy = article_copy()
        if copy is None or not copy.exists():
            print("No copy of the op-ed found (set ALLIANCEKIT_OPED to its file).", file=sys.stderr)
            return 1
        write_fingerprints(article_words(copy.read_text(encoding="utf-8")))
        print(f"wrote {FINGERPRINTS.relative_to(REPO)}")
    share, per_file = coverage()
    print(f"share of the op-ed's words in the repository: {share:.1%}")
    for name, n in sorted(per_file.items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d} words  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
