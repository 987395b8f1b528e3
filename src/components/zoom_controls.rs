//! The +, − and Reset buttons that the map and the graph share.

use factlens_core::map::{HEIGHT, WIDTH};
use yew::prelude::*;

use crate::map_view::{ViewAction, ZOOM_STEP};

/// The zoom buttons of a view; `subject` names it for screen readers ("graph", or "" for the
/// map). A function, not a component: it holds no state, and each component costs the page's
/// code its own copy of Yew's lifecycle.
pub fn zoom_controls(subject: &str, on_view: &Callback<ViewAction>) -> Html {
    let subject = if subject.is_empty() { String::new() } else { format!("{subject} ") };
    let zoom = |factor: f64| {
        let on_view = on_view.clone();
        Callback::from(move |_: MouseEvent| {
            on_view.emit(ViewAction::ZoomAt { factor, center: (WIDTH / 2.0, HEIGHT / 2.0) })
        })
    };
    let reset = {
        let on_view = on_view.clone();
        Callback::from(move |_: MouseEvent| on_view.emit(ViewAction::Reset))
    };
    html! {
        <div class="fl-map__zoom" role="group" aria-label={format!("{subject}zoom").trim().to_owned()}>
            <button type="button" class="fl-button" aria-label={format!("Zoom {subject}in")} onclick={zoom(ZOOM_STEP)}>{ "+" }</button>
            <button type="button" class="fl-button" aria-label={format!("Zoom {subject}out")} onclick={zoom(1.0 / ZOOM_STEP)}>{ "−" }</button>
            <button type="button" class="fl-button" aria-label={format!("Reset {subject}zoom")} onclick={reset}>{ "Reset" }</button>
        </div>
    }
}
