"""What every figure shares: fonts, the source line under the plot, wrapped hover text."""

from __future__ import annotations

import textwrap

FONT = dict(family="Arial, sans-serif", size=13)
TEMPLATE = "plotly_white"


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
