// Nothing tied to one story: a second, small story (examples/itaipu: South America, other
// countries, other people, a relative date anchored to a dated event) opened with `?dataset=`,
// on the map, in the graph, in the details, in the reader and on the timeline.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openExplorer, start } from "./support.mjs";

const read = (name) => readFileSync(new URL(`../examples/itaipu/${name}`, import.meta.url), "utf8");
const story = JSON.parse(read("itaipu.json"));
const routes = { "/data/itaipu.json": read("itaipu.json"), "/data/itaipu-article.txt": read("itaipu-article.txt") };
const open = (app, options = {}) => openExplorer(app, { path: "/?dataset=data/itaipu.json", routes, ...options });

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

test("the second story shows its own countries, people, facts and dates", async () => {
  const { page, explorer, context, problems } = await open(app);
  await explorer.ready();
  assert.equal(await page.locator("h1").textContent(), story.story.title);
  assert.equal(await page.locator(".fl-data").count(), 0, "the published story's data links are not this story's");

  // The map: its focus countries as the main ones, Argentina as also mentioned; nothing of Myanmar's story.
  const map = page.getByTestId("map");
  for (const code of ["BR", "PY"]) assert.match(await map.locator(`path[data-country="${code}"]`).getAttribute("class"), /fl-country--principal/);
  assert.match(await map.locator('path[data-country="AR"]').getAttribute("class"), /fl-country--mentioned/);
  assert.equal(await map.locator('path[data-country="BY"], path[data-country="MM"]').count(), 0);
  assert.match(await map.innerText(), /Itaipu Dam/);

  // The graph: a node per entity, an edge per relation.
  const graph = page.getByTestId("graph");
  for (const entity of story.entities) assert.equal(await graph.locator(`.fl-node[data-entity="${entity.id}"]`).count(), 1, entity.id);
  assert.equal(await graph.locator(".fl-edge[data-relation]").count(), story.relations.length);

  // The reader: every fact marked; a mark selects its fact, whose card quotes the article.
  const reader = page.getByTestId("article");
  for (const fact of story.facts) assert.ok((await reader.locator(`mark[data-fact="${fact.id}"]`).count()) > 0, fact.id);
  await reader.locator('mark[data-fact="argentina-objected"]').first().click();
  const card = explorer.details.locator('[data-selected-fact="argentina-objected"]');
  await card.waitFor();
  assert.match(await card.innerText(), /harm its own plans for a dam at Corpus/);
  assert.equal(await graph.locator('.fl-node[data-entity="argentina"]').getAttribute("data-selected"), "");

  // The details of a person, with the relation the dataset gives them.
  await explorer.entity("alfredo-stroessner").click();
  const details = explorer.details.locator('[data-selected-entity="alfredo-stroessner"]');
  await details.waitFor();
  assert.match(await details.innerText(), /Alfredo Stroessner\s*→\s*leads\s*→\s*Paraguay/);

  // The timeline: its own years, and a date in words beside the dated event it is relative to.
  const timeline = page.getByTestId("timeline");
  assert.deepEqual(await timeline.locator("[data-year]").evaluateAll((b) => [b[0].dataset.year, b.at(-1).dataset.year]), ["1973", "1984"]);
  const work = timeline.locator('li:has(> [data-timeline-item="work-began"])');
  assert.match(await work.locator(".fl-timeline__date").textContent(), /^“two years after the treaty was signed”, relative to The signing of the Itaipu Treaty$/);
  assert.equal(await work.locator(".fl-timeline__span").count(), 0, "no invented day");
  const [words, treaty] = [
    await work.locator(".fl-timeline__words").boundingBox(),
    await timeline.locator('li:has(> [data-timeline-item="itaipu-treaty"]) .fl-timeline__span').boundingBox(),
  ];
  assert.ok(Math.abs(words.x - (treaty.x + treaty.width / 2)) < 8, `the words sit at the treaty's day (${words.x} against ${treaty.x})`);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});

test("the second story's names are found without their accents", async () => {
  const { page, explorer, context } = await open(app);
  await explorer.ready();
  await page.keyboard.press("/");
  await page.keyboard.type("medici");
  const hit = page.getByRole("option", { name: "Emílio Garrastazu Médici", exact: true });
  await hit.waitFor();
  assert.equal(await hit.getAttribute("aria-selected"), "true", "the first hit");
  await page.keyboard.press("Enter");
  await explorer.details.locator('[data-selected-entity="emilio-medici"]').waitFor();
  await context.close();
});

// Kinds the story declares (examples/itaipu: `signed_treaty_with` and `sells_energy_to` drawn
// on the map, `owns_half_of` in the graph only) are drawn, coloured, named and filtered exactly
// as built-in kinds are.
test("the second story's declared relation kinds have arcs, colours, legend entries, chips and links", async () => {
  const declared = story.story.relation_kinds;
  assert.deepEqual(declared.map((k) => k.id), ["signed_treaty_with", "owns_half_of", "sells_energy_to"]);
  const strokes = {};
  for (const colorScheme of ["light", "dark"]) {
    const { page, explorer, context, problems } = await open(app, { colorScheme });
    await explorer.ready();
    const map = page.getByTestId("map");
    const graph = page.getByTestId("graph");
    const stroke = (locator) => locator.evaluate((el) => getComputedStyle(el).stroke);
    const treaty = map.locator('[data-arc="BR-PY-signed_treaty_with"]');
    const energy = map.locator('[data-arc="PY-BR-sells_energy_to"]');
    // The Tripartite Agreement: Argentina's two arcs.
    assert.equal(await map.locator('[data-arc^="AR-"][data-arc$="-signed_treaty_with"]').count(), 2);
    assert.match(await treaty.getAttribute("aria-label"), /^Brazil signed a treaty with Paraguay$/);
    assert.match(await energy.getAttribute("aria-label"), /^Paraguay sells energy to Brazil$/);
    assert.equal(await map.locator('[data-arc$="-owns_half_of"]').count(), 0, "a kind declared without \"map\" draws no arc");
    const owns = graph.locator('.fl-edge[data-relation="eletrobras-owns-itaipu"] .fl-edge__line');
    const leads = graph.locator('.fl-edge[data-relation="medici-leads-brazil"] .fl-edge__line');
    const colours = { treaty: await stroke(treaty), energy: await stroke(energy), owns: await stroke(owns), leads: await stroke(leads) };
    assert.equal(new Set(Object.values(colours)).size, 4, `each declared kind its own colour, none a built-in one's: ${JSON.stringify(colours)}`);
    strokes[colorScheme] = colours;

    // The map's legend names each arc kind in its colour.
    for (const [label, colour] of [["signed a treaty with", colours.treaty], ["sells energy to", colours.energy]]) {
      const item = map.locator(".fl-legend__item", { hasText: label });
      assert.equal(await item.count(), 1, label);
      assert.equal(await item.locator(".fl-legend__line").evaluate((el) => getComputedStyle(el).borderTopColor), colour, label);
    }
    // The graph: edge labels, a legend entry and a filter chip per declared kind.
    const legend = graph.locator(".fl-legend__item", { hasText: "owns half of" });
    assert.equal(await legend.locator(".fl-legend__line").evaluate((el) => getComputedStyle(el).borderTopColor), colours.owns);
    const chip = graph.locator('[data-filter-relation="owns_half_of"]');
    assert.equal((await chip.textContent()).trim(), "owns half of");
    assert.equal(await chip.locator(".fl-legend__line").evaluate((el) => getComputedStyle(el).borderTopColor), colours.owns);
    assert.deepEqual(problems.pageErrors, []);
    await context.close();
  }
  assert.notEqual(strokes.light.treaty, strokes.dark.treaty, "the palette has a dark variant");

  // Picking a declared arc: its details name its kind; hiding a declared kind goes into the link.
  const { page, explorer, context } = await open(app);
  await explorer.ready();
  // (A short curve's middle is off its stroke: the keyboard picks it, as a reader's Tab would.)
  await page.getByTestId("map").locator('[data-arc="BR-PY-signed_treaty_with"]').focus();
  await page.keyboard.press("Enter");
  const details = explorer.details.locator('[data-selected-arc="BR-PY-signed_treaty_with"]');
  await details.waitFor();
  assert.match(await details.innerText(), /signed a treaty with/);
  const graph = page.getByTestId("graph");
  await graph.locator("summary", { hasText: "Relation kinds" }).click();
  await graph.locator('[data-filter-relation="owns_half_of"]').click();
  await page.waitForFunction(() => location.hash.includes("hide-relations=owns_half_of"));
  const owned = graph.locator('.fl-edge[data-relation$="-owns-itaipu"]');
  await page.waitForFunction(() => [...document.querySelectorAll('.fl-edge[data-relation$="-owns-itaipu"]')].every((e) => e.hasAttribute("hidden")));
  assert.equal(await owned.count(), 2);
  await page.reload();
  await explorer.ready();
  await page.waitForFunction(() => [...document.querySelectorAll('.fl-edge[data-relation$="-owns-itaipu"]')].every((e) => e.hasAttribute("hidden")));
  assert.equal(await graph.locator('[data-filter-relation="owns_half_of"]').getAttribute("aria-pressed"), "false", "the link keeps the declared kind hidden");
  assert.equal(await graph.locator('.fl-edge[data-relation="medici-leads-brazil"]').isHidden(), false);
  await context.close();
});
