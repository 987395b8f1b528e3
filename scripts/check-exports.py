#!/usr/bin/env python3
"""Checks `factlens export` with other tools' own readers (docs/EXPORT.md).

For each dataset given, exports it in every format with the factlens binary, then:
  - CSV: Python's csv module reads each table back, with its columns, one row per entity,
    relation or fact, each id and each text as in the dataset;
  - GEXF: networkx's GEXF reader reads the same nodes and edges (a relation read both ways, a
    `mutual` edge, is an edge each way), with labels and attributes;
  - FtM: every line is an entity the followthemoney model accepts: a concrete schema, known
    properties, values already clean, the required properties, entity references that point at
    exported entities of the property's range; `to_dict()` gives back the same properties; one
    entity per source, entity, relation and fact.

Usage: scripts/check-exports.py DATASET...   (FACTLENS=path/to/factlens to use a given binary;
by default `cargo run -q --locked -p factlens-cli --`). Run by scripts/test with the venv that
scripts/setup makes in .venv. Exits 1 and says what is wrong when an export is.
"""

import csv
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx
from followthemoney import model

ROOT = Path(__file__).resolve().parent.parent
FACTLENS = shlex.split(os.environ.get("FACTLENS", "cargo run -q --locked -p factlens-cli --"))


class Failed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failed(message)


def export(dataset, fmt, out):
    subprocess.run([*FACTLENS, "export", str(dataset), "--format", fmt, "--out", str(out)], check=True, cwd=ROOT)


def check_csv(data, folder, stem):
    tables = {
        "entities": (data["entities"], ["id", "kind", "name", "description"]),
        "relations": (data["relations"], ["id", "kind", "from", "to", "label"]),
        "facts": (data["facts"], ["id", "status", "statement", "quote", "source"]),
    }
    for table, (items, fields) in tables.items():
        path = folder / f"{stem}-{table}.csv"
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f, strict=True))
        header, body = rows[0], rows[1:]
        expect(len(body) == len(items), f"{path.name}: {len(body)} rows for {len(items)} {table}")
        for row in body:
            expect(len(row) == len(header), f"{path.name}: a row of {len(row)} cells under {len(header)} columns")
        for item, row in zip(items, body):
            cells = dict(zip(header, row))
            for field in fields:
                expect(cells[field] == item[field], f"{path.name}: {item['id']}'s {field} reads back as {cells[field]!r}")
        if table == "relations":
            for item, row in zip(items, body):
                cells = dict(zip(header, row))
                expect(cells["directed"] == str(item["directed"]).lower(), f"{item['id']}: directed")
                expect(cells["facts"].split("; ") == item["facts"], f"{item['id']}: facts")


def check_gexf(data, path):
    graph = networkx.read_gexf(path)
    entities = {e["id"]: e for e in data["entities"]}
    expect(set(graph.nodes) == set(entities), f"GEXF nodes {sorted(set(graph.nodes) ^ set(entities))} differ")
    for node, attrs in graph.nodes(data=True):
        entity = entities[node]
        expect(attrs["label"] == entity["name"], f"GEXF node {node}: label {attrs['label']!r}")
        expect(attrs["kind"] == entity["kind"], f"GEXF node {node}: kind")
        expect(attrs.get("country") == entity.get("country"), f"GEXF node {node}: country")
        expect(attrs["description"] == entity["description"], f"GEXF node {node}: description {attrs['description']!r}")
    # A multigraph when two relations share their ends, a plain one otherwise.
    edges, edge_attrs = {}, {}
    for source, target, attrs in graph.edges(data=True):
        edges.setdefault(attrs["id"], set()).add((source, target))
        edge_attrs[attrs["id"]] = attrs
    expect(set(edges) == {r["id"] for r in data["relations"]}, "GEXF edge ids differ from the relations'")
    for relation in data["relations"]:
        ends = (relation["from"], relation["to"])
        want = {ends} if relation["directed"] else {ends, ends[::-1]}
        expect(edges[relation["id"]] == want, f"GEXF edge {relation['id']}: {edges[relation['id']]} for {want}")
        attrs = edge_attrs[relation["id"]]
        expect(attrs["label"] == relation["label"], f"GEXF edge {relation['id']}: label {attrs['label']!r}")
        expect(attrs["kind"] == relation["kind"], f"GEXF edge {relation['id']}: kind")
        expect(attrs["facts"] == len(relation["facts"]), f"GEXF edge {relation['id']}: facts")


def check_ftm(data, path):
    lines = path.read_text(encoding="utf-8").splitlines()
    entities = [json.loads(line) for line in lines]
    schemas = {}
    for entity in entities:
        expect(entity["id"] not in schemas, f"FtM id {entity['id']} repeats")
        schemas[entity["id"]] = model.get(entity["schema"])
    want = len(data["story"]["sources"]) + len(data["entities"]) + len(data["relations"]) + len(data["facts"])
    expect(len(entities) == want, f"{len(entities)} FtM entities for {want} sources, entities, relations and facts")
    for entity in entities:
        where = f"FtM {entity['id']}"
        schema = schemas[entity["id"]]
        expect(schema is not None, f"{where}: no schema {entity['schema']!r}")
        expect(not schema.abstract, f"{where}: {schema.name} is abstract")
        expect(set(entity) == {"id", "schema", "properties"}, f"{where}: keys {sorted(entity)}")
        for name, values in entity["properties"].items():
            prop = schema.get(name)
            expect(prop is not None, f"{where}: {schema.name} has no property {name!r}")
            expect(isinstance(values, list) and values, f"{where}: {name} is not a list of values")
            for value in values:
                expect(isinstance(value, str), f"{where}: {name} has a value that is not a string")
                clean = prop.type.clean(value, proxy=None)
                expect(clean == value, f"{where}: {name} {value!r} is not clean (FtM cleans it to {clean!r})")
                if prop.type.name == "entity":
                    target = schemas.get(value)
                    expect(target is not None, f"{where}: {name} points at {value}, which was not exported")
                    expect(target.is_a(prop.range), f"{where}: {name} points at a {target.name}, not a {prop.range.name}")
        for name in schema.required:
            expect(entity["properties"].get(name), f"{where}: {schema.name} needs {name}")
        proxy = model.get_proxy(entity, cleaned=False)
        back = proxy.to_dict()
        expect(back["id"] == entity["id"] and back["schema"] == schema.name, f"{where}: id or schema changed")
        expect(
            {k: sorted(v) for k, v in back["properties"].items()} == {k: sorted(v) for k, v in entity["properties"].items()},
            f"{where}: to_dict() gives other properties",
        )


def check(path):
    dataset = Path(path).resolve()
    data = json.loads(dataset.read_text(encoding="utf-8"))
    stem = dataset.stem
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        export(dataset, "csv", tmp / "csv")
        check_csv(data, tmp / "csv", stem)
        export(dataset, "gexf", tmp / "story.gexf")
        check_gexf(data, tmp / "story.gexf")
        export(dataset, "ftm", tmp / "story.ftm.json")
        check_ftm(data, tmp / "story.ftm.json")
    print(
        f"{path}: exports ok (CSV {len(data['entities'])}/{len(data['relations'])}/{len(data['facts'])} rows, "
        f"GEXF read by networkx {networkx.__version__}, FtM valid for followthemoney)"
    )


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        try:
            check(path)
        except Failed as err:
            print(f"{path}: export check failed: {err}", file=sys.stderr)
            failed += 1
        except Exception as err:  # a reader refusing the file: networkx, the XML parser, FtM
            print(f"{path}: export check failed: {type(err).__name__}: {err}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
