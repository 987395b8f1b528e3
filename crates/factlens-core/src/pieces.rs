//! Cutting a JSON document into pieces without parsing them: the top-level object into its
//! members, an array into its elements. Loading a large story parses it piece by piece, so the
//! page can give way between pieces (see [`crate::pause`]); `locate` walks a text with the same
//! cursor to find where values are and which keys repeat. It is the one JSON scanner here.
//!
//! A [`Cursor`] only finds where pieces begin and end (strings, escapes and nesting), as it
//! goes, so no step scans far ahead; each piece is then parsed in full, which is what checks
//! it. In a valid document every cut is where the parser would make it. In an invalid one a cut
//! may be wrong, but then a piece, or the text between pieces, fails, and the caller parses the
//! whole text instead. Every cut falls on an ASCII byte, so slicing the text there cannot split
//! a character.

use std::ops::Range;

/// A place in a JSON text, moved forward piece by piece.
pub struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    /// At the start of `text`.
    pub fn new(text: &'t str) -> Self {
        Cursor::at(text, 0)
    }

    /// At byte `at` of `text` (where a piece begins).
    pub fn at(text: &'t str, at: usize) -> Self {
        let mut cursor = Cursor { text, at };
        cursor.skip_space();
        cursor
    }

    /// Past `bracket` (`{` or `[`) and the space after it; `Some(true)` if the object or array
    /// is empty (and so closed already), `None` if `bracket` is not next.
    pub fn open(&mut self, bracket: u8) -> Option<bool> {
        self.expect(bracket)?;
        let close = if bracket == b'{' { b'}' } else { b']' };
        Some(self.expect(close).is_some())
    }

    /// A member's key (decoded), and past the colon after it.
    pub fn key(&mut self) -> Option<String> {
        let start = self.at;
        self.at = string_end(self.bytes(), start)?;
        let key = serde_json::from_str(&self.text[start..self.at]).ok()?;
        self.skip_space();
        self.expect(b':')?;
        Some(key)
    }

    /// The next value's bytes, and past them.
    pub fn value(&mut self) -> Option<Range<usize>> {
        let start = self.at;
        let end = value_end(self.bytes(), start)?;
        self.at = end;
        self.skip_space();
        Some(start..end)
    }

    /// After a member or element: past the comma before the next (`Some(false)`), or past
    /// `close`, which ends the object or array (`Some(true)`).
    pub fn next(&mut self, close: u8) -> Option<bool> {
        if self.expect(b',').is_some() {
            return Some(false);
        }
        self.expect(close).map(|()| true)
    }

    /// The byte offset of what comes next (space skipped).
    pub fn offset(&self) -> usize {
        self.at
    }

    /// Whether nothing but space is left.
    pub fn at_end(&self) -> bool {
        self.at == self.text.len()
    }

    fn bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    /// Past `byte` and the space after it, if it is next.
    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.bytes().get(self.at) == Some(&byte)).then(|| {
            self.at += 1;
            self.skip_space();
        })
    }

    fn skip_space(&mut self) {
        while self.bytes().get(self.at).copied().is_some_and(is_space) {
            self.at += 1;
        }
    }
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// Just past the closing quote of the string that opens at `at`.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let mut i = at + 1;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Just past the value that starts at `at`.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    match *bytes.get(at)? {
        b'"' => string_end(bytes, at),
        b'{' | b'[' => {
            let (mut depth, mut i) = (0usize, at);
            while let Some(&byte) = bytes.get(i) {
                match byte {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        // A number, `true`, `false` or `null` (or something invalid): up to the next delimiter.
        _ => {
            let end = (at..bytes.len())
                .find(|&i| matches!(bytes[i], b',' | b'}' | b']') || is_space(bytes[i]))
                .unwrap_or(bytes.len());
            (end > at).then_some(end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A member's key, its value's text and, if that is an array, its elements' texts.
    type Member = (String, String, Option<Vec<String>>);

    /// The top-level object's members; `None` where the cursor refuses.
    fn cut(text: &str) -> Option<Vec<Member>> {
        let mut cursor = Cursor::new(text);
        let mut members = Vec::new();
        if !cursor.open(b'{')? {
            loop {
                let key = cursor.key()?;
                let value = cursor.value()?;
                let mut inner = Cursor::at(text, value.start);
                let elements = match inner.open(b'[') {
                    Some(true) => Some(Vec::new()),
                    Some(false) => {
                        let mut elements = Vec::new();
                        loop {
                            elements.push(text[inner.value()?].to_owned());
                            if inner.next(b']')? {
                                break;
                            }
                        }
                        Some(elements)
                    }
                    None => None,
                };
                members.push((key, text[value].to_owned(), elements));
                if cursor.next(b'}')? {
                    break;
                }
            }
        }
        cursor.at_end().then_some(members)
    }

    #[test]
    fn members_and_elements_are_cut_where_they_begin_and_end() {
        let text =
            " {\"a\" : [1, \"x]\\\"y\", {\"b\": [ ]}, [[]] , null ], \"k\\u00e9\":{\"c\":\"}\"},\"n\":-1.5e3 }\n";
        let members = cut(text).unwrap();
        let keys: Vec<&str> = members.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "k\u{e9}", "n"]);
        let values: Vec<&str> = members.iter().map(|(_, v, _)| v.as_str()).collect();
        assert_eq!(values, ["[1, \"x]\\\"y\", {\"b\": [ ]}, [[]] , null ]", "{\"c\":\"}\"}", "-1.5e3"]);
        assert_eq!(members[0].2.as_deref().unwrap(), ["1", "\"x]\\\"y\"", "{\"b\": [ ]}", "[[]]", "null"]);
        assert_eq!(members[1].2, None, "an object is not a list");
        assert_eq!(cut("{}"), Some(vec![]));
        assert_eq!(cut("{\"e\": [ ]}").unwrap()[0].2, Some(vec![]));
    }

    #[test]
    fn what_is_not_an_object_of_members_is_refused() {
        let bad =
            ["", "[]", "{", "{\"a\":1", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":1} x", "{\"a\":\"1}", "{\"a\":}"];
        for text in bad.into_iter().chain(["{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":[,1]}", "{\"a\":[1}"]) {
            assert_eq!(cut(text), None, "{text}");
        }
    }
}
