//! The clock and the frame loop the layout and the canvas slice their work by.

/// Milliseconds from a monotonic clock, for time-slicing work between frames.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let global = js_sys::global();
        let performance = match global.dyn_ref::<web_sys::Window>() {
            Some(window) => window.performance(),
            None => global.dyn_ref::<web_sys::WorkerGlobalScope>().and_then(|scope| scope.performance()),
        };
        performance.map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    0.0
}

/// Runs `frame` on every animation frame until it returns false or the returned handle drops.
pub struct FrameLoop {
    #[cfg(target_arch = "wasm32")]
    _frame: std::rc::Rc<std::cell::RefCell<Option<gloo::render::AnimationFrame>>>,
}

/// Starts a [`FrameLoop`].
pub fn every_frame(frame: impl FnMut() -> bool + 'static) -> FrameLoop {
    #[cfg(target_arch = "wasm32")]
    {
        use std::cell::RefCell;
        use std::rc::{Rc, Weak};
        type Slot = RefCell<Option<gloo::render::AnimationFrame>>;
        fn schedule(slot: Weak<Slot>, frame: Rc<RefCell<dyn FnMut() -> bool>>) {
            let Some(strong) = slot.upgrade() else { return };
            let next = slot.clone();
            let handle = gloo::render::request_animation_frame(move |_| {
                if (frame.borrow_mut())() {
                    schedule(next, frame.clone());
                }
            });
            *strong.borrow_mut() = Some(handle);
        }
        let slot: Rc<Slot> = Rc::new(RefCell::new(None));
        schedule(Rc::downgrade(&slot), Rc::new(RefCell::new(frame)));
        FrameLoop { _frame: slot }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = frame;
        FrameLoop {}
    }
}
