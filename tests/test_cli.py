"""The command-line contract of design.md (`python -m sim`), driven as a user would drive it.

Most tests start a real process (`python -m sim ...`), because exit status, standard output and
standard error are the contract; a few call `sim.__main__.main(argv)` in-process.
"""

import csv
import io
import json
import math
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sim import scenarios
from sim.__main__ import main

ROOT = Path(__file__).resolve().parents[1]

# design.md, "Command-line contract": these names and this order are public.
CONTRACT_COLUMNS = [
    "time_h",
    "plasma_ng_per_ml",
    "brain_um",
    "nmda_block_interneuron",
    "nmda_block_pyramidal",
    "glutamate_rel",
    "bdnf_rel",
    "synapse_rel",
    "dissociation",
    "systolic_bp_change_mmhg",
    "symptom_relief_index",
]
DOSE_RESPONSE_FIRST = ["brain_um", "nmda_block_interneuron", "nmda_block_pyramidal",
                       "glutamate_rel"]
LEVELS = "0,0.5,1,2,5,10"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m sim ARGS` from the repository root and capture its output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "sim", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120,
    )


def ok(*args: str) -> str:
    """Standard output of a run that must succeed quietly."""
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return proc.stdout


def parse_csv(text: str) -> tuple[list[str], list[list[float]]]:
    header, *rows = list(csv.reader(io.StringIO(text)))
    return header, [[float(v) for v in row] for row in rows]


def column(header: list[str], rows: list[list[float]], name: str) -> list[float]:
    j = header.index(name)
    return [row[j] for row in rows]


def rise_times(times: list[float], values: list[float], fraction: float = 0.01) -> list[float]:
    """Times at which a signal climbs from near zero (below `fraction` of its peak) above it."""
    threshold = fraction * max(values)
    return [t for t, before, now in zip(times[1:], values, values[1:], strict=False)
            if before <= threshold < now]


# --- presets -------------------------------------------------------------------------------

def test_presets_text_lists_every_preset():
    """`presets` prints one line per preset, starting with its name, in PRESETS order."""
    lines = ok("presets").splitlines()
    assert [line.split()[0] for line in lines] == list(scenarios.PRESETS)


def test_presets_json_lists_every_preset(capsys):
    """`presets --format json` (in-process) gives every preset's name and description."""
    assert main(["presets", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in listed] == list(scenarios.PRESETS)
    assert all(p["description"] and p["source"] and p["hours"] > 0 for p in listed)


def test_design_minimum_presets_exist():
    """design.md names presets that must at least exist."""
    required = {"standard-iv", "iv-course", "esketamine-nasal-56", "esketamine-nasal-84",
                "im-injection", "oral", "anesthetic-bolus", "no-treatment"}
    assert required <= set(scenarios.PRESETS)


# --- run: CSV and JSON ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def standard_csv() -> str:
    return ok("run", "--preset", "standard-iv", "--hours", "2")


@pytest.fixture(scope="module")
def standard_json() -> dict:
    return json.loads(ok("run", "--preset", "standard-iv", "--hours", "2", "--format", "json"))


def test_csv_header_starts_with_the_contract_columns(standard_csv):
    """The first 11 CSV columns are exactly the public contract list, in order."""
    header, _ = parse_csv(standard_csv)
    assert header[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert len(header) == len(set(header)), "duplicate column names"


def test_csv_has_one_row_per_minute(standard_csv):
    """2 h at the default 1-min step: 121 rows, time_h = 0, 1/60, 2/60, ... 2."""
    header, rows = parse_csv(standard_csv)
    assert len(rows) == 121
    assert all(len(row) == len(header) for row in rows)
    times = column(header, rows, "time_h")
    for k, t in enumerate(times):
        assert t == pytest.approx(k / 60, rel=1e-7, abs=1e-12)


def test_json_round_trip_matches_csv(standard_csv, standard_json):
    """JSON carries the same columns and (8-significant-digit) numbers as the CSV, plus a unit
    for every column and the resolved scenario."""
    header, rows = parse_csv(standard_csv)
    data = standard_json
    assert data["columns"] == header
    assert set(data["units"]) == set(header) and all(data["units"].values())
    assert data["rows"] == rows  # both printed at 8 significant digits: exactly equal
    scenario = data["scenario"]
    assert scenario["hypothesis"] == "disinhibition"
    assert scenario["hours"] == 2.0 and scenario["step_min"] == 1.0
    assert scenario["schedule"]["events"] == [{
        "time_h": 0.0, "route": "iv-infusion", "amount_mg": 35.0, "duration_min": 40.0,
        "drug": "racemic",
    }]


# --- run: explicit schedules ---------------------------------------------------------------

INFUSION = ["run", "--route", "iv-infusion", "--dose", "0.5", "--dose-unit", "mg/kg",
            "--duration-min", "40", "--hours", "300", "--step-min", "10"]


def test_explicit_days_give_six_infusions():
    """`--days 0,2,4,7,9,11`: plasma rises from ~0 six times, at the start of those days."""
    header, rows = parse_csv(ok(*INFUSION, "--days", "0,2,4,7,9,11"))
    times, plasma = column(header, rows, "time_h"), column(header, rows, "plasma_ng_per_ml")
    starts = rise_times(times, plasma)
    assert len(starts) == 6
    for start, day in zip(starts, [0, 2, 4, 7, 9, 11], strict=True):
        # the first 10-min grid point after the session starts (CSV keeps 8 significant digits)
        assert day * 24 < start <= day * 24 + 10 / 60 + 1e-4


def test_sessions_every_h_give_three_infusions():
    """`--sessions 3 --every-h 72`: three rises in plasma, 72 h apart."""
    header, rows = parse_csv(ok(*INFUSION, "--sessions", "3", "--every-h", "72"))
    times, plasma = column(header, rows, "time_h"), column(header, rows, "plasma_ng_per_ml")
    starts = rise_times(times, plasma)
    assert len(starts) == 3
    assert [round(s - starts[0]) for s in starts] == [0, 72, 144]


# --- --out ---------------------------------------------------------------------------------

def test_out_file_holds_what_stdout_would(tmp_path, capsys):
    """`--out FILE` writes exactly the text that would have gone to standard output."""
    args = ["run", "--preset", "standard-iv", "--hours", "1"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    target = tmp_path / "out.csv"
    assert main([*args, "--out", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text() == printed
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"], "a temporary file was left"


@pytest.mark.parametrize("bad", [
    ["run", "--preset", "no-such-preset"],
    ["run", "--route", "iv-bolus", "--dose", "20"],
    ["run", "--preset", "standard-iv", "--hours", "0"],
])
def test_bad_input_leaves_an_existing_out_file_alone(tmp_path, capsys, bad):
    """On bad input nothing is written (in-process): a file already at --out keeps its content."""
    target = tmp_path / "keep.csv"
    target.write_text("precious\n")
    assert main([*bad, "--out", str(target)]) == 2
    assert capsys.readouterr().out == ""
    assert target.read_text() == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]


# --- bad input -----------------------------------------------------------------------------

BAD_INPUTS = {
    "unknown preset": ["run", "--preset", "no-such-preset"],
    "unknown route": ["run", "--route", "rectal", "--dose", "0.5"],
    "negative dose": ["run", "--route", "iv-bolus", "--dose", "-1"],
    "text dose": ["run", "--route", "iv-bolus", "--dose", "abc"],
    "nan dose": ["run", "--route", "iv-bolus", "--dose", "nan"],
    "overflowing dose": ["run", "--route", "iv-bolus", "--dose", "1e309"],
    "dose above ceiling": ["run", "--route", "iv-bolus", "--dose", "20", "--dose-unit", "mg/kg"],
    "negative hours": ["run", "--preset", "standard-iv", "--hours", "-1"],
    "zero hours": ["run", "--preset", "standard-iv", "--hours", "0"],
    "negative step": ["run", "--preset", "standard-iv", "--step-min", "-1"],
    "stress above 1": ["run", "--preset", "standard-iv", "--stress", "2"],
    "unknown hypothesis": ["run", "--preset", "standard-iv", "--hypothesis", "telepathy"],
    "the same dose five times at once": ["run", "--route", "iv-bolus", "--dose", "11",
                                         "--days", "0,0,0,0,0"],
    "seven back-to-back 24 h infusions": ["run", "--route", "iv-infusion", "--dose", "144",
                                          "--duration-min", "1440", "--sessions", "7",
                                          "--every-h", "24"],
    "oral 11 mg/kg every 12 h": ["run", "--route", "oral", "--dose", "11", "--sessions", "2",
                                 "--every-h", "12"],
    "a billion sessions": ["run", "--route", "oral", "--dose", "1", "--sessions", "1000000000",
                           "--every-h", "1"],
    "esketamine 50 mg nasal": ["run", "--route", "intranasal", "--drug", "esketamine",
                               "--dose", "50", "--dose-unit", "mg"],
    "out into missing folder": ["run", "--preset", "standard-iv", "--hours", "1",
                                "--out", "no-such-folder-for-sim-tests/x.csv"],
    "preset and route": ["run", "--preset", "standard-iv", "--route", "iv-bolus"],
    "neither preset nor route": ["run"],
    "text brain level": ["dose-response", "--brain-um", "x"],
    "negative brain level": ["dose-response", "--brain-um", "0,-1"],
}


@pytest.fixture(scope="module")
def bad_runs() -> dict[str, subprocess.CompletedProcess]:
    """Every bad-input run, a few at a time (each process spends ~1 s importing scipy)."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(zip(BAD_INPUTS, pool.map(lambda a: run_cli(*a), BAD_INPUTS.values()),
                        strict=True))


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_exits_2_with_one_clear_line(bad_runs, case):
    """Bad input: status 2, exactly one non-empty line on stderr, no traceback, no stdout."""
    proc = bad_runs[case]
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (ROOT / "no-such-folder-for-sim-tests").exists()


# --- dose-response -------------------------------------------------------------------------

def dose_response(*extra: str) -> dict[str, list[float]]:
    header, rows = parse_csv(ok("dose-response", "--brain-um", LEVELS, *extra))
    return {name: column(header, rows, name) for name in header} | {"_header": header}


@pytest.fixture(scope="module")
def curve() -> dict[str, list[float]]:
    return dose_response()


def test_dose_response_columns_and_levels(curve):
    """Columns start brain_um, block (two cell types), glutamate_rel; one row per level."""
    assert curve["_header"][:4] == DOSE_RESPONSE_FIRST
    assert curve["brain_um"] == [0, 0.5, 1, 2, 5, 10]


def test_dose_response_half_block_at_1_um(curve):
    """IC50 of interneuron-like receptors is 1 uM (Gerhard 2020); pyramidal ones block less."""
    assert curve["nmda_block_interneuron"][2] == pytest.approx(0.5, abs=1e-7)
    assert curve["nmda_block_interneuron"][0] == 0 == curve["nmda_block_pyramidal"][0]
    assert all(i >= p for i, p in zip(curve["nmda_block_interneuron"],
                                       curve["nmda_block_pyramidal"], strict=True))


def test_dose_response_glutamate_is_an_inverted_u(curve):
    """Glutamate is at baseline without drug, above it at 1 uM, below it at 10 uM."""
    glu = dict(zip(curve["brain_um"], curve["glutamate_rel"], strict=True))
    assert glu[0] == pytest.approx(1.0, abs=1e-7)
    assert glu[1] > 1.0
    assert glu[10] < 1.0
    peak = max(glu, key=glu.get)
    assert 0 < peak < 10, "the maximum must lie inside the range: a rise, then a fall"


def test_direct_block_changes_bdnf_but_not_glutamate(curve):
    """The hypothesis switch changes what drives BDNF, not the circuit's glutamate."""
    direct = dose_response("--hypothesis", "direct-block")
    assert direct["glutamate_rel"] == curve["glutamate_rel"]
    assert direct["bdnf_rel"] != curve["bdnf_rel"]
    at_2 = curve["brain_um"].index(2.0)
    assert direct["bdnf_rel"][at_2] > curve["bdnf_rel"][at_2]  # surge waning, block growing
    # at 10 uM a person is under anaesthesia, which turns the plasticity signal off (Lii 2023)
    assert direct["bdnf_rel"][-1] == curve["bdnf_rel"][-1] == pytest.approx(1.0)


def test_long_metabolite_course_prints_finite_numbers():
    """Valid input within every documented limit (oral 7.5 mg/kg every 12 h, the most in a day
    the model allows, 60 sessions, metabolite hypothesis, 2000 h) must give finite numbers: no
    nan/inf, no warnings."""
    proc = run_cli("run", "--route", "oral", "--dose", "7.5", "--sessions", "60", "--every-h",
                   "12", "--hypothesis", "metabolite", "--hours", "2000", "--step-min", "10")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    header, rows = parse_csv(proc.stdout)
    bad = [name for j, name in enumerate(header) if any(not math.isfinite(r[j]) for r in rows)]
    assert bad == []
