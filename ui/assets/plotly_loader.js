// Loads plotly.js once per browser tab; shared by the chart and the preload components
// (ui/live_chart.py puts this first in each, with the names of the files to load filled in).
const CHUNK = "STREAMLIT_CHUNK", SCRIPT = "app/static/PLOTLY_JS";

// Streamlit's own copy: evaluating its chunk sets window.Plotly.
function fromStreamlit() {
  if (!CHUNK) return Promise.resolve(null);
  return import(new URL("static/js/" + CHUNK, document.baseURI).href)
    .then(() => window.Plotly || null, () => null);
}

function fromPlotlyPackage() {
  return new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = new URL(SCRIPT, document.baseURI).href;
    tag.async = true;
    tag.onload = () => resolve(window.Plotly);
    tag.onerror = () => {
      tag.remove();
      reject(new Error("plotly.js did not load from " + tag.src));
    };
    document.head.appendChild(tag);
  });
}

function plotlyLoaded() {
  if (!window.__kmePlotly) {
    window.__kmePlotly = window.Plotly ? Promise.resolve(window.Plotly) : fromStreamlit()
      .then(Plotly => Plotly || fromPlotlyPackage())
      .catch(error => { window.__kmePlotly = null; throw error; });  // the next draw tries again
  }
  return window.__kmePlotly;
}
