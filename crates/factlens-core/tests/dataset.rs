//! The real dataset, `data/belarus-myanmar.json`: clean, every quote verbatim in its article,
//! the article unchanged from the shared story text, every entity mentioned and every relation
//! supported by facts.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use factlens_core::{validate, Dataset, SourceTexts};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

const DATASET_PATH: &str = "data/belarus-myanmar.json";

/// The dataset text, and its source texts read relative to it as the CLI does.
fn load() -> (String, Dataset, SourceTexts) {
    let path = repo_root().join(DATASET_PATH);
    let text = read(&path);
    let dataset = factlens_core::parse(&text).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("{DATASET_PATH} does not parse:\n{}", lines.join("\n"))
    });
    let dir = path.parent().expect("the data folder");
    let sources = dataset
        .story
        .sources
        .iter()
        .map(|s| (s.id.clone(), std::fs::read_to_string(dir.join(&s.file)).map_err(|err| err.to_string())))
        .collect();
    (text, dataset, sources)
}

#[test]
fn validates_with_no_errors_and_no_warnings() {
    let (text, _, sources) = load();
    let (dataset, problems) = validate(&text, &sources);
    let lines: Vec<String> = problems.iter().map(|p| format!("{DATASET_PATH}:{p}")).collect();
    assert!(problems.is_empty(), "expected a clean dataset, got:\n{}", lines.join("\n"));
    assert!(dataset.is_some());
}

#[test]
fn every_quote_is_verbatim_in_its_source() {
    let (_, dataset, sources) = load();
    let mut misquotes = Vec::new();
    for fact in &dataset.facts {
        let text = match sources.get(&fact.source) {
            Some(Ok(text)) => text,
            Some(Err(err)) => panic!("source {:?} of fact {:?} unreadable: {err}", fact.source, fact.id),
            None => panic!("fact {:?} cites unknown source {:?}", fact.id, fact.source),
        };
        assert!(!fact.quote.trim().is_empty(), "fact {:?} has an empty quote", fact.id);
        if !text.contains(&fact.quote) {
            misquotes.push(format!("{}: {:?}", fact.id, fact.quote));
        }
    }
    assert!(misquotes.is_empty(), "quotes not found verbatim:\n{}", misquotes.join("\n"));
}

/// The article shipped in `data/` is the story's text, byte for byte. CI checks the shared story
/// out beside this repository, at `../shared`; where it is absent the comparison is skipped.
#[test]
fn the_article_is_byte_identical_to_the_shared_story() {
    let ours = repo_root().join("data/belarus-myanmar-article.txt");
    let shared = repo_root().join("../shared/story/belarus-myanmar-article.txt");
    if !shared.exists() {
        println!("note: {} does not exist; not comparing {} with it", shared.display(), ours.display());
        return;
    }
    let ours_bytes = std::fs::read(&ours).expect("the data article");
    let shared_bytes = std::fs::read(&shared).expect("the shared article");
    if ours_bytes != shared_bytes {
        let first_difference = ours_bytes
            .iter()
            .zip(&shared_bytes)
            .position(|(a, b)| a != b)
            .unwrap_or(ours_bytes.len().min(shared_bytes.len()));
        panic!(
            "{} differs from {} ({} vs {} bytes; first difference at byte {first_difference})",
            ours.display(),
            shared.display(),
            ours_bytes.len(),
            shared_bytes.len()
        );
    }
}

#[test]
fn every_entity_is_mentioned_by_a_fact() {
    let (_, dataset, _) = load();
    let mentioned: HashSet<&str> = dataset
        .facts
        .iter()
        .flat_map(|f| f.entities.iter().map(String::as_str).chain(f.attribution.as_deref()))
        .collect();
    let unmentioned: Vec<&str> =
        dataset.entities.iter().map(|e| e.id.as_str()).filter(|id| !mentioned.contains(id)).collect();
    assert!(unmentioned.is_empty(), "entities no fact mentions: {unmentioned:?}");
}

#[test]
fn every_relation_is_supported_by_existing_facts() {
    let (_, dataset, _) = load();
    let fact_ids: HashSet<&str> = dataset.facts.iter().map(|f| f.id.as_str()).collect();
    for relation in &dataset.relations {
        assert!(!relation.facts.is_empty(), "relation {:?} cites no fact", relation.id);
        for fact in &relation.facts {
            assert!(fact_ids.contains(fact.as_str()), "relation {:?} cites unknown fact {fact:?}", relation.id);
        }
    }
}
