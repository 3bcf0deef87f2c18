"""A chart's data as a readable table (figures/table.py): the rows a reader wants, plain
headers, 3 significant digits, a sentence on the rows; and the sliders' value text with its
unit (ui/controls.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from figures import dose, glutamate, growth, levels, receptor, style, words
from figures import table as tables
from sim import outputs
from sim.receptor import block_interneuron, mg_unblocked_fraction
from sim.steady import dose_response_table
from ui import controls
from ui.simulate import run_preset

CODE_LIKE = ("_", "(ng/mL (", "fraction 0-1")  # what the old headers looked like


@pytest.fixture(scope="module")
def six_hours():
    return run_preset("standard-iv", "disinhibition", 0.0, 6.0)[1]


def plain(header: str) -> bool:
    return not any(bit in header for bit in CODE_LIKE)


# --- numbers and times -----------------------------------------------------------------------

def test_numbers_are_written_to_three_significant_digits():
    assert [tables.shown(v) for v in (1234.5, 188.4, 4.9166, 0.77777, 0.000123456, 0.0, -70.0)] \
        == ["1,230", "188", "4.92", "0.778", "0.000123", "0", "-70"]
    assert tables.shown(float("nan")) == "–"
    assert tables.significant(0.123456) == 0.123 and tables.significant(98765.0) == 98800.0


def test_times_are_words_in_the_unit_a_reader_uses():
    assert [tables.time_words(h) for h in (0, 1 / 6, 110 / 60, 2, 6.5, 24, 48, 24 * 42)] == [
        "0 min", "10 min", "110 min", "2 h", "6.5 h", "24 h", "2 days", "42 days"]
    assert [tables.span_words(h) for h in (1, 2, 6.5, 24, 72, 168, 336, 1008)] == [
        "1 hour", "2 hours", "6.5 hours", "1 day", "3 days", "1 week", "2 weeks", "6 weeks"]


@pytest.mark.parametrize("hours, rows", [(1, 7), (2, 13), (6, 17), (24, 35), (168, 41),
                                         (21 * 24, 49), (42 * 24, 52)])
def test_time_steps_every_10_min_then_hourly_daily_weekly(hours, rows):
    steps, said = tables.time_steps(0.0, hours)
    assert len(steps) == rows
    assert steps[0] == 0 and steps[-1] == pytest.approx(hours)
    assert np.all(np.diff(steps) > 0)
    early = steps[steps <= 2 + 1e-9]
    np.testing.assert_allclose(np.diff(early), 1 / 6)  # every 10 minutes for 2 hours
    assert said.startswith("every 10 minutes to")
    if hours > 24:
        assert "every hour to 1 day" in said and 24.0 in np.round(steps, 9)
    if hours > 14 * 24:
        assert said.endswith(f"every week to {tables.span_words(hours)}")


def test_an_end_between_steps_is_shown_too():
    steps, said = tables.time_steps(0.0, 6.5)
    assert steps[-2:].tolist() == pytest.approx([6.0, 6.5])
    assert said.endswith("every hour to 6.5 hours")


def test_round_levels_and_round_steps():
    np.testing.assert_allclose(tables.round_levels(0.01, 100.0),
                               [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100])
    voltages, step = tables.round_steps(-100.0, 40.0)
    assert step == 10 and voltages[0] == -100 and voltages[-1] == 40 and len(voltages) == 15
    assert len(tables.round_steps(0.0, 1.0)[0]) <= tables.MAX_STEPS


# --- a page's table --------------------------------------------------------------------------

def test_table_of_is_headed_by_the_registry(six_hours):
    table = style.table_of(six_hours, ["plasma_ng_per_ml", "brain_um"])
    assert list(table) == ["Time since the first dose (h)", "Plasma level (ng/mL)",
                           "Brain level (µM)"]
    assert len(table["Plasma level (ng/mL)"]) == 361  # the chart's every minute


def test_the_dose_table_is_17_readable_rows_from_361(six_hours):
    columns = ["plasma_ng_per_ml", "brain_um", "dissociation", "systolic_bp_change_mmhg"]
    data = tables.readable(style.table_of(six_hours, columns))
    assert data.rows == 17
    assert list(data.columns)[0] == tables.TIME == "Time since the first dose"
    assert all(plain(h) for h in data.columns), list(data.columns)
    for column in columns:  # names and units from sim/outputs.py
        o = outputs.output(column)
        assert f"{o.name} ({tables.display_unit(o.short_unit)})" in data.columns
    time = data.columns[tables.TIME]
    assert time[:3] == ("0 min", "10 min", "20 min") and time[-1] == "6 h"
    # each value is the model's at that minute, to 3 significant digits
    at_40 = int(np.argmin(abs(six_hours.time_h - 40 / 60)))
    assert time[4] == "40 min"
    assert data.columns["Plasma level (ng/mL)"][4] == tables.significant(
        float(six_hours["plasma_ng_per_ml"][at_40]))
    assert "every 10 minutes to 2 hours, then every hour to 6 hours" in data.caption
    assert "17 of the chart's 361 points" in data.caption


def test_a_code_header_becomes_its_name_and_unit():
    assert tables.plain_header("plasma_ng_per_ml (ng/mL (parent drug in plasma))") == \
        "Plasma level (ng/mL)"
    assert tables.plain_header("brain_um") == "Brain level (µM)"
    assert tables.plain_header("Brain level (µM)") == "Brain level (µM)"  # already plain


def test_a_log_spaced_level_table_is_shown_at_round_levels():
    table = style.readable(receptor.block_table(levels.log_levels()), receptor.BLOCK_COLUMNS,
                           ("nmda_block_interneuron", "nmda_block_pyramidal"))
    data = tables.readable(table)
    x = np.asarray(data.columns["Brain level (µM)"])
    np.testing.assert_allclose(x, tables.round_levels(0.01, 100.0))
    blocked = data.columns["Interneuron-like receptors blocked (%)"]
    np.testing.assert_allclose(blocked, 100 * block_interneuron(x), rtol=5e-3)  # 3 digits
    assert "round levels" in data.caption and "µM" in data.caption


def test_a_short_table_keeps_its_rows_and_text_columns_give_way():
    table = {"Time since the first dose": ["0 min", "1 h", "2 days"],
             "Time since the first dose (h)": [0.0, 1.0, 48.0], "BDNF (× baseline)": [1, 1.2, 1]}
    data = tables.readable(table)
    assert data.columns == {"Time since the first dose": ("0 min", "60 min", "2 days"),
                            "BDNF (× baseline)": (1.0, 1.2, 1.0)}
    assert "all 3 points" in data.caption
    assert tables.readable({"Name": ["a", "b"]}) is None


def test_solver_noise_is_a_zero():
    x = np.linspace(0, 10, 100)
    data = tables.readable({"Membrane voltage (mV)": x, "y": np.where(x < 5, 1e-17, 50.0)})
    assert data.columns["y"][0] == 0.0 and data.text()["y"][0] == "0"


# --- a figure's lines ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tour_figures(six_hours):
    """Every kind of chart the tour draws (ui/pages/tour.py, chart)."""
    week = run_preset("standard-iv", "disinhibition", 0.0, 168.0)[1]
    columns, values = dose_response_table(levels.log_levels(200), "disinhibition")
    runs = {h: run_preset("standard-iv", h, 0.0, 168.0)[1] for h in words.HYPOTHESIS_NAMES}
    return {
        "levels": dose.plasma_and_brain(six_hours)[0],
        "block": receptor.block_figure(receptor.block_table(levels.log_levels()), 0.8)[0],
        "surge": glutamate.surge_figure(six_hours, "Glutamate over time")[0],
        "inverted-u": glutamate.inverted_u_figure(glutamate.as_columns(columns, values))[0],
        "growth": growth.growth_figure(week, "BDNF and spines")[0],
        "hypotheses": growth.hypotheses_figure(runs, "synapse_rel", "disinhibition", "Ideas")[0],
    }


@pytest.mark.parametrize("kind, rows", [("levels", 17), ("block", 13), ("surge", 17),
                                        ("inverted-u", 13), ("growth", 41), ("hypotheses", 41)])
def test_every_tour_chart_has_a_readable_table(tour_figures, kind, rows):
    figure = tour_figures[kind]
    assert tables.has_lines(figure)
    data = tables.from_figure(figure)
    assert data.rows == rows
    assert all(plain(h) and "log scale" not in h for h in data.columns), list(data.columns)
    assert data.caption.startswith("The table shows ")
    for header, cells in list(data.columns.items())[1:]:
        assert len(cells) == rows and any(math.isfinite(v) and v != 0 for v in cells), header


def test_a_figures_table_is_its_lines_only(tour_figures):
    """Not the chosen-level line, the anaesthesia line or the markers: those are not data."""
    data = tables.from_figure(tour_figures["block"])
    assert list(data.columns) == ["Brain level (µM)",
                                  "Interneuron-like receptors, receptors blocked (%)",
                                  "Pyramidal-like receptors, receptors blocked (%)"]
    x = np.asarray(data.columns["Brain level (µM)"])
    np.testing.assert_allclose(data.columns["Interneuron-like receptors, receptors blocked (%)"],
                               100 * block_interneuron(x), rtol=5e-3)


def test_a_time_axis_in_days_is_read_in_days(tour_figures):
    data = tables.from_figure(tour_figures["growth"])  # its x axis is in days
    time = data.columns[tables.TIME]
    assert time[0] == "0 min" and time[12] == "2 h" and time[-1] == "7 days"


def test_names_that_carry_their_unit_are_kept(six_hours):
    data = tables.from_figure(dose.dose_panels(six_hours, None)[0])
    assert "Blood plasma (ng/mL)" in data.columns
    assert "Sedation (0 awake, 0.5 unresponsive, 1 surgical anaesthesia)" in data.columns


def test_a_linear_axis_is_read_at_round_steps():
    data = tables.from_figure(receptor.mg_figure(1.0, -70.0)[0])
    volts = np.asarray(data.columns["Membrane voltage (mV)"])
    assert volts.tolist() == list(range(-100, 41, 10))
    shown = data.columns["With 1.0 mM Mg²⁺, current free of Mg²⁺ block (%)"]
    np.testing.assert_allclose(shown, 100 * mg_unblocked_fraction(volts, 1.0), rtol=5e-3)


def test_a_picture_has_no_table():
    picture = {"data": [{"type": "scatter", "mode": "markers", "x": [1, 2, 3], "y": [1, 2, 3],
                         "name": "receptors"}], "layout": {}}
    assert not tables.has_lines(picture) and tables.from_figure(picture) is None


# --- the controls ----------------------------------------------------------------------------

def test_each_table_toggle_names_its_chart(tour_figures):
    labels = {controls.table_toggle_label(f) for f in tour_figures.values()}
    assert len(labels) == len(tour_figures)
    assert controls.table_toggle_label(tour_figures["levels"]) == (
        "Show the data as a table: Ketamine in the blood and the brain over time")
    assert controls.table_toggle_label({"data": [], "layout": {"title": {"text": "a*b $5"}}}) \
        == r"Show the data as a table: a\*b \$5"
    assert controls.table_toggle_label({"data": [], "layout": {}}) == controls.TABLE_TOGGLE


@pytest.mark.parametrize("unit, step, fmt, text", [
    ("mg/kg", 0.05, "%.2f mg/kg", "0.50 mg/kg"), ("µM", 0.05, "%.2f µM", "0.80 µM"),
    ("uM", 0.1, "%.1f µM", "0.8 µM"), ("mV", 5.0, "%.0f mV", "-70 mV"),
    ("%", 1.0, "%.0f %%", "1 %"),
    ("0 = none, 1 = severe", 0.05, "%.2f", "0.30"), ("-", 0.1, "%.1f", "1.0"),
    ("ratio", 0.1, "%.1f", "3.0")])
def test_a_sliders_value_text_carries_its_unit(unit, step, fmt, text):
    spec = controls.NumberSpec("k", "Thing", -100.0, 100.0, step, 0.0, unit)
    assert controls.value_format(spec) == fmt
    value = {"0.50 mg/kg": 0.5, "0.80 µM": 0.8, "0.8 µM": 0.8, "-70 mV": -70.0, "1 %": 1.0,
             "0.30": 0.3, "1.0": 1.0, "3.0": 3.0}[text]
    assert fmt % value == text  # as Streamlit's sprintf writes it
