//! Validation: from JSON text to a checked [`Dataset`], reporting every problem with its place.
//!
//! Two phases, because the app must fetch the source texts in between:
//! [`parse`] checks syntax and shape (each entity, relation and fact on its own, so one bad
//! element does not hide the others), then [`check`] checks meaning: ids, references, codes,
//! ranges, dates and that every quote is verbatim in its source.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::iso3166;
use crate::kinds::MAX_DECLARED;
use crate::locate::{self, locate, Position};
use crate::model::{BuiltinKind, Dataset, Date, EntityKind, FactStatus, Location, ReferenceField, FORMAT_VERSION};
use crate::pause::{self, Pause};
use crate::pieces::Cursor;
use crate::problem::{Problem, ProblemKind};
use crate::quote_index::QuoteIndex;

/// The source texts a dataset quotes, by source id: the text, or why it could not be had.
pub type SourceTexts = BTreeMap<String, Result<String, String>>;

/// Parses dataset JSON into the model, or returns every syntax and shape problem found.
pub fn parse(text: &str) -> Result<Dataset, Vec<Problem>> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => {
            let position = syntax_position(text, &err);
            let message = syntax_message(&err);
            return Err(vec![Problem { kind: ProblemKind::Syntax(message), path: "$".into(), position }]);
        }
    };
    // Duplicate keys already know their place; the path alone would name the first occurrence.
    let duplicates: Vec<Problem> = locate::duplicate_keys(text)
        .into_iter()
        .map(|(path, position)| {
            let key = path.rsplit('.').next().unwrap_or_default().to_owned();
            Problem { kind: ProblemKind::DuplicateKey { key }, path, position }
        })
        .collect();
    let mut found = Found::default();
    let dataset = shape(&value, &mut found);
    match dataset {
        Some(dataset) if found.is_empty() && duplicates.is_empty() => Ok(dataset),
        _ => {
            let mut problems = found.locate(text);
            problems.extend(duplicates);
            problems.sort_by_key(|p| p.position);
            Err(problems)
        }
    }
}

/// [`parse`], giving way to `pause` between pieces (see [`crate::pause`]). A valid dataset is
/// parsed one top-level field and one list element at a time; at the first sign of a problem
/// the whole text is parsed as [`parse`] does, which finds every problem and its place.
pub async fn parse_pausing(text: &str, pause: &mut impl Pause) -> Result<Dataset, Vec<Problem>> {
    match parse_in_pieces(text, pause).await {
        Some(dataset) => Ok(dataset),
        None => parse(text),
    }
}

/// A valid dataset, parsed piece by piece (`None` if any piece or the text between them has a
/// problem). Each piece goes through the steps [`parse`] takes for the whole text: JSON to a
/// value, repeated keys, then shape.
async fn parse_in_pieces(text: &str, pause: &mut impl Pause) -> Option<Dataset> {
    fn piece<T: DeserializeOwned>(text: &str) -> Option<T> {
        let value: Value = serde_json::from_str(text).ok()?;
        if !locate::duplicate_keys(text).is_empty() {
            return None;
        }
        // `None` exactly when it found a problem (the fallback reports it with its place).
        deserialize(&value, "$", &mut Found::default())
    }
    async fn list<T: DeserializeOwned>(cursor: &mut Cursor<'_>, text: &str, pause: &mut impl Pause) -> Option<Vec<T>> {
        let mut items = Vec::new();
        if !cursor.open(b'[')? {
            loop {
                items.push(piece(&text[cursor.value()?])?);
                pause.point().await;
                if cursor.next(b']')? {
                    break;
                }
            }
        }
        Some(items)
    }
    let mut cursor = Cursor::new(text);
    let (mut version, mut story, mut entities, mut relations, mut facts) = (None, None, None, None, None);
    let mut seen = HashSet::new();
    if !cursor.open(b'{')? {
        loop {
            let key = cursor.key()?;
            if !seen.insert(key.clone()) {
                return None;
            }
            match key.as_str() {
                "version" => version = Some(piece(&text[cursor.value()?])?),
                "story" => story = Some(piece(&text[cursor.value()?])?),
                "entities" => entities = Some(list(&mut cursor, text, pause).await?),
                "relations" => relations = Some(list(&mut cursor, text, pause).await?),
                "facts" => facts = Some(list(&mut cursor, text, pause).await?),
                _ => return None,
            }
            if cursor.next(b'}')? {
                break;
            }
        }
    }
    cursor.at_end().then_some(())?;
    Some(Dataset { version: version?, story: story?, entities: entities?, relations: relations?, facts: facts? })
}

/// Checks a parsed dataset's meaning against its source texts. Returns errors and warnings,
/// in file order; the dataset is usable when none is an error.
pub fn check(text: &str, dataset: &Dataset, sources: &SourceTexts) -> Vec<Problem> {
    pause::finish(check_pausing(text, dataset, sources, &mut pause::Never))
}

/// [`check`], giving way to `pause` between items (see [`crate::pause`]).
pub async fn check_pausing(
    text: &str,
    dataset: &Dataset,
    sources: &SourceTexts,
    pause: &mut impl Pause,
) -> Vec<Problem> {
    check_locating(text, dataset, sources, pause).await.0
}

/// [`check_pausing`], and where each fact's quote starts in its source (indexed like the facts;
/// `None` where it is not there), found by the same look-ups that check the quotes.
pub(crate) async fn check_locating(
    text: &str,
    dataset: &Dataset,
    sources: &SourceTexts,
    pause: &mut impl Pause,
) -> (Vec<Problem>, Vec<Option<usize>>) {
    let mut found = Found::default();
    let mut quote_starts = vec![None; dataset.facts.len()];
    Checker { dataset, sources, found: &mut found, quote_starts: &mut quote_starts }.run(pause).await;
    (found.locate(text), quote_starts)
}

/// Parses and checks in one go, for callers that already hold the source texts.
pub fn validate(text: &str, sources: &SourceTexts) -> (Option<Dataset>, Vec<Problem>) {
    match parse(text) {
        Ok(dataset) => {
            let problems = check(text, &dataset, sources);
            (Some(dataset), problems)
        }
        Err(problems) => (None, problems),
    }
}

/// serde_json appends " at line L column C" to its messages; we print positions ourselves.
fn syntax_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// serde_json reports where it stopped as a line and a *byte* column counting the offending byte
/// (0 when that byte is a newline ending the previous line). Returns the offending character's
/// line and character column instead, as everywhere else.
fn syntax_position(text: &str, err: &serde_json::Error) -> Position {
    if err.line() == 0 {
        return Position { line: 1, column: 1 };
    }
    let line_start: usize = text.split_inclusive('\n').take(err.line() - 1).map(str::len).sum();
    let Some(mut at) = (line_start + err.column()).min(text.len()).checked_sub(1) else {
        return Position { line: 1, column: 1 };
    };
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    Position { line: before.matches('\n').count() + 1, column: before[start..].chars().count() + 1 }
}

/// Problems found so far, with paths but not yet positions.
#[derive(Default)]
struct Found(Vec<(ProblemKind, String)>);

impl Found {
    fn add(&mut self, kind: ProblemKind, path: impl Into<String>) {
        self.0.push((kind, path.into()));
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Resolves every path to a line:column in one walk of the text, and sorts by position.
    fn locate(self, text: &str) -> Vec<Problem> {
        let paths: Vec<&str> = self.0.iter().map(|(_, path)| path.as_str()).collect();
        let positions = locate(text, &paths);
        let mut problems: Vec<Problem> = self
            .0
            .into_iter()
            .map(|(kind, path)| {
                let position = positions.get(&path).copied().unwrap_or_default();
                Problem { kind, path, position }
            })
            .collect();
        problems.sort_by_key(|p| p.position);
        problems
    }
}

const TOP_LEVEL_FIELDS: [&str; 5] = ["version", "story", "entities", "relations", "facts"];

/// Deserializes the top level field by field and each list element by element, so that all
/// shape problems are reported, not only the first.
fn shape(value: &Value, found: &mut Found) -> Option<Dataset> {
    let Value::Object(map) = value else {
        found.add(ProblemKind::Shape("expected the dataset to be a JSON object".into()), "$");
        return None;
    };
    for key in map.keys().filter(|k| !TOP_LEVEL_FIELDS.contains(&k.as_str())) {
        let expected = TOP_LEVEL_FIELDS.map(|f| format!("`{f}`")).join(", ");
        found.add(ProblemKind::Shape(format!("unknown field `{key}`, expected one of {expected}")), format!("$.{key}"));
    }
    let version = field(map, "version", found);
    let story = field(map, "story", found);
    let entities = list(map, "entities", found);
    let relations = list(map, "relations", found);
    let facts = list(map, "facts", found);
    Some(Dataset { version: version?, story: story?, entities: entities?, relations: relations?, facts: facts? })
}

fn field<T: DeserializeOwned>(map: &Map<String, Value>, key: &str, found: &mut Found) -> Option<T> {
    let Some(value) = map.get(key) else {
        found.add(ProblemKind::Shape(format!("missing field `{key}`")), "$");
        return None;
    };
    deserialize(value, &format!("$.{key}"), found)
}

fn list<T: DeserializeOwned>(map: &Map<String, Value>, key: &str, found: &mut Found) -> Option<Vec<T>> {
    let path = format!("$.{key}");
    let Some(value) = map.get(key) else {
        found.add(ProblemKind::Shape(format!("missing field `{key}`")), "$");
        return None;
    };
    let Value::Array(items) = value else {
        found.add(ProblemKind::Shape(format!("invalid type: {}, expected an array", kind_of(value))), path);
        return None;
    };
    let before = found.0.len();
    let parsed: Vec<T> =
        items.iter().enumerate().filter_map(|(i, item)| deserialize(item, &format!("{path}[{i}]"), found)).collect();
    (found.0.len() == before).then_some(parsed)
}

fn deserialize<T: DeserializeOwned>(value: &Value, path: &str, found: &mut Found) -> Option<T> {
    match serde_path_to_error::deserialize(value) {
        Ok(parsed) => Some(parsed),
        Err(err) => {
            let mut full = path.to_owned();
            let mut at = Some(value);
            for segment in err.path().iter() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        full.push_str(&format!("[{index}]"));
                        at = at.and_then(|v| v.get(index));
                    }
                    serde_path_to_error::Segment::Map { key } => {
                        full.push('.');
                        full.push_str(key);
                        at = at.and_then(|v| v.get(key));
                    }
                    serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
                }
            }
            let message = err.into_inner().to_string();
            // Inside an internally tagged enum (a date) the path stops at the enum; point an
            // unknown field at its own name there too, as it is everywhere else.
            let unknown = message.strip_prefix("unknown field `").and_then(|rest| rest.split_once('`'));
            if let (Some((key, _)), Some(Value::Object(map))) = (unknown, at) {
                if map.contains_key(key) && !full.ends_with(&format!(".{key}")) {
                    full.push('.');
                    full.push_str(key);
                }
            }
            found.add(ProblemKind::Shape(message), full);
            None
        }
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "map",
    }
}

/// Whether `id` is lowercase snake_case, as relation kinds are: `signed_treaty_with`.
pub fn is_snake_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .split('_')
            .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Whether `id` is a readable slug: `[a-z0-9]+(-[a-z0-9]+)*`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Whether a source's `url` is a web address, so a link to it cannot run script
/// (`javascript:`) or open something else on the reader's machine.
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["https://", "http://"].iter().any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether a source path stays inside the dataset's folder and on its origin: relative, no
/// `..`, no scheme or host, no backslashes. The app fetches it, so this is a safety check.
pub fn is_safe_relative_path(file: &str) -> bool {
    !file.is_empty()
        && !file.starts_with('/')
        && file.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

/// Why a calendar date cannot exist, if it cannot.
pub fn date_problem(date: &Date) -> Option<String> {
    let month_ok = |m: u8| (1..=12).contains(&m);
    match *date {
        Date::Year { .. } => None,
        Date::Month { month, .. } if !month_ok(month) => Some(format!("month {month} is not in 1..=12")),
        Date::Month { .. } => None,
        Date::Day { month, .. } if !month_ok(month) => Some(format!("month {month} is not in 1..=12")),
        Date::Day { year, month, day } => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            (day == 0 || day > days).then(|| format!("day {day} does not exist in {year}-{month:02}"))
        }
        Date::Relative { ref text, .. } if text.trim().is_empty() => {
            Some("a relative date needs the source's words in `text`".into())
        }
        Date::Relative { .. } => None,
    }
}

/// Normalises typographic quotes and dashes, to tell a near miss from a real misquote.
fn fold_typography(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect()
}

struct Checker<'a> {
    dataset: &'a Dataset,
    sources: &'a SourceTexts,
    found: &'a mut Found,
    /// Where each fact's quote starts, as the quote check finds it.
    quote_starts: &'a mut [Option<usize>],
}

impl Checker<'_> {
    async fn run(mut self, pause: &mut impl Pause) {
        let d = self.dataset;
        if d.version != FORMAT_VERSION {
            self.found.add(ProblemKind::Version { found: d.version, supported: FORMAT_VERSION }, "$.version");
        }
        let entity_ids = self.ids("entity", d.entities.iter().map(|e| e.id.as_str()), "$.entities");
        self.story(&entity_ids);
        self.declared_kinds();
        pause.point().await;
        self.ids("relation", d.relations.iter().map(|r| r.id.as_str()), "$.relations");
        pause.point().await;
        let fact_ids = self.ids("fact", d.facts.iter().map(|f| f.id.as_str()), "$.facts");
        pause.point().await;
        self.entities(&entity_ids, pause).await;
        self.relations(&entity_ids, &fact_ids, pause).await;
        self.facts(&entity_ids, pause).await;
        self.unmentioned(pause).await;
    }

    // Paths are made only for problems: a valid 20,000-entity dataset would otherwise format
    // half a million of them.
    // A text readers see must hold something, and close every change of direction it opens
    // (the page isolates each text from the interface around it, but not from itself).
    fn empty(&mut self, value: &str, what: &'static str, path: &dyn Fn() -> String) {
        if value.trim().is_empty() {
            self.found.add(ProblemKind::Empty { what }, path());
        }
        if let Some(control) = unclosed_direction(value) {
            self.found
                .add(ProblemKind::UnclosedDirection { what, control: format!("U+{:04X}", u32::from(control)) }, path());
        }
    }

    /// Checks ids are slugs and unique; returns id → index of first definition.
    fn ids<'d>(
        &mut self,
        what: &'static str,
        ids: impl Iterator<Item = &'d str>,
        list: &str,
    ) -> HashMap<&'d str, usize> {
        let mut first = HashMap::with_capacity(ids.size_hint().0);
        for (i, id) in ids.enumerate() {
            let path = || format!("{list}[{i}].id");
            if !is_slug(id) {
                self.found.add(ProblemKind::BadId { id: id.to_owned() }, path());
            }
            if let Some(&j) = first.get(id) {
                let first = format!("{list}[{j}]");
                self.found.add(ProblemKind::DuplicateId { what, id: id.to_owned(), first }, path());
            } else {
                first.insert(id, i);
            }
        }
        first
    }

    fn reference(&mut self, what: &'static str, id: &str, known: &HashMap<&str, usize>, path: &dyn Fn() -> String) {
        if !known.contains_key(id) {
            self.found.add(ProblemKind::Dangling { what, id: id.to_owned() }, path());
        }
    }

    fn date(&mut self, date: &Date, entity_ids: Option<&HashMap<&str, usize>>, path: &dyn Fn() -> String) {
        if let Some(reason) = date_problem(date) {
            self.found.add(ProblemKind::BadDate(reason), path());
        }
        if let (Date::Relative { anchor: Some(anchor), .. }, Some(ids)) = (date, entity_ids) {
            self.reference("entity", anchor, ids, &|| format!("{}.anchor", path()));
        }
    }

    fn story(&mut self, entity_ids: &HashMap<&str, usize>) {
        let story = &self.dataset.story;
        self.empty(&story.title, "story title", &|| "$.story.title".into());
        self.empty(&story.summary, "story summary", &|| "$.story.summary".into());
        self.empty(&story.language, "story language", &|| "$.story.language".into());
        if story.sources.is_empty() {
            self.found.add(ProblemKind::Empty { what: "story sources" }, "$.story.sources");
        }
        self.ids("source", story.sources.iter().map(|s| s.id.as_str()), "$.story.sources");
        for (i, id) in story.focus.iter().enumerate() {
            self.reference("entity", id, entity_ids, &|| format!("$.story.focus[{i}]"));
        }
        for (i, source) in story.sources.iter().enumerate() {
            let path = format!("$.story.sources[{i}]");
            self.empty(&source.title, "source title", &|| format!("{path}.title"));
            if let Some(url) = source.url.as_ref().filter(|url| !is_web_address(url)) {
                self.found.add(ProblemKind::UnsafeSourceUrl { url: url.clone() }, format!("{path}.url"));
            }
            if !is_safe_relative_path(&source.file) {
                self.found.add(ProblemKind::UnsafeSourcePath { file: source.file.clone() }, format!("{path}.file"));
            } else if let Some(Err(reason)) = self.sources.get(&source.id) {
                let kind = ProblemKind::SourceUnreadable { file: source.file.clone(), reason: reason.clone() };
                self.found.add(kind, format!("{path}.file"));
            } else if !self.sources.contains_key(&source.id) {
                let kind = ProblemKind::SourceUnreadable { file: source.file.clone(), reason: "not loaded".into() };
                self.found.add(kind, format!("{path}.file"));
            }
        }
    }

    /// The kinds the story declares: snake_case ids, none a built-in kind's, none twice, each
    /// used, and few enough for the page's filters.
    fn declared_kinds(&mut self) {
        let declared = &self.dataset.story.relation_kinds;
        if declared.len() > MAX_DECLARED {
            let kind = ProblemKind::TooManyKinds { count: declared.len(), max: MAX_DECLARED };
            self.found.add(kind, "$.story.relation_kinds");
        }
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, kind) in declared.iter().enumerate() {
            let path = || format!("$.story.relation_kinds[{i}].id");
            let id = kind.id.as_str();
            if BuiltinKind::from_word(id).is_some() {
                self.found.add(ProblemKind::ShadowsBuiltinKind { id: id.to_owned() }, path());
            } else if !is_snake_case(id) {
                self.found.add(ProblemKind::BadKindId { id: id.to_owned() }, path());
            }
            if let Some(&j) = first.get(id) {
                let first = format!("$.story.relation_kinds[{j}]");
                self.found.add(ProblemKind::DuplicateId { what: "relation kind", id: id.to_owned(), first }, path());
            } else {
                first.insert(id, i);
                if !self.dataset.relations.iter().any(|r| r.kind == id) {
                    self.found.add(ProblemKind::UnusedKind { id: id.to_owned() }, path());
                }
            }
            self.empty(&kind.label, "a relation kind's label", &|| format!("$.story.relation_kinds[{i}].label"));
        }
    }

    async fn entities(&mut self, entity_ids: &HashMap<&str, usize>, pause: &mut impl Pause) {
        for (i, entity) in self.dataset.entities.iter().enumerate() {
            pause.point().await;
            let path = format!("$.entities[{i}]");
            self.empty(&entity.name, "name", &|| format!("{path}.name"));
            self.empty(&entity.description, "description", &|| format!("{path}.description"));
            for (j, alias) in entity.aliases.iter().enumerate() {
                self.empty(alias, "alias", &|| format!("{path}.aliases[{j}]"));
            }
            for (j, role) in entity.roles.iter().enumerate() {
                self.empty(role, "role", &|| format!("{path}.roles[{j}]"));
            }
            match &entity.country {
                Some(code) if !iso3166::is_alpha2(code) => {
                    self.found.add(ProblemKind::BadCountryCode { code: code.clone() }, format!("{path}.country"));
                }
                None if entity.kind == EntityKind::Country => {
                    self.found.add(ProblemKind::CountryWithoutCode, path.clone());
                }
                _ => {}
            }
            if let Some(location) = &entity.location {
                self.location(location, &format!("{path}.location"));
            }
            if let Some(date) = &entity.date {
                self.date(date, Some(entity_ids), &|| format!("{path}.date"));
            }
            for (j, field) in entity.reference.iter().enumerate() {
                let (present, name) = match field {
                    ReferenceField::Country => (entity.country.is_some(), "country"),
                    ReferenceField::Location => (entity.location.is_some(), "location"),
                };
                if !present {
                    self.found
                        .add(ProblemKind::ReferenceToMissingField { field: name }, format!("{path}.reference[{j}]"));
                }
            }
        }
    }

    fn location(&mut self, location: &Location, path: &str) {
        for (axis, value, limit) in [("latitude", location.lat, 90.0), ("longitude", location.lon, 180.0)] {
            if !(value.is_finite() && (-limit..=limit).contains(&value)) {
                let field = if axis == "latitude" { "lat" } else { "lon" };
                let kind = ProblemKind::OutOfRange { axis, value, min: -limit, max: limit };
                self.found.add(kind, format!("{path}.{field}"));
            }
        }
    }

    async fn relations(
        &mut self,
        entity_ids: &HashMap<&str, usize>,
        fact_ids: &HashMap<&str, usize>,
        pause: &mut impl Pause,
    ) {
        for (i, relation) in self.dataset.relations.iter().enumerate() {
            pause.point().await;
            let path = format!("$.relations[{i}]");
            self.reference("entity", &relation.from, entity_ids, &|| format!("{path}.from"));
            self.reference("entity", &relation.to, entity_ids, &|| format!("{path}.to"));
            let known = BuiltinKind::from_word(&relation.kind).is_some()
                || self.dataset.story.relation_kinds.iter().any(|k| k.id == relation.kind);
            if !known {
                self.found
                    .add(ProblemKind::UnknownRelationKind { kind: relation.kind.clone() }, format!("{path}.kind"));
            }
            if relation.from == relation.to {
                self.found.add(ProblemKind::SelfRelation { id: relation.from.clone() }, format!("{path}.to"));
            }
            self.empty(&relation.label, "label", &|| format!("{path}.label"));
            if let Some(date) = &relation.date {
                self.date(date, Some(entity_ids), &|| format!("{path}.date"));
            }
            if relation.facts.is_empty() {
                self.found.add(ProblemKind::Empty { what: "a relation's facts" }, format!("{path}.facts"));
            }
            for (j, fact) in relation.facts.iter().enumerate() {
                self.reference("fact", fact, fact_ids, &|| format!("{path}.facts[{j}]"));
            }
        }
    }

    async fn facts(&mut self, entity_ids: &HashMap<&str, usize>, pause: &mut impl Pause) {
        let source_ids: HashMap<&str, usize> =
            self.dataset.story.sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let mut indexes: HashMap<&str, QuoteIndex> = HashMap::new();
        for (id, text) in self.sources {
            if let Ok(text) = text {
                indexes.insert(id.as_str(), QuoteIndex::new_pausing(text, pause).await);
            }
        }
        for (i, fact) in self.dataset.facts.iter().enumerate() {
            pause.point().await;
            let path = format!("$.facts[{i}]");
            self.empty(&fact.statement, "statement", &|| format!("{path}.statement"));
            if fact.quote.trim().is_empty() {
                self.found.add(ProblemKind::Empty { what: "quote" }, format!("{path}.quote"));
            } else if let (Some(Ok(text)), Some(index)) =
                (self.sources.get(&fact.source), indexes.get(fact.source.as_str()))
            {
                self.quote_starts[i] = index.find(&fact.quote);
                if self.quote_starts[i].is_none() {
                    let hint = if fold_typography(text).contains(&fold_typography(&fact.quote)) {
                        " (it differs only in quote marks or dashes: copy them from the source)"
                    } else {
                        ""
                    };
                    let kind = ProblemKind::QuoteNotFound { source_id: fact.source.clone(), hint };
                    self.found.add(kind, format!("{path}.quote"));
                }
            }
            self.reference("source", &fact.source, &source_ids, &|| format!("{path}.source"));
            if fact.entities.is_empty() {
                self.found.add(ProblemKind::Empty { what: "a fact's entities" }, format!("{path}.entities"));
            }
            for (j, entity) in fact.entities.iter().enumerate() {
                self.reference("entity", entity, entity_ids, &|| format!("{path}.entities[{j}]"));
            }
            match &fact.attribution {
                Some(who) => self.reference("entity", who, entity_ids, &|| format!("{path}.attribution")),
                None if fact.status == FactStatus::Attributed => {
                    self.found.add(ProblemKind::MissingAttribution, format!("{path}.status"));
                }
                None => {}
            }
            if let Some(date) = &fact.date {
                self.date(date, Some(entity_ids), &|| format!("{path}.date"));
            }
            if let Some(note) = &fact.note {
                self.empty(note, "note", &|| format!("{path}.note"));
            }
        }
    }

    async fn unmentioned(&mut self, pause: &mut impl Pause) {
        let mentioned: HashSet<&str> = self
            .dataset
            .facts
            .iter()
            .flat_map(|f| f.entities.iter().map(String::as_str).chain(f.attribution.as_deref()))
            .collect();
        pause.point().await;
        for (i, entity) in self.dataset.entities.iter().enumerate() {
            pause.point().await;
            if !mentioned.contains(entity.id.as_str()) {
                self.found.add(ProblemKind::Unmentioned { id: entity.id.clone() }, format!("$.entities[{i}].id"));
            }
        }
    }
}

/// The first embedding, override or isolate `text` opens and never closes, if any (by the
/// Unicode bidirectional algorithm's pairing: a PDF closes the latest embedding or override, a
/// PDI the latest isolate and whatever was opened inside it).
fn unclosed_direction(text: &str) -> Option<char> {
    let mut open: Vec<char> = Vec::new();
    for c in text.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' | '\u{2066}' | '\u{2067}' | '\u{2068}' => open.push(c),
            '\u{202C}' if open.last().is_some_and(|&o| !('\u{2066}'..='\u{2068}').contains(&o)) => {
                open.pop();
            }
            '\u{2069}' => {
                if let Some(isolate) = open.iter().rposition(|o| ('\u{2066}'..='\u{2068}').contains(o)) {
                    open.truncate(isolate);
                }
            }
            _ => {}
        }
    }
    open.first().copied()
}

#[cfg(test)]
mod tests {
    use crate::pause::{finish, Counting, Never};
    use crate::problem::ProblemKind;
    use serde_json::Value;

    #[test]
    fn a_change_of_direction_left_open_is_found() {
        assert_eq!(super::unclosed_direction("plain"), None);
        assert_eq!(super::unclosed_direction("\u{202E}evil"), Some('\u{202E}'));
        assert_eq!(super::unclosed_direction("\u{202E}ok\u{202C} \u{2067}also\u{2069}"), None);
        // A PDI closes its isolate and what was opened inside it; a PDF cannot close an isolate.
        assert_eq!(super::unclosed_direction("\u{2068}\u{202B}x\u{2069}"), None);
        assert_eq!(super::unclosed_direction("\u{2066}x\u{202C}"), Some('\u{2066}'));
    }

    #[test]
    fn parsing_in_pieces_agrees_with_parsing_the_whole_text() {
        let real = include_str!("../../../data/belarus-myanmar.json");
        let synthetic = serde_json::to_string(&crate::synth::synthesize(12, 1).0).unwrap();
        let same = |text: &str| {
            let (whole, pieces) = (super::parse(text), finish(super::parse_pausing(text, &mut Never)));
            assert!(pieces == whole, "parsed apart, {pieces:?}\nparsed whole, {whole:?}\nof {text}");
        };
        for text in [real, synthetic.as_str()] {
            // A valid dataset is parsed in pieces (not by the fallback), one point per element.
            let dataset = super::parse(text).unwrap();
            let mut counting = Counting::default();
            assert_eq!(finish(super::parse_in_pieces(text, &mut counting)).as_ref(), Some(&dataset));
            assert_eq!(counting.points, dataset.entities.len() + dataset.relations.len() + dataset.facts.len());
            // Broken at many places, in many ways: the same problems either way (or, where the
            // break leaves it valid, the same dataset).
            let step = text.len() / 50;
            let places: Vec<usize> = (0..text.len()).step_by(step).filter(|&at| text.is_char_boundary(at)).collect();
            for &at in &places {
                let mut cut = text.to_owned();
                cut.remove(at);
                same(&cut);
                for extra in [",", "}", "]", "\"", "\\", " ", "{\"x\": 1}", "\"version\": 1, "] {
                    let mut added = text.to_owned();
                    added.insert_str(at, extra);
                    same(&added);
                }
            }
            // A top-level field written twice.
            let start = text.find('{').unwrap() + 1;
            same(&format!("{}\"version\": 1, {}", &text[..start], &text[start..]));
            // A key written twice in an object (an id, which entities, relations, facts and
            // sources all have): a value keeps one, so each piece must be checked for repeats.
            for (at, _) in text.match_indices('{').step_by(7) {
                let mut repeated = text.to_owned();
                repeated.insert_str(at + 1, "\"id\": \"repeated\", ");
                same(&repeated);
            }
        }
        let top = |body: &str| format!("{{{body}}}");
        let fields = r#""version": 1, "story": {}, "entities": [], "relations": [], "facts": []"#;
        for text in [
            top(fields),
            top(&format!("{fields}, \"extra\": 0")),
            top(&format!("{fields}, \"facts\": []")),
            "[]".into(),
            "".into(),
        ] {
            same(&text);
        }
    }

    /// `value` as JSON, with the first member of its `target`th object (in document order)
    /// written twice. `seen` counts objects so far.
    fn with_repeated_key(value: &Value, target: usize, seen: &mut usize) -> String {
        match value {
            Value::Object(map) => {
                let repeat = *seen == target;
                *seen += 1;
                let mut members: Vec<String> = Vec::new();
                for (key, item) in map {
                    let item = with_repeated_key(item, target, seen);
                    if repeat && members.is_empty() {
                        members.push(format!("{}: {item}", Value::from(key.as_str())));
                    }
                    members.push(format!("{}: {item}", Value::from(key.as_str())));
                }
                format!("{{{}}}", members.join(", "))
            }
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(|item| with_repeated_key(item, target, seen)).collect();
                format!("[{}]", items.join(", "))
            }
            other => other.to_string(),
        }
    }

    /// A key repeated in any object of the format is reported, wherever it is (a value tree
    /// keeps only one of the values, so nothing else would notice).
    #[test]
    fn a_repeated_key_is_reported_in_every_kind_of_object() {
        let text = include_str!("../../../data/belarus-myanmar.json");
        let value: Value = serde_json::from_str(text).unwrap();
        let mut objects = 0;
        with_repeated_key(&value, usize::MAX, &mut objects);
        assert!(objects > 100, "{objects} objects");
        for target in 0..objects {
            let broken = with_repeated_key(&value, target, &mut 0);
            let problems = super::parse(&broken).expect_err("a repeated key must be refused");
            assert!(
                problems.iter().any(|p| matches!(p.kind, ProblemKind::DuplicateKey { .. })),
                "object {target}: {problems:?}"
            );
        }
    }
}
