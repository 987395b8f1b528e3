//! factlens-loader: opens a raw dataset in the browser (`?dataset=`), the way `factlens build`
//! publishes one: fetch the dataset and its sources, validate, compile.
//!
//! A published page never downloads this module: its story is compiled already. The page
//! imports it only when a reader opens a raw dataset, calls [`load_dataset`] and reads the
//! answer as it reads a published story, so the explorer has one way in. Everything the
//! validator, the quote index, the map builder and the layout weigh is here, not in the app.
//!
//! The dataset and its source texts come from the page's own origin only: the dataset path must
//! be a relative path that `factlens-core` deems safe, and sources are read beside it.

use factlens_core::compiled::LoadFailure;

/// The map's country geometry, read only to compile a raw dataset's map.
pub const WORLD_GEOMETRY: &str = "data/world.json";

/// The dataset path to fetch, if it is a relative path on this site; anything that could leave
/// the origin is refused with a reason.
pub fn dataset_path(requested: &str) -> Result<String, LoadFailure> {
    if factlens_core::validate::is_safe_relative_path(requested) {
        Ok(requested.to_owned())
    } else {
        Err(LoadFailure::Fetch {
            url: requested.to_owned(),
            reason: "refused: a dataset must be a relative path on this site, like data/story.json".into(),
        })
    }
}

/// A source file's URL: relative to the folder the dataset is in.
pub fn source_url(dataset_path: &str, file: &str) -> String {
    match dataset_path.rfind('/') {
        Some(cut) => format!("{}/{file}", &dataset_path[..cut]),
        None => file.to_owned(),
    }
}

/// A fetched file's bytes as text, or where the first byte that is not UTF-8 is.
pub fn utf8_text(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        // Everything before the bad byte is text, so its lines and characters can be counted.
        let before = std::str::from_utf8(valid).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let (line, column) = (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1);
        format!("the file is not UTF-8 text: line {line}, column {column} holds a byte that UTF-8 does not allow there")
    })
}

#[cfg(target_arch = "wasm32")]
pub use browser::load_dataset;

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::collections::BTreeMap;

    use factlens_core::compiled::{compile_parsed, CompiledStory, LoadFailure, Report};
    use factlens_core::pause::{Pause, Slices};
    use factlens_core::validate::{is_safe_relative_path, parse_pausing};
    use factlens_core::Problem;
    use wasm_bindgen::prelude::*;

    use super::{dataset_path, source_url, WORLD_GEOMETRY};

    async fn fetch_text(url: &str) -> Result<String, String> {
        let response = gloo_net::http::Request::get(url).send().await.map_err(|err| err.to_string())?;
        if !response.ok() {
            return Err(format!("the server answered {} {}", response.status(), response.status_text()));
        }
        // As bytes, copied once into wasm memory: as text, a 37 MB dataset was decoded into a
        // JS string and encoded back (about 0.3 s of the page's main thread).
        let bytes = response.binary().await.map_err(|err| err.to_string())?;
        super::utf8_text(bytes)
    }

    /// The app's words in the language `tag` names (English if the catalogue does not speak
    /// it), as an array of strings in `factlens_core::words::Word` order: a raw dataset speaks
    /// its own language, whatever the page's (the app's wasm carries no catalogue).
    #[wasm_bindgen]
    pub fn interface_words(tag: &str) -> js_sys::Array {
        let (_, words) = factlens_core::words::language(tag).unwrap_or(factlens_core::words::LANGUAGES[0]);
        words[..factlens_core::words::APP_WORDS].iter().map(|&word| JsValue::from(word)).collect()
    }

    /// Fetches the dataset at `requested` (a relative path) and its sources, validates and
    /// compiles them, and answers with the compiled story's lines
    /// ([`CompiledStory::to_lines`](factlens_core::compiled::CompiledStory::to_lines)) as an
    /// array of strings, written and handed over a slice at a time. A dataset that cannot be
    /// shown is refused with its [`LoadFailure`] as JSON.
    #[wasm_bindgen]
    pub async fn load_dataset(requested: String) -> Result<js_sys::Array, JsValue> {
        let refuse = |failure: LoadFailure| JsValue::from(serde_json::to_string(&failure).unwrap_or_default());
        let mut pause = Slices::new(8);
        let compiled = load(&requested, &mut pause).await.map_err(refuse)?;
        let mut pause = Slices::new(1);
        let lines = compiled
            .to_lines_pausing(&mut pause)
            .await
            .map_err(|reason| refuse(LoadFailure::Fetch { url: requested.clone(), reason }))?;
        let answer = js_sys::Array::new();
        for line in lines {
            answer.push(&JsValue::from(line));
            pause.point().await;
        }
        Ok(answer)
    }

    async fn load(requested: &str, pause: &mut Slices) -> Result<CompiledStory, LoadFailure> {
        let url = dataset_path(requested)?;
        // The geometry downloads while the dataset does.
        let (text, world) = futures::future::join(fetch_text(&url), fetch_text(WORLD_GEOMETRY)).await;
        let text = text.map_err(|reason| LoadFailure::Fetch { url: url.clone(), reason })?;
        let invalid = |url: String, problems: Vec<Problem>| LoadFailure::Invalid {
            url,
            problems: problems.iter().map(Report::from).collect(),
        };
        let dataset = match parse_pausing(&text, pause).await {
            Ok(dataset) => dataset,
            Err(problems) => return Err(invalid(url, problems)),
        };
        // Unsafe paths are never fetched; validation reports them.
        let mut sources = BTreeMap::new();
        for source in &dataset.story.sources {
            if is_safe_relative_path(&source.file) {
                sources.insert(source.id.clone(), fetch_text(&source_url(&url, &source.file)).await);
            }
        }
        let world = world.map_err(|reason| format!("{WORLD_GEOMETRY}: {reason}"));
        compile_parsed(&text, dataset, &sources, world.as_deref().map_err(Clone::clone), pause)
            .await
            .map_err(|problems| invalid(url, problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataset_paths_stay_on_this_site() {
        assert_eq!(dataset_path("data/other.json").unwrap(), "data/other.json");
        for bad in ["", "https://example.org/x.json", "//example.org/x.json", "/etc/passwd", "../x.json", "data/../x"] {
            assert!(dataset_path(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_with_its_place() {
        assert_eq!(utf8_text(b"{\"a\": \"\xc3\xa9\"}".to_vec()).unwrap(), "{\"a\": \"\u{e9}\"}");
        let err = utf8_text(b"{\n  \"na\xc3\xafve\": \"caf\xe9\"\n}".to_vec()).unwrap_err();
        assert!(err.contains("line 2, column 16"), "{err}");
    }

    #[test]
    fn sources_are_relative_to_the_dataset_folder() {
        assert_eq!(source_url("data/story.json", "article.txt"), "data/article.txt");
        assert_eq!(source_url("story.json", "article.txt"), "article.txt");
    }
}
