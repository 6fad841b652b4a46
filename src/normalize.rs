//! The normalised form that rules match against.
//!
//! A line is case folded, its Unicode whitespace collapsed to single spaces,
//! typographic quotes, dashes and ellipses folded to ASCII, and invisible
//! characters (soft hyphen, zero-width space, BOM ...) dropped. The *key* of
//! a line is that text without the bullets, separators and punctuation at
//! its edges, so `· 4 min read` and `4 min read.` share the key
//! `4 min read`.
//!
//! Every byte of the normalised text remembers the byte offset of the
//! character it came from, so a match in the normalised text maps back to a
//! span of the original line.

/// A normalised line, reused across lines to avoid allocation.
#[derive(Debug, Default, Clone)]
pub(crate) struct Normalized {
    text: String,
    /// `origin[i]` is the offset in the original line of the character
    /// that produced byte `i` of `text`.
    origin: Vec<usize>,
    key_start: usize,
    key_end: usize,
    /// Words in the key, counted once here as every stage asks.
    words: usize,
}

impl Normalized {
    /// Normalises `line` into this buffer, replacing what it held.
    pub(crate) fn set(&mut self, line: &str) {
        self.text.clear();
        self.origin.clear();
        let mut pending_space = false;
        for (at, c) in line.char_indices() {
            // Most characters are ASCII: folding them is lowercasing, and
            // the whitespace among them is what `char::is_whitespace` says.
            if c.is_ascii() {
                if matches!(c, '\t'..='\r' | ' ') {
                    pending_space = !self.text.is_empty();
                    continue;
                }
                if pending_space {
                    self.text.push(' ');
                    self.origin.push(at);
                    pending_space = false;
                }
                self.text.push(c.to_ascii_lowercase());
                self.origin.push(at);
                continue;
            }
            if c.is_whitespace() {
                pending_space = !self.text.is_empty();
                continue;
            }
            let Some(folded) = fold(c) else { continue };
            if pending_space {
                self.push(' ', at);
                pending_space = false;
            }
            match folded {
                Folded::One(f) => self.push(f, at),
                Folded::Str(s) => s.chars().for_each(|f| self.push(f, at)),
                Folded::Lower => {
                    for f in c.to_lowercase() {
                        self.push(f, at);
                    }
                }
            }
        }
        let (start, end) = key_bounds(&self.text, false);
        self.key_start = start;
        self.key_end = end;
        // Spaces in the text are single and the key has none at its edges.
        let key = self.key().as_bytes();
        self.words = if key.is_empty() {
            0
        } else {
            1 + memchr::memchr_iter(b' ', key).count()
        };
    }

    fn push(&mut self, c: char, at: usize) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.origin.push(at);
        }
    }

    /// The whole normalised line.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The normalised line without punctuation, bullets and separators at
    /// its edges: what line, regex and cut rules match.
    pub(crate) fn key(&self) -> &str {
        &self.text[self.key_start..self.key_end]
    }

    /// Number of words (space-separated tokens) in the key.
    pub(crate) fn words(&self) -> usize {
        self.words
    }

    /// Maps a non-empty byte range of [`Normalized::text`] back to the
    /// range of `line` (the line this was set from) that produced it.
    pub(crate) fn original_range(&self, line: &str, start: usize, end: usize) -> (usize, usize) {
        let last = self.origin[end - 1];
        let last_len = line[last..].chars().next().map_or(0, char::len_utf8);
        (self.origin[start], last + last_len)
    }
}

/// Normalises a rule pattern the way lines are normalised. For patterns
/// that match a whole line (`as_key`), edge punctuation is trimmed too, but
/// wildcards at the edges (`*`, and `#` standing alone) stay.
pub(crate) fn normalize_pattern(pattern: &str, as_key: bool) -> String {
    let mut n = Normalized::default();
    n.set(pattern);
    if !as_key {
        return n.text.clone();
    }
    let (start, end) = key_bounds(&n.text, true);
    n.text[start..end].to_string()
}

/// Number of space-separated words in normalised text.
pub(crate) fn count_words(text: &str) -> usize {
    text.split(' ').filter(|w| !w.is_empty()).count()
}

/// Whether `c` counts as part of a word for match boundaries.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The key's byte range in normalised `text`. With `keep_wildcards` (for
/// patterns), `*` and a `#` standing alone as a word stay at the edges.
fn key_bounds(text: &str, keep_wildcards: bool) -> (usize, usize) {
    let bytes = text.as_bytes();
    let alone = |i: usize| {
        (i == 0 || bytes[i - 1] == b' ') && (i + 1 == bytes.len() || bytes[i + 1] == b' ')
    };
    // `©` starts footer lines that rules need to tell apart.
    let is_edge = |i: usize, c: char| {
        !(c.is_alphanumeric()
            || c == '©'
            || (keep_wildcards && (c == '*' || (c == '#' && alone(i)))))
    };
    let start = text
        .char_indices()
        .find(|&(i, c)| !is_edge(i, c))
        .map_or(text.len(), |(i, _)| i);
    let end = text
        .char_indices()
        .rev()
        .find(|&(i, c)| !is_edge(i, c))
        .map_or(start, |(i, c)| i + c.len_utf8());
    (start, end.max(start))
}

enum Folded {
    One(char),
    Str(&'static str),
    Lower,
}

/// How one non-whitespace character is folded; `None` drops it.
fn fold(c: char) -> Option<Folded> {
    Some(match c {
        'A'..='Z' => Folded::One(c.to_ascii_lowercase()),
        c if c.is_ascii() => Folded::One(c),
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' => {
            Folded::One('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Folded::One('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            Folded::One('-')
        }
        '\u{2026}' => Folded::Str("..."),
        _ => Folded::Lower,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(line: &str) -> Normalized {
        let mut n = Normalized::default();
        n.set(line);
        n
    }

    #[test]
    fn folds_case_whitespace_quotes_and_dashes() {
        let n = norm("  Don\u{2019}t\u{00A0}\u{00A0}MISS \u{2014} \u{201C}Now\u{201D}\u{2026} ");
        assert_eq!(n.text(), "don't miss - \"now\"...");
        assert_eq!(n.key(), "don't miss - \"now");
    }

    #[test]
    fn key_ignores_bullets_and_separators_at_the_edges() {
        assert_eq!(norm("· 4 min read").key(), "4 min read");
        assert_eq!(norm("  • Home/").key(), "home");
        assert_eq!(norm("» Read more ›").key(), "read more");
        assert_eq!(norm("--- ").key(), "");
    }

    #[test]
    fn invisible_characters_are_dropped() {
        assert_eq!(
            norm("Ad\u{00AD}ver\u{200B}tisement").text(),
            "advertisement"
        );
    }

    #[test]
    fn non_ascii_letters_are_lowercased() {
        assert_eq!(norm("ÜBER UNS").key(), "über uns");
        assert_eq!(norm("Ώρα").key(), "ώρα");
    }

    #[test]
    fn ascii_whitespace_is_what_char_is_whitespace_says() {
        let n = norm(" \t A\x0bB\x0c\u{85}C\r\x1fD\u{a0}");
        assert_eq!(n.text(), "a b c \x1fd");
        assert_eq!(n.origin, vec![3, 5, 5, 9, 9, 11, 11, 12]);
    }

    #[test]
    fn words_counts_key_tokens() {
        assert_eq!(norm("· You have read 3 articles.").words(), 5);
        assert_eq!(norm("").words(), 0);
    }

    #[test]
    fn original_range_maps_back_through_folding() {
        let line = "Ad \u{2014} Scroll\u{2026} on";
        let n = norm(line);
        let at = n.text().find("scroll...").unwrap();
        let (s, e) = n.original_range(line, at, at + "scroll...".len());
        assert_eq!(&line[s..e], "Scroll\u{2026}");
        let (s, e) = n.original_range(line, 0, n.text().len());
        assert_eq!(&line[s..e], line.trim());
    }

    #[test]
    fn patterns_keep_edge_wildcards() {
        assert_eq!(normalize_pattern("* Min Read.", true), "* min read");
        assert_eq!(normalize_pattern("# Comments", true), "# comments");
        assert_eq!(normalize_pattern("#ad", true), "ad");
        assert_eq!(
            normalize_pattern("You have read * articles.", true),
            "you have read * articles"
        );
        assert_eq!(
            normalize_pattern(" Scroll  to continue ", false),
            "scroll to continue"
        );
    }
}
