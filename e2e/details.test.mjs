// Selecting an entity shows its facts, each traced to its verbatim words in the article.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dataset, openExplorer, start } from "./support.mjs";

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

const factsAbout = (id) => dataset.facts.filter((f) => f.entities.includes(id) || f.attribution === id);

test("clicking an entity shows every fact about it with its verbatim quote", async () => {
  const { explorer, context } = await openExplorer(app);
  await explorer.ready();
  await explorer.entity("alexander-lukashenko").click();
  const details = explorer.details;
  await details.getByRole("heading", { name: "Alexander Lukashenko" }).waitFor();
  const expected = factsAbout("alexander-lukashenko");
  assert.ok(expected.length > 0);
  assert.equal(await details.locator("[data-fact]").count(), expected.length);
  for (const fact of expected) {
    const card = details.locator(`[data-fact="${fact.id}"]`);
    assert.equal(await card.locator(".fl-fact__statement").textContent(), fact.statement);
    assert.equal(await card.locator("mark").textContent(), fact.quote, `${fact.id} quotes the article verbatim`);
  }
  assert.equal(await explorer.entity("alexander-lukashenko").getAttribute("aria-pressed"), "true");
  await context.close();
});

test("a relation in the details opens the facts behind it, and Escape clears", async () => {
  const { page, explorer, context } = await openExplorer(app);
  await explorer.ready();
  await explorer.entity("belarus").click();
  const relation = dataset.relations.find((r) => r.from === "belarus" || r.to === "belarus");
  await explorer.details.locator(`[data-relation="${relation.id}"]`).click();
  await explorer.details.locator(`[data-selected-relation="${relation.id}"]`).waitFor();
  assert.equal(await explorer.details.locator("[data-fact]").count(), relation.facts.length);
  const focusInPanel = await page.evaluate(() => Boolean(document.activeElement?.closest("[data-testid=details]")));
  assert.ok(focusInPanel, "focus moves to the panel, not back to the page");
  await page.keyboard.press("Escape");
  await explorer.details.locator(".fl-details__empty").waitFor();
  await context.close();
});

test("keyboard alone selects an entity", async () => {
  const { page, explorer, context } = await openExplorer(app);
  await explorer.ready();
  await explorer.entity("myanmar").focus();
  await page.keyboard.press("Enter");
  await explorer.details.getByRole("heading", { name: "Myanmar", exact: true }).waitFor();
  await context.close();
});

test("a name holding a right-to-left override leaves the relation lines around it in order", async () => {
  const story = structuredClone(dataset);
  story.entities.find((e) => e.id === "belarus").name = "\u202eBelarus";
  const { page, context } = await openExplorer(app, { path: "/?dataset=data/rlo.json#entity=belarus", routes: { "/data/rlo.json": JSON.stringify(story) } });
  const line = page.getByTestId("details").locator(".fl-relation", { hasText: "supplied arms to" }).first();
  await line.waitFor();
  // The name sits in its own isolate, override and all, and the kind's words after it still read
  // left to right, letter by letter.
  assert.ok((await line.textContent()).startsWith("\u2068\u202eBelarus\u2069 → supplied arms to →"));
  const edges = await line.locator(".fl-relation__kind").evaluate((kind) => {
    const text = kind.firstChild;
    const at = text.textContent.indexOf("supplied arms to");
    return [...Array(16).keys()].map((i) => {
      const range = document.createRange();
      range.setStart(text, at + i);
      range.setEnd(text, at + i + 1);
      return range.getBoundingClientRect().left;
    });
  });
  assert.ok(edges.every((edge, i) => i === 0 || edge >= edges[i - 1]), JSON.stringify(edges));
  await context.close();
});
