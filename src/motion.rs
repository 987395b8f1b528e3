//! The page's end of the motion module (`crates/factlens-motion`): the graph's force layout and
//! the canvas large graphs are drawn on, fetched only when a graph needs them.
//!
//! A published small graph arrives laid out and is shown as it is; the module is fetched when a
//! reader first drags one of its nodes (the node follows the pointer meanwhile, and the drag is
//! handed over once the module runs). A large graph fetches it as it opens, lays itself out in
//! the module's worker and is drawn by its painter. If the module cannot be had (a host page's
//! policy, say), a small graph stays as published and a large one where it started.

use std::cell::RefCell;
use std::rc::Rc;

use factlens_core::compiled::SettledLayout;
pub use factlens_core::graph::Positions;
use factlens_core::graph::{Classes, GraphModel};
use factlens_core::layout::Nodes;

use crate::state::Loaded;

/// Graphs over this many nodes are large: drawn on a canvas and laid out in the reader's browser.
pub const SMALL: usize = factlens_core::compiled::SVG_MAX_NODES;

/// The layout of `graph` for a view that re-renders when it moves: made once per graph, the
/// module fetched at once for a graph not laid out yet (a laid-out one fetches it on its first
/// drag), and its work stopped with the graph.
#[yew::hook]
pub fn use_motion(graph: &Loaded<GraphModel>, settled: Option<&Loaded<SettledLayout>>) -> Motion {
    let rerender = yew::use_force_update();
    let motion = (*yew::use_memo(graph.identity(), {
        let (graph, settled) = (graph.clone(), settled.cloned());
        move |_| Motion::new(graph, settled.as_deref(), move || rerender.force_update())
    }))
    .clone();
    {
        let motion = motion.clone();
        yew::use_effect_with(graph.identity(), move |_| {
            motion.begin();
            move || motion.stop()
        });
    }
    motion
}

/// What one canvas frame shows besides the graph.
#[derive(Clone)]
pub struct Frame {
    pub positions: Positions,
    /// Layout units to view units, then the pan and zoom: each `[k, tx, ty]`.
    pub fit: [f64; 3],
    pub view: [f64; 3],
    pub classes: Rc<Classes>,
    pub focused: Option<usize>,
}

/// What the view asks of the layout (read by the module's end, in the browser only).
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
enum Command {
    Drag(usize, (f64, f64)),
    Release,
    Unpin(usize),
}

/// Where the module stands.
enum Stage {
    /// Not needed yet (a published small graph at rest).
    Resting,
    Loading,
    #[cfg(target_arch = "wasm32")]
    Running(browser::Running),
    /// It could not be had; the graph stays as it is.
    Unavailable,
}

struct Inner {
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    graph: Loaded<GraphModel>,
    latest: Positions,
    pinned: Vec<bool>,
    stage: Stage,
    /// Asked for while the module loads, in order.
    queued: Vec<Command>,
    /// The latest canvas frame asked for, and the canvas, for when the painter is ready.
    frame: Option<(web_sys::HtmlCanvasElement, Frame)>,
    in_worker: bool,
    helpers: usize,
    /// The view's re-render.
    on_change: Rc<dyn Fn()>,
}

/// A graph's layout as the view sees it; cheap to clone, all clones one layout. Dropping the
/// last clone stops the module's work for it.
#[derive(Clone)]
pub struct Motion {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for Motion {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Motion {
    /// The layout of `graph`: at rest where `settled` says (a published small graph), else where
    /// every simulation starts, until the module reports. Nothing is fetched yet: call
    /// [`Motion::begin`] from an effect. `on_change` hears of every change to show.
    pub fn new(graph: Loaded<GraphModel>, settled: Option<&SettledLayout>, on_change: impl Fn() + 'static) -> Self {
        let n = graph.nodes.len();
        let settled = settled.filter(|layout| layout.x.len() == n && layout.y.len() == n);
        let latest = match settled {
            Some(layout) => {
                Positions { x: Rc::new(layout.x.clone()), y: Rc::new(layout.y.clone()), settled: true, version: 0 }
            }
            None => {
                // The browser's cosine and sine: Rust's bring about 4 KiB of maths library.
                #[cfg(target_arch = "wasm32")]
                let start = Nodes::phyllotaxis_with(n, |a| (js_sys::Math::cos(a), js_sys::Math::sin(a)));
                #[cfg(not(target_arch = "wasm32"))]
                let start = Nodes::phyllotaxis(n);
                Positions { x: Rc::new(start.x), y: Rc::new(start.y), settled: false, version: 0 }
            }
        };
        let stage = if settled.is_some() { Stage::Resting } else { Stage::Loading };
        let inner = Inner {
            graph,
            latest,
            pinned: vec![false; n],
            stage,
            queued: Vec::new(),
            frame: None,
            in_worker: false,
            helpers: 0,
            on_change: Rc::new(on_change),
        };
        Motion { inner: Rc::new(RefCell::new(inner)) }
    }

    /// Starts what a graph needs at once: the module, for a graph not laid out yet.
    pub fn begin(&self) {
        if matches!(self.inner.borrow().stage, Stage::Loading) {
            self.fetch();
        }
    }

    /// Stops the module's work for this graph (an effect's clean-up).
    pub fn stop(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.stage = Stage::Unavailable;
        inner.queued.clear();
    }

    pub fn positions(&self) -> Positions {
        self.inner.borrow().latest.clone()
    }

    /// Whether each node is pinned (by a drag).
    pub fn pinned(&self) -> Vec<bool> {
        self.inner.borrow().pinned.clone()
    }

    /// Whether the layout runs in a worker (for the page's `data-layout` and tests).
    pub fn in_worker(&self) -> bool {
        self.inner.borrow().in_worker
    }

    /// Helper workers sharing the worker's ticks (`data-layout-helpers`).
    pub fn helpers(&self) -> usize {
        self.inner.borrow().helpers
    }

    /// A node dragged to `point` (layout units): pinned there at once, the layout warm.
    pub fn drag(&self, node: usize, point: (f64, f64)) {
        {
            let mut inner = self.inner.borrow_mut();
            let Some(pinned) = inner.pinned.get_mut(node) else { return };
            *pinned = true;
            let (mut x, mut y) = ((*inner.latest.x).clone(), (*inner.latest.y).clone());
            (x[node], y[node]) = point;
            let version = inner.latest.version + 1;
            inner.latest = Positions { x: Rc::new(x), y: Rc::new(y), settled: false, version };
        }
        self.send(Command::Drag(node, point));
        self.changed();
    }

    /// The drag is over: the layout cools down again (the node stays pinned). A layout at rest
    /// has nothing to cool, and fetches nothing for it.
    pub fn release(&self) {
        if !matches!(self.inner.borrow().stage, Stage::Resting) {
            self.send(Command::Release);
        }
    }

    /// Lets a pinned node go.
    pub fn unpin(&self, node: usize) {
        if let Some(pinned) = self.inner.borrow_mut().pinned.get_mut(node) {
            *pinned = false;
        }
        self.send(Command::Unpin(node));
        self.changed();
    }

    /// Draws `frame` on `canvas` (a large graph), now or once the module is ready.
    pub fn draw(&self, canvas: web_sys::HtmlCanvasElement, frame: Frame) {
        self.inner.borrow_mut().frame = Some((canvas, frame));
        #[cfg(target_arch = "wasm32")]
        browser::paint(self);
    }

    fn changed(&self) {
        let on_change = self.inner.borrow().on_change.clone();
        on_change();
    }

    /// Hands `command` to the module, fetching it first if it is not there yet.
    fn send(&self, command: Command) {
        let resting = {
            let mut inner = self.inner.borrow_mut();
            match &inner.stage {
                Stage::Resting | Stage::Loading => {
                    inner.queued.push(command);
                    matches!(inner.stage, Stage::Resting)
                }
                #[cfg(target_arch = "wasm32")]
                Stage::Running(running) => {
                    running.send(command);
                    false
                }
                Stage::Unavailable => false,
            }
        };
        if resting {
            self.inner.borrow_mut().stage = Stage::Loading;
            self.fetch();
        }
    }

    fn fetch(&self) {
        #[cfg(target_arch = "wasm32")]
        {
            let motion = self.clone();
            wasm_bindgen_futures::spawn_local(async move { browser::start(motion).await });
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Array, Float64Array, Uint32Array, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::{Command, Motion, Positions, Stage};
    use crate::modules;

    #[wasm_bindgen]
    extern "C" {
        /// The module's `Motion`: a running layout.
        type JsMotion;
        #[wasm_bindgen(method)]
        fn drag(this: &JsMotion, node: u32, x: f64, y: f64);
        #[wasm_bindgen(method)]
        fn release(this: &JsMotion);
        #[wasm_bindgen(method)]
        fn unpin(this: &JsMotion, node: u32);
        #[wasm_bindgen(method, getter)]
        fn in_worker(this: &JsMotion) -> bool;
        #[wasm_bindgen(method, getter)]
        fn helpers(this: &JsMotion) -> u32;
        #[wasm_bindgen(method, js_name = free)]
        fn free_motion(this: &JsMotion);

        /// The module's `Painter`: a large graph's canvas.
        type JsPainter;
        #[wasm_bindgen(method)]
        #[allow(clippy::too_many_arguments)]
        fn draw(
            this: &JsPainter,
            x: &[f64],
            y: &[f64],
            settled: bool,
            fit: &[f64],
            view: &[f64],
            nodes: &[u8],
            edges: &[u8],
            focused: i32,
        );
        #[wasm_bindgen(method, js_name = free)]
        fn free_painter(this: &JsPainter);
    }

    /// The module at work for one graph, and the handler it reports positions to.
    pub struct Running {
        module: JsValue,
        motion: JsMotion,
        painter: Option<JsPainter>,
        _on_positions: Closure<dyn FnMut(Float64Array, Float64Array, bool)>,
    }

    impl Running {
        pub(super) fn send(&self, command: Command) {
            match command {
                Command::Drag(node, (x, y)) => self.motion.drag(node as u32, x, y),
                Command::Release => self.motion.release(),
                Command::Unpin(node) => self.motion.unpin(node as u32),
            }
        }
    }

    impl Drop for Running {
        /// Stops the layout (and its worker) and lets the canvas go.
        fn drop(&mut self) {
            self.motion.free_motion();
            if let Some(painter) = &self.painter {
                painter.free_painter();
            }
        }
    }

    /// Fetches the module and starts the layout: from the positions shown (at rest) when the
    /// graph was laid out already, else from the start.
    pub(super) async fn start(motion: Motion) {
        let module = modules::import(modules::MOTION).await;
        let weak = std::rc::Rc::downgrade(&motion.inner);
        let mut inner = motion.inner.borrow_mut();
        if !matches!(inner.stage, Stage::Loading) {
            return;
        }
        let Ok(module) = module else {
            inner.stage = Stage::Unavailable;
            inner.queued.clear();
            return;
        };
        let graph = inner.graph.clone();
        let input = graph.layout_input();
        let links: Vec<u32> = input.links.iter().flat_map(|&(a, b)| [a as u32, b as u32]).collect();
        let at_rest = inner.latest.settled || inner.latest.version > 0;
        let (x, y) = if at_rest { (inner.latest.x.clone(), inner.latest.y.clone()) } else { Default::default() };
        // The module reports at once, from inside its constructor: no borrow may be held then.
        drop(inner);
        let on_positions = Closure::<dyn FnMut(Float64Array, Float64Array, bool)>::new(
            move |x: Float64Array, y: Float64Array, settled: bool| {
                let Some(inner) = weak.upgrade() else { return };
                let on_change = {
                    let Ok(mut inner) = inner.try_borrow_mut() else { return };
                    let version = inner.latest.version + 1;
                    inner.latest = Positions {
                        x: std::rc::Rc::new(x.to_vec()),
                        y: std::rc::Rc::new(y.to_vec()),
                        settled,
                        version,
                    };
                    if let Stage::Running(running) = &inner.stage {
                        (inner.in_worker, inner.helpers) =
                            (running.motion.in_worker(), running.motion.helpers() as usize);
                    }
                    inner.on_change.clone()
                };
                on_change();
            },
        );
        let class =
            js_sys::Reflect::get(&module, &"Motion".into()).ok().and_then(|c| c.dyn_into::<js_sys::Function>().ok());
        let args = Array::of5(
            &Float64Array::from(&input.radius[..]),
            &Uint32Array::from(&links[..]),
            &Float64Array::from(&x[..]),
            &Float64Array::from(&y[..]),
            on_positions.as_ref(),
        );
        let made = class.and_then(|class| js_sys::Reflect::construct(&class, &args).ok());
        let mut inner = motion.inner.borrow_mut();
        let Some(made) = made else {
            inner.stage = Stage::Unavailable;
            return;
        };
        let running = Running { module, motion: made.unchecked_into(), painter: None, _on_positions: on_positions };
        for command in std::mem::take(&mut inner.queued) {
            running.send(command);
        }
        (inner.in_worker, inner.helpers) = (running.motion.in_worker(), running.motion.helpers() as usize);
        inner.stage = Stage::Running(running);
        let on_change = inner.on_change.clone();
        drop(inner);
        paint(&motion);
        on_change();
    }

    /// Draws the latest frame asked for, if the module runs (making its painter on first use).
    pub(super) fn paint(motion: &Motion) {
        let mut inner = motion.inner.borrow_mut();
        let inner = &mut *inner;
        let (Stage::Running(running), Some((canvas, frame))) = (&mut inner.stage, inner.frame.take()) else { return };
        let graph = &inner.graph;
        if running.painter.is_none() {
            let class = js_sys::Reflect::get(&running.module, &"Painter".into())
                .ok()
                .and_then(|c| c.dyn_into::<js_sys::Function>().ok());
            let radius: Vec<f64> = graph.nodes.iter().map(|node| node.radius).collect();
            let kinds: Vec<u8> = graph
                .nodes
                .iter()
                .map(|node| factlens_core::EntityKind::ALL.iter().position(|&k| k == node.kind).unwrap_or(0) as u8)
                .collect();
            let edges: Vec<u32> = graph.edges.iter().flat_map(|e| [e.source as u32, e.target as u32]).collect();
            let args = Array::of4(
                &canvas,
                &Float64Array::from(&radius[..]),
                &Uint8Array::from(&kinds[..]),
                &Uint32Array::from(&edges[..]),
            );
            running.painter =
                class.and_then(|class| js_sys::Reflect::construct(&class, &args).ok()).map(JsCast::unchecked_into);
        }
        if let Some(painter) = &running.painter {
            let focused = frame.focused.map_or(-1, |i| i as i32);
            let classes = &frame.classes;
            painter.draw(
                &frame.positions.x,
                &frame.positions.y,
                frame.positions.settled,
                &frame.fit,
                &frame.view,
                &classes.nodes,
                &classes.edges,
                focused,
            );
        }
    }
}
