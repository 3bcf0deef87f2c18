"""Challenges (predict, then check): the file is valid, each answer is worked out from the
model and agrees with the published direction of effect, a changed model changes the answer,
and the page scores, gives feedback, links to the setting that shows it, and survives bad
links."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qsl

import numpy as np
import pytest
from helpers import BAD_URL_VALUES, captions, open_page

from content import challenges, explainers, pages
from figures import glutamate, levels
from sim import cascade, scenarios
from sim.receptor import ReceptorParams
from ui import presenter

PAGE = pages.file("challenges")
ALL = challenges.load_challenges()
BY_KIND = {c.kind: c for c in ALL}
ANSWERS = {c.id: challenges.derive(c) for c in ALL}


def wrong_code(challenge) -> str:
    return next(code for code, _ in challenge.choices() if code not in ANSWERS[challenge.id].right)


def right_code(challenge) -> str:
    return next(code for code, _ in challenge.choices() if code in ANSWERS[challenge.id].right)


# --------------------------------------------------------------------------- the file

def test_the_challenges_are_valid():
    assert challenges.challenge_problems(ALL, set(explainers.load_sources())) == []
    assert set(BY_KIND) == set(challenges.KINDS), "one challenge of each kind"


def test_challenge_problems_are_found():
    broken = dataclasses.replace(
        BY_KIND["most-spines"], id="x", question="Above {nothing}?",
        options=(("research", "The standard-iv drip"), ("other", "Another")),
        settings={"days": 7, "presets": {"research": "mega-dose", "x": "oral"}},
        why="No source here [@nobody].", see_page="nowhere")
    problems = " ".join(challenges.challenge_problems((broken, broken), {"lii2023"}))
    for expected in ("5 to 6 expected", "id 'x' appears twice", "codes under 'presets'",
                     "'mega-dose' is not a published dose", "names nothing",
                     "page 'nowhere'", "source 'nobody'", "shows the code standard-iv"):
        assert expected in problems, expected
    odd = dataclasses.replace(BY_KIND["block"], kind="magic")
    assert "kind 'magic'" in " ".join(challenges.challenge_problems((odd,), set()))
    shuffled = dataclasses.replace(BY_KIND["block"],
                                   options=tuple(reversed(BY_KIND["block"].options)))
    assert "choices should be interneurons, pyramidal, same" in " ".join(
        challenges.challenge_problems((shuffled,), set()))


def test_every_result_sentence_fills_from_the_model_for_every_choice():
    for c in ALL:
        answer = ANSWERS[c.id]
        assert answer.right, f"{c.id}: the model leaves no choice right"
        for code, words in c.choices():
            said = challenges.check(c, answer, code)
            assert said.picked == words and "{" not in said.result, (c.id, said.result)
            assert said.right == (code in answer.right)


# ------------------------------------------------ answers: the model's, in the published direction

def test_interneurons_are_blocked_more_at_the_research_peak():
    """Interneurons' NMDA receptors are blocked first (Homayoun & Moghaddam 2007; Gerhard
    2020): at the research drip's peak the derived answer is the interneurons."""
    answer = ANSWERS[BY_KIND["block"].id]
    assert answer.right == {"interneurons"}
    assert float(answer.facts["interneuron"].rstrip(" %")) > float(
        answer.facts["pyramidal"].rstrip(" %"))


def test_glutamate_is_highest_in_the_research_range_and_falls_at_anaesthetic_levels():
    """Inverted U (Moghaddam 1997): glutamate rises at low levels and falls at anaesthetic
    ones. Every level counted right lies in the sub-anaesthetic range, none anaesthetic."""
    challenge = BY_KIND["glutamate-peak"]
    answer = ANSWERS[challenge.id]
    right = [float(code) for code in answer.right]
    low, high = levels.SUB_ANAESTHETIC_UM
    assert all(low <= level <= high for level in right), right
    assert float(answer.facts["best"]) in right
    anaesthetic = [v for v in challenge.settings["levels"] if v >= levels.ANAESTHETIC_FROM_UM]
    assert anaesthetic and all(challenges.level_code(v) not in answer.right for v in anaesthetic)
    idvall = min(anaesthetic, key=lambda v: abs(v - levels.IDVALL_PLATEAU_UM))
    assert float(answer.values[challenges.level_code(idvall)]) < 1.0, "falls below baseline"


def test_the_levels_offered_are_the_glutamate_pages_own():
    """So "See it in the app" lands on a level that page's slider has."""
    assert set(BY_KIND["glutamate-peak"].settings["levels"]) <= set(glutamate.SCREEN_LEVELS)


def test_dissociation_fades_within_hours_while_relief_outlasts_it():
    """Dissociation peaks as the drip ends and resolves within hours (Luckenbaugh 2014);
    relief in trials is larger a day later (Zarate 2006)."""
    answer = ANSWERS[BY_KIND["fade"].id]
    assert answer.right == {"hours"}
    assert float(answer.facts["fade"]) < 6.0
    assert float(answer.facts["relief_day"]) > float(answer.facts["relief_fade"])


def test_spines_outlast_the_drug():
    """New spines last days to two weeks after one dose (Li 2010; Phoumthipphavong 2016),
    while the drug is gone within a day."""
    answer = ANSWERS[BY_KIND["lasting"].id]
    assert answer.right == {"above"}
    assert answer.facts["brain_day"].startswith("less than")


def test_only_a_course_keeps_spines_above_the_threshold_at_day_14():
    """Repeated infusions sustain the effect longer than one (Murrough 2013; Shiroma 2014)."""
    challenge = BY_KIND["course"]
    answer = ANSWERS[challenge.id]
    assert answer.right == {"courses"}
    for name in challenge.settings["repeated"]:
        assert float(answer.facts[name]) > challenge.settings["threshold"]


def test_an_anaesthetic_dose_is_not_the_best_for_growth():
    """Ketamine under surgical anaesthesia did no better than placebo (Lii 2023) and an
    anaesthetic dose lowered BDNF in rodents (Wu 2019): the most spines come from a dose
    whose brain level stays below the anaesthetic range."""
    challenge = BY_KIND["most-spines"]
    for code in ANSWERS[challenge.id].right:
        preset = challenge.settings["presets"][code]
        run = cascade.simulate(scenarios.preset_scenario(preset, hours=6.0))
        assert np.max(run["brain_um"]) < levels.ANAESTHETIC_FROM_UM, preset
        assert not run.notes, "the winner is inside what the model was built for"


# ------------------------------------------ a different model gives a different answer

def test_swapping_the_receptors_half_block_levels_swaps_the_answer():
    """Negative control: the answer comes from the model, not from the file."""
    swapped = ReceptorParams(ic50_interneuron=5.0, ic50_pyramidal=1.0)
    assert challenges.derive(BY_KIND["block"], receptor=swapped).right == {"pyramidal"}


def test_a_glutamate_curve_that_only_rises_moves_the_answer_to_the_top(monkeypatch):
    def rising(levels_um, hypothesis):
        c = np.asarray(levels_um, dtype=float)
        return ["brain_um", "glutamate_rel_unadapted"], np.column_stack([c, 1 + c])

    monkeypatch.setattr(challenges, "dose_response_table", rising)
    challenge = BY_KIND["glutamate-peak"]
    top = challenges.level_code(challenge.settings["levels"][-1])
    assert top in challenges.derive(challenge).right
    assert not (challenges.derive(challenge).right & ANSWERS[challenge.id].right)


@pytest.mark.parametrize(("kind", "settings", "expected"), [
    ("fade", {"share": 0.001}, {"days"}),  # a thousandth of the peak takes longer
    ("lasting", {"day": 60}, {"back"}),  # two months on, the spines have faded
    ("course", {"threshold": 1.0}, {"all"}),
    ("course", {"threshold": 1.5}, {"none"}),
])
def test_other_settings_give_the_models_other_answer(kind, settings, expected):
    challenge = BY_KIND[kind]
    changed = dataclasses.replace(challenge, settings={**challenge.settings, **settings})
    assert challenges.derive(changed).right == expected


def test_offering_a_stronger_dose_moves_the_most_spines_answer():
    challenge = BY_KIND["most-spines"]
    presets = {**challenge.settings["presets"], "research": "esketamine-induction"}
    changed = dataclasses.replace(challenge, settings={**challenge.settings, "presets": presets})
    assert challenges.derive(changed).right == {"research"}


# --------------------------------------------------------------------------- links

@pytest.mark.parametrize(("raw", "expected"), [
    (None, 1), ("1", 1), ("3", 3), (str(len(ALL)), len(ALL)), (" 2 ", 2)])
def test_a_good_challenge_number(raw, expected):
    assert challenges.number_from_url(raw, len(ALL)) == (expected, None)


@pytest.mark.parametrize("bad", [*BAD_URL_VALUES, "0", str(len(ALL) + 1), "2.5", "", "３"])
def test_a_bad_challenge_number_falls_back_to_one_with_a_notice(bad):
    number, notice = challenges.number_from_url(bad, len(ALL))
    assert number == 1 and notice and "challenge 1" in notice


def shown_value(app, key: str) -> str:
    """A control's value as its address writes it, whatever kind of widget it is."""
    for kind in ("selectbox", "select_slider", "radio", "slider"):
        try:
            value = getattr(app, kind)(key=key).value
        except KeyError:
            continue
        return f"{value:g}" if isinstance(value, float) else str(value)
    raise AssertionError(f"no control {key!r}")


@pytest.mark.parametrize("challenge", ALL, ids=lambda c: c.id)
def test_see_it_in_the_app_opens_the_setting_that_shows_it(challenge):
    """Every value of the link is one its page accepts: no notice, and each control shows it
    (the level of glutamate's highest point, the hours the side effects take, ...)."""
    app = predict(open_page(PAGE, challenge=str(challenge.number)), challenge,
                  challenge.choices()[0][0])
    link = next(p for p in app.get("page_link") if p.proto.label.startswith("See it in the app"))
    assert link.proto.page == challenge.see_page
    query = dict(parse_qsl(link.proto.query_string))
    assert set(ANSWERS[challenge.id].query) <= set(query)
    target = open_page(pages.file(challenge.see_page), **query)
    assert not target.exception, target.exception
    assert not target.info, [i.value for i in target.info]
    for key, value in query.items():
        assert shown_value(target, key) == value, key


def test_the_glutamate_link_shows_the_models_highest_level():
    answer = ANSWERS[BY_KIND["glutamate-peak"].id]
    assert answer.query == {"level": f"{answer.facts['best']} µM"}


# --------------------------------------------------------------------------- the page

def score(app) -> str:
    return next(m.value for m in app.markdown if m.value.startswith("**Score"))


def test_the_page_opens_at_challenge_one_with_no_score_yet():
    app = open_page(PAGE)
    assert not app.exception and not app.info
    assert app.header[0].value == f"1. {ALL[0].title}"
    assert "none checked yet" in score(app)
    assert app.button(key=f"challenge_check_{ALL[0].id}").disabled, "nothing to check yet"
    assert any("Conceptual teaching model" in w.value for w in app.warning)


@pytest.mark.parametrize("challenge", ALL, ids=lambda c: c.id)
def test_a_link_opens_its_challenge(challenge):
    app = open_page(PAGE, challenge=str(challenge.number))
    assert not app.exception and not app.info
    assert app.header[0].value == f"{challenge.number}. {challenge.title}"
    assert f"Challenge {challenge.number} of {len(ALL)}" in app.get("progress")[0].proto.text
    link = next(c.value for c in app.code)
    assert link.endswith(f"/challenges?challenge={challenge.number}")


@pytest.mark.parametrize("bad", [*BAD_URL_VALUES, "0", "99"])
def test_a_bad_link_says_so_and_opens_challenge_one(bad):
    app = open_page(PAGE, challenge=bad)
    assert not app.exception, app.exception
    assert len(app.info) == 1 and "there are challenges 1 to" in app.info[0].value
    assert app.header[0].value == f"1. {ALL[0].title}"


def predict(app, challenge, code: str):
    words = challenge.words(code)
    if challenge.kind == "glutamate-peak":
        app.select_slider(key=f"challenge_pick_{challenge.id}").set_value(words).run()
    else:
        app.radio(key=f"challenge_pick_{challenge.id}").set_value(words).run()
    return app.button(key=f"challenge_check_{challenge.id}").click().run()


def test_a_right_then_a_wrong_prediction_are_scored():
    first, second = ALL[0], ALL[1]
    app = predict(open_page(PAGE), first, right_code(first))
    assert not app.exception
    assert len(app.success) == 1 and app.success[0].value.startswith("**Right.**")
    assert ANSWERS[first.id].facts["interneuron"] in app.success[0].value, "the model's number"
    assert "1 of 1 right" in score(app)
    assert any(m.value.startswith("**Why:**") for m in app.markdown)

    app.button(key="challenge_next").click().run()
    assert app.query_params["challenge"] == "2"
    assert app.header[0].value == f"2. {second.title}"
    app = predict(app, second, wrong_code(second))
    assert not app.success and len(app.error) == 1
    said = app.error[0].value
    assert said.startswith("**Not this time.**")
    best = ANSWERS[second.id].facts["best"]
    assert f"glutamate is highest at {best} µM" in said
    assert "1 of 2 right" in score(app) and "2 of 6 challenges checked" in score(app)


def test_the_first_check_counts_and_start_again_clears_the_score():
    challenge = ALL[0]
    app = predict(open_page(PAGE), challenge, wrong_code(challenge))
    app = predict(app, challenge, right_code(challenge))
    assert app.success, "the second check still gets its feedback"
    assert "0 of 1 right" in score(app)
    assert "first check" in captions(app)
    app.button(key="challenge_restart").click().run()
    assert "none checked yet" in score(app) and not app.success and not app.error


def test_see_it_in_the_app_keeps_presenter_mode():
    challenge = ALL[0]
    app = predict(open_page(PAGE, present=presenter.ON), challenge, right_code(challenge))
    link = next(p for p in app.get("page_link") if p.proto.label.startswith("See it in the app"))
    assert f"{presenter.KEY}={presenter.ON}" in link.proto.query_string
    plain = predict(open_page(PAGE), challenge, right_code(challenge))
    link = next(p for p in plain.get("page_link") if p.proto.label.startswith("See it"))
    assert presenter.KEY not in link.proto.query_string
