"""Live while dragging (issue 21): the frames a page sends for its main control are the
charts, numbers and descriptions the page itself draws at those values."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import charts, families, open_page, readouts, values

from content import pages
from figures.family import Member, family, layout_family
from figures.glutamate import SCREEN_LEVELS, level_label
from figures.style import PlainFigure

DOSE, GLUTAMATE, GROWTH, RECEPTOR, STORY = (pages.file(p) for p in (
    "dose", "glutamate", "growth", "receptor", "story"))


def figure(ys: list[float], title: str = "t", shapes: tuple = ()) -> PlainFigure:
    return PlainFigure({"data": [{"type": "scatter", "x": [0, 1, 2], "y": ys, "name": "a"},
                                 {"type": "scatter", "x": [0, 1], "y": [5, 5], "name": "b"}],
                        "layout": {"title": {"text": title}, "shapes": list(shapes)}})


def test_a_family_keeps_only_what_differs_between_its_frames():
    made = family("dose", ["1", "2"], [1.0, 2.0],
                  [Member(figure([1, 2, 3], "one"), "first", ("1 mg",)),
                   Member(figure([2, 4, 6], "two"), "second", ("2 mg",))])
    assert made["labels"] == ["1", "2"] and made["values"] == [1.0, 2.0]
    first, second = made["frames"]
    assert first["data"] == {"0": {"y": [1, 2, 3]}}, "trace 1 never changes: not sent"
    assert second["layout"] == {"title": {"text": "two"}}
    assert (first["alt"], second["readouts"]) == ("first", ["2 mg"])


def test_a_value_the_model_does_not_cover_is_a_frame_that_says_so():
    made = family("dose", ["1", "2"], [1.0, 2.0],
                  [Member(figure([1, 2, 3]), "fine"), Member(None, "use at least 20 minutes")])
    assert made["frames"][1] == {"alt": "use at least 20 minutes", "readouts": [],
                                 "problem": True}
    with pytest.raises(ValueError, match="at least one figure"):
        family("dose", ["1"], [1.0], [Member(None, "no")])
    with pytest.raises(ValueError, match="one label"):
        family("dose", ["1", "2"], [1.0], [Member(figure([1, 2, 3]), "a")])


def test_numbers_in_frames_keep_three_significant_digits():
    made = family("x", ["a", "b"], [0, 1], [Member(figure([1.23456, 2, 3]), "a"),
                                             Member(figure([2, 3, 0.000123456]), "b")])
    assert made["frames"][0]["data"]["0"]["y"][0] == 1.23
    assert made["frames"][1]["data"]["0"]["y"][2] == 0.000123


def test_a_layout_family_moves_a_cursor_only():
    made = layout_family("time", ["1 h", "2 h"], [1, 2],
                         [{"shapes": [{"x0": 1}]}, {"shapes": [{"x0": 2}]}], ["d", "d"])
    assert [f["layout"]["shapes"][0]["x0"] for f in made["frames"]] == [1, 2]
    assert all(f["data"] == {} for f in made["frames"])


def frame_at(app, chart: str, label: str) -> dict:
    sent = families(app)[chart]
    return sent["frames"][sent["labels"].index(label)]


def first_readouts(app, count: int) -> list[str]:
    """The values of the page's first group of key numbers (the play area's)."""
    return list(readouts(app).values())[:count]


def assert_frame_draws(frame: dict, drawn: dict) -> None:
    """The frame's traces are the drawn figure's, to the three digits a frame keeps."""
    for index, patch in frame.get("data", {}).items():
        for key, value in patch.items():
            if key in ("x", "y"):
                expected = values(drawn["data"][int(index)][key])
                np.testing.assert_allclose(np.asarray(value, dtype=float), expected,
                                           rtol=5e-3, atol=1e-9)


@pytest.mark.parametrize("dose", ["0.25", "1.00", "2.00"])
def test_the_dose_family_is_what_the_dose_page_draws(dose):
    """The frame a drag shows at a dose is the chart and numbers the server sends on release."""
    app = open_page(DOSE)
    frame = frame_at(app, "levels", dose)
    released = open_page(DOSE, dose=dose)
    assert frame["readouts"] == list(readouts(released).values())
    assert_frame_draws(frame, charts(released)[0])
    assert frame["alt"] in "\n".join(c.value for c in released.caption)
    assert families(app)["levels"]["labels"][0] == "0.05", "the slider's own text"


def test_a_dose_the_model_does_not_cover_says_what_to_change():
    app = open_page(DOSE, minutes="10")
    frame = frame_at(app, "levels", "2.00")
    assert frame.get("problem") and "at 2 mg/kg, use at least 20 minutes" in frame["alt"]
    assert "ug" not in frame["alt"], "units as people write them (µg)"


def test_the_glutamate_screen_has_a_frame_per_level_on_its_slider():
    app = open_page(GLUTAMATE)
    sent = families(app)["surge_screen"]
    assert sent["labels"] == [level_label(v) for v in SCREEN_LEVELS]
    released = open_page(GLUTAMATE, level="10 µM")
    frame = frame_at(app, "surge_screen", "10 µM")
    assert frame["readouts"] == first_readouts(released, len(frame["readouts"]))


def test_the_receptor_and_growth_families_follow_their_sliders():
    frame = frame_at(open_page(RECEPTOR), "block", "9.30")
    assert frame["readouts"] == first_readouts(open_page(RECEPTOR, level="9.3"), 3)
    growth = open_page(GROWTH)
    assert set(families(growth)) == {"growth", "hypotheses"}
    assert all(f["control"] == "stress" for f in families(growth).values())


def test_the_story_shares_one_clock():
    """Play and the time slider step the picture and the cursors of the charts together."""
    app = open_page(STORY)
    sent = families(app)
    assert {"synapse", "story", "difference"} <= set(sent)
    options = list(app.select_slider(key="time").options)
    for chart in ("synapse", "story", "difference"):
        assert sent[chart]["control"] == "time" and sent[chart]["labels"] == options
    step = options.index("1 day")
    moved = open_page(STORY, time="1 day")
    cursor = next(c for c in charts(moved) if "from minutes to weeks" in
                  c["layout"]["title"]["text"])["layout"]["shapes"][-1]
    assert sent["story"]["frames"][step]["layout"]["shapes"][-1]["x0"] == pytest.approx(
        cursor["x0"], rel=5e-3)
