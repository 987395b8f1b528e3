//! The graph's legend: each entity kind's shape and each relation colour's line.

use factlens_core::words::{isolated, t, Word};
use factlens_core::{EntityKind, Kinds, RelationKind};
use yew::prelude::*;

use super::geometry::shape_path;

pub struct GraphLegend<'a> {
    pub kinds: &'a Kinds,
    pub entity_kinds: Vec<EntityKind>,
    /// A relation kind per colour the graph draws ([`Kinds::legend`]).
    pub relations: Vec<RelationKind>,
    /// Whether any relation drawn is not reported in the source's own voice.
    pub claims: bool,
}

/// A function, not a component: it holds no state.
pub fn graph_legend(props: GraphLegend) -> Html {
    let kinds = props.kinds;
    html! {
        <ul class="fl-legend" aria-label={t(Word::GraphLegend)}>
            { for props.entity_kinds.iter().map(|&kind| html! {
                <li class={classes!("fl-legend__item", format!("fl-node--{}", kind.as_str()))}>
                    <svg class="fl-chip__shape" viewBox="-8 -8 16 16" aria-hidden="true"><path class="fl-node__shape" d={shape_path(kind, 6.0)} /></svg>
                    { kind.plural_label() }
                </li>
            }) }
            { for props.relations.iter().map(|&kind| html! {
                <li class={classes!("fl-legend__item", format!("fl-tint--{}", kinds.get(kind).tint()))}>
                    <span class="fl-legend__line fl-legend__line--edge" aria-hidden="true"></span>{ isolated(kinds.get(kind).legend()).into_owned() }
                </li>
            }) }
            if props.claims { { claims_legend() } }
        </ul>
    }
}

/// How the map and the graph draw what the story does not state in its own voice.
pub fn claims_legend() -> Html {
    html! {
        <>
            <li class="fl-legend__item"><span class="fl-legend__line fl-status--attributed" aria-hidden="true"></span>{ t(Word::ClaimsDashed) }</li>
            <li class="fl-legend__item"><span class="fl-legend__line fl-status--expectation" aria-hidden="true"></span>{ t(Word::ClaimsDotted) }</li>
        </>
    }
}
