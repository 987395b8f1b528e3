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

/// What the timeline shows: a row per dated fact and per dated event, in calendar order, on an
/// axis of whole years.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The years anything is dated in, in order (none without dates): the axis runs from the
    /// first to the last, and these are the years a reader can pick.
    pub years: Vec<i32>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub item: Item,
    pub when: When,
}

/// What a row stands for, by its index in the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Fact(usize),
    /// A dated entity: an event, mostly.
    Entity(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// On the calendar, as precisely as the source dates it.
    On(Span),
    /// In the source's own words ("Thursday"), relative to the entity `anchor` (an index), if
    /// it names one: shown beside where that lies on the calendar (`beside`), if it does, and
    /// never on a day of its own.
    Words { words: String, anchor: Option<usize>, beside: Option<Span> },
}

impl Timeline {
    /// Rows on the calendar first, each relative date just after what it is relative to; those
    /// with nothing on the calendar to sit beside come last, in dataset order.
    pub fn of(story: &Story) -> Timeline {
        let dataset = &story.dataset;
        let when = |date: &Date| match (Span::of(date), date) {
            (Some(span), _) => When::On(span),
            (None, Date::Relative { text, anchor }) => {
                let anchor = anchor.as_deref().and_then(|id| story.entity_index(id));
                When::Words { words: text.clone(), anchor, beside: anchor.and_then(|a| calendar_place(story, a)) }
            }
            (None, _) => When::Words { words: date.display(), anchor: None, beside: None },
        };
        // Plain loops: an iterator chain here is a kilobyte of the page's wasm.
        let mut rows: Vec<Row> = Vec::new();
        for (i, entity) in dataset.entities.iter().enumerate() {
            if let Some(date) = &entity.date {
                rows.push(Row { item: Item::Entity(i), when: when(date) });
            }
        }
        for (i, fact) in dataset.facts.iter().enumerate() {
            if let Some(date) = &fact.date {
                rows.push(Row { item: Item::Fact(i), when: when(date) });
            }
        }
        // Stable: same places keep the dataset's order, events before facts.
        rows.sort_by_key(|row| match row.when {
            When::On(span) => (0, span.from, span.to, 0),
            When::Words { beside: Some(span), .. } => (0, span.from, span.to, 1),
            When::Words { beside: None, .. } => (1, 0, 0, 0),
        });
        Timeline { years: years(story), rows }
    }
}

/// Where entity `index` lies on the calendar: its own date's span, or, for a date relative to
/// another event, that event's (a few steps at most, so a loop of anchors ends).
fn calendar_place(story: &Story, mut index: usize) -> Option<Span> {
    for _ in 0..8 {
        match story.dataset.entities[index].date.as_ref()? {
            Date::Relative { anchor, .. } => index = story.entity_index(anchor.as_deref()?)?,
            date => return Span::of(date),
        }
    }
    None
}

/// The years the story's dated facts, relations and events touch, in order.
pub fn years(story: &Story) -> Vec<i32> {
    let dataset = &story.dataset;
    let mut years: Vec<i32> = Vec::new();
    let mut add = |date: &Option<Date>| {
        if let Some(Date::Year { year } | Date::Month { year, .. } | Date::Day { year, .. }) = date {
            years.push(*year);
        }
    };
    dataset.facts.iter().for_each(|f| add(&f.date));
    dataset.relations.iter().for_each(|r| add(&r.date));
    dataset.entities.iter().for_each(|e| add(&e.date));
    years.sort_unstable();
    years.dedup();
    years
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_timeline_runs_in_calendar_order_and_relative_dates_keep_their_words_beside_their_anchor() {
        let story = crate::testing::bundled_story();
        let timeline = Timeline::of(&story);
        assert_eq!(timeline.years, [2021, 2022, 2023]);
        let starts: Vec<i64> = timeline
            .rows
            .iter()
            .filter_map(|row| match row.when {
                When::On(span) | When::Words { beside: Some(span), .. } => Some(span.from),
                When::Words { beside: None, .. } => None,
            })
            .collect();
        assert!(starts.windows(2).all(|pair| pair[0] <= pair[1]), "{starts:?}");
        let dated_facts = story.dataset.facts.iter().filter(|f| f.date.is_some()).count();
        let fact_rows = timeline.rows.iter().filter(|row| matches!(row.item, Item::Fact(_))).count();
        assert_eq!(fact_rows, dated_facts, "every dated fact has its row");
        let thursday = story.dataset.facts.iter().position(|f| f.id == "lukashenko-arrived-in-naypyitaw").unwrap();
        let row = timeline.rows.iter().find(|row| row.item == Item::Fact(thursday)).unwrap();
        assert_eq!(row.when, When::Words { words: "Thursday".into(), anchor: None, beside: None }, "no invented day");
        let last = timeline.rows.last().unwrap();
        assert!(matches!(last.when, When::Words { beside: None, .. }), "words with nothing to sit beside come last");
    }

    #[test]
    fn a_relative_date_sits_beside_a_dated_anchor_even_through_another_relative_one() {
        let mut story = crate::testing::bundled_story();
        let position = |story: &Story, id: &str| story.dataset.entities.iter().position(|e| e.id == id).unwrap();
        let visit = position(&story, "lukashenko-visit-to-myanmar");
        story.dataset.entities[visit].date = Some(Date::Day { year: 2025, month: 1, day: 30 });
        let timeline = Timeline::of(&story);
        let meetings = story.dataset.entities.iter().position(|e| e.id == "belarus-myanmar-agreements").unwrap();
        let row = timeline.rows.iter().position(|row| row.item == Item::Entity(meetings)).unwrap();
        let day = Span::of(&Date::Day { year: 2025, month: 1, day: 30 });
        assert!(
            matches!(&timeline.rows[row].when, When::Words { words, beside, .. } if words == "During scheduled meetings" && *beside == day)
        );
        let anchor = story.dataset.entities.iter().position(|e| e.id == "lukashenko-min-aung-hlaing-meetings").unwrap();
        assert_eq!(timeline.rows[row - 1].item, Item::Entity(anchor), "just after the meetings it is relative to");
        assert_eq!(timeline.years.last(), Some(&2025));
    }

    #[test]
    fn a_year_keeps_what_is_dated_in_it_and_nothing_undated() {
        let story = crate::testing::bundled_story();
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
