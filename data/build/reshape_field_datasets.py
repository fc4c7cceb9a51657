#!/usr/bin/env python3
"""Reshape the kit's political-science datasets into tidy tables.

Inputs: the published datasets' subsets in data/raw/ (documented in data/raw/PROVENANCE.md):
COW National Material Capabilities v7.0 and v6.0 (subsets), ATOP 5.1 (member
and alliance level, subsets), SIPRI Arms Transfers Database (trade register of
18 May 2026 and TIV tables of 28 July 2022, subsets) and COW MID 5.0 (MIDA,
MIDB, MIDI, MIDIP, subsets).

Outputs (written to --out, default <repo>/data):
capabilities.csv, alliance_obligations.csv, arms_transfers.csv,
arms_deals.csv, disputes.csv, dispute_participants.csv, incidents.csv,
incident_participants.csv.

Rules (see the resource descriptors and the notes for the long form):
- Every value is copied as the text the original file holds: nothing is
  recomputed, rounded or re-coded. Every input file is read as text.
- The one value change: the missing-value code -9 (NMC, MID) becomes an empty
  cell. ATOP and SIPRI mark missing data with empty cells already.
- Dates built from day/month/year columns are ISO strings; a MID day of -9
  (unknown) gives the first of the month and a *_precision of "month".
- Country codes: COW code -> ISO 3166 alpha-3 with the fixed dict COW_TO_ISO3
  below; COW 365 (Russian Empire, USSR and Russian Federation in one series)
  becomes "SUN" for the Soviet period and "RUS" otherwise (rule in iso3_for).
  SIPRI names -> ISO3 with SIPRI_TO_ISO3; SIPRI's non-state actors (names
  ending in "*") get no ISO3 (the SIPRI name is kept in *_sipri columns).

Usage: python3 data/build/reshape_field_datasets.py [DATASETS_DIR] [--out DIR]
Needs Python 3.11 and pandas only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATASETS = REPO_ROOT / "data" / "raw"
DEFAULT_OUT = REPO_ROOT / "data"

MISSING = "-9"

# --------------------------------------------------------------------------
# Country codes
# --------------------------------------------------------------------------
# COW state code -> ISO 3166-1 alpha-3. Former states use their ISO 3166-3
# codes (CSK Czechoslovakia, YUG Yugoslavia). 817 (Republic of Vietnam, South
# Vietnam, 1954-1975) has no ISO 3166 code; the kit uses "RVN" (a kit code).
# 816 is COW's one series for the Democratic Republic of Vietnam and (from
# 1976) the Socialist Republic of Viet Nam: "VNM".
COW_TO_ISO3 = {
    2: "USA", 20: "CAN", 40: "CUB", 41: "HTI", 42: "DOM", 70: "MEX",
    90: "GTM", 91: "HND", 92: "SLV", 93: "NIC", 94: "CRI", 95: "PAN",
    100: "COL", 101: "VEN", 130: "ECU", 135: "PER", 140: "BRA", 145: "BOL",
    150: "PRY", 155: "CHL", 165: "URY", 200: "GBR", 210: "NLD", 211: "BEL",
    212: "LUX", 220: "FRA", 230: "ESP", 290: "POL", 315: "CSK", 345: "YUG",
    350: "GRC", 365: "RUS", 369: "UKR", 385: "NOR", 450: "LBR", 530: "ETH",
    560: "ZAF", 600: "MAR", 630: "IRN", 640: "TUR", 645: "IRQ", 651: "EGY",
    670: "SAU", 702: "TJK", 703: "KGZ", 704: "UZB", 705: "KAZ", 710: "CHN",
    712: "MNG", 713: "TWN", 731: "PRK", 732: "KOR", 740: "JPN", 750: "IND",
    770: "PAK", 771: "BGD", 775: "MMR", 780: "LKA", 800: "THA", 811: "KHM",
    812: "LAO", 816: "VNM", 817: "RVN", 820: "MYS", 830: "SGP", 835: "BRN",
    840: "PHL", 850: "IDN", 860: "TLS", 900: "AUS", 910: "PNG", 920: "NZL",
}

# The USSR existed from 30 December 1922 to 26 December 1991.
USSR_FIRST_DAY = "1922-12-30"
USSR_LAST_DAY = "1991-12-25"


def iso3_for(cow_code: str, date: str | None = None, year: str | None = None) -> str:
    """ISO3 for a COW code at a reference date (YYYY-MM-DD) or, for annual
    data, a year. Only COW 365 depends on the date:
    - dated rows (ATOP member entry, MID participation start): "SUN" if the
      date lies in 1922-12-30 .. 1991-12-25, else "RUS";
    - annual rows (NMC): "SUN" for 1923-1990, else "RUS" (1922 is almost all
      pre-USSR; from 1991 NMC's 365 rows describe the Russian Federation:
      tpop 281,344 in 1990, 148,245 in 1991, per PROVENANCE.md).
    """
    code = int(cow_code)
    if code not in COW_TO_ISO3:
        raise KeyError(f"COW code {cow_code} has no ISO3 in COW_TO_ISO3")
    if code == 365:
        if date is not None:
            return "SUN" if USSR_FIRST_DAY <= date <= USSR_LAST_DAY else "RUS"
        if year is not None:
            return "SUN" if 1923 <= int(year) <= 1990 else "RUS"
        raise ValueError("COW 365 needs a date or a year")
    return COW_TO_ISO3[code]


# SIPRI's country names (as in the exports) -> ISO3. Names ending in "*" are
# non-state actors in SIPRI's convention: no ISO3.
SIPRI_TO_ISO3 = {
    "China": "CHN", "DR Congo": "COD", "Egypt": "EGY", "Ethiopia": "ETH",
    "Guyana": "GUY", "Hamas (Palestine)*": "", "Iran": "IRN",
    "Kazakhstan": "KAZ", "Libya": "LBY", "Madagascar": "MDG",
    "Myanmar": "MMR", "North Korea": "PRK", "PRC (Israel/Palestine)*": "",
    "Pakistan": "PAK", "Russia": "RUS", "Soviet Union": "SUN", "Syria": "SYR",
    "Tanzania": "TZA", "UAE": "ARE", "Uganda": "UGA",
    "United Arab Emirates": "ARE", "United States": "USA", "Viet Nam": "VNM",
    "Yemen": "YEM", "Zimbabwe": "ZWE",
}


def sipri_iso3(name: str) -> str:
    if name not in SIPRI_TO_ISO3:
        raise KeyError(f"SIPRI name {name!r} has no entry in SIPRI_TO_ISO3")
    return SIPRI_TO_ISO3[name]


# --------------------------------------------------------------------------
# Source ids (rows of data/sources.csv)
# --------------------------------------------------------------------------
SRC_NMC7 = "cow_nmc_v7_0"
SRC_NMC6 = "cow_nmc_v6_0"
SRC_ATOP = "atop_5_1"
SRC_SIPRI_REGISTER = "sipri_arms_transfers_register_2026_05_18"
SRC_SIPRI_TIV = "sipri_arms_transfers_tiv_tables_2022_07_28"
SRC_MID = "cow_mid_5_0"


def read_text_csv(path: Path) -> pd.DataFrame:
    """Read a CSV keeping every cell as the exact text in the file."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)


def blank_missing(value: str) -> str:
    return "" if value == MISSING else value


def write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def iso_date(year: str, month: str, day: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


# --------------------------------------------------------------------------
# capabilities.csv (NMC)
# --------------------------------------------------------------------------
NMC_INDICATORS = ["milex", "milper", "irst", "pec", "tpop", "upop", "cinc"]
NMC_UNITS = {
    "milper": "thousand personnel",
    "irst": "thousand tons",
    "pec": "thousand coal-ton equivalents",
    "tpop": "thousand people",
    "upop": "thousand people",
    "cinc": "share of world total (0-1)",
}
MILEX_UNIT_GBP = "thousand current GBP"  # 1816-1913
MILEX_UNIT_USD = "thousand current USD"  # 1914 on


def nmc_unit(indicator: str, year: str) -> str:
    if indicator == "milex":
        return MILEX_UNIT_GBP if int(year) < 1914 else MILEX_UNIT_USD
    return NMC_UNITS[indicator]


def build_capabilities(src: Path) -> pd.DataFrame:
    rows = []
    for fname, nmc_version, source_id in (
        ("cow_nmc_subset.csv", "7.0", SRC_NMC7),
        ("cow_nmc_v6_subset.csv", "6.0", SRC_NMC6),
    ):
        df = read_text_csv(src / fname)
        for i, r in enumerate(df.itertuples(index=False), start=1):
            r = r._asdict()
            for ind in NMC_INDICATORS:
                rows.append({
                    "iso3": iso3_for(r["ccode"], year=r["year"]),
                    "cow_code": r["ccode"],
                    "stateabb": r["stateabb"],
                    "year": r["year"],
                    "indicator": ind,
                    "value": blank_missing(r[ind]),
                    "unit": nmc_unit(ind, r["year"]),
                    "nmc_version": nmc_version,
                    "nmc_release": r["version"],
                    "source_id": source_id,
                    "locator": f"{fname} data row {i}, column {ind}",
                })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------
# alliance_obligations.csv (ATOP 5.1 + the kit's own 2024 coding)
# --------------------------------------------------------------------------
# Treaty names: ATOP's CSV files carry no treaty names. Each name below was
# matched to the ATOP row by signature date and members on the page cited by
# treaty_name_source_id (read with the search tool); "label" rows are kit
# labels, not names.
TREATY_NAMES = {
    ("1395", "0"): ("Li-Lobanov Treaty (Sino-Russian Secret Treaty)", "name", "wikipedia_li_lobanov_treaty"),
    ("2415", "0"): ("Sino-Soviet Non-Aggression Pact", "name", "wikipedia_sino_soviet_non_aggression_pact"),
    ("2550", "0"): ("Declaration by United Nations", "name", "dos_bulletin_1942_declaration_by_united_nations"),
    ("3030", "0"): ("Treaty of Friendship and Alliance between the Republic of China and the Union of Soviet Socialist Republics", "name", "worldjpn_19450814_sino_soviet_treaty"),
    ("3200", "0"): ("Treaty of Friendship, Alliance and Mutual Assistance between the Union of Soviet Socialist Republics and the People's Republic of China", "name", "worldjpn_19500214_sino_soviet_treaty"),
    ("3440", "0"): ("Treaty of Friendship, Co-operation and Mutual Assistance between the Union of Soviet Socialist Republics and the Democratic People's Republic of Korea", "name", "unts_6045_1961_ussr_dprk_treaty"),
    ("3445", "0"): ("Treaty on Friendship, Cooperation and Mutual Assistance between the People's Republic of China and the Democratic People's Republic of Korea", "name", "wikipedia_china_dprk_treaty_1961"),
    ("3460", "0"): ("Declaration on the Neutrality of Laos", "name", "cia_readingroom_1962_declaration_neutrality_laos"),
    ("3755", "0"): ("Treaty of Amity and Cooperation in Southeast Asia", "name", "asean_2005_tac_knowledge_kit"),
    ("3975", "0"): ("Treaty on Friendship and Cooperation between the DPRK and Cuba", "name", "pyongyang_times_2023_03_11_dprk_cuba"),
    ("4125", "0"): ("Agreement on Reconciliation, Non-Aggression, and Exchanges and Cooperation between South and North Korea", "name", "pax_1232_inter_korean_basic_agreement"),
    ("4385", "0"): ("Joint Statement on the basis of relations between the People's Republic of China and the Russian Federation", "name", "un_a_51_127_1996_sino_russian_declaration"),
    ("4810", "1"): ("Agreement on confidence-building in the military field in the border areas (Shanghai Five, 1996)", "name", "rferl_1996_04_26_shanghai_five_treaty"),
    ("4810", "2"): ("ATOP 4810 phase 2 (CHN, RUS, KAZ, KGZ, TJK, UZB from 2001-06-15; IND, PAK from 2015-06-10)", "label", ""),
    ("4940", "0"): ("Treaty of Friendship, Good-neighborliness and Cooperation between the DPRK and the Russian Federation", "name", "nknews_2020_02_dprk_russia_friendship_treaty"),
    ("4980", "0"): ("China-Russia Treaty of Good-Neighborliness and Friendly Cooperation", "name", "worldjpn_20010716_china_russia_treaty"),
    ("6020", "0"): ("Treaty on Long-term Good-Neighborliness, Friendship and Cooperation of the Member States of the Shanghai Cooperation Organization", "name", "zakonpravo_kz_2009_sco_treaty_ratification"),
}

ATOP_NOTES = {
    "4940": ("Superseded: the 2024 Treaty on Comprehensive Strategic Partnership entered into force on "
             "2024-12-04, rendering this 2000 treaty ineffective (TASS, source "
             "tass_2024_12_05_treaty_in_force); ATOP 5.1 codes the status on 31 Dec 2018 only."),
    "3440": ("ATOP end date 1996-09-10; Gibler's International Military Alliances gives 'In force until "
             "September 7, 1995' and a Russian note of September 1996 (gibler_2009_alliances_ussr_dprk_1961)."),
}

# ATOP columns given kit names; every other member-level column keeps its
# original ATOP name.
ATOP_RENAMED = {
    "atopid": "atop_id", "member": "cow_code", "ineffect": "in_effect_2018",
    "neutral": "neutrality", "nonagg": "nonaggression", "consul": "consultation",
}
ATOP_DATE_PARTS = ["yrent", "moent", "dayent", "yrexit", "moexit", "dayexit"]
ATOP_LEAD = ["atop_id", "treaty", "treaty_name_status", "treaty_name_source_id",
             "phase", "maxphase", "member", "cow_code", "start", "end",
             "in_force", "in_effect_2018", "defense", "offense", "neutrality",
             "nonaggression", "consultation", "coded_by"]
# Alliance-level (atopXX_alliances.csv) columns carried as alliance_<name>:
# dates, the alliance-level obligation summaries, and every other
# alliance-level column whose value differs from the member rows somewhere
# in this subset (4810 has two phases; 1395 terrres differs by member).
# All other alliance-level columns equal the member-level value on every
# member row (the test checks this), and mem1..mem59 equal the set of
# member codes.
ATOP_ALLIANCE_CARRIED = ["ineffect", "term", "defense", "offense", "neutral",
                         "nonagg", "consul", "active", "proadd", "futmem",
                         "terrres", "organ1", "orgpurp1", "reflnun",
                         "agprois", "interv"]

KIT_2024 = {
    "treaty": ("Treaty on Comprehensive Strategic Partnership between the Russian Federation "
               "and the Democratic People's Republic of Korea"),
    "start": "2024-06-19",
    "in_force": "2024-12-04",
    "defense": "1",
    "consultation": "1",
    "source_id": "nhk_2024_06_20_dprk_russia_treaty_text",
    "in_force_source_id": "tass_2024_12_05_treaty_in_force",
    "treaty_name_source_id": "tass_2024_11_06_federation_council_ratifies_treaty",
    "locator": "paras 2-6",
    "evidence": ("Article 4 stipulates that if either of them is invaded and placed under a state of war, "
                 "the other will deploy all means in its possession to provide military and other "
                 "assistance, without delay."),
    "note": ("Kit coding, not ATOP: defense=1 from Article 4; consultation=1 from Article 3 (NHK: "
             "'Article 3 states that when one of them faces a direct threat of possible military "
             "invasion, the two countries will immediately hold discussions on practical measures to "
             "remove the threat.'). offense, neutrality, nonaggression not coded (treaty text itself "
             "not read; left empty). start = signature date as ATOP codes it; in_force = exchange of "
             "ratification instruments (TASS citing KCNA)."),
}


def build_alliance_obligations(src: Path) -> pd.DataFrame:
    members = []
    seen = set()
    for fname in ("atop_dprk_members.csv", "atop_rus_chn_members.csv"):
        df = read_text_csv(src / fname)
        for i, r in enumerate(df.to_dict("records"), start=1):
            key = (r["atopid"], r["member"], r["phase"])
            if key in seen:  # atopid 3755 is in both files (identical lines)
                continue
            seen.add(key)
            members.append((fname, i, r))
    orig_cols = list(read_text_csv(src / "atop_dprk_members.csv").columns)

    alliances = {}
    for fname in ("atop_dprk_alliances.csv", "atop_rus_chn_alliances.csv"):
        for r in read_text_csv(src / fname).to_dict("records"):
            alliances.setdefault(r["atopid"], r)

    rest = [c for c in orig_cols
            if c not in ATOP_RENAMED and c not in ATOP_DATE_PARTS
            and c not in ("phase", "maxphase", "defense", "offense")]
    alliance_cols = ["alliance_start", "alliance_end"] + [f"alliance_{c}" for c in ATOP_ALLIANCE_CARRIED]
    tail = ["source_id", "locator", "evidence", "note", "in_force_source_id"]

    rows = []
    for fname, i, r in members:
        name, status, name_src = TREATY_NAMES[(r["atopid"], r["phase"])]
        start = iso_date(r["yrent"], r["moent"], r["dayent"])
        end = ("" if (r["yrexit"], r["moexit"], r["dayexit"]) == ("0", "0", "0")
               else iso_date(r["yrexit"], r["moexit"], r["dayexit"]))
        a = alliances[r["atopid"]]
        row = {
            "atop_id": r["atopid"], "treaty": name, "treaty_name_status": status,
            "treaty_name_source_id": name_src, "phase": r["phase"],
            "maxphase": r["maxphase"], "member": iso3_for(r["member"], date=start),
            "cow_code": r["member"], "start": start, "end": end, "in_force": "",
            "in_effect_2018": r["ineffect"], "defense": r["defense"],
            "offense": r["offense"], "neutrality": r["neutral"],
            "nonaggression": r["nonagg"], "consultation": r["consul"],
            "coded_by": "ATOP 5.1",
        }
        for c in rest:
            row[c] = r[c]
        row["alliance_start"] = iso_date(a["begyr"], a["begmo"], a["begday"])
        row["alliance_end"] = ("" if (a["endyr"], a["endmo"], a["endday"]) == ("0", "0", "0")
                               else iso_date(a["endyr"], a["endmo"], a["endday"]))
        for c in ATOP_ALLIANCE_CARRIED:
            row[f"alliance_{c}"] = a[c]
        row.update({"source_id": SRC_ATOP, "locator": f"{fname} data row {i}",
                    "evidence": "", "note": ATOP_NOTES.get(r["atopid"], ""),
                    "in_force_source_id": ""})
        rows.append(row)

    for cow in ("365", "731"):  # the kit's own coding of the 2024 treaty
        row = {c: "" for c in ATOP_LEAD + rest + alliance_cols + tail}
        row.update({
            "treaty": KIT_2024["treaty"], "treaty_name_status": "name",
            "treaty_name_source_id": KIT_2024["treaty_name_source_id"],
            "member": iso3_for(cow, date=KIT_2024["start"]), "cow_code": cow,
            "start": KIT_2024["start"], "in_force": KIT_2024["in_force"],
            "defense": KIT_2024["defense"], "consultation": KIT_2024["consultation"],
            "coded_by": "alliancekit", "source_id": KIT_2024["source_id"],
            "locator": KIT_2024["locator"], "evidence": KIT_2024["evidence"],
            "note": KIT_2024["note"], "in_force_source_id": KIT_2024["in_force_source_id"],
        })
        rows.append(row)
    return pd.DataFrame(rows, columns=ATOP_LEAD + rest + alliance_cols + tail)


# --------------------------------------------------------------------------
# arms_transfers.csv (SIPRI TIV tables, 2022) and arms_deals.csv (register)
# --------------------------------------------------------------------------
TIV_RELEASE = "2022-07-28 TIV tables"
REGISTER_RELEASE = "2026-05-18 trade register"
TIV_TABLE_FILES = {  # exporter -> SIPRI table file (PROVENANCE.md, section 3b)
    "Soviet Union": "TIV-Export-USR-1950-2021.csv",
    "Russia": "TIV-Export-RUS-1950-2021.csv",
    "China": "TIV-Export-CHI-1950-2021.csv",
    "Kazakhstan": "TIV-Export-KAZ-1950-2021.csv",
    "United States": "TIV-Export-USA-1950-2021.csv",
    "North Korea": "TIV-Export-KON-1950-2021.csv",
}


def build_arms_transfers(src: Path) -> pd.DataFrame:
    rows = []
    for fname in ("sipri_tiv_to_prk.csv", "sipri_tiv_from_prk.csv"):
        df = read_text_csv(src / fname)
        years = [c for c in df.columns if c.isdigit()]
        for i, r in enumerate(df.to_dict("records"), start=1):
            supplier = r.get("Supplier", "North Korea")
            recipient = r["Recipient"]
            base = {
                "supplier": sipri_iso3(supplier), "supplier_sipri": supplier,
                "recipient": sipri_iso3(recipient), "recipient_sipri": recipient,
            }
            cells = [(y, y, y, "annual_delivery") for y in years]
            cells.append(("Total", "", None, "total_1950_2021"))
            for col, year, _, measure in cells:
                value = r[col]
                if value == "":  # blank = no deliveries: no row
                    continue
                rows.append({
                    **base,
                    "year": year,
                    "period_start": year if year else years[0],
                    "period_end": year if year else years[-1],
                    "measure": measure,
                    "tiv": value,
                    "sipri_release": TIV_RELEASE,
                    "sipri_table": TIV_TABLE_FILES[supplier],
                    "source_id": SRC_SIPRI_TIV,
                    "locator": f"{fname} data row {i}, column {col}",
                })
    return pd.DataFrame(rows)


REGISTER_RENAME = {
    "Recipient": "recipient_sipri", "Supplier": "supplier_sipri",
    "Year of order": "order_year", " ": "order_year_flag",
    "Number ordered": "number_ordered", " .1": "number_ordered_flag",
    "Weapon designation": "weapon", "Weapon description": "description",
    "Number delivered": "number_delivered", " .2": "number_delivered_flag",
    "Year(s) of delivery": "delivery_years", "status": "status",
    "Comments": "comments", "SIPRI TIV per unit": "tiv_per_unit",
    "SIPRI TIV for total order": "tiv_total",
    "SIPRI TIV of delivered weapons": "tiv_delivered",
}
DEALS_COLUMNS = ["deal_seq", "supplier", "recipient", "supplier_sipri",
                 "recipient_sipri", "order_year", "order_year_flag", "weapon",
                 "description", "number_ordered", "number_ordered_flag",
                 "number_delivered", "number_delivered_flag", "delivery_years",
                 "status", "comments", "tiv_per_unit", "tiv_total",
                 "tiv_delivered", "sipri_release", "source_id", "locator"]


def build_arms_deals(src: Path) -> pd.DataFrame:
    fname = "sipri_trade_register_prk.csv"
    df = read_text_csv(src / fname)
    if list(df.columns) != list(REGISTER_RENAME):
        raise ValueError(f"unexpected columns in {fname}: {list(df.columns)}")
    out = df.rename(columns=REGISTER_RENAME)
    out.insert(0, "deal_seq", [str(i) for i in range(1, len(df) + 1)])
    out["supplier"] = [sipri_iso3(s) for s in out["supplier_sipri"]]
    out["recipient"] = [sipri_iso3(s) for s in out["recipient_sipri"]]
    out["sipri_release"] = REGISTER_RELEASE
    out["source_id"] = SRC_SIPRI_REGISTER
    out["locator"] = [f"{fname} data row {i}" for i in range(1, len(df) + 1)]
    return out[DEALS_COLUMNS]


# --------------------------------------------------------------------------
# MID 5.0: disputes, dispute_participants, incidents, incident_participants
# --------------------------------------------------------------------------
MID_RENAME = {
    "dispnum": "dispute_id", "incidnum": "incident_id", "stabb": "cow_abb",
    "ccode": "cow_code", "hiact": "highest_action", "hostlev": "hostility_level",
    "fatality": "fatality_level", "fatalpre": "fatalities", "orig": "originator",
    "version": "mid_version",
}
MID_DATE_PARTS = ["stday", "stmon", "styear", "endday", "endmon", "endyear"]


def mid_date(year: str, month: str, day: str) -> tuple[str, str]:
    """ISO date and precision; MID day -9 (unknown) -> first of month."""
    if day == MISSING:
        return iso_date(year, month, "1"), "month"
    return iso_date(year, month, day), "day"


def build_mid(src: Path, fname: str) -> pd.DataFrame:
    df = read_text_csv(src / fname)
    rows = []
    for i, r in enumerate(df.to_dict("records"), start=1):
        start, start_p = mid_date(r["styear"], r["stmon"], r["stday"])
        end, end_p = mid_date(r["endyear"], r["endmon"], r["endday"])
        row = {}
        for c in df.columns:
            if c in MID_DATE_PARTS:
                if c == "stday":
                    row.update({"start": start, "start_precision": start_p,
                                "end": end, "end_precision": end_p})
                continue
            if c == "ccode":
                row["country"] = iso3_for(r[c], date=start)
            if c == "sidea":
                row["side"] = {"1": "side_a", "0": "side_b"}[r[c]]
                continue
            if c == "insidea":
                row["incident_side"] = {"1": "side_a", "0": "side_b"}[r[c]]
                continue
            row[MID_RENAME.get(c, c)] = blank_missing(r[c])
        row["source_id"] = SRC_MID
        row["locator"] = f"{fname} data row {i}"
        rows.append(row)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------
OUTPUTS = {
    "capabilities.csv": build_capabilities,
    "alliance_obligations.csv": build_alliance_obligations,
    "arms_transfers.csv": build_arms_transfers,
    "arms_deals.csv": build_arms_deals,
    "disputes.csv": lambda s: build_mid(s, "mid_dprk_disputes.csv"),
    "dispute_participants.csv": lambda s: build_mid(s, "mid_dprk_participants.csv"),
    "incidents.csv": lambda s: build_mid(s, "mid_dprk_incidents.csv"),
    "incident_participants.csv": lambda s: build_mid(s, "mid_dprk_incident_participants.csv"),
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("datasets", nargs="?", default=str(DEFAULT_DATASETS),
                   help="folder of the original subsets (default: <repo>/data/raw)")
    p.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default: <repo>/data)")
    args = p.parse_args(argv)
    src, out = Path(args.datasets), Path(args.out)
    if not src.is_dir():
        print(f"datasets folder not found: {src}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for name, build in OUTPUTS.items():
        df = build(src)
        write_csv(df, out / name)
        print(f"{name}: {len(df)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
