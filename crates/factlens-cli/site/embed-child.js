// Embed mode (`?embed`): the explorer inside a news page's iframe. The start script imports this
// file only then. It tells the host page its height, in the three formats hosts listen for,
// whenever it changes; it obeys the host's commands (select an entity, clear the selection, set
// the theme) from its parent window and trusted origins only; and it tells those origins what
// the reader selects. The page's other readers never download it.
const params = new URLSearchParams(location.search);
const parent = window.parent;
// Pym.js names its child in the iframe's URL; Datawrapper-style hosts may name theirs.
const childId = params.get("childId");
const embedId = params.get("embedId") ?? "factlens";
// The origins whose commands are obeyed and which hear of selections: `?host=` (a comma-separated
// list), or else the origin of the page that framed this one.
const referrer = document.referrer ? new URL(document.referrer).origin : "";
const hosts = (params.get("host") ?? referrer).split(",").map((origin) => origin.trim()).filter(Boolean);

let reported = 0;
function reportHeight(always) {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (parent === window || height === 0 || (height === reported && !always)) return;
  reported = height;
  if (childId) parent.postMessage(`pymxPYMx${childId}xPYMxheightxPYMx${height}`, "*");
  parent.postMessage({ sentinel: "amp", type: "embed-size", height }, "*");
  parent.postMessage({ "datawrapper-height": { [embedId]: height } }, "*");
}

// Any change of size: a selection, filters, the window's width, fonts arriving, and a frame
// that starts hidden (a background tab, a collapsed container) and is shown later.
new ResizeObserver(() => reportHeight(false)).observe(document.documentElement);
document.fonts?.ready.then(() => reportHeight(true));
addEventListener("load", () => reportHeight(true));
document.addEventListener("visibilitychange", () => reportHeight(true));
reportHeight(true);

// A link to the full page at the reader's selection, for readers who want more room than the
// frame gives (outside the app's own elements, which only the app may change).
const full = new URL(location.href);
full.search = "";
const link = Object.assign(document.createElement("a"), { href: full.href, target: "_blank", rel: "noopener", className: "fl-embed-full", textContent: document.getElementById("factlens")?.dataset.openFull ?? "↗" });
// Styled here: the page's style sheet is every reader's download, and only embeds need this.
link.style.cssText = "display:block;text-align:right;font-size:.875rem";
document.getElementById("factlens")?.before(link);

addEventListener("message", (event) => {
  if (event.source !== parent || parent === window) return;
  const data = event.data;
  // Pym's parent sends its width and expects the height back.
  if (typeof data === "string") {
    if (childId && data.startsWith(`pymxPYMx${childId}xPYMxwidthxPYMx`)) reportHeight(true);
    return;
  }
  if (!hosts.includes(event.origin) || data?.type !== "factlens" || data.version !== 1) return;
  // A command changes what is selected and keeps the reader's view, year and filters.
  if (data.command === "select" && typeof data.entity === "string") location.hash = withSelection(`entity=${encodeURIComponent(data.entity)}`);
  if (data.command === "clear") location.hash = withSelection("");
  if (data.command === "theme" && ["light", "dark", "system"].includes(data.theme)) {
    if (data.theme === "system") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = data.theme;
  }
});

// The app keeps the reader's place in the URL fragment (`entity=belarus&view=graph&year=2023`):
// the part that names a selection, and the rest.
const SELECTIONS = ["entity", "relation", "country", "arc", "fact"];
const parts = () => location.hash.slice(1).split("&").filter(Boolean);
const selectionPart = () => parts().find((part) => SELECTIONS.includes(part.split("=")[0]));
const withSelection = (part) => [part, ...parts().filter((p) => p !== selectionPart())].filter(Boolean).join("&");

// What the reader selected, for the trusted hosts: said when it changes, not when the view,
// year or filters do.
let said = selectionPart();
addEventListener("hashchange", () => {
  link.hash = location.hash;
  const part = selectionPart();
  if (part === said) return;
  said = part;
  const [kind, id] = part ? part.split("=") : [];
  const selection = kind && id ? { kind, id: decodeURIComponent(id) } : null;
  for (const origin of hosts) parent.postMessage({ type: "factlens", version: 1, event: "select", selection }, origin);
});
