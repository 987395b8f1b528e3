// Loading benchmark: the published default story (dist/, after scripts/build) loaded cold in
// headless Chromium, five times, then Lighthouse 12 on its mobile preset. Writes its table into
// BENCHMARKS.md.
//
//   node bench/load.mjs          (five cold loads and one Lighthouse run)
//   node bench/load.mjs 9        (nine cold loads)
//
// Measured per cold load (a fresh browser context, so nothing is cached), medians reported:
// - first contentful paint (the paint timing entry);
// - readable: whether the story's title, entities and facts were in the page at that paint
//   (they are in its HTML, so they paint with it);
// - when map and graph answer a click: when the app has taken the page over (the root's
//   `data-started`, recorded by an observer the page gets before its scripts), from the
//   navigation's start; each run then clicks Belarus on the map and a node in the graph and
//   waits for their details, so the figure is checked, not assumed;
// - the longest main-thread task from the navigation until then and for a second after
//   (PerformanceObserver "longtask", which sees tasks of 50 ms and more: 0 means none);
// - memory: the page's JS heap in use plus the app's wasm memory, after the clicks.
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { serve } from "../scripts/static-server.mjs";

const root = new URL("..", import.meta.url).pathname;
const runs = Number(process.argv[2]) || 5;
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const server = await serve(`${root}dist`);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });

async function coldLoad() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__bench = { longest: 0, started: null, readableAtPaint: null };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__bench.longest = Math.max(window.__bench.longest, entry.duration);
    }).observe({ type: "longtask", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name !== "first-contentful-paint") continue;
        const text = document.body?.textContent ?? "";
        window.__bench.readableAtPaint = document.querySelectorAll("[data-fact]").length > 0 && text.length > 1000;
      }
    }).observe({ type: "paint", buffered: true });
    new MutationObserver((_, observer) => {
      if (document.querySelector("#factlens[data-started]")) {
        window.__bench.started = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-started"] });
  });
  await page.goto(`${origin}/`);
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  await page.waitForTimeout(1000);
  const figures = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    started: window.__bench.started,
    longest: window.__bench.longest,
    readable: window.__bench.readableAtPaint,
  }));
  // The clicks the figure promises: a country on the map, a node in the graph.
  await page.getByTestId("map").locator('[data-hit="BY"]').click();
  await page.getByTestId("details").locator('[data-selected-country="BY"]').waitFor();
  await page.getByTestId("graph").locator('g.fl-node[data-entity="alexander-lukashenko"]').click();
  await page.getByTestId("details").locator('[data-selected-entity="alexander-lukashenko"]').waitFor();
  const cdp = await context.newCDPSession(page);
  const heap = (await cdp.send("Runtime.getHeapUsage")).usedSize;
  const wasm = await page.evaluate(() => globalThis.wasmBindings?.wasm_memory_bytes?.() ?? 0);
  await context.close();
  return { ...figures, memoryMiB: (heap + wasm) / 1048576 };
}

const loads = [];
for (let i = 0; i < runs; i++) loads.push(await coldLoad());
await browser.close();
const median = (key) => {
  const sorted = loads.map((l) => l[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

// Lighthouse 12, mobile preset (its default: a mid-range phone, simulated slow 4G), against
// Debian's Chromium.
const { default: lighthouse } = await import("lighthouse");
const { launch } = await import("chrome-launcher");
const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
const result = await lighthouse(`${origin}/`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility", "best-practices"] });
await chrome.kill();
server.close();
const lhr = result.lhr;
const audit = (id) => lhr.audits[id]?.displayValue ?? "n/a";
const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);

const version = JSON.parse(readFileSync(`${root}node_modules/lighthouse/package.json`, "utf8")).version;
const ms = (v) => `${Math.round(v)} ms`;
const section = `<!-- load-benchmark:start -->
Made by \`node bench/load.mjs\` on ${new Date().toISOString().slice(0, 10)}: the published default story (\`dist/\`) served on 127.0.0.1, ${runs} cold loads in headless Chromium at 1280 × 900 (medians), then Lighthouse ${version} (mobile preset).

| cold loads (median of ${runs}) | |
|---|---:|
| first contentful paint | ${ms(median("fcp"))} |
| the story readable at that paint (title, entities, facts) | ${loads.every((l) => l.readable) ? "yes, every run" : `in ${loads.filter((l) => l.readable).length} of ${runs} runs`} |
| map and graph answer a click (the app has taken the page over) | ${ms(median("started"))} |
| longest main-thread task until then and a second after | ${median("longest") === 0 ? "none of 50 ms or more" : ms(median("longest"))} (worst run: ${loads.some((l) => l.longest > 0) ? ms(Math.max(...loads.map((l) => l.longest))) : "none"}) |
| memory: JS heap and wasm | ${median("memoryMiB").toFixed(1)} MiB |

| Lighthouse, mobile | |
|---|---:|
| performance | ${score("performance")} |
| accessibility | ${score("accessibility")} |
| best practices | ${score("best-practices")} |
| first contentful paint | ${audit("first-contentful-paint")} |
| largest contentful paint | ${audit("largest-contentful-paint")} |
| total blocking time | ${audit("total-blocking-time")} |
| cumulative layout shift | ${audit("cumulative-layout-shift")} |
| speed index | ${audit("speed-index")} |
<!-- load-benchmark:end -->`;
const file = `${root}BENCHMARKS.md`;
let text = readFileSync(file, "utf8");
text = text.includes("<!-- load-benchmark:start -->")
  ? text.replace(/<!-- load-benchmark:start -->[\s\S]*<!-- load-benchmark:end -->/, section)
  : text.replace("## Graph layout", `## Loading the default story\n\n${section}\n\n## Graph layout`);
writeFileSync(file, text);
console.log(section);
