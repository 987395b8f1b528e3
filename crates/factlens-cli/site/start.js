// Starts the explorer on a published page. A classic script, deferred (it runs once the page is
// parsed), so that it runs even where the app's module cannot, and can then say why; `factlens
// build` writes it beside the page with the app's file names filled in.
(() => {
  // A reader's choice of theme (`?theme=light` or `dark`) over the system's.
  const theme = new URLSearchParams(location.search).get("theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  // The line says it in the page's language: `factlens build` gives it the words.
  const line = document.getElementById("fl-start-problem");
  const problem = (text) => {
    if (!line) return;
    line.textContent = text + line.dataset.below;
    line.hidden = false;
  };
  // Another language (`?lang=fr`): `factlens build` wrote this page in each language the
  // interface speaks; open that one (unless it is this file, as when a page kept offline stands
  // in for it), or say there is none.
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked && line) {
    const code = asked.split(/[-_]/)[0].toLowerCase();
    const page = new Map(line.dataset.pages.split(" ").map((pair) => pair.split("="))).get(code);
    if (!page) {
      const notice = Object.assign(document.createElement("p"), { className: "fl-notice", textContent: line.dataset.noLanguage.replace("{}", () => `\u2068${asked}\u2069`) });
      notice.setAttribute("role", "status");
      document.getElementById("factlens")?.before(notice);
    } else if (code !== line.dataset.language && !location.pathname.endsWith(`/${page}`)) {
      location.replace(page + location.search + location.hash);
      return;
    }
  }
  if (location.protocol === "file:") {
    problem(line?.dataset.server);
    return;
  }
  if (typeof WebAssembly !== "object") {
    problem(line?.dataset.wasm);
    return;
  }
  import("./{{APP_JS}}")
    .then(async (bindings) => {
      await bindings.default({ module_or_path: "./{{APP_WASM}}" });
      // For the benchmarks: the app's exports (its memory's size).
      window.wasmBindings = bindings;
    })
    .catch((error) => problem(line?.dataset.failed.replace("{}", () => error?.message ?? error)));
  // In a news page's iframe: compact chrome, and the messages hosts listen for.
  if (new URLSearchParams(location.search).has("embed")) {
    document.documentElement.classList.add("fl-embed");
    import("./embed-child.js");
  }
  // Offline after one visit: the service worker keeps this build's files.
  navigator.serviceWorker?.register("./sw.js").catch(() => {});
})();
