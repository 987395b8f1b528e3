//! The messages between the page, the layout worker and its helpers: one enum, encoded and
//! decoded here and nowhere else. On the wire a message is an array whose first element names
//! it; positions and velocity changes travel as transferred `Float64Array`s.

use js_sys::{Array, Float64Array, Uint32Array};
use wasm_bindgen::{JsCast, JsValue};

/// Every message of the layout's workers.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A worker or helper has loaded and takes messages (worker → its starter).
    Ready,
    /// The graph to lay out, and how many helpers the layout worker may start (page → worker,
    /// worker → helper).
    Start { radius: Vec<f64>, links: Vec<(usize, usize)>, helpers: usize },
    /// New positions (worker → page).
    Positions { x: Vec<f64>, y: Vec<f64>, settled: bool },
    /// The page has shown the last positions and wants the next (page → worker).
    Ack,
    /// A node dragged to a point, pinned there (page → worker).
    Drag { node: usize, point: (f64, f64) },
    /// The drag is over (page → worker).
    Release,
    /// A pinned node let go (page → worker).
    Unpin { node: usize },
    /// How many helpers are at work (worker → page).
    Helpers(usize),
    /// Work items `range` of the many-body force at these positions and alpha (worker → helper).
    Help { x: Vec<f64>, y: Vec<f64>, alpha: f64, range: (usize, usize) },
    /// A helper's velocity changes for its items, and how long they took (helper → worker).
    Helped { dvx: Vec<f64>, dvy: Vec<f64>, ms: f64 },
    /// A helper could not work its items (helper → worker).
    Declined,
    /// A worker could not start (its bootstrap → its starter).
    Failed(String),
}

impl Message {
    /// The message as an array, and the buffers to transfer with it.
    pub fn encode(&self) -> (Array, Array) {
        let numbers = |values: &[f64]| Float64Array::from(values);
        let transfer = Array::new();
        // Two arrays whose buffers move to the receiver rather than being copied.
        let moved = |a: &[f64], b: &[f64]| {
            let (a, b) = (numbers(a), numbers(b));
            transfer.push(&a.buffer());
            transfer.push(&b.buffer());
            (a, b)
        };
        let tagged = |tag: &str, rest: &[&JsValue]| {
            let array = Array::of1(&tag.into());
            rest.iter().for_each(|value| {
                array.push(value);
            });
            array
        };
        let array = match self {
            Message::Ready => tagged("ready", &[]),
            Message::Start { radius, links, helpers } => {
                let flat: Vec<u32> = links.iter().flat_map(|&(a, b)| [a as u32, b as u32]).collect();
                tagged("start", &[&numbers(radius), &Uint32Array::from(&flat[..]), &(*helpers as f64).into()])
            }
            Message::Positions { x, y, settled } => {
                let (x, y) = moved(x, y);
                tagged("positions", &[&x, &y, &(*settled).into()])
            }
            Message::Ack => tagged("ack", &[]),
            Message::Drag { node, point } => {
                tagged("drag", &[&(*node as f64).into(), &point.0.into(), &point.1.into()])
            }
            Message::Release => tagged("release", &[]),
            Message::Unpin { node } => tagged("unpin", &[&(*node as f64).into()]),
            Message::Helpers(n) => tagged("helpers", &[&(*n as f64).into()]),
            Message::Help { x, y, alpha, range } => tagged(
                "help",
                &[&numbers(x), &numbers(y), &(*alpha).into(), &(range.0 as f64).into(), &(range.1 as f64).into()],
            ),
            Message::Helped { dvx, dvy, ms } => {
                let (dvx, dvy) = moved(dvx, dvy);
                tagged("helped", &[&dvx, &dvy, &(*ms).into()])
            }
            Message::Declined => tagged("declined", &[]),
            Message::Failed(reason) => tagged("failed", &[&reason.into()]),
        };
        (array, transfer)
    }

    /// A message from what arrived, or `None` for anything else.
    pub fn decode(data: &JsValue) -> Option<Message> {
        let array: &Array = data.dyn_ref()?;
        let number = |k: u32| array.get(k).as_f64();
        let index = |k: u32| number(k).filter(|v| *v >= 0.0).map(|v| v as usize);
        let numbers = |k: u32| array.get(k).dyn_into::<Float64Array>().ok().map(|a| a.to_vec());
        Some(match array.get(0).as_string()?.as_str() {
            "ready" => Message::Ready,
            "start" => {
                let flat = array.get(2).dyn_into::<Uint32Array>().ok()?.to_vec();
                let links = flat.chunks_exact(2).map(|pair| (pair[0] as usize, pair[1] as usize)).collect();
                Message::Start { radius: numbers(1)?, links, helpers: index(3)? }
            }
            "positions" => Message::Positions { x: numbers(1)?, y: numbers(2)?, settled: array.get(3).is_truthy() },
            "ack" => Message::Ack,
            "drag" => Message::Drag { node: index(1)?, point: (number(2)?, number(3)?) },
            "release" => Message::Release,
            "unpin" => Message::Unpin { node: index(1)? },
            "helpers" => Message::Helpers(index(1)?),
            "help" => {
                Message::Help { x: numbers(1)?, y: numbers(2)?, alpha: number(3)?, range: (index(4)?, index(5)?) }
            }
            "helped" => Message::Helped { dvx: numbers(1)?, dvy: numbers(2)?, ms: number(3)? },
            "declined" => Message::Declined,
            "failed" => Message::Failed(array.get(1).as_string().unwrap_or_default()),
            _ => return None,
        })
    }

    /// Posts the message to a worker.
    pub fn post_to(&self, worker: &web_sys::Worker) -> bool {
        let (array, transfer) = self.encode();
        worker.post_message_with_transfer(&array, &transfer).is_ok()
    }

    /// Posts the message from inside a worker to its starter.
    pub fn post_from(&self, scope: &web_sys::DedicatedWorkerGlobalScope) -> bool {
        let (array, transfer) = self.encode();
        scope.post_message_with_transfer(&array, &transfer).is_ok()
    }
}
