//! The app's one state and its reducer. Components get data and callbacks, never the reducer.

use factlens_core::words::{fill, Word};
use std::rc::Rc;

use factlens_core::compiled::{CompiledStory, Report, SettledLayout};
use factlens_core::graph::GraphModel;
use factlens_core::map::MapModel;
use factlens_core::{Kinds, Story};
use yew::Reducible;

pub use factlens_core::compiled::LoadFailure;
pub use factlens_core::place::{Place, View};
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
    /// What is picked, the open view, the year and the graph's filters: what a link keeps.
    pub place: Place,
    /// The URL fragment last followed, if part of it named nothing in the story (said to the
    /// reader until the next).
    pub missing: Option<String>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState { load: Load::Loading, place: Place::default(), missing: None }
    }
}

/// Everything that can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The story loaded.
    Loaded(Box<CompiledStory>),
    /// Loading failed.
    Failed(LoadFailure),
    /// The URL fragment changed (a link, history, a host page, or the reader's pick, view, year
    /// or filter, which the app writes there): the reader's place follows it. A part naming
    /// nothing in the story (a selection, a year nothing is dated in, an unknown key) is
    /// dropped, and remembered in `missing`.
    Follow(String),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Loaded(compiled) => Rc::new(AppState::ready(*compiled)),
            Action::Failed(failure) => {
                Rc::new(AppState { load: Load::Failed(Rc::new(failure)), ..AppState::default() })
            }
            Action::Follow(fragment) => {
                let fragment = fragment.trim_start_matches('#');
                // An anchor in the page (the skip link's) is not a place.
                if !fragment.is_empty() && !fragment.contains('=') {
                    return self;
                }
                let kinds = match &self.load {
                    Load::Ready { story, .. } => &story.kinds,
                    _ => &Kinds::EMPTY,
                };
                let (mut place, understood) = Place::from_fragment(fragment, kinds);
                place.selection = place.selection.map(|selection| match &self.load {
                    Load::Ready { story, .. } => selection.settled(story),
                    _ => selection,
                });
                let named = place.selection.as_ref().is_none_or(|selection| self.can_select(selection));
                if !named {
                    place.selection = None;
                }
                // A year nothing is dated in would empty every view.
                let dated = place.year.is_none_or(|year| self.has_year(year));
                if !dated {
                    place.year = None;
                }
                let missing = (!understood || !named || !dated).then(|| fragment.to_owned());
                if place == self.place && missing == self.missing {
                    self
                } else {
                    Rc::new(AppState { place, missing, ..(*self).clone() })
                }
            }
        }
    }
}

impl AppState {
    /// A loaded story, nothing selected: where a published page starts.
    pub fn ready(compiled: CompiledStory) -> Self {
        let CompiledStory { story, map, graph, layout, warnings, .. } = compiled;
        let map = match map {
            Ok(map) => MapStatus::Ready(Loaded::new(map)),
            Err(reason) => MapStatus::Unavailable(fill(Word::MapUnavailable, &[&reason])),
        };
        AppState {
            load: Load::Ready {
                story: Loaded::new(story),
                warnings: Rc::new(warnings),
                map,
                graph: Loaded::new(graph),
                settled: layout.map(Loaded::new),
            },
            ..AppState::default()
        }
    }

    /// Whether anything in the loaded story is dated in `year`: only such a year can be picked.
    pub fn has_year(&self, year: i32) -> bool {
        matches!(&self.load, Load::Ready { story, .. } if factlens_core::timeline::years(story).contains(&year))
    }

    /// Whether `selection` names something in the loaded story: only that can be selected.
    pub fn can_select(&self, selection: &Selection) -> bool {
        let Load::Ready { story, map, .. } = &self.load else { return false };
        match selection {
            Selection::Entity(id) => story.entity(id).is_some(),
            Selection::Relation(id) => story.relation(id).is_some(),
            Selection::Fact(id) => story.fact(id).is_some(),
            Selection::Arc(key) => matches!(map, MapStatus::Ready(map) if map.arcs.iter().any(|arc| arc.key == *key)),
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

    /// Following a link to `selection`, all else where it is.
    fn pick(state: &Rc<AppState>, selection: Selection) -> Rc<AppState> {
        go(state, Place { selection: Some(selection), ..state.place.clone() })
    }

    /// Following a link to `place`.
    fn go(state: &Rc<AppState>, place: Place) -> Rc<AppState> {
        let kinds = match &state.load {
            Load::Ready { story, .. } => &story.kinds,
            _ => &Kinds::EMPTY,
        };
        state.clone().reduce(Action::Follow(format!("#{}", place.fragment(kinds))))
    }

    #[test]
    fn picks_of_things_in_the_story_settle_and_others_or_repeats_change_nothing_they_should_not() {
        let state = ready();
        let picked = pick(&state, Selection::Entity("belarus".into()));
        assert_eq!((&picked.place.selection, &picked.missing), (&Some(Selection::Entity("belarus".into())), &None));
        assert!(
            Rc::ptr_eq(&picked, &pick(&picked, Selection::Entity("belarus".into()))),
            "same place, same Rc: no render"
        );
        assert!(Rc::ptr_eq(&picked, &pick(&picked, Selection::Country("BY".into()))), "Belarus on the map is Belarus");
        let arc = pick(&picked, Selection::Arc("BY-MM-supplied_arms_to".into()));
        assert_eq!(arc.place.selection, Some(Selection::Arc("BY-MM-supplied_arms_to".into())));
        let fact = pick(&picked, Selection::Fact("lukashenko-arrived-in-naypyitaw".into()));
        assert_eq!(fact.place.selection, Some(Selection::Fact("lukashenko-arrived-in-naypyitaw".into())));
        for nothing in [
            Selection::Entity("atlantis".into()),
            Selection::Fact("made-up".into()),
            Selection::Arc("MM-BY-supplied_arms_to".into()),
            Selection::Country("ZZ".into()),
        ] {
            let followed = pick(&picked, nothing.clone());
            assert_eq!(followed.place.selection, None, "{nothing:?} is dropped");
            assert_eq!(followed.missing.as_deref(), Some(Selection::fragment(Some(&nothing)).as_str()), "and said");
        }
        let cleared = go(&picked, Place::default());
        assert_eq!((&cleared.place.selection, &cleared.missing), (&None, &None));
        assert!(
            Rc::ptr_eq(&cleared, &cleared.clone().reduce(Action::Follow("#fl-main".into()))),
            "an anchor is no place"
        );
    }

    #[test]
    fn going_somewhere_keeps_the_selection_and_a_link_naming_nothing_drops_only_that() {
        let picked = pick(&ready(), Selection::Entity("belarus".into()));
        let graph = Place { view: View::Graph, year: Some(2023), ..picked.place.clone() };
        let there = go(&picked, graph.clone());
        assert_eq!(there.place, graph);
        let lukashenko = pick(&there, Selection::Entity("alexander-lukashenko".into()));
        assert_eq!((lukashenko.place.view, lukashenko.place.year), (View::Graph, Some(2023)), "a pick keeps the view");
        let link =
            Place { selection: Some(Selection::Entity("atlantis".into())), view: View::Timeline, ..Place::default() };
        let followed = go(&lukashenko, link);
        assert_eq!(followed.place, Place { view: View::Timeline, ..Place::default() });
        let empty_year = go(&followed, Place { year: Some(1990), ..followed.place.clone() });
        assert_eq!(empty_year.place, followed.place, "a year nothing is dated in is dropped");
        assert_eq!(empty_year.missing.as_deref(), Some("view=timeline&year=1990"));
        let unknown = followed.clone().reduce(Action::Follow("#view=radar&entity=belarus".into()));
        assert_eq!(unknown.place.selection, Some(Selection::Entity("belarus".into())));
        assert_eq!(unknown.missing.as_deref(), Some("view=radar&entity=belarus"));
    }

    #[test]
    fn nothing_can_be_selected_before_the_story_loads() {
        let loading = Rc::new(AppState::default());
        assert_eq!(pick(&loading, Selection::Entity("belarus".into())).place.selection, None);
    }
}
