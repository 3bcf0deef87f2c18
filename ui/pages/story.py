"""The whole story: the synapse picture over time, one scenario from minutes to weeks, and two
scenarios side by side."""

import contextlib

import streamlit as st

import figures.story
from content.labels import PRESET_LABELS, preset_labels
from figures import style, synapse, words
from figures.family import Member, family, layout_family
from sim.export import commented_csv
from sim.params import describe
from sim.pk import drug_of
from sim.plasticity import HYPOTHESES, HYPOTHESIS_SOURCES, PlasticityParams
from sim.population import PLACEBO_ARMS, with_placebo
from sim.scenarios import PRESETS
from ui import controls, explain, presenter
from ui.copy_numbers import copy_numbers
from ui.help_text import help_for
from ui.live_chart import family_payload, live_family
from ui.readouts import readouts
from ui.simulate import run_preset

STRESS = next(info for info in describe(PlasticityParams) if info.name == "stress")
SPANS = ("auto", "7", "14", "28", "42")  # at least a week, so the 7-day share can be shown

SUGGESTIONS = {
    "one-vs-course": ("One infusion vs a course",
                      {"a_preset": "standard-iv", "a_hyp": "disinhibition",
                       "b_preset": "iv-course", "b_hyp": "disinhibition", "diff": "synapse_rel"},
                      "Look at spine density and the relief index after day 2: does a course "
                      "keep them up for longer?"),
    "iv-vs-nasal": ("IV vs nasal spray",
                    {"a_preset": "standard-iv", "a_hyp": "disinhibition",
                     "b_preset": "esketamine-nasal-84", "b_hyp": "disinhibition",
                     "diff": "plasma_ng_per_ml"},
                    "Compare the first hours: how high and how fast do blood levels rise?"),
    "research-vs-anaesthesia": ("Research drip vs anaesthesia",
                                {"a_preset": "standard-iv", "a_hyp": "disinhibition",
                                 "b_preset": "anesthetic-infusion", "b_hyp": "disinhibition",
                                 "diff": "symptom_relief_index"},
                                "A bigger dose is not a better antidepressant: under anaesthesia "
                                "the model turns the growth signal down, as a trial of ketamine "
                                "given during surgery suggests (Lii 2023). The grey span marks "
                                "where B leaves what the model was built for."),
    "hypotheses-oral": ("Disinhibition vs the metabolite idea, by mouth",
                        {"a_preset": "oral", "a_hyp": "disinhibition",
                         "b_preset": "oral", "b_hyp": "metabolite", "diff": "bdnf_rel"},
                        "Same dose, two proposed ideas: swallowed ketamine makes a lot of the "
                        "HNK metabolite but little surge, so the two ideas disagree."),
}
CUSTOM = "custom"


def scenario_specs(side: str, preset: str) -> dict:
    """The three controls of scenario A or B, with their own keys ("a_preset", ...)."""
    return {
        f"{side}_preset": controls.ChoiceSpec(
            f"{side}_preset", f"Scenario {side.upper()}: published dose", tuple(PRESETS), preset,
            "Research, label and anaesthesia protocols; each one's source is shown below.",
            labels=preset_labels(PRESETS)),
        f"{side}_hyp": controls.ChoiceSpec(
            f"{side}_hyp", f"Scenario {side.upper()}: what starts BDNF (proposed)", HYPOTHESES,
            "disinhibition",
            "Disinhibition (Moghaddam 1997; Li 2010), direct block at rest (Autry 2011; "
            "Nosyreva 2013) or the HNK metabolite (Zanos 2016, contested).",
            labels=tuple(words.HYPOTHESIS_NAMES[h] for h in HYPOTHESES)),
        f"{side}_stress": controls.NumberSpec(
            f"{side}_stress", f"Scenario {side.upper()}: chronic stress", STRESS.min, STRESS.max,
            STRESS.step, STRESS.default, "0 = none, 1 = severe",
            f"Long-lasting stress removes spines. Source: {STRESS.source}."),
    }


SPECS = {
    "compare": controls.ChoiceSpec(
        "compare", "Start from a suggested comparison", (CUSTOM, *SUGGESTIONS), "one-vs-course",
        "Sets scenarios A and B (and the difference shown); change them afterwards as you like.",
        labels=("None: set A and B yourself", *(s[0] for s in SUGGESTIONS.values()))),
    "view": controls.ChoiceSpec(
        "view", "Show", ("both", "a"), "both", "Draw scenario B too, or scenario A alone.",
        labels=("Scenarios A and B together", "Scenario A only")),
    "span": controls.ChoiceSpec(
        "span", "Time shown", SPANS, "auto",
        "How long after the first dose to draw. New spines stay raised for up to two weeks "
        "after one dose (Phoumthipphavong 2016).",
        labels=tuple(style.SPAN_LABELS[s] for s in SPANS)),
    "axis": controls.ChoiceSpec(
        "axis", "Time axis", ("log", "days"), "log",
        "A log scale gives minutes, hours and weeks the same room; an even scale shows days "
        "as they pass.", labels=("Log scale: minutes to weeks", "Even scale: days")),
    **scenario_specs("a", "standard-iv"),
    **scenario_specs("b", "iv-course"),
    "diff": controls.ChoiceSpec(
        "diff", "Difference B − A of", figures.story.DIFFERENCE_OUTPUTS, "synapse_rel",
        "Which output to subtract: B's value minus A's at each time.",
        labels=tuple(words.OUTPUTS[c].name for c in figures.story.DIFFERENCE_OUTPUTS)),
    # presenter mode shows one part at a time (a projector's screen is 720 px tall)
    "part": controls.ChoiceSpec(
        "part", "Part shown", ("picture", "story", "difference", "respond"), "story",
        "On a projector one part of the story at a time: the synapse picture, the chain of "
        "panels over time, the difference between B and A, or how many might respond.",
        labels=("Inside the synapse", "The chain over time", "The difference, B − A",
                "How many might respond")),
}
SUGGESTED_KEYS = ("a_preset", "a_hyp", "b_preset", "b_hyp", "diff")
# The synapse picture's time: its choices depend on the span shown (synapse.time_grid), so the
# link is checked once they are known; the default is in every grid.
TIME = controls.ChoiceSpec(
    "time", "Time shown in the picture, its description and the dotted line on the charts",
    (synapse.time_label(synapse.START_H),), synapse.time_label(synapse.START_H),
    "Minutes to weeks after the first dose, in the same steps as the picture's own slider.")
TABLE_COLUMNS = figures.story.STORY_COLUMNS + tuple(
    c for c in synapse.COLUMNS if c not in figures.story.STORY_COLUMNS)


def shown(key: str, code: str) -> str:
    spec = SPECS[key]
    return spec.shown()[spec.options.index(code)]


def apply_suggestion(compare: str) -> None:
    """When a new suggestion is picked, set A, B and the difference to it (before those
    widgets are drawn). On a first visit a link's own A/B settings win."""
    first = "applied_compare" not in st.session_state
    if st.session_state.get("applied_compare") == compare:
        return
    st.session_state["applied_compare"] = compare
    if compare == CUSTOM or (first and any(k in st.query_params for k in SUGGESTED_KEYS)):
        return
    for key, code in SUGGESTIONS[compare][1].items():
        current = st.session_state.get(key, shown(key, SPECS[key].default))
        if current != shown(key, code):
            st.session_state[key] = shown(key, code)


def scenario_choices(side: str) -> tuple[str, str]:
    """A scenario's published dose and proposed idea, with their sources."""
    name = controls.choice(SPECS[f"{side}_preset"])
    hypothesis = controls.choice(SPECS[f"{side}_hyp"])
    preset = PRESETS[name]
    st.caption(f"{preset.description}. Source: {preset.source}. Idea: "
               f"{HYPOTHESIS_SOURCES[hypothesis]}.")
    return name, hypothesis


@st.cache_resource(max_entries=32, show_spinner=False)
def story_of(name: str, hypothesis: str, stress: float, hours: float) -> dict:
    """Everything drawn for one scenario, made once and kept (never modified), so changing A
    leaves B's work untouched: the scenario and its whole run (for the CSV), the stitched
    minutes-to-weeks table and its synapse picture with a frame per time."""
    _, early = run_preset(name, hypothesis, stress, figures.story.FINE_HOURS)
    scenario, whole = run_preset(name, hypothesis, stress, hours)
    table = figures.story.stitch(early, whole, TABLE_COLUMNS)
    label = label_of(name, hypothesis, stress)
    return {
        "scenario": scenario, "whole": whole, "table": table, "label": label,
        "animation": synapse.animation(table, synapse.time_grid(hours),
                                    f"Inside the synapse: scenario A ({label})"),
    }


@st.cache_resource(max_entries=32, show_spinner=False)
def story_lines(name: str, hypothesis: str, stress: float, hours: float, side: str,
                axis: str) -> list[list[dict]]:
    """A scenario's story lines as side A or B on one time axis. Only the ones drawn are
    made: making all four with the scenario took 2 of its 8 ms."""
    story = story_of(name, hypothesis, stress, hours)
    return figures.story.scenario_traces(story["table"], side, story["label"], axis)


@st.cache_resource(max_entries=16, show_spinner=False)
def picture_family(name: str, hypothesis: str, stress: float, hours: float) -> dict[str, str]:
    """The picture at every time of its grid: drawn by Play and while the time is dragged."""
    animation = story_of(name, hypothesis, stress, hours)["animation"]
    members = [Member(animation.still(step), synapse.describe_state(state))
               for step, state in enumerate(animation.states)]
    times = [state.time_h for state in animation.states]
    return family_payload(family(TIME.key, animation.labels, times, members))


def cursor_family(animation, layout_at, description: str) -> dict[str, str]:
    """A chart whose dotted cursor follows the picture's clock: its layout at each time."""
    layouts = [layout_at(state.time_h) for state in animation.states]
    return family_payload(layout_family(
        TIME.key, animation.labels, [s.time_h for s in animation.states],
        [{"shapes": lay.get("shapes", [])} for lay in layouts],
        [description] * len(layouts)))


@st.cache_resource(max_entries=16, show_spinner=False)
def story_cursor_family(a: tuple, b: tuple | None, hours: float, axis: str,
                        outside: tuple) -> dict[str, str]:
    story_a = story_of(*a, hours)
    lines_a = story_lines(*a, hours, "A", axis)
    lines_b = story_lines(*b, hours, "B", axis) if b else None
    description = figures.story.describe_story(
        story_a["table"], story_a["label"], story_of(*b, hours)["table"] if b else None,
        story_of(*b, hours)["label"] if b else "")
    return cursor_family(story_a["animation"], lambda h: figures.story.story_spec(
        lines_a, lines_b, hours, axis, h, outside).to_dict()["layout"], description)


@st.cache_resource(max_entries=16, show_spinner=False)
def difference_cursor_family(a: tuple, b: tuple, hours: float, axis: str,
                             column: str) -> dict[str, str]:
    table_a, table_b = story_of(*a, hours)["table"], story_of(*b, hours)["table"]

    def layout_at(h: float) -> dict:
        return figures.story.difference_figure(table_a, table_b, column, axis, h)[0].to_dict()[
            "layout"]

    animation = story_of(*a, hours)["animation"]
    description = figures.story.difference_figure(table_a, table_b, column, axis)[1]
    return cursor_family(animation, layout_at, description)


def pause_at(label: str) -> None:
    """Play stopped at ``label``: the time control (and the link) take that time."""
    st.session_state[TIME.key] = label


def label_of(name: str, hypothesis: str, stress: float) -> str:
    extra = f", stress {stress:g}" if stress > 0 else ""
    return f"{PRESET_LABELS[name]}, {words.HYPOTHESIS_WORDS[hypothesis]}{extra}"


def time_control(labels: list[str]) -> int:
    """The chosen time (an index of the grid): a keyboard-friendly slider bound to the URL."""
    spec = controls.ChoiceSpec(TIME.key, TIME.label, tuple(labels), TIME.default, TIME.help)
    controls.check_url([spec])
    # Play's Pause sets the time through session state (pause_at): no default beside it; a
    # time kept from another span that this grid does not have gives way to the default
    if st.session_state.get(TIME.key, labels[0]) not in labels:
        del st.session_state[TIME.key]
    default = {} if TIME.key in st.session_state else {"value": TIME.default}
    picked = st.select_slider(TIME.label, labels, key=TIME.key, help=TIME.help,
                              bind="query-params", **default)
    help_for(TIME.key, TIME.help)
    return labels.index(picked)


@st.fragment
def over_time(a: tuple, b: tuple | None, hours: float, axis: str, part: str) -> None:
    """The picture, the story and the difference, with one chosen time (a fragment: moving
    the time reruns only this part)."""
    story_a, story_b = story_of(*a, hours), (story_of(*b, hours) if b else None)
    if part == "picture":
        st.header("Inside the synapse (scenario A)")
    animation = story_a["animation"]
    play, clock = st.columns([1, 5], vertical_alignment="bottom")
    with clock:
        step = time_control(animation.labels)
    with play:
        live_family(picture_family(*a, hours), "synapse", on_pause=pause_at)
    chosen_h = animation.states[step].time_h
    if part == "picture":
        controls.show_chart(animation.still(step),
                            synapse.describe_state(animation.states[step]), "synapse",
                            synapse.grid_table(animation.states), live=True)
    if part == "picture" and not presenter.active():
        st.caption(
            "**▶ Play** moves the picture, its numbers, the sentence under it and the dotted "
            "line on every chart through time together; nothing moves until you press it, and "
            "with reduced motion each time simply replaces the last. The time slider does the "
            "same with the mouse, touch or the arrow keys.")

    outside = tuple((side, min(n.from_h for n in story["whole"].notes))
                    for side, story in (("A", story_a), ("B", story_b))
                    if story and story["whole"].notes)
    for side, story in (("A", story_a), ("B", story_b)):
        if story and story["whole"].notes:
            st.warning(f"Scenario {side}: {style.outside_range_sentence(story['whole'])}",
                       icon=":material/block:")
    if part in ("story", "difference") or (part == "picture" and not presenter.active()):
        chain(a, b, hours, axis, chosen_h, outside, story_a, story_b,
              ("story", "difference") if part == "picture" else (part,))


def folded(label: str):
    """On a projector, controls folded under ``label`` (the chart keeps the screen); else as
    they are."""
    if presenter.active():
        return st.expander(label, icon=":material/tune:")
    return contextlib.nullcontext()


def chain(a: tuple, b: tuple | None, hours: float, axis: str, chosen_h: float, outside: tuple,
          story_a: dict, story_b: dict | None, parts: tuple[str, ...]) -> None:
    """The chain of panels over time and the difference B − A, each if in ``parts``."""
    table_a, table_b = story_a["table"], (story_b["table"] if b else None)
    if "story" in parts:
        chain_chart(a, b, hours, axis, chosen_h, outside, story_a, story_b)
    if b and "difference" in parts:
        st.header("The difference, B − A")
        column = controls.choice(SPECS["diff"])
        fig, description = figures.story.difference_figure(table_a, table_b, column, axis,
                                                           chosen_h)
        o = words.OUTPUTS[column]
        controls.show_chart(fig, description, "difference", {
            "Time since the first dose (h)": table_a["time_h"],
            f"B − A: {o.name} ({o.unit})": o.scale * (table_b[column] - table_a[column])},
            live=True)
        live_family(difference_cursor_family(a, b, hours, axis, column), "difference")


def chain_chart(a: tuple, b: tuple | None, hours: float, axis: str, chosen_h: float,
                outside: tuple, story_a: dict, story_b: dict | None) -> None:
    """The seven panels on one clock (their full height on a projector too: squeezed into
    one screen, their ticks and titles ran into each other)."""
    table_a, table_b = story_a["table"], (story_b["table"] if b else None)
    lines_a = story_lines(*a, hours, "A", axis)
    lines_b = story_lines(*b, hours, "B", axis) if b else None
    fig = figures.story.story_spec(lines_a, lines_b, hours, axis, chosen_h, outside)
    description = figures.story.describe_story(table_a, story_a["label"], table_b,
                                    story_b["label"] if b else "")
    data = words.columns_table(table_a, figures.story.STORY_COLUMNS, "A: ")
    if b:
        data |= {k: v for k, v in words.columns_table(
            table_b, figures.story.STORY_COLUMNS, "B: ").items() if k.startswith("B: ")}
    controls.show_chart(fig, description, "story", data, live=True)
    live_family(story_cursor_family(a, b, hours, axis, outside), "story")
    st.caption("The dotted line marks the time shown in the picture.")


controls.page_start("The whole story: from minutes to weeks", list(SPECS.values()))

# On a projector the sidebar is hidden: its controls fold above the chart, beside the choice
# of the one part of the story shown.
settings, choose_part = st.columns(2) if presenter.active() else (st.sidebar, None)
with settings, folded("Comparison, time shown and axis"):
    compare = controls.choice(SPECS["compare"])
    apply_suggestion(compare)
    view = controls.choice(SPECS["view"])
    span = controls.choice(SPECS["span"])
    axis = controls.choice(SPECS["axis"])
    controls.reset_button([*SPECS.values(), TIME])
part = "picture"  # every part, the picture first
if choose_part is not None:
    with choose_part:
        part = controls.choice(SPECS["part"])
else:
    st.markdown(
        "Each panel below is one step of the chain, all on the same clock: the dose reaches "
        "the blood and brain within minutes, blocks NMDA receptors, sets off a glutamate "
        "surge, then BDNF rises over hours and new spines grow over days. The relief index at "
        "the bottom is **illustrative, not a clinical measure**: it only shows how a fast "
        "effect and the slower spine growth could add up.")


@st.fragment
def scenarios(view: str, span: str, axis: str, compare: str, part: str) -> None:
    """Scenarios A and B: their doses and ideas (a fragment: changing them redraws only this
    part, not the sidebar or the text below)."""
    both = view == "both"
    with folded("Scenarios A and B: doses and ideas"):
        left, right = st.columns(2)
        with left:
            st.header("Scenario A")
            a = scenario_choices("a")
        with right:
            if both:
                st.header("Scenario B")
                b = scenario_choices("b")
        if compare != CUSTOM:
            picked = SUGGESTIONS[compare]
            now = {"a_preset": a[0], "a_hyp": a[1]} | (
                {"b_preset": b[0], "b_hyp": b[1]} if both else {})
            changed = any(picked[1][k] != v for k, v in now.items())
            st.caption(f"**{picked[0]}**: {picked[2]}" + (
                " (You have changed A or B since choosing this comparison.)" if changed else ""))
    outcomes(a, b if both else None, span, axis, part)


@st.fragment
def outcomes(a: tuple[str, str], b: tuple[str, str] | None, span: str, axis: str,
             part: str) -> None:
    """The stress of A and B and everything drawn from the scenarios (a fragment: a stress
    move redraws only this part, not the choices above). On a projector, only ``part``."""
    with folded("Chronic stress of A and B"):
        left, right = st.columns(2)
        with left:
            a = (*a, controls.number(SPECS["a_stress"]))
        if b:
            with right:
                b = (*b, controls.number(SPECS["b_stress"]))
    hours = style.span_hours(span, PRESETS[a[0]].hours, *([PRESETS[b[0]].hours] if b else []))
    if part != "respond":
        over_time(a, b, hours, axis, part)
    if part == "respond" or (part == "picture" and not presenter.active()):
        responders(a, b, span, hours)


def responders(a: tuple, b: tuple | None, span: str, hours: float) -> None:
    """How many might respond, from the virtual population, and the downloads."""
    st.header("How many people might respond? (illustrative)")
    st.caption(
        "The **drug's share**: people in a *virtual* population who respond because of the drug "
        "(their relief index passes half-way; people differ in sensitivity). In trials some "
        "people also improve without the drug, so the **placebo arm** of those trials is shown "
        "too, and the two together as a trial's drug arm would see them. Not a prediction for "
        "real people: it leaves out the natural course of depression and much more.")
    sides = [(side, scenario[0], story_of(*scenario, hours))
             for side, scenario in (("A", a), ("B", b)) if scenario]
    items, notes = [], {}
    for side, _, story in sides:
        placebo = PLACEBO_ARMS[drug_of(story["scenario"].schedule)]
        notes[placebo.what] = placebo
        for when, h in (("1 day", style.HOURS_PER_DAY), ("7 days", style.HOURS_PER_WEEK)):
            share = figures.story.responding_at(story["table"], h)
            items += [(f"{side}: drug's share at {when}", words.percent(share)),
                      (f"{side}: with placebo at {when}",
                       words.percent(float(with_placebo(share, placebo.share))))]
    readouts(items, "Placebo arm in trials: " + "; ".join(
        f"{words.percent(p.share)} ({what}; {p.source})" for what, p in notes.items())
        + ". The 7-day figures assume the same placebo arm: the trials give no later one.")
    copy_numbers("Ketamine Mechanisms Explorer: The whole story", [
        (f"Scenario {side}", story["label"]) for side, _, story in sides]
        + [("Time shown", style.SPAN_LABELS[span])],
        items, "story")
    if any(story["whole"].notes for _, _, story in sides):
        st.caption("Where a scenario leaves the range the model was built for (the warning "
                   "above the chart), these numbers are not what the model can speak to.")

    for column, (side, preset, story) in zip(st.columns(2), sides, strict=False):
        column.download_button(
            f"Download scenario {side} (CSV)",
            lambda story=story, preset=preset: commented_csv(story["whole"], story["scenario"],
                                                             preset),
            file_name=f"ketamine-story-{side}-{preset}.csv", mime="text/csv",
            key=f"{side.lower()}_csv")
    st.caption("The CSV files hold each scenario's whole run at one time step; the chart adds a "
               "finer run of the first day so the first minutes show clearly.")


scenarios(view, span, axis, compare, part)
if not presenter.active():  # on a projector, the part shown only
    explain.beside("story")  # below the charts, not beside them: the panels need the full width
