//! Both ends of the layout worker: the page's [`Link`], and the worker's message loop with the
//! helpers it starts.
//!
//! A helper is a second worker holding a copy of the simulation. Each tick the layout worker
//! sends its helpers the positions, and they work out shares of the many-body force (the
//! expensive part, which reads only positions) while it works the rest; their velocity changes
//! are then added in item order, so the tick ends exactly as a whole one would
//! (`Simulation::begin_shared_tick`). Shares follow how fast each side was on earlier ticks. A
//! helper that cannot start or fails is simply left out.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::{Rc, Weak};

use factlens_core::graph::{LayoutInput, DRAG_ALPHA};
use factlens_core::layout::Simulation;
use gloo::timers::callback::Timeout;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::protocol::Message;

/// A worker's first script (`worker.js`), which `scripts/build` puts beside this module's JS
/// glue.
const WORKER_SCRIPT: &str = "worker.js";

#[wasm_bindgen]
extern "C" {
    /// The URL of this app's JS glue: `import.meta.url` read from inside it.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static GLUE_URL: String;
}

/// Starts a worker that runs this module's `entry` (a `#[wasm_bindgen]` export), or `None`
/// where no worker can be made.
fn start_worker(name: &str, entry: &str) -> Option<web_sys::Worker> {
    let glue = GLUE_URL.with(Clone::clone);
    let script = web_sys::Url::new_with_base(WORKER_SCRIPT, &glue).ok()?.href();
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    options.set_name(name);
    let worker = web_sys::Worker::new_with_options(&script, &options).ok()?;
    if worker.post_message(&Array::of3(&glue.into(), &wasm_bindgen::module(), &entry.into())).is_err() {
        worker.terminate();
        return None;
    }
    Some(worker)
}

/// The page's end: the worker, and its handlers (kept alive as long as the link).
pub struct Link {
    worker: web_sys::Worker,
    /// Messages sent before the worker was ready, in order; `None` once it is.
    queue: Rc<RefCell<Option<Vec<Message>>>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Link {
    /// Starts a worker laying out `input`, allowed `helpers` helpers, or `None` if no worker
    /// can be made. `hear` gets what the worker says, and `Message::Failed` if it stops.
    pub fn spawn(input: LayoutInput, helpers: usize, hear: impl FnMut(Message) + 'static) -> Option<Link> {
        let worker = start_worker("factlens layout", "layout_worker_main")?;
        let queue = Rc::new(RefCell::new(Some(Vec::<Message>::new())));
        let start = Message::Start { radius: input.radius, links: input.links, helpers };
        let hear = Rc::new(RefCell::new(hear));
        let on_message = {
            let (worker, queue, hear) = (worker.clone(), queue.clone(), hear.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                match Message::decode(&event.data()) {
                    // It has loaded: it gets the graph, then what was sent meanwhile.
                    Some(Message::Ready) => {
                        start.post_to(&worker);
                        for message in queue.borrow_mut().take().unwrap_or_default() {
                            message.post_to(&worker);
                        }
                    }
                    Some(message) => (hear.borrow_mut())(message),
                    None => (hear.borrow_mut())(Message::Failed("an unknown message".into())),
                }
            })
        };
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            (hear.borrow_mut())(Message::Failed("the worker stopped".into()));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Link { worker, queue, _on_message: on_message, _on_error: on_error })
    }

    /// Sends `message` now, or once the worker is ready.
    pub fn send(&self, message: Message) {
        match self.queue.borrow_mut().as_mut() {
            Some(queue) => queue.push(message),
            None => {
                message.post_to(&self.worker);
            }
        }
    }
}

impl Drop for Link {
    /// Stops the worker, and with it its helpers.
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// A handler for a worker's messages (or errors) that reaches `state` while it lives.
fn handler<S: 'static, E: wasm_bindgen::convert::FromWasmAbi + 'static>(
    state: &Weak<RefCell<S>>,
    handle: impl Fn(&mut S, E) + 'static,
) -> Closure<dyn FnMut(E)> {
    let state = state.clone();
    Closure::<dyn FnMut(E)>::new(move |event: E| {
        if let Some(state) = state.upgrade() {
            handle(&mut state.borrow_mut(), event);
        }
    })
}

/// The layout worker's state: the simulation, its helpers, and the flow control with the page.
struct Worker {
    scope: web_sys::DedicatedWorkerGlobalScope,
    simulation: Option<Simulation>,
    /// The start message, forwarded to each helper that gets ready.
    start: Option<Message>,
    helpers: Vec<Helper>,
    /// A tick shared with helpers, waiting for their answers.
    tick: Option<SharedTick>,
    balance: Balance,
    /// Positions were sent and the page has not taken them yet.
    awaiting_ack: bool,
    /// Ticks have run since the last positions were sent.
    unsent: bool,
    /// A batch of ticks is scheduled.
    scheduled: bool,
    /// Schedules the next batch without the clamped delay of a timer.
    channel: web_sys::MessageChannel,
}

/// Milliseconds of ticks between looks at the message queue (pins arrive there), for a worker
/// without helpers.
const BATCH_MS: f64 = 16.0;

/// Milliseconds after the layout starts that its helpers are started.
const HELPERS_AFTER_MS: u32 = 600;

/// The most helpers a layout worker starts, whatever the cores: past a few, the per-tick
/// messages cost more than the shares save.
pub const MAX_HELPERS: usize = 3;

/// The layout worker's entry point, called by `worker.js` once the module is instantiated.
#[wasm_bindgen]
pub fn layout_worker_main() -> Result<(), JsValue> {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
    let channel = web_sys::MessageChannel::new()?;
    let state = Rc::new(RefCell::new(Worker {
        scope: scope.clone(),
        simulation: None,
        start: None,
        helpers: Vec::new(),
        tick: None,
        balance: Balance::default(),
        awaiting_ack: false,
        unsent: false,
        scheduled: false,
        channel: channel.clone(),
    }));
    let weak = Rc::downgrade(&state);
    let batch = handler(&weak, |state: &mut Worker, _: JsValue| {
        state.scheduled = false;
        state.batch();
    });
    channel.port1().set_onmessage(Some(batch.as_ref().unchecked_ref()));
    batch.forget();
    let on_message = handler(&weak.clone(), move |state: &mut Worker, event: web_sys::MessageEvent| {
        let Some(message) = Message::decode(&event.data()) else { return };
        let starting = matches!(message, Message::Start { .. });
        state.handle(message);
        if starting {
            // Helpers join once the page has had time to show the graph: started at once, they
            // loaded on the same cores as its first frames and stretched them past 50 ms.
            let weak = weak.clone();
            Timeout::new(HELPERS_AFTER_MS, move || {
                if let Some(state) = weak.upgrade() {
                    state.borrow_mut().start_helpers(&weak);
                }
            })
            .forget();
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // The state lives as long as the worker: its handlers hold only weak references.
    std::mem::forget(state);
    Message::Ready.post_from(&scope);
    Ok(())
}

impl Worker {
    fn handle(&mut self, message: Message) {
        match message {
            Message::Start { ref radius, ref links, .. } => {
                self.simulation = Some(LayoutInput { radius: radius.clone(), links: links.clone() }.simulation());
                self.start = Some(message);
            }
            Message::Ack => {
                self.awaiting_ack = false;
                if self.unsent {
                    self.send();
                }
            }
            Message::Drag { node, point } => {
                if let Some(simulation) = self.simulation.as_mut().filter(|s| node < s.nodes.len()) {
                    simulation.nodes.fixed[node] = Some(point);
                    (simulation.nodes.x[node], simulation.nodes.y[node]) = point;
                    simulation.alpha_target = DRAG_ALPHA;
                    simulation.reheat(DRAG_ALPHA);
                }
            }
            Message::Release => {
                if let Some(simulation) = self.simulation.as_mut() {
                    simulation.alpha_target = 0.0;
                }
            }
            Message::Unpin { node } => {
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
    /// already, a shared tick is waiting for its helpers or the layout has settled.
    fn schedule(&mut self) {
        let settled = self.simulation.as_ref().is_none_or(Simulation::is_settled);
        if !self.scheduled && self.tick.is_none() && !settled {
            self.scheduled = true;
            let _ = self.channel.port2().post_message(&JsValue::NULL);
        }
    }

    fn batch(&mut self) {
        if self.tick.is_some() {
            return;
        }
        if self.helpers.iter().any(|h| h.ready) {
            self.begin_shared_tick();
            return;
        }
        let Some(simulation) = self.simulation.as_mut() else { return };
        let start = crate::clock::now_ms();
        while !simulation.is_settled() {
            simulation.tick(1);
            self.unsent = true;
            if crate::clock::now_ms() - start > BATCH_MS {
                break;
            }
        }
        self.ticked();
    }

    /// After ticks: positions to the page if it has taken the last ones, and more ticks.
    fn ticked(&mut self) {
        if self.unsent && !self.awaiting_ack {
            self.send();
        }
        self.schedule();
    }

    fn send(&mut self) {
        let Some(simulation) = self.simulation.as_ref() else { return };
        let (x, y) = (simulation.nodes.x.clone(), simulation.nodes.y.clone());
        if (Message::Positions { x, y, settled: simulation.is_settled() }).post_from(&self.scope) {
            self.awaiting_ack = true;
            self.unsent = false;
        }
    }

    /// Starts as many helpers as the start message allows; each joins the ticks once it has
    /// the graph.
    fn start_helpers(&mut self, state: &Weak<RefCell<Worker>>) {
        let allowed = match self.start {
            Some(Message::Start { helpers, .. }) => helpers,
            _ => 0,
        };
        for h in 0..allowed.min(MAX_HELPERS) {
            let Some(worker) = start_worker(&format!("factlens layout helper {}", h + 1), "layout_helper_main") else {
                break;
            };
            let on_message = handler(state, move |state: &mut Worker, event: web_sys::MessageEvent| {
                match Message::decode(&event.data()) {
                    Some(Message::Ready) => state.helper_ready(h),
                    Some(Message::Helped { dvx, dvy, ms }) => state.helper_answered(h, Answer::Help { dvx, dvy, ms }),
                    Some(Message::Declined) => state.helper_answered(h, Answer::Declined),
                    _ => state.helper_failed(h),
                }
            });
            let on_error = handler(state, move |state: &mut Worker, event: web_sys::Event| {
                event.prevent_default();
                state.helper_failed(h);
            });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            self.helpers.push(Helper {
                worker,
                ready: false,
                failed: false,
                _on_message: on_message,
                _on_error: on_error,
            });
        }
    }

    /// A helper has loaded: it gets the graph and takes shares from the next tick on.
    fn helper_ready(&mut self, helper: usize) {
        let (Some(h), Some(start)) = (self.helpers.get_mut(helper).filter(|h| !h.failed), self.start.as_ref()) else {
            return;
        };
        if start.post_to(&h.worker) {
            h.ready = true;
            self.report_helpers();
        }
    }

    /// Tells the page how many helpers are at work.
    fn report_helpers(&self) {
        let working = self.helpers.iter().filter(|h| h.ready).count();
        Message::Helpers(working).post_from(&self.scope);
    }

    /// Starts a tick, sends each ready helper its share, and works this worker's own share
    /// (the first items). The tick ends when the last answer is in ([`Worker::answered`]).
    fn begin_shared_tick(&mut self) {
        let Some(simulation) = self.simulation.as_mut().filter(|s| !s.is_settled()) else { return };
        let Some(items) = simulation.begin_shared_tick() else {
            simulation.tick(1);
            self.unsent = true;
            return self.ticked();
        };
        let ready: Vec<usize> = (0..self.helpers.len()).filter(|&h| self.helpers[h].ready).collect();
        let own = self.balance.own_items(items, ready.len());
        let mut shares = Vec::with_capacity(ready.len());
        for (k, &h) in ready.iter().enumerate() {
            let range = cut(own, items, ready.len(), k);
            let (x, y, alpha) = (simulation.nodes.x.clone(), simulation.nodes.y.clone(), simulation.alpha);
            let help = Message::Help { x, y, alpha, range: (range.start, range.end) };
            let answer = if help.post_to(&self.helpers[h].worker) { None } else { Some(Answer::Declined) };
            shares.push(Share { helper: h, range, answer });
        }
        // The forces before the shared one and its preparation, then this worker's items.
        let start = crate::clock::now_ms();
        simulation.work_items(0..0, None);
        let prepared = crate::clock::now_ms();
        simulation.work_items(0..own, None);
        let own_ms = crate::clock::now_ms() - prepared;
        self.tick = Some(SharedTick { shares, own_items: own, own_ms, overhead_ms: prepared - start });
        self.answered();
    }

    /// A helper's answer, or its failure (`Answer::Declined`), for the tick in progress.
    fn helper_answered(&mut self, helper: usize, answer: Answer) {
        if let Some(share) = self.tick.as_mut().and_then(|t| t.shares.iter_mut().find(|s| s.helper == helper)) {
            share.answer.get_or_insert(answer);
        }
        self.answered();
    }

    /// Ends the shared tick once every share is answered: the helpers' changes are added in
    /// item order (a declined share is worked here), and the tick completes.
    fn answered(&mut self) {
        if self.tick.as_ref().is_none_or(|t| t.shares.iter().any(|s| s.answer.is_none())) {
            return;
        }
        let (Some(tick), Some(simulation)) = (self.tick.take(), self.simulation.as_mut()) else { return };
        for share in &tick.shares {
            let help = match &share.answer {
                Some(Answer::Help { dvx, dvy, .. }) => Some((&dvx[..], &dvy[..])),
                _ => None,
            };
            simulation.work_items(share.range.clone(), help);
        }
        simulation.end_shared_tick();
        self.balance.learn(&tick);
        self.unsent = true;
        self.ticked();
    }

    /// A helper stopped: it is left out from now on, and its share of a tick in progress is
    /// worked here.
    fn helper_failed(&mut self, helper: usize) {
        let Some(h) = self.helpers.get_mut(helper).filter(|h| !h.failed) else { return };
        h.failed = true;
        h.ready = false;
        h.worker.terminate();
        self.report_helpers();
        self.helper_answered(helper, Answer::Declined);
        self.schedule();
    }
}

/// Items `own..items` cut into `parts` nearly equal consecutive ranges: range `k`.
fn cut(own: usize, items: usize, parts: usize, k: usize) -> Range<usize> {
    let rest = items - own;
    own + rest * k / parts..own + rest * (k + 1) / parts
}

/// A helper worker, from the layout worker's side.
struct Helper {
    worker: web_sys::Worker,
    /// It has the graph and takes shares.
    ready: bool,
    /// It failed and is left out.
    failed: bool,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// A helper's answer for its share of a tick.
enum Answer {
    /// Velocity changes of the share's items, in item order, and how long they took it.
    Help { dvx: Vec<f64>, dvy: Vec<f64>, ms: f64 },
    /// It could not help (the items needed the random generator, or it failed).
    Declined,
}

struct Share {
    helper: usize,
    range: Range<usize>,
    answer: Option<Answer>,
}

/// A tick shared with helpers.
struct SharedTick {
    shares: Vec<Share>,
    /// The layout worker's own items, the time they took, and the time of its work before
    /// them (the forces before the shared one, and preparing it).
    own_items: usize,
    own_ms: f64,
    overhead_ms: f64,
}

/// Working speeds learnt from earlier ticks, to cut the next tick's shares so that the layout
/// worker and its helpers finish together.
struct Balance {
    /// Items per millisecond: this worker's, and each helper's (including its own preparation).
    own_rate: f64,
    helper_rate: f64,
    /// This worker's milliseconds before its own items (the forces before the shared one and
    /// the preparation of the shared one), while the helpers start at once.
    overhead_ms: f64,
}

impl Default for Balance {
    /// Until measured: equal shares.
    fn default() -> Self {
        Balance { own_rate: 1.0, helper_rate: 1.0, overhead_ms: 0.0 }
    }
}

impl Balance {
    /// How many of `items` this worker should take with `helpers` helpers: the number where
    /// `overhead + own / own_rate = (items − own) / (helpers × helper_rate)`.
    fn own_items(&self, items: usize, helpers: usize) -> usize {
        if helpers == 0 {
            return items;
        }
        let helped = helpers as f64 * self.helper_rate;
        let own = (items as f64 / helped - self.overhead_ms) / (1.0 / self.own_rate + 1.0 / helped);
        (own.max(0.0) as usize).min(items)
    }

    /// Learns from a finished tick; new speeds count for a third, so one slow tick (a garbage
    /// collection, a busy core) does not swing the next.
    fn learn(&mut self, tick: &SharedTick) {
        let blend = |old: f64, new: f64| if new.is_finite() && new > 0.0 { (2.0 * old + new) / 3.0 } else { old };
        self.overhead_ms = blend(self.overhead_ms, tick.overhead_ms);
        if tick.own_items > 0 && tick.own_ms > 0.0 {
            self.own_rate = blend(self.own_rate, tick.own_items as f64 / tick.own_ms);
        }
        for share in &tick.shares {
            if let Some(Answer::Help { ms, .. }) = share.answer {
                if !share.range.is_empty() && ms > 0.0 {
                    self.helper_rate = blend(self.helper_rate, share.range.len() as f64 / ms);
                }
            }
        }
    }
}

/// A helper's entry point, called by `worker.js`: it holds a copy of the simulation and
/// answers each share of a tick it is sent.
#[wasm_bindgen]
pub fn layout_helper_main() -> Result<(), JsValue> {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
    let simulation = Rc::new(RefCell::new(None::<Simulation>));
    let weak = Rc::downgrade(&simulation);
    let reply = scope.clone();
    let on_message =
        handler(&weak, move |simulation: &mut Option<Simulation>, event: web_sys::MessageEvent| match Message::decode(
            &event.data(),
        ) {
            Some(Message::Start { radius, links, .. }) => {
                *simulation = Some(LayoutInput { radius, links }.simulation())
            }
            Some(Message::Help { x, y, alpha, range }) => {
                let started = crate::clock::now_ms();
                let answer = match simulation.as_mut().and_then(|s| s.help(&x, &y, alpha, range.0..range.1)) {
                    Some((dvx, dvy)) => Message::Helped { dvx, dvy, ms: crate::clock::now_ms() - started },
                    None => Message::Declined,
                };
                answer.post_from(&reply);
            }
            _ => {}
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    std::mem::forget(simulation);
    Message::Ready.post_from(&scope);
    Ok(())
}
