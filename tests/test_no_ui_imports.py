"""The layers below the app never import the user-interface libraries (design.md, Layout):
sim/ (pure science) imports neither Streamlit nor Plotly, figures/ (results to Plotly figure
dicts) never Streamlit, and content/ (the app's words as data) neither."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SIM = ROOT / "sim"
FIGURES = ROOT / "figures"
CONTENT = ROOT / "content"
UI_LIBRARIES = {"streamlit", "plotly"}


def ui_imports(source: str, filename: str = "<string>",
               libraries: set[str] = UI_LIBRARIES) -> list[str]:
    """`file:line name` for every import whose top-level package is one of ``libraries``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{filename}:{node.lineno} {n}" for n in names
                  if n.split(".")[0] in libraries]
    return found


SIM_FILES = sorted(SIM.rglob("*.py"))
FIGURE_FILES = sorted(FIGURES.rglob("*.py"))
CONTENT_FILES = sorted(CONTENT.rglob("*.py"))


def test_sim_has_python_files():
    """Guard: the scan below sees the package (an empty list would pass vacuously)."""
    names = {p.name for p in SIM_FILES}
    assert {"__init__.py", "__main__.py", "cascade.py"} <= names


@pytest.mark.parametrize("path", SIM_FILES, ids=lambda p: str(p.relative_to(SIM)))
def test_no_streamlit_or_plotly_in_sim(path):
    """No `import streamlit/plotly[...]` or `from streamlit/plotly[...] import` in sim/."""
    assert ui_imports(path.read_text(encoding="utf-8"), str(path)) == []


def test_figures_and_content_have_python_files():
    """Guard: the scans below see both packages (an empty list would pass vacuously)."""
    assert {"__init__.py", "style.py", "dose.py", "receptor.py", "glutamate.py", "growth.py",
            "story.py"} <= {p.name for p in FIGURE_FILES}
    assert (FIGURES / "synapse" / "__init__.py") in FIGURE_FILES
    assert {"__init__.py", "__main__.py", "explainers.py", "citations.py", "worksheets.py",
            "tour.py"} <= {p.name for p in CONTENT_FILES}


@pytest.mark.parametrize("path", FIGURE_FILES, ids=lambda p: str(p.relative_to(FIGURES)))
def test_no_streamlit_in_figures(path):
    """figures/ builds Plotly figure dicts; Streamlit draws them, in ui/ only."""
    assert ui_imports(path.read_text(encoding="utf-8"), str(path), {"streamlit"}) == []


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_no_streamlit_or_plotly_in_content(path):
    """content/ reads, checks and renders words: no Streamlit, no Plotly."""
    assert ui_imports(path.read_text(encoding="utf-8"), str(path)) == []


def test_importing_sim_figures_and_content_loads_no_streamlit():
    """Nor through anything they import (content/worksheets.py builds its links with
    content/urls.py, not ui/links.py)."""
    modules = sorted({".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(
        ".__init__") for p in (*SIM_FILES, *FIGURE_FILES, *CONTENT_FILES)
        if p.name != "__main__.py"})
    code = (f"import importlib, sys; [importlib.import_module(m) for m in {modules!r}]; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
    assert len(modules) > 30


@pytest.mark.parametrize("source", [
    "import streamlit as st",
    "import numpy, plotly.graph_objects as go",
    "from plotly import express",
    "from streamlit.testing.v1 import AppTest",
    "def f():\n    import streamlit\n",
])
def test_checker_catches_ui_imports(source):
    """Negative control: the checker reports a UI import wherever it is written."""
    assert len(ui_imports(source)) == 1


@pytest.mark.parametrize(("source", "found"), [
    ("import plotly.graph_objects as go", 0),
    ("from plotly.subplots import make_subplots", 0),
    ("import streamlit as st", 1),
    ("from streamlit.components.v1 import html", 1),
])
def test_the_figures_check_allows_plotly_only(source, found):
    """Negative control for figures/: Plotly passes, Streamlit is reported."""
    assert len(ui_imports(source, libraries={"streamlit"})) == found


@pytest.mark.parametrize("source", [
    "import numpy as np",
    "from sim import plotting_helpers",
    "import streamlit_like_name",
    "from . import plotly",
    "text = 'import streamlit'",
])
def test_checker_ignores_other_imports(source):
    """The checker matches top-level package names, not substrings or relative imports."""
    assert ui_imports(source) == []
