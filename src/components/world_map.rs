//! The clickable world map: every country, the story's countries by role, its places, and the
//! flows between countries as arcs. Paths come ready-made from the core's `MapModel`; pan and
//! zoom only change one transform.

use factlens_core::map::{CountryRole, MapCountry, MapModel, HEIGHT, VIEW_BOX, WIDTH};
use factlens_core::svg_path::{Fixed, SCALE_STEP};
use factlens_core::timeline::Within;
use factlens_core::words::{count, fill, isolated, t, Word};
use factlens_core::Story;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::graph_view::claims_legend;
use crate::components::zoom_controls::zoom_controls;
use crate::map_view::{use_pan_zoom, ZOOM_STEP};
use crate::state::{Loaded, Neighbourhood, Selection};

#[derive(Properties, PartialEq, Clone)]
pub struct WorldMapProps {
    pub map: Loaded<MapModel>,
    /// The story, whose kind table names and colours the arcs.
    pub story: Loaded<Story>,
    /// What the selection picks and brightens.
    pub near: Rc<Option<Neighbourhood>>,
    /// What lies within the year the views are narrowed to: arcs with nothing in it are not drawn.
    pub within: Rc<Option<Within>>,
    pub on_select: Callback<Selection>,
}

#[component]
pub fn WorldMap(props: &WorldMapProps) -> Html {
    let svg = use_node_ref();
    let pan_zoom = use_pan_zoom(svg.clone());
    let view = pan_zoom.view.clone();
    // The story country that holds the tab stop, and the one whose name is shown.
    let active = use_state(|| props.map.story_countries.first().cloned());
    let hovered = use_state(|| None::<String>);

    let map = &props.map;
    let kinds = &props.story.kinds;
    let story_countries = &map.story_countries;
    let select = |code: &str| {
        let on_select = props.on_select.clone();
        let pan_zoom = pan_zoom.clone();
        let code = code.to_owned();
        Callback::from(move |_: MouseEvent| {
            if !pan_zoom.moved() {
                on_select.emit(Selection::Country(code.clone()));
            }
        })
    };
    let onkeydown = |code: &str| {
        let (on_select, svg, active, pan_zoom) =
            (props.on_select.clone(), svg.clone(), active.clone(), pan_zoom.clone());
        let order = story_countries.clone();
        let code = code.to_owned();
        Callback::from(move |event: KeyboardEvent| {
            let position = order.iter().position(|c| *c == code);
            let step = |delta: isize| {
                let len = order.len() as isize;
                let next = (position.map_or(0, |p| p as isize) + delta).rem_euclid(len.max(1));
                order.get(next as usize).cloned()
            };
            let target = match event.key().as_str() {
                "ArrowRight" | "ArrowDown" => step(1),
                "ArrowLeft" | "ArrowUp" => step(-1),
                "Home" => order.first().cloned(),
                "End" => order.last().cloned(),
                "Enter" | " " => {
                    event.prevent_default();
                    on_select.emit(Selection::Country(code.clone()));
                    return;
                }
                "+" | "=" => {
                    pan_zoom.zoom(ZOOM_STEP);
                    return;
                }
                "-" => {
                    pan_zoom.zoom(1.0 / ZOOM_STEP);
                    return;
                }
                _ => return,
            };
            if let Some(next) = target {
                event.prevent_default();
                crate::dom::focus_within(&svg, &format!("path[data-country=\"{next}\"]"));
                active.set(Some(next));
            }
        })
    };
    let show = |code: Option<String>| {
        let hovered = hovered.clone();
        Callback::from(move |_: Event| hovered.set(code.clone()))
    };

    let onpointerdown = {
        let pan_zoom = pan_zoom.clone();
        Callback::from(move |event: PointerEvent| pan_zoom.press(&event, None))
    };
    let onpointermove = {
        let pan_zoom = pan_zoom.clone();
        Callback::from(move |event: PointerEvent| pan_zoom.move_to(&event, |_, _| {}))
    };
    let onpointerup = {
        let pan_zoom = pan_zoom.clone();
        Callback::from(move |event: PointerEvent| {
            pan_zoom.release(&event);
        })
    };
    let on_view = pan_zoom.on_view();

    let tab_stop = (*active).clone().or_else(|| story_countries.first().cloned());
    let near = (*props.near).as_ref();
    let country_path = |country: &MapCountry| {
        // A published page carries its outlines in its HTML only (`factlens build` leaves them
        // out of the story it carries): hydration sets the attributes rendered here and keeps
        // the `d` it finds.
        let outline = (!country.path.is_empty()).then(|| country.path.clone());
        let code = country.code.clone().unwrap_or_default();
        let selected = near.is_some_and(|near| near.picked_country.as_deref() == Some(code.as_str()));
        let class = classes!(
            "fl-country",
            format!("fl-country--{}", country.role.as_str()),
            near.is_some_and(|near| near.countries.contains(&code)).then_some("fl-near")
        );
        let label =
            fill(Word::CountryFacts, &[&country.name, &count(country.fact_count, Word::OneFact, Word::ManyFacts)]);
        let tabindex = if tab_stop.as_deref() == Some(code.as_str()) { "0" } else { "-1" };
        html! {
            <path
                d={outline}
                class={class}
                data-country={code.clone()}
                data-role={country.role.as_str()}
                data-selected={selected.then_some("")}
                role="button"
                tabindex={tabindex}
                aria-label={label.clone()}
                aria-pressed={selected.to_string()}
                onclick={select(&code)}
                onkeydown={onkeydown(&code)}
                onfocus={show(Some(code.clone())).reform(|e: FocusEvent| e.into())}
                onblur={show(None).reform(|e: FocusEvent| e.into())}
                onpointerenter={show(Some(code.clone())).reform(|e: PointerEvent| e.into())}
                onpointerleave={show(None).reform(|e: PointerEvent| e.into())}
            >
                <title>{ label }</title>
            </path>
        }
    };
    let percent = |point: (f64, f64)| {
        let (x, y) = view.apply(point);
        format!("left:{}%;top:{}%", Fixed(x / WIDTH * 100.0, 3), Fixed(y / HEIGHT * 100.0, 3))
    };
    // Always in the DOM (hidden when empty), so showing it never disturbs its siblings.
    let tooltip = (*hovered).as_deref().and_then(|code| map.country(code));
    let tooltip_text =
        tooltip.map(|country| (country.name.clone(), count(country.fact_count, Word::OneFact, Word::ManyFacts)));
    let grabbing = view.k > 1.0;

    html! {
        <section class="fl-map" data-testid="map" aria-labelledby="fl-map-title">
            <div class="fl-map__head">
                <h2 id="fl-map-title" class="fl-section-title">{ t(Word::WhereItHappens) }</h2>
                { zoom_controls([Word::Zoom, Word::ZoomIn, Word::ZoomOut, Word::ResetZoom], &on_view) }
            </div>
            <p id="fl-map-help" class="fl-visually-hidden">
                { t(Word::MapHelp) }
            </p>
            <div class={classes!("fl-map__frame", grabbing.then_some("fl-map__frame--zoomed"))}>
                <svg
                    ref={svg.clone()}
                    class="fl-map__svg"
                    viewBox={VIEW_BOX}
                    role="group"
                    aria-label={t(Word::WorldMap)}
                    aria-describedby="fl-map-help"
                    {onpointerdown}
                    {onpointermove}
                    onpointerup={onpointerup.clone()}
                    onpointercancel={onpointerup}
                >
                    <defs>
                        { for map.arc_kinds.iter().map(|&kind| html! {
                            <marker
                                id={format!("fl-arrow-{}", kind.0)}
                                class={classes!("fl-arrow", format!("fl-tint--{}", kinds.get(kind).tint()))}
                                viewBox="0 0 10 10" refX="9" refY="5"
                                markerWidth="7" markerHeight="7" orient="auto-start-reverse"
                            >
                                <path d="M0,0L10,5L0,10Z" />
                            </marker>
                        }) }
                    </defs>
                    <g transform={view.transform()}>
                        // Country paths are in quarters of a map unit (`svg_path`).
                        <g class="fl-map__countries" transform={SCALE_STEP}>
                            // Like the countries' outlines, the world's is in the published
                            // page's HTML only, and hydration keeps it.
                            <path class="fl-map__world" d={(!map.world.is_empty()).then(|| map.world.clone())} />
                            { for map.countries.iter().map(country_path) }
                        </g>
                        // Arcs select every relation they stand for; places are drawn over them.
                        <g class="fl-map__arcs">
                            { for map.arcs.iter().map(|arc| {
                                let key = arc.key.clone();
                                // Outside the year picked: hidden, not removed (focus and order stay).
                                let outside = props.within.as_ref().as_ref()
                                    .is_some_and(|within| !arc.relation_ids.iter().any(|id| within.relations.contains(id)));
                                let onclick = {
                                    let (on_select, key) = (props.on_select.clone(), key.clone());
                                    Callback::from(move |_: MouseEvent| on_select.emit(Selection::Arc(key.clone())))
                                };
                                let onkeydown = {
                                    let (on_select, key) = (props.on_select.clone(), key.clone());
                                    Callback::from(move |event: KeyboardEvent| if event.key() == "Enter" || event.key() == " " {
                                        event.prevent_default();
                                        on_select.emit(Selection::Arc(key.clone()));
                                    })
                                };
                                let related = |ids: &factlens_core::selection::Ids| arc.relation_ids.iter().any(|id| ids.contains(id));
                                let label = arc.label(&props.story, map);
                                html! {
                                    <path
                                        d={arc.path.clone()}
                                        class={classes!("fl-arc", format!("fl-tint--{}", kinds.get(arc.kind).tint()), format!("fl-status--{}", arc.status.as_str()),
                                            near.is_some_and(|near| !related(&near.relations)).then_some("fl-dim"))}
                                        data-arc={key} hidden={outside}
                                        data-selected={near.is_some_and(|near| related(&near.picked_relations)).then_some("")}
                                        marker-end={arc.directed.then(|| format!("url(#fl-arrow-{})", arc.kind.0))}
                                        role="button" tabindex="0" aria-label={label.clone()}
                                        {onclick} {onkeydown}
                                    >
                                        <title>{ label }</title>
                                    </path>
                                }
                            }) }
                        </g>
                        <g class="fl-map__places" aria-hidden="true">
                            { for map.places.iter().map(|place| html! {
                                <circle class={classes!("fl-place", near.is_some_and(|near| !near.entities.contains(&place.entity_id)).then_some("fl-dim"))} data-place={place.entity_id.clone()}
                                    cx={Fixed(place.point.0, 1).to_string()} cy={Fixed(place.point.1, 1).to_string()} r="0.5" />
                            }) }
                        </g>
                    </g>
                </svg>
                <div class="fl-map__labels" aria-hidden="true">
                    // Every story country keeps a target of at least 24 CSS pixels at any size and
                    // zoom, however small its shape; keyboard users reach it through the path.
                    { for story_countries.iter().filter_map(|code| map.country(code)).map(|country| {
                        let code = country.code.clone().unwrap_or_default();
                        html! {
                            <span
                                class="fl-map__hit" data-hit={code.clone()} style={percent(country.anchor)}
                                onclick={select(&code)}
                                onpointerenter={show(Some(code.clone())).reform(|e: PointerEvent| e.into())}
                                onpointerleave={show(None).reform(|e: PointerEvent| e.into())}
                            />
                        }
                    }) }
                    // A small country's name sits above it, not over it.
                    { for story_countries.iter().filter_map(|code| map.country(code)).map(|country| html! {
                        <span class={classes!("fl-map__label", format!("fl-map__label--{}", country.role.as_str()),
                                              country.label_above.is_some().then_some("fl-map__label--above"))}
                              style={percent(country.label_above.unwrap_or(country.anchor))} dir="auto">{ &country.name }</span>
                    }) }
                    { for map.places.iter().map(|place| html! {
                        <span class="fl-map__label fl-map__label--place" style={percent(place.point)} dir="auto">{ &place.name }</span>
                    }) }
                </div>
                <div
                    class="fl-map__tooltip"
                    data-testid="map-tooltip"
                    hidden={tooltip.is_none()}
                    style={tooltip.map(|country| percent(country.anchor))}
                >
                    if let Some((name, facts)) = tooltip_text {
                        <strong dir="auto">{ name }</strong>{ " · " }{ facts }
                    }
                </div>
            </div>
            <ul class="fl-legend" aria-label={t(Word::Legend)}>
                { for CountryRole::ALL.iter().filter(|role| **role == CountryRole::Other || map.countries.iter().any(|c| c.role == **role)).map(|role| html! {
                    <li class="fl-legend__item">
                        <span class={classes!("fl-legend__swatch", format!("fl-country--{}", role.as_str()))} aria-hidden="true"></span>
                        { role.label() }
                    </li>
                }) }
                { for map.arc_kinds.iter().map(|&kind| html! {
                    <li class="fl-legend__item">
                        <span class={classes!("fl-legend__line", format!("fl-tint--{}", kinds.get(kind).tint()))} aria-hidden="true"></span>
                        { isolated(kinds.get(kind).label()).into_owned() }
                    </li>
                }) }
                if map.arcs.iter().any(|arc| arc.status != factlens_core::FactStatus::Reported) { { claims_legend() } }
            </ul>
        </section>
    }
}
