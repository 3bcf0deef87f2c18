"""The browser suite fails when the app's server logs an exception (tests/e2e/conftest.py);
this checks the detector on logs written by hand, without a browser."""

from e2e.e2e_helpers import logged_exceptions

CLEAN = """  You can now view your Streamlit app in your browser.
  URL: http://127.0.0.1:8501
2026-12-06 20:09:56.519 Thread 'MainThread': missing ScriptRunContext!
"""
BROKEN = CLEAN + """2026-12-06 20:10:01.000 Uncaught app execution
Traceback (most recent call last):
  File "ui/pages/story.py", line 30, in <module>
StreamlitAPIException: `b_preset` was created with a default value but also had its value
set via the Session State API.
"""


def test_a_clean_log_has_no_exceptions():
    assert logged_exceptions(CLEAN) == []


def test_a_logged_traceback_is_found_with_what_led_to_it():
    (found,) = logged_exceptions(BROKEN)
    assert "Uncaught app execution" in found and "b_preset" in found
