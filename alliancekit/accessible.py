"""What a lesson displays, made usable with a keyboard and a screen reader: tables and bare figures.

Installed by ``import alliancekit`` when it runs inside IPython (a notebook, or the website's build):

- a DataFrame is shown in a box that scrolls by itself, can take the keyboard focus and is named after the
  table's size: a wide table overflows its output area, and a region that scrolls must be reachable by
  keyboard (WCAG 2.1.1), which JupyterLab's output area is not;
- a plotly figure is followed by its text alternative in plain English (:func:`alliancekit.charts.base.describe`).
  On the website the figure's own caption carries it (see ``charts.base.use_static_renderer``).

Nothing here imports pandas or plotly: the hooks are registered by name and run only when such an object is shown.
"""

from __future__ import annotations

import html
import sys


def table_html(frame) -> str | None:
    """pandas' own HTML for a table, in a keyboard-reachable box that scrolls by itself and says the table's size."""
    inner = frame._repr_html_()
    if inner is None:
        return None
    rows, columns = frame.shape
    label = f"table, {rows:,} row{'s' if rows != 1 else ''} and {columns} column{'s' if columns != 1 else ''}"
    return (f'<div class="alliancekit-table" role="region" tabindex="0" aria-label="{label}" '
            f'style="overflow-x:auto;max-width:100%">{inner}</div>')


def text_alternative_html(fig) -> str:
    """The paragraph shown under a figure in a notebook: what the chart draws, in words."""
    from .charts.base import describe

    return (f'<p class="alliancekit-figure-text" style="font-size:0.9em;color:#333;margin:0.2em 0 1em 0">'
            f"<b>The chart in words:</b> {html.escape(describe(fig))}</p>")


def figure_with_text(fig) -> bool:
    """Display a figure as plotly would, then its text alternative (IPython's display hook for figures)."""
    from IPython.display import HTML, display

    display(fig._repr_mimebundle_(), raw=True)
    display(HTML(text_alternative_html(fig)))
    return True


def install(shell=None) -> bool:
    """Register the hooks in the running IPython shell; False (and nothing done) outside IPython."""
    if shell is None:
        if "IPython" not in sys.modules:
            return False
        shell = sys.modules["IPython"].get_ipython()
    if shell is None:
        return False
    formatters = shell.display_formatter
    # by the class's own __module__, which pandas 3 sets to "pandas" (older releases: "pandas.core.frame")
    for module in ("pandas", "pandas.core.frame"):
        formatters.formatters["text/html"].for_type_by_name(module, "DataFrame", table_html)
    from .charts.base import static_site

    if not static_site():
        formatters.ipython_display_formatter.for_type_by_name("plotly.graph_objs._figure", "Figure", figure_with_text)
    return True
