//! Random damage to the real dataset never panics validation or the position locator, and every
//! problem it reports is well formed: a JSON path from `$` and a position inside the text.
//!
//! Two kinds of damage: text edits (delete, insert, replace at character boundaries, truncate),
//! which mostly exercise syntax errors and `locate` on broken text, and JSON value edits (replace
//! a value, delete a key, duplicate an array element, swap or copy ids), which keep the text
//! parseable and so exercise the shape and meaning checks.

use factlens_core::locate::locate;
use factlens_core::{check, has_errors, parse, validate, Problem, SourceTexts};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};

const DATASET: &str = include_str!("../../../data/belarus-myanmar.json");
const ARTICLE: &str = include_str!("../../../data/belarus-myanmar-article.txt");

/// Enough cases to find the easy panics, few enough to run in a few seconds in a debug build.
/// `PROPTEST_CASES=5000 cargo test --release --test mutations` digs deeper.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

fn sources() -> SourceTexts {
    SourceTexts::from([("article".to_owned(), Ok(ARTICLE.to_owned()))])
}

/// The lines an editor shows for `text` (a final newline starts an empty last line).
fn line_count(text: &str) -> usize {
    text.matches('\n').count() + 1
}

/// Runs every entry point on `text` and checks the shape of what comes back.
fn validate_and_check_problems(text: &str) -> Result<Vec<Problem>, TestCaseError> {
    let sources = sources();
    let (dataset, problems) = validate(text, &sources);
    // The two-phase API agrees with the one-shot one.
    match parse(text) {
        Ok(parsed) => {
            prop_assert_eq!(dataset.as_ref(), Some(&parsed));
            prop_assert_eq!(&check(text, &parsed, &sources), &problems);
        }
        Err(parse_problems) => {
            prop_assert!(dataset.is_none());
            prop_assert!(!parse_problems.is_empty(), "a failed parse reports why");
            prop_assert_eq!(&parse_problems, &problems);
            prop_assert!(has_errors(&problems), "a failed parse is an error");
        }
    }
    let lines: Vec<&str> = text.split('\n').collect();
    for problem in &problems {
        prop_assert!(problem.path.starts_with('$'), "path of {problem} does not start with $");
        let (line, column) = (problem.position.line, problem.position.column);
        prop_assert!((1..=line_count(text)).contains(&line), "line of {problem} outside 1..={}", line_count(text));
        let width = lines[line - 1].chars().count();
        prop_assert!((1..=width + 1).contains(&column), "column of {problem} outside 1..={}", width + 1);
        // Rendering never panics either.
        let _ = problem.to_string();
    }
    // `locate` copes with whatever text and paths it is given, even on broken JSON.
    let mut paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    paths.extend(["$", "$.entities[3].kind", "$.facts[0].date.anchor", "$.story.sources[0]", "$.x[", "$..", "", "[0]"]);
    let found = locate(text, &paths);
    for path in &paths {
        let position = found.get(*path).copied().unwrap_or_default();
        prop_assert!(position.line >= 1 && position.column >= 1, "{path} located at {position:?}");
        prop_assert!(position.line <= line_count(text), "{path} located past the end at {position:?}");
    }
    Ok(problems)
}

/// The byte offset of a character boundary of `text`, chosen by `at` (the end counts).
fn boundary(text: &str, at: Index) -> usize {
    let count = text.chars().count() + 1;
    text.char_indices().map(|(i, _)| i).nth(at.index(count)).unwrap_or(text.len())
}

#[derive(Debug, Clone)]
enum TextEdit {
    Delete { at: Index, len: usize },
    Insert { at: Index, what: String },
    Replace { at: Index, len: usize, what: String },
    Truncate { at: Index },
}

/// Fragments that are likely to do something interesting inside JSON text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<char>().prop_map(String::from),
        "[a-z0-9 ]{1,6}",
        prop::sample::select(vec![
            "{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "\\ud800", "\n", "\t", "null", "true", "-", "1e999",
            "0.5", "é", "“", "”", "—", "\u{0}", "\u{7f}", "😀", "\"\":", "//",
        ])
        .prop_map(str::to_owned),
    ]
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        3 => (any::<Index>(), 1..8usize).prop_map(|(at, len)| TextEdit::Delete { at, len }),
        3 => (any::<Index>(), fragment()).prop_map(|(at, what)| TextEdit::Insert { at, what }),
        3 => (any::<Index>(), 1..4usize, fragment()).prop_map(|(at, len, what)| TextEdit::Replace { at, len, what }),
        1 => any::<Index>().prop_map(|at| TextEdit::Truncate { at }),
    ]
}

/// The byte range of `len` characters starting at the boundary `at` picks.
fn char_range(text: &str, at: Index, len: usize) -> std::ops::Range<usize> {
    let start = boundary(text, at);
    let end = text[start..].char_indices().map(|(i, _)| start + i).nth(len).unwrap_or(text.len());
    start..end
}

fn apply_text(text: &mut String, edit: &TextEdit) {
    match edit {
        TextEdit::Delete { at, len } => {
            let range = char_range(text, *at, *len);
            text.replace_range(range, "");
        }
        TextEdit::Insert { at, what } => {
            let at = boundary(text, *at);
            text.insert_str(at, what);
        }
        TextEdit::Replace { at, len, what } => {
            let range = char_range(text, *at, *len);
            text.replace_range(range, what);
        }
        TextEdit::Truncate { at } => {
            let at = boundary(text, *at);
            text.truncate(at);
        }
    }
}

#[derive(Debug, Clone)]
enum ValueEdit {
    /// Replace any value (the root included) by another.
    Replace { target: Index, with: Value },
    /// Remove a member from an object.
    DeleteKey { target: Index },
    /// Insert a copy of an array element right after it.
    Duplicate { target: Index },
    /// Exchange two `id` values.
    SwapIds { a: Index, b: Index },
    /// Give one `id` another's value, making a duplicate.
    CopyId { from: Index, to: Index },
}

/// Random JSON, biased towards values that mean something in a dataset.
fn json_value() -> impl Strategy<Value = Value> {
    let meaningful = prop::sample::select(vec![
        json!(1),
        json!(0),
        json!(-1),
        json!(2),
        json!(13),
        json!(256),
        json!(u64::MAX),
        json!(1e300),
        json!(-90.5),
        json!(""),
        json!("   "),
        json!("belarus"),
        json!("myanmar"),
        json!("article"),
        json!("country"),
        json!("attributed"),
        json!("ally_of"),
        json!("../etc/passwd"),
        json!("BY"),
        json!("by"),
        json!([]),
        json!({}),
        json!({"precision": "day", "year": 2023, "month": 2, "day": 29}),
        json!({"precision": "relative", "text": "Thursday", "anchor": "nobody"}),
        json!({"precision": "month", "year": 2023, "month": 0}),
        json!({"lat": 91, "lon": 0}),
    ]);
    let leaf = prop_oneof![
        3 => meaningful,
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_filter("JSON numbers are finite", |f| f.is_finite()).prop_map(Value::from),
        1 => "[a-z0-9-]{0,12}".prop_map(Value::from),
        1 => "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,8}", inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn value_edit() -> impl Strategy<Value = ValueEdit> {
    prop_oneof![
        3 => (any::<Index>(), json_value()).prop_map(|(target, with)| ValueEdit::Replace { target, with }),
        2 => any::<Index>().prop_map(|target| ValueEdit::DeleteKey { target }),
        2 => any::<Index>().prop_map(|target| ValueEdit::Duplicate { target }),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| ValueEdit::SwapIds { a, b }),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(from, to)| ValueEdit::CopyId { from, to }),
    ]
}

/// One JSON pointer step.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Every value in `value`, as JSON pointers, with what its parent is.
#[derive(Default)]
struct Pointers {
    all: Vec<String>,
    /// (object pointer, key) of every object member.
    members: Vec<(String, String)>,
    /// (array pointer, index) of every array element.
    elements: Vec<(String, usize)>,
    /// Pointers of every member named `id` whose value is a string.
    ids: Vec<String>,
}

impl Pointers {
    fn of(value: &Value) -> Self {
        let mut out = Pointers::default();
        out.walk(value, String::new());
        out
    }

    fn walk(&mut self, value: &Value, at: String) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let pointer = format!("{at}/{}", escape(key));
                    self.members.push((at.clone(), key.clone()));
                    if key == "id" && child.is_string() {
                        self.ids.push(pointer.clone());
                    }
                    self.walk(child, pointer);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    self.elements.push((at.clone(), i));
                    self.walk(child, format!("{at}/{i}"));
                }
            }
            _ => {}
        }
        self.all.push(at);
    }
}

fn pick<'a>(at: &Index, pointers: &'a [String]) -> &'a str {
    at.get::<String>(pointers)
}

fn apply_value(root: &mut Value, edit: &ValueEdit) {
    let pointers = Pointers::of(root);
    match edit {
        ValueEdit::Replace { target, with } => {
            let pointer = pick(target, &pointers.all);
            *root.pointer_mut(pointer).expect("a collected pointer") = with.clone();
        }
        ValueEdit::DeleteKey { target } if !pointers.members.is_empty() => {
            let (object, key) = target.get(&pointers.members);
            if let Some(Value::Object(map)) = root.pointer_mut(object) {
                map.remove(key);
            }
        }
        ValueEdit::Duplicate { target } if !pointers.elements.is_empty() => {
            let (array, i) = target.get(&pointers.elements);
            if let Some(Value::Array(items)) = root.pointer_mut(array) {
                let copy = items[*i].clone();
                items.insert(*i + 1, copy);
            }
        }
        ValueEdit::SwapIds { a, b } if !pointers.ids.is_empty() => {
            let (a, b) = (pick(a, &pointers.ids), pick(b, &pointers.ids));
            let first = root.pointer(a).cloned().expect("a collected pointer");
            let second = std::mem::replace(root.pointer_mut(b).expect("a collected pointer"), first);
            *root.pointer_mut(a).expect("a collected pointer") = second;
        }
        ValueEdit::CopyId { from, to } if !pointers.ids.is_empty() => {
            let value = root.pointer(pick(from, &pointers.ids)).cloned().expect("a collected pointer");
            *root.pointer_mut(pick(to, &pointers.ids)).expect("a collected pointer") = value;
        }
        _ => {}
    }
}

fn original_value() -> Value {
    serde_json::from_str(DATASET).expect("the real dataset is JSON")
}

#[test]
fn the_unmutated_dataset_is_clean() {
    let problems = validate(DATASET, &sources()).1;
    assert!(problems.is_empty(), "{problems:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(96), ..ProptestConfig::default() })]

    #[test]
    fn text_mutations_never_panic(edits in prop::collection::vec(text_edit(), 1..4)) {
        let mut text = DATASET.to_owned();
        for edit in &edits {
            apply_text(&mut text, edit);
        }
        let problems = validate_and_check_problems(&text)?;
        if text == DATASET {
            prop_assert!(problems.is_empty(), "an edit that changed nothing found {problems:?}");
        }
    }

    #[test]
    fn value_mutations_never_panic(edits in prop::collection::vec(value_edit(), 1..4)) {
        let mut value = original_value();
        for edit in &edits {
            apply_value(&mut value, edit);
        }
        let text = serde_json::to_string_pretty(&value).expect("a Value always serializes");
        let problems = validate_and_check_problems(&text)?;
        if value == original_value() {
            prop_assert!(problems.is_empty(), "edits that changed nothing found {problems:?}");
        }
    }

}

proptest! {
    // Each case validates the whole dataset twice and cannot fail in interesting ways: fewer.
    #![proptest_config(ProptestConfig { cases: cases(32), ..ProptestConfig::default() })]

    /// Replacing a stretch of the text with itself, or a value with a copy of itself, changes
    /// nothing, so the dataset still validates cleanly.
    #[test]
    fn identity_mutations_still_validate(at in any::<Index>(), len in 0..40usize, target in any::<Index>()) {
        let mut text = DATASET.to_owned();
        let range = char_range(&text, at, len);
        let same = text[range.clone()].to_owned();
        text.replace_range(range, &same);
        prop_assert_eq!(text.as_str(), DATASET);
        prop_assert!(validate_and_check_problems(&text)?.is_empty());

        let mut value = original_value();
        let pointers = Pointers::of(&value);
        let pointer = pick(&target, &pointers.all);
        let copy = value.pointer(pointer).cloned().expect("a collected pointer");
        apply_value(&mut value, &ValueEdit::Replace { target, with: copy });
        prop_assert_eq!(&value, &original_value());
        let text = serde_json::to_string_pretty(&value).expect("a Value always serializes");
        prop_assert!(validate_and_check_problems(&text)?.is_empty());
    }

    /// `locate` assumes valid JSON but must survive anything.
    #[test]
    fn locate_survives_any_text(text in "\\PC{0,200}", paths in prop::collection::vec("[$.\\[\\]a-z0-9]{0,12}", 0..6)) {
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let found = locate(&text, &paths);
        for path in &paths {
            prop_assert!(found.contains_key(*path), "{path} not resolved");
        }
    }
}
