//! Drawing large graphs on a canvas: thousands of SVG elements would make every pan and zoom
//! slow, while one canvas redraw stays within a frame. The core's [`Raster`] plots the dots and
//! lines into a pixel buffer and the canvas takes it in one `putImageData` (a canvas path of
//! 20,000 circles cost Chromium 30–70 ms to rasterize each frame). Called from effects only,
//! never while rendering; natively it does nothing.
//!
//! [`Raster`]: factlens_core::raster::Raster

use std::collections::BTreeSet;

use factlens_core::graph::GraphModel;
use factlens_core::{EntityKind, RelationKind};
use yew::NodeRef;

/// A node's or an edge's class, as bits: bright (or else dimmed), and hidden by a filter. The
/// two are independent, so a hidden element keeps its brightness for when it is shown again.
pub const BRIGHT: u8 = 1;
/// See [`BRIGHT`].
pub const HIDDEN: u8 = 2;

/// The class of every node and edge: what the filters hide and what the selection leaves
/// bright, for the SVG and the canvas alike. It follows the selection and the filters, not the
/// positions, so the view works it out when they change rather than for every frame (looking
/// up 80,000 edges' filters and selection took a few milliseconds of each frame).
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    /// Indexed like the graph's nodes.
    pub nodes: Vec<u8>,
    /// Indexed like the graph's edges.
    pub edges: Vec<u8>,
}

impl Classes {
    /// With a selected node, it and its neighbours and its edges are bright; with a selected
    /// edge, it and its two ends; with neither, everything. Filtered-out kinds are hidden, and
    /// so is every edge with a hidden end.
    pub fn new(
        graph: &GraphModel,
        (selected_node, selected_edge): (Option<usize>, Option<usize>),
        hidden_entities: &BTreeSet<EntityKind>,
        hidden_relations: &BTreeSet<RelationKind>,
    ) -> Classes {
        let everything = selected_node.is_none() && selected_edge.is_none();
        let mut nodes: Vec<u8> = graph
            .nodes
            .iter()
            .map(|node| u8::from(everything) | if hidden_entities.contains(&node.kind) { HIDDEN } else { 0 })
            .collect();
        let bright: Vec<usize> = match (selected_node, selected_edge) {
            (Some(i), _) => std::iter::once(i).chain(graph.neighbours(i)).collect(),
            (_, Some(k)) => vec![graph.edges[k].source, graph.edges[k].target],
            _ => Vec::new(),
        };
        for i in bright {
            nodes[i] |= BRIGHT;
        }
        let edges = graph
            .edges
            .iter()
            .enumerate()
            .map(|(k, e)| {
                let bright = match (selected_node, selected_edge) {
                    (Some(i), _) => e.source == i || e.target == i,
                    (_, Some(s)) => s == k,
                    _ => true,
                };
                let hidden = hidden_relations.contains(&e.kind)
                    || nodes[e.source] & HIDDEN != 0
                    || nodes[e.target] & HIDDEN != 0;
                u8::from(bright) | if hidden { HIDDEN } else { 0 }
            })
            .collect();
        Classes { nodes, edges }
    }

    pub fn node_visible(&self, i: usize) -> bool {
        self.nodes[i] & HIDDEN == 0
    }

    pub fn node_bright(&self, i: usize) -> bool {
        self.nodes[i] & BRIGHT != 0
    }

    pub fn edge_visible(&self, k: usize) -> bool {
        self.edges[k] & HIDDEN == 0
    }

    pub fn edge_bright(&self, k: usize) -> bool {
        self.edges[k] & BRIGHT != 0
    }
}

/// What one redraw needs besides the graph.
pub struct Scene<'a> {
    /// Node positions in layout units.
    pub x: &'a [f64],
    /// See [`Scene::x`].
    pub y: &'a [f64],
    /// Layout units to view units: `(k, tx, ty)`, then the pan and zoom `(k, tx, ty)`.
    pub fit: (f64, f64, f64),
    /// See [`Scene::fit`].
    pub view: (f64, f64, f64),
    /// How each node and edge is drawn.
    pub classes: &'a Classes,
    /// The node with keyboard focus, ringed.
    pub focused: Option<usize>,
    /// Whether the layout is still moving: then the edges get a smaller time budget, so each
    /// frame stays short (see `MOVING_EDGE_MS`).
    pub moving: bool,
}

/// Redraws `scene` onto the canvas in `canvas`, sized to its CSS box at the device's pixel
/// ratio. Colours come from the page's CSS custom properties, so light and dark both work.
pub fn draw(canvas: &NodeRef, graph: &GraphModel, scene: &Scene<'_>) {
    #[cfg(target_arch = "wasm32")]
    browser::draw(canvas, graph, scene);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (canvas, graph, scene);
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::{Cell, RefCell};

    use factlens_core::graph::GraphModel;
    use factlens_core::map::WIDTH;
    use factlens_core::raster::{parse_colour, Raster, Rgb};
    use factlens_core::EntityKind;
    use wasm_bindgen::JsCast;
    use yew::NodeRef;

    use super::{Scene, BRIGHT};

    /// Milliseconds each class of edges may take to draw in a frame while the layout moves,
    /// and at rest. The nodes come on top (all of them: 20,000 stamped dots take a few
    /// milliseconds).
    const MOVING_EDGE_MS: f64 = 4.0;
    const RESTING_EDGE_MS: f64 = 24.0;
    /// Pixels of edges a resting frame may always draw, however slow earlier frames were: the
    /// settled picture of a graph of a thousand nodes or so then does not depend on how busy
    /// the machine was while it moved (a few milliseconds' work on a desktop).
    const RESTING_EDGE_PIXELS: f64 = 600_000.0;
    /// Drawing speed before any frame has been timed, in milliseconds per pixel touched.
    const FIRST_GUESS_MS_PER_PIXEL: f64 = 2.5e-5;

    thread_local! {
        /// The pixel buffer, kept between frames so its allocation is reused.
        static RASTER: RefCell<Raster> = RefCell::new(Raster::new(0, 0, [0, 0, 0]));
        /// How fast this device draws edges, measured on earlier frames: budgets are in time,
        /// so a slow phone draws a sparser sample rather than a slower frame (and so does a
        /// fast one while the browser has not yet optimised the code).
        static MS_PER_PIXEL: Cell<f64> = const { Cell::new(FIRST_GUESS_MS_PER_PIXEL) };
    }

    /// Edges looked at to estimate what drawing them all would cost.
    const COST_SAMPLE: usize = 4096;

    /// A colour custom property of the page, parsed.
    fn colour(style: &web_sys::CssStyleDeclaration, name: &str, fallback: Rgb) -> Rgb {
        parse_colour(&style.get_property_value(name).unwrap_or_default()).unwrap_or(fallback)
    }

    pub fn draw(canvas: &NodeRef, graph: &GraphModel, scene: &Scene<'_>) {
        let Some(canvas) = canvas.cast::<web_sys::HtmlCanvasElement>() else { return };
        let Some(window) = web_sys::window() else { return };
        let ratio = window.device_pixel_ratio().max(1.0);
        let (css_width, css_height) = (f64::from(canvas.client_width()), f64::from(canvas.client_height()));
        if css_width <= 0.0 {
            return;
        }
        let (width, height) = ((css_width * ratio).round() as u32, (css_height * ratio).round() as u32);
        if canvas.width() != width || canvas.height() != height {
            canvas.set_width(width);
            canvas.set_height(height);
        }
        let Ok(Some(context)) = canvas.get_context("2d") else { return };
        let Ok(context) = context.dyn_into::<web_sys::CanvasRenderingContext2d>() else { return };
        let Ok(Some(style)) = window.get_computed_style(&canvas) else { return };

        // View units (the 960-wide drawing area) to device pixels, then pan/zoom, then fit.
        let unit = f64::from(width) / WIDTH;
        let (vk, vx, vy) = scene.view;
        let (fk, fx, fy) = scene.fit;
        let k = unit * vk * fk;
        let (tx, ty) = (unit * (vx + vk * fx), unit * (vy + vk * fy));
        let to_screen = |i: usize| (tx + k * scene.x[i], ty + k * scene.y[i]);

        RASTER.with_borrow_mut(|raster| {
            raster.clear(width as usize, height as usize, colour(&style, "--fl-surface", [255, 255, 255]));
            let edge_colour = colour(&style, "--fl-muted", [136, 136, 136]);
            let line_width = ratio.round() as u32;
            let ends = |e: usize| (to_screen(graph.edges[e].source), to_screen(graph.edges[e].target));
            // A shown edge's class is 0 (dim) or `BRIGHT`; a hidden one's is neither.
            let class_of = |e: usize| scene.classes.edges[e];
            // What drawing each class would cost, estimated from an even sample of the edges.
            let n = graph.edges.len();
            let step = n.div_ceil(COST_SAMPLE).max(1);
            let mut cost = [0.0; 2];
            for e in (0..n).step_by(step).filter(|&e| scene.classes.edge_visible(e)) {
                let (from, to) = ends(e);
                cost[usize::from(class_of(e))] += raster.line_cost(from, to, line_width) * step as f64;
            }
            // Dim edges, then bright ones. If drawing every edge of a class would take longer
            // than the budget, every n-th edge is looked at, enough to fill it: by then they
            // cover the canvas many times over at low opacity, so the sample reads the same. A
            // selection's few edges always fit.
            let budget_ms = if scene.moving { MOVING_EDGE_MS } else { RESTING_EDGE_MS };
            let budget = budget_ms / MS_PER_PIXEL.get();
            let budget = if scene.moving { budget } else { budget.max(RESTING_EDGE_PIXELS) };
            let (start, mut drawn) = (crate::dom::now_ms(), 0.0);
            for (class, opacity) in [(0, 0.08), (BRIGHT, 0.35)] {
                let stride = (cost[usize::from(class)] / budget).ceil().max(1.0) as usize;
                drawn += cost[usize::from(class)] / stride as f64;
                for e in (0..n).step_by(stride).filter(|&e| class_of(e) == class) {
                    let (from, to) = ends(e);
                    raster.line(from, to, line_width, edge_colour, opacity);
                }
            }
            // Learn the speed from frames with enough drawing to time, smoothed.
            if drawn > 50_000.0 {
                let measured = (crate::dom::now_ms() - start) / drawn;
                MS_PER_PIXEL.set((MS_PER_PIXEL.get() + measured) / 2.0);
            }
            let radius_scale = k.clamp(0.15 * ratio, 2.0 * ratio);
            let fills = EntityKind::ALL.map(|kind| colour(&style, &format!("--fl-{}", kind.as_str()), [85, 85, 85]));
            for bright in [false, true] {
                for (i, node) in graph.nodes.iter().enumerate() {
                    if !scene.classes.node_visible(i) || scene.classes.node_bright(i) != bright {
                        continue;
                    }
                    let fill = fills[EntityKind::ALL.iter().position(|&k| k == node.kind).unwrap_or(0)];
                    let r = (node.radius * radius_scale).max(1.5 * ratio);
                    raster.disc(to_screen(i), r, fill, if bright { 1.0 } else { 0.2 });
                }
            }
            if let Some(i) = scene.focused {
                let r = (graph.nodes[i].radius * radius_scale).max(1.5 * ratio) + 4.0 * ratio;
                raster.ring(to_screen(i), r, 3.0 * ratio, colour(&style, "--fl-focus", [194, 65, 12]), 1.0);
            }
            let pixels = wasm_bindgen::Clamped(&raster.pixels[..]);
            if let Ok(image) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(pixels, width, height) {
                let _ = context.put_image_data(&image, 0.0, 0.0);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use factlens_core::Story;

    use super::*;

    #[test]
    fn classes_follow_the_selection_and_the_filters() {
        let dataset = factlens_core::parse(include_str!("../data/belarus-myanmar.json")).unwrap();
        let graph = GraphModel::new(&Story::new(dataset, BTreeMap::new()));
        let none = BTreeSet::new();
        let all = Classes::new(&graph, (None, None), &none, &BTreeSet::new());
        assert!(all.nodes.iter().chain(&all.edges).all(|&c| c == BRIGHT), "nothing selected: all bright and shown");

        let lukashenko = graph.node_index("alexander-lukashenko").expect("Lukashenko is a node");
        let near: BTreeSet<usize> = std::iter::once(lukashenko).chain(graph.neighbours(lukashenko)).collect();
        let picked = Classes::new(&graph, (Some(lukashenko), None), &none, &BTreeSet::new());
        for i in 0..graph.nodes.len() {
            assert_eq!(picked.node_bright(i), near.contains(&i), "node {i}");
            assert!(picked.node_visible(i));
        }
        for (k, e) in graph.edges.iter().enumerate() {
            assert_eq!(picked.edge_bright(k), e.source == lukashenko || e.target == lukashenko, "edge {k}");
        }
        assert!(picked.nodes.contains(&0) && picked.edges.contains(&0), "the rest is dim");

        // A selected relation: it and its two ends.
        let relation = graph.edges.iter().position(|e| e.source != e.target).unwrap();
        let (from, to) = (graph.edges[relation].source, graph.edges[relation].target);
        let one = Classes::new(&graph, (None, Some(relation)), &none, &BTreeSet::new());
        for i in 0..graph.nodes.len() {
            assert_eq!(one.node_bright(i), i == from || i == to, "node {i}");
        }
        for k in 0..graph.edges.len() {
            assert_eq!(one.edge_bright(k), k == relation, "edge {k}");
        }

        // Filters hide, and leave brightness as it was.
        let countries = BTreeSet::from([EntityKind::Country]);
        let filtered = Classes::new(&graph, (Some(lukashenko), None), &countries, &BTreeSet::new());
        for (i, node) in graph.nodes.iter().enumerate() {
            assert_eq!(!filtered.node_visible(i), node.kind == EntityKind::Country, "node {i}");
            assert_eq!(filtered.node_bright(i), picked.node_bright(i), "node {i}");
        }
        for (k, e) in graph.edges.iter().enumerate() {
            let hidden_end = [e.source, e.target].iter().any(|&i| graph.nodes[i].kind == EntityKind::Country);
            assert_eq!(!filtered.edge_visible(k), hidden_end, "edge {k}");
            assert_eq!(filtered.edge_bright(k), picked.edge_bright(k), "edge {k}");
        }
        let kind = graph.edges[0].kind;
        let no_kind = Classes::new(&graph, (None, None), &none, &BTreeSet::from([kind]));
        for (k, e) in graph.edges.iter().enumerate() {
            assert_eq!(!no_kind.edge_visible(k), e.kind == kind, "edge {k}");
        }
        assert!(no_kind.nodes.iter().all(|&c| c == BRIGHT), "an edge filter hides no node");
    }
}
