// "Download a picture" (issue 22): the chart as a PNG with, under it, what a picture on a
// worksheet or a slide must carry: the conceptual label, what the chart shows now (its
// description: the scenario in words), the page's main sources with their links, the link to
// the view (it holds the settings), the app's version and the day. Runs after live_chart.js's
// helpers; replaces Plotly's own camera button, whose picture carried none of it.
const PICTURE_LINE_PX = 18;
const PICTURE_FONT_PX = 12;

// The words of ``text`` in lines that fit ``width`` px as ``ink`` measures them.
function wrapped(ink, text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const longer = line ? `${line} ${word}` : word;
    if (line && ink.measureText(longer).width > width) {
      lines.push(line);
      line = word;
    } else line = longer;
  }
  return line ? [...lines, line] : lines;
}

function pictureLines(box) {
  const shown = document.querySelector(`[data-kme-caption="${box.dataset.key}"]`)?.textContent
    || box.getAttribute("aria-label") || "";
  const sources = document.querySelector("[data-kme-sources]")?.textContent || "";
  return [box.dataset.credit || "", shown && `Shown: ${shown}`, sources,
          `Settings: ${window.location.href}`, `Drawn ${new Date().toISOString().slice(0, 10)}`]
    .filter(Boolean);
}

// The page's web font does not reach a picture (Plotly draws it as an SVG image, which sees
// only the system's fonts), so its words came out wider than Plotly had measured them and
// legends were cut ("Systolic blood pressure change (mmH"). The picture is laid out afresh in
// a system font, measured as it is drawn.
const PICTURE_FONT = "Liberation Sans, Arial, Helvetica, sans-serif";

function inSystemFont(value) {
  if (Array.isArray(value)) return value.map(inSystemFont);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(
    ([key, v]) => [key, key === "family" ? PICTURE_FONT : inSystemFont(v)]));
}

function downloadPicture(box, plot) {
  const P = window.Plotly, width = plot.clientWidth, height = plot.clientHeight;
  const shown = fitted(box, plot.__drawn);  // as on the screen: phone or projector layout
  const layout = inSystemFont({...shown.layout, font: {...shown.layout.font,
                                                        family: PICTURE_FONT}});
  const figure = {data: inSystemFont(shown.data), layout, config: {staticPlot: true}};
  return P.toImage(figure, {format: "png", width, height, scale: 2}).then(url => new Promise(
    (resolve, reject) => {
      const image = new Image();
      image.onload = () => {
        const scale = 2, font = `${PICTURE_FONT_PX * scale}px "Source Sans", sans-serif`;
        const canvas = document.createElement("canvas");
        let ink = canvas.getContext("2d");
        ink.font = font;  // to measure: each text wraps to the picture's width, none is cut
        const lines = pictureLines(box).flatMap(
          text => wrapped(ink, text, (width - 16) * scale));
        canvas.width = width * scale;
        canvas.height = (height + PICTURE_LINE_PX * (lines.length + 1)) * scale;
        ink = canvas.getContext("2d");  // a canvas's size change resets its drawing state
        ink.fillStyle = "#FFFFFF";
        ink.fillRect(0, 0, canvas.width, canvas.height);
        ink.drawImage(image, 0, 0, width * scale, height * scale);
        ink.fillStyle = "#1A1A1A";
        ink.font = font;
        lines.forEach((line, i) => ink.fillText(
          line, 8 * scale, (height + PICTURE_LINE_PX * (i + 1)) * scale));
        const link = document.createElement("a");
        link.download = `ketamine-explorer-${box.dataset.key || "chart"}.png`;
        link.href = canvas.toDataURL("image/png");
        link.click();
        resolve(link.download);
      };
      image.onerror = () => reject(new Error("the picture could not be made"));
      image.src = url;
    }));
}

// One button per chart, the same object on every draw (as fullScreenButton).
function pictureButton(box, plot) {
  if (!plot.__picture) plot.__picture = {
    name: "picture", title: "Download a picture (PNG) with the label, the settings and the day",
    icon: window.Plotly.Icons.camera, click: () => downloadPicture(box, plot),
  };
  return plot.__picture;
}
