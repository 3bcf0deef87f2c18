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


def to_json(
    columns: list[str], values: np.ndarray, units: dict[str, str], scenario: dict
) -> str:
    return json.dumps(
        {
            "columns": columns,
            "units": {c: units[c] for c in columns},
            "scenario": scenario,
            "version": app_version(),
            "disclaimer": DISCLAIMER,
            "rows": [[float(f"{v:.8g}") for v in row] for row in values],
        },
        indent=None,
        allow_nan=False,
    )


def _parameter_lines(scenario: Scenario) -> list[str]:
    lines = []
    for field in dataclasses.fields(scenario):
        value = getattr(scenario, field.name)
        if dataclasses.is_dataclass(value) and field.name != "schedule":
            for info in describe(value):
                lines.append(f"# {field.name}.{info.name} = {info.default:g} {info.unit} "
                             f"({info.label}; source: {info.source})")
    return lines


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
        *_parameter_lines(scenario),
        "# units: " + "; ".join(f"{c} = {result.units[c]}" for c in result.columns),
    ]
    columns, values = table(result)
    return "\n".join(header) + "\n" + to_csv(columns, values)
