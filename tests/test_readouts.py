"""The numbers shown beside a chart (ui/readouts.py): one element, read as label and value."""

from __future__ import annotations

from helpers import READOUT

from ui.readouts import readouts_html


def test_each_label_comes_before_its_value_in_one_definition_list():
    html = readouts_html([("Peak plasma level", "188 ng/mL"), ("Time to peak", "40 min")])
    assert html.count("<dl") == 1 and html.count("<dt") == 2 and html.count("<dd") == 2
    assert READOUT.findall(html) == [("Peak plasma level", "188 ng/mL"),
                                     ("Time to peak", "40 min")]
    assert "<p" not in html, "no note unless one is given"


def test_text_is_escaped_and_a_note_follows_the_list():
    html = readouts_html([("Current free of Mg²⁺ block at -70 mV", "<5 %")], "1 = baseline & more")
    assert READOUT.findall(html) == [("Current free of Mg²⁺ block at -70 mV", "&lt;5 %")]
    assert html.endswith("1 = baseline &amp; more</p>")
