//! The app's one state and its reducer. Components get data and callbacks, never the reducer.

use std::rc::Rc;

use factlens_core::compiled::{CompiledStory, Report, SettledLayout};
use factlens_core::graph::GraphModel;
use factlens_core::map::MapModel;
use factlens_core::Story;
use yew::Reducible;

pub use factlens_core::compiled::LoadFailure;
pub use factlens_core::selection::{Neighbourhood, Selection};

/// What a story loads into (the story, its map, its graph), shared by the components that show
/// it and compared by identity: it never changes in place, and comparing a 20,000-entity story
/// field by field, as `Rc`'s `PartialEq` does, cost each click a sixth of a second.
#[derive(Debug)]
pub struct Loaded<T>(Rc<T>);

impl<T> Loaded<T> {
    pub fn new(value: T) -> Self {
        Loaded(Rc::new(value))
    }

    /// What `==` compares, as a number: a key for memos.
    pub fn identity(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        Loaded(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Loaded<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Loaded<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// Where loading the dataset stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// Fetching and validating.
    Loading,
    /// Loaded and valid; warnings are shown but do not block.
    Ready {
        story: Loaded<Story>,
        warnings: Rc<Vec<Report>>,
        map: MapStatus,
        graph: Loaded<GraphModel>,
        /// The graph's layout as published, for small graphs.
        settled: Option<Loaded<SettledLayout>>,
    },
    /// The dataset could not be shown; the panel says why.
    Failed(Rc<LoadFailure>),
}

/// The map's geometry, built once per story; the rest of the explorer works without it.
#[derive(Debug, Clone, PartialEq)]
pub enum MapStatus {
    /// Ready to draw.
    Ready(Loaded<MapModel>),
    /// Why there is no map.
    Unavailable(String),
}

/// Everything the app remembers.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub load: Load,
    pub selection: Option<Selection>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState { load: Load::Loading, selection: None }
    }
}

/// Everything that can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The story loaded.
    Loaded(Box<CompiledStory>),
    /// Loading failed.
    Failed(LoadFailure),
    /// The reader picked something; picking what is already picked keeps it.
    Select(Selection),
    /// The reader cleared the selection (Escape, the close button).
    ClearSelection,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Loaded(compiled) => Rc::new(AppState::ready(*compiled)),
            Action::Failed(failure) => Rc::new(AppState { load: Load::Failed(Rc::new(failure)), selection: None }),
            Action::Select(selection) => {
                let selection = match &self.load {
                    Load::Ready { story, .. } => selection.settled(story),
                    _ => selection,
                };
                if self.selection.as_ref() == Some(&selection) || !self.can_select(&selection) {
                    self
                } else {
                    Rc::new(AppState { selection: Some(selection), ..(*self).clone() })
                }
            }
            Action::ClearSelection if self.selection.is_none() => self,
            Action::ClearSelection => Rc::new(AppState { selection: None, ..(*self).clone() }),
        }
    }
}

impl AppState {
    /// A loaded story, nothing selected: where a published page starts.
    pub fn ready(compiled: CompiledStory) -> Self {
        let CompiledStory { story, map, graph, layout, warnings, .. } = compiled;
        let map = match map {
            Ok(map) => MapStatus::Ready(Loaded::new(map)),
            Err(reason) => MapStatus::Unavailable(format!("The map could not be drawn: {reason}.")),
        };
        AppState {
            load: Load::Ready {
                story: Loaded::new(story),
                warnings: Rc::new(warnings),
                map,
                graph: Loaded::new(graph),
                settled: layout.map(Loaded::new),
            },
            selection: None,
        }
    }

    /// Whether `selection` names something in the loaded story: only that can be selected.
    pub fn can_select(&self, selection: &Selection) -> bool {
        let Load::Ready { story, map, .. } = &self.load else { return false };
        match selection {
            Selection::Entity(id) => story.entity(id).is_some(),
            Selection::Relation(id) => story.relation(id).is_some(),
            Selection::Fact(id) => story.fact(id).is_some(),
            Selection::Arc(key) => matches!(map, MapStatus::Ready(map) if map.arcs.iter().any(|arc| arc.key() == *key)),
            Selection::Country(code) => {
                matches!(map, MapStatus::Ready(map) if map.country(code).is_some())
                    || story.dataset.entities.iter().any(|e| e.country.as_deref() == Some(code))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn loaded_values_are_equal_only_to_themselves() {
        let (a, b) = (Loaded::new(vec![1, 2, 3]), Loaded::new(vec![1, 2, 3]));
        assert!(a == a.clone() && a.identity() == a.clone().identity());
        assert!(a != b, "equal contents, but not the same load");
        assert_eq!(*a, *b);
    }

    fn ready() -> Rc<AppState> {
        let article = include_str!("../data/belarus-myanmar-article.txt").to_owned();
        let sources = BTreeMap::from([("article".to_owned(), Ok(article))]);
        let world = include_str!("../data/world.json");
        let compiled =
            factlens_core::compiled::compile(include_str!("../data/belarus-myanmar.json"), &sources, Ok(world));
        Rc::new(AppState::default()).reduce(Action::Loaded(Box::new(compiled.unwrap())))
    }

    #[test]
    fn selecting_known_things_changes_state_and_unknown_or_repeated_ones_do_not() {
        let state = ready();
        let picked = state.clone().reduce(Action::Select(Selection::Entity("belarus".into())));
        assert_eq!(picked.selection, Some(Selection::Entity("belarus".into())));
        let again = picked.clone().reduce(Action::Select(Selection::Entity("belarus".into())));
        assert!(Rc::ptr_eq(&picked, &again), "re-selecting returns the same Rc, so Yew skips the render");
        let unknown = picked.clone().reduce(Action::Select(Selection::Entity("atlantis".into())));
        assert!(Rc::ptr_eq(&picked, &unknown));
        let lukashenko = picked.clone().reduce(Action::Select(Selection::Entity("alexander-lukashenko".into())));
        let country = lukashenko.reduce(Action::Select(Selection::Country("BY".into())));
        assert_eq!(country.selection, Some(Selection::Entity("belarus".into())), "Belarus on the map is Belarus");
        let arc = picked.clone().reduce(Action::Select(Selection::Arc("BY-MM-supplied_arms_to".into())));
        assert_eq!(arc.selection, Some(Selection::Arc("BY-MM-supplied_arms_to".into())));
        let fact = picked.clone().reduce(Action::Select(Selection::Fact("lukashenko-arrived-in-naypyitaw".into())));
        assert_eq!(fact.selection, Some(Selection::Fact("lukashenko-arrived-in-naypyitaw".into())));
        let no_fact = picked.clone().reduce(Action::Select(Selection::Fact("made-up".into())));
        assert!(Rc::ptr_eq(&picked, &no_fact));
        let no_arc = picked.clone().reduce(Action::Select(Selection::Arc("MM-BY-supplied_arms_to".into())));
        assert!(Rc::ptr_eq(&picked, &no_arc));
        let not_a_country = picked.clone().reduce(Action::Select(Selection::Country("ZZ".into())));
        assert!(Rc::ptr_eq(&picked, &not_a_country));
        let cleared = picked.reduce(Action::ClearSelection);
        assert_eq!(cleared.selection, None);
        assert!(Rc::ptr_eq(&cleared, &cleared.clone().reduce(Action::ClearSelection)));
    }

    #[test]
    fn nothing_can_be_selected_before_the_story_loads() {
        let loading = Rc::new(AppState::default());
        let after = loading.clone().reduce(Action::Select(Selection::Entity("belarus".into())));
        assert!(Rc::ptr_eq(&loading, &after));
    }
}
