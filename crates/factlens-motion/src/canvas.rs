//! Drawing large graphs on a canvas: thousands of SVG elements would make every pan and zoom
//! slow, while one canvas redraw stays within a frame. The [`Raster`] plots the dots and lines
//! into a pixel buffer and the canvas takes it in one `putImageData` (a canvas path of 20,000
//! circles cost Chromium 30–70 ms to rasterize each frame).
//!
//! [`Raster`]: factlens_raster::Raster

use std::rc::Rc;

use factlens_core::graph::Classes;

use crate::layout::Positions;

/// What the canvas draws of a graph, as plain numbers: each node's radius in layout units and
/// kind (its place in `EntityKind::ALL`, which picks its colour), and each edge's two ends.
pub struct Figure {
    pub radius: Vec<f64>,
    pub kind: Vec<u8>,
    pub edges: Vec<(usize, usize)>,
}

/// What one redraw needs besides the figure. It owns its data (cheap clones of shared values),
/// since a large redraw is drawn over several tasks.
#[derive(Clone)]
pub struct Scene {
    /// Node positions in layout units. While they move, frames are quick (see `draw`).
    pub positions: Positions,
    /// Layout units to view units: `(k, tx, ty)`, then the pan and zoom `(k, tx, ty)`.
    pub fit: (f64, f64, f64),
    /// See [`Scene::fit`].
    pub view: (f64, f64, f64),
    /// How each node and edge is drawn.
    pub classes: Rc<Classes>,
    /// The node with keyboard focus, ringed.
    pub focused: Option<usize>,
}

/// Draws `scene` onto `canvas`, sized to its CSS box at the device's pixel ratio. Colours come
/// from the page's CSS custom properties, so light and dark both work.
///
/// The drawing is done in slices of a few milliseconds, one task each, and shown whole when
/// the last is done. A scene asked for while another is being drawn is drawn next (only the
/// latest such), so the canvas keeps up without any task growing with the graph.
///
/// While the layout moves, or scenes come in quick succession (pan and zoom), frames are
/// quick: a small time budget of edges. The last quick scene of a settled layout is drawn
/// again in full once the requests stop. The canvas carries `data-drawn="true"` once it shows
/// the latest scene (in full, if the layout has settled).
#[cfg(target_arch = "wasm32")]
pub fn draw(canvas: &web_sys::HtmlCanvasElement, figure: &Rc<Figure>, scene: Scene) {
    browser::ask(canvas.clone(), figure.clone(), scene, None);
}

/// Runs `then` once the latest scene asked for so far (or a later one) has been drawn: at once
/// if nothing is being drawn. Scenes asked for afterwards do not hold it back.
#[cfg(target_arch = "wasm32")]
pub fn after_drawing(then: impl FnOnce() + 'static) {
    browser::after_drawing(Box::new(then));
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::{Cell, RefCell};

    use std::rc::Rc;

    use factlens_core::graph::BRIGHT;
    use factlens_core::map::WIDTH;
    use factlens_core::EntityKind;
    use factlens_raster::{parse_colour, Raster, Rgb};
    use gloo::timers::callback::Timeout;
    use wasm_bindgen::JsCast;
    use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

    use super::{Figure, Scene};
    use crate::clock::now_ms;

    /// Milliseconds each class of edges may take to draw in a quick frame, and in a full one.
    /// The nodes come on top (all of them: 20,000 stamped dots take a few milliseconds).
    const QUICK_EDGE_MS: f64 = 4.0;
    const FULL_EDGE_MS: f64 = 24.0;
    /// Scenes asked for within this many milliseconds of the last are drawn quick; the last is
    /// drawn in full when none has come for as long again.
    const HURRIED_MS: f64 = 150.0;
    /// Pixels of edges a resting frame may always draw, however slow earlier frames were: the
    /// settled picture of a graph of a thousand nodes or so then does not depend on how busy
    /// the machine was while it moved (a few milliseconds' work on a desktop).
    const FULL_EDGE_PIXELS: f64 = 600_000.0;
    /// Drawing speed before any frame has been timed, in milliseconds per pixel touched.
    const FIRST_GUESS_MS_PER_PIXEL: f64 = 2.5e-5;
    /// Milliseconds of drawing per task. Small, because on a machine whose cores the layout's
    /// threads keep busy a slice's wall time can be several times its work.
    const SLICE_MS: f64 = 8.0;
    /// Edges or dots drawn between looks at the clock.
    const CLOCK_EVERY: usize = 256;
    /// Edges looked at to estimate what drawing them all would cost.
    const COST_SAMPLE: usize = 4096;

    thread_local! {
        /// The pixel buffer, kept between frames so its allocation is reused.
        static RASTER: RefCell<Raster> = RefCell::new(Raster::new(0, 0, [0, 0, 0]));
        /// How fast this device draws edges, measured on earlier frames: budgets are in time,
        /// so a slow phone draws a sparser sample rather than a slower frame (and so does a
        /// fast one while the browser has not yet optimised the code).
        static MS_PER_PIXEL: Cell<f64> = const { Cell::new(FIRST_GUESS_MS_PER_PIXEL) };
        /// The frame being drawn, the one to draw next, and who waits for them.
        static DRAWING: RefCell<Drawing> = RefCell::new(Drawing::default());
    }

    #[derive(Default)]
    struct Drawing {
        now: Option<Frame>,
        next: Option<Frame>,
        /// Frames asked for so far: the last one's serial.
        asked: u64,
        /// Who waits, each for the frame of this serial (or a later one) to be done.
        waiting: Vec<(u64, Box<dyn FnOnce()>)>,
        /// When the last scene was asked for.
        asked_at: f64,
        /// The full redraw of the last quick scene, waiting for the requests to stop.
        refine: Option<Timeout>,
    }

    /// How far a frame has got; each step resumes where the last slice stopped.
    #[derive(Debug, Clone, Copy)]
    enum Step {
        /// Size the buffer, clear it, read the colours and choose the edges' sample.
        Begin,
        /// Edges of one class (0 for dim, `BRIGHT`), from the `next`th.
        Edges { class: u8, next: usize },
        /// Nodes, dim then bright, from the `next`th.
        Dots { bright: bool, next: usize },
        /// The focus ring, then the buffer onto the canvas.
        Show,
    }

    /// One scene on its way to the canvas.
    struct Frame {
        canvas: HtmlCanvasElement,
        figure: Rc<Figure>,
        scene: Scene,
        step: Step,
        /// Worked out by `Step::Begin`: device pixels, pixels per CSS pixel, and layout units
        /// to device pixels `(k, tx, ty)`.
        size: (u32, u32),
        ratio: f64,
        transform: (f64, f64, f64),
        colours: Colours,
        /// Counts frames asked for, so a wait can name the frame it waits for.
        serial: u64,
        /// Quick (a small budget of edges) or full.
        quick: bool,
        /// Whether it reached the canvas (it does not if the canvas has no size).
        shown: bool,
        /// Every how many edges of each class are drawn, to keep within the budget.
        strides: [usize; 2],
        /// Pixels of edges drawn, and the milliseconds it took, to learn the device's speed.
        edge_pixels: f64,
        edge_ms: f64,
    }

    #[derive(Default)]
    struct Colours {
        surface: Rgb,
        edge: Rgb,
        focus: Rgb,
        fills: [Rgb; EntityKind::ALL.len()],
    }

    /// A colour custom property of the page, parsed.
    fn colour(style: &web_sys::CssStyleDeclaration, name: &str, fallback: Rgb) -> Rgb {
        parse_colour(&style.get_property_value(name).unwrap_or_default()).unwrap_or(fallback)
    }

    /// Queues a frame of `scene`: quick or full as `quick` says, else as the moment says.
    pub(super) fn ask(canvas: HtmlCanvasElement, figure: Rc<Figure>, scene: Scene, quick: Option<bool>) {
        let _ = canvas.set_attribute("data-drawn", "false");
        let idle = DRAWING.with_borrow_mut(|drawing| {
            let now = now_ms();
            let hurried = now - std::mem::replace(&mut drawing.asked_at, now) < HURRIED_MS;
            let quick = quick.unwrap_or(hurried || !scene.positions.settled);
            // A newer scene replaces (and so cancels) a pending full redraw.
            drawing.refine = (quick && scene.positions.settled).then(|| {
                let (canvas, figure, scene) = (canvas.clone(), figure.clone(), scene.clone());
                Timeout::new(HURRIED_MS as u32, move || ask(canvas, figure, scene, Some(false)))
            });
            drawing.asked += 1;
            let frame = Frame {
                canvas,
                figure,
                scene,
                step: Step::Begin,
                size: (0, 0),
                ratio: 1.0,
                transform: (1.0, 0.0, 0.0),
                colours: Colours::default(),
                serial: drawing.asked,
                quick,
                shown: false,
                strides: [1, 1],
                edge_pixels: 0.0,
                edge_ms: 0.0,
            };
            let idle = drawing.now.is_none();
            if idle {
                drawing.now = Some(frame);
            } else {
                drawing.next = Some(frame);
            }
            idle
        });
        if idle {
            work();
        }
    }

    /// Runs `then` once the latest frame asked for so far (or a later one) is done; at once if
    /// nothing is being drawn. Frames asked for afterwards do not hold it back, so a stream of
    /// them (a drag) cannot keep it waiting.
    pub fn after_drawing(then: Box<dyn FnOnce()>) {
        let idle = DRAWING.with_borrow_mut(|drawing| {
            if drawing.now.is_none() {
                return Some(then);
            }
            let latest = drawing.asked;
            drawing.waiting.push((latest, then));
            None
        });
        if let Some(then) = idle {
            then();
        }
    }

    /// One slice of drawing; schedules the next if there is more to do.
    fn work() {
        let deadline = now_ms() + SLICE_MS;
        let mut done_waiting = Vec::new();
        let more = DRAWING.with_borrow_mut(|drawing| loop {
            let Some(frame) = drawing.now.as_mut() else { return false };
            if !RASTER.with_borrow_mut(|raster| frame.advance(raster, deadline)) {
                return true;
            }
            let next = drawing.next.take();
            let Some(done) = std::mem::replace(&mut drawing.now, next) else { return false };
            // Whoever waited for this frame, or an older one, need wait no longer.
            let (ready, waiting): (Vec<_>, Vec<_>) =
                std::mem::take(&mut drawing.waiting).into_iter().partition(|(serial, _)| *serial <= done.serial);
            drawing.waiting = waiting;
            done_waiting.extend(ready);
            let latest = drawing.now.is_none() && (!done.quick || drawing.refine.is_none());
            if done.shown && latest {
                let _ = done.canvas.set_attribute("data-drawn", "true");
            }
            if drawing.now.is_none() || now_ms() > deadline {
                return drawing.now.is_some();
            }
        });
        if more {
            // A zero timeout, not a message to a fresh channel: with slices back to back, two
            // runs at 20,000 nodes had tasks of 50-55 ms while the layout moved; with the
            // timeout's few milliseconds between slices, none.
            Timeout::new(0, work).forget();
        }
        // After the borrow: a waiter may ask for more drawing.
        for (_, then) in done_waiting {
            then();
        }
    }

    impl Frame {
        /// Where node `i` is on the buffer, in device pixels.
        fn to_screen(&self, i: usize) -> (f64, f64) {
            let (k, tx, ty) = self.transform;
            (tx + k * self.scene.positions.x[i], ty + k * self.scene.positions.y[i])
        }

        /// Node `i`'s dot radius in device pixels: its radius at the zoom, within limits, and at
        /// least 1.5 CSS pixels.
        fn dot_radius(&self, i: usize) -> f64 {
            let ratio = self.ratio;
            let radius_scale = self.transform.0.clamp(0.15 * ratio, 2.0 * ratio);
            (self.figure.radius[i] * radius_scale).max(1.5 * ratio)
        }

        /// Draws until the frame is shown (`true`) or `deadline` has passed.
        fn advance(&mut self, raster: &mut Raster, deadline: f64) -> bool {
            let (figure, classes) = (self.figure.clone(), self.scene.classes.clone());
            let (edges, nodes) = (&figure.edges, figure.kind.len());
            loop {
                self.step = match self.step {
                    Step::Begin => match self.begin(raster) {
                        true => Step::Edges { class: 0, next: 0 },
                        false => return true,
                    },
                    Step::Edges { class, next } => {
                        let (start, stride) = (now_ms(), self.strides[usize::from(class)]);
                        let (width, opacity) = (self.ratio.round() as u32, if class == BRIGHT { 0.35 } else { 0.08 });
                        let mut e = next;
                        for count in 1.. {
                            if e >= edges.len() || (count % CLOCK_EVERY == 0 && now_ms() > deadline) {
                                break;
                            }
                            if classes.edges[e] == class {
                                let (from, to) = edges[e];
                                raster.line(
                                    self.to_screen(from),
                                    self.to_screen(to),
                                    width,
                                    self.colours.edge,
                                    opacity,
                                );
                            }
                            e += stride;
                        }
                        self.edge_ms += now_ms() - start;
                        match (e < edges.len(), class) {
                            (true, _) => Step::Edges { class, next: e },
                            (false, 0) => Step::Edges { class: BRIGHT, next: 0 },
                            (false, _) => Step::Dots { bright: false, next: 0 },
                        }
                    }
                    Step::Dots { bright, next } => {
                        let opacity = if bright { 1.0 } else { 0.2 };
                        let mut i = next;
                        while i < nodes {
                            if classes.node_visible(i) && classes.node_bright(i) == bright {
                                let fill = self.colours.fills[usize::from(figure.kind[i]) % EntityKind::ALL.len()];
                                raster.disc(self.to_screen(i), self.dot_radius(i), fill, opacity);
                            }
                            i += 1;
                            if i % CLOCK_EVERY == 0 && now_ms() > deadline {
                                break;
                            }
                        }
                        match (i < nodes, bright) {
                            (true, _) => Step::Dots { bright, next: i },
                            (false, false) => Step::Dots { bright: true, next: 0 },
                            (false, true) => Step::Show,
                        }
                    }
                    Step::Show => {
                        self.show(raster);
                        return true;
                    }
                };
                if now_ms() > deadline {
                    return false;
                }
            }
        }

        /// Sizes and clears the buffer, reads the colours and chooses the edges' sample;
        /// `false` if there is nothing to draw on.
        fn begin(&mut self, raster: &mut Raster) -> bool {
            let Some(window) = web_sys::window() else { return false };
            let Ok(Some(style)) = window.get_computed_style(&self.canvas) else { return false };
            let ratio = window.device_pixel_ratio().max(1.0);
            let (css_width, css_height) =
                (f64::from(self.canvas.client_width()), f64::from(self.canvas.client_height()));
            if css_width <= 0.0 {
                return false;
            }
            let (width, height) = ((css_width * ratio).round() as u32, (css_height * ratio).round() as u32);
            // View units (the 960-wide drawing area) to device pixels, then pan/zoom, then fit.
            let unit = f64::from(width) / WIDTH;
            let (vk, vx, vy) = self.scene.view;
            let (fk, fx, fy) = self.scene.fit;
            let k = unit * vk * fk;
            (self.size, self.ratio, self.transform) =
                ((width, height), ratio, (k, unit * (vx + vk * fx), unit * (vy + vk * fy)));
            self.colours = Colours {
                surface: colour(&style, "--fl-surface", [255, 255, 255]),
                edge: colour(&style, "--fl-muted", [136, 136, 136]),
                focus: colour(&style, "--fl-focus", [194, 65, 12]),
                fills: EntityKind::ALL.map(|kind| colour(&style, &format!("--fl-{}", kind.as_str()), [85, 85, 85])),
            };
            raster.clear(width as usize, height as usize, self.colours.surface);

            // What drawing each class of edges would cost, estimated from an even sample. If
            // drawing every edge of a class would take longer than the budget, every n-th edge
            // is drawn, enough to fill it: by then they cover the canvas many times over at
            // low opacity, so the sample reads the same. A selection's few edges always fit.
            let (figure, scene) = (&self.figure, &self.scene);
            let n = figure.edges.len();
            let step = n.div_ceil(COST_SAMPLE).max(1);
            let mut cost = [0.0; 2];
            for e in (0..n).step_by(step).filter(|&e| scene.classes.edge_visible(e)) {
                let (from, to) = figure.edges[e];
                let (from, to) = (self.to_screen(from), self.to_screen(to));
                cost[usize::from(scene.classes.edges[e])] +=
                    raster.line_cost(from, to, ratio.round() as u32) * step as f64;
            }
            let budget = if self.quick { QUICK_EDGE_MS } else { FULL_EDGE_MS } / MS_PER_PIXEL.get();
            let budget = if self.quick { budget } else { budget.max(FULL_EDGE_PIXELS) };
            self.strides = cost.map(|cost| (cost / budget).ceil().max(1.0) as usize);
            self.edge_pixels = cost.iter().zip(self.strides).map(|(cost, stride)| cost / stride as f64).sum();
            true
        }

        /// Rings the focused node and puts the buffer on the canvas.
        fn show(&mut self, raster: &mut Raster) {
            let ratio = self.ratio;
            if let Some(i) = self.scene.focused {
                let r = self.dot_radius(i) + 4.0 * ratio;
                raster.ring(self.to_screen(i), r, 3.0 * ratio, self.colours.focus, 1.0);
            }
            // Learn the speed from frames with enough drawing to time, smoothed.
            if self.edge_pixels > 50_000.0 {
                MS_PER_PIXEL.set((MS_PER_PIXEL.get() + self.edge_ms / self.edge_pixels) / 2.0);
            }
            let (width, height) = self.size;
            // Resized only now: resizing clears the canvas, which would show between slices.
            if self.canvas.width() != width || self.canvas.height() != height {
                self.canvas.set_width(width);
                self.canvas.set_height(height);
            }
            let context = self
                .canvas
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
            let pixels = wasm_bindgen::Clamped(&raster.pixels[..]);
            if let (Some(context), Ok(image)) =
                (context, web_sys::ImageData::new_with_u8_clamped_array_and_sh(pixels, width, height))
            {
                let _ = context.put_image_data(&image, 0.0, 0.0);
                self.shown = true;
            }
        }
    }
}
