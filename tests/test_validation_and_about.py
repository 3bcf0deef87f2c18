"""The live validation table (sim.validation) and the About, Claims and Glossary pages."""

import re
import time
from pathlib import Path

import numpy as np
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from sim import cascade, pk, scenarios, validation

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "ui" / "pages"
ABOUT, GLOSSARY = (str(PAGES / f"{name}.py") for name in ("about", "glossary"))
GLOSSARY_YAML = ROOT / "explainers" / "glossary.yaml"
REFERENCE_TARGETS = {"T1", "T3", "T4", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "T13",
                     "T14", "T15"}  # reference.md §10 (T2 and T5 are not in the table there)


def page(path: str, **query) -> AppTest:
    app = AppTest.from_file(path, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def all_text(app: AppTest) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info",
                                  "success", "warning", "error") for e in getattr(app, kind)]
    return "\n".join(str(p) for p in parts)


# --- sim.validation -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def rows():
    return validation.run_all()


def test_every_published_fact_passes(rows):
    failing = [(r.id, r.model, r.tolerance) for r in rows if not r.passed]
    assert failing == []


def test_rows_cover_every_reference_target_once_in_order(rows):
    assert {r.target for r in rows} == REFERENCE_TARGETS == set(validation.TARGETS)
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids)), "ids must be unique"
    order = [validation.TARGETS.index(r.target) for r in rows]
    assert order == sorted(order), "rows follow reference.md §10 order"
    assert all(re.fullmatch(r"T\d+[a-z]?", i) for i in ids)


def test_every_row_names_its_source_and_tolerance(rows):
    for r in rows:
        assert r.statement and r.published and r.model, r.id
        assert re.search(r"(19|20)\d\d|PMID|PMC", r.citation), (r.id, r.citation)
        assert re.search(r"\d", r.tolerance), (r.id, r.tolerance)


def test_summary_line_counts_targets_and_checks(rows):
    assert validation.summary(rows) == "13 of 13 published facts pass (30 of 30 individual checks)."


def test_summary_counts_a_target_as_failed_if_any_of_its_checks_fails(rows):
    """Negative control: one failing check of T7 makes T7 fail as a whole."""
    broken = [r if r.id != "T7b" else validation.Row(**{**r.__dict__, "passed": False})
              for r in rows]
    assert validation.summary(broken).startswith("12 of 13 published facts pass (29 of 30")


def test_model_values_are_the_models_own_numbers(rows):
    """T1's shown value is the plasma level the cascade gives at 40 min (Zanos 2018 Table 1)."""
    r = cascade.simulate(scenarios.preset_scenario("standard-iv"))
    plasma = r["plasma_ng_per_ml"][np.searchsorted(r.time_h, 40 / 60 - 1e-9)]
    t1 = next(row for row in rows if row.id == "T1")
    assert t1.model == f"{plasma:.0f} ng/mL"
    assert t1.tolerance == "150–220 ng/mL"


def test_a_wrong_model_fails_its_fact(monkeypatch):
    """Negative control: with half the published clearance (Kamp 2020) the plasma level at the
    end of the standard infusion is far above 220 ng/mL, and T1 must fail."""
    slow = cascade.Scenario(scenarios.PRESETS["standard-iv"].schedule, hours=2.0,
                            racemic_pk=pk.RacemicPK(clearance=9.0, central_volume=0.4))
    monkeypatch.setattr(validation, "_standard", lambda: cascade.simulate(slow))
    t1 = next(f for f in validation.FACTS if f.id == "T1")
    row = validation.evaluate(t1)
    assert not row.passed
    assert int(row.model.split()[0]) > 220


def test_the_table_is_cached(rows):
    start = time.perf_counter()
    again = validation.run_all()
    assert time.perf_counter() - start < 0.01
    assert again == rows


# --- About the models ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def about():
    app = page(ABOUT)
    assert not app.exception
    return app


def test_about_page_has_title_label_and_a_card_per_stage(about):
    assert about.title[0].value == "About the models"
    assert "Conceptual teaching model" in about.warning[0].value
    labels = [e.label for e in about.expander]
    assert len(labels) == 7
    for word in ("pharmacokinetics", "NMDA", "glutamate", "BDNF", "dissociation",
                 "relief index", "population"):
        assert any(word in label for label in labels), word
    text = all_text(about)
    assert "Wilson-Cowan rate model" in text  # circuit model card
    assert "```text\nB_I = C^n / (C^n + IC50_I^n)" in text  # an equation block


def test_about_page_shows_the_validation_summary_all_passing(about):
    assert [s.value for s in about.success] == [
        "13 of 13 published facts pass (30 of 30 individual checks)."]
    assert not about.error
    table = about.table[-1].value
    assert list(table["Id"]) == [r.id for r in validation.run_all()]
    assert set(table["Result"]) == {"✓ pass"}  # a word and a symbol
    assert {"Published value", "Model value", "Accepted range", "Source"} <= set(table.columns)


def test_about_page_parameter_table_has_kamp_clearance(about):
    tables = [t.value for t in about.table[:-1]]
    assert len(tables) == 8  # two PK sets + one per other stage
    racemic = tables[0]
    row = racemic[racemic["Name in code"] == "clearance"].iloc[0]
    assert row["Value"] == "18.9"
    assert row["Unit"] == "mL/min/kg"
    assert "Kamp 2020" in row["Source"]
    assert row["Basis"] == "published"
    assert row["Allowed range"] == "5 to 40"


def test_about_page_marks_illustrative_parameters(about):
    circuit_table = about.table[3].value
    assert set(circuit_table["Basis"]) == {"✎ chosen for illustration"}
    assert "-" not in set(circuit_table["Unit"]), "a bare '-' renders as a bullet"
    assert "none" in set(circuit_table["Unit"])
    receptor_table = about.table[2].value
    ic50 = receptor_table.set_index("Name in code").loc["ic50_pyramidal"]
    assert ic50["Basis"] == "✎ chosen for illustration"
    assert receptor_table.set_index("Name in code").loc["ic50_interneuron", "Basis"] == (
        "published")
    assert ic50["Unit"] == "µM"


def test_about_page_lists_what_is_left_out(about):
    text = all_text(about)
    assert "What is left out" in [h.value for h in about.header]
    left_out = next(m.value for m in about.markdown if m.value.startswith("- **From a dose"))
    assert "Spiking, gamma oscillations" in left_out  # circuit card
    assert "Placebo and expectancy responses" in left_out  # population card
    assert "[8]" not in left_out, "the cards' reference numbers make no sense out of context"
    assert "not a validated clinical measure" in text


# --- Glossary -----------------------------------------------------------------------------

def glossary_terms() -> list[str]:
    return [e["term"] for e in yaml.safe_load(GLOSSARY_YAML.read_text(encoding="utf-8"))]


def shown_terms(app: AppTest) -> list[str]:
    return [m.value.split("**")[1] for m in app.markdown if m.value.startswith("**")]


def test_glossary_file_is_a_list_of_plain_one_sentence_definitions():
    data = yaml.safe_load(GLOSSARY_YAML.read_text(encoding="utf-8"))
    assert len(data) >= 20
    for entry in data:
        assert set(entry) == {"term", "definition"}
        definition = entry["definition"]
        assert definition.endswith(".") and definition.count(". ") == 0, entry["term"]
        assert len(definition.split()) <= 35, entry["term"]
    terms = [e["term"].casefold() for e in data]
    for needed in ("nmda receptor", "bdnf", "half-life", "esketamine", "inverted u",
                   "hydroxynorketamine (hnk)", "micromolar (µm)"):
        assert needed.casefold() in terms


def test_glossary_page_lists_every_term_alphabetically():
    app = page(GLOSSARY)
    assert not app.exception
    assert app.title[0].value == "Glossary"
    assert "Conceptual teaching model" in app.warning[0].value
    shown = shown_terms(app)
    assert sorted(shown) == sorted(glossary_terms())
    assert shown == sorted(shown, key=str.casefold)


def test_glossary_search_filters():
    app = page(GLOSSARY)
    app.text_input(key="q").input("receptor").run()
    shown = shown_terms(app)
    assert "NMDA receptor" in shown and "AMPA receptor" in shown
    assert "Half-life" not in shown
    assert 2 <= len(shown) < len(glossary_terms())
    assert f"Showing {len(shown)} of {len(glossary_terms())}" in app.caption[0].value
    app.text_input(key="q").input("zzzz-no-such-word").run()
    assert shown_terms(app) == [] and "No term matches" in app.info[0].value


def test_glossary_search_comes_from_the_link():
    app = page(GLOSSARY, q="GABA")
    assert not app.exception
    assert shown_terms(app)[0] == "GABA"
    assert "Pyramidal cell" not in shown_terms(app)


@pytest.mark.parametrize("content", [None, "term: not a list\n", "- [unclosed\n",
                                     "- term: BDNF\n", "[]\n"])
def test_glossary_problems_show_a_clear_error_not_a_traceback(tmp_path, content):
    source = Path(GLOSSARY).read_text(encoding="utf-8")
    original = "entries = load_glossary()"
    assert original in source, "the page must read explainers/glossary.yaml"
    broken = tmp_path / "glossary.yaml"
    if content is not None:
        broken.write_text(content, encoding="utf-8")
    swapped = f"entries = load_glossary({str(broken)!r})"
    app = AppTest.from_string(source.replace(original, swapped), default_timeout=60).run()
    assert not app.exception
    assert app.error and "The glossary cannot be shown" in app.error[0].value
    assert shown_terms(app) == []
