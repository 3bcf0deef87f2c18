"""Claims & evidence: what five clinic articles claim, each claim graded against research."""

import streamlit as st

from content import citations, explainers, pages
from content.labels import PRESET_LABELS
from ui import announce, controls, explain, links

ALL = "all"
GRADE_BADGES = {  # grade -> (shown name, badge colour, icon): the icon and words carry it too
    "established": ("Established", "green", ":material/verified:"),
    "mixed": ("Mixed evidence", "orange", ":material/balance:"),
    "animal-only": ("Animal studies only", "violet", ":material/pets:"),
    "proposed": ("Proposed idea", "blue", ":material/lightbulb:"),
    "not-supported": ("Not supported as stated", "red", ":material/block:"),
    "not-assessed": ("Not assessed here", "gray", ":material/help:"),
}
TOPIC_NAMES = {
    "mechanism": "How it works", "onset-and-duration": "How fast, how long",
    "effectiveness": "How well it works", "conditions": "Conditions",
    "safety": "Safety and side effects", "routes-and-dosing": "Routes and sessions",
    "cost-and-access": "Cost and access", "comparisons": "Compared with other treatments",
}


def load():
    try:
        return explainers.load_claims(), explainers.load_sources(), explainers.load_explainers()
    except explainers.ContentError as problem:
        controls.page_start("Claims & evidence", [])
        st.error(f"The claims ledger cannot be shown: {problem}.", icon=":material/error:")
        st.stop()


claims, sources, loaded = load()
articles = [sources[a] for a in explainers.ARTICLES if a in sources]
SPECS = {
    "article": controls.ChoiceSpec(
        "article", "Claims made by", (ALL, *(a.id for a in articles)), ALL,
        "Show the claims one article makes (the five are listed under the ledger).",
        labels=("Any of the five articles", *(f"{a.id}: {a.detail}" for a in articles))),
    "grade": controls.ChoiceSpec(
        "grade", "Evidence grade", (ALL, *explainers.GRADES), ALL,
        "How strongly research supports the claim as stated.",
        labels=("Any grade", *(GRADE_BADGES[g][0] for g in explainers.GRADES))),
    "topic": controls.ChoiceSpec(
        "topic", "Topic", (ALL, *explainers.TOPICS), ALL, "What the claim is about.",
        labels=("Any topic", *(TOPIC_NAMES[t] for t in explainers.TOPICS))),
}

controls.page_start("Claims & evidence", list(SPECS.values()))

with st.sidebar:
    article = controls.choice(SPECS["article"])
    grade = controls.choice(SPECS["grade"])
    topic = controls.choice(SPECS["topic"])
    controls.reset_button(list(SPECS.values()))

checklist = loaded.get("reading-clinic-claims")
if checklist is not None:
    st.markdown(explainers.render(checklist.summary))
st.caption(explainers.reviewed_line(explainers.claims_reviewed()) + " Cost and insurance facts are "
           "US figures.")


def badge(grade_id: str) -> None:
    name, colour, icon = GRADE_BADGES[grade_id]
    st.badge(name, color=colour, icon=icon, help=explainers.GRADES[grade_id])


def show_claim(claim: explainers.Claim) -> None:
    """A card headed by the claim itself: the third level under the ledger's "N of 45 claims",
    so a screen reader lists the claims and jumps between them (heading sizes: access.css)."""
    with st.container(border=True, key=f"claim_{claim.id}"):
        st.subheader(claim.claim, anchor=False)
        badge(claim.grade)
        st.caption(f"{GRADE_BADGES[claim.grade][0]}: {explainers.GRADES[claim.grade]}")
        made = ", ".join(f"{a} ({sources[a].detail})" for a in claim.made_by if a in sources)
        st.markdown(f"*Claimed by:* {made}")
        st.markdown(f"*What research shows:* {claim.research_says}")
        cited = citations.evidence_cites(claim.evidence, sources)
        st.markdown(f"*Evidence:* {cited}")
        shown = claim.illustrated_by
        if shown:
            page = shown["page"]
            preset = f" ({PRESET_LABELS[shown['preset']]})" if shown.get("preset") else ""
            st.page_link(pages.file(page),
                         label=f"See it in the app: {pages.page(page).title}{preset}",
                         icon=":material/science:",
                         query_params=links.preset_query(page, shown.get("preset")))
            if shown.get("look_at"):
                st.caption(f"What to look at: {shown['look_at']}")


picked = [c for c in claims
          if (article == ALL or article in c.made_by) and (grade == ALL or c.grade == grade)
          and (topic == ALL or topic in c.topics)]
wanted = st.query_params.get("claim")  # a deep link to one claim, e.g. from the guided tour
if wanted is not None:
    one = [c for c in claims if c.id == wanted]
    if one:
        picked = one
        st.button("Show all claims", on_click=st.query_params.pop, args=("claim",),
                  key="all_claims", icon=":material/list:")
    else:
        st.info(f"The link asked for a claim {wanted[:40]!r} that is not in the ledger; "
                "all claims are shown.", icon=":material/info:")
# the count a filter changed, said with the filter ("Evidence grade, Mixed evidence: 19 of 45
# claims."); outside the tabs, so it is said whichever tab is open
announce.say(f"{len(picked)} of {len(claims)} claims")
ledger_tab, checklist_tab = st.tabs(["The claims ledger", "How to read a clinic's claims"])
with ledger_tab:
    counts = {g: sum(c.grade == g for c in picked) for g in explainers.GRADES}
    st.header(f"{len(picked)} of {len(claims)} claims")
    st.caption("By grade: " + ", ".join(f"{GRADE_BADGES[g][0].lower()} {n}"
                                        for g, n in counts.items() if n))
    with st.expander("What the grades mean"):
        for grade_id, meaning in explainers.GRADES.items():
            st.markdown(f"- **{GRADE_BADGES[grade_id][0]}**: {meaning}")
    with st.expander("The five articles"):
        st.markdown("\n".join(explain.source_line(a.id) for a in articles))
        st.caption("These are clinic web pages that advertise ketamine treatment. The ledger "
                   "takes their claims in its own words and checks each against published "
                   "research.")
    if not picked:
        st.info("No claim matches these filters. Try “Any grade” or “Any topic”.",
                icon=":material/filter_alt_off:")
    for claim in picked:
        show_claim(claim)
    st.markdown(explainers.report_an_error())

with checklist_tab:
    if checklist is None:
        st.info("The checklist is not written yet.", icon=":material/info:")
    else:
        st.header("A checklist for reading a clinic's claims")
        for item in checklist.extra.get("checklist", []):
            st.markdown(f"- **{item.get('question', '')}** {item.get('why', '')}")
        explain.show(checklist)
