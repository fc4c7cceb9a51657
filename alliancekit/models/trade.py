"""North Korea's trade with China, one publisher at a time (lesson 04).

The ``trade_dprk`` table keeps every figure as its own row: one publisher (KOTRA, Chinese customs...),
one source page, one year. Publishers count differently (KOTRA adds an estimate of Chinese crude oil
from 2014; KITA and KDI totals include inter-Korean trade), so these functions never put two publishers
in one series and never average: where one publisher's own releases differ, the series keeps the range.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .selection import SelectionError

PUBLISHERS = {
    "china_customs": "Chinese customs (GACC)",
    "kotra": "KOTRA (South Korea)",
    "kita": "KITA (Korea International Trade Association)",
    "un_comtrade": "UN Comtrade",
    "itc": "ITC Trade Map",
    "china_mofcom": "China's Ministry of Commerce",
    "jetro": "JETRO (Japan)",
}
# "other" in the table lumps several publishers (KDI, Statistics Korea, UNCTAD, the Bank of Korea...):
# several publishers, so it is never offered as one series.
MIXED_PUBLISHER = "other"

MEASURES = {
    "total": ("total_trade_usd", "North Korea's total trade with China", "US$ million"),
    "exports": ("dprk_exports_usd", "North Korea's exports to China", "US$ million"),
    "imports": ("dprk_imports_usd", "North Korea's imports from China", "US$ million"),
    "share": ("partner_share_percent", "China's share of North Korea's total trade", "percent"),
}

_DATE_IN_ID = re.compile(r"_(\d{4})(?:_(\d{2}))?(?:_(\d{2}))?(?=_|$)")


def available_publishers(trade: pd.DataFrame, partner: str = "CHN") -> list[str]:
    """Publishers with at least one figure for ``partner``, in the order of :data:`PUBLISHERS` (never 'other')."""
    present = set(trade.loc[trade["partner"].astype(str) == partner, "data_publisher"].dropna().astype(str))
    present.discard(MIXED_PUBLISHER)
    return [p for p in PUBLISHERS if p in present] + sorted(present - set(PUBLISHERS))


def publisher_label(publisher: str) -> str:
    """A reader's name for a publisher code (``kotra`` -> ``KOTRA (South Korea)``)."""
    return PUBLISHERS.get(publisher, publisher)


def _check_choice(trade: pd.DataFrame, publisher: str, measure: str) -> None:
    if measure not in MEASURES:
        raise SelectionError(f"There is no measure called {measure!r}; pick one of {', '.join(MEASURES)}.")
    if publisher == MIXED_PUBLISHER:
        raise SelectionError("'other' is not one publisher: it lumps several (KDI, Statistics Korea, UNCTAD, the Bank "
                             "of Korea...), which count differently. Pick a named publisher.")
    if not trade["data_publisher"].eq(publisher).any():
        raise SelectionError(f"No figures from a publisher called {publisher!r}; "
                             f"pick one of {', '.join(available_publishers(trade))}.")


def _significant_digits(value: float) -> int:
    """How precisely a figure was printed: 6,033,900,000 has 5 significant digits, 2,100,000,000 has 2."""
    digits = f"{abs(value):.6f}".replace(".", "").strip("0")
    return len(digits)


def _release_order(source_id: str, source_year) -> tuple:
    """Sort key for 'which report is later': the source's year, then any date written in its id."""
    found = _DATE_IN_ID.findall(source_id)
    parts = tuple(int(p or 0) for p in found[0]) if found else (0, 0, 0)
    return (int(source_year) if pd.notna(source_year) else 0,) + parts


def figures(trade: pd.DataFrame, publisher: str, measure: str, partner: str = "CHN",
            start: int = 1990, end: int = 2025) -> pd.DataFrame:
    """Every figure one publisher gives for one measure, one row per source page, as the table has them.

    For ``measure="share"`` these are the shares the sources *state* (``partner_share_percent``).
    Columns: year, value, source_id, note (and source_label / source_year when ``trade`` has them).
    """
    _check_choice(trade, publisher, measure)
    if start > end:
        raise SelectionError(f"The first year ({start}) is after the last year ({end}).")
    column = MEASURES[measure][0]
    rows = trade[trade["data_publisher"].eq(publisher).to_numpy() & trade["partner"].eq(partner).to_numpy()
                 & trade["year"].between(start, end).to_numpy(dtype=bool, na_value=False) & trade[column].notna().to_numpy()]
    keep = [c for c in ("year", column, "source_id", "note", "source_label", "source_year") if c in rows.columns]
    out = rows[keep].rename(columns={column: "value"}).sort_values(["year", "source_id"]).reset_index(drop=True)
    out["year"] = out["year"].astype(int)
    return out


def _records(rows: pd.DataFrame) -> list[dict]:
    """Rows of :func:`figures` as plain dicts (fast to loop over; a widget redraw must take milliseconds)."""
    cols = list(rows.columns)
    return [dict(zip(cols, values)) for values in rows.itertuples(index=False, name=None)]


def _choose(group: list[dict]) -> dict:
    """One figure for a publisher-year, by a stated rule (never an average): the latest report, then the most precise.

    ``group`` holds that publisher's figures for one year (dicts with value, source_id and, where known,
    source_year and source_label). The range of all of them is kept in low/high.
    """
    chosen = max(group, key=lambda r: (_release_order(str(r["source_id"]), r.get("source_year", pd.NA)),
                                       _significant_digits(r["value"])))
    values = [float(r["value"]) for r in group]
    return {
        "value": float(chosen["value"]),
        "low": min(values),
        "high": max(values),
        "n_figures": len(group),
        "source_id": str(chosen["source_id"]),
        "source_label": str(chosen.get("source_label", chosen["source_id"])),
        "all_sources": "; ".join(str(r["source_id"]) for r in group),
    }


def _by_year(rows: pd.DataFrame) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for record in _records(rows):
        out.setdefault(int(record["year"]), []).append(record)
    return out


SERIES_COLUMNS = ["year", "value", "low", "high", "n_figures", "source_id", "source_label", "all_sources"]


def publisher_series(trade: pd.DataFrame, publisher: str, measure: str, partner: str = "CHN",
                     start: int = 1990, end: int = 2025) -> pd.DataFrame:
    """One publisher's series for one measure: one row per year that publisher gives a figure for.

    ``value`` is the figure of the latest report (by the source's year, then the date in its id), and
    among equally recent ones the most precisely printed; ``low``/``high`` are the range of all that
    publisher's figures for the year (equal when its reports agree). Years without a figure are absent.
    For ``measure="share"`` use :func:`share_series` (a share needs a numerator and a denominator).
    """
    if measure == "share":
        raise SelectionError("A share is computed by share_series, from one publisher's China and world totals.")
    groups = _by_year(figures(trade, publisher, measure, partner, start, end))
    rows = [{"year": year, **_choose(group)} for year, group in sorted(groups.items())]
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


@dataclass(frozen=True)
class Share:
    """China's share of North Korea's total trade in one year, from one publisher (or why there is none)."""

    year: int
    publisher: str
    percent: float | None
    china_usd: float | None
    world_usd: float | None
    source_ids: tuple[str, ...]
    why: str


def _share(publisher: str, year: int, china: list[dict], world: list[dict]) -> Share:
    name = publisher_label(publisher)
    if not china and not world:
        return Share(year, publisher, None, None, None, (),
                     f"{name} gives neither a China total nor a world total for {year}.")
    if not world:
        return Share(year, publisher, None, None, None, tuple(r["source_id"] for r in china),
                     f"{name} gives no figure for North Korea's trade with all partners in {year}, "
                     "so there is no denominator from the same publisher.")
    if not china:
        return Share(year, publisher, None, None, None, tuple(r["source_id"] for r in world),
                     f"{name} gives no total for North Korea's trade with China in {year}.")
    shared = {r["source_id"] for r in china} & {r["source_id"] for r in world}
    if shared:
        # one report giving both totals: numerator and denominator from the same release
        pick = max((r for r in china if r["source_id"] in shared),
                   key=lambda r: _release_order(str(r["source_id"]), r.get("source_year", pd.NA)))
        sid = pick["source_id"]
        num = float(pick["value"])
        den = float(next(r["value"] for r in world if r["source_id"] == sid))
        sources, how = (str(sid),), "both totals from one report"
    else:
        c, w = _choose(china), _choose(world)
        num, den = c["value"], w["value"]
        sources, how = (c["source_id"], w["source_id"]), "China and world totals from two reports of the same publisher"
    if den <= 0:
        return Share(year, publisher, None, num, den, sources, f"{name}'s world total for {year} is zero.")
    return Share(year, publisher, 100.0 * num / den, num, den, sources, how)


def china_share(trade: pd.DataFrame, publisher: str, year: int) -> Share:
    """China's share (percent) of North Korea's total trade in ``year``, computed only from ONE publisher.

    The numerator is the publisher's total with China, the denominator its total with all partners
    (WORLD), both for the same year. A single report giving both is preferred (one release); otherwise
    each comes from that publisher's latest report for the year. If the publisher lacks either figure,
    ``percent`` is None and ``why`` says which is missing: nothing is borrowed from another publisher.
    """
    china = _records(figures(trade, publisher, "total", "CHN", year, year))
    world = _records(figures(trade, publisher, "total", "WORLD", year, year))
    return _share(publisher, year, china, world)


SHARE_COLUMNS = ["year", "value", "china_usd", "world_usd", "source_ids", "why"]


def share_series(trade: pd.DataFrame, publisher: str, start: int = 1990, end: int = 2025) -> pd.DataFrame:
    """:func:`china_share` for every year from ``start`` to ``end``; ``value`` is empty where it cannot be computed."""
    _check_choice(trade, publisher, "share")
    if start > end:
        raise SelectionError(f"The first year ({start}) is after the last year ({end}).")
    china = _by_year(figures(trade, publisher, "total", "CHN", start, end))
    world = _by_year(figures(trade, publisher, "total", "WORLD", start, end))
    rows = []
    for year in range(start, end + 1):
        s = _share(publisher, year, china.get(year, []), world.get(year, []))
        rows.append({"year": year, "value": s.percent, "china_usd": s.china_usd, "world_usd": s.world_usd,
                     "source_ids": "; ".join(s.source_ids), "why": s.why})
    out = pd.DataFrame(rows, columns=SHARE_COLUMNS)
    out["value"] = out["value"].astype("float64")
    return out


def require_values(series: pd.DataFrame, publisher: str, measure: str, start: int, end: int) -> None:
    """Raise a plain :class:`SelectionError` when a series has no value at all in the chosen years."""
    if series.empty or series["value"].isna().all():
        what = MEASURES[measure][1][0].lower() + MEASURES[measure][1][1:]
        extra = ""
        if measure == "share":
            reasons = series["why"].dropna().unique() if "why" in series else []
            extra = (" " + str(reasons[0]) if len(reasons) else "") + " Pick KOTRA, which gives both totals."
        raise SelectionError(f"{publisher_label(publisher)} gives no figure for {what} "
                             f"between {start} and {end}.{extra}")


def rounding_of(value: float) -> float:
    """Half a unit in the last printed digit: 2,600,000,000 (printed "2.6 billion") may be anything within 50 million."""
    if value == 0 or pd.isna(value):
        return 0.0
    magnitude = math.floor(math.log10(abs(value)))
    return 0.5 * 10 ** (magnitude - _significant_digits(value) + 1)


def compare_publishers(a: pd.DataFrame, b: pd.DataFrame, tolerance_percent: float = 1.0) -> pd.DataFrame:
    """Years both series cover, with the gap between them, and whether they disagree.

    ``gap`` is b minus a. Two figures disagree when the gap is larger than both ``tolerance_percent`` of
    the larger figure and the rounding of the less precisely printed one (so "2.6 billion" and
    2,634 million agree: the first was rounded).
    """
    left = a[["year", "value"]].dropna().rename(columns={"value": "a"})
    right = b[["year", "value"]].dropna().rename(columns={"value": "b"})
    both = left.merge(right, on="year", how="inner")
    both["gap"] = both["b"] - both["a"]
    larger = both[["a", "b"]].abs().max(axis=1)
    both["gap_percent"] = (100.0 * both["gap"].abs() / larger).where(larger > 0, 0.0)
    rounding = [max(rounding_of(x), rounding_of(y)) for x, y in zip(both["a"], both["b"])]
    both["disagree"] = (both["gap_percent"] > tolerance_percent) & (both["gap"].abs() > pd.Series(rounding, dtype="float64"))
    return both.reset_index(drop=True)


def largest_fall(series: pd.DataFrame) -> dict | None:
    """The year-on-year fall that was largest in the series' own units (consecutive years only).

    Returns ``{"year", "from_value", "to_value", "change"}`` or None when no two consecutive years fall.
    """
    s = series[["year", "value"]].dropna().sort_values("year")
    best = None
    for (y0, v0), (y1, v1) in zip(s.itertuples(index=False), s.iloc[1:].itertuples(index=False)):
        if y1 == y0 + 1 and v1 < v0 and (best is None or v1 - v0 < best["change"]):
            best = {"year": int(y1), "from_value": float(v0), "to_value": float(v1), "change": float(v1 - v0)}
    return best


def cinc_ratio(capabilities: pd.DataFrame, state_a: str, state_b: str, year: int, nmc_version: str = "7.0") -> float:
    """How many times ``state_a``'s CINC (share of world capabilities) is ``state_b``'s, in one year and NMC version."""
    if state_a == state_b:
        raise SelectionError("Pick two different states to compare.")
    rows = capabilities[(capabilities["indicator"].astype(str) == "cinc") & (capabilities["year"] == year)
                        & (capabilities["nmc_version"].astype(str) == str(nmc_version))]
    values = rows.set_index(rows["iso3"].astype(str))["value"]
    for state in (state_a, state_b):
        if state not in values.index or pd.isna(values[state]):
            raise SelectionError(f"NMC {nmc_version} has no CINC for {state} in {year}.")
    if values[state_b] <= 0:
        raise SelectionError(f"{state_b}'s CINC in {year} is zero; a ratio cannot be formed.")
    return float(values[state_a] / values[state_b])


def with_source_years(trade: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``trade`` with ``source_year`` (the year the source page was published), for ordering releases."""
    years = sources.set_index("source_id")["year"]
    out = trade.copy()
    out["source_year"] = out["source_id"].map(years)
    return out


# Turning points in China-North Korea relations shown along the top of the trade figure (rows of `events`).
CONTEXT_EVENT_IDS = (
    "china_suspends_nk_coal_2017", "kim_xi_beijing_2018", "kim_xi_dalian_2018", "kim_xi_beijing_june_2018",
    "xi_state_visit_pyongyang", "vostochny_summit", "putin_pyongyang_treaty_signed", "beijing_parade_xi_putin_kim",
)


def context_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events in :data:`CONTEXT_EVENT_IDS`, in date order (a missing id is simply absent)."""
    return events[events["event_id"].isin(CONTEXT_EVENT_IDS)].sort_values("date").reset_index(drop=True)
