// One instrument: the map, the graph, the lists and the details answer each other; claims are
// shown as claims; labels are legible; the phone's sheet, the keyboard and print work.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dataset, openExplorer, start, tabUntil } from "./support.mjs";

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

const PHONE = { width: 390, height: 844 };
const graphNode = (page, id) => page.locator(`[data-testid=graph] .fl-node[data-entity="${id}"]`);
const mapCountry = (page, code) => page.locator(`path.fl-country[data-country="${code}"]`);

test("Belarus picked on the map or in the graph is one selection, bright in both, with one page of details", async () => {
  const { page, explorer, context, problems } = await openExplorer(app);
  await explorer.ready();
  await page.locator('[data-hit="BY"]').click();
  await explorer.details.locator('[data-selected-entity="belarus"]').waitFor();
  assert.equal(await graphNode(page, "belarus").getAttribute("data-selected"), "");
  assert.doesNotMatch(await graphNode(page, "alexander-lukashenko").getAttribute("class"), /fl-dim/, "Lukashenko is bright in the graph");
  assert.match(await graphNode(page, "russia").getAttribute("class"), /fl-dim/, "what is not near Belarus is dim");
  assert.equal(await explorer.entity("belarus").getAttribute("data-selected"), "");
  // textContent: the panel's off-screen parts are not rendered (content-visibility), so have no innerText.
  const fromMap = await explorer.details.locator("article").textContent();

  await page.keyboard.press("Escape");
  await explorer.details.locator(".fl-details__empty").waitFor();
  assert.equal(await page.locator("[data-selected]").count(), 0, "clearing clears every view");

  await graphNode(page, "belarus").click();
  await explorer.details.locator('[data-selected-entity="belarus"]').waitFor();
  assert.equal(await mapCountry(page, "BY").getAttribute("data-selected"), "");
  assert.match(await mapCountry(page, "MM").getAttribute("class"), /fl-near/, "Belarus's partners are marked on the map");
  assert.equal(await explorer.details.locator("article").textContent(), fromMap, "the same details either way");
  assert.match(fromMap, /In the story/, "a country's page lists who belongs to it");

  await graphNode(page, "alexander-lukashenko").click();
  await explorer.details.locator('[data-selected-entity="alexander-lukashenko"]').waitFor();
  assert.equal(await mapCountry(page, "BY").getAttribute("data-selected"), "", "Lukashenko's country is marked on the map");
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("the arms arc is picked with the pointer and the keyboard, and its relations are shown as claims", async () => {
  const { page, explorer, context } = await openExplorer(app);
  await explorer.ready();
  const arc = page.locator('[data-arc="BY-MM-supplied_arms_to"]');
  await arc.scrollIntoViewIfNeeded();
  // A point on the curve itself, not the middle of its box (which is off the stroke).
  const point = await arc.evaluate((path) => {
    const p = path.getPointAtLength(path.getTotalLength() * 0.4);
    const m = path.getScreenCTM();
    return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
  });
  await page.mouse.click(point.x, point.y);
  const details = explorer.details.locator('[data-selected-arc="BY-MM-supplied_arms_to"]');
  await details.waitFor();
  const arms = dataset.relations.filter((r) => r.kind === "supplied_arms_to");
  assert.equal(await details.locator("[data-relation]").count(), arms.length);
  for (const relation of arms) {
    assert.match(await details.locator(`[data-relation="${relation.id}"]`).innerText(), new RegExp(relation.label));
  }
  assert.match(await details.innerText(), /a claim, according to Justice For Myanmar/);
  assert.equal(await arc.getAttribute("data-selected"), "");
  for (const relation of arms) {
    const edge = page.locator(`[data-testid=graph] .fl-edge[data-relation="${relation.id}"]`);
    assert.equal(await edge.getAttribute("data-selected"), "", `${relation.id} is picked in the graph`);
    const dashes = await edge.locator(".fl-edge__line").evaluate((line) => getComputedStyle(line).strokeDasharray);
    assert.notEqual(dashes, "none", "a claim is drawn dashed");
  }
  const visited = page.locator('[data-testid=graph] .fl-edge[data-relation="lukashenko-visited-myanmar"] .fl-edge__line');
  assert.equal(await visited.evaluate((line) => getComputedStyle(line).strokeDasharray), "none", "a reported relation is solid");
  assert.match(await page.locator(".fl-map .fl-legend").innerText(), /a claim or criticism/);
  assert.match(await page.locator(".fl-graph .fl-legend").innerText(), /a claim or criticism/);

  await page.keyboard.press("Escape");
  await page.locator('[data-arc="MM-BY-visited"], [data-arc]').first().focus();
  const key = await page.evaluate(() => document.activeElement.getAttribute("data-arc"));
  await page.keyboard.press("Enter");
  await explorer.details.locator(`[data-selected-arc="${key}"]`).waitFor();
  await context.close();
});

for (const viewport of [{ width: 1280, height: 900 }, PHONE]) {
  test(`at ${viewport.width} px every graph node has a label at rest or on hover, and no two labels overlap or leave the frame`, async () => {
    // On a phone the graph is a tab of its own; a link opens it.
    const { page, explorer, context } = await openExplorer(app, { viewport, path: "/#view=graph" });
    await explorer.ready();
    const graph = page.getByTestId("graph");
    await graph.scrollIntoViewIfNeeded();
    const boxes = await graph.locator(".fl-graph__label").evaluateAll((labels) =>
      labels.map((label) => {
        const r = label.getBoundingClientRect();
        return { id: label.dataset.labelFor, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    );
    const frame = await graph.locator(".fl-graph__frame").boundingBox();
    for (const [i, a] of boxes.entries()) {
      assert.ok(a.left >= frame.x - 1 && a.right <= frame.x + frame.width + 1 && a.top >= frame.y - 1 && a.bottom <= frame.y + frame.height + 1, `${a.id}'s label is inside the frame`);
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
        assert.ok(!overlap, `the labels of ${a.id} and ${b.id} overlap`);
      }
    }
    const labelled = new Set(boxes.map((b) => b.id));
    const unlabelled = dataset.entities.map((e) => e.id).filter((id) => !labelled.has(id));
    assert.ok(labelled.size > 0);
    for (const id of unlabelled) {
      await graphNode(page, id).hover({ force: true });
      await graph.locator(`[data-label-for="${id}"]`).waitFor({ timeout: 2000 });
    }
    await context.close();
  });
}

test("at 390 px a tap opens the details as a sheet below the map, which stays in view, and the sheet closes", async () => {
  const { page, explorer, context } = await openExplorer(app, { viewport: PHONE, hasTouch: true });
  await explorer.ready();
  const hit = page.locator('[data-hit="MM"]');
  await hit.scrollIntoViewIfNeeded();
  const scrollBefore = await page.evaluate(() => scrollY);
  await hit.tap();
  const sheet = page.locator(".fl-details--open");
  await sheet.waitFor();
  const [sheetBox, hitBox] = [await sheet.boundingBox(), await hit.boundingBox()];
  const moved = (await page.evaluate(() => scrollY)) - scrollBefore;
  assert.ok(moved >= 0 && moved < sheetBox.height, `the page moves at most to bring the pick above the sheet (${moved} px)`);
  assert.ok(sheetBox.y > PHONE.height * 0.4, `the sheet covers only the lower screen (top ${sheetBox.y})`);
  assert.ok(hitBox.y >= 0 && hitBox.y + hitBox.height <= sheetBox.y, "what was tapped is visible above the sheet");
  await sheet.getByRole("button", { name: "Show more" }).tap();
  await page.locator(".fl-details--full").waitFor();
  assert.ok((await page.locator(".fl-details--full").boundingBox()).y < sheetBox.y, "the handle expands the sheet");
  await sheet.getByRole("button", { name: "Clear selection" }).tap();
  await sheet.waitFor({ state: "detached" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, "no horizontal scroll");
  // Targets: a tap 11 px from a node's middle (a 24 px target), on its side away from its
  // neighbours, selects it; where nodes crowd, the nearest wins.
  await page.getByRole("tab", { name: "Graph" }).tap();
  const graph = page.getByTestId("graph");
  const centresNow = () =>
    graph.locator(".fl-node").evaluateAll((nodes) =>
      nodes.map((node) => {
        const r = node.querySelector(".fl-node__shape").getBoundingClientRect();
        return { id: node.dataset.entity, x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }),
    );
  const small = [];
  for (const { id } of dataset.entities) {
    await graph.locator(".fl-graph__frame").scrollIntoViewIfNeeded();
    const centres = await centresNow();
    const node = centres.find((c) => c.id === id);
    const away = [[11, 0], [-11, 0], [0, 11], [0, -11]]
      .map(([dx, dy]) => ({ x: node.x + dx, y: node.y + dy }))
      .map((p) => ({ ...p, room: Math.min(...centres.filter((o) => o !== node).map((o) => Math.hypot(o.x - p.x, o.y - p.y))) }))
      .sort((a, b) => b.room - a.room)[0];
    if (away.room < 11) continue; // another node's middle is nearer: the tap is rightly its
    await page.touchscreen.tap(away.x, away.y);
    const picked = explorer.details.locator(`[data-selected-entity="${id}"]`);
    if (!(await picked.waitFor({ timeout: 2000 }).then(() => true, () => false))) small.push(id);
    await page.keyboard.press("Escape");
    await sheet.waitFor({ state: "detached" });
  }
  assert.deepEqual(small, [], "graph nodes are 24 px targets");
  await context.close();
});

test("keyboard only: skip link, a selection, a fact reached, Escape back to the pick, a short announcement", async () => {
  const { page, explorer, context } = await openExplorer(app);
  await explorer.ready();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to the explorer");
  await page.keyboard.press("Enter");
  // Past the map's zoom buttons, its first country.
  const country = await tabUntil(page, () => document.activeElement.hasAttribute("data-country"), 4);
  assert.ok(country, "after the skip link, the map's first country");
  await page.keyboard.press("Enter");
  await explorer.details.locator(".fl-details__body").waitFor();
  const said = await page.getByTestId("announcement").textContent();
  assert.ok(said.length > 0 && said.length < 120, `a short announcement: "${said}"`);
  assert.equal(await explorer.details.getAttribute("aria-live"), null, "the panel itself is not read out");
  const reached = await tabUntil(page, () => document.activeElement.matches("[data-testid=details] .fl-fact"), 40);
  assert.ok(reached, "a fact in the details is reached with Tab");
  await page.keyboard.press("Escape");
  await explorer.details.locator(".fl-details__empty").waitFor();
  const back = await page.evaluate(() => document.activeElement.getAttribute("data-country"));
  assert.ok(back, "focus returns to the map");
  await context.close();
});

test("print: the selection's facts with their highlights, no controls, and the credits", async () => {
  const { page, explorer, context } = await openExplorer(app);
  await explorer.ready();
  await explorer.entity("belarus").click();
  await explorer.details.locator('[data-selected-entity="belarus"]').waitFor();
  await page.emulateMedia({ media: "print" });
  const controls = await page.locator("button, [role=button]").evaluateAll((elements) =>
    elements
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden")
      .filter((el) => {
        const style = getComputedStyle(el);
        // What prints as plain text (relation lines, names in a title, shapes on the map) is not a control.
        return el.tagName === "BUTTON" && (parseFloat(style.borderTopWidth) > 0 || style.backgroundColor !== "rgba(0, 0, 0, 0)");
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(controls, [], "no buttons in the print-out");
  const marks = explorer.details.locator("mark");
  assert.ok((await marks.count()) > 0);
  assert.match(await marks.first().evaluate((mark) => getComputedStyle(mark).textDecorationLine), /underline/);
  assert.match(await page.locator(".fl-credits").innerText(), /Made with factlens/);
  await context.close();
});
