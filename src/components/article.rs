//! The article reader: every source's text in paragraphs, each fact's quote marked where it
//! stands. A mark selects its fact; what is selected marks its facts more strongly, and the
//! reader scrolls (within itself, never the page) to the first of them.

use factlens_core::article::{paragraphs, Piece};
use factlens_core::timeline::Within;
use factlens_core::words::{t, Word};
use factlens_core::Story;
use yew::prelude::*;

use crate::components::fact_card::source_credit;
use crate::state::{Neighbourhood, Selection};

/// The reader. A function, not a component (a component brings its own copy of Yew's
/// lifecycle): the explorer keeps `reader`, the node that scrolls, and scrolls it to the first
/// strongly marked fact when the selection changes ([`crate::dom::scroll_within`]).
/// Narrowed to a year (`within`), only the facts dated in it are marked.
pub fn article(
    story: &Story,
    near: Option<&Neighbourhood>,
    within: Option<&Within>,
    on_select: &Callback<Selection>,
    reader: NodeRef,
) -> Html {
    // One handler for every mark: the innermost under the pointer, or the focused one.
    let pick = |on_select: &Callback<Selection>| {
        let on_select = on_select.clone();
        move |target: Option<web_sys::Element>| {
            if let Some(id) = target.and_then(|mark| mark.get_attribute("data-fact")) {
                on_select.emit(Selection::Fact(id));
            }
        }
    };
    let onclick = {
        let pick = pick(on_select);
        Callback::from(move |event: MouseEvent| pick(crate::dom::closest(&event, "[data-fact]")))
    };
    let onkeydown = {
        let pick = pick(on_select);
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" || event.key() == " " {
                event.prevent_default();
                pick(crate::dom::closest(&event, "[data-fact]"));
            }
        })
    };
    // Each fact's first mark takes a tab stop and carries the fact's statement as its title: a
    // tooltip, a screen reader's description, and readable without script.
    let mut seen = vec![false; story.dataset.facts.len()];
    let mut mark = |piece: &Piece| -> Html {
        let mut html = Html::from(piece.text);
        for &i in piece.facts.iter().rev() {
            let fact = &story.dataset.facts[i];
            if within.is_some_and(|within| !within.facts.contains(&fact.id)) {
                continue;
            }
            let first = !std::mem::replace(&mut seen[i], true);
            let picked = near.is_some_and(|near| near.facts.contains(&fact.id));
            html = html! {
                <mark class={if picked { "fl-mark fl-mark--picked" } else { "fl-mark" }} data-fact={fact.id.clone()}
                      tabindex={first.then_some("0")} role={first.then_some("button")}
                      title={first.then(|| fact.statement.clone())}>
                    { html }
                </mark>
            };
        }
        html
    };

    html! {
        <section class="fl-article" aria-labelledby="fl-article-title" data-testid="article">
            <h2 id="fl-article-title" class="fl-section-title">{ t(Word::ReadTheStory) }</h2>
            <p class="fl-help">{ t(Word::ArticleHelp) }</p>
            <div class="fl-article__text" ref={reader} {onclick} {onkeydown}>
                { for story.dataset.story.sources.iter().map(|source| html! {
                    <article class="fl-article__source" data-source={source.id.clone()}>
                        <h3 class="fl-article__credit" dir="auto">{ source_credit(source) }</h3>
                        { for paragraphs(story, &source.id).iter().filter(|p| !p.is_empty()).map(|pieces| html! {
                            <p dir="auto">{ for pieces.iter().map(&mut mark) }</p>
                        }) }
                    </article>
                }) }
            </div>
        </section>
    }
}
