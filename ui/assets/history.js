// Back and Forward keep a page's settings (issue 21). Runs on every page, once per tab
// (ui/live_chart.py puts it in the preload component, which app.py draws on every page).
//
// When a page is left, Streamlit first pushes the old page's address without its settings
// (the new run no longer has them), then the new page's address: Back then showed the old
// page at its defaults, and only a second Back brought its settings back. A push to the
// same page is held a moment: if the address of another page follows, it is dropped, so
// Back returns to the old page as it was; otherwise (a tour step, presenter mode) it is made.
const HOLD_MS = 400;

function keepSettingsInHistory() {
  if (window.__kmeHistory) return;
  window.__kmeHistory = true;
  const push = history.pushState.bind(history);
  let held = null;
  history.pushState = (state, title, url) => {
    if (held) clearTimeout(held);
    held = null;
    const next = new URL(url, location.href);
    if (next.pathname !== location.pathname) return push(state, title, url);
    held = setTimeout(() => { held = null; push(state, title, url); }, HOLD_MS);
  };
}
