"""Challenges: predict, then check against the model, with a running score (as PhET's game
screens do). ``?challenge=3`` opens challenge 3, so each one is a link a teacher can assign.

The right answer is worked out by running the model (content/challenges.py), never stored. The
score keeps each challenge's first check for this session: predicting is the point, so a
second try after seeing the answer is shown but not counted.
"""

import streamlit as st

from content import challenges, explainers, pages
from content.challenges import URL_KEY, Answer, Challenge
from ui import controls, links, presenter

SCORE = "challenge_score"  # challenge id -> right or not at its first check
CHECKED = "challenge_checked"  # challenge id -> the choice code checked last


def load() -> tuple[Challenge, ...]:
    try:
        return challenges.load_challenges()
    except explainers.ContentError as problem:
        st.error(f"The challenges cannot be shown: {problem}.", icon=":material/error:")
        st.stop()


@st.cache_data(show_spinner=False)
def _derived(number: int, fingerprint: str) -> Answer:
    """The model's answer; ``fingerprint`` (the challenge as written) keys the cache, so an
    edited challenge is run again."""
    del fingerprint
    return challenges.derive(ALL[number - 1])


def answer(challenge: Challenge) -> Answer:
    return _derived(challenge.number, repr(challenge))


def pick_key(challenge: Challenge) -> str:
    return f"challenge_pick_{challenge.id}"


def picked_code(challenge: Challenge) -> str | None:
    """The choice the student has made (its code), or None before one is made."""
    words = st.session_state.get(pick_key(challenge))
    codes = {w: code for code, w in challenge.choices()}
    return codes.get(words)


def record(challenge: Challenge) -> None:
    """Check the prediction (read from the widget now, not when the button was drawn): the
    first check of each challenge goes into the score."""
    code = picked_code(challenge)
    if code is None:
        return
    st.session_state.setdefault(CHECKED, {})[challenge.id] = code
    st.session_state.setdefault(SCORE, {}).setdefault(challenge.id,
                                                      code in answer(challenge).right)


def start_again() -> None:
    st.session_state.pop(SCORE, None)
    st.session_state.pop(CHECKED, None)


def go_to(number: int) -> None:
    st.query_params[URL_KEY] = str(number)


def score_line() -> None:
    ids = {c.id for c in ALL}
    score = {k: v for k, v in st.session_state.get(SCORE, {}).items() if k in ids}
    left, right = st.columns([3, 1], vertical_alignment="center")
    if score:
        left.markdown(f"**Score: {sum(score.values())} of {len(score)} right** · "
                      f"{len(score)} of {len(ALL)} challenges checked")
        right.button("Start again", on_click=start_again, key="challenge_restart",
                     icon=":material/restart_alt:")
    else:
        left.markdown(f"**Score:** none checked yet · {len(ALL)} challenges")


def navigation(number: int) -> None:
    st.progress(number / len(ALL), text=f"Challenge {number} of {len(ALL)}")
    back, forward = st.columns(2)
    back.button("← Back", on_click=go_to, args=(number - 1,), disabled=number == 1,
                key="challenge_back", width="stretch")
    forward.button("Next →", on_click=go_to, args=(number + 1,), disabled=number == len(ALL),
                   key="challenge_next", width="stretch")


def prediction(challenge: Challenge) -> None:
    """The student's prediction: brain levels on a slider, any other choice as buttons with
    none chosen at first (so nothing is suggested)."""
    words = [w for _, w in challenge.choices()]
    if challenge.kind == "glutamate-peak":
        st.select_slider(challenge.label, words, value=words[0], key=pick_key(challenge))
    else:
        st.radio(challenge.label, words, index=None, key=pick_key(challenge))
    st.button("Check", type="primary", on_click=record, args=(challenge,),
              key=f"challenge_check_{challenge.id}", icon=":material/task_alt:",
              disabled=picked_code(challenge) is None)


def see_query(challenge: Challenge, model: Answer) -> dict[str, str]:
    """The setting that shows it: the page's preset, the challenge's own values, then those
    worked out from the model (the highest level, ...); presenting stays on."""
    query = {**links.preset_query(challenge.see_page, challenge.see_preset),
             **challenge.see_query, **model.query}
    if presenter.active():
        query[presenter.KEY] = presenter.ON
    return query


def feedback(challenge: Challenge) -> None:
    code = st.session_state.get(CHECKED, {}).get(challenge.id)
    if code not in dict(challenge.choices()):
        return
    model = answer(challenge)
    said = challenges.check(challenge, model, code)
    if said.right:
        st.success(f"**Right.** You predicted: {said.picked}. {said.result}",
                   icon=":material/check_circle:")
    else:
        st.error(f"**Not this time.** You predicted: {said.picked}. The model says: "
                 f"{said.answer}. {said.result}", icon=":material/cancel:")
    st.markdown(f"**Why:** {explainers.render(challenge.why)}")
    first = st.session_state.get(SCORE, {}).get(challenge.id)
    if first is not None and first != said.right:
        st.caption("Your score keeps your first check of each challenge.")
    st.page_link(pages.file(challenge.see_page), label=f"See it in the app: {challenge.see_label}",
                 icon=":material/science:", query_params=see_query(challenge, model))


def share(number: int) -> None:
    with st.expander("Link to this challenge, to share", icon=":material/link:"):
        base = links.reader_base(st.context.url, st.context.headers)
        st.code(links.view_link(base, "challenges", {URL_KEY: str(number)}), language=None,
                wrap_lines=True)
        st.caption("Students who open it start at this challenge. Their score stays in their "
                   "own browser tab.")


controls.page_start("Challenges: predict, then check", [])
ALL = load()
number, notice = challenges.number_from_url(st.query_params.get(URL_KEY), len(ALL))
if notice:
    st.info(notice, icon=":material/info:")
st.caption("Make a prediction, then press **Check** to compare it with the model. The model's "
           "answer is worked out live, so it is what the app's pages show.")
score_line()
navigation(number)
current = ALL[number - 1]
st.header(f"{number}. {current.title}")
st.markdown(explainers.render(challenges.question_text(current)))
prediction(current)
feedback(current)
share(number)
