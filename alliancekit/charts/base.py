"""What every figure shares: fonts, the source line under the plot, wrapped hover text, a text alternative."""

from __future__ import annotations

import html
import os
import re
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


# --- The course website: figures as static, interactive HTML, each with a text alternative -----------------------

STATIC_SITE_ENV = "ALLIANCEKIT_STATIC_SITE"
# plotly.js is served by the site itself (copied from the plotly package at build time): no figure reaches a CDN.
PLOTLY_CONFIG = dict(displaylogo=False, responsive=True)


def static_site() -> bool:
    """True while the course website is built (``ALLIANCEKIT_STATIC_SITE=1``).

    A static page has no kernel, so widgets cannot run there: explorers and bare figures then display as
    plain plotly HTML (hover and zoom still work) with their text alternative.
    """
    return os.environ.get(STATIC_SITE_ENV, "").strip() not in ("", "0", "false", "no")


def _plain(text) -> str:
    """Text without plotly's HTML (``<br>``, ``<b>``...) and without doubled spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(str(text or ""))).split())


def _count(trace) -> int:
    for attribute in ("x", "y", "values", "z"):
        values = getattr(trace, attribute, None)
        if values is not None:
            return sum(1 for v in values if v is not None)
    return 0


def describe(fig) -> str:
    """A plain-English text alternative read off the figure itself: its title, axes and series with their sizes.

    It complements the one-sentence summary an explorer writes (which says what the data shows) with what is
    drawn, so a reader who cannot see the chart knows what a sighted reader is looking at.
    """
    layout = fig.layout
    title = _plain(layout.title.text) if layout.title and layout.title.text else "untitled"
    parts = [f"A chart titled \u201c{title}\u201d."]
    x_title = _plain(layout.xaxis.title.text) if layout.xaxis and layout.xaxis.title else ""
    y_title = _plain(layout.yaxis.title.text) if layout.yaxis and layout.yaxis.title else ""
    if x_title:
        parts.append(f"Horizontal axis: {x_title}.")
    if y_title:
        parts.append(f"Vertical axis: {y_title}.")
    series = [(_plain(t.name) or f"series {i + 1}", _count(t)) for i, t in enumerate(fig.data)]
    drawn = [(name, n) for name, n in series if n]
    if drawn:
        listed = "; ".join(f"{name} ({n} point{'s' if n != 1 else ''})" for name, n in drawn)
        parts.append(f"It draws {len(drawn)} series: {listed}.")
    else:
        parts.append("It draws no data for this selection.")
    notes = [_plain(a.text) for a in (layout.annotations or ()) if a.text]
    sources = [n for n in notes if n.lower().startswith("source")]
    if sources:
        parts.append(sources[0] if sources[0].endswith(".") else sources[0] + ".")
    return " ".join(parts)


def figure_html(fig, caption_html: str = "") -> str:
    """The figure as an HTML fragment for a static page: an interactive plotly chart and its text alternative.

    The page must load plotly.js itself (the website serves its own copy); nothing here is fetched from
    elsewhere. The chart is labelled by its text alternative for screen readers, and the same words are
    shown as the caption for everyone.
    """
    import plotly.io as pio

    height = fig.layout.height or 450
    chart = pio.to_html(fig, include_plotlyjs=False, full_html=False, config=PLOTLY_CONFIG,
                        default_width="100%", default_height=f"{height}px")
    alternative = describe(fig)
    caption = caption_html + (" " if caption_html else "") + html.escape(alternative)
    return (f'<figure class="alliancekit-figure" role="group" aria-label="{html.escape(alternative, quote=True)}">'
            f"{chart}<figcaption class=\"alliancekit-figure-text\">{caption}</figcaption></figure>")


def use_static_renderer() -> None:
    """Make every plotly figure displayed in a notebook render as :func:`figure_html` (the website's build)."""
    import plotly.io as pio
    from plotly.io._base_renderers import MimetypeRenderer

    class StaticSiteRenderer(MimetypeRenderer):
        def to_mimebundle(self, fig_dict):
            import plotly.graph_objects as go

            fig = go.Figure(fig_dict)
            return {"text/html": figure_html(fig), "text/plain": describe(fig)}

    pio.renderers["alliancekit_static"] = StaticSiteRenderer()
    pio.renderers.default = "alliancekit_static"


if static_site():
    use_static_renderer()
