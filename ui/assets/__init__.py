"""The app's web assets as files: the chart component's JavaScript and CSS, the presenter and
controls CSS. Python reads them by name at import."""

from pathlib import Path

ASSETS = Path(__file__).resolve().parent


def asset(name: str) -> str:
    """The text of a file here (several lines: Streamlit takes one line with "/" or "[" in it
    for a file's name)."""
    return (ASSETS / name).read_text(encoding="utf-8")
