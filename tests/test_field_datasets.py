"""The field-data tables (NMC, ATOP, SIPRI, MID) lose nothing of the originals.

For every table in data/ built by data/build/reshape_field_datasets.py this
rebuilds the original files from the table and compares them, cell by cell as
text, with the original subsets kept in data/raw/ (see data/raw/PROVENANCE.md).
The only value change allowed is the documented one: the missing-value code
-9 (NMC, MID) is an empty cell in the tables. It also checks the country-code
rule and that the script reproduces the committed CSVs byte for byte.

Needs pytest and pandas only. The originals are read from data/raw/, or from
$ALLIANCEKIT_RAW_DATASETS to compare against another copy of the same files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SCRIPT = DATA / "build" / "reshape_field_datasets.py"

TABLES = [
    "capabilities.csv", "alliance_obligations.csv", "arms_transfers.csv",
    "arms_deals.csv", "disputes.csv", "dispute_participants.csv",
    "incidents.csv", "incident_participants.csv",
]

# Data rows per original file, as data/raw/PROVENANCE.md documents them.
ORIGINAL_ROWS = {
    "cow_nmc_subset.csv": 915, "cow_nmc_v6_subset.csv": 873,
    "atop_dprk_members.csv": 44, "atop_dprk_alliances.csv": 6,
    "atop_rus_chn_members.csv": 121, "atop_rus_chn_alliances.csv": 11,
    "sipri_trade_register_prk.csv": 216, "sipri_tiv_to_prk.csv": 5,
    "sipri_tiv_from_prk.csv": 17, "mid_dprk_disputes.csv": 54,
    "mid_dprk_participants.csv": 147, "mid_dprk_incidents.csv": 248,
    "mid_dprk_incident_participants.csv": 516,
}

# The kit's country-code rule, written out here independently of the script.
COW_ISO3 = {
    2: "USA", 20: "CAN", 40: "CUB", 41: "HTI", 42: "DOM", 70: "MEX",
    90: "GTM", 91: "HND", 92: "SLV", 93: "NIC", 94: "CRI", 95: "PAN",
    100: "COL", 101: "VEN", 130: "ECU", 135: "PER", 140: "BRA", 145: "BOL",
    150: "PRY", 155: "CHL", 165: "URY", 200: "GBR", 210: "NLD", 211: "BEL",
    212: "LUX", 220: "FRA", 230: "ESP", 290: "POL", 315: "CSK", 345: "YUG",
    350: "GRC", 369: "UKR", 385: "NOR", 450: "LBR", 530: "ETH",
    560: "ZAF", 600: "MAR", 630: "IRN", 640: "TUR", 645: "IRQ", 651: "EGY",
    670: "SAU", 702: "TJK", 703: "KGZ", 704: "UZB", 705: "KAZ", 710: "CHN",
    712: "MNG", 713: "TWN", 731: "PRK", 732: "KOR", 740: "JPN", 750: "IND",
    770: "PAK", 771: "BGD", 775: "MMR", 780: "LKA", 800: "THA", 811: "KHM",
    812: "LAO", 816: "VNM", 817: "RVN", 820: "MYS", 830: "SGP", 835: "BRN",
    840: "PHL", 850: "IDN", 860: "TLS", 900: "AUS", 910: "PNG", 920: "NZL",
}
SIPRI_ISO3 = {
    "China": "CHN", "DR Congo": "COD", "Egypt": "EGY", "Ethiopia": "ETH",
    "Guyana": "GUY", "Hamas (Palestine)*": "", "Iran": "IRN",
    "Kazakhstan": "KAZ", "Libya": "LBY", "Madagascar": "MDG",
    "Myanmar": "MMR", "North Korea": "PRK", "PRC (Israel/Palestine)*": "",
    "Pakistan": "PAK", "Russia": "RUS", "Soviet Union": "SUN", "Syria": "SYR",
    "Tanzania": "TZA", "UAE": "ARE", "Uganda": "UGA",
    "United Arab Emirates": "ARE", "United States": "USA", "Viet Nam": "VNM",
    "Yemen": "YEM", "Zimbabwe": "ZWE",
}


def expected_iso3(cow: str, date: str | None = None, year: str | None = None) -> str:
    code = int(cow)
    if code == 365:  # Russian Empire / USSR / Russian Federation
        if date is not None:
            return "SUN" if "1922-12-30" <= date <= "1991-12-25" else "RUS"
        return "SUN" if 1923 <= int(year) <= 1990 else "RUS"
    return COW_ISO3[code]


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)


def ymd(date: str) -> tuple[str, str, str]:
    return str(int(date[:4])), str(int(date[5:7])), str(int(date[8:10]))


def assert_same(rebuilt: pd.DataFrame, original: pd.DataFrame, what: str) -> None:
    assert list(rebuilt.columns) == list(original.columns), f"{what}: columns differ"
    assert len(rebuilt) == len(original), f"{what}: {len(rebuilt)} rows rebuilt vs {len(original)}"
    rebuilt = rebuilt.reset_index(drop=True)
    original = original.reset_index(drop=True)
    diff = rebuilt.ne(original)
    if diff.any().any():
        r, c = next((r, c) for c in diff.columns for r in diff.index if diff.at[r, c])
        raise AssertionError(f"{what}: row {r + 1} column {c!r}: table gives "
                             f"{rebuilt.at[r, c]!r}, original has {original.at[r, c]!r} "
                             f"({int(diff.values.sum())} cells differ)")


@pytest.fixture(scope="module")
def src() -> Path:
    env = os.environ.get("ALLIANCEKIT_RAW_DATASETS")
    path = Path(env) if env else DATA / "raw"
    # No skip: the originals are part of the repository, so a missing folder is a real failure.
    assert path.is_dir(), f"original datasets folder not found at {path}"
    return path


@pytest.fixture(scope="module")
def table():
    return lambda name: read(DATA / name)


def test_original_row_counts_match_provenance(src):
    for fname, n in ORIGINAL_ROWS.items():
        assert len(read(src / fname)) == n, fname


def test_the_originals_in_the_repository_are_the_files_provenance_describes():
    """data/raw/PROVENANCE.md gives each file's sha256: an edited original is caught, not silently rebuilt."""
    import hashlib
    import re

    listed = dict(re.findall(r"^\| (\S+\.csv) \| \d+ \| ([0-9a-f]{64}) \|$",
                             (DATA / "raw" / "PROVENANCE.md").read_text(encoding="utf-8"), flags=re.M))
    assert set(listed) == set(ORIGINAL_ROWS) == {p.name for p in (DATA / "raw").glob("*.csv")}
    for fname, digest in listed.items():
        assert hashlib.sha256((DATA / "raw" / fname).read_bytes()).hexdigest() == digest, fname


# ----------------------------------------------------------------- NMC
NMC_IND = ["milex", "milper", "irst", "pec", "tpop", "upop", "cinc"]


@pytest.mark.parametrize("fname,version,source_id", [
    ("cow_nmc_subset.csv", "7.0", "cow_nmc_v7_0"),
    ("cow_nmc_v6_subset.csv", "6.0", "cow_nmc_v6_0"),
])
def test_capabilities_lossless(src, table, fname, version, source_id):
    orig = read(src / fname)
    tab = table("capabilities.csv")
    tab = tab[tab["nmc_version"] == version]
    assert len(tab) == len(NMC_IND) * len(orig)
    assert not tab.duplicated(["cow_code", "year", "indicator"]).any()
    assert set(tab["indicator"]) == set(NMC_IND)
    assert set(tab["source_id"]) == {source_id}
    wide = tab.pivot(index=["cow_code", "year"], columns="indicator", values="value")
    meta = tab.drop_duplicates(["cow_code", "year"]).set_index(["cow_code", "year"])
    keys = list(zip(orig["ccode"], orig["year"]))
    rebuilt = pd.DataFrame({
        "stateabb": [meta.at[k, "stateabb"] for k in keys],
        "ccode": [k[0] for k in keys],
        "year": [k[1] for k in keys],
        **{ind: [wide.at[k, ind] or "-9" for k in keys] for ind in NMC_IND},
        "version": [meta.at[k, "nmc_release"] for k in keys],
    })
    assert_same(rebuilt, orig, f"capabilities v{version}")


def test_capabilities_units_and_codes(table):
    tab = table("capabilities.csv")
    units = {"milper": "thousand personnel", "irst": "thousand tons",
             "pec": "thousand coal-ton equivalents", "tpop": "thousand people",
             "upop": "thousand people", "cinc": "share of world total (0-1)"}
    for r in tab.itertuples(index=False):
        if r.indicator == "milex":
            want = "thousand current GBP" if int(r.year) < 1914 else "thousand current USD"
        else:
            want = units[r.indicator]
        assert r.unit == want, (r.iso3, r.year, r.indicator, r.unit)
        assert r.iso3 == expected_iso3(r.cow_code, year=r.year), (r.cow_code, r.year, r.iso3)


def test_nmc_v7_equals_v6_on_five_columns(src):
    """The check the capabilities status rests on: v7 (transcribed) equals v6
    (machine-extracted) on milex, milper, irst, tpop, upop for every shared
    state-year."""
    v7 = read(src / "cow_nmc_subset.csv").set_index(["ccode", "year"])
    v6 = read(src / "cow_nmc_v6_subset.csv").set_index(["ccode", "year"])
    shared = v6.index.intersection(v7.index)
    assert len(shared) == len(v6) == 873
    cols = ["milex", "milper", "irst", "tpop", "upop"]
    assert v7.loc[shared, cols].equals(v6.loc[shared, cols])


# ----------------------------------------------------------------- ATOP
ATOP_BACK = {"atop_id": "atopid", "cow_code": "member", "in_effect_2018": "ineffect",
             "neutrality": "neutral", "nonaggression": "nonagg", "consultation": "consul"}


@pytest.mark.parametrize("fname", ["atop_dprk_members.csv", "atop_rus_chn_members.csv"])
def test_alliance_members_lossless(src, table, fname):
    orig = read(src / fname)
    tab = table("alliance_obligations.csv")
    tab = tab[tab["coded_by"] == "ATOP 5.1"].drop(columns=["member"]).rename(columns=ATOP_BACK)
    tab = tab.set_index(["atopid", "member", "phase"], drop=False)
    assert tab.index.is_unique
    keys = list(zip(orig["atopid"], orig["member"], orig["phase"]))
    rows = tab.loc[keys]
    rebuilt = {}
    for c in orig.columns:
        if c in ("yrent", "moent", "dayent"):
            i = "yrent moent dayent".split().index(c)
            rebuilt[c] = [ymd(d)[i] for d in rows["start"]]
        elif c in ("yrexit", "moexit", "dayexit"):
            i = "yrexit moexit dayexit".split().index(c)
            rebuilt[c] = ["0" if d == "" else ymd(d)[i] for d in rows["end"]]
        else:
            rebuilt[c] = list(rows[c])
    assert_same(pd.DataFrame(rebuilt), orig, f"alliance_obligations vs {fname}")


def test_alliance_member_codes(table):
    tab = table("alliance_obligations.csv")
    for r in tab.itertuples(index=False):
        assert r.member == expected_iso3(r.cow_code, date=r.start), (r.atop_id, r.cow_code)
    assert set(tab.loc[tab["coded_by"] == "ATOP 5.1", "source_id"]) == {"atop_5_1"}


def test_alliance_member_count(src, table):
    keys = set()
    for fname in ("atop_dprk_members.csv", "atop_rus_chn_members.csv"):
        o = read(src / fname)
        keys |= set(zip(o["atopid"], o["member"], o["phase"]))
    tab = table("alliance_obligations.csv")
    assert (tab["coded_by"] == "ATOP 5.1").sum() == len(keys) == 131


def test_alliance_level_files_lossless(src, table):
    tab = table("alliance_obligations.csv")
    tab = tab[tab["coded_by"] == "ATOP 5.1"]
    n = 0
    for fname in ("atop_dprk_alliances.csv", "atop_rus_chn_alliances.csv"):
        for a in read(src / fname).to_dict("records"):
            n += 1
            rows = tab[tab["atop_id"] == a["atopid"]]
            assert len(rows) > 0, a["atopid"]
            start = f"{int(a['begyr']):04d}-{int(a['begmo']):02d}-{int(a['begday']):02d}"
            end = ("" if a["endyr"] == "0" else
                   f"{int(a['endyr']):04d}-{int(a['endmo']):02d}-{int(a['endday']):02d}")
            assert set(rows["alliance_start"]) == {start}, a["atopid"]
            assert set(rows["alliance_end"]) == {end}, a["atopid"]
            members = [a[f"mem{i}"] for i in range(1, 60) if a[f"mem{i}"] != ""]
            assert members == sorted(set(rows["cow_code"]), key=int), a["atopid"]
            for c, v in a.items():
                if c in ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday") or \
                        (c.startswith("mem") and c[3:].isdigit()):
                    continue
                col = f"alliance_{c}" if f"alliance_{c}" in tab.columns else \
                    {"ineffect": "in_effect_2018", "neutral": "neutrality", "nonagg": "nonaggression",
                     "consul": "consultation"}.get(c, c)
                assert set(rows[col]) == {v}, (a["atopid"], c, v, set(rows[col]))
    assert n == 17


def test_alliance_kit_rows(table):
    tab = table("alliance_obligations.csv")
    kit = tab[tab["coded_by"] == "alliancekit"]
    assert sorted(kit["member"]) == ["PRK", "RUS"]
    assert set(kit["start"]) == {"2024-06-19"} and set(kit["in_force"]) == {"2024-12-04"}
    assert set(kit["defense"]) == {"1"} and set(kit["consultation"]) == {"1"}
    assert set(kit["atop_id"]) == {""} and (kit["source_id"] != "").all()
    assert set(tab["coded_by"]) == {"ATOP 5.1", "alliancekit"}


# ----------------------------------------------------------------- SIPRI
@pytest.mark.parametrize("fname", ["sipri_tiv_to_prk.csv", "sipri_tiv_from_prk.csv"])
def test_arms_transfers_lossless(src, table, fname):
    orig = read(src / fname)
    tab = table("arms_transfers.csv")
    assert set(tab["sipri_release"]) == {"2022-07-28 TIV tables"}
    to_prk = fname == "sipri_tiv_to_prk.csv"
    part = tab[(tab["recipient_sipri"] == "North Korea") if to_prk else (tab["supplier_sipri"] == "North Korea")]
    years = [c for c in orig.columns if c.isdigit()]
    assert not part.duplicated(["supplier_sipri", "recipient_sipri", "measure", "year"]).any()
    cells = {}
    for r in part.itertuples(index=False):
        col = r.year if r.measure == "annual_delivery" else "Total"
        if r.measure == "annual_delivery":
            assert r.period_start == r.period_end == r.year
        else:
            assert (r.measure, r.year, r.period_start, r.period_end) == ("total_1950_2021", "", "1950", "2021")
        cells[(r.supplier_sipri, r.recipient_sipri, col)] = r.tiv
    rebuilt = []
    for o in orig.to_dict("records"):
        sup = o["Supplier"] if to_prk else "North Korea"
        row = {"Supplier": sup} if to_prk else {}
        row["Recipient"] = o["Recipient"]
        for c in years + ["Total"]:
            row[c] = cells.pop((sup, o["Recipient"], c), "")
        rebuilt.append(row)
    assert not cells, f"table rows not in {fname}: {list(cells)[:5]}"
    assert_same(pd.DataFrame(rebuilt, columns=list(orig.columns)), orig, f"arms_transfers vs {fname}")
    for r in part.itertuples(index=False):
        assert r.supplier == SIPRI_ISO3[r.supplier_sipri] and r.recipient == SIPRI_ISO3[r.recipient_sipri]


def test_arms_transfers_row_count(src, table):
    n = 0
    for fname in ("sipri_tiv_to_prk.csv", "sipri_tiv_from_prk.csv"):
        o = read(src / fname)
        n += int(o.drop(columns=[c for c in ("Supplier", "Recipient") if c in o]).ne("").values.sum())
    assert len(table("arms_transfers.csv")) == n


def test_arms_deals_lossless(src, table):
    orig = read(src / "sipri_trade_register_prk.csv")
    tab = table("arms_deals.csv")
    assert list(tab["deal_seq"]) == [str(i) for i in range(1, len(orig) + 1)]
    back = {"recipient_sipri": "Recipient", "supplier_sipri": "Supplier", "order_year": "Year of order",
            "order_year_flag": " ", "number_ordered": "Number ordered", "number_ordered_flag": " .1",
            "weapon": "Weapon designation", "description": "Weapon description",
            "number_delivered": "Number delivered", "number_delivered_flag": " .2",
            "delivery_years": "Year(s) of delivery", "status": "status", "comments": "Comments",
            "tiv_per_unit": "SIPRI TIV per unit", "tiv_total": "SIPRI TIV for total order",
            "tiv_delivered": "SIPRI TIV of delivered weapons"}
    rebuilt = tab.rename(columns=back)[list(orig.columns)]
    assert_same(rebuilt, orig, "arms_deals")
    assert set(tab["sipri_release"]) == {"2026-05-18 trade register"}
    for r in tab.itertuples(index=False):
        assert r.supplier == SIPRI_ISO3[r.supplier_sipri] and r.recipient == SIPRI_ISO3[r.recipient_sipri]


# ----------------------------------------------------------------- MID
MID_BACK = {"dispute_id": "dispnum", "incident_id": "incidnum", "cow_abb": "stabb",
            "cow_code": "ccode", "highest_action": "hiact", "hostility_level": "hostlev",
            "fatality_level": "fatality", "fatalities": "fatalpre", "originator": "orig",
            "mid_version": "version"}


@pytest.mark.parametrize("tname,fname", [
    ("disputes.csv", "mid_dprk_disputes.csv"),
    ("dispute_participants.csv", "mid_dprk_participants.csv"),
    ("incidents.csv", "mid_dprk_incidents.csv"),
    ("incident_participants.csv", "mid_dprk_incident_participants.csv"),
])
def test_mid_lossless(src, table, tname, fname):
    orig = read(src / fname)
    tab = table(tname)
    assert set(tab["source_id"]) == {"cow_mid_5_0"}
    rebuilt = {}
    for c in orig.columns:
        if c in ("stday", "stmon", "styear", "endday", "endmon", "endyear"):
            which = "start" if c.startswith("st") else "end"
            part = "year" if c.endswith("year") else "mon" if c.endswith("mon") else "day"
            vals = []
            for d, p in zip(tab[which], tab[f"{which}_precision"]):
                y, m, dd = ymd(d)
                if part == "day":
                    assert p in ("day", "month")
                    if p == "month":
                        assert dd == "1"
                    vals.append(dd if p == "day" else "-9")
                else:
                    vals.append(y if part == "year" else m)
            rebuilt[c] = vals
        elif c == "sidea":
            rebuilt[c] = [{"side_a": "1", "side_b": "0"}[v] for v in tab["side"]]
        elif c == "insidea":
            rebuilt[c] = [{"side_a": "1", "side_b": "0"}[v] for v in tab["incident_side"]]
        else:
            col = next((k for k, v in MID_BACK.items() if v == c), c)
            rebuilt[c] = [v if v != "" else "-9" for v in tab[col]]
    assert_same(pd.DataFrame(rebuilt), orig, f"{tname} vs {fname}")
    if "country" in tab:
        for r in tab.itertuples(index=False):
            assert r.country == expected_iso3(r.cow_code, date=r.start), (r.cow_code, r.start)


# ----------------------------------------------------------------- script
def test_script_reproduces_committed_csvs(src, tmp_path):
    res = subprocess.run([sys.executable, str(SCRIPT), str(src), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    for name in TABLES:
        built = (tmp_path / name).read_bytes()
        committed = (DATA / name).read_bytes()
        assert built == committed, f"{name}: script output differs from the committed file"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(TABLES)
