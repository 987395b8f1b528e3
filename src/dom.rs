//! The few browser side effects components need, for use in effects and handlers only.
//!
//! Natively (tests, server rendering) they do nothing, which keeps `cfg` out of components.

use yew::NodeRef;

/// Keeps a document listener alive until dropped.
pub struct Listener {
    #[cfg(target_arch = "wasm32")]
    _listening: gloo::events::EventListener,
}

/// Calls `on_escape` whenever Escape is pressed anywhere in the document.
pub fn listen_for_escape(on_escape: impl Fn() + 'static) -> Listener {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let document = gloo::utils::document();
        let listening = gloo::events::EventListener::new(&document, "keydown", move |event| {
            if event.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|e| e.key() == "Escape") {
                on_escape();
            }
        });
        Listener { _listening: listening }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = on_escape;
        Listener {}
    }
}

/// Moves focus to `node` if focus has fallen back to the page (its element was removed).
pub fn focus_if_lost(node: &NodeRef) {
    #[cfg(target_arch = "wasm32")]
    {
        let lost = gloo::utils::document().active_element().is_none_or(|el| el.tag_name() == "BODY");
        if let (true, Some(element)) = (lost, node.cast::<web_sys::HtmlElement>()) {
            let _ = element.focus();
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = node;
}
