//! The relationship graph: entities as shaped, coloured nodes, relations as directed, labelled
//! edges. Small graphs arrive laid out (at publish time) and are SVG; large ones are laid out
//! by the motion module ([`crate::motion`]) in a worker and drawn on its canvas, so the page
//! never freezes. Pan and zoom change one transform. The filter chips and the legend are
//! functions of their own (they hold no state); the geometry is in `geometry`.

mod filters;
mod geometry;
mod legend;

use factlens_core::words::{count, fill, t, Word};
use std::rc::Rc;

use factlens_core::compiled::SettledLayout;
use factlens_core::graph::{
    edge_midpoint, edge_path, place_edge_labels, place_labels, Classes, GraphModel, KindSet, LabelSide, LABEL_GAP,
};
use factlens_core::map::{HEIGHT, VIEW_BOX, WIDTH};
use factlens_core::svg_path::Fixed;
use factlens_core::timeline::Within;
use factlens_core::{EntityKind, FactStatus, RelationKind, Story};
use yew::prelude::*;

use self::filters::{graph_filters, GraphFilters};
use self::geometry::{arrow_direction, neighbour_towards, shape_path, Fit};
pub use self::legend::claims_legend;
use self::legend::{graph_legend, GraphLegend};
use crate::components::zoom_controls::zoom_controls;
use crate::map_view::{use_pan_zoom, ViewAction, ZOOM_STEP};
use crate::motion::{use_motion, Frame, SMALL};
use crate::state::{Loaded, Neighbourhood, Selection};

// Graphs up to `SMALL` nodes are drawn as SVG, one element per node and edge. Larger ones are
// drawn on a canvas, with an SVG layer on top for pointer and keyboard input and a live region
// saying which node has focus: re-rendering thousands of elements every frame would freeze the
// page.
#[derive(Properties, Clone, PartialEq)]
pub struct GraphViewProps {
    pub graph: Loaded<GraphModel>,
    /// The story, whose kind table names and colours the edges.
    pub story: Loaded<Story>,
    /// The layout as published, for small graphs; others are laid out here.
    #[prop_or_default]
    pub settled: Option<Loaded<SettledLayout>>,
    /// What the selection picks and brightens.
    pub near: Rc<Option<Neighbourhood>>,
    /// What lies within the year the views are narrowed to: edges of relations outside it hide.
    pub within: Rc<Option<Within>>,
    /// The kinds the filters hide (entities' by place in `EntityKind::ALL`, relations' in the
    /// story's kind table).
    pub hidden_entities: KindSet,
    pub hidden_relations: KindSet,
    /// A filter chip was toggled: the kinds to hide now, entities' and relations'.
    pub on_filter: Callback<(KindSet, KindSet)>,
    pub on_select: Callback<Selection>,
}

#[component]
pub fn GraphView(props: &GraphViewProps) -> Html {
    let graph = props.graph.clone();
    let large = graph.nodes.len() > SMALL;
    // The graph by identity, for memos (see `Loaded`).
    let graph_id = graph.identity();
    let layout = use_motion(&graph, props.settled.as_ref());
    let positions = layout.positions();
    // Worked out once per settled layout, not on every render (pan and zoom re-render).
    let digest = use_memo((graph_id, positions.version, positions.settled), {
        let positions = positions.clone();
        move |&(_, _, settled)| settled.then(|| positions.digest())
    });
    // What the graph has, for chips and legends: computed once per graph.
    let kinds = &props.story.kinds;
    let (relation_kinds, entity_kinds, relation_legend, claims) = (*use_memo(graph_id, |_| {
        // In their lists' order (a set type would bring its own code to the page).
        let mut relation_kinds: Vec<RelationKind> = Vec::new();
        for (kind, _) in kinds.iter() {
            if graph.edges.iter().any(|e| e.kind == kind) {
                relation_kinds.push(kind);
            }
        }
        let entity_kinds: Vec<EntityKind> =
            EntityKind::ALL.into_iter().filter(|&kind| graph.nodes.iter().any(|n| n.kind == kind)).collect();
        let relation_legend = kinds.legend(|kind| relation_kinds.contains(&kind));
        let claims = graph.edges.iter().any(|e| e.status != FactStatus::Reported);
        (relation_kinds, entity_kinds, relation_legend, claims)
    }))
    .clone();
    // The layout is fitted to the frame while it settles; once the reader moves a node the fit
    // stays put, so the picture does not jump under the pointer.
    let frozen_fit = use_mut_ref(|| None::<Fit>);
    // Per set of positions, not per render: pan and zoom re-render, and a large graph has
    // thousands of nodes to look at.
    let fitted = *use_memo((graph_id, positions.version), {
        let positions = positions.clone();
        move |_| Fit::to(&positions)
    });
    let fit = frozen_fit.borrow().unwrap_or(fitted);
    let svg = use_node_ref();
    let pan_zoom = use_pan_zoom(svg.clone());
    let view = pan_zoom.view.clone();
    let layer = use_node_ref();
    let canvas = use_node_ref();
    let focused = use_state(|| None::<usize>);
    let hovered_edge = use_state(|| None::<usize>);
    let hovered_node = use_state(|| None::<usize>);
    let units_per_pixel = use_state(|| 1.6);

    {
        let (svg, units_per_pixel) = (svg.clone(), units_per_pixel.clone());
        use_effect_with((), move |_| {
            if let Some((_, ratio)) = crate::dom::client_to_map(&svg, (0.0, 0.0)) {
                units_per_pixel.set(ratio);
            }
        });
    }

    // Derived: what is picked, visible and bright (one `Classes` for the SVG and the canvas).
    let (hidden_entities, hidden_relations) = (props.hidden_entities, props.hidden_relations);
    let classes = use_memo((graph_id, props.near.clone(), hidden_entities, hidden_relations, props.within.clone()), {
        let graph = graph.clone();
        move |(_, near, hidden_entities, hidden_relations, within)| {
            Classes::new(&graph, (**near).as_ref(), *hidden_entities, *hidden_relations, (**within).as_ref())
        }
    });
    let selected_node = (0..graph.nodes.len()).find(|&i| classes.node_picked(i));
    let visible_node = {
        let classes = classes.clone();
        move |i: usize| classes.node_visible(i)
    };
    let visible_edge = |k: usize| classes.edge_visible(k);
    let bright_edge = |k: usize| classes.edge_bright(k);
    // Where Tab enters the graph: the focused or selected node, else the best-connected one
    // (looked for once per graph and filter change).
    let best_connected = *use_memo((graph_id, classes.clone()), {
        let graph = graph.clone();
        move |(_, classes)| {
            (0..graph.nodes.len())
                .filter(|&i| classes.node_visible(i))
                .max_by_key(|&i| (graph.nodes[i].degree, std::cmp::Reverse(i)))
        }
    });
    let tab_stop = (*focused).or(selected_node).filter(|&i| visible_node(i)).or(best_connected);
    // Where layout units land in view units, and in CSS pixels for label sizes.
    let to_view = |i: usize| view.apply((fit.x + fit.k * positions.x[i], fit.y + fit.k * positions.y[i]));
    let layout_units_per_pixel = *units_per_pixel / (fit.k * view.k);
    // Small graphs label every node that has room inside the frame, hubs first; large ones
    // only the picked, focused and hovered. Any node shows its label on hover and focus.
    // A label character is about 0.7 em of the labels' 11.5 px type (wide sans faces included).
    let label_size = (8.0 * layout_units_per_pixel, 15.0 * layout_units_per_pixel);
    // The frame, in layout units: labels stay inside it.
    let to_layout =
        |(x, y): (f64, f64)| (((x - view.x) / view.k - fit.x) / fit.k, ((y - view.y) / view.k - fit.y) / fit.k);
    let ((left, top), (right, bottom)) = (to_layout((0.0, 0.0)), to_layout((WIDTH, HEIGHT)));
    let frame = (left, top, right, bottom);
    let (labels, label_boxes) =
        if !large { place_labels(&graph, &positions.x, &positions.y, label_size, frame) } else { Default::default() };
    let on_demand = [selected_node, *focused, *hovered_node];
    let labelled_nodes: Vec<usize> = (0..graph.nodes.len())
        .filter(|&i| labels.get(i).is_some_and(|&side| side != LabelSide::Hidden) || on_demand.contains(&Some(i)))
        .collect();

    // Callbacks.
    let node_keydown = |i: usize| {
        let (graph, positions, focused, on_select, layer) =
            (graph.clone(), positions.clone(), focused.clone(), props.on_select.clone(), layer.clone());
        let visible = visible_node.clone();
        let view = view.dispatcher();
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            if key == "Enter" || key == " " {
                event.prevent_default();
                on_select.emit(Selection::Entity(graph.nodes[i].entity_id.clone()));
            } else if key == "+" || key == "=" || key == "-" {
                let factor = if key == "-" { 1.0 / ZOOM_STEP } else { ZOOM_STEP };
                view.dispatch(ViewAction::ZoomAt { factor, center: (WIDTH / 2.0, HEIGHT / 2.0) });
            } else if let Some(direction) = arrow_direction(&key) {
                event.prevent_default();
                if let Some(next) = neighbour_towards(&graph, &positions, i, direction, &visible) {
                    focused.set(Some(next));
                    let id = &graph.nodes[next].entity_id;
                    crate::dom::focus_within(&layer, &format!("[data-entity=\"{id}\"]"));
                }
            }
        })
    };
    // Which node has keyboard focus (for its edge labels and, on the canvas, its ring).
    let node_focus = |i: Option<usize>| {
        let focused = focused.clone();
        Callback::from(move |_: FocusEvent| focused.set(i))
    };
    let node_pointerdown = |i: usize| {
        let pan_zoom = pan_zoom.clone();
        Callback::from(move |event: PointerEvent| {
            event.stop_propagation();
            pan_zoom.press(&event, Some(i));
        })
    };
    // The node under a pointer, for the canvas, where nodes are not elements.
    let node_under = {
        let (graph, layer, positions, units_per_pixel) =
            (graph.clone(), layer.clone(), positions.clone(), *units_per_pixel);
        let visible = visible_node.clone();
        let scale = fit.k * view.k;
        // Within 12 px of a drawn node, a tap is meant for it (a 24 px target on a phone, the
        // nearest node winning where they crowd); 6 px among a large graph's thousands.
        let slack = if large { 6.0 } else { 12.0 };
        move |client: (f64, f64)| {
            let point = crate::dom::client_to_local(&layer, client)?;
            graph.node_at(&positions.x, &positions.y, point, slack * units_per_pixel / scale, &visible)
        }
    };
    // On the canvas a pointer grabs the node under it; elsewhere nodes grab for themselves.
    let onpointerdown = {
        let (pan_zoom, node_under) = (pan_zoom.clone(), node_under.clone());
        Callback::from(move |event: PointerEvent| {
            let node =
                if large { node_under((f64::from(event.client_x()), f64::from(event.client_y()))) } else { None };
            pan_zoom.press(&event, node);
        })
    };
    let onpointermove = {
        let (pan_zoom, layout, layer, frozen_fit) =
            (pan_zoom.clone(), layout.clone(), layer.clone(), frozen_fit.clone());
        Callback::from(move |event: PointerEvent| {
            pan_zoom.move_to(&event, |node, client| {
                let Some(point) = crate::dom::client_to_local(&layer, client) else { return };
                frozen_fit.borrow_mut().get_or_insert(fit);
                layout.drag(node, point);
            });
        })
    };
    let onpointerup = {
        let (pan_zoom, layout) = (pan_zoom.clone(), layout.clone());
        Callback::from(move |event: PointerEvent| {
            if pan_zoom.release(&event).is_some() {
                layout.release();
            }
        })
    };
    // A click (not the end of a drag) selects the node nearest it, else the node or edge it is
    // on (a screen reader's click has no position).
    let onclick = {
        let (pan_zoom, node_under, on_select, graph) =
            (pan_zoom.clone(), node_under.clone(), props.on_select.clone(), graph.clone());
        Callback::from(move |event: MouseEvent| {
            if pan_zoom.moved() {
                return;
            }
            if let Some(i) = node_under((f64::from(event.client_x()), f64::from(event.client_y()))) {
                on_select.emit(Selection::Entity(graph.nodes[i].entity_id.clone()));
            } else if let Some(on) = crate::dom::closest(&event, "[data-entity], [data-relation]") {
                on_select.emit(match on.get_attribute("data-entity") {
                    Some(id) => Selection::Entity(id),
                    None => Selection::Relation(on.get_attribute("data-relation").unwrap_or_default()),
                });
            }
        })
    };
    let unpin = |i: usize| {
        let (layout, frozen_fit) = (layout.clone(), frozen_fit.clone());
        Callback::from(move |_: MouseEvent| {
            frozen_fit.borrow_mut().get_or_insert(fit);
            layout.unpin(i);
        })
    };
    let on_view = pan_zoom.on_view();
    let node_hover = |i: Option<usize>| {
        let hovered = hovered_node.clone();
        Callback::from(move |_: PointerEvent| hovered.set(i))
    };
    let edge_hover = |k: Option<usize>| {
        let hovered = hovered_edge.clone();
        Callback::from(move |_: PointerEvent| hovered.set(k))
    };

    let pinned = layout.pinned();
    let percent =
        |(x, y): (f64, f64)| format!("left:{}%;top:{}%", Fixed(x / WIDTH * 100.0, 3), Fixed(y / HEIGHT * 100.0, 3));
    // Edge labels show for the hovered edge, and for the picked edges and every edge of the
    // focused or picked node where they have room (the rest on hover).
    let layout_midpoint = |k: usize| {
        let e = &graph.edges[k];
        let at = |i: usize| (positions.x[i], positions.y[i]);
        edge_midpoint(e, at(e.source), at(e.target))
    };
    let edge_midpoint = |k: usize| {
        let (x, y) = layout_midpoint(k);
        view.apply((fit.x + fit.k * x, fit.y + fit.k * y))
    };
    let candidates: Vec<usize> = (*focused)
        .or(selected_node)
        .into_iter()
        .flat_map(|i| graph.edges_of[i].clone())
        .chain((0..graph.edges.len()).filter(|&k| classes.edge_picked(k)).take(30))
        .filter(|&k| visible_edge(k) && Some(k) != *hovered_edge)
        .take(30)
        .collect();
    let roomy = place_edge_labels(
        candidates.iter().map(|&k| (layout_midpoint(k), kinds.get(graph.edges[k].kind).label().chars().count() + 2)),
        label_boxes.clone(),
        label_size,
        frame,
    );
    let labelled_edges: Vec<usize> =
        candidates.iter().zip(roomy).filter(|&(_, room)| room).map(|(&k, _)| k).chain(*hovered_edge).collect();

    // Large graphs: redraw the canvas whenever what it shows changes.
    {
        let (layout, canvas) = (layout.clone(), canvas.clone());
        let deps = (positions.clone(), *view, fit, classes.clone(), *focused);
        use_effect_with(deps, move |(positions, view, fit, classes, focused)| {
            if let (true, Some(canvas)) = (large, canvas.cast::<web_sys::HtmlCanvasElement>()) {
                let frame = Frame {
                    positions: positions.clone(),
                    fit: [fit.k, fit.x, fit.y],
                    view: [view.k, view.x, view.y],
                    classes: classes.clone(),
                    focused: *focused,
                };
                layout.draw(canvas, frame);
            }
        });
    }
    // Large graphs: the keyboard moves a focus drawn on the canvas and told by a live region.
    let canvas_keydown = {
        let (graph, positions, focused, on_select) =
            (graph.clone(), positions.clone(), focused.clone(), props.on_select.clone());
        let visible = visible_node.clone();
        Callback::from(move |event: KeyboardEvent| {
            let Some(current) = (*focused).or(tab_stop) else { return };
            let key = event.key();
            if key == "Enter" || key == " " {
                event.prevent_default();
                on_select.emit(Selection::Entity(graph.nodes[current].entity_id.clone()));
            } else if let Some(direction) = arrow_direction(&key) {
                event.prevent_default();
                let next = if focused.is_none() {
                    Some(current)
                } else {
                    neighbour_towards(&graph, &positions, current, direction, &visible)
                };
                if let Some(next) = next {
                    focused.set(Some(next));
                }
            }
        })
    };
    let announce = (*focused).filter(|_| large).map(|i| {
        let node = &graph.nodes[i];
        fill(
            Word::NodeFocus,
            &[&node.name, node.kind.label(), &count(node.degree, Word::OneRelation, Word::ManyRelations)],
        )
    });

    html! {
        <section class="fl-graph" data-testid="graph" data-settled={positions.settled.to_string()} data-layout={if layout.in_worker() { "worker" } else { "page" }} data-layout-helpers={layout.helpers().to_string()} data-layout-digest={(*digest).clone()} aria-labelledby="fl-graph-title">
            <div class="fl-map__head">
                <h2 id="fl-graph-title" class="fl-section-title">{ t(Word::WhoIsTied) }</h2>
                { zoom_controls([Word::GraphZoom, Word::GraphZoomIn, Word::GraphZoomOut, Word::GraphResetZoom], &on_view) }
            </div>
            { graph_filters(GraphFilters {
                kinds,
                entity_kinds: entity_kinds.clone(),
                relation_kinds: relation_kinds.clone(),
                hidden_entities,
                hidden_relations,
                on_toggle_entity: props.on_filter.reform(move |place| (hidden_entities.toggled(place), hidden_relations)),
                on_toggle_relation: props.on_filter.reform(move |place| (hidden_entities, hidden_relations.toggled(place))),
            }) }
            <p id="fl-graph-help" class="fl-visually-hidden">
                { t(Word::GraphHelp) }
            </p>
            <div class={classes!("fl-map__frame", "fl-graph__frame", (view.k > 1.0).then_some("fl-map__frame--zoomed"))}>
                if large {
                    <canvas ref={canvas.clone()} class="fl-graph__canvas" aria-hidden="true" />
                }
                <svg ref={svg.clone()} class="fl-map__svg" viewBox={VIEW_BOX}
                    role={if large { "application" } else { "group" }} aria-label={t(Word::RelationshipGraph)} aria-describedby="fl-graph-help"
                    tabindex={large.then_some("0")} onkeydown={large.then_some(canvas_keydown)}
                    onblur={large.then(|| node_focus(None))}
                    {onpointerdown} {onclick} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}>
                    <defs>
                        <marker id="fl-graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse" markerUnits="userSpaceOnUse">
                            <path d="M0,0L10,5L0,10Z" class="fl-graph__arrow" />
                        </marker>
                    </defs>
                    <g transform={view.transform()}>
                        <g ref={layer.clone()} transform={fit.transform()}>
                            <g class="fl-graph__edges">
                                { for (0..graph.edges.len()).filter(|_| !large).map(|k| {
                                    let e = &graph.edges[k];
                                    let d = edge_path(e, (positions.x[e.source], positions.y[e.source]), (positions.x[e.target], positions.y[e.target]),
                                        graph.nodes[e.source].radius, graph.nodes[e.target].radius);
                                    let class = classes!("fl-edge", format!("fl-tint--{}", kinds.get(e.kind).tint()),
                                        format!("fl-status--{}", e.status.as_str()), (!bright_edge(k)).then_some("fl-dim"));
                                    html! {
                                        <g class={class} data-relation={e.relation_id.clone()} hidden={!visible_edge(k)}
                                           data-selected={classes.edge_picked(k).then_some("")}
                                           onpointerenter={edge_hover(Some(k))} onpointerleave={edge_hover(None)}>
                                            <path class="fl-edge__hit" d={d.clone()} />
                                            <path class="fl-edge__line" d={d} marker-end={e.directed.then_some("url(#fl-graph-arrow)")} />
                                            <title>{ &e.label }</title>
                                        </g>
                                    }
                                }) }
                            </g>
                            <g class="fl-graph__nodes">
                                { for (0..graph.nodes.len()).filter(|_| !large).map(|i| {
                                    let node = &graph.nodes[i];
                                    let bright = classes.node_bright(i);
                                    let class = classes!("fl-node", format!("fl-node--{}", node.kind.as_str()),
                                        (!bright).then_some("fl-dim"), pinned[i].then_some("fl-node--pinned"));
                                    let picked = classes.node_picked(i);
                                    let label = fill(Word::NodeLabel, &[&node.name, node.kind.label(), &count(node.degree, Word::OneRelation, Word::ManyRelations)]);
                                    html! {
                                        <g class={class} data-entity={node.entity_id.clone()} hidden={!visible_node(i)} data-selected={picked.then_some("")}
                                           transform={format!("translate({} {})", Fixed(positions.x[i], 1), Fixed(positions.y[i], 1))}
                                           role="button" tabindex={if tab_stop == Some(i) { "0" } else { "-1" }}
                                           aria-label={label} aria-pressed={picked.to_string()}
                                           ondblclick={unpin(i)} onkeydown={node_keydown(i)}
                                           onfocus={node_focus(Some(i))} onblur={node_focus(None)} onpointerdown={node_pointerdown(i)}
                                           onpointerenter={node_hover(Some(i))} onpointerleave={node_hover(None)}>
                                            <path class="fl-node__shape" d={shape_path(node.kind, node.radius)} />
                                        </g>
                                    }
                                }) }
                            </g>
                        </g>
                    </g>
                </svg>
                <div class="fl-map__labels" aria-hidden="true">
                    { for labelled_nodes.iter().copied().filter(|&i| visible_node(i)).map(|i| {
                        let side = match labels.get(i) { Some(&side) if side != LabelSide::Hidden => side, _ => LabelSide::Right };
                        let dim = !classes.node_bright(i);
                        html! {
                            <span class={classes!("fl-graph__label", format!("fl-graph__label--{}", side.as_str()), dim.then_some("fl-dim"))}
                                  style={format!("{};--gap:{}px", percent(to_view(i)), Fixed((graph.nodes[i].radius + LABEL_GAP) / layout_units_per_pixel, 0))}
                                  data-label-for={graph.nodes[i].entity_id.clone()} dir="auto">
                                { &graph.nodes[i].name }
                            </span>
                        }
                    }) }
                    { for labelled_edges.iter().map(|&k| html! {
                        <span class="fl-graph__edge-label" style={percent(edge_midpoint(k))} data-edge-label={graph.edges[k].relation_id.clone()} dir="auto">
                            { kinds.get(graph.edges[k].kind).label() }
                        </span>
                    }) }
                </div>
            </div>
            <p class="fl-visually-hidden" aria-live="polite" data-testid="graph-focus">{ announce.unwrap_or_default() }</p>
            { graph_legend(GraphLegend { kinds, entity_kinds: entity_kinds.clone(), relations: relation_legend, claims }) }
        </section>
    }
}
