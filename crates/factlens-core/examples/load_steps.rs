//! Native timing of each step of loading a story, on a synthetic dataset: a quick look at where
//! load time goes. `cargo run --release -p factlens-core --example load_steps -- 20000`
use std::collections::BTreeMap;
use std::time::Instant;

use factlens_core::graph::GraphModel;
use factlens_core::Story;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let (dataset, article) = factlens_core::synth::synthesize(n, 1);
    let text = serde_json::to_string_pretty(&dataset).expect("a dataset serializes");
    let sources: BTreeMap<String, Result<String, String>> =
        dataset.story.sources.iter().map(|s| (s.id.clone(), Ok(article.clone()))).collect();
    println!("n={n}: {:.1} MB of JSON", text.len() as f64 / 1e6);
    let step = |name: &str, start: Instant| println!("  {name}: {:.0} ms", start.elapsed().as_secs_f64() * 1000.0);

    let start = Instant::now();
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    step("JSON to a value", start);
    drop(value);
    let start = Instant::now();
    let typed: factlens_core::model::Dataset = serde_json::from_str(&text).expect("valid dataset");
    step("JSON to a dataset, directly", start);
    drop(typed);
    let start = Instant::now();
    let duplicates = factlens_core::locate::duplicate_keys(&text);
    step("duplicate keys", start);
    assert!(duplicates.is_empty());
    let start = Instant::now();
    let dataset = factlens_core::parse(&text).expect("valid dataset");
    step("parse (all of it)", start);
    let start = Instant::now();
    let problems = factlens_core::check(&text, &dataset, &sources);
    step("check", start);
    assert!(!factlens_core::has_errors(&problems));
    let texts = sources.into_iter().filter_map(|(id, text)| Some((id, text.ok()?))).collect();
    let start = Instant::now();
    let story = Story::new(dataset, texts);
    step("Story::new", start);
    let world_text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/world.json"))
        .expect("data/world.json is readable");
    let start = Instant::now();
    let world = factlens_core::world::World::from_json(&world_text).expect("the world geometry decodes");
    step("World::from_json", start);
    let start = Instant::now();
    let map = factlens_core::map::MapModel::new(&story, &world);
    step("MapModel::new", start);
    drop(map);
    let start = Instant::now();
    let graph = GraphModel::new(&story);
    step("GraphModel::new", start);
    let start = Instant::now();
    let input = graph.layout_input();
    step("layout input", start);
    drop(input);
}
