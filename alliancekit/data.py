"""The kit's tables: load them typed and validated, list them, cite their sources.

Every table is a CSV in ``data/`` described by ``data/datapackage.json`` (a Frictionless tabular data
package). :func:`load` checks a table against that description before returning it and never edits or
drops data silently: a malformed file raises :class:`DataValidationError` naming the file, line,
column and value.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd


def _find_data_dir() -> Path:
    """Where the kit's tables are: the folder ALLIANCEKIT_DATA names, if set (a documented override, e.g. for
    an instructor's corrected copy); else the data installed with the package (``pip install .`` puts it in
    ``alliancekit/_data``); else the clone's ``data/`` beside the package (a clone or an editable install).

    Paths resolve from the package, not the working directory, so a notebook opened from anywhere
    (a student edition, a JupyterHub home folder) still finds its data.
    """
    named = os.environ.get("ALLIANCEKIT_DATA")
    if named:
        return Path(named)
    here = Path(__file__).resolve().parent
    installed = here / "_data"
    if (installed / "datapackage.json").exists():
        return installed
    return here.parent / "data"


DATA_DIR = _find_data_dir()

MAX_PROBLEMS_SHOWN = 20


class DataValidationError(ValueError):
    """A table does not match its description in datapackage.json."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        text = "\n".join(f"- {p}" for p in shown)
        if more:
            text += f"\n- ... and {more} more problem(s)"
        super().__init__(f"{len(problems)} problem(s) in the kit's data:\n{text}")


@dataclass(frozen=True)
class Citation:
    """One row of the ``sources`` table, formatted the way a reader expects."""

    source_id: str
    author: str
    title: str
    publisher: str
    year: str
    url: str

    def __str__(self) -> str:
        who = f"{self.author}, " if self.author else ""
        year = f", {self.year}" if self.year else ""
        url = f". {self.url}" if self.url else ""
        return f"{who}\u201c{self.title}\u201d, {self.publisher}{year}{url}"

    def _repr_markdown_(self) -> str:
        return str(self)


def _package_path(data_dir: Path) -> Path:
    return Path(data_dir) / "datapackage.json"


@lru_cache(maxsize=8)
def _read_package(path: Path, mtime: float) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def package(data_dir: Path | str | None = None) -> dict:
    """The parsed ``datapackage.json``."""
    path = _package_path(Path(data_dir or DATA_DIR))
    if not path.exists():
        raise FileNotFoundError(f"No data package description at {path}")
    return _read_package(path, path.stat().st_mtime)


def resource(name: str, data_dir: Path | str | None = None) -> dict:
    """The description of one table (its resource in ``datapackage.json``)."""
    for res in package(data_dir)["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(tables(data_dir))
    raise KeyError(f"No table called {name!r}. The kit's tables are: {known}")


def tables(data_dir: Path | str | None = None) -> list[str]:
    """Names of every table in the kit, in the order the data package lists them."""
    return [res["name"] for res in package(data_dir)["resources"]]


# --- parsing one cell -----------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = {"true", "yes"}
_FALSE = {"false", "no"}


def _cell_problem(value: str, field: dict) -> str | None:
    """Why ``value`` (a non-empty CSV cell) does not fit ``field``, or None if it fits."""
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    number = None
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            return "is not a whole number"
        number = int(value)
    elif kind == "number":
        try:
            number = float(value)
        except ValueError:
            return "is not a number"
        if number != number:  # NaN written out as text
            return "is not a number"
    elif kind == "date":
        if not _ISO_DATE.match(value):
            return "is not a date written YYYY-MM-DD"
        try:
            pd.Timestamp(value)
        except ValueError:
            return "is not a real calendar date"
    elif kind == "boolean":
        if value.lower() not in _TRUE | _FALSE:
            return "is not true/false (or yes/no)"
    enum = constraints.get("enum")
    if enum is not None:
        items = value.split(field["separator"]) if field.get("separator") else [value]
        bad = [item for item in items if item not in enum]
        if bad:
            return f"is not one of the allowed values ({', '.join(map(str, enum))})"
    if number is not None:
        if "minimum" in constraints and number < constraints["minimum"]:
            return f"is below the minimum {constraints['minimum']}"
        if "maximum" in constraints and number > constraints["maximum"]:
            return f"is above the maximum {constraints['maximum']}"
    pattern = constraints.get("pattern")
    if pattern and not re.fullmatch(pattern, value):
        return f"does not match the pattern {pattern}"
    return None


def _convert(column: pd.Series, field: dict) -> pd.Series:
    """Turn a validated text column into its typed pandas form (empty cells become missing)."""
    kind = field.get("type", "string")
    empty = column == ""
    if kind == "integer":
        return pd.to_numeric(column.mask(empty), errors="raise").astype("Int64")
    if kind == "number":
        return pd.to_numeric(column.mask(empty), errors="raise").astype("float64")
    if kind == "date":
        return pd.to_datetime(column.mask(empty), format="%Y-%m-%d")
    if kind == "boolean":
        return column.str.lower().map(lambda v: True if v in _TRUE else False if v in _FALSE else pd.NA).astype("boolean")
    enum = field.get("constraints", {}).get("enum")
    if enum is not None and not field.get("separator"):
        return pd.Categorical(column.mask(empty), categories=enum)
    return column.mask(empty).astype("string")


# --- reading and validating a table ----------------------------------------------------------------


def _read_raw(res: dict, data_dir: Path) -> tuple[pd.DataFrame, Path]:
    path = data_dir / res["path"]
    if not path.exists():
        raise DataValidationError([f"{_show(path)}: file is missing (listed in datapackage.json as {res['name']!r})"])
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, csv.Error) as exc:
        raise DataValidationError([f"{_show(path)}: cannot be read as UTF-8 CSV ({exc})"]) from None
    return raw, path


def _show(path: Path) -> str:
    """A path as a reader would look for it: relative to the repository where possible."""
    try:
        return str(path.resolve().relative_to(DATA_DIR.resolve().parent))
    except ValueError:
        return str(path)


def _line(row_index: int) -> int:
    """The file line of a data row (line 1 is the header)."""
    return row_index + 2


def _problems_in(res: dict, raw: pd.DataFrame, path: Path, data_dir: Path) -> list[str]:
    where = _show(path)
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    problems = []
    missing = [n for n in names if n not in raw.columns]
    extra = [c for c in raw.columns if c not in names]
    if missing:
        problems.append(f"{where}: column(s) {', '.join(missing)} missing (datapackage.json describes them)")
    if extra:
        problems.append(f"{where}: column(s) {', '.join(extra)} not described in datapackage.json")
    if missing:
        return problems

    for field in fields:
        name = field["name"]
        required = field.get("constraints", {}).get("required", False)
        for i, value in raw[name].items():
            if value == "":
                if required:
                    problems.append(f"{where}, line {_line(i)}, column '{name}': empty, but a value is required")
                continue
            why = _cell_problem(value, field)
            if why:
                problems.append(f"{where}, line {_line(i)}, column '{name}': {value!r} {why}")

    key = res["schema"].get("primaryKey")
    if key:
        key = [key] if isinstance(key, str) else key
        dupes = raw[raw.duplicated(subset=key, keep=False)]
        for values, group in dupes.groupby(key, sort=False):
            lines = ", ".join(str(_line(i)) for i in group.index)
            shown = values if isinstance(values, tuple) else (values,)
            problems.append(f"{where}, lines {lines}: duplicate key ({', '.join(key)}) = {shown}")

    for fk in res["schema"].get("foreignKeys", []):
        column = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
        target = fk["reference"]["resource"]
        target_column = fk["reference"]["fields"]
        target_column = target_column if isinstance(target_column, str) else target_column[0]
        target_res = resource(target, data_dir)
        target_raw, target_path = _read_raw(target_res, data_dir)
        known = set(target_raw[target_column]) if target_column in target_raw else set()
        separator = next((f.get("separator") for f in fields if f["name"] == column), None)
        for i, value in raw[column].items():
            if value == "":
                continue
            for item in value.split(separator) if separator else [value]:
                if item.strip() not in known:
                    problems.append(
                        f"{where}, line {_line(i)}, column '{column}': {item.strip()!r} is not a "
                        f"{target_column} in {_show(target_path)}"
                    )
    return problems


@lru_cache(maxsize=64)
def _load_cached(name: str, data_dir: str, stamp: tuple) -> pd.DataFrame:
    data_dir_path = Path(data_dir)
    res = resource(name, data_dir_path)
    raw, path = _read_raw(res, data_dir_path)
    problems = _problems_in(res, raw, path, data_dir_path)
    if problems:
        raise DataValidationError(problems)
    typed = pd.DataFrame({f["name"]: _convert(raw[f["name"]], f) for f in res["schema"]["fields"]})
    typed.attrs["title"] = res.get("title", name)
    typed.attrs["source_ids"] = sorted(_source_ids_in(typed, res))
    return typed


def _source_ids_in(df: pd.DataFrame, res: dict) -> set[str]:
    ids: set[str] = set()
    for field in res["schema"]["fields"]:
        if field["name"] in ("source_id", "source_ids"):
            sep = field.get("separator")
            for value in df[field["name"]].dropna():
                ids.update(v.strip() for v in (value.split(sep) if sep else [value]))
    return ids


def _stamp(data_dir: Path) -> tuple:
    """Modification times of every file in data/, so an edited file is re-read, not served stale."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in data_dir.glob("*.csv"))) + (
        _package_path(data_dir).stat().st_mtime_ns,
    )


def load(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load one of the kit's tables as a typed, validated DataFrame.

    Dates become datetimes, columns with a fixed list of values become categoricals, numbers keep
    their units (see ``describe(name)``). Raises :class:`DataValidationError` naming file, line,
    column and value if the CSV does not match ``datapackage.json``.

    >>> events = load("events")            # doctest: +SKIP
    """
    data_dir = Path(data_dir or DATA_DIR)
    return _load_cached(name, str(data_dir), _stamp(data_dir)).copy()


def validate(data_dir: Path | str | None = None) -> list[str]:
    """Every problem in every table (an empty list when the whole package is sound)."""
    data_dir = Path(data_dir or DATA_DIR)
    problems: list[str] = []
    for name in tables(data_dir):
        try:
            load(name, data_dir)
        except DataValidationError as exc:
            problems.extend(exc.problems)
        problems.extend(evidence_problems(name, data_dir))
    if "claims" in tables(data_dir) and "claim_sources" in tables(data_dir):
        problems.extend(ledger_problems(data_dir))
    return problems


# --- the claims ledger: what a verdict may say --------------------------------------------------------

# Phrases by which a note concedes that the evidence falls short of the claim. A note that says one of them
# cannot sit under "supported": the verdict would be stronger than its own note.
CONCESSIONS = ("goes further", "go further", "not found", "no source read", "no stored page", "no page read",
               "our sum", "kit's sum", "kit's own sum", "unverified", "not verified", "cannot be confirmed",
               "could not be confirmed", "not confirmed", "wording not found")

# Which role a claim's sources must play for each verdict that rests on evidence (claim_sources.role).
_EVIDENCE_FOR_VERDICT = {
    "supported": {"supports"},
    "partly_supported": {"supports", "partly_supports"},
    "contradicted": {"contradicts"},
}

# A sentence ends inside a quote when a full stop (or ! ?) after a word of two small letters or digits is followed
# by a space and a capital letter; "U.S. Treasury" or "Mr. Kim" are abbreviations, not sentence ends.
_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9]{2})[.!?][\"\u201d\u2019]?\s+[\"\u201c\u2018]?[A-Z]")


def verdict_rules(data_dir: Path | str | None = None) -> dict[str, list[str]]:
    """Which verdicts need an empty caveat and which need one (``verdict_rules`` of the claims resource)."""
    return resource("claims", data_dir).get("verdict_rules", {"caveat_empty": [], "caveat_required": []})


def ledger_problems(data_dir: Path | str | None = None) -> list[str]:
    """Claims whose verdict breaks the ledger's rules, one plain sentence each (empty when all hold).

    - a ``supported`` claim has an empty caveat and a note with none of the :data:`CONCESSIONS`;
    - ``partly_supported``, ``contradicted`` and ``no_evidence_found`` say in ``caveat`` what is missing;
    - every claim has at least one row in ``claim_sources``, and a verdict that rests on evidence has a
      source in the matching role (supported: supports; contradicted: contradicts ...), not only the op-ed;
    - a ``quote`` is one sentence or clause, never more.

    Tables that do not load are left to :func:`load`'s own messages.
    """
    data_dir = Path(data_dir or DATA_DIR)
    try:
        claims, links = load("claims", data_dir), load("claim_sources", data_dir)
    except DataValidationError:
        return []
    rules = verdict_rules(data_dir)
    where = "data/claims.csv"
    roles = links.groupby("claim_id", sort=False)["role"].agg(lambda r: set(r.astype(str)))
    problems = []
    for i, c in claims.iterrows():
        claim_id, verdict = str(c["claim_id"]), str(c["verdict"])
        caveat = "" if pd.isna(c["caveat"]) else str(c["caveat"]).strip()
        line = f"{where}, line {_line(i)} ({claim_id})"
        if verdict in rules.get("caveat_empty", []):
            if caveat:
                problems.append(f"{line}: verdict '{verdict}' with a caveat; a claim with a gap is partly_supported")
            conceded = [p for p in CONCESSIONS if p in str(c["note"]).lower()]
            if conceded:
                problems.append(f"{line}: verdict '{verdict}' but the note concedes a gap ('{conceded[0]}'); "
                                "make it partly_supported (or no_evidence_found) and say the gap in caveat")
        if verdict in rules.get("caveat_required", []) and not caveat:
            problems.append(f"{line}: verdict '{verdict}' needs a caveat saying what the evidence does not show")
        cited = roles.get(claim_id)
        if not cited:
            problems.append(f"{line}: no source in data/claim_sources.csv; every claim cites at least one")
        elif verdict in _EVIDENCE_FOR_VERDICT and not cited & _EVIDENCE_FOR_VERDICT[verdict]:
            wanted = " or ".join(sorted(_EVIDENCE_FOR_VERDICT[verdict]))
            problems.append(f"{line}: verdict '{verdict}' but no source in data/claim_sources.csv {wanted} it")
        if _SENTENCE_BREAK.search(str(c["quote"])):
            problems.append(f"{line}: the quote runs over more than one sentence; quote only the sentence it checks")
    return problems


def describe(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """A small codebook of one table: each column's type, unit and meaning."""
    res = resource(name, data_dir)
    return pd.DataFrame(
        [
            {
                "column": f["name"],
                "type": f.get("type", "string"),
                "unit": f.get("unit", ""),
                "description": f.get("description", ""),
            }
            for f in res["schema"]["fields"]
        ]
    )


def cite(source_id: str, data_dir: Path | str | None = None) -> Citation:
    """The full reference for a ``source_id`` (a row of the ``sources`` table)."""
    sources = load("sources", data_dir)
    match = sources[sources["source_id"] == source_id]
    if match.empty:
        raise KeyError(f"No source with source_id {source_id!r} in data/sources.csv")
    row = match.iloc[0].fillna("")
    year = row["year"]
    return Citation(
        source_id=source_id,
        author=str(row["author"]),
        title=str(row["title"]),
        publisher=str(row["publisher"]),
        year=str(int(year)) if year != "" else "",
        url=str(row["url"]),
    )


# --- figures and their evidence --------------------------------------------------------------------

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12,
}
_NUMBER = re.compile(
    # thousands grouped with one separator throughout: "1,100 152/155mm" is 1,100 and 152, not 1100152
    r"(?<![\w.])(?P<whole>\d{1,3}(?P<sep>[,\u00a0 ])\d{3}(?:(?P=sep)\d{3})*|\d+)(?P<decimals>\.\d+)?"
    r"\s*(?:%|percent\b|per cent\b)?"
    r"(?:\s*(?P<scale>thousand|millions?|mln|mn|m|billions?|bn|b|trillion|k)\b)?",
    re.IGNORECASE,
)


def numbers_in(text: str) -> set[float]:
    """Every number a quote states, read as a reader would: ``$6.54 billion`` is 6,540,000,000.

    Both the bare figure and its scaled value are returned, so a table may store 14,000 or
    6,540,000,000 and still be matched to the quote that shows it.
    """
    found: set[float] = set()
    for match in _NUMBER.finditer(text or ""):
        whole, decimals, scale = match.group("whole", "decimals", "scale")
        value = float(re.sub(r"[,\u00a0 ]", "", whole) + (decimals or ""))
        found.add(value)
        if scale:
            found.add(value * _SCALES[scale.lower()])
    return found


def _same_figure(value: float, stated: set[float]) -> bool:
    return any(abs(value - s) <= 1e-9 * max(1.0, abs(s)) for s in stated)


def evidence_problems(name: str, data_dir: Path | str | None = None) -> list[str]:
    """Rows whose figures do not appear in their own evidence quote.

    A resource lists the numeric columns to check in ``evidence_fields``. The quote is read from
    ``evidence_en`` (the kit's translation) when present, else from ``evidence``.
    """
    data_dir = Path(data_dir or DATA_DIR)
    res = resource(name, data_dir)
    fields = res.get("evidence_fields") or []
    if not fields:
        return []
    raw, path = _read_raw(res, data_dir)
    problems = []
    for i, row in raw.iterrows():
        quote = " ".join(row.get(c, "") for c in ("evidence", "evidence_en") if c in row)
        stated = numbers_in(quote)
        for column in fields:
            text = row.get(column, "")
            if text == "":
                continue
            try:
                value = float(text)
            except ValueError:
                continue  # a type problem, reported by load()
            if not _same_figure(value, stated):
                problems.append(
                    f"{_show(path)}, line {_line(i)}, column '{column}': {text} does not appear in the row's evidence"
                )
    return problems


def with_source_labels(df: pd.DataFrame, column: str = "source_id", data_dir: Path | str | None = None) -> pd.DataFrame:
    """A copy of ``df`` with a ``source_label`` column ("Publisher, year: title") for hover text."""
    sources = load("sources", data_dir).set_index("source_id")
    def label(source_id) -> str:
        if pd.isna(source_id) or source_id not in sources.index:
            return "source not recorded"
        row = sources.loc[source_id]
        year = "" if pd.isna(row["year"]) else f", {int(row['year'])}"
        title = str(row["title"])
        title = title if len(title) <= 70 else title[:67] + "..."
        return f"{row['publisher']}{year}: {title}"
    out = df.copy()
    out["source_label"] = out[column].map(label)
    return out
