"""Leverage and sanctions (lesson 05): Security Council votes, General Assembly roll-calls, capability ratios.

Pure functions on the kit's tables (``unsc_resolutions``, ``un_votes``, ``ga_resolutions``,
``capabilities``). Impossible selections raise :class:`SelectionError` with a plain message.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .selection import SelectionError

VOTES = ("yes", "no", "abstain", "absent")
# The votes that count for agreement: a state that did not vote ("absent") expressed no position.
CAST_VOTES = ("yes", "no", "abstain")
TALLY_COLUMNS = ("votes_for", "votes_against", "abstentions")

# COW code -> the name used in the lessons. COW 365 is one series for the USSR (iso3 SUN, 1923-1990) and
# Russia (RUS): the kit keeps both iso3 codes, the capability model joins them on the COW code.
STATES_BY_COW = {
    "365": "Russia/USSR",
    "710": "China",
    "731": "North Korea",
    "732": "South Korea",
    "740": "Japan",
    "2": "United States",
    "369": "Ukraine",
}


# --- Security Council ------------------------------------------------------------------------------


def _one_value(values: pd.Series):
    """The single value several sources agree on; missing if none gives one or if they disagree."""
    given = values.dropna().unique()
    return given[0] if len(given) == 1 else pd.NA


def unsc_by_resolution(unsc: pd.DataFrame) -> pd.DataFrame:
    """One row per Security Council resolution or vetoed draft, in date order, never double-counting.

    ``unsc_resolutions`` has one row per source for some resolutions. The tally columns keep the figure the
    sources agree on (a source that does not give it is ignored; sources that give different figures leave
    it empty and ``sources_disagree`` True). ``n_sources`` and ``source_ids`` say how many sources and which
    (and ``source_labels`` their readable names, if the input has a ``source_label`` column).
    """
    rows = []
    for resolution, group in unsc.groupby(unsc["resolution"].astype(str), sort=False):
        row = {"resolution": resolution, "date": group["date"].min(), "subject": group["subject"].iloc[0],
               "adopted": str(group["adopted"].iloc[0]), "vetoed_by": _one_value(group["vetoed_by"])}
        disagree = False
        for column in TALLY_COLUMNS:
            given = group[column].dropna().unique()
            disagree = disagree or len(given) > 1
            row[column] = int(given[0]) if len(given) == 1 else pd.NA
        row["sources_disagree"] = disagree
        row["n_sources"] = int(group["source_id"].nunique())
        row["source_ids"] = ";".join(dict.fromkeys(group["source_id"].astype(str)))
        if "source_label" in group.columns:
            row["source_labels"] = "; ".join(dict.fromkeys(group["source_label"].astype(str)))
        rows.append(row)
    out = pd.DataFrame(rows)
    for column in TALLY_COLUMNS:
        out[column] = out[column].astype("Int64")
    return out.sort_values(["date", "resolution"]).reset_index(drop=True)


def vetoes_by_member(unsc: pd.DataFrame) -> pd.Series:
    """How many drafts each permanent member vetoed (ISO3 -> count), each draft counted once."""
    per_draft = unsc_by_resolution(unsc)["vetoed_by"].dropna()
    members = [m for value in per_draft for m in str(value).split(";") if m]
    return pd.Series(members, dtype="string").value_counts().rename("vetoes")


# --- General Assembly roll-calls -------------------------------------------------------------------


def rollcall_counts(votes: pd.DataFrame) -> pd.DataFrame:
    """Counts of yes, no, abstain and absent in each roll-call of ``un_votes`` (one row per resolution)."""
    counts = (votes.assign(vote=votes["vote"].astype(str), resolution=votes["resolution"].astype(str))
              .groupby(["resolution", "vote"]).size().unstack(fill_value=0))
    return counts.reindex(columns=list(VOTES), fill_value=0).astype(int)


def complete_rollcalls(votes: pd.DataFrame, tallies: pd.DataFrame) -> list[str]:
    """The resolutions whose roll-call in ``un_votes`` equals an official tally in ``ga_resolutions``.

    A roll-call is complete when its yes, no and abstain counts equal those of a tally row for the same
    resolution (and its absent count too, where that row gives one), and no state appears twice. Partial
    lists (someone still adding states) are left out, so counts are never drawn from half a vote. Sorted by date.
    """
    if votes.empty:
        return []
    counts = rollcall_counts(votes)
    dates = votes.assign(resolution=votes["resolution"].astype(str)).groupby("resolution")["date"].min()
    duplicated = set(votes.loc[votes.duplicated(["resolution", "iso3"]), "resolution"].astype(str))
    complete = []
    for resolution, row in counts.iterrows():
        if resolution in duplicated:
            continue
        official = tallies[tallies["resolution"].astype(str) == resolution]
        for _, tally in official.iterrows():
            same = all(row[v] == tally[v] for v in CAST_VOTES if not pd.isna(tally[v]))
            same = same and not any(pd.isna(tally[v]) for v in CAST_VOTES)
            if same and (pd.isna(tally["absent"]) or row["absent"] == tally["absent"]):
                complete.append(resolution)
                break
    return sorted(complete, key=lambda r: (dates[r], r))


def _check_resolution(votes: pd.DataFrame, resolution: str) -> pd.DataFrame:
    chosen = votes[votes["resolution"].astype(str) == resolution]
    if chosen.empty:
        raise SelectionError(f"There is no roll-call for {resolution!r} in the kit's data.")
    return chosen


def vote_counts(votes: pd.DataFrame, resolution: str) -> pd.Series:
    """How many states voted yes, no, abstain and were absent on one resolution (always those four, in order)."""
    chosen = _check_resolution(votes, resolution)
    return chosen["vote"].astype(str).value_counts().reindex(list(VOTES), fill_value=0).astype(int).rename("states")


def votes_on(votes: pd.DataFrame, resolution: str, vote: str | None = None) -> pd.DataFrame:
    """The states' votes on one resolution (country, iso3, vote, source_id), by vote then country.

    ``vote`` keeps one kind of vote only (e.g. ``"no"``); an empty result is a table, not an error.
    """
    chosen = _check_resolution(votes, resolution)
    if vote is not None:
        if vote not in VOTES:
            raise SelectionError(f"{vote!r} is not a vote; the votes are {', '.join(VOTES)}.")
        chosen = chosen[chosen["vote"].astype(str) == vote]
    order = {v: i for i, v in enumerate(VOTES)}
    out = chosen.assign(_order=chosen["vote"].astype(str).map(order)).sort_values(["_order", "country"])
    columns = [c for c in ("country", "iso3", "vote", "source_id", "source_label") if c in out.columns]
    return out[columns].reset_index(drop=True)


@dataclass(frozen=True)
class Agreement:
    """How often two states voted the same way, over the resolutions where both cast a vote."""

    state_a: str
    state_b: str
    same: int             # resolutions where both voted, and voted alike
    shared: int           # resolutions where both voted yes, no or abstain
    left_out_absent: int  # resolutions left out because one or both did not vote
    resolutions: tuple[str, ...]

    @property
    def share(self) -> float:
        """Share of shared votes that were alike, 0 to 1."""
        return self.same / self.shared


def vote_pairs(votes: pd.DataFrame, state_a: str, state_b: str, resolutions: list[str] | None = None) -> pd.DataFrame:
    """Side by side, the votes of two states (ISO3) on each resolution: resolution, vote_a, vote_b, the source
    of each vote (source_a, source_b: its ``source_label`` if the table has one, else its source_id) and date.

    Resolutions where a state has no row at all (it was not listed) show that vote as missing.
    """
    known = set(votes["iso3"].astype(str))
    for state in (state_a, state_b):
        if state not in known:
            raise SelectionError(f"There is no state with code {state!r} in the roll-calls.")
    if state_a == state_b:
        raise SelectionError("Pick two different states: a state always agrees with itself.")
    chosen = votes if resolutions is None else votes[votes["resolution"].astype(str).isin(resolutions)]
    if resolutions is not None and chosen.empty:
        raise SelectionError("None of the chosen resolutions has a roll-call.")
    chosen = chosen.assign(resolution=chosen["resolution"].astype(str), vote=chosen["vote"].astype(str))
    dates = chosen.groupby("resolution")["date"].min()
    out = pd.DataFrame({"resolution": sorted(dates.index)})
    label = "source_label" if "source_label" in chosen.columns else "source_id"
    for state, suffix in ((state_a, "a"), (state_b, "b")):
        rows = chosen[chosen["iso3"].astype(str) == state].drop_duplicates("resolution").set_index("resolution")
        out[f"vote_{suffix}"] = out["resolution"].map(rows["vote"])
        out[f"source_{suffix}"] = out["resolution"].map(rows[label])
    out["date"] = out["resolution"].map(dates)
    return out.sort_values(["date", "resolution"]).reset_index(drop=True)


def agreement(votes: pd.DataFrame, state_a: str, state_b: str, resolutions: list[str] | None = None) -> Agreement:
    """The share of resolutions on which two states (ISO3 codes) voted the same way.

    Only resolutions where both voted yes, no or abstain count; a resolution where either was absent is
    left out and counted in ``left_out_absent``. Two identical states, an unknown state, or no resolution
    where both voted raise :class:`SelectionError` with a plain message.
    """
    pairs = vote_pairs(votes, state_a, state_b, resolutions)
    both_voted = pairs["vote_a"].isin(CAST_VOTES) & pairs["vote_b"].isin(CAST_VOTES)
    shared = int(both_voted.sum())
    if shared == 0:
        raise SelectionError(f"{state_a} and {state_b} never both voted on the same resolution in these roll-calls, "
                             "so their agreement cannot be measured.")
    same = int((both_voted & (pairs["vote_a"] == pairs["vote_b"])).sum())
    return Agreement(state_a, state_b, same, shared, int((~both_voted).sum()), tuple(pairs["resolution"]))


# Who votes with a reference state: the rows the agreement explorer starts from (the reference itself is left
# out of the rows, so Russia is listed for when another state is the reference): Russia's three partners that
# voted with it on every Ukraine vote, Nicaragua, three that split their votes, China and India, and the other side.
ALIGNMENT_STATES = ("RUS", "BLR", "PRK", "SYR", "NIC", "ERI", "CUB", "IRN", "CHN", "IND", "KOR", "USA")


def vote_grid(votes: pd.DataFrame, states: list[str], resolutions: list[str]) -> pd.DataFrame:
    """Every chosen state's vote on every chosen resolution, one row each (long form), in the order given.

    Columns: iso3, country, resolution, date, vote (``"absent"`` where the roll-call does not list the state),
    source (the vote's ``source_label`` if the table has one, else its ``source_id``; empty where not listed).
    Raises :class:`SelectionError` for no state, an unknown state or no resolution.
    """
    if not states:
        raise SelectionError("Pick at least one state.")
    if not resolutions:
        raise SelectionError("The kit's data has no complete General Assembly roll-call yet.")
    names = votes.drop_duplicates("iso3").set_index(votes.drop_duplicates("iso3")["iso3"].astype(str))["country"]
    unknown = [s for s in states if s not in names.index]
    if unknown:
        raise SelectionError(f"There is no state with code {unknown[0]!r} in the roll-calls.")
    chosen = votes[votes["resolution"].astype(str).isin(resolutions)]
    dates = chosen.assign(resolution=chosen["resolution"].astype(str)).groupby("resolution")["date"].min()
    label = "source_label" if "source_label" in chosen.columns else "source_id"
    keyed = chosen.assign(resolution=chosen["resolution"].astype(str), iso3=chosen["iso3"].astype(str),
                          vote=chosen["vote"].astype(str)).drop_duplicates(["resolution", "iso3"])
    keyed = keyed.set_index(["iso3", "resolution"])
    rows = []
    for state in dict.fromkeys(states):
        for resolution in resolutions:
            listed = (state, resolution) in keyed.index
            rows.append({"iso3": state, "country": str(names[state]), "resolution": resolution,
                         "date": dates.get(resolution, pd.NaT),
                         "vote": keyed.loc[(state, resolution), "vote"] if listed else "absent",
                         "source": str(keyed.loc[(state, resolution), label]) if listed else ""})
    return pd.DataFrame(rows)


def alignment(votes: pd.DataFrame, reference: str, states: list[str], resolutions: list[str]) -> pd.DataFrame:
    """How often each state voted as ``reference`` did, over the resolutions where both cast a vote.

    One row per state (the reference itself left out): iso3, country, same, shared, left_out_absent and
    share (0 to 1; missing where the two never both voted, which is not the same as never agreeing).
    Sorted from the most to the least aligned, then by name.
    """
    others = [s for s in dict.fromkeys(states) if s != reference]
    if not others:
        raise SelectionError("Pick at least one state besides the one they are compared with.")
    grid = vote_grid(votes, [reference] + others, resolutions)
    theirs = grid[grid["iso3"] == reference].set_index("resolution")["vote"]
    rows = []
    for state, group in grid[grid["iso3"] != reference].groupby("iso3", sort=False):
        mine = group.set_index("resolution")["vote"]
        both = mine.isin(CAST_VOTES) & theirs.reindex(mine.index).isin(CAST_VOTES)
        same = int((both & (mine == theirs.reindex(mine.index))).sum())
        shared = int(both.sum())
        rows.append({"iso3": state, "country": group["country"].iloc[0], "same": same, "shared": shared,
                     "left_out_absent": int((~both).sum()), "share": same / shared if shared else float("nan")})
    out = pd.DataFrame(rows)
    return (out.assign(_order=out["share"].fillna(-1)).sort_values(["_order", "country"], ascending=[False, True])
            .drop(columns="_order").reset_index(drop=True))


# --- Capabilities (COW NMC) ------------------------------------------------------------------------


def cinc_series(capabilities: pd.DataFrame, cow_code: str, version: str = "7.0") -> pd.Series:
    """CINC of one state (by COW code, so Russia and the USSR are one series) by year, in one NMC version.

    Years the dataset does not give are simply absent from the Series (never zeros).
    """
    chosen = capabilities[(capabilities["indicator"].astype(str) == "cinc")
                          & (capabilities["nmc_version"].astype(str) == version)
                          & (capabilities["cow_code"].astype(str) == str(cow_code))]
    if chosen.empty:
        raise SelectionError(f"NMC version {version} has no CINC for COW code {cow_code}.")
    series = chosen.dropna(subset=["value"]).set_index(chosen.dropna(subset=["value"])["year"].astype(int))["value"]
    return series.sort_index().astype(float).rename(STATES_BY_COW.get(str(cow_code), str(cow_code)))


def capability_ratio(capabilities: pd.DataFrame, patron_cow: str, client_cow: str, version: str = "7.0",
                     start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Year by year, the CINC of a patron and a client and their ratio (patron / client).

    Every year from ``start`` to ``end`` (by default: from the first to the last year both states have a value)
    gets a row; a year either state lacks has an empty ratio (a gap in
    the figure, never a zero). Raises :class:`SelectionError` for the same state twice, reversed years, or
    a period in which the two have no year in common.
    """
    if str(patron_cow) == str(client_cow):
        raise SelectionError("Pick two different states: the ratio of a state to itself is always 1.")
    patron = cinc_series(capabilities, patron_cow, version)
    client = cinc_series(capabilities, client_cow, version)
    # by default the years both states exist in the data; a year missing inside that span stays a gap
    first = int(max(patron.index.min(), client.index.min())) if start is None else int(start)
    last = int(min(patron.index.max(), client.index.max())) if end is None else int(end)
    if first > last:
        raise SelectionError(f"The first year ({first}) is after the last year ({last}).")
    years = pd.RangeIndex(first, last + 1, name="year")
    out = pd.DataFrame({"patron_cinc": patron.reindex(years), "client_cinc": client.reindex(years)})
    out["ratio"] = out["patron_cinc"] / out["client_cinc"].where(out["client_cinc"] > 0)
    if out["ratio"].notna().sum() == 0:
        raise SelectionError(f"{patron.name} and {client.name} have no year with both CINC values "
                             f"between {first} and {last} (NMC {version}).")
    return out.reset_index()


def peak_year(series: pd.Series) -> int:
    """The year of a series' highest value (the first such year if it ties)."""
    clean = series.dropna()
    if clean.empty:
        raise SelectionError("There is no value to find a peak in.")
    return int(clean.idxmax())
