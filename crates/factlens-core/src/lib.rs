//! factlens-core: the dataset model, its validation and the browsing index.
//!
//! Pure Rust with no browser dependency, so everything here is tested natively and shared by
//! the app (compiled to wasm) and the CLI. See ARCHITECTURE.md for the whole picture.

pub mod article;
pub mod compiled;
pub mod export;
pub mod graph;
pub mod index;
pub mod iso3166;
pub mod kinds;
pub mod locate;
pub mod map;
pub mod model;
pub mod pause;
mod pieces;
pub mod place;
pub mod problem;
pub mod projection;
mod quote_index;
pub mod search;
pub mod selection;
pub mod svg_path;
pub mod synth;
#[cfg(test)]
mod testing;
pub mod timeline;
pub mod validate;
pub mod words;
pub mod world;

/// The force layout, a crate of its own so it can be optimised for speed while the rest is
/// optimised for size; it is part of the core's API.
pub use factlens_layout as layout;
pub use index::Story;
pub use kinds::{Kinds, RelationKind};
pub use model::{BuiltinKind, Dataset, Date, Entity, EntityKind, Fact, FactStatus, Location, Relation, Source};
pub use problem::{has_errors, Problem, ProblemKind, Severity};
pub use validate::{check, parse, validate, SourceTexts};

/// The JSON Schema of the dataset format, generated from the model types.
#[cfg(feature = "schema")]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(model::Dataset);
    serde_json::to_string_pretty(&schema).expect("a schema always serializes") + "\n"
}
