"""The dose: route, dose and body weight -> plasma and brain levels, and the acute effects."""

import numpy as np
import streamlit as st

import figures.dose
from figures import style
from figures.family import Member, family
from sim.acute import consciousness_state
from sim.export import commented_csv
from sim.schedule import ROUTES
from ui import controls, explain, presenter, scenario_io
from ui.copy_numbers import copy_numbers
from ui.labels import DRUG_NAMES, ROUTE_NAMES
from ui.live_chart import family_payload, live_family
from ui.readouts import readouts
from ui.simulate import run_file, run_schedule, shared

SPECS = {
    "drug": controls.ChoiceSpec("drug", "Drug", ("racemic", "esketamine"), "racemic",
                                "Esketamine is the S half of ketamine, sold as a nasal spray.",
                                labels=tuple(DRUG_NAMES.values())),
    "route": controls.ChoiceSpec("route", "Route", ROUTES, "iv-infusion",
                                 "How the dose enters the body.",
                                 labels=tuple(ROUTE_NAMES[r] for r in ROUTES)),
    "dose": controls.NumberSpec(
        "dose", "Dose", 0.05, 2.0, 0.05, 0.5, "mg/kg",
        "0.5 mg/kg over 40 min is the research antidepressant dose (Zarate 2006); 1-2 mg/kg IV "
        "is an anaesthetic induction dose (Zanos 2018 Table 1)."),
    "esk_dose": controls.ChoiceSpec("esk_dose", "Esketamine dose (mg)", ("28", "56", "84"),
                                    "56", "Label doses: 56 or 84 mg, in 28 mg devices."),
    "minutes": controls.NumberSpec("minutes", "Infusion time", 10.0, 120.0, 5.0, 40.0, "min",
                                   "Research infusions last 40 minutes (Zarate 2006)."),
    "weight": controls.NumberSpec("weight", "Body weight", 40.0, 150.0, 1.0, 70.0, "kg",
                                  "mg/kg doses scale with weight."),
    "hours": controls.NumberSpec("hours", "Time shown", 1.0, 24.0, 1.0, 6.0, "h",
                                 "How many hours after the dose to draw."),
}

controls.page_start("The dose: from a dose to the brain", list(SPECS.values()))
with st.sidebar:
    controls.reset_button(list(SPECS.values()))


def settings() -> tuple[str, str, float, str, float, float, float]:
    """The controls, in a grid filled a row at a time (so the keyboard meets them in reading
    order): (drug, route, dose, dose unit, infusion minutes, weight, hours shown)."""
    with controls.grid("dose"):
        drug = controls.choice(SPECS["drug"])
        if drug == "esketamine":
            route, dose, unit = "intranasal", float(controls.choice(SPECS["esk_dose"])), "mg"
        else:
            route = controls.choice(SPECS["route"])
            dose, unit = None, "mg/kg"
        numbers = ([SPECS["dose"]] if dose is None else []) + (
            [SPECS["minutes"]] if route == "iv-infusion" else []) + [SPECS["weight"],
                                                                     SPECS["hours"]]
        picked = {spec.key: controls.number(spec) for spec in numbers}
    if drug == "esketamine":
        st.caption("Esketamine is modelled as the nasal spray (Perez-Ruixo 2021).")
    dose = picked.get("dose", dose)
    return (drug, route, dose, unit, picked.get("minutes", 40.0), picked["weight"],
            picked["hours"])


@st.fragment
def simulation(loaded: tuple[str, str] | None) -> None:
    """Controls beside the chart they drive (a fragment: moving a control redraws only this
    part). On a projector one chart of levels is shown, and the controls fold away below it."""
    if presenter.active():
        shown = st.container()
        with st.expander("Change the settings"):
            drug, route, dose, unit, minutes, weight, hours = settings()
        with shown:
            show_results(route, dose, unit, minutes, weight, hours, drug, loaded)
        return
    left, right = st.columns([1, 2], gap="medium")
    with left:
        drug, route, dose, unit, minutes, weight, hours = settings()
        explain.try_cards("dose")
    with right:
        show_results(route, dose, unit, minutes, weight, hours, drug, loaded)


def key_numbers(result, projector: bool = False) -> list[tuple[str, str]]:
    """The numbers shown above the chart, read off a run."""
    plasma = result["plasma_ng_per_ml"]
    peak = int(np.argmax(plasma))
    pressure = [] if projector else [  # a projector draws the levels alone
        ("Largest blood-pressure rise", f"+{result['systolic_bp_change_mmhg'].max():.1f} mmHg")]
    return [("Peak plasma level", f"{plasma[peak]:.0f} ng/mL"),
            ("Time to peak", f"{result.time_h[peak] * 60:.0f} min"),
            ("Peak brain level", f"{result['brain_um'].max():.2f} µM"),
            *pressure,
            ("Deepest state", consciousness_state(float(result["sedation"].max())))]


def settings_in_words(drug: str, route: str, dose: float, unit: str, minutes: float,
                      weight: float, hours: float,
                      loaded: tuple[str, str] | None) -> list[tuple[str, str]]:
    if loaded:
        return [("Scenario file", loaded[0])]
    return [("Drug", DRUG_NAMES[drug]), ("Route", ROUTE_NAMES[route]),
            ("Dose", f"{dose:g} {unit}"),
            *([("Infusion time", f"{minutes:g} min")] if route == "iv-infusion" else []),
            ("Body weight", f"{weight:g} kg"), ("Time shown", f"{hours:g} h")]


def problem_sentence(problem: ValueError) -> str:
    return (f"This combination is outside what the model covers: "
            f"{controls.display_unit(str(problem))}.")


def dose_values() -> np.ndarray:
    spec = SPECS["dose"]
    return np.round(np.arange(spec.min, spec.max + spec.step / 2, spec.step), 6)


@shared(max_entries=64)
def axis_tops(route: str, minutes: float, weight: float, hours: float,
              drug: str) -> tuple[float, ...] | None:
    """The panels' tops at the largest dose the model covers with these settings, or None."""
    for dose in dose_values()[::-1]:
        try:
            _, result = run_schedule(route, float(dose), "mg/kg", weight, minutes, drug, 1, 0.0,
                                     "disinhibition", 0.0, hours)
        except ValueError:
            continue
        return figures.dose.panel_tops(result)
    return None


@shared(max_entries=16)  # a family is the page's costliest part to build, and large
def dose_family(route: str, minutes: float, weight: float, hours: float,
                drug: str) -> dict[str, str]:
    """The chart at every value of the dose slider, for these other settings: drawn
    in the browser while the dose is dragged (figures/family.py)."""
    spec, values = SPECS["dose"], dose_values()
    tops = axis_tops(route, minutes, weight, hours, drug)
    members = []
    for dose in values:
        try:
            _, result = run_schedule(route, float(dose), "mg/kg", weight, minutes, drug, 1, 0.0,
                                     "disinhibition", 0.0, hours)
        except ValueError as problem:
            members.append(Member(None, problem_sentence(problem)))
            continue
        fig, description = figures.dose.dose_panels(result, tops)
        members.append(Member(fig, description, tuple(v for _, v in key_numbers(result))))
    return family_payload(family(spec.key, [f"{v:.2f}" for v in values], values, members))


@shared(max_entries=64)
def levels(loaded: str | None, route: str, dose: float, unit: str, minutes: float,
           weight: float, hours: float, drug: str, live: bool) -> tuple:
    """The run (of these settings, or of the loaded file's text), its key numbers and its
    chart, not on a projector: the same for every student, so kept for all of them."""
    scenario, result = run_file(loaded) if loaded else run_schedule(
        route, dose, unit, weight, minutes, drug, 1, 0.0, "disinhibition", 0.0, hours)
    tops = axis_tops(route, minutes, weight, hours, drug) if live else None
    fig, description = figures.dose.dose_panels(result, tops)
    table = style.table_of(result, [
        column for _, _, lines, _ in figures.dose.DOSE_PANELS for column, _, _ in lines])
    return scenario, result, key_numbers(result), fig, description, table


def show_results(route: str, dose: float, unit: str, minutes: float, weight: float,
                 hours: float, drug: str, loaded: tuple[str, str] | None) -> None:
    """The numbers, the chart and the downloads for these settings (or the loaded file)."""
    projector = presenter.active()
    live = not loaded and not projector and unit == "mg/kg"  # the dose slider is there
    try:
        if projector:
            scenario, result = run_file(loaded[1]) if loaded else run_schedule(
                route, dose, unit, weight, minutes, drug, 1, 0.0, "disinhibition", 0.0, hours)
            numbers = key_numbers(result, projector)
        else:
            scenario, result, numbers, fig, description, table = levels(
                loaded[1] if loaded else None, route, dose, unit, minutes, weight, hours, drug,
                live)
    except ValueError as problem:
        st.error(problem_sentence(problem), icon=":material/block:")
        return

    if projector:  # the settings are folded away: the room reads what is shown
        st.markdown("**Shown:** " + "; ".join(
            f"{what} {value}" if what == "Scenario file" else value
            for what, value in settings_in_words(drug, route, dose, unit, minutes, weight,
                                                 hours, loaded)))
    readouts(numbers, live="levels" if live else "", compact=not projector)  # large on a projector

    if projector:  # one chart of levels on a projector
        fig, description = figures.dose.plasma_and_brain(result)
        controls.show_chart(fig, description, "levels",
                            style.table_of(result, ["plasma_ng_per_ml", "brain_um"]))
        return
    controls.show_chart(fig, description, "levels", table, live=live)
    if live:
        live_family(dose_family(route, minutes, weight, hours, drug), "levels")
    copy_numbers("Ketamine Mechanisms Explorer: The dose", settings_in_words(
        drug, route, dose, unit, minutes, weight, hours, loaded), numbers, "dose",
        live="levels" if live else "")
    st.download_button("Download this scenario (CSV)", lambda: commented_csv(result, scenario),
                       file_name="ketamine-dose-scenario.csv", mime="text/csv")
    scenario_io.download_bundle(result, scenario, None, "ketamine-dose-scenario")


with explain.layout("dose"):
    play, loader = st.container(), st.container()  # the file box under the play area
    with loader:
        loaded = None if presenter.active() else scenario_io.loaded_file()
    with play:
        simulation(loaded)
