"""The app's CSV download: '#' header lines that make the file self-explaining, then the
contract table, readable by any CSV reader that skips comments."""

import csv
import io

import numpy as np

from sim import cascade, export, scenarios
from sim.params import describe


def test_commented_csv_header_and_numbers():
    scenario = scenarios.preset_scenario("standard-iv", hours=1.0, hypothesis="direct-block")
    result = cascade.simulate(scenario)
    text = export.commented_csv(result, scenario, "standard-iv")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    joined = "\n".join(comments)
    assert export.DISCLAIMER in joined
    assert "Ketamine Mechanisms Explorer" in comments[0]
    assert "hypothesis: direct-block (Autry 2011" in joined
    assert "preset: standard-iv" in joined
    for params in (scenario.racemic_pk, scenario.receptor, scenario.plasticity, scenario.acute):
        for info in describe(params):
            assert f".{info.name} = " in joined and info.source in joined
    rows = list(csv.reader(io.StringIO("\n".join(
        line for line in text.splitlines() if not line.startswith("#")))))
    assert tuple(rows[0][:11]) == cascade.CONTRACT_COLUMNS
    values = np.array(rows[1:], dtype=float)
    np.testing.assert_allclose(values[:, 1], result["plasma_ng_per_ml"], rtol=1e-7)
