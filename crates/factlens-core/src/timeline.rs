//! The story's time, as honest as its dates: a year is a span of a year, a month a span of a
//! month, a day a point; a relative date ("Thursday") has no place on the calendar and is kept
//! with its own words beside what it is relative to. And what lies within a span of time, for
//! the views to show only that.

use crate::model::Date;
use crate::selection::Ids;
use crate::Story;

/// A stretch of the calendar in days of a uniform year (12 months of 31 days: positions on an
/// axis, not dates), `from` inclusive, `to` exclusive. A day is one unit long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: i64,
    pub to: i64,
}

impl Span {
    /// The whole of `year`.
    pub fn year(year: i32) -> Span {
        let from = i64::from(year) * 372;
        Span { from, to: from + 372 }
    }

    /// Where `date` lies, when it has a place on the calendar.
    pub fn of(date: &Date) -> Option<Span> {
        let month_start = |year: i32, month: u8| i64::from(year) * 372 + (i64::from(month) - 1) * 31;
        match *date {
            Date::Year { year } => Some(Span::year(year)),
            Date::Month { year, month } => {
                let from = month_start(year, month);
                Some(Span { from, to: from + 31 })
            }
            Date::Day { year, month, day } => {
                let from = month_start(year, month) + i64::from(day) - 1;
                Some(Span { from, to: from + 1 })
            }
            Date::Relative { .. } => None,
        }
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.from < other.to && other.from < self.to
    }
}

/// What a time filter leaves: the facts and relations dated within its span (a relation by its
/// own date, else by any of its facts'); nothing undated or dated only relatively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Within {
    pub facts: Ids,
    pub relations: Ids,
}

impl Within {
    pub fn span(story: &Story, span: Span) -> Within {
        let inside = |date: Option<&Date>| date.and_then(Span::of).is_some_and(|s| s.overlaps(span));
        let facts: Vec<String> =
            story.dataset.facts.iter().filter(|f| inside(f.date.as_ref())).map(|f| f.id.clone()).collect();
        let facts = Ids::new(facts);
        let relations = story
            .dataset
            .relations
            .iter()
            .filter(|r| match &r.date {
                Some(date) => inside(Some(date)),
                None => r.facts.iter().any(|id| facts.contains(id)),
            })
            .map(|r| r.id.clone());
        Within { relations: Ids::new(relations), facts }
    }
}

/// The years the story's dated facts, relations and events touch, in order.
pub fn years(story: &Story) -> Vec<i32> {
    let dataset = &story.dataset;
    let dates = dataset
        .facts
        .iter()
        .filter_map(|f| f.date.as_ref())
        .chain(dataset.relations.iter().filter_map(|r| r.date.as_ref()))
        .chain(dataset.entities.iter().filter_map(|e| e.date.as_ref()));
    let mut years: Vec<i32> = dates
        .filter_map(|date| match *date {
            Date::Year { year } | Date::Month { year, .. } | Date::Day { year, .. } => Some(year),
            Date::Relative { .. } => None,
        })
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn story() -> Story {
        let dataset = crate::parse(include_str!("../../../data/belarus-myanmar.json")).unwrap();
        Story::new(dataset, BTreeMap::new())
    }

    #[test]
    fn precision_is_kept_a_year_is_long_a_day_a_point_and_words_have_no_place() {
        let year = Span::of(&Date::Year { year: 2023 }).unwrap();
        let month = Span::of(&Date::Month { year: 2023, month: 3 }).unwrap();
        let day = Span::of(&Date::Day { year: 2023, month: 3, day: 9 }).unwrap();
        assert_eq!((year.to - year.from, month.to - month.from, day.to - day.from), (372, 31, 1));
        assert!(year.overlaps(month) && month.overlaps(day) && !Span::year(2022).overlaps(month));
        assert_eq!(Span::of(&Date::Relative { text: "Thursday".into(), anchor: None }), None, "no invented day");
    }

    #[test]
    fn a_year_keeps_what_is_dated_in_it_and_nothing_undated() {
        let story = story();
        assert!(years(&story).contains(&2023) && years(&story).contains(&2021));
        let in_2023 = Within::span(&story, Span::year(2023));
        assert!(in_2023.relations.contains("min-aung-hlaing-visited-belarus-march-2023"), "{:?}", in_2023.relations);
        assert!(!in_2023.relations.contains("lukashenko-visited-myanmar"), "dated only as Thursday: not in 2023");
        for id in in_2023.facts.iter() {
            let date = story.fact(id).unwrap().date.as_ref().unwrap();
            assert!(Span::of(date).unwrap().overlaps(Span::year(2023)), "{id}");
        }
        let in_1990 = Within::span(&story, Span::year(1990));
        assert_eq!(in_1990, Within::default());
    }
}
