//! Runs a graph's force layout and hands its positions to the view.
//!
//! Small graphs settle at once, before their first paint. Large ones run in a web worker, which
//! instantiates this same wasm module (no second download) and ticks at full speed on another
//! core, sending positions whenever the page has taken the previous ones. Where a worker cannot
//! start (a host page's content security policy, say), the layout runs on the page instead, in
//! slices of a few milliseconds per animation frame. Either way the ticks are the core's, whole
//! or sliced, so the picture is the same.
//!
//! Pins made by dragging are mirrored here, so the view can show them without asking.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use factlens_core::compiled::SettledLayout;
pub use factlens_core::graph::Positions;
use factlens_core::graph::{LayoutInput, DRAG_ALPHA};
use factlens_core::layout::Simulation;

use crate::clock::FrameLoop;

/// Graphs up to this many nodes are small: they settle before their first paint.
pub const SMALL: usize = factlens_core::compiled::SVG_MAX_NODES;
/// Milliseconds of layout work per animation frame when the layout runs on the page.
const SLICE_MS: f64 = 12.0;

/// Where the layout runs.
pub(crate) enum Engine {
    /// On the page: ticked in time slices by a frame loop while it is `Some`.
    Page { simulation: Simulation, frames: Option<FrameLoop> },
    /// In a worker.
    #[cfg(target_arch = "wasm32")]
    Worker(worker::Link),
}

pub(crate) struct Shared {
    /// Kept to restart the layout on the page if the worker fails.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) input: LayoutInput,
    pub(crate) engine: Engine,
    /// The latest positions, and each node's pin.
    pub(crate) latest: Positions,
    pub(crate) pinned: Vec<Option<(f64, f64)>>,
    pub(crate) on_positions: Rc<dyn Fn(Positions)>,
    /// Helpers at work beside the worker, as it last reported.
    pub(crate) helpers: usize,
}

/// A running layout; dropping it stops the work (and the worker).
#[derive(Clone)]
pub struct Layout {
    pub(crate) shared: Rc<RefCell<Shared>>,
}

impl Layout {
    /// Starts laying out `input`; `on_positions` hears of every new set of positions (never
    /// during this call). A small graph is settled before this returns.
    /// A graph published with its `settled` layout starts from it, at rest.
    pub fn start(
        input: LayoutInput,
        settled: Option<&SettledLayout>,
        on_positions: impl Fn(Positions) + 'static,
    ) -> Self {
        let n = input.radius.len();
        let settled = settled.filter(|layout| layout.x.len() == n && layout.y.len() == n);
        let shared = Rc::new_cyclic(|weak: &Weak<RefCell<Shared>>| {
            let in_worker = (n > SMALL && settled.is_none()).then(|| in_worker(&input, weak)).flatten();
            let (engine, latest) = in_worker.unwrap_or_else(|| {
                let mut simulation = input.simulation();
                if let Some(layout) = settled {
                    simulation.nodes.x.clone_from(&layout.x);
                    simulation.nodes.y.clone_from(&layout.y);
                    simulation.alpha = 0.0;
                } else if n <= SMALL {
                    simulation.settle(10_000);
                }
                let latest = snapshot(&simulation, 0);
                (Engine::Page { simulation, frames: None }, latest)
            });
            RefCell::new(Shared {
                input,
                engine,
                latest,
                pinned: vec![None; n],
                on_positions: Rc::new(on_positions),
                helpers: 0,
            })
        });
        let layout = Layout { shared };
        layout.run();
        layout
    }

    /// The latest positions.
    pub fn positions(&self) -> Positions {
        self.shared.borrow().latest.clone()
    }

    /// Whether each node is pinned.
    pub fn pinned(&self) -> Vec<bool> {
        self.shared.borrow().pinned.iter().map(Option::is_some).collect()
    }

    /// Whether the layout runs in a worker (for the page's `data-layout` attribute and tests).
    pub fn in_worker(&self) -> bool {
        !matches!(self.shared.borrow().engine, Engine::Page { .. })
    }

    /// How many helper workers share the worker's ticks (for the page's `data-layout-helpers`
    /// attribute, tests and the benchmark).
    pub fn helpers(&self) -> usize {
        self.shared.borrow().helpers
    }

    /// A node dragged to `point`: pinned there at once, and the layout kept warm around it.
    pub fn drag(&self, node: usize, point: (f64, f64)) {
        let positions = {
            let mut shared = self.shared.borrow_mut();
            shared.pinned[node] = Some(point);
            let (mut x, mut y) = ((*shared.latest.x).clone(), (*shared.latest.y).clone());
            (x[node], y[node]) = point;
            let version = shared.latest.version + 1;
            shared.latest = Positions { x: Rc::new(x), y: Rc::new(y), settled: false, version };
            match &mut shared.engine {
                Engine::Page { simulation, .. } => {
                    simulation.nodes.fixed[node] = Some(point);
                    (simulation.nodes.x[node], simulation.nodes.y[node]) = point;
                    simulation.alpha_target = DRAG_ALPHA;
                    simulation.reheat(DRAG_ALPHA);
                }
                #[cfg(target_arch = "wasm32")]
                Engine::Worker(link) => link.send(Message::Drag { node, point }),
            }
            shared.latest.clone()
        };
        self.notify(positions);
        self.run();
    }

    /// The drag is over: the layout cools down again (the node stays pinned).
    pub fn release(&self) {
        let mut shared = self.shared.borrow_mut();
        match &mut shared.engine {
            Engine::Page { simulation, .. } => simulation.alpha_target = 0.0,
            #[cfg(target_arch = "wasm32")]
            Engine::Worker(link) => link.send(Message::Release),
        }
    }

    /// Lets a pinned node go and warms the layout a little so it finds its place.
    pub fn unpin(&self, node: usize) {
        {
            let mut shared = self.shared.borrow_mut();
            shared.pinned[node] = None;
            match &mut shared.engine {
                Engine::Page { simulation, .. } => {
                    simulation.nodes.fixed[node] = None;
                    simulation.reheat(0.1);
                }
                #[cfg(target_arch = "wasm32")]
                Engine::Worker(link) => link.send(Message::Unpin { node }),
            }
        }
        self.run();
    }

    pub(crate) fn notify(&self, positions: Positions) {
        let on_positions = self.shared.borrow().on_positions.clone();
        on_positions(positions);
    }

    /// Keeps an on-page layout ticking in time slices until it settles. (A worker runs by
    /// itself.)
    #[cfg_attr(not(target_arch = "wasm32"), allow(irrefutable_let_patterns))]
    pub(crate) fn run(&self) {
        let mut shared = self.shared.borrow_mut();
        let Engine::Page { simulation, frames } = &mut shared.engine else { return };
        if frames.is_some() || simulation.is_settled() {
            return;
        }
        let weak = Rc::downgrade(&self.shared);
        *frames = Some(crate::clock::every_frame(move || {
            let Some(shared) = weak.upgrade() else { return false };
            let layout = Layout { shared };
            let positions = {
                let mut shared = layout.shared.borrow_mut();
                let version = shared.latest.version + 1;
                let Engine::Page { simulation, frames } = &mut shared.engine else { return false };
                let start = crate::clock::now_ms();
                simulation.advance(&mut || crate::clock::now_ms() - start > SLICE_MS);
                if !simulation.between_ticks() {
                    // Mid-tick: nothing new to show yet.
                    return true;
                }
                let positions = snapshot(simulation, version);
                if positions.settled {
                    frames.take();
                }
                shared.latest = positions.clone();
                positions
            };
            let settled = positions.settled;
            layout.notify(positions);
            !settled
        }));
    }

    /// New positions from the worker.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn receive(&self, x: Vec<f64>, y: Vec<f64>, settled: bool) {
        let positions = {
            let mut shared = self.shared.borrow_mut();
            let version = shared.latest.version + 1;
            shared.latest = Positions { x: Rc::new(x), y: Rc::new(y), settled, version };
            shared.latest.clone()
        };
        self.notify(positions);
    }

    /// The worker could not start or stopped: the layout carries on on the page, from the
    /// latest positions, with the pins kept.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn fall_back(&self) {
        let worker = {
            let mut shared = self.shared.borrow_mut();
            let mut simulation = shared.input.simulation();
            simulation.nodes.x = (*shared.latest.x).clone();
            simulation.nodes.y = (*shared.latest.y).clone();
            simulation.nodes.fixed = shared.pinned.clone();
            if shared.latest.version > 0 {
                // It had been moving for a while: no need to start from the full heat.
                simulation.alpha = 0.3;
            }
            std::mem::replace(&mut shared.engine, Engine::Page { simulation, frames: None })
        };
        // This runs inside the worker link's own handlers: drop it once they have returned.
        gloo::timers::callback::Timeout::new(0, move || drop(worker)).forget();
        self.run();
    }
}

/// A worker running the layout of `n` nodes for the layout behind `shared`, and the positions
/// to show until it reports: where every simulation starts (`LayoutInput::simulation`). `None`
/// where no worker can be made; the worker builds the simulation, so the page need not.
#[cfg(target_arch = "wasm32")]
fn in_worker(input: &LayoutInput, shared: &Weak<RefCell<Shared>>) -> Option<(Engine, Positions)> {
    // One helper per core beyond the worker's own, a few at most; the page's main thread
    // mostly waits while the layout runs.
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    let helpers = ((cores as usize).saturating_sub(1)).min(worker::MAX_HELPERS);
    let weak = shared.clone();
    let link = worker::Link::spawn(input.clone(), helpers, move |message| {
        if let Some(shared) = weak.upgrade() {
            Layout { shared }.hear(message);
        }
    })?;
    let factlens_core::layout::Nodes { x, y, .. } = factlens_core::layout::Nodes::phyllotaxis(input.radius.len());
    Some((Engine::Worker(link), Positions { x: Rc::new(x), y: Rc::new(y), settled: false, version: 0 }))
}

/// How long the page rests after taking and drawing a moving layout's positions, per
/// millisecond it took: drawing then takes at most a third of the main thread. (With a rest
/// as long as the work, a two-core machine's layout ran about 20% slower.)
#[cfg(target_arch = "wasm32")]
const REST_PER_BUSY: f64 = 2.0;

#[cfg(target_arch = "wasm32")]
impl Layout {
    /// What the worker says.
    fn hear(&self, message: Message) {
        match message {
            Message::Positions { x, y, settled } => {
                let received = crate::clock::now_ms();
                self.receive(x, y, settled);
                // The view renders these just after this handler, and draws them (a large
                // graph's canvas in slices). Once they are shown, the page rests for
                // `REST_PER_BUSY` times as long as that took before it asks for the next
                // positions, which leaves the reader's input and the layout's threads (on a
                // machine of two cores, they share one with the page) the rest.
                let weak = Rc::downgrade(&self.shared);
                gloo::timers::callback::Timeout::new(0, move || {
                    crate::canvas::after_drawing(move || {
                        let rest = REST_PER_BUSY * (crate::clock::now_ms() - received).max(0.0);
                        gloo::timers::callback::Timeout::new(rest as u32, move || {
                            if let Some(shared) = weak.upgrade() {
                                if let Engine::Worker(link) = &shared.borrow().engine {
                                    link.send(Message::Ack);
                                }
                            }
                        })
                        .forget();
                    })
                })
                .forget();
            }
            Message::Helpers(helpers) => {
                let positions = {
                    let mut shared = self.shared.borrow_mut();
                    shared.helpers = helpers;
                    shared.latest.clone()
                };
                // The view shows the count: let it render.
                self.notify(positions);
            }
            _ => self.fall_back(),
        }
    }
}

/// Natively there are no workers.
#[cfg(not(target_arch = "wasm32"))]
fn in_worker(_input: &LayoutInput, _shared: &Weak<RefCell<Shared>>) -> Option<(Engine, Positions)> {
    None
}

fn snapshot(simulation: &Simulation, version: u64) -> Positions {
    Positions {
        x: Rc::new(simulation.nodes.x.clone()),
        y: Rc::new(simulation.nodes.y.clone()),
        settled: simulation.is_settled(),
        version,
    }
}

#[cfg(target_arch = "wasm32")]
use crate::protocol::Message;
#[cfg(target_arch = "wasm32")]
use crate::worker;

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// A path of `n` nodes.
    fn path(n: usize) -> LayoutInput {
        LayoutInput { radius: vec![8.0; n], links: (1..n).map(|i| (i - 1, i)).collect() }
    }

    #[test]
    fn a_small_graph_is_settled_when_it_starts_and_tells_no_one() {
        let heard = Rc::new(Cell::new(0));
        let layout = Layout::start(path(12), None, {
            let heard = heard.clone();
            move |_| heard.set(heard.get() + 1)
        });
        let positions = layout.positions();
        assert!(positions.settled);
        assert_eq!(positions.x.len(), 12);
        assert!(!layout.in_worker());
        assert_eq!(positions.digest(), Layout::start(path(12), None, |_| {}).positions().digest(), "deterministic");
        assert_ne!(positions.digest(), Layout::start(path(13), None, |_| {}).positions().digest());
        assert_eq!(heard.get(), 0, "nothing to hear: the first render reads the positions");
    }

    #[test]
    fn a_published_layout_is_shown_as_it_was_published_and_still_moves_when_dragged() {
        let settled = SettledLayout { x: (0..12).map(f64::from).collect(), y: vec![5.0; 12] };
        let layout = Layout::start(path(12), Some(&settled), |_| {});
        let positions = layout.positions();
        assert!(positions.settled);
        assert_eq!((&*positions.x, &*positions.y), (&settled.x, &settled.y));
        layout.drag(3, (40.0, 40.0));
        assert!(!layout.positions().settled, "a drag warms the layout up");
        // A layout that does not fit the graph is not used.
        let wrong = SettledLayout { x: vec![0.0; 3], y: vec![0.0; 3] };
        let own = Layout::start(path(12), Some(&wrong), |_| {}).positions();
        assert_eq!(own.digest(), Layout::start(path(12), None, |_| {}).positions().digest());
    }

    #[test]
    fn dragging_pins_a_node_where_it_is_put_and_unpinning_lets_it_go() {
        let heard = Rc::new(Cell::new(None::<(f64, bool, u64)>));
        let layout = Layout::start(path(12), None, {
            let heard = heard.clone();
            move |p: Positions| heard.set(Some((p.x[3], p.settled, p.version)))
        });
        layout.drag(3, (500.0, -20.0));
        // The view hears at once, with the node where the pointer is and the layout warm.
        assert_eq!(heard.get(), Some((500.0, false, 1)));
        assert_eq!(layout.pinned().iter().filter(|&&p| p).count(), 1);
        assert!(layout.pinned()[3]);
        let positions = layout.positions();
        assert_eq!((positions.x[3], positions.y[3]), (500.0, -20.0));
        layout.release();
        layout.unpin(3);
        assert!(!layout.pinned()[3]);
    }
}
