// Starts the explorer on a published page. A classic script, deferred (it runs once the page is
// parsed), so that it runs even where the app's module cannot, and can then say why; `factlens
// build` writes it beside the page with the app's file names filled in.
(() => {
  const problem = (text) => {
    const line = document.getElementById("fl-start-problem");
    if (!line) return;
    line.textContent = `${text} The story and its facts are below.`;
    line.hidden = false;
  };
  if (location.protocol === "file:") {
    problem("The map and the graph need this page served by a web server: opened as a file, its scripts are refused.");
    return;
  }
  if (typeof WebAssembly !== "object") {
    problem("The map and the graph need WebAssembly, which this browser does not run.");
    return;
  }
  import("./{{APP_JS}}")
    .then(async (bindings) => {
      await bindings.default({ module_or_path: "./{{APP_WASM}}" });
      // For the benchmarks: the app's exports (its memory's size).
      window.wasmBindings = bindings;
    })
    .catch((error) => problem(`The map and the graph could not start here (${error?.message ?? error}).`));
  // Offline after one visit: the service worker keeps this build's files.
  navigator.serviceWorker?.register("./sw.js").catch(() => {});
})();
