//! `factlens build` as a newsroom runs it: a valid story becomes a site whose page holds the
//! story's HTML and its compiled data; an invalid one is refused and nothing is written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh folder under the target directory, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An app as `scripts/build` leaves it: the shell page, its files and the loader's folder.
fn app(dir: &Path) -> PathBuf {
    let app = dir.join("app");
    std::fs::create_dir_all(app.join("loader")).unwrap();
    let shell = "<!doctype html>\n<html lang=\"en\"><head><title>x</title>\n<meta name=\"description\" content=\"x\" />\n\
                 <link rel=\"stylesheet\" href=\"./s-1.css\" integrity=\"sha384-x\"/>\n\
                 <link rel=\"modulepreload\" href=\"./app-1.js\" crossorigin=\"anonymous\">\n\
                 <link rel=\"preload\" href=\"./app-1_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\n\
                 <script type=\"module\">\nimport init, * as bindings from './app-1.js';\n\
                 const wasm = await init({ module_or_path: './app-1_bg.wasm' });\n</script></head>\n\
                 <body><noscript>The map and the graph need JavaScript and WebAssembly; the story and its facts are below.</noscript>\n\
                 <p id=\"fl-start-problem\" role=\"alert\" hidden></p>\n<div id=\"factlens\"></div>\n\
                 <p id=\"fl-save\"><a href=\"standalone.html\" download>Save this story as one file to read offline</a></p>\n\
                 </body></html>\n";
    std::fs::write(app.join("index.html"), shell).unwrap();
    std::fs::write(app.join("s-1.css"), "body { margin: 0 }").unwrap();
    let glue = |wasm: &str| format!("export default () => {{ const u = new URL('{wasm}', import.meta.url); }};");
    std::fs::write(app.join("app-1.js"), glue("app-1_bg.wasm")).unwrap();
    std::fs::write(app.join("app-1_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(app.join("loader/factlens_loader.js"), "// loader").unwrap();
    std::fs::write(app.join("loader/factlens_loader_bg.wasm"), b"\0asm").unwrap();
    std::fs::create_dir_all(app.join("motion")).unwrap();
    std::fs::write(app.join("motion/factlens_motion.js"), glue("factlens_motion_bg.wasm")).unwrap();
    std::fs::write(app.join("motion/factlens_motion_bg.wasm"), b"\0asm").unwrap();
    app
}

fn build(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlens"))
        .arg("build")
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("the factlens binary runs")
}

#[test]
fn a_valid_story_is_published_with_its_html_its_compiled_data_and_its_raw_data() {
    let dir = scratch("published");
    let (app, out) = (app(&dir), dir.join("site"));
    let output = build(&[Path::new("data/belarus-myanmar.json"), Path::new("--out"), &out, Path::new("--app"), &app]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("<title>Lukashenko visits Myanmar’s military government · factlens</title>"));
    assert!(page.contains("id=\"fl-story\" type=\"application/json\""));
    // The page's HTML is the app's own, rendered with the story: names, facts and quotes.
    let dataset: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_root().join("data/belarus-myanmar.json")).unwrap()).unwrap();
    let body = &page[page.find("<div id=\"factlens\"").unwrap()..page.find("id=\"fl-story\"").unwrap()];
    for fact in dataset["facts"].as_array().unwrap() {
        assert!(body.contains(&format!("data-fact=\"{}\"", fact["id"].as_str().unwrap())));
    }
    assert!(body.contains("Alexander Lukashenko") && body.contains("fl-map__countries"));
    // The loader under a name that changes with its contents; the app's own files as they were.
    let loader = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_string().unwrap())
        .find(|n| n.starts_with("loader-"))
        .expect("the loader is copied");
    assert!(page.contains(&format!("content=\"./{loader}/factlens_loader.js\"")));
    assert!(out.join(&loader).join("factlens_loader_bg.wasm").exists());
    assert!(out.join("app-1.js").exists() && !out.join("loader").exists() && !out.join("motion").exists());
    assert!(page.contains("<meta name=\"factlens-motion\" content=\"./motion-"));
    for file in [
        "data/belarus-myanmar.json",
        "data/belarus-myanmar-article.txt",
        "data/world.json",
        "data/belarus-myanmar-entities.csv",
        "data/belarus-myanmar-relations.csv",
        "data/belarus-myanmar-facts.csv",
    ] {
        assert!(out.join(file).exists(), "{file} is published");
    }
    // No inline script: the app starts from a file named by its contents, which a strict policy
    // allows.
    assert!(!page.contains("<script type=\"module\">"));
    let start = page.split("<script defer src=\"./").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
    assert!(start.starts_with("start-") && start.ends_with(".js"), "{start}");
    let script = std::fs::read_to_string(out.join(start)).unwrap();
    assert!(script.contains("import(\"./app-1.js\")") && script.contains("\"./app-1_bg.wasm\""), "{script}");
    // The service worker keeps the page's files, and nothing fetched only on demand.
    let worker = std::fs::read_to_string(out.join("sw.js")).unwrap();
    for file in ["./index.html", "./app-1.js", &format!("./{start}")] {
        assert!(worker.contains(&format!("\"{file}\"")), "{file} is kept for offline");
    }
    assert!(!worker.contains("loader-") && !worker.contains("data/"));
    assert!(worker.contains("const BUILD = \"") && !worker.contains("{{"));
    // The one-file edition: the page with its styles, scripts and wasm inside it, and no file
    // beside it named.
    let alone = std::fs::read_to_string(out.join("standalone.html")).unwrap();
    assert!(alone.contains("<style>body { margin: 0 }</style>") && alone.contains("id=\"fl-story\""));
    assert_eq!(alone.matches("data:application/wasm;base64,AGFzbQ==").count(), 2, "the app's and the motion module's");
    assert!(!alone.contains("src=\"./") && !alone.contains("href=\"./") && !alone.contains("fl-save"));
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("<p class=\"fl-data\">Data: <a href=\"data/belarus-myanmar.json\" download>"));
    // The interface's words: the story's language's in the page, and the page in every other
    // language the interface speaks beside it, each saying where the others are; only the
    // story's language's is kept for offline.
    let words = |page: &str| {
        let from = page.find("<script id=\"fl-words\" type=\"application/json\">").unwrap();
        let json = &page[page[from..].find('>').unwrap() + from + 1..];
        serde_json::from_str::<serde_json::Value>(&json[..json.find("</script>").unwrap()]).unwrap()
    };
    assert_eq!(words(&page)["language"], "en");
    assert_eq!(words(&page)["words"][0], "Skip to the explorer");
    let french = std::fs::read_to_string(out.join("index.fr.html")).unwrap();
    assert_eq!(words(&french)["language"], "fr");
    assert_eq!(words(&french)["words"].as_array().unwrap().len(), words(&page)["words"].as_array().unwrap().len());
    assert!(french.contains("<a href=\"standalone.html\" download>Enregistrer ce récit en un seul fichier"));
    assert!(french.contains("Qui est lié à qui") && !french.contains("Who is tied to whom"));
    for (page, code) in [(&page, "en"), (&french, "fr")] {
        assert!(
            page.contains(&format!("data-language=\"{code}\" data-pages=\"en=index.html fr=index.fr.html\"")),
            "{code}"
        );
        assert!(page.contains("<html lang=\"en\">"), "the story's language, whatever the interface's");
    }
    assert!(!worker.contains("index.fr.html"));
    assert!(!alone.contains("fl-data"), "a file saved anywhere has no data files beside it");
    assert!(!worker.contains("\"./standalone.html\""), "the one-file edition is a download, not kept for offline");
}

#[test]
fn an_invalid_story_is_refused_with_its_problems_and_nothing_is_written() {
    let dir = scratch("refused");
    let (app, out) = (app(&dir), dir.join("site"));
    let broken = Path::new("tests/invalid/dangling-relation-endpoint.json");
    let output = build(&[broken, Path::new("--out"), &out, Path::new("--app"), &app]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("tests/invalid/dangling-relation-endpoint.json:"), "{stderr}");
    assert!(stderr.contains(": error: "), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_missing_app_is_a_clear_error_and_nothing_is_written() {
    let dir = scratch("no-app");
    let out = dir.join("site");
    let output = build(&[
        Path::new("data/belarus-myanmar.json"),
        Path::new("--out"),
        &out,
        Path::new("--app"),
        &dir.join("nowhere"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("scripts/build"));
    assert!(!out.exists());
}
