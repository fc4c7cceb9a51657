"""The claims ledger: a verdict vocabulary that keeps 'contradicted', 'no evidence found' and 'not checkable'
apart, no verdict stronger than its note, the claim-source link table, and the data errors fixed with it."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from alliancekit import data
from alliancekit.models import hindsight

from .conftest import REPO

VERDICTS = ["supported", "partly_supported", "contradicted", "no_evidence_found", "overtaken_by_events", "not_checkable"]


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


@pytest.fixture(scope="module")
def claims():
    return data.load("claims")


@pytest.fixture(scope="module")
def links():
    return data.load("claim_sources")


def _set(path, key: str, row_key: str, column: str, value: str) -> None:
    """Set one cell of a CSV (the row whose ``key`` column is ``row_key``), keeping everything else as text."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert (table[key] == row_key).sum() == 1, row_key
    table.loc[table[key] == row_key, column] = value
    table.to_csv(path, index=False)


# --- the vocabulary -----------------------------------------------------------------------------------


def test_the_verdicts_are_the_same_six_in_the_codebook_and_the_models():
    field = next(f for f in data.resource("claims")["schema"]["fields"] if f["name"] == "verdict")
    assert field["constraints"]["enum"] == VERDICTS == list(hindsight.VERDICTS)
    roles = next(f for f in data.resource("claim_sources")["schema"]["fields"] if f["name"] == "role")
    assert roles["constraints"]["enum"] == list(hindsight.ROLES)
    # each verdict is defined in the resource description, so a reader knows what it claims
    description = data.resource("claims")["description"]
    assert all(f"{v} =" in description for v in VERDICTS)


@pytest.mark.parametrize("old", ["unsupported", "contested"])
def test_the_old_catch_all_verdicts_are_refused_with_the_allowed_values(data_copy, old):
    _set(data_copy / "claims.csv", "claim_id", "joel_wit_quote", "verdict", old)
    with pytest.raises(data.DataValidationError) as err:
        data.load("claims", data_copy)
    assert f"'{old}' is not one of the allowed values (supported, partly_supported, contradicted, " in str(err.value)


def test_the_ledger_uses_every_kind_of_verdict_it_defines(claims):
    counts = claims["verdict"].astype(str).value_counts()
    assert set(counts.index) == set(VERDICTS)
    assert counts.sum() == 45


# --- no verdict stronger than its note ------------------------------------------------------------------


def test_the_kits_ledger_breaks_none_of_its_rules():
    assert data.ledger_problems() == []


@pytest.mark.parametrize("claim_id,expected,says", [
    ("russia_artillery_stockpiles_exhausted", "partly_supported", "'Exhausted' goes further"),
    ("dia_rates_artillery_threat", "partly_supported", "'significant threat' were not found"),
    ("nk_14000_artillery_systems", "partly_supported", "kit's own sum"),
    ("soviet_millions_of_shells", "no_evidence_found", "No source read"),
    ("joel_wit_quote", "no_evidence_found", "No page read contains the quoted words"),
    ("nk_invented_hamburger", "contradicted", "not with inventing them"),
])
def test_the_verdicts_the_review_found_too_strong_now_say_what_the_evidence_lacks(claims, claim_id, expected, says):
    row = claims.set_index("claim_id").loc[claim_id]
    assert row["verdict"] == expected and says in row["caveat"]


def test_no_supported_claim_carries_a_caveat_or_a_note_that_concedes_a_gap(claims):
    supported = claims[claims["verdict"] == "supported"]
    assert supported["caveat"].isna().all()
    for note in supported["note"]:
        assert not [p for p in data.CONCESSIONS if p in note.lower()], note
    gaps = claims[claims["verdict"].isin(["partly_supported", "contradicted", "no_evidence_found"])]
    assert gaps["caveat"].notna().all() and (gaps["caveat"].str.len() > 20).all()


@pytest.mark.parametrize("column,value,says", [
    ("caveat", "The figure is the kit's own sum.", "verdict 'supported' with a caveat"),
    ("note", "The DIA's words 'significant threat' were not found.", "the note concedes a gap ('not found')"),
    ("note", "'Exhausted' goes further than the sources.", "the note concedes a gap ('goes further')"),
])
def test_a_supported_verdict_over_a_conceded_gap_is_named(data_copy, column, value, says):
    _set(data_copy / "claims.csv", "claim_id", "harris_ignored", column, value)
    problems = data.ledger_problems(data_copy)
    assert len(problems) == 1 and "(harris_ignored)" in problems[0] and says in problems[0], problems


@pytest.mark.parametrize("verdict", ["partly_supported", "contradicted", "no_evidence_found"])
def test_a_verdict_short_of_supported_must_say_what_is_missing(data_copy, verdict):
    path = data_copy / "claims.csv"
    _set(path, "claim_id", "soviet_millions_of_shells", "verdict", verdict)
    _set(path, "claim_id", "soviet_millions_of_shells", "caveat", "")
    problems = data.ledger_problems(data_copy)
    assert any(f"verdict '{verdict}' needs a caveat" in p for p in problems), problems


def test_a_verdict_must_rest_on_a_source_in_the_matching_role(data_copy):
    # the op-ed alone cannot support a claim: 'soviet_millions_of_shells' cites only the op-ed
    path = data_copy / "claims.csv"
    _set(path, "claim_id", "soviet_millions_of_shells", "verdict", "supported")
    _set(path, "claim_id", "soviet_millions_of_shells", "caveat", "")
    _set(path, "claim_id", "soviet_millions_of_shells", "note", "Plausible.")
    problems = data.ledger_problems(data_copy)
    assert problems == ["data/claims.csv, line 16 (soviet_millions_of_shells): verdict 'supported' but no source in "
                        "data/claim_sources.csv supports it"]


def test_a_quote_of_more_than_one_sentence_is_refused(data_copy):
    _set(data_copy / "claims.csv", "claim_id", "harris_ignored", "quote", "She was ignored. Pyongyang was not.")
    problems = data.ledger_problems(data_copy)
    assert problems and "more than one sentence" in problems[0]


def test_an_abbreviation_inside_a_quote_is_not_a_sentence_break(data_copy):
    _set(data_copy / "claims.csv", "claim_id", "harris_ignored", "quote", "the U.S. Treasury said Mr. Kim was ignored")
    assert data.ledger_problems(data_copy) == []


def test_a_broken_ledger_fails_validate(data_copy):
    _set(data_copy / "claims.csv", "claim_id", "harris_ignored", "caveat", "Not quite.")
    assert any("(harris_ignored)" in p for p in data.validate(data_copy))


# --- the link table -----------------------------------------------------------------------------------------


def test_every_claim_cites_at_least_one_source_and_every_link_resolves(claims, links):
    assert set(claims["claim_id"]) == set(links["claim_id"])
    assert set(links["source_id"]) <= set(data.load("sources")["source_id"])
    assert not links.duplicated(["claim_id", "source_id"]).any()
    opinion = claims[claims["verdict"] == "not_checkable"]["claim_id"]
    assert (links[links["claim_id"].isin(opinion)].groupby("claim_id")["role"].agg(set)
            .map(lambda r: "oped" in r)).all()


def test_a_claim_without_a_source_row_is_named(data_copy):
    table = pd.read_csv(data_copy / "claim_sources.csv", dtype=str, keep_default_na=False)
    table[table["claim_id"] != "vilest_regimes"].to_csv(data_copy / "claim_sources.csv", index=False)
    problems = data.ledger_problems(data_copy)
    assert problems == ["data/claims.csv, line 46 (vilest_regimes): no source in data/claim_sources.csv; every claim "
                        "cites at least one"]


def test_a_link_to_an_unknown_claim_or_source_names_file_line_and_value(data_copy):
    path = data_copy / "claim_sources.csv"
    with open(path, "a", encoding="utf-8") as f:
        f.write("no_such_claim,no_such_source,supports\n")
    with pytest.raises(data.DataValidationError) as err:
        data.load("claim_sources", data_copy)
    message = str(err.value)
    assert "claim_sources.csv, line 85, column 'claim_id': 'no_such_claim' is not a claim_id" in message
    assert "claim_sources.csv, line 85, column 'source_id': 'no_such_source' is not a source_id" in message


def test_the_claims_table_holds_no_joined_source_ids_any_more(claims):
    assert "source_ids" not in claims.columns
    assert all(";" not in fk["fields"] if isinstance(fk["fields"], str) else True
               for fk in data.resource("claims")["schema"]["foreignKeys"])


def test_supported_verdicts_do_not_rest_on_aggregators_or_opinion_alone(claims, links):
    kinds = data.load("sources").set_index("source_id")["kind"].astype(str)
    supported = set(claims.loc[claims["verdict"] == "supported", "claim_id"])
    backing = links[links["claim_id"].isin(supported) & (links["role"] == "supports")]
    strong = backing[~backing["source_id"].map(kinds).isin(["aggregator", "opinion"])]
    assert set(strong["claim_id"]) == supported


def test_the_capstone_example_rests_on_scholarship_not_a_popular_history_page(links):
    split = links[links["claim_id"] == "sino_soviet_split_aid_extraction"]
    assert "histhrill_sino_soviet_split_nk" not in set(split["source_id"])
    kinds = data.load("sources").set_index("source_id")["kind"].astype(str)
    evidence = split[split["role"].isin(["supports", "contradicts"])]
    assert (evidence["source_id"].map(kinds) == "scholarship").sum() >= 3
    assert {"supports", "contradicts"} <= set(split["role"])  # the verdict weighs both sides


def test_no_claim_leans_on_the_mirrors_the_review_named(links):
    mirrors = {"histhrill_sino_soviet_split_nk", "park_iacenter_2025_lips_and_teeth", "revere_2019_brookings_lips_and_teeth"}
    assert not mirrors & set(links["source_id"])


def test_the_claims_part_of_the_package_passes_the_frictionless_validator(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    package = _claims_package(tmp_path, REPO / "data")
    report = frictionless.Package(str(package)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:5]


def test_the_frictionless_validator_catches_a_dangling_link(tmp_path, data_copy):
    frictionless = pytest.importorskip("frictionless")
    with open(data_copy / "claim_sources.csv", "a", encoding="utf-8") as f:
        f.write("vilest_regimes,no_such_source,context\n")
    report = frictionless.Package(str(_claims_package(tmp_path / "pkg", data_copy))).validate()
    assert not report.valid and "foreign-key" in {e[0] for e in report.flatten(["type"])}


def _claims_package(target, data_dir):
    """A package of just the claims, their links and what they point to, written to ``target``.

    ``created`` is given as a datetime here because the ledger's test must not depend on how the whole
    package writes it.
    """
    target.mkdir(parents=True, exist_ok=True)
    whole = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    keep = {"sources", "excerpts", "claims", "claim_sources"}
    part = {k: v for k, v in whole.items() if k != "resources"}
    part["created"] = "2026-11-26T00:00:00Z"
    part["resources"] = [r for r in whole["resources"] if r["name"] in keep]
    for r in part["resources"]:
        shutil.copy(data_dir / r["path"], target / r["path"])
    (target / "datapackage.json").write_text(json.dumps(part), encoding="utf-8")
    return target / "datapackage.json"


# --- the data errors fixed with the ledger ----------------------------------------------------------------


def test_the_panel_of_experts_is_dated_to_resolution_1874_with_a_un_source():
    event = data.load("events").set_index("event_id").loc["russia_vetoes_panel_of_experts"]
    assert "Resolution 1874 (2009)" in event["event"] and "set up under Resolution 1718" not in event["event"]
    assert "un_pr_2010_06_07_sc9946_panel_mandate" in event["note"]
    un = data.cite("un_pr_2010_06_07_sc9946_panel_mandate")
    assert "un.org" in un.url and "SC/9946" in un.title


def test_article_4_of_the_2024_treaty_quotes_the_dprk_name_as_its_source_prints_it():
    text = data.load("treaties").set_index("treaty_id").loc[
        "rus_prk_2024_comprehensive_strategic_partnership", "defence_clause_text"]
    assert "the laws of the Democratic People\u2019s Republic of Korea (DPRK) and the Russian Federation" in text
    assert "laws of the DPRK and" not in text


def test_the_time_1953_rouble_conversion_is_labelled_the_kits_inference():
    note = data.load("aid_to_dprk").set_index("aid_id").loc["time53_sun_grant_1953", "note"]
    assert note.startswith("THE KIT'S INFERENCE, NOT TIME'S") and "4 roubles to the dollar" in note


def test_nearly_is_coded_as_a_ceiling_not_as_about():
    artillery = data.load("artillery")
    nearly = artillery[artillery["evidence"].str.contains("nearly|将近", regex=True)]
    assert len(nearly) == 3
    assert (nearly["qualifier"] == "up_to").all() and nearly["value_high"].isna().all()
    china = nearly[nearly["country"] == "CHN"].iloc[0]
    assert china["value_low"] == 30000 and "将近3万门" in china["evidence"]


def test_the_kita_label_rests_on_a_page_that_names_kita_and_says_why_it_stands():
    trade = data.load("trade_dprk")
    row = trade[trade["source_id"] == "worldtribune_2012_kita_china_trade_2011"].iloc[0]
    assert row["data_publisher"] == "kita" and "mbn_2012_kita_china_trade_2011" in row["note"]
    assert "Korea International Trade Association" in data.load("sources").set_index("source_id").loc[
        "mbn_2012_kita_china_trade_2011", "reliability_note"]
