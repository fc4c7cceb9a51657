"""An explorer's controls driven by the keyboard alone, as a student who cannot use a mouse drives them.

Shared by the keyboard and accessibility tests and by ``benchmarks/bench_browser.py`` (every control timed).
"""

from __future__ import annotations

import json

# What a student can operate in an explorer: dropdowns, slider handles, toggle buttons, check boxes, text boxes.
CONTROLS = ("select, .noUi-handle, .widget-toggle-buttons button, .widget-checkbox input, "
            ".widget-text input, .widget-inline-hbox input[type=number]")

# What the student sees change: the figure's data and labels, the sentence under it, the message line.
SHOWN_JS = """
box => {
  const plot = box.querySelector('.js-plotly-plot');
  const layout = (plot && plot.layout) || {};
  const axes = Object.keys(layout).filter(k => /^[xy]axis/.test(k)).sort().map(k => [k, layout[k].type, layout[k].range]);
  return JSON.stringify([
    ((plot && plot.data) || []).map(t => [t.name, t.x, t.y, t.z, t.values]),
    layout.title && layout.title.text, axes, (layout.annotations || []).map(a => a.text),
    (box.querySelector('.alliancekit-summary') || {}).textContent,
    ((box.querySelector('[role=alert]') || {}).textContent || ''),
  ]);
}
"""

# Times one key press in the page: from the keydown to the first moment (polled every 4 ms) the student sees a
# change, as [milliseconds, "figure" or "message"]; rejects after 20 s.
ARM_TIMER_JS = """
([index, shownSource]) => {
  const box = document.querySelectorAll('.alliancekit-explorer')[index];
  const shown = eval(shownSource);
  const before = shown(box);
  const alertBefore = (box.querySelector('[role=alert]') || {}).textContent || '';
  window.__alliancekitResponse = new Promise((resolve, reject) => {
    const start = () => {
      box.removeEventListener('keydown', start, true);
      const started = performance.now();
      const poll = () => {
        const now = shown(box);
        if (now !== before) {
          const alert = (box.querySelector('[role=alert]') || {}).textContent || '';
          resolve([performance.now() - started, alert && alert !== alertBefore ? 'message' : 'figure']);
          return;
        }
        if (performance.now() - started > 20000) { reject(new Error('no response within 20 s')); return; }
        setTimeout(poll, 4);
      };
      setTimeout(poll, 4);
    };
    box.addEventListener('keydown', start, true);
  });
}
"""


def explorers(page):
    return page.locator(".alliancekit-explorer")


def shown(box) -> str:
    return box.evaluate(SHOWN_JS)


def describe_control(control) -> str:
    """A short name for a control in reports: its label, or its accessible name."""
    return control.evaluate("""el => {
      const named = el.getAttribute('aria-label');
      if (named) return named;
      const row = el.closest('.widget-inline-hbox, .widget-toggle-buttons, .widget-checkbox');
      const label = row && row.querySelector('.widget-label');
      const text = label && label.textContent.replace(/\u200b/g, '').trim();
      if (el.tagName === 'BUTTON') return (text ? text + ': ' : '') + el.textContent.trim();
      const own = el.closest('label');  // a check box carries its own label
      if (own && own.textContent.trim()) return own.textContent.trim();
      return text || el.tagName.toLowerCase();
    }""")


def key_for(control, forward: bool = True) -> str | None:
    """The key that changes this control from where it stands (None: nothing to press, e.g. the active toggle)."""
    kind = control.evaluate("""el => {
      if (el.tagName === 'SELECT') return ['select', el.selectedIndex, el.options.length];
      if (el.classList.contains('noUi-handle'))
        return ['slider', Number(el.getAttribute('aria-valuenow')), Number(el.getAttribute('aria-valuemax')),
                Number(el.getAttribute('aria-valuemin'))];
      if (el.tagName === 'BUTTON') return ['button', el.classList.contains('mod-active')];
      if (el.type === 'checkbox') return ['checkbox'];
      return ['text'];
    }""")
    if kind[0] == "select":
        at_end = kind[1] >= kind[2] - 1
        at_start = kind[1] <= 0
        return "ArrowUp" if (at_end or not forward) and not at_start else "ArrowDown"
    if kind[0] == "slider":
        now, top, bottom = kind[1], kind[2], kind[3]
        return "ArrowLeft" if (now >= top or not forward) and now > bottom else "ArrowRight"
    if kind[0] == "button":
        return None if kind[1] else "Space"
    if kind[0] == "checkbox":
        return "Space"
    return "ArrowUp"


def tab_stops(page, box, limit: int = 80) -> list[int]:
    """The explorer's controls in the order Tab reaches them, starting from its first control.

    Each control is numbered first (data-ak-control); the first is focused as a student who tabbed into the
    explorer finds it, then Tab is pressed until the focus leaves the explorer.
    """
    count = box.evaluate(f"""box => {{
      const all = [...box.querySelectorAll({json.dumps(CONTROLS)})];
      all.forEach((el, i) => el.setAttribute('data-ak-control', i));
      if (all.length) all[0].focus();
      return all.length;
    }}""")
    reached = []
    for _ in range(limit):
        where = page.evaluate("""() => {
          const el = document.activeElement;
          const box = el && el.closest('.alliancekit-explorer');
          return [el && el.getAttribute('data-ak-control'), !!box];
        }""")
        if not where[1]:
            break
        if where[0] is not None and int(where[0]) not in reached:
            reached.append(int(where[0]))
        page.keyboard.press("Tab")
    return reached if count else []
