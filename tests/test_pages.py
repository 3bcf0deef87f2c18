"""The page registry (content/pages.py): every page declared once, and what reads it agrees."""

from pathlib import Path

from content import explainers, pages, worksheets
from sim.scenarios import PRESETS
from ui import links

ROOT = Path(__file__).resolve().parents[1]


def test_every_declared_page_has_its_script_and_a_unique_name():
    assert len(set(pages.NAMES)) == len(pages.PAGES)
    for page in pages.PAGES:
        assert (ROOT / page.file).is_file(), page.file
    assert [p.name for p in pages.PAGES if p.default] == [pages.HOME]
    assert [p.url_path for p in pages.PAGES].count("") == 1


def test_sections_keep_the_declared_order():
    """st.navigation shows sections in order: each section's pages sit together, home first."""
    grouped = pages.sections()
    assert [p for section in grouped.values() for p in section] == list(pages.PAGES)
    assert next(iter(grouped)) == pages.START and grouped[pages.START][0].name == pages.HOME
    assert set(grouped) == {pages.START, pages.SIMULATE, pages.READ, pages.TEACH,
                            pages.REFERENCE}


def test_presets_are_published_scenarios():
    for page in pages.PAGES:
        assert set(page.presets) <= set(PRESETS), page.name


def test_links_explainers_and_worksheets_read_the_registry():
    assert links.PAGE_FILES == {p.name: p.file for p in pages.PAGES}
    assert links.PAGE_TITLES == {p.name: p.title for p in pages.PAGES}
    assert links.PAGE_PRESETS == {"receptor": pages.MECHANISM_PRESETS,
                                  "glutamate": pages.MECHANISM_PRESETS,
                                  "growth": pages.page("growth").presets}
    assert explainers.PAGES == pages.NAMES
    assert explainers.SIMULATION_PAGES == ("dose", "receptor", "glutamate", "growth", "story")
    assert worksheets.WORKSHEET_PAGES == (*explainers.SIMULATION_PAGES, "claims")
