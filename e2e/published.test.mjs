// A published story (`factlens build`): readable before any script runs, taken over by the app
// where it stands, and the same for a newsroom's large story.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dataset, openExplorer, start } from "./support.mjs";

const SYNTH_SITE = new URL("../target/site-synth-1000", import.meta.url).pathname;

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

test("with JavaScript off, the page shows the title, every entity and every fact's quote", async () => {
  const context = await app.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const foreign = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(app.origin)) foreign.push(request.url());
  });
  await page.goto(app.origin + "/");
  assert.equal(await page.locator("h1").textContent(), dataset.story.title);
  for (const entity of dataset.entities) {
    const button = page.getByTestId("entities").locator(`[data-entity="${entity.id}"]`);
    assert.ok(await button.isVisible(), `${entity.id} is listed`);
    assert.equal(await button.locator(".fl-entity__name").textContent(), entity.name);
  }
  // Every fact is in the HTML itself: its quote marked in the article, its statement the mark's title.
  const html = await page.content();
  for (const fact of dataset.facts) {
    const marks = page.getByTestId("article").locator(`mark[data-fact="${fact.id}"]`);
    assert.ok((await marks.count()) > 0, `${fact.id} is on the page`);
    assert.equal((await marks.allTextContents()).join(""), fact.quote, `${fact.id} marks its quote`);
    assert.equal(await marks.first().getAttribute("title"), fact.statement);
  }
  assert.ok(html.includes('id="fl-story"'), "the compiled story rides along for the app");
  assert.deepEqual(foreign, []);
  await context.close();
});

/** The published page in a fresh context, its wasm held back until `release()`: the reader has
 * the HTML alone meanwhile. Layout shifts are summed in `window.__shift`. */
async function openHeld() {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await context.route("**/*.wasm", async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(app.origin + "/");
  await page.locator("h1").waitFor();
  const started = () => page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  return { context, page, release, started };
}

/** Selects the text of `locator`'s element as a reader would; what is selected and the scroll. */
const selectText = (locator) =>
  locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    // The range, as the DOM has it (Chromium's own Selection.toString follows its rendering).
    return { text: getSelection().getRangeAt(0).toString(), y: window.scrollY };
  });

const paragraphOf = (page, n) => page.getByTestId("article").locator("p").nth(n);

test("the app takes over the page without a jump and answers", async () => {
  const { context, page, release, started } = await openHeld();
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, 400);
  await page.waitForFunction(() => window.scrollY > 0);
  assert.equal(await page.locator("#factlens[data-started]").count(), 0, "the app has not started yet");
  release();
  await started();
  await page.getByTestId("entities").locator('[data-entity="belarus"]').first().click();
  await page.getByTestId("details").locator('[data-selected-entity="belarus"]').waitFor();
  const shift = await page.evaluate(() => window.__shift);
  assert.ok(shift < 0.02, `cumulative layout shift ${shift}`);
  await context.close();
});

test("a scroll position and a text selection made before the app starts are kept", async () => {
  const { context, page, release, started } = await openHeld();
  const quote = paragraphOf(page, 3);
  await page.evaluate(() => window.scrollTo(0, 400));
  await page.waitForFunction(() => window.scrollY > 0);
  const before = await selectText(quote);
  assert.ok(before.y > 0 && before.text.length > 0);
  release();
  await started();
  const after = await quote.evaluate((element) => ({
    text: getSelection().rangeCount ? getSelection().getRangeAt(0).toString() : "",
    y: window.scrollY,
    inside: getSelection().anchorNode !== null && element.contains(getSelection().anchorNode),
  }));
  assert.equal(after.text, before.text, "the selection is kept");
  assert.ok(after.inside, "in the same element: the app took over the page's own nodes");
  assert.equal(after.y, before.y, "the scroll position is kept");
  await context.close();
});

test("a newsroom's 1,000-entity story, published, fetches the motion module, draws its graph on a canvas and answers", { skip: !existsSync(SYNTH_SITE) && "target/site-synth-1000 is made by scripts/test" }, async () => {
  const site = await start(SYNTH_SITE);
  try {
    const synth = JSON.parse(readFileSync(`${SYNTH_SITE}/data/synth-1000.json`, "utf8"));
    const { page, explorer, problems, context } = await openExplorer(site);
    await explorer.ready();
    assert.equal(await page.locator("h1").textContent(), synth.story.title);
    const graph = page.locator('[data-testid="graph"]');
    await page.locator('[data-testid="graph"][data-settled="true"]').waitFor({ timeout: 60_000 });
    assert.equal(await graph.locator("canvas").count(), 1, "a large graph is drawn on a canvas");
    const requested = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => new URL(r.name).pathname));
    assert.ok(!requested.some((path) => path.includes("loader-")), "a published story needs no loader");
    assert.ok(requested.some((path) => /\/motion-[0-9a-f]+\/factlens_motion_bg\.wasm$/.test(path)), "a large story fetches the motion module");
    assert.equal(await graph.getAttribute("data-layout"), "worker", "and lays itself out in its worker");
    // Its entities answer as the bundled story's do.
    const first = synth.entities[0];
    await explorer.entity(first.id).click();
    await page.getByTestId("details").locator(`[data-selected-entity="${first.id}"]`).waitFor();
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.foreignRequests, []);
    await context.close();
  } finally {
    await site.stop();
  }
});

test("the Data line offers the dataset and its tables, from the page's own files", async () => {
  const { page, context, problems } = await openExplorer(app);
  const links = page.locator(".fl-data a");
  assert.deepEqual(await links.allTextContents(), ["the dataset (JSON)", "entities", "relations", "facts"]);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
  const bodies = await page.evaluate((urls) => Promise.all(urls.map((url) => fetch(url).then((r) => (r.ok ? r.text() : `${r.status}`)))), hrefs);
  assert.deepEqual(JSON.parse(bodies[0]), dataset, "the JSON is the dataset");
  const tables = { entities: dataset.entities, relations: dataset.relations, facts: dataset.facts };
  for (const [i, [name, rows]] of Object.entries(tables).entries()) {
    const csv = bodies[i + 1];
    assert.match(csv, /^id,/, `${name}: a header row`);
    for (const row of rows) assert.ok(csv.includes(`\r\n${row.id},`), `${name}: ${row.id} has its row`);
  }
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});
