"""DataFrame in, plotly Figure out. No widgets, no file reading: the explorers and notebooks call these.

One module per topic. Every figure has a title, axis titles with units, a source line under the plot,
hover text that names the source of each point, and colours from :mod:`alliancekit.palette`.
"""

from .base import FONT, TEMPLATE, source_line, wrap
from .timeline import timeline_figure, timeline_summary

# Each lesson's topic module is re-exported below, one line per lesson.
# lesson 02 (artillery):
# lesson 03 (aid and the split):
# lesson 04 (China and trade):
# lesson 05 (leverage and sanctions):
# lesson 06 (hindsight):
