//! Finding things in a story by what a reader types: entities by name or alias, then facts by
//! their words, insensitive to case and accents.

use crate::model::EntityKind;
use crate::Story;

/// How many hits of each group a search shows.
pub const HITS_PER_GROUP: usize = 8;

/// Text as searches compare it: in lower case, its letters without their accents. `decompose`
/// lowers the case and splits an accented letter into the letter and its marks (Unicode's NFD;
/// in the page the browser's `normalize("NFD")` and `toLowerCase()`, whose tables the page then
/// need not carry), and the marks are dropped here.
pub fn fold(text: &str, decompose: &impl Fn(&str) -> String) -> String {
    decompose(text).chars().filter(|c| !('\u{300}'..='\u{36f}').contains(c)).collect()
}

/// What a search found, by index into the story's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// An entity, and which of its names matched: 0 its name, `n` its `n`th alias.
    Entity(usize, usize),
    /// A fact, by its statement or its quote.
    Fact(usize),
}

impl Hit {
    /// The words to show for the hit: the name or alias that matched, or the fact's statement.
    pub fn text(self, story: &Story) -> &str {
        match self {
            Hit::Entity(i, 0) => &story.dataset.entities[i].name,
            Hit::Entity(i, n) => &story.dataset.entities[i].aliases[n - 1],
            Hit::Fact(i) => &story.dataset.facts[i].statement,
        }
    }
}

/// Entities with a name or an alias that `holds` the query, grouped by kind, then facts whose
/// statement or quote holds it; at most [`HITS_PER_GROUP`] of each kind and of facts. (The
/// page compares folded text with the browser's `includes`: no string search in its wasm.)
pub fn search(story: &Story, holds: &impl Fn(&str) -> bool) -> Vec<Hit> {
    let mut hits = Vec::new();
    for kind in EntityKind::ALL {
        let of_kind = story.dataset.entities.iter().enumerate().filter(|(_, e)| e.kind == kind);
        let found = of_kind.filter_map(|(i, e)| {
            let mut names = std::iter::once(&e.name).chain(&e.aliases);
            names.position(|name| holds(name)).map(|n| Hit::Entity(i, n))
        });
        hits.extend(found.take(HITS_PER_GROUP));
    }
    let facts = story.dataset.facts.iter().enumerate().filter(|(_, f)| holds(&f.statement) || holds(&f.quote));
    hits.extend(facts.map(|(i, _)| Hit::Fact(i)).take(HITS_PER_GROUP));
    hits
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use unicode_normalization::UnicodeNormalization;

    use super::*;

    fn nfd(text: &str) -> String {
        text.to_lowercase().nfd().collect()
    }

    /// A search as the page makes one: folded text holding the folded query.
    fn search(story: &Story, query: &str, decompose: &impl Fn(&str) -> String) -> Vec<Hit> {
        let query = fold(query.trim(), decompose);
        if query.is_empty() {
            return Vec::new();
        }
        super::search(story, &|text: &str| fold(text, decompose).contains(&query))
    }

    use crate::testing::bundled_story as story;

    #[test]
    fn case_and_accents_do_not_matter() {
        assert_eq!(fold("Naypyitaw", &nfd), "naypyitaw");
        assert_eq!(fold("Lukašenka ÉLAN", &nfd), "lukasenka elan");
        let story = story();
        let hits = search(&story, "naypyi", &nfd);
        let naypyitaw = story.dataset.entities.iter().position(|e| e.id == "naypyitaw").unwrap();
        assert_eq!(hits.first(), Some(&Hit::Entity(naypyitaw, 0)));
        assert_eq!(hits[0].text(&story), "Naypyitaw");
        let mut accented = story.dataset.clone();
        accented.entities[naypyitaw].name = "Nay Pyi Tâw".into();
        let accented = Story::new(accented, BTreeMap::new());
        assert!(search(&accented, "pyi taw", &nfd).contains(&Hit::Entity(naypyitaw, 0)));
    }

    #[test]
    fn aliases_and_fact_words_are_found_and_nothing_is_found_for_nothing() {
        let story = story();
        let hits = search(&story, "the upcoming polls", &nfd);
        let election = story.dataset.entities.iter().position(|e| e.id == "myanmar-election").unwrap();
        let alias = hits.iter().find(|hit| matches!(hit, Hit::Entity(i, _) if *i == election)).unwrap();
        assert_eq!(alias.text(&story), "the upcoming polls");
        let weapons = search(&story, "radar", &nfd);
        assert!(weapons.iter().any(|hit| matches!(hit, Hit::Fact(..))));
        assert!(search(&story, "  ", &nfd).is_empty());
        assert!(search(&story, "atlantis", &nfd).is_empty());
        // Entities come before facts, and kinds in their order.
        let many = search(&story, "a", &nfd);
        let first_fact = many.iter().position(|hit| matches!(hit, Hit::Fact(..))).unwrap();
        assert!(many[first_fact..].iter().all(|hit| matches!(hit, Hit::Fact(..))));
        assert!(many.iter().filter(|hit| matches!(hit, Hit::Fact(..))).count() <= HITS_PER_GROUP);
    }
}
