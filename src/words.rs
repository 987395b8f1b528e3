//! The interface's words in the page (the catalogue is `factlens_core::words`). `factlens build`
//! writes each page with one language's words in it ([`WORDS_ELEMENT`]): the story's, and one
//! page per other language the catalogue speaks, which the start script opens for `?lang=`. The
//! app puts the page's words in use before it renders; a raw dataset (`?dataset=`) in another
//! language takes that language's words from the loader module, unless the reader asked for a
//! language.

/// The id of the script element (`type="application/json"`) holding the page's words.
pub const WORDS_ELEMENT: &str = "fl-words";

/// A language's words, as published: `{"language": "fr", "words": [...]}`, the app's
/// (`factlens_core::words::APP_WORDS`) in `Word` order.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Catalogue<'a> {
    pub language: &'a str,
    pub words: &'a [&'a str],
}

#[cfg(target_arch = "wasm32")]
pub use browser::{put_in_use, speaks_requested_language, use_published};

#[cfg(target_arch = "wasm32")]
mod browser {
    use factlens_core::words::{use_words, APP_WORDS};
    use wasm_bindgen::{JsCast, JsValue};

    use super::WORDS_ELEMENT;

    thread_local! {
        /// The language of the page's words (empty for a page without).
        static PAGE_LANGUAGE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }

    /// Puts the page's words in use.
    pub fn use_published() {
        let text = gloo::utils::document().get_element_by_id(WORDS_ELEMENT).and_then(|element| element.text_content());
        if let Some(catalogue) = text.and_then(|text| js_sys::JSON::parse(&text).ok()) {
            let field = |name: &str| js_sys::Reflect::get(&catalogue, &name.into()).unwrap_or_default();
            if put_in_use(field("words")) {
                PAGE_LANGUAGE
                    .with(|language| *language.borrow_mut() = field("language").as_string().unwrap_or_default());
            }
        }
    }

    /// Puts a language's words (an array of strings in `Word` order) in use; anything else, or
    /// words of another build (a different count), is refused.
    pub fn put_in_use(words: JsValue) -> bool {
        let Ok(words) = words.dyn_into::<js_sys::Array>() else { return false };
        if words.length() as usize != APP_WORDS {
            return false;
        }
        // Kept for the page's life: a page puts at most two languages in use.
        let words: Vec<&'static str> =
            words.iter().map(|word| &*Box::leak(word.as_string().unwrap_or_default().into_boxed_str())).collect();
        use_words(Box::leak(words.into_boxed_slice()));
        true
    }

    /// Whether `?lang=` asks for a language and the page speaks it (the start script opened the
    /// page in that language): then the reader's choice stands over a story's own language.
    pub fn speaks_requested_language() -> bool {
        let asked = web_sys::window()
            .and_then(|window| window.location().search().ok())
            .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok()?.get("lang"));
        let asked = asked.as_deref().and_then(|tag| tag.split(['-', '_']).next()).unwrap_or_default();
        PAGE_LANGUAGE.with(|language| !asked.is_empty() && language.borrow().eq_ignore_ascii_case(asked))
    }
}
