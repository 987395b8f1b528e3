// Names in any direction: a right-to-left name reads right to left, and a name that opens a
// right-to-left override and never closes it cannot turn the interface's words around it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openExplorer, start } from "./support.mjs";

const read = (name) => readFileSync(new URL(`../examples/itaipu/${name}`, import.meta.url), "utf8");
const story = JSON.parse(read("itaipu.json"));
const ARABIC = "ألفريدو ستروسنر";
const OVERRIDE = "\u202EParaguay"; // RIGHT-TO-LEFT OVERRIDE, never popped
const name = (id, to) => (story.entities.find((entity) => entity.id === id).name = to);
name("alfredo-stroessner", ARABIC);
name("paraguay", OVERRIDE);
const routes = { "/data/itaipu.json": JSON.stringify(story), "/data/itaipu-article.txt": read("itaipu-article.txt") };

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

/** The left edges of `word`'s letters where it first occurs in `element`'s text, in reading order. */
const letterEdges = (element, word) =>
  element.evaluate((element, word) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
      const at = node.textContent.indexOf(word);
      if (at < 0) continue;
      return [...word].map((_, i) => {
        const range = document.createRange();
        range.setStart(node, at + i);
        range.setEnd(node, at + i + 1);
        return range.getBoundingClientRect().left;
      });
    }
    return null;
  }, word);

const increasing = (edges) => edges.every((edge, i) => i === 0 || edge > edges[i - 1]);

test("a right-to-left name reads right to left, and an override in a name stays inside it", async () => {
  const { page, explorer, problems } = await openExplorer(app, { path: "/?dataset=data/itaipu.json", routes });
  await explorer.ready();

  // The Arabic name takes its own direction wherever it is shown as text.
  await explorer.entity("alfredo-stroessner").click();
  const details = explorer.details.locator('[data-selected-entity="alfredo-stroessner"]');
  await details.waitFor();
  assert.equal(await details.locator("h2").evaluate((h) => h.matches(":dir(rtl)")), true);
  assert.equal(await explorer.entity("alfredo-stroessner").locator(".fl-entity__name").evaluate((n) => n.matches(":dir(rtl)")), true);
  assert.equal(await page.locator(".fl-title").evaluate((h) => h.matches(":dir(ltr)")), true, "the story's own title stays left to right");

  // "‮Paraguay → sells energy to → Brazil": without its isolate, the override would run on and
  // reverse the kind's words after the name (a bare override does, measured the same way).
  await explorer.entity("paraguay").click();
  const paraguay = explorer.details.locator('[data-selected-entity="paraguay"]');
  await paraguay.waitFor();
  const sells = paraguay.locator(".fl-relation").filter({ hasText: "sells energy to" }).first();
  assert.ok(increasing(await letterEdges(sells, "sells energy to")), "an override left open in a name does not reverse the words after it");

  // Words made for a screen reader or a tooltip isolate the name (FSI … PDI).
  const graphNode = await page.getByTestId("graph").locator('.fl-node[data-entity="paraguay"]').getAttribute("aria-label");
  assert.ok(graphNode.startsWith(`\u2068${OVERRIDE}\u2069, `), JSON.stringify(graphNode));
  const country = await page.getByTestId("map").locator('path[data-country="PY"]').getAttribute("aria-label");
  assert.ok(country.startsWith(`\u2068${OVERRIDE}\u2069, `), JSON.stringify(country));
  assert.match(await page.getByTestId("announcement").textContent(), new RegExp(`^\u2068${OVERRIDE}\u2069, `));
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], foreignRequests: [] });
});
