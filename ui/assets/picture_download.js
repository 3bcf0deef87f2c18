// "Download a picture" (issue 22): the chart as a PNG with, under it, what a picture on a
// worksheet or a slide must carry: the conceptual label, the link to the view (it holds the
// settings: the scenario), the app's version and the day. Runs after live_chart.js's helpers;
// replaces Plotly's own camera button, whose picture carried none of it.
const PICTURE_LINE_PX = 18;

function pictureLines(box) {
  const credit = box.dataset.credit || "";
  return [credit, `Settings: ${window.location.href}`,
          `Drawn ${new Date().toISOString().slice(0, 10)}`];
}

function downloadPicture(box, plot) {
  const P = window.Plotly, width = plot.clientWidth, height = plot.clientHeight;
  return P.toImage(plot, {format: "png", width, height, scale: 2}).then(url => new Promise(
    (resolve, reject) => {
      const image = new Image();
      image.onload = () => {
        const lines = pictureLines(box), scale = 2;
        const canvas = document.createElement("canvas");
        canvas.width = width * scale;
        canvas.height = (height + PICTURE_LINE_PX * (lines.length + 1)) * scale;
        const ink = canvas.getContext("2d");
        ink.fillStyle = "#FFFFFF";
        ink.fillRect(0, 0, canvas.width, canvas.height);
        ink.drawImage(image, 0, 0, width * scale, height * scale);
        ink.fillStyle = "#1A1A1A";
        ink.font = `${12 * scale}px "Source Sans", sans-serif`;
        lines.forEach((line, i) => ink.fillText(
          line, 8 * scale, (height + PICTURE_LINE_PX * (i + 1)) * scale, (width - 16) * scale));
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
