"""Save and load whole scenarios: the download bundle and the file upload box."""

from __future__ import annotations

import streamlit as st

from sim import export
from sim.cascade import Result, Scenario
from sim.scenario_file import MAX_FILE_BYTES, ScenarioFileError, scenario_from_json
from ui.help_text import help_for

FILE_KEY = "loaded_scenario"  # session state: (file name, JSON text) of the loaded file


def download_bundle(result: Result, scenario: Scenario, preset: str | None, name: str) -> None:
    """One button: a zip with the CSV, the reloadable JSON and a README (built on click)."""
    st.download_button(
        "Download this scenario (zip: CSV, JSON, README)",
        lambda: export.bundle_zip(result, scenario, preset), file_name=f"{name}.zip",
        mime="application/zip", key=f"bundle_{name}", icon=":material/folder_zip:",
        help="The JSON file can be loaded again here to see the same scenario.")


UPLOAD_HELP = "Only files saved by this app; every value is checked before use."


def _take_file() -> None:
    upload = st.session_state.get("scenario_upload")
    if upload is None:
        return
    raw = upload.getvalue()
    try:
        if len(raw) > MAX_FILE_BYTES:
            raise ScenarioFileError(f"the file is {len(raw) / 1000:.0f} kB; a scenario file "
                                    f"is at most {MAX_FILE_BYTES / 1000:.0f} kB")
        scenario_from_json(raw)
    except ScenarioFileError as problem:
        st.session_state["scenario_upload_problem"] = f"{upload.name[:60]}: {problem}."
        return
    st.session_state.pop("scenario_upload_problem", None)
    st.session_state[FILE_KEY] = (upload.name[:60], raw.decode("utf-8"))


def _forget_file() -> None:
    st.session_state.pop(FILE_KEY, None)


def loaded_file() -> tuple[str, str] | None:
    """The box to load a saved scenario; returns (file name, JSON text) while one is in use."""
    with st.expander("Load a scenario file"):
        st.file_uploader(
            "A scenario.json from a downloaded bundle", type=["json"], key="scenario_upload",
            on_change=_take_file, max_upload_size=1,
            help=UPLOAD_HELP)
        help_for("scenario_upload", UPLOAD_HELP)
        problem = st.session_state.get("scenario_upload_problem")
        if problem:
            st.error(f"That file was not loaded. {problem}", icon=":material/error:")
    loaded = st.session_state.get(FILE_KEY)
    if loaded:
        st.info(f"Showing the scenario from **{loaded[0]}**, not the controls on this page.",
                icon=":material/description:")
        st.button("Stop using the file", on_click=_forget_file, key="forget_scenario")
    return loaded
