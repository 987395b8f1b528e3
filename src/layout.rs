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

use factlens_core::graph::LayoutInput;
use factlens_core::layout::Simulation;

use crate::dom::FrameLoop;

/// Graphs up to this many nodes are small: they settle before their first paint.
pub const SMALL: usize = 300;
/// Milliseconds of layout work per animation frame when the layout runs on the page.
const SLICE_MS: f64 = 12.0;
/// Alpha kept while a node is dragged, so its neighbours follow; d3's usual choice.
const DRAG_ALPHA: f64 = 0.3;

/// Node positions as last reported, shared cheaply between renders, effects and handlers.
#[derive(Debug, Clone)]
pub struct Positions {
    pub x: Rc<Vec<f64>>,
    pub y: Rc<Vec<f64>>,
    pub settled: bool,
    /// Counts snapshots, so comparing two is one integer comparison, not thousands of floats.
    pub version: u64,
}

impl PartialEq for Positions {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
    }
}

/// Where the layout runs.
enum Engine {
    /// On the page: ticked in time slices by a frame loop while it is `Some`.
    Page { simulation: Simulation, frames: Option<FrameLoop> },
    /// In a worker.
    #[cfg(target_arch = "wasm32")]
    Worker(worker::Link),
}

struct Shared {
    /// Kept to restart the layout on the page if the worker fails.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    input: LayoutInput,
    engine: Engine,
    /// The latest positions, and each node's pin.
    latest: Positions,
    pinned: Vec<Option<(f64, f64)>>,
    on_positions: Rc<dyn Fn(Positions)>,
}

/// A running layout; dropping it stops the work (and the worker).
#[derive(Clone)]
pub struct Layout {
    shared: Rc<RefCell<Shared>>,
}

impl Layout {
    /// Starts laying out `input`; `on_positions` hears of every new set of positions (never
    /// during this call). A small graph is settled before this returns.
    pub fn start(input: LayoutInput, on_positions: impl Fn(Positions) + 'static) -> Self {
        let n = input.radius.len();
        let shared = Rc::new_cyclic(|weak: &Weak<RefCell<Shared>>| {
            let in_worker = (n > SMALL).then(|| in_worker(n, weak)).flatten();
            let (engine, latest) = in_worker.unwrap_or_else(|| {
                let mut simulation = input.simulation();
                if n <= SMALL {
                    simulation.settle(10_000);
                }
                let latest = snapshot(&simulation, 0);
                (Engine::Page { simulation, frames: None }, latest)
            });
            RefCell::new(Shared { input, engine, latest, pinned: vec![None; n], on_positions: Rc::new(on_positions) })
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
                Engine::Worker(link) => link.send(worker::Command::Drag { node, point }),
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
            Engine::Worker(link) => link.send(worker::Command::Release),
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
                Engine::Worker(link) => link.send(worker::Command::Unpin { node }),
            }
        }
        self.run();
    }

    fn notify(&self, positions: Positions) {
        let on_positions = self.shared.borrow().on_positions.clone();
        on_positions(positions);
    }

    /// Keeps an on-page layout ticking in time slices until it settles. (A worker runs by
    /// itself.)
    #[cfg_attr(not(target_arch = "wasm32"), allow(irrefutable_let_patterns))]
    fn run(&self) {
        let mut shared = self.shared.borrow_mut();
        let Engine::Page { simulation, frames } = &mut shared.engine else { return };
        if frames.is_some() || simulation.is_settled() {
            return;
        }
        let weak = Rc::downgrade(&self.shared);
        *frames = Some(crate::dom::every_frame(move || {
            let Some(shared) = weak.upgrade() else { return false };
            let layout = Layout { shared };
            let positions = {
                let mut shared = layout.shared.borrow_mut();
                let version = shared.latest.version + 1;
                let Engine::Page { simulation, frames } = &mut shared.engine else { return false };
                let start = crate::dom::now_ms();
                simulation.advance(&mut || crate::dom::now_ms() - start > SLICE_MS);
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
    fn receive(&self, x: Vec<f64>, y: Vec<f64>, settled: bool) {
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
    fn fall_back(&self) {
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
fn in_worker(n: usize, shared: &Weak<RefCell<Shared>>) -> Option<(Engine, Positions)> {
    let link = worker::spawn(shared.clone())?;
    let factlens_core::layout::Nodes { x, y, .. } = factlens_core::layout::Nodes::phyllotaxis(n);
    Some((Engine::Worker(link), Positions { x: Rc::new(x), y: Rc::new(y), settled: false, version: 0 }))
}

/// Natively there are no workers.
#[cfg(not(target_arch = "wasm32"))]
fn in_worker(_n: usize, _shared: &Weak<RefCell<Shared>>) -> Option<(Engine, Positions)> {
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

/// Both ends of the worker: the page's [`worker::Link`] and the worker's message loop.
#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;
    use std::rc::{Rc, Weak};

    use factlens_core::graph::LayoutInput;
    use factlens_core::layout::Simulation;
    use js_sys::{Array, Float64Array, Uint32Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::{Layout, DRAG_ALPHA};

    /// The worker's first script: it imports this app's own JS glue and wasm module (sent in
    /// the first message, so nothing is downloaded twice) and hands over to
    /// [`layout_worker_main`]. A failure is reported, so the page can fall back.
    const BOOTSTRAP: &str = r#"self.onmessage = async (event) => {
  try {
    const [glue, module] = event.data;
    const bindings = await import(glue);
    await bindings.default({ module_or_path: module });
    self.wasmBindings = bindings;
    bindings.layout_worker_main();
  } catch (error) {
    self.postMessage(["failed", String(error)]);
  }
};"#;

    #[wasm_bindgen]
    extern "C" {
        /// The URL of this app's JS glue: `import.meta.url` read from inside it.
        #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
        static GLUE_URL: String;
    }

    /// What the page asks of the worker.
    pub enum Command {
        Drag { node: usize, point: (f64, f64) },
        Release,
        Unpin { node: usize },
    }

    impl Command {
        fn message(&self) -> Array {
            match *self {
                Command::Drag { node, point } => {
                    Array::of4(&"drag".into(), &(node as f64).into(), &point.0.into(), &point.1.into())
                }
                Command::Release => Array::of1(&"release".into()),
                Command::Unpin { node } => Array::of2(&"unpin".into(), &(node as f64).into()),
            }
        }
    }

    /// The page's end: the worker, and its handlers (kept alive as long as the link).
    pub struct Link {
        worker: web_sys::Worker,
        ready: bool,
        /// Commands sent before the worker was ready, in order.
        queue: Vec<Array>,
        _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
        _on_error: Closure<dyn FnMut(web_sys::Event)>,
    }

    impl Link {
        pub fn send(&mut self, command: Command) {
            let message = command.message();
            if self.ready {
                let _ = self.worker.post_message(&message);
            } else {
                self.queue.push(message);
            }
        }
    }

    impl Drop for Link {
        fn drop(&mut self) {
            self.worker.terminate();
        }
    }

    /// Starts a worker for the layout behind `shared`, or `None` if one cannot be made.
    pub fn spawn(shared: Weak<RefCell<super::Shared>>) -> Option<Link> {
        let worker = new_worker().ok()?;
        let weak = shared.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Some(shared) = weak.upgrade() else { return };
            let layout = Layout { shared };
            let data: Array = event.data().unchecked_into();
            match data.get(0).as_string().as_deref() {
                Some("ready") => layout.worker_ready(),
                Some("positions") => {
                    // Take these before anything else, so the worker sends the next ones as
                    // soon as it has them while the page draws.
                    if let super::Engine::Worker(link) = &layout.shared.borrow().engine {
                        let _ = link.worker.post_message(&Array::of1(&"ack".into()));
                    }
                    let x = data.get(1).unchecked_into::<Float64Array>().to_vec();
                    let y = data.get(2).unchecked_into::<Float64Array>().to_vec();
                    layout.receive(x, y, data.get(3).is_truthy());
                }
                _ => layout.fall_back(),
            }
        });
        let weak = shared;
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            if let Some(shared) = weak.upgrade() {
                Layout { shared }.fall_back();
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let glue = GLUE_URL.with(Clone::clone);
        if worker.post_message(&Array::of2(&glue.into(), &wasm_bindgen::module())).is_err() {
            worker.terminate();
            return None;
        }
        Some(Link { worker, ready: false, queue: Vec::new(), _on_message: on_message, _on_error: on_error })
    }

    fn new_worker() -> Result<web_sys::Worker, JsValue> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/javascript");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&Array::of1(&BOOTSTRAP.into()), &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        options.set_name("factlens layout");
        let worker = web_sys::Worker::new_with_options(&url, &options);
        let _ = web_sys::Url::revoke_object_url(&url);
        worker
    }

    impl Layout {
        /// The worker has loaded: give it the graph, then the commands (drags) queued meanwhile.
        fn worker_ready(&self) {
            let mut shared = self.shared.borrow_mut();
            let shared = &mut *shared;
            let super::Engine::Worker(link) = &mut shared.engine else { return };
            let links: Vec<u32> = shared.input.links.iter().flat_map(|&(a, b)| [a as u32, b as u32]).collect();
            let start = Array::of3(
                &"start".into(),
                &Float64Array::from(&shared.input.radius[..]).into(),
                &Uint32Array::from(&links[..]).into(),
            );
            let _ = link.worker.post_message(&start);
            link.ready = true;
            for message in std::mem::take(&mut link.queue) {
                let _ = link.worker.post_message(&message);
            }
        }
    }

    /// The worker's state: the simulation, and the flow control with the page.
    struct Worker {
        scope: web_sys::DedicatedWorkerGlobalScope,
        simulation: Option<Simulation>,
        /// Positions were sent and the page has not taken them yet.
        awaiting_ack: bool,
        /// Ticks have run since the last positions were sent.
        unsent: bool,
        /// A batch of ticks is scheduled.
        scheduled: bool,
        /// Schedules the next batch without the clamped delay of a timer.
        channel: web_sys::MessageChannel,
    }

    /// Milliseconds of ticks between looks at the message queue (pins arrive there).
    const BATCH_MS: f64 = 16.0;

    /// The worker's entry point, called by [`BOOTSTRAP`] once the module is instantiated.
    #[wasm_bindgen]
    pub fn layout_worker_main() -> Result<(), JsValue> {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
        let channel = web_sys::MessageChannel::new()?;
        let state = Rc::new(RefCell::new(Worker {
            scope: scope.clone(),
            simulation: None,
            awaiting_ack: false,
            unsent: false,
            scheduled: false,
            channel: channel.clone(),
        }));
        let batch = {
            let state = state.clone();
            Closure::<dyn FnMut()>::new(move || {
                let mut state = state.borrow_mut();
                state.scheduled = false;
                state.batch();
            })
        };
        channel.port1().set_onmessage(Some(batch.as_ref().unchecked_ref()));
        batch.forget();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            state.borrow_mut().handle(event.data().unchecked_into());
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        scope.post_message(&Array::of1(&"ready".into()))
    }

    impl Worker {
        fn handle(&mut self, message: Array) {
            let number = |k: u32| message.get(k).as_f64().unwrap_or(0.0);
            match message.get(0).as_string().as_deref() {
                Some("start") => {
                    let radius = message.get(1).unchecked_into::<Float64Array>().to_vec();
                    let flat = message.get(2).unchecked_into::<Uint32Array>().to_vec();
                    let links = flat.chunks_exact(2).map(|pair| (pair[0] as usize, pair[1] as usize)).collect();
                    self.simulation = Some(LayoutInput { radius, links }.simulation());
                }
                Some("ack") => {
                    self.awaiting_ack = false;
                    if self.unsent {
                        self.send();
                    }
                }
                Some("drag") => {
                    let (node, point) = (number(1) as usize, (number(2), number(3)));
                    if let Some(simulation) = self.simulation.as_mut().filter(|s| node < s.nodes.len()) {
                        simulation.nodes.fixed[node] = Some(point);
                        (simulation.nodes.x[node], simulation.nodes.y[node]) = point;
                        simulation.alpha_target = DRAG_ALPHA;
                        simulation.reheat(DRAG_ALPHA);
                    }
                }
                Some("release") => {
                    if let Some(simulation) = self.simulation.as_mut() {
                        simulation.alpha_target = 0.0;
                    }
                }
                Some("unpin") => {
                    let node = number(1) as usize;
                    if let Some(simulation) = self.simulation.as_mut().filter(|s| node < s.nodes.len()) {
                        simulation.nodes.fixed[node] = None;
                        simulation.reheat(0.1);
                    }
                }
                _ => {}
            }
            self.schedule();
        }

        /// Queues a batch of ticks behind whatever messages are waiting, unless one is queued
        /// already or the layout has settled.
        fn schedule(&mut self) {
            let settled = self.simulation.as_ref().is_none_or(Simulation::is_settled);
            if !self.scheduled && !settled {
                self.scheduled = true;
                let _ = self.channel.port2().post_message(&JsValue::NULL);
            }
        }

        fn batch(&mut self) {
            let Some(simulation) = self.simulation.as_mut() else { return };
            let start = js_sys::Date::now();
            while !simulation.is_settled() {
                simulation.tick(1);
                self.unsent = true;
                if js_sys::Date::now() - start > BATCH_MS {
                    break;
                }
            }
            if self.unsent && !self.awaiting_ack {
                self.send();
            }
            self.schedule();
        }

        fn send(&mut self) {
            let Some(simulation) = self.simulation.as_ref() else { return };
            let x = Float64Array::from(&simulation.nodes.x[..]);
            let y = Float64Array::from(&simulation.nodes.y[..]);
            let message = Array::of4(&"positions".into(), &x, &y, &simulation.is_settled().into());
            let transfer = Array::of2(&x.buffer(), &y.buffer());
            if self.scope.post_message_with_transfer(&message, &transfer).is_ok() {
                self.awaiting_ack = true;
                self.unsent = false;
            }
        }
    }
}

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
        let layout = Layout::start(path(12), {
            let heard = heard.clone();
            move |_| heard.set(heard.get() + 1)
        });
        let positions = layout.positions();
        assert!(positions.settled);
        assert_eq!(positions.x.len(), 12);
        assert!(!layout.in_worker());
        assert_eq!(heard.get(), 0, "nothing to hear: the first render reads the positions");
    }

    #[test]
    fn dragging_pins_a_node_where_it_is_put_and_unpinning_lets_it_go() {
        let heard = Rc::new(Cell::new(None::<(f64, bool, u64)>));
        let layout = Layout::start(path(12), {
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
