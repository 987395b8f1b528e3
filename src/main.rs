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
