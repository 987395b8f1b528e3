//! The browsing index: a validated dataset with the look-ups the views need, built once.

use std::collections::{BTreeMap, HashMap};

use crate::kinds::{Kinds, RelationKind, MAX_KINDS};
use crate::model::{Dataset, Entity, EntityKind, Fact, FactStatus, Relation};
use crate::pause::{self, Pause};
use crate::quote_index::QuoteIndex;
use crate::words::{fill, list, t, Word};

/// The source texts, by source id: a story has a few, so a list (which the page reads without a
/// tree map's code).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Texts(Vec<(String, String)>);

impl Texts {
    /// The text of the source `id`.
    pub fn get(&self, id: &str) -> Option<&String> {
        self.0.iter().find(|(source, _)| source == id).map(|(_, text)| text)
    }
}

impl From<BTreeMap<String, String>> for Texts {
    fn from(texts: BTreeMap<String, String>) -> Self {
        Texts(texts.into_iter().collect())
    }
}

/// A list's positions in the order of their items' ids, so an id is found by halving: no copy
/// of the ids, and no hash table's code in the page. (If an id repeats, it finds one of them:
/// validation reports repeats.)
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ById(Vec<u32>);

impl ById {
    /// The look-up of `ids`, a list's ids in its order.
    pub(crate) fn new(ids: &[&str]) -> Self {
        let mut order: Vec<u32> = (0..ids.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| ids[a as usize].cmp(ids[b as usize]));
        ById(order)
    }

    /// The position of the item whose id is `id`, where `id_at` gives the id at a position.
    pub(crate) fn find<'a>(&self, id: &str, id_at: &dyn Fn(usize) -> &'a str) -> Option<usize> {
        let found = self.0.binary_search_by(|&i| id_at(i as usize).cmp(id)).ok()?;
        Some(self.0[found] as usize)
    }
}

/// A validated dataset plus id look-ups and per-entity fact and relation lists.
///
/// Built once when a dataset loads; views only read it. Positions in the lists are indices into
/// the dataset's own vectors, so nothing is copied.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The dataset as loaded.
    pub dataset: Dataset,
    /// The source texts, by source id.
    pub texts: Texts,
    /// The relation kinds the story uses, built-in and declared, as the views show them.
    pub kinds: Kinds,
    entity_by_id: ById,
    fact_by_id: ById,
    relation_by_id: ById,
    facts_of_entity: Vec<Vec<usize>>,
    relations_of_entity: Vec<Vec<usize>>,
    /// Where each fact's quote starts in its source, indexed like the facts. Found for all of
    /// them while the story loads (searching a 2.6 MB text for each quote cost every selection
    /// a tenth of a second in a 20,000-entity story; finding them all on the first selection
    /// made that one take half a second).
    pub(crate) quote_starts: Vec<Option<usize>>,
}

impl Story {
    /// Indexes a dataset and the source texts it quotes. References that do not resolve are
    /// skipped (validation reports them).
    pub fn new(dataset: Dataset, texts: BTreeMap<String, String>) -> Self {
        pause::finish(Self::new_pausing(dataset, texts, &mut pause::Never))
    }

    /// [`Story::new`], giving way to `pause` between items (see [`crate::pause`]).
    pub async fn new_pausing(dataset: Dataset, texts: BTreeMap<String, String>, pause: &mut impl Pause) -> Self {
        let mut indexes = HashMap::new();
        for (id, text) in &texts {
            indexes.insert(id.as_str(), QuoteIndex::new_pausing(text, pause).await);
        }
        let mut quote_starts = Vec::with_capacity(dataset.facts.len());
        for fact in &dataset.facts {
            quote_starts.push(indexes.get(fact.source.as_str()).and_then(|index| index.find(&fact.quote)));
            pause.point().await;
        }
        drop(indexes);
        let kinds = Kinds::of(&dataset);
        Self::with_quote_starts(dataset, texts.into(), quote_starts, kinds, pause).await
    }

    /// A story whose quotes were located already (by validation, which looks them up to check
    /// them: `quote_starts` is indexed like the facts).
    pub(crate) async fn with_quote_starts(
        dataset: Dataset,
        texts: Texts,
        quote_starts: Vec<Option<usize>>,
        kinds: Kinds,
        pause: &mut impl Pause,
    ) -> Self {
        // Each sort is one piece of work (a few milliseconds for 20,000 ids), given way after.
        let entity_by_id = ById::new(&dataset.entities.iter().map(|e| e.id.as_str()).collect::<Vec<_>>());
        pause.point().await;
        let fact_by_id = ById::new(&dataset.facts.iter().map(|f| f.id.as_str()).collect::<Vec<_>>());
        pause.point().await;
        let relation_by_id = ById::new(&dataset.relations.iter().map(|r| r.id.as_str()).collect::<Vec<_>>());
        pause.point().await;
        let entity_at = |i: usize| dataset.entities[i].id.as_str();
        let mut facts_of_entity = vec![Vec::new(); dataset.entities.len()];
        for (i, fact) in dataset.facts.iter().enumerate() {
            for id in fact.entities.iter().chain(fact.attribution.as_ref()) {
                if let Some(e) = entity_by_id.find(id, &entity_at) {
                    if facts_of_entity[e].last() != Some(&i) {
                        facts_of_entity[e].push(i);
                    }
                }
            }
            pause.point().await;
        }
        let mut relations_of_entity = vec![Vec::new(); dataset.entities.len()];
        for (i, relation) in dataset.relations.iter().enumerate() {
            for id in [&relation.from, &relation.to] {
                if let Some(e) = entity_by_id.find(id, &entity_at) {
                    relations_of_entity[e].push(i);
                }
            }
            pause.point().await;
        }
        Story {
            dataset,
            texts,
            kinds,
            entity_by_id,
            fact_by_id,
            relation_by_id,
            facts_of_entity,
            relations_of_entity,
            quote_starts,
        }
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entity_index(id).map(|i| &self.dataset.entities[i])
    }

    /// Where the entity with this id is in the dataset's list.
    pub fn entity_index(&self, id: &str) -> Option<usize> {
        self.entity_by_id.find(id, &|i| &self.dataset.entities[i].id)
    }

    /// The fact with this id.
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        let i = self.fact_by_id.find(id, &|i| &self.dataset.facts[i].id)?;
        Some(&self.dataset.facts[i])
    }

    /// A relation's kind, if its word names one ([`Kinds::find`]).
    pub fn kind_of(&self, relation: &Relation) -> Option<RelationKind> {
        self.kinds.find(&relation.kind)
    }

    /// The words readers see for a relation's kind (its word, if the story has no such kind).
    pub fn kind_label<'a>(&'a self, relation: &'a Relation) -> &'a str {
        self.kind_of(relation).map_or(&relation.kind, |kind| self.kinds.get(kind).label())
    }

    /// The relation with this id.
    pub fn relation(&self, id: &str) -> Option<&Relation> {
        let i = self.relation_by_id.find(id, &|i| &self.dataset.relations[i].id)?;
        Some(&self.dataset.relations[i])
    }

    /// The facts a relation cites, in the relation's order; unknown ids are skipped.
    pub fn facts_of_relation<'a>(&'a self, relation: &'a Relation) -> impl Iterator<Item = &'a Fact> {
        relation.facts.iter().filter_map(|id| self.fact(id))
    }

    /// Facts about an entity or attributed to it, in dataset order.
    pub fn facts_of(&self, entity_id: &str) -> impl Iterator<Item = &Fact> {
        self.entity_index(entity_id)
            .into_iter()
            .flat_map(|e| self.facts_of_entity[e].iter().map(|&f| &self.dataset.facts[f]))
    }

    /// Relations that start or end at an entity, in dataset order.
    pub fn relations_of(&self, entity_id: &str) -> impl Iterator<Item = &Relation> {
        self.entity_index(entity_id)
            .into_iter()
            .flat_map(|e| self.relations_of_entity[e].iter().map(|&r| &self.dataset.relations[r]))
    }

    /// Entities that belong to a country (its `country` code), the country entity itself first.
    pub fn entities_of_country<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Entity> {
        let entities = &self.dataset.entities;
        let is_country = move |e: &&Entity| e.kind == EntityKind::Country;
        let of = move |e: &&Entity| e.country.as_deref() == Some(code);
        entities.iter().filter(of).filter(is_country).chain(entities.iter().filter(of).filter(move |e| !is_country(e)))
    }

    /// Facts about a country or anything belonging to it, in dataset order, each once.
    pub fn facts_of_country(&self, code: &str) -> Vec<&Fact> {
        let mut indices: Vec<usize> = self
            .entities_of_country(code)
            .filter_map(|e| self.entity_index(&e.id))
            .flat_map(|e| self.facts_of_entity[e].iter().copied())
            .collect();
        indices.sort_unstable();
        indices.dedup();
        indices.into_iter().map(|i| &self.dataset.facts[i]).collect()
    }

    /// How far the story vouches for a relation: its facts' statuses taken together
    /// ([`FactStatus::together`]). A relation resting only on what Justice For Myanmar says is a
    /// claim, however plainly its kind reads.
    pub fn standing(&self, relation: &Relation) -> FactStatus {
        FactStatus::together(self.facts_of_relation(relation).map(|f| f.status))
    }

    /// Who a relation's facts are attributed to, each once, in the order they are cited.
    pub fn claimants<'a>(&'a self, relation: &'a Relation) -> Vec<&'a Entity> {
        let mut claimants: Vec<&Entity> = Vec::new();
        for who in self.facts_of_relation(relation).filter_map(|f| f.attribution.as_deref()) {
            if let Some(entity) = self.entity(who).filter(|e| !claimants.iter().any(|c| c.id == e.id)) {
                claimants.push(entity);
            }
        }
        claimants
    }

    /// What readers are told beside a relation that is not reported in the source's own voice:
    /// "a claim, according to Justice For Myanmar", "an expectation", "a criticism, according
    /// to opposition groups". `None` for a reported one.
    pub fn standing_note(&self, relation: &Relation) -> Option<String> {
        let what = t(match self.standing(relation) {
            FactStatus::Reported => return None,
            FactStatus::Attributed => Word::AClaim,
            FactStatus::Criticism => Word::ACriticism,
            FactStatus::Expectation => Word::AnExpectation,
            FactStatus::Commitment => Word::ACommitment,
        });
        let names: Vec<&str> = self.claimants(relation).into_iter().map(|e| e.name.as_str()).collect();
        Some(match names.is_empty() {
            true => what.to_owned(),
            false => fill(Word::StandingAccordingTo, &[what, &list(&names)]),
        })
    }

    /// Entities grouped by kind, in [`EntityKind::ALL`] order, skipping empty groups; within a
    /// group, in dataset order.
    pub fn entities_by_kind(&self) -> Vec<(EntityKind, Vec<&Entity>)> {
        EntityKind::ALL
            .iter()
            .map(|&kind| (kind, self.dataset.entities.iter().filter(|e| e.kind == kind).collect::<Vec<_>>()))
            .filter(|(_, entities)| !entities.is_empty())
            .collect()
    }
}

/// What a published story carries: the dataset, its texts and where its quotes are (which took
/// the quote index to find); the look-ups are rebuilt on reading. Every quote position is
/// checked as it is read, so a damaged file is an error, never a panic later.
pub(crate) struct StoryParts {
    pub dataset: Dataset,
    pub texts: Texts,
    pub quote_starts: Vec<Option<usize>>,
    pub kinds: Kinds,
}

impl TryFrom<StoryParts> for Story {
    type Error = String;

    fn try_from(parts: StoryParts) -> Result<Self, String> {
        let StoryParts { dataset, texts, quote_starts, kinds } = parts;
        if kinds.len() > MAX_KINDS {
            return Err("the story has more relation kinds than a page can filter".into());
        }
        if quote_starts.len() != dataset.facts.len() {
            return Err("the story's quote positions do not match its facts".into());
        }
        for (fact, start) in dataset.facts.iter().zip(&quote_starts) {
            let Some(start) = *start else { continue };
            let text = texts.get(&fact.source).map(String::as_str).unwrap_or_default();
            if text.get(start..start.saturating_add(fact.quote.len())) != Some(fact.quote.as_str()) {
                return Err(format!("fact \"{}\": its quote is not where the story says", fact.id));
            }
        }
        Ok(pause::finish(Story::with_quote_starts(dataset, texts, quote_starts, kinds, &mut pause::Never)))
    }
}

/// A quote shown inside the sentence of its source that contains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteInContext<'a> {
    /// The sentence's words before the quote.
    pub before: &'a str,
    /// The quote, exactly as it stands in the source.
    pub quote: &'a str,
    /// The sentence's words after the quote.
    pub after: &'a str,
    /// 1-based paragraph (line) of the source where the quote stands.
    pub paragraph: usize,
}

impl Story {
    /// Finds a fact's quote in its source and widens it to whole sentences, so readers see the
    /// claim where it was made. `None` when the source text or the quote is missing.
    pub fn quote_in_context(&self, fact: &Fact) -> Option<QuoteInContext<'_>> {
        let text = self.texts.get(&fact.source)?;
        let start = match self.fact_by_id.find(&fact.id, &|i| &self.dataset.facts[i].id) {
            Some(i) if self.dataset.facts[i] == *fact => self.quote_starts[i]?,
            _ => bytes_find(text, &fact.quote)?,
        };
        let end = start + fact.quote.len();
        let paragraph_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let paragraph_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let full_stop = |w: &[u8]| w == b". ";
        let sentence_start = text.as_bytes()[paragraph_start..start]
            .windows(2)
            .rposition(full_stop)
            .map_or(paragraph_start, |i| paragraph_start + i + 2);
        let sentence_end =
            text.as_bytes()[end..paragraph_end].windows(2).position(full_stop).map_or(paragraph_end, |i| end + i + 1);
        Some(QuoteInContext {
            before: &text[sentence_start..start],
            quote: &text[start..end],
            after: &text[end..sentence_end],
            paragraph: text[..start].matches('\n').count() + 1,
        })
    }
}

/// Where `needle` first occurs in `text`, as `str::find` says, found byte by byte: a string
/// search (`str::find(&str)`) would bring its own code into the page for a quote or two. (UTF-8
/// needs no care: a whole character's bytes match only where a character starts.)
fn bytes_find(text: &str, needle: &str) -> Option<usize> {
    (0..=text.len().checked_sub(needle.len())?).find(|&at| text.as_bytes()[at..].starts_with(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::bundled_story as story;

    #[test]
    fn a_quote_is_found_where_str_find_finds_it() {
        for (text, needle) in
            [("abc", ""), ("", ""), ("", "a"), ("ab", "abc"), ("a. b. c", ". "), ("žluť žluť", "luť"), ("xyz", "q")]
        {
            assert_eq!(bytes_find(text, needle), text.find(needle), "{needle:?} in {text:?}");
        }
    }

    #[test]
    fn a_relation_is_as_sure_as_its_facts() {
        let story = story();
        let note = |id: &str| story.standing_note(story.relation(id).unwrap());
        assert_eq!(note("lukashenko-visited-myanmar"), None, "reported in the article's own voice");
        assert_eq!(note("belarus-arms-radar").as_deref(), Some("a claim, according to Justice For Myanmar"));
        assert_eq!(story.standing(story.relation("belarus-arms-radar").unwrap()), FactStatus::Attributed);
        assert_eq!(note("lukashenko-met-with-min-aung-hlaing").as_deref(), Some("an expectation"));
        assert_eq!(note("lukashenko-committed-observers-to-election").as_deref(), Some("a commitment"));
        assert!(note("opposition-groups-criticized-election").unwrap().starts_with("a criticism, according to "));
        use FactStatus::*;
        assert_eq!(FactStatus::together([]), Reported, "a relation citing nothing is as the dataset states it");
        assert_eq!(FactStatus::together([Attributed, Reported]), Reported, "one statement is enough");
        assert_eq!(FactStatus::together([Commitment, Attributed]), Attributed);
        assert_eq!(FactStatus::together([Expectation, Expectation]), Expectation);
    }

    #[test]
    fn a_country_gathers_its_people_and_their_facts() {
        let story = story();
        let ids: Vec<&str> = story.entities_of_country("BY").map(|e| e.id.as_str()).collect();
        assert_eq!(ids.first(), Some(&"belarus"), "the country comes first");
        assert!(ids.contains(&"alexander-lukashenko"));
        let facts = story.facts_of_country("BY");
        let mut ids: Vec<&str> = facts.iter().map(|f| f.id.as_str()).collect();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before, "each fact once");
        for fact in story.facts_of("alexander-lukashenko") {
            assert!(ids.contains(&fact.id.as_str()), "{} is a fact of Belarus", fact.id);
        }
        assert!(story.facts_of_country("FR").is_empty());
    }

    #[test]
    fn quotes_are_shown_in_their_sentence() {
        let story = story();
        for fact in &story.dataset.facts {
            let context = story.quote_in_context(fact).expect("every quote is in the article");
            assert_eq!(context.quote, fact.quote);
            let sentence = format!("{}{}{}", context.before, context.quote, context.after);
            assert!(!context.before.starts_with(' ') && !context.after.ends_with(' '), "{sentence}");
            assert!(
                context.before.is_empty() || context.before.chars().next().unwrap().is_uppercase(),
                "the sentence starts at its beginning: {sentence}"
            );
            assert!(matches!(sentence.chars().last(), Some('.' | '?' | '!')) || context.after.is_empty());
            // Found through the index, where a plain search finds it.
            let text = story.texts.get(&fact.source).unwrap();
            let start = context.quote.as_ptr() as usize - text.as_ptr() as usize;
            assert_eq!(Some(start), text.find(&fact.quote), "{}", fact.id);
        }
        // A fact the story does not hold is still looked for.
        let mut stranger = story.dataset.facts[0].clone();
        stranger.id = "not-in-the-story".into();
        assert_eq!(story.quote_in_context(&stranger).map(|c| c.quote), Some(stranger.quote.as_str()));
    }
}
