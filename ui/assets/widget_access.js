// Three repairs to Streamlit 1.67's own markup (ui/controls.py, WIDGET_ACCESS), for controls and
// tables drawn at any time: one observer for the page.
//
// Every slider named once: Streamlit labels a slider's thumb with aria-label and also with
// aria-labelledby="<thumb> <group>", and gives the group the same label, so the thumb's name
// is read twice ("Dose (mg/kg) Dose (mg/kg)"). Where the ids named add nothing to the thumb's
// own aria-label, aria-labelledby goes and the aria-label names the thumb alone.
//
// A table wider than its column scrolls sideways in a box that the keyboard cannot reach
// (axe: scrollable-region-focusable): while it scrolls, the box is a Tab stop, a region
// named after its table, so the arrow keys scroll it.
// A swipe scrolls (PhET's touch practice): on a touch screen, Streamlit's slider took any touch
// on its track as a drag, so a thumb swiping down the page changed the value (it jumped to the
// finger) instead of scrolling. A touch that starts on a slider's track, not on its thumb, is
// kept from the slider; access.css lets the browser scroll it (touch-action: pan-y). The thumb
// still drags sideways, and a mouse or the keyboard work as before.
//
// Help read out (WCAG 4.1.2): a control's "?" shows its help, which holds the source notes,
// only while the pointer is on it (Streamlit puts the tooltip in the page then), and nothing
// ties the help to the control, so a screen reader never reads it. ui/controls.py writes each
// control's help into a hidden element (class kme-help, data-for: the control's key); the
// control and its "?" button are described by it.
//
const access = window.__kmeWidgetAccess || (window.__kmeWidgetAccess = {observer: null});
const SLIDERS = 'input[type="range"][aria-labelledby]';
const TABLE_BOXES = '[data-testid="stTable"] > div:has(> table)';

function labelOf(id, input) {
  if (id === input.id) return input.getAttribute("aria-label");
  const named = document.getElementById(id);
  return named ? named.getAttribute("aria-label") : null;
}

function nameOnce(input) {
  const own = input.getAttribute("aria-label");
  const ids = (input.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
  if (own && ids.length && ids.every(id => labelOf(id, input) === own))
    input.removeAttribute("aria-labelledby");
}

function reachable(box) {
  const scrolls = box.scrollWidth > box.clientWidth + 1;
  if (scrolls && !box.hasAttribute("tabindex")) {
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    const name = box.querySelector("table")?.getAttribute("aria-label") || "Table";
    box.setAttribute("aria-label", `${name} (scrolls sideways)`);
  } else if (!scrolls && box.hasAttribute("tabindex")) {
    ["tabindex", "role", "aria-label"].forEach(a => box.removeAttribute(a));
  }
}

function watchTable(box) {
  if (box.dataset.kmeWatched) return;
  box.dataset.kmeWatched = "1";
  new ResizeObserver(() => reachable(box)).observe(box);
  reachable(box);
}

const HELP = ".kme-help[data-for]";
const DESCRIBED = 'input:not([type="hidden"]), [role="combobox"], button[aria-label^="Help for"]';

function describe() {
  document.querySelectorAll(HELP).forEach(help => {
    const box = document.querySelector(`.st-key-${CSS.escape(help.dataset.for)}`);
    box?.querySelectorAll(DESCRIBED).forEach(control => {
      if (control.getAttribute("aria-describedby") !== help.id)
        control.setAttribute("aria-describedby", help.id);
    });
  });
}

const THUMB = 'div:has(> div > input[type="range"])';

function letSwipeScroll(event) {
  if (event.pointerType !== undefined && event.pointerType !== "touch") return;
  const target = event.target instanceof Element ? event.target : null;
  if (!target?.closest('[data-testid="stSlider"]') || target.closest(THUMB)) return;
  if (!target.closest('[data-testid="stSlider"] [data-orientation="horizontal"]')) return;
  event.stopPropagation();  // before React's listener on the app's root
}

function repair(root) {
  for (const [selector, fix] of [[SLIDERS, nameOnce], [TABLE_BOXES, watchTable]]) {
    if (root.matches && root.matches(selector)) fix(root);
    if (root.querySelectorAll) root.querySelectorAll(selector).forEach(fix);
  }
}

export default function () {
  repair(document);
  describe();
  if (access.observer) return;
  document.addEventListener("pointerdown", letSwipeScroll, {capture: true});
  document.addEventListener("touchstart", letSwipeScroll, {capture: true, passive: true});
  access.observer = new MutationObserver(records => {
    for (const record of records) {
      if (record.type === "attributes") repair(record.target);
      else record.addedNodes.forEach(node => {  // a chart's SVG holds no slider or table
        if (node.nodeType === 1 && !(node instanceof SVGElement)) repair(node); });
    }
    describe();  // once a batch: a few help elements, looked up by their controls' keys
  });
  access.observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                          attributeFilter: ["aria-labelledby",
                                                            "aria-describedby"]});
}
