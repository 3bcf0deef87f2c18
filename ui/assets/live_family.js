// A chart's family of frames (ui/live_chart.py, live_family; figures/family.py): while its
// control is dragged or stepped, the frame for the value the slider shows is drawn at once,
// with the page's key numbers and the chart's description, before the server answers (it
// answers when the control is released). Runs after unpack.js.
//
// Streamlit's slider writes the value it shows into its input's aria-valuetext on every
// pointer move and key press, and sends it to the server only on release: one observer of
// that attribute follows every slider of the page. A family with a player (The whole story's
// time) also has Play/Pause, which steps every family of the same control; on Pause (or at
// the end) the value goes to the server as if the slider had been moved there.
const live = window.__kmeLive || (window.__kmeLive = {families: {}, observer: null});
const STEP_MS = 160;  // Play: about six frames a second, the cursor gliding over the charts
const STILL_STEP_MS = 900;  // with reduced motion: a frame replaced about once a second

function frameIndex(family, text) {
  const exact = family.labels.indexOf(text);
  if (exact >= 0) return exact;
  // the number the text starts with: a slider's value text carries its unit ("0.70 mg/kg")
  const value = parseFloat(String(text).trim());
  if (!Number.isFinite(value)) return -1;
  let best = 0;
  family.values.forEach((v, i) => {
    if (Math.abs(v - value) < Math.abs(family.values[best] - value)) best = i;
  });
  return best;
}

// Draw frame `index` of one family: its key numbers, its description, then its chart (the
// chart component listens for "kme-frame").
function show(name, index) {
  const family = live.families[name];
  if (!family || index < 0 || index >= family.frames.length) return;
  family.shown = index;
  const frame = family.frames[index];
  for (const list of document.querySelectorAll(`[data-kme-live="${name}"]`))
    list.querySelectorAll("dd").forEach((dd, i) => {
      if (frame.readouts[i] !== undefined) dd.textContent = frame.readouts[i];
    });
  for (const caption of document.querySelectorAll(`[data-kme-caption="${name}"]`))
    caption.textContent = frame.alt;
  window.dispatchEvent(new CustomEvent("kme-frame", {detail: {chart: name, index, frame}}));
}

// Every family of a control, at the value `text`.
function showControl(control, text) {
  for (const [name, family] of Object.entries(live.families))
    if (family.control === control) {
      const index = frameIndex(family, text);
      if (index !== family.shown) show(name, index);
    }
}

function controlOf(element) {
  const keyed = element.closest('[class*="st-key-"]');
  const match = keyed && keyed.className.match(/st-key-(\S+)/);
  return match ? match[1] : null;
}

function watchSliders() {
  if (live.observer) return;
  live.observer = new MutationObserver(records => {
    const latest = new Map();  // control -> the newest value in this batch
    for (const record of records) {
      const control = controlOf(record.target);
      if (control) latest.set(control, record.target.getAttribute("aria-valuetext"));
    }
    for (const [control, text] of latest) {
      if (live.playing && live.playing.control === control) continue;
      showControl(control, text);
    }
  });
  live.observer.observe(document.body, {subtree: true, attributes: true,
                                        attributeFilter: ["aria-valuetext"]});
}

function reducedMotion() {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

function stop(button, family, setStateValue) {
  clearInterval(live.playing.timer);
  live.playing = null;
  button.textContent = "▶ Play";
  button.setAttribute("aria-pressed", "false");
  setStateValue("paused", family.labels[family.shown]);
}

function player(root, name, family, setStateValue) {
  let button = root.querySelector(".kme-play");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "kme-play";
    button.textContent = "▶ Play";
    button.setAttribute("aria-pressed", "false");
    button.title = "Play the picture and the charts through time; press again to pause";
    root.appendChild(button);
  }
  button.onclick = () => {
    const current = live.families[name];
    if (live.playing) return stop(button, current, setStateValue);
    let index = current.shown >= current.frames.length - 1 ? 0 : (current.shown || 0);
    button.textContent = "⏸ Pause";
    button.setAttribute("aria-pressed", "true");
    live.playing = {control: current.control, timer: setInterval(() => {
      index += 1;
      if (index >= current.frames.length) return stop(button, current, setStateValue);
      showControl(current.control, current.labels[index]);
    }, reducedMotion() ? STILL_STEP_MS : STEP_MS)};
    showControl(current.control, current.labels[index]);
  };
}

export default function ({ parentElement, data, setStateValue }) {
  const name = data.chart;
  watchSliders();
  figureIn(data).then(family => {
    const slider = document.querySelector(`.st-key-${family.control} input[type=range]`);
    live.families[name] = family;
    family.shown = slider ? frameIndex(family, slider.getAttribute("aria-valuetext")) : -1;
    if (data.player) player(parentElement, name, family, setStateValue);
  }).catch(() => {});  // no family: the chart still follows the server, after release
  return () => {
    if (live.playing && live.families[name]?.control === live.playing.control) {
      clearInterval(live.playing.timer);
      live.playing = null;
    }
    delete live.families[name];
  };
}
