// Inside a news page: the host snippet's iframe as tall as its content, Pym.js's parent library
// sizing its iframe, the host's commands obeyed from the parent and trusted origins only, and
// the selection kept in the URL fragment.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "../scripts/static-server.mjs";
import { openExplorer, start } from "./support.mjs";

const root = new URL("..", import.meta.url).pathname;
let app;
let host;
let hostDir;
before(async () => {
  app = await start();
  // Another origin: a news site using Pym.js's own parent library.
  hostDir = mkdtempSync(join(tmpdir(), "factlens-host-"));
  copyFileSync(`${root}node_modules/pym.js/dist/pym.v1.min.js`, join(hostDir, "pym.v1.min.js"));
  host = await serve(hostDir);
});
after(async () => {
  await app?.stop();
  await new Promise((done) => host?.close(done));
  rmSync(hostDir, { recursive: true, force: true });
});

/** How tall the iframe is, and how tall the page inside it is (read in the frame: it may be
 * on another origin). */
async function heights(page, frameSelector) {
  const frame = page.locator(frameSelector);
  const outer = (await frame.boundingBox())?.height ?? 0;
  const inside = await (await frame.elementHandle()).contentFrame();
  const inner = await inside.evaluate(() => document.documentElement.getBoundingClientRect().height).catch(() => 0);
  return { outer, inner };
}

/** Waits until the iframe is as tall as its content, within 3 px. */
async function followsContent(page, frameSelector) {
  for (const end = Date.now() + 20_000; Date.now() < end; await page.waitForTimeout(100)) {
    const sizes = await heights(page, frameSelector);
    if (sizes.inner > 0 && Math.abs(sizes.outer - sizes.inner) <= 3) return sizes;
  }
  throw new Error(`the frame never matched its content: ${JSON.stringify(await heights(page, frameSelector))}`);
}

test("the example article's iframe is as tall as the explorer, after load, a selection and a resize", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(`${app.origin}/embed-example.html`);
  const frame = page.frameLocator("iframe");
  assert.match(await page.locator("iframe").getAttribute("title"), /Explore the story/);
  // The snippet asked for Belarus, and the embedded page shows it in compact chrome.
  await frame.getByTestId("details").getByRole("heading", { level: 2, name: "Belarus" }).waitFor();
  assert.equal(await frame.locator(".fl-summary").isVisible(), false);
  const full = await frame.locator(".fl-embed-full").getAttribute("href");
  assert.ok(full.endsWith("/index.html#entity=belarus") && !full.includes("embed"), full);
  const first = await followsContent(page, "iframe");
  assert.ok(first.outer > 800, `the frame grew to its content: ${first.outer}px`);
  // A selection that changes the details' length: the frame follows.
  await frame.locator("body").press("Escape");
  await frame.getByTestId("details").locator(".fl-details__empty").waitFor();
  const cleared = await followsContent(page, "iframe");
  assert.ok(Math.abs(cleared.outer - first.outer) > 20, `the frame changed with the content: ${first.outer} to ${cleared.outer}px`);
  // A narrower window: the explorer stacks, the frame follows.
  await page.setViewportSize({ width: 420, height: 800 });
  const narrow = await followsContent(page, "iframe");
  assert.notEqual(Math.round(narrow.outer), Math.round(first.outer));
  await context.close();
});

test("Pym.js's parent library sizes its iframe to the explorer", async () => {
  writeFileSync(
    join(hostDir, "pym.html"),
    `<!doctype html><html><body><h1>A host</h1><div id="story"></div><script src="pym.v1.min.js"></script>
     <script>window.parentPym = new pym.Parent("story", ${JSON.stringify(`${app.origin}/?embed`)}, {});</script></body></html>`,
  );
  const context = await app.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${host.address().port}/pym.html`);
  const { outer } = await followsContent(page, "#story iframe");
  assert.ok(outer > 800, `Pym sized the frame to ${outer}px`);
  await context.close();
});

test("a frame that starts in a collapsed container sizes itself when it is shown", async () => {
  writeFileSync(
    join(hostDir, "collapsed.html"),
    `<!doctype html><html><body><h1>A host</h1><details id="box"><summary>The explorer</summary><div id="story"></div></details>
     <script src="pym.v1.min.js"></script>
     <script>window.parentPym = new pym.Parent("story", ${JSON.stringify(`${app.origin}/?embed`)}, {});</script></body></html>`,
  );
  const context = await app.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${host.address().port}/collapsed.html`);
  const inside = page.frameLocator("#story iframe");
  await inside.locator("#factlens[data-started]").waitFor({ state: "attached" });
  await page.waitForTimeout(500);
  await page.locator("#box summary").click();
  const { outer } = await followsContent(page, "#story iframe");
  assert.ok(outer > 800, `shown, the frame grew to ${outer}px`);
  await context.close();
});

test("commands from the host select and clear; from another window or origin they change nothing", async () => {
  const context = await app.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__events = [];
    addEventListener("message", (event) => event.data?.type === "factlens" && window.__events.push(event.data));
  });
  await page.goto(`${app.origin}/embed-example.html`);
  const frame = page.frameLocator("iframe");
  const details = frame.getByTestId("details");
  await details.getByRole("heading", { level: 2, name: "Belarus" }).waitFor();
  await frame.locator("#factlens[data-started]").waitFor({ state: "attached" });
  const command = (message) => page.evaluate((message) => document.querySelector("iframe").contentWindow.postMessage(message, "*"), message);
  await command({ type: "factlens", version: 1, command: "select", entity: "min-aung-hlaing" });
  await details.getByRole("heading", { level: 2, name: "Min Aung Hlaing" }).waitFor();
  // The host hears of the selection.
  await page.waitForFunction(() => window.__events.some((e) => e.event === "select" && e.selection?.id === "min-aung-hlaing"));
  // A year picked in the frame is no selection: the host hears nothing of it, and a command keeps it.
  const heard = await page.evaluate(() => window.__events.length);
  await frame.getByTestId("timeline").locator('[data-year="2023"]').click();
  await frame.locator('[data-year="2023"][aria-pressed="true"]').waitFor();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__events.length), heard, "no select event for a year");
  await command({ type: "factlens", version: 1, command: "select", entity: "belarus" });
  await details.getByRole("heading", { level: 2, name: "Belarus" }).waitFor();
  assert.equal(await frame.locator("body").evaluate(() => location.hash), "#entity=belarus&year=2023");
  await page.waitForFunction(() => window.__events.at(-1)?.selection?.id === "belarus");
  await command({ type: "factlens", version: 1, command: "clear" });
  await details.locator(".fl-details__empty").waitFor();
  // The theme: dark on a light system, then back to the system's.
  const background = () => frame.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
  const light = await background();
  await command({ type: "factlens", version: 1, command: "theme", theme: "dark" });
  await page.waitForFunction(() => document.querySelector("iframe").contentDocument.documentElement.dataset.theme === "dark");
  assert.notEqual(await background(), light, "the dark theme is drawn");
  await command({ type: "factlens", version: 1, command: "theme", theme: "system" });
  await page.waitForFunction(() => !document.querySelector("iframe").contentDocument.documentElement.dataset.theme);
  assert.equal(await background(), light);
  // The same command from the frame itself (not its parent) is ignored.
  await frame.locator("body").evaluate(() => window.postMessage({ type: "factlens", version: 1, command: "select", entity: "belarus" }, "*"));
  await page.waitForTimeout(300);
  assert.equal(await details.locator(".fl-details__empty").count(), 1, "still nothing selected");
  await context.close();

  // A host on another origin that the embedded page was not told to trust.
  writeFileSync(
    join(hostDir, "other.html"),
    `<!doctype html><html><body><iframe src=${JSON.stringify(`${app.origin}/?embed&host=https://news.invalid`)} style="width:100%;height:900px"></iframe></body></html>`,
  );
  const other = await app.browser.newContext({ serviceWorkers: "block" });
  const otherPage = await other.newPage();
  await otherPage.goto(`http://127.0.0.1:${host.address().port}/other.html`);
  const otherFrame = otherPage.frameLocator("iframe");
  await otherFrame.locator('[data-testid="details"] .fl-details__empty').waitFor();
  await otherFrame.locator("#factlens[data-started]").waitFor({ state: "attached" });
  await otherPage.evaluate(() => document.querySelector("iframe").contentWindow.postMessage({ type: "factlens", version: 1, command: "select", entity: "belarus" }, "*"));
  await otherPage.waitForTimeout(300);
  assert.equal(await otherFrame.locator('[data-testid="details"] .fl-details__empty').count(), 1, "a command from an untrusted origin changes nothing");
  await other.close();
});

test("the selection lives in the URL fragment: links restore it, back and forward step through it", async () => {
  const { page, context } = await openExplorer(app, { path: "/#entity=belarus" });
  const details = page.getByTestId("details");
  await details.getByRole("heading", { level: 2, name: "Belarus" }).waitFor();
  await page.getByTestId("map").locator('[data-hit="MM"]').click();
  await page.waitForFunction(() => location.hash === "#entity=myanmar");
  await page.goBack();
  await details.getByRole("heading", { level: 2, name: "Belarus" }).waitFor();
  await page.goForward();
  await page.waitForFunction(() => location.hash === "#entity=myanmar");
  await details.locator('[data-selected-country="MM"]').waitFor();
  await context.close();
});

test("the host snippet opens the explorer on any of its links' fragments", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  const fact = "lukashenko-arrived-in-naypyitaw";
  await context.route(`${app.origin}/host.html`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html><body><div data-factlens-src="index.html" data-factlens-select="fact=${fact}"><a href="index.html">Explore</a></div><script src="embed.js" defer></script></body></html>`,
    }),
  );
  const page = await context.newPage();
  await page.goto(`${app.origin}/host.html`);
  const frame = page.frameLocator("iframe");
  await frame.getByTestId("details").locator(`[data-selected-fact="${fact}"]`).waitFor();
  assert.match(await page.locator("iframe").getAttribute("src"), new RegExp(`#fact=${fact}$`));
  await context.close();
});
