"""Invariants and exact checks of the receptor, circuit, plasticity and acute stages."""

import numpy as np
import pytest

from sim import acute, cascade, circuit, filters, plasticity, receptor, scenarios
from sim.schedule import make_schedule

LEVELS = np.concatenate(([0.0], np.logspace(-3, 2.4, 300)))


def test_half_block_at_ic50():
    """Invariant: each Hill curve blocks exactly half its receptors at its IC50."""
    r = receptor.ReceptorParams()
    assert receptor.block_interneuron(r.ic50_interneuron, r) == pytest.approx(0.5)
    assert receptor.block_pyramidal(r.ic50_pyramidal, r) == pytest.approx(0.5)


def test_block_is_a_rising_fraction_and_interneurons_are_blocked_more():
    """Invariants: block in [0, 1], rising with level; interneuron-like >= pyramidal-like."""
    b_i, b_p = receptor.block_interneuron(LEVELS), receptor.block_pyramidal(LEVELS)
    for b in (b_i, b_p):
        assert np.all((b >= 0) & (b <= 1))
        assert np.all(np.diff(b) > 0)
    assert np.all(b_i >= b_p)


def test_esketamine_counts_as_164_percent_racemic():
    """Ki ratio S/R 4.7 (Ebert 1997): racemic acts like 0.61 x its level of esketamine."""
    assert receptor.racemic_equivalent_factor("esketamine") == pytest.approx(1 / 0.6064, 1e-3)
    assert receptor.racemic_equivalent_factor("racemic") == 1.0
    with pytest.raises(ValueError):
        receptor.racemic_equivalent_factor("arketamine")


@pytest.mark.parametrize(("mv", "expected"), [(-70, 0.044), (-40, 0.23), (-20, 0.508), (0, 0.78)])
def test_mg_block_matches_jahr_stevens_values(mv, expected):
    """Jahr & Stevens 1990 at 1 mM Mg2+ (values tabulated in reference.md §2.2; its -20 mV
    entry, 0.49, is an arithmetic slip: 1 / (1 + exp(1.24) / 3.57) = 0.508)."""
    assert receptor.mg_unblocked_fraction(mv, 1.0) == pytest.approx(expected, abs=0.005)


def test_mg_block_lifts_with_depolarisation_and_without_mg():
    v = np.linspace(-100, 40, 50)
    assert np.all(np.diff(receptor.mg_unblocked_fraction(v)) > 0)
    assert np.all(receptor.mg_unblocked_fraction(v, 0.0) == 1.0)
    with pytest.raises(ValueError):
        receptor.mg_unblocked_fraction(-70, -1.0)


def test_circuit_reproduces_the_reference_inverted_u_table():
    """The E/I equations as specified in reference.md §9.3 give its steady-state table."""
    levels = [0.2, 0.5, 0.8, 1.0, 1.5, 2, 3, 5, 7, 9.3, 15, 20]
    e_ref = [1.30, 1.64, 1.85, 1.92, 1.97, 1.89, 1.63, 1.19, 0.93, 0.76, 0.55, 0.46]
    i_ref = [0.90, 0.79, 0.72, 0.68, 0.61, 0.56, 0.49, 0.43, 0.40, 0.39, 0.37, 0.36]
    e, i = circuit.steady_state(levels)
    np.testing.assert_allclose(e, e_ref, atol=0.006)
    np.testing.assert_allclose(i, i_ref, atol=0.006)


def test_fixed_point_is_a_fixed_point():
    """The tabulated state satisfies the rate equations (residual ~ 0)."""
    p = circuit.CircuitParams()
    c = np.array([0.0, 0.7, 3.0, 12.0])
    b_i, b_p = receptor.block_interneuron(c), receptor.block_pyramidal(c)
    e, i = circuit.fixed_point(b_i, b_p, np.full(4, 0.3), p)
    drive_e = p.gain * ((1 - p.nmda_share_pyramidal * b_p) * (p.w_ee * e + p.h_e)
                        - p.w_ei * i - p.theta_e - p.adaptation_strength * 0.3)
    drive_i = p.gain * ((1 - p.nmda_share_interneuron * b_i) * (p.w_ie * e + p.h_i)
                        - p.w_ii * i - p.theta_i)
    np.testing.assert_allclose(e, 1 / (1 + np.exp(-drive_e)), atol=1e-12)
    np.testing.assert_allclose(i, 1 / (1 + np.exp(-drive_i)), atol=1e-12)


def test_table_interpolation_is_close_to_the_exact_fixed_point():
    rng = np.random.default_rng(1)
    c = rng.uniform(0, 30, 200)
    table = circuit.circuit_table(circuit.CircuitParams(), receptor.ReceptorParams())
    exact, _ = circuit.steady_state(c)
    tabulated, _ = table.lookup(c, 0.0)
    np.testing.assert_allclose(tabulated, exact, atol=2e-3)


def test_balanced_adaptation_balances_the_surge():
    """A* solves A = max(E*(C, A)/E0 - 1, 0): zero with no drug and at anaesthetic levels."""
    table = circuit.circuit_table(circuit.CircuitParams(), receptor.ReceptorParams())
    c = np.array([0.0, 0.3, 1.0, 2.0, 4.0, 9.3, 30.0])
    a = table.lookup_balanced_adaptation(c)
    surge, _ = table.lookup(c, a)
    np.testing.assert_allclose(a, np.maximum(surge - 1, 0), atol=2e-3)
    assert a[0] == 0.0 and a[-2] == 0.0 and a[-1] == 0.0
    assert np.all(a[1:5] > 0)


def test_first_order_lag_is_exact_for_piecewise_linear_input():
    """Exact: a ramp u = t gives y = t - tau (1 - exp(-t/tau)) for tau y' = u - y, y(0) = 0."""
    t = np.linspace(0, 10, 41)
    y = filters.first_order_lag(t, t[1] - t[0], 2.0)
    np.testing.assert_allclose(y, t - 2.0 * (1 - np.exp(-t / 2.0)), atol=1e-12)


def test_saturating_growth_is_exact_for_constant_drive():
    """Exact: S' = k (M - S) - d S from 0 gives S = k M / (k + d) (1 - exp(-(k + d) t))."""
    t = np.linspace(0, 50, 101)
    s = filters.saturating_growth(np.full_like(t, 0.2), 1.5, 0.05, t[1] - t[0])
    np.testing.assert_allclose(s, 0.2 * 1.5 / 0.25 * (1 - np.exp(-0.25 * t)), rtol=1e-10)


def test_peak_hold_matches_its_definition():
    rng = np.random.default_rng(2)
    u = rng.uniform(0, 1, 300) * (rng.uniform(size=300) > 0.8)
    expected, f = [], 0.0
    for x in u:
        f = max(x, f * np.exp(-0.1 / 3.0))
        expected.append(f)
    np.testing.assert_allclose(filters.peak_hold(u, 0.1, 3.0), expected, rtol=1e-9, atol=1e-300)


def test_no_drug_keeps_every_output_at_baseline():
    """No drug: levels, block and acute effects 0; every *_rel output exactly 1."""
    result = cascade.simulate(scenarios.preset_scenario("no-treatment", hours=72))
    for name in cascade.COLUMNS[1:]:
        values = result[name]
        baseline = 1.0 if name.endswith("_rel") else 0.0
        assert np.all(values == baseline), name


def test_stress_lowers_untreated_spines_and_raises_room_to_regrow():
    """Moda-Sava 2019: stress removes spines; ketamine-driven growth restores them."""
    stressed = plasticity.PlasticityParams(stress=1.0)
    none = cascade.simulate(scenarios.preset_scenario("no-treatment", hours=24,
                                                      plasticity=stressed))
    assert np.all(none["synapse_rel"] == pytest.approx(1 - stressed.stress_loss))
    calm = cascade.simulate(scenarios.preset_scenario("standard-iv"))
    hurt = cascade.simulate(scenarios.preset_scenario("standard-iv", plasticity=stressed))
    gain = lambda r: r["synapse_rel"].max() - r["synapse_rel"][0]  # noqa: E731
    assert gain(hurt) > gain(calm)


def bdnf_peak(preset: str, hypothesis: str) -> float:
    result = cascade.simulate(scenarios.preset_scenario(preset, hypothesis=hypothesis, hours=48))
    return result["bdnf_rel"].max() - 1


def test_hypotheses_agree_on_the_standard_infusion():
    """By construction (gains chosen for it) the three give the same BDNF peak there."""
    peaks = [bdnf_peak("standard-iv", h) for h in plasticity.HYPOTHESES]
    np.testing.assert_allclose(peaks, peaks[0], rtol=0.01)


def test_hypotheses_diverge_at_anaesthetic_doses():
    """During deep anaesthesia (brain level above the inverted U's crossing, ~6 uM) there is
    no surge: disinhibition gives no BDNF drive, while direct block drives BDNF harder than at
    any moment of the standard infusion. The model shows the split."""
    deep = {}
    for h in ("disinhibition", "direct-block"):
        result = cascade.simulate(scenarios.preset_scenario("anesthetic-infusion", hypothesis=h))
        drive = plasticity.bdnf_drive(h, result["glutamate_rel"], result["nmda_block_pyramidal"],
                                      result["metabolite_um"], plasticity.PlasticityParams())
        deep[h] = drive[(result["brain_um"] > 6.5) & (result.time_h > 1.0)]
    standard = cascade.simulate(scenarios.preset_scenario("standard-iv", hypothesis="direct-block"))
    assert deep["disinhibition"].size > 30  # at least half an hour of deep anaesthesia
    assert np.all(deep["disinhibition"] == 0.0)
    assert deep["direct-block"].min() > 3 * (3.33 * standard["nmda_block_pyramidal"].max())


def test_emergence_from_anaesthesia_brings_a_late_surge():
    """A model prediction (reference.md §11, [M]): as the level falls back through the
    sub-anaesthetic range after anaesthesia, glutamate rises above baseline for hours."""
    result = cascade.simulate(scenarios.preset_scenario("anesthetic-infusion"))
    t, g = result.time_h, result["glutamate_rel"]
    assert g[(t > 2) & (t < 4)].max() < 1.0
    assert g[t > 4.5].max() > 1.15


def test_metabolite_hypothesis_favours_the_oral_route():
    """First-pass metabolism makes most HNK by mouth (Anesthesiology 2021;135:326): relative to
    the standard infusion, oral dosing drives BDNF far more under the metabolite hypothesis."""
    ratio = {h: bdnf_peak("oral", h) / bdnf_peak("standard-iv", h)
             for h in ("disinhibition", "metabolite")}
    assert ratio["metabolite"] > 5 * ratio["disinhibition"]


def test_acute_effects_are_bounded_and_rise_with_level():
    d, bp = acute.dissociation(LEVELS), acute.systolic_bp_change(LEVELS)
    assert np.all((d >= 0) & (d <= 1)) and np.all(np.diff(d) >= 0)
    assert np.all(bp >= 0) and np.all(np.diff(bp) > 0)
    assert d[0] == 0 and bp[0] == 0


def test_mixed_drugs_in_one_schedule_are_refused():
    from sim.schedule import combine

    mixed = combine(make_schedule("iv-bolus", 0.1),
                    make_schedule("intranasal", 56, "mg", drug="esketamine"))
    with pytest.raises(ValueError, match="one drug"):
        cascade.Scenario(schedule=mixed)


def test_saturating_growth_survives_long_strong_drive():
    """A long, strong drive makes the running product underflow; the closed form restarts in
    blocks, so the result stays finite and equals the step-by-step recurrence."""
    rng = np.random.default_rng(3)
    drive = rng.uniform(0, 2.0, 20_000)
    step, ceiling, decay = 0.5, 1.2, 0.01
    s = filters.saturating_growth(drive, ceiling, decay, step)
    expected, level = [0.0], 0.0
    for a, b in zip(drive[:-1], drive[1:], strict=True):
        rate = 0.5 * (a + b)
        keep = np.exp(-(rate + decay) * step)
        level = keep * level + rate * ceiling / (rate + decay) * (1 - keep)
        expected.append(level)
    assert np.all(np.isfinite(s))
    np.testing.assert_allclose(s, expected, rtol=1e-9, atol=1e-12)


def test_saturating_growth_with_a_drive_that_saturates_in_one_step():
    """A drive so strong that S reaches its ceiling within one step stays finite and exact."""
    drive = np.array([0.0, 1e4, 1e4, 0.0, 0.0])
    s = filters.saturating_growth(drive, 1.0, 0.1, 1.0)
    assert np.all(np.isfinite(s))
    np.testing.assert_allclose(s[1:3], [5e3 / (5e3 + 0.1), 1e4 / (1e4 + 0.1)], rtol=1e-12)
