// Offline after one visit: the service worker keeps the page's files, serves them with the
// network gone, and a new build replaces them (never a mix of two builds).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start } from "./support.mjs";

const root = new URL("..", import.meta.url).pathname;
// A copy of the site, served under a sub-path (`/news/story/`), so it can be rebuilt here.
const served = mkdtempSync(join(tmpdir(), "factlens-offline-"));
const site = join(served, "news", "story");
cpSync(`${root}dist`, site, { recursive: true });

let app;
before(async () => (app = await start(served)));
after(async () => {
  await app?.stop();
  rmSync(served, { recursive: true, force: true });
});

const base = () => `${app.origin}/news/story/`;
const build = (name) => readFileSync(join(site, "sw.js"), "utf8").match(/const BUILD = "([0-9a-f]+)"/)?.[1] ?? name;

/** A context whose page is controlled by the site's service worker, its files cached. */
async function visited() {
  const context = await app.browser.newContext({ serviceWorkers: "allow" });
  const page = await context.newPage();
  const foreign = [];
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== app.origin) foreign.push(request.url());
  });
  await page.goto(base());
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  await until(page, async () => (await navigator.serviceWorker.ready).active?.state === "activated" && navigator.serviceWorker.controller !== null);
  return { context, page, foreign };
}

const cacheNames = (page) => page.evaluate(() => caches.keys());

/** Waits until `check` (run in the page, and possibly async) is true. */
async function until(page, check, arg, timeout = 20_000) {
  for (const end = Date.now() + timeout; Date.now() < end; await new Promise((done) => setTimeout(done, 100))) {
    if (await page.evaluate(check, arg)) return;
  }
  throw new Error(`timed out waiting for ${check}`);
}

test("after one visit, with the network gone, a reload renders and a country can be selected", async () => {
  const { context, page, foreign } = await visited();
  const names = await cacheNames(page);
  assert.ok(names.some((name) => name.includes("/news/story/") && name.endsWith(build())), names.join(", "));
  await context.setOffline(true);
  await page.reload();
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  await page.locator('[data-testid="map"] [data-hit="BY"]').click();
  await page.locator('[data-testid="details"] [data-selected-country="BY"]').waitFor();
  assert.equal(await page.getByTestId("details").getByRole("heading", { level: 2 }).textContent(), "Belarus");
  // A raw dataset read once is there offline too.
  await context.setOffline(false);
  await page.goto(`${base()}?dataset=data/belarus-myanmar.json`);
  await page.getByTestId("map").locator("path[data-country]").first().waitFor();
  // Kept once read: the dataset, its article, the map geometry and the loader.
  await until(page, async () => {
    const kept = await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)));
    const urls = kept.flat();
    return ["data/belarus-myanmar.json", "data/belarus-myanmar-article.txt", "data/world.json", "factlens_loader_bg.wasm"].every((file) => urls.some((url) => url.endsWith(file)));
  });
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId("map").locator("path[data-country]").first().waitFor();
  assert.deepEqual(foreign, [], "nothing is requested from another origin");
  await context.close();
});

test("a rebuilt site replaces the cache, and the reader gets the new build on the next load", async () => {
  const { context, page } = await visited();
  const previous = build();
  // The newsroom corrects its headline and publishes again into the same folder.
  const source = JSON.parse(readFileSync(`${root}data/belarus-myanmar.json`, "utf8"));
  source.story.title = `${source.story.title} (corrected)`;
  const work = mkdtempSync(join(tmpdir(), "factlens-rebuild-"));
  writeFileSync(join(work, "story.json"), JSON.stringify(source));
  cpSync(`${root}data/belarus-myanmar-article.txt`, join(work, "belarus-myanmar-article.txt"));
  execFileSync("cargo", ["run", "-q", "--locked", "-p", "factlens-cli", "--", "build", join(work, "story.json"), "--out", site], { cwd: root, stdio: "ignore" });
  rmSync(work, { recursive: true, force: true });
  const next = build();
  assert.notEqual(next, previous, "a new build has a new fingerprint");

  await page.reload();
  await page.locator("h1", { hasText: "(corrected)" }).waitFor();
  // The new worker takes over and deletes the old build's files.
  await until(
    page,
    async (next) => {
      const names = await caches.keys();
      const registration = await navigator.serviceWorker.getRegistration();
      return registration?.active?.state === "activated" && names.length > 0 && names.every((name) => name.includes(next));
    },
    next,
  );
  await context.setOffline(true);
  await page.reload();
  await page.locator("h1", { hasText: "(corrected)" }).waitFor();
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  await context.close();
});
