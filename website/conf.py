"""Sphinx settings for the course website (built by website/build.py, which stages the sources beside this file).

Sphinx with MyST-NB: lessons are executed at build time in a fresh kernel, Markdown pages are read as MyST, and
the built-in alabaster theme is used because it loads no web font, no icon font and no script from elsewhere.
"""

from __future__ import annotations

project = "Alliance Kit"
author = "Alliance Kit contributors"
copyright = "Alliance Kit contributors"
language = "en"

extensions = ["myst_nb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
suppress_warnings = ["myst.header", "myst.xref_missing", "misc.highlighting_failure"]

# Execution: every lesson runs from the top in a fresh kernel each build; an error fails the build.
nb_execution_mode = "force"
nb_execution_timeout = 600
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
# No widget manager from a CDN: in a static build explorers display plain plotly HTML, never widget views.
nb_ipywidgets_js = {}
# No MathJax from a CDN either: the lessons have no mathematics, and "$" is money in their text.
myst_enable_extensions = []
myst_heading_anchors = 3

html_theme = "alabaster"
html_title = "Alliance Kit"
html_static_path = ["_static"]
html_css_files = ["alliancekit.css"]
html_js_files = ["alliancekit.js"]
html_theme_options = {
    "description": "A Jupyter course on alliance politics, built around one op-ed and cited data",
    "fixed_sidebar": False,
    "show_powered_by": False,
    # alabaster's defaults include a few greys below WCAG AA contrast; these meet it on white
    "link": "#0b5394",
    "link_hover": "#063a6b",
    "footer_text": "#444",
    "caption_font_size": "inherit",
}
html_sidebars = {"**": ["about.html", "navigation.html", "searchbox.html"]}
html_show_sourcelink = False
html_copy_source = False
pygments_style = "default"


def _plotly_where_needed(app, pagename, templatename, context, doctree):
    """Load the site's own plotly.js only on pages that draw a figure (it is 4.6 MB)."""
    if "plotly-graph-div" in context.get("body", ""):
        app.add_js_file("plotly.min.js", priority=100)


def _heading_levels(app, exception):
    """Sphinx marks toctree captions role="heading" without the aria-level that role requires: add it."""
    if exception is not None or app.builder.format != "html":
        return
    from pathlib import Path

    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = text.replace('class="caption" role="heading">', 'class="caption" role="heading" aria-level="2">')
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app):
    app.connect("html-page-context", _plotly_where_needed)
    app.connect("build-finished", _heading_levels)
