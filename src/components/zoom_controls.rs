//! The +, − and Reset buttons that the map and the graph share.

use factlens_core::map::{HEIGHT, WIDTH};
use yew::prelude::*;

use crate::map_view::{ViewAction, ZOOM_STEP};

/// The zoom buttons of a view; `subject` names it for screen readers ("graph", or "" for the
/// map). A function, not a component: it holds no state, and each component costs the page's
/// code its own copy of Yew's lifecycle.
pub fn zoom_controls(subject: &str, on_view: &Callback<ViewAction>) -> Html {
    // The labels by plain concatenation (a `format!` each was a few hundred bytes of wasm), and
    // one kind of callback for the three buttons.
    let named = |before: &str, after: &str| {
        let mut label = String::from(before);
        if !subject.is_empty() {
            label.push_str(subject);
            label.push(' ');
        }
        label.push_str(after);
        label
    };
    let act = |action: ViewAction| on_view.reform(move |_: MouseEvent| action);
    let zoom = |factor: f64| act(ViewAction::ZoomAt { factor, center: (WIDTH / 2.0, HEIGHT / 2.0) });
    html! {
        <div class="fl-map__zoom" role="group" aria-label={named("", "zoom")}>
            <button type="button" class="fl-button" aria-label={named("Zoom ", "in")} onclick={zoom(ZOOM_STEP)}>{ "+" }</button>
            <button type="button" class="fl-button" aria-label={named("Zoom ", "out")} onclick={zoom(1.0 / ZOOM_STEP)}>{ "−" }</button>
            <button type="button" class="fl-button" aria-label={named("Reset ", "zoom")} onclick={act(ViewAction::Reset)}>{ "Reset" }</button>
        </div>
    }
}
