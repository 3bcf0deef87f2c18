"""About the models: each stage's model card and parameter table, and the live validation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

import streamlit as st

from content import explainers, pages
from sim import acute, cascade, circuit, params, pk, plasticity, population, receptor, validation
from sim.params import ParamInfo, describe
from ui import controls


@dataclass(frozen=True)
class Stage:
    title: str
    module: ModuleType
    params: tuple[type, ...]


STAGES = (
    Stage("1. From a dose to blood and brain levels (pharmacokinetics)", pk,
          (pk.RacemicPK, pk.EsketaminePK)),
    Stage("2. NMDA receptor block", receptor, (receptor.ReceptorParams,)),
    Stage("3. The brain circuit and the glutamate surge", circuit, (circuit.CircuitParams,)),
    Stage("4. BDNF, synaptic proteins and new spines", plasticity,
          (plasticity.PlasticityParams,)),
    Stage("5. Acute effects: dissociation, blood pressure and sedation", acute,
          (acute.AcuteParams,)),
    Stage("6. The whole chain and the relief index", cascade, (cascade.ReliefParams,)),
    Stage("7. The virtual population", population, (population.PopulationParams,)),
)

PASS, FAIL = "✓ pass", "✗ miss"
BASIS_WORDS = {  # declared with each parameter (sim.params), never guessed from its source
    params.PUBLISHED: "published",
    params.FITTED: "fitted to published data",
    params.ILLUSTRATIVE: "✎ chosen for illustration",
}
PUBLISHED, FITTED, ILLUSTRATION = (BASIS_WORDS[b] for b in params.BASES)


# --- model cards: numpydoc-style docstrings -> readable Markdown --------------------------

_EMPHASIS = re.compile(r"\*\*[^*\n]+?\*\*|(?<![\w*])\*[A-Za-z][^*\n]*?[A-Za-z]\*(?![\w*])")


def _escape_prose(text: str) -> str:
    """Escape Markdown characters, keeping the cards' own *emphasis* and **bold**."""
    kept = _EMPHASIS.findall(text)
    pieces = _EMPHASIS.split(text)
    pieces = [re.sub(r"([*_~$<>#|\[\]])", r"\\\1", piece) for piece in pieces]
    out = pieces[0] + "".join(k + p for k, p in zip(kept, pieces[1:], strict=True))
    return re.sub(r"\buM\b", "µM", out)


def _escape(text: str) -> str:
    """Escape Markdown outside code spans (odd-numbered parts between backticks)."""
    parts = text.split("`")
    return "`".join(_escape_prose(p) if i % 2 == 0 else p for i, p in enumerate(parts))


def _tidy(text: str) -> str:
    """RST roles and double backticks -> Markdown code spans."""
    text = re.sub(r":\w+:`([^`]+)`", r"`\1`", text)
    return text.replace("``", "`")


def _paragraphs(doc: str) -> list[list[str]]:
    blocks, current = [], []
    for line in doc.strip("\n").splitlines():
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


_ITEM = re.compile(r"^(\d+\.|\*)\s")


def model_card_markdown(doc: str) -> str:
    """A module docstring (model card) as Markdown: headings, prose, lists, equation blocks."""
    out = []
    for block in _paragraphs(doc):
        if len(block) >= 2 and set(block[1].strip()) == {"-"}:  # "Heading\n-------"
            out.append(f"**{_escape(block[0].strip())}**")
            block = block[2:]
            if not block:
                continue
        if all(line.startswith("    ") for line in block):  # an equation block
            body = "\n".join(line[4:] for line in block)
            out.append(f"```text\n{body.replace('uM', 'µM')}\n```")
        elif _ITEM.match(block[0]):
            items: list[str] = []
            for line in block:
                if _ITEM.match(line) or not items:
                    items.append(line.strip())
                else:
                    items[-1] += " " + line.strip()
            out.append("\n".join(
                "- " + _escape(_tidy(i[2:])) if i.startswith("* ") else _escape(_tidy(i))
                for i in items))
        else:
            out.append(_escape(_tidy(" ".join(line.strip() for line in block))))
    return "\n\n".join(out)


_LEFT_OUT = re.compile(r"left out:|leaves out", re.IGNORECASE)
_CITE = re.compile(r"\s*\[\d+(?:[-, ]+\d+)*\]")


def left_out(doc: str) -> str | None:
    """The model card's "left out" statement, as one sentence or list, if it has one."""
    for block in _paragraphs(doc):
        text = " ".join(line.strip() for line in block)
        match = _LEFT_OUT.search(text)
        if not match:
            continue
        rest = _CITE.sub("", text[match.end():]).strip()  # the card's numbered references
        return rest[:1].upper() + rest[1:]
    return None


# --- tables -------------------------------------------------------------------------------

def _number(x: float) -> str:
    return f"{x:g}"


def _cell(text: str) -> str:
    """Table cells are Markdown too: no list markers ("-" alone became a bullet), no
    strikethrough from a pair of "~". Micromolar is written µM, as people read it."""
    text = re.sub(r"\buM\b", "µM", "none" if text == "-" else text)
    return re.sub(r"^([-+*]|\d+\.)(\s|$)", r"\\\1\2", text).replace("~", "\\~")


def _cells(table: dict[str, list[str]]) -> dict[str, list[str]]:
    return {column: [_cell(v) for v in values] for column, values in table.items()}


def basis(info: ParamInfo) -> str:
    """Where a number comes from, as the parameter declares it; a fitted one names the
    validation facts it was tuned to."""
    words = BASIS_WORDS[info.basis]
    return f"{words} ({', '.join(info.fitted_to)})" if info.fitted_to else words


def parameter_table(params_cls: type) -> dict[str, list[str]]:
    infos = describe(params_cls)
    return _cells({
        "Parameter": [i.label for i in infos],
        "Name in code": [i.name for i in infos],
        "Value": [_number(i.default) for i in infos],
        "Unit": [i.unit for i in infos],
        "Allowed range": [f"{_number(i.min)} to {_number(i.max)}" for i in infos],
        "Step": [_number(i.step) for i in infos],
        "Basis": [basis(i) for i in infos],
        "Source": [i.source for i in infos],
    })


def validation_table(rows: list[validation.Row]) -> dict[str, list[str]]:
    table = {
        "Id": [r.id for r in rows],
        "Published fact": [r.statement for r in rows],
        "Source": [r.citation for r in rows],
        "Published value": [r.published for r in rows],
        "Model value": [r.model for r in rows],
        "Accepted range": [r.tolerance for r in rows],
        "Result": [PASS if r.passed else FAIL for r in rows],
    }
    if any(r.kind == validation.CALIBRATION for r in rows):
        table["Tuned to hit it"] = [r.tuned for r in rows]
    if any(not r.passed for r in rows):
        table["Why it misses"] = [r.why_missed or "-" for r in rows]
    return _cells(table)


# --- the page -----------------------------------------------------------------------------

controls.page_start(pages.page("about").title, [])
st.markdown(
    "The explorer is a chain of small models, one per step from a dose to a change in mood. "
    "Each one is simplified on purpose. Below, each step shows its **model card** (what it "
    "models, its equations, what it assumes and leaves out, and its references) and every "
    "number it uses, with its unit and where the number comes from. Numbers marked "
    "*chosen for illustration* are not measured: they were picked so the model shows the "
    "right shape. Numbers *fitted to published data* were tuned so the model reproduces a "
    "published measurement. At the end, the whole chain is checked against published "
    "measurements."
)

st.header("The models, step by step")
for stage in STAGES:
    with st.expander(stage.title):
        st.markdown(model_card_markdown(stage.module.__doc__ or ""))
        for params_cls in stage.params:
            kinds = [basis(i) for i in describe(params_cls)]
            st.markdown(f"**Parameters: {params_cls.__name__}** — {len(kinds)} numbers: "
                        f"{kinds.count(PUBLISHED)} published, {kinds.count(FITTED)} fitted to "
                        f"published data, {kinds.count(ILLUSTRATION)} chosen for illustration")
            st.table(parameter_table(params_cls), hide_index=True)

st.header("Checked against published facts")
rows = validation.run_all()
independent = [r for r in rows if r.kind == validation.INDEPENDENT]
calibration = [r for r in rows if r.kind == validation.CALIBRATION]
line = validation.summary(rows)
if all(r.passed for r in independent):
    st.success(line, icon=":material/check_circle:")
else:
    st.warning(line, icon=":material/rule:")
st.markdown(
    "Only the **independent checks** are evidence: nothing in the model was tuned to them. "
    "A miss is shown as a miss, with what we know about why. The **calibration targets** "
    "come after: a number in the model was chosen to hit each one (the table names it), so "
    "hitting them shows the tuning worked, not that the model is right. The facts come from "
    "people except the inverted U (T8) and the spines (T14), from rats and mice. Model "
    "values are computed live from the same models the other pages use. Passing means the "
    "teaching model is consistent with these numbers, not that it predicts what happens to "
    "any one person."
)
st.subheader(f"Independent checks: {sum(r.passed for r in independent)} of "
             f"{len(independent)} pass")
st.table(validation_table(independent), hide_index=True)
st.subheader(f"Calibration targets (tuned to, not evidence): {len(calibration)}")
st.table(validation_table(calibration), hide_index=True)

st.header("What is left out")
st.markdown("Every model leaves things out. In each model card's own words:")
gaps = [
    f"- **{stage.title.split('. ', 1)[1]}:** {_escape(_tidy(text))}"
    for stage in STAGES if (text := left_out(stage.module.__doc__ or ""))
]
gaps.append("- **The relief index:** it is illustrative, not a validated clinical measure "
            "(the whole-chain model card), so no number on these pages describes a real person.")
st.markdown("\n".join(gaps))

st.header("Report an error")
st.markdown(explainers.report_an_error())
