//! factlens: a fact explorer for news stories, as a Yew single-page app.
//!
//! `App` shows a compiled story (published with the page by `factlens build`, or compiled from
//! a raw dataset by the loader module); everything below it renders purely from props, so
//! components also render natively in tests and in `factlens build` (`LocalServerRenderer`).

pub mod components;
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod js_value;
pub mod load;
pub mod map_view;
pub mod modules;
pub mod motion;
pub mod state;
pub mod words;

pub use components::app::{App, AppProps};
