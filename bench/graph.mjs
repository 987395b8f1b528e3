// Graph layout benchmark: factlens in its real view vs d3-force 3 on the same synthetic graphs,
// in one run of headless Chromium. Writes the table into BENCHMARKS.md.
//
//   node bench/graph.mjs            (after scripts/build; sizes 1000 5000 20000)
//   node bench/graph.mjs 1000 5000  (some sizes only)
//   node bench/graph.mjs 20000 --cores 1  (the layout without helpers)
//
// Measured per size:
// - loading, for factlens: when the graph is on the page (from the page's start) and the
//   longest main-thread task until then;
// - layout time to convergence: factlens from the graph's first paint to data-settled="true"
//   (both moments taken in the page)
//   (the layout in its web worker, and the page drawing what it sends); d3-force from simulation
//   start to alpha < alphaMin, ticked on the page in 12 ms slices with no drawing at all, and
//   again in a web worker at full speed (every tick back to back), as a careful peer page would;
// - the longest main-thread task while the layout runs (PerformanceObserver "longtask");
// - pan and zoom, for factlens once settled: animation frames per second that show a new
//   picture while the wheel zooms in and out over the graph for a second and a pointer drags it
//   for another, an event every 8 ms (the canvas is drawn in slices, so a frame counts only if
//   a putImageData came since the last);
// - peak memory while it runs: the JS heap in use (DevTools protocol) plus, for factlens, the
//   wasm linear memory (an export of the app), of the page and of every worker it started (and
//   every worker those started: the layout's helpers),
//   sampled every 100 ms.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { serve } from "../scripts/static-server.mjs";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
// `--cores N`: the page is told the machine has N cores (`navigator.hardwareConcurrency`), so the
// layout starts N − 1 helpers (1: none), to measure what the helpers earn.
const cores = args.includes("--cores") ? Number(args[args.indexOf("--cores") + 1]) || null : null;
const sizes = args.filter((a, i) => args[i - 1] !== "--cores").map(Number).filter(Boolean);
if (sizes.length === 0) sizes.push(1000, 5000, 20000);
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

mkdirSync(`${root}dist/data`, { recursive: true });
for (const n of sizes) {
  execFileSync(`${root}target/release/factlens`, ["synth", String(n), "--out-dir", `${root}dist/data`], { stdio: "ignore" });
}

const app = await serve(`${root}dist`);
const repo = await serve(root);
const appOrigin = `http://127.0.0.1:${app.address().port}`;
const repoOrigin = `http://127.0.0.1:${repo.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS, headless: true });

/** A DevTools session on `page` that also reaches the workers it starts, and the workers they
 * start (attach before loading). A worker's session is reached through its parent's: a path of
 * session ids, each message wrapped once per level. */
async function devtools(page) {
  const cdp = await page.context().newCDPSession(page);
  const workers = [];
  const replies = new Map();
  let next = 0;
  /** Sends `method` to the session at `path` ([] is the page). */
  const send = (path, method, params = {}) => {
    if (path.length === 0) return cdp.send(method, params).catch(() => null);
    return new Promise((resolve) => {
      const id = ++next;
      replies.set(id, resolve);
      let message = JSON.stringify({ id, method, params });
      for (let level = path.length - 1; level >= 1; level--) {
        message = JSON.stringify({ id: ++next, method: "Target.sendMessageToTarget", params: { sessionId: path[level], message } });
      }
      cdp.send("Target.sendMessageToTarget", { sessionId: path[0], message }).catch(() => resolve(null));
      setTimeout(() => resolve(null), 1000);
    });
  };
  /** An event or reply from the session at `path`. */
  const receive = (path, message) => {
    if (message.method === "Target.attachedToTarget") {
      const worker = [...path, message.params.sessionId];
      workers.push(worker);
      send(worker, "Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    } else if (message.method === "Target.receivedMessageFromTarget") {
      receive([...path, message.params.sessionId], JSON.parse(message.params.message));
    } else if (message.id !== undefined) {
      replies.get(message.id)?.(message.result);
    }
  };
  cdp.on("Target.attachedToTarget", (params) => receive([], { method: "Target.attachedToTarget", params }));
  cdp.on("Target.receivedMessageFromTarget", (params) => receive([], { method: "Target.receivedMessageFromTarget", params }));
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  // The app's wasm, and on the page the motion module's too (imported again from its URL, which
  // gives the instance the page already has); a worker's scope has its own instance's bindings.
  const wasmBytes = {
    expression: `(async () => {
      const own = globalThis.wasmBindings?.wasm_memory_bytes?.() ?? 0;
      const meta = globalThis.document?.querySelector('meta[name="factlens-motion"]');
      const motion = meta ? await import(new URL(meta.content, document.baseURI).href).catch(() => null) : null;
      let theirs = 0;
      try { theirs = motion?.wasm_memory_bytes?.() ?? 0; } catch { /* not started yet */ }
      return own + theirs;
    })()`,
    awaitPromise: true,
    returnByValue: true,
  };
  /** Bytes in use now: JS heaps of the page and of every worker, plus their wasm memories. */
  cdp.memoryInUse = async () => {
    const scopes = [[], ...workers];
    const heaps = await Promise.all(scopes.map((path) => send(path, "Runtime.getHeapUsage")));
    if (!heaps[0]) return 0;
    const wasm = await Promise.all(scopes.map((path) => send(path, "Runtime.evaluate", wasmBytes)));
    cdp.scopes = scopes.length;
    return heaps.reduce((sum, h) => sum + (h?.usedSize ?? 0), 0) + wasm.reduce((sum, w) => sum + (w?.result?.value ?? 0), 0);
  };
  return cdp;
}

async function measure(page, cdp, run) {
  await page.evaluate(() => {
    window.__longest = 0;
    window.__watching = false;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (window.__watching) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: "longtask" });
  });
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await cdp.memoryInUse());
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const result = await run();
  sampling = false;
  await sampler;
  const longest = await page.evaluate(() => window.__longest);
  return { ...result, longest, peakMiB: peak / 1048576, memoryScopes: cdp.scopes };
}

/** Frames per second that show a new picture of the graph while the reader zooms and pans the
 * settled graph: a second of wheel turns, then a second of dragging, an event every 8 ms or so
 * (faster than frames; sent from inside the page, since the test driver waits for each event
 * to be handled). An animation frame counts if the canvas got a new picture since the last one
 * (its `putImageData`, seen by a wrapper the page gets before it loads): the canvas is drawn in
 * slices, so a frame can pass without one. */
async function panAndZoomFps(page) {
  await page.getByTestId("graph").locator("svg.fl-map__svg").scrollIntoViewIfNeeded();
  return page.evaluate(() => new Promise((resolve) => {
    const svg = document.querySelector('[data-testid="graph"] svg.fl-map__svg');
    const box = svg.getBoundingClientRect();
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    // Dragged from near a corner, inside the margin around the graph, so it pans (a node
    // under the pointer would be dragged instead).
    const pointer = (type, i) => svg.dispatchEvent(new PointerEvent(type, {
      bubbles: true, cancelable: true, pointerId: 7, isPrimary: true, button: 0, buttons: type === "pointerup" ? 0 : 1,
      clientX: box.x + 24 + 12 * Math.sin(i / 5), clientY: box.y + 24 + 12 * Math.cos(i / 5),
    }));
    let [frames, newPicture, counting, events, down] = [0, false, true, 0, false];
    const put = CanvasRenderingContext2D.prototype.putImageData;
    CanvasRenderingContext2D.prototype.putImageData = function (...args) {
      newPicture = true;
      return put.apply(this, args);
    };
    const count = () => {
      if (!counting) return;
      if (newPicture) frames++;
      newPicture = false;
      requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    const since = performance.now();
    const timer = setInterval(() => {
      const elapsed = performance.now() - since;
      events++;
      if (elapsed < 1000) {
        svg.dispatchEvent(new WheelEvent("wheel", { bubbles: true, cancelable: true, clientX: cx, clientY: cy, deltaY: events % 20 < 10 ? -60 : 60 }));
      } else if (elapsed < 2000) {
        pointer(down ? "pointermove" : "pointerdown", events);
        down = true;
      } else {
        clearInterval(timer);
        pointer("pointerup", events);
        counting = false;
        CanvasRenderingContext2D.prototype.putImageData = put;
        resolve(frames / ((performance.now() - since) / 1000));
      }
    }, 8);
  }));
}

const rows = [];
for (const n of sizes) {
  // factlens, in the explorer itself.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (cores) await context.addInitScript((c) => Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => c }), cores);
  const page = await context.newPage();
  const cdp = await devtools(page);
  // Loading: every long task from the page's start until the graph is on it.
  await page.addInitScript(() => {
    window.__loadingTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__loadingTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(`${appOrigin}/?dataset=data/synth-${n}.json`);
  const ours = await measure(page, cdp, async () => {
    await page.waitForFunction(() => document.querySelector('[data-testid="graph"]'), null, { polling: 50, timeout: 600000 });
    const loading = await page.evaluate(() => ({ shownMs: performance.now(), longestMs: Math.max(0, ...window.__loadingTasks) }));
    // The moment of settling is taken in the page: the locator's polling backs off to 500 ms,
    // which would round small layouts up by as much.
    const start = await page.evaluate(() => {
      window.__watching = true;
      const graph = document.querySelector('[data-testid="graph"]');
      window.__settledAt = graph.dataset.settled === "true" ? performance.now() : null;
      new MutationObserver(() => {
        if (graph.dataset.settled === "true") window.__settledAt ??= performance.now();
      }).observe(graph, { attributes: true, attributeFilter: ["data-settled"] });
      return performance.now();
    });
    // Polled rarely and cheaply: a locator's query of this large page costs its main thread
    // as much as a second over a 20,000-node layout.
    await page.waitForFunction(() => window.__settledAt != null, null, { polling: 250, timeout: 600000 });
    const ms = (await page.evaluate(() => window.__settledAt)) - start;
    const graph = page.getByTestId("graph");
    return { ms, loading, layout: await graph.getAttribute("data-layout"), helpers: Number(await graph.getAttribute("data-layout-helpers")) };
  });
  ours.fps = await panAndZoomFps(page);
  await context.close();

  const d3Context = await browser.newContext();
  const d3Page = await d3Context.newPage();
  const d3Cdp = await devtools(d3Page);
  await d3Page.goto(`${repoOrigin}/bench/d3-force.html`);
  await d3Page.waitForFunction(() => window.d3Ready);
  const theirs = await measure(d3Page, d3Cdp, async () => {
    await d3Page.evaluate(() => { window.__watching = true; });
    return d3Page.evaluate((url) => window.runD3(url), `/dist/data/synth-${n}.json`);
  });
  // d3-force in a web worker at full speed, as a careful peer page would run it.
  const inWorker = await measure(d3Page, d3Cdp, async () => {
    await d3Page.evaluate(() => { window.__watching = true; });
    return d3Page.evaluate((url) => window.runD3InWorker(url), `/dist/data/synth-${n}.json`);
  });
  await d3Context.close();
  const row = { n, ours, theirs, inWorker };
  rows.push(row);
  console.log(JSON.stringify(row));
}
await browser.close();
app.close();
repo.close();

const s = (ms) => (ms / 1000).toFixed(2);
const table = [
  "| nodes | relations | factlens: to convergence (s) | d3-force on the page: to convergence (s) | speed-up | d3-force in a worker: to convergence (s) | speed-up | factlens: longest task (ms) | d3-force on the page: longest task (ms) | d3-force in a worker: longest task (ms) | factlens: pan/zoom (fps) | factlens: peak memory (MiB) | d3-force on the page: peak memory (MiB) |",
  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(({ n, ours, theirs, inWorker }) =>
    `| ${n} | ${4 * n} | ${s(ours.ms)} | ${s(theirs.ms)} | ${(theirs.ms / ours.ms).toFixed(1)}× | ${s(inWorker.ms)} | ${(inWorker.ms / ours.ms).toFixed(1)}× | ${Math.round(ours.longest)} | ${Math.round(theirs.longest)} | ${Math.round(inWorker.longest)} | ${ours.fps.toFixed(0)} | ${ours.peakMiB.toFixed(0)} | ${theirs.peakMiB.toFixed(0)} |`),
].join("\n");
const megabytes = (n) => (statSync(`${root}dist/data/synth-${n}.json`).size / 1e6).toFixed(1);
const loadingTable = [
  "| nodes | dataset (MB) | factlens: graph on the page after (s) | factlens: longest task while loading (ms) |",
  "|---:|---:|---:|---:|",
  ...rows.map(({ n, ours }) => `| ${n} | ${megabytes(n)} | ${s(ours.loading.shownMs)} | ${Math.round(ours.loading.longestMs)} |`),
].join("\n");
const chromiumVersion = execFileSync("/usr/bin/chromium", ["--version"]).toString().trim();
const section = `<!-- graph-benchmark:start -->
Made by \`${["node bench/graph.mjs", ...process.argv.slice(2)].join(" ")}\` on ${new Date().toISOString().slice(0, 10)}, ${chromiumVersion}, headless, on this 2-core machine; synthetic graphs from \`factlens synth N\` (seed 1).

${table}

Loading the same stories, from the page's start (fetching, parsing and checking the dataset, building the story, its map and its graph, and the first render) until the graph is on the page:

${loadingTable}

Where the factlens layout ran: ${[...new Set(rows.map((r) => `${r.ours.layout} with ${r.ours.helpers} helper${r.ours.helpers === 1 ? "" : "s"}`))].join("; ")} (the graph's \`data-layout\` and \`data-layout-helpers\`); its peak memory counts ${Math.max(...rows.map((r) => r.ours.memoryScopes ?? 0))} JS heaps and wasm memories (the page's and every worker's). A longest task of 0 means no task reached the 50 ms long-task threshold while the layout ran.
<!-- graph-benchmark:end -->`;
const file = `${root}BENCHMARKS.md`;
let text = "";
try { text = readFileSync(file, "utf8"); } catch {}
text = text.includes("<!-- graph-benchmark:start -->")
  ? text.replace(/<!-- graph-benchmark:start -->[\s\S]*<!-- graph-benchmark:end -->/, section)
  : `${text}\n## Graph layout\n\n${section}\n`;
writeFileSync(file, text);
console.log(table);
console.log(loadingTable);
