"""Interactive explorers: ipywidgets controls wired to the kit's charts. One function per explorer.

Each returns an :class:`Explorer` (controls, a message line, a plotly ``FigureWidget`` and a
one-sentence summary). Moving a control redraws the figure; an impossible selection gives a plain
message, never a traceback.
"""

from .base import Explorer
from .timeline import timeline_explorer

# Each lesson's explorers are re-exported below, one line per lesson.
# lesson 02 (artillery):
from .artillery import artillery_explorer, shell_gap_explorer
# lesson 03 (aid and the split):
from .aid import aid_explorer, arms_explorer
# lesson 04 (China and trade):
from .trade import trade_explorer
# lesson 05 (leverage and sanctions):
from .sanctions import agreement_explorer, capability_explorer, un_vote_explorer
# lesson 06 (hindsight):
from .hindsight import claims_explorer, deliveries_explorer
