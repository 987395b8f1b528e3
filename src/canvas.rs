//! Drawing large graphs on a canvas: thousands of SVG elements would make every pan and zoom
//! slow, while one canvas redraw stays within a frame. Called from effects and frame loops only,
//! never while rendering; natively it does nothing.

use factlens_core::graph::GraphModel;
use yew::NodeRef;

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
    /// Which nodes and edges are shown at all (filters).
    pub node_visible: &'a dyn Fn(usize) -> bool,
    /// See [`Scene::node_visible`].
    pub edge_visible: &'a dyn Fn(usize) -> bool,
    /// Which are bright (the selection's neighbourhood); the rest are dimmed.
    pub node_bright: &'a dyn Fn(usize) -> bool,
    /// See [`Scene::node_bright`].
    pub edge_bright: &'a dyn Fn(usize) -> bool,
    /// The node with keyboard focus, ringed.
    pub focused: Option<usize>,
    /// Whether the layout is still moving: then, in very large graphs, only a sample of the
    /// edges is drawn, so each frame stays short; every edge is drawn once it settles.
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
    use factlens_core::graph::GraphModel;
    use factlens_core::map::WIDTH;
    use factlens_core::EntityKind;
    use wasm_bindgen::JsCast;
    use yew::NodeRef;

    use super::Scene;

    /// Most edges drawn per frame while the layout moves.
    const MOVING_EDGE_BUDGET: usize = 20_000;

    fn colour(style: &web_sys::CssStyleDeclaration, name: &str, fallback: &str) -> String {
        let value = style.get_property_value(name).unwrap_or_default();
        let value = value.trim();
        if value.is_empty() {
            fallback.to_owned()
        } else {
            value.to_owned()
        }
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
        let unit = width as f64 / WIDTH;
        let (vk, vx, vy) = scene.view;
        let (fk, fx, fy) = scene.fit;
        let k = unit * vk * fk;
        let (tx, ty) = (unit * (vx + vk * fx), unit * (vy + vk * fy));
        let to_screen = |i: usize| (tx + k * scene.x[i], ty + k * scene.y[i]);

        context.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok();
        context.clear_rect(0.0, 0.0, width as f64, height as f64);

        let edge_colour = colour(&style, "--fl-muted", "#888");
        let stride = if scene.moving { graph.edges.len().div_ceil(MOVING_EDGE_BUDGET).max(1) } else { 1 };
        for (bright, alpha) in [(false, 0.08), (true, 0.35)] {
            context.begin_path();
            for (e, edge) in graph.edges.iter().enumerate().step_by(stride) {
                if !(scene.edge_visible)(e) || (scene.edge_bright)(e) != bright {
                    continue;
                }
                let (a, b) = (to_screen(edge.source), to_screen(edge.target));
                context.move_to(a.0, a.1);
                context.line_to(b.0, b.1);
            }
            context.set_global_alpha(alpha);
            context.set_stroke_style_str(&edge_colour);
            context.set_line_width(ratio);
            context.stroke();
        }

        let radius_scale = k.clamp(0.15 * ratio, 2.0 * ratio);
        for kind in EntityKind::ALL {
            let fill = colour(&style, &format!("--fl-{}", kind.as_str()), "#555");
            for bright in [false, true] {
                context.begin_path();
                for (i, node) in graph.nodes.iter().enumerate() {
                    if node.kind != kind || !(scene.node_visible)(i) || (scene.node_bright)(i) != bright {
                        continue;
                    }
                    let (x, y) = to_screen(i);
                    if x < -20.0 || y < -20.0 || x > width as f64 + 20.0 || y > height as f64 + 20.0 {
                        continue;
                    }
                    let r = (node.radius * radius_scale).max(1.5 * ratio);
                    context.move_to(x + r, y);
                    context.arc(x, y, r, 0.0, std::f64::consts::TAU).ok();
                }
                context.set_global_alpha(if bright { 1.0 } else { 0.2 });
                context.set_fill_style_str(&fill);
                context.fill();
            }
        }
        context.set_global_alpha(1.0);
        if let Some(i) = scene.focused {
            let (x, y) = to_screen(i);
            let r = (graph.nodes[i].radius * radius_scale).max(1.5 * ratio) + 4.0 * ratio;
            context.begin_path();
            context.arc(x, y, r, 0.0, std::f64::consts::TAU).ok();
            context.set_stroke_style_str(&colour(&style, "--fl-focus", "#c2410c"));
            context.set_line_width(3.0 * ratio);
            context.stroke();
        }
    }
}
