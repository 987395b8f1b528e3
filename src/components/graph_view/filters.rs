//! The graph's filters: a chip per entity kind, and per relation kind (folded away), each
//! showing or hiding what it names.

use factlens_core::graph::KindSet;
use factlens_core::words::{fill, isolated, t, Word};
use factlens_core::{EntityKind, Kinds, RelationKind};
use yew::prelude::*;

use super::geometry::shape_path;

pub struct GraphFilters<'a> {
    pub kinds: &'a Kinds,
    pub entity_kinds: Vec<EntityKind>,
    pub relation_kinds: Vec<RelationKind>,
    pub hidden_entities: KindSet,
    pub hidden_relations: KindSet,
    /// Toggles a kind, by its place in `EntityKind::ALL` or in the story's kind table.
    pub on_toggle_entity: Callback<usize>,
    pub on_toggle_relation: Callback<usize>,
}

/// A function, not a component: it holds no state of its own.
pub fn graph_filters(props: GraphFilters) -> Html {
    let (relations, hidden) = (props.relation_kinds.len(), props.hidden_relations.len());
    html! {
        <>
            <div class="fl-chips" role="group" aria-label={t(Word::ShowEntityKinds)}>
                { for props.entity_kinds.iter().map(|&kind| html! {
                    <button type="button" class={classes!("fl-chip", format!("fl-chip--{}", kind.as_str()))}
                        data-filter-entity={kind.as_str()} aria-pressed={(!props.hidden_entities.contains(kind as usize)).to_string()}
                        onclick={props.on_toggle_entity.reform(move |_: MouseEvent| kind as usize)}>
                        <svg class="fl-chip__shape" viewBox="-8 -8 16 16" aria-hidden="true"><path d={shape_path(kind, 6.0)} /></svg>
                        { kind.plural_label() }
                    </button>
                }) }
            </div>
            <details class="fl-filters">
            <summary>{ fill(Word::RelationKindsShown, &[&(relations - hidden).to_string(), &relations.to_string()]) }</summary>
            <div class="fl-chips" role="group" aria-label={t(Word::ShowRelationKinds)}>
                { for props.relation_kinds.iter().map(|&kind| {
                    let info = props.kinds.get(kind);
                    let place = kind.0 as usize;
                    html! {
                        <button type="button" class={classes!("fl-chip", format!("fl-tint--{}", info.tint()))}
                            data-filter-relation={info.id.clone()} aria-pressed={(!props.hidden_relations.contains(place)).to_string()}
                            onclick={props.on_toggle_relation.reform(move |_: MouseEvent| place)}>
                            <span class="fl-legend__line" aria-hidden="true"></span>{ isolated(info.label()).into_owned() }
                        </button>
                    }
                }) }
            </div>
            </details>
        </>
    }
}
