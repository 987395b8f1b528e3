//! factlens: a fact explorer for news stories, as a Yew single-page app.
//!
//! `App` loads a dataset, validates it with `factlens-core` and shows it; everything below it
//! renders purely from props, so components also render natively in tests (`LocalServerRenderer`).

pub mod canvas;
pub mod components;
pub mod dom;
pub mod layout;
pub mod load;
pub mod map_view;
pub mod state;

pub use components::app::{App, AppProps};
