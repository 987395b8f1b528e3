//! The +, − and Reset buttons that the map and the graph share.

use factlens_core::map::{HEIGHT, WIDTH};
use factlens_core::words::{t, Word};
use yew::prelude::*;

use crate::map_view::{ViewAction, ZOOM_STEP};

/// The zoom buttons of a view, named for screen readers by `names`: the group's, then zoom in,
/// zoom out and reset ("Zoom graph in"). A function, not a component: it holds no state, and
/// each component costs the page's code its own copy of Yew's lifecycle.
pub fn zoom_controls(names: [Word; 4], on_view: &Callback<ViewAction>) -> Html {
    // One kind of callback for the three buttons.
    let act = |action: ViewAction| on_view.reform(move |_: MouseEvent| action);
    let zoom = |factor: f64| act(ViewAction::ZoomAt { factor, center: (WIDTH / 2.0, HEIGHT / 2.0) });
    html! {
        <div class="fl-map__zoom" role="group" aria-label={t(names[0])}>
            <button type="button" class="fl-button" aria-label={t(names[1])} onclick={zoom(ZOOM_STEP)}>{ "+" }</button>
            <button type="button" class="fl-button" aria-label={t(names[2])} onclick={zoom(1.0 / ZOOM_STEP)}>{ "−" }</button>
            <button type="button" class="fl-button" aria-label={t(names[3])} onclick={act(ViewAction::Reset)}>{ t(Word::Reset) }</button>
        </div>
    }
}
