// Prints what a reader downloads from the release bundle: raw, gzip and brotli size per file,
// and the total. Deterministic (maximum compression levels), so it may also be tested.
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const rows = measure(args.find((a) => !a.startsWith("--")) ?? "dist");
  console.log(args.includes("--json") ? JSON.stringify(rows, null, 2) : table(rows));
}
