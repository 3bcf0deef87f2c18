"""Tables out of results: the CSV and JSON of the command-line contract (design.md)."""

from __future__ import annotations

import dataclasses
import io
import json
from importlib import metadata

import numpy as np

from sim.cascade import Result, Scenario
from sim.params import describe
from sim.plasticity import HYPOTHESIS_SOURCES

DISCLAIMER = (
    "Conceptual teaching model — not medical advice, not dosing guidance, "
    "not a calculator for any person."
)


def app_version() -> str:
    try:
        return metadata.version("ketamine-explorer")
    except metadata.PackageNotFoundError:
        return "unknown"


def table(result: Result) -> tuple[list[str], np.ndarray]:
    """Column names and a (rows x columns) array, in the contract's order."""
    columns = list(result.columns)
    return columns, np.column_stack([result[c] for c in columns])


def to_csv(columns: list[str], values: np.ndarray) -> str:
    """A header row, then one row per line; numbers with 8 significant digits."""
    out = io.StringIO()
    out.write(",".join(columns) + "\n")
    np.savetxt(out, values, delimiter=",", fmt="%.8g")
    return out.getvalue()


def scenario_dict(scenario: Scenario, preset: str | None = None) -> dict:
    """Every input of a scenario, resolved (defaults filled in), as plain JSON-ready data."""
    data = dataclasses.asdict(scenario)
    data["drug"] = scenario.schedule.events[0].drug if scenario.schedule.events else "racemic"
    data["preset"] = preset
    data["hypothesis_source"] = HYPOTHESIS_SOURCES[scenario.hypothesis]
    return data


def range_notes(result: Result) -> list[dict]:
    """Where outputs leave the range the model was built for, as JSON-ready data."""
    return [{"from_time_h": note.from_h, "columns": list(note.columns), "reason": note.reason}
            for note in result.notes]


def to_json(
    columns: list[str], values: np.ndarray, units: dict[str, str], scenario: dict,
    outside_model_range: list[dict] | None = None,
) -> str:
    data = {
        "columns": columns,
        "units": {c: units[c] for c in columns},
        "scenario": scenario,
        "version": app_version(),
        "disclaimer": DISCLAIMER,
    }
    if outside_model_range is not None:
        data["outside_model_range"] = outside_model_range
    return json.dumps(
        {**data, "rows": [[float(f"{v:.8g}") for v in row] for row in values]},
        indent=None,
        allow_nan=False,
    )


def _params_sets(scenario: Scenario) -> dict[str, object]:
    """The scenario's parameter sets by field name (racemic_pk, receptor, ...)."""
    return {f.name: getattr(scenario, f.name) for f in dataclasses.fields(scenario)
            if f.name != "schedule" and dataclasses.is_dataclass(getattr(scenario, f.name))}


def _parameter_lines(scenario: Scenario) -> list[str]:
    return [f"# {name}.{info.name} = {info.default:g} {info.unit} "
            f"({info.label}; {info.basis}; source: {info.source})"
            for name, params in _params_sets(scenario).items() for info in describe(params)]


def commented_csv(result: Result, scenario: Scenario, preset: str | None = None) -> str:
    """The contract CSV preceded by '#' lines: version, disclaimer, schedule, hypothesis and
    its sources, and every parameter with its unit and source."""
    header = [
        f"# Ketamine Mechanisms Explorer {app_version()}",
        f"# {DISCLAIMER}",
        f"# preset: {preset or 'none'}",
        f"# body weight: {scenario.schedule.weight_kg:g} kg",
        *(f"# dose: {e.amount_mg:g} mg {e.drug} by {e.route} at {e.time_h:g} h"
          + (f" over {e.duration_min:g} min" if e.duration_min else "")
          for e in scenario.schedule.events),
        f"# hypothesis: {scenario.hypothesis} ({HYPOTHESIS_SOURCES[scenario.hypothesis]})",
        f"# simulated: {scenario.hours:g} h in steps of {scenario.step_min:g} min",
        *(f"# outside the model's range from {note.from_h:g} h ({', '.join(note.columns)}): "
          f"{note.reason}" for note in result.notes),
        *_parameter_lines(scenario),
        "# units: " + "; ".join(f"{c} = {result.units[c]}" for c in result.columns),
    ]
    columns, values = table(result)
    return "\n".join(header) + "\n" + to_csv(columns, values)


def scenario_json(scenario: Scenario, preset: str | None = None) -> str:
    """The scenario as a file the app can load again (sim.scenario_file)."""
    from sim.scenario_file import FORMAT

    data = {"format": FORMAT, "app_version": app_version(), "disclaimer": DISCLAIMER,
            **scenario_dict(scenario, preset)}
    return json.dumps(data, indent=2, allow_nan=False)


def readme_text(scenario: Scenario, preset: str | None = None) -> str:
    """What a downloaded bundle contains, for a person opening it later."""
    sources = sorted({info.source for params in _params_sets(scenario).values()
                      for info in describe(params)})
    lines = [
        "# Ketamine Mechanisms Explorer: a saved scenario",
        "",
        f"App version {app_version()}.",
        "",
        f"**{DISCLAIMER}**",
        "",
        "## Files",
        "- `scenario.csv`: every output over time; the lines starting with # repeat the inputs.",
        "- `scenario.json`: the inputs; load it in the app (The dose page, \"Load a scenario "
        "file\") to see the same scenario again.",
        "- `README.md`: this file.",
        "",
        "## The scenario",
        f"- Preset: {preset or 'none (set by hand)'}",
        f"- Body weight: {scenario.schedule.weight_kg:g} kg",
        *(f"- Dose: {e.amount_mg:g} mg {e.drug} by {e.route} at {e.time_h:g} h"
          + (f" over {e.duration_min:g} min" if e.duration_min else "")
          for e in scenario.schedule.events),
        f"- Proposed trigger of BDNF (hypothesis): {scenario.hypothesis}, from "
        f"{HYPOTHESIS_SOURCES[scenario.hypothesis]}",
        f"- Simulated: {scenario.hours:g} h in steps of {scenario.step_min:g} min",
        "",
        "## Parameters (value, unit, source)",
        *(line.replace("# ", "- ", 1) for line in _parameter_lines(scenario)),
        "",
        "## Sources",
        *(f"- {source}" for source in sources),
        "",
    ]
    return "\n".join(lines)


def bundle_zip(result: Result, scenario: Scenario, preset: str | None = None) -> bytes:
    """CSV + JSON + README in one zip: everything needed to see, share and reload a scenario."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("scenario.csv", commented_csv(result, scenario, preset))
        bundle.writestr("scenario.json", scenario_json(scenario, preset))
        bundle.writestr("README.md", readme_text(scenario, preset))
    return buffer.getvalue()
