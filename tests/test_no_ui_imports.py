"""sim/ is pure science: it never imports the user-interface libraries (design.md, Layout)."""

import ast
from pathlib import Path

import pytest

SIM = Path(__file__).resolve().parents[1] / "sim"
UI_LIBRARIES = {"streamlit", "plotly"}


def ui_imports(source: str, filename: str = "<string>") -> list[str]:
    """`file:line name` for every import whose top-level package is a UI library."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{filename}:{node.lineno} {n}" for n in names
                  if n.split(".")[0] in UI_LIBRARIES]
    return found


SIM_FILES = sorted(SIM.rglob("*.py"))


def test_sim_has_python_files():
    """Guard: the scan below sees the package (an empty list would pass vacuously)."""
    names = {p.name for p in SIM_FILES}
    assert {"__init__.py", "__main__.py", "cascade.py"} <= names


@pytest.mark.parametrize("path", SIM_FILES, ids=lambda p: str(p.relative_to(SIM)))
def test_no_streamlit_or_plotly_in_sim(path):
    """No `import streamlit/plotly[...]` or `from streamlit/plotly[...] import` in sim/."""
    assert ui_imports(path.read_text(encoding="utf-8"), str(path)) == []


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
