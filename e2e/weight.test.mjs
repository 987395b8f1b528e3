// Page weight is deterministic, so it is tested: what a reader downloads must stay in budget.
// Budgets are deliberate ceilings with a little headroom over today's figures (see the build's
// size table); raise one only with a reason in the commit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { measure } from "../scripts/size-report.mjs";

const KIB = 1024;
// The synthetic stories the large-graph test writes into dist/ are not part of the bundle.
const rows = measure(new URL("../dist", import.meta.url).pathname).filter((r) => !r.file.startsWith("data/synth-"));
const total = (key) => rows.reduce((t, r) => t + r[key], 0);

// Raised from 300 and 230 KiB when the relationship graph landed (it added about 45 KiB of wasm),
// and from 330 and 335 with the wasm below.
test("the whole page stays under 338 KiB gzipped", () => {
  assert.ok(total("gzip") < 338 * KIB, `gzip total is ${(total("gzip") / KIB).toFixed(1)} KiB`);
});

// Raised from 270 KiB when the layout worker, the canvas rasterizer and the graph's pinch landed
// (270.1 KiB; the worker itself downloads nothing more), and from 275 when the layout's helper
// workers and stamped dots landed (276.6 KiB), and from 280 when loading learned to give way to the
// page (parsing piece by piece, checking and indexing as async steps with pauses: 274.8 to 280.8
// KiB).
test("the wasm stays under 283 KiB gzipped", () => {
  const wasm = rows.find((r) => r.file.endsWith(".wasm"));
  assert.ok(wasm, "the bundle has a wasm file");
  assert.ok(wasm.gzip < 283 * KIB, `wasm is ${(wasm.gzip / KIB).toFixed(1)} KiB gzipped`);
});

test("the map geometry stays under 40 KiB gzipped", () => {
  const world = rows.find((r) => r.file === "data/world.json");
  assert.ok(world && world.gzip < 40 * KIB, `world.json is ${(world?.gzip / KIB).toFixed(1)} KiB gzipped`);
});
