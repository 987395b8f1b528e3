//! Finding, fetching and validating the dataset the page shows.
//!
//! The dataset and its source texts come from the page's own origin only: the dataset path may
//! be chosen with `?dataset=`, but only as a relative path that `factlens-core` deems safe.

use crate::state::LoadFailure;

/// The dataset shown when the page names none.
pub const DEFAULT_DATASET: &str = "data/belarus-myanmar.json";

/// The map's country geometry, shipped with the app whatever the dataset.
pub const WORLD_GEOMETRY: &str = "data/world.json";

/// The dataset path to fetch: `requested` (from `?dataset=`) when given and safe, else the
/// default. Anything that could leave the origin is refused with a reason.
pub fn dataset_path(requested: Option<&str>) -> Result<String, LoadFailure> {
    match requested {
        None | Some("") => Ok(DEFAULT_DATASET.to_owned()),
        Some(path) if factlens_core::validate::is_safe_relative_path(path) => Ok(path.to_owned()),
        Some(path) => Err(LoadFailure::Fetch {
            url: path.to_owned(),
            reason: "refused: a dataset must be a relative path on this site, like data/story.json".into(),
        }),
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
pub use browser::load;

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::collections::BTreeMap;

    use factlens_core::graph::GraphModel;
    use factlens_core::map::MapModel;
    use factlens_core::pause::Pause;
    use factlens_core::validate::{check_pausing, parse_pausing};
    use factlens_core::world::World;
    use factlens_core::{has_errors, Story};

    use super::{dataset_path, source_url, WORLD_GEOMETRY};
    use crate::dom::{next_task, now_ms};
    use crate::state::{Action, LoadFailure, Loaded, MapStatus};

    /// Milliseconds of loading work per task: a large story takes seconds to parse, check and
    /// index, and the page must go on painting and answering meanwhile.
    const SLICE_MS: f64 = 12.0;
    /// Points passed between looks at the clock (each is an element's work, microseconds).
    const CLOCK_EVERY: u32 = 8;

    /// The page's pause: gives way to the browser once a slice of work is spent.
    struct Slices {
        until: f64,
        points: u32,
    }

    impl Slices {
        fn new() -> Self {
            Slices { until: now_ms() + SLICE_MS, points: 0 }
        }
    }

    impl Pause for Slices {
        async fn point(&mut self) {
            self.points = self.points.wrapping_add(1);
            if self.points % CLOCK_EVERY == 0 && now_ms() > self.until {
                next_task().await;
                self.until = now_ms() + SLICE_MS;
            }
        }
    }

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

    /// Fetches the dataset named by the page's `?dataset=` (or the default) and its sources,
    /// validates them, and says what happened as an [`Action`].
    pub async fn load() -> Action {
        let requested = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
            .and_then(|params| params.get("dataset"));
        let url = match dataset_path(requested.as_deref()) {
            Ok(url) => url,
            Err(failure) => return Action::Failed(failure),
        };
        // The geometry downloads while the dataset does.
        let (text, world) = futures::future::join(fetch_text(&url), fetch_text(WORLD_GEOMETRY)).await;
        let text = match text {
            Ok(text) => text,
            Err(reason) => return Action::Failed(LoadFailure::Fetch { url, reason }),
        };
        let mut pause = Slices::new();
        let dataset = match parse_pausing(&text, &mut pause).await {
            Ok(dataset) => dataset,
            Err(problems) => return Action::Failed(LoadFailure::Invalid { url, problems }),
        };
        let mut sources = BTreeMap::new();
        for source in &dataset.story.sources {
            // Unsafe paths are never fetched; validation reports them.
            if factlens_core::validate::is_safe_relative_path(&source.file) {
                let text = fetch_text(&source_url(&url, &source.file)).await;
                sources.insert(source.id.clone(), text);
            }
        }
        let problems = check_pausing(&text, &dataset, &sources, &mut pause).await;
        if has_errors(&problems) {
            return Action::Failed(LoadFailure::Invalid { url, problems });
        }
        let texts = sources.into_iter().filter_map(|(id, text)| Some((id, text.ok()?))).collect::<BTreeMap<_, _>>();
        let story = Story::new_pausing(dataset, texts, &mut pause).await;
        let map = match world.and_then(|text| World::from_json(&text).map_err(|err| err.to_string())) {
            Ok(world) => MapStatus::Ready(Loaded::new(MapModel::new_pausing(&story, &world, &mut pause).await)),
            Err(reason) => MapStatus::Unavailable(format!("The map could not be loaded ({WORLD_GEOMETRY}: {reason}).")),
        };
        let graph = Loaded::new(GraphModel::new_pausing(&story, &mut pause).await);
        // The first render is a task of its own.
        next_task().await;
        Action::Loaded { story: Loaded::new(story), warnings: problems, map, graph }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataset_path_defaults_and_refuses_other_origins() {
        assert_eq!(dataset_path(None).unwrap(), DEFAULT_DATASET);
        assert_eq!(dataset_path(Some("")).unwrap(), DEFAULT_DATASET);
        assert_eq!(dataset_path(Some("data/other.json")).unwrap(), "data/other.json");
        for bad in ["https://example.org/x.json", "//example.org/x.json", "/etc/passwd", "../x.json", "data/../x"] {
            assert!(dataset_path(Some(bad)).is_err(), "{bad} should be refused");
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
