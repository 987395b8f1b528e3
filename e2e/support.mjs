// Shared set-up for the end-to-end tests: the release bundle in dist/ served on 127.0.0.1, and
// Debian's Chromium driven by playwright-core (which never downloads a browser).
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { serve } from "../scripts/static-server.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The dataset the bundle ships, read from dist/ so tests check what readers get. */
export const dataset = JSON.parse(readFileSync(new URL("../dist/data/belarus-myanmar.json", import.meta.url), "utf8"));

/** Serves `site` (the release site in dist/ unless told) and starts the browser; `stop()` ends both. */
export async function start(site = new URL("../dist", import.meta.url).pathname) {
  const server = await serve(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  return {
    origin,
    browser,
    async stop() {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}

/**
 * Opens the explorer in a fresh context and records what a test must not see: console errors,
 * uncaught exceptions, and any request to another origin (which is aborted, never sent).
 */
export async function openExplorer(app, { path = "/", viewport = { width: 1280, height: 900 }, colorScheme = "light", routes = {}, hasTouch = false, initScript, initArg, serviceWorkers = "block" } = {}) {
  // The page registers a service worker; tests that are not about it keep every request in
  // sight of `context.route` by blocking it.
  const context = await app.browser.newContext({ viewport, colorScheme, hasTouch, serviceWorkers });
  // Runs in the page before any of its scripts (to stand in for a host page's restrictions).
  if (initScript) await context.addInitScript(initScript, initArg);
  const page = await context.newPage();
  const problems = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => problems.pageErrors.push(String(error)));
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== app.origin) {
      problems.foreignRequests.push(url.href);
      return route.abort();
    }
    const body = routes[url.pathname];
    return body === undefined ? route.continue() : route.fulfill({ status: 200, contentType: "application/json", body });
  });
  await page.goto(app.origin + path);
  // A published page shows its story before any script runs; tests act once the app has it.
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  return { page, context, problems, explorer: new ExplorerPage(page) };
}

/** Presses Tab until `reached` (run in the page) holds, at most `limit` times: whether it did. */
export async function tabUntil(page, reached, limit) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(reached)) return true;
  }
  return false;
}

/** Drags `locator` by (`dx`, `dy`) CSS pixels with the mouse, from its middle, in `steps` moves
 * (scrolled into view first, since a pointer off screen hits nothing). */
export async function dragBy(page, locator, dx, dy, steps = 6) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps });
  await page.mouse.up();
}

/**
 * Spreads two fingers apart over the middle of `locator` (DevTools touch events, as a phone
 * sends them): from 40 to 160 CSS pixels apart, horizontally.
 */
export async function pinchOut(page, context, locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const cdp = await context.newCDPSession(page);
  const touch = (type, spread) =>
    cdp.send("Input.dispatchTouchEvent", {
      type,
      touchPoints: type === "touchEnd" ? [] : [{ x: cx - spread, y: cy, id: 1 }, { x: cx + spread, y: cy, id: 2 }],
    });
  await touch("touchStart", 20);
  for (let spread = 24; spread <= 80; spread += 4) await touch("touchMove", spread);
  await touch("touchEnd", 0);
}

/** Locators for the explorer's stable hooks (`data-testid`, `data-entity`, …). */
export class ExplorerPage {
  constructor(page) {
    this.page = page;
    this.entities = page.getByTestId("entities");
    this.details = page.getByTestId("details");
    this.error = page.getByTestId("error");
  }

  entity(id) {
    return this.entities.locator(`[data-entity="${id}"]`);
  }

  /** Waits until the dataset has loaded and the entity list is shown. */
  async ready() {
    await this.entities.waitFor({ state: "visible" });
  }
}
