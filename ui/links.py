"""Links into the simulation pages with a published dose already set.

The claims ledger, the Read page and the guided tour all send readers to "see it in the app".
Each page reads its controls from the URL, so a link is the page plus the query parameters
that select the preset (select boxes bind their shown labels, see ``controls.ChoiceSpec``).
"""

from __future__ import annotations

from ui.labels import DRUG_NAMES, ROUTE_NAMES

PAGE_FILES = {
    "dose": "ui/pages/dose.py", "receptor": "ui/pages/receptor.py",
    "glutamate": "ui/pages/glutamate.py", "growth": "ui/pages/growth.py",
    "story": "ui/pages/story.py", "claims": "ui/pages/claims.py", "read": "ui/pages/read.py",
    "tour": "ui/pages/tour.py", "teachers": "ui/pages/teachers.py",
    "about": "ui/pages/about.py", "glossary": "ui/pages/glossary.py", "home": "ui/pages/home.py",
}
PAGE_TITLES = {
    "dose": "The dose", "receptor": "NMDA blockade", "glutamate": "Glutamate surge",
    "growth": "BDNF & synaptic growth", "story": "The whole story",
    "claims": "Claims & evidence", "read": "Read: topics", "tour": "Guided tour",
    "teachers": "For teachers", "about": "About the models", "glossary": "Glossary",
    "home": "Home",
}
# The published doses each page offers in its preset box.
PAGE_PRESETS = {
    "receptor": ("standard-iv", "esketamine-nasal-84", "im-injection", "anesthetic-bolus",
                 "anesthetic-infusion"),
    "glutamate": ("standard-iv", "esketamine-nasal-84", "im-injection", "anesthetic-bolus",
                  "anesthetic-infusion"),
    "growth": ("standard-iv", "iv-course", "esketamine-nasal-84", "esketamine-induction",
               "oral", "anesthetic-infusion"),
}
# The dose page has no preset box: these presets are its route/dose controls.
DOSE_PAGE_SETTINGS = {
    "standard-iv": {},
    "esketamine-nasal-56": {"drug": DRUG_NAMES["esketamine"], "esk_dose": "56"},
    "esketamine-nasal-84": {"drug": DRUG_NAMES["esketamine"], "esk_dose": "84"},
    "im-injection": {"route": ROUTE_NAMES["im"]},
    "oral": {"route": ROUTE_NAMES["oral"]},
    "anesthetic-bolus": {"route": ROUTE_NAMES["iv-bolus"], "dose": "2"},
}
STORY_CUSTOM_LABEL = "None: set A and B yourself"


def preset_query(page: str, preset: str | None) -> dict[str, str]:
    """Query parameters that open ``page`` with ``preset`` chosen, where the page offers it."""
    if not preset:
        return {}
    if page == "dose":
        return dict(DOSE_PAGE_SETTINGS.get(preset, {}))
    if page == "receptor" and preset in PAGE_PRESETS["receptor"]:
        return {"level_from": preset}
    if page in ("glutamate", "growth") and preset in PAGE_PRESETS[page]:
        return {"preset": preset}
    if page == "story":
        return {"compare": STORY_CUSTOM_LABEL, "a_preset": preset, "view": "Scenario A only"}
    return {}


ANAESTHETIC_PRESETS = ("anesthetic-bolus", "anesthetic-infusion")
ANAESTHETIC_NOTE = (
    "**A model prediction, not a measurement:** after an anaesthetic dose, this model's "
    "glutamate surge, and the growth that follows it, come while the level falls back through "
    "the low range. No study in our sources has measured that in people, and in rats an "
    "anaesthetic dose lowered BDNF a day later (Wu 2019)."
)
