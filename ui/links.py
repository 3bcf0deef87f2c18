"""Links into the app for the pages: the addresses themselves are built in content/urls.py
(the worksheets use them too); this module adds the Streamlit session's request headers.

The claims ledger, the Read page and the guided tour all send readers to "see it in the app"
with a published dose already set (:func:`preset_query`, :func:`view_link`).
"""

from __future__ import annotations

import sys

from content import pages, urls
from content.urls import (
    DOSE_PAGE_SETTINGS,
    LAN_URL_ENV,
    PAGE_PRESETS,
    PUBLIC_URL_ENV,
    STORY_CUSTOM_LABEL,
    http_base,
    is_loopback,
    preset_query,
    reader_base,
    share_base,
    view_link,
)

__all__ = ["DOSE_PAGE_SETTINGS", "LAN_URL_ENV", "PAGE_FILES", "PAGE_PRESETS", "PAGE_TITLES",
           "PUBLIC_URL_ENV", "STORY_CUSTOM_LABEL", "current_headers", "http_base",
           "is_loopback", "preset_query", "reader_base", "share_base", "view_link"]

# Views of the page registry (content/pages.py): page name -> script, title.
PAGE_FILES = {p.name: p.file for p in pages.PAGES}
PAGE_TITLES = {p.name: p.title for p in pages.PAGES}


def current_headers() -> dict[str, str]:
    """The request headers of the Streamlit session running now; {} outside one (tests, the
    command line) or when Streamlit is not loaded (no Streamlit import here)."""
    streamlit = sys.modules.get("streamlit")
    if streamlit is None:
        return {}
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        if get_script_run_ctx(suppress_warning=True) is None:
            return {}
        return dict(streamlit.context.headers)
    except Exception:  # no session (a deferred download) or an older Streamlit
        return {}


# share_base (the worksheets) reads the session's headers through this, looked up at each
# call so a test can replace current_headers
urls.read_headers_from(lambda: current_headers())
