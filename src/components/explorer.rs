//! The loaded story: header, the entities by kind, and the details of what is selected.

use std::rc::Rc;

use factlens_core::compiled::{Report, SettledLayout};
use factlens_core::graph::GraphModel;
use factlens_core::Story;
use yew::prelude::*;

use crate::components::article::article;
use crate::components::details::{details, use_details, DetailsProps, DetailsState};
use crate::components::entity_list::{entity_list, use_entity_list, EntityListState};
use crate::components::fact_card::source_credit;
use crate::components::graph_view::GraphView;
use crate::components::search::{search_box, use_search, SearchState};
use crate::components::world_map::WorldMap;
use crate::state::{Loaded, MapStatus, Neighbourhood, Selection};

/// What the explorer shows and answers with.
pub struct ExplorerProps {
    pub story: Loaded<Story>,
    pub warnings: Rc<Vec<Report>>,
    pub map: MapStatus,
    pub graph: Loaded<GraphModel>,
    /// The graph's layout as published, for small graphs.
    pub settled: Option<Loaded<SettledLayout>>,
    pub selection: Option<Selection>,
    /// The URL fragment of a link that named nothing in the story, if the last one did.
    pub missing: Option<String>,
    pub on_select: Callback<Selection>,
    pub on_clear: Callback<()>,
}

/// What the explorer keeps between renders. The app holds it (from before its story loads, as
/// hooks cannot wait): the explorer is a function, not a component, which would bring its own
/// copy of Yew's lifecycle.
pub struct ExplorerState {
    /// What the selection picks and brightens, once per selection, for every view.
    near: Rc<Option<Neighbourhood>>,
    details: DetailsState,
    entity_list: EntityListState,
    search: SearchState,
    /// The article, which scrolls within itself to the first fact the selection marks.
    reader: NodeRef,
    /// Where a print-out says the page's address.
    address: NodeRef,
}

#[hook]
pub fn use_explorer(
    story: Option<&Loaded<Story>>,
    map: Option<&MapStatus>,
    selection: &Option<Selection>,
) -> ExplorerState {
    let near = use_memo((story.map(Loaded::identity), selection.clone()), {
        let (story, map) = (story.cloned(), map.cloned());
        move |(_, selection)| {
            let map = match &map {
                Some(MapStatus::Ready(map)) => Some(&**map),
                _ => None,
            };
            Some(Neighbourhood::of(story.as_ref()?, map, selection.as_ref()?))
        }
    });
    let details = use_details(selection);
    let entity_list = use_entity_list();
    let search = use_search();
    // The article reader scrolls within itself to the first fact the selection marks.
    let reader = use_node_ref();
    {
        let reader = reader.clone();
        use_effect_with(near.clone(), move |near| {
            if near.is_some() {
                crate::dom::scroll_within(&reader, "mark.fl-mark--picked");
            }
        });
    }
    let address = use_node_ref();
    {
        let address = address.clone();
        use_effect_with((), move |_| {
            let listening = crate::dom::write_address_before_print(address);
            // Dropping the listener removes it.
            move || {
                let _listening = listening;
            }
        });
    }
    ExplorerState { near, details, entity_list, search, reader, address }
}

/// The loaded story: header, map, details, graph, article, list and credits.
pub fn explorer(props: &ExplorerProps, state: &ExplorerState) -> Html {
    let ExplorerState { near, details: details_state, entity_list: entity_list_state, search, reader, address } = state;
    let story = &props.story;
    let dataset = &story.dataset;
    let on_select_entity = props.on_select.reform(Selection::Entity);
    let sources = dataset.story.sources.iter().map(|s| s.title.as_str()).collect::<Vec<_>>().join(", ");
    let map_source = match &props.map {
        MapStatus::Ready(map) => Some(map.source.clone()),
        MapStatus::Unavailable(_) => None,
    };

    html! {
        <div class="fl-app">
            <a class="fl-skip" href="#fl-main">{ "Skip to the explorer" }</a>
            <header class="fl-header">
                <p class="fl-kicker">{ "Fact explorer" }</p>
                <h1 class="fl-title">{ &dataset.story.title }</h1>
                <p class="fl-summary">{ &dataset.story.summary }</p>
                <p class="fl-counts">
                    { format!("{} entities · {} relations · {} facts, each quoted from: {sources}",
                        dataset.entities.len(), dataset.relations.len(), dataset.facts.len()) }
                </p>
                { search_box(story, search, &props.on_select) }
                if let Some(missing) = &props.missing {
                    <p class="fl-notice" role="status" data-testid="notice">
                        { "This link names nothing in the story (#" }{ missing }{ "); here is the whole story." }
                    </p>
                }
            </header>
            // Reading order: the map, the details of what is picked, the graph, the article, the list. One
            // column on phones, where the details open as a sheet over the lower screen; on wide
            // screens the details stay in view beside the map and the graph.
            <main id="fl-main" class="fl-main" tabindex="-1">
                { match &props.map {
                    MapStatus::Ready(map) => html! {
                        <WorldMap map={map.clone()} near={near.clone()} on_select={props.on_select.clone()} />
                    },
                    MapStatus::Unavailable(reason) => html! {
                        <p class="fl-map fl-map--unavailable" data-testid="map">{ reason }</p>
                    },
                } }
                { details(&DetailsProps {
                    story: story.clone(),
                    map: props.map.clone(),
                    selection: props.selection.clone(),
                    on_select: props.on_select.clone(),
                    on_clear: props.on_clear.clone(),
                    narrow: details_state.narrow(),
                }, details_state) }
                <GraphView graph={props.graph.clone()} settled={props.settled.clone()} near={near.clone()} on_select={props.on_select.clone()} />
                { article(story, (**near).as_ref(), &props.on_select, reader.clone()) }
                { entity_list(story, (**near).as_ref(), &on_select_entity, entity_list_state) }
            </main>
            <footer class="fl-credits">
                <p>
                    { "Source: " }
                    { for dataset.story.sources.iter().map(|source| html! {
                        <span class="fl-credits__source">
                            { source_credit(source) }
                            if let Some(url) = &source.url {
                                { " " }<a href={url.clone()} rel="noopener noreferrer">{ url }</a>
                            }
                            { ". " }
                        </span>
                    }) }
                    if let Some(map) = map_source {
                        { format!("Map: {map}, Equal Earth projection. ") }
                    }
                    { "Made with factlens." }
                </p>
                <p class="fl-credits__address" ref={address.clone()}></p>
            </footer>
            if !props.warnings.is_empty() {
                <details class="fl-warnings" data-testid="warnings">
                    <summary>{ format!("{} data warnings", props.warnings.len()) }</summary>
                    <ul>{ for props.warnings.iter().map(|w| html! { <li>{ w.to_string() }</li> }) }</ul>
                </details>
            }
        </div>
    }
}
