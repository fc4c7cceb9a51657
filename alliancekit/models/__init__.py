"""The small, pure arithmetic behind the widgets: no plotting, no widgets, no file reading.

One module per topic. Each function takes plain values or DataFrames and returns new ones, so the
tests can call it directly and a widget can show a plain message instead of a traceback when an
input is impossible (it raises :class:`SelectionError` with that message).
"""

from .selection import ALL, SelectionError
from .timeline import filter_events, year_span

# Each lesson's topic module is re-exported below, one line per lesson.
# lesson 02 (artillery):
from .artillery import days_sustained, field_plus_mrl, inventory_estimates, months_sustained, nmc_ratio, nmc_series, shell_presets, shells_per_day, stockpile_path
# lesson 03 (aid and the split):
from .aid import select_aid, turning_points, deliveries_to, arms_view, tiv_share_percent, first_year_more, obligations_side_by_side
# lesson 04 (China and trade):
from . import trade
# lesson 05 (leverage and sanctions):
from .sanctions import (agreement, alignment, capability_ratio, cinc_series, complete_rollcalls, peak_year, rollcall_counts,
                        unsc_by_resolution, vetoes_by_member, vote_counts, vote_grid, vote_pairs, votes_on)
# lesson 06 (hindsight):
from .hindsight import (filter_claims, verdict_counts, evidence_for, rows_citing, north_korean_deliveries,
                        shells_per_container, alliance_summary, select_alliances, obligation_matrix, count_with_obligation)
