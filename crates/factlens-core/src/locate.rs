//! Finds where in a JSON text a value lives, so that every problem can name its line:column.
//!
//! serde_json does not keep positions in its `Value`, and validation runs on typed values, so
//! problems carry JSON paths (`$.entities[3].kind`). This module walks the original text once and
//! turns the wanted paths back into positions. It assumes the text is valid JSON (serde_json
//! already parsed it); on anything unexpected it stops and leaves the remaining paths unresolved.

use std::collections::{HashMap, HashSet};

use crate::pieces::Cursor;

/// A 1-based line and column; the column counts characters, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

/// Resolves each wanted path to the position of its value (for object members: of the key, so
/// an unknown field points at its name). A path that does not exist resolves to the nearest
/// existing ancestor.
pub fn locate(text: &str, wanted: &[&str]) -> HashMap<String, Position> {
    // A valid dataset asks for nothing; its 37 MB need no walk.
    if wanted.is_empty() {
        return HashMap::new();
    }
    // Ask for every ancestor too, so a missing path can fall back to its parent.
    let mut all: HashSet<&str> = HashSet::new();
    for path in wanted {
        let mut p = *path;
        loop {
            all.insert(p);
            match parent(p) {
                Some(up) => p = up,
                None => break,
            }
        }
    }
    let found = Walker::walk(text, &all).found;

    let mut out = HashMap::new();
    for path in wanted {
        let mut p = *path;
        let pos = loop {
            if let Some(pos) = found.get(p) {
                break *pos;
            }
            match parent(p) {
                Some(up) => p = up,
                None => break Position { line: 1, column: 1 },
            }
        };
        out.insert((*path).to_owned(), pos);
    }
    out
}

/// Every object key that repeats an earlier key of the same object, with its path and position.
/// serde_json silently keeps the last value, so a newsroom's accidental duplicate would lose data.
pub fn duplicate_keys(text: &str) -> Vec<(String, Position)> {
    Walker::walk(text, &HashSet::new()).duplicates
}

/// `$.a[2].b` → `$.a[2]` → `$.a` → `$` → None.
fn parent(path: &str) -> Option<&str> {
    let cut = path.rfind(['.', '['])?;
    Some(&path[..cut])
}

/// One walk over a text with the pieces cursor (the same scanner that cuts a dataset for
/// parsing in pieces), recording wanted paths' positions and repeated keys.
struct Walker<'a> {
    text: &'a str,
    path: String,
    wanted: &'a HashSet<&'a str>,
    found: HashMap<String, Position>,
    duplicates: Vec<(String, Position)>,
    lines: Lines<'a>,
}

impl<'a> Walker<'a> {
    /// Walks the whole text once; it stops at the first byte it does not expect (the caller
    /// treats what was not found as not there).
    fn walk(text: &'a str, wanted: &'a HashSet<&'a str>) -> Self {
        let mut walker = Walker {
            text,
            path: String::from("$"),
            wanted,
            found: HashMap::new(),
            duplicates: Vec::new(),
            lines: Lines { text, at: 0, line: 1, line_start: 0, chars: 0 },
        };
        let mut cursor = Cursor::new(text);
        walker.record(cursor.offset());
        let _ = walker.value(&mut cursor);
        walker
    }

    fn record(&mut self, at: usize) {
        if self.wanted.contains(self.path.as_str()) && !self.found.contains_key(&self.path) {
            let position = self.lines.position(at);
            self.found.insert(self.path.clone(), position);
        }
    }

    fn value(&mut self, cursor: &mut Cursor<'a>) -> Option<()> {
        match *self.text.as_bytes().get(cursor.offset())? {
            b'{' => self.object(cursor),
            b'[' => self.array(cursor),
            _ => cursor.value().map(drop),
        }
    }

    fn object(&mut self, cursor: &mut Cursor<'a>) -> Option<()> {
        if cursor.open(b'{')? {
            return Some(());
        }
        let mut keys: Vec<String> = Vec::new();
        loop {
            let at = cursor.offset();
            let key = cursor.key()?;
            let len = self.path.len();
            self.path.push('.');
            self.path.push_str(&key);
            self.record(at);
            if keys.contains(&key) {
                let position = self.lines.position(at);
                self.duplicates.push((self.path.clone(), position));
            } else {
                keys.push(key);
            }
            self.value(cursor)?;
            self.path.truncate(len);
            if cursor.next(b'}')? {
                return Some(());
            }
        }
    }

    fn array(&mut self, cursor: &mut Cursor<'a>) -> Option<()> {
        if cursor.open(b'[')? {
            return Some(());
        }
        for index in 0usize.. {
            let len = self.path.len();
            self.path.push_str(&format!("[{index}]"));
            self.record(cursor.offset());
            self.value(cursor)?;
            self.path.truncate(len);
            if cursor.next(b']')? {
                break;
            }
        }
        Some(())
    }
}

/// Byte offsets to lines and columns, asked in increasing order: each question counts on from
/// the last, so a whole file on one line (minified JSON) stays linear, not quadratic.
struct Lines<'a> {
    text: &'a str,
    /// The last offset asked for, its line, where that line starts, and the characters between.
    at: usize,
    line: usize,
    line_start: usize,
    chars: usize,
}

impl Lines<'_> {
    fn position(&mut self, at: usize) -> Position {
        let at = at.min(self.text.len());
        if at < self.at {
            (self.at, self.line, self.line_start, self.chars) = (0, 1, 0, 0);
        }
        let between = &self.text[self.at..at];
        match between.rfind('\n') {
            Some(newline) => {
                self.line += between.matches('\n').count();
                self.line_start = self.at + newline + 1;
                self.chars = self.text[self.line_start..at].chars().count();
            }
            None => self.chars += between.chars().count(),
        }
        self.at = at;
        Position { line: self.line, column: self.chars + 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, path: &str, line: usize, column: usize) {
        let found = locate(text, &[path]);
        assert_eq!(found[path], Position { line, column }, "path {path}");
    }

    #[test]
    fn finds_values_keys_and_elements() {
        let text = "{\n  \"a\": [1, {\"b\": true}],\n  \"é\": \"x\",\n  \"c\": null\n}";
        check(text, "$", 1, 1);
        check(text, "$.a", 2, 3);
        check(text, "$.a[0]", 2, 9);
        check(text, "$.a[1]", 2, 12);
        check(text, "$.a[1].b", 2, 13);
        check(text, "$.c", 4, 3);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        check("{\"x\": \"ééé\", \"y\": 1}", "$.y", 1, 14);
    }

    #[test]
    fn missing_paths_fall_back_to_their_nearest_ancestor() {
        let text = "{\n \"a\": {\"b\": 1}\n}";
        check(text, "$.a.zzz", 2, 2);
        check(text, "$.nope[3].x", 1, 1);
    }

    #[test]
    fn duplicate_keys_are_found_per_object() {
        let text = "{\"a\": 1, \"b\": {\"a\": 2, \"a\": 3}, \"a\": 4}";
        let found = duplicate_keys(text);
        assert_eq!(
            found,
            vec![
                ("$.b.a".to_owned(), Position { line: 1, column: 24 }),
                ("$.a".to_owned(), Position { line: 1, column: 33 }),
            ]
        );
        assert!(duplicate_keys("[{\"a\": 1}, {\"a\": 2}]").is_empty());
    }

    #[test]
    fn one_line_files_stay_fast_and_exact() {
        let n = 20_000;
        let text = format!("[{}]", (0..n).map(|i| format!("{{\"é\":{i}}}")).collect::<Vec<_>>().join(","));
        let last = format!("$[{}].é", n - 1);
        let found = locate(&text, &[&last]);
        let expected = text.chars().count() - format!("\"é\":{}}}]", n - 1).chars().count() + 1;
        assert_eq!(found[&last], Position { line: 1, column: expected });
    }

    #[test]
    fn escaped_quotes_in_strings_do_not_end_them() {
        check("{\"a\": \"x\\\"y\", \"b\": 2}", "$.b", 1, 15);
    }
}
