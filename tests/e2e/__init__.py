"""Real-browser tests (Playwright + Debian Chromium). A package, so that its conftest does not
shadow tests/conftest.py, which other test modules import by name."""
