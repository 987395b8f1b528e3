// Derives data/world.json, the map's country geometry, from Natural Earth admin-0 countries as
// the npm package world-atlas ships them (TopoJSON, public domain). Run: node scripts/make-world.mjs
//
// - Shapes come from the 1:110m cut; countries that cut leaves out (small islands and
//   city-states) are added from the 1:50m cut, and the few still missing from the 1:10m cut.
//   Territories Natural Earth draws as part of their country (French Guiana, Réunion,
//   Svalbard, …) have no shape of their own.
// - world-atlas ids are ISO 3166-1 numeric codes; they are mapped to alpha-2 with the table in
//   crates/factlens-core/src/iso3166.rs. Three features have no ISO code: Kosovo gets the
//   widely used user-assigned code XK; N. Cyprus and Somaliland get no code.
// - Arcs stay shared between neighbours (TopoJSON's idea), re-quantized to a common 0.01° grid
//   and delta-encoded, which keeps the file small.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const atlasDir = require.resolve("world-atlas/package.json").replace(/package\.json$/, "");
const atlasVersion = JSON.parse(readFileSync(atlasDir + "package.json", "utf8")).version;
const STEP = 0.01; // degrees per quantum

const iso = new Map();
for (const [, alpha2, numeric, name] of readFileSync("crates/factlens-core/src/iso3166.rs", "utf8").matchAll(/\("([A-Z]{2})", (\d+), "([^"]*)"\)/g)) {
  iso.set(Number(numeric), { alpha2, name });
}
const NO_ISO = { Kosovo: "XK", "N. Cyprus": null, Somaliland: null };

function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => [(x += dx) * sx + tx, (y += dy) * sy + ty]);
  });
}

const out = { arcs: [], countries: [] };
const seen = new Set();

function addTopology(file, accept) {
  const topology = JSON.parse(readFileSync(atlasDir + file, "utf8"));
  const arcs = decodeArcs(topology);
  const remap = new Map(); // arc index in this topology -> index in out.arcs
  const arcIndex = (i) => {
    const reversed = i < 0;
    const j = reversed ? ~i : i;
    if (!remap.has(j)) {
      remap.set(j, out.arcs.length);
      out.arcs.push(encode(arcs[j]));
    }
    const k = remap.get(j);
    return reversed ? ~k : k;
  };
  for (const geometry of topology.objects.countries.geometries) {
    const name = geometry.properties.name;
    const numeric = geometry.id === undefined ? null : Number(geometry.id);
    const code = numeric === null ? NO_ISO[name] : iso.get(numeric)?.alpha2;
    if (code === undefined) {
      // The 1:50m cut also has a few non-country features (Indian Ocean Ter., Siachen Glacier).
      if (file.includes("110m")) throw new Error(`${file}: no ISO code for ${name} (${geometry.id})`);
      continue;
    }
    const key = code ?? name;
    if (seen.has(key) || !accept(key) || !geometry.type) continue;
    seen.add(key);
    const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.arcs;
    out.countries.push({ code, name, polygons: polygons.map((rings) => rings.map((ring) => ring.map(arcIndex))) });
  }
}

/** Quantizes an arc to the grid and delta-encodes it as a flat [x0, y0, dx1, dy1, …]. */
function encode(points) {
  const flat = [];
  let px = null, py = null;
  for (const [lon, lat] of points) {
    const x = Math.round(lon / STEP), y = Math.round(lat / STEP);
    if (px === null) flat.push(x, y);
    else if (x !== px || y !== py) flat.push(x - px, y - py);
    px = x;
    py = y;
  }
  if (flat.length === 2) flat.push(0, 0); // an arc needs two points, even if they coincide
  return flat;
}

addTopology("countries-110m.json", () => true);
addTopology("countries-50m.json", (key) => !seen.has(key));
addTopology("countries-10m.json", (key) => !seen.has(key));
out.countries.sort((a, b) => (a.code ?? "~" + a.name).localeCompare(b.code ?? "~" + b.name));

const world = {
  source: `Natural Earth admin-0 countries, 1:110m with 1:50m and 1:10m for countries the 1:110m cut omits, from the npm package world-atlas ${atlasVersion}`,
  license: "Public domain (Natural Earth); world-atlas is ISC-licensed",
  step: STEP,
  arcs: out.arcs,
  countries: out.countries,
};
writeFileSync("data/world.json", JSON.stringify(world) + "\n");
console.log(`data/world.json: ${world.countries.length} countries, ${world.arcs.length} arcs, ${world.arcs.reduce((n, a) => n + a.length / 2, 0)} points`);
