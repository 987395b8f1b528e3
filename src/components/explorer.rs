//! The loaded story: header, the entities by kind, and the details of what is selected.

use std::rc::Rc;

use factlens_core::compiled::{Report, SettledLayout};
use factlens_core::graph::GraphModel;
use factlens_core::Story;
use yew::prelude::*;

use crate::components::details::Details;
use crate::components::entity_list::EntityList;
use crate::components::graph_view::GraphView;
use crate::components::world_map::WorldMap;
use crate::state::{Loaded, MapStatus, Selection};

#[derive(Properties, PartialEq, Clone)]
pub struct ExplorerProps {
    pub story: Loaded<Story>,
    #[prop_or_default]
    pub warnings: Rc<Vec<Report>>,
    pub map: MapStatus,
    pub graph: Loaded<GraphModel>,
    /// The graph's layout as published, for small graphs.
    #[prop_or_default]
    pub settled: Option<Loaded<SettledLayout>>,
    pub selection: Option<Selection>,
    pub on_select: Callback<Selection>,
    pub on_clear: Callback<()>,
}

#[component]
pub fn Explorer(props: &ExplorerProps) -> Html {
    let story = &props.story;
    let dataset = &story.dataset;
    let selected_entity = match &props.selection {
        Some(Selection::Entity(id)) => Some(id.clone()),
        _ => None,
    };
    // The map highlights the selected country, or the country of the selected entity.
    let selected_country = match &props.selection {
        Some(Selection::Country(code)) => Some(code.clone()),
        Some(Selection::Entity(id)) => story.entity(id).and_then(|e| e.country.clone()),
        _ => None,
    };

    let on_select_entity = {
        let on_select = props.on_select.clone();
        Callback::from(move |id: String| on_select.emit(Selection::Entity(id)))
    };
    let sources = dataset.story.sources.iter().map(|s| s.title.as_str()).collect::<Vec<_>>().join(", ");

    html! {
        <div class="fl-app">
            <header class="fl-header">
                <p class="fl-kicker">{ "Fact explorer" }</p>
                <h1 class="fl-title">{ &dataset.story.title }</h1>
                <p class="fl-summary">{ &dataset.story.summary }</p>
                <p class="fl-counts">
                    { format!("{} entities · {} relations · {} facts, each quoted from: {sources}",
                        dataset.entities.len(), dataset.relations.len(), dataset.facts.len()) }
                </p>
            </header>
            // One column on phones (map, details, entities, so a tap on the map shows its
            // details right below it); two on wide screens, details beside both.
            <main class="fl-main">
                <div class="fl-main__map">
                    { match &props.map {
                        MapStatus::Ready(map) => html! {
                            <WorldMap map={map.clone()} {selected_country} on_select={props.on_select.clone()} />
                        },
                        MapStatus::Unavailable(reason) => html! {
                            <p class="fl-map fl-map--unavailable" data-testid="map">{ reason }</p>
                        },
                    } }
                    <GraphView graph={props.graph.clone()} settled={props.settled.clone()} selection={props.selection.clone()} on_select={props.on_select.clone()} />
                </div>
                <Details
                    story={story.clone()}
                    map={props.map.clone()}
                    selection={props.selection.clone()}
                    on_select={props.on_select.clone()}
                    on_clear={props.on_clear.clone()}
                />
                <EntityList story={story.clone()} selected={selected_entity} on_select={on_select_entity} />
            </main>
            if !props.warnings.is_empty() {
                <details class="fl-warnings" data-testid="warnings">
                    <summary>{ format!("{} data warnings", props.warnings.len()) }</summary>
                    <ul>{ for props.warnings.iter().map(|w| html! { <li>{ w.to_string() }</li> }) }</ul>
                </details>
            }
        </div>
    }
}
