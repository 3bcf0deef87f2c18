// "Copy my numbers" (ui/copy_numbers.py): the page's settings in words, its key numbers and
// the link to this view, on the clipboard for homework. The link is the address the reader
// sees (it holds the settings). navigator.clipboard needs a secure page (https or
// localhost); a class served over plain http on its own network gets the older copy command.
function copyText(text) {
  if (navigator.clipboard && window.isSecureContext)
    return navigator.clipboard.writeText(text);
  return new Promise((resolve, reject) => {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    done ? resolve() : reject(new Error("the browser would not copy"));
  });
}

// The key numbers as the reader sees them now (a drag updates them before the server does).
function shownNumbers(data) {
  const list = data.live && document.querySelector(`[data-kme-live="${data.live}"]`);
  if (!list) return data.numbers;
  return [...list.querySelectorAll("dt")].map(dt =>
    `${dt.textContent}: ${dt.nextElementSibling?.textContent ?? ""}`).join("\n");
}

export default function ({ parentElement, data }) {
  const button = parentElement.querySelector(".kme-copy");
  const status = parentElement.querySelector(".kme-copy-status");
  button.onclick = () => {
    const text = `${data.title}\n\nSettings\n${data.settings}\n\nNumbers\n${shownNumbers(data)}` +
      `\n\nLink: ${window.location.href}\n${data.label}`;
    copyText(text).then(
      () => { status.textContent = "Copied: settings, numbers and link."; },
      error => { status.textContent = `Could not copy (${error.message}); select the ` +
                                      "numbers and the address bar instead."; });
  };
}
