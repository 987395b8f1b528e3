// The one-file edition: `standalone.html`, copied alone into an empty folder and opened from
// disk with no server and no network, is the explorer with its story.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { dragBy } from "./support.mjs";

const root = new URL("..", import.meta.url).pathname;
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const scratch = mkdtempSync(join(tmpdir(), "factlens-standalone-"));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: FLAGS });
after(async () => {
  await browser.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** `standalone.html` from `site`, alone in a folder of its own, opened from disk; every request
 * that is not for that file is recorded and refused. */
async function openAlone(site, name) {
  const folder = join(scratch, name);
  execFileSync("mkdir", ["-p", folder]);
  copyFileSync(join(site, "standalone.html"), join(folder, "standalone.html"));
  const context = await browser.newContext({ offline: true });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  const url = `file://${join(folder, "standalone.html")}`;
  await context.route("**/*", (route) => {
    const requested = route.request().url();
    if (requested === url || requested.startsWith("blob:") || requested.startsWith("data:")) return route.continue();
    problems.push(`requested ${requested}`);
    return route.abort();
  });
  await page.goto(url);
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  return { context, page, problems };
}

test("the bundled story's one-file edition draws the map, and a click shows a country's details", async () => {
  const { context, page, problems } = await openAlone(`${root}dist`, "bundled");
  await page.getByTestId("map").locator('[data-hit="BY"]').click();
  await page.getByTestId("details").locator('[data-selected-country="BY"]').waitFor();
  assert.equal(await page.getByTestId("details").getByRole("heading", { level: 2 }).textContent(), "Belarus");
  // The keyboard too: Escape clears, and the graph's nodes answer.
  await page.keyboard.press("Escape");
  await page.getByTestId("details").locator(".fl-details__empty").waitFor();
  await page.getByTestId("graph").locator('[data-entity="alexander-lukashenko"]').click();
  await page.getByTestId("details").getByRole("heading", { level: 2, name: "Alexander Lukashenko" }).waitFor();
  // A drag fetches the motion module, which the edition carries too.
  const node = page.getByTestId("graph").locator('[data-entity="belarus"]');
  const before = await node.getAttribute("transform");
  await dragBy(page, node, 40, 30);
  await page.waitForFunction((before) => document.querySelector('[data-testid="graph"] [data-entity="belarus"]').getAttribute("transform") !== before, before);
  assert.equal(await page.locator("#fl-save").count(), 0, "no link to save what is already saved");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a one-file edition built from another dataset shows that story", async () => {
  const site = join(scratch, "synth-site");
  execFileSync("cargo", ["run", "-q", "--locked", "-p", "factlens-cli", "--", "synth", "40", "--out-dir", join(scratch, "synth")], { cwd: root, stdio: "ignore" });
  execFileSync("cargo", ["run", "-q", "--locked", "-p", "factlens-cli", "--", "build", join(scratch, "synth", "synth-40.json"), "--out", site], { cwd: root, stdio: "ignore" });
  const { context, page, problems } = await openAlone(site, "synth");
  assert.match(await page.locator("h1").textContent(), /synthetic/i);
  await page.getByTestId("graph").locator("[data-entity]").first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
