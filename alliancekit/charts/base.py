"""What every figure shares: fonts, the source line under the plot, wrapped hover text."""

from __future__ import annotations

import textwrap

FONT = dict(family="Arial, sans-serif", size=13)
# plotly_white's look in a few lines: the named template costs about 6 ms to build on every figure, and an
# explorer builds a figure on every change (redraw then leaves the template out altogether).
TEMPLATE = dict(layout=dict(
    paper_bgcolor="white", plot_bgcolor="white", font=dict(color="#2a3f5f"), hoverlabel=dict(align="left"),
    xaxis=dict(gridcolor="#EBF0F8", linecolor="#EBF0F8", zerolinecolor="#EBF0F8", ticks=""),
    yaxis=dict(gridcolor="#EBF0F8", linecolor="#EBF0F8", zerolinecolor="#EBF0F8", ticks=""),
))


SOURCE_LINE_WIDTH = 105  # characters of 11-px text that fit under a figure in a JupyterLab notebook


def source_line(text: str, y: float = -0.16) -> dict:
    """An annotation under the plotting area saying where the figures come from.

    Plotly does not wrap annotations, so the text is wrapped here; lines already broken with <br> are kept.
    """
    text = "<br>".join(wrap(part, SOURCE_LINE_WIDTH) for part in text.split("<br>"))
    return dict(
        text=text, showarrow=False, xref="paper", yref="paper", x=0, y=y,
        xanchor="left", yanchor="top", align="left", font=dict(size=11, color="#444"),
    )


def wrap(text: str, width: int = 60) -> str:
    """Hover text wrapped with <br> so a long event or title stays readable."""
    return "<br>".join(textwrap.wrap(str(text), width))
