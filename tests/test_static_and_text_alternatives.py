"""Every explorer has a plain-English text alternative, and on the course website (static build) it displays as a
plain plotly figure with a note and that text instead of a widget no page could run."""

from __future__ import annotations

import inspect

import plotly.graph_objects as go
import pytest

from alliancekit import explorers
from alliancekit.charts.base import describe, static_site
from alliancekit.explorers.base import Explorer, slider_names

EXPLORERS = sorted(name for name, obj in inspect.getmembers(explorers, inspect.isfunction) if name.endswith("_explorer"))


@pytest.fixture(scope="module")
def built():
    return {name: getattr(explorers, name)() for name in EXPLORERS}


def test_there_are_explorers_to_check():
    assert len(EXPLORERS) >= 5, EXPLORERS


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_explorer_describes_its_figure_in_words(built, name):
    explorer = built[name]
    assert isinstance(explorer, Explorer)
    assert len(explorer.summary.value.strip()) > 20, f"{name} has no sentence under its figure"
    text = describe(explorer.figure)
    assert text.startswith("A chart titled \u201c") and "untitled" not in text, text


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_slider_gets_a_name_a_screen_reader_can_announce(built, name):
    explorer = built[name]
    assert explorer.keyboard_access.slider_names == slider_names(explorer.children[0].children)
    assert all(n and n != "value" for n in explorer.keyboard_access.slider_names)


def test_a_figure_description_names_axes_series_and_empty_selections():
    fig = go.Figure([go.Scatter(x=[1, 2, 3], y=[4, 5, None], name="<b>KOTRA</b>"), go.Scatter(x=[], y=[], name="none")])
    fig.update_layout(title="Trade<br>by year", xaxis_title="Year", yaxis_title="US$ million",
                      annotations=[dict(text="Source: KOTRA annual reports", x=0, y=0)])
    text = describe(fig)
    assert text == ("A chart titled \u201cTrade by year\u201d. Horizontal axis: Year. Vertical axis: US$ million. "
                    "It draws 1 series: KOTRA (3 points). Source: KOTRA annual reports.")
    assert "draws no data" in describe(go.Figure(go.Scatter(x=[], y=[])))


def test_the_static_mode_is_off_unless_the_site_build_asks(monkeypatch):
    monkeypatch.delenv("ALLIANCEKIT_STATIC_SITE", raising=False)
    assert not static_site()
    for off in ("", "0", "false"):
        monkeypatch.setenv("ALLIANCEKIT_STATIC_SITE", off)
        assert not static_site()
    monkeypatch.setenv("ALLIANCEKIT_STATIC_SITE", "1")
    assert static_site()


def test_in_a_live_notebook_an_explorer_is_a_widget(monkeypatch, built):
    monkeypatch.delenv("ALLIANCEKIT_STATIC_SITE", raising=False)
    bundle = built["timeline_explorer"]._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_on_the_static_site_an_explorer_is_a_figure_a_note_and_its_text(monkeypatch, built):
    monkeypatch.setenv("ALLIANCEKIT_STATIC_SITE", "1")
    explorer = built["timeline_explorer"]
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    page = bundle["text/html"]
    assert "Plotly.newPlot" in page and "<script src" not in page, "the figure must use the page's own plotly.js"
    assert 'href="#run-this-lesson-live"' in page
    assert "Years: 2022\u2013" in page and "Kind: all kinds" in page, "the note says which settings are shown"
    assert explorer.summary.value in page and "A chart titled" in page
    assert bundle["text/plain"].startswith(explorer.summary.value[:30])


def test_a_table_scrolls_in_a_box_the_keyboard_can_reach_and_says_its_size():
    import pandas as pd

    from alliancekit.accessible import table_html

    frame = pd.DataFrame({"year": [2023, 2024, 2025], "shells": [1, 2, 3]})
    shown = table_html(frame)
    assert shown.startswith('<div class="alliancekit-table" role="region" tabindex="0" '
                            'aria-label="table, 3 rows and 2 columns"')
    assert frame._repr_html_() in shown, "pandas' own table, unchanged, inside the box"


def test_in_a_notebook_tables_and_figures_are_shown_accessibly(monkeypatch):
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    from alliancekit import accessible

    monkeypatch.delenv("ALLIANCEKIT_STATIC_SITE", raising=False)
    shell = InteractiveShell.instance()
    assert accessible.install(shell)
    data, _ = shell.display_formatter.format(pd.DataFrame({"a": [1]}))
    assert data["text/html"].startswith('<div class="alliancekit-table"')
    fig = go.Figure(go.Bar(x=["a"], y=[1], name="aid"), layout=dict(title="Aid"))
    assert shell.display_formatter.ipython_display_formatter(fig) is True, "a figure is displayed with its text"
    assert "A chart titled \u201cAid\u201d" in accessible.text_alternative_html(fig)
