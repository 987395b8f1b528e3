// The relationship graph: a node per related entity, selection by click and keyboard, edges,
// filters, dragging to pin, pinching to zoom.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dataset, dragBy, openExplorer, pinchOut, start } from "./support.mjs";

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

async function openGraph(options) {
  const opened = await openExplorer(app, options);
  const graph = opened.page.getByTestId("graph");
  await opened.page.locator('[data-testid="graph"][data-settled="true"]').waitFor();
  return { ...opened, graph };
}

const related = [...new Set(dataset.relations.flatMap((r) => [r.from, r.to]))];

test("every related entity is a node and every relation an edge", async () => {
  const { graph, problems, context } = await openGraph();
  for (const id of related) {
    assert.equal(await graph.locator(`g[data-entity="${id}"]`).count(), 1, `node ${id}`);
  }
  for (const relation of dataset.relations) {
    assert.equal(await graph.locator(`g[data-relation="${relation.id}"]`).count(), 1, `edge ${relation.id}`);
  }
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test("clicking the Lukashenko node shows his facts, including the Naypyitaw visit, and dims the rest", async () => {
  const { page, graph, explorer, context } = await openGraph();
  await graph.locator('g[data-entity="alexander-lukashenko"]').click();
  await explorer.details.locator('[data-selected-entity="alexander-lukashenko"]').waitFor();
  const motion = await page.evaluate(() => performance.getEntriesByType("resource").filter((r) => r.name.includes("/motion-")).length);
  assert.equal(motion, 0, "a click moves nothing, so nothing is fetched to move it");
  const visit = dataset.facts.find((f) => f.entities.includes("alexander-lukashenko") && f.quote.includes("Naypyitaw"));
  assert.ok(visit, "the dataset has the Naypyitaw visit");
  assert.equal(await explorer.details.locator(`[data-fact="${visit.id}"]`).count(), 1);
  assert.equal(await graph.locator('g[data-entity="alexander-lukashenko"]').getAttribute("data-selected"), "");
  const neighbours = new Set(dataset.relations.flatMap((r) => (r.from === "alexander-lukashenko" ? [r.to] : r.to === "alexander-lukashenko" ? [r.from] : [])));
  const stranger = related.find((id) => id !== "alexander-lukashenko" && !neighbours.has(id));
  assert.match(await graph.locator(`g[data-entity="${stranger}"]`).getAttribute("class"), /fl-dim/);
  await context.close();
});

test("clicking an edge shows the relation and the facts behind it", async () => {
  const { graph, explorer, context } = await openGraph();
  const relation = dataset.relations.find((r) => r.kind === "supplied_arms_to");
  await graph.locator(`g[data-relation="${relation.id}"] .fl-edge__hit`).dispatchEvent("click");
  await explorer.details.locator(`[data-selected-relation="${relation.id}"]`).waitFor();
  assert.equal(await explorer.details.locator("[data-fact]").count(), relation.facts.length);
  await context.close();
});

test("the keyboard walks along edges to neighbours and selects with Enter", async () => {
  const { page, graph, explorer, context } = await openGraph();
  await page.getByRole("button", { name: "Reset graph zoom" }).focus();
  // Past the filter chips and the disclosure to the graph's one tab stop.
  let entity;
  for (let i = 0; i < 12 && !entity; i++) {
    await page.keyboard.press("Tab");
    entity = await page.evaluate(() => document.activeElement.closest("[data-testid=graph] g[data-entity]")?.dataset.entity);
  }
  assert.ok(entity, "Tab reaches a graph node");
  const neighbours = new Set(dataset.relations.flatMap((r) => (r.from === entity ? [r.to] : r.to === entity ? [r.from] : [])));
  await page.keyboard.press("ArrowRight");
  const next = await page.evaluate(() => document.activeElement.dataset.entity);
  assert.ok(neighbours.has(next), `${next} is a neighbour of ${entity}`);
  await page.keyboard.press("Enter");
  await explorer.details.locator(`[data-selected-entity="${next}"]`).waitFor();
  await page.keyboard.press("Escape");
  await explorer.details.locator(".fl-details__empty").waitFor();
  // The graph is a component of its own, and may render a moment after the details.
  await graph.locator(".fl-dim").first().waitFor({ state: "detached", timeout: 5000 }).catch(() => {});
  assert.equal(await graph.locator(".fl-dim").count(), 0, "nothing is dimmed once cleared");
  await context.close();
});

test("entity-kind filter chips hide and show nodes", async () => {
  const { graph, context } = await openGraph();
  const chip = graph.locator('[data-filter-entity="group"]');
  // A filter is part of the reader's place: it goes through the URL fragment, so the graph
  // answers a moment after the click.
  await chip.click();
  await graph.locator('[data-filter-entity="group"][aria-pressed="false"]').waitFor();
  const groups = dataset.entities.filter((e) => e.kind === "group" && related.includes(e.id));
  assert.ok(groups.length > 0);
  for (const group of groups) await graph.locator(`g[data-entity="${group.id}"]`).waitFor({ state: "hidden" });
  await chip.click();
  await graph.locator('[data-filter-entity="group"][aria-pressed="true"]').waitFor();
  for (const group of groups) assert.equal(await graph.locator(`g[data-entity="${group.id}"]`).isVisible(), true);
  await context.close();
});

test("dragging a node pins it where it is dropped", async () => {
  const { page, graph, explorer, context } = await openGraph();
  const node = graph.locator('g[data-entity="china"]');
  const neighbour = graph.locator('g[data-entity="myanmar-military"]');
  const before = await node.getAttribute("transform");
  const neighbourBefore = await neighbour.getAttribute("transform");
  const fetched = () => page.evaluate(() => performance.getEntriesByType("resource").filter((r) => r.name.includes("/motion-")).length);
  assert.equal(await fetched(), 0, "a published graph at rest needs no layout");
  await dragBy(page, node, 60, 40);
  await page.locator('[data-testid="graph"][data-settled="true"]').waitFor();
  assert.ok((await fetched()) > 0, "the first drag fetches the layout");
  assert.match(await node.getAttribute("class"), /fl-node--pinned/);
  assert.notEqual(await node.getAttribute("transform"), before);
  assert.notEqual(await neighbour.getAttribute("transform"), neighbourBefore, "its neighbours follow it");
  assert.equal(await explorer.details.locator('[data-selected-entity="china"]').count(), 0, "a drag is not a click");
  await context.close();
});

test("a two-finger pinch zooms the graph and selects nothing", async () => {
  const { page, graph, explorer, context } = await openGraph({ viewport: { width: 390, height: 844 }, hasTouch: true, path: "/#view=graph" });
  const svg = graph.locator("svg.fl-map__svg");
  // The pan-and-zoom group is the svg's first <g>.
  const zoom = svg.locator(":scope > g").first();
  const before = await zoom.getAttribute("transform");
  await pinchOut(page, context, svg);
  const after = await zoom.getAttribute("transform");
  assert.notEqual(after, before);
  const scale = Number(after.match(/scale\(([\d.]+)\)/)[1]);
  assert.ok(scale > 1.5, `fingers spread apart zoom in (scale ${scale})`);
  assert.equal(await explorer.details.locator("[data-selected-entity]").count(), 0, "a pinch is not a tap");
  await context.close();
});
