//! The graph's legend: each entity kind's shape and each relation family's line.

use factlens_core::model::RelationFamily;
use factlens_core::EntityKind;
use yew::prelude::*;

use super::geometry::shape_path;

pub struct GraphLegend {
    pub entity_kinds: Vec<EntityKind>,
    pub families: Vec<RelationFamily>,
    /// Whether any relation drawn is not reported in the source's own voice.
    pub claims: bool,
}

/// A function, not a component: it holds no state.
pub fn graph_legend(props: GraphLegend) -> Html {
    html! {
        <ul class="fl-legend" aria-label="Graph legend">
            { for props.entity_kinds.iter().map(|&kind| html! {
                <li class={classes!("fl-legend__item", format!("fl-node--{}", kind.as_str()))}>
                    <svg class="fl-chip__shape" viewBox="-8 -8 16 16" aria-hidden="true"><path class="fl-node__shape" d={shape_path(kind, 6.0)} /></svg>
                    { kind.plural_label() }
                </li>
            }) }
            { for props.families.iter().map(|family| html! {
                <li class={classes!("fl-legend__item", format!("fl-edge--{}", family.as_str()))}>
                    <span class="fl-legend__line fl-legend__line--edge" aria-hidden="true"></span>{ family.label() }
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
            <li class="fl-legend__item"><span class="fl-legend__line fl-status--attributed" aria-hidden="true"></span>{ "dashed: a claim or criticism, as attributed" }</li>
            <li class="fl-legend__item"><span class="fl-legend__line fl-status--expectation" aria-hidden="true"></span>{ "dotted: expected or promised" }</li>
        </>
    }
}
