//! Starts the explorer in `#factlens` (or the body, for a bare page).
//!
//! A published page holds its story and the HTML rendered from it at build time: the app
//! hydrates that HTML (takes it over where it stands, so nothing jumps and a reader's scroll
//! position and text selection stay). A raw dataset (`?dataset=`), or a page built without a
//! story, starts empty and loads.
fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        use factlens::state::{AppState, Load, LoadFailure};
        use factlens::AppProps;
        let document = gloo::utils::document();
        let root = document.get_element_by_id("factlens").or_else(|| document.body().map(Into::into));
        let Some(root) = root else { return };
        let published = factlens::load::published_story();
        let initial = match (factlens::load::requested_dataset(), published) {
            (None, Some(Ok(compiled))) => {
                let props = AppProps { initial: Some(AppState::ready(compiled)) };
                // Hydrated in a task of its own: reading a large story and taking over its page
                // are each a long piece of work, and the page may paint and answer between them.
                gloo::timers::callback::Timeout::new(0, move || {
                    yew::Renderer::<factlens::App>::with_root_and_props(root.clone(), props).hydrate();
                    // For tests and host pages: the HTML now answers clicks and keys.
                    let _ = root.set_attribute("data-started", "true");
                })
                .forget();
                return;
            }
            (None, Some(Err(reason))) => {
                let failure = LoadFailure::Fetch { url: "this page".into(), reason };
                Some(AppState { load: Load::Failed(std::rc::Rc::new(failure)), selection: None })
            }
            _ => None,
        };
        // What the page was published with is not what it shows now.
        root.set_inner_html("");
        yew::Renderer::<factlens::App>::with_root_and_props(root.clone(), AppProps { initial }).render();
        let _ = root.set_attribute("data-started", "true");
    }
}

/// Bytes of wasm linear memory, for the graph benchmark's peak-memory figure
/// (`window.wasmBindings.wasm_memory_bytes()`); linear memory only grows, so this is the peak.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
