// The style sheet as readers get it: style/factlens.css without its comments and spaces (csso,
// without restructuring, so the cascade is exactly the source's), into target/style/, where
// index.html takes it from. scripts/build runs it before trunk.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { minify } from "csso";

const root = new URL("..", import.meta.url).pathname;
mkdirSync(`${root}target/style`, { recursive: true });
const source = readFileSync(`${root}style/factlens.css`, "utf8");
writeFileSync(`${root}target/style/factlens.css`, minify(source, { restructure: false }).css);
