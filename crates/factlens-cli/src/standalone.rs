//! The one-file edition (`standalone.html`): the published page with everything it uses inside
//! it (the styles, the app's script and wasm, the motion module, the compiled story with its
//! source texts and the map's outlines), so a reader can keep it and open it from disk with no
//! server and no network.
//!
//! A page opened from a file may not load module scripts from other files, so the scripts ride
//! in the page as text and start from `blob:` URLs, and each module's wasm is a `data:` URL in
//! its script. There is no worker there (a file's page may not start one from a blob), so a
//! large graph's layout runs on the page, as it does wherever workers are refused.

use std::path::Path;

use base64::Engine;

/// The one-file edition of the site in `out`, whose page is `page`.
pub fn standalone(out: &Path, page: &str) -> Result<String, String> {
    let read = |file: &str| std::fs::read(out.join(file)).map_err(|err| format!("{file}: {err}"));
    let text = |file: &str| String::from_utf8(read(file)?).map_err(|err| format!("{file}: {err}"));
    let styles = attribute_of(page, "<link rel=\"stylesheet\"", "href").ok_or("the page has no style sheet")?;
    let app = attribute_of(page, "<link rel=\"modulepreload\"", "href").ok_or("the page names no app script")?;
    let wasm = attribute_of(page, "<link rel=\"preload\"", "href").ok_or("the page names no app wasm")?;
    let motion =
        attribute_of(page, "<meta name=\"factlens-motion\"", "content").ok_or("the page names no motion module")?;
    let motion_wasm = motion.replace(".js", "_bg.wasm");

    let mut html = String::with_capacity(page.len() * 4);
    for line in page.split_inclusive('\n') {
        let kept = line.trim_start();
        if kept.starts_with("<link rel=\"stylesheet\"") {
            html.push_str(&format!("<style>{}</style>\n", text(&styles)?));
        } else if kept.starts_with("<link rel=\"modulepreload\"")
            || kept.starts_with("<link rel=\"preload\"")
            || kept.starts_with("<script defer src=")
            || kept.contains("id=\"fl-save\"")
            || kept.starts_with("<p class=\"fl-data\"")
        {
            // Files beside the page, which this edition carries inside it; the link to itself; and
            // the links to the data files beside the page, which a file saved elsewhere has not.
        } else {
            html.push_str(line);
        }
    }
    let body_end = html.rfind("</body>").ok_or("the page has no </body>")?;
    let scripts = format!(
        "<script type=\"text/plain\" id=\"fl-app-module\">{}</script>\n\
         <script type=\"text/plain\" id=\"fl-motion-module\">{}</script>\n\
         <script type=\"module\">{START}</script>\n",
        with_wasm(&text(&app)?, &read(&wasm)?)?,
        with_wasm(&text(&motion)?, &read(&motion_wasm)?)?,
    );
    html.insert_str(body_end, &scripts);
    Ok(html)
}

/// Starts the app from the scripts carried in the page.
const START: &str = "const module = (id) => URL.createObjectURL(new Blob([document.getElementById(id).textContent], { type: \"text/javascript\" }));\
document.querySelector('meta[name=\"factlens-motion\"]').content = module(\"fl-motion-module\");\
const app = await import(module(\"fl-app-module\"));\
await app.default();\
window.wasmBindings = app;";

/// A module's JS glue (wasm-bindgen's, for `--target web`), its wasm inside it as a `data:` URL
/// where the glue would fetch it from beside itself.
fn with_wasm(glue: &str, wasm: &[u8]) -> Result<String, String> {
    if glue.contains("</script") {
        return Err("a module's script cannot be carried in a page: it contains </script".into());
    }
    let beside = glue.find("new URL('").and_then(|start| {
        let end = start + glue[start..].find("import.meta.url)")? + "import.meta.url)".len();
        glue[start..end].contains("_bg.wasm").then_some(start..end)
    });
    let range = beside.ok_or("a module's script does not name its wasm as wasm-bindgen writes it")?;
    let url = format!("\"data:application/wasm;base64,{}\"", base64::engine::general_purpose::STANDARD.encode(wasm));
    Ok(format!("{}{url}{}", &glue[..range.start], &glue[range.end..]))
}

/// The value of `name` in the first tag that starts with `tag`, without a leading `./`.
fn attribute_of(page: &str, tag: &str, name: &str) -> Option<String> {
    let start = page.find(tag)?;
    let tag = &page[start..start + page[start..].find('>')?];
    let from = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let value = &tag[from..from + tag[from..].find('"')?];
    Some(value.trim_start_matches("./").to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_modules_wasm_rides_inside_its_script() {
        let glue = "if (x === undefined) { module_or_path = new URL('app_bg.wasm', import.meta.url); }";
        let carried = with_wasm(glue, b"\0asm").unwrap();
        assert_eq!(carried, "if (x === undefined) { module_or_path = \"data:application/wasm;base64,AGFzbQ==\"; }");
        assert!(with_wasm("no wasm named here", b"").is_err());
        assert!(with_wasm("new URL('a_bg.wasm', import.meta.url); '</script>'", b"").is_err());
    }

    #[test]
    fn attributes_are_read_from_the_first_matching_tag() {
        let page = "<link rel=\"icon\" href=\"data:,\" />\n<link rel=\"stylesheet\" href=\"./s.css\" integrity=\"x\"/>";
        assert_eq!(attribute_of(page, "<link rel=\"stylesheet\"", "href").as_deref(), Some("s.css"));
        assert_eq!(attribute_of(page, "<link rel=\"preload\"", "href"), None);
    }
}
