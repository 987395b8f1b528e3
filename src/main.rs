//! Mounts the explorer into `#factlens` (or the body, for a bare page).
fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        // The layout worker instantiates this same module (see `factlens::layout`): there is no
        // page to mount into, and its entry point is `layout_worker_main`.
        if js_sys::global().dyn_into::<web_sys::Window>().is_err() {
            return;
        }
        let document = gloo::utils::document();
        match document.get_element_by_id("factlens") {
            Some(root) => yew::Renderer::<factlens::App>::with_root(root).render(),
            None => yew::Renderer::<factlens::App>::new().render(),
        };
    }
}

/// Bytes of wasm linear memory, for the graph benchmark's peak-memory figure
/// (`window.wasmBindings.wasm_memory_bytes()`); linear memory only grows, so this is the peak.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
