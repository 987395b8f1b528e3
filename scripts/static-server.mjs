// A small static file server for the release bundle, bound to 127.0.0.1 only.
// Used by `scripts/serve` and by the end-to-end tests (which pick a free port). Like any static
// host a newsroom would use, it compresses text and wasm for browsers that accept gzip.
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

const COMPRESSED = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".txt", ".svg"]);
/** Gzipped bodies by file, kept while the file is unchanged. */
const gzipped = new Map();

/** `body` gzipped: at level 9, as the size report counts, but quickly for large files (a
 * 37 MB benchmark dataset would take seconds at level 9). */
function gzip(file, mtimeMs, body) {
  const kept = gzipped.get(file);
  if (kept?.mtimeMs === mtimeMs) return kept.body;
  const compressed = gzipSync(body, { level: body.length > 1 << 20 ? 1 : 9 });
  gzipped.set(file, { mtimeMs, body: compressed });
  return compressed;
}

/** Serves `root` on 127.0.0.1:`port` (0 = any free port); resolves to the listening server. */
export function serve(root, port = 0) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        response.writeHead(403).end("forbidden");
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      // Revalidated on every use (`no-cache`), cheaply: an unchanged file is a 304.
      const { mtimeMs, size } = await stat(file);
      const etag = `"${size.toString(36)}-${Math.round(mtimeMs).toString(36)}"`;
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache", etag };
      if (request.headers["if-none-match"] === etag) {
        response.writeHead(304, headers).end();
        return;
      }
      let body = await readFile(file);
      if (COMPRESSED.has(extname(file))) {
        headers.vary = "accept-encoding";
        if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
          body = gzip(file, mtimeMs, body);
          headers["content-encoding"] = "gzip";
        }
      }
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => done(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root = "dist", port = "8080"] = process.argv.slice(2);
  const server = await serve(root, Number(port));
  console.log(`factlens is being served at http://127.0.0.1:${server.address().port}/ (Ctrl-C stops it)`);
}
