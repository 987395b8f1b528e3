// The timeline, the year it narrows every view to, the views as tabs on a phone, and the whole
// place (selection, view, year, filters) kept in the link.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dataset, openExplorer, start, tabUntil } from "./support.mjs";

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

/** Whether a dataset date lies in `year` on the calendar (a relative date never does). */
const inYear = (date, year) => date !== undefined && date.precision !== "relative" && date.year === year;
/** The relations a year keeps: dated in it, or undated with a fact dated in it. */
const relationsIn = (year) =>
  new Set(
    dataset.relations
      .filter((r) => (r.date ? inYear(r.date, year) : r.facts.some((id) => inYear(dataset.facts.find((f) => f.id === id).date, year))))
      .map((r) => r.id),
  );

const factsIn2023Count = () => dataset.facts.filter((f) => inYear(f.date, 2023)).length;
const shownEdges = (page) => page.locator("[data-testid=graph] .fl-edge[data-relation]:not([hidden])").evaluateAll((edges) => edges.map((e) => e.dataset.relation));
const arcs = (page) => page.locator("[data-testid=map] [data-arc]:not([hidden])").evaluateAll((arcs) => arcs.map((a) => a.dataset.arc));
const marked = (page) =>
  page.getByTestId("article").locator("mark[data-fact]").evaluateAll((marks) => [...new Set(marks.map((m) => m.dataset.fact))]);

test("picking a year hides the arcs, edges and marks outside it, and All dates brings them back", async () => {
  const { page, context, explorer, problems } = await openExplorer(app);
  await explorer.ready();
  const timeline = page.getByTestId("timeline");
  const [allArcs, allEdges, allMarks] = [await arcs(page), await shownEdges(page), await marked(page)];
  assert.equal(allEdges.length, dataset.relations.length);
  assert.equal(allMarks.length, dataset.facts.length);

  await timeline.locator('[data-year="2023"]').click();
  await page.waitForFunction(() => location.hash.includes("year=2023"));
  // The views follow the fragment a moment after it changes.
  await timeline.locator('[data-year="2023"][aria-pressed="true"]').waitFor();
  assert.equal(await timeline.locator('[data-year="2022"]').getAttribute("aria-pressed"), "false");
  assert.equal(await timeline.getByRole("button", { name: "All dates" }).getAttribute("aria-pressed"), "false");
  const kept = relationsIn(2023);
  const edges = await shownEdges(page);
  assert.deepEqual(new Set(edges), kept, "the graph shows the edges of 2023's relations, and only those");
  assert.ok(edges.length > 0 && edges.length < allEdges.length);
  const arcsIn2023 = await arcs(page);
  assert.ok(arcsIn2023.length > 0 && arcsIn2023.length < allArcs.length, `${arcsIn2023.length} of ${allArcs.length} arcs`);
  assert.ok(arcsIn2023.includes("MM-BY-visited"), "Min Aung Hlaing's 2023 visits to Belarus stay on the map");
  assert.ok(!arcsIn2023.includes("BY-MM-visited"), "Lukashenko's visit, dated only “Thursday”, is not in 2023");
  const said = await timeline.getByRole("status").textContent();
  assert.equal(said, `2023: facts shown: ${factsIn2023Count()}; relations shown: ${kept.size}; on the map, in the graph and in the article.`);
  const marks = await marked(page);
  const factsIn2023 = dataset.facts.filter((f) => inYear(f.date, 2023)).map((f) => f.id);
  assert.deepEqual(new Set(marks), new Set(factsIn2023), "the article marks 2023's facts, and only those");
  // The rows outside the year are dimmed, the year's are not.
  const row = (id) => timeline.locator(`li:has(> [data-timeline-item="${id}"])`);
  assert.match(await row("military-seized-power-february-2021").getAttribute("class"), /fl-timeline__row--dim/);
  assert.doesNotMatch(await row("lukashenko-committed-election-observers").getAttribute("class"), /--dim/);

  await timeline.getByRole("button", { name: "All dates" }).click();
  await page.waitForFunction(() => !location.hash.includes("year="));
  await timeline.locator('[data-year="2023"][aria-pressed="false"]').waitFor();
  assert.equal(await timeline.getByRole("button", { name: "All dates" }).getAttribute("aria-pressed"), "true");
  assert.equal(await timeline.locator('[data-year="2023"]').getAttribute("aria-pressed"), "false");
  assert.deepEqual(await arcs(page), allArcs);
  assert.equal((await shownEdges(page)).length, allEdges.length);
  assert.equal((await marked(page)).length, allMarks.length);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("a date in the article's words shows its words and no made-up day; precision shows as length", async () => {
  const { page, context, explorer } = await openExplorer(app);
  await explorer.ready();
  const timeline = page.getByTestId("timeline");
  const thursday = timeline.locator('li:has(> [data-timeline-item="lukashenko-arrived-in-naypyitaw"])');
  assert.equal(await thursday.locator(".fl-timeline__date").textContent(), "“Thursday”");
  assert.equal(await thursday.locator(".fl-timeline__span").count(), 0, "no bar, no point: no day was invented");
  assert.doesNotMatch(await thursday.innerText(), /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)\b/);
  const before = timeline.locator('li:has(> [data-timeline-item="visit-one-month-before-election"])');
  assert.match(await before.locator(".fl-timeline__date").textContent(), /“one month before Myanmar’s scheduled election”, relative to /);
  // Every dated fact has its row; a month is drawn shorter than a year.
  for (const fact of dataset.facts.filter((f) => f.date)) {
    assert.equal(await timeline.locator(`[data-timeline-item="${fact.id}"]`).count(), 1, fact.id);
  }
  const width = async (id) => (await timeline.locator(`li:has(> [data-timeline-item="${id}"]) .fl-timeline__span`).boundingBox()).width;
  const [month, year] = [await width("min-aung-hlaing-visited-belarus-march-2023"), await width("visits-strengthened-bilateral-ties")];
  assert.ok(month > 0 && month * 8 < year, `a month ${month} px, a year ${year} px`);
  await context.close();
});

test("the keyboard picks a year and a row, and a row selects its fact everywhere", async () => {
  const { page, context, explorer } = await openExplorer(app);
  await explorer.ready();
  const timeline = page.getByTestId("timeline");
  await timeline.getByRole("button", { name: "All dates" }).focus();
  assert.ok(await tabUntil(page, () => document.activeElement?.dataset.year === "2022", 5), "Tab reaches the year 2022");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash.includes("year=2022"));
  assert.ok(await tabUntil(page, () => document.activeElement?.dataset.timelineItem === "hun-sen-visit-2022", 30), "Tab reaches a row");
  await page.keyboard.press("Enter");
  await explorer.details.locator('[data-selected-entity="hun-sen-visit-2022"]').waitFor();
  assert.equal(await page.evaluate(() => location.hash), "#entity=hun-sen-visit-2022&year=2022");
  const row = timeline.locator('li:has(> [data-timeline-item="hun-sen-visit-2022"])');
  assert.equal(await row.getAttribute("data-selected"), "");
  await context.close();
});

test("a link keeps the whole place: selection, view, year and filters survive a reload", async () => {
  const path = "/#entity=belarus&view=graph&year=2023&hide=person&hide-relations=visited";
  const { page, context, explorer, problems } = await openExplorer(app, { path });
  await explorer.ready();
  const check = async () => {
    await explorer.details.locator('[data-selected-entity="belarus"]').waitFor();
    await page.locator('[data-testid=graph] [data-filter-entity="person"][aria-pressed="false"]').waitFor();
    assert.equal(await page.locator('[data-testid=graph] [data-filter-relation="visited"]').getAttribute("aria-pressed"), "false");
    assert.equal(await page.getByTestId("timeline").locator('[data-year="2023"]').getAttribute("aria-pressed"), "true");
    assert.equal(await page.locator('[data-tab="graph"]').getAttribute("aria-selected"), "true");
    const people = new Set(dataset.entities.filter((e) => e.kind === "person").map((e) => e.id));
    const kept = relationsIn(2023);
    const shown = dataset.relations.filter((r) => kept.has(r.id) && r.kind !== "visited" && !people.has(r.from) && !people.has(r.to));
    assert.deepEqual(new Set(await shownEdges(page)), new Set(shown.map((r) => r.id)));
    assert.equal(await page.evaluate(() => location.hash), "#" + path.slice(2));
    assert.equal(await page.getByTestId("notice").count(), 0);
  };
  await check();
  await page.reload();
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  await check();
  // A filter chip changes the link in place: back leaves the filters, not the page's step.
  const steps = await page.evaluate(() => history.length);
  await page.locator('[data-testid=graph] [data-filter-entity="person"]').click();
  await page.waitForFunction(() => !location.hash.includes("hide=person"));
  assert.equal(await page.evaluate(() => history.length), steps, "no new step in the page's history");
  const parts = await page.evaluate(() => location.hash);
  assert.equal(parts, "#entity=belarus&view=graph&year=2023&hide-relations=visited");
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("a link with a part naming nothing says so and keeps the rest", async () => {
  const { page, context, explorer } = await openExplorer(app, { path: "/#entity=belarus&view=radar" });
  await explorer.ready();
  await explorer.details.locator('[data-selected-entity="belarus"]').waitFor();
  assert.match(await page.getByTestId("notice").textContent(), /view=radar/);
  await context.close();
  // A year nothing is dated in would empty every view: it is left out, and said.
  const year = await openExplorer(app, { path: "/#entity=belarus&year=1990" });
  await year.explorer.details.locator('[data-selected-entity="belarus"]').waitFor();
  assert.match(await year.page.getByTestId("notice").textContent(), /year=1990/);
  assert.equal(await year.page.getByTestId("timeline").getByRole("button", { name: "All dates" }).getAttribute("aria-pressed"), "true");
  assert.ok((await arcs(year.page)).length > 0, "the arcs stay");
  await year.context.close();
});

test("on a phone the views are tabs, reached by taps alone, and the selection stays across them", async () => {
  const { page, context, explorer, problems } = await openExplorer(app, { viewport: { width: 390, height: 844 }, hasTouch: true });
  await explorer.ready();
  const tab = (name) => page.getByRole("tab", { name });
  const views = { Map: "map", Graph: "graph", Article: "article", Timeline: "timeline" };
  const shown = async () => {
    const result = [];
    for (const id of Object.values(views)) if (await page.getByTestId(id).isVisible()) result.push(id);
    return result;
  };
  assert.deepEqual(await shown(), ["map"], "one view at a time, the map first");
  await explorer.entity("belarus").tap();
  await explorer.details.locator('[data-selected-entity="belarus"]').waitFor();
  await page.getByRole("button", { name: "Clear selection" }).waitFor();
  for (const [name, id] of Object.entries(views)) {
    await tab(name).tap();
    await page.getByTestId(id).waitFor({ state: "visible" });
    assert.deepEqual(await shown(), [id], `${name}: only its view`);
    assert.equal(await tab(name).getAttribute("aria-selected"), "true");
    assert.equal(await explorer.details.locator('[data-selected-entity="belarus"]').count(), 1, `${name}: Belarus is still picked`);
    const hash = await page.evaluate(() => location.hash);
    assert.equal(hash, id === "map" ? "#entity=belarus" : `#entity=belarus&view=${id}`);
  }
  // In each view, Belarus is what is picked.
  await tab("Graph").tap();
  assert.equal(await page.locator('[data-testid=graph] .fl-node[data-entity="belarus"]').getAttribute("data-selected"), "");
  await tab("Article").tap();
  assert.ok((await page.getByTestId("article").locator("mark.fl-mark--picked").count()) > 0);
  // A year picked in the timeline says so in every view, with the way back to all dates.
  await tab("Timeline").tap();
  await page.getByTestId("timeline").locator('[data-year="2023"]').tap();
  await tab("Map").tap();
  const narrowed = page.locator(".fl-narrowed");
  await narrowed.waitFor();
  assert.match(await narrowed.innerText(), /Only 2023 is shown/);
  await narrowed.getByRole("button", { name: "Show all dates" }).tap();
  await page.waitForFunction(() => !location.hash.includes("year="));
  await narrowed.waitFor({ state: "hidden" });
  assert.equal(await narrowed.isVisible(), false);
  assert.equal(await page.evaluate(() => location.hash), "#entity=belarus");
  // The tab bar stays reachable as a long view scrolls.
  await tab("Article").tap();
  await page.evaluate(() => window.scrollBy(0, 600));
  const bar = await page.getByRole("tablist").boundingBox();
  assert.ok(bar.y >= -1 && bar.y < 5, `the tabs stay at the top (${bar.y})`);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("on a phone the tabs follow the arrow keys, and each panel is named by its tab", async () => {
  const { page, context, explorer } = await openExplorer(app, { viewport: { width: 390, height: 844 } });
  await explorer.ready();
  await page.getByRole("tab", { name: "Map" }).focus();
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.activeElement?.dataset.tab === "graph");
  await page.getByRole("tabpanel", { name: "Graph" }).waitFor();
  assert.ok(await page.getByTestId("graph").isVisible());
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => document.activeElement?.dataset.tab === "timeline");
  // Focus moves at once; the view follows through the fragment a moment later.
  await page.getByRole("tabpanel", { name: "Timeline" }).waitFor();
  assert.ok(await page.getByTestId("timeline").isVisible());
  assert.equal(await page.getByTestId("graph").isVisible(), false);
  await context.close();
});

test("on a wide screen every view shows and there are no tabs", async () => {
  const { page, context, explorer } = await openExplorer(app, { path: "/#view=timeline" });
  await explorer.ready();
  for (const id of ["map", "graph", "article", "timeline"]) assert.ok(await page.getByTestId(id).isVisible(), id);
  assert.equal(await page.getByRole("tablist").isVisible(), false);
  assert.equal(await page.getByRole("tabpanel").count(), 0, "no panels without tabs");
  // Narrowed (a rotation, a resized window): tabs, and panels named by them; widened again, none.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("tabpanel", { name: "Timeline" }).waitFor();
  assert.ok(await page.getByRole("tablist").isVisible());
  assert.deepEqual(await (async () => { const shown = []; for (const id of ["map", "graph", "article", "timeline"]) if (await page.getByTestId(id).isVisible()) shown.push(id); return shown; })(), ["timeline"]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForFunction(() => document.querySelectorAll('[role="tabpanel"]').length === 0);
  await context.close();
});
