//! What a reader can pick, and what lights up with it: one answer for the map, the graph, the
//! lists and the details, worked out here so every view agrees.

use crate::map::MapModel;
use crate::model::EntityKind;
use crate::Story;

/// What the reader has picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// An entity, by id.
    Entity(String),
    /// A relation, by id.
    Relation(String),
    /// A country on the map that has no entity of its own in the story, by ISO 3166-1 alpha-2
    /// code ([`Selection::settled`] turns one that has into its entity).
    Country(String),
    /// A map arc and so every relation it stands for, by [`crate::map::MapArc::key`].
    Arc(String),
    /// A fact, by id (its mark in the article, its card).
    Fact(String),
}

impl Selection {
    /// The selection as the page's URL fragment says it: `entity=belarus`, `relation=…`,
    /// `country=BY`, `arc=BY-MM-supplied_arms_to`, `fact=…`, or nothing.
    pub fn fragment(selection: Option<&Selection>) -> String {
        match selection {
            Some(Selection::Entity(id)) => format!("entity={id}"),
            Some(Selection::Relation(id)) => format!("relation={id}"),
            Some(Selection::Country(code)) => format!("country={code}"),
            Some(Selection::Arc(key)) => format!("arc={key}"),
            Some(Selection::Fact(id)) => format!("fact={id}"),
            None => String::new(),
        }
    }

    /// The selection a URL fragment names (with or without its `#`), if it names one.
    pub fn from_fragment(fragment: &str) -> Option<Selection> {
        let (kind, id) = fragment.strip_prefix('#').unwrap_or(fragment).split_once('=')?;
        let id = id.to_owned();
        match kind {
            _ if id.is_empty() => None,
            "entity" => Some(Selection::Entity(id)),
            "relation" => Some(Selection::Relation(id)),
            "country" => Some(Selection::Country(id)),
            "arc" => Some(Selection::Arc(id)),
            "fact" => Some(Selection::Fact(id)),
            _ => None,
        }
    }

    /// One thing, one selection: a country the story has as an entity is that entity, whether
    /// it is picked on the map or in the graph, so both show the same details.
    pub fn settled(self, story: &Story) -> Selection {
        match self {
            Selection::Country(code) => match country_entity(story, &code) {
                Some(id) => Selection::Entity(id),
                None => Selection::Country(code),
            },
            other => other,
        }
    }
}

/// The story's entity for a country, if it has one.
fn country_entity(story: &Story, code: &str) -> Option<String> {
    story.entities_of_country(code).find(|e| e.kind == EntityKind::Country).map(|e| e.id.clone())
}

/// Ids, sorted and each once, so a view looks one up by binary search (a set type would add its
/// own code to the page for what a sorted list does).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ids(Vec<String>);

impl Ids {
    pub(crate) fn new(ids: impl IntoIterator<Item = String>) -> Ids {
        let mut ids: Vec<String> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        Ids(ids)
    }

    /// Whether `id` is one of them.
    pub fn contains(&self, id: &str) -> bool {
        self.0.binary_search_by(|probe| probe.as_str().cmp(id)).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.iter()
    }
}

/// What a selection picks and what it brightens, by id, for every view. An entity brings its
/// relations and the entities at their other ends; a relation or an arc, its ends; a country
/// without an entity, what belongs to it. Countries are those of every bright entity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Neighbourhood {
    /// The entities picked (one, or what belongs to a picked country).
    pub picked_entities: Ids,
    /// The relations picked (one, or an arc's).
    pub picked_relations: Ids,
    /// The country the map marks as picked: the picked country, or the picked entity's.
    pub picked_country: Option<String>,
    /// The picked entities and their neighbours.
    pub entities: Ids,
    /// The picked relations, or the picked entities' relations.
    pub relations: Ids,
    /// The countries of the bright entities.
    pub countries: Ids,
    /// The facts behind what is picked: a picked fact, or the picked entities' and relations'
    /// facts (the article marks them).
    pub facts: Ids,
}

impl Neighbourhood {
    /// What `selection` picks and brightens in `story` (`map`, for arcs). Unknown ids pick
    /// nothing.
    pub fn of(story: &Story, map: Option<&MapModel>, selection: &Selection) -> Neighbourhood {
        let (mut picked_entities, mut picked_relations, mut picked_country) = (Vec::new(), Vec::new(), None);
        let mut picked_facts: Vec<String> = Vec::new();
        match selection {
            Selection::Entity(id) => {
                picked_entities.push(id.clone());
                picked_country = story.entity(id).and_then(|e| e.country.clone());
            }
            Selection::Country(code) => {
                picked_entities = story.entities_of_country(code).map(|e| e.id.clone()).collect();
                picked_country = Some(code.clone());
            }
            Selection::Relation(id) => picked_relations.push(id.clone()),
            Selection::Fact(id) => {
                if let Some(fact) = story.fact(id) {
                    picked_facts.push(id.clone());
                    picked_entities.clone_from(&fact.entities);
                    let cites = |r: &&crate::Relation| r.facts.contains(id);
                    picked_relations = story.dataset.relations.iter().filter(cites).map(|r| r.id.clone()).collect();
                }
            }
            Selection::Arc(key) => {
                let arc = map.and_then(|map| map.arcs.iter().find(|arc| arc.key == *key));
                picked_relations = arc.map(|arc| arc.relation_ids.clone()).unwrap_or_default();
            }
        }
        let mut relations = picked_relations.clone();
        // A fact brightens what it is about and the relations it supports, not their neighbours.
        if picked_facts.is_empty() {
            for id in &picked_entities {
                relations.extend(story.relations_of(id).map(|r| r.id.clone()));
            }
        }
        let facts = if picked_facts.is_empty() {
            let of_entities = picked_entities.iter().flat_map(|id| story.facts_of(id).map(|f| f.id.clone()));
            let of_relations =
                picked_relations.iter().filter_map(|id| story.relation(id)).flat_map(|r| r.facts.clone());
            of_entities.chain(of_relations).collect()
        } else {
            picked_facts
        };
        let mut entities = picked_entities.clone();
        for relation in relations.iter().filter_map(|id| story.relation(id)) {
            entities.push(relation.from.clone());
            entities.push(relation.to.clone());
        }
        let countries = entities.iter().filter_map(|id| story.entity(id)?.country.clone()).collect::<Vec<_>>();
        Neighbourhood {
            picked_entities: Ids::new(picked_entities),
            picked_relations: Ids::new(picked_relations),
            picked_country,
            entities: Ids::new(entities),
            relations: Ids::new(relations),
            countries: Ids::new(countries),
            facts: Ids::new(facts),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::bundled_story as story;

    #[test]
    fn a_selection_reads_back_from_its_fragment() {
        for selection in [
            Selection::Entity("belarus".into()),
            Selection::Relation("lukashenko-visited-myanmar".into()),
            Selection::Country("BY".into()),
            Selection::Arc("BY-MM-supplied_arms_to".into()),
            Selection::Fact("lukashenko-arrived-in-naypyitaw".into()),
        ] {
            let fragment = Selection::fragment(Some(&selection));
            assert_eq!(Selection::from_fragment(&fragment), Some(selection.clone()));
            assert_eq!(Selection::from_fragment(&format!("#{fragment}")), Some(selection));
        }
        assert_eq!(Selection::fragment(None), "");
        for nothing in ["", "#", "entity=", "planet=mars", "belarus"] {
            assert_eq!(Selection::from_fragment(nothing), None, "{nothing}");
        }
    }

    #[test]
    fn a_country_with_an_entity_is_that_entity() {
        let story = story();
        assert_eq!(Selection::Country("BY".into()).settled(&story), Selection::Entity("belarus".into()));
        let entity = Selection::Entity("alexander-lukashenko".into());
        assert_eq!(entity.clone().settled(&story), entity);
        // A country the story names only through what belongs to it stays a country.
        let without = story
            .dataset
            .entities
            .iter()
            .filter_map(|e| e.country.clone())
            .find(|code| country_entity(&story, code).is_none());
        if let Some(code) = without {
            assert_eq!(Selection::Country(code.clone()).settled(&story), Selection::Country(code));
        }
    }

    #[test]
    fn an_entity_brightens_its_relations_their_other_ends_and_their_countries() {
        let story = story();
        let near = Neighbourhood::of(&story, None, &Selection::Entity("belarus".into()));
        assert_eq!(near.picked_entities, Ids::new(["belarus".to_owned()]));
        assert_eq!(near.picked_country.as_deref(), Some("BY"));
        let relations = Ids::new(story.relations_of("belarus").map(|r| r.id.clone()));
        assert!(!relations.is_empty());
        assert_eq!(near.relations, relations);
        for relation in relations.iter().filter_map(|id| story.relation(id)) {
            assert!(near.entities.contains(&relation.from) && near.entities.contains(&relation.to));
        }
        assert!(near.countries.contains("BY") && near.countries.contains("MM"), "{:?}", near.countries);
        assert!(near.picked_relations.is_empty());
        assert_eq!(
            near.facts,
            Ids::new(story.facts_of("belarus").map(|f| f.id.clone())),
            "the article marks its facts"
        );
    }

    #[test]
    fn a_fact_brightens_what_it_is_about_and_the_relations_it_supports() {
        let story = story();
        let id = "lukashenko-arrived-in-naypyitaw";
        let near = Neighbourhood::of(&story, None, &Selection::Fact(id.into()));
        let fact = story.fact(id).unwrap();
        assert_eq!(near.facts, Ids::new([id.to_owned()]));
        assert_eq!(near.picked_entities, Ids::new(fact.entities.clone()));
        let supported =
            Ids::new(story.dataset.relations.iter().filter(|r| r.facts.iter().any(|f| f == id)).map(|r| r.id.clone()));
        assert!(!supported.is_empty());
        assert_eq!(near.relations, supported, "its relations, not every relation of its entities");
        assert_eq!(Neighbourhood::of(&story, None, &Selection::Fact("nothing".into())), Neighbourhood::default());
    }

    #[test]
    fn an_arc_picks_every_relation_it_stands_for() {
        let world = crate::world::World::from_json(include_str!("../../../data/world.json")).unwrap();
        let story = story();
        let map = MapModel::new(&story, &world);
        let arc = map.arcs.iter().find(|a| a.relation_ids.len() > 1).expect("an arc of several relations");
        let near = Neighbourhood::of(&story, Some(&map), &Selection::Arc(arc.key.clone()));
        assert_eq!(near.picked_relations, Ids::new(arc.relation_ids.clone()));
        assert_eq!(near.relations, near.picked_relations);
        assert!(near.countries.contains(&arc.from) && near.countries.contains(&arc.to));
        let unknown = Neighbourhood::of(&story, Some(&map), &Selection::Arc("XX-YY-visited".into()));
        assert_eq!(unknown, Neighbourhood::default());
    }
}
