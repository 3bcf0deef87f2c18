"""Command line: ``python -m sim presets | run | dose-response`` (the contract in design.md).

Bad input exits with status 2 and one line on stderr; nothing is written to ``--out`` then.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile

import numpy as np

from sim import circuit, export, plasticity, receptor, scenarios
from sim.acute import AcuteParams, dissociation, systolic_bp_change
from sim.cascade import Scenario, simulate
from sim.pk import RacemicPK
from sim.plasticity import HYPOTHESES, PlasticityParams
from sim.schedule import DOSE_UNITS, DRUGS, ROUTES, make_schedule

DOSE_RESPONSE_COLUMNS = (
    "brain_um",
    "nmda_block_interneuron",
    "nmda_block_pyramidal",
    "glutamate_rel",
    "glutamate_rel_unadapted",
    "pyramidal_activity_rel",
    "interneuron_activity_rel",
    "bdnf_rel",
    "dissociation",
    "systolic_bp_change_mmhg",
)
DOSE_RESPONSE_UNITS = {
    "brain_um": "uM (held constant; racemic-equivalent)",
    "nmda_block_interneuron": "fraction 0-1",
    "nmda_block_pyramidal": "fraction 0-1",
    "glutamate_rel": "steady state with slow feedback, relative to baseline",
    "glutamate_rel_unadapted": "before the slow feedback acts, relative to baseline",
    "pyramidal_activity_rel": "steady state, relative to baseline firing",
    "interneuron_activity_rel": "steady state, relative to baseline firing",
    "bdnf_rel": "steady state under the chosen hypothesis, relative to baseline",
    "dissociation": "0-1 (conceptual scale)",
    "systolic_bp_change_mmhg": "mmHg change from baseline",
}
MAX_BRAIN_UM = circuit.C_MAX_UM


class InputError(Exception):
    """Bad input from the user: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        raise InputError(message)


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _count(text: str) -> int:
    value = _number(text)
    if value != int(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
    return int(value)


def _number_list(text: str) -> list[float]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        raise argparse.ArgumentTypeError("give at least one number, separated by commas")
    return [_number(p) for p in parts]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m sim", description=export.DISCLAIMER)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    presets = commands.add_parser("presets", help="list the preset scenarios")
    presets.add_argument("--format", choices=("text", "json"), default="text")

    run = commands.add_parser("run", help="simulate a scenario over time")
    run.add_argument("--preset", help="a preset name (see: python -m sim presets)")
    run.add_argument("--route", choices=ROUTES)
    run.add_argument("--dose", type=_number, help="dose per session, in --dose-unit")
    run.add_argument("--dose-unit", choices=DOSE_UNITS, default="mg/kg")
    run.add_argument("--weight-kg", type=_number, default=70.0)
    run.add_argument("--duration-min", type=_number, default=40.0,
                     help="infusion duration (iv-infusion only)")
    run.add_argument("--drug", choices=DRUGS, default="racemic")
    run.add_argument("--sessions", type=_count, default=1)
    run.add_argument("--every-h", type=_number, default=0.0)
    run.add_argument("--days", type=_number_list, help="explicit session days, e.g. 0,2,4,7,9,11")
    _add_model_options(run)
    run.add_argument("--hours", type=_number, help="simulated time (default: preset's, or 168)")
    run.add_argument("--step-min", type=_number, default=1.0)
    run.add_argument("--format", choices=("csv", "json"), default="csv")
    run.add_argument("--out", help="write to this file instead of standard output")

    dose_response = commands.add_parser("dose-response",
                                        help="steady state at fixed brain levels")
    dose_response.add_argument("--brain-um", type=_number_list, required=True,
                               help="brain levels in uM, e.g. 0,0.5,1,2,5,10")
    _add_model_options(dose_response)
    dose_response.add_argument("--format", choices=("csv", "json"), default="csv")
    dose_response.add_argument("--out")
    return parser


def _add_model_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--hypothesis", choices=HYPOTHESES, default="disinhibition")
    sub.add_argument("--stress", type=_number, default=0.0, help="chronic stress, 0 to 1")


def _scenario(args) -> tuple[Scenario, str | None]:
    plasticity_params = PlasticityParams(stress=args.stress)
    common = dict(hypothesis=args.hypothesis, step_min=args.step_min,
                  plasticity=plasticity_params)
    if args.preset:
        if args.route or args.dose is not None:
            raise InputError("give either --preset or --route/--dose, not both")
        if args.hours is not None:
            common["hours"] = args.hours
        return scenarios.preset_scenario(args.preset, **common), args.preset
    if not args.route or args.dose is None:
        raise InputError("give --preset NAME, or --route and --dose")
    schedule = make_schedule(
        args.route, args.dose, args.dose_unit, weight_kg=args.weight_kg,
        duration_min=args.duration_min, drug=args.drug, sessions=args.sessions,
        every_h=args.every_h, days=tuple(args.days) if args.days else None,
    )
    hours = args.hours if args.hours is not None else 168.0
    return Scenario(schedule=schedule, hours=hours, **common), None


def dose_response_table(levels, hypothesis: str, stress: float = 0.0):
    """Steady state of every fast and slow stage with the brain level held constant."""
    c = np.asarray(levels, dtype=float)
    if np.any(c < 0) or np.any(c > MAX_BRAIN_UM):
        raise InputError(f"brain levels must be between 0 and {MAX_BRAIN_UM:g} uM")
    plast = PlasticityParams(stress=stress)
    r, p = receptor.ReceptorParams(), circuit.CircuitParams()
    table = circuit.circuit_table(p, r)
    unadapted, _ = circuit.steady_state(c, p, r)
    balanced = table.lookup_balanced_adaptation(c)
    e, i = circuit.fixed_point(receptor.block_interneuron(c, r), receptor.block_pyramidal(c, r),
                               balanced, p)
    e0, i0 = circuit.drug_free_state(p)
    block_i, block_p = receptor.block_interneuron(c, r), receptor.block_pyramidal(c, r)
    # At a constant level HNK settles at (exposure ratio) x the parent level.
    hnk = RacemicPK().metabolite_exposure_ratio_iv * c
    drive = plasticity.bdnf_drive(hypothesis, e / e0, block_p, hnk, plast)
    acute_params = AcuteParams()
    columns = {
        "brain_um": c,
        "nmda_block_interneuron": block_i,
        "nmda_block_pyramidal": block_p,
        "glutamate_rel": e / e0,
        "glutamate_rel_unadapted": unadapted,
        "pyramidal_activity_rel": e / e0,
        "interneuron_activity_rel": i / i0,
        "bdnf_rel": 1.0 + drive,
        "dissociation": dissociation(c, acute_params),
        "systolic_bp_change_mmhg": systolic_bp_change(c, acute_params),
    }
    return list(DOSE_RESPONSE_COLUMNS), np.column_stack([columns[k] for k in DOSE_RESPONSE_COLUMNS])


def _render(args) -> str:
    if args.command == "presets":
        if args.format == "json":
            import json

            return json.dumps([{"name": p.name, "description": p.description,
                                "source": p.source, "hours": p.hours}
                               for p in scenarios.PRESETS.values()], indent=2) + "\n"
        width = max(len(n) for n in scenarios.PRESETS)
        return "".join(f"{p.name:<{width}}  {p.description} ({p.source})\n"
                       for p in scenarios.PRESETS.values())
    if args.command == "run":
        scenario, preset = _scenario(args)
        result = simulate(scenario)
        columns, values = export.table(result)
        if args.format == "json":
            return export.to_json(columns, values, result.units,
                                  export.scenario_dict(scenario, preset)) + "\n"
        return export.to_csv(columns, values)
    columns, values = dose_response_table(args.brain_um, args.hypothesis, args.stress)
    if args.format == "json":
        inputs = {"hypothesis": args.hypothesis, "stress": args.stress}
        return export.to_json(columns, values, DOSE_RESPONSE_UNITS, inputs) + "\n"
    return export.to_csv(columns, values)


def _write(text: str, out: str | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    folder = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(folder):
        raise InputError(f"cannot write {out}: folder {folder} does not exist")
    # write beside the target, then rename: a failure never leaves half a file
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".sim-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(tmp, out)
    except OSError as e:
        os.unlink(tmp)
        raise InputError(f"cannot write {out}: {e.strerror}") from None


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if getattr(args, "hours", None) is not None and args.hours <= 0:
            raise InputError(f"--hours must be above 0, got {args.hours:g}")
        _write(_render(args), getattr(args, "out", None))
    except (InputError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
