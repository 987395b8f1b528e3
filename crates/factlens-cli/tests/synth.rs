//! `factlens synth`: what it writes validates, and bad sizes are usage errors.

mod support;

use std::path::PathBuf;
use std::process::{Command, Output};

use support::assert_exit;

fn factlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlens")).args(args).output().expect("the factlens binary runs")
}

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("factlens-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn written_datasets_validate() {
    let tmp = TempDir::new("synth");
    let dir = tmp.0.to_str().expect("a UTF-8 temp path");
    for n in ["10", "1000"] {
        let output = factlens(&["synth", n, "--seed", "3", "--source-file", "texts/story.txt", "--out-dir", dir]);
        assert_exit(&output, 0);
        let json = tmp.0.join(format!("synth-{n}.json"));
        let text = tmp.0.join("texts/story.txt");
        let printed = String::from_utf8(output.stdout).unwrap();
        assert_eq!(printed, format!("{}\n{}\n", json.display(), text.display()));
        let output = factlens(&["validate", json.to_str().unwrap()]);
        assert_exit(&output, 0);
        assert!(output.stderr.is_empty(), "no warnings: {}", String::from_utf8_lossy(&output.stderr));
    }
}

#[test]
fn stdout_gets_the_same_dataset_every_time() {
    let first = factlens(&["synth", "10"]);
    assert_exit(&first, 0);
    assert_eq!(first.stdout, factlens(&["synth", "10", "--seed", "1"]).stdout);
    assert_ne!(first.stdout, factlens(&["synth", "10", "--seed", "2"]).stdout);
    let json: serde_json::Value = serde_json::from_slice(&first.stdout).expect("JSON on stdout");
    assert_eq!(json["entities"].as_array().unwrap().len(), 10);
    assert_eq!(json["story"]["sources"][0]["file"], "synth-10.txt", "the default text name carries N");
}

#[test]
fn fewer_than_two_entities_is_a_usage_error() {
    for n in ["1", "0"] {
        let output = factlens(&["synth", n]);
        assert_exit(&output, 2);
        assert!(String::from_utf8_lossy(&output.stderr).contains("at least 2"));
        assert!(output.stdout.is_empty());
    }
    assert_exit(&factlens(&["synth", "-5"]), 2);
    assert_exit(&factlens(&["synth", "10", "--source-file", "../escape.txt"]), 2);
}
