// The article reader: every fact marked where it stands in the text, marks that select their
// fact (pointer and keyboard), and a selection that marks its facts and brings them into view.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dataset, openExplorer, start } from "./support.mjs";

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

const mark = (page, id) => page.getByTestId("article").locator(`mark[data-fact="${id}"]`).first();

test("every fact has a mark; a claim's mark shows the fact, whose claim it is, and lights up its entities", async () => {
  const { page, explorer, context, problems } = await openExplorer(app);
  await explorer.ready();
  for (const fact of dataset.facts) {
    assert.ok((await mark(page, fact.id).count()) > 0, `${fact.id} is marked in the article`);
  }
  const claim = dataset.facts.find((f) => f.attribution === "justice-for-myanmar");
  await mark(page, claim.id).click();
  const details = explorer.details.locator(`[data-selected-fact="${claim.id}"]`);
  await details.waitFor();
  assert.match(await details.innerText(), /According to Justice For Myanmar/);
  assert.equal(await page.evaluate(() => location.hash), `#fact=${claim.id}`);
  for (const id of claim.entities) {
    const node = page.locator(`[data-testid=graph] .fl-node[data-entity="${id}"]`);
    assert.equal(await node.getAttribute("data-selected"), "", `${id} is lit in the graph`);
  }
  const stranger = dataset.entities.find((e) => !claim.entities.includes(e.id) && !dataset.relations.some((r) => r.facts.includes(claim.id) && (r.from === e.id || r.to === e.id)));
  assert.match(await page.locator(`[data-testid=graph] .fl-node[data-entity="${stranger.id}"]`).getAttribute("class"), /fl-dim/);
  assert.ok((await page.getByTestId("announcement").textContent()).length < 120);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("selecting Belarus marks its facts and scrolls the reader, not the page, to the first", async () => {
  const { page, explorer, context } = await openExplorer(app);
  await explorer.ready();
  const text = page.locator(".fl-article__text");
  await text.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await explorer.entity("belarus").scrollIntoViewIfNeeded();
  const scrollY = await page.evaluate(() => window.scrollY);
  await explorer.entity("belarus").click();
  await explorer.details.locator('[data-selected-entity="belarus"]').waitFor();
  const first = text.locator("mark.fl-mark--picked").first();
  await first.waitFor();
  const facts = dataset.facts.filter((f) => f.entities.includes("belarus")).map((f) => f.id);
  assert.ok(facts.includes(await first.getAttribute("data-fact")));
  const [box, view] = [await first.boundingBox(), await text.boundingBox()];
  assert.ok(box.y >= view.y && box.y + box.height <= view.y + view.height, "the first marked fact is in the reader's view");
  assert.equal(await page.evaluate(() => window.scrollY), scrollY, "the page itself did not move");
  await context.close();
});

test("from the keyboard a mark is reached and selected; a fact card's link and a reload keep the fact", async () => {
  const { page, explorer, context } = await openExplorer(app);
  await explorer.ready();
  const fact = dataset.facts[4];
  await mark(page, fact.id).focus();
  await page.keyboard.press("Enter");
  await explorer.details.locator(`[data-selected-fact="${fact.id}"]`).waitFor();
  // The card's "paragraph N" link is the fact's address.
  assert.equal(await explorer.details.locator(".fl-quote__source a").getAttribute("href"), `#fact=${fact.id}`);
  await page.reload();
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  await explorer.details.locator(`[data-selected-fact="${fact.id}"]`).waitFor();
  await context.close();
});

test("a link to something the story does not have says so and shows the story; the next pick clears the notice", async () => {
  const { page, explorer, context } = await openExplorer(app, { path: "/#entity=atlantis" });
  await explorer.ready();
  const notice = page.getByTestId("notice");
  await notice.waitFor();
  assert.match(await notice.innerText(), /names something the story does not have \(#entity=atlantis\)/);
  await explorer.details.locator(".fl-details__empty").waitFor();
  await explorer.entity("belarus").click();
  await explorer.details.locator('[data-selected-entity="belarus"]').waitFor();
  assert.equal(await notice.count(), 0, "the notice goes with the next pick");
  await page.goto(app.origin + "/#fact=lukashenko-arrived-in-naypyitaw");
  await explorer.details.locator('[data-selected-fact="lukashenko-arrived-in-naypyitaw"]').waitFor();
  assert.equal(await page.getByTestId("notice").count(), 0, "a link to a fact that exists is no notice");
  await context.close();
});

test("a link restores its selection after a reload, and back and forward step through three selections", async () => {
  const { page, explorer, context } = await openExplorer(app, { path: "/#entity=belarus" });
  await explorer.ready();
  const shown = (hook) => explorer.details.locator(hook).waitFor();
  await shown('[data-selected-entity="belarus"]');
  await page.reload();
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  await shown('[data-selected-entity="belarus"]');
  const fact = dataset.facts[2];
  await mark(page, fact.id).click();
  await shown(`[data-selected-fact="${fact.id}"]`);
  const relation = dataset.relations[0];
  await page.locator(`[data-testid=graph] .fl-edge[data-relation="${relation.id}"] .fl-edge__hit`).dispatchEvent("click");
  await shown(`[data-selected-relation="${relation.id}"]`);
  await page.goBack();
  await shown(`[data-selected-fact="${fact.id}"]`);
  await page.goBack();
  await shown('[data-selected-entity="belarus"]');
  await page.goForward();
  await shown(`[data-selected-fact="${fact.id}"]`);
  await page.goForward();
  await shown(`[data-selected-relation="${relation.id}"]`);
  await context.close();
});
