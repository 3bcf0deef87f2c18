"""Names people read for the codes the models use: declared in content/labels.py (links and
worksheets need them too, and content never imports ui/)."""

from content.labels import DRUG_NAMES, ROUTE_NAMES

__all__ = ["DRUG_NAMES", "ROUTE_NAMES"]
