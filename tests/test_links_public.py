"""Links that work from any device: the copied link and the worksheets use the address the
reader's browser used, or a configured public one, and never localhost unless the reader used
it (content/urls.py ``reader_base``, ``share_base`` and ``view_link``, which ui/links.py
re-exports with the Streamlit session's request headers)."""

from __future__ import annotations

import re

import pytest

from content import worksheets
from ui import links

NO_ENV: dict[str, str] = {}


@pytest.mark.parametrize(("url", "headers", "env", "expected"), [
    # the browser's own address (st.context.url), its page name dropped
    ("http://192.168.1.20:8080/receptor", {}, NO_ENV, "http://192.168.1.20:8080"),
    ("http://kme.school.org/", {}, NO_ENV, "http://kme.school.org"),
    ("https://host.example/kme/dose", {}, NO_ENV, "https://host.example/kme"),
    # what the proxy says the browser asked for wins over the address the app sees
    ("http://localhost:8501/dose", {"X-Forwarded-Host": "school-server:8080",
                                    "X-Forwarded-Proto": "http"}, NO_ENV,
     "http://school-server:8080"),
    ("http://127.0.0.1:8612/receptor", {"x-forwarded-host": "kme.school.org",
                                        "x-forwarded-proto": "https, http"}, NO_ENV,
     "https://kme.school.org"),
    # no url (a test harness): the Host header
    (None, {"Host": "10.0.0.5:8080"}, NO_ENV, "http://10.0.0.5:8080"),
    (None, {}, NO_ENV, ""),
    ("about:blank", {}, NO_ENV, ""),
    # a configured public address wins over everything
    ("http://10.0.0.5:8080/dose", {"Host": "10.0.0.5:8080"},
     {"KME_PUBLIC_URL": "https://kme.school.org/"}, "https://kme.school.org"),
    # on the server itself, `make serve` knows the machine's network address
    ("http://localhost:8080/teachers", {"Host": "localhost:8080"},
     {"KME_LAN_URL": "http://192.168.1.20:8080"}, "http://192.168.1.20:8080"),
    ("http://127.0.0.1:8080/", {}, {"KME_LAN_URL": "http://192.168.1.20:8080"},
     "http://192.168.1.20:8080"),
    ("http://[::1]:8080/", {}, {"KME_LAN_URL": "http://192.168.1.20:8080"},
     "http://192.168.1.20:8080"),
    # ...but a reader who used a real address keeps it
    ("http://10.0.0.9:8080/", {}, {"KME_LAN_URL": "http://192.168.1.20:8080"},
     "http://10.0.0.9:8080"),
    # localhost only when that is what the reader used and nothing better is known
    ("http://localhost:8501/dose", {}, NO_ENV, "http://localhost:8501"),
    # a broken configured address is ignored, not printed on paper
    ("http://10.0.0.9:8080/", {}, {"KME_PUBLIC_URL": "kme.school.org"}, "http://10.0.0.9:8080"),
])
def test_reader_base(url, headers, env, expected):
    assert links.reader_base(url, headers, env) == expected


def test_view_link_keeps_the_controls():
    link = links.view_link("http://10.0.0.5:8080", "receptor",
                           {"level_from": "standard-iv", "present": "1"})
    assert link == "http://10.0.0.5:8080/receptor?level_from=standard-iv&present=1"
    assert links.view_link("", "dose") == "/dose"


def test_loopback_names():
    assert all(links.is_loopback(h) for h in ("localhost", "127.0.0.1", "127.8.9.1", "::1",
                                               "[::1]", "app.localhost"))
    assert not any(links.is_loopback(h) for h in ("10.0.0.1", "kme.school.org", "", None,
                                                   "localhost.example.org"))


def _addresses(page: str) -> list[str]:
    return re.findall(r"https?://[^\s<>\")\]]+", page)


@pytest.mark.parametrize("answers", [False, True])
def test_a_downloaded_worksheet_has_no_localhost_when_the_reader_used_another_host(
        monkeypatch, answers):
    """The teacher's page passes the app's address as the app sees it; behind the proxy the
    reader's host comes from the request headers of the session."""
    monkeypatch.delenv(links.PUBLIC_URL_ENV, raising=False)
    monkeypatch.delenv(links.LAN_URL_ENV, raising=False)
    monkeypatch.setattr(links, "current_headers", lambda: {
        "Host": "school-server:8080", "X-Forwarded-Host": "school-server:8080",
        "X-Forwarded-Proto": "http"})
    sheet = worksheets.load_worksheets()[0]
    page = worksheets.render_html(sheet, answers=answers, base_url="http://localhost:8501")
    assert "localhost" not in page
    app_links = [a for a in _addresses(page) if "school-server" in a]
    assert app_links and all(a.startswith("http://school-server:8080/") for a in app_links)


def test_a_worksheet_downloaded_on_the_server_itself_links_to_its_network_address(monkeypatch):
    monkeypatch.delenv(links.PUBLIC_URL_ENV, raising=False)
    monkeypatch.setenv(links.LAN_URL_ENV, "http://192.168.1.20:8080")
    monkeypatch.setattr(links, "current_headers", lambda: {"Host": "localhost:8080"})
    page = worksheets.render_html(worksheets.load_worksheets()[0], base_url="http://localhost:8080")
    assert "localhost" not in page and "127.0.0.1" not in page
    assert "http://192.168.1.20:8080/" in page


def test_a_configured_public_address_is_used_on_every_worksheet(monkeypatch):
    monkeypatch.setenv(links.PUBLIC_URL_ENV, "https://kme.school.org")
    monkeypatch.setattr(links, "current_headers", dict)
    for sheet in worksheets.load_worksheets():
        page = worksheets.render_html(sheet, base_url="http://localhost:8501")
        assert "localhost" not in page, sheet.id
        assert f"https://kme.school.org/{sheet.pages[0]}" in page, sheet.id


def test_without_an_address_the_worksheet_gives_paths(monkeypatch):
    monkeypatch.delenv(links.PUBLIC_URL_ENV, raising=False)
    monkeypatch.setattr(links, "current_headers", dict)
    page = worksheets.render_html(worksheets.load_worksheets()[0], base_url="")
    assert "(/dose" in page or "/dose?" in page or "(/" in page
    assert "localhost" not in page


def test_current_headers_outside_a_session_is_empty():
    assert links.current_headers() == {}


def test_every_preset_has_a_name_people_read():
    from content.labels import PRESET_LABELS
    from sim.scenarios import PRESETS

    assert set(PRESET_LABELS) == set(PRESETS)
    names = list(PRESET_LABELS.values())
    assert len(set(names)) == len(names), "two presets under one name"
    assert not [n for n in names if n in PRESETS or "-" in n.split(",")[0].split()[0]]


def test_an_old_link_with_a_preset_code_names_the_same_dose():
    from content.labels import PRESET_LABELS
    from content.urls import upgraded_query

    old = {"preset": "anesthetic-bolus", "a_preset": "oral", "hours": "8", "level_from": "x"}
    assert upgraded_query(old) == {"preset": PRESET_LABELS["anesthetic-bolus"],
                                   "a_preset": PRESET_LABELS["oral"]}
    assert upgraded_query({"preset": PRESET_LABELS["oral"]}) == {}, "a new link is left alone"
