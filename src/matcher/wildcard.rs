//! Wildcard line patterns (`More from *`, `# Comments`) matched without a
//! regex engine: a pattern is a few literal pieces with `*` (any text) and
//! `#` (a number) between them, and a line key is short, so plain string
//! comparison with a little backtracking is both quick to build and quick
//! to run.

use super::literals::Literal;

/// One piece of a wildcard pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// This text, exactly.
    Text(String),
    /// Any run of text, possibly empty.
    Any,
    /// A number: digits, with `.` or `,` between digit groups.
    Number,
}

/// A compiled wildcard line pattern; it matches a whole line key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Wildcard {
    pieces: Vec<Piece>,
}

impl Wildcard {
    /// Compiles a normalised line key: `*` anywhere is any text, `#`
    /// standing alone as a word is a number, everything else is itself.
    pub(crate) fn new(key: &str) -> Wildcard {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let flush = |text: &mut String, pieces: &mut Vec<Piece>| {
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(text)));
            }
        };
        for (i, word) in key.split(' ').enumerate() {
            if i > 0 {
                text.push(' ');
            }
            if word == "#" {
                flush(&mut text, &mut pieces);
                pieces.push(Piece::Number);
                continue;
            }
            for (j, part) in word.split('*').enumerate() {
                if j > 0 {
                    flush(&mut text, &mut pieces);
                    pieces.push(Piece::Any);
                }
                text.push_str(part);
            }
        }
        flush(&mut text, &mut pieces);
        Wildcard { pieces }
    }

    /// The longest literal piece: every match contains it. A match is
    /// the whole line key, so the first piece starts at a word boundary
    /// and the last one ends at one.
    pub(crate) fn longest_text(&self) -> Option<Literal> {
        let last = self.pieces.len().saturating_sub(1);
        self.pieces
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match p {
                Piece::Text(t) => Some(Literal {
                    text: t.clone(),
                    bounded_start: i == 0,
                    bounded_end: i == last,
                    max_words: None,
                }),
                _ => None,
            })
            .max_by_key(|l| l.text.trim().len())
    }

    /// Whether the whole of `key` matches.
    pub(crate) fn is_match(&self, key: &str) -> bool {
        matches(&self.pieces, key)
    }
}

fn matches(pieces: &[Piece], rest: &str) -> bool {
    let Some((first, others)) = pieces.split_first() else {
        return rest.is_empty();
    };
    match first {
        Piece::Text(text) => rest
            .strip_prefix(text.as_str())
            .is_some_and(|rest| matches(others, rest)),
        Piece::Any => {
            if others.is_empty() {
                return true;
            }
            rest.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(rest.len()))
                .any(|i| matches(others, &rest[i..]))
        }
        Piece::Number => number_ends(rest).any(|end| matches(others, &rest[end..])),
    }
}

/// The byte lengths of the numbers `text` starts with: `12.345` gives 2
/// and 6 (and no length ending at the `.`).
fn number_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut ends = Vec::new();
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            break;
        }
        ends.push(i);
        if i + 1 < bytes.len() && matches!(bytes[i], b'.' | b',') && bytes[i + 1].is_ascii_digit() {
            i += 1;
        } else {
            break;
        }
    }
    ends.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, key: &str) -> bool {
        Wildcard::new(pattern).is_match(key)
    }

    #[test]
    fn stars_match_any_run_and_hashes_a_number() {
        assert!(m("more from *", "more from politics"));
        assert!(m("more from *", "more from "));
        assert!(!m("more from *", "more of this"));
        assert!(m("* min read", "4 min read"));
        assert!(m(
            "you have read * of * free articles",
            "you have read 2 of 5 free articles"
        ));
        assert!(m("# comments", "12 comments"));
        assert!(m("# comments", "1.204 comments"));
        assert!(!m("# comments", "no comments"));
        assert!(!m("# comments", "12. comments"));
        assert!(m("# thoughts on \"*", "2 thoughts on \"a day"));
        assert!(!m("a*b", "acb extra"));
        assert!(m("a*b", "axxb"));
    }

    #[test]
    fn hash_inside_a_word_is_literal() {
        assert!(m("#ad *", "#ad here"));
        assert!(!m("#ad *", "1ad here"));
    }

    #[test]
    fn longest_text_names_the_gate() {
        let gate = Wildcard::new("# thoughts on \"*").longest_text().unwrap();
        assert_eq!(gate.text, " thoughts on \"");
        assert!(!gate.bounded_start && !gate.bounded_end);
        let gate = Wildcard::new("# kommentare").longest_text().unwrap();
        assert!(!gate.bounded_start && gate.bounded_end);
        assert!(Wildcard::new("*").longest_text().is_none());
    }
}
