"""What every explorer shares: the layout, the message line, the safe redraw.

An explorer never shows a Python traceback: an impossible selection, or an unexpected failure, gives
a plain message above the figure and keeps the student's controls and the last good figure as they were.
"""

from __future__ import annotations

import html
import sys
from typing import Callable

# plotly's widget imports nbformat, whose jsonschema then builds a large grammar (rfc3987_syntax) for IRI format
# checks that nothing in a lesson uses: 0.8 s of every lesson's start. Marking it absent makes jsonschema skip
# that one format check; if something imported it already, it stays.
sys.modules.setdefault("rfc3987_syntax", None)

import anywidget
import ipywidgets as widgets
import plotly.graph_objects as go
import traitlets

from ..charts.base import describe, figure_html, static_site
from ..models import SelectionError

# Where a static page (the course website) says the lesson can be run live; the build puts this anchor on
# every lesson page, next to its "open in JupyterLab" links.
RUN_LIVE_ANCHOR = "run-this-lesson-live"


class KeyboardAccess(anywidget.AnyWidget):
    """An invisible helper that gives an explorer's controls what ipywidgets leaves out, in the browser.

    ipywidgets' slider handles (noUiSlider) carry role="slider" but no accessible name, so a screen reader
    announces "slider" and a number; this names each handle after its control ("Years, first year"). A region
    that scrolls (a wide row of controls) is made focusable so it can be scrolled from the keyboard. The names
    come from Python, in the order the sliders appear in the explorer. And JupyterLab's notebook shortcuts
    take the arrow keys (ArrowDown selects the next cell) before a focused dropdown sees them, so a keyboard
    user could not change a dropdown: the controls are marked so JupyterLab leaves their keys to them.
    """

    _esm = """
    function apply(box, names) {
      box.querySelectorAll('select, .noUi-handle, input').forEach(control => {
        if (!control.hasAttribute('data-lm-suppress-shortcuts')) control.setAttribute('data-lm-suppress-shortcuts', 'true');
      });
      const sliders = box.querySelectorAll('.widget-slider');
      sliders.forEach((slider, i) => {
        const name = names[i] || (slider.querySelector('.widget-label') || {}).textContent || 'value';
        const handles = slider.querySelectorAll('.noUi-handle');
        handles.forEach((handle, j) => {
          const which = handles.length === 2 ? (j === 0 ? ', lower end' : ', upper end') : '';
          if (handle.getAttribute('aria-label') !== name + which) handle.setAttribute('aria-label', name + which);
        });
      });
      const regions = '.widget-box, .widget-html-content, .widget-html-content > *, .widget-html-content > * > *';
      box.querySelectorAll(regions).forEach(region => {
        const scrolls = region.scrollWidth > region.clientWidth + 1 || region.scrollHeight > region.clientHeight + 1;
        const style = getComputedStyle(region);
        if (scrolls && /(auto|scroll)/.test(style.overflow + style.overflowX + style.overflowY)) {
          if (!region.hasAttribute('tabindex')) {
            region.setAttribute('tabindex', '0');
            // a plain box becomes a named region; a list keeps its own role and only gets a name
            if (region.tagName === 'DIV' && !region.hasAttribute('role')) region.setAttribute('role', 'region');
            if (!region.hasAttribute('aria-label')) region.setAttribute('aria-label', 'scrollable content');
          }
        }
      });
    }
    export default {
      render({ model, el }) {
        el.style.display = 'none';
        let box = null;
        const run = () => {
          box = box || el.closest('.alliancekit-explorer');
          if (box) apply(box, model.get('slider_names'));
        };
        // the explorer's other views render asynchronously, and a slider may redraw its handles: keep up, but
        // at most once per 200 ms, so a figure's redraw (thousands of mutations) costs the student nothing
        let pending = null;
        const observer = new MutationObserver(() => {
          if (pending === null) pending = setTimeout(() => { pending = null; run(); }, 200);
        });
        const start = () => {
          box = el.closest('.alliancekit-explorer');
          if (!box) { setTimeout(start, 100); return; }
          run();
          observer.observe(box, { childList: true, subtree: true });
        };
        start();
        return () => observer.disconnect();
      },
    };
    """
    slider_names = traitlets.List(traitlets.Unicode()).tag(sync=True)


def _walk(widget: widgets.Widget, context: str = ""):
    """Every widget under ``widget``, depth first (the order the browser shows them), with a context label.

    The context is the description of the first control in the same row, so a slider described only as
    "override" next to the "Stockpile" dropdown is named "Stockpile override".
    """
    children = getattr(widget, "children", None)
    if children is not None:
        row = context
        first = next((c for c in children if getattr(c, "description", "")), None)
        if isinstance(widget, widgets.HBox) and first is not None:
            row = first.description
        for child in children:
            yield from _walk(child, row)
    else:
        yield widget, context


def slider_names(controls: list[widgets.Widget]) -> list[str]:
    """An accessible name for every slider among ``controls``, in the order they are drawn."""
    names = []
    for widget, context in (pair for control in controls for pair in _walk(control)):
        if isinstance(widget, (widgets.IntSlider, widgets.FloatSlider, widgets.IntRangeSlider,
                               widgets.FloatRangeSlider, widgets.SelectionSlider, widgets.SelectionRangeSlider,
                               widgets.FloatLogSlider)):
            name = widget.description or "value"
            if context and context != name:
                name = f"{context} {name}"
            names.append(name)
    return names


def _shown_value(widget: widgets.Widget) -> str:
    """A control's current setting as a reader sees it: the label of a choice, a range as "a\u2013b"."""
    label = getattr(widget, "label", None)
    if isinstance(label, str):
        return label
    value = widget.value
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return f"{value[0]}\u2013{value[1]}"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{value:,.0f}" if value == int(value) else f"{value:,}"
    return str(value)


class Explorer(widgets.VBox):
    """Controls, a message line, a figure and a one-sentence text summary, stacked.

    ``controls`` and ``figure`` are kept as attributes so tests (and curious students) can move a
    control from code and read the figure's data.
    """

    def __init__(self, controls: list[widgets.Widget], figure: go.FigureWidget):
        self.controls = controls
        self.figure = figure
        self.message = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.summary = widgets.HTML()
        self.summary.add_class("alliancekit-summary")
        self.keyboard_access = KeyboardAccess(slider_names=slider_names(controls))
        super().__init__([widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap")),
                          self.message, figure, self.summary, self.keyboard_access])
        self.add_class("alliancekit-explorer")

    def settings(self) -> list[tuple[str, str]]:
        """Each control's description and current setting, in the order they are drawn."""
        shown = []
        for widget, context in (pair for control in self.children[0].children for pair in _walk(control)):
            description = getattr(widget, "description", "")
            if description and hasattr(widget, "value"):
                name = f"{context} {description}" if context and context != description else description
                shown.append((name, _shown_value(widget)))
        return shown

    def static_html(self) -> str:
        """The explorer as a static page shows it: its figure as it is now, a note, and its text alternative."""
        settings = "; ".join(f"{html.escape(name)}: {html.escape(value)}" for name, value in self.settings())
        note = ('<p class="alliancekit-static-note"><strong>Explorer shown in its default view.</strong> '
                "Hover over the chart to read each point and its source. The controls "
                f"({settings}) need a running lesson: "
                f'<a href="#{RUN_LIVE_ANCHOR}">run this lesson live</a> in JupyterLab to move them.</p>')
        message = f'<div class="alliancekit-message">{self.message.value}</div>' if self.message.value else ""
        summary = self.summary.value
        caption = f"<strong>{summary}</strong>" if summary else ""
        return (f'<div class="alliancekit-explorer-static">{note}{message}'
                f"{figure_html(go.Figure(self.figure), caption)}</div>")

    def _repr_mimebundle_(self, **kwargs):
        # On the course website there is no kernel to talk to: show a plain, still interactive, figure instead.
        if static_site():
            text = html.unescape(self.summary.value) + " " + describe(self.figure)
            return {"text/html": self.static_html(), "text/plain": text.strip()}
        return super()._repr_mimebundle_(**kwargs)

    def show_problem(self, text: str) -> None:
        self.message.value = (f'<span role="alert" style="color:#D55E00"><b>Cannot show that:</b> '
                              f"{html.escape(text)}</span>")

    def clear_problem(self) -> None:
        self.message.value = ""


def redraw(figure: go.FigureWidget, new: go.Figure) -> None:
    """Copy the traces and labels of ``new`` into the live figure, in one message to the browser.

    Traces are matched by position; ``new`` must have the same number of traces as ``figure``
    (chart functions keep a fixed set of traces, empty where nothing is selected, for this reason).
    """
    if len(new.data) != len(figure.data):
        raise ValueError(f"the new figure has {len(new.data)} traces, the live one {len(figure.data)}")
    with figure.batch_update():
        for trace, new_trace in zip(figure.data, new.data):
            trace.update(new_trace.to_plotly_json(), overwrite=True)
        layout = new.layout.to_plotly_json()
        layout.pop("template", None)  # unchanged between redraws, and validating it costs ~20 ms each time
        figure.layout.update(layout, overwrite=True)


def safely(explorer: Explorer, update: Callable[[], None]) -> Callable:
    """Wrap an explorer's update so a student sees a plain message, never a traceback."""

    def on_change(_change=None):
        try:
            update()
            explorer.clear_problem()
        except SelectionError as exc:
            explorer.show_problem(str(exc))
        except Exception as exc:  # a widget must never print a traceback at a student
            explorer.show_problem(f"something went wrong drawing this figure ({exc.__class__.__name__}: {exc}). "
                                  "Your selection is kept; try another one.")

    return on_change


def summary_html(text: str) -> str:
    """The one-sentence description under a figure, for screen-reader users."""
    return html.escape(text)
