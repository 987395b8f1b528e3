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
