// A large synthetic story (scripts/test writes dist/data/synth-1000.json with `factlens synth`):
// the layout runs in a worker (or, where a worker cannot start, in time slices on the page), the
// graph is drawn on a canvas, and it stays usable from the keyboard.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openExplorer, start } from "./support.mjs";

const synth = JSON.parse(readFileSync(new URL("../dist/data/synth-1000.json", import.meta.url), "utf8"));
let app;
before(async () => (app = await start()));
after(async () => app?.stop());

test("a 1,000-entity story settles on a canvas and the keyboard walks and selects nodes", async () => {
  const { page, explorer, problems, context } = await openExplorer(app, { path: "/?dataset=data/synth-1000.json" });
  const graph = page.getByTestId("graph");
  await page.locator('[data-testid="graph"][data-settled="true"]').waitFor({ timeout: 120000 });
  assert.equal(await graph.getAttribute("data-layout"), "worker", "laid out off the main thread");
  assert.equal(await graph.locator("canvas").count(), 1, "drawn on a canvas");
  assert.equal(await graph.locator("g[data-entity]").count(), 0, "no element per node");

  const input = graph.getByRole("application", { name: "Relationship graph" });
  await input.focus();
  await page.keyboard.press("ArrowRight");
  const first = await page.getByTestId("graph-focus").textContent();
  assert.match(first, /relations\. Arrow keys/);
  await page.keyboard.press("ArrowRight");
  const second = await page.getByTestId("graph-focus").textContent();
  const [firstName, secondName] = [first, second].map((t) => t.split(",")[0]);
  const ids = new Map(synth.entities.map((e) => [e.name, e.id]));
  const [a, b] = [ids.get(firstName), ids.get(secondName)];
  assert.ok(a && b, `announced names are entities: ${firstName}, ${secondName}`);
  assert.ok(synth.relations.some((r) => (r.from === a && r.to === b) || (r.from === b && r.to === a)), "the arrow key walked along a relation");
  await page.keyboard.press("Enter");
  await explorer.details.locator(`[data-selected-entity="${b}"]`).waitFor();
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});

test("a long entity list shows 200 of a kind at first, and each press of Show more adds 200 and moves the focus to the first added", async () => {
  const { page, problems, context } = await openExplorer(app, { path: "/?dataset=data/synth-1000.json" });
  const people = page.getByTestId("entities").locator('section[data-kind="person"]');
  const ids = synth.entities.filter((e) => e.kind === "person").map((e) => e.id);
  assert.equal(ids.length, 500, "the synthetic story has 500 people");
  const listed = () => people.locator("button[data-entity]").evaluateAll((buttons) => buttons.map((b) => b.dataset.entity));
  await people.locator("button[data-entity]").first().waitFor();
  assert.deepEqual(await listed(), ids.slice(0, 200), "the first 200, in dataset order");
  assert.match(await people.locator("h2").textContent(), /People\s*500/, "the heading counts them all");
  const more = people.getByRole("button", { name: "Show 200 more (300 not listed)" });
  assert.equal(await more.getAttribute("aria-describedby"), "fl-kind-person", "a screen reader hears whose list it is");
  await more.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((id) => document.activeElement?.dataset?.entity === id, ids[200]);
  assert.deepEqual(await listed(), ids.slice(0, 400));
  await people.getByRole("button", { name: "Show 100 more (100 not listed)" }).click();
  await page.waitForFunction((id) => document.activeElement?.dataset?.entity === id, ids[400]);
  assert.deepEqual(await listed(), ids, "every person is listed now");
  assert.equal(await people.locator(".fl-more").count(), 0, "nothing more to show");
  // Other kinds keep their own count.
  const organisations = page.getByTestId("entities").locator('section[data-kind="organization"]');
  assert.equal(await organisations.locator("button[data-entity]").count(), 200);
  await organisations.getByRole("button", { name: "Show 50 more (50 not listed)" }).waitFor();
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

/** What the canvas shows once it shows the latest scene (it is drawn in slices): how many pixels
 * differ from the frame's background, and how many have the exact colour of each entity kind
 * (nodes drawn at full opacity). */
async function canvasInk(page) {
  await page.locator('[data-testid="graph"] canvas[data-drawn="true"]').waitFor();
  return page.getByTestId("graph").locator("canvas").evaluate((canvas) => {
    const style = getComputedStyle(canvas);
    const hex = (name) => style.getPropertyValue(name).trim();
    const rgb = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    const [br, bg, bb] = rgb(hex("--fl-surface"));
    const kinds = Object.fromEntries(["country", "person", "organization", "place", "event", "group"].map((k) => [k, rgb(hex(`--fl-${k}`))]));
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    const counts = { inked: 0, pixels: canvas.width * canvas.height, kinds: Object.fromEntries(Object.keys(kinds).map((k) => [k, 0])) };
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== br || data[i + 1] !== bg || data[i + 2] !== bb) counts.inked++;
      for (const [kind, [r, g, b]] of Object.entries(kinds)) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) counts.kinds[kind]++;
    }
    return counts;
  });
}

test("the canvas shows edges and nodes in their kinds' colours, in light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, problems, context } = await openExplorer(app, { path: "/?dataset=data/synth-1000.json", colorScheme });
    await page.locator('[data-testid="graph"][data-settled="true"]').waitFor({ timeout: 120000 });
    const ink = await canvasInk(page);
    assert.ok(ink.inked > 0.05 * ink.pixels && ink.inked < 0.9 * ink.pixels, `${colorScheme}: ${ink.inked} of ${ink.pixels} pixels inked`);
    const kinds = new Set(synth.entities.map((e) => e.kind));
    for (const kind of kinds) assert.ok(ink.kinds[kind] > 20, `${colorScheme}: ${kind} nodes drawn (${ink.kinds[kind]} pixels)`);
    assert.deepEqual(problems.pageErrors, []);
    await context.close();
  }
});

test("where a worker cannot start, the layout settles on the page, and the same picture results", async () => {
  const settledInk = async (options) => {
    const { page, problems, context } = await openExplorer(app, { path: "/?dataset=data/synth-1000.json", ...options });
    const graph = page.getByTestId("graph");
    await page.locator('[data-testid="graph"][data-settled="true"]').waitFor({ timeout: 120000 });
    const layout = await graph.getAttribute("data-layout");
    await graph.locator('canvas[data-drawn="true"]').waitFor();
    const pixels = await graph.locator("canvas").evaluate((canvas) => Array.from(canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data));
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors.filter((e) => !/worker/i.test(e)), []);
    await context.close();
    return { layout, pixels };
  };
  const inWorker = await settledInk({});
  // A host page whose policy refuses workers outright…
  const refused = await settledInk({ initScript: () => { window.Worker = function () { throw new DOMException("refused by policy", "SecurityError"); }; } });
  // …and one where the worker starts but its script fails.
  const failing = await settledInk({
    initScript: () => {
      const Real = window.Worker;
      window.Worker = function (_url, options) {
        return new Real(URL.createObjectURL(new Blob(["throw new Error('blocked')"], { type: "text/javascript" })), options);
      };
    },
  });
  assert.equal(inWorker.layout, "worker");
  assert.equal(refused.layout, "page");
  assert.equal(failing.layout, "page");
  // Deterministic layout: the same ticks in a worker or on the page draw the same pixels.
  assert.equal(refused.pixels.length, inWorker.pixels.length);
  assert.ok(refused.pixels.every((v, i) => v === inWorker.pixels[i]), "page and worker layouts draw identical pixels");
  assert.ok(failing.pixels.every((v, i) => v === inWorker.pixels[i]), "a worker that fails to load ends in the same picture");
});

test("helper workers share the layout's ticks as the cores allow, and the layout is the same to the last bit with any number", async () => {
  const settled = async (cores) => {
    const { page, problems, context } = await openExplorer(app, {
      path: "/?dataset=data/synth-5000.json",
      initScript: (c) => {
        Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => c });
        // The most helpers the graph said it had while its layout still moved, seen at every
        // change (a poll from outside may miss a short window on a busy machine).
        window.__helpersWhileMoving = 0;
        new MutationObserver(() => {
          const graph = document.querySelector('[data-testid="graph"]');
          if (graph?.dataset.settled === "false") {
            window.__helpersWhileMoving = Math.max(window.__helpersWhileMoving, Number(graph.dataset.layoutHelpers ?? 0));
          }
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-layout-helpers", "data-settled"] });
      },
      initArg: cores,
    });
    const graph = page.getByTestId("graph");
    const expected = Math.min(cores - 1, 3);
    await page.locator('[data-testid="graph"][data-settled="true"]').waitFor({ timeout: 120000 });
    // The helpers joined while the layout still moved (they start 600 ms in; it takes seconds).
    assert.equal(await page.evaluate(() => window.__helpersWhileMoving), expected, `${cores} cores`);
    const result = await graph.evaluate((g) => ({ layout: g.dataset.layout, helpers: Number(g.dataset.layoutHelpers), digest: g.dataset.layoutDigest }));
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors, []);
    await context.close();
    return result;
  };
  // One helper per core beyond the layout worker's own, three at most.
  const [alone, one, three] = [await settled(1), await settled(2), await settled(8)];
  assert.deepEqual([alone, one, three].map((r) => [r.layout, r.helpers]), [["worker", 0], ["worker", 1], ["worker", 3]]);
  // Shares are cut differently on every run, yet the ticks add up to the same numbers.
  assert.match(alone.digest, /^[0-9a-f]{16}$/);
  assert.equal(one.digest, alone.digest, "one helper: the same positions");
  assert.equal(three.digest, alone.digest, "three helpers: the same positions");
});
