// A bad dataset gets a readable error panel with every problem and its place, never a blank page.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openExplorer, start } from "./support.mjs";

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

test("an invalid dataset shows each problem with its line, column and path", async () => {
  const broken = JSON.stringify({ version: 1, story: { title: "T", summary: "S", language: "en", sources: [] }, entities: [{ id: "x", kind: "planet", name: "X", description: "d" }], relations: [], facts: [] }, null, 2);
  const { explorer, problems, context } = await openExplorer(app, { path: "/?dataset=data/broken.json", routes: { "/data/broken.json": broken } });
  await explorer.error.waitFor();
  const text = await explorer.error.textContent();
  assert.match(text, /data\/broken\.json:\d+:\d+/);
  assert.match(text, /unknown variant `planet`/);
  assert.match(text, /\$\.entities\[0\]\.kind/);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test("a JSON syntax error is reported with its position", async () => {
  const { explorer, context } = await openExplorer(app, { path: "/?dataset=data/broken.json", routes: { "/data/broken.json": '{\n  "version": 1,\n}' } });
  await explorer.error.waitFor();
  assert.match(await explorer.error.textContent(), /broken\.json:3:1.*syntax error/s);
  await context.close();
});

test("a dataset on another origin is refused without being requested", async () => {
  const { explorer, problems, context } = await openExplorer(app, { path: "/?dataset=https://example.org/x.json" });
  await explorer.error.waitFor();
  assert.match(await explorer.error.textContent(), /refused/);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});

test("a missing dataset file says which file and why", async () => {
  const { explorer, context } = await openExplorer(app, { path: "/?dataset=data/missing.json" });
  await explorer.error.waitFor();
  assert.match(await explorer.error.textContent(), /data\/missing\.json.*404/s);
  await context.close();
});

test("a dataset that is not UTF-8 text says where its first bad byte is", async () => {
  const body = Buffer.concat([Buffer.from('{\n  "version": 1,\n  "story": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}')]);
  const { explorer, problems, context } = await openExplorer(app, { path: "/?dataset=data/latin1.json", routes: { "/data/latin1.json": body } });
  await explorer.error.waitFor();
  assert.match(await explorer.error.textContent(), /data\/latin1\.json.*not UTF-8 text: line 3, column 16/s);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});
