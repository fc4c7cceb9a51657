"""The small, pure arithmetic behind the widgets: no plotting, no widgets, no file reading.

One module per topic. Each function takes plain values or DataFrames and returns new ones, so the
tests can call it directly and a widget can show a plain message instead of a traceback when an
input is impossible (it raises :class:`SelectionError` with that message).
"""

from .selection import ALL, SelectionError
from .timeline import filter_events, year_span

# Each lesson's topic module is re-exported below, one line per lesson.
# lesson 02 (artillery):
# lesson 03 (aid and the split):
# lesson 04 (China and trade):
# lesson 05 (leverage and sanctions):
# lesson 06 (hindsight):
