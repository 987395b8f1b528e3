//! Pan and zoom of a view (the map's, the graph's): a transform over fixed drawings, with its
//! limits in one place, and the one hook that turns the wheel, drags and pinches into it.

use std::cell::RefCell;
use std::rc::Rc;

use factlens_core::map::{HEIGHT, REACH, WIDTH};
use factlens_core::svg_path::Fixed;
use yew::{
    hook, use_effect_with, use_mut_ref, use_reducer, Callback, NodeRef, PointerEvent, Reducible, TargetCast,
    UseReducerDispatcher, UseReducerHandle,
};

/// CSS pixels a pointer may move and still count as a tap (a click).
const TAP_SLOP: f64 = 4.0;

/// The smallest and largest zoom factors. The first view (1) frames the story; zoomed out to
/// the smallest, the view shows all that a pan can reach ([`REACH`] beyond each edge).
pub const MIN_ZOOM: f64 = 1.0 / (1.0 + 2.0 * REACH);
/// See [`MIN_ZOOM`].
pub const MAX_ZOOM: f64 = 16.0;
/// How much one +/− press zooms.
pub const ZOOM_STEP: f64 = 1.6;

/// `translate(x, y) scale(k)` in map units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    pub k: f64,
    pub x: f64,
    pub y: f64,
}

impl Default for MapView {
    fn default() -> Self {
        MapView { k: 1.0, x: 0.0, y: 0.0 }
    }
}

/// What can happen to the view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ViewAction {
    /// Zoom by `factor`, keeping the map point under `center` (map units) where it is.
    ZoomAt { factor: f64, center: (f64, f64) },
    /// Move by a distance in map units.
    PanBy { dx: f64, dy: f64 },
    /// Back to the framed story.
    Reset,
}

impl MapView {
    /// The SVG `transform` attribute.
    pub fn transform(&self) -> String {
        format!("translate({} {}) scale({})", Fixed(self.x, 2), Fixed(self.y, 2), Fixed(self.k, 4))
    }

    /// Where a map point is drawn, in map units.
    pub fn apply(&self, (px, py): (f64, f64)) -> (f64, f64) {
        (self.x + self.k * px, self.y + self.k * py)
    }

    /// Keeps at least half the drawing area covered by the map, so it cannot be lost.
    fn clamped(self) -> Self {
        let k = self.k.clamp(MIN_ZOOM, MAX_ZOOM);
        // The view may show `REACH` of the frame beyond each edge; the map leaves out what lies
        // further (`factlens_core::map`).
        let clamp_axis = |offset: f64, size: f64| offset.clamp(size - (1.0 + REACH) * size * k, REACH * size * k);
        MapView { k, x: clamp_axis(self.x, WIDTH), y: clamp_axis(self.y, HEIGHT) }
    }

    /// The view after `action`.
    pub fn after(self, action: ViewAction) -> Self {
        match action {
            ViewAction::ZoomAt { factor, center: (cx, cy) } => {
                let k = (self.k * factor).clamp(MIN_ZOOM, MAX_ZOOM);
                let ratio = k / self.k;
                MapView { k, x: cx - (cx - self.x) * ratio, y: cy - (cy - self.y) * ratio }.clamped()
            }
            ViewAction::PanBy { dx, dy } => MapView { x: self.x + dx, y: self.y + dy, ..self }.clamped(),
            ViewAction::Reset => MapView::default(),
        }
    }
}

impl Reducible for MapView {
    type Action = ViewAction;

    fn reduce(self: Rc<Self>, action: ViewAction) -> Rc<Self> {
        let next = (*self).after(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// Records where pointer `id` is.
fn set_pointer(pointers: &mut Vec<(i32, (f64, f64))>, id: i32, at: (f64, f64)) {
    match pointers.iter_mut().find(|(k, _)| *k == id) {
        Some(entry) => entry.1 = at,
        None => pointers.push((id, at)),
    }
}

/// The distance between two points (a square root, which is one wasm instruction, where
/// `hypot` would bring its own code into the page).
fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).sqrt()
}

/// The zoom factor for a wheel's scroll of `delta` pixels: e^(−delta/500) by its (2, 2) Padé
/// approximant (within 0.02% up to 300 px; no `exp` in the page), which keeps scrolling back
/// an exact undo.
pub fn wheel_factor(delta: f64) -> f64 {
    let x = (-delta / 500.0).clamp(-2.0, 2.0);
    let (odd, even) = (x / 2.0, 1.0 + x * x / 12.0);
    (even + odd) / (even - odd)
}

/// A two-finger pinch, one finger moved from `before` to `now` while the other rests at
/// `other` (client pixels): the zoom factor (the change in the fingers' distance) and the
/// client point to zoom around (their midpoint). `None` while the fingers touch.
pub fn pinch(before: (f64, f64), now: (f64, f64), other: (f64, f64)) -> Option<(f64, (f64, f64))> {
    let old = distance(before, other);
    let new = distance(now, other);
    (old > 0.0 && new > 0.0).then_some((new / old, ((now.0 + other.0) / 2.0, (now.1 + other.1) / 2.0)))
}

/// Zooms the view with the mouse wheel over `svg`, around the pointer. The listener is not a
/// Yew prop because it must be able to stop the page from scrolling (non-passive).
#[hook]
pub fn use_wheel_zoom(svg: NodeRef, view: UseReducerDispatcher<MapView>) {
    use_effect_with((), move |_| {
        let target = svg.clone();
        let listener = crate::dom::listen_for_wheel(&target, move |delta, x, y| {
            if let Some((center, _)) = crate::dom::client_to_map(&svg, (x, y)) {
                view.dispatch(ViewAction::ZoomAt { factor: wheel_factor(delta), center });
            }
        });
        move || {
            let _listener = listener;
        }
    });
}

/// A pointer gesture over a view: a drag that pans it (or moves what was grabbed), or a
/// two-finger pinch that zooms it. A tap is left to the click that follows.
#[derive(Default)]
struct Gesture {
    /// Pointers down, where each last was (client pixels).
    /// Each pressed pointer's id and last client position (one or two: a short list beats a
    /// hash map's code in the page).
    pointers: Vec<(i32, (f64, f64))>,
    /// What the first pointer grabbed (a graph's node); with nothing, a drag pans.
    grabbed: Option<usize>,
    /// The gesture moved past a tap, or pinched: the click that ends it selects nothing.
    /// Cleared when the next gesture starts.
    moved: bool,
}

/// Pan and zoom of one view: its transform, the wheel, and pointer gestures. Event handlers
/// call it; it calls back only to move what was grabbed.
#[derive(Clone)]
pub struct PanZoom {
    pub view: UseReducerHandle<MapView>,
    svg: NodeRef,
    gesture: Rc<RefCell<Gesture>>,
}

/// Pan and zoom over the view drawn in `svg` (whose viewBox is the map's drawing area).
#[hook]
pub fn use_pan_zoom(svg: NodeRef) -> PanZoom {
    let view = use_reducer(MapView::default);
    let gesture = use_mut_ref(Gesture::default);
    use_wheel_zoom(svg.clone(), view.dispatcher());
    PanZoom { view, svg, gesture }
}

fn client(event: &PointerEvent) -> (f64, f64) {
    (f64::from(event.client_x()), f64::from(event.client_y()))
}

impl PanZoom {
    /// A pointer pressed. The first starts a gesture, grabbing `grabbed` (a node to drag) or
    /// nothing (a pan).
    pub fn press(&self, event: &PointerEvent, grabbed: Option<usize>) {
        let mut gesture = self.gesture.borrow_mut();
        if gesture.pointers.is_empty() {
            (gesture.moved, gesture.grabbed) = (false, grabbed);
        }
        set_pointer(&mut gesture.pointers, event.pointer_id(), client(event));
    }

    /// A pointer moved: two pinch; one, once past a tap, pans the view or tells `drag` where
    /// the grabbed thing is to go (client pixels).
    pub fn move_to(&self, event: &PointerEvent, drag: impl FnOnce(usize, (f64, f64))) {
        let (id, now) = (event.pointer_id(), client(event));
        let mut gesture = self.gesture.borrow_mut();
        let Some(&(_, before)) = gesture.pointers.iter().find(|(k, _)| *k == id) else { return };
        if gesture.pointers.len() == 2 {
            // Pinch: zoom by the change in the fingers' distance, around their midpoint.
            let other = gesture.pointers.iter().find(|(k, _)| *k != id).map_or(before, |&(_, p)| p);
            set_pointer(&mut gesture.pointers, id, now);
            gesture.moved = true;
            drop(gesture);
            if let Some((factor, mid)) = pinch(before, now, other) {
                if let Some((center, _)) = crate::dom::client_to_map(&self.svg, mid) {
                    self.view.dispatch(ViewAction::ZoomAt { factor, center });
                }
            }
            return;
        }
        if !gesture.moved && distance(now, before) < TAP_SLOP {
            return;
        }
        if !gesture.moved {
            gesture.moved = true;
            // Capture only once it is a drag, so a tap still clicks what is under it.
            if let Some(target) = event.target_dyn_into::<web_sys::Element>() {
                let _ = target.set_pointer_capture(id);
            }
        }
        set_pointer(&mut gesture.pointers, id, now);
        let grabbed = gesture.grabbed;
        drop(gesture);
        match grabbed {
            Some(grabbed) => drag(grabbed, now),
            None => {
                if let Some((_, ratio)) = crate::dom::client_to_map(&self.svg, now) {
                    self.view
                        .dispatch(ViewAction::PanBy { dx: (now.0 - before.0) * ratio, dy: (now.1 - before.1) * ratio });
                }
            }
        }
    }

    /// A pointer lifted or cancelled; at the end of a drag, what it moved.
    pub fn release(&self, event: &PointerEvent) -> Option<usize> {
        let mut gesture = self.gesture.borrow_mut();
        gesture.pointers.retain(|(k, _)| *k != event.pointer_id());
        let dragged = gesture.moved.then_some(gesture.grabbed).flatten();
        if gesture.pointers.is_empty() {
            gesture.grabbed = None;
        }
        dragged
    }

    /// Whether the gesture moved (a drag, a pinch): its click selects nothing.
    pub fn moved(&self) -> bool {
        self.gesture.borrow().moved
    }

    /// Zooms around the middle of the view (the keyboard's + and −).
    pub fn zoom(&self, factor: f64) {
        self.view.dispatch(ViewAction::ZoomAt { factor, center: (WIDTH / 2.0, HEIGHT / 2.0) });
    }

    /// The zoom buttons' callback.
    pub fn on_view(&self) -> Callback<ViewAction> {
        let view = self.view.dispatcher();
        Callback::from(move |action: ViewAction| view.dispatch(action))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_wheel_zooms_like_an_exponential_and_scrolling_back_undoes_it() {
        for delta in [-300.0, -100.0, -3.0, 0.0, 53.0, 100.0] {
            let factor = super::wheel_factor(delta);
            assert!((factor / (-delta / 500.0_f64).exp() - 1.0).abs() < 2e-4, "{delta}: {factor}");
            assert!((factor * super::wheel_factor(-delta) - 1.0).abs() < 1e-12);
        }
        assert!(super::wheel_factor(1e9) > 0.0, "a huge scroll still zooms out, not through zero");
    }

    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn zooming_keeps_the_point_under_the_cursor_fixed() {
        let view = MapView::default();
        let center = (300.0, 200.0);
        let zoomed = view.after(ViewAction::ZoomAt { factor: 2.0, center });
        assert_eq!(zoomed.k, 2.0);
        // The map point that was at `center` is still drawn there.
        let map_point = ((center.0 - view.x) / view.k, (center.1 - view.y) / view.k);
        assert!(close(zoomed.apply(map_point), center));
    }

    #[test]
    fn a_pinch_zooms_by_the_change_in_finger_distance_around_their_midpoint() {
        let (factor, mid) = pinch((90.0, 100.0), (80.0, 100.0), (110.0, 100.0)).unwrap();
        assert!((factor - 1.5).abs() < 1e-12, "20 px apart became 30");
        assert!(close(mid, (95.0, 100.0)));
        assert_eq!(pinch((110.0, 100.0), (100.0, 100.0), (110.0, 100.0)), None);
    }

    #[test]
    fn zoom_and_pan_stay_within_limits() {
        let mut view = MapView::default();
        for _ in 0..20 {
            view = view.after(ViewAction::ZoomAt { factor: ZOOM_STEP, center: (480.0, 270.0) });
        }
        assert_eq!(view.k, MAX_ZOOM);
        view = view.after(ViewAction::ZoomAt { factor: 1e-6, center: (0.0, 0.0) });
        assert_eq!(view.k, MIN_ZOOM);
        // Fully zoomed out, the view is all a pan can reach, and there is nowhere to pan.
        assert_eq!((view.x, view.y), (WIDTH * REACH * MIN_ZOOM, HEIGHT * REACH * MIN_ZOOM));
        assert_eq!(view.after(ViewAction::PanBy { dx: 1e3, dy: -1e3 }), view);
        // At the first zoom, a pan stops REACH of the frame beyond its edges.
        let far = MapView::default().after(ViewAction::PanBy { dx: 1e6, dy: -1e6 });
        assert_eq!((far.x, far.y), (WIDTH * REACH, -HEIGHT * REACH));
        assert_eq!(far.after(ViewAction::Reset), MapView::default());
    }

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_rc() {
        let view = Rc::new(MapView::default());
        let same = view.clone().reduce(ViewAction::Reset);
        assert!(Rc::ptr_eq(&view, &same));
        let out = view.reduce(ViewAction::ZoomAt { factor: 1e-6, center: (10.0, 10.0) });
        let further = out.clone().reduce(ViewAction::ZoomAt { factor: 0.5, center: (10.0, 10.0) });
        assert!(Rc::ptr_eq(&out, &further), "already fully zoomed out");
    }
}
