//! The interface's words in the page (the catalogue is `factlens_core::words`). A published page
//! carries its story's language's words ([`WORDS_ELEMENT`]); `?lang=` asks for another language,
//! and a raw dataset (`?dataset=`) in another language brings its own. Another language's words
//! are in the page when it is the one-file edition (`fl-words-<code>`), else beside it
//! (`words-<code>.json`, as `factlens build` writes them). Words are put in use before the app
//! renders with them.

/// The id of the script element (`type="application/json"`) holding the page's words.
pub const WORDS_ELEMENT: &str = "fl-words";

/// A language's words, as published: `{"language": "fr", "words": [...]}` in
/// `factlens_core::words::Word` order.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct Catalogue {
    pub language: String,
    pub words: Vec<String>,
}

/// A BCP 47 tag's primary language subtag, in lower case (`fr-CA` is `fr`): what names a
/// language's words.
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

#[cfg(target_arch = "wasm32")]
pub use browser::{in_use, of_language, published, put_in_use, requested_language};

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    use factlens_core::words::{use_words, Word};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::{Catalogue, WORDS_ELEMENT};

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = fetch)]
        fn fetch_url(url: &str) -> js_sys::Promise;
    }

    thread_local! {
        /// The language of the words in use.
        static LANGUAGE: RefCell<String> = const { RefCell::new(String::new()) };
    }

    fn read(json: &str) -> Option<Catalogue> {
        let value = js_sys::JSON::parse(json).ok()?;
        serde::Deserialize::deserialize(crate::js_value::Value(value)).ok()
    }

    /// The words the page was published with.
    pub fn published() -> Option<Catalogue> {
        read(&gloo::utils::document().get_element_by_id(WORDS_ELEMENT)?.text_content()?)
    }

    /// The language `?lang=` asks for, if it does.
    pub fn requested_language() -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        web_sys::UrlSearchParams::new_with_str(&search).ok()?.get("lang").filter(|lang| !lang.is_empty())
    }

    /// The language of the words in use.
    pub fn in_use() -> String {
        LANGUAGE.with(|language| language.borrow().clone())
    }

    /// A language's words (`code`: a BCP 47 tag's primary subtag), from the page or beside it.
    pub async fn of_language(code: &str) -> Option<Catalogue> {
        let code = super::primary(code);
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let inline = gloo::utils::document().get_element_by_id(&[WORDS_ELEMENT, "-", &code].concat());
        if let Some(text) = inline.and_then(|element| element.text_content()) {
            return read(&text);
        }
        let response =
            wasm_bindgen_futures::JsFuture::from(fetch_url(&["words-", &code, ".json"].concat())).await.ok()?;
        let ok = js_sys::Reflect::get(&response, &"ok".into()).ok()?.as_bool()?;
        let text = crate::modules::call(&response, "text", &[]).ok().filter(|_| ok)?;
        let text = wasm_bindgen_futures::JsFuture::from(text.unchecked_into::<js_sys::Promise>()).await.ok()?;
        read(&text.as_string()?)
    }

    /// Puts a language's words in use, and words the page's own text around the app with them
    /// (elements marked `data-word`, by place in the list). Words of another build (a different
    /// count) are refused.
    pub fn put_in_use(catalogue: Catalogue) -> bool {
        if catalogue.words.len() != Word::ALL.len() {
            return false;
        }
        // Kept for the page's life: a page puts at most two languages in use.
        let words: Vec<&'static str> = catalogue.words.into_iter().map(|w| &*Box::leak(w.into_boxed_str())).collect();
        let words: &'static [&'static str] = Box::leak(words.into_boxed_slice());
        use_words(words);
        LANGUAGE.with(|language| *language.borrow_mut() = catalogue.language);
        if let Ok(marked) = gloo::utils::document().query_selector_all("[data-word]") {
            for n in 0..marked.length() {
                let Some(element) = marked.item(n).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) else {
                    continue;
                };
                let place = element.get_attribute("data-word").and_then(|place| place.parse::<usize>().ok());
                if let Some(word) = place.and_then(|place| words.get(place)) {
                    element.set_text_content(Some(word));
                }
            }
        }
        true
    }
}
