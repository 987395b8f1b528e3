//! One fact: its statement, status, attribution and date, and the verbatim quote shown inside
//! the sentence of the source it comes from.

use factlens_core::words::{fill, isolated, t, Word};
use factlens_core::{Source, Story};
use yew::prelude::*;

/// A source as credited: its title, then its publisher and date where the dataset gives them
/// ("The article, Example News, 11 December 2025").
pub fn source_credit(source: &Source) -> String {
    [Some(&source.title), source.publisher.as_ref(), source.published.as_ref()]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A fact's card. A function, not a component: a list of them re-renders with its parent, and
/// the page's HTML carries no hydration markers for each (they were 88 comments for 44 facts).
pub fn fact_card(story: &Story, fact_id: &str) -> Html {
    let Some(fact) = story.fact(fact_id) else { return Html::default() };
    let attribution = fact.attribution.as_deref().map(|id| story.entity(id).map_or(id, |e| e.name.as_str()));
    let source = story.dataset.story.sources.iter().find(|s| s.id == fact.source);
    let context = story.quote_in_context(fact);
    // One text each (not adjacent texts, which the page's HTML would merge into one node that
    // the app must split again when it takes the page over).
    let caption = source.map_or(fact.source.clone(), source_credit);

    html! {
        // Focusable, so a keyboard reaches every fact (it holds no control of its own).
        <li class="fl-fact" data-fact={fact.id.clone()} tabindex="0">
            <p class="fl-fact__meta">
                <span class={classes!("fl-status", format!("fl-status--{}", fact.status.as_str()))}>
                    { fact.status.label() }
                </span>
                if let Some(date) = &fact.date {
                    <span class="fl-fact__date" dir="auto">{ date.display() }</span>
                }
            </p>
            <p class="fl-fact__statement" dir="auto">{ &fact.statement }</p>
            if let Some(who) = attribution {
                <p class="fl-fact__attribution">{ fill(Word::AccordingTo, &[who]) }</p>
            }
            <figure class="fl-quote">
                <blockquote class="fl-quote__text" dir="auto">
                    if let Some(context) = &context {
                        { context.before }<mark>{ context.quote }</mark>{ context.after }
                    } else {
                        { &fact.quote }
                    }
                </blockquote>
                <figcaption class="fl-quote__source">
                    { isolated(&caption).into_owned() }
                    // Opens the article reader at the quote (the fragment selects the fact).
                    if let Some(context) = &context {
                        { ", " }<a href={format!("#fact={}", fact.id)}>{ fill(Word::Paragraph, &[&context.paragraph.to_string()]) }</a>
                    }
                </figcaption>
            </figure>
            if let Some(note) = &fact.note {
                <p class="fl-fact__note"><strong>{ t(Word::Note) }</strong>{ isolated(note).into_owned() }</p>
            }
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_credited_with_what_the_dataset_gives() {
        let mut source = Source {
            id: "article".into(),
            title: "The article".into(),
            file: "article.txt".into(),
            publisher: None,
            published: None,
            url: Some("https://example.org/story".into()),
        };
        assert_eq!(source_credit(&source), "The article", "the address is not part of the credit");
        source.publisher = Some("Example News".into());
        assert_eq!(source_credit(&source), "The article, Example News");
        source.published = Some("11 December 2025".into());
        assert_eq!(source_credit(&source), "The article, Example News, 11 December 2025");
        source.publisher = None;
        assert_eq!(source_credit(&source), "The article, 11 December 2025");
    }
}
