"""README's "Where things are" names real paths, so the map cannot drift from the tree."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTION = ROOT.joinpath("README.md").read_text(encoding="utf-8").split(
    "## Where things are", 1)[1].split("\n## ", 1)[0]
PATHS = sorted({p for p in re.findall(r"`([\w./-]+)`", SECTION)
                if "/" in p or p.endswith(".py")} - {"app/static/"})


def test_the_map_names_the_layers():
    assert {"sim/", "figures/", "content/", "ui/", "ui/assets/", "figures/dose.py",
            "pages.py", "tests/e2e/"} <= set(PATHS)


def test_every_path_in_the_map_exists():
    """A bare file name in a row is looked up in the folder the row is about."""
    missing = [p for p in PATHS if not (ROOT / p).exists()
               and not any((ROOT / folder / p).exists()
                           for folder in ("sim", "figures", "content", "ui", "deploy",
                                          "benchmarks", "docs"))]
    assert not missing, missing
