"""Challenges in a real browser: a student opens a challenge's link, predicts, checks, reads
the feedback and the score, and follows "See it in the app"; axe finds nothing on the page
with either kind of feedback shown."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from content import challenges

from .e2e_helpers import full_page_screenshot, open_page, wait_idle, wait_rerun
from .test_accessibility import run_axe

ALL = challenges.load_challenges()
BY_KIND = {c.kind: c for c in ALL}


def right_and_wrong(challenge) -> tuple[str, str]:
    """The words of one choice the model says is right and of one it says is wrong."""
    right = challenges.derive(challenge).right
    words = dict(challenge.choices())
    return (next(words[c] for c in words if c in right),
            next(words[c] for c in words if c not in right))


def choose(page, words: str) -> None:
    page.get_by_role("radio", name=words, exact=True).check(force=True)
    wait_rerun(page)


def check(page) -> None:
    page.get_by_role("button", name="Check").click()
    wait_rerun(page)


def test_a_student_follows_a_challenge_link_to_the_app(page, app_url, screenshots):
    challenge = BY_KIND["lasting"]
    open_page(page, app_url, "challenges", f"challenge={challenge.number}")
    expect(page.get_by_role("heading", name=f"{challenge.number}. {challenge.title}")
           ).to_be_visible()
    expect(page.get_by_text("none checked yet")).to_be_visible()
    expect(page.get_by_role("button", name="Check")).to_be_disabled()  # predict first

    right, _ = right_and_wrong(challenge)
    choose(page, right)
    check(page)
    feedback = page.get_by_text("Right.", exact=False).first
    expect(feedback).to_be_visible()
    expect(page.get_by_text("Score: 1 of 1 right")).to_be_visible()
    expect(page.get_by_text("Why:", exact=False)).to_be_visible()
    assert run_axe(page, "challenges-right", screenshots) == []
    full_page_screenshot(page, screenshots / "challenges-right.png")

    see = page.get_by_role("link", name=f"See it in the app: {challenge.see_label}")
    see.click()
    page.wait_for_url(f"**/{challenge.see_page}?*")
    wait_idle(page)
    query = parse_qs(urlsplit(page.url).query)
    for key, value in challenge.see_query.items():
        assert query.get(key) == [value], (key, query)
    expect(page.get_by_text("could not be used")).to_have_count(0)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_wrong_level_is_marked_and_scored_and_axe_finds_nothing(page, app_url, screenshots):
    """The glutamate challenge's slider, moved with the keyboard to its lowest level."""
    challenge = BY_KIND["glutamate-peak"]
    open_page(page, app_url, "challenges", f"challenge={challenge.number}")
    thumb = page.get_by_role("slider", name=challenge.label)
    thumb.focus()
    thumb.press("End")  # the highest level, 20 µM: anaesthetic, so glutamate has fallen
    wait_rerun(page)
    check(page)
    expect(page.get_by_text("Not this time.", exact=False)).to_be_visible()
    best = challenges.derive(challenge).facts["best"]
    expect(page.get_by_text(f"glutamate is highest at {best} µM", exact=False)).to_be_visible()
    expect(page.get_by_text("Score: 0 of 1 right")).to_be_visible()
    assert run_axe(page, "challenges-wrong", screenshots) == []
    full_page_screenshot(page, screenshots / "challenges-wrong.png")


def test_a_bad_link_says_so_and_presenter_mode_stays_on_through_see_it(page, app_url):
    open_page(page, app_url, "challenges", "challenge=abc&present=1")
    expect(page.get_by_text("there are challenges 1 to", exact=False)).to_be_visible()
    first = ALL[0]
    expect(page.get_by_role("heading", name=f"1. {first.title}")).to_be_visible()
    choose(page, right_and_wrong(first)[1])
    check(page)
    see = page.get_by_role("link", name=f"See it in the app: {first.see_label}")
    assert "present=1" in (see.get_attribute("href") or "")
