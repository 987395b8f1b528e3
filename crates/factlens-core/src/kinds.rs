//! A story's relation kinds as one table: the built-in kinds its relations use, in vocabulary
//! order, then the kinds it declares (`story.relation_kinds`), in declaration order. Every view
//! reads a kind through the table (its id in links, its label in legends, filters and edge
//! labels, its colour, whether the map draws it), so a declared kind is shown exactly as a
//! built-in one. The table is made when a story is published; the page reads it as published.

use serde::{Deserialize, Serialize};

use crate::model::{BuiltinKind, Dataset, KindMap};
use crate::words::{t, Word};

/// A relation kind: its place in its story's [`Kinds`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RelationKind(pub u8);

/// At most this many kinds in a table: the graph's filters keep a bit per kind in a `u64`.
pub const MAX_KINDS: usize = 64;

/// The most kinds a story may declare, so that with every built-in kind it stays within
/// [`MAX_KINDS`].
pub const MAX_DECLARED: usize = MAX_KINDS - BuiltinKind::ALL.len();

/// The colours relation kinds are drawn in, as class words (`fl-tint--contact`): the five
/// families of the built-in kinds, then a palette the declared kinds take in the order they are
/// declared, so a kind keeps its colour when relations are added or removed.
pub const TINTS: [&str; 11] =
    ["contact", "military", "alignment", "power", "scrutiny", "d1", "d2", "d3", "d4", "d5", "d6"];

/// Where the declared kinds' palette starts in [`TINTS`].
const PALETTE_START: usize = 5;

/// One kind, as the views show it. Published as a row (`[id, label, tint, arc, builtin]`): a
/// struct's field names would cost the page's reader code to match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "KindRow", from = "KindRow")]
pub struct KindInfo {
    /// The word relations use in the dataset (`visited`, `signed_treaty_with`).
    pub id: String,
    /// A declared kind's label, as the story gives it ("signed a treaty with"); empty for a
    /// built-in kind, whose label is a word of the interface ([`KindInfo::label`]).
    declared_label: String,
    /// Its colour, by place in [`TINTS`].
    pub tint: u8,
    /// Whether the map draws it as an arc between the two entities' countries.
    pub arc: bool,
    /// A built-in kind's place in `BuiltinKind::ALL`.
    builtin: Option<u8>,
}

type KindRow = (String, String, u8, bool, Option<u8>);

impl From<KindInfo> for KindRow {
    fn from(KindInfo { id, declared_label, tint, arc, builtin }: KindInfo) -> KindRow {
        (id, declared_label, tint, arc, builtin)
    }
}

impl From<KindRow> for KindInfo {
    fn from((id, declared_label, tint, arc, builtin): KindRow) -> KindInfo {
        KindInfo { id, declared_label, tint, arc, builtin }
    }
}

impl KindInfo {
    /// What readers see ("visited", "signed a treaty with"): a built-in kind's in the
    /// interface's language, a declared kind's in the story's.
    pub fn label(&self) -> &str {
        match self.builtin {
            Some(place) => t(Word::builtin_kind(place.into())),
            None => &self.declared_label,
        }
    }

    /// What the legend says for its colour: its family for a built-in kind ("visits and
    /// meetings"), its own label for a declared one.
    pub fn legend(&self) -> &str {
        match self.builtin {
            Some(_) => t(Word::family(self.tint.into())),
            None => &self.declared_label,
        }
    }

    /// Its colour's class word.
    pub fn tint(&self) -> &'static str {
        TINTS[(self.tint as usize).min(TINTS.len() - 1)]
    }
}

/// A story's kind table; [`RelationKind`] is a place in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Kinds(Vec<KindInfo>);

impl Kinds {
    /// No kinds: the table before a story loads.
    pub const EMPTY: Kinds = Kinds(Vec::new());

    /// The kinds `dataset`'s relations use: built-in ones first, then declared ones. A kind word
    /// naming neither is left out (validation reports it), and so is every kind past
    /// [`MAX_KINDS`].
    pub fn of(dataset: &Dataset) -> Kinds {
        let used = |id: &str| dataset.relations.iter().any(|r| r.kind == id);
        let mut kinds = Vec::new();
        for &builtin in BuiltinKind::ALL.iter().filter(|k| used(k.as_str())) {
            kinds.push(KindInfo {
                id: builtin.as_str().to_owned(),
                declared_label: String::new(),
                tint: builtin.family() as u8,
                arc: builtin.draws_arc(),
                builtin: Some(builtin as u8),
            });
        }
        for (slot, declared) in dataset.story.relation_kinds.iter().enumerate() {
            let taken = BuiltinKind::from_word(&declared.id).is_some() || kinds.iter().any(|k| k.id == declared.id);
            if taken || !used(&declared.id) {
                continue;
            }
            kinds.push(KindInfo {
                id: declared.id.clone(),
                declared_label: declared.label.clone(),
                tint: (PALETTE_START + slot % (TINTS.len() - PALETTE_START)) as u8,
                arc: declared.map == KindMap::Arc,
                builtin: None,
            });
        }
        kinds.truncate(MAX_KINDS);
        Kinds(kinds)
    }

    /// The kind a dataset's word names.
    pub fn find(&self, id: &str) -> Option<RelationKind> {
        self.0.iter().position(|k| k.id == id).map(|place| RelationKind(place as u8))
    }

    /// The kind at `kind`'s place (read-back checks every place a story carries).
    pub fn get(&self, kind: RelationKind) -> &KindInfo {
        &self.0[kind.0 as usize]
    }

    /// Whether `kind` is a place in the table.
    pub fn has(&self, kind: RelationKind) -> bool {
        (kind.0 as usize) < self.0.len()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every kind with its place, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (RelationKind, &KindInfo)> {
        self.0.iter().enumerate().map(|(place, info)| (RelationKind(place as u8), info))
    }

    /// The ids, by place (the names links use for hidden kinds).
    pub fn ids(&self) -> Vec<&str> {
        self.0.iter().map(|k| k.id.as_str()).collect()
    }

    /// The legend for the kinds `shown` keeps: one entry per colour and wording, in colour
    /// order, each with a kind that has it.
    pub fn legend(&self, shown: impl Fn(RelationKind) -> bool) -> Vec<RelationKind> {
        let mut entries: Vec<RelationKind> = Vec::new();
        for tint in 0..TINTS.len() as u8 {
            for (kind, info) in self.iter() {
                let same = |&e: &RelationKind| self.get(e).tint == tint && self.get(e).legend() == info.legend();
                if info.tint == tint && shown(kind) && !entries.iter().any(same) {
                    entries.push(kind);
                }
            }
        }
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DeclaredKind;

    fn dataset(kinds: &[&str], declared: &[(&str, KindMap)]) -> Dataset {
        let mut dataset = crate::testing::bundled_story().dataset;
        let template = dataset.relations[0].clone();
        dataset.relations =
            kinds.iter().map(|&kind| crate::model::Relation { kind: kind.to_owned(), ..template.clone() }).collect();
        dataset.story.relation_kinds = declared
            .iter()
            .map(|&(id, map)| DeclaredKind { id: id.to_owned(), label: id.replace('_', " "), map })
            .collect();
        dataset
    }

    #[test]
    fn built_in_kinds_come_first_in_vocabulary_order_then_declared_ones_in_declaration_order() {
        let d = dataset(
            &["owns_half_of", "visited", "signed_treaty_with", "ally_of"],
            &[("signed_treaty_with", KindMap::Arc), ("owns_half_of", KindMap::None)],
        );
        let kinds = Kinds::of(&d);
        assert_eq!(kinds.ids(), ["ally_of", "visited", "signed_treaty_with", "owns_half_of"]);
        let treaty = kinds.get(kinds.find("signed_treaty_with").unwrap());
        assert_eq!((treaty.label(), treaty.tint(), treaty.arc), ("signed treaty with", "d1", true));
        let owns = kinds.get(kinds.find("owns_half_of").unwrap());
        assert_eq!((owns.tint(), owns.arc), ("d2", false));
        let visited = kinds.get(kinds.find("visited").unwrap());
        assert_eq!(
            (visited.label(), visited.tint(), visited.legend(), visited.arc),
            ("visited", "contact", "visits and meetings", true)
        );
        assert_eq!(kinds.find("toured"), None);
    }

    #[test]
    fn a_declared_kind_keeps_its_colour_whatever_other_kinds_are_used() {
        let declared = [("signed_treaty_with", KindMap::Arc), ("owns_half_of", KindMap::None)];
        let both = Kinds::of(&dataset(&["signed_treaty_with", "owns_half_of"], &declared));
        let one = Kinds::of(&dataset(&["owns_half_of"], &declared));
        let tint = |kinds: &Kinds| kinds.get(kinds.find("owns_half_of").unwrap()).tint();
        assert_eq!(tint(&both), tint(&one));
    }

    #[test]
    fn shadowing_and_repeated_declarations_do_not_enter_the_table() {
        let d = dataset(
            &["visited", "owns"],
            &[("visited", KindMap::None), ("owns", KindMap::Arc), ("owns", KindMap::None)],
        );
        let kinds = Kinds::of(&d);
        assert_eq!(kinds.ids(), ["visited", "owns"]);
        assert!(kinds.get(kinds.find("visited").unwrap()).arc, "the built-in kind wins");
        assert!(kinds.get(kinds.find("owns").unwrap()).arc, "the first declaration wins");
    }

    #[test]
    fn the_format_doc_says_how_many_kinds_a_story_may_declare() {
        const DOC: &str = include_str!("../../../docs/DATASET.md");
        assert!(DOC.contains(&format!("at most {MAX_DECLARED} kinds")));
    }

    #[test]
    fn the_legend_has_one_entry_per_family_and_one_per_declared_kind() {
        let d = dataset(
            &["visited", "met_with", "signed_treaty_with", "supplied_arms_to"],
            &[("signed_treaty_with", KindMap::Arc)],
        );
        let kinds = Kinds::of(&d);
        let legend: Vec<&str> = kinds.legend(|_| true).into_iter().map(|k| kinds.get(k).legend()).collect();
        assert_eq!(legend, ["visits and meetings", "arms and military aid", "signed treaty with"]);
        let met_with = kinds.find("met_with").unwrap();
        let without_visits = kinds.legend(|k| kinds.get(k).id != "visited");
        assert_eq!(without_visits[0], met_with, "a family's entry stands on any kind of it that is shown");
        assert_eq!(kinds.legend(|_| false), []);
    }
}
