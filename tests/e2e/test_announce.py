"""What a screen reader hears after a change (WCAG 4.1.3; ui/announce.py): the page's one
polite live region, read from the accessibility tree, after a keyboard move and a drag on two
simulation pages, a glossary search, a claims filter and a tour step. A held arrow key is said
once, at its final value; a rerun that repaints the same numbers says nothing; a page opens
silent; axe still finds nothing."""

from __future__ import annotations

import pytest

from .e2e_helpers import metrics, open_page, select, slider, wait_idle, wait_rerun

REGION = "#kme-announce"

# Every change of the region's text, as a screen reader is told of it (one per mutation).
_WATCH = """() => {
  const region = document.querySelector('#kme-announce');
  window.__said = [];
  region.__e2eMark = true;  // the same node after reruns, not a new one
  new MutationObserver(records => { for (const r of records)
    window.__said.push(region.textContent); })
    .observe(region, {childList: true, characterData: true, subtree: true});
}"""


def watch(page) -> None:
    page.wait_for_selector(REGION, state="attached")
    page.evaluate(_WATCH)


def said(page) -> list[str]:
    return page.evaluate("() => window.__said")


_STATE = """() => { const h = window.__kmeAnnounce || {};
  return JSON.stringify({said: [...(h.said || [])], visit: h.visit, page: h.page,
                         pending: h.pending && {...h.pending, controls: [...h.pending.controls],
                                                numbers: null, descriptions: null},
                         path: location.pathname}); }"""


def heard(page, starts_with: str, timeout: float = 15_000) -> str:
    """Wait for the region to say a sentence that starts so, and return it."""
    try:
        page.wait_for_function(
            "s => (document.querySelector('#kme-announce')?.textContent || '').startsWith(s)",
            arg=starts_with, timeout=timeout, polling=100)
    except Exception as problem:  # noqa: BLE001 - say what the region had instead
        raise AssertionError(f"not said: {starts_with!r}; the region says "
                             f"{page.locator(REGION).text_content()!r}; said {said(page)}; "
                             f"state {page.evaluate(_STATE)}") from problem
    return page.locator(REGION).text_content()


def quiet_after(page, ms: int = 2_500) -> None:
    """Long enough for a late or repeated sentence to come (the region waits 0.7 s)."""
    wait_idle(page)
    page.wait_for_timeout(ms)


def accessible_node(page) -> dict:
    """The region as Chromium's accessibility tree has it: role, live, ignored and text."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": REGION})["nodeId"]
        [ax] = [n for n in cdp.send("Accessibility.getPartialAXTree",
                                    {"nodeId": node, "fetchRelatives": False})["nodes"]
                if n.get("backendDOMNodeId")]
    finally:
        cdp.detach()
    props = {p["name"]: p["value"].get("value") for p in ax.get("properties", [])}
    return {"role": ax["role"]["value"], "ignored": ax["ignored"], "live": props.get("live"),
            "atomic": props.get("atomic"),
            "text": page.locator(REGION).aria_snapshot()}


def test_a_held_arrow_key_on_the_dose_is_said_once_with_its_numbers(page, app_url):
    open_page(page, app_url, "dose")
    assert page.locator(REGION).text_content() == "", "a page opens silent"
    watch(page)
    thumb = slider(page, "Dose (mg/kg)")
    thumb.focus()
    for _ in range(10):  # a held key repeats about 25 times a second
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(40)
    wait_rerun(page)
    text = heard(page, "Dose ")
    quiet_after(page)
    assert said(page) == [text], "ten presses, one sentence"
    # the final value, 0.50 + 10 steps of 0.05 (the slider may say its unit or not)
    assert thumb.get_attribute("aria-valuetext").startswith("1.00")
    assert text.startswith("Dose 1.00 mg/kg: "), text
    shown = metrics(page)
    assert f"peak brain level {shown['Peak brain level']}" in text, (text, shown)
    assert f"peak plasma level {shown['Peak plasma level']}" in text
    assert text.count(";") <= 2 and text.endswith("."), "one sentence of up to three numbers"

    node = accessible_node(page)
    assert node["role"] == "status" and not node["ignored"], node
    assert node["live"] == "polite" and node["atomic"] is True, node
    assert node["text"].removeprefix("- status: ").strip('"') == text, node  # YAML quotes
    box = page.locator(REGION).bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1, "visually hidden"

    # a rerun that repaints the same numbers (the data table) says nothing new
    page.get_by_text("Show the data as a table").first.click()
    wait_rerun(page)
    quiet_after(page)
    assert said(page) == [text]

    # a control the server answers (not drawn in the browser while it moves) is said too
    minutes = slider(page, "Infusion time (min)")
    minutes.focus()
    minutes.press("ArrowRight")
    wait_rerun(page)
    later = heard(page, "Infusion time ")
    shown = metrics(page)
    value = minutes.get_attribute("aria-valuetext").removesuffix(" min")
    assert later.startswith(f"Infusion time {value} min: "), later
    assert f"peak plasma level {shown['Peak plasma level']}" in later, (later, shown)
    quiet_after(page, 1_500)
    assert said(page) == [text, later]
    assert page.evaluate("() => document.querySelector('#kme-announce').__e2eMark === true"
                         " && document.querySelectorAll('#kme-announce').length === 1"), (
        "the region is the same node after the reruns")


def test_a_drag_on_the_receptor_s_level_is_said_once_at_its_final_value(page, app_url):
    open_page(page, app_url, "receptor")
    watch(page)
    thumb = slider(page, "Brain level (µM)")
    handle = page.locator('[data-testid="stSlider"]').filter(has=thumb).locator(
        '[data-testid="stSliderThumbValue"]').locator("..")
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 13):  # a drag: the numbers follow in the browser, no server run
        page.mouse.move(x + 8 * step, y)
        page.wait_for_timeout(50)
    page.mouse.up()
    wait_rerun(page)
    final = thumb.get_attribute("aria-valuetext").removesuffix(" µM")
    text = heard(page, f"Brain level {final} µM: ")
    quiet_after(page)
    assert said(page) == [text], "a drag is said once"
    shown = metrics(page)
    assert f"interneuron-like receptors blocked {shown['Interneuron-like receptors blocked']}" \
        in text, (text, shown)
    assert "brain level" not in text.split(": ", 1)[1], "the level is said once, as the control"


def test_a_glossary_search_says_how_many_terms_match(page, app_url):
    open_page(page, app_url, "glossary")
    assert page.locator(REGION).text_content() == ""
    watch(page)
    box = page.locator('input[aria-label="Search the glossary"]')
    box.fill("receptor")
    box.press("Enter")
    wait_rerun(page)
    text = heard(page, "Showing ")
    caption = page.locator('[data-testid="stCaptionContainer"]').filter(
        has_text="Showing").inner_text().strip()
    assert text == caption and "of" in text and "“receptor”" in text, (text, caption)
    quiet_after(page, 1_500)
    assert said(page) == [text]


def test_a_claims_filter_says_the_filter_and_the_count(page, app_url):
    open_page(page, app_url, "claims")
    watch(page)
    select(page, "Evidence grade", "Mixed evidence")
    text = heard(page, "Evidence grade, Mixed evidence: ")
    count = page.get_by_role("heading", level=2).filter(has_text=" claims").first.inner_text()
    assert text == f"Evidence grade, Mixed evidence: {count.strip()}.", (text, count)
    quiet_after(page, 1_500)
    assert said(page) == [text]


def test_a_tour_step_says_its_number_and_title(page, app_url):
    open_page(page, app_url, "tour")
    assert page.locator(REGION).text_content() == ""
    watch(page)
    page.get_by_role("button", name="Next →").click()
    wait_rerun(page)
    text = heard(page, "Step 2 of ")
    title = page.get_by_role("heading", level=2).filter(has_text="2. ").first.inner_text()
    assert text.endswith(f": {title.strip()[3:]}."), (text, title)
    quiet_after(page, 1_500)
    assert said(page) == [text]


def test_axe_finds_nothing_with_the_region_speaking(page, app_url, screenshots):
    try:
        from .test_accessibility import run_axe
    except ImportError as problem:  # axe's package is missing
        pytest.skip(f"axe is not importable: {problem}")
    open_page(page, app_url, "dose")
    thumb = slider(page, "Dose (mg/kg)")
    thumb.focus()
    thumb.press("ArrowRight")
    wait_rerun(page)
    heard(page, "Dose ")
    assert run_axe(page, "dose-announced", screenshots) == []
