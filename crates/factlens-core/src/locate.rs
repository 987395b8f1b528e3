//! Finds where in a JSON text a value lives, so that every problem can name its line:column.
//!
//! serde_json does not keep positions in its `Value`, and validation runs on typed values, so
//! problems carry JSON paths (`$.entities[3].kind`). This module walks the original text once and
//! turns the wanted paths back into positions. It assumes the text is valid JSON (serde_json
//! already parsed it); on anything unexpected it stops and leaves the remaining paths unresolved.

use std::collections::{HashMap, HashSet};

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

struct Walker<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    line: usize,
    line_start: usize,
    path: String,
    wanted: &'a HashSet<&'a str>,
    found: HashMap<String, Position>,
    duplicates: Vec<(String, Position)>,
    /// A byte offset on the current line and how many characters precede it on that line.
    counted: (usize, usize),
}

/// The walk stops at the first byte it does not expect; the caller treats that as "not found".
struct Unexpected;

impl<'a> Walker<'a> {
    /// Walks the whole text once, recording the wanted paths and any duplicate keys.
    fn walk(text: &'a str, wanted: &'a HashSet<&'a str>) -> Self {
        let mut walker = Walker {
            bytes: text.as_bytes(),
            text,
            at: 0,
            line: 1,
            line_start: 0,
            path: String::from("$"),
            wanted,
            found: HashMap::new(),
            duplicates: Vec::new(),
            counted: (0, 0),
        };
        walker.skip_ws();
        let start = walker.position();
        walker.record(start);
        let _ = walker.value();
        walker
    }

    /// The current position. Columns are counted on from the last position asked for on the
    /// same line, so a whole file on one line (minified JSON) stays linear, not quadratic.
    fn position(&mut self) -> Position {
        if self.counted.0 < self.line_start || self.counted.0 > self.at {
            self.counted = (self.line_start, 0);
        }
        let (from, chars) = self.counted;
        let chars = chars + self.text[from..self.at].chars().count();
        self.counted = (self.at, chars);
        Position { line: self.line, column: chars + 1 }
    }

    fn record(&mut self, pos: Position) {
        if self.wanted.contains(self.path.as_str()) {
            self.found.entry(self.path.clone()).or_insert(pos);
        }
    }

    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'\n' => {
                    self.at += 1;
                    self.line += 1;
                    self.line_start = self.at;
                }
                b' ' | b'\t' | b'\r' => self.at += 1,
                _ => break,
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn expect(&mut self, byte: u8) -> Result<(), Unexpected> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Unexpected)
        }
    }

    fn value(&mut self) -> Result<(), Unexpected> {
        match self.peek().ok_or(Unexpected)? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string().map(drop),
            _ => {
                // Numbers, true, false, null: run to the next delimiter.
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n') {
                        break;
                    }
                    self.at += 1;
                }
                Ok(())
            }
        }
    }

    /// Returns the raw (still escaped) contents of the string.
    fn string(&mut self) -> Result<&str, Unexpected> {
        self.expect(b'"')?;
        let start = self.at;
        loop {
            match self.peek().ok_or(Unexpected)? {
                b'\\' => self.at += 2,
                b'"' => break,
                _ => self.at += 1,
            }
        }
        let raw = self.text.get(start..self.at).ok_or(Unexpected)?;
        self.at += 1;
        Ok(raw)
    }

    fn object(&mut self) -> Result<(), Unexpected> {
        self.expect(b'{')?;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        let mut keys: Vec<String> = Vec::new();
        loop {
            self.skip_ws();
            let key_pos = self.position();
            let key = self.string()?.to_owned();
            let len = self.path.len();
            self.path.push('.');
            self.path.push_str(&key);
            self.record(key_pos);
            if keys.contains(&key) {
                self.duplicates.push((self.path.clone(), key_pos));
            } else {
                keys.push(key);
            }
            self.skip_ws();
            self.expect(b':')?;
            self.skip_ws();
            self.value()?;
            self.path.truncate(len);
            self.skip_ws();
            match self.peek().ok_or(Unexpected)? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(Unexpected),
            }
        }
    }

    fn array(&mut self) -> Result<(), Unexpected> {
        self.expect(b'[')?;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        let mut index = 0usize;
        loop {
            self.skip_ws();
            let len = self.path.len();
            self.path.push('[');
            self.path.push_str(&index.to_string());
            self.path.push(']');
            let pos = self.position();
            self.record(pos);
            self.value()?;
            self.path.truncate(len);
            index += 1;
            self.skip_ws();
            match self.peek().ok_or(Unexpected)? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(Unexpected),
            }
        }
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
