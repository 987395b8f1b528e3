//! Every entity of the story, grouped by kind; each one a button that selects it.

use std::rc::Rc;

use factlens_core::{Entity, Story};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct EntityListProps {
    pub story: Rc<Story>,
    /// Id of the selected entity, if any.
    pub selected: Option<String>,
    pub on_select: Callback<String>,
}

#[component]
pub fn EntityList(props: &EntityListProps) -> Html {
    let groups = props.story.entities_by_kind();
    html! {
        <nav class="fl-entities" aria-label="People, places and organisations in the story" data-testid="entities">
            { for groups.into_iter().map(|(kind, entities)| {
                let heading_id = format!("fl-kind-{}", kind.as_str());
                html! {
                    <section class="fl-kind" data-kind={kind.as_str()} aria-labelledby={heading_id.clone()}>
                        <h2 id={heading_id} class="fl-kind__title">
                            { kind.plural_label() }
                            <span class="fl-kind__count">{ entities.len() }</span>
                        </h2>
                        <ul class="fl-kind__list">
                            { for entities.into_iter().map(|entity| {
                                let pressed = props.selected.as_deref() == Some(entity.id.as_str());
                                entity_button(entity, Some(pressed), &props.on_select)
                            }) }
                        </ul>
                    </section>
                }
            }) }
        </nav>
    }
}

/// One entity as a list item with a button that selects it, named with its first role. Shared by
/// the entity list and the details panel; `pressed` is `None` where selection is not shown.
pub fn entity_button(entity: &Entity, pressed: Option<bool>, on_select: &Callback<String>) -> Html {
    let onclick = {
        let (on_select, id) = (on_select.clone(), entity.id.clone());
        Callback::from(move |_: MouseEvent| on_select.emit(id.clone()))
    };
    html! {
        <li>
            <button
                type="button"
                class={classes!("fl-entity", format!("fl-entity--{}", entity.kind.as_str()))}
                data-entity={entity.id.clone()}
                aria-pressed={pressed.map(|p| p.to_string())}
                {onclick}
            >
                <span class="fl-entity__name">{ &entity.name }</span>
                if let Some(role) = entity.roles.first() {
                    <span class="fl-entity__role">{ role }</span>
                }
            </button>
        </li>
    }
}
