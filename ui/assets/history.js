// Back and Forward keep a page's settings (issue 21). Runs on every page, once per tab
// (ui/live_chart.py puts it in the preload component, which app.py draws on every page).
//
// When a page is left, Streamlit first pushes the old page's address without its settings
// (the new run no longer has them), then the new page's address: Back then showed the old
// page at its defaults, and only a second Back brought its settings back. So a push to the
// same page shows in the address bar at once, but becomes a history entry only HOLD_MS later;
// if the address of another page comes first, the old page's entry gets its settings back
// and the new page's is pushed after it. A tour step or presenter mode keeps its own entry.
const HOLD_MS = 400;

function keepSettingsInHistory() {
  if (window.__kmeHistory) return;
  window.__kmeHistory = true;
  const push = history.pushState.bind(history), replace = history.replaceState.bind(history);
  let held = null;  // {before: the entry as it was, timer}
  history.pushState = (state, title, url) => {
    if (held) clearTimeout(held.timer);
    const next = new URL(url, location.href);
    if (next.pathname !== location.pathname) {
      if (held) replace(held.before.state, "", held.before.url);  // the old page, as it was
      held = null;
      return push(state, title, url);
    }
    const before = held ? held.before : {state: history.state, url: location.href};
    replace(state, title, url);  // the address shows it now
    held = {before, timer: setTimeout(() => {
      const now = {state: history.state, url: location.href};  // with any later replace
      held = null;
      replace(before.state, "", before.url);
      push(now.state, "", now.url);
    }, HOLD_MS)};
  };
}
