//! The loaded story: header, the entities by kind, and the details of what is selected.

use factlens_core::words::{count, fill, isolated, list, t, Word};
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
use crate::components::timeline::timeline;
use crate::components::world_map::WorldMap;
use crate::state::{Loaded, MapStatus, Neighbourhood, Place, Selection, View};
use factlens_core::timeline::{Span, Timeline, Within};

/// What the explorer shows and answers with.
pub struct ExplorerProps {
    pub story: Loaded<Story>,
    pub warnings: Rc<Vec<Report>>,
    pub map: MapStatus,
    pub graph: Loaded<GraphModel>,
    /// The graph's layout as published, for small graphs.
    pub settled: Option<Loaded<SettledLayout>>,
    /// Where the reader is: what is picked, the open view, the year, the graph's filters.
    pub place: Place,
    /// The URL fragment of a link that named nothing in the story, if the last one did.
    pub missing: Option<String>,
    pub on_select: Callback<Selection>,
    /// Another view, year or filter.
    pub on_go: Callback<Place>,
    pub on_clear: Callback<()>,
}

/// What the explorer keeps between renders. The app holds it (from before its story loads, as
/// hooks cannot wait): the explorer is a function, not a component, which would bring its own
/// copy of Yew's lifecycle.
pub struct ExplorerState {
    /// What the selection picks and brightens, once per selection, for every view.
    near: Rc<Option<Neighbourhood>>,
    /// What lies within the year the views are narrowed to, if they are.
    within: Rc<Option<Within>>,
    timeline: Rc<Option<Timeline>>,
    details: DetailsState,
    entity_list: EntityListState,
    search: SearchState,
    /// The article, which scrolls within itself to the first fact the selection marks.
    reader: NodeRef,
    /// Where a print-out says the page's address.
    address: NodeRef,
}

#[hook]
pub fn use_explorer(story: Option<&Loaded<Story>>, map: Option<&MapStatus>, place: &Place) -> ExplorerState {
    let story_id = story.map(Loaded::identity);
    let near = use_memo((story_id, place.selection.clone()), {
        let (story, map) = (story.cloned(), map.cloned());
        move |(_, selection)| {
            let map = match &map {
                Some(MapStatus::Ready(map)) => Some(&**map),
                _ => None,
            };
            Some(Neighbourhood::of(story.as_ref()?, map, selection.as_ref()?))
        }
    });
    let within = use_memo((story_id, place.year), {
        let story = story.cloned();
        move |(_, year)| Some(Within::span(story.as_ref()?, Span::year((*year)?)))
    });
    let timeline = use_memo(story_id, {
        let story = story.cloned();
        move |_| story.as_deref().map(Timeline::of)
    });
    let details = use_details(&place.selection);
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
    ExplorerState { near, within, timeline, details, entity_list, search, reader, address }
}

/// The loaded story: header, map, details, graph, article, list and credits.
pub fn explorer(props: &ExplorerProps, state: &ExplorerState) -> Html {
    let ExplorerState {
        near,
        within,
        timeline: story_timeline,
        details: details_state,
        entity_list: entity_list_state,
        search,
        reader,
        address,
    } = state;
    let place = &props.place;
    let narrow = details_state.narrow();
    // On a phone the views are tabs, one open at a time; a wide screen shows them all.
    let tab = |view: View| {
        let chosen = place.view == view;
        let to = Place { view, ..place.clone() };
        html! {
            <button type="button" role="tab" id={view.ids().0} data-tab={view.as_str()}
                aria-controls={view.ids().1} aria-selected={chosen.to_string()}
                tabindex={if chosen { "0" } else { "-1" }} onclick={props.on_go.reform(move |_: MouseEvent| to.clone())}>
                { view.label() }
            </button>
        }
    };
    // The arrow keys move between the tabs, from the one focused (the open view may not have
    // caught up with a quick second press yet).
    let on_tab_key = {
        let (on_go, place) = (props.on_go.clone(), place.clone());
        Callback::from(move |event: KeyboardEvent| {
            let step = match event.key().as_str() {
                "ArrowRight" => 1,
                "ArrowLeft" => View::ALL.len() - 1,
                _ => return,
            };
            event.prevent_default();
            let Some(tabs) = crate::dom::closest(&event, "[role=tablist]") else { return };
            let focused = crate::dom::closest(&event, "[data-tab]").and_then(|tab| tab.get_attribute("data-tab"));
            let now = View::ALL.iter().position(|v| Some(v.as_str()) == focused.as_deref()).unwrap_or(0);
            let view = View::ALL[(now + step) % View::ALL.len()];
            on_go.emit(Place { view, ..place.clone() });
            if let Ok(Some(next)) = tabs.query_selector(&["#", view.ids().0].concat()) {
                crate::dom::focus(&next);
            }
        })
    };
    let panel = |view: View, content: Html| {
        html! {
            <div class={classes!("fl-view", (place.view != view).then_some("fl-view--closed"))} id={view.ids().1}
                role={narrow.then_some("tabpanel")} aria-labelledby={narrow.then_some(view.ids().0)}>
                { content }
            </div>
        }
    };
    let story = &props.story;
    let dataset = &story.dataset;
    let on_select_entity = props.on_select.reform(Selection::Entity);
    let sources = list(&dataset.story.sources.iter().map(|s| s.title.as_str()).collect::<Vec<_>>());
    let map_source = match &props.map {
        MapStatus::Ready(map) => Some(map.source.clone()),
        MapStatus::Unavailable(_) => None,
    };

    html! {
        <div class="fl-app">
            <a class="fl-skip" href="#fl-main">{ t(Word::SkipToExplorer) }</a>
            <header class="fl-header">
                <p class="fl-kicker">{ t(Word::Kicker) }</p>
                <h1 class="fl-title" dir="auto">{ &dataset.story.title }</h1>
                <p class="fl-summary" dir="auto">{ &dataset.story.summary }</p>
                <p class="fl-counts">
                    { fill(Word::Counts, &[&dataset.entities.len().to_string(), &dataset.relations.len().to_string(),
                        &dataset.facts.len().to_string(), &sources]) }
                </p>
                { search_box(story, search, &props.on_select) }
                if let Some(missing) = &props.missing {
                    <p class="fl-notice" role="status" data-testid="notice">
                        { fill(Word::LinkNamesNothing, &[missing]) }
                    </p>
                }
            </header>
            // Reading order: the map, the details of what is picked, the article, the graph, the
            // timeline, the list. On phones one view at a time, chosen by tabs, with the details
            // as a sheet over the lower screen; on wide screens every view, the details and the
            // article in view beside the others.
            <main id="fl-main" class="fl-main" tabindex="-1">
                <div class="fl-tabs" role="tablist" aria-label={t(Word::Views)} onkeydown={on_tab_key}>
                    { for View::ALL.into_iter().map(tab) }
                </div>
                // The way back to every date, in sight whichever view is open.
                <p class="fl-narrowed" hidden={place.year.is_none()}>
                    { place.year.map(|year| fill(Word::OnlyYearShown, &[&year.to_string()])) }
                    <button type="button" class="fl-link" onclick={props.on_go.reform({
                        let place = place.clone();
                        move |_: MouseEvent| Place { year: None, ..place.clone() }
                    })}>{ t(Word::ShowAllDates) }</button>
                </p>
                { panel(View::Map, match &props.map {
                    MapStatus::Ready(map) => html! {
                        <WorldMap map={map.clone()} story={story.clone()} near={near.clone()} within={within.clone()} on_select={props.on_select.clone()} />
                    },
                    MapStatus::Unavailable(reason) => html! {
                        <p class="fl-map fl-map--unavailable" data-testid="map">{ reason }</p>
                    },
                }) }
                // Beside the views on a wide screen: what is picked, and the article.
                <div class="fl-side">
                    { details(&DetailsProps {
                        story: story.clone(),
                        map: props.map.clone(),
                        selection: place.selection.clone(),
                        on_select: props.on_select.clone(),
                        on_clear: props.on_clear.clone(),
                        narrow,
                    }, details_state) }
                    { panel(View::Article, article(story, (**near).as_ref(), (**within).as_ref(), &props.on_select, reader.clone())) }
                </div>
                { panel(View::Graph, html! {
                    <GraphView graph={props.graph.clone()} story={story.clone()} settled={props.settled.clone()} near={near.clone()} within={within.clone()}
                        hidden_entities={place.hidden_entities} hidden_relations={place.hidden_relations}
                        on_filter={props.on_go.reform({
                            let place = place.clone();
                            move |(entities, relations)| Place { hidden_entities: entities, hidden_relations: relations, ..place.clone() }
                        })}
                        on_select={props.on_select.clone()} />
                }) }
                { panel(View::Timeline, match &**story_timeline {
                    Some(story_timeline) => timeline(story, story_timeline, (**near).as_ref(), (**within).as_ref(), place, &props.on_select, &props.on_go),
                    None => Html::default(),
                }) }
                { entity_list(story, (**near).as_ref(), &on_select_entity, entity_list_state) }
            </main>
            <footer class="fl-credits">
                <p>
                    { t(Word::Source) }
                    { for dataset.story.sources.iter().map(|source| html! {
                        <span class="fl-credits__source">
                            { isolated(&source_credit(source)).into_owned() }
                            if let Some(url) = &source.url {
                                { " " }<a href={url.clone()} rel="noopener noreferrer">{ url }</a>
                            }
                            { ". " }
                        </span>
                    }) }
                    if let Some(map) = map_source {
                        { fill(Word::MapCredit, &[&map]) }
                    }
                    { t(Word::MadeWith) }
                </p>
                <p class="fl-credits__address" ref={address.clone()}></p>
            </footer>
            if !props.warnings.is_empty() {
                <details class="fl-warnings" data-testid="warnings">
                    <summary>{ count(props.warnings.len(), Word::OneDataWarning, Word::ManyDataWarnings) }</summary>
                    <ul>{ for props.warnings.iter().map(|w| html! { <li>{ w.to_string() }</li> }) }</ul>
                </details>
            }
        </div>
    }
}
