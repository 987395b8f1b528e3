//! One main component per file. Props are `XProps`; callbacks are `on_<verb>`.

pub mod app;
pub mod article;
pub mod details;
pub mod entity_list;
pub mod error_panel;
pub mod explorer;
pub mod fact_card;
pub mod graph_view;
pub mod search;
pub mod timeline;
pub mod world_map;
pub mod zoom_controls;
