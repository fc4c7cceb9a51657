"""The data package: every table loads typed and valid; bad files fail loudly, naming file, line, column and value."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from alliancekit import data

from .conftest import REPO


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def _edit(path, line: int, column: str, value: str) -> None:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[line - 2, column] = value
    table.to_csv(path, index=False)


def test_every_table_listed_loads_and_validates():
    assert data.validate() == []
    for name in data.tables():
        table = data.load(name)
        assert len(table) > 0, f"{name} is empty"


def test_every_table_has_a_source_status_and_described_units():
    for name in data.tables():
        res = data.resource(name)
        assert res.get("status", "").split()[0] in {"verified", "spot-checked", "unverified"}, name
        assert res.get("description"), name
        for field in res["schema"]["fields"]:
            if field.get("type") in ("number", "integer") and field["name"] not in ("year", "paragraph"):
                assert field.get("unit") or "year" in field["name"] or field["name"].startswith("period"), (
                    f"{name}.{field['name']} has no unit")


def test_load_gives_dates_as_datetimes_and_fixed_lists_as_categoricals():
    sources = data.load("sources")
    assert isinstance(sources["kind"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_datetime64_any_dtype(sources["accessed"])
    assert str(sources["year"].dtype) == "Int64"


def test_every_source_id_in_every_table_resolves_to_a_source():
    known = set(data.load("sources")["source_id"])
    for name in data.tables():
        used = set(data.load(name).attrs["source_ids"])
        assert used <= known, f"{name}: unknown {used - known}"


def test_excerpts_hold_no_scraping_artefacts():
    text = " ".join(data.load("excerpts")["text"])
    assert "\u00a0" not in text and "\u0430" not in text
    for glued in ("munitionsback", "managedto", "Shoiguvisits"):
        assert glued not in text


def test_a_bad_type_names_file_line_column_and_value(data_copy):
    _edit(data_copy / "sources.csv", 3, "year", "nineteen")
    with pytest.raises(data.DataValidationError) as err:
        data.load("sources", data_copy)
    message = str(err.value)
    assert "sources.csv, line 3, column 'year': 'nineteen' is not a whole number" in message


def test_an_unknown_enum_value_is_refused(data_copy):
    _edit(data_copy / "sources.csv", 2, "kind", "blog")
    with pytest.raises(data.DataValidationError, match=r"line 2, column 'kind': 'blog' is not one of the allowed values"):
        data.load("sources", data_copy)


def test_a_missing_source_is_refused(data_copy):
    table = next(n for n in data.tables() if n != "sources"
                 and any(f["name"] == "source_id" for f in data.resource(n)["schema"]["fields"]))
    path = data_copy / data.resource(table)["path"]
    _edit(path, 2, "source_id", "no_such_source_2099")
    with pytest.raises(data.DataValidationError, match=r"'no_such_source_2099' is not a source_id in .*sources.csv"):
        data.load(table, data_copy)


def test_a_duplicate_key_is_refused_and_both_lines_named(data_copy):
    path = data_copy / "excerpts.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.concat([table, table.iloc[[0]]]).to_csv(path, index=False)
    with pytest.raises(data.DataValidationError, match=rf"lines 2, {len(table) + 2}: duplicate key \(excerpt_id\)"):
        data.load("excerpts", data_copy)


def test_an_empty_required_cell_is_refused(data_copy):
    _edit(data_copy / "excerpts.csv", 4, "text", "")
    with pytest.raises(data.DataValidationError, match=r"line 4, column 'text': empty, but a value is required"):
        data.load("excerpts", data_copy)


def test_an_undescribed_column_is_refused_not_dropped(data_copy):
    path = data_copy / "excerpts.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table["mystery"] = "x"
    table.to_csv(path, index=False)
    with pytest.raises(data.DataValidationError, match="column\\(s\\) mystery not described"):
        data.load("excerpts", data_copy)


def test_load_does_not_edit_or_drop_rows():
    for name in data.tables():
        raw = pd.read_csv(REPO / "data" / data.resource(name)["path"], dtype=str, keep_default_na=False)
        assert len(data.load(name)) == len(raw), name


def test_an_unknown_table_name_lists_the_real_ones():
    with pytest.raises(KeyError, match="The kit's tables are: sources"):
        data.load("artilery")


def test_numbers_in_reads_figures_as_written():
    found = data.numbers_in("North Korea has an estimated 14,000 artillery systems; trade was $6.54 billion, 3.4% of it")
    assert {14000, 6.54e9, 3.4} <= found
    assert 6540 not in found
    # a figure followed by a calibre: the comma grouping ends the first number
    found = data.numbers_in("1,900 and 1,100 152/155mm howitzers; 1 067 sztuk; 6,5 tys.")
    assert {1900, 1100, 152, 155, 1067} <= found and 1100152 not in found


def test_a_figure_missing_from_its_evidence_is_reported(data_copy, monkeypatch):
    tables = [n for n in data.tables() if data.resource(n).get("evidence_fields")]
    assert tables, "no table declares evidence_fields"
    name = tables[0]
    res = data.resource(name)
    path = data_copy / res["path"]
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    column = next(c for c in res["evidence_fields"] if raw[c].iloc[0] != "")
    _edit(path, 2, column, "987654321")
    problems = data.evidence_problems(name, data_copy)
    assert any("line 2" in p and column in p and "987654321" in p for p in problems)


def test_every_figure_appears_in_its_evidence():
    problems = [p for name in data.tables() for p in data.evidence_problems(name)]
    assert problems == []


def test_cite_formats_a_reference_and_refuses_unknown_ids():
    oped = data.cite("cohen_2023_oped")
    assert "Ariel Cohen" in str(oped) and "Alliance of Pariahs" in str(oped)
    with pytest.raises(KeyError, match="No source with source_id"):
        data.cite("nobody_1999")


def test_datapackage_is_one_json_file_describing_every_csv():
    package = json.loads((REPO / "data" / "datapackage.json").read_text())
    described = {r["path"] for r in package["resources"]}
    on_disk = {p.name for p in (REPO / "data").glob("*.csv")}
    assert on_disk == described
