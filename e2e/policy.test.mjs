// Where the page may run: under a strict Content Security Policy, and where it cannot start
// (opened from a file, no WebAssembly), saying why instead of showing a blank page.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dragBy, start } from "./support.mjs";

const root = new URL("..", import.meta.url).pathname;
const POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; worker-src 'self'";

let app;
let large;
before(async () => {
  app = await start();
  large = await start(`${root}target/site-synth-1000`);
});
after(async () => {
  await app?.stop();
  await large?.stop();
});

/** Opens `site` (at `path`) with every response carrying `policy`; resolves to the page and
 * what the policy refused. */
async function underPolicy(site, path = "/", policy = POLICY) {
  const context = await site.browser.newContext({ serviceWorkers: "block" });
  await context.route("**/*", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": policy } });
  });
  await context.addInitScript(() => {
    window.__refused = [];
    document.addEventListener("securitypolicyviolation", (event) => window.__refused.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const page = await context.newPage();
  const refused = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) refused.push(message.text());
  });
  await page.goto(site.origin + path);
  return { context, page, refused };
}

test("the default story runs under a strict policy with nothing refused", async () => {
  const { context, page, refused } = await underPolicy(app);
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  await page.getByTestId("map").locator('[data-hit="BY"]').click();
  await page.getByTestId("details").locator('[data-selected-country="BY"]').waitFor();
  // A first drag fetches the layout (the motion module) for the small graph.
  const node = page.getByTestId("graph").locator('g[data-entity="china"]');
  const before = await node.getAttribute("transform");
  await dragBy(page, node, 40, 20);
  await page.locator('[data-testid="graph"][data-settled="true"]').waitFor();
  assert.notEqual(await node.getAttribute("transform"), before, "the node moved: the motion module ran");
  assert.deepEqual([...refused, ...(await page.evaluate(() => window.__refused))], []);
  await context.close();
});

test("a 1,000-entity story lays out in a worker under the same policy, with nothing refused", async () => {
  const { context, page, refused } = await underPolicy(large);
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  const graph = page.getByTestId("graph");
  await graph.locator("canvas").waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="graph"]')?.dataset.layout === "worker");
  await page.waitForFunction(() => document.querySelector('[data-testid="graph"]')?.dataset.settled === "true", null, { timeout: 60_000 });
  assert.deepEqual([...refused, ...(await page.evaluate(() => window.__refused))], []);
  await context.close();
});

test("in embed mode under the same policy, nothing is refused", async () => {
  const { context, page, refused } = await underPolicy(app, "/?embed#entity=belarus");
  await page.locator("#factlens[data-started]").waitFor({ state: "attached" });
  await page.locator(".fl-embed-full").waitFor();
  await page.getByTestId("details").getByRole("heading", { level: 2, name: "Belarus" }).waitFor();
  assert.deepEqual([...refused, ...(await page.evaluate(() => window.__refused))], []);
  await context.close();
});

test("under a policy that refuses WebAssembly, the page says the explorer could not start", async () => {
  const strict = POLICY.replace(" 'wasm-unsafe-eval'", "");
  const { context, page } = await underPolicy(app, "/", strict);
  const problem = page.locator("#fl-start-problem");
  await problem.waitFor();
  assert.match(await problem.textContent(), /could not start.*The story and its facts are below/);
  assert.ok((await page.locator("[data-fact]").count()) > 10);
  await context.close();
});

test("opened from a file, the page shows its story and says why the explorer did not start", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(`file://${root}dist/index.html`);
  const problem = page.locator("#fl-start-problem");
  await problem.waitFor();
  assert.match(await problem.textContent(), /need a web server.*The story and its facts are below/);
  assert.ok((await page.locator("[data-fact]").count()) > 10, "the facts are there to read");
  await context.close();
});

test("without WebAssembly, the page says so and keeps its story", async () => {
  const context = await app.browser.newContext({ serviceWorkers: "block" });
  await context.addInitScript(() => delete globalThis.WebAssembly);
  const page = await context.newPage();
  await page.goto(app.origin + "/");
  const problem = page.locator("#fl-start-problem");
  await problem.waitFor();
  assert.match(await problem.textContent(), /need WebAssembly/);
  assert.equal(await page.locator("#factlens[data-started]").count(), 0);
  assert.ok((await page.locator("h1").textContent()).length > 10);
  await context.close();
});
