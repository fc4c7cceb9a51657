"""The arithmetic of lesson 02 (artillery): inventories, the shell gap, and NMC capabilities.

Three groups of pure functions, plain values and DataFrames in and out:

- inventories: :func:`inventory_estimates` (one row per source's figure, as a range) and
  :func:`field_plus_mrl` (the kit's own sum of two white-paper categories, labelled as such);
- the shell gap: :func:`shells_per_day`, :func:`days_sustained`, :func:`months_sustained`,
  :func:`stockpile_path` and :func:`shell_presets` (the cited figures a calculator starts from);
- capabilities (COW NMC): :func:`nmc_series` and :func:`nmc_ratio`.

Nothing here averages sources or adds figures from different sources: where sources disagree, every
figure stays its own row.
"""

from __future__ import annotations

import math

import pandas as pd

from .selection import ALL, SelectionError

DAYS_PER_YEAR = 365
DAYS_PER_MONTH = DAYS_PER_YEAR / 12  # 30.42: months_sustained uses the same calendar as shells_per_day

# --- inventories -----------------------------------------------------------------------------------

COUNTRY_NAMES = {"PRK": "North Korea", "KOR": "South Korea", "RUS": "Russia", "USA": "United States",
                 "CHN": "China", "SUN": "USSR", "UKR": "Ukraine", "JPN": "Japan"}
CATEGORY_NAMES = {"towed": "towed guns and howitzers", "self_propelled": "self-propelled guns and howitzers",
                  "field_artillery": "field artillery (towed + self-propelled)", "mrl": "multiple rocket launchers",
                  "mortar": "mortars", "total": "totals (whatever the source lumps together)"}

# Who counted: the publisher behind a figure, from the row's original_source. Fixed order, so a chart
# can keep one trace per family and redraw in place.
SOURCE_FAMILIES = ("ROK Ministry of National Defense", "US Department of Defense", "IISS", "RAND",
                   "Global Firepower", "other press and intelligence reports", "the op-ed (unsourced claim)")


def source_family(source_id: str, original_source: str) -> str:
    """The publisher family behind one inventory figure (who counted, not the page that reported it)."""
    text = str(original_source)
    if source_id == "cohen_2023_oped":
        return "the op-ed (unsourced claim)"
    if "Global Firepower" in text:
        return "Global Firepower"
    if "RAND" in text:
        return "RAND"
    if "IISS" in text or "International Institute for Strategic Studies" in text:
        return "IISS"
    if text.startswith(("US DoD", "US Office of the Secretary of Defense")):
        return "US Department of Defense"
    if text.startswith("ROK Ministry of National Defense") or text.startswith("ROK MND"):
        return "ROK Ministry of National Defense"
    return "other press and intelligence reports"


def inventory_estimates(artillery: pd.DataFrame, country: str, category: str) -> pd.DataFrame:
    """Every source's figure for one country and one category, one row each, sorted by year.

    Returns the columns year, value_low, value_high (equal to value_low for a point estimate, empty
    for a one-sided "at least" figure), qualifier, family, source_id, definition_note, original_source
    (and source_label when the input has it). Raises :class:`SelectionError` when nothing matches,
    with a plain message saying what the kit does have.
    """
    if country not in set(artillery["country"].astype(str)):
        raise SelectionError(f"The artillery table has no figures for {country!r}.")
    rows = artillery[(artillery["country"].astype(str) == country) & (artillery["category"].astype(str) == category)]
    if rows.empty:
        have = sorted(set(artillery.loc[artillery["country"].astype(str) == country, "category"].astype(str)))
        name = COUNTRY_NAMES.get(country, country)
        raise SelectionError(
            f"No source in the kit counts {CATEGORY_NAMES.get(category, category)} for {name}. "
            f"For {name} the kit has: {', '.join(c.replace('_', ' ') for c in have)}.")
    out = rows.copy()
    out["family"] = [source_family(s, o) for s, o in zip(out["source_id"], out["original_source"])]
    columns = ["year", "value_low", "value_high", "qualifier", "family", "source_id", "definition_note",
               "original_source"] + (["source_label"] if "source_label" in out else [])
    out = out[columns].sort_values(["year", "value_low"]).reset_index(drop=True)
    out["year"] = out["year"].astype(int)
    out["qualifier"] = out["qualifier"].astype(str)
    return out


def field_plus_mrl(artillery: pd.DataFrame, country: str = "PRK") -> pd.DataFrame:
    """Field artillery plus multiple rocket launchers, where ONE source gives both for the same year.

    The sum is the kit's arithmetic, not a source's figure (no row of the table states it): it is the
    definition that reproduces the op-ed's "14,000". Figures from different sources are never added.
    Columns: year, source_id, field_artillery, mrl, field_plus_mrl.
    """
    rows = artillery[(artillery["country"].astype(str) == country)
                     & artillery["category"].astype(str).isin(["field_artillery", "mrl"])
                     & (artillery["value_low"] == artillery["value_high"])]
    wide = rows.pivot_table(index=["year", "source_id"], columns="category", values="value_low", observed=True)
    wide = wide.reindex(columns=["field_artillery", "mrl"]).dropna().reset_index()
    wide.columns.name = None
    wide["year"] = wide["year"].astype(int)
    wide["field_plus_mrl"] = wide["field_artillery"] + wide["mrl"]
    return wide.sort_values("year").reset_index(drop=True)


# --- the shell gap ---------------------------------------------------------------------------------

_PER_DAY = {"shells_per_day": 1.0, "shells_per_month": 1 / DAYS_PER_MONTH, "shells_per_year": 1 / DAYS_PER_YEAR}


def shells_per_day(value: float, unit: str) -> float:
    """A rate in shells per day, from a figure in shells_per_day, shells_per_month or shells_per_year.

    A year is 365 days and a month a twelfth of it. Raises :class:`SelectionError` for a unit that is
    not a rate (e.g. a cumulative count of shells or containers).
    """
    if unit not in _PER_DAY:
        raise SelectionError(f"{unit!r} is not a rate of shells, so it cannot be turned into shells per day.")
    return float(value) * _PER_DAY[unit]


def _check_inputs(stockpile_shells, fired_per_day, produced_per_day, delivered_per_day) -> None:
    named = {"the stockpile": stockpile_shells, "the rate of fire": fired_per_day,
             "production": produced_per_day, "deliveries": delivered_per_day}
    for name, value in named.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise SelectionError(f"{name.capitalize()} must be a number of shells, not {value!r}.")
        if value < 0:
            raise SelectionError(f"{name.capitalize()} cannot be negative ({value:,.0f}): shells are counted from zero up.")
    if fired_per_day == 0:
        raise SelectionError("With a rate of fire of zero no shells are used, so there is nothing to run out of: "
                             "choose a rate of fire above zero.")


def days_sustained(stockpile_shells: float, fired_per_day: float, produced_per_day: float = 0,
                   delivered_per_day: float = 0) -> float | None:
    """Days until the stockpile is gone, firing ``fired_per_day`` while production and deliveries add shells.

    Returns None when production plus deliveries meet or exceed the rate of fire (the stockpile never
    runs out). Raises :class:`SelectionError` for a negative input or a rate of fire of zero.

    >>> days_sustained(1_000_000, 20_000)
    50.0
    >>> days_sustained(1_000_000, 20_000, produced_per_day=10_000)
    100.0
    >>> days_sustained(1_000_000, 20_000, 15_000, 5_000) is None
    True
    """
    _check_inputs(stockpile_shells, fired_per_day, produced_per_day, delivered_per_day)
    net_drawdown = fired_per_day - produced_per_day - delivered_per_day  # the shell gap, per day
    if net_drawdown <= 0:
        return None
    return stockpile_shells / net_drawdown


def months_sustained(stockpile_shells: float, fired_per_day: float, produced_per_day: float = 0,
                     delivered_per_day: float = 0) -> float | None:
    """Like :func:`days_sustained`, in months of 365/12 days; None when supply meets fire."""
    days = days_sustained(stockpile_shells, fired_per_day, produced_per_day, delivered_per_day)
    return None if days is None else days / DAYS_PER_MONTH


def shell_gap_per_day(fired_per_day: float, produced_per_day: float = 0, delivered_per_day: float = 0) -> float:
    """Shells fired per day minus shells produced and delivered per day (negative: the stock grows)."""
    return fired_per_day - produced_per_day - delivered_per_day


def stockpile_path(stockpile_shells: float, fired_per_day: float, produced_per_day: float = 0,
                   delivered_per_day: float = 0, horizon_days: int | None = None, points: int = 121) -> pd.DataFrame:
    """The stockpile day by day: columns day and shells_left (never below zero).

    The horizon defaults to a little past the day the stock runs out (at least 60 days, at most three
    years), or one year when it never runs out. Same input checks as :func:`days_sustained`.
    """
    days = days_sustained(stockpile_shells, fired_per_day, produced_per_day, delivered_per_day)
    if horizon_days is None:
        horizon_days = DAYS_PER_YEAR if days is None else int(min(3 * DAYS_PER_YEAR, max(60, math.ceil(days * 1.25))))
    step = horizon_days / (points - 1)
    day = [round(i * step, 3) for i in range(points)]
    if days is not None:
        day = sorted(set(day) | {round(days, 3)} if days <= horizon_days else set(day))
    gap = shell_gap_per_day(fired_per_day, produced_per_day, delivered_per_day)
    left = [max(0.0, stockpile_shells - gap * d) for d in day]
    return pd.DataFrame({"day": day, "shells_left": left})


# The rows a calculator control may start from: (metric, actor) pairs per control.
PRESET_ROWS = {
    "stockpile": [("delivered_cumulative", "PRK")],
    "fire": [("fired_per_day", "RUS"), ("fired_per_year", "RUS")],
    "production": [("produced_per_year", "RUS")],
    "deliveries": [("delivered_per_year", "PRK")],
}
NONE_PRESET = "none"


def _bound_label(row, which: str) -> str:
    low, high = row["value_low"], row["value_high"]
    if pd.isna(high):
        return "at least" if row["qualifier"] == "at_least" else "up to"
    if low == high:
        return ""
    if row["range_kind"] == "alternative_assumptions":  # two loads for the same containers, not a range
        return "if all 122 mm" if which == "low" else "if all 152 mm"
    return "low end" if which == "low" else "high end"


def shell_presets(shells: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The cited figures each control of the shell-gap calculator can start from, one row per choice.

    For each control (stockpile, fire, production, deliveries) a table with the columns preset_id
    (shell_id, plus ":low"/":high" where a row has two figures), shell_id, source_id, which ("" for a
    point estimate, or low end / high end / at least / up to / an alternative), value (as the source
    states it), unit, per_day (stockpile: shells; other controls: shells per day), period and label.
    A row with a range gives two choices, never its midpoint. Production and deliveries also offer
    ``none`` (zero), so a student can see the stockpile alone.
    """
    out = {}
    for control, pairs in PRESET_ROWS.items():
        choices = []
        for metric, actor in pairs:
            rows = shells[(shells["metric"].astype(str) == metric) & (shells["actor"].astype(str) == actor)]
            for _, row in rows.sort_values("date").iterrows():
                bounds = [("low", row["value_low"])]
                if pd.notna(row["value_high"]) and row["value_high"] != row["value_low"]:
                    bounds.append(("high", row["value_high"]))
                for which, value in bounds:
                    unit = str(row["unit"])
                    per_day = float(value) if control == "stockpile" else shells_per_day(value, unit)
                    how = _bound_label(row, which)
                    shown = f"{value:,.0f} {unit.replace('_', ' ')}" + (f" ({how})" if how else "")
                    if control != "stockpile" and unit != "shells_per_day":
                        shown += f" = {per_day:,.0f} a day"
                    choices.append(dict(
                        preset_id=row["shell_id"] + (f":{which}" if len(bounds) > 1 else ""),
                        shell_id=row["shell_id"], source_id=row["source_id"], which=how, value=float(value),
                        unit=unit, per_day=per_day, period=row["period"],
                        label=f"{shown} \u00b7 {row['period']} \u00b7 {row['shell_id']}",
                    ))
        if control in ("production", "deliveries"):
            choices.insert(0, dict(preset_id=NONE_PRESET, shell_id="", source_id="", which="", value=0.0, unit="",
                                   per_day=0.0, period="", label="none (0 shells a day)"))
        out[control] = pd.DataFrame(choices)
    return out


# --- capabilities (COW NMC) --------------------------------------------------------------------------

RUSSIA_USSR = "RUS/SUN"  # COW code 365: one series for the Russian Empire, the USSR and Russia
INDICATOR_NAMES = {"milper": "military personnel", "milex": "military expenditure", "cinc": "CINC (composite capability)",
                   "tpop": "total population", "upop": "urban population", "irst": "iron and steel production",
                   "pec": "primary energy consumption"}


def _state_rows(capabilities: pd.DataFrame, state: str) -> pd.DataFrame:
    iso3 = capabilities["iso3"]
    return capabilities[iso3.isin(["RUS", "SUN"] if state == RUSSIA_USSR else [state])]


def state_name(state: str) -> str:
    return "Russia/USSR" if state == RUSSIA_USSR else COUNTRY_NAMES.get(state, state)


def nmc_series(capabilities: pd.DataFrame, states: list[str], indicator: str, nmc_version: str = "7.0",
                      start_year: int = 1946, end_year: int = 2022) -> pd.DataFrame:
    """One NMC indicator for some states and years, from ONE NMC version, in ONE unit.

    ``states`` are ISO3 codes, or ``"RUS/SUN"`` for COW's single Russia/USSR series. Returns the columns
    state, year, value, unit, source_id (plus source_label when the input has it), one row per state and
    year, with missing values kept as missing (never zero). Raises :class:`SelectionError` for no
    state, an unknown indicator or version, reversed years, or a selection that would put pounds
    (milex before 1914) and dollars (from 1914) on one axis.
    """
    if not states:
        raise SelectionError("Choose at least one state.")
    if indicator not in set(capabilities["indicator"].unique()):
        raise SelectionError(f"NMC has no indicator called {indicator!r}.")
    if nmc_version not in set(capabilities["nmc_version"].unique()):
        raise SelectionError(f"The kit has no NMC version {nmc_version!r}; it has 7.0 and 6.0.")
    if start_year > end_year:
        raise SelectionError(f"The first year ({start_year}) is after the last year ({end_year}).")
    years = capabilities["year"]
    chosen = capabilities[(capabilities["indicator"] == indicator) & (capabilities["nmc_version"] == nmc_version)
                          & (years >= start_year) & (years <= end_year)]
    parts = [_state_rows(chosen, state).assign(state=state) for state in states]
    out = pd.concat(parts, ignore_index=True)
    units = set(out["unit"].astype(str))
    if len(units) > 1:
        raise SelectionError("NMC gives military expenditure in thousands of pounds before 1914 and thousands of "
                             "US dollars from 1914; they cannot share one axis. Choose years from 1914 on (or all before).")
    if out.empty:
        raise SelectionError(f"NMC {nmc_version} has no {INDICATOR_NAMES.get(indicator, indicator)} for these states "
                             f"between {start_year} and {end_year}.")
    columns = ["state", "year", "value", "unit", "source_id"] + (["source_label"] if "source_label" in out else [])
    out = out[columns].sort_values(["state", "year"]).reset_index(drop=True)
    out["year"] = out["year"].astype(int)
    out["unit"] = out["unit"].astype(str)
    return out


def nmc_ratio(capabilities: pd.DataFrame, state_a: str, state_b: str, indicator: str, nmc_version: str = "7.0",
                     start_year: int = 1946, end_year: int = 2022) -> pd.DataFrame:
    """State A's value divided by state B's, year by year, from one NMC version and one unit.

    Columns: year, value_a, value_b, ratio. The ratio is missing (not zero, not infinite) where either
    value is missing or B's value is zero. Raises :class:`SelectionError` when A and B are the same state.
    """
    if state_a == state_b:
        raise SelectionError(f"Both states are {state_name(state_a)}: a ratio needs two different states.")
    return ratio_from_series(nmc_series(capabilities, [state_a, state_b], indicator, nmc_version, start_year, end_year),
                             state_a, state_b)


def ratio_from_series(series: pd.DataFrame, state_a: str, state_b: str) -> pd.DataFrame:
    """The year-by-year ratio A / B from a table :func:`nmc_series` returned (see :func:`nmc_ratio`)."""
    if state_a == state_b:
        raise SelectionError(f"Both states are {state_name(state_a)}: a ratio needs two different states.")
    wide = series.pivot(index="year", columns="state", values="value").reindex(columns=[state_a, state_b])
    out = pd.DataFrame({"year": wide.index.astype(int), "value_a": wide[state_a].to_numpy(),
                        "value_b": wide[state_b].to_numpy()})
    denominator = out["value_b"].where(out["value_b"] != 0)
    out["ratio"] = out["value_a"] / denominator
    return out.reset_index(drop=True)


def missing_years(series: pd.DataFrame, state: str) -> list[int]:
    """Years in ``series`` (from :func:`nmc_series`) where ``state`` has no value."""
    rows = series[(series["state"] == state) & series["value"].isna()]
    return [int(y) for y in rows["year"]]


__all__ = [
    "ALL", "DAYS_PER_MONTH", "DAYS_PER_YEAR", "INDICATOR_NAMES", "NONE_PRESET", "RUSSIA_USSR", "SOURCE_FAMILIES",
    "nmc_ratio", "nmc_series", "days_sustained", "field_plus_mrl", "inventory_estimates",
    "missing_years", "months_sustained", "ratio_from_series", "shell_gap_per_day", "shell_presets", "shells_per_day", "source_family",
    "state_name", "stockpile_path",
]
