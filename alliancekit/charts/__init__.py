"""DataFrame in, plotly Figure out. No widgets, no file reading: the explorers and notebooks call these.

One module per topic. Every figure has a title, axis titles with units, a source line under the plot,
hover text that names the source of each point, and colours from :mod:`alliancekit.palette`.
"""

from .base import FONT, TEMPLATE, source_line, wrap
from .timeline import timeline_figure, timeline_summary

# Each lesson's topic module is re-exported below, one line per lesson.
# lesson 02 (artillery):
from .artillery import inventory_figure, nmc_figure, shell_gap_figure
# lesson 03 (aid and the split):
from .aid import aid_figure, aid_summary, arms_figure, arms_summary
# lesson 04 (China and trade):
from .trade import trade_figure, trade_summary
# lesson 05 (leverage and sanctions):
from .sanctions import (alignment_figure, alignment_summary, capability_figure, capability_summary, rollcall_figure,
                        rollcall_summary)
# lesson 06 (hindsight):
from .hindsight import claims_figure, claims_summary, deliveries_figure, deliveries_summary
