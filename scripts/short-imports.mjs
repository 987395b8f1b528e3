// Shortens the names a wasm-bindgen module imports from its JS glue: wasm-bindgen names each
// import after its function plus a hash (`__wbg_setTimeout_fbd69c6576710fc6`), and those 16 hex
// digits, once in the wasm and once in the glue for every import, hardly compress (about 5 KiB
// of the app's gzipped page). Each becomes a letter or two (`a`, `b`, … `Z`, `aa`, …), in the
// wasm's import section and in the glue's imports object alike. Likewise the exports named
// after a crate's hash (the closures' trampolines, `wasm_bindgen_a0e2…___invoke___…_true_`)
// become `_a`, `_b`, …, and the module every import names (`./factlens-app_bg.js`) becomes `w`.
// The custom sections saying which tools made the wasm and which features it uses, which no
// browser reads, go. Nothing else changes. (In a stack trace the glue's functions have those
// short names; the glue itself says which is which.) When the page names the two files with
// `integrity` hashes (trunk writes them into index.html), those are brought up to date.
//
//   node scripts/short-imports.mjs DIR GLUE_NAME   (DIR/GLUE_NAME.js and DIR/GLUE_NAME_bg.wasm)
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { leb } from "./leb128.mjs";

const [dir, glue] = process.argv.slice(2);
const jsPath = join(dir, `${glue}.js`);
const wasmPath = join(dir, `${glue}_bg.wasm`);
const wasm = readFileSync(wasmPath);
let js = readFileSync(jsPath, "utf8");

/** An unsigned LEB128. */
function uleb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/** A name as the wasm binary writes it: its length, then its UTF-8 bytes. */
const name = (text) => Buffer.concat([uleb(Buffer.byteLength(text)), Buffer.from(text)]);

/** An import's description after its names (kind and type), from `at`: its end. */
function skipDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    p = leb(bytes, p)[1];
    return flags & 1 ? leb(bytes, p)[1] : p;
  };
  if (kind === 0) return leb(bytes, at)[1]; // function: type index
  if (kind === 1) return limits(at + 1); // table: element type, limits
  if (kind === 2) return limits(at); // memory: limits
  if (kind === 3) return at + 2; // global: value type, mutability
  if (kind === 4) return leb(bytes, at + 1)[1]; // tag: attribute, type index
  throw new Error(`${wasmPath}: an import of unknown kind ${kind}`);
}

const sections = [];
for (let at = 8; at < wasm.length; ) {
  const [size, start] = leb(wasm, at + 1);
  sections.push({ id: wasm[at], header: wasm.subarray(at, start), body: wasm.subarray(start, start + size) });
  at = start + size;
}
const imports = sections.find((s) => s.id === 2);
if (!imports) process.exit(0);

// Every import, and the new name of each the glue names exactly once.
const entries = [];
let [count, p] = leb(imports.body, 0);
for (let i = 0; i < count; i++) {
  let [length, q] = leb(imports.body, p);
  const module = imports.body.subarray(q, q + length).toString();
  p = q + length;
  [length, q] = leb(imports.body, p);
  const field = imports.body.subarray(q, q + length).toString();
  p = q + length;
  const end = skipDescription(imports.body, p);
  entries.push({ module, field, description: imports.body.subarray(p, end) });
  p = end;
}
// The module every import names, written into each (`./factlens-app_bg.js`), becomes `w`,
// when the glue names it once, as the key of its imports object.
for (const module of new Set(entries.map((e) => e.module))) {
  const key = `"${module}":`;
  if (js.split(key).length !== 2 || entries.some((e) => e.module === "w")) continue;
  js = js.replace(key, "w:");
  for (const entry of entries.filter((e) => e.module === module)) entry.module = "w";
  break;
}

const taken = new Set(entries.map((e) => e.field));
const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** The `n`th short name: a letter, then two. */
const shortName = (n) => (n < 52 ? letters[n] : letters[Math.floor(n / 52) - 1] + letters[n % 52]);
let next = 0;
const word = (text) => new RegExp(`(?<![\\w$])${text.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
for (const entry of entries) {
  if (!/^__wbg_.+_[0-9a-f]{16}$/.test(entry.field) || (js.match(word(entry.field)) ?? []).length !== 1) continue;
  let renamed;
  do renamed = shortName(next++);
  while (taken.has(renamed));
  taken.add(renamed);
  js = js.replace(word(entry.field), renamed);
  entry.field = renamed;
}

// Exports named after a crate's hash (wasm-bindgen's closure trampolines) get short names too,
// and so does the glue's function of the same name that calls each.
const exports = sections.find((s) => s.id === 7);
const exported = [];
if (exports) {
  let [count, p] = leb(exports.body, 0);
  for (let i = 0; i < count; i++) {
    const [length, q] = leb(exports.body, p);
    const field = exports.body.subarray(q, q + length).toString();
    const end = leb(exports.body, q + length + 1)[1];
    exported.push({ field, description: exports.body.subarray(q + length, end) });
    p = end;
  }
  const exportTaken = new Set(exported.map((e) => e.field));
  let nextExport = 0;
  for (const entry of exported) {
    const exportedByGlue = new RegExp(`export[^\\n]*(?<![\\w$])${entry.field}(?![\\w$])`).test(js);
    if (!/_[0-9a-f]{16}_/.test(entry.field) || !word(entry.field).test(js) || exportedByGlue) continue;
    let renamed;
    do renamed = `_${shortName(nextExport++)}`;
    while (exportTaken.has(renamed) || word(renamed).test(js));
    exportTaken.add(renamed);
    js = js.replace(word(entry.field), renamed);
    entry.field = renamed;
  }
}

// Custom sections no browser reads: which tools made the module, and the features it uses.
const dropped = new Set(["producers", "target_features"]);
const customName = (body) => {
  const [length, at] = leb(body, 0);
  return body.subarray(at, at + length).toString();
};

const section = (id, entries, encode) => {
  const body = Buffer.concat([uleb(entries.length), ...entries.flatMap(encode)]);
  return [Buffer.from([id]), uleb(body.length), body];
};
const out = Buffer.concat([
  wasm.subarray(0, 8),
  ...sections.flatMap((s) =>
    s === imports
      ? section(2, entries, (e) => [name(e.module), name(e.field), e.description])
      : s === exports
        ? section(7, exported, (e) => [name(e.field), e.description])
        : s.id === 0 && dropped.has(customName(s.body))
          ? []
          : [s.header, s.body],
  ),
]);
writeFileSync(wasmPath, out);
writeFileSync(jsPath, js);

// The page's integrity hashes of the two files, if it has any.
const page = join(dir, "index.html");
if (existsSync(page)) {
  let html = readFileSync(page, "utf8");
  for (const [file, bytes] of [[`${glue}.js`, Buffer.from(js)], [`${glue}_bg.wasm`, out]]) {
    const integrity = `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
    html = html.replace(
      new RegExp(`(href="\\./${file.replace(/\./g, "\\.")}"[^>]*integrity=")sha384-[^"]+"`),
      `$1${integrity}"`,
    );
  }
  writeFileSync(page, html);
}
