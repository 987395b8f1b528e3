//! Giving way during long work.
//!
//! Loading a large story (parsing, checking, indexing) is seconds of work for a browser's main
//! thread, which must not stop painting and answering the reader for more than a moment. The
//! steps whose work grows with the dataset are therefore `async` functions that call
//! [`Pause::point`] between items: the page's pause ends the task there once it has run a few
//! milliseconds and goes on in the next one. Natively (the CLI, tests) nothing pauses, and
//! [`finish`] runs such a function to its end at once. One body of code either way.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Where long work may give way.
pub trait Pause {
    /// Called between items of a long loop; the work goes on when the returned future is
    /// done. Whether to give way at all (by the clock, say) is the pause's choice.
    fn point(&mut self) -> impl Future<Output = ()>;
}

/// A pause that never gives way.
pub struct Never;

impl Pause for Never {
    async fn point(&mut self) {}
}

/// Runs `work` to its end, here and now: for work whose pauses never wait ([`Never`]).
pub fn finish<T>(work: impl Future<Output = T>) -> T {
    let mut work = pin!(work);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(value) = work.as_mut().poll(&mut context) {
            return value;
        }
    }
}

/// The page's pause ([`Slices`]), for the crates that run in the browser.
#[cfg(feature = "browser")]
pub use browser::Slices;

#[cfg(feature = "browser")]
mod browser {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::Pause;

    /// Milliseconds of work per task: a large story takes seconds to parse, check, index and
    /// read, and the page must go on painting and answering meanwhile.
    const SLICE_MS: f64 = 12.0;

    fn now_ms() -> f64 {
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
    }

    /// Waits for a new task: a message to a fresh channel, which (unlike a zero timeout) is not
    /// held back to 4 ms when such waits follow one another.
    async fn next_task() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let Ok(channel) = web_sys::MessageChannel::new() else {
                let _ = resolve.call0(&JsValue::UNDEFINED);
                return;
            };
            // The handler keeps the channel alive until the message comes.
            let (port, sender) = (channel.port1(), channel.port2());
            let on_message = Closure::once_into_js(move || {
                let _channel = channel;
                let _ = resolve.call0(&JsValue::UNDEFINED);
            });
            port.set_onmessage(Some(on_message.unchecked_ref()));
            let _ = sender.post_message(&JsValue::UNDEFINED);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    /// The page's pause: gives way to the browser once a slice of work is spent.
    pub struct Slices {
        until: f64,
        points: u32,
        clock_every: u32,
    }

    impl Slices {
        /// Looks at the clock every `clock_every` points: 8 when a point is an element's work
        /// (microseconds, where the clock would cost more than the work), 1 when it is a
        /// line's.
        pub fn new(clock_every: u32) -> Self {
            Slices { until: now_ms() + SLICE_MS, points: 0, clock_every: clock_every.max(1) }
        }
    }

    impl Pause for Slices {
        async fn point(&mut self) {
            self.points = self.points.wrapping_add(1);
            if self.points % self.clock_every == 0 && now_ms() > self.until {
                next_task().await;
                self.until = now_ms() + SLICE_MS;
            }
        }
    }
}

/// A pause for tests: counts its points, and at each one is not ready the first time it is
/// polled, as the page's pause is not when it ends a slice.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct Counting {
    pub points: usize,
}

#[cfg(test)]
impl Pause for Counting {
    fn point(&mut self) -> impl Future<Output = ()> {
        self.points += 1;
        let mut waited = false;
        std::future::poll_fn(move |context| {
            if std::mem::replace(&mut waited, true) {
                return Poll::Ready(());
            }
            context.waker().wake_by_ref();
            Poll::Pending
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::graph::GraphModel;
    use crate::map::MapModel;
    use crate::validate::{check_pausing, parse_pausing};
    use crate::world::World;
    use crate::{check, parse, Story};

    async fn sum(items: &[u32], pause: &mut impl Pause) -> u32 {
        let mut total = 0;
        for item in items {
            total += item;
            pause.point().await;
        }
        total
    }

    #[test]
    fn work_that_pauses_ends_as_work_that_does_not() {
        let items: Vec<u32> = (1..=100).collect();
        let mut counting = Counting::default();
        assert_eq!(finish(sum(&items, &mut counting)), 5050);
        assert_eq!(counting.points, 100, "a point per item, each waited at");
        assert_eq!(finish(sum(&items, &mut Never)), 5050);
    }

    /// Loading in slices: every step whose work grows with the dataset gives way between
    /// items, and ends exactly as it does when nothing pauses.
    #[test]
    fn loading_steps_give_way_between_items_and_end_as_without_pauses() {
        let (dataset, article) = crate::synth::synthesize(60, 1);
        let text = serde_json::to_string_pretty(&dataset).unwrap();
        let sources: BTreeMap<String, Result<String, String>> =
            dataset.story.sources.iter().map(|s| (s.id.clone(), Ok(article.clone()))).collect();
        let items = dataset.entities.len() + dataset.relations.len() + dataset.facts.len();

        let mut pause = Counting::default();
        let parsed = finish(parse_pausing(&text, &mut pause));
        let points = pause.points;
        assert_eq!(parsed, parse(&text));
        assert!(parsed.is_ok());
        assert!(points >= items, "parse: {points} points for {items} items");

        let mut pause = Counting::default();
        let problems = finish(check_pausing(&text, &dataset, &sources, &mut pause));
        let points = pause.points;
        assert_eq!(problems, check(&text, &dataset, &sources));
        assert!(points >= items, "check: {points} points for {items} items");

        let texts: BTreeMap<String, String> = BTreeMap::from([(dataset.story.sources[0].id.clone(), article.clone())]);
        let mut pause = Counting::default();
        let story = finish(Story::new_pausing(dataset.clone(), texts.clone(), &mut pause));
        let points = pause.points;
        assert_eq!(story, Story::new(dataset.clone(), texts));
        assert!(points >= items, "story: {points} points for {items} items");

        let mut pause = Counting::default();
        let graph = finish(GraphModel::new_pausing(&story, &mut pause));
        let points = pause.points;
        assert_eq!(graph, GraphModel::new(&story));
        assert!(points >= dataset.entities.len() + dataset.relations.len(), "graph: {points} points");

        let world = World::from_json(include_str!("../../../data/world.json")).unwrap();
        let mut pause = Counting::default();
        let map = finish(MapModel::new_pausing(&story, &world, &mut pause));
        let points = pause.points;
        assert_eq!(map, MapModel::new(&story, &world));
        assert!(points >= world.countries.len() + items, "map: {points} points");
    }
}
