//! Search, keyboard first: `/` focuses the box, the arrows move through the hits (entities by
//! kind, then facts), Enter selects, Escape leaves. Hits are found in the input's handler (the
//! browser folds accents), and rendering only shows them.

use factlens_core::search::{fold, search, Hit};
use factlens_core::words::{fill, t, Word};
use factlens_core::Story;
use yew::prelude::*;

use crate::state::{Loaded, Selection};

/// What search keeps between renders (held by the explorer: search is a function).
pub struct SearchState {
    query: UseStateHandle<String>,
    hits: UseStateHandle<Vec<Hit>>,
    /// The hit the arrows are on.
    active: UseStateHandle<usize>,
    input: NodeRef,
}

#[hook]
pub fn use_search() -> SearchState {
    let query = use_state(String::new);
    let hits = use_state(Vec::new);
    let active = use_state(|| 0);
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            let listening = crate::dom::focus_on_slash(input);
            // Dropping the listener removes it.
            move || {
                let _listening = listening;
            }
        });
    }
    SearchState { query, hits, active, input }
}

/// What a hit selects.
fn selection(story: &Story, hit: Hit) -> Selection {
    match hit {
        Hit::Entity(i, _) => Selection::Entity(story.dataset.entities[i].id.clone()),
        Hit::Fact(i) => Selection::Fact(story.dataset.facts[i].id.clone()),
    }
}

/// The search box and its hits.
pub fn search_box(story: &Loaded<Story>, state: &SearchState, on_select: &Callback<Selection>) -> Html {
    let SearchState { query, hits, active, input } = state;
    let oninput = {
        let (story, query, hits, active) = (story.clone(), query.clone(), hits.clone(), active.clone());
        Callback::from(move |event: InputEvent| {
            let text = event.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            let folded = fold(&text, &crate::dom::decompose);
            let found = if folded.bytes().all(|b| b == b' ') {
                Vec::new()
            } else {
                search(&story, &|words: &str| crate::dom::includes(&fold(words, &crate::dom::decompose), &folded))
            };
            hits.set(found);
            active.set(0);
            query.set(text);
        })
    };
    let choose = {
        let (story, on_select) = (story.clone(), on_select.clone());
        move |hit: Hit| on_select.emit(selection(&story, hit))
    };
    let onkeydown = {
        let (hits, active, query, choose) = (hits.clone(), active.clone(), query.clone(), choose.clone());
        Callback::from(move |event: KeyboardEvent| {
            let count = hits.len();
            match event.key().as_str() {
                "ArrowDown" if count > 0 => active.set((*active + 1) % count),
                "ArrowUp" if count > 0 => active.set((*active + count - 1) % count),
                "Enter" => {
                    if let Some(&hit) = hits.get(*active) {
                        choose(hit);
                    }
                }
                "Escape" => {
                    // Leaves the search, and only the search (not the selection).
                    event.stop_propagation();
                    query.set(String::new());
                    hits.set(Vec::new());
                    if let Some(box_) = event.target_dyn_into::<web_sys::HtmlElement>() {
                        let _ = box_.blur();
                    }
                }
                _ => return,
            }
            event.prevent_default();
        })
    };
    let open = !hits.is_empty();
    let mut group = "";
    html! {
        <div class="fl-search" role="search">
            <label for="fl-search" class="fl-search__label">{ t(Word::SearchTheStory) }<kbd>{ "/" }</kbd></label>
            <input id="fl-search" ref={input.clone()} type="search" autocomplete="off" value={(**query).clone()}
                role="combobox" aria-controls="fl-search-hits" aria-expanded={open.to_string()} aria-autocomplete="list"
                aria-activedescendant={open.then(|| format!("fl-hit-{}", **active))} {oninput} {onkeydown} />
            <ul id="fl-search-hits" class="fl-search__hits" role="listbox" aria-label={t(Word::SearchResults)} hidden={!open}>
                { for hits.iter().enumerate().map(|(n, &hit)| {
                    let kind = match hit {
                        Hit::Entity(i, _) => story.dataset.entities[i].kind.plural_label(),
                        Hit::Fact(_) => t(Word::Facts),
                    };
                    // A heading where a group starts.
                    let heading = (kind != std::mem::replace(&mut group, kind)).then(|| html! {
                        <li class="fl-search__group" role="presentation">{ kind }</li>
                    });
                    let onclick = {
                        let choose = choose.clone();
                        Callback::from(move |_: MouseEvent| choose(hit))
                    };
                    html! {
                        <>
                            { for heading }
                            <li id={format!("fl-hit-{n}")} class="fl-search__hit" role="option" dir="auto"
                                aria-selected={(n == **active).to_string()} {onclick}>
                                { hit.text(story) }
                            </li>
                        </>
                    }
                }) }
            </ul>
            if !open && !query.bytes().all(|b| b == b' ') {
                <p class="fl-search__none" role="status">{ fill(Word::NoMatch, &[query]) }</p>
            }
        </div>
    }
}
