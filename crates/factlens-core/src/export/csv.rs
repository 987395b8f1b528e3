//! The story as three CSV tables (entities, relations, facts): RFC 4180, UTF-8 without a byte
//! order mark, a header row, CRLF line ends. Lists (aliases, roles, fact ids) are joined by
//! `"; "` in one cell. Columns are documented in docs/EXPORT.md.
//!
//! Written by hand: RFC 4180 is one rule (a field holding a comma, a quote or a line break is
//! quoted, its quotes doubled), smaller than a dependency; the tests read the tables back with
//! the `csv` crate and Python's `csv` module.

use crate::export::iso_date;
use crate::model::{Date, Entity, Fact, Relation};
use crate::Story;

/// The three tables of a story, each a whole CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    /// One row per entity, in dataset order.
    pub entities: String,
    /// One row per relation, in dataset order.
    pub relations: String,
    /// One row per fact, in dataset order.
    pub facts: String,
}

impl Tables {
    /// Each table with the suffix of its file name (`<stem>-entities.csv` and so on, the
    /// names `factlens export` and `factlens build` give them).
    pub fn files(&self) -> [(&'static str, &str); 3] {
        [("-entities.csv", &self.entities), ("-relations.csv", &self.relations), ("-facts.csv", &self.facts)]
    }
}

/// The header of the entities table.
pub const ENTITY_COLUMNS: [&str; 12] = [
    "id",
    "kind",
    "name",
    "aliases",
    "description",
    "roles",
    "country",
    "lat",
    "lon",
    "date",
    "date_text",
    "reference",
];

/// The header of the relations table.
pub const RELATION_COLUMNS: [&str; 10] =
    ["id", "kind", "from", "to", "directed", "label", "date", "date_text", "facts", "standing"];

/// The header of the facts table.
pub const FACT_COLUMNS: [&str; 12] = [
    "id",
    "status",
    "statement",
    "quote",
    "source",
    "source_title",
    "entities",
    "attribution",
    "date",
    "date_text",
    "note",
    "source_url",
];

/// The story's three tables.
pub fn tables(story: &Story) -> Tables {
    let data = &story.dataset;
    Tables {
        entities: table(&ENTITY_COLUMNS, data.entities.iter().map(entity_row)),
        relations: table(&RELATION_COLUMNS, data.relations.iter().map(|r| relation_row(story, r))),
        facts: table(&FACT_COLUMNS, data.facts.iter().map(|f| fact_row(story, f))),
    }
}

fn entity_row(entity: &Entity) -> Vec<String> {
    let (date, date_text) = dates(entity.date.as_ref());
    let reference: Vec<&str> = entity
        .reference
        .iter()
        .map(|field| match field {
            crate::model::ReferenceField::Country => "country",
            crate::model::ReferenceField::Location => "location",
        })
        .collect();
    vec![
        entity.id.clone(),
        entity.kind.as_str().to_owned(),
        entity.name.clone(),
        entity.aliases.join("; "),
        entity.description.clone(),
        entity.roles.join("; "),
        entity.country.clone().unwrap_or_default(),
        entity.location.map(|l| l.lat.to_string()).unwrap_or_default(),
        entity.location.map(|l| l.lon.to_string()).unwrap_or_default(),
        date,
        date_text,
        reference.join("; "),
    ]
}

fn relation_row(story: &Story, relation: &Relation) -> Vec<String> {
    let (date, date_text) = dates(relation.date.as_ref());
    vec![
        relation.id.clone(),
        relation.kind.clone(),
        relation.from.clone(),
        relation.to.clone(),
        relation.directed.to_string(),
        relation.label.clone(),
        date,
        date_text,
        relation.facts.join("; "),
        story.standing(relation).as_str().to_owned(),
    ]
}

fn fact_row(story: &Story, fact: &Fact) -> Vec<String> {
    let (date, date_text) = dates(fact.date.as_ref());
    let source = story.dataset.story.sources.iter().find(|s| s.id == fact.source);
    vec![
        fact.id.clone(),
        fact.status.as_str().to_owned(),
        fact.statement.clone(),
        fact.quote.clone(),
        fact.source.clone(),
        source.map(|s| s.title.clone()).unwrap_or_default(),
        fact.entities.join("; "),
        fact.attribution.clone().unwrap_or_default(),
        date,
        date_text,
        fact.note.clone().unwrap_or_default(),
        source.and_then(|s| s.url.clone()).unwrap_or_default(),
    ]
}

/// A date's two cells: the ISO form (empty for a relative date) and the words readers see.
fn dates(date: Option<&Date>) -> (String, String) {
    date.map(|d| (iso_date(d).unwrap_or_default(), d.display())).unwrap_or_default()
}

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::new();
    write_row(&mut out, header.iter().copied());
    for row in rows {
        write_row(&mut out, row.iter().map(String::as_str));
    }
    out
}

fn write_row<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_field(out, field);
    }
    out.push_str("\r\n");
}

/// RFC 4180: a field with a comma, a double quote or a line break is enclosed in double
/// quotes, and each double quote inside it is doubled; any other field is written as it is.
fn write_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::small_story;

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        let check = |field: &str, written: &str| {
            let mut out = String::new();
            write_field(&mut out, field);
            assert_eq!(out, written, "{field:?}");
        };
        check("plain", "plain");
        check("", "");
        check("a,b", "\"a,b\"");
        check("say \"hi\"", "\"say \"\"hi\"\"\"");
        check("two\nlines", "\"two\nlines\"");
        check("cr\rhere", "\"cr\rhere\"");
        check("<script>&amp;", "<script>&amp;");
        check(" spaced ", " spaced ");
        check("Nyò Sàw", "Nyò Sàw");
    }

    #[test]
    fn a_small_story_gives_exact_tables() {
        let tables = tables(&small_story());
        assert_eq!(
            tables.entities,
            "id,kind,name,aliases,description,roles,country,lat,lon,date,date_text,reference\r\n\
             ann,person,\"Ann, \"\"the\"\" <b>Bold</b>\",A; B & C,\"Line one\nline two\",Mayor,BY,,,,,\r\n\
             minsk,place,Minsk,,A city.,,BY,53.9,27.5667,,,country; location\r\n\
             acme,organization,<script>alert('x')</script> & Sons,,\"Tab\there, bell\u{7}.\",,,,,,,\r\n"
        );
        assert_eq!(
            tables.relations,
            "id,kind,from,to,directed,label,date,date_text,facts,standing\r\n\
             ann-visited-minsk,visited,ann,minsk,true,\"visited, twice\",2023-03,March 2023,f1; f2,reported\r\n\
             ann-ally-of-acme,ally_of,ann,acme,false,allied,2021-02-01,1 February 2021,f3,reported\r\n"
        );
        assert_eq!(
            tables.facts,
            "id,status,statement,quote,source,source_title,entities,attribution,date,date_text,note,source_url\r\n\
             f1,reported,Ann visited Minsk.,\"she \"\"went\"\"\",a,\"The \"\"article\"\"\",ann; minsk,,,Thursday,,\
             \"https://example.org/a?x=1,2\"\r\n\
             f2,attributed,Ann says so.,so,a,\"The \"\"article\"\"\",ann,ann,,,Only her word.,\"https://example.org/a?x=1,2\"\r\n\
             f3,reported,Acme & Ann are allies.,allies,a,\"The \"\"article\"\"\",acme; ann,,,,,\"https://example.org/a?x=1,2\"\r\n"
        );
    }

    #[test]
    fn every_row_has_its_header_s_width() {
        let story = small_story();
        let tables = tables(&story);
        assert_eq!(entity_row(&story.dataset.entities[0]).len(), ENTITY_COLUMNS.len());
        assert_eq!(relation_row(&story, &story.dataset.relations[0]).len(), RELATION_COLUMNS.len());
        assert_eq!(fact_row(&story, &story.dataset.facts[0]).len(), FACT_COLUMNS.len());
        assert_eq!(tables.files().map(|(suffix, _)| suffix), ["-entities.csv", "-relations.csv", "-facts.csv"]);
    }
}
