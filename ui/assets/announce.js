// The page's live region (ui/announce.py): one role="status" element on <body>, made once and
// kept, outside Streamlit's React tree (a live region made anew by a rerun is often not read).
//
// Once a control has settled (no key or pointer move for SETTLE_MS and no script running), it
// says in one sentence what the interaction changed: the controls whose value differs from
// when it began, then the page's sentence (announce.say) if one came, else the key numbers
// that changed (ui/readouts.py; a drag updates them in the browser, live_family.js), else the
// first clauses of a chart description that changed. So a held arrow key or a drag is said
// once, at its final value, and a rerun that repaints the same numbers says nothing.
const SETTLE_MS = 700;
const POLL_MS = 150;  // while a script runs, look again this often
const MAX_WAIT_MS = 20000;  // a script that never ends: say what is shown by then
const MAX_NUMBERS = 3;  // the two or three numbers that matter, not the whole row
const MAX_CONTROLS = 3;  // more at once (Reset to defaults) is said as a count
const HIDDEN = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;" +
  "overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap";

// --- the sentence (pure: tests/test_announce.py runs these in Node) --------------------------

// "Dose (mg/kg)" -> ["Dose", "mg/kg"]; "Chronic stress (0 = none, 1 = severe)" -> a scale,
// not a unit: ["Chronic stress", ""].
export function splitLabel(label) {
  const text = String(label).replace(/\s+/g, " ").trim();
  const match = text.match(/^(.*\S)\s*\(([^()]*)\)$/);
  const unit = match && !/[=,]/.test(match[2]) ? match[2].trim() : "";
  return [match ? match[1] : text, unit];
}

// A control and its value: "Dose 0.70 mg/kg" (a slider), "Evidence grade, Mixed evidence"
// (a select box: the pause a comma gives keeps the two apart). A control's long label is cut
// at its first comma ("Time shown in the picture, its description and ...").
export function controlPhrase({label, value, kind}) {
  const [long, unit] = splitLabel(label);
  const name = long.split(", ")[0];
  const shown = String(value).trim();
  if (kind === "choice") return `${name}, ${shown}`;
  return unit && !shown.endsWith(unit) ? `${name} ${shown} ${unit}` : `${name} ${shown}`;
}

// A key number as words: "Peak brain level", "1.54 µM" -> "peak brain level 1.54 µM";
// "Highest BDNF (× baseline)", "1.85" -> "highest BDNF 1.85 × baseline".
export function numberPhrase(label, value) {
  const [name, unit] = splitLabel(label);
  const lower = /^[A-Z][a-z]/.test(name) ? name[0].toLowerCase() + name.slice(1) : name;
  return `${lower} ${String(value).trim()}${unit ? " " + unit : ""}`;
}

// The first sentence of a description, up to its third clause.
export function firstClauses(text, clauses = MAX_NUMBERS) {
  const first = String(text || "").trim().split(/(?<=[.!?])\s+/)[0] || "";
  const parts = first.replace(/[.!?]$/, "").split("; ");
  return parts.slice(0, clauses).join("; ");
}

function sameName(label, control) {
  const name = text => splitLabel(text)[0].split(", ")[0].toLowerCase();
  return name(label) === name(control.label);
}

// One sentence from what changed: controls [{label, value, kind}], the page's message, key
// numbers [[label, value]] and chart descriptions (strings), all as they are now. "" if
// nothing changed.
export function compose({controls = [], message = "", numbers = [], descriptions = []}) {
  const head = controls.length > MAX_CONTROLS ? `${controls.length} settings changed`
    : controls.map(controlPhrase).join(", ");
  // a number that repeats a control (the brain level beside its own slider) is said once
  const fresh = numbers.filter(([label, value]) => !controls.some(
    c => sameName(label, c) || controlPhrase(c).endsWith(` ${String(value).trim()}`)));
  const body = message ? String(message).trim()
    : fresh.length ? fresh.slice(0, MAX_NUMBERS).map(([l, v]) => numberPhrase(l, v)).join("; ")
    : firstClauses(descriptions[0]);
  const text = head && body ? `${head}: ${body}` : head || body;
  return !text || /[.!?]["”]?$/.test(text) ? text : text + ".";
}

// --- the page ---------------------------------------------------------------------------------

function keyOf(element, fallback) {
  const keyed = element.closest('[class*="st-key-"]');
  const match = keyed && keyed.className.match(/st-key-(\S+)/);
  return match ? match[1] : fallback;
}

// Sliders (their value as the slider says it) and select boxes (the option shown), by key.
function readControls() {
  const found = new Map();
  for (const el of document.querySelectorAll(
    '[data-testid="stSlider"] input[type="range"], [data-testid="stSelectbox"] input[role="combobox"]')) {
    const label = el.getAttribute("aria-label") || "";
    const range = el.type === "range";
    found.set(keyOf(el, label), {label, kind: range ? "number" : "choice",
                                 value: range ? (el.getAttribute("aria-valuetext") || el.value)
                                              : el.value});
  }
  return found;
}

// The key numbers (ui/readouts.py) as shown, by label and its occurrence on the page.
function readNumbers() {
  const found = new Map();
  for (const dt of document.querySelectorAll(".kme-readouts dt")) {
    const label = dt.textContent.trim();
    let id = label, n = 1;
    while (found.has(id)) id = `${label} #${++n}`;
    found.set(id, [label, (dt.nextElementSibling?.textContent || "").trim()]);
  }
  return found;
}

function readDescriptions() {
  return [...document.querySelectorAll(".kme-chart")].map(
    (chart, i) => [chart.dataset.key || String(i), chart.getAttribute("aria-label") || ""]);
}

function busy() {
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app?.dataset.testScriptState;
  return (state !== undefined && state !== "notRunning")
    || Boolean(document.querySelector('[data-stale="true"]'));
}

function hub() {
  if (window.__kmeAnnounce) return window.__kmeAnnounce;
  const h = window.__kmeAnnounce = {region: null, pending: null, timer: 0, said: new Map(),
                                    page: null, visit: 0};
  document.addEventListener("keydown", () => begin(h), true);
  document.addEventListener("pointerdown", () => begin(h), true);
  document.addEventListener("pointermove", event => { if (event.buttons) later(h); }, true);
  return h;
}

function region(h) {
  if (h.region?.isConnected) return h.region;
  const el = document.getElementById("kme-announce") || document.createElement("div");
  el.id = "kme-announce";
  el.className = "kme-announce";
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  el.setAttribute("aria-atomic", "true");
  el.style.cssText = HIDDEN;  // out of sight, still in the accessibility tree
  if (!el.isConnected) document.body.appendChild(el);
  return h.region = el;
}

// An interaction begins (or goes on): remember the page as it was before it.
function begin(h) {
  if (!h.pending) h.pending = {visit: h.visit, path: location.pathname, message: "",
                               controls: readControls(), numbers: readNumbers(),
                               descriptions: new Map(readDescriptions())};
  later(h);
}

function later(h) {
  if (!h.pending) return;
  clearTimeout(h.timer);
  h.pending.idle = 0;
  h.pending.waited = 0;
  h.timer = setTimeout(() => settle(h), SETTLE_MS);
}

function settle(h) {
  const p = h.pending;
  if (!p) return;
  // idle twice in a row, POLL_MS apart: a rerun about to start has started by then
  p.idle = busy() ? 0 : p.idle + 1;
  if (p.idle < 2 && p.waited < MAX_WAIT_MS) {
    p.waited += POLL_MS;
    h.timer = setTimeout(() => settle(h), POLL_MS);
    return;
  }
  h.pending = null;
  if (p.visit !== h.visit || p.path !== location.pathname) return;  // another page now
  const controls = [...readControls()].filter(
    ([key, c]) => p.controls.has(key) && p.controls.get(key).value !== c.value).map(([, c]) => c);
  const numbers = [...readNumbers()].filter(
    ([id, [, value]]) => p.numbers.get(id)?.[1] !== value).map(([, pair]) => pair);
  const descriptions = readDescriptions().filter(
    ([key, text]) => text && p.descriptions.has(key) && p.descriptions.get(key) !== text)
    .map(([, text]) => text);
  if (!controls.length && !p.message) return;  // only a control or the page starts a sentence
  const text = compose({controls, message: p.message, numbers, descriptions});
  const el = region(h);
  if (text && el.textContent !== text) el.textContent = text;
}

// app.py's setup() and each announce.say() (data.key and data.text), each with data.page, the
// page's url path: whichever comes first on a new page begins a new visit (their order is not
// fixed). A sentence is said when it differs from what its key said before in this visit of
// the page: not when the page opens, nor when a rerun sends it again.
export default function ({ data }) {
  const h = hub();
  region(h);
  if (!data) return;
  if (data.page !== h.page) {
    h.page = data.page;
    h.visit += 1;
  }
  if (!data.key) return;
  const before = h.said.get(data.key);
  h.said.set(data.key, {text: data.text, visit: h.visit});
  if (!before || before.visit !== h.visit || before.text === data.text) return;
  begin(h);
  h.pending.message = data.text;
}
