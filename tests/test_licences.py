"""Others may reuse the kit: the licences, the citation file and every source's terms are in place."""

from __future__ import annotations

import csv
import re

import yaml

from .conftest import REPO

TERMS = re.compile(r"(quoted|dataset|licence): .+")


def test_the_code_is_under_the_mit_licence():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted, free of charge" in text


def test_the_teaching_content_is_under_cc_by_4_and_says_what_it_does_not_cover():
    text = (REPO / "LICENSE-content.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in text and "https://creativecommons.org/licenses/by/4.0/" in text
    for folder in ("notebooks/", "exercises/", "solutions/", "docs/"):
        assert folder in text
    assert "op-ed" in text and "data/raw/" in text and "SIPRI" in text


def test_the_citation_file_is_cff_1_2_with_what_a_citation_needs():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "license"):
        assert cff.get(key), f"CITATION.cff lacks {key}"
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}
    # the citation file and the package must not disagree on the version being cited
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{cff["version"]}"' in pyproject


def test_every_source_says_under_which_terms_the_kit_uses_it():
    with open(REPO / "data" / "sources.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert "terms" in rows[0], "data/sources.csv has no terms column"
    lacking = [r["source_id"] for r in rows if not TERMS.fullmatch(r["terms"] or "")]
    assert not lacking, (
        f"{len(lacking)} source(s) without terms written '<quoted|dataset|licence>: <detail>' "
        f"(see the field's description in data/datapackage.json): {', '.join(lacking)}"
    )


def test_the_published_datasets_state_their_publishers_conditions():
    with open(REPO / "data" / "sources.csv", encoding="utf-8", newline="") as f:
        terms = {r["source_id"]: r["terms"] for r in csv.DictReader(f)}
    for source_id in ("cow_nmc_v7_0", "cow_nmc_v6_0", "cow_mid_5_0", "atop_5_1",
                      "sipri_arms_transfers_register_2026_05_18", "sipri_arms_transfers_tiv_tables_2022_07_28"):
        assert terms[source_id].startswith("dataset: ") and "cit" in terms[source_id], source_id
    assert "Information from the SIPRI Arms Transfers Database" in terms["sipri_arms_transfers_register_2026_05_18"]


def test_the_readme_says_what_may_be_reused_and_how_to_cite():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reuse and citation", 1)[1]
    for needed in ("LICENSE", "LICENSE-content.md", "CITATION.cff", "CC BY 4.0", "terms", "data/raw/"):
        assert needed in section
