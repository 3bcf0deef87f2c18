"""Names people read for the codes the models use (shown in selects and so in links)."""

ROUTE_NAMES = {
    "iv-infusion": "IV infusion (drip)",
    "iv-bolus": "IV injection (all at once)",
    "im": "Injection into a muscle (IM)",
    "intranasal": "Nasal spray",
    "oral": "By mouth",
}
DRUG_NAMES = {"racemic": "Ketamine (racemic)", "esketamine": "Esketamine nasal spray"}

# The published doses (sim.scenarios.PRESETS), named as a student would say them. Short: a
# preset box writes its name into the page's address.
PRESET_LABELS = {
    "standard-iv": "Research drip, 0.5 mg/kg IV",
    "iv-course": "Six research drips in 12 days",
    "esketamine-nasal-56": "Nasal spray, 56 mg",
    "esketamine-nasal-84": "Nasal spray, 84 mg",
    "esketamine-induction": "Nasal spray twice a week, 4 weeks",
    "im-injection": "Injection into a muscle, 0.5 mg/kg",
    "oral": "By mouth, 0.5 mg/kg",
    "anesthetic-bolus": "Anaesthetic injection, 2 mg/kg IV",
    "anesthetic-infusion": "Anaesthesia: 4-hour drip",
    "no-treatment": "No ketamine",
}


def preset_labels(codes) -> tuple[str, ...]:
    """The people's names of these presets, in order (a preset box's ``labels``)."""
    return tuple(PRESET_LABELS[code] for code in codes)
