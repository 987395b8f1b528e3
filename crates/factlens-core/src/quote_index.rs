//! Finding quotes in long source texts: for validation (is every quote verbatim?) and for
//! showing a quote in its sentence.

use crate::pause::Pause;

/// Finds quotes in a long source text without scanning the whole text for each one: the
/// text's word starts, sorted by what follows them (a suffix array over word starts), so a
/// quote that starts at a word (nearly all do) is a binary search. Anything else falls back to
/// a plain search.
///
/// A hash of each word start's first bytes was tried first; quotes that begin alike ("According
/// to", "Organization") made its candidate lists long, and checking 20,000 synthetic quotes
/// compared 115 million candidates.
pub struct QuoteIndex<'t> {
    text: &'t str,
    /// Word starts in the order of the text that follows them, compared up to [`Self::REACH`]
    /// bytes.
    starts: Vec<u32>,
}

impl<'t> QuoteIndex<'t> {
    /// How far the sort compares two word starts. Beyond it, ties are left in any order and
    /// the lookup checks each one, so a very repetitive text cannot make the sort quadratic.
    const REACH: usize = 64;
    /// Word starts sorted between points, and merged between points.
    const RUN: usize = 4096;

    #[cfg(test)]
    pub fn new(text: &'t str) -> Self {
        crate::pause::finish(Self::new_pausing(text, &mut crate::pause::Never))
    }

    /// [`QuoteIndex::new`], giving way to `pause` every few thousand word starts (see
    /// [`crate::pause`]): the word starts are sorted in runs, and the runs merged in rounds.
    pub async fn new_pausing(text: &'t str, pause: &mut impl Pause) -> Self {
        let bytes = text.as_bytes();
        // A word start: a letter or digit after anything else, or any mark after a space (an
        // opening quote mark or bracket).
        let word_start = |at: usize| {
            let Some(before) = at.checked_sub(1).map(|b| bytes[b]) else { return !bytes[at].is_ascii_whitespace() };
            (bytes[at].is_ascii_alphanumeric() && !before.is_ascii_alphanumeric())
                || (before.is_ascii_whitespace() && !bytes[at].is_ascii_whitespace() && text.is_char_boundary(at))
        };
        // Sorted by their first 16 bytes as one number (zero-padded past the end, which keeps
        // the order of the bytes), and only where those tie by the rest of the reach:
        // comparing byte slices throughout took 0.2 s of the page's main thread for a 2.6 MB
        // text.
        let first_bytes = |at: usize| {
            let mut key = [0u8; 16];
            let end = (at + 16).min(bytes.len());
            key[..end - at].copy_from_slice(&bytes[at..end]);
            u128::from_be_bytes(key)
        };
        let mut keyed: Vec<(u128, u32)> = Vec::new();
        for block in (0..bytes.len()).step_by(Self::RUN * 8) {
            let block = block..(block + Self::RUN * 8).min(bytes.len());
            keyed.extend(block.filter(|&at| word_start(at)).map(|at| (first_bytes(at), at as u32)));
            pause.point().await;
        }
        let index = QuoteIndex { text, starts: Vec::new() };
        let order =
            |a: &(u128, u32), b: &(u128, u32)| a.0.cmp(&b.0).then_with(|| index.reach(a.1).cmp(index.reach(b.1)));
        for run in keyed.chunks_mut(Self::RUN) {
            run.sort_unstable_by(order);
            pause.point().await;
        }
        let mut merged = Vec::with_capacity(keyed.len());
        let mut width = Self::RUN;
        while width < keyed.len() {
            for pair in keyed.chunks(2 * width) {
                let (mut left, mut right) = pair.split_at(width.min(pair.len()));
                while let (Some(l), Some(r)) = (left.first(), right.first()) {
                    if order(r, l).is_lt() {
                        merged.push(*r);
                        right = &right[1..];
                    } else {
                        merged.push(*l);
                        left = &left[1..];
                    }
                    if merged.len() % Self::RUN == 0 {
                        pause.point().await;
                    }
                }
                merged.extend_from_slice(left);
                merged.extend_from_slice(right);
            }
            std::mem::swap(&mut keyed, &mut merged);
            merged.clear();
            width *= 2;
        }
        QuoteIndex { starts: keyed.into_iter().map(|(_, at)| at).collect(), ..index }
    }

    /// The bytes from `at`, up to [`Self::REACH`] of them: the sort key of a word start.
    fn reach(&self, at: u32) -> &'t [u8] {
        let (text, at) = (self.text.as_bytes(), at as usize);
        &text[at..(at + Self::REACH).min(text.len())]
    }

    /// Where the quote is in the text: its first place that starts a word, else (a quote may
    /// start inside a word) its first place anywhere.
    pub fn find(&self, quote: &str) -> Option<usize> {
        self.at_word_start(quote).or_else(|| self.text.find(quote))
    }

    /// The first place the quote starts a word in the text: the binary search alone.
    fn at_word_start(&self, quote: &str) -> Option<usize> {
        let q = quote.as_bytes();
        let key = &q[..q.len().min(Self::REACH)];
        // Word starts sharing the quote's first bytes are consecutive, from here on.
        let first = self.starts.partition_point(|&at| self.reach(at) < key);
        self.starts[first..]
            .iter()
            .take_while(|&&at| self.reach(at).starts_with(key))
            .filter(|&&at| self.text.as_bytes()[at as usize..].starts_with(q))
            .map(|&at| at as usize)
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::QuoteIndex;

    /// A text long enough to be sorted in many runs and merged in several rounds: every word
    /// start is in the index once, in order, and quotes are found where a plain search finds
    /// them.
    #[test]
    fn a_long_text_is_indexed_in_runs_that_merge_into_one_order() {
        let words = ["Organization", "Organisation", "met", "“Organization", "the", "café", "Organization 1"];
        let text: String = (0..40_000usize).map(|i| format!("{} {} ", words[i * 7 % words.len()], i % 977)).collect();
        let index = QuoteIndex::new(&text);
        assert!(index.starts.len() > 8 * QuoteIndex::RUN, "{} word starts", index.starts.len());
        let mut sorted = index.starts.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), index.starts.len(), "each word start once");
        assert!(
            index.starts.windows(2).all(|w| index.reach(w[0]) <= index.reach(w[1])),
            "in the order of what follows"
        );
        for quote in
            ["Organization 1 976", "met 5", "café 300 Organization", "“Organization 12", "the 976 Organisation 0"]
        {
            assert_eq!(index.find(quote), text.find(quote), "{quote}");
        }
    }

    /// The index must agree with a plain search for every quote: at word starts, inside words,
    /// after marks, across repetitive runs longer than the sort's reach, and for misses.
    #[test]
    fn quote_index_agrees_with_a_plain_search() {
        let run = "Organization 1 met Organization 2. ".repeat(6);
        let text = format!(
            "“We are brothers,” he said. {run}According to Min Aung Hlaing, (the visit) was a success — naïve café 12 σ. {run}Organization 3 left."
        );
        let index = QuoteIndex::new(&text);
        let mut cuts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        cuts.retain(|&i| i % 3 == 0 || text[..i].ends_with(' '));
        let mut by_search = 0;
        for (n, &from) in cuts.iter().enumerate() {
            for &to in cuts[n + 1..].iter().step_by(7) {
                let quote = &text[from..to];
                assert_eq!(index.find(quote).map(|at| &text[at..at + quote.len()]), Some(quote));
                // Quotes from a word start, or from a mark after a space, need no plain search.
                let before = text[..from].chars().next_back();
                let first = quote.chars().next().unwrap();
                let word = first.is_ascii_alphanumeric() && !before.is_some_and(|c| c.is_ascii_alphanumeric());
                if word || (!first.is_whitespace() && before.is_none_or(|c| c == ' ')) {
                    assert!(index.at_word_start(quote).is_some(), "the search missed {quote:?}");
                    by_search += 1;
                }
            }
        }
        assert!(by_search > 1000, "only {by_search} quotes were found by the search");
        for miss in ["Organization 4", "we are brothers", "Organization 1 met Organization 3", "café 12 σ.x", "\"We"]
        {
            assert_eq!(index.find(miss).is_some(), text.contains(miss), "{miss:?}");
        }
    }
}
