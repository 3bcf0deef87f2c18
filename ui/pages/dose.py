"""The dose: route, dose and body weight -> plasma and brain levels, and the acute effects."""

import numpy as np
import streamlit as st

from sim.export import commented_csv
from sim.schedule import ROUTES
from ui import controls, explain, figures, presenter, scenario_io
from ui.labels import DRUG_NAMES, ROUTE_NAMES
from ui.simulate import run_file, run_schedule

SPECS = {
    "drug": controls.ChoiceSpec("drug", "Drug", ("racemic", "esketamine"), "racemic",
                                "Esketamine is the S half of ketamine, sold as a nasal spray.",
                                labels=tuple(DRUG_NAMES.values())),
    "route": controls.ChoiceSpec("route", "Route", ROUTES, "iv-infusion",
                                 "How the dose enters the body (reference.md §1.3).",
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
    drug = controls.choice(SPECS["drug"])
    if drug == "esketamine":
        route, dose, unit = "intranasal", float(controls.choice(SPECS["esk_dose"])), "mg"
        st.caption("Esketamine is modelled as the nasal spray (Perez-Ruixo 2021).")
    else:
        route = controls.choice(SPECS["route"])
        dose, unit = controls.number(SPECS["dose"]), "mg/kg"
    minutes = controls.number(SPECS["minutes"]) if route == "iv-infusion" else 40.0
    weight = controls.number(SPECS["weight"])
    hours = controls.number(SPECS["hours"])
    controls.reset_button(list(SPECS.values()))

with explain.layout("dose"):
    loaded = None if presenter.active() else scenario_io.loaded_file()
    try:
        scenario, result = run_file(loaded[1]) if loaded else run_schedule(
            route, dose, unit, weight, minutes, drug, 1, 0.0, "disinhibition", 0.0, hours)
    except ValueError as problem:
        st.error(f"This combination is outside what the model covers: {problem}.")
        st.stop()

    plasma = result["plasma_ng_per_ml"]
    peak = int(np.argmax(plasma))
    # Two rows beside the explainer, so labels stay whole; one row on a projector.
    cols = st.columns(4) if presenter.active() else [*st.columns(2), *st.columns(2)]
    cols[0].metric("Peak plasma level", f"{plasma[peak]:.0f} ng/mL")
    cols[1].metric("Time to peak", f"{result.time_h[peak] * 60:.0f} min")
    cols[2].metric("Peak brain level", f"{result['brain_um'].max():.2f} µM")
    bp_rise = result["systolic_bp_change_mmhg"].max()
    cols[3].metric("Largest blood-pressure rise", f"+{bp_rise:.1f} mmHg")

    fig, description = figures.plasma_and_brain(result)
    controls.show_chart(fig, description, "levels",
                        figures.table_of(result, ["plasma_ng_per_ml", "brain_um"]))

    if presenter.active():  # one chart at a time on a projector
        st.stop()
    acute = figures.time_series(
        result,
        [figures.Series("dissociation", "Dissociation (0-1, conceptual scale)")],
        "Dissociation comes and goes with the brain level", "Dissociation (0 to 1)",
    )
    controls.show_chart(acute, figures.describe_level(result, "dissociation", "Dissociation",
                                                      "on the 0-1 scale"),
                        "acute", figures.table_of(result, ["dissociation"]))
    bp = figures.time_series(
        result, [figures.Series("systolic_bp_change_mmhg", "Systolic blood pressure change")],
        "Blood pressure rises a little during the dose", "Change from baseline (mmHg)",
    )
    controls.show_chart(bp, figures.describe_level(result, "systolic_bp_change_mmhg",
                                                   "The rise in systolic blood pressure", "mmHg"),
                        "bp", figures.table_of(result, ["systolic_bp_change_mmhg"]))

    st.download_button("Download this scenario (CSV)", lambda: commented_csv(result, scenario),
                       file_name="ketamine-dose-scenario.csv", mime="text/csv")
    scenario_io.download_bundle(result, scenario, None, "ketamine-dose-scenario")
