// A large synthetic story (scripts/test writes dist/data/synth-1000.json with `factlens synth`):
// the graph is drawn on a canvas, settles in time slices, and stays usable from the keyboard.
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
