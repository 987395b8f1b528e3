// The first real page: the bundled dataset is loaded, validated and every entity is shown,
// grouped by kind, with no console error and no request leaving the page's origin.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dataset, openExplorer, start } from "./support.mjs";

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

test("shows the story title and every entity, grouped by kind", async () => {
  const { page, explorer, context } = await openExplorer(app);
  await explorer.ready();
  assert.equal(await page.locator("h1").textContent(), dataset.story.title);
  for (const entity of dataset.entities) {
    const button = explorer.entity(entity.id);
    assert.equal(await button.count(), 1, `one button for ${entity.id}`);
    assert.ok((await button.textContent()).includes(entity.name), `${entity.id} shows its name`);
    const group = await button.evaluate((el) => el.closest("[data-kind]").dataset.kind);
    assert.equal(group, entity.kind, `${entity.id} is listed under its kind`);
  }
  await context.close();
});

test("logs no console error and requests nothing from another origin", async () => {
  const { explorer, problems, context } = await openExplorer(app);
  await explorer.ready();
  await explorer.entity("alexander-lukashenko").click();
  await explorer.details.getByRole("heading", { name: "Alexander Lukashenko" }).waitFor();
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});

test("fits a 320 px phone screen without horizontal scrolling", async () => {
  const { page, explorer, context } = await openExplorer(app, { viewport: { width: 320, height: 640 } });
  await explorer.ready();
  await explorer.entity("min-aung-hlaing").click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await context.close();
});

test("?theme= overrides the system's light or dark", async () => {
  const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await openExplorer(app, { colorScheme: "light" });
  const dark = await openExplorer(app, { colorScheme: "dark" });
  const [lightColour, darkColour] = [await background(light.page), await background(dark.page)];
  assert.notEqual(lightColour, darkColour);
  const forcedDark = await openExplorer(app, { path: "/?theme=dark", colorScheme: "light" });
  const forcedLight = await openExplorer(app, { path: "/?theme=light", colorScheme: "dark" });
  assert.equal(await background(forcedDark.page), darkColour, "dark on a light system");
  assert.equal(await background(forcedLight.page), lightColour, "light on a dark system");
  for (const { context } of [light, dark, forcedDark, forcedLight]) await context.close();
});
