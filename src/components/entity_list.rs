//! Every entity of the story, grouped by kind; each one a button that selects it.

use factlens_core::words::{fill, t, Word};
use std::cell::RefCell;
use std::rc::Rc;

use factlens_core::{Entity, EntityKind, Story};
use yew::prelude::*;

use crate::state::Neighbourhood;

use crate::dom;

/// How many entities of a kind the list shows at first, and how many more each press of its
/// "Show more" button adds. Laying out 20,000 buttons took the page about 1.5 s of main thread,
/// and nobody reads such a list whole: the graph and its keyboard walk reach every entity.
pub const LIST_STEP: usize = 200;

/// What the list keeps between renders (the explorer holds it: the list is a function, not a
/// component, which would bring its own copy of Yew's lifecycle).
pub struct EntityListState {
    /// Per kind (in [`EntityKind::ALL`] order), how many entities are listed beyond the first
    /// [`LIST_STEP`].
    extra: UseStateHandle<[usize; EntityKind::ALL.len()]>,
    nav: NodeRef,
    /// The first entity a "Show more" press adds: it takes the focus once it is drawn, so a
    /// keyboard reader goes on where the list went on.
    focus_next: Rc<RefCell<Option<String>>>,
}

#[hook]
pub fn use_entity_list() -> EntityListState {
    let extra = use_state(|| [0; EntityKind::ALL.len()]);
    let nav = use_node_ref();
    let focus_next = use_mut_ref(|| None::<String>);
    {
        let (nav, focus_next) = (nav.clone(), focus_next.clone());
        use_effect_with(extra.clone(), move |_| {
            if let Some(id) = focus_next.borrow_mut().take() {
                dom::focus_within(&nav, &format!("[data-entity=\"{id}\"]"));
            }
        });
    }
    EntityListState { extra, nav, focus_next }
}

/// Every entity of `story` by kind, bright or dim as `near` says; a button selects one.
pub fn entity_list(
    story: &Story,
    near: Option<&Neighbourhood>,
    on_select: &Callback<String>,
    state: &EntityListState,
) -> Html {
    let EntityListState { extra, nav, focus_next } = state;
    let groups = story.entities_by_kind();
    html! {
        <nav class="fl-entities" aria-label={t(Word::EntitiesNav)} data-testid="entities" ref={nav.clone()}>
            { for groups.into_iter().map(|(kind, entities)| {
                let heading_id = format!("fl-kind-{}", kind.as_str());
                let slot = EntityKind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
                let shown = entities.len().min(LIST_STEP + extra[slot]);
                let more = (shown < entities.len()).then(|| {
                    let next = (entities.len() - shown).min(LIST_STEP);
                    let onclick = {
                        let (extra, focus_next) = (extra.clone(), focus_next.clone());
                        let first_new = entities[shown].id.clone();
                        Callback::from(move |_: MouseEvent| {
                            *focus_next.borrow_mut() = Some(first_new.clone());
                            let mut more = *extra;
                            more[slot] += LIST_STEP;
                            extra.set(more);
                        })
                    };
                    html! {
                        <li class="fl-kind__more">
                            // Described by its kind's heading: "Show 200 more (300 not listed), People".
                            <button type="button" class="fl-button fl-more" aria-describedby={heading_id.clone()} {onclick}>
                                { fill(Word::ShowNextMore, &[&next.to_string(), &(entities.len() - shown).to_string()]) }
                            </button>
                        </li>
                    }
                });
                html! {
                    <section class="fl-kind" data-kind={kind.as_str()} aria-labelledby={heading_id.clone()}>
                        <h2 id={heading_id} class="fl-kind__title">
                            { kind.plural_label() }
                            <span class="fl-kind__count">{ entities.len() }</span>
                        </h2>
                        <ul class="fl-kind__list">
                            { for entities[..shown].iter().map(|entity| {
                                let near = near.map(|near| {
                                    (near.picked_entities.contains(&entity.id), near.entities.contains(&entity.id))
                                });
                                entity_button(entity, Some(near.unwrap_or((false, true))), on_select)
                            }) }
                            { for more }
                        </ul>
                    </section>
                }
            }) }
        </nav>
    }
}

/// One entity as a list item with a button that selects it, named with its first role. Shared by
/// the entity list and the details panel; `shown` is whether it is picked and whether it is
/// bright (picked or near what is), or `None` where the selection is not shown.
pub fn entity_button(entity: &Entity, shown: Option<(bool, bool)>, on_select: &Callback<String>) -> Html {
    let (picked, bright) = shown.unwrap_or((false, true));
    let onclick = {
        let (on_select, id) = (on_select.clone(), entity.id.clone());
        Callback::from(move |_: MouseEvent| on_select.emit(id.clone()))
    };
    html! {
        <li>
            <button
                type="button"
                class={classes!("fl-entity", format!("fl-entity--{}", entity.kind.as_str()), (!bright).then_some("fl-dim"))}
                data-entity={entity.id.clone()}
                data-selected={picked.then_some("")}
                aria-pressed={shown.map(|_| picked.to_string())}
                {onclick}
            >
                <bdi class="fl-entity__name">{ &entity.name }</bdi>
                if let Some(role) = entity.roles.first() {
                    <bdi class="fl-entity__role">{ role }</bdi>
                }
            </button>
        </li>
    }
}
