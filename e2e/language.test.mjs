// The interface's words come from one catalogue, in the story's language or the one `?lang=`
// asks for: walked through every view in French, the page has none of the catalogue's English
// left (the story's own text, which is English here, aside).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dataset, openExplorer, start } from "./support.mjs";

const dist = (file) => readFileSync(new URL(`../dist/${file}`, import.meta.url), "utf8");
// The app's words, as each language's page carries them; the static page's words around the
// app are checked in the HTML itself.
const wordsOf = (page) => JSON.parse(/<script id="fl-words" type="application\/json">(.*?)<\/script>/s.exec(dist(page))[1]).words;
const staticWords = [
  ["Save this story as one file to read offline", "Enregistrer ce récit en un seul fichier pour le lire hors ligne"],
  ["Data: ", "Données : "],
  ["the dataset (JSON)", "le jeu de données (JSON)"],
];
const english = [...wordsOf("index.html"), ...staticWords.map(([en]) => en)];
const french = [...wordsOf("index.fr.html"), ...staticWords.map(([, fr]) => fr)];

// What betrays an English word: each stretch of it between its blanks that French does not
// also use (a word the two languages share, like "Article" or "relations", says nothing).
const frenchText = french.join("\n");
const giveaways = [
  ...new Set(
    english.flatMap((word, i) =>
      word === french[i] ? [] : word.split("{}").map((piece) => piece.trim()).filter((piece) => piece.length >= 4 && !frenchText.includes(piece)),
    ),
  ),
];

// The story's own text, which the interface shows as it is: every string of the dataset, its
// article, and the names of the world map's countries.
const storyStrings = [];
const collect = (value) => {
  if (typeof value === "string") storyStrings.push(value);
  else if (value && typeof value === "object") Object.values(value).forEach(collect);
};
collect(dataset);
collect(JSON.parse(dist("data/world.json")).countries.map((country) => country.name));
const article = dist("data/belarus-myanmar-article.txt");
storyStrings.sort((a, b) => b.length - a.length);

/** Every text the page shows or says: its text nodes and the attributes read aloud or shown. */
const pageTexts = (page) =>
  page.evaluate(() => {
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
      if (!node.parentElement.closest("script, style, noscript")) texts.push(node.textContent);
    }
    for (const element of document.body.querySelectorAll("*")) {
      for (const name of ["aria-label", "aria-description", "aria-roledescription", "title", "placeholder", "alt", "aria-valuetext"]) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts.map((text) => text.trim()).filter(Boolean);
  });

/** The catalogue's English words the page shows where it is: none, in French. */
async function englishLeft(page, where) {
  const left = [];
  for (let text of await pageTexts(page)) {
    if (article.includes(text)) continue;
    for (const story of storyStrings) if (story.length >= 3) text = text.replaceAll(story, " ");
    for (const piece of giveaways) {
      const escaped = piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, "u").test(text)) left.push(`${where}: “${piece}” in “${text}”`);
    }
  }
  return left;
}

let app;
before(async () => (app = await start()));
after(async () => app?.stop());

test("the catalogue's English betrays itself: the check finds it on the English page", async () => {
  const { page, explorer } = await openExplorer(app);
  await explorer.ready();
  const left = await englishLeft(page, "English page");
  for (const word of ["Skip to the explorer", "Who is tied to whom", "Read the story", "Where it happens", "Save this story as one file to read offline"]) {
    assert.ok(left.some((line) => line.includes(`“${word}”`)), `${word} is found`);
  }
});

for (const [name, viewport] of [
  ["a wide screen", { width: 1280, height: 900 }],
  ["a phone", { width: 390, height: 844 }],
]) {
  test(`every view in French on ${name} (?lang=fr) has no English word of the interface`, async () => {
    const { page, explorer, problems } = await openExplorer(app, { path: "/?lang=fr", viewport });
    await explorer.ready();
    assert.match(page.url(), /\/index\.fr\.html\?lang=fr$/, "the page written in French");
    const left = [];
    const look = async (where) => left.push(...(await englishLeft(page, where)));
    assert.equal(await page.locator(".fl-skip").first().textContent(), "Aller à l’explorateur");
    await look("start");

    const tabs = page.locator('[role="tab"]');
    const show = async (view) => {
      if (await tabs.first().isVisible()) await page.locator(`[role="tab"][data-tab="${view}"]`).click();
    };
    // The map: a country's tooltip, an arc's details, zoomed in.
    await show("map");
    const map = page.getByTestId("map");
    await map.locator('path[data-country="MM"]').focus();
    await page.getByTestId("map-tooltip").filter({ hasText: "Myanmar" }).waitFor();
    await look("map tooltip");
    await map.getByRole("button", { name: "Zoomer", exact: true }).click();
    await map.locator("[data-arc]").first().dispatchEvent("click");
    await explorer.details.locator("[data-selected-relation], [data-selected-arc], [data-selected-entity]").first().waitFor();
    await look("map arc details");

    // The graph: its filters open, a kind hidden, a relation's details.
    await show("graph");
    const graph = page.getByTestId("graph");
    await graph.locator(".fl-filters summary").click();
    await graph.locator(".fl-filters .fl-chip").first().click();
    await look("graph filters");
    await graph.locator(".fl-filters .fl-chip").first().click();
    await graph.locator(".fl-edge[data-relation]").first().dispatchEvent("click");
    await explorer.details.locator("[data-selected-relation]").waitFor();
    await look("relation details");

    // An entity's details, every fold open.
    await explorer.entity("alexander-lukashenko").click();
    await explorer.details.locator('[data-selected-entity="alexander-lukashenko"]').waitFor();
    const closed = explorer.details.locator("details:not([open]) > summary");
    for (let n = await closed.count(); n > 0; n--) await closed.first().click();
    assert.equal(await closed.count(), 0);
    await look("entity details");

    // The article: a fact's card.
    await show("article");
    await page.getByTestId("article").locator("mark[data-fact]").first().click();
    await explorer.details.locator("[data-selected-fact]").waitFor();
    await look("fact details");

    // The timeline: one year shown, then all again.
    await show("timeline");
    const timeline = page.getByTestId("timeline");
    await timeline.locator("[data-year]").first().click();
    await page.locator(".fl-narrowed:not([hidden])").waitFor();
    await look("one year shown");
    await timeline.locator(".fl-chip:not([data-year])").first().click();

    // Search: results, then no match.
    const search = page.locator("#fl-search");
    await search.fill("Min");
    await look("search results");
    await search.fill("zzzz");
    await page.getByText("Aucun résultat pour « zzzz ».").waitFor();
    await look("search without a match");

    assert.deepEqual(left, []);
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
}

test("a story in French speaks French without being asked; an unknown language is said, not guessed", async () => {
  const itaipu = JSON.parse(readFileSync(new URL("../examples/itaipu/itaipu.json", import.meta.url), "utf8"));
  itaipu.story.language = "fr-PY";
  const routes = {
    "/data/itaipu.json": JSON.stringify(itaipu),
    "/data/itaipu-article.txt": readFileSync(new URL("../examples/itaipu/itaipu-article.txt", import.meta.url), "utf8"),
  };
  const { page, explorer } = await openExplorer(app, { path: "/?dataset=data/itaipu.json", routes });
  await explorer.ready();
  assert.equal(await page.locator('[role="tab"][data-tab="graph"]').textContent(), "Graphe");
  assert.equal(await page.locator("html").getAttribute("lang"), "fr-PY", "the page is in the story's language");
  assert.match(await page.getByTestId("graph").innerText(), /Qui est lié à qui/);
  await page.context().close();

  // `?lang=` wins over the story's language.
  const english = await openExplorer(app, { path: "/?dataset=data/itaipu.json&lang=en", routes });
  await english.explorer.ready();
  assert.match(await english.page.getByTestId("graph").innerText(), /Who is tied to whom/);
  await english.context.close();

  // A language the site has no page for leaves the story its own.
  const untranslated = await openExplorer(app, { path: "/?dataset=data/itaipu.json&lang=tlh", routes });
  await untranslated.explorer.ready();
  assert.match(await untranslated.page.getByTestId("graph").innerText(), /Qui est lié à qui/);
  await untranslated.context.close();

  const unknown = await openExplorer(app, { path: "/?lang=tlh" });
  await unknown.explorer.ready();
  assert.equal(await unknown.page.locator(".fl-notice[role=status]").first().textContent(), "This page has no interface in “\u2068tlh\u2069”.");
  assert.match(await unknown.page.getByTestId("graph").innerText(), /Who is tied to whom/);
  assert.deepEqual(unknown.problems.pageErrors, []);
});
