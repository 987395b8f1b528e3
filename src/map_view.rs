//! Pan and zoom of the map: a transform over the fixed paths, with its limits in one place.

use std::rc::Rc;

use factlens_core::map::{HEIGHT, REACH, WIDTH};
use factlens_core::svg_path::Fixed;
use yew::{hook, use_effect_with, NodeRef, Reducible, UseReducerDispatcher};

/// The smallest and largest zoom factors.
pub const MIN_ZOOM: f64 = 1.0;
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
        let clamp_axis = |offset: f64, size: f64| offset.clamp(size * (1.0 - k) - size * REACH, size * REACH);
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

/// A two-finger pinch, one finger moved from `before` to `now` while the other rests at
/// `other` (client pixels): the zoom factor (the change in the fingers' distance) and the
/// client point to zoom around (their midpoint). `None` while the fingers touch.
pub fn pinch(before: (f64, f64), now: (f64, f64), other: (f64, f64)) -> Option<(f64, (f64, f64))> {
    let old = (before.0 - other.0).hypot(before.1 - other.1);
    let new = (now.0 - other.0).hypot(now.1 - other.1);
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
                view.dispatch(ViewAction::ZoomAt { factor: (-delta / 500.0).exp(), center });
            }
        });
        move || {
            let _listener = listener;
        }
    });
}

#[cfg(test)]
mod tests {
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
        let far = view.after(ViewAction::PanBy { dx: 1e6, dy: -1e6 });
        assert_eq!((far.x, far.y), (WIDTH / 2.0, -HEIGHT / 2.0));
        assert_eq!(far.after(ViewAction::Reset), MapView::default());
    }

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_rc() {
        let view = Rc::new(MapView::default());
        let same = view.clone().reduce(ViewAction::Reset);
        assert!(Rc::ptr_eq(&view, &same));
        let out = view.clone().reduce(ViewAction::ZoomAt { factor: 0.5, center: (10.0, 10.0) });
        assert!(Rc::ptr_eq(&view, &out), "already fully zoomed out");
    }
}
