"""Command line: ``python -m sim presets | outputs | run | dose-response`` (the contract in
design.md).

Bad input exits with status 2 and one line on stderr; nothing is written to ``--out`` then.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile

from sim import export, outputs, scenarios
from sim.cascade import Scenario, simulate
from sim.plasticity import HYPOTHESES, PlasticityParams
from sim.schedule import DOSE_UNITS, DRUGS, ROUTES, make_schedule
from sim.steady import DOSE_RESPONSE_UNITS, dose_response_table


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

    columns = commands.add_parser("outputs", help="list every output column: unit and meaning")
    columns.add_argument("--format", choices=("text", "json"), default="text")

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
    if args.command == "outputs":
        if args.format == "json":
            import dataclasses
            import json

            return json.dumps([dataclasses.asdict(o) for o in outputs.OUTPUTS], indent=2) + "\n"
        width = max(len(o.column) for o in outputs.OUTPUTS)
        return "".join(f"{o.column:<{width}}  {o.description} Unit: {o.unit}.\n"
                       for o in outputs.OUTPUTS)
    if args.command == "run":
        scenario, preset = _scenario(args)
        result = simulate(scenario)
        columns, values = export.table(result)
        if args.format == "json":
            return export.to_json(columns, values, result.units,
                                  export.scenario_dict(scenario, preset),
                                  export.range_notes(result)) + "\n"
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
