// Focus the control that switched presenter mode (ui/presenter.py, _return_focus), once the
// redrawn page has it: Streamlit redraws the page and focus fell to its body. data.key is the
// control's Streamlit key (its box has the class st-key-<key>); data.switch counts the switches,
// and each is acted on once (the request comes with every run after it). For a few seconds, while the
// rest of the page is still drawn (which can replace the focused element and drop focus to the
// body again), focus that fell to the body goes back to the control; a key press or a click
// ends that. A control out of sight, such as the switch in a closed sidebar on a phone, is left
// unfocused.
const WATCH_MS = 4000;

function target(key) {
  const box = document.querySelector(`.st-key-${CSS.escape(key)}`);
  return box && box.querySelector("button, input");
}

const done = window.__kmeFocusReturn || (window.__kmeFocusReturn = new Set());

export default function ({ data }) {
  if (!data || !data.key || done.has(data.switch)) return;
  done.add(data.switch);
  const started = performance.now();
  let stopped = false;
  const stop = () => { stopped = true; };
  document.addEventListener("keydown", stop, { once: true, capture: true });
  document.addEventListener("pointerdown", stop, { once: true, capture: true });
  const watch = () => {
    if (stopped || performance.now() - started > WATCH_MS) return;
    const control = target(data.key);
    const lost = !document.activeElement || document.activeElement === document.body;
    if (control && lost && control.getClientRects().length) control.focus();
    requestAnimationFrame(watch);
  };
  watch();
}
