"""The page's live region (ui/announce.py, ui/assets/announce.js): the sentences it is handed
and the sentence the browser composes from what a control changed (run in Node, the same
functions the page runs)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from helpers import open_page

from content import pages
from ui import announce
from ui.assets import ASSETS

NODE = shutil.which("node")


def sent(app) -> list[dict]:
    """What the page handed the live region: app.py's {"page": ...}, then each say()."""
    return [json.loads(c.proto.json) for c in app.get("bidi_component")
            if c.proto.component_name == announce.COMPONENT]


def texts(app) -> list[str]:
    return [data["text"] for data in sent(app) if "text" in data]


# --- sentences handed by the pages -----------------------------------------------------------

def test_a_sentence_has_one_full_stop_and_single_spaces():
    assert announce.sentence("19 of 45 claims") == "19 of 45 claims."
    assert announce.sentence("  Step 2 of 8:\n  A   title ") == "Step 2 of 8: A title."
    assert announce.sentence("All 73 terms, A to Z.") == "All 73 terms, A to Z."
    assert announce.sentence("Why?") == "Why?"
    assert announce.sentence("Showing 4 of 73 terms matching “nmda”.") == (
        "Showing 4 of 73 terms matching “nmda”.")
    assert announce.sentence("a “quote”") == "a “quote”."
    assert announce.sentence("") == ""


def test_a_tour_step_says_where_it_is():
    assert announce.step(3, 8, "Receptors plugged") == "Step 3 of 8: Receptors plugged"


def test_every_page_gets_the_region_with_its_own_name():
    app = open_page(pages.file("dose"))
    assert not app.exception
    assert sent(app)[0] == {"page": "dose"}
    assert texts(app) == [], "a simulation page's sentences are composed in the browser"


def test_the_glossary_says_its_count_as_its_caption_shows_it():
    app = open_page(pages.file("glossary"), q="receptor")
    assert not app.exception
    caption = next(c.value for c in app.caption if c.value.startswith("Showing"))
    assert texts(app) == [caption]
    assert {data["page"] for data in sent(app)} == {"glossary"}, "each says which page it is on"
    assert "of" in caption and "“receptor”" in caption


def test_the_claims_ledger_says_how_many_claims_its_filters_leave():
    app = open_page(pages.file("claims"), grade="Mixed evidence")
    assert not app.exception
    heading = next(h.value for h in app.header if " of " in h.value and "claims" in h.value)
    assert texts(app) == [f"{heading}."]
    assert not heading.startswith(f"{heading.split()[-2]} of"), "the filter left them all"


def test_the_tour_says_the_step_and_its_title():
    app = open_page(pages.file("tour"), tour="2")
    assert not app.exception
    [text] = texts(app)
    assert text.startswith("Step 2 of ") and text.endswith(".")
    title = next(h.value for h in app.header if h.value.startswith("2. "))[3:]
    assert text.endswith(f": {title}.")


# --- the sentence the browser composes (announce.js, in Node) --------------------------------

def run_js(calls: list[tuple[str, list]]) -> list:
    """Each (function, arguments) of announce.js's exported functions, run in Node."""
    script = ("const m = await import(process.argv[1]);\n"
              "const calls = JSON.parse(process.argv[2]);\n"
              "console.log(JSON.stringify(calls.map(([f, args]) => m[f](...args))));")
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", script, "--", "file://" + str(ASSETS / "announce.js"),
         json.dumps(calls)], capture_output=True, text=True, timeout=30, check=True)
    return json.loads(result.stdout)


needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


@needs_node
def test_labels_give_a_name_and_a_unit():
    assert run_js([("splitLabel", ["Dose (mg/kg)"]),
                   ("splitLabel", ["Chronic stress (0 = none, 1 = severe)"]),
                   ("splitLabel", ["Glutamate, first minutes"]),
                   ("splitLabel", ["Peak plasma level"])]) == [
        ["Dose", "mg/kg"], ["Chronic stress", ""], ["Glutamate, first minutes", ""],
        ["Peak plasma level", ""]]


@needs_node
def test_controls_and_numbers_read_as_words():
    assert run_js([
        ("controlPhrase", [{"label": "Dose (mg/kg)", "value": "0.70", "kind": "number"}]),
        ("controlPhrase", [{"label": "Ketamine in the brain (µM)", "value": "0.8 µM",
                            "kind": "number"}]),
        ("controlPhrase", [{"label": "Evidence grade", "value": "Mixed evidence",
                            "kind": "choice"}]),
        ("numberPhrase", ["Peak brain level", "1.54 µM"]),
        ("numberPhrase", ["Highest BDNF (× baseline)", "1.85"]),
        ("numberPhrase", ["A: drug's share at 1 day", "40 %"]),
    ]) == ["Dose 0.70 mg/kg", "Ketamine in the brain 0.8 µM", "Evidence grade, Mixed evidence",
           "peak brain level 1.54 µM", "highest BDNF 1.85 × baseline",
           "A: drug's share at 1 day 40 %"]


DOSE = {"label": "Dose (mg/kg)", "value": "0.70", "kind": "number"}
NUMBERS = [["Peak plasma level", "264 ng/mL"], ["Peak brain level", "1.10 µM"],
           ["Largest blood-pressure rise", "+6.1 mmHg"], ["Deepest state", "Dissociated"]]


@needs_node
def test_one_sentence_from_the_control_and_at_most_three_numbers_that_changed():
    [text] = run_js([("compose", [{"controls": [DOSE], "numbers": NUMBERS}])])
    assert text == ("Dose 0.70 mg/kg: peak plasma level 264 ng/mL; peak brain level 1.10 µM; "
                    "largest blood-pressure rise +6.1 mmHg.")
    assert "deepest state" not in text.lower(), "the fourth number is left out"


@needs_node
def test_the_page_s_sentence_comes_after_the_control_instead_of_numbers():
    [with_filter, alone] = run_js([
        ("compose", [{"controls": [{"label": "Evidence grade", "value": "Mixed evidence",
                                    "kind": "choice"}], "message": "19 of 45 claims.",
                      "numbers": NUMBERS}]),
        ("compose", [{"message": "Step 3 of 8: Receptors plugged."}])])
    assert with_filter == "Evidence grade, Mixed evidence: 19 of 45 claims."
    assert alone == "Step 3 of 8: Receptors plugged."


@needs_node
def test_a_number_that_repeats_the_control_is_said_once():
    level = {"label": "Brain level (µM)", "value": "1.50", "kind": "number"}
    screen = {"label": "Ketamine in the brain (µM)", "value": "0.8 µM", "kind": "number"}
    assert run_js([
        ("compose", [{"controls": [level], "numbers": [["Brain level", "1.50 µM"],
                                                       ["Interneuron-like receptors blocked",
                                                        "60 %"]]}]),
        ("compose", [{"controls": [screen], "numbers": [["Brain level", "0.8 µM"],
                                                        ["Glutamate, first minutes", "1.80 ×"]]}]),
    ]) == ["Brain level 1.50 µM: interneuron-like receptors blocked 60 %.",
           "Ketamine in the brain 0.8 µM: glutamate, first minutes 1.80 ×."]


@needs_node
def test_without_numbers_a_description_s_first_clauses_or_the_control_alone():
    description = ("At 50 minutes: 33 % blocked; glutamate is 1.28 times baseline; BDNF is 1.10 "
                   "times baseline; spines as before. The picture shows 7 of 20 receptors.")
    time = {"label": "Time shown in the picture, its description", "value": "50 min",
            "kind": "number"}
    assert run_js([("compose", [{"controls": [time], "descriptions": [description]}]),
                   ("compose", [{"controls": [time]}]),
                   ("compose", [{}])]) == [
        "Time shown in the picture 50 min: At 50 minutes: 33 % blocked; glutamate is 1.28 "
        "times baseline; BDNF is 1.10 times baseline.",
        "Time shown in the picture 50 min.", ""]


@needs_node
def test_many_controls_at_once_are_counted():
    controls = [{**DOSE, "label": f"Control {i}"} for i in range(5)]
    [text] = run_js([("compose", [{"controls": controls, "numbers": NUMBERS[:1]}])])
    assert text == "5 settings changed: peak plasma level 264 ng/mL."
