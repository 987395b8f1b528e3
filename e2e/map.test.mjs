// The world map: story countries by role, selection by click, tap, keyboard; pan and zoom that
// move one transform and never the paths; hit targets and widths a phone can use.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dataset, dragBy, openExplorer, pinchOut, start } from "./support.mjs";

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

const storyCountries = [...new Set(dataset.entities.map((e) => e.country).filter(Boolean))];
const transformOf = (page) => page.getByTestId("map").locator(".fl-map__svg > g").getAttribute("transform");

async function openMap(options) {
  const opened = await openExplorer(app, options);
  await opened.page.getByTestId("map").locator("path[data-country]").first().waitFor();
  return { ...opened, map: opened.page.getByTestId("map") };
}

test("every story country is on the map with its role, and the rest of the world a pan can reach", async () => {
  const { map, context } = await openMap();
  for (const code of storyCountries) {
    const role = await map.locator(`path[data-country="${code}"]`).getAttribute("data-role");
    assert.notEqual(role, "other", `${code} is drawn as a story country`);
  }
  assert.equal(await map.locator('path[data-country="BY"]').getAttribute("data-role"), "principal");
  assert.equal(await map.locator('path[data-country="MM"]').getAttribute("data-role"), "principal");
  assert.equal(await map.locator('path[data-country="CN"]').getAttribute("data-role"), "ally");
  // Only the story's countries can be picked; the rest of the world a pan can reach is one
  // outline behind them (countries no pan can bring into view are left out when published).
  assert.equal(await map.locator("path[data-country]").count(), storyCountries.length);
  const world = map.locator(".fl-map__world");
  assert.ok((await world.getAttribute("d")).length > 20_000, "the world is drawn");
  assert.equal(await world.getAttribute("role"), null, "the world is not a control");
  const worldBox = await world.boundingBox();
  const mapBox = await map.locator(".fl-map__svg").boundingBox();
  assert.ok(worldBox.width >= mapBox.width * 0.95, "the world fills the map's width");
  for (const path of await map.locator(".fl-map__countries path").all()) assert.match(await path.getAttribute("d"), /^M-?\d/);
  assert.ok((await map.locator('[data-arc^="BY-MM-supplied_arms_to"]').count()) === 1, "the arms flow is an arc");
  assert.match(await map.locator(".fl-legend").textContent(), /Main countries.*Allies.*supplied arms to/s);
  await context.close();
});

test("clicking Belarus shows Belarus and Lukashenko in the details", async () => {
  const { page, map, explorer, context } = await openMap();
  // Click where a reader would: the middle of Belarus's shape.
  const box = await map.locator('path[data-country="BY"]').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const details = explorer.details;
  await details.locator('[data-selected-country="BY"]').waitFor();
  assert.equal(await details.getByRole("heading", { level: 2 }).textContent(), "Belarus");
  assert.equal(await details.locator('[data-entity="alexander-lukashenko"]').count(), 1);
  assert.ok((await details.locator("[data-fact]").count()) > 0);
  assert.equal(await map.locator('path[data-country="BY"]').getAttribute("data-selected"), "");
  await context.close();
});

test("the keyboard alone reaches the map, moves between story countries and selects Myanmar", async () => {
  const { page, explorer, context } = await openMap();
  // Tab from the zoom buttons into the map: the map is one tab stop.
  await page.getByRole("button", { name: "Reset zoom" }).focus();
  await page.keyboard.press("Tab");
  let focused = await page.evaluate(() => document.activeElement.dataset.country);
  assert.ok(storyCountries.includes(focused), `Tab lands on a story country, not ${focused}`);
  for (let i = 0; i < storyCountries.length && focused !== "MM"; i++) {
    await page.keyboard.press("ArrowRight");
    focused = await page.evaluate(() => document.activeElement.dataset.country);
  }
  assert.equal(focused, "MM");
  await page.getByTestId("map-tooltip").filter({ hasText: "Myanmar" }).waitFor();
  await page.keyboard.press("Enter");
  await explorer.details.locator('[data-selected-country="MM"]').waitFor();
  await page.keyboard.press("Escape");
  await explorer.details.locator(".fl-details__empty").waitFor();
  await context.close();
});

test("hovering a country shows its name and fact count", async () => {
  const { page, map, context } = await openMap();
  await map.locator('path[data-country="CN"]').hover();
  const tip = await page.getByTestId("map-tooltip").textContent();
  assert.match(tip, /China · \d+ facts?/);
  await context.close();
});

test("zoom buttons, wheel and drag change only the transform, never the paths", async () => {
  const { page, map, context } = await openMap();
  const path = map.locator('path[data-country="MM"]');
  const d = await path.getAttribute("d");
  const start = await transformOf(page);
  await page.getByRole("button", { name: "Zoom in" }).click();
  const zoomed = await transformOf(page);
  assert.notEqual(zoomed, start);
  assert.match(zoomed, /scale\(1\.6/);

  const box = await map.locator(".fl-map__svg").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((before) => document.querySelector("[data-testid=map] .fl-map__svg > g").getAttribute("transform") !== before, zoomed);
  const wheeled = await transformOf(page);

  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 30, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await transformOf(page), wheeled, "dragging pans");
  assert.equal(await path.getAttribute("d"), d, "paths are built once");

  await page.getByRole("button", { name: "Reset zoom" }).click();
  assert.equal(await transformOf(page), start);
  await context.close();
});

test("a drag does not select the country it ends on", async () => {
  const { page, map, explorer, context } = await openMap();
  await dragBy(page, map.locator('path[data-country="CN"]'), 40, 0, 4);
  assert.equal(await explorer.details.locator("[data-selected-country]").count(), 0);
  await context.close();
});

test("every story country has a target of at least 24 px, even on a phone", async () => {
  const { page, map, explorer, context } = await openMap({ viewport: { width: 320, height: 640 }, colorScheme: "dark" });
  for (const code of storyCountries) {
    const hit = map.locator(`[data-hit="${code}"]`);
    const box = await hit.boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, `${code} target is ${box.width}×${box.height}`);
  }
  // A tap on Cambodia's target selects it.
  await map.locator('[data-hit="KH"]').click();
  await explorer.details.locator('[data-selected-country="KH"]').waitFor();
  const panel = await explorer.details.boundingBox();
  assert.ok(panel.y >= -1 && panel.y < 640, `the details are on screen after the tap (top at ${panel.y})`);
  await context.close();
});

for (const width of [320, 768, 1600]) {
  test(`no horizontal scroll at ${width} px`, async () => {
    const { page, context } = await openMap({ viewport: { width, height: 800 } });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    const mapWidth = (await page.getByTestId("map").boundingBox()).width;
    assert.ok(mapWidth <= width, "the map fits");
    await context.close();
  });
}

test("a two-finger pinch zooms the map", async () => {
  const { page, map, context } = await openMap({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const before = await transformOf(page);
  await pinchOut(page, context, map.locator(".fl-map__svg"));
  const after = await transformOf(page);
  assert.notEqual(after, before);
  const scale = Number(after.match(/scale\(([\d.]+)\)/)[1]);
  assert.ok(scale > 1.5, `fingers spread apart zoom in (scale ${scale})`);
  await context.close();
});
