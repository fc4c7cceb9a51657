// A region that scrolls (a long code line, a wide table) must be reachable by keyboard to be scrolled:
// give each one that actually overflows a tab stop and a name. Runs again when the window is resized.
(function () {
  function reachable() {
    document.querySelectorAll('div.highlight pre, div.cell_output, div.output, table.docutils, div.wy-table-responsive')
      .forEach(function (region) {
        var scrolls = region.scrollWidth > region.clientWidth + 1 || region.scrollHeight > region.clientHeight + 1;
        var style = getComputedStyle(region);
        if (scrolls && /(auto|scroll)/.test(style.overflow + style.overflowX + style.overflowY)) {
          if (!region.hasAttribute('tabindex')) {
            region.setAttribute('tabindex', '0');
            region.setAttribute('role', 'region');
            region.setAttribute('aria-label', region.tagName === 'PRE' ? 'code (scrolls)' : 'output (scrolls)');
          }
        }
      });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', reachable);
  else reachable();
  window.addEventListener('resize', reachable);
})();
