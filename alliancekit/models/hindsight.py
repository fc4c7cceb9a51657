"""The op-ed in hindsight (lessons 06 and 07): the claims ledger, North Korean deliveries, treaty obligations.

Pure functions: DataFrames from :func:`alliancekit.data.load` in, plain DataFrames and numbers out.
An impossible selection raises :class:`SelectionError` with a plain message.
"""

from __future__ import annotations

import pandas as pd

from .selection import ALL, SelectionError

# The ledger's verdicts, from agreement to no check at all (the codebook's order; see data/datapackage.json).
VERDICTS = ("supported", "partly_supported", "contradicted", "no_evidence_found", "overtaken_by_events", "not_checkable")
# What a source does for a claim (data/claim_sources.csv).
ROLES = ("supports", "partly_supports", "contradicts", "context", "oped")
CLAIM_TYPES = ("fact", "estimate", "forecast", "opinion", "rhetoric")
OBLIGATIONS = ("defense", "offense", "neutrality", "nonaggression", "consultation")
OPED_SOURCE = "cohen_2023_oped"

# Which alliances an obligations view shows: "patrons" are North Korea's bilateral alliances with Moscow or Beijing.
ALLIANCE_GROUPS = {
    "north_korea_patrons": "North Korea's treaties with Moscow and Beijing (1961, 2000, 2024)",
    "north_korea_all": "every alliance of North Korea (ATOP 5.1, plus the kit's 2024 coding)",
    "russia_china": "alliances between Russia/USSR and China (ATOP 5.1)",
}
PATRONS = {"SUN", "RUS", "CHN"}

DELIVERY_UNITS = {"containers": "containers_delivered_cumulative", "shells": "delivered_cumulative"}


# --- the claims ledger ------------------------------------------------------------------------------

def _check_choice(value: str, allowed, what: str) -> None:
    if value != ALL and value not in set(allowed):
        raise SelectionError(f"There is no {what} called {value!r}; choose one of: {', '.join(map(str, allowed))}.")


def filter_claims(claims: pd.DataFrame, verdict: str = ALL, claim_type: str = ALL, excerpt_id: str = ALL) -> pd.DataFrame:
    """The claims with this verdict, kind and excerpt (``"all"`` keeps every value), in the op-ed's order.

    An empty result is an empty table, not an error; an unknown verdict, kind or excerpt raises
    :class:`SelectionError`.
    """
    _check_choice(verdict, VERDICTS, "verdict")
    _check_choice(claim_type, CLAIM_TYPES, "kind of claim")
    _check_choice(excerpt_id, sorted(set(claims["excerpt_id"].astype(str))), "excerpt")
    chosen = claims
    if verdict != ALL:
        chosen = chosen[chosen["verdict"].astype(str) == verdict]
    if claim_type != ALL:
        chosen = chosen[chosen["claim_type"].astype(str) == claim_type]
    if excerpt_id != ALL:
        chosen = chosen[chosen["excerpt_id"].astype(str) == excerpt_id]
    return chosen.reset_index(drop=True)


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Number of claims for every verdict (rows) and kind of claim (columns), zeros included.

    Always the same shape (6 verdicts x 5 kinds), in the codebook's order, so a chart can keep a fixed set of traces.
    """
    table = pd.crosstab(claims["verdict"].astype(str), claims["claim_type"].astype(str))
    return table.reindex(index=list(VERDICTS), columns=list(CLAIM_TYPES), fill_value=0).astype(int)


def split_ids(value) -> list[str]:
    """``"a;b"`` -> ``["a", "b"]``; a missing value gives an empty list."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return []
    return [v.strip() for v in str(value).split(";") if v.strip()]


def _links_or_load(links: pd.DataFrame | None) -> pd.DataFrame:
    """The claim-source link table: the one given, or the kit's ``claim_sources`` table."""
    if links is not None:
        return links
    from .. import data  # only when the caller passes no table: the models stay usable on any data
    return data.load("claim_sources")


def sources_of(claim_id: str, links: pd.DataFrame) -> list[str]:
    """The source ids a claim cites, in the link table's order."""
    return [str(s) for s in links.loc[links["claim_id"].astype(str) == claim_id, "source_id"]]


def independent_sources(links: pd.DataFrame) -> pd.Series:
    """For each claim (indexed by claim_id), how many cited sources are not the op-ed itself."""
    independent = links["source_id"].astype(str) != OPED_SOURCE
    return independent.groupby(links["claim_id"].astype(str), sort=False).sum().astype(int)


def evidence_for(claim_ids, claims: pd.DataFrame, sources: pd.DataFrame, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evidence table for chosen claims: one row per (claim, cited source), with the source's reference.

    Columns: claim_id, claim, claim_type, verdict, caveat, source_id, role (supports, partly_supports,
    contradicts, context, or oped), is_oped (the source is the op-ed itself, so no independent evidence),
    author, title, publisher, year, url, reliability_note. Rows follow the order of ``claim_ids``, then the
    order of the link table ``links`` (``data.load("claim_sources")`` when not given).
    """
    if isinstance(claim_ids, str):
        claim_ids = [claim_ids]
    claim_ids = list(dict.fromkeys(claim_ids))  # keep order, drop repeats
    if not claim_ids:
        raise SelectionError("Choose at least one claim_id (see data.load('claims')['claim_id']).")
    by_id = claims.set_index("claim_id")
    unknown = [c for c in claim_ids if c not in by_id.index]
    if unknown:
        raise SelectionError(f"No claim with claim_id {', '.join(map(repr, unknown))} in the claims table.")
    links = _links_or_load(links)
    refs = sources.set_index("source_id")
    rows = []
    for claim_id in claim_ids:
        claim = by_id.loc[claim_id]
        mine = links[links["claim_id"].astype(str) == claim_id]
        for source_id, role in zip(mine["source_id"].astype(str), mine["role"].astype(str)):
            ref = refs.loc[source_id] if source_id in refs.index else None
            rows.append({
                "claim_id": claim_id, "claim": claim["claim"], "claim_type": str(claim["claim_type"]),
                "verdict": str(claim["verdict"]), "caveat": "" if pd.isna(claim.get("caveat")) else str(claim["caveat"]),
                "source_id": source_id, "role": role, "is_oped": source_id == OPED_SOURCE,
                **{col: (None if ref is None else ref[col])
                   for col in ("author", "title", "publisher", "year", "url", "reliability_note")},
            })
    return pd.DataFrame(rows)


def rows_citing(source_ids, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows of other tables that cite any of ``source_ids``: where else the kit uses the same evidence.

    ``tables`` maps a table's name to the loaded table. Returns columns table, row_id (the table's first
    column), date (if the table has one), what (the row's event, claim, treaty or metric) and source_id.
    """
    wanted = set([source_ids] if isinstance(source_ids, str) else source_ids)
    rows = []
    for name, table in tables.items():
        column = "source_id" if "source_id" in table.columns else "source_ids" if "source_ids" in table.columns else None
        if column is None:
            continue
        what = next((c for c in ("event", "claim", "treaty", "metric", "title", "role", "note") if c in table.columns), None)
        date = next((c for c in ("date", "signed", "start", "year") if c in table.columns), None)
        for _, row in table.iterrows():
            hits = [s for s in split_ids(row[column]) if s in wanted]
            for source_id in hits:
                rows.append({"table": name, "row_id": row.iloc[0],
                             "date": None if date is None else row[date],
                             "what": None if what is None else str(row[what]), "source_id": source_id})
    return pd.DataFrame(rows, columns=["table", "row_id", "date", "what", "source_id"])


# --- North Korean deliveries -------------------------------------------------------------------------

def north_korean_deliveries(shells: pd.DataFrame, unit: str = "containers", include_alternatives: bool = True) -> pd.DataFrame:
    """North Korea's cumulative deliveries to Russia as reported over time, in ``unit`` (containers or shells).

    One row per reported figure, by report date, with ``kind``: "single" (one figure, or a lower bound),
    "range" (a low and a high from one source) or "alternative" (the same containers converted as if all
    122 mm or all 152 mm: two alternatives, never to be added). Nothing is summed or averaged.
    """
    if unit not in DELIVERY_UNITS:
        raise SelectionError(f"Deliveries are counted in {' or '.join(DELIVERY_UNITS)}, not {unit!r}.")
    rows = shells[(shells["actor"].astype(str) == "PRK") & (shells["metric"].astype(str) == DELIVERY_UNITS[unit])].copy()
    alternative = rows["range_kind"].astype(str) == "alternative_assumptions"
    ranged = rows["value_high"].notna() & (rows["value_high"] != rows["value_low"])
    rows["kind"] = "single"
    rows.loc[ranged, "kind"] = "range"
    rows.loc[alternative, "kind"] = "alternative"
    if not include_alternatives:
        rows = rows[~alternative]
    return rows.sort_values(["date", "shell_id"]).reset_index(drop=True)


def shells_per_container(shells_estimate: float, containers: float) -> float:
    """Shells per container implied by a shell estimate and a container count from the same report."""
    if containers <= 0:
        raise SelectionError("A number of containers must be above zero to divide by it.")
    if shells_estimate < 0:
        raise SelectionError("A number of shells cannot be negative.")
    return shells_estimate / containers


# --- treaty obligations (ATOP and the kit's coding) --------------------------------------------------

def _label(members: list[str], start: pd.Timestamp, coded_by: str, atop_id, treaty: str) -> str:
    year = "" if pd.isna(start) else f" {start.year}"
    who = "\u2013".join(members) if len(members) <= 3 else f"{treaty[:38].rstrip()}\u2026 ({len(members)} members)"
    origin = "kit coding" if coded_by == "alliancekit" else f"ATOP {atop_id}"
    return f"{who}{year} ({origin})"


def alliance_summary(obligations: pd.DataFrame) -> pd.DataFrame:
    """One row per alliance (and ATOP phase): label, treaty, members, start, end, the five obligations, coded_by.

    An obligation is 1 if ATOP codes it for any member (ATOP codes members separately, and in these
    alliances they agree), 0 if coded 0, and missing where the kit's 2024 coding leaves it empty.
    """
    table = obligations.copy()
    atop_id = table["atop_id"].astype(object).where(table["atop_id"].notna(), "kit").astype(str)
    phase = table["phase"].astype(object).where(table["phase"].notna(), "0").astype(str)
    table["alliance_key"] = atop_id + "/" + phase
    rows = []
    for key, group in table.groupby("alliance_key", sort=False):
        first = group.iloc[0]
        members = list(dict.fromkeys(group["member"].astype(str)))
        start = group["start"].min()
        coded_by = str(first["coded_by"])
        row = {
            "alliance_key": key, "atop_id": first["atop_id"], "treaty": str(first["treaty"]),
            "members": ";".join(members), "n_members": len(members), "start": start,
            "end": group["end"].max() if group["end"].notna().all() else pd.NaT, "coded_by": coded_by,
            "source_id": str(first["source_id"]),
        }
        for ob in OBLIGATIONS:
            values = group[ob].dropna()
            row[ob] = pd.NA if values.empty else int(values.max())
        row["label"] = _label(members, start, coded_by, first["atop_id"], str(first["treaty"]))
        rows.append(row)
    out = pd.DataFrame(rows)
    for ob in OBLIGATIONS:
        out[ob] = out[ob].astype("Int64")
    return out.sort_values("start").reset_index(drop=True)


def select_alliances(summary: pd.DataFrame, group: str) -> pd.DataFrame:
    """The alliances of one group (see ``ALLIANCE_GROUPS``), oldest first."""
    if group not in ALLIANCE_GROUPS:
        raise SelectionError(f"There is no group of alliances called {group!r}; choose one of: {', '.join(ALLIANCE_GROUPS)}.")
    members = summary["members"].str.split(";").map(set)
    if group == "north_korea_patrons":
        keep = members.map(lambda m: len(m) == 2 and "PRK" in m and bool(m & PATRONS))
    elif group == "north_korea_all":
        keep = members.map(lambda m: "PRK" in m)
    else:
        keep = members.map(lambda m: "CHN" in m and bool(m & {"SUN", "RUS"}))
    return summary[keep].reset_index(drop=True)


def obligation_matrix(alliances: pd.DataFrame) -> pd.DataFrame:
    """Alliances (rows, by label) x obligations (columns): 1, 0, or missing where not coded."""
    if alliances.empty:
        raise SelectionError("No alliance matches this selection.")
    return alliances.set_index("label")[list(OBLIGATIONS)]


def count_with_obligation(alliances: pd.DataFrame, obligation: str = "defense", coded_by: str | None = "ATOP 5.1") -> int:
    """How many alliances carry ``obligation`` = 1 (only those coded by ``coded_by``; None counts all)."""
    if obligation not in OBLIGATIONS:
        raise SelectionError(f"ATOP codes {', '.join(OBLIGATIONS)}; there is no obligation {obligation!r}.")
    chosen = alliances if coded_by is None else alliances[alliances["coded_by"].astype(str) == coded_by]
    return int((chosen[obligation].fillna(0) == 1).sum())
