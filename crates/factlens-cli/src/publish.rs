//! `factlens build`: publishes a story as a static site.
//!
//! The site is the app (as `scripts/build` made it with trunk: its JS, wasm and CSS, and the
//! loader module for raw datasets) and the story compiled once for every reader: `index.html`
//! holds the HTML the app's own components render for it (readable before any script runs, and
//! taken over by the app where it stands) and the compiled story as JSON beside it. The raw
//! dataset, its source texts, its CSV tables (`<stem>-entities.csv`, `-relations.csv`,
//! `-facts.csv`) and the map geometry go into `data/`, for researchers and for opening a raw
//! dataset with `?dataset=`; the page itself never fetches them.
//!
//! The page speaks the story's language where the interface does (else English); the same page
//! in each other language the interface speaks is `index.<code>.html`, which the start script
//! opens for `?lang=<code>`.

use std::path::{Path, PathBuf};

use factlens::state::AppState;
use factlens::{App, AppProps};
use factlens_core::compiled::{compile_parsed, CompiledStory};
use factlens_core::pause;
use factlens_core::words::{self, t, Word};

/// The map geometry every story is drawn on (Natural Earth, see docs/DATA.md).
const WORLD_GEOMETRY: &str = include_str!("../../../data/world.json");

/// The page's start script and service worker, filled in for each site (`site/`).
const START_SCRIPT: &str = include_str!("../site/start.js");
const SERVICE_WORKER: &str = include_str!("../site/sw.js");

/// The embedding files, written as they are (scripts without their comments): the page's embed
/// mode, the host snippet and a mock article that uses it.
const EMBEDDING: [(&str, &str); 3] = [
    ("embed-child.js", include_str!("../site/embed-child.js")),
    ("embed.js", include_str!("../site/embed.js")),
    ("embed-example.html", include_str!("../site/embed-example.html")),
];

/// Files at the top of a site, besides the embedding files and the page in other languages, that
/// the page does not need to be seen: the service worker keeps none of them.
const NOT_PAGE: [&str; 2] = ["sw.js", "standalone.html"];

/// The page's file in the interface language `code`, on a site whose page speaks `language`.
fn page_file(code: &str, language: &str) -> String {
    if code == language {
        "index.html".into()
    } else {
        format!("index.{code}.html")
    }
}

/// Where `scripts/build` leaves the app when no `--app` is given.
pub const DEFAULT_APP_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/app");

/// The modules the page fetches only when it needs them: each one's folder in the app, its JS
/// glue inside (wasm-bindgen's name for the crate), and the `<meta>` that tells the page where
/// the site has it (under a name that changes with its contents).
const ON_DEMAND: [(&str, &str, &str); 2] = [
    ("loader", "factlens_loader.js", factlens::modules::LOADER),
    ("motion", "factlens_motion.js", factlens::modules::MOTION),
];

/// Why publishing stopped.
pub enum PublishError {
    /// The dataset has errors; they were printed.
    Invalid,
    /// A file could not be read or written.
    Io(String),
}

/// Validates and compiles `dataset_file`, then writes the site into `out`. Nothing is written
/// unless the dataset is valid and the app is there.
pub fn build(dataset_file: &Path, app_dir: &Path, out: &Path) -> Result<(), PublishError> {
    let io =
        |path: &Path, what: &str, err: std::io::Error| PublishError::Io(format!("{}: {what}: {err}", path.display()));
    let text = std::fs::read_to_string(dataset_file).map_err(|err| io(dataset_file, "cannot read file", err))?;
    let dataset = match factlens_core::parse(&text) {
        Ok(dataset) => dataset,
        Err(problems) => {
            crate::print_problems(dataset_file, &problems);
            return Err(PublishError::Invalid);
        }
    };
    // Parsed once: its sources are read from it, and it is compiled as it is.
    let sources = crate::read_sources(dataset_file, &dataset);
    // The page is rendered in the story's language, where the interface speaks it.
    let (language, story_words) = words::language(&dataset.story.language).unwrap_or(words::LANGUAGES[0]);
    words::use_words(story_words);
    let compiled = match pause::finish(compile_parsed(&text, dataset, &sources, Ok(WORLD_GEOMETRY), &mut pause::Never))
    {
        Ok(compiled) => compiled,
        Err(problems) => {
            crate::print_problems(dataset_file, &problems);
            return Err(PublishError::Invalid);
        }
    };
    for warning in &compiled.warnings {
        eprintln!("{}:{warning}", dataset_file.display());
    }

    let shell_path = app_dir.join("index.html");
    let shell = std::fs::read_to_string(&shell_path).map_err(|err| {
        PublishError::Io(format!("{}: cannot read the app ({err}); `scripts/build` makes it", shell_path.display()))
    })?;
    let mut modules = Vec::new();
    for (dir, glue, meta) in ON_DEMAND {
        let folder = app_dir.join(dir);
        let name = format!("{dir}-{}", hash_folder(&folder).map_err(|err| io(&folder, "cannot read", err))?);
        // Relative to the app's JS, which imports it (an import needs `./`).
        modules.push((dir, name.clone(), meta, format!("./{name}/{glue}")));
    }
    let metas: Vec<(&str, &str)> = modules.iter().map(|(_, _, meta, url)| (*meta, url.as_str())).collect();
    let (shell, start_name, start_script) = external_start(&without_html_comments(&shell))?;
    let name = dataset_file.file_name().map_or_else(|| "story.json".into(), |n| n.to_string_lossy().into_owned());
    let stem = crate::dataset_stem(dataset_file);
    // The page in every language the interface speaks, the story's first.
    let pages: Vec<(&str, String)> =
        words::LANGUAGES.iter().map(|(code, _)| (*code, page_file(code, language))).collect();
    let mut worded = Vec::new();
    for (code, words) in std::iter::once((language, story_words))
        .chain(words::LANGUAGES.into_iter().filter(|(code, _)| *code != language))
    {
        words::use_words(words);
        let shell = worded_shell(&shell, &compiled.story.dataset.story.language, code, &pages)?;
        worded.push((
            page_file(code, language),
            page(&shell, &compiled, &metas, &data_links(&name, &stem), (code, words))?,
        ));
    }
    words::use_words(story_words);
    let renamed: Vec<(&str, &str)> = modules.iter().map(|(dir, name, _, _)| (*dir, name.as_str())).collect();

    // Written only now that everything needed has been read.
    let write = |path: PathBuf, contents: &[u8]| {
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, contents))
            .map_err(|err| io(&path, "cannot write file", err))
    };
    std::fs::create_dir_all(out).map_err(|err| io(out, "cannot create folder", err))?;
    copy_app(app_dir, app_dir, out, &renamed).map_err(|err| io(app_dir, "cannot copy the app", err))?;
    for (file, page) in &worded {
        write(out.join(file), page.as_bytes())?;
    }
    write(out.join(&start_name), start_script.as_bytes())?;
    for (name, text) in EMBEDDING {
        let text = if name.ends_with(".js") { without_comments(text) } else { text.to_owned() };
        write(out.join(name), text.as_bytes())?;
    }
    write(out.join("sw.js"), service_worker(out).map_err(|err| io(out, "cannot read the site", err))?.as_bytes())?;
    let standalone = crate::standalone::standalone(out, &worded[0].1).map_err(PublishError::Io)?;
    write(out.join("standalone.html"), standalone.as_bytes())?;
    let data = out.join("data");
    write(data.join("world.json"), WORLD_GEOMETRY.as_bytes())?;
    write(data.join(&name), text.as_bytes())?;
    // The same data as tables, for spreadsheets (docs/EXPORT.md).
    for (suffix, table) in factlens_core::export::csv::tables(&compiled.story).files() {
        write(data.join(format!("{stem}{suffix}")), table.as_bytes())?;
    }
    for source in &compiled.story.dataset.story.sources {
        // Validation made sure each is relative and inside the dataset's folder.
        if let Some(text) = compiled.story.texts.get(&source.id) {
            write(data.join(&source.file), text.as_bytes())?;
        }
    }
    Ok(())
}

/// The app's shell page with the story in it: its title and summary in the head, the HTML the
/// app renders for it inside `#factlens`, the compiled story and the interface's words (the
/// language's code and list) beside it, and where the modules it may fetch are (`<meta name
/// content>` pairs).
fn page(
    shell: &str,
    compiled: &CompiledStory,
    metas: &[(&str, &str)],
    after: &str,
    (language, words): (&str, &[&str]),
) -> Result<String, PublishError> {
    let broken = |what: &str| PublishError::Io(format!("the app's index.html has no {what}"));
    let title = &compiled.story.dataset.story.title;
    let summary = &compiled.story.dataset.story.summary;
    // The root, whatever its attributes (the shell's words give it some).
    let root = shell.find("<div id=\"factlens\"").ok_or_else(|| broken("<div id=\"factlens\">"))?;
    let start = root + shell[root..].find('>').ok_or_else(|| broken("end of #factlens"))? + 1;
    let end = start + shell[start..].find("</div>").ok_or_else(|| broken("end of #factlens"))?;
    // The country outlines are the bulk of a story and are in the HTML already, where the
    // app's hydration keeps them; the story the page carries leaves them out.
    let mut carried = compiled.clone();
    if let Ok(map) = &mut carried.map {
        map.countries.iter_mut().for_each(|country| country.path.clear());
        map.world.clear();
    }
    let json = carried.to_lines().map_err(PublishError::Io)?;
    // `<` only occurs inside JSON strings, where `\u003c` means the same; so escaped, no text
    // in the story can end the script element.
    let json = json.replace('<', "\\u003c");
    let story_script = format!(
        "<script id=\"{}\" type=\"application/json\">{}</script><script id=\"{}\" type=\"application/json\">{json}</script>",
        factlens::words::WORDS_ELEMENT,
        words_json(language, &words[..words::APP_WORDS]),
        factlens::load::STORY_ELEMENT
    );
    let head_end = shell.find("</head>").ok_or_else(|| broken("</head>"))?;
    let mut page = String::with_capacity(shell.len() + json.len() * 2);
    page.push_str(&shell[..head_end]);
    for (name, url) in metas {
        page.push_str(&format!("<meta name=\"{name}\" content=\"{}\" />\n", escape(url)));
    }
    page.push_str(&shell[head_end..start]);
    page.push_str(&render(compiled));
    page.push_str(&shell[end..end + "</div>".len()]);
    page.push_str(after);
    page.push_str(&story_script);
    page.push_str(&shell[end + "</div>".len()..]);
    let page = replace_between(&page, "<title>", "</title>", &format!("{} · factlens", escape(title)));
    let page = replace_between(&page, "<meta name=\"description\" content=\"", "\"", &escape(summary));
    Ok(page)
}

/// A language's words as the page reads them (`factlens::words::Catalogue`), safe inside a
/// script element.
fn words_json(language: &str, words: &[&str]) -> String {
    let catalogue = factlens::words::Catalogue { language, words };
    serde_json::to_string(&catalogue).expect("words serialize").replace('<', "\\u003c")
}

/// The app's shell in the words of the interface in use (`code`'s): the story's language, what
/// it says without script, what its start script says when the app cannot start or has no
/// page in the language `?lang=` asks for, the pages it has (`pages`: code and file), and the
/// link to the one-file edition.
fn worded_shell(
    shell: &str,
    story_language: &str,
    code: &str,
    pages: &[(&str, String)],
) -> Result<String, PublishError> {
    let broken = |what: &str| PublishError::Io(format!("the app's index.html has no {what}"));
    let mut shell = shell.to_owned();
    let mut replace = |from: &str, to: String| -> Result<(), PublishError> {
        if !shell.contains(from) {
            return Err(broken(from));
        }
        shell = shell.replacen(from, &to, 1);
        Ok(())
    };
    replace("<html lang=\"en\">", format!("<html lang=\"{}\">", escape(story_language)))?;
    replace(
        "The map and the graph need JavaScript and WebAssembly; the story and its facts are below.",
        escape(t(Word::NoScript)),
    )?;
    replace(
        "<p id=\"fl-start-problem\" role=\"alert\" hidden></p>",
        format!(
            "<p id=\"fl-start-problem\" role=\"alert\" hidden data-server=\"{}\" data-wasm=\"{}\" data-failed=\"{}\" data-below=\"{}\" \
             data-language=\"{code}\" data-pages=\"{}\" data-no-language=\"{}\"></p>",
            escape(t(Word::NeedsServer)),
            escape(t(Word::NeedsWasm)),
            escape(t(Word::CouldNotStart)),
            escape(t(Word::StoryBelow)),
            escape(&pages.iter().map(|(code, file)| format!("{code}={file}")).collect::<Vec<_>>().join(" ")),
            escape(t(Word::NoLanguage))
        ),
    )?;
    replace(
        "<a href=\"standalone.html\" download>Save this story as one file to read offline</a>",
        format!("<a href=\"standalone.html\" download>{}</a>", escape(t(Word::SaveOneFile))),
    )?;
    replace(
        "<div id=\"factlens\">",
        format!("<div id=\"factlens\" data-open-full=\"{}\">", escape(t(Word::OpenFullExplorer))),
    )?;
    Ok(shell)
}

/// Trunk's inline start (a module script that imports the app's JS and starts its wasm) made
/// into a file, `start-HASH.js`, that the page loads: a page may then forbid inline scripts,
/// and the start can tell a reader why the app did not start. Returns the shell without the
/// inline script, the file's name and its text.
fn external_start(shell: &str) -> Result<(String, String, String), PublishError> {
    let broken = |what: &str| PublishError::Io(format!("the app's index.html has no {what}"));
    let open = "<script type=\"module\">";
    let start = shell.find(open).ok_or_else(|| broken("start script"))?;
    let end = start + shell[start..].find("</script>").ok_or_else(|| broken("end of its start script"))? + 9;
    let inline = &shell[start..end];
    let quoted = |after: &str| {
        let from = inline.find(after)? + after.len();
        Some(&inline[from..from + inline[from..].find('\'')?])
    };
    let app_js = quoted("from './").ok_or_else(|| broken("app script in its start script"))?;
    let app_wasm = quoted("module_or_path: './").ok_or_else(|| broken("wasm in its start script"))?;
    let script = without_comments(START_SCRIPT).replace("{{APP_JS}}", app_js).replace("{{APP_WASM}}", app_wasm);
    let name = format!("start-{}.js", &fingerprint([script.as_bytes()])[..16]);
    let tag = format!("<script defer src=\"./{name}\"></script>");
    Ok((format!("{}\n{tag}{}", shell[..start].trim_end(), &shell[end..]), name, script))
}

/// The service worker of the site in `out`: the page and the files beside it (its script,
/// styles and wasm) are what it keeps; the modules fetched on demand, the data and the one-file
/// edition are not.
fn service_worker(out: &Path) -> std::io::Result<String> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in std::fs::read_dir(out)? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let embedding = EMBEDDING.iter().any(|(file, _)| *file == name);
        // The page in another language is opened only when a reader asks for it (`?lang=`).
        let other_language = name.starts_with("index.") && name != "index.html";
        if path.is_file() && !embedding && !other_language && !NOT_PAGE.contains(&name.as_str()) {
            files.push((name, std::fs::read(&path)?));
        }
    }
    files.sort();
    let build = fingerprint(files.iter().flat_map(|(name, bytes)| [name.as_bytes(), bytes.as_slice()]));
    let list: Vec<String> = files.iter().map(|(name, _)| format!("\"./{name}\"")).collect();
    Ok(without_comments(SERVICE_WORKER)
        .replace("{{BUILD}}", &build)
        .replace("{{PRECACHE}}", &format!("[{}]", list.join(", "))))
}

/// The shell page without its comments (`<!-- … -->`): they explain the source, and every
/// reader would download them.
fn without_html_comments(shell: &str) -> String {
    let mut kept = String::with_capacity(shell.len());
    let mut rest = shell;
    while let Some(start) = rest.find("<!-- ") {
        let Some(length) = rest[start..].find("-->") else { break };
        kept.push_str(rest[..start].trim_end_matches([' ', '\t']));
        rest = rest[start + length + 3..].trim_start_matches(['\n']);
    }
    kept.push_str(rest);
    kept
}

/// A script without its comment lines and indentation: they are for whoever reads the source,
/// not for every reader's download.
fn without_comments(script: &str) -> String {
    script
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// FNV-1a over `parts`, as 16 hex digits: a name that changes when the bytes do.
fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.into_iter().flatten() {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The HTML the app's components render for the story at rest, with the markers Yew's
/// hydration reads.
fn render(compiled: &CompiledStory) -> String {
    let props = AppProps { initial: Some(AppState::ready(compiled.clone())) };
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a current-thread runtime starts");
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, yew::LocalServerRenderer::<App>::with_props(props).render())
}

/// `text` with what follows the first `open` up to the next `close` replaced by `with`.
fn replace_between(text: &str, open: &str, close: &str, with: &str) -> String {
    let Some(start) = text.find(open).map(|i| i + open.len()) else { return text.to_owned() };
    let Some(length) = text[start..].find(close) else { return text.to_owned() };
    format!("{}{with}{}", &text[..start], &text[start + length..])
}

/// The "Data" line under the explorer: the raw dataset and its tables (in `data/`), for
/// spreadsheets and researchers. Outside the app's root, so it is static HTML the app never
/// renders (no bytes of wasm for it) and hydration leaves alone.
fn data_links(dataset: &str, stem: &str) -> String {
    let href = |file: &str| escape(&format!("data/{}", percent_encoded(file)));
    let worded = |word: Word| escape(t(word));
    let link = |file: &str, word: Word| format!("<a href=\"{}\" download>{}</a>", href(file), escape(t(word)));
    let csv = |table: &str, word: Word| link(&format!("{stem}-{table}.csv"), word);
    format!(
        "\n<p class=\"fl-data\">{}{}{}{}, {}, {}.</p>\n",
        worded(Word::Data),
        link(dataset, Word::DataJson),
        worded(Word::DataTables),
        csv("entities", Word::TableEntities),
        csv("relations", Word::TableRelations),
        csv("facts", Word::TableFacts)
    )
}

/// `text` as a URL path segment: letters, digits, `-`, `.`, `_` and `~` as they are, every other
/// byte percent-encoded.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Text made safe inside an element or a quoted attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Copies the app's files from `dir` (inside `root`) into `out`, except the shell page, which is
/// written with the story; the folders in `renamed` get their new names.
fn copy_app(root: &Path, dir: &Path, out: &Path, renamed: &[(&str, &str)]) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let relative = path.strip_prefix(root).expect("read_dir lists what is inside");
        let target = match renamed.iter().find(|(from, _)| relative.starts_with(from)) {
            Some((from, to)) => out.join(to).join(relative.strip_prefix(from).expect("checked")),
            None => out.join(relative),
        };
        if path.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_app(root, &path, out, renamed)?;
        } else if relative != Path::new("index.html") {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
}

/// A short fingerprint of a folder's files (FNV-1a over names and bytes, in name order), so a
/// changed loader gets a new URL and no browser keeps an old one.
fn hash_folder(dir: &Path) -> std::io::Result<String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    names.sort();
    let files: Vec<(PathBuf, Vec<u8>)> =
        names.into_iter().map(|path| std::fs::read(&path).map(|bytes| (path, bytes))).collect::<Result<_, _>>()?;
    Ok(fingerprint(
        files
            .iter()
            .flat_map(|(path, bytes)| [path.file_name().unwrap_or_default().as_encoded_bytes(), bytes.as_slice()]),
    ))
}
