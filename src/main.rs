//! Mounts the explorer into `#factlens` (or the body, for a bare page).
fn main() {
    #[cfg(target_arch = "wasm32")]
    {
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
