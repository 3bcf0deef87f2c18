"""Accessibility in a real browser: axe-core on every page (after load and after a slider
move), with no violation of any impact; every page with a slider used with the keyboard
alone; chart lines at 3:1. (The contrast of chart text, which axe does not check, is checked
with every page in test_pages.py.)

Only Streamlit's own chrome may be allow-listed, in AXE_ALLOWED below, each entry with the
upstream issue that tracks it. The app's own content gets no exceptions.
"""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from .e2e_helpers import (
    CHART,
    CHART_PAGES,
    PAGES,
    SLIDER_PAGES,
    open_page,
    slider,
    wait_idle,
    wait_rerun,
)

# Streamlit chrome that axe flags and the app cannot change. Each entry: the axe rule id, the
# CSS selector of the chrome it is limited to, the upstream Streamlit issue and why.
# Empty today: with this Streamlit (1.67) and theme, axe finds no violation in Streamlit's
# chrome on any page. Add entries only with a real upstream issue.
AXE_ALLOWED: list[dict[str, str]] = [
    # {"rule": "...", "scope": '[data-testid="stToolbar"]',
    #  "issue": "https://github.com/streamlit/streamlit/issues/NNNNN", "reason": "..."},
]

_axe = Axe()


def run_axe(page, report_name: str, screenshots) -> list[dict]:
    """Violations not allow-listed, of any impact: the issue asks for no serious or critical
    one, and the pages have none at all (heading order, a moderate one, included). Writes the
    full result to screenshots/axe/<report_name>.json for reading."""
    results = _axe.run(page, options={"resultTypes": ["violations"]})
    violations = results.response["violations"]
    out = screenshots / "axe"
    out.mkdir(exist_ok=True)
    (out / f"{report_name}.json").write_text(json.dumps(
        [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
          "nodes": [n["target"] for n in v["nodes"]]} for v in violations], indent=1))
    blocking = []
    for v in violations:
        scopes = [a["scope"] for a in AXE_ALLOWED if a["rule"] == v["id"]]
        nodes = [n for n in v["nodes"] if not scopes or not page.evaluate(
            "([target, scopes]) => { const el = document.querySelector(target);"
            " return !!el && scopes.some(s => el.closest(s)); }",
            [n["target"][-1] if isinstance(n["target"][-1], str) else "", scopes])]
        if nodes:
            blocking.append({"rule": v["id"], "impact": v["impact"], "help": v["help"],
                             "nodes": [(n["target"], (n.get("failureSummary") or "")[:300])
                                       for n in nodes[:5]]})
    return blocking


def test_allow_list_entries_are_complete():
    for entry in AXE_ALLOWED:
        assert set(entry) == {"rule", "scope", "issue", "reason"}, entry
        assert entry["issue"].startswith("https://github.com/streamlit/streamlit/issues/")
        assert entry["reason"].strip() and entry["scope"].strip()


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_axe_finds_no_violations(page, app_url, screenshots, path):
    open_page(page, app_url, path)
    name = path or "home"
    assert run_axe(page, f"{name}-loaded", screenshots) == []

    if path in SLIDER_PAGES:  # and again after a keyboard slider move (focus, tooltip, rerun)
        thumb = slider(page, SLIDER_PAGES[path])
        thumb.focus()
        thumb.press("ArrowRight")
        wait_rerun(page)
        assert run_axe(page, f"{name}-after-slider", screenshots) == []


# --- keyboard only ---------------------------------------------------------------------------

# Marks every visible control with data-e2e-control and remembers how it looks unfocused.
_MARK_CONTROLS = """() => {
  const sel = ['[data-testid="stSlider"] input[type="range"]',
               '[data-testid="stSelectbox"] input[role="combobox"]',
               '[data-testid="stButton"] button', '[data-testid="stDownloadButton"] button',
               '[data-testid="stCheckbox"] input'].join(', ');
  const looks = window.__e2eLook = el => {
    const root = el.closest('[data-testid="stElementContainer"]') || el.parentElement;
    return [root, ...root.querySelectorAll('*')].map(n => { const s = getComputedStyle(n);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
        ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none';
      return [outline, s.boxShadow, s.borderTopColor, s.borderBottomColor,
              s.backgroundColor].join(' | '); });
  };
  window.__e2eBase = {};
  const names = [];
  document.querySelectorAll(sel).forEach((el, i) => {
    // the range input is visually hidden by design (its thumb shows): judge its container
    const shown = el.type === 'range' ? el.closest('[data-testid="stElementContainer"]') : el;
    const box = shown.getBoundingClientRect();
    if (box.width === 0 || box.height === 0
        || !shown.checkVisibility({opacityProperty: true, visibilityProperty: true})) return;
    const name = `${i}: ${el.getAttribute('aria-label') || el.innerText.trim() || el.type}`;
    el.dataset.e2eControl = name;
    window.__e2eBase[name] = looks(el);
    names.push(name);
  });
  return names;
}"""

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const prev = window.__e2ePrev;
  const forward = !prev || prev === el
    || !!(prev.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  window.__e2ePrev = el;
  return {control: el.dataset.e2eControl || null, forward,
          sidebar: !!el.closest('[data-testid="stSidebar"]'),
          what: el.tagName + ' '
                + (el.getAttribute('aria-label') || el.innerText.trim().slice(0, 40))};
}"""

_FOCUS_SHOWN = """(name) => {
  const el = document.activeElement;
  const now = window.__e2eLook(el), before = window.__e2eBase[name];
  return now.some((look, i) => look !== before[i]);
}"""


@pytest.mark.parametrize("path", list(SLIDER_PAGES))
def test_keyboard_alone_reaches_every_control_in_order(page, app_url, path):
    open_page(page, app_url, path)
    controls = page.evaluate(_MARK_CONTROLS)
    assert any(SLIDER_PAGES[path] in c for c in controls), controls  # the page's slider found

    reached, stops, no_focus_ring = [], [], []
    for _ in range(250):
        page.keyboard.press("Tab")
        stop = page.evaluate(_FOCUSED)
        if stop is None or (stops and stop["what"] == stops[0]["what"]):
            break  # back to the start: the whole page has been visited
        stops.append(stop)
        if stop["control"]:
            reached.append(stop["control"])
            page.wait_for_timeout(250)  # focus rings fade in
            if not page.evaluate(_FOCUS_SHOWN, stop["control"]):
                no_focus_ring.append(stop["control"])

    missing = [c for c in controls if c not in reached]
    assert not missing, f"not reachable with Tab: {missing}"
    assert all(s["forward"] for s in stops), (
        "Tab jumps backwards: " + str([s["what"] for s in stops if not s["forward"]]))
    sides = [s["sidebar"] for s in stops if s["control"]]
    assert sides == sorted(sides, reverse=True), "sidebar controls must come before the main ones"
    assert not no_focus_ring, f"no visible focus indicator on: {no_focus_ring}"
    assert len(reached) == len(set(reached)), "a control is visited twice"


def test_every_page_has_its_own_title(page, app_url):
    """WCAG 2.4.2: the browser tab names the page ("The dose · Ketamine Mechanisms
    Explorer"); every page used to be titled "Ketamine Mechanisms Explorer"."""
    from content import pages

    titles = []
    for p in pages.PAGES:
        open_page(page, app_url, "" if p.default else p.url_path)
        assert page.title() == f"{p.title} · Ketamine Mechanisms Explorer"
        titles.append(page.title())
    assert len(set(titles)) == len(pages.PAGES)


# --- chart lines (issue 23) -----------------------------------------------------------------

# Every line Plotly draws, as the browser paints it (colour and opacity), with its contrast
# against the chart's own background (the plot area's fill, else the paper).
CHART_LINES = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const lines = [];
  document.querySelectorAll('.kme-chart .js-plotly-plot').forEach((plot, chart) => {
    const area = plot.querySelector('.bglayer rect.bg');
    const paint = rgb(area ? getComputedStyle(area).fill
                           : getComputedStyle(plot.querySelector('svg.main-svg')).backgroundColor);
    const bg = paint.length >= 3 && paint[3] !== 0 ? paint.slice(0, 3) : [255, 255, 255];
    plot.querySelectorAll('.scatterlayer .trace').forEach(trace => {
      const path = trace.querySelector('path.js-line');
      if (!path || !path.getAttribute('d')) return;
      const s = getComputedStyle(path), t = getComputedStyle(trace);
      if (s.display === 'none' || t.display === 'none' || s.stroke === 'none'
          || parseFloat(s.strokeWidth) === 0) return;
      const colour = rgb(s.stroke);
      const alpha = (colour.length > 3 ? colour[3] : 1) * parseFloat(s.strokeOpacity)
                    * parseFloat(t.opacity);
      const seen = colour.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha));
      const data = trace.__data__ && trace.__data__[0] && trace.__data__[0].trace;
      lines.push({chart, name: data ? data.name : '?', colour: s.stroke,
                  contrast: Math.round(ratio(seen, bg) * 100) / 100});
    });
  });
  return lines;
}"""


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_lines_are_3_to_1_on_their_background(page, app_url, path):
    """WCAG 1.4.11: a line that carries meaning is a graphical object. Okabe-Ito's orange
    (2.25:1) and sky blue (2.31:1) were below it on the receptor and story charts."""
    open_page(page, app_url, path)
    charts = page.locator(CHART)
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()  # charts out of sight are drawn when near
        wait_idle(page)
    lines = page.evaluate(CHART_LINES)
    assert len(lines) >= 2, lines
    faint = [line for line in lines if line["contrast"] < 3]
    assert not faint, faint
