// Page weight is deterministic, so it is tested: what the served default page actually fetches,
// gzipped per response and summed, must stay in budget. Budgets sit just above the figures in
// BENCHMARKS.md and only go down; a change that needs bytes pays for them elsewhere.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { start } from "./support.mjs";
import { pageFiles } from "../scripts/size-report.mjs";

const KIB = 1024;
const DIST = new URL("../dist", import.meta.url).pathname;
// Set when `factlens build` made the page render its story and carry it compiled (from 338
// KiB, wasm 283 KiB, when the page built everything itself).
const BUDGET = { total: 214.0 * KIB, wasm: 160.0 * KIB };

let app;
let fetched;
before(async () => {
  app = await start();
  // What the page downloads to be seen and used; the service worker it registers afterwards
  // (for offline use) is counted apart, in the size report.
  const context = await app.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const paths = [];
  page.on("requestfinished", (request) => paths.push(new URL(request.url()).pathname));
  await page.goto(app.origin + "/");
  // Started: the app has taken over the page and the graph answers.
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.waitForLoadState("networkidle");
  await context.close();
  fetched = [...new Set(paths)].map((path) => (path === "/" ? "index.html" : path.slice(1))).sort();
});
after(async () => app?.stop());

const gzipped = (file) => gzipSync(readFileSync(`${DIST}/${file}`), { level: 9 }).length;
const kib = (bytes) => `${(bytes / KIB).toFixed(1)} KiB`;

test("the default page fetches the page, its script, wasm and styles, and nothing else", () => {
  assert.deepEqual(fetched, pageFiles(DIST), "what the size report counts is what the browser fetches");
  assert.ok(fetched.some((file) => file.endsWith(".wasm")));
  assert.ok(!fetched.some((file) => file.startsWith("loader-")), "the raw-dataset loader is not fetched");
  assert.ok(!fetched.some((file) => file.startsWith("data/")), "no raw data or map geometry is fetched");
});

test(`what the default page fetches stays under ${kib(BUDGET.total)} gzipped`, () => {
  const total = fetched.reduce((sum, file) => sum + gzipped(file), 0);
  assert.ok(total < BUDGET.total, `the page fetches ${kib(total)} gzipped: ${fetched.map((f) => `${f} ${kib(gzipped(f))}`).join(", ")}`);
});

test(`its wasm stays under ${kib(BUDGET.wasm)} gzipped`, () => {
  const wasm = fetched.filter((file) => file.endsWith(".wasm")).reduce((sum, file) => sum + gzipped(file), 0);
  assert.ok(wasm < BUDGET.wasm, `the wasm is ${kib(wasm)} gzipped`);
});
