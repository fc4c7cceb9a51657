"""Interactive explorers: ipywidgets controls wired to the kit's charts. One function per explorer.

Each returns an :class:`Explorer` (controls, a message line, a plotly ``FigureWidget`` and a
one-sentence summary). Moving a control redraws the figure; an impossible selection gives a plain
message, never a traceback.
"""

from .base import Explorer
from .timeline import timeline_explorer

# Each lesson's explorers are re-exported below, one line per lesson.
# lesson 02 (artillery):
# lesson 03 (aid and the split):
# lesson 04 (China and trade):
# lesson 05 (leverage and sanctions):
# lesson 06 (hindsight):
