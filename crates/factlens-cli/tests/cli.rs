//! The `factlens` binary as users run it: exit codes, what goes to stdout and stderr, and the
//! exact problem lines.
//!
//! Every command runs from the repository root so that file names in the output are the
//! relative paths given on the command line.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use support::assert_exit;

const DATASET: &str = "data/belarus-myanmar.json";
const CORPUS: &str = "tests/invalid";
/// A corpus case with exactly one error, pinned here by its exact text.
const BROKEN: &str = "tests/invalid/dangling-relation-endpoint.json";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn factlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlens"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("the factlens binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn dataset_json() -> Value {
    let text = std::fs::read_to_string(repo_root().join(DATASET)).expect("the dataset");
    serde_json::from_str(&text).expect("the dataset is JSON")
}

fn array<'a>(value: &'a Value, key: &str) -> &'a Vec<Value> {
    value[key].as_array().unwrap_or_else(|| panic!("`{key}` is an array"))
}

fn corpus_cases() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(repo_root().join(CORPUS))
        .expect("the corpus directory")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| format!("{CORPUS}/{}", path.file_name().expect("a file name").to_string_lossy()))
        .collect();
    cases.sort();
    cases
}

// ---- validate ----

#[test]
fn the_real_dataset_is_valid() {
    let output = factlens(&["validate", DATASET]);
    assert_exit(&output, 0);
    let json = dataset_json();
    let expected = format!(
        "{DATASET}: ok ({} entities, {} relations, {} facts)\n",
        array(&json, "entities").len(),
        array(&json, "relations").len(),
        array(&json, "facts").len()
    );
    assert_eq!(stdout(&output), expected);
    assert_eq!(stderr(&output), "", "a clean dataset prints no problem");
}

#[test]
fn a_broken_dataset_exits_1_with_located_problems_on_stderr() {
    let output = factlens(&["validate", BROKEN]);
    assert_exit(&output, 1);
    assert_eq!(stdout(&output), "", "an invalid dataset gets no ok line");
    assert_eq!(stderr(&output), format!("{BROKEN}:67:7: error: unknown entity \"grodno\" (at $.relations[1].to)\n"));
}

/// The CLI reports exactly what the corpus expects for every case, behind the file name, and
/// exits 1 exactly when a case has errors.
#[test]
fn every_corpus_case_prints_its_expected_lines() {
    let cases = corpus_cases();
    assert!(cases.len() >= 20, "the corpus has only {} cases", cases.len());
    for case in cases {
        let expected_file = repo_root().join(&case).with_extension("expected");
        let expected = std::fs::read_to_string(&expected_file).expect("each case has its .expected file");
        let expected: String = expected.lines().map(|line| format!("{case}:{line}\n")).collect();
        let output = factlens(&["validate", &case]);
        assert_eq!(stderr(&output), expected, "stderr of `factlens validate {case}`");
        let has_error = expected.lines().any(|line| line.contains(": error: "));
        assert_exit(&output, if has_error { 1 } else { 0 });
        assert_eq!(stdout(&output).starts_with(&format!("{case}: ok (")), !has_error, "stdout of {case}");
    }
}

#[test]
fn a_dataset_with_only_warnings_is_ok() {
    let case = "tests/invalid/warning-unmentioned-entity.json";
    let output = factlens(&["validate", case]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), format!("{case}: ok (4 entities, 2 relations, 3 facts)\n"));
    assert!(
        stderr(&output).contains(": warning: entity \"state-media\" is mentioned by no fact"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_missing_file_exits_2_naming_it() {
    let output = factlens(&["validate", "no-such-dataset.json"]);
    assert_exit(&output, 2);
    let err = stderr(&output);
    assert!(err.starts_with("no-such-dataset.json: error: cannot read file"), "{err}");
    assert_eq!(stdout(&output), "");
}

#[test]
fn one_valid_and_one_invalid_file_exit_1_and_report_both() {
    let output = factlens(&["validate", DATASET, BROKEN]);
    assert_exit(&output, 1);
    assert!(stdout(&output).starts_with(&format!("{DATASET}: ok (")), "{}", stdout(&output));
    assert!(stderr(&output).starts_with(&format!("{BROKEN}:67:7: error: ")), "{}", stderr(&output));
}

#[test]
fn any_unreadable_file_exits_2_whatever_its_position() {
    for args in [
        ["validate", DATASET, BROKEN, "missing.json"],
        ["validate", "missing.json", BROKEN, DATASET],
        ["validate", BROKEN, "missing.json", DATASET],
    ] {
        let output = factlens(&args);
        assert_exit(&output, 2);
        // Every file is still looked at.
        let (out, err) = (stdout(&output), stderr(&output));
        assert!(out.contains(&format!("{DATASET}: ok (")), "{args:?}: {out}");
        assert!(err.contains(&format!("{BROKEN}:67:7: error: ")), "{args:?}: {err}");
        assert!(err.contains("missing.json: error: cannot read file"), "{args:?}: {err}");
    }
}

#[test]
fn bad_usage_exits_2() {
    for args in [&[][..], &["validate"][..], &["frobnicate"][..], &["validate", "--no-such-flag", DATASET][..]] {
        let output = factlens(args);
        assert_exit(&output, 2);
        assert!(!stderr(&output).is_empty(), "{args:?} explains itself on stderr");
        assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    }
}

#[test]
fn help_exits_0() {
    let output = factlens(&["--help"]);
    assert_exit(&output, 0);
    assert!(stdout(&output).contains("validate"), "{}", stdout(&output));
}

// ---- stats ----

/// Counts by kind or status, as `stats` lists them: only non-zero ones.
fn count_by(items: &[Value], field: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for item in items {
        let word = item[field].as_str().unwrap_or_else(|| panic!("`{field}` is a string"));
        *counts.entry(word.to_owned()).or_insert(0) += 1;
    }
    counts
}

#[test]
fn stats_counts_match_the_dataset() {
    let output = factlens(&["stats", DATASET]);
    assert_exit(&output, 0);
    let text = stdout(&output);
    let mut lines = text.lines();
    let json = dataset_json();
    assert_eq!(lines.next(), json["story"]["title"].as_str(), "the first line is the story title");

    // section → (total, counts by word), read from the indented table.
    let mut sections: BTreeMap<String, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    let mut current = None;
    for line in lines {
        let (label, n) = line.trim().rsplit_once(' ').unwrap_or_else(|| panic!("a `label  count` row: {line:?}"));
        let n: usize = n.parse().unwrap_or_else(|_| panic!("a count at the end of {line:?}"));
        let label = label.trim().to_owned();
        if line.starts_with(' ') {
            let section: &String = current.as_ref().unwrap_or_else(|| panic!("{line:?} comes before any section"));
            let counts = &mut sections.get_mut(section).expect("the current section").1;
            assert!(counts.insert(label, n).is_none(), "{line:?} is listed twice");
        } else {
            sections.insert(label.clone(), (n, BTreeMap::new()));
            current = Some(label);
        }
    }

    let expected: BTreeMap<String, (usize, BTreeMap<String, usize>)> = [
        ("entities", array(&json, "entities"), "kind"),
        ("relations", array(&json, "relations"), "kind"),
        ("facts", array(&json, "facts"), "status"),
    ]
    .into_iter()
    .map(|(section, items, field)| (section.to_owned(), (items.len(), count_by(items, field))))
    .collect();
    assert_eq!(sections, expected, "stats output:\n{text}");
}

#[test]
fn stats_of_a_broken_dataset_exits_1_and_of_a_missing_one_2() {
    let output = factlens(&["stats", BROKEN]);
    assert_exit(&output, 1);
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).starts_with(&format!("{BROKEN}:67:7: error: ")), "{}", stderr(&output));

    let output = factlens(&["stats", "missing.json"]);
    assert_exit(&output, 2);
    assert!(stderr(&output).starts_with("missing.json: error: cannot read file"), "{}", stderr(&output));
}

/// `factlens stats FILE | head -1`: the reader goes away before the output is written, and the
/// CLI must neither panic nor be killed.
#[test]
fn a_closed_stdout_does_not_panic() {
    for args in [["stats", DATASET], ["schema", ""], ["validate", DATASET]] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let mut child = Command::new(env!("CARGO_BIN_EXE_factlens"))
            .args(&args)
            .current_dir(repo_root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the factlens binary runs");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("factlens finishes");
        let err = stderr(&output);
        assert!(!err.contains("panicked"), "{args:?} panicked on a closed stdout:\n{err}");
        assert!(output.status.code().is_some_and(|code| code != 101), "{args:?} ended with {:?}", output.status);
    }
}

// ---- schema ----

#[test]
fn schema_prints_the_checked_in_json_schema() {
    let output = factlens(&["schema"]);
    assert_exit(&output, 0);
    let printed = stdout(&output);
    let schema: Value = serde_json::from_str(&printed).expect("the schema is JSON");
    assert_eq!(schema["title"], "Dataset");
    assert!(schema["$defs"].is_object(), "the schema defines the dataset's parts");

    let path = repo_root().join("docs/dataset.schema.json");
    let checked_in =
        std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    assert!(
        printed == checked_in,
        "docs/dataset.schema.json is out of date with the model; regenerate it with \
         `cargo run -p factlens-cli -- schema > docs/dataset.schema.json`"
    );
}
