//! How the page gets its story.
//!
//! A published page carries its story compiled by `factlens build`, as JSON in a script element
//! ([`STORY_ELEMENT`]), beside the HTML rendered from it; the app reads it and takes over that
//! HTML. A raw dataset opened with `?dataset=` (and a page built without a story) is compiled in
//! the browser by the loader module (`crates/factlens-loader`), which the page imports only
//! then: the validator, the quote index and the map builder are never part of the app.

use factlens_core::compiled::{CompiledStory, LoadFailure, ReadJson};

use crate::state::Action;

/// The dataset a page without a compiled story shows.
pub const DEFAULT_DATASET: &str = "data/belarus-myanmar.json";

/// The id of the script element (`type="application/json"`) holding a published story, as
/// lines of JSON ([`CompiledStory::to_lines`]).
pub const STORY_ELEMENT: &str = "fl-story";

/// What the loader's compiled story, or its failure to compile one, means for the app.
pub fn loaded(url: &str, story: Result<CompiledStory, String>) -> Action {
    match story {
        Ok(story) => Action::Loaded(Box::new(story)),
        Err(reason) => Action::Failed(LoadFailure::Fetch { url: url.to_owned(), reason }),
    }
}

/// The loader's refusal, sent as JSON: a [`LoadFailure`], or one that says it cannot be read.
pub fn loader_failure(url: &str, answer: &str, json: &impl ReadJson) -> LoadFailure {
    json.read(answer).unwrap_or_else(|at| LoadFailure::Fetch {
        url: url.to_owned(),
        reason: format!("the loader's answer could not be read{at}"),
    })
}

#[cfg(target_arch = "wasm32")]
pub use browser::{load, published_lines, read_published, requested_dataset};

#[cfg(target_arch = "wasm32")]
mod browser {
    use factlens_core::compiled::ReadJson;
    use factlens_core::pause::Slices;
    use serde::de::DeserializeOwned;
    use wasm_bindgen::JsCast;

    use super::{loaded, loader_failure, DEFAULT_DATASET, STORY_ELEMENT};
    use crate::modules;
    use crate::state::{Action, LoadFailure};
    use factlens_core::compiled::CompiledStory;

    /// [`ReadJson`] by the browser's `JSON.parse`, read from its values ([`crate::js_value`]).
    struct BrowserJson;

    impl ReadJson for BrowserJson {
        fn read<T: DeserializeOwned>(&self, line: &str) -> Result<T, String> {
            let value = js_sys::JSON::parse(line).map_err(|_| String::new())?;
            T::deserialize(crate::js_value::Value(value)).map_err(|_| String::new())
        }
    }

    /// The dataset named by the page's `?dataset=`, if any.
    pub fn requested_dataset() -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        web_sys::UrlSearchParams::new_with_str(&search).ok()?.get("dataset")
    }

    /// The lines of the story this page was published with, if it was.
    pub fn published_lines() -> Option<String> {
        gloo::utils::document().get_element_by_id(STORY_ELEMENT)?.text_content()
    }

    /// Reads the published story a line at a time, giving way between lines.
    pub async fn read_published(text: &str) -> Result<CompiledStory, String> {
        CompiledStory::from_lines_pausing(&mut text.lines().map(str::to_owned), &BrowserJson, &mut Slices::new(1)).await
    }

    /// Compiles the dataset named by `?dataset=` (or the default) with the loader module, and
    /// says what happened as an [`Action`].
    pub async fn load() -> Action {
        let url = requested_dataset().filter(|url| !url.is_empty()).unwrap_or_else(|| DEFAULT_DATASET.to_owned());
        let (loader, lines) = match call_loader(&url).await {
            Ok(answer) => answer,
            Err(failure) => return Action::Failed(failure),
        };
        // Each line is copied into the app's memory as it is read, not all at once.
        let mut lines = lines.iter().map(|line| line.as_string().unwrap_or_default());
        let story = CompiledStory::from_lines_pausing(&mut lines, &BrowserJson, &mut Slices::new(1)).await;
        // The page is in the story's language now, as a published page is in its story's.
        if let (Ok(story), Some(page)) = (&story, gloo::utils::document().document_element()) {
            let _ = page.set_attribute("lang", &story.story.dataset.story.language);
        }
        // A story speaks its own language (English where the interface does not speak it),
        // unless the reader asked for a language this page speaks.
        if let (Ok(story), false) = (&story, crate::words::speaks_requested_language()) {
            let words =
                modules::call(&loader, "interface_words", &[&story.story.dataset.story.language.as_str().into()]);
            crate::words::put_in_use(words.unwrap_or_default());
        }
        loaded(&url, story)
    }

    /// The loader module and the compiled story's lines, or why there are none.
    async fn call_loader(url: &str) -> Result<(wasm_bindgen::JsValue, js_sys::Array), LoadFailure> {
        let fetch_failure = |reason| LoadFailure::Fetch { url: url.to_owned(), reason };
        let loader = modules::import(modules::LOADER).await.map_err(fetch_failure)?;
        let answer = modules::call(&loader, "load_dataset", &[&url.into()]).map_err(fetch_failure)?;
        match wasm_bindgen_futures::JsFuture::from(answer.unchecked_into::<js_sys::Promise>()).await {
            Ok(lines) => match lines.dyn_into() {
                Ok(lines) => Ok((loader, lines)),
                Err(_) => Err(fetch_failure("the loader answered something other than lines".into())),
            },
            // The loader refuses a dataset with its failure as JSON; anything else went wrong in it.
            Err(refusal) => Err(match refusal.as_string() {
                Some(json) => loader_failure(url, &json, &BrowserJson),
                None => fetch_failure(modules::failed("the loader failed", refusal)),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use factlens_core::compiled::SerdeJson;

    use super::*;

    fn compiled() -> CompiledStory {
        let article = include_str!("../data/belarus-myanmar-article.txt").to_owned();
        let sources = BTreeMap::from([("article".to_owned(), Ok(article))]);
        factlens_core::compiled::compile(include_str!("../data/belarus-myanmar.json"), &sources, Err("no map".into()))
            .unwrap()
    }

    #[test]
    fn the_loaders_answers_become_actions() {
        let url = "data/x.json";
        assert!(matches!(loaded(url, Ok(compiled())), Action::Loaded(story) if *story == compiled()));
        let Action::Failed(LoadFailure::Fetch { url: failed, reason }) = loaded(url, Err("damaged".into())) else {
            panic!("a story that cannot be read is a failure");
        };
        assert_eq!((failed.as_str(), reason.as_str()), (url, "damaged"));
        let failure = LoadFailure::Fetch { url: url.into(), reason: "404".into() };
        assert_eq!(loader_failure(url, &serde_json::to_string(&failure).unwrap(), &SerdeJson), failure);
        let LoadFailure::Fetch { url: failed, reason } = loader_failure(url, "nonsense", &SerdeJson) else {
            panic!("nonsense is a failure to fetch");
        };
        assert_eq!(failed, url);
        assert!(reason.contains("could not be read"));
    }
}
