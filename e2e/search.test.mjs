// Search: keyboard first, insensitive to case and accents, entities by kind and then facts.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dataset, openExplorer, start } from "./support.mjs";

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

test("/ focuses the search; a lower-case name finds Naypyitaw; the arrows and Enter select; Escape leaves it", async () => {
  const { page, explorer, context, problems } = await openExplorer(app);
  await explorer.ready();
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("/");
  const box = page.locator("#fl-search");
  assert.equal(await page.evaluate(() => document.activeElement.id), "fl-search", "/ focuses the search box");
  await page.keyboard.type("naypyi");
  const hits = page.locator("#fl-search-hits [role=option]");
  await hits.first().waitFor();
  assert.equal(await hits.first().innerText(), "Naypyitaw");
  assert.equal(await hits.first().getAttribute("aria-selected"), "true");
  assert.equal(await box.getAttribute("aria-activedescendant"), await hits.first().getAttribute("id"));
  // Entities first, then the facts that mention it, under their headings.
  const groups = await page.locator("#fl-search-hits .fl-search__group").allTextContents();
  assert.equal(groups.at(-1), "Facts");
  await page.keyboard.press("ArrowDown");
  assert.equal(await hits.nth(1).getAttribute("aria-selected"), "true");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await explorer.details.locator('[data-selected-entity="naypyitaw"]').waitFor();
  await page.keyboard.press("Escape");
  assert.equal(await box.inputValue(), "", "Escape empties the search");
  assert.equal(await explorer.details.locator('[data-selected-entity="naypyitaw"]').count(), 1, "and keeps the selection");
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("a search without accents finds a name written with them; a fact is found by its words; no match is said plainly", async () => {
  const story = structuredClone(dataset);
  story.entities.find((e) => e.id === "nyo-saw").name = "Nyò Sàw";
  const { page, explorer, context } = await openExplorer(app, { path: "/?dataset=data/accents.json", routes: { "/data/accents.json": JSON.stringify(story) } });
  await explorer.ready();
  const box = page.locator("#fl-search");
  await box.fill("NYO SAW");
  const hits = page.locator("#fl-search-hits [role=option]");
  await hits.first().waitFor();
  assert.equal(await hits.first().innerText(), "Nyò Sàw");
  await hits.first().click();
  await explorer.details.locator('[data-selected-entity="nyo-saw"]').waitFor();

  await box.fill("radar");
  await hits.first().waitFor();
  const fact = dataset.facts.find((f) => /radar/i.test(f.statement) || /radar/i.test(f.quote));
  const texts = await hits.allInnerTexts();
  assert.ok(texts.includes(fact.statement), `the fact that mentions radar is found: ${texts}`);

  await box.fill("atlantis");
  await page.getByText("No match for “atlantis”.").waitFor();
  assert.equal(await hits.count(), 0);
  await context.close();
});
