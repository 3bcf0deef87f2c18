// Starts fetching plotly.js while the page's script still runs (ui/live_chart.py,
// preload_plotly); runs after plotly_loader.js.
export default function () { keepSettingsInHistory(); plotlyLoaded().catch(() => {}); }
