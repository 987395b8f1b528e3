//! Modules the page fetches only when it needs them: the loader for raw datasets and the motion
//! module (layout and canvas). `factlens build` publishes each under a name that changes with
//! its contents and tells the page where, in a `<meta>` named after it.

/// The `<meta>` naming the loader module (`crates/factlens-loader`).
pub const LOADER: &str = "factlens-loader";

/// The `<meta>` naming the motion module (`crates/factlens-motion`).
pub const MOTION: &str = "factlens-motion";

#[cfg(target_arch = "wasm32")]
pub use browser::{call, failed, import};

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    #[wasm_bindgen]
    extern "C" {
        /// `import(url)`: the module at `url`, resolved against the app's JS glue.
        #[wasm_bindgen(js_name = import)]
        fn import_module(url: &str) -> js_sys::Promise;
    }

    /// An error's own text ("TypeError: …"), or the string thrown, after `what`.
    pub fn failed(what: &str, err: JsValue) -> String {
        format!("{what}: {}", String::from(err.unchecked_into::<js_sys::Object>().to_string()))
    }

    /// Fetches and starts the module the `<meta>` called `name` points at: its exports.
    pub async fn import(name: &str) -> Result<JsValue, String> {
        let url = gloo::utils::document()
            .query_selector(&format!("meta[name=\"{name}\"]"))
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .ok_or_else(|| format!("this page was built without {name}"))?;
        let module = wasm_bindgen_futures::JsFuture::from(import_module(&url))
            .await
            .map_err(|err| failed(&format!("{url} could not be fetched"), err))?;
        let started = call(&module, "default", &[])?;
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&started))
            .await
            .map_err(|err| failed(&format!("{url} could not start"), err))?;
        Ok(module)
    }

    /// Calls the function `name` of `object` with `args`.
    pub fn call(object: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, String> {
        let function = js_sys::Reflect::get(object, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or_else(|| format!("the module has no {name}"))?;
        let args: js_sys::Array = args.iter().copied().collect();
        function.apply(object, &args).map_err(|err| failed(name, err))
    }
}
