// Starts the explorer on a published page. A classic script, deferred (it runs once the page is
// parsed), so that it runs even where the app's module cannot, and can then say why; `factlens
// build` writes it beside the page with the app's file names filled in.
(() => {
  // A reader's choice of theme (`?theme=light` or `dark`) over the system's.
  const theme = new URLSearchParams(location.search).get("theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  const problem = (text) => {
    const line = document.getElementById("fl-start-problem");
    if (!line) return;
    line.textContent = `${text} The story and its facts are below.`;
    line.hidden = false;
  };
  if (location.protocol === "file:") {
    problem("The map and the graph need a web server: opened as a file, this page's scripts are refused (standalone.html, beside it, works as a file).");
    return;
  }
  if (typeof WebAssembly !== "object") {
    problem("The map and the graph need WebAssembly, which this browser lacks.");
    return;
  }
  import("./{{APP_JS}}")
    .then(async (bindings) => {
      await bindings.default({ module_or_path: "./{{APP_WASM}}" });
      // For the benchmarks: the app's exports (its memory's size).
      window.wasmBindings = bindings;
    })
    .catch((error) => problem(`The map and the graph could not start (${error?.message ?? error}).`));
  // In a news page's iframe: compact chrome, and the messages hosts listen for.
  if (new URLSearchParams(location.search).has("embed")) {
    document.documentElement.classList.add("fl-embed");
    import("./embed-child.js");
  }
  // Offline after one visit: the service worker keeps this build's files.
  navigator.serviceWorker?.register("./sw.js").catch(() => {});
})();
