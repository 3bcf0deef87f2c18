// The chart component (ui/live_chart.py); runs after plotly_loader.js.
//
// Streamlit calls the default export on mount and again with each new `data` (not when a
// rerun sent the same); the chart's div stays, so Plotly.react only redraws what changed.
// Redrawing a chart costs the browser 20-70 ms even when only one line moved (Plotly.react
// replots every trace when any data changed), so a chart is drawn only when it is or may soon
// be seen:
// - its first drawing when it comes near the screen (or before printing);
// - a new figure at once if some of the chart is on screen; for a chart out of sight, when the
//   reader scrolls (or it comes into sight, or the page is printed).
// Its text alternative is updated at once in every case.
// `data-state` says where a chart is: new, waiting (out of sight), drawing, drawn or failed.
const NEAR = "300px 0px";
// four corner brackets: the usual "full screen" sign
const FULL_SCREEN_ICON = {width: 512, height: 512, path: "M0 0H192V64H64V192H0Z" +
  "M320 0H512V192H448V64H320ZM0 320H64V448H192V512H0ZM448 320H512V512H320V448H448Z"};

// One button per chart, the same object on every draw (a new one would make Plotly.react
// treat the config as changed and draw the chart from scratch).
function fullScreenButton(box, plot) {
  if (!plot.__fullScreen) plot.__fullScreen = {
    name: "fullscreen", title: "Full screen (Esc to leave)", icon: FULL_SCREEN_ICON,
    click: () => document.fullscreenElement ? document.exitFullscreen()
                                            : box.requestFullscreen(),
  };
  return plot.__fullScreen;
}

// In full screen the chart takes the screen's width at its own height, its legend at the
// bottom (the figures place it for their column's width); back on the page, as drawn.
function fitScreen(box, plot) {
  if (!window.Plotly || !plot.data || !plot.__drawn) return;
  const {data, layout, frames, config} = plot.__drawn;
  const full = document.fullscreenElement === box;
  const legend = {...layout.legend, yref: "container", y: 0, yanchor: "bottom"};
  window.Plotly.react(plot, {data, frames, config, layout: full ?
    {...layout, width: window.innerWidth, legend} : layout});
}

// Streamlit scrolls its main block, not the page; a margin only widens the observer's root.
function scroller(el) {
  for (let up = el.parentElement; up; up = up.parentElement)
    if (/(auto|scroll)/.test(getComputedStyle(up).overflowY)) return up;
  return null;
}

// On a phone (a window under 640 px, where Streamlit stacks columns), a figure may rearrange
// itself: its layout.meta.narrow is merged into its layout, key by key (the picture stacks its
// small panels; the story keeps every other time tick). The window, not the chart: a chart
// beside its controls on a laptop is as narrow as a phone's, with room to spare below.
const NARROW_PX = 640;

function merged(base, patch) {
  if (!patch || typeof patch !== "object" || Array.isArray(patch) || !base
      || typeof base !== "object" || Array.isArray(base)) return patch === undefined ? base : patch;
  const out = {...base};
  for (const [key, value] of Object.entries(patch)) out[key] = merged(base[key], value);
  return out;
}

// In presenter mode (?present=1) every text in a chart is set at projector size through its
// layout, so Plotly lays out legends and margins for it (CSS on the drawn text did not: a larger
// legend ran out of its box). Sizes in px: a tick or a band label at 15, words at 16, axis
// titles at 17, the title at 20; a larger size a figure sets stays.
const PROJECTOR_PX = {tick: 15, text: 16, axisTitle: 17, title: 20};

function presenting() {
  return new URLSearchParams(window.location.search).get("present") === "1";
}

function atLeast(font, size) {
  return {...font, size: Math.max(font?.size || 0, size)};
}

// The layout (or a frame's changed keys, ``partial``) at projector size.
function projected(layout, partial = false) {
  const out = {...layout};
  if (!partial) {
    out.font = atLeast(layout.font, PROJECTOR_PX.text);
    out.legend = {...layout.legend, font: atLeast(layout.legend?.font, PROJECTOR_PX.text)};
  }
  if (layout.title) out.title = typeof layout.title === "string"
    ? {text: layout.title, font: {size: PROJECTOR_PX.title}}
    : {...layout.title, font: atLeast(layout.title.font, PROJECTOR_PX.title)};
  for (const [key, axis] of Object.entries(layout)) {
    if (!/^[xy]axis\d*$/.test(key) || !axis) continue;
    const title = typeof axis.title === "string" ? {text: axis.title} : axis.title;
    out[key] = {...axis, tickfont: atLeast(axis.tickfont, PROJECTOR_PX.tick),
                ...(title ? {title: {...title, font: atLeast(title.font, PROJECTOR_PX.axisTitle)}}
                          : {})};
  }
  if (Array.isArray(layout.annotations)) out.annotations = layout.annotations.map(
    a => ({...a, font: atLeast(a.font, PROJECTOR_PX.tick)}));
  if (Array.isArray(layout.shapes)) out.shapes = layout.shapes.map(  // band labels
    shape => shape.label?.text ? {...shape, label: {...shape.label,
                                  font: atLeast(shape.label.font, PROJECTOR_PX.tick)}} : shape);
  return out;
}

function fitted(box, figure) {
  const narrow = figure.layout?.meta?.narrow;
  box.dataset.narrow = String(Boolean(narrow) && window.innerWidth < NARROW_PX);
  const layout = box.dataset.narrow === "true" ? merged(figure.layout, narrow) : figure.layout;
  return {...figure, layout: presenting() ? projected(layout) : layout};
}

// A frame of the chart's family (live_family.js), drawn at once; while one is being drawn, the
// newest to come is drawn after it (a drag sends more moves than a screen shows).
function drawFrame(box, plot, detail) {
  plot.__frame = detail;
  if (plot.__framing) return;
  const {frame, index} = detail;
  plot.__frame = null;
  // not drawn yet, or out of sight: drawn when it is (a move redrew every chart of the story,
  // one after another, before the one in sight: 200-290 ms a move instead of about 120)
  if (!plot.__drawn || !window.Plotly || !plot.data || !plot.__isNear) {
    plot.__lateFrame = detail;
    return;
  }
  box.classList.toggle("kme-problem-frame", Boolean(frame.problem));
  if (frame.problem) return;  // a value the model does not cover: its caption says why
  const drawn = plot.__drawn;
  const data = frame.traces || drawn.data.map((t, i) => frame.data[i] ? {...t, ...frame.data[i]}
                                                                       : t);
  plot.__drawn = {...drawn, data, layout: {...drawn.layout, ...frame.layout}};
  box.setAttribute("aria-label", frame.alt);
  plot.__framing = true;
  const fast = movedPoints(plot, frame);
  const drawing = fast ? drawPoints(box, plot, frame, fast)
                       : window.Plotly.react(plot, fitted(box, plot.__drawn));
  drawing.catch(() => window.Plotly.react(plot, fitted(box, plot.__drawn)))  // the sure way
    .then(() => requestAnimationFrame(() => {
      quiet(plot);
      box.dataset.frame = String(index);  // for the tests: which frame is on the screen
      box.__framePainted = performance.now();
    }))
    .finally(() => {
      plot.__framing = false;
      if (plot.__frame) drawFrame(box, plot, plot.__frame);
    });
}

// The traces of a frame whose points can move without a full redraw, or null. Plotly.react
// replots the whole figure, axes included (30-45 % of a move on The dose); Plotly.animate
// without a redraw moves a scatter trace's points only, and is right when the axes they sit
// on do not rescale. A frame's other changes (a name, a line width) follow in one full
// redraw once the control rests (FULL_AFTER_MS).
const FULL_AFTER_MS = 150;

function movedPoints(plot, frame) {
  if (frame.traces || !frame.data || !plot._fullData || !plot._fullLayout) return null;
  const indices = Object.keys(frame.data).map(Number);
  for (const i of indices) {
    const trace = plot._fullData[i], keys = Object.keys(frame.data[i]);
    if (!trace || trace.type !== "scatter") return null;
    const axis = (letter, id) => plot._fullLayout[letter + "axis" + (id || "").slice(1)];
    if ((keys.includes("x") && axis("x", trace.xaxis)?.autorange !== false)
        || (keys.includes("y") && axis("y", trace.yaxis)?.autorange !== false)) return null;
  }
  return indices;
}

function drawPoints(box, plot, frame, indices) {
  const P = window.Plotly;
  const moved = indices.filter(i => "x" in frame.data[i] || "y" in frame.data[i]);
  const points = moved.map(i => Object.fromEntries(
    Object.entries(frame.data[i]).filter(([k]) => k === "x" || k === "y")));
  const styled = indices.filter(i => "line" in frame.data[i]);  // the brake thinning: cheap
  const rest = indices.some(i => Object.keys(frame.data[i]).some(
    k => !["x", "y", "line"].includes(k)));
  const settle = () => {
    clearTimeout(plot.__fullLater);
    if (rest) plot.__fullLater = setTimeout(() => {
      if (!plot.__framing) P.react(plot, fitted(box, plot.__drawn));
    }, FULL_AFTER_MS);
  };
  const narrow = box.dataset.narrow === "true" ? plot.__drawn.layout.meta.narrow : {};
  const changed = Object.fromEntries(Object.entries(frame.layout || {}).map(
    ([key, value]) => [key, merged(value, narrow[key])]));  // only the keys that changed
  const layout = presenting() ? projected(changed, true) : changed;
  return (moved.length ? P.animate(plot, {data: points, traces: moved},
                                   {mode: "immediate", transition: {duration: 0},
                                    frame: {duration: 0, redraw: false}}) : Promise.resolve())
    .then(() => styled.length
      ? P.restyle(plot, {line: styled.map(i => frame.data[i].line)}, styled) : null)
    .then(() => Object.keys(layout).length ? P.relayout(plot, layout) : null)
    .then(settle);
}

// The chart's SVG words (each tick, legend entry and label, read one by one: "0", "200",
// "400"...) are hidden from screen readers; the chart's box is a figure named by its
// description, the caption under it says the same, and its table gives the numbers.
function quiet(plot) {
  plot.querySelectorAll("svg.main-svg:not([aria-hidden])").forEach(
    svg => svg.setAttribute("aria-hidden", "true"));
}

function draw(box, plot) {
  if (plot.__queued) return;  // the queued draw will take the newest figure
  plot.__queued = true;
  box.dataset.state = "drawing";
  plot.__drawing = (plot.__drawing || Promise.resolve()).then(plotlyLoaded).then(P => {
    plot.__queued = false;
    const next = plot.__pending;
    plot.__pending = null;
    return next && next.then(figure => {
      box.querySelector(".kme-problem")?.remove();
      const config = {...figure.config, modeBarButtonsToAdd: [pictureButton(box, plot),
                                                              fullScreenButton(box, plot)]};
      plot.__drawn = {data: figure.data, layout: figure.layout, frames: figure.frames, config};
      return P.react(plot, fitted(box, plot.__drawn));
    });
  }).then(() => {
    quiet(plot);
    if (!plot.__queued) box.dataset.state = "drawn";
    const late = plot.__lateFrame;
    plot.__lateFrame = null;
    if (late) drawFrame(box, plot, late);  // its control moved before it was first drawn
  }).catch(error => {
    plot.__queued = false;
    box.dataset.state = "failed";
    if (box.querySelector(".kme-problem")) return;
    const note = document.createElement("p");
    note.className = "kme-problem";
    note.setAttribute("role", "alert");
    note.textContent = "The chart could not be drawn (" + error.message + "). The " +
      "description under it says what it shows; reloading the page may help.";
    box.prepend(note);
  });
}

export default function ({ parentElement, data }) {
  const box = parentElement.querySelector(".kme-chart");
  const plot = box.querySelector(".kme-plot");
  box.setAttribute("aria-label", data.alt);
  box.dataset.credit = data.credit || "";  // under a downloaded picture
  box.dataset.key = data.key || "";
  box.style.minHeight = ((window.innerWidth < NARROW_PX && data.narrow_height)
                         || data.height) + "px";  // no jump while it is drawn
  plot.__pending = figureIn(data);  // its data, layout, frames and config
  plot.__lateFrame = null;  // the server's figure is newer than any frame waiting
  plot.__pending.catch(() => {});  // a failure is shown when the chart is drawn, not before
  if (data.live && !plot.__live) {  // redrawn from its family while its control moves
    plot.__live = event => { if (event.detail.chart === data.live) drawFrame(box, plot,
                                                                           event.detail); };
    window.addEventListener("kme-frame", plot.__live);
  }
  if (!plot.__near) {  // first call: watch where the chart is and how wide its column is
    box.dataset.state = "new";
    const root = scroller(box);
    const whenNear = entries => {
      plot.__isNear = entries[entries.length - 1].isIntersecting;
      if (plot.__isNear && plot.__pending) draw(box, plot);
      else if (plot.__isNear && plot.__lateFrame) {  // a frame came while it was out of sight
        const late = plot.__lateFrame;
        plot.__lateFrame = null;
        drawFrame(box, plot, late);
      }
      else if (box.dataset.state === "new") box.dataset.state = "waiting";
    };
    const whenSeen = entries => {
      plot.__isSeen = entries[entries.length - 1].isIntersecting;
      if (plot.__isSeen && plot.__pending) draw(box, plot);
    };
    const scrolled = () => { if (plot.__isNear && plot.__pending) draw(box, plot); };
    const beforePrint = () => { if (plot.__pending) draw(box, plot); };
    const resize = () => {
      if (!plot.data || !window.Plotly) return;
      const narrow = String(window.innerWidth < NARROW_PX && Boolean(
        plot.__drawn?.layout?.meta?.narrow));
      if (plot.__drawn && narrow !== box.dataset.narrow)  // crossed the phone width
        window.Plotly.react(plot, fitted(box, plot.__drawn));
      else window.Plotly.Plots.resize(plot);
    };
    plot.__near = new IntersectionObserver(whenNear, {root, rootMargin: NEAR});
    plot.__near.observe(box);
    plot.__seen = new IntersectionObserver(whenSeen, {root});
    plot.__seen.observe(box);
    plot.__width = new ResizeObserver(resize);
    plot.__width.observe(box);
    const fullScreen = () => fitScreen(box, plot);
    const scrolling = root || window;
    scrolling.addEventListener("scroll", scrolled, {passive: true});
    window.addEventListener("beforeprint", beforePrint);
    document.addEventListener("fullscreenchange", fullScreen);
    plot.__stop = () => { plot.__near.disconnect(); plot.__seen.disconnect();
                          plot.__width.disconnect();
                          scrolling.removeEventListener("scroll", scrolled);
                          window.removeEventListener("beforeprint", beforePrint);
                          document.removeEventListener("fullscreenchange", fullScreen); };
  } else if (plot.__isSeen || (plot.__isNear && !plot.data)) {  // in sight, or never drawn
    draw(box, plot);
  } else if (box.dataset.state !== "new") {
    box.dataset.state = "waiting";  // drawn when the reader scrolls to it
  }
  return () => {
    plot.__stop(); plot.__near = null;
    if (plot.__live) window.removeEventListener("kme-frame", plot.__live);
    plot.__live = null;
    if (window.Plotly) window.Plotly.purge(plot);
  };
}
