"""``python -m content``: validate every explainer, claim, source and glossary term and print a
summary (``--params`` lists the parameter names explainers may refer to)."""

import sys

from content.checks import main

raise SystemExit(main(sys.argv[1:]))
