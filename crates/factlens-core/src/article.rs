//! A source text as the reader reads it: its paragraphs, each cut wherever a fact's quote starts
//! or ends, every piece knowing whose quotes cover it. Quotes that overlap or nest cover the
//! same pieces, so every fact keeps pieces of its own to mark.

use crate::Story;

/// A run of a paragraph's text and the facts whose quotes cover all of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    /// Indexes into the story's facts, the longest quote first (the outermost mark).
    pub facts: Vec<usize>,
}

/// The paragraphs (lines) of source `source`, cut into pieces at every quote's ends; empty when
/// the story has no such text.
pub fn paragraphs<'a>(story: &'a Story, source: &str) -> Vec<Vec<Piece<'a>>> {
    let Some(text) = story.texts.get(source) else { return Vec::new() };
    let quotes: Vec<(usize, usize, usize)> = story
        .dataset
        .facts
        .iter()
        .zip(&story.quote_starts)
        .enumerate()
        .filter(|(_, (fact, _))| fact.source == source)
        .filter_map(|(i, (fact, start))| start.map(|start| (start, start + fact.quote.len(), i)))
        .collect();
    // (Written without sorting: the page's wasm carries no sort for these few items.)
    let mut paragraphs = Vec::new();
    let mut paragraph_start = 0;
    for line in text.split('\n') {
        let paragraph_end = paragraph_start + line.len();
        // Where a piece starts: the paragraph's start and every quote's end inside it.
        let mut cut = vec![false; line.len() + 1];
        cut[0] = true;
        for &(start, end, _) in &quotes {
            for at in [start, end] {
                if (paragraph_start..paragraph_end).contains(&at) {
                    cut[at - paragraph_start] = true;
                }
            }
        }
        let mut pieces = Vec::new();
        let mut from = 0;
        for to in 1..=line.len() {
            if to == line.len() || cut[to] {
                let (from_at, to_at) = (paragraph_start + from, paragraph_start + to);
                // Longest quote first: each goes before the first shorter one.
                let mut facts: Vec<usize> = Vec::new();
                for &(start, end, i) in quotes.iter().filter(|&&(start, end, _)| start <= from_at && to_at <= end) {
                    let length = |j: usize| story.dataset.facts[j].quote.len();
                    let at = facts.iter().position(|&j| length(j) < end - start).unwrap_or(facts.len());
                    facts.insert(at, i);
                }
                pieces.push(Piece { text: &line[from..to], facts });
                from = to;
            }
        }
        paragraphs.push(pieces);
        paragraph_start = paragraph_end + 1;
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::bundled_story as story;

    #[test]
    fn the_pieces_are_the_text_and_every_quote_is_covered_exactly() {
        let story = story();
        let article = story.texts.get("article").unwrap();
        let paragraphs = paragraphs(&story, "article");
        let joined: Vec<String> = paragraphs.iter().map(|p| p.iter().map(|piece| piece.text).collect()).collect();
        assert_eq!(joined.join("\n"), *article, "nothing is lost or repeated");
        for (i, fact) in story.dataset.facts.iter().enumerate() {
            let covered: String =
                paragraphs.iter().flatten().filter(|p| p.facts.contains(&i)).map(|p| p.text).collect();
            assert_eq!(covered, fact.quote, "{}: its marks hold its quote", fact.id);
        }
        assert!(super::paragraphs(&story, "elsewhere").is_empty());
    }

    #[test]
    fn nested_quotes_mark_the_outer_first_and_both_keep_pieces() {
        let mut story = story();
        // A second fact quoting part of the first one's quote.
        let mut inner = story.dataset.facts[0].clone();
        inner.id = "inner".into();
        inner.quote = inner.quote.split(' ').take(2).collect::<Vec<_>>().join(" ");
        story.dataset.facts.push(inner);
        let texts =
            std::collections::BTreeMap::from([("article".to_owned(), story.texts.get("article").unwrap().clone())]);
        let story = Story::new(story.dataset, texts);
        let last = story.dataset.facts.len() - 1;
        let pieces: Vec<Piece> = paragraphs(&story, "article").into_iter().flatten().collect();
        let both = pieces.iter().find(|p| p.facts.contains(&last)).unwrap();
        assert!(
            both.facts.contains(&0) && both.facts.last() == Some(&last),
            "the shortest quote is the innermost mark: {:?}",
            both.facts
        );
        let lengths: Vec<usize> = both.facts.iter().map(|&i| story.dataset.facts[i].quote.len()).collect();
        assert!(lengths.windows(2).all(|w| w[0] >= w[1]), "outer marks first: {lengths:?}");
        assert!(
            pieces.iter().any(|p| p.facts.contains(&0) && !p.facts.contains(&last)),
            "the outer fact keeps pieces of its own"
        );
    }
}
