//! What validation reports: typed problems, each with its JSON path and line:column.

use std::fmt;

use crate::locate::Position;
use crate::words::{t, Word};

/// Whether a problem makes the dataset unusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The dataset is rejected.
    Error,
    /// The dataset loads, but something is probably a mistake.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// What the page calls it, in the interface's language.
    pub fn label(self) -> &'static str {
        t(match self {
            Severity::Error => Word::Error,
            Severity::Warning => Word::Warning,
        })
    }
}

/// Everything validation can find wrong. The `Display` text is the message readers see.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProblemKind {
    /// The text is not JSON.
    #[error("syntax error: {0}")]
    Syntax(String),
    /// The JSON does not have the dataset's shape: wrong type, unknown or missing field, unknown
    /// kind. The text is serde's, which names what was expected.
    #[error("{0}")]
    Shape(String),
    #[error("unsupported format version {found}; this build reads version {supported}")]
    Version { found: u32, supported: u32 },
    #[error("duplicate key `{key}`: JSON readers keep only one of the values")]
    DuplicateKey { key: String },
    #[error("{what} must not be empty")]
    Empty { what: &'static str },
    #[error("id \"{id}\" is not a slug: use lowercase letters, digits and single hyphens")]
    BadId { id: String },
    #[error("duplicate {what} id \"{id}\" (first defined at {first})")]
    DuplicateId { what: &'static str, id: String, first: String },
    #[error("unknown {what} \"{id}\"")]
    Dangling { what: &'static str, id: String },
    #[error("relation goes from \"{id}\" to itself")]
    SelfRelation { id: String },
    #[error("\"{code}\" is not an ISO 3166-1 alpha-2 country code")]
    BadCountryCode { code: String },
    #[error("a country entity needs its ISO 3166-1 alpha-2 code in `country`")]
    CountryWithoutCode,
    #[error("{axis} {value} is out of range [{min}, {max}]")]
    OutOfRange { axis: &'static str, value: f64, min: f64, max: f64 },
    #[error("impossible date: {0}")]
    BadDate(String),
    #[error("quote is not verbatim in source \"{source_id}\"{hint}")]
    QuoteNotFound { source_id: String, hint: &'static str },
    #[error("source file \"{file}\" could not be read: {reason}")]
    SourceUnreadable { file: String, reason: String },
    #[error("source file path \"{file}\" must be relative, inside the dataset's folder")]
    UnsafeSourcePath { file: String },
    #[error("a source's `url` must start with https:// or http:// (it is shown as a link): \"{url}\"")]
    UnsafeSourceUrl { url: String },
    #[error("a fact with status \"attributed\" needs an `attribution`")]
    MissingAttribution,
    #[error("`reference` lists `{field}` but the entity has no `{field}`")]
    ReferenceToMissingField { field: &'static str },
    #[error("entity \"{id}\" is mentioned by no fact")]
    Unmentioned { id: String },
    #[error(
        "unknown relation kind \"{kind}\": use a built-in kind (docs/DATASET.md lists them) or declare it in \
         `story.relation_kinds`, e.g. {{\"id\": \"{kind}\", \"label\": \"words readers see\", \"map\": \"none\"}}"
    )]
    UnknownRelationKind { kind: String },
    #[error("relation kind id \"{id}\" is not lowercase snake_case: use lowercase letters, digits and single underscores, starting with a letter")]
    BadKindId { id: String },
    #[error(
        "\"{id}\" is a built-in relation kind: use it without declaring it, or declare your own kind under another id"
    )]
    ShadowsBuiltinKind { id: String },
    #[error("a story may declare at most {max} relation kinds; this one declares {count}")]
    TooManyKinds { count: usize, max: usize },
    #[error("relation kind \"{id}\" is declared but no relation uses it")]
    UnusedKind { id: String },
    #[error("{what} opens a change of direction ({control}) and never closes it, so the rest of it shows reordered; close it with U+202C (an embedding or override) or U+2069 (an isolate), or remove it")]
    UnclosedDirection { what: &'static str, control: String },
}

impl ProblemKind {
    /// How serious this kind of problem is.
    pub fn severity(&self) -> Severity {
        match self {
            ProblemKind::Unmentioned { .. }
            | ProblemKind::UnusedKind { .. }
            | ProblemKind::UnclosedDirection { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One problem, located.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// JSON path of the offending value, e.g. `$.entities[3].kind`.
    pub path: String,
    /// Where that value starts in the file.
    pub position: Position,
}

impl Problem {
    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// The message without its location.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

/// `LINE:COL: error: message (at $.path)`; the CLI puts the file name in front.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {} (at {})",
            self.position.line,
            self.position.column,
            self.severity().as_str(),
            self.kind,
            self.path
        )
    }
}

/// Whether any problem in the list is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity() == Severity::Error)
}
