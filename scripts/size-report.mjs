// Prints what a reader downloads from the release bundle: raw, gzip and brotli size per file,
// and the total. Deterministic (maximum compression levels), so it may also be tested.
// Usage: node scripts/size-report.mjs [dist] [--json] [--share FILE]...
//   --share FILE adds a line giving that file's share of the total (e.g. the map geometry).
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

/** "FILE: x% of what a reader downloads (gzip), y% (brotli)". */
export function share(rows, file) {
  const row = rows.find((r) => r.file === file);
  if (!row) return `${file}: not in the bundle`;
  const sum = (key) => rows.reduce((t, r) => t + r[key], 0);
  const pct = (key) => ((100 * row[key]) / sum(key)).toFixed(1);
  return `${file}: ${pct("gzip")}% of the gzip total, ${pct("brotli")}% of the brotli total`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const shares = args.flatMap((a, i) => (args[i - 1] === "--share" ? [a] : []));
  const dir = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--share") ?? "dist";
  const rows = measure(dir);
  if (args.includes("--json")) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log(table(rows));
    for (const file of shares) console.log(share(rows, file));
  }
}
