"""The charts' line colours (figures/style.py): 3:1 against the chart's white (WCAG 1.4.11,
non-text contrast: a line that carries meaning is a graphical object), and still told apart by
readers with colour-blindness.

Contrast is WCAG's relative-luminance ratio. Colour-blind vision is simulated with Machado,
Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color vision
deficiency", IEEE TVCG 15(6):1291-1298, at severity 1.0 (protanopia, deuteranopia,
tritanopia), applied to linear sRGB; distance is CIEDE2000 in CIELAB (D65).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from figures.style import OKABE_ITO, baseline_line, line

CHART_BACKGROUND = "#FFFFFF"  # ui/live_chart.py draws every chart's paper and plot in white
NON_TEXT_CONTRAST = 3.0  # WCAG 2.2, 1.4.11
ORIGINAL = {"orange": "#E69F00", "sky blue": "#56B4E9", "vermillion": "#D55E00"}  # Okabe-Ito's

# Machado et al. (2009), Table 2, severity 1.0; rows act on linear (R, G, B).
VISION = {
    "typical": np.eye(3),
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                        [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                        [0.004733, 0.691367, 0.303900]]),
}
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                        [0.0193, 0.1192, 0.9505]])

# Lines drawn on the same chart (indices into OKABE_ITO), where:
DRAWN_TOGETHER = {
    (0, 1): "receptor block and Mg charts; story, scenario A and B",
    (0, 5): "story's NMDA panel: scenario A, interneurons and pyramidal cells",
    (1, 4): "story's NMDA panel, scenario B; receptor's Mg chart (the resting line)",
    (4, 5): "story's NMDA panel; the synapse picture's block panel",
    (0, 4): "story's NMDA panel; receptor's Mg chart",
    (1, 5): "story's NMDA panel",
    (0, 2): "glutamate and growth charts (three traces)", (1, 2): "glutamate and growth charts",
    (0, 3): "glutamate's inverted U (the anaesthesia plateau); synapse picture",
    (1, 3): "glutamate's inverted U", (2, 3): "glutamate's inverted U; synapse picture",
    (0, 6): "receptor charts (the chosen level)", (1, 6): "receptor charts",
    (4, 6): "receptor's Mg chart",
}
# Okabe-Ito's own closest pairs drawn together are 12.2 (blue and purple, protan), 12.4 (blue
# and green, tritan) and 12.5 (orange and vermillion, deutan) apart: with the darker shades no
# pair drawn together is closer than 12 (orange and vermillion are 13.2). Any two of the
# palette at least 7, plain at a glance for lines side by side (and each line has its own
# dash pattern as well).
TOGETHER_AT_LEAST = 12.0
ANY_PAIR_AT_LEAST = 7.0


def linear(hex_colour: str) -> np.ndarray:
    value = np.array([int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)])
    return np.where(value <= 0.04045, value / 12.92, ((value + 0.055) / 1.055) ** 2.4)


def contrast(a: str, b: str = CHART_BACKGROUND) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    la, lb = (float(linear(c) @ [0.2126, 0.7152, 0.0722]) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def lab(rgb_linear: np.ndarray) -> tuple[float, float, float]:
    white = SRGB_TO_XYZ @ np.ones(3)
    xyz = SRGB_TO_XYZ @ np.clip(rgb_linear, 0, 1) / white
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def ciede2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005, eqs. 1-22; kL = kC = kH = 1)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = (math.degrees(math.atan2(b, a)) % 360 for a, b in ((a1, b1), (a2, b2)))
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    d_l, d_c = l2 - l1, c2 - c1
    d_h = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6))
         - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_mean, 1 + 0.015 * c_mean * t
    r_t = (-2 * math.sqrt(c_mean**7 / (c_mean**7 + 25**7))
           * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2)))))
    return math.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2
                     + r_t * (d_c / s_c) * (d_h / s_h))


def seen_apart(a: str, b: str) -> float:
    """The smallest CIEDE2000 distance of two colours across the four kinds of vision."""
    return min(ciede2000(lab(m @ linear(a)), lab(m @ linear(b))) for m in VISION.values())


def line_colours() -> dict[str, str]:
    """Every line colour figures/style.py draws: the palette (through line()) and the dotted
    reference line."""
    colours = {f"line {i}": line([0, 1], [0, 1], "x", i)["line"]["color"]
               for i in range(len(OKABE_ITO))}
    colours["reference line"] = baseline_line(1.0, "baseline")["line"]["color"]
    return colours


def test_the_ciede2000_implementation_matches_published_pairs():
    """Sharma, Wu & Dalal (2005), Table 1, pairs 1, 7, 17 and 25 (to 4 decimals)."""
    pairs = [((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
             ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
             ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
             ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644)]
    for one, two, expected in pairs:
        assert ciede2000(one, two) == pytest.approx(expected, abs=1e-4)


def test_contrast_matches_wcag_examples():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the classic AA grey


@pytest.mark.parametrize("name", list(line_colours()))
def test_every_line_colour_is_3_to_1_on_the_chart_background(name):
    colour = line_colours()[name]
    assert contrast(colour) >= NON_TEXT_CONTRAST, (
        f"{name} {colour} is {contrast(colour):.2f}:1 on {CHART_BACKGROUND}")


def test_the_original_light_shades_would_fail():
    """The check can fail: Okabe-Ito's own orange and sky blue are 2.25:1 and 2.31:1."""
    assert contrast(ORIGINAL["orange"]) == pytest.approx(2.25, abs=0.01)
    assert contrast(ORIGINAL["sky blue"]) == pytest.approx(2.31, abs=0.01)
    assert max(contrast(c) for c in ORIGINAL.values()) >= NON_TEXT_CONTRAST  # vermillion
    assert sum(contrast(c) < NON_TEXT_CONTRAST for c in ORIGINAL.values()) == 2


def test_the_darker_shades_keep_their_hues():
    """A darker shade of the same hue: CIELAB hue angle within 1 degree of Okabe-Ito's."""
    for name, new in (("orange", OKABE_ITO[4]), ("sky blue", OKABE_ITO[5]),
                      ("vermillion", OKABE_ITO[1])):
        (l_old, *ab_old), (l_new, *ab_new) = lab(linear(ORIGINAL[name])), lab(linear(new))
        hue_old, hue_new = (math.degrees(math.atan2(b, a)) for a, b in (ab_old, ab_new))
        assert abs(hue_new - hue_old) < 1.0, name
        assert l_new < l_old, name


@pytest.mark.parametrize("pair", list(DRAWN_TOGETHER), ids=str)
def test_lines_drawn_together_stay_apart_for_colour_blind_readers(pair):
    a, b = (OKABE_ITO[i] for i in pair)
    assert seen_apart(a, b) >= TOGETHER_AT_LEAST, (
        f"{a} and {b} ({DRAWN_TOGETHER[pair]}) are {seen_apart(a, b):.1f} apart")


def test_any_two_palette_colours_stay_apart():
    for a, b in itertools.combinations(OKABE_ITO, 2):
        assert seen_apart(a, b) >= ANY_PAIR_AT_LEAST, (a, b, seen_apart(a, b))


def test_darkening_orange_alone_would_fail_for_deuteranopes():
    """The check can fail: orange darkened to 3:1 beside the original vermillion is 4.5 apart
    for a deuteranope (both look the same brownish yellow), which is why vermillion is darker
    too."""
    assert seen_apart(OKABE_ITO[4], ORIGINAL["vermillion"]) < TOGETHER_AT_LEAST / 2
    assert seen_apart(ORIGINAL["orange"], ORIGINAL["vermillion"]) >= TOGETHER_AT_LEAST
