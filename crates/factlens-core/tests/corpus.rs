//! The corpus of broken datasets in `tests/invalid/` (at the top of the repository).
//!
//! Each `NAME.json` is a small dataset derived from `valid-baseline.json` with one thing broken
//! (or, for `several-*`, a few), and `NAME.expected` holds exactly the lines validation must
//! produce for it: each problem's `Display`, one per line, in the order returned.
//!
//! Naming rules checked here: `valid-*` cases have no problem at all, `warning-*` cases have
//! warnings but no error (so the dataset still loads), every other case has at least one error.
//!
//! To regenerate the expected files after a deliberate change to messages or positions:
//! `FACTLENS_BLESS=1 cargo test -p factlens-core --test corpus`, then read every changed
//! `.expected` file and confirm its message and line:column are right for the case.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use factlens_core::{check, has_errors, parse, Problem, Severity, SourceTexts};

/// The fewest cases the corpus may hold; fewer means files went missing.
const MIN_CASES: usize = 20;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/invalid")
}

/// Validates one dataset file the way `factlens validate` does: parse, then read each source
/// text relative to the dataset's folder, then check.
fn validate_file(path: &Path) -> Vec<Problem> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let dataset = match parse(&text) {
        Ok(dataset) => dataset,
        Err(problems) => return problems,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let sources: SourceTexts = dataset
        .story
        .sources
        .iter()
        .map(|source| {
            let read = std::fs::read_to_string(dir.join(&source.file)).map_err(|err| err.to_string());
            (source.id.clone(), read)
        })
        .collect();
    check(&text, &dataset, &sources)
}

fn render(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("{p}\n")).collect()
}

/// A line diff (longest common subsequence), `-` for expected lines missing from the actual
/// output and `+` for actual lines that were not expected.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            let _ = writeln!(out, "    {}", a[i]);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            let _ = writeln!(out, "  + {}", b[j]);
            j += 1;
        } else {
            let _ = writeln!(out, "  - {}", a[i]);
            i += 1;
        }
    }
    out
}

fn cases() -> Vec<PathBuf> {
    let dir = corpus_dir();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    cases.sort();
    cases
}

fn name_of(path: &Path) -> String {
    path.file_stem().expect("a file name").to_string_lossy().into_owned()
}

#[test]
fn every_case_produces_exactly_its_expected_problems() {
    let bless = std::env::var_os("FACTLENS_BLESS").is_some_and(|v| !v.is_empty() && v != "0");
    let cases = cases();
    assert!(
        cases.len() >= MIN_CASES,
        "expected at least {MIN_CASES} cases in {}, found {}",
        corpus_dir().display(),
        cases.len()
    );

    let mut failures = Vec::new();
    for path in &cases {
        let name = name_of(path);
        let problems = validate_file(path);
        let actual = render(&problems);

        // The naming convention says what kind of outcome each case must have.
        let errors = has_errors(&problems);
        let warnings = problems.iter().any(|p| p.severity() == Severity::Warning);
        if name.starts_with("valid-") && !problems.is_empty() {
            failures.push(format!("{name}: a valid-* case must have no problems, got:\n{actual}"));
        } else if name.starts_with("warning-") && (errors || !warnings) {
            failures.push(format!("{name}: a warning-* case must have warnings and no error, got:\n{actual}"));
        } else if !name.starts_with("valid-") && !name.starts_with("warning-") && !errors {
            failures.push(format!("{name}: a broken case must have at least one error, got:\n{actual}"));
        }

        let expected_path = path.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &actual)
                .unwrap_or_else(|err| panic!("cannot write {}: {err}", expected_path.display()));
            continue;
        }
        let expected = match std::fs::read_to_string(&expected_path) {
            Ok(expected) => expected,
            Err(err) => {
                failures.push(format!(
                    "{name}: cannot read {}: {err}\n  actual output:\n{}",
                    expected_path.display(),
                    diff("", &actual)
                ));
                continue;
            }
        };
        // Tolerate CRLF checkouts; compare everything else exactly.
        if expected.replace("\r\n", "\n") != actual {
            failures.push(format!(
                "{name}: output differs from {name}.expected (- expected, + actual)\n{}",
                diff(&expected, &actual)
            ));
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed (rerun with FACTLENS_BLESS=1 to regenerate, then read the \
         .expected files by eye):\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Every `.expected` file belongs to a case, so a renamed or deleted case leaves nothing behind.
#[test]
fn no_expected_file_without_its_case() {
    let dir = corpus_dir();
    let orphans: Vec<String> = std::fs::read_dir(&dir)
        .expect("the corpus directory")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "expected"))
        .filter(|path| !path.with_extension("json").exists())
        .map(|path| path.display().to_string())
        .collect();
    assert!(orphans.is_empty(), "expected files without a dataset: {orphans:?}");
}

/// A case whose only problems are warnings still loads: `parse` succeeds and `check` finds no
/// error, exactly as the CLI decides validity.
#[test]
fn a_dataset_with_only_warnings_is_valid() {
    let path = corpus_dir().join("warning-unmentioned-entity.json");
    let text = std::fs::read_to_string(&path).expect("the warning case");
    assert!(parse(&text).is_ok(), "the warning case must parse");
    let problems = validate_file(&path);
    assert_eq!(problems.len(), 1, "{}", render(&problems));
    assert_eq!(problems[0].severity(), Severity::Warning);
    assert!(!has_errors(&problems));
    assert_eq!(problems[0].path, "$.entities[3].id");
}

/// The baseline every case is derived from is clean, so each case's problems come from its
/// own edit and nothing else.
#[test]
fn the_baseline_is_clean() {
    let problems = validate_file(&corpus_dir().join("valid-baseline.json"));
    assert!(problems.is_empty(), "{}", render(&problems));
}

#[test]
fn the_diff_marks_missing_and_unexpected_lines() {
    let out = diff("a\nb\nc\n", "a\nx\nc\n");
    assert_eq!(out, "    a\n  + x\n  - b\n    c\n");
}
