//! `factlens export`: a valid story comes out as CSV tables that read back to the same rows, a
//! GEXF document and FollowTheMoney lines with stable ids; an invalid one writes nothing.
//! (scripts/check-exports.py reads the same exports with networkx and followthemoney.)

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::assert_exit;

const TRICKY: &str = "tests/export-data/tricky.json";
const BUNDLED: &str = "../../data/belarus-myanmar.json";

fn factlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlens"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the factlens binary runs")
}

/// A fresh folder under the target directory, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("export-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn dataset(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A table's header and rows, read by the `csv` crate as RFC 4180 says.
fn read_table(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|row| row.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

#[test]
fn csv_tables_read_back_to_the_same_rows_and_texts() {
    for (path, stem) in [(TRICKY, "tricky"), (BUNDLED, "belarus-myanmar")] {
        let out = scratch(&format!("csv-{stem}"));
        let output = factlens(&["export", path, "--format", "csv", "--out", out.to_str().unwrap()]);
        assert_exit(&output, 0);
        assert!(output.stdout.is_empty(), "the tables go into files");
        let data = dataset(path);
        for (table, fields) in [
            ("entities", &["id", "kind", "name", "description"][..]),
            ("relations", &["id", "kind", "from", "to", "label"][..]),
            ("facts", &["id", "status", "statement", "quote", "source"][..]),
        ] {
            let (header, rows) = read_table(&out.join(format!("{stem}-{table}.csv")));
            let items = data[table].as_array().unwrap();
            assert_eq!(rows.len(), items.len(), "{stem}-{table}.csv has a row per item");
            for (row, item) in rows.iter().zip(items) {
                assert_eq!(row.len(), header.len());
                for field in fields {
                    let column = header.iter().position(|h| h == field).unwrap();
                    assert_eq!(row[column], item[field].as_str().unwrap(), "{stem}-{table}.csv: {field}");
                }
            }
        }
    }
}

#[test]
fn a_story_in_french_is_exported_in_french_words() {
    let dir = scratch("french");
    let mut story = dataset(TRICKY);
    story["story"]["language"] = "fr".into();
    std::fs::write(dir.join("tricky.json"), story.to_string()).unwrap();
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/export-data/tricky-article.txt");
    std::fs::copy(article, dir.join("tricky-article.txt")).unwrap();
    let out = dir.join("tables");
    assert_exit(
        &factlens(&[
            "export",
            dir.join("tricky.json").to_str().unwrap(),
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ]),
        0,
    );
    let (header, rows) = read_table(&out.join("tricky-entities.csv"));
    let (id, date_text) =
        (header.iter().position(|h| h == "id").unwrap(), header.iter().position(|h| h == "date_text").unwrap());
    let vote = rows.iter().find(|row| row[id] == "vote").unwrap();
    assert_eq!(vote[date_text], "4 mars 2023", "as its page says it");
}

#[test]
fn csv_needs_a_folder_and_an_invalid_story_writes_nothing() {
    assert_exit(&factlens(&["export", TRICKY, "--format", "csv"]), 2);
    let out = scratch("invalid");
    for format in ["csv", "gexf", "ftm"] {
        let target = out.join(format);
        let output = factlens(&[
            "export",
            "../../tests/invalid/dangling-relation-endpoint.json",
            "--format",
            format,
            "--out",
            target.to_str().unwrap(),
        ]);
        assert_exit(&output, 1);
        assert!(String::from_utf8_lossy(&output.stderr).contains(": error: "));
        assert!(!target.exists(), "nothing is written for an invalid story");
    }
    assert_exit(&factlens(&["export", TRICKY, "--format", "pdf"]), 2);
}

#[test]
fn gexf_goes_to_stdout_or_a_file_with_every_name_escaped() {
    let output = factlens(&["export", TRICKY, "--format", "gexf"]);
    assert_exit(&output, 0);
    let gexf = String::from_utf8(output.stdout).unwrap();
    let data = dataset(TRICKY);
    assert!(gexf.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\""));
    assert_eq!(gexf.matches("<node ").count(), data["entities"].as_array().unwrap().len());
    assert_eq!(gexf.matches("<edge ").count(), data["relations"].as_array().unwrap().len());
    assert!(
        !gexf.contains("<script>") && gexf.contains("label=\"Bob &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;\"")
    );
    assert!(gexf.contains("label=\"Acme &amp; Sons\""));
    assert!(gexf.contains("source=\"ann\" target=\"bob\" type=\"mutual\""));

    let file = scratch("gexf").join("story.gexf");
    assert_exit(&factlens(&["export", TRICKY, "--format", "gexf", "--out", file.to_str().unwrap()]), 0);
    assert_eq!(std::fs::read_to_string(file).unwrap(), gexf);
}

#[test]
fn ftm_lines_have_stable_ids_and_point_at_exported_entities() {
    let run = |extra: &[&str]| {
        let output = factlens(&[&["export", TRICKY, "--format", "ftm"][..], extra].concat());
        assert_exit(&output, 0);
        String::from_utf8(output.stdout).unwrap()
    };
    let lines = run(&[]);
    assert_eq!(lines, run(&[]), "the same dataset gives the same lines");
    let entities: Vec<serde_json::Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let data = dataset(TRICKY);
    let count = |list: &str| data[list].as_array().unwrap().len();
    assert_eq!(
        entities.len(),
        data["story"]["sources"].as_array().unwrap().len() + count("entities") + count("relations") + count("facts")
    );
    let ids: Vec<&str> = entities.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert!(ids.iter().all(|id| id.starts_with("tricky.")), "{ids:?}");
    let schema = |id: &str| entities.iter().find(|e| e["id"] == id).unwrap()["schema"].as_str().unwrap();
    assert_eq!(schema("tricky.ann"), "Person");
    assert_eq!(schema("tricky.belarus"), "Territory");
    assert_eq!(schema("tricky.relation.bob-leads-acme"), "Directorship");
    assert_eq!(schema("tricky.relation.ann-member-of-union"), "Membership");
    assert_eq!(schema("tricky.relation.ann-met-bob"), "Associate");
    assert_eq!(schema("tricky.relation.union-sanctioned-bob"), "Sanction");
    assert_eq!(schema("tricky.relation.ann-leads-belarus"), "UnknownLink");
    assert_eq!(schema("tricky.fact.met"), "Note");
    // Every entity property points at an exported entity.
    for entity in &entities {
        for (name, values) in entity["properties"].as_object().unwrap() {
            for value in values.as_array().unwrap() {
                let value = value.as_str().unwrap();
                if value.starts_with("tricky.") && name != "name" {
                    assert!(ids.contains(&value), "{}: {name} → {value}", entity["id"]);
                }
            }
        }
    }
    let prefixed = run(&["--id-prefix", "My Story"]);
    assert!(prefixed.starts_with("{\"id\":\"my-story.source.article\""), "{prefixed}");

    let file = scratch("ftm").join("story.ftm.json");
    assert_exit(&factlens(&["export", TRICKY, "--format", "ftm", "--out", file.to_str().unwrap()]), 0);
    assert_eq!(std::fs::read_to_string(file).unwrap(), lines);
}
