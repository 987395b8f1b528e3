//! How the page gets its story.
//!
//! A published page carries its story compiled by `factlens build`, as JSON in a script element
//! ([`STORY_ELEMENT`]), beside the HTML rendered from it; the app reads it and takes over that
//! HTML. A raw dataset opened with `?dataset=` (and a page built without a story) is compiled in
//! the browser by the loader module (`crates/factlens-loader`), which the page imports only
//! then: the validator, the quote index and the map builder are never part of the app.

use factlens_core::compiled::{CompiledStory, LoadFailure, COMPILED_FORMAT};

use crate::state::Action;

/// The dataset a page without a compiled story shows.
pub const DEFAULT_DATASET: &str = "data/belarus-myanmar.json";

/// The id of the script element (`type="application/json"`) holding a published story.
pub const STORY_ELEMENT: &str = "fl-story";

/// Reads a compiled story, as `factlens build` or the loader wrote it.
pub fn read_compiled(json: &str) -> Result<CompiledStory, String> {
    let compiled: CompiledStory =
        serde_json::from_str(json).map_err(|err| format!("the compiled story is damaged: {err}"))?;
    readable(&compiled)?;
    Ok(compiled)
}

/// Whether this page reads the format `compiled` was written in.
fn readable(compiled: &CompiledStory) -> Result<(), String> {
    if compiled.format == COMPILED_FORMAT {
        return Ok(());
    }
    Err(format!(
        "the story was compiled in format {}, and this page reads format {COMPILED_FORMAT}: build it again",
        compiled.format
    ))
}

/// What the loader's answer (`{"Ok": story}` or `{"Err": failure}`) means for the app.
pub fn read_loader_answer(url: &str, json: &str) -> Action {
    let failure = |reason: String| Action::Failed(LoadFailure::Fetch { url: url.to_owned(), reason });
    match serde_json::from_str::<Result<Box<CompiledStory>, LoadFailure>>(json) {
        Ok(Ok(compiled)) => match readable(&compiled) {
            Ok(()) => Action::Loaded(compiled),
            Err(reason) => failure(reason),
        },
        Ok(Err(problem)) => Action::Failed(problem),
        Err(err) => failure(format!("the loader's answer could not be read: {err}")),
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{load, published_story, requested_dataset};

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::JsCast;

    use super::{read_compiled, read_loader_answer, DEFAULT_DATASET, STORY_ELEMENT};
    use crate::modules;
    use crate::state::{Action, LoadFailure};
    use factlens_core::compiled::CompiledStory;

    /// The dataset named by the page's `?dataset=`, if any.
    pub fn requested_dataset() -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        web_sys::UrlSearchParams::new_with_str(&search).ok()?.get("dataset")
    }

    /// The story this page was published with, if it was.
    pub fn published_story() -> Option<Result<CompiledStory, String>> {
        let element = gloo::utils::document().get_element_by_id(STORY_ELEMENT)?;
        Some(read_compiled(&element.text_content().unwrap_or_default()))
    }

    /// Compiles the dataset named by `?dataset=` (or the default) with the loader module, and
    /// says what happened as an [`Action`].
    pub async fn load() -> Action {
        let url = requested_dataset().filter(|url| !url.is_empty()).unwrap_or_else(|| DEFAULT_DATASET.to_owned());
        match call_loader(&url).await {
            Ok(answer) => read_loader_answer(&url, &answer),
            Err(reason) => Action::Failed(LoadFailure::Fetch { url, reason }),
        }
    }

    async fn call_loader(url: &str) -> Result<String, String> {
        let loader = modules::import(modules::LOADER).await?;
        let answer = modules::call(&loader, "load_dataset", &[&url.into()])?;
        let answer = wasm_bindgen_futures::JsFuture::from(answer.unchecked_into::<js_sys::Promise>())
            .await
            .map_err(|err| modules::failed("the loader failed", err))?;
        answer.as_string().ok_or_else(|| "the loader answered something other than text".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn compiled() -> CompiledStory {
        let article = include_str!("../data/belarus-myanmar-article.txt").to_owned();
        let sources = BTreeMap::from([("article".to_owned(), Ok(article))]);
        factlens_core::compiled::compile(include_str!("../data/belarus-myanmar.json"), &sources, Err("no map".into()))
            .unwrap()
    }

    #[test]
    fn a_compiled_story_is_read_and_anything_else_is_refused_with_a_reason() {
        let json = serde_json::to_string(&compiled()).unwrap();
        assert_eq!(read_compiled(&json).unwrap(), compiled());
        assert!(read_compiled("{").unwrap_err().contains("damaged"));
        let older = json.replacen(&format!("\"format\":{COMPILED_FORMAT}"), "\"format\":0", 1);
        assert!(read_compiled(&older).unwrap_err().contains("build it again"));
        let broken_edge = json.replacen("\"source\":5", "\"source\":5000", 1);
        assert!(read_compiled(&broken_edge).unwrap_err().contains("graph edge"));
    }

    #[test]
    fn the_loaders_answers_become_actions() {
        let ok = format!("{{\"Ok\":{}}}", serde_json::to_string(&compiled()).unwrap());
        assert!(matches!(read_loader_answer("data/x.json", &ok), Action::Loaded(story) if *story == compiled()));
        let failure = LoadFailure::Fetch { url: "data/x.json".into(), reason: "404".into() };
        let err = serde_json::to_string(&Err::<(), _>(failure.clone())).unwrap();
        assert_eq!(read_loader_answer("data/x.json", &err), Action::Failed(failure));
        let Action::Failed(LoadFailure::Fetch { url, reason }) = read_loader_answer("data/x.json", "nonsense") else {
            panic!("nonsense is a failure");
        };
        assert_eq!(url, "data/x.json");
        assert!(reason.contains("could not be read"));
    }
}
