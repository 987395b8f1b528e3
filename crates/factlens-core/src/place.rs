//! Where a reader is in a story, as a link keeps it: what is picked, which view is open (on a
//! phone, where the views are tabs), the year the views are narrowed to and the kinds the graph
//! hides. The URL fragment says it (`#entity=belarus&view=graph&year=2023`), so a link opens
//! where it was made, and back and forward step through a reading.

use crate::graph::KindSet;
use crate::kinds::Kinds;
use crate::model::EntityKind;
use crate::selection::Selection;
use crate::words::{t, Word};

/// The views a phone shows one at a time, as tabs (a wide screen shows them all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Map,
    Graph,
    Article,
    Timeline,
}

impl View {
    pub const ALL: [View; 4] = [View::Map, View::Graph, View::Article, View::Timeline];

    pub fn as_str(self) -> &'static str {
        match self {
            View::Map => "map",
            View::Graph => "graph",
            View::Article => "article",
            View::Timeline => "timeline",
        }
    }

    /// The ids of its tab and of the panel that holds it, in the page.
    pub fn ids(self) -> (&'static str, &'static str) {
        match self {
            View::Map => ("fl-tab-map", "fl-view-map"),
            View::Graph => ("fl-tab-graph", "fl-view-graph"),
            View::Article => ("fl-tab-article", "fl-view-article"),
            View::Timeline => ("fl-tab-timeline", "fl-view-timeline"),
        }
    }

    /// Its tab's name, in the interface's language.
    pub fn label(self) -> &'static str {
        t(match self {
            View::Map => Word::ViewMap,
            View::Graph => Word::ViewGraph,
            View::Article => Word::ViewArticle,
            View::Timeline => Word::ViewTimeline,
        })
    }
}

/// A reader's place. The default is where a story opens: nothing picked, the map, all dates,
/// every kind shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub selection: Option<Selection>,
    pub view: View,
    /// The year the map's arcs, the graph's edges and the article's marks are narrowed to.
    pub year: Option<i32>,
    /// Entity kinds the graph hides, by place in [`EntityKind::ALL`].
    pub hidden_entities: KindSet,
    /// Relation kinds the graph hides, by place in the story's [`Kinds`].
    pub hidden_relations: KindSet,
}

impl Place {
    /// The place as a URL fragment (without its `#`): the parts that differ from the default,
    /// selection first, joined by `&`. Hidden relation kinds are named by `kinds`' ids.
    pub fn fragment(&self, kinds: &Kinds) -> String {
        let mut parts = Vec::new();
        if let Some(selection) = &self.selection {
            parts.push(Selection::fragment(Some(selection)));
        }
        if self.view != View::Map {
            parts.push(format!("view={}", self.view.as_str()));
        }
        if let Some(year) = self.year {
            parts.push(format!("year={year}"));
        }
        if !self.hidden_entities.is_empty() {
            parts.push(format!("hide={}", names(self.hidden_entities, &entity_kinds())));
        }
        if !self.hidden_relations.is_empty() {
            parts.push(format!("hide-relations={}", names(self.hidden_relations, &kinds.ids())));
        }
        parts.join("&")
    }

    /// The place a URL fragment (with or without its `#`) names, and whether all of it could be
    /// read: a part naming no view, year or kind (of `kinds`, for relations) is left out (the
    /// reader is told).
    pub fn from_fragment(fragment: &str, kinds: &Kinds) -> (Place, bool) {
        let mut place = Place::default();
        let mut understood = true;
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        for part in fragment.split('&').filter(|part| !part.is_empty()) {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            let read = match key {
                "view" => View::ALL.into_iter().find(|v| v.as_str() == value).map(|view| place.view = view),
                "year" => value.parse().ok().map(|year| place.year = Some(year)),
                // A key given twice adds to what it named.
                "hide" => kinds_named(value, &entity_kinds())
                    .map(|set| place.hidden_entities = place.hidden_entities.union(set)),
                "hide-relations" => kinds_named(value, &kinds.ids())
                    .map(|set| place.hidden_relations = place.hidden_relations.union(set)),
                _ => Selection::from_fragment(part).map(|selection| place.selection = Some(selection)),
            };
            understood &= read.is_some();
        }
        (place, understood)
    }
}

fn entity_kinds() -> Vec<&'static str> {
    EntityKind::ALL.iter().map(|k| k.as_str()).collect()
}

/// The names of the kinds in `set`, by place in `names`, comma-separated.
fn names(set: KindSet, names: &[&str]) -> String {
    let kept: Vec<&str> = names.iter().enumerate().filter(|&(place, _)| set.contains(place)).map(|(_, &n)| n).collect();
    kept.join(",")
}

/// The set of kinds a comma-separated list names, if it names only kinds in `names`.
fn kinds_named(list: &str, names: &[&str]) -> Option<KindSet> {
    let places: Option<Vec<usize>> =
        list.split(',').map(|name| names.iter().position(|&known| known == name)).collect();
    places.map(KindSet::of)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Kinds {
        crate::testing::bundled_story().kinds
    }

    #[test]
    fn a_place_goes_into_its_fragment_and_comes_back_the_same() {
        let place = Place {
            selection: Some(Selection::Fact("lukashenko-arrived-in-naypyitaw".into())),
            view: View::Timeline,
            year: Some(2023),
            hidden_entities: KindSet::of([EntityKind::Person as usize, EntityKind::Event as usize]),
            hidden_relations: KindSet::of([kinds().find("visited").unwrap().0 as usize]),
        };
        let fragment = place.fragment(&kinds());
        assert_eq!(
            fragment,
            "fact=lukashenko-arrived-in-naypyitaw&view=timeline&year=2023&hide=person,event&hide-relations=visited"
        );
        assert_eq!(Place::from_fragment(&format!("#{fragment}"), &kinds()), (place, true));
    }

    #[test]
    fn where_a_story_opens_is_an_empty_fragment_and_a_selection_alone_reads_as_before() {
        assert_eq!(Place::default().fragment(&kinds()), "");
        assert_eq!(Place::from_fragment("", &kinds()), (Place::default(), true));
        assert_eq!(Place::from_fragment("#", &kinds()), (Place::default(), true));
        let (place, understood) = Place::from_fragment("#entity=belarus", &kinds());
        assert!(understood);
        assert_eq!(place, Place { selection: Some(Selection::Entity("belarus".into())), ..Place::default() });
        assert_eq!(place.fragment(&kinds()), "entity=belarus");
    }

    #[test]
    fn parts_naming_nothing_are_left_out_and_said() {
        let (place, understood) =
            Place::from_fragment("view=radar&year=twenty&hide=person,unicorn&entity=belarus", &kinds());
        assert!(!understood);
        assert_eq!(place, Place { selection: Some(Selection::Entity("belarus".into())), ..Place::default() });
        assert!(!Place::from_fragment("colour=red", &kinds()).1);
        assert!(!Place::from_fragment("entity=", &kinds()).1, "an empty id names nothing");
        assert!(!Place::from_fragment("fl-main", &kinds()).1, "an anchor is not a place (the app leaves those alone)");
        let (twice, understood) = Place::from_fragment("hide=person&hide=event", &kinds());
        assert!(understood);
        assert_eq!(twice.hidden_entities, KindSet::of([EntityKind::Person as usize, EntityKind::Event as usize]));
        assert!(
            !Place::from_fragment("hide-relations=signed_treaty_with", &kinds()).1,
            "a kind the story does not use"
        );
    }
}
