//! The story as FollowTheMoney entities, one JSON object a line, as Aleph and the `ftm` tools
//! read them: `{"id": …, "schema": …, "properties": {name: [values]}}`.
//!
//! Each source is an `Article`; each entity the closest schema to its kind; each relation the
//! closest interval schema to its kind that FollowTheMoney allows between its two ends (its
//! properties' ranges), else `UnknownLink`; each fact a `Note` on the entities it is about, its
//! quote as the note's description and its source as its proof. The whole mapping, and why,
//! is in docs/EXPORT.md; [`entity_schema`] and [`relation_schema`] are its code.
//!
//! Ids are the story's prefix (a slug, e.g. the dataset file's name) and the dataset's own ids,
//! joined by dots, which no slug contains: `belarus-myanmar.min-aung-hlaing` for an entity,
//! `….relation.<id>`, `….fact.<id>` and `….source.<id>` for the rest. The same dataset gives
//! the same ids, so a re-export updates what an earlier one loaded.
//!
//! Values are written as FollowTheMoney cleans them (country codes in lower case, dates as ISO
//! prefixes), so an importer keeps them as they are.

use std::collections::BTreeMap;

use crate::export::iso_date;
use crate::model::{BuiltinKind, EntityKind, Relation};
use crate::Story;

/// The FollowTheMoney schema an entity of this kind becomes.
pub fn entity_schema(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organization",
        // FollowTheMoney 4's schema for "a country, subnational division or other
        // administrative area".
        EntityKind::Country => "Territory",
        // A located place: coordinates and a country, the properties Address has.
        EntityKind::Place => "Address",
        EntityKind::Event => "Event",
        // An unnamed collective: FollowTheMoney's schema for a party that is not known to be a
        // person or an organisation.
        EntityKind::Group => "LegalEntity",
    }
}

/// How a relation becomes a FollowTheMoney entity: its schema, the properties that point at
/// its two ends, and the property that carries the kind's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationSchema {
    /// The schema, e.g. `Directorship`.
    pub schema: &'static str,
    /// The property that points at `from`; `None` where the schema has no entity property for
    /// it (a `Sanction` names who imposed it in `authority`, as text).
    pub from: Option<&'static str>,
    /// The property that points at `to`.
    pub to: &'static str,
    /// The property that holds the kind's label ("supplied arms to"), if the schema has one.
    pub role: Option<&'static str>,
}

const UNKNOWN_LINK: RelationSchema =
    RelationSchema { schema: "UnknownLink", from: Some("subject"), to: "object", role: Some("role") };

/// The schema a relation of `kind` from an entity of kind `from` to one of kind `to` becomes:
/// the closest FollowTheMoney has whose ranges take both ends (an `Associate` links two
/// people, a `Membership` or `Directorship` a person, organisation or group to an
/// organisation), else `UnknownLink`, which links anything to anything. A kind the story
/// declares (`None` here) is an `UnknownLink` whose role is the kind's label.
pub fn relation_schema(kind: Option<BuiltinKind>, from: EntityKind, to: EntityKind) -> RelationSchema {
    use BuiltinKind::*;
    use EntityKind::{Group, Organization, Person};
    let Some(kind) = kind else { return UNKNOWN_LINK };
    // Kinds whose schema is a LegalEntity (Person, Organization and LegalEntity itself).
    let legal = |k: EntityKind| matches!(k, Person | Organization | Group);
    match kind {
        AllyOf | MetWith | DiplomaticTiesWith if from == Person && to == Person => {
            RelationSchema { schema: "Associate", from: Some("person"), to: "associate", role: Some("relationship") }
        }
        Leads if legal(from) && to == Organization => {
            RelationSchema { schema: "Directorship", from: Some("director"), to: "organization", role: Some("role") }
        }
        MemberOf if legal(from) && to == Organization => {
            RelationSchema { schema: "Membership", from: Some("member"), to: "organization", role: Some("role") }
        }
        Sanctioned => RelationSchema { schema: "Sanction", from: None, to: "entity", role: None },
        _ => UNKNOWN_LINK,
    }
}

/// The FollowTheMoney id of the entity with dataset id `id`.
pub fn entity_id(prefix: &str, id: &str) -> String {
    format!("{prefix}.{id}")
}

/// The story as FollowTheMoney entities, one JSON line each: the sources, the entities, the
/// relations, then a note per fact. `prefix` starts every id (see the module's notes); it
/// should be a slug ([`crate::export::slug`]).
pub fn lines(story: &Story, prefix: &str) -> String {
    let data = &story.dataset;
    let source_id = |id: &str| format!("{prefix}.source.{id}");
    let source = |id: &str| data.story.sources.iter().find(|s| s.id == id);
    let mut out = String::new();

    for source in &data.story.sources {
        let mut p = Props::default();
        p.add("name", &source.title);
        p.add("title", &source.title);
        p.add_opt("publisher", source.publisher.as_deref());
        p.add_opt("sourceUrl", source.url.as_deref());
        if let Some(published) = &source.published {
            p.add("notes", &format!("Published {published}"));
        }
        line(&mut out, &source_id(&source.id), "Article", p);
    }

    for entity in &data.entities {
        let mut p = Props::default();
        p.add("name", &entity.name);
        for alias in &entity.aliases {
            p.add("alias", alias);
        }
        p.add("description", &entity.description);
        let roles = if entity.kind == EntityKind::Person { "position" } else { "notes" };
        for role in &entity.roles {
            p.add(roles, role);
        }
        let country = entity.country.as_ref().map(|c| c.to_ascii_lowercase());
        p.add_opt("country", country.as_deref());
        match entity.kind {
            EntityKind::Country => {
                p.add_opt("territoryCode", country.as_deref());
                p.add("level", "country");
            }
            EntityKind::Place => {
                p.add("full", &entity.name);
                if let Some(location) = entity.location {
                    p.add("latitude", &location.lat.to_string());
                    p.add("longitude", &location.lon.to_string());
                }
            }
            EntityKind::Event => p.add_opt("date", entity.date.as_ref().and_then(iso_date).as_deref()),
            EntityKind::Person | EntityKind::Organization | EntityKind::Group => {}
        }
        for fact in story.facts_of(&entity.id) {
            p.add("proof", &source_id(&fact.source));
        }
        line(&mut out, &entity_id(prefix, &entity.id), entity_schema(entity.kind), p);
    }

    for relation in &data.relations {
        let (Some(from), Some(to)) = (story.entity(&relation.from), story.entity(&relation.to)) else {
            continue; // validation refuses a relation whose ends are missing
        };
        let mapping = relation_schema(BuiltinKind::from_word(&relation.kind), from.kind, to.kind);
        let mut p = Props::default();
        match mapping.from {
            Some(property) => p.add(property, &entity_id(prefix, &from.id)),
            // A Sanction: who imposed it, by name and country.
            None => {
                p.add("authority", &from.name);
                p.add_opt("country", from.country.as_ref().map(|c| c.to_ascii_lowercase()).as_deref());
            }
        }
        p.add(mapping.to, &entity_id(prefix, &to.id));
        if let (Some(role), Some(kind)) = (mapping.role, story.kind_of(relation)) {
            p.add(role, story.kinds.get(kind).label());
        }
        p.add("summary", &summary(story, relation));
        p.add_opt("date", relation.date.as_ref().and_then(iso_date).as_deref());
        for fact in story.facts_of_relation(relation) {
            p.add("description", &fact.quote);
            p.add("proof", &source_id(&fact.source));
            if let Some(source) = source(&fact.source) {
                p.add_opt("publisher", source.publisher.as_deref());
                p.add_opt("sourceUrl", source.url.as_deref());
            }
        }
        line(&mut out, &format!("{prefix}.relation.{}", relation.id), mapping.schema, p);
    }

    for fact in &data.facts {
        let mut p = Props::default();
        for id in fact.entities.iter().chain(fact.attribution.as_ref()) {
            if story.entity(id).is_some() {
                p.add("entity", &entity_id(prefix, id));
            }
        }
        p.add("description", &fact.quote);
        p.add("summary", &fact.statement);
        p.add("keywords", fact.status.as_str());
        p.add_opt("notes", fact.note.as_deref());
        p.add("proof", &source_id(&fact.source));
        if let Some(source) = source(&fact.source) {
            p.add_opt("publisher", source.publisher.as_deref());
            p.add_opt("sourceUrl", source.url.as_deref());
        }
        line(&mut out, &format!("{prefix}.fact.{}", fact.id), "Note", p);
    }
    out
}

/// A relation's label, with how far the story vouches for it when it is not reported in the
/// source's own voice: "says Belarus has supplied … (a claim, according to Justice For
/// Myanmar)". FollowTheMoney has no property for that, and a claim must not read as a fact.
fn summary(story: &Story, relation: &Relation) -> String {
    match story.standing_note(relation) {
        Some(note) => format!("{} ({note})", relation.label),
        None => relation.label.clone(),
    }
}

/// An entity's properties, each a list of distinct values in the order first given.
#[derive(Default)]
struct Props(BTreeMap<&'static str, Vec<String>>);

impl Props {
    fn add(&mut self, property: &'static str, value: &str) {
        let values = self.0.entry(property).or_default();
        if !value.is_empty() && !values.iter().any(|v| v == value) {
            values.push(value.to_owned());
        }
    }

    fn add_opt(&mut self, property: &'static str, value: Option<&str>) {
        if let Some(value) = value {
            self.add(property, value);
        }
    }
}

fn line(out: &mut String, id: &str, schema: &str, props: Props) {
    let properties: serde_json::Map<String, serde_json::Value> = props
        .0
        .into_iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(name, values)| (name.to_owned(), values.into()))
        .collect();
    let entity = serde_json::json!({ "id": id, "schema": schema, "properties": properties });
    out.push_str(&entity.to_string());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::small_story;

    #[test]
    fn relations_take_the_closest_schema_their_ends_allow() {
        use EntityKind::*;
        let check = |kind: BuiltinKind, from: EntityKind, to: EntityKind, schema: &str| {
            assert_eq!(relation_schema(Some(kind), from, to).schema, schema, "{kind:?} {from:?} → {to:?}");
        };
        check(BuiltinKind::AllyOf, Person, Person, "Associate");
        check(BuiltinKind::MetWith, Person, Person, "Associate");
        check(BuiltinKind::DiplomaticTiesWith, Person, Person, "Associate");
        check(BuiltinKind::MetWith, Person, Organization, "UnknownLink");
        check(BuiltinKind::AllyOf, Country, Organization, "UnknownLink");
        check(BuiltinKind::Leads, Person, Organization, "Directorship");
        check(BuiltinKind::Leads, Group, Organization, "Directorship");
        check(BuiltinKind::Leads, Person, Country, "UnknownLink");
        check(BuiltinKind::MemberOf, Person, Organization, "Membership");
        check(BuiltinKind::MemberOf, Organization, Organization, "Membership");
        check(BuiltinKind::MemberOf, Country, Organization, "UnknownLink");
        check(BuiltinKind::MemberOf, Person, Group, "UnknownLink");
        check(BuiltinKind::Sanctioned, Group, Organization, "Sanction");
        check(BuiltinKind::Sanctioned, Country, Person, "Sanction");
        check(BuiltinKind::SuppliedArmsTo, Country, Organization, "UnknownLink");
        check(BuiltinKind::Visited, Person, Country, "UnknownLink");
        // Every kind has a schema between any two kinds of entity, and every end but a
        // sanction's authority is a property.
        let declared = None;
        for kind in BuiltinKind::ALL.iter().copied().map(Some).chain([declared]) {
            for from in EntityKind::ALL {
                for to in EntityKind::ALL {
                    let mapping = relation_schema(kind, from, to);
                    assert_eq!(mapping.from.is_none(), mapping.schema == "Sanction");
                }
            }
        }
    }

    #[test]
    fn the_export_doc_maps_every_kind() {
        const DOC: &str = include_str!("../../../../docs/EXPORT.md");
        for &kind in BuiltinKind::ALL {
            assert!(DOC.contains(&format!("`{}`", kind.as_str())), "EXPORT.md maps {}", kind.as_str());
        }
        for kind in EntityKind::ALL {
            let row = format!("| `{}` | `{}` |", kind.as_str(), entity_schema(kind));
            assert!(DOC.contains(&row), "EXPORT.md has the row {row}");
        }
    }

    #[test]
    fn a_small_story_gives_exact_lines() {
        let lines = lines(&small_story(), "t");
        let expected = [
            r#"{"id":"t.source.a","properties":{"name":["The \"article\""],"sourceUrl":["https://example.org/a?x=1,2"],"title":["The \"article\""]},"schema":"Article"}"#,
            r#"{"id":"t.ann","properties":{"alias":["A","B & C"],"country":["by"],"description":["Line one\nline two"],"name":["Ann, \"the\" <b>Bold</b>"],"position":["Mayor"],"proof":["t.source.a"]},"schema":"Person"}"#,
            r#"{"id":"t.minsk","properties":{"country":["by"],"description":["A city."],"full":["Minsk"],"latitude":["53.9"],"longitude":["27.5667"],"name":["Minsk"],"proof":["t.source.a"]},"schema":"Address"}"#,
            r#"{"id":"t.acme","properties":{"description":["Tab\there, bell\u0007."],"name":["<script>alert('x')</script> & Sons"],"proof":["t.source.a"]},"schema":"Organization"}"#,
            r#"{"id":"t.relation.ann-visited-minsk","properties":{"date":["2023-03"],"description":["she \"went\"","so"],"object":["t.minsk"],"proof":["t.source.a"],"role":["visited"],"sourceUrl":["https://example.org/a?x=1,2"],"subject":["t.ann"],"summary":["visited, twice"]},"schema":"UnknownLink"}"#,
            r#"{"id":"t.relation.ann-ally-of-acme","properties":{"date":["2021-02-01"],"description":["allies"],"object":["t.acme"],"proof":["t.source.a"],"role":["ally of"],"sourceUrl":["https://example.org/a?x=1,2"],"subject":["t.ann"],"summary":["allied"]},"schema":"UnknownLink"}"#,
            r#"{"id":"t.fact.f1","properties":{"description":["she \"went\""],"entity":["t.ann","t.minsk"],"keywords":["reported"],"proof":["t.source.a"],"sourceUrl":["https://example.org/a?x=1,2"],"summary":["Ann visited Minsk."]},"schema":"Note"}"#,
            r#"{"id":"t.fact.f2","properties":{"description":["so"],"entity":["t.ann"],"keywords":["attributed"],"notes":["Only her word."],"proof":["t.source.a"],"sourceUrl":["https://example.org/a?x=1,2"],"summary":["Ann says so."]},"schema":"Note"}"#,
            r#"{"id":"t.fact.f3","properties":{"description":["allies"],"entity":["t.acme","t.ann"],"keywords":["reported"],"proof":["t.source.a"],"sourceUrl":["https://example.org/a?x=1,2"],"summary":["Acme & Ann are allies."]},"schema":"Note"}"#,
        ];
        assert_eq!(lines.lines().collect::<Vec<_>>(), expected);
        assert!(lines.ends_with("}\n"));
    }

    #[test]
    fn a_sanction_names_who_imposed_it() {
        let mut story = small_story();
        story.dataset.relations[0].kind = "sanctioned".into();
        let lines = lines(&story, "t");
        let sanction = lines.lines().find(|l| l.contains("\"t.relation.ann-visited-minsk\"")).unwrap();
        let value: serde_json::Value = serde_json::from_str(sanction).unwrap();
        assert_eq!(value["schema"], "Sanction");
        assert_eq!(value["properties"]["entity"], serde_json::json!(["t.minsk"]));
        assert_eq!(value["properties"]["authority"], serde_json::json!(["Ann, \"the\" <b>Bold</b>"]));
        assert_eq!(value["properties"]["country"], serde_json::json!(["by"]));
        assert!(value["properties"].get("role").is_none());
    }

    #[test]
    fn ids_are_stable_and_never_collide() {
        assert_eq!(entity_id("belarus-myanmar", "belarus"), "belarus-myanmar.belarus");
        // An entity whose id starts like another list's prefix keeps its own id.
        assert_ne!(entity_id("t", "relation-x"), "t.relation.x");
        assert_eq!(lines(&small_story(), "t"), lines(&small_story(), "t"));
    }
}
