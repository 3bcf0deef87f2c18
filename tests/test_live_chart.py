"""The chart component's Python side: what it sends, and plotly.js put where it is served."""

from __future__ import annotations

import json
import tomllib

import plotly.graph_objects as go
from helpers import charts, open_page, sent_charts

from content import pages
from figures import dose, glutamate, growth, levels, receptor
from figures.style import PlainFigure
from ui import live_chart


def test_styled_adds_streamlits_look_and_a_bold_title_once():
    spec = {"data": [], "layout": {"title": {"text": "Levels"}, "height": 300}}
    styled = live_chart.styled(spec)
    assert styled["layout"]["template"] == {"layout": live_chart.LOOK}
    assert styled["layout"]["title"]["text"] == "<b>Levels</b>"
    assert live_chart.styled(styled)["layout"]["title"]["text"] == "<b>Levels</b>"
    assert spec["layout"] == {"title": {"text": "Levels"}, "height": 300}, "input untouched"
    go.Figure(styled)  # Plotly accepts the template


def test_every_page_chart_is_sent_with_its_description():
    app = open_page(pages.file("receptor"))
    sent = sent_charts(app)
    assert len(sent) == len(charts(app)) == 2
    for data, figure in zip(sent, charts(app), strict=True):
        keys = {"figure", "height", "alt", "credit", "key"} | (
            {"live"} if "live" in data else set())
        assert set(data) == keys, "strings only (see live_chart)"
        assert figure["config"] == live_chart.CONFIG
        assert data["height"] == str(figure["layout"]["height"])
        assert len(data["alt"]) > 20 and any(data["alt"] in c.value for c in app.caption)
    assert [data.get("live") for data in sent] == ["block", None], "the block chart follows "\
        "the level slider while it is dragged; the Mg²⁺ chart does not"


def test_a_big_figure_travels_deflated_and_unpacks_to_the_same_json():
    points = [float(i) for i in range(8000)]  # about 100 KB of JSON
    big = go.Figure(go.Scatter(x=points, y=points[::-1]))
    data = live_chart.chart_data(big, "a long line")
    assert set(data) == {"packed", "height", "alt", "credit"}, "strings only, the JSON packed"
    assert len(data["packed"]) < len(live_chart.figure_json(big)), "deflated"
    assert live_chart.sent_figure(data) == json.loads(live_chart.figure_json(big))
    assert data["height"] == str(live_chart.DEFAULT_HEIGHT), "Plotly's, as the figure has none"
    small = go.Figure(go.Scatter(x=points[:10], y=points[:10]), layout={"height": 300})
    assert live_chart.chart_data(small, "a short line") == {
        "figure": live_chart.figure_json(small), "height": "300", "alt": "a short line",
        "credit": live_chart.CREDIT}


def test_the_whole_storys_big_figures_are_the_ones_packed():
    app = open_page(pages.file("story"))
    sent = sent_charts(app)
    sizes = [len(json.dumps(figure, separators=(",", ":"), ensure_ascii=False))
             for figure in charts(app)]
    assert ["packed" in data for data in sent] == [size > live_chart.PACK_OVER for size in sizes]
    assert sum("packed" in data for data in sent) == 1, "the cascade (the picture has no frames)"
    for data, size in zip(sent, sizes, strict=True):
        if "packed" in data:
            # less regular curves pack less well; measured ratios: docs/implementation-notes.md
            assert len(data["packed"]) < 0.4 * size, "its bytes cut to under 40 %"


def test_figures_with_numpy_arrays_are_sent_as_json():
    import numpy as np

    fig = go.Figure(go.Scatter(x=np.arange(3.0), y=np.array([1.0, 2.0, 3.0])))
    fig.update_layout(title="numbers")
    app_figure = json.loads(live_chart.plotly.io.to_json(live_chart.styled(fig.to_dict())))
    assert app_figure["layout"]["title"]["text"] == "<b>numbers</b>"
    plain = PlainFigure({"data": [], "layout": {"title": {"text": "plain"}}})
    assert live_chart.styled(plain.to_dict())["layout"]["title"]["text"] == "<b>plain</b>"


def test_plotly_js_is_copied_once_and_again_when_plotly_changes(tmp_path):
    static = tmp_path / "static"
    target = live_chart.ensure_plotly_js(static)
    assert target.read_bytes() == live_chart.BUNDLED_PLOTLY_JS.read_bytes()
    modified = target.stat().st_mtime_ns
    assert live_chart.ensure_plotly_js(static) == target
    assert target.stat().st_mtime_ns == modified, "not copied again when it is up to date"
    target.write_text("an older plotly.js")
    live_chart.ensure_plotly_js(static)
    assert target.stat().st_size == live_chart.BUNDLED_PLOTLY_JS.stat().st_size
    assert not list(static.glob("*.part")), "no half-written copy left behind"


def test_the_page_loads_streamlits_own_plotly_chunk_when_there_is_exactly_one(tmp_path):
    assert live_chart.streamlit_plotly_chunk().startswith("PlotlyChart."), \
        "this Streamlit ships plotly.js in a PlotlyChart chunk"
    assert f'"{live_chart.streamlit_plotly_chunk()}"' in live_chart._LOADER_JS
    assert live_chart.streamlit_plotly_chunk(tmp_path) == "", "none: the plotly package's copy"
    (tmp_path / "PlotlyChart.a1.js").write_text("")
    assert live_chart.streamlit_plotly_chunk(tmp_path) == "PlotlyChart.a1.js"
    (tmp_path / "PlotlyChart.b2.js").write_text("")
    assert live_chart.streamlit_plotly_chunk(tmp_path) == "", "two: which one is unclear"


def test_streamlit_serves_the_folder_the_page_loads_plotly_from():
    config = tomllib.loads((live_chart.REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableStaticServing"] is True
    # Streamlit serves <folder of app.py>/static at app/static/
    assert (live_chart.REPO / "app.py").exists()
    assert live_chart.STATIC_DIR == live_chart.REPO / "static"
    assert f'"app/static/{live_chart.PLOTLY_JS}"' in live_chart._LOADER_JS


def test_every_plain_figure_builder_gives_a_figure_plotly_accepts():
    """The figures are plain dicts (no per-property checks on each rerun): Plotly checks each
    kind here, as it checked them when they were built as go.Figure."""
    from sim.plasticity import HYPOTHESES
    from sim.steady import dose_response_table
    from ui.simulate import run_preset

    _, result = run_preset("standard-iv", "disinhibition", 0.0, 48.0)
    runs = {h: run_preset("standard-iv", h, 0.0, 48.0)[1] for h in HYPOTHESES}
    built = [
        dose.plasma_and_brain(result),
        receptor.block_figure(receptor.block_table(levels.log_levels()), 3.0),
        receptor.mg_figure(1.0, -40.0),
        glutamate.inverted_u_figure(glutamate.as_columns(*dose_response_table(levels.log_levels(50),
                                                                "disinhibition"))),
        glutamate.surge_figure(result, "surge"),
        growth.growth_figure(result, "growth"),
        growth.hypotheses_figure(runs, "synapse_rel", "disinhibition", "ideas"),
    ]
    for plain, description in built:
        checked = plain.checked()  # raises ValueError on any property Plotly does not know
        assert checked.layout.title.text and len(description) > 20
        assert all(trace.name for trace in checked.data)
    assert built[2][0].to_dict()["layout"]["title"]["font"]["size"] == 16
    chosen = [t for t in built[-1][0].to_dict()["data"] if t["name"].endswith("(chosen)")]
    assert len(chosen) == 1 and chosen[0]["line"]["width"] == 4


def test_orjson_gives_the_same_figures_as_the_standard_encoder(monkeypatch):
    """Every figure of the chart pages (frames, typed arrays, µ and × in text), and NaN:
    orjson's JSON has the same values as Plotly's standard-library encoder."""
    import plotly.io

    sent = []
    encode = live_chart.figure_json
    monkeypatch.setattr(live_chart, "figure_json", lambda fig: sent.append(fig) or encode(fig))
    for page in ("dose", "story", "growth", "glutamate"):
        open_page(pages.file(page))
    with_nan = go.Figure(go.Scatter(x=[0.0, 1.0, 2.0], y=[1.0, float("nan"), 3.0]))
    assert len(sent) >= 7, "the pages drew their charts through figure_json"
    for fig in [*sent, with_nan]:
        standard = plotly.io.to_json({**live_chart.styled(fig.to_dict()),
                                      "config": live_chart.CONFIG}, validate=False,
                                     engine="json")
        assert json.loads(live_chart.figure_json(fig)) == json.loads(standard)
    assert json.loads(live_chart.figure_json(with_nan))["data"][0]["y"] == [1.0, None, 3.0]


def test_hover_labels_are_rounded_with_full_names():
    """Issue 21: '1.97', not '1.972092'; 'Interneuron-like receptors', not 'Interneur...'."""
    look = live_chart.LOOK
    assert look["xaxis"]["hoverformat"] == look["yaxis"]["hoverformat"] == ".3~g"
    assert look["hoverlabel"]["namelength"] == -1


def test_a_downloaded_picture_carries_the_label_and_the_version():
    """Issue 22: Plotly's own camera button (a bare picture) gives way to the app's, which
    writes the conceptual label, the settings link and the day under the chart."""
    assert "toImage" in live_chart.CONFIG["modeBarButtonsToRemove"]
    assert "not dosing guidance" in live_chart.CREDIT
    assert live_chart.CREDIT.startswith("Ketamine Mechanisms Explorer 0.")
    assert "function downloadPicture" in live_chart._CHART_JS
