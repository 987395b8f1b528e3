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
pub use browser::{put_in_use, requested_language, use_published};

#[cfg(target_arch = "wasm32")]
mod browser {
    use factlens_core::words::{use_words, APP_WORDS};
    use wasm_bindgen::{JsCast, JsValue};

    use super::WORDS_ELEMENT;

    /// Puts the page's words in use.
    pub fn use_published() {
        let text = gloo::utils::document().get_element_by_id(WORDS_ELEMENT).and_then(|element| element.text_content());
        if let Some(catalogue) = text.and_then(|text| js_sys::JSON::parse(&text).ok()) {
            put_in_use(js_sys::Reflect::get(&catalogue, &"words".into()).unwrap_or_default());
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

    /// The language `?lang=` asks for, if it does.
    pub fn requested_language() -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        web_sys::UrlSearchParams::new_with_str(&search).ok()?.get("lang").filter(|lang| !lang.is_empty())
    }
}
