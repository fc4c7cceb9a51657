"""The op-ed is quoted, not republished: at most half of its words appear anywhere in the repository.

How the share is measured: the article's body (from its first sentence to its last, without title,
byline or footer) and every tracked text file are reduced to lower-case words; every run of
``SHINGLE`` (five) consecutive article words that also occurs, word for word, in some tracked file
marks those article words as covered. Five, not more, so that a passage cut into short quotes still
counts: a quote of five words or more is found, and only a phrase of four words or fewer is not. The
share is the number of covered article words over all of them, the union across files (a sentence
quoted in three files counts once).

The article itself is not in the repository. When a copy is available (``ALLIANCEKIT_OPED`` names the
file, or it sits in ``../shared/article/`` beside the clone) the test reads it, and also checks that
the committed fingerprints still match it. Otherwise it uses ``tests/oped_shingles.txt``: the salted
hashes of the article's runs of five words, as a sorted set, enough to test coverage but not to read
the text. Sorted, not in the article's order, so that the file says nothing about which run follows
which; it cannot stop a reader who already guesses a phrase from confirming it, and is not meant to.
Because the set has no positions, covered words are counted from the matched runs themselves (see
:func:`words_covered`), the same way whether the copy or the fingerprints are used.

    python -m tests.test_quotation            # print the share (whole repository, excerpts + claims) and by file
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
SHINGLE = 5
MAX_SHARE = 0.50
# A claim's quote outside its excerpt may hold at most this many words: the key clause, not the passage.
MAX_QUOTE_OUTSIDE_EXCERPT = 12
# Not a secret: the salt only stops the hashes being looked up in a table of common phrases.
SALT = "alliancekit-oped-2023"
HASH_CHARS = 16

# Letters from other scripts that look Latin, and words run together in the copy as received: the
# kit's excerpts repair both, so the article is read repaired too, or a quoted sentence would not match.
HOMOGLYPHS = str.maketrans({"\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0445": "x"})
RUN_TOGETHER = {"munitionsback": "munitions back", "managedto": "managed to", "shoiguvisits": "shoigu visits"}

# Four words each, so that the markers themselves are not a quotation by the measure below.
FIRST_WORDS = "President Vladimir Putin has"
LAST_WORDS = "vilest regimes on Earth."


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


def shingles(text_words: list[str]) -> list[tuple[str, ...]]:
    """Every run of SHINGLE consecutive words, in order."""
    return [tuple(text_words[i : i + SHINGLE]) for i in range(len(text_words) - SHINGLE + 1)]


def fingerprints_of(article: list[str]) -> set[str]:
    """The hashes of the article's shingles, as a set: no positions, so no order to walk along."""
    return {fingerprint(s) for s in shingles(article)}


def words_covered(matched: set[tuple[str, ...]]) -> int:
    """Article words covered by these matched shingles.

    Shingles that overlap by SHINGLE - 1 words chain into one quoted passage; a chain of k shingles
    covers k + SHINGLE - 1 words. Without positions the count is close to, not always equal to, a count
    by position: two quotes overlapping by fewer than SHINGLE - 1 words count their shared words twice
    (a few words more), and a run the op-ed repeats (it has two) counts once where a count by position
    counts both places although one was quoted (a few words fewer). On the kit's files the two counts
    differ by less than one per cent of the article.
    """
    tails = {s[1:] for s in matched}
    starts = sum(1 for s in matched if s[:-1] not in tails)
    return len(matched) + (SHINGLE - 1) * starts


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


def read_fingerprints() -> tuple[int, set[str]]:
    """(number of article words, set of shingle hashes) from the committed file."""
    lines = [l for l in FINGERPRINTS.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    header = json.loads(lines[0])
    if header.get("shingle") != SHINGLE or header.get("salt") != SALT:
        raise ValueError(f"{FINGERPRINTS.name} was written with other settings; re-write it with --write")
    return header["words"], set(lines[1:])


def write_fingerprints(article: list[str]) -> None:
    header = json.dumps({"words": len(article), "shingle": SHINGLE, "salt": SALT})
    FINGERPRINTS.write_text(
        f"# Salted hashes of the op-ed's runs of {SHINGLE} words, sorted (tests/test_quotation.py).\n"
        "# They let the quotation check run without the article; the text cannot be read from them.\n"
        + header + "\n" + "\n".join(sorted(fingerprints_of(article))) + "\n",
        encoding="utf-8",
    )


def article_hashes() -> tuple[int, set[str]]:
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


def matched_shingles(hashes: set[str], text: str) -> set[tuple[str, ...]]:
    """The text's runs of SHINGLE words that are also runs of the article."""
    return {s for s in shingles(words(text)) if fingerprint(s) in hashes}


def coverage(files: list[Path] | None = None) -> tuple[float, dict[str, int]]:
    """Share of the article's words in the given files (all tracked files by default), and per file."""
    n_words, hashes = article_hashes()
    covered: set[tuple[str, ...]] = set()
    per_file: dict[str, int] = {}
    for path in files if files is not None else tracked_files():
        if path.resolve() == FINGERPRINTS:
            continue
        matched = matched_shingles(hashes, file_text(path))
        if matched:
            per_file[str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)] = words_covered(matched)
            covered |= matched
    return words_covered(covered) / n_words, per_file


# --- the tests ------------------------------------------------------------------------------------------


def _ledger() -> tuple[dict[str, str], list[dict[str, str]]]:
    """(excerpt text by excerpt_id, claim rows) as stored, read with the csv module only."""
    import csv

    with open(REPO / "data" / "excerpts.csv", encoding="utf-8", newline="") as f:
        texts = {r["excerpt_id"]: r["text"] for r in csv.DictReader(f)}
    claims = REPO / "data" / "claims.csv"
    if not claims.exists():
        return texts, []
    with open(claims, encoding="utf-8", newline="") as f:
        return texts, list(csv.DictReader(f))


def claims_quoting_beyond_the_excerpts() -> list[str]:
    """Claims whose quote is not within their excerpt's quoted text: each widens what the repository holds."""
    texts, rows = _ledger()
    return [r["claim_id"] for r in rows if r.get("quote") and r.get("quote") not in texts.get(r.get("excerpt_id"), "")]


def quotes_too_long(texts: dict[str, str], rows: list[dict[str, str]]) -> list[str]:
    """Claims whose quote is neither a substring of its excerpt's text nor a short key clause, one line each."""
    problems = []
    for r in rows:
        quote = r.get("quote") or ""
        n = len(words(quote))
        if quote not in texts.get(r.get("excerpt_id") or "", "") and n > MAX_QUOTE_OUTSIDE_EXCERPT:
            problems.append(
                f"{r.get('claim_id')}: its quote ({n} words) is not in excerpt {r.get('excerpt_id')}; quote it "
                f"from the excerpt, or shorten it to the words the claim checks ({MAX_QUOTE_OUTSIDE_EXCERPT} at most)"
            )
    return problems


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
    alone = words_covered(matched_shingles(hashes, quoted)) / n_words
    assert alone > 0.05, "the excerpts should be found in the article by the measure"
    # Typography must not hide a copy: straight quotes and plain spaces match as well as the original.
    plain = quoted.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    assert matched_shingles(hashes, plain) == matched_shingles(hashes, quoted)


def test_a_passage_cut_into_short_quotes_still_counts():
    """Quoting a passage five words at a time, with the kit's words between, hides none of it."""
    n_words, hashes = article_hashes()
    texts, _ = _ledger()
    whole = " ".join(texts.values())
    pieces = words(whole)
    chopped = " [the kit] ".join(" ".join(pieces[i : i + SHINGLE]) for i in range(0, len(pieces), SHINGLE))
    found_whole = words_covered(matched_shingles(hashes, whole))
    found_chopped = words_covered(matched_shingles(hashes, chopped))
    assert found_whole > 0
    assert found_chopped >= 0.6 * found_whole, (found_chopped, found_whole)


def test_four_words_are_not_counted_and_a_run_counts_once_across_files():
    n_words, hashes = article_hashes()
    # (phrases of excerpt p13, so that the test adds nothing to what the repository quotes)
    assert matched_shingles(hashes, "vilest regimes on Earth") == set()
    one = matched_shingles(hashes, "first Iranian drones, and now North")
    assert words_covered(one) == 6
    # the same words in two texts are one passage, and two overlapping quotes make one longer passage
    assert words_covered(one | matched_shingles(hashes, "Iranian drones, and now North")) == 6
    assert words_covered(one | matched_shingles(hashes, "drones, and now North Korean artillery")) == 8


def test_the_fingerprints_are_a_sorted_set_not_the_article_in_order():
    n_words, hashes = read_fingerprints()
    lines = [l for l in FINGERPRINTS.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")][1:]
    assert lines == sorted(set(lines)), f"{FINGERPRINTS.name} must list each hash once, sorted"
    assert 0 < len(hashes) <= n_words - SHINGLE + 1


def test_every_claim_quote_is_in_its_excerpt_or_at_most_twelve_words():
    texts, rows = _ledger()
    assert rows, "data/claims.csv has no rows"
    problems = quotes_too_long(texts, rows)
    assert not problems, "\n".join(problems)


def claims_reusing_the_oped(hashes: set[str], rows: list[dict[str, str]]) -> list[str]:
    """Claims whose paraphrase (the ``claim`` column) shares a run of SHINGLE words with the op-ed."""
    return [r["claim_id"] for r in rows if matched_shingles(hashes, r.get("claim") or "")]


def test_every_claim_is_paraphrased_in_the_kits_own_words():
    # The op-ed's words belong in the quote column, checked above; a paraphrase that copies them quotes the
    # op-ed a second time, outside any quotation marks.
    n_words, hashes = article_hashes()
    texts, rows = _ledger()
    reused = claims_reusing_the_oped(hashes, rows)
    assert not reused, (
        "These claims reuse a run of five or more of the op-ed's words in their paraphrase; say it in the kit's "
        "own words (a name or figure may stay, but not inside five of the op-ed's words in a row): " + ", ".join(reused)
    )


def test_a_claim_copying_its_quote_is_named():
    n_words, hashes = article_hashes()
    texts, rows = _ledger()
    row = next(r for r in rows if len(words(r["quote"])) >= SHINGLE)
    assert claims_reusing_the_oped(hashes, [{**row, "claim": row["quote"]}]) == [row["claim_id"]]


def test_phrases_said_to_be_the_claims_quote_column_are_exactly_that():
    # q03 and q04 label phrases that their comments call the claims table's quote column: a longer phrase
    # would quote more of the op-ed than the ledger does, and a shorter one would label other words.
    from alliancekit.questions import q03_lips_and_teeth, q04_china_fuzzy_role

    texts, rows = _ledger()
    quotes = {r["claim_id"]: r["quote"] for r in rows}
    for module, pairs in ((q03_lips_and_teeth, q03_lips_and_teeth.Q5_CLAIMS), (q04_china_fuzzy_role,
                                                                              q04_china_fuzzy_role.Q4_CLAIMS)):
        differ = [claim_id for claim_id, phrase in pairs if quotes.get(claim_id) != phrase]
        assert not differ, f"{module.__name__}: these phrases are not the claims' quote: {', '.join(differ)}"


def test_a_long_quote_outside_the_excerpt_is_named():
    # invented sentences: the rule is about lengths, and the test should not quote the op-ed
    texts = {"p01": "The committee met on a wet Tuesday in a small town by the river."}
    rows = [
        {"claim_id": "inside", "excerpt_id": "p01", "quote": "met on a wet Tuesday in a small town by the river"},
        {"claim_id": "short", "excerpt_id": "p01", "quote": "the minutes were read aloud twice"},
        {"claim_id": "long", "excerpt_id": "p01",
         "quote": "the chair then read out a long statement that nobody had asked for and nobody answered"},
    ]
    problems = quotes_too_long(texts, rows)
    assert len(problems) == 1 and problems[0].startswith("long: its quote (16 words) is not in excerpt p01")


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
    ledger_files = [REPO / "data" / "excerpts.csv", REPO / "data" / "claims.csv"]
    ledger, _ = coverage(ledger_files)
    print(f"share in data/excerpts.csv and data/claims.csv together: {ledger:.1%}")
    # What each file quotes beyond the excerpts and claims is what it adds to the repository's share.
    n_words, hashes = article_hashes()
    in_ledger = set().union(*(matched_shingles(hashes, file_text(p)) for p in ledger_files))
    base = words_covered(in_ledger)
    print("  words  beyond excerpts+claims  file")
    for name, n in sorted(per_file.items(), key=lambda kv: -kv[1]):
        beyond = words_covered(in_ledger | matched_shingles(hashes, file_text(REPO / name))) - base
        print(f"  {n:5d}  {beyond:22d}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
