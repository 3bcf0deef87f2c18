"""What a slider move sends to the browser: the part of the page that depends on the slider
(its fragment), not the controls around it. Every element sent is work for the server and for
the browser, so these pages keep their less-used choices outside the slider's fragment."""

from __future__ import annotations

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from .e2e_helpers import SLIDER_PAGES, open_page, slider, wait_rerun

CASES = {  # page: (a control that must not be sent again, one that must)
    "story": ("Scenario A: published dose", "Difference B − A of"),
    "growth": ("Published dose", "Compare the three ideas on"),
}


def labels_sent(frames: list[bytes]) -> dict[str, list[str]]:
    """The labels of the select boxes and sliders in these messages, by kind."""
    sent: dict[str, list[str]] = {"selectbox": [], "slider": []}
    for frame in frames:
        msg = ForwardMsg()
        msg.ParseFromString(frame)
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            continue
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind in sent:
            sent[kind].append(getattr(element, kind).label)
    return sent


@pytest.mark.parametrize("path", CASES)
def test_a_slider_move_sends_its_fragment_and_not_the_choices_around_it(page, app_url, path):
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: frames.append(payload)
        if isinstance(payload, bytes) else None))
    open_page(page, app_url, path)
    moved = slider(page, SLIDER_PAGES[path])
    moved.focus()
    frames.clear()
    moved.press("ArrowRight")
    wait_rerun(page)

    sent = labels_sent(frames)
    kept, redrawn = CASES[path]
    assert SLIDER_PAGES[path] in sent["slider"], "the moved slider's own part was not sent"
    assert redrawn in sent["selectbox"], f"{redrawn!r}, inside the slider's part, was not sent"
    assert kept not in sent["selectbox"], f"{kept!r} was sent again for a slider move"
    assert not page.errors
