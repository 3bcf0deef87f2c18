"""The app's pages, declared once: name, file, title, section and the presets each offers.

app.py builds its navigation from :data:`PAGES`, in order (:func:`sections` groups them; the
sidebar draws one list, see app.py), and links, explainers, worksheets, the pages and the
tests read it. No Streamlit import, so content and
tests use it as is.
"""

from __future__ import annotations

from dataclasses import dataclass

HOME = "home"
START, SIMULATE, READ, TEACH, REFERENCE = "", "Simulate", "Read", "Teach", "Reference"


@dataclass(frozen=True)
class Page:
    """One page: ``name`` is its file's name in ui/pages/ and its url path (home: none)."""

    name: str
    title: str  # in the navigation and in links to it
    section: str  # its heading in the navigation ("" for home, shown first without one)
    presets: tuple[str, ...] = ()  # the published doses its preset box offers (sim.scenarios)
    worksheet: bool = False  # a worksheet question can send students here

    @property
    def file(self) -> str:
        """The page script, relative to the repository root (as st.Page and AppTest take it)."""
        return f"ui/pages/{self.name}.py"

    @property
    def url_path(self) -> str:
        """The page's address after the app's: "" for home."""
        return "" if self.name == HOME else self.name

    @property
    def default(self) -> bool:
        return self.name == HOME


MECHANISM_PRESETS = ("standard-iv", "esketamine-nasal-84", "im-injection", "anesthetic-bolus",
                     "anesthetic-infusion")

PAGES = (
    Page(HOME, "Home", START),
    Page("dose", "The dose", SIMULATE, worksheet=True),
    Page("receptor", "NMDA blockade", SIMULATE, MECHANISM_PRESETS, worksheet=True),
    Page("glutamate", "Glutamate surge", SIMULATE, MECHANISM_PRESETS, worksheet=True),
    Page("growth", "BDNF & synaptic growth", SIMULATE,
         ("standard-iv", "iv-course", "esketamine-nasal-84", "esketamine-induction", "oral",
          "anesthetic-infusion"), worksheet=True),
    Page("story", "The whole story", SIMULATE, worksheet=True),
    Page("claims", "Claims & evidence", READ, worksheet=True),
    Page("read", "Read: topics", READ),
    Page("tour", "Guided tour", READ),
    Page("challenges", "Challenges", TEACH),
    Page("teachers", "For teachers", TEACH),
    Page("about", "About the models", REFERENCE),
    Page("glossary", "Glossary", REFERENCE),
)
BY_NAME = {p.name: p for p in PAGES}
NAMES = tuple(BY_NAME)
SIMULATION_PAGES = tuple(p.name for p in PAGES if p.section == SIMULATE)
WORKSHEET_PAGES = tuple(p.name for p in PAGES if p.worksheet)


def page(name: str) -> Page:
    """The page called ``name`` (KeyError for an unknown one)."""
    return BY_NAME[name]


def file(name: str) -> str:
    """The script of the page called ``name``, e.g. "ui/pages/dose.py"."""
    return BY_NAME[name].file


def sections() -> dict[str, list[Page]]:
    """The pages grouped by section, in order: the shape st.navigation takes."""
    grouped: dict[str, list[Page]] = {}
    for p in PAGES:
        grouped.setdefault(p.section, []).append(p)
    return grouped
