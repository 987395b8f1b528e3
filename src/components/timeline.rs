//! The timeline: the story's dated facts and events in calendar order, each on an axis of whole
//! years as precisely as its source dates it (a year a long bar, a month a short one, a day a
//! point), and a date in the article's own words ("Thursday") beside what it is relative to,
//! never on a day of its own. A year's button narrows the map's arcs, the graph's edges and the
//! article's marks to that year; "All dates" widens them again.

use factlens_core::svg_path::Fixed;
use factlens_core::timeline::{Item, Row, Span, Timeline, When, Within};
use factlens_core::words::{fill, t, Word};
use factlens_core::Story;
use yew::prelude::*;

use crate::state::{Neighbourhood, Place, Selection};

/// The timeline. A function, not a component: it holds no state of its own.
pub fn timeline(
    story: &Story,
    timeline: &Timeline,
    near: Option<&Neighbourhood>,
    within: Option<&Within>,
    place: &Place,
    on_select: &Callback<Selection>,
    on_go: &Callback<Place>,
) -> Html {
    // The axis runs from the first year anything is dated in to the last (in days of uniform
    // years, as `Span`s are, so any years a dataset holds fit).
    let (first, last) = match (timeline.years.first(), timeline.years.last()) {
        (Some(&first), Some(&last)) => (first, last),
        _ => (0, 0),
    };
    let axis = Span { from: Span::year(first).from, to: Span::year(last).to };
    let at = |x: i64| 100.0 * (x - axis.from) as f64 / (axis.to - axis.from) as f64;
    // Ticks on the axis: at most seven, whatever the span.
    let years = i64::from(last) - i64::from(first) + 1;
    let every = (years + 5) / 6;
    let ticks = (0..years).step_by(every as usize).map(|k| (i64::from(first) + k) as i32);
    // A button per year something happened in; a span without dates would only empty the views.
    let year = |year: Option<i32>, label: String| {
        let pressed = place.year == year;
        let to = Place { year, ..place.clone() };
        html! {
            <button type="button" class="fl-chip" data-year={year.map(|y| y.to_string())}
                aria-pressed={pressed.to_string()} onclick={on_go.reform(move |_: MouseEvent| to.clone())}>
                { label }
            </button>
        }
    };
    let row = |row: &Row| {
        // What the row stands for, and whether the selection lights it or picks it.
        let (selection, id, text, bright, picked) = match row.item {
            Item::Fact(i) => {
                let fact = &story.dataset.facts[i];
                let bright = near.is_none_or(|near| near.facts.contains(&fact.id));
                let selection = Selection::Fact(fact.id.clone());
                let picked = place.selection.as_ref() == Some(&selection);
                (selection, fact.id.clone(), &fact.statement, bright, picked)
            }
            Item::Entity(i) => {
                let entity = &story.dataset.entities[i];
                let bright = near.is_none_or(|near| near.entities.contains(&entity.id));
                let picked = near.is_some_and(|near| near.picked_entities.contains(&entity.id));
                (Selection::Entity(entity.id.clone()), entity.id.clone(), &entity.name, bright, picked)
            }
        };
        let outside = place.year.is_some_and(|year| match row.when {
            When::On(span) => !span.overlaps(Span::year(year)),
            When::Words { .. } => true,
        });
        let (date, mark) = match &row.when {
            When::On(span) => {
                let date = match row.item {
                    Item::Fact(i) => story.dataset.facts[i].date.as_ref(),
                    Item::Entity(i) => story.dataset.entities[i].date.as_ref(),
                };
                let precision = match span.to - span.from {
                    1 => "day",
                    31 => "month",
                    _ => "year",
                };
                let style =
                    format!("left:{}%;width:{}%", Fixed(at(span.from), 2), Fixed(at(span.to) - at(span.from), 2));
                (
                    date.map(|d| d.display()).unwrap_or_default(),
                    html! {
                        <span class={classes!("fl-timeline__span", format!("fl-timeline__span--{precision}"))} {style}></span>
                    },
                )
            }
            When::Words { words, anchor, beside } => {
                let anchor = anchor.map(|a| &story.dataset.entities[a].name);
                let date = match anchor {
                    Some(anchor) => fill(Word::RelativeTo, &[words, anchor]),
                    None => fill(Word::Quoted, &[words]),
                };
                // Beside its anchor's start; with none on the calendar, said to have no place.
                let (left, words) = match beside {
                    Some(span) => (at(span.from), words.as_str()),
                    None => (0.0, t(Word::NotOnCalendar)),
                };
                (
                    date,
                    html! { <span class="fl-timeline__words" style={format!("left:{}%", Fixed(left, 2))}>{ words }</span> },
                )
            }
        };
        let onclick = on_select.reform(move |_: MouseEvent| selection.clone());
        html! {
            <li class={classes!("fl-timeline__row", (!bright || outside).then_some("fl-timeline__row--dim"))}
                data-selected={picked.then_some("")}>
                <button type="button" class="fl-timeline__item" data-timeline-item={id} {onclick}>
                    <span class="fl-timeline__date">{ date }</span>
                    <bdi class="fl-timeline__text">{ text }</bdi>
                </button>
                <span class="fl-timeline__track" aria-hidden="true">{ mark }</span>
            </li>
        }
    };
    html! {
        <section class="fl-timeline" data-testid="timeline" aria-labelledby="fl-timeline-title">
            <h2 id="fl-timeline-title" class="fl-section-title">{ factlens_core::place::View::Timeline.label() }</h2>
            if timeline.rows.is_empty() {
                <p class="fl-help">{ t(Word::NothingDated) }</p>
            }
            <p class="fl-help">
                { t(Word::TimelineHelp) }
            </p>
            <div class="fl-timeline__years fl-chips" role="group" aria-label={t(Word::ShowOneYear)}>
                { year(None, t(Word::AllDates).to_owned()) }
                { for timeline.years.iter().map(|&y| year(Some(y), y.to_string())) }
            </div>
            <div class="fl-timeline__row fl-timeline__axis" aria-hidden="true">
                <span></span>
                <span class="fl-timeline__track">
                    { for ticks.map(|y| html! {
                        <span style={format!("left:{}%", Fixed(at(Span::year(y).from), 2))}>{ y }</span>
                    }) }
                </span>
            </div>
            <ol class="fl-timeline__rows">{ for timeline.rows.iter().map(row) }</ol>
            // What a year leaves, said to a screen reader when it is picked.
            <p class="fl-visually-hidden" role="status">
                { match place.year.zip(within) {
                    Some((year, within)) => fill(Word::YearShown, &[&year.to_string(),
                        &within.facts.len().to_string(), &within.relations.len().to_string()]),
                    None => t(Word::AllDatesShown).to_owned(),
                } }
            </p>
        </section>
    }
}
