//! The few browser side effects components need, for use in effects and handlers only.
//!
//! Natively (tests, server rendering) they do nothing, which keeps `cfg` out of components.

use yew::NodeRef;

/// Keeps a document listener alive until dropped.
pub struct Listener {
    #[cfg(target_arch = "wasm32")]
    _listening: Option<gloo::events::EventListener>,
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
        Listener { _listening: Some(listening) }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = on_escape;
        Listener {}
    }
}

/// Focuses `input` whenever `/` is typed outside a text field (the search box's shortcut).
pub fn focus_on_slash(input: NodeRef) -> Listener {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let document = gloo::utils::document();
        let listening = gloo::events::EventListener::new_with_options(
            &document,
            "keydown",
            gloo::events::EventListenerOptions::enable_prevent_default(),
            move |event| {
                let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                let in_field = key
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                if key.key() == "/" && !in_field {
                    if let Some(input) = input.cast::<web_sys::HtmlElement>() {
                        event.prevent_default();
                        let _ = input.focus();
                    }
                }
            },
        );
        Listener { _listening: Some(listening) }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = input;
        Listener {}
    }
}

/// `text` in lower case with its accented letters split into letter and marks (Unicode's NFD),
/// by the browser, for search (`factlens_core::search::fold`). Natively, as it is.
pub fn decompose(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return String::from(js_sys::JsString::from(text).normalize("NFD").to_lower_case());
    #[cfg(not(target_arch = "wasm32"))]
    text.to_owned()
}

/// Whether `text` holds `part`, by the browser's `includes` (the page's wasm carries no string
/// search of its own).
pub fn includes(text: &str, part: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(text).includes(part, 0);
    #[cfg(not(target_arch = "wasm32"))]
    text.contains(part)
}

/// Calls `on_change` with the page's URL fragment now and whenever it changes (a link opened,
/// back or forward, a host page's command).
pub fn follow_fragment(on_change: impl Fn(&str) + 'static) -> Listener {
    #[cfg(target_arch = "wasm32")]
    {
        let window = gloo::utils::window();
        let fragment = || gloo::utils::window().location().hash().unwrap_or_default();
        on_change(&fragment());
        let listening = gloo::events::EventListener::new(&window, "hashchange", move |_| on_change(&fragment()));
        Listener { _listening: Some(listening) }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = on_change;
        Listener {}
    }
}

/// Writes the page's address (with the selection in its fragment) into `node` before each
/// print, so a print-out says where it came from.
pub fn write_address_before_print(node: NodeRef) -> Listener {
    #[cfg(target_arch = "wasm32")]
    {
        let window = gloo::utils::window();
        let listening = gloo::events::EventListener::new(&window, "beforeprint", move |_| {
            if let Some(element) = node.get() {
                element.set_text_content(gloo::utils::window().location().href().ok().as_deref());
            }
        });
        Listener { _listening: Some(listening) }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = node;
        Listener {}
    }
}

/// The element `event` happened on, or its nearest ancestor, matching `selector`.
pub fn closest(event: &impl yew::TargetCast, selector: &str) -> Option<web_sys::Element> {
    event.target_dyn_into::<web_sys::Element>()?.closest(selector).ok().flatten()
}

/// Scrolls `container`, which scrolls within itself, to bring its first element matching
/// `selector` into view (a third of the way down); the page itself does not move.
pub fn scroll_within(container: &NodeRef, selector: &str) {
    let Some(container) = container.cast::<web_sys::Element>() else { return };
    let Ok(Some(target)) = container.query_selector(selector) else { return };
    let (outer, inner) = (container.get_bounding_client_rect(), target.get_bounding_client_rect());
    if inner.top() < outer.top() || inner.bottom() > outer.bottom() {
        let by = inner.top() - outer.top() - outer.height() / 3.0;
        container.set_scroll_top(container.scroll_top() + by as i32);
    }
}

/// Puts `fragment` in the page's URL: a step in its history if `step`, else in place of the
/// present one. Nothing happens if it is there already.
pub fn set_fragment(fragment: &str, step: bool) {
    #[cfg(target_arch = "wasm32")]
    {
        let location = gloo::utils::window().location();
        if location.hash().unwrap_or_default().trim_start_matches('#') == fragment {
            return;
        }
        let _ = if step { location.set_hash(fragment) } else { location.replace(&format!("#{fragment}")) };
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (fragment, step);
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

/// A client (CSS pixel) position as map units of the SVG in `svg`, and the map units per CSS
/// pixel. The SVG keeps its aspect ratio, so one factor serves both axes.
pub fn client_to_map(svg: &NodeRef, client: (f64, f64)) -> Option<((f64, f64), f64)> {
    let element = svg.cast::<web_sys::Element>()?;
    let rect = element.get_bounding_client_rect();
    if rect.width() <= 0.0 {
        return None;
    }
    let units_per_pixel = factlens_core::map::WIDTH / rect.width();
    Some((((client.0 - rect.left()) * units_per_pixel, (client.1 - rect.top()) * units_per_pixel), units_per_pixel))
}

/// Focuses the first element under `root` that matches a CSS selector.
pub fn focus_within(root: &NodeRef, selector: &str) {
    let found = root.cast::<web_sys::Element>().and_then(|root| root.query_selector(selector).ok().flatten());
    if let Some(element) = found {
        focus(&element);
    }
}

/// Focuses an element, HTML or SVG.
pub fn focus(element: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Some(element) = element.dyn_ref::<web_sys::SvgElement>() {
        let _ = element.focus();
    } else if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Calls `on_wheel(delta_y, client_x, client_y)` for wheel events over `target`, and stops the
/// page from scrolling meanwhile (which needs a non-passive listener, hence not a Yew prop).
pub fn listen_for_wheel(target: &NodeRef, on_wheel: impl Fn(f64, f64, f64) + 'static) -> Listener {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let listening = target.cast::<web_sys::Element>().map(|element| {
            gloo::events::EventListener::new_with_options(&element, "wheel", options, move |event| {
                if let Some(wheel) = event.dyn_ref::<web_sys::WheelEvent>() {
                    event.prevent_default();
                    // Lines and pages count as roughly 16 and 400 pixels.
                    let scale = match wheel.delta_mode() {
                        1 => 16.0,
                        2 => 400.0,
                        _ => 1.0,
                    };
                    on_wheel(wheel.delta_y() * scale, f64::from(wheel.client_x()), f64::from(wheel.client_y()));
                }
            })
        });
        Listener { _listening: listening }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (target, on_wheel);
        Listener {}
    }
}

/// Calls `on_change` with whether the page is phone-narrow (the style sheet's 900 px: views as
/// tabs, long lists folded), now and whenever that changes (a rotation, a resized window).
/// Natively, never.
pub fn follow_narrow(on_change: impl Fn(bool) + 'static) -> Listener {
    #[cfg(target_arch = "wasm32")]
    {
        let Ok(Some(query)) = gloo::utils::window().match_media("(max-width: 899px)") else {
            return Listener { _listening: None };
        };
        on_change(query.matches());
        let listening = gloo::events::EventListener::new(&query.clone(), "change", move |_| on_change(query.matches()));
        Listener { _listening: Some(listening) }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = on_change;
        Listener {}
    }
}

/// Scrolls `node`'s own content back to its top (the details panel scrolls within itself, beside
/// the views on a wide screen and as a sheet on a phone: the page never jumps).
pub fn scroll_to_top(node: &NodeRef) {
    if let Some(element) = node.cast::<web_sys::Element>() {
        element.set_scroll_top(0);
    }
}

/// On a phone, where the details open as a sheet over the lower screen: scrolls the page just
/// enough that what is picked in the map or the graph, where it is on screen, shows above the
/// sheet `sheet`. (On a wide screen the sheet is beside the views, and nothing moves.)
pub fn keep_pick_above(sheet: &NodeRef) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(sheet) = sheet.cast::<web_sys::Element>() else { return };
        let window = gloo::utils::window();
        let sheet_top = sheet.get_bounding_client_rect().top();
        let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
        if sheet_top <= 0.0 || sheet_top >= height - 1.0 {
            return;
        }
        let picked = gloo::utils::document().query_selector_all(".fl-map [data-selected], .fl-graph [data-selected]");
        let Ok(picked) = picked else { return };
        for i in 0..picked.length() {
            let Some(element) = picked.item(i).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) else {
                continue;
            };
            let rect = element.get_bounding_client_rect();
            if rect.bottom() > 0.0 && rect.top() < height {
                if rect.bottom() > sheet_top {
                    // A margin of 8 px, and never so far that its top leaves the screen.
                    window.scroll_by_with_x_and_y(0.0, (rect.bottom() - sheet_top + 8.0).min(rect.top().max(0.0)));
                }
                return;
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = sheet;
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// Where the focus was when the reader last picked something in a view.
    static ORIGIN: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
}

/// Remembers the focused element as where a selection was made, unless it is inside the details
/// panel (whose buttons are replaced with the selection): Escape returns there.
pub fn remember_origin() {
    #[cfg(target_arch = "wasm32")]
    {
        let active = gloo::utils::document().active_element();
        if let Some(active) = active.filter(|el| el.closest(".fl-details").ok().flatten().is_none()) {
            ORIGIN.with(|origin| origin.replace(Some(active)));
        }
    }
}

/// Focuses where the last selection was made, if it is still on the page.
pub fn return_focus() {
    #[cfg(target_arch = "wasm32")]
    ORIGIN.with(|origin| {
        if let Some(element) = origin.borrow().as_ref().filter(|el| el.is_connected()) {
            focus(element);
        }
    });
}

/// A client (CSS pixel) position in the user space of the SVG group `group` (its own
/// coordinates, after every transform above it), via the inverse of its screen matrix.
pub fn client_to_local(group: &NodeRef, client: (f64, f64)) -> Option<(f64, f64)> {
    let element = group.cast::<web_sys::SvgGraphicsElement>()?;
    let m = element.get_screen_ctm()?;
    let (a, b, c, d, e, f) = (m.a() as f64, m.b() as f64, m.c() as f64, m.d() as f64, m.e() as f64, m.f() as f64);
    let det = a * d - b * c;
    if det.abs() < 1e-12 {
        return None;
    }
    let (x, y) = (client.0 - e, client.1 - f);
    Some(((d * x - c * y) / det, (a * y - b * x) / det))
}
