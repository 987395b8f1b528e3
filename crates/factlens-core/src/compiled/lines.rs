//! A compiled story as lines of JSON: how `factlens build` publishes it and how the loader
//! module hands it to the page.
//!
//! A 20,000-entity story is tens of megabytes of JSON. Written or read as one document, it is
//! one task of about a second on the page's main thread, where nothing may take more than a
//! few milliseconds. As lines of at most [`ITEMS_PER_LINE`] items each, it is written and read
//! a line at a time, and the work gives way between lines ([`crate::pause`]).
//!
//! The first line is `{"format":N}` ([`COMPILED_FORMAT`]); then one line with everything that
//! is not a long list (the story's title and sources, the source texts, the map, the settled
//! layout, the warnings); then the lists, a slice per line, in any order. Every index is checked
//! when the story is put together, so a damaged page is an error, never a panic later.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{CompiledStory, Report, SettledLayout, COMPILED_FORMAT};
use crate::graph::{GraphEdge, GraphModel, GraphNode, GraphParts};
use crate::index::{Story, StoryParts, Texts};
use crate::kinds::Kinds;
use crate::map::MapModel;
use crate::model::{self, Dataset, Entity, Fact, Relation};
use crate::pause::{self, Pause};

/// Items of a list per line: a line of entities or facts is read in a millisecond or two.
const ITEMS_PER_LINE: usize = 500;

/// The format a story's first line, `{"format":N}`, names. A story written whole by an older
/// build starts the same way, so it too says which format it is in.
fn format_of(line: &str) -> Option<u32> {
    let digits = line.strip_prefix("{\"format\":")?;
    digits[..digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len())].parse().ok()
}

/// What is not a long list: the story's title and sources, the source texts, the map, the
/// settled layout and the warnings, as written ([`HeadOut`] borrows what [`Head`] reads).
#[derive(Serialize)]
struct HeadOut<'a> {
    version: u32,
    about: &'a model::Story,
    texts: &'a Texts,
    kinds: &'a Kinds,
    map: &'a Result<MapModel, String>,
    layout: &'a Option<SettledLayout>,
    warnings: &'a [Report],
}

/// How a line of JSON becomes a value: [`SerdeJson`] natively; the page brings the browser's
/// own parser (`src/load.rs`), so that serde_json's code is not part of its wasm.
pub trait ReadJson {
    /// The value `line` holds; if it holds none, where it stops being one (", column 7"), or
    /// nothing. (Where, not what: the page has no use for descriptions of JSON errors, and a
    /// damaged page is rebuilt, not repaired by hand.)
    fn read<T: DeserializeOwned>(&self, line: &str) -> Result<T, String>;
}

/// [`ReadJson`] by serde_json.
pub struct SerdeJson;

impl ReadJson for SerdeJson {
    fn read<T: DeserializeOwned>(&self, line: &str) -> Result<T, String> {
        serde_json::from_str(line).map_err(|err| format!(", column {}", err.column()))
    }
}

/// [`HeadOut`], as read.
#[derive(Deserialize)]
struct Head {
    version: u32,
    about: model::Story,
    texts: Texts,
    kinds: Kinds,
    map: Result<MapModel, String>,
    layout: Option<SettledLayout>,
    warnings: Vec<Report>,
}

/// Every line after the first, as read. Written by [`line`], which names the same variants.
#[derive(Deserialize)]
enum Line {
    Head(Box<Head>),
    Entities(Vec<Entity>),
    Relations(Vec<Relation>),
    Facts(Vec<Fact>),
    QuoteStarts(Vec<Option<usize>>),
    Nodes(Vec<GraphNode>),
    Edges(Vec<GraphEdge>),
}

impl CompiledStory {
    /// The story as lines of JSON (no line holds a line break), joined by `\n`.
    pub fn to_lines(&self) -> Result<String, String> {
        Ok(pause::finish(self.to_lines_pausing(&mut pause::Never))?.join("\n"))
    }

    /// [`CompiledStory::to_lines`], a line at a time, giving way to `pause` between lines.
    pub async fn to_lines_pausing(&self, pause: &mut impl Pause) -> Result<Vec<String>, String> {
        let Story { dataset, texts, quote_starts, kinds, .. } = &self.story;
        let head = HeadOut {
            version: dataset.version,
            about: &dataset.story,
            texts,
            kinds,
            map: &self.map,
            layout: &self.layout,
            warnings: &self.warnings,
        };
        let mut lines = vec![format!("{{\"format\":{}}}", self.format), line("Head", &head)?];
        let lists = slices("Entities", &dataset.entities)
            .chain(slices("Relations", &dataset.relations))
            .chain(slices("Facts", &dataset.facts))
            .chain(slices("QuoteStarts", quote_starts))
            .chain(slices("Nodes", &self.graph.nodes))
            .chain(slices("Edges", &self.graph.edges));
        for slice in lists {
            lines.push(slice?);
            pause.point().await;
        }
        Ok(lines)
    }

    /// Reads a story written by [`CompiledStory::to_lines`].
    pub fn from_lines(text: &str) -> Result<CompiledStory, String> {
        pause::finish(Self::from_lines_pausing(&mut text.lines().map(str::to_owned), &SerdeJson, &mut pause::Never))
    }

    /// [`CompiledStory::from_lines`] of its lines, giving way to `pause` between lines. (The
    /// lines come as a trait object so that the page, which reads them from its HTML or from
    /// the loader module, has one copy of this code.)
    pub async fn from_lines_pausing(
        lines: &mut dyn Iterator<Item = String>,
        json: &impl ReadJson,
        pause: &mut impl Pause,
    ) -> Result<CompiledStory, String> {
        let mut story = Parts::default();
        for (n, line) in lines.enumerate() {
            story.read(n + 1, &line, json)?;
            pause.point().await;
        }
        story.finish()
    }
}

/// The story as read so far.
#[derive(Default)]
struct Parts {
    format: Option<u32>,
    head: Option<Box<Head>>,
    entities: Vec<Entity>,
    relations: Vec<Relation>,
    facts: Vec<Fact>,
    quote_starts: Vec<Option<usize>>,
    nodes: Vec<GraphNode>,
    edges: Vec<GraphEdge>,
}

impl Parts {
    /// Reads line `number` (from 1).
    fn read(&mut self, number: usize, line: &str, json: &impl ReadJson) -> Result<(), String> {
        let damaged = |at: String| format!("the compiled story is damaged: line {number}{at}");
        if self.format.is_none() {
            let format = format_of(line).ok_or("the compiled story is damaged: line 1 does not say its format")?;
            if format != COMPILED_FORMAT {
                return Err(format!(
                    "the story was compiled in format {format}, and this page reads format {COMPILED_FORMAT}: build it again"
                ));
            }
            self.format = Some(format);
            return Ok(());
        }
        match json.read(line).map_err(damaged)? {
            Line::Head(head) => self.head = Some(head),
            Line::Entities(mut items) => self.entities.append(&mut items),
            Line::Relations(mut items) => self.relations.append(&mut items),
            Line::Facts(mut items) => self.facts.append(&mut items),
            Line::QuoteStarts(mut items) => self.quote_starts.append(&mut items),
            Line::Nodes(mut items) => self.nodes.append(&mut items),
            Line::Edges(mut items) => self.edges.append(&mut items),
        }
        Ok(())
    }

    /// The story, with every index it carries checked.
    fn finish(self) -> Result<CompiledStory, String> {
        let Parts { format, head, entities, relations, facts, quote_starts, nodes, edges } = self;
        let format = format.ok_or("the compiled story is empty")?;
        let head = head.ok_or("the compiled story is damaged: it has no head line")?;
        let Head { version, about, texts, kinds, map, layout, warnings } = *head;
        let arc_kinds = map.iter().flat_map(|map| map.arcs.iter().map(|arc| arc.kind));
        if !edges.iter().map(|edge| edge.kind).chain(arc_kinds).all(|kind| kinds.has(kind)) {
            return Err("the compiled story is damaged: a relation's kind is not in its table".into());
        }
        let dataset = Dataset { version, story: about, entities, relations, facts };
        let story = Story::try_from(StoryParts { dataset, texts, quote_starts, kinds })?;
        let entities = &story.dataset.entities;
        if nodes.len() != entities.len() || nodes.iter().zip(entities).any(|(node, entity)| node.entity_id != entity.id)
        {
            return Err("the compiled story is damaged: its graph has not a node per entity, in their order".into());
        }
        let graph = GraphModel::try_from(GraphParts { nodes, edges })?;
        Ok(CompiledStory { format, story, map, graph, layout, warnings })
    }
}

/// A list as lines of at most [`ITEMS_PER_LINE`] items each.
fn slices<'a, T: Serialize>(variant: &'a str, items: &'a [T]) -> impl Iterator<Item = Result<String, String>> + 'a {
    items.chunks(ITEMS_PER_LINE).map(move |chunk| line(variant, chunk))
}

/// A [`Line`] as JSON: `{"Variant":value}`, as serde writes an enum's variant.
fn line(variant: &str, value: &(impl Serialize + ?Sized)) -> Result<String, String> {
    Ok(format!("{{\"{variant}\":{}}}", to_json(value)?))
}

fn to_json(line: &(impl Serialize + ?Sized)) -> Result<String, String> {
    serde_json::to_string(line).map_err(|err| format!("the story could not be written: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiled::compile;

    fn compiled(entities: usize) -> CompiledStory {
        let (dataset, text) = crate::synth::synthesize(entities, 1);
        let sources = std::collections::BTreeMap::from([("article".to_owned(), Ok(text))]);
        let json = serde_json::to_string(&dataset).unwrap();
        compile(&json, &sources, Ok(include_str!("../../../../data/world.json"))).unwrap()
    }

    #[test]
    fn a_large_story_is_written_in_short_lines_and_reads_back_as_it_was() {
        let story = compiled(1_200);
        let text = story.to_lines().unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 2 * 1_200 / ITEMS_PER_LINE, "{} lines", lines.len());
        assert_eq!(lines[0], format!("{{\"format\":{COMPILED_FORMAT}}}"));
        // No list line is longer than its items: none holds the whole story.
        assert!(lines[2..].iter().all(|line| line.len() < text.len() / 4));
        let mut counting = pause::Counting::default();
        let read = pause::finish(CompiledStory::from_lines_pausing(
            &mut text.lines().map(str::to_owned),
            &SerdeJson,
            &mut counting,
        ))
        .unwrap();
        assert_eq!(counting.points, lines.len(), "a pause after every line");
        assert_eq!(read, story);
    }

    #[test]
    fn lines_may_come_in_any_order_after_the_format() {
        let story = compiled(40);
        let text = story.to_lines().unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        assert_eq!(CompiledStory::from_lines(&lines.join("\n")).unwrap(), story);
    }

    #[test]
    fn damaged_or_older_stories_are_refused_with_a_reason() {
        let text = compiled(40).to_lines().unwrap();
        assert!(CompiledStory::from_lines("").unwrap_err().contains("empty"));
        assert!(CompiledStory::from_lines("{").unwrap_err().contains("damaged: line 1"));
        assert!(CompiledStory::from_lines("{\"format\":x}").unwrap_err().contains("damaged: line 1"));
        let older = format!("{{\"format\":0,\"story\":{{}}}}\n{}", text.split_once('\n').unwrap().1);
        assert!(CompiledStory::from_lines(&older).unwrap_err().contains("build it again"));
        let (first, rest) = text.split_once('\n').unwrap();
        let headless: Vec<&str> = rest.lines().skip(1).collect();
        assert!(CompiledStory::from_lines(&format!("{first}\n{}", headless.join("\n")))
            .unwrap_err()
            .contains("no head"));
        let broken_edge = text.replacen("\"source\":5,", "\"source\":5000,", 1);
        assert_ne!(broken_edge, text);
        assert!(CompiledStory::from_lines(&broken_edge).unwrap_err().contains("graph edge"));
        let cut = &text[..text.len() - 10];
        assert!(CompiledStory::from_lines(cut).unwrap_err().contains("damaged: line"));
    }
}
