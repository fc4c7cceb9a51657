"""Voices from the capitals: every statement is short, cited and shown in its lesson; the split narrative cites
only sources the kit holds."""

from __future__ import annotations

import json
import re

import pytest

from alliancekit import data, excerpts

from .conftest import REPO

LESSONS = {
    "01": "01_summit_and_argument",
    "02": "02_artillery_arithmetic",
    "03": "03_lips_and_teeth",
    "04": "04_china_fuzzy_role",
    "05": "05_leverage_and_sanctions",
    "06": "06_arsenal_in_hindsight",
    "07": "07_capstone",
}
MAX_WORDS = 60
MAX_SENTENCES = 3
STATEMENT_ID = re.compile(r'"(s0[1-7]_[a-z0-9_]+)"')


def _cells(lesson: str) -> list[dict]:
    nb = json.loads((REPO / "notebooks" / f"{LESSONS[lesson]}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if isinstance(cell["source"], list):
            cell["source"] = "".join(cell["source"])
    return nb["cells"]


def _shown_in(lesson: str) -> list[str]:
    """Statement ids that a code cell of the lesson passes to show_statement."""
    shown = []
    for cell in _cells(lesson):
        if cell["cell_type"] == "code" and "show_statement" in cell["source"]:
            shown += STATEMENT_ID.findall(cell["source"])
    return shown


def _sentences(text: str) -> int:
    # "[...]" marks omitted words and "..." a source's own ellipsis: neither ends a sentence.
    plain = text.replace("[...]", " ").replace("...", " ")
    return len([s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\[])", plain.strip()) if s.strip()])


@pytest.fixture(scope="module")
def statements():
    return data.load("statements")


def test_every_statement_cites_a_source_the_kit_holds(statements):
    for source_id in statements["source_id"]:
        assert data.cite(source_id).url, f"{source_id} has no URL to check the excerpt against"


def test_every_excerpt_is_short(statements):
    for row in statements.itertuples():
        words = len(row.text.split())
        assert words <= MAX_WORDS, f"{row.statement_id}: {words} words (at most {MAX_WORDS})"
        assert _sentences(row.text) <= MAX_SENTENCES, f"{row.statement_id}: more than {MAX_SENTENCES} sentences"


def test_the_sentence_count_is_not_fooled_by_omission_marks():
    assert _sentences("One. [...] Two... still two. Three.") == 3
    assert _sentences("One. Two. Three. Four.") == 4


def test_every_lesson_has_a_statement_and_ids_say_their_lesson(statements):
    assert set(statements["lesson"].astype(str)) == set(LESSONS)
    for row in statements.itertuples():
        assert row.statement_id.startswith(f"s{row.lesson}_"), row.statement_id


def test_every_lesson_shows_at_least_one_of_its_own_statements(statements):
    known = dict(zip(statements["statement_id"], statements["lesson"].astype(str)))
    for lesson in LESSONS:
        shown = _shown_in(lesson)
        assert shown, f"lesson {lesson} shows no statement"
        unknown = [s for s in shown if s not in known]
        assert not unknown, f"lesson {lesson} shows unknown statements {unknown}"
        assert any(known[s] == lesson for s in shown), f"lesson {lesson} shows none of its own statements"


def test_the_voices_section_follows_the_opening_excerpts_and_frames_statements_as_perspectives():
    for lesson in LESSONS:
        cells = _cells(lesson)
        first_excerpt = next(i for i, c in enumerate(cells) if "show_excerpt(" in c["source"])
        voices = next(i for i, c in enumerate(cells) if c["source"].startswith("### Voices from the capitals"))
        next_section = next(i for i, c in enumerate(cells) if i > first_excerpt and c["cell_type"] == "markdown"
                            and c["source"].startswith("## "))
        assert first_excerpt < voices < next_section, f"lesson {lesson}: voices section out of place"
        assert "perspective" in cells[voices]["source"], f"lesson {lesson}: statements not framed as perspectives"
        assert "show_statement" in cells[voices + 1]["source"]
        assert cells[voices + 2]["source"].startswith(("**Discuss", "**Debate")), f"lesson {lesson}: no prompt"


def test_each_capital_speaks_and_the_capstone_hears_all_four(statements):
    assert {"CHN", "RUS", "PRK", "KOR"} <= set(statements["government"].astype(str))
    capstone = statements[statements["statement_id"].isin(_shown_in("07"))]
    assert set(capstone["government"].astype(str)) == {"CHN", "RUS", "PRK", "KOR"}


def test_a_statement_is_shown_with_text_speaker_date_citation_and_whose_english():
    shown = excerpts.show_statement("s04_mao_ning_between_their_two_countries")
    page = shown._repr_html_()
    assert "something between their two countries" in page
    assert "Mao Ning" in page and "13 September 2023" in page
    assert "fmprc.gov.cn" in page and "first question (AFP)" in page
    assert "Voice of Beijing" in page and "perspective" in page
    assert "<blockquote" in page


def test_a_news_agency_rendering_is_not_passed_off_as_an_official_text():
    assert "not an official text" in str(excerpts.show_statement("s02_peskov_groundless"))
    assert "not an official text" not in str(excerpts.show_statement("s04_mao_ning_between_their_two_countries"))


def test_a_date_known_only_to_the_year_is_shown_as_the_year():
    shown = str(excerpts.show_statement("s03_khrushchev_mechanical_mistake"))
    assert ", 1962 (record of a conversation)" in shown
    assert "January" not in shown


def test_an_unknown_statement_lists_the_real_ones():
    with pytest.raises(KeyError, match="s01_kcna_comrade_in_arms"):
        excerpts.show_statement("s09_nobody")


def test_a_statement_whose_source_is_missing_is_refused(tmp_path):
    import shutil
    shutil.copytree(REPO / "data", tmp_path / "data")
    path = tmp_path / "data" / "statements.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "fmprc_2023_09_13_mao_ning_press_conference", "fmprc_1999_invented"), encoding="utf-8")
    with pytest.raises(data.DataValidationError, match="fmprc_1999_invented"):
        data.load("statements", tmp_path / "data")


# --- the Sino-Soviet split as a narrative (lesson 03) ---------------------------------------------------


def _narrative() -> tuple[str, str]:
    cells = [c for c in _cells("03") if "split-narrative" in c.get("metadata", {}).get("tags", [])]
    text = next(c["source"] for c in cells if c["cell_type"] == "markdown")
    listing = next(c["source"] for c in cells if c["cell_type"] == "code")
    return text, listing


def test_the_split_narrative_sits_between_sections_2_and_3_of_lesson_03():
    cells = _cells("03")
    at = next(i for i, c in enumerate(cells) if "split-narrative" in c.get("metadata", {}).get("tags", []))
    before = [c["source"] for c in cells[:at] if c["source"].startswith("## ")]
    after = [c["source"] for c in cells[at:] if c["source"].startswith("## ")]
    assert before[-1].startswith("## 2.") and after[0].startswith("## 3.")


def test_every_source_the_narrative_cites_is_in_the_kit_and_listed_below_it():
    text, listing = _narrative()
    cited = set(re.findall(r"\[`([a-z0-9_]+)`", text)) | set(re.findall(r"; `([a-z0-9_]+)`", text))
    inside = listing.split("split_sources = [", 1)[1].split("]", 1)[0]
    listed = set(re.findall(r'"([a-z0-9_]+)"', inside))
    assert cited and cited == listed
    for source_id in cited:
        data.cite(source_id)  # raises KeyError for a source the kit does not hold


def test_the_narrative_covers_1956_to_1969_in_400_to_600_words():
    text, _ = _narrative()
    prose = re.sub(r"\[`[^\]]*`\]", "", text)
    assert 400 <= len(prose.split()) <= 620
    for year in ("1956", "1958", "1960", "1961", "1962", "1965", "1967", "1969"):
        assert year in prose, f"the narrative skips {year}"


def test_every_paragraph_of_the_narrative_cites_a_source():
    text, _ = _narrative()
    paragraphs = [p for p in text.split("\n\n") if p.startswith("**") and not p.startswith("**Against")]
    assert len(paragraphs) >= 6
    for paragraph in paragraphs:
        assert "[`" in paragraph, f"uncited paragraph: {paragraph[:60]}"
