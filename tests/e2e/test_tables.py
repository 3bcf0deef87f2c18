"""Every chart's data as a readable table, and every slider named once with its unit, in
Chromium (issue "Inclusive design II", items 7 and 10).

Each chart, the tour's included, has a "Show the data as a table" switch named after its
chart (a screen reader's list of controls tells them apart), opened with the keyboard; the
table under it has plain headers, a few dozen rows at most, and a sentence saying which rows
it shows; axe finds nothing with the tables open. A slider's accessible name is its label
once (Streamlit 1.67 gave it twice), its value text carries the unit, and the address keeps
the bare number.
"""

from __future__ import annotations

import re

import pytest

from .e2e_helpers import (
    CHART_PAGES,
    accessibility_tree,
    open_page,
    query_params,
    slider,
    wait_idle,
    wait_rerun,
)
from .test_accessibility import run_axe

TOGGLE = "Show the data as a table"
MAX_ROWS = 60  # six weeks, the longest span, is 52 rows (figures/table.py)
CODE_LIKE = re.compile(r"_|\(.*\(.*\(|fraction 0-1|log scale")  # nested units, column codes

_TABLE_UNDER = """(toggle) => {
  // the table the switch opened: the next st.table after the switch's element
  const own = toggle.closest('[data-testid="stElementContainer"]');
  const all = [...document.querySelectorAll('[data-testid="stTable"]')];
  const table = all.find(t => own.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (!table) return null;
  const el = table.querySelector('table');
  const caption = table.closest('[data-testid="stElementContainer"]')
    .previousElementSibling?.innerText || '';
  return {name: el.getAttribute('aria-label') || '', caption,
          headers: [...el.querySelectorAll('thead th')].map(th => th.innerText.trim()),
          rows: [...el.querySelectorAll('tbody tr')].map(tr =>
            [...tr.querySelectorAll('td, th')].map(td => td.innerText.trim()))};
}"""


def switches(page):
    return page.get_by_role("switch", name=TOGGLE)


def open_table(page, toggle) -> dict:
    """Turn the switch on from the keyboard and read the table under it."""
    toggle.scroll_into_view_if_needed()
    wait_idle(page)
    toggle.focus()
    page.keyboard.press("Space")
    wait_rerun(page)
    assert toggle.is_checked()
    found = toggle.evaluate(_TABLE_UNDER)
    assert found, "no table under the switch"
    return found


def digits(cell: str) -> int:
    """Significant digits of a number as written ("0.0282": 3, "1,230": 3, "-70": 2)."""
    bare = cell.lstrip("-").replace(",", "")
    if "." not in bare:
        bare = bare.rstrip("0") or "0"
    return len(bare.replace(".", "").lstrip("0"))


def check_table(table: dict, where: str) -> None:
    headers, rows = table["headers"], table["rows"]
    assert headers and all(h and not CODE_LIKE.search(h) for h in headers), (where, headers)
    assert 3 <= len(rows) <= MAX_ROWS, (where, len(rows))
    assert all(len(r) == len(headers) for r in rows)
    numbers = [cell for row in rows for cell in row[1:] if cell != "–"]
    assert numbers and all(digits(c) <= 3 for c in numbers), (where, numbers[:20])
    assert table["caption"].startswith("The table shows"), (where, table["caption"])
    assert table["name"].startswith("The data of the chart"), where


def ax_names(page, role: str) -> list[str]:
    """The accessible names Chromium computes (CDP's accessibility tree) for a role."""
    return [n["name"] for n in accessibility_tree(page) if n["role"] == role]


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_on_a_page_has_its_own_readable_table(page, app_url, screenshots, path):
    open_page(page, app_url, path)
    toggles = switches(page)
    count = toggles.count()
    charts = page.locator(".kme-chart").count()
    assert count == charts, f"{count} table switches for {charts} charts"
    names = [n for n in ax_names(page, "switch") if n.startswith(TOGGLE)]
    assert len(names) == count and len(set(names)) == count, f"switches named alike: {names}"
    for i in range(count):
        check_table(open_table(page, toggles.nth(i)), f"/{path} chart {i + 1}")
    if path == "dose":  # the first row is the first dose, then every 10 minutes
        first = open_table_rows(page)
        assert first[:3] == ["0 min", "10 min", "20 min"], first
        page.locator('[data-testid="stTable"]').first.screenshot(
            path=str(screenshots / "dose-table.png"))
    assert run_axe(page, f"{path}-tables-open", screenshots) == []


def open_table_rows(page) -> list[str]:
    return page.locator('[data-testid="stTable"]').first.locator(
        "tbody tr td:first-child").all_inner_texts()


@pytest.mark.parametrize("step", [2, 4, 6, 9])
def test_a_tour_chart_has_a_readable_table(page, app_url, screenshots, step):
    """The tour passes no table: the chart's own lines make one (levels, block, the inverted
    U against a log level, and a three-week growth chart)."""
    open_page(page, app_url, "tour", f"tour={step}")
    toggles = switches(page)
    assert toggles.count() == 1
    table = open_table(page, toggles.first)
    check_table(table, f"tour step {step}")
    if step == 6:  # brain level on a log axis: round levels
        assert table["rows"][0][0] == "0.01" and table["rows"][-1][0] == "100"
        assert run_axe(page, "tour-table-open", screenshots) == []


def test_a_long_switch_label_wraps_on_a_phone(new_page, app_url):
    """At 320 px the switch's label (with its chart's title) wraps; Streamlit cut it off
    with "…" in a column."""
    page = new_page({"width": 320, "height": 700})
    open_page(page, app_url, "receptor")
    label = switches(page).first.locator("xpath=ancestor::label")
    label.scroll_into_view_if_needed()
    assert label.evaluate("l => [...l.querySelectorAll('*')].every(e => "
                          "e.scrollWidth <= e.clientWidth + 1 || !e.innerText.trim())")
    assert label.evaluate("l => l.getBoundingClientRect().height") > 30  # two lines or more


# --- sliders ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path, name, unit", [("dose", "Dose (mg/kg)", "mg/kg"),
                                              ("receptor", "Brain level (µM)", "µM")])
def test_a_slider_is_named_once_and_its_value_text_has_its_unit(page, app_url, path, name,
                                                                 unit):
    open_page(page, app_url, path)
    names = ax_names(page, "slider")  # were "Dose (mg/kg) Dose (mg/kg)"
    assert name in names, names
    labels = page.locator('input[type="range"]').evaluate_all(
        "inputs => inputs.map(i => i.getAttribute('aria-label'))")
    # (sliders in a closed expander are not in the tree)
    assert set(names) <= set(labels), f"a slider's name is not its label once: {names}"
    thumb = slider(page, name)
    assert re.fullmatch(rf"-?\d+(\.\d+)? {unit}", thumb.get_attribute("aria-valuetext"))
    thumb.focus()
    thumb.press("ArrowRight")
    wait_rerun(page)
    text = thumb.get_attribute("aria-valuetext")
    number = text.split(" ")[0]
    assert text == f"{number} {unit}"
    key = "dose" if path == "dose" else "level"
    assert query_params(page)[key] == [f"{float(number):g}"]  # the address keeps the number
    assert page.get_by_role("slider", name=name, exact=True).count() == 1
