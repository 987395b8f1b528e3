// Prints what a reader downloads from a published site: raw, gzip and brotli size per file and
// in total, first for what the page itself fetches (index.html and the files it references),
// then for what is fetched only when needed (the loader for raw datasets) or never by the page
// (the raw data). Deterministic (maximum compression levels), so it may also be tested.
// Usage: node scripts/size-report.mjs [dist] [--json]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** Every file under `dir` with its raw, gzip -9 and brotli q11 sizes in bytes. */
export function measure(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(dir);
  return files.map((path) => {
    const body = readFileSync(path);
    return {
      file: relative(dir, path),
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

const kib = (n) => (n / 1024).toFixed(1).padStart(8);

/** The table as text. */
export function table(rows) {
  const width = Math.max(5, ...rows.map((r) => r.file.length));
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const line = (name, r) => `${name.padEnd(width)}  ${kib(r.raw)}  ${kib(r.gzip)}  ${kib(r.brotli)}`;
  return [
    `${"file".padEnd(width)}  ${"raw KiB".padStart(8)}  ${"gzip KiB".padStart(8)}  ${"br KiB".padStart(8)}`,
    ...rows.map((r) => line(r.file, r)),
    line("total", total),
  ].join("\n");
}

/**
 * The files the page at `dir`/index.html fetches as it opens: itself and the local files its
 * `<link>`s and `src`s name (what Chromium fetches; the weight test checks the two agree).
 */
export function pageFiles(dir) {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  // Links a reader follows (`<a href>`, such as the one-file edition's) are not fetched.
  const named = [...html.matchAll(/<link\b[^>]*\bhref="([^"]+)"|\bsrc="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  const local = named.filter((url) => !/^[a-z]+:/.test(url)).map((url) => url.replace(/^\.\//, ""));
  return ["index.html", ...new Set(local)].sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith("--")) ?? "dist";
  // Synthetic stories the tests write into dist/data are not part of the site.
  const rows = measure(dir).filter((r) => !r.file.startsWith("data/synth-"));
  const page = new Set(pageFiles(dir));
  if (args.includes("--json")) {
    console.log(JSON.stringify(rows.map((r) => ({ ...r, page: page.has(r.file) })), null, 2));
  } else {
    console.log("What the page downloads as it opens:");
    console.log(table(rows.filter((r) => page.has(r.file))));
    console.log("\nFetched only when needed (the loader for raw datasets, the motion module for a graph that moves), or never by the page (the raw data):");
    console.log(table(rows.filter((r) => !page.has(r.file))));
  }
}
