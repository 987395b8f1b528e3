//! A story compiled for the page: what `factlens build` publishes and what the page reads.
//!
//! Everything here is the same for every reader of a published story, so it is worked out once,
//! when the story is published: validation, the story's look-ups with every quote located in
//! its source, the map's country paths, places and arcs, and, for graphs small enough to be
//! drawn as SVG, the settled layout (the layout is deterministic, so every reader would compute
//! the same picture). The page deserializes a [`CompiledStory`] and draws it; the validator,
//! the quote index, the map builder and the world geometry never reach a reader's phone.
//!
//! The in-browser loader for raw datasets (`?dataset=`) compiles with the same
//! [`compile_pausing`], so there is one way from a dataset to what the page shows.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::graph::GraphModel;
use crate::index::Story;
use crate::kinds::Kinds;
use crate::map::MapModel;
use crate::model::Dataset;
use crate::pause::{self, Pause};
use crate::problem::{has_errors, Problem, Severity};
use crate::validate::{check_locating, parse_pausing, SourceTexts};
use crate::world::World;

mod lines;
pub use lines::{ReadJson, SerdeJson};

/// Graphs up to this many nodes are drawn as SVG, and are published with their settled layout;
/// larger ones are drawn on a canvas while their layout runs in the reader's browser.
pub const SVG_MAX_NODES: usize = 300;

/// Ticks a published layout may take to settle (300 with the defaults).
const SETTLE_TICKS: usize = 10_000;

/// Bumped whenever the compiled shape changes, so a page never misreads an older build.
pub const COMPILED_FORMAT: u32 = 6;

/// Everything the page needs to show a story, as published (as lines of JSON: [`lines`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledStory {
    /// [`COMPILED_FORMAT`] when it was written.
    pub format: u32,
    /// The dataset, its source texts and its look-ups.
    pub story: Story,
    /// The map, or why there is none (its geometry could not be read).
    pub map: Result<MapModel, String>,
    /// The relationship graph.
    pub graph: GraphModel,
    /// The graph's settled layout, for graphs of at most [`SVG_MAX_NODES`] nodes.
    pub layout: Option<SettledLayout>,
    /// What validation found that does not stop the story from being shown.
    pub warnings: Vec<Report>,
}

/// Node positions in layout units, indexed like [`GraphModel::nodes`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettledLayout {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

/// A problem as a reader sees it: where it is and what it says. Unlike [`Problem`], it crosses
/// from the compiler to the page (as JSON) unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub severity: Severity,
    pub message: String,
    /// JSON path of the offending value, e.g. `$.entities[3].kind`.
    pub path: String,
    /// 1-based line and column in the dataset file.
    pub line: usize,
    pub column: usize,
}

impl From<&Problem> for Report {
    fn from(problem: &Problem) -> Self {
        Report {
            severity: problem.severity(),
            message: problem.message(),
            path: problem.path.clone(),
            line: problem.position.line,
            column: problem.position.column,
        }
    }
}

/// `LINE:COL: severity: message (at $.path)`, as [`Problem`] prints.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {} (at {})", self.line, self.column, self.severity.as_str(), self.message, self.path)
    }
}

/// Why a dataset could not be shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LoadFailure {
    /// A file could not be fetched.
    Fetch { url: String, reason: String },
    /// The dataset was fetched but is invalid.
    Invalid { url: String, problems: Vec<Report> },
}

/// Compiles a dataset: validates `text` against its `sources`, and when it has no errors builds
/// what the page shows. `world` is the map geometry's JSON (`data/world.json`), or why it could
/// not be read: a story without a map is still a story. Errors come back with every problem.
pub fn compile(text: &str, sources: &SourceTexts, world: Result<&str, String>) -> Result<CompiledStory, Vec<Problem>> {
    pause::finish(compile_pausing(text, sources, world, &mut pause::Never))
}

/// [`compile`], giving way to `pause` between items (see [`crate::pause`]).
pub async fn compile_pausing(
    text: &str,
    sources: &SourceTexts,
    world: Result<&str, String>,
    pause: &mut impl Pause,
) -> Result<CompiledStory, Vec<Problem>> {
    let dataset = parse_pausing(text, pause).await?;
    compile_parsed(text, dataset, sources, world, pause).await
}

/// [`compile_pausing`] of a dataset already parsed from `text` (whose sources, say, had to be
/// fetched first).
pub async fn compile_parsed(
    text: &str,
    dataset: Dataset,
    sources: &SourceTexts,
    world: Result<&str, String>,
    pause: &mut impl Pause,
) -> Result<CompiledStory, Vec<Problem>> {
    // The quote check locates every quote; the story keeps where (the quote index is built once).
    let (problems, quote_starts) = check_locating(text, &dataset, sources, pause).await;
    if has_errors(&problems) {
        return Err(problems);
    }
    let texts: BTreeMap<String, String> =
        sources.iter().filter_map(|(id, text)| Some((id.clone(), text.as_ref().ok()?.clone()))).collect();
    let kinds = Kinds::of(&dataset);
    let story = Story::with_quote_starts(dataset, texts.into(), quote_starts, kinds, pause).await;
    let map = match world.and_then(|text| World::from_json(text).map_err(|err| err.to_string())) {
        Ok(world) => Ok(MapModel::new_pausing(&story, &world, pause).await),
        Err(reason) => Err(reason),
    };
    let graph = GraphModel::new_pausing(&story, pause).await;
    let layout = (graph.nodes.len() <= SVG_MAX_NODES).then(|| {
        let mut simulation = graph.simulation();
        simulation.settle(SETTLE_TICKS);
        // A hundredth of a layout unit is far below a pixel, and so rounded, a position reads
        // back from JSON exactly as it was written.
        let round = |v: Vec<f64>| v.into_iter().map(|v| (v * 100.0).round() / 100.0).collect();
        SettledLayout { x: round(simulation.nodes.x), y: round(simulation.nodes.y) }
    });
    let warnings = problems.iter().map(Report::from).collect();
    Ok(CompiledStory { format: COMPILED_FORMAT, story, map, graph, layout, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATASET: &str = include_str!("../../../../data/belarus-myanmar.json");
    const ARTICLE: &str = include_str!("../../../../data/belarus-myanmar-article.txt");
    const WORLD: &str = include_str!("../../../../data/world.json");

    fn sources() -> SourceTexts {
        BTreeMap::from([("article".to_owned(), Ok(ARTICLE.to_owned()))])
    }

    #[test]
    fn a_compiled_story_reads_back_as_it_was_written() {
        let compiled = compile(DATASET, &sources(), Ok(WORLD)).expect("the bundled story is valid");
        let read = CompiledStory::from_lines(&compiled.to_lines().unwrap()).unwrap();
        assert!(read.story == compiled.story, "the story");
        assert!(read.graph == compiled.graph, "the graph");
        assert!(read.map == compiled.map, "the map");
        assert!(read.layout == compiled.layout, "the layout");
        assert_eq!(read, compiled);
        // The look-ups are rebuilt on reading, not just carried.
        assert_eq!(read.story.entity("belarus").map(|e| e.name.as_str()), Some("Belarus"));
        assert_eq!(
            read.story.fact("naypyitaw-is-myanmar-capital").map(|f| f.id.as_str()),
            Some("naypyitaw-is-myanmar-capital")
        );
        assert_eq!(read.story.entity("nobody"), None);
        for fact in &read.story.dataset.facts {
            assert_eq!(read.story.quote_in_context(fact).map(|c| c.quote), Some(fact.quote.as_str()), "{}", fact.id);
        }
    }

    #[test]
    fn a_small_graph_is_published_settled_as_the_page_would_settle_it() {
        let compiled = compile(DATASET, &sources(), Ok(WORLD)).unwrap();
        let layout = compiled.layout.expect("a small graph carries its layout");
        let mut simulation = compiled.graph.simulation();
        simulation.settle(SETTLE_TICKS);
        assert!(simulation.is_settled());
        for (published, settled) in
            layout.x.iter().chain(&layout.y).zip(simulation.nodes.x.iter().chain(&simulation.nodes.y))
        {
            assert!((published - settled).abs() <= 0.005, "{published} against {settled}");
        }
    }

    #[test]
    fn an_invalid_dataset_compiles_to_its_problems() {
        let broken = DATASET.replacen("\"kind\": \"country\"", "\"kind\": \"planet\"", 1);
        let problems = compile(&broken, &sources(), Ok(WORLD)).unwrap_err();
        assert!(has_errors(&problems));
        let missing = compile(DATASET, &BTreeMap::new(), Ok(WORLD)).unwrap_err();
        assert!(!missing.is_empty(), "a quote whose source is missing is an error");
    }

    #[test]
    fn a_story_without_geometry_still_compiles_without_a_map() {
        let compiled = compile(DATASET, &sources(), Err("not found".into())).unwrap();
        assert_eq!(compiled.map, Err("not found".to_owned()));
        let compiled = compile(DATASET, &sources(), Ok("{}")).unwrap();
        assert!(compiled.map.is_err());
    }

    #[test]
    fn large_graphs_are_laid_out_by_the_reader() {
        let (dataset, text) = crate::synth::synthesize(SVG_MAX_NODES + 1, 1);
        let sources = BTreeMap::from([("article".to_owned(), Ok(text))]);
        let json = serde_json::to_string(&dataset).unwrap();
        let compiled = compile(&json, &sources, Err("no map".into())).unwrap();
        assert!(compiled.layout.is_none());
    }
}
