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

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts its points and waits once at each (as a page's pause does at the end of a slice).
    struct Counting(usize);

    impl Pause for Counting {
        fn point(&mut self) -> impl Future<Output = ()> {
            self.0 += 1;
            let mut waited = false;
            std::future::poll_fn(move |context| {
                if waited {
                    return Poll::Ready(());
                }
                waited = true;
                context.waker().wake_by_ref();
                Poll::Pending
            })
        }
    }

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
        let mut counting = Counting(0);
        assert_eq!(finish(sum(&items, &mut counting)), 5050);
        assert_eq!(counting.0, 100, "a point per item, each waited at");
        assert_eq!(finish(sum(&items, &mut Never)), 5050);
    }
}
