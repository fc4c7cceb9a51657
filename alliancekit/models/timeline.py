"""Selecting events for the timeline (lesson 01): by years and by kind of event."""

from __future__ import annotations

import pandas as pd

from .selection import ALL, SelectionError


def filter_events(events: pd.DataFrame, start_year: int, end_year: int, category: str = ALL) -> pd.DataFrame:
    """Events dated from 1 January of ``start_year`` to 31 December of ``end_year``, optionally one category.

    Returns an empty table (not an error) when nothing matches; raises :class:`SelectionError` when
    the years are reversed or the category does not exist.
    """
    if start_year > end_year:
        raise SelectionError(f"The first year ({start_year}) is after the last year ({end_year}).")
    if category != ALL and category not in set(events["category"].astype(str)):
        raise SelectionError(f"There is no event category called {category!r}.")
    years = events["date"].dt.year
    chosen = events[(years >= start_year) & (years <= end_year)]
    if category != ALL:
        chosen = chosen[chosen["category"].astype(str) == category]
    return chosen.sort_values("date").reset_index(drop=True)


def year_span(events: pd.DataFrame) -> tuple[int, int]:
    """First and last year with an event, for slider bounds."""
    years = events["date"].dt.year
    return int(years.min()), int(years.max())
