//! Synthetic datasets: a valid story of any size, for testing and benchmarking the views.
//!
//! [`synthesize`] builds `n` entities of mixed kinds in a few communities, about `4n` relations
//! wired by preferential attachment (so there are hubs and many low-degree entities), and one
//! fact per entity quoting a generated sentence of the returned source text. The output is fully
//! determined by `(n, seed)`: a tiny SplitMix64 generator, never an unseeded one.

use std::collections::HashSet;

use crate::iso3166::COUNTRIES;
use crate::model::{
    BuiltinKind, Dataset, Date, Entity, EntityKind, Fact, FactStatus, Location, ReferenceField, Relation, Source,
    Story, FORMAT_VERSION,
};

/// The file name the dataset's one source (`article`) points at unless the caller changes it.
pub const DEFAULT_SOURCE_FILE: &str = "synth-article.txt";

/// SplitMix64: small, fast and good enough to make test data reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Builds a valid dataset of `n` entities and about `4n` relations, and the source text its
/// facts quote (to be saved as the file named by its only source, id `article`).
///
/// Every entity is mentioned by a fact, so the dataset validates without any problem, warnings
/// included. The same `(n, seed)` always gives the same output.
///
/// # Panics
///
/// If `n < 2`: a relation needs two entities.
pub fn synthesize(n: usize, seed: u64) -> (Dataset, String) {
    assert!(n >= 2, "a synthetic dataset needs at least 2 entities, got {n}");
    let mut rng = Rng(seed);
    let entities = entities(n, &mut rng);
    let community: Vec<usize> = entities.iter().map(|(_, c)| *c).collect();
    let entities: Vec<Entity> = entities.into_iter().map(|(e, _)| e).collect();
    let edges = edges(&community, &mut rng);

    let mut text = format!("Synthetic story of {n} entities\n\n");
    let mut relations = Vec::with_capacity(edges.len());
    let mut facts = Vec::with_capacity(n);
    for (i, targets) in edges.iter().enumerate() {
        let fact_id = format!("f{i}");
        let date = rng.chance(0.5).then(|| 1990 + rng.below(35) as i32);
        let status = FactStatus::ALL[rng.below(FactStatus::ALL.len())];
        let attribution = (status == FactStatus::Attributed).then(|| (i + 1 + rng.below(n - 1)) % n);
        let mut clauses = Vec::new();
        for &(kind, j) in targets {
            let label = format!("{} {}", kind.label(), entities[j].name);
            relations.push(Relation {
                id: format!("r{}", relations.len()),
                kind: kind.as_str().to_owned(),
                from: entities[i].id.clone(),
                to: entities[j].id.clone(),
                directed: !matches!(kind, BuiltinKind::AllyOf | BuiltinKind::DiplomaticTiesWith),
                label: label.clone(),
                date: date.map(|year| Date::Year { year }),
                facts: vec![fact_id.clone()],
            });
            clauses.push(label);
        }
        let last = clauses.pop().expect("every entity starts at least one relation");
        let mut sentence = if clauses.is_empty() {
            format!("{} {last}", entities[i].name)
        } else {
            format!("{} {} and {last}", entities[i].name, clauses.join(", "))
        };
        if let Some(year) = date {
            sentence.push_str(&format!(" in {year}"));
        }
        sentence.push('.');
        if let Some(a) = attribution {
            sentence = format!("According to {}, {sentence}", entities[a].name);
        }
        text.push_str(&sentence);
        text.push_str(if i % 6 == 5 { "\n\n" } else { " " });
        let mut mentioned: Vec<String> = vec![entities[i].id.clone()];
        for &(_, j) in targets {
            if !mentioned.contains(&entities[j].id) {
                mentioned.push(entities[j].id.clone());
            }
        }
        facts.push(Fact {
            id: fact_id,
            statement: sentence.clone(),
            quote: sentence,
            source: "article".into(),
            entities: mentioned,
            attribution: attribution.map(|a| entities[a].id.clone()),
            status,
            date: date.map(|year| Date::Year { year }),
            note: None,
        });
    }
    text.truncate(text.trim_end().len());
    text.push('\n');

    let story = Story {
        title: format!("Synthetic story of {n} entities"),
        summary: format!(
            "A generated network of {n} entities and {} relations for testing and benchmarks (seed {seed}).",
            relations.len()
        ),
        language: "en".into(),
        sources: vec![Source {
            id: "article".into(),
            title: "The synthetic article".into(),
            file: DEFAULT_SOURCE_FILE.into(),
            publisher: None,
            published: None,
            url: None,
        }],
        focus: Vec::new(),
        relation_kinds: Vec::new(),
    };
    (Dataset { version: FORMAT_VERSION, story, entities, relations, facts }, text)
}

/// The entities, each with its community: kinds in fixed shares, shuffled; countries cycle
/// through ISO 3166-1, and everything but groups belongs to its community's country.
fn entities(n: usize, rng: &mut Rng) -> Vec<(Entity, usize)> {
    let shares = [
        (EntityKind::Country, (n / 50).max(1)),
        (EntityKind::Organization, n / 4),
        (EntityKind::Place, n * 8 / 100),
        (EntityKind::Event, n / 10),
        (EntityKind::Group, n * 5 / 100),
    ];
    let mut kinds: Vec<EntityKind> = shares.iter().flat_map(|&(kind, count)| vec![kind; count]).collect();
    kinds.truncate(n);
    kinds.resize(n, EntityKind::Person);
    for i in (1..n).rev() {
        kinds.swap(i, rng.below(i + 1));
    }
    let communities = ((n as f64).sqrt() / 4.0).round().max(1.0) as usize;
    let countries = shares[0].1.min(n);
    let mut countries_so_far = 0;
    kinds
        .into_iter()
        .enumerate()
        .map(|(i, kind)| {
            // The k-th country is in community k; everything else lives in a random community
            // whose home country is the country of the same number.
            let (community, k) = if kind == EntityKind::Country {
                countries_so_far += 1;
                ((countries_so_far - 1) % communities, countries_so_far - 1)
            } else {
                let community = rng.below(communities);
                (community, community % countries)
            };
            let (alpha2, _, country_name) = COUNTRIES[k % COUNTRIES.len()];
            let word = kind.as_str();
            let name = match (kind, k / COUNTRIES.len()) {
                (EntityKind::Country, 0) => country_name.to_owned(),
                (EntityKind::Country, round) => format!("{country_name} {}", round + 1),
                _ => format!("{}{} {i}", word[..1].to_ascii_uppercase(), &word[1..]),
            };
            let entity = Entity {
                id: format!("{word}-{i}"),
                kind,
                description: format!("A synthetic {word} of community {community}."),
                name,
                aliases: Vec::new(),
                roles: if kind == EntityKind::Person && i % 5 == 0 { vec![format!("Leader {i}")] } else { Vec::new() },
                country: (kind != EntityKind::Group).then(|| alpha2.to_owned()),
                location: (kind == EntityKind::Place).then(|| Location {
                    lat: (rng.below(1_300_001) as f64 / 10_000.0 - 60.0),
                    lon: (rng.below(3_600_001) as f64 / 10_000.0 - 180.0),
                }),
                date: (kind == EntityKind::Event).then(|| Date::Day {
                    year: 1990 + rng.below(35) as i32,
                    month: 1 + rng.below(12) as u8,
                    day: 1 + rng.below(28) as u8,
                }),
                reference: match kind {
                    EntityKind::Country => vec![ReferenceField::Country],
                    EntityKind::Place => vec![ReferenceField::Location],
                    _ => Vec::new(),
                },
            };
            (entity, community)
        })
        .collect()
}

/// For each entity, the relations it starts: `(kind, target)`, `4n` in all, 1 to 7 each.
///
/// Targets come mostly from the entity's own community, chosen in proportion to degree so far
/// (preferential attachment makes hubs); some are uniform within the community or anywhere, which
/// links communities and keeps early entities from hoarding everything.
fn edges(community: &[usize], rng: &mut Rng) -> Vec<Vec<(BuiltinKind, usize)>> {
    let n = community.len();
    let mut out: Vec<usize> = (0..n).map(|_| 1 + rng.below(7)).collect();
    let mut total: usize = out.iter().sum();
    while total != 4 * n {
        let i = rng.below(n);
        if total < 4 * n && out[i] < 7 {
            out[i] += 1;
            total += 1;
        } else if total > 4 * n && out[i] > 1 {
            out[i] -= 1;
            total -= 1;
        }
    }
    let communities = community.iter().max().map_or(1, |c| c + 1);
    let mut members = vec![Vec::new(); communities];
    for (i, &c) in community.iter().enumerate() {
        members[c].push(i);
    }
    // Every endpoint of every relation so far, per community: picking uniformly from it picks in
    // proportion to degree.
    let mut endpoints: Vec<Vec<usize>> = vec![Vec::new(); communities];
    let mut all: Vec<usize> = Vec::new();
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    let mut edges = Vec::with_capacity(n);
    for (i, &count) in out.iter().enumerate() {
        let c = community[i];
        let mut mine = Vec::with_capacity(count);
        for _ in 0..count {
            let mut pick = || {
                let roll = rng.below(100);
                if roll < 5 || all.is_empty() {
                    rng.below(n)
                } else if roll < 20 {
                    all[rng.below(all.len())]
                } else if roll < 30 || endpoints[c].is_empty() {
                    members[c][rng.below(members[c].len())]
                } else {
                    endpoints[c][rng.below(endpoints[c].len())]
                }
            };
            // Avoid repeating a pair; a tiny dataset may have to.
            let fresh = (0..8).map(|_| pick()).find(|&j| j != i && !pairs.contains(&(i.min(j), i.max(j))));
            let j = fresh.unwrap_or_else(|| (i + 1 + rng.below(n - 1)) % n);
            pairs.insert((i.min(j), i.max(j)));
            endpoints[c].push(i);
            // Being chosen counts twice: the rich get richer faster, which makes real hubs.
            endpoints[community[j]].extend([j, j]);
            all.extend([i, j, j]);
            mine.push((BuiltinKind::ALL[rng.below(BuiltinKind::ALL.len())], j));
        }
        edges.push(mine);
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{validate, SourceTexts};

    fn json(n: usize, seed: u64) -> (String, String) {
        let (dataset, text) = synthesize(n, seed);
        (serde_json::to_string_pretty(&dataset).unwrap(), text)
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        assert_eq!(json(200, 7), json(200, 7));
    }

    #[test]
    fn different_seeds_give_different_datasets() {
        assert_ne!(json(200, 1).0, json(200, 2).0);
    }

    #[test]
    fn counts_are_as_promised() {
        for n in [2, 10, 1000] {
            let (dataset, _) = synthesize(n, 1);
            assert_eq!(dataset.entities.len(), n);
            let relations = dataset.relations.len() as f64;
            assert!((3.5 * n as f64..=4.5 * n as f64).contains(&relations), "{relations} relations for {n}");
            assert_eq!(dataset.facts.len(), n);
        }
    }

    #[test]
    fn synthetic_datasets_have_no_problems_at_all() {
        for n in [2, 10, 1000] {
            let (text, source) = json(n, 1);
            let sources: SourceTexts = [("article".to_owned(), Ok(source))].into();
            let (dataset, problems) = validate(&text, &sources);
            assert!(dataset.is_some(), "n = {n} parses");
            assert!(problems.is_empty(), "n = {n}: {problems:#?}");
        }
    }

    #[test]
    #[should_panic(expected = "at least 2")]
    fn one_entity_is_refused() {
        synthesize(1, 1);
    }

    #[test]
    fn kinds_are_mixed_and_there_are_hubs() {
        let (dataset, _) = synthesize(1000, 1);
        for kind in EntityKind::ALL {
            assert!(dataset.entities.iter().any(|e| e.kind == kind), "some {}", kind.as_str());
        }
        let mut degree = std::collections::HashMap::<&str, usize>::new();
        for r in &dataset.relations {
            *degree.entry(&r.from).or_default() += 1;
            *degree.entry(&r.to).or_default() += 1;
        }
        assert!(degree.values().max().unwrap() >= &32, "a hub has four times the mean degree (8)");
    }
}
