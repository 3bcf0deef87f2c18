"""Students read people's names for the published doses, never the codes the models use
(issue 22: menus and titles showed standard-iv and esketamine-nasal-84)."""

from __future__ import annotations

import json
import re

import pytest
from helpers import charts, open_page

from content import pages
from content.labels import PRESET_LABELS

# The codes with a hyphen: a one-word code ("oral") is also an ordinary word in a sentence.
CODES = re.compile(r"\b(" + "|".join(re.escape(c) for c in PRESET_LABELS if "-" in c) + r")\b")


def read_text(app) -> str:
    """Everything a reader sees on the page: text, captions, headings, menus, tables, and
    each chart's titles, legends, labels and hover texts."""
    parts = [e.value for kind in ("markdown", "caption", "title", "header", "subheader",
                                  "info", "warning") for e in getattr(app, kind)]
    parts += [str(o) for box in app.selectbox for o in box.options]
    parts += [str(t.value) for t in app.table] + [str(d.value) for d in app.dataframe]
    parts += [json.dumps(c.get("layout", {})) + json.dumps(
        [{k: t.get(k) for k in ("name", "text", "hovertemplate")} for t in c.get("data", [])])
        for c in charts(app)]
    # a link's address is not read (old codes in links still open their dose: app.py)
    return re.sub(r"\]\([^)]*\)", "]", "\n".join(parts))


@pytest.mark.parametrize("name", [p.name for p in pages.PAGES])
def test_no_page_shows_a_preset_code(name):
    app = open_page(pages.file(name))
    assert not app.exception, app.exception
    assert not CODES.findall(read_text(app))


@pytest.mark.parametrize(("name", "key"), [("receptor", "level_from"), ("glutamate", "preset"),
                                           ("growth", "preset"), ("story", "b_preset")])
def test_a_chosen_preset_is_named_in_words(name, key):
    """With each preset chosen, its name shows and its code does not (titles, captions)."""
    app = open_page(pages.file(name))
    for label in app.selectbox(key=key).options[-3:]:
        app.selectbox(key=key).set_value(label).run()
        assert not app.exception, app.exception
        text = read_text(app)
        assert not CODES.findall(text), label
        assert label in text.replace("<br>", " ")


@pytest.mark.parametrize(("name", "key"), [("receptor", "level_from"), ("glutamate", "preset"),
                                           ("growth", "preset"), ("story", "a_preset")])
def test_an_old_link_with_a_code_opens_that_dose_without_a_notice(name, key):
    """Printed worksheets and saved links name presets by code (preset=anesthetic-bolus)."""
    code = {"story": "oral", "growth": "anesthetic-infusion"}.get(name, "anesthetic-bolus")
    query = {key: code} | ({"compare": "None: set A and B yourself"} if name == "story" else {})
    app = open_page(pages.file(name), **query)
    assert not app.exception, app.exception
    assert app.selectbox(key=key).value == PRESET_LABELS[code]
    assert not [i.value for i in app.info if "could not be used" in i.value]


def test_an_old_link_to_a_dose_the_page_does_not_offer_says_so():
    app = open_page(pages.file("growth"), preset="anesthetic-bolus")
    assert not app.exception, app.exception
    assert app.selectbox(key="preset").value == PRESET_LABELS["standard-iv"]  # the default
    assert [i.value for i in app.info if "'anesthetic-bolus' is not one of" in i.value]
