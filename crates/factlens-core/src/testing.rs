//! What the core's tests share: the bundled story, read as the CLI reads it.

use std::collections::BTreeMap;

use crate::Story;

/// The bundled dataset with its article.
pub fn bundled_story() -> Story {
    let dataset = crate::parse(include_str!("../../../data/belarus-myanmar.json")).unwrap();
    let article = include_str!("../../../data/belarus-myanmar-article.txt");
    Story::new(dataset, BTreeMap::from([("article".to_owned(), article.to_owned())]))
}
