//! Loading in slices: every step whose work grows with the dataset gives way between items, and
//! ends exactly as it does when nothing pauses.

use std::collections::BTreeMap;
use std::future::Future;
use std::task::Poll;

use factlens_core::graph::GraphModel;
use factlens_core::map::MapModel;
use factlens_core::pause::{finish, Pause};
use factlens_core::validate::{check_pausing, parse_pausing};
use factlens_core::world::World;
use factlens_core::{check, parse, Story};

/// Counts its points, and at each one is not ready the first time it is polled, as the page's
/// pause is not when it ends a slice.
#[derive(Default)]
struct Suspending {
    points: usize,
}

impl Pause for Suspending {
    fn point(&mut self) -> impl Future<Output = ()> {
        self.points += 1;
        let mut waited = false;
        std::future::poll_fn(move |context| {
            if std::mem::replace(&mut waited, true) {
                return Poll::Ready(());
            }
            context.waker().wake_by_ref();
            Poll::Pending
        })
    }
}

#[test]
fn loading_steps_give_way_between_items_and_end_as_without_pauses() {
    let (dataset, article) = factlens_core::synth::synthesize(60, 1);
    let text = serde_json::to_string_pretty(&dataset).unwrap();
    let sources: BTreeMap<String, Result<String, String>> =
        dataset.story.sources.iter().map(|s| (s.id.clone(), Ok(article.clone()))).collect();
    let items = dataset.entities.len() + dataset.relations.len() + dataset.facts.len();

    let mut pause = Suspending::default();
    let parsed = finish(parse_pausing(&text, &mut pause));
    let points = pause.points;
    assert_eq!(parsed, parse(&text));
    assert!(parsed.is_ok());
    assert!(points >= items, "parse: {points} points for {items} items");

    let mut pause = Suspending::default();
    let problems = finish(check_pausing(&text, &dataset, &sources, &mut pause));
    let points = pause.points;
    assert_eq!(problems, check(&text, &dataset, &sources));
    assert!(points >= items, "check: {points} points for {items} items");

    let texts: BTreeMap<String, String> = BTreeMap::from([(dataset.story.sources[0].id.clone(), article.clone())]);
    let mut pause = Suspending::default();
    let story = finish(Story::new_pausing(dataset.clone(), texts.clone(), &mut pause));
    let points = pause.points;
    assert_eq!(story, Story::new(dataset.clone(), texts));
    assert!(points >= items, "story: {points} points for {items} items");

    let mut pause = Suspending::default();
    let graph = finish(GraphModel::new_pausing(&story, &mut pause));
    let points = pause.points;
    assert_eq!(graph, GraphModel::new(&story));
    assert!(points >= dataset.entities.len() + dataset.relations.len(), "graph: {points} points");

    let world = World::from_json(include_str!("../../../data/world.json")).unwrap();
    let mut pause = Suspending::default();
    let map = finish(MapModel::new_pausing(&story, &world, &mut pause));
    let points = pause.points;
    assert_eq!(map, MapModel::new(&story, &world));
    assert!(points >= world.countries.len() + items, "map: {points} points");
}
