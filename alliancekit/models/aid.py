"""Aid, treaties and arms for North Korea in the Cold War (lesson 03): selecting figures, never adding them up.

Two tables drive the lesson, and each has a rule the functions here enforce:

- ``aid_to_dprk``: one row per figure per source, in the currency the source used (pre-1961 roubles,
  new roubles, yuan, dollars, crowns). The same grant appears in several sources, commitments and
  deliveries of the same agreement sit side by side, so rows are **selected, never summed**, and no
  currency is converted here.
- ``arms_transfers``: SIPRI's TIV tables (July 2022). TIV is a volume index in millions, not money, and
  one SIPRI release must never be mixed with another in one series.
"""

from __future__ import annotations

import pandas as pd

from .selection import ALL, SelectionError

# --- aid --------------------------------------------------------------------------------------------

DONOR_GROUPS = {
    "SUN": ("USSR", {"SUN"}),
    "CHN": ("China", {"CHN"}),
    "EEU": ("Eastern Europe", {"DDR", "CSK", "EEU"}),
}
SEVERAL = "several"  # a figure a source gives for several donors together (e.g. "SUN;CHN;EEU")
DONOR_LABELS = {code: label for code, (label, _) in DONOR_GROUPS.items()} | {SEVERAL: "several donors together"}

# In the order the lesson shows them; a figure is drawn in its own currency's panel, never converted.
CURRENCIES = {
    "RUB_old": "pre-1961 Soviet roubles",
    "RUB": "new (post-1961) roubles",
    "CNY": "Chinese yuan",
    "USD": "US dollars",
    "CSK": "Czechoslovak crowns (pre-1953)",
    "KPW": "North Korean won",
}
AID_TYPES = ("grant", "loan", "credit", "military", "technical", "debt_relief", "total_aid")
BASES = ("commitment", "delivery", "write_off", "deferral", "estimate")
MEASURES = {"amount": "amounts as stated, by currency", "budget_share": "share of North Korea's state budget"}

AID_YEARS = (1945, 1995)

# Years with hardly any aid figure in the kit: said out loud when a selection comes back empty.
AID_GAP = "the kit has almost no aid figures for 1966-1989 and no amounts for Poland, Hungary, Romania or Bulgaria"


def donor_group(donors: str) -> str:
    """The donor a figure belongs to: 'SUN', 'CHN', 'EEU', or 'several' when a source lumps donors together.

    >>> donor_group("DDR"), donor_group("SUN;CHN;EEU")
    ('EEU', 'several')
    """
    codes = {code.strip() for code in str(donors).split(";") if code.strip()}
    groups = [group for group, (_, members) in DONOR_GROUPS.items() if codes & members]
    return groups[0] if len(groups) == 1 else SEVERAL


def budget_share_qualifier(description: str, note: str = "") -> str:
    """'at_least', 'at_most' or 'as_stated', read from the words the row records ("at least", "less than")."""
    text = f"{description} {note}".lower()
    if "at least" in text:
        return "at_least"
    if "less than" in text or "upper bound" in text:
        return "at_most"
    return "as_stated"


def select_aid(aid: pd.DataFrame, donor: str = ALL, start_year: int = AID_YEARS[0], end_year: int = AID_YEARS[1],
               aid_type: str = ALL, measure: str = "amount") -> pd.DataFrame:
    """The aid figures a selection asks for, one row per source figure, never added up or converted.

    A figure is kept when its period overlaps ``start_year``-``end_year`` and, for a donor, when that
    donor is among the donors it covers (a figure for "USSR, China and Eastern Europe together" is
    kept for each of them, and marked ``several``). ``measure`` is ``"amount"`` (rows with an amount in
    their own currency) or ``"budget_share"`` (aid as a share of the state budget; ``aid_type`` does not
    apply). Added columns: ``donor_group``, ``first_year`` and ``last_year`` (a figure whose source gives
    no start year starts at its end year, with ``start_known`` False) and, for shares, ``qualifier``.

    Raises :class:`SelectionError` for reversed years, an unknown donor, type or measure, and when
    nothing matches (saying where the kit's gaps are).
    """
    if start_year > end_year:
        raise SelectionError(f"The first year ({start_year}) is after the last year ({end_year}).")
    if donor != ALL and donor not in DONOR_GROUPS:
        raise SelectionError(f"There is no donor {donor!r}; choose one of {', '.join(DONOR_GROUPS)} or 'all'.")
    if measure not in MEASURES:
        raise SelectionError(f"There is no measure {measure!r}; choose 'amount' or 'budget_share'.")
    if aid_type != ALL and aid_type not in AID_TYPES:
        raise SelectionError(f"There is no type of aid {aid_type!r}; choose one of {', '.join(AID_TYPES)} or 'all'.")

    rows = aid.copy()
    rows["donor_group"] = rows["donor"].map(donor_group)
    rows["start_known"] = rows["period_start"].notna()
    rows["first_year"] = rows["period_start"].fillna(rows["period_end"]).astype(int)
    rows["last_year"] = rows["period_end"].astype(int)
    chosen = rows[(rows["first_year"] <= end_year) & (rows["last_year"] >= start_year)]
    if donor != ALL:
        members = DONOR_GROUPS[donor][1]
        chosen = chosen[chosen["donor"].map(lambda d: bool(set(str(d).split(";")) & members))]
    types = chosen["aid_type"].astype(str)
    if measure == "budget_share":
        chosen = chosen[types == "budget_share"].copy()
        chosen["qualifier"] = [budget_share_qualifier(d, "" if pd.isna(n) else n)
                               for d, n in zip(chosen["description"], chosen["note"])]
    else:
        chosen = chosen[chosen["amount"].notna() & (types != "budget_share")]
        if aid_type != ALL:
            chosen = chosen[chosen["aid_type"].astype(str) == aid_type]
    if chosen.empty:
        who = "any donor" if donor == ALL else DONOR_LABELS[donor]
        what = MEASURES[measure] if aid_type == ALL or measure == "budget_share" else f"{aid_type.replace('_', ' ')} aid"
        raise SelectionError(f"No figure for {what} from {who} overlaps {start_year}-{end_year}: {AID_GAP}.")
    return chosen.sort_values(["first_year", "last_year", "aid_id"]).reset_index(drop=True)


def figures_by_currency(selection: pd.DataFrame) -> dict[str, int]:
    """How many source figures the selection holds in each currency (a count of rows, not a sum of money)."""
    counts = selection["currency"].astype("string").value_counts()
    return {c: int(counts[c]) for c in CURRENCIES if c in counts.index}


def delivered_share_percent(committed: float, delivered: float) -> float:
    """What part of a commitment was delivered, in percent (both in the same currency and the same agreement)."""
    if committed is None or pd.isna(committed) or committed <= 0:
        raise SelectionError("A share of a commitment needs a committed amount above zero.")
    if delivered is None or pd.isna(delivered) or delivered < 0:
        raise SelectionError("A delivered amount cannot be missing or negative.")
    return 100.0 * float(delivered) / float(committed)


# --- the split's turning points ----------------------------------------------------------------------

TURNING_POINT_CATEGORIES = ("split", "treaty")


def turning_points(events: pd.DataFrame, start_year: int, end_year: int,
                   categories: tuple[str, ...] = TURNING_POINT_CATEGORIES) -> pd.DataFrame:
    """Events of the Sino-Soviet split and the treaties, dated within the years, oldest first (may be empty)."""
    years = events["date"].dt.year
    chosen = events[(years >= start_year) & (years <= end_year) & events["category"].astype(str).isin(categories)]
    return chosen.sort_values("date").reset_index(drop=True)


# --- treaties: obligations side by side ----------------------------------------------------------------

OBLIGATIONS = ("defense", "offense", "neutrality", "nonaggression", "consultation")
# ATOP's own extra codes worth reading next to the five obligations (see data.describe("alliance_obligations")).
PROVISIONS = ("milaid", "ecaid", "speclgth", "length", "proren", "renewlgt")

PATRON_TREATIES = {
    "SUN 1961": ("SUN", 1961),
    "CHN 1961": ("CHN", 1961),
    "RUS 2000": ("RUS", 2000),
    "RUS 2024": ("RUS", 2024),
}


def obligations_side_by_side(obligations: pd.DataFrame, columns: tuple[str, ...] = OBLIGATIONS + ("milaid", "ecaid"),
                             member: str = "PRK") -> pd.DataFrame:
    """North Korea's treaties with Moscow and Beijing as ATOP codes them: one column per treaty.

    Rows are obligations (1 = yes, 0 = no, empty = not coded); each column is one treaty, labelled by
    patron and year of signature. The 2024 treaty is the kit's own coding (ATOP stops in 2018).
    """
    prk = obligations[obligations["member"].astype(str) == member]
    partner_of = obligations.groupby("treaty")["member"].agg(lambda m: sorted(set(m.astype(str)) - {member}))
    table = {}
    for label, (patron, year) in PATRON_TREATIES.items():
        match = prk[(prk["start"].dt.year == year) & prk["treaty"].map(lambda t: partner_of.get(t) == [patron])]
        if match.empty:
            raise SelectionError(f"No treaty between {member} and {patron} signed in {year} in the obligations table.")
        row = match.iloc[0]
        table[label] = {c: row[c] for c in columns} | {"coded_by": row["coded_by"]}
    return pd.DataFrame(table)


# --- arms transfers (SIPRI TIV) --------------------------------------------------------------------------

SIPRI_TIV_2022 = "2022-07-28 TIV tables"
SUPPLIERS = {"SUN": "USSR", "RUS": "Russia", "CHN": "China", "KAZ": "Kazakhstan", "USA": "United States"}
SUPPLIER_CHOICES = {
    ALL: tuple(SUPPLIERS),
    "SUN_RUS": ("SUN", "RUS"),
    "CHN": ("CHN",),
    "others": ("KAZ", "USA"),
}
SUPPLIER_CHOICE_LABELS = {ALL: "all suppliers", "SUN_RUS": "USSR and Russia", "CHN": "China",
                          "others": "others (Kazakhstan, US)"}
ARMS_MODES = {"stacked": "TIV delivered per year (stacked)", "share": "share of each year's deliveries (%)"}


def deliveries_to(transfers: pd.DataFrame, recipient: str = "PRK", release: str = SIPRI_TIV_2022) -> pd.DataFrame:
    """Annual TIV delivered to ``recipient``: one row per year, one column per supplier, in millions of TIV.

    Years run over the whole span the tables cover (1950-2021); a year the table leaves blank for a
    supplier becomes 0 (SIPRI's tables list only years with deliveries). Only rows of one SIPRI release
    are used; rows from another release make this raise rather than mix vintages.
    """
    rows = transfers[(transfers["recipient"].astype(str) == recipient)]
    releases = set(rows["sipri_release"].astype(str))
    if releases - {release}:
        raise SelectionError(f"The table mixes SIPRI releases ({', '.join(sorted(releases))}); "
                             f"use one release at a time, never one series from several.")
    rows = rows[rows["sipri_release"].astype(str) == release]
    annual = rows[rows["measure"].astype(str) == "annual_delivery"]
    if annual.empty:
        raise SelectionError(f"SIPRI's {release} hold no deliveries to {recipient}.")
    first = int(rows["period_start"].min())
    last = int(rows["period_end"].max())
    wide = annual.pivot_table(index="year", columns="supplier", values="tiv", aggfunc="first")
    wide.index = wide.index.astype(int)
    wide = wide.reindex(range(first, last + 1)).fillna(0.0)
    ordered = [s for s in SUPPLIERS if s in wide.columns] + [s for s in wide.columns if s not in SUPPLIERS]
    wide = wide[ordered].astype(float)
    wide.index.name = "year"
    wide.columns.name = "supplier"
    return wide


def _years(deliveries: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    if start_year > end_year:
        raise SelectionError(f"The first year ({start_year}) is after the last year ({end_year}).")
    span = deliveries.loc[(deliveries.index >= start_year) & (deliveries.index <= end_year)]
    if span.empty:
        raise SelectionError(f"SIPRI's tables cover {deliveries.index.min()}-{deliveries.index.max()}; "
                             f"{start_year}-{end_year} is outside them.")
    return span


def tiv_share_percent(deliveries: pd.DataFrame, supplier: str, start_year: int, end_year: int) -> float:
    """A supplier's share of all TIV delivered over the years, in percent (of the annual figures' total)."""
    span = _years(deliveries, start_year, end_year)
    total = float(span.to_numpy().sum())
    if total == 0:
        raise SelectionError(f"No deliveries at all in {start_year}-{end_year}: a share of nothing is undefined.")
    if supplier not in span.columns:
        raise SelectionError(f"No supplier {supplier!r} in SIPRI's tables for this recipient.")
    return 100.0 * float(span[supplier].sum()) / total


def first_year_more(deliveries: pd.DataFrame, supplier: str, than: str) -> int | None:
    """The first year ``supplier`` delivered more TIV than ``than`` (None if it never did)."""
    for name in (supplier, than):
        if name not in deliveries.columns:
            raise SelectionError(f"No supplier {name!r} in SIPRI's tables for this recipient.")
    more = deliveries.index[deliveries[supplier] > deliveries[than]]
    return int(more[0]) if len(more) else None


def arms_view(deliveries: pd.DataFrame, suppliers: str = ALL, start_year: int = 1950, end_year: int = 2021,
              mode: str = "stacked") -> pd.DataFrame:
    """What the arms explorer draws: one row per year and supplier shown.

    Columns: year, supplier, tiv (millions), share_percent (of everything delivered that year by all
    suppliers; empty in a year with no deliveries), and value (tiv or share_percent, per ``mode``).
    """
    if suppliers not in SUPPLIER_CHOICES:
        raise SelectionError(f"There is no supplier choice {suppliers!r}; choose one of {', '.join(SUPPLIER_CHOICES)}.")
    if mode not in ARMS_MODES:
        raise SelectionError(f"There is no view {mode!r}; choose 'stacked' or 'share'.")
    span = _years(deliveries, start_year, end_year)
    totals = span.sum(axis=1)
    shown = [s for s in SUPPLIER_CHOICES[suppliers] if s in span.columns]
    long = span[shown].reset_index().melt(id_vars="year", var_name="supplier", value_name="tiv")
    long["share_percent"] = [100.0 * t / totals[y] if totals[y] > 0 else float("nan")
                             for y, t in zip(long["year"], long["tiv"])]
    long["value"] = long["tiv"] if mode == "stacked" else long["share_percent"]
    return long


SIPRI_REGISTER_2026 = "2026-05-18 trade register"


def release_totals(transfers: pd.DataFrame, deals: pd.DataFrame, supplier: str = "RUS",
                   recipient: str = "PRK") -> pd.DataFrame:
    """What each SIPRI release says one supplier delivered to one recipient, one row per release, never combined.

    The July 2022 TIV tables give SIPRI's own Total column (1950-2021); the May 2026 trade register gives
    the TIV of delivered weapons summed over its deals (every year it covers). They disagree, and the
    table says so rather than choosing.
    """
    tables = transfers[(transfers["supplier"].astype(str) == supplier) & (transfers["recipient"].astype(str) == recipient)
                       & (transfers["measure"].astype(str) == "total_1950_2021")]
    register = deals[(deals["supplier"].astype(str) == supplier) & (deals["recipient"].astype(str) == recipient)]
    if tables.empty and register.empty:
        raise SelectionError(f"Neither SIPRI release lists deliveries from {supplier} to {recipient}.")
    rows = [
        {"sipri_release": SIPRI_TIV_2022, "what": "Total column of the TIV table, 1950-2021",
         "tiv_million": float(tables["tiv"].sum()) if len(tables) else float("nan")},
        {"sipri_release": SIPRI_REGISTER_2026,
         "what": f"TIV of delivered weapons, summed over {len(register)} deals in the register",
         "tiv_million": float(register["tiv_delivered"].sum()) if len(register) else float("nan")},
    ]
    return pd.DataFrame(rows)


def register_deals(deals: pd.DataFrame, supplier: str, recipient: str, from_order_year: int = 1950) -> pd.DataFrame:
    """Deals of the May 2026 trade register from one supplier to one recipient, ordered from a year on."""
    chosen = deals[(deals["supplier"].astype(str) == supplier) & (deals["recipient"].astype(str) == recipient)
                   & (deals["order_year"] >= from_order_year)]
    columns = ["order_year", "weapon", "description", "number_delivered", "delivery_years", "tiv_delivered",
               "comments", "sipri_release"]
    return chosen[columns].sort_values(["order_year", "weapon"]).reset_index(drop=True)
