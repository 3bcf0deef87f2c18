"""Addresses of the app's pages: a page with a published dose already set, and the full link
a reader can copy, print or send.

Each page reads its controls from the URL, so a link is the page plus the query parameters
that select the preset (select boxes bind their shown labels, see ``ui.controls.ChoiceSpec``).
Pure Python: the worksheets (content/) and the pages (through ``ui/links.py``) use it.
"""

from __future__ import annotations

import ipaddress
import os
import urllib.parse
from collections.abc import Callable, Mapping

from content import pages
from content.labels import DRUG_NAMES, PRESET_LABELS, ROUTE_NAMES

# A configured public address for every link (e.g. https://kme.school.org), when students
# reach the app by a name the server cannot see.
PUBLIC_URL_ENV = "KME_PUBLIC_URL"
# The machine's network address, set by deploy/serve.py (`make serve`): a link copied or a
# worksheet downloaded on the server itself (http://localhost:8080) is for students' devices.
LAN_URL_ENV = "KME_LAN_URL"

PAGE_PRESETS = {p.name: p.presets for p in pages.PAGES if p.presets}  # the preset boxes
# The dose page has no preset box: these presets are its route/dose controls.
DOSE_PAGE_SETTINGS = {
    "standard-iv": {},
    "esketamine-nasal-56": {"drug": DRUG_NAMES["esketamine"], "esk_dose": "56"},
    "esketamine-nasal-84": {"drug": DRUG_NAMES["esketamine"], "esk_dose": "84"},
    "im-injection": {"route": ROUTE_NAMES["im"]},
    "oral": {"route": ROUTE_NAMES["oral"]},
    "anesthetic-bolus": {"route": ROUTE_NAMES["iv-bolus"], "dose": "2"},
}
STORY_CUSTOM_LABEL = "None: set A and B yourself"


def preset_query(page: str, preset: str | None) -> dict[str, str]:
    """Query parameters that open ``page`` with ``preset`` chosen, where the page offers it."""
    if not preset:
        return {}
    if page == "dose":
        return dict(DOSE_PAGE_SETTINGS.get(preset, {}))
    if page == "receptor" and preset in PAGE_PRESETS["receptor"]:
        return {"level_from": PRESET_LABELS[preset]}
    if page in ("glutamate", "growth") and preset in PAGE_PRESETS[page]:
        return {"preset": PRESET_LABELS[preset]}
    if page == "story":
        return {"compare": STORY_CUSTOM_LABEL, "a_preset": PRESET_LABELS[preset],
                "view": "Scenario A only"}
    return {}


# The query keys of the preset boxes. Before the boxes showed people's names (2026-12), their
# links carried the codes (preset=standard-iv): printed worksheets and saved links still do.
PRESET_QUERY_KEYS = ("preset", "level_from", "a_preset", "b_preset")


def upgraded_query(query: Mapping[str, str]) -> dict[str, str]:
    """The preset boxes' values in ``query`` that are codes, as the names the boxes now show
    (only the keys to change): an old link opens the dose it named instead of the default."""
    return {key: PRESET_LABELS[query[key]] for key in PRESET_QUERY_KEYS
            if query.get(key) in PRESET_LABELS}


# --------------------------------------------------------------------------- full addresses

def http_base(text: str | None) -> str:
    """``text`` as ``scheme://host[:port][/prefix]`` when it is an http(s) address, else ""."""
    parts = urllib.parse.urlsplit((text or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def _first(headers: Mapping[str, str], name: str) -> str:
    """A header's first value (proxies append theirs after a comma), case-insensitively."""
    for key, value in headers.items():
        if key.lower() == name.lower() and value:
            return str(value).split(",")[0].strip()
    return ""


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` (a URL's host name, without port) names this machine only."""
    name = (host or "").strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def reader_base(url: str | None, headers: Mapping[str, str] | None = None,
                env: Mapping[str, str] | None = None) -> str:
    """The app's address for links a reader copies, prints or sends: ``scheme://host[:port]``
    plus any path prefix, or "" when it cannot be known.

    In order: the configured public address (``KME_PUBLIC_URL``); else the address the
    reader's browser used, from the proxy's ``X-Forwarded-Host``/``X-Forwarded-Proto`` (set by
    deploy/nginx.conf.template), the browser's own ``url`` (``st.context.url``, a page's name
    at its end is dropped) or the ``Host`` header. When that address is this machine's loopback
    (``localhost``), the machine's network address (``KME_LAN_URL``, set by ``make serve``)
    is used instead, since a link made on the server is for other devices; without it,
    localhost stays, because that is what the reader used.
    """
    env = os.environ if env is None else env
    public = http_base(env.get(PUBLIC_URL_ENV))
    if public:
        return public
    headers = headers or {}
    parts = urllib.parse.urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        parts = urllib.parse.urlsplit("")
    path = parts.path.rstrip("/")
    if path.rsplit("/", 1)[-1] in pages.BY_NAME:  # st.context.url ends with the page's name
        path = path.rsplit("/", 1)[0]
    host = _first(headers, "X-Forwarded-Host") or parts.netloc or _first(headers, "Host")
    scheme = _first(headers, "X-Forwarded-Proto").lower() or parts.scheme or "http"
    if not host or scheme not in ("http", "https"):
        return ""
    prefix = _first(headers, "X-Forwarded-Prefix").rstrip("/") or path
    base = http_base(f"{scheme}://{host}{prefix}")
    if base and is_loopback(urllib.parse.urlsplit(base).hostname):
        return http_base(env.get(LAN_URL_ENV)) or base
    return base


# Where share_base finds the reader's request headers: none outside the app (tests, the
# command line); ui/links.py installs the Streamlit session's, as content never imports ui/.
_session_headers: Callable[[], Mapping[str, str]] = dict


def read_headers_from(source: Callable[[], Mapping[str, str]]) -> None:
    """Let :func:`share_base` read the reader's request headers from ``source``."""
    global _session_headers
    _session_headers = source


def share_base(base_url: str = "") -> str:
    """``reader_base`` for code that knows only a base address (the worksheets): adds the
    configured addresses and, inside an app session, the reader's request headers."""
    return reader_base(base_url, _session_headers())


def view_link(base: str, page: str, query: Mapping[str, str] | None = None) -> str:
    """The full link to ``page`` (its url path; "" for home) with ``query``, on ``base``
    (from :func:`reader_base`); a site-relative link when the base is unknown."""
    encoded = urllib.parse.urlencode(dict(query or {}))
    return f"{base.rstrip('/')}/{page}" + (f"?{encoded}" if encoded else "")
