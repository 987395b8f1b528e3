//! Starts the explorer in `#factlens` (or the body, for a bare page).
//!
//! A published page holds its story and the HTML rendered from it at build time: the app reads
//! the story a line at a time and hydrates that HTML (takes it over where it stands, so nothing
//! jumps and a reader's scroll position and text selection stay). A raw dataset (`?dataset=`),
//! or a page built without a story, starts empty and loads. Either way the app speaks the
//! page's words (`factlens::words`); `?lang=` is the start script's: it opens the page
//! `factlens build` wrote in that language.
fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        // Before anything renders: the words it renders with.
        factlens::words::use_published();
        let document = gloo::utils::document();
        let root = document.get_element_by_id("factlens").or_else(|| document.body().map(Into::into));
        let Some(root) = root else { return };
        match (factlens::load::requested_dataset(), factlens::load::published_lines()) {
            (None, Some(lines)) => wasm_bindgen_futures::spawn_local(start_published(root, lines)),
            _ => {
                // Another story than the one published here: the page's links to its data
                // files are not this story's.
                if let Ok(Some(data)) = document.query_selector(".fl-data") {
                    data.remove();
                }
                render(root, None)
            }
        }
    }
}

/// Reads the page's story and takes its HTML over; a story that cannot be read is an error
/// panel in its place.
#[cfg(target_arch = "wasm32")]
async fn start_published(root: web_sys::Element, lines: String) {
    use factlens::state::{AppState, Load, LoadFailure};
    match factlens::load::read_published(&lines).await {
        Ok(compiled) => {
            let props = factlens::AppProps { initial: Some(AppState::ready(compiled)) };
            // Hydrated in a task of its own: taking over a large page is a long piece of work,
            // and the page may paint and answer before it.
            gloo::timers::callback::Timeout::new(0, move || {
                yew::Renderer::<factlens::App>::with_root_and_props(root.clone(), props).hydrate();
                started(&root);
            })
            .forget();
        }
        Err(reason) => {
            let failure = LoadFailure::Fetch {
                url: factlens_core::words::t(factlens_core::words::Word::ThisPage).into(),
                reason,
            };
            render(root, Some(AppState { load: Load::Failed(std::rc::Rc::new(failure)), ..AppState::default() }));
        }
    }
}

/// Renders the app afresh: what the page was published with is not what it shows now.
#[cfg(target_arch = "wasm32")]
fn render(root: web_sys::Element, initial: Option<factlens::state::AppState>) {
    root.set_inner_html("");
    yew::Renderer::<factlens::App>::with_root_and_props(root.clone(), factlens::AppProps { initial }).render();
    started(&root);
}

/// For tests and host pages: the page now answers clicks and keys.
#[cfg(target_arch = "wasm32")]
fn started(root: &web_sys::Element) {
    let _ = root.set_attribute("data-started", "true");
}

/// Bytes of wasm linear memory, for the graph benchmark's peak-memory figure
/// (`window.wasmBindings.wasm_memory_bytes()`); linear memory only grows, so this is the peak.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
