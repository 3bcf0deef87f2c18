"""Names people read for the codes the models use (shown in selects and so in links)."""

ROUTE_NAMES = {
    "iv-infusion": "IV infusion (drip)",
    "iv-bolus": "IV injection (all at once)",
    "im": "Injection into a muscle (IM)",
    "intranasal": "Nasal spray",
    "oral": "By mouth",
}
DRUG_NAMES = {"racemic": "Ketamine (racemic)", "esketamine": "Esketamine nasal spray"}
