//! factlens-motion: what moves in the reader's browser, a module of its own so that a story
//! that never moves never downloads it.
//!
//! A published small graph arrives laid out; a large one (over [`SMALL`] nodes) is laid out
//! here, in a web worker with helpers ([`Layout`]), and drawn on a canvas ([`Scene`], drawn in
//! slices). The page imports this module when a large graph opens, or when a reader first drags
//! a node of a small one, and talks to it through two exported classes: [`Motion`], the running
//! layout, and [`Painter`], the canvas. Both take plain numbers (typed arrays), so the app and
//! this module share no memory and no Rust types at run time.

mod canvas;
mod clock;
mod layout;
#[cfg(target_arch = "wasm32")]
mod protocol;
#[cfg(target_arch = "wasm32")]
mod worker;

pub use canvas::{Figure, Scene};
pub use layout::{Layout, Positions, SMALL};

#[cfg(target_arch = "wasm32")]
pub use exports::{wasm_memory_bytes, Motion, Painter};

#[cfg(target_arch = "wasm32")]
mod exports {
    use std::rc::Rc;

    use factlens_core::compiled::SettledLayout;
    use factlens_core::graph::{Classes, LayoutInput};
    use js_sys::Float64Array;
    use wasm_bindgen::prelude::*;

    use crate::canvas::{self, Figure, Scene};
    use crate::layout::{Layout, Positions};

    /// Bytes of this module's linear memory (on the page, and in each worker, which runs its own
    /// instance), for the graph benchmark's peak-memory figure; it only grows, so this is the peak.
    #[wasm_bindgen]
    pub fn wasm_memory_bytes() -> f64 {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }

    /// A running layout.
    #[wasm_bindgen]
    pub struct Motion {
        layout: Layout,
    }

    #[wasm_bindgen]
    impl Motion {
        /// Lays out a graph of `radius.len()` nodes (radii in layout units) tied by `links`
        /// (pairs of node indices, flat). With `x` and `y` it starts at rest there (a published
        /// layout, moved only by drags); with them empty it lays the graph out. `on_positions`
        /// is called with `(x, y, settled)` (two `Float64Array`s and a boolean) at once and for
        /// every new set of positions after.
        #[wasm_bindgen(constructor)]
        pub fn new(
            radius: Vec<f64>,
            links: Vec<u32>,
            x: Vec<f64>,
            y: Vec<f64>,
            on_positions: js_sys::Function,
        ) -> Motion {
            let links = links.chunks_exact(2).map(|pair| (pair[0] as usize, pair[1] as usize)).collect();
            let settled = (!x.is_empty()).then_some(SettledLayout { x, y });
            let tell = move |positions: Positions| {
                let (x, y) = (Float64Array::from(&positions.x[..]), Float64Array::from(&positions.y[..]));
                let _ = on_positions.call3(&JsValue::NULL, &x, &y, &JsValue::from_bool(positions.settled));
            };
            let tell = Rc::new(tell);
            let layout = Layout::start(LayoutInput { radius, links }, settled.as_ref(), {
                let tell = tell.clone();
                move |positions| tell(positions)
            });
            tell(layout.positions());
            Motion { layout }
        }

        /// A node dragged to `(x, y)` in layout units: pinned there, the layout kept warm.
        pub fn drag(&self, node: usize, x: f64, y: f64) {
            if node < self.layout.positions().x.len() {
                self.layout.drag(node, (x, y));
            }
        }

        /// The drag is over: the layout cools down (the node stays pinned).
        pub fn release(&self) {
            self.layout.release();
        }

        /// Lets a pinned node go.
        pub fn unpin(&self, node: usize) {
            if node < self.layout.positions().x.len() {
                self.layout.unpin(node);
            }
        }

        /// Whether the layout runs in a worker (else on the page).
        #[wasm_bindgen(getter)]
        pub fn in_worker(&self) -> bool {
            self.layout.in_worker()
        }

        /// Helper workers sharing the worker's ticks.
        #[wasm_bindgen(getter)]
        pub fn helpers(&self) -> usize {
            self.layout.helpers()
        }
    }

    /// The canvas a large graph is drawn on.
    #[wasm_bindgen]
    pub struct Painter {
        canvas: web_sys::HtmlCanvasElement,
        figure: Rc<Figure>,
    }

    #[wasm_bindgen]
    impl Painter {
        /// Draws on `canvas` a graph whose nodes have `radius` (layout units) and `kind` (the
        /// place of their kind in `EntityKind::ALL`), tied by `edges` (pairs of node indices,
        /// flat).
        #[wasm_bindgen(constructor)]
        pub fn new(canvas: web_sys::HtmlCanvasElement, radius: Vec<f64>, kind: Vec<u8>, edges: Vec<u32>) -> Painter {
            let n = radius.len().min(kind.len()) as u32;
            let edges = edges
                .chunks_exact(2)
                .filter(|pair| pair[0] < n && pair[1] < n)
                .map(|pair| (pair[0] as usize, pair[1] as usize))
                .collect();
            Painter { canvas, figure: Rc::new(Figure { radius, kind, edges }) }
        }

        /// Draws the nodes at `x`, `y` (layout units; `settled` when at rest) fitted to the
        /// view by `fit` and panned and zoomed by `view` (each `[k, tx, ty]`), each node and edge
        /// as its class bits say (`factlens_core::graph::Classes`), with a ring round `focused`
        /// (none when negative). Numbers that do not fit the graph draw nothing.
        #[allow(clippy::too_many_arguments)]
        pub fn draw(
            &self,
            x: Vec<f64>,
            y: Vec<f64>,
            settled: bool,
            fit: Vec<f64>,
            view: Vec<f64>,
            nodes: Vec<u8>,
            edges: Vec<u8>,
            focused: i32,
        ) {
            let n = self.figure.radius.len();
            let fits = x.len() == n && y.len() == n && nodes.len() == n && edges.len() == self.figure.edges.len();
            let (Some(&[fk, fx, fy]), Some(&[vk, vx, vy])) = (fit.get(..3), view.get(..3)) else { return };
            if !fits {
                return;
            }
            let scene = Scene {
                positions: Positions { x: Rc::new(x), y: Rc::new(y), settled, version: 0 },
                fit: (fk, fx, fy),
                view: (vk, vx, vy),
                classes: Rc::new(Classes { nodes, edges }),
                focused: usize::try_from(focused).ok().filter(|&i| i < n),
            };
            canvas::draw(&self.canvas, &self.figure, scene);
        }
    }
}
