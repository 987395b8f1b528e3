// Where a wasm module's bytes go, per crate and per module of our own crates, from a build that
// keeps names: the release wasm (after scripts/build) is run through wasm-bindgen --keep-debug
// and wasm-opt -g with the release's own optimisation (index.html's for the app,
// scripts/build's for a module; names kept), then every function body is
// charged to the crate (and, for ours, the module) its name starts with. Inlined code counts
// where it ended up, so a component's body often shows under yew's render functions.
//
//   node scripts/wasm-breakdown.mjs                 (the app: factlens-app)
//   node scripts/wasm-breakdown.mjs factlens_motion (a module)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { leb as readLeb } from "./leb128.mjs";

const root = new URL("..", import.meta.url).pathname;
const name = process.argv[2] ?? "factlens-app";
const input = `${root}target/wasm32-unknown-unknown/release/${name}.wasm`;
const work = mkdtempSync(join(tmpdir(), "wasm-breakdown-"));
const env = { ...process.env, PATH: `${root}node_modules/.bin:${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--keep-debug", "--out-dir", work, input], { env });
const features = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "reference-types", "multivalue", "mutable-globals"];
// The app's passes are index.html's data-wasm-opt and data-wasm-opt-params; the modules' scripts/build's.
const passes = name === "factlens_motion" ? ["-Oz"] : ["-Os", "--flatten", "--rereloop", "-Os", "-Os"];
execFileSync("wasm-opt", [...passes, "-g", ...features.map((f) => `--enable-${f}`), join(work, `${name}_bg.wasm`), "-o", join(work, "named.wasm")], { env });
const bytes = readFileSync(join(work, "named.wasm"));

/** An unsigned LEB128 of the module at `at`: [value, next offset]. */
const leb = (at) => readLeb(bytes, at);

// Sections: imports (to count imported functions), code (bodies), data, and the name section.
let [imported, bodies, names, data] = [0, [], new Map(), 0];
for (let at = 8; at < bytes.length; ) {
  const id = bytes[at];
  const [size, start] = leb(at + 1);
  const end = start + size;
  if (id === 2) {
    let [count, p] = leb(start);
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < 2; k++) {
        const [len, q] = leb(p);
        p = q + len;
      }
      const kind = bytes[p++];
      if (kind === 0) {
        imported++;
        p = leb(p)[1];
      } else if (kind === 1) {
        p += 1;
        const flags = bytes[p++];
        p = leb(p)[1];
        if (flags & 1) p = leb(p)[1];
      } else if (kind === 2) {
        const flags = bytes[p++];
        p = leb(p)[1];
        if (flags & 1) p = leb(p)[1];
      } else if (kind === 3) p += 2;
      else if (kind === 4) p = leb(p + 1)[1];
    }
  } else if (id === 10) {
    let [count, p] = leb(start);
    for (let i = 0; i < count; i++) {
      const [len, q] = leb(p);
      bodies.push(bytes.subarray(q, q + len));
      p = q + len;
    }
  } else if (id === 11) {
    data = size;
  } else if (id === 0) {
    const [len, q] = leb(start);
    if (bytes.subarray(q, q + len).toString() === "name") {
      for (let p = q + len; p < end; ) {
        const sub = bytes[p];
        const [subSize, s] = leb(p + 1);
        if (sub === 1) {
          let [count, r] = leb(s);
          for (let i = 0; i < count; i++) {
            const [index, a] = leb(r);
            const [nameLen, b] = leb(a);
            names.set(index, bytes.subarray(b, b + nameLen).toString());
            r = b + nameLen;
          }
        }
        p = s + subSize;
      }
    }
  }
  at = end;
}

/** The crate a function's name starts with, and for our crates its module. */
function owner(fn) {
  const path = fn.replace(/^(<|&mut |&|\(|dyn )+/g, "").replace(/\[[0-9a-f]+\]/g, "");
  const parts = path.split("::");
  if (!/^[a-z_][a-z0-9_]*$/.test(parts[0] ?? "")) return "(unnamed)";
  if (parts[0].startsWith("factlens") && parts[1] && /^[a-z_]+$/.test(parts[1])) {
    return parts[1] === "components" && parts[2] ? `${parts[0]}::components::${parts[2]}` : `${parts[0]}::${parts[1]}`;
  }
  return parts[0];
}

const groups = new Map();
bodies.forEach((body, i) => {
  const key = owner(names.get(imported + i) ?? "");
  const group = groups.get(key) ?? { raw: 0, parts: [] };
  group.raw += body.length;
  group.parts.push(body);
  groups.set(key, group);
});
const codeTotal = bodies.reduce((t, b) => t + b.length, 0);
const rows = [...groups].map(([key, g]) => ({ key, raw: g.raw, gzip: gzipSync(Buffer.concat(g.parts), { level: 9 }).length })).sort((a, b) => b.raw - a.raw);
const kib = (n) => (n / 1024).toFixed(1).padStart(7);
console.log(`${name}: ${kib(bytes.length)} KiB with names; code ${kib(codeTotal)} KiB, data ${kib(data)} KiB`);
console.log(`${"crate or module".padEnd(44)} ${"code KiB".padStart(8)} ${"share".padStart(6)} ${"alone gz".padStart(8)}`);
for (const row of rows.filter((r) => r.raw >= 512)) {
  console.log(`${row.key.padEnd(44)} ${kib(row.raw)} ${((100 * row.raw) / codeTotal).toFixed(1).padStart(5)}% ${kib(row.gzip)}`);
}
const small = rows.filter((r) => r.raw < 512);
console.log(`${`${small.length} others under 0.5 KiB each`.padEnd(44)} ${kib(small.reduce((t, r) => t + r.raw, 0))}`);

// `node scripts/wasm-breakdown.mjs NAME --functions`: every function and its size, largest first
// (to compare two builds with diff).
if (process.argv.includes("--functions")) {
  const functions = bodies.map((body, i) => ({ name: names.get(imported + i) ?? `#${imported + i}`, size: body.length }));
  for (const { name: fn, size } of functions.sort((a, b) => b.size - a.size)) console.log(`${String(size).padStart(7)} ${fn}`);
}
