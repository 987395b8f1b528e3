//! A story in other tools' formats: CSV tables for spreadsheets, GEXF for Gephi, and
//! FollowTheMoney entities for Aleph (`factlens export`; the tables also go into every
//! published site's `data/`). docs/EXPORT.md documents each format and the mapping to
//! FollowTheMoney.
//!
//! Each writer reads a [`Story`] (a validated dataset with its look-ups) and returns the
//! file's text; nothing here touches the file system. Every string from the dataset is written
//! as data, escaped for its format, never as markup.

pub mod csv;
pub mod ftm;
pub mod gexf;

use crate::model::Date;

/// A date as an ISO 8601 prefix at its own precision (`2023`, `2023-03`, `2023-03-04`), the
/// form spreadsheets sort and FollowTheMoney's `date` type takes. `None` for a relative date
/// ("Thursday"), which has no calendar form, and for a year outside 1 to 9999, which the form
/// cannot write.
pub fn iso_date(date: &Date) -> Option<String> {
    let year = match date {
        Date::Year { year } | Date::Month { year, .. } | Date::Day { year, .. } => *year,
        Date::Relative { .. } => return None,
    };
    if !(1..=9999).contains(&year) {
        return None;
    }
    Some(match date {
        Date::Year { .. } => format!("{year:04}"),
        Date::Month { month, .. } => format!("{year:04}-{month:02}"),
        Date::Day { month, day, .. } => format!("{year:04}-{month:02}-{day:02}"),
        Date::Relative { .. } => unreachable!("returned above"),
    })
}

/// `text` as a slug (lowercase ASCII letters and digits in groups joined by single hyphens),
/// for ids made from a file name: every other character separates groups. `story` when
/// nothing is left.
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        "story".to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Dataset;
    use crate::Story;

    /// A small story whose strings need quoting and escaping in every format.
    pub(crate) fn small_story() -> Story {
        let dataset: Dataset = serde_json::from_str(SMALL).unwrap();
        Story::new(dataset, Default::default())
    }

    const SMALL: &str = r#"{
      "version": 1,
      "story": {"title": "T", "summary": "S", "language": "en",
                "sources": [{"id": "a", "title": "The \"article\"", "file": "a.txt", "url": "https://example.org/a?x=1,2"}]},
      "entities": [
        {"id": "ann", "kind": "person", "name": "Ann, \"the\" <b>Bold</b>", "aliases": ["A", "B & C"],
         "description": "Line one\nline two", "roles": ["Mayor"], "country": "BY"},
        {"id": "minsk", "kind": "place", "name": "Minsk", "description": "A city.", "country": "BY",
         "location": {"lat": 53.9, "lon": 27.5667}, "reference": ["country", "location"]},
        {"id": "acme", "kind": "organization", "name": "<script>alert('x')</script> & Sons",
         "description": "Tab\there, bell\u0007."}
      ],
      "relations": [
        {"id": "ann-visited-minsk", "kind": "visited", "from": "ann", "to": "minsk", "directed": true,
         "label": "visited, twice", "date": {"precision": "month", "year": 2023, "month": 3}, "facts": ["f1", "f2"]},
        {"id": "ann-ally-of-acme", "kind": "ally_of", "from": "ann", "to": "acme", "directed": false,
         "label": "allied", "date": {"precision": "day", "year": 2021, "month": 2, "day": 1}, "facts": ["f3"]}
      ],
      "facts": [
        {"id": "f1", "statement": "Ann visited Minsk.", "quote": "she \"went\"", "source": "a",
         "entities": ["ann", "minsk"], "status": "reported", "date": {"precision": "relative", "text": "Thursday"}},
        {"id": "f2", "statement": "Ann says so.", "quote": "so", "source": "a", "entities": ["ann"],
         "attribution": "ann", "status": "attributed", "note": "Only her word."},
        {"id": "f3", "statement": "Acme & Ann are allies.", "quote": "allies", "source": "a",
         "entities": ["acme", "ann"], "status": "reported"}
      ]
    }"#;

    #[test]
    fn dates_keep_their_precision() {
        let check = |date: Date, iso: Option<&str>| assert_eq!(iso_date(&date).as_deref(), iso, "{date:?}");
        check(Date::Year { year: 2022 }, Some("2022"));
        check(Date::Year { year: 33 }, Some("0033"));
        check(Date::Month { year: 2023, month: 3 }, Some("2023-03"));
        check(Date::Day { year: 2021, month: 2, day: 1 }, Some("2021-02-01"));
        check(Date::Relative { text: "Thursday".into(), anchor: None }, None);
        check(Date::Year { year: -44 }, None);
        check(Date::Year { year: 10_000 }, None);
    }

    #[test]
    fn slugs_keep_letters_and_digits() {
        let check = |text: &str, expected: &str| assert_eq!(slug(text), expected, "{text}");
        check("belarus-myanmar", "belarus-myanmar");
        check("Synth 1000", "synth-1000");
        check("--A__b..c--", "a-b-c");
        check("Nyò", "ny");
        check("ñ", "story");
        check("", "story");
    }
}
