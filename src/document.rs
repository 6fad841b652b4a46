//! A document split into lines with byte offsets, the marks the stages put
//! on them, and the assembly of the kept text.
//!
//! Stages never edit text: they mark a whole line, or a span inside one, as
//! removed, with a [`Reason`]. Assembly then copies what is left, tidying
//! only whitespace, so a kept word is never rewritten.

use std::hash::Hasher;
use std::ops::Range;

use memchr::memchr_iter;

use crate::clean::{Reason, Removal};
use crate::fingerprint::Fnv;
use crate::normalize::Normalized;

/// One line of a document: its byte range, without the line break.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub(crate) range: Range<usize>,
    /// Words in the normalised key.
    pub(crate) words: usize,
    /// The line ends like a sentence (`.`, `!`, `?`, `:` and the like).
    pub(crate) sentence_end: bool,
    /// A hash of the line's letters and digits, lowercase: what duplicate
    /// and repeated-label detection compare (`U.S.` and `US` hash alike).
    pub(crate) fingerprint: u64,
}

/// The hash of the letters and digits of `key`, lowercase as the key is.
/// A hash rather than the string itself, as this runs for every line.
fn fingerprint(key: &str) -> u64 {
    let hash = if key.is_ascii() {
        key.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .fold(Fnv::default(), Fnv::byte)
    } else {
        key.chars()
            .filter(|c| c.is_alphanumeric())
            .fold(Fnv::default(), |h, c| {
                c.encode_utf8(&mut [0; 4]).bytes().fold(h, Fnv::byte)
            })
    };
    hash.finish()
}

/// A document being cleaned: its lines and what has been removed so far.
#[derive(Debug)]
pub(crate) struct Page<'a> {
    pub(crate) text: &'a str,
    pub(crate) lines: Vec<Line>,
    /// The reason each line was removed, `None` while it is kept.
    pub(crate) dropped: Vec<Option<Reason>>,
    /// Spans removed inside kept lines: line index, byte range, reason.
    pub(crate) cuts: Vec<(usize, Range<usize>, Reason)>,
}

impl<'a> Page<'a> {
    /// Splits `text` into lines and computes what every stage needs to know
    /// about each. `norm` is scratch space; `on_line` sees each line's
    /// normalised form once (with its index, start offset and text), so the
    /// rule stage need not normalise again.
    pub(crate) fn new(
        text: &'a str,
        norm: &mut Normalized,
        mut on_line: impl FnMut(usize, usize, &str, &Normalized),
    ) -> Page<'a> {
        let mut lines = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        let ends = memchr_iter(b'\n', bytes)
            .chain((bytes.last() != Some(&b'\n') && !bytes.is_empty()).then_some(bytes.len()));
        for newline in ends {
            let mut end = newline;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            let line = &text[start..end];
            norm.set(line);
            let key = norm.key();
            let fingerprint = fingerprint(key);
            let last = norm
                .text()
                .trim_end_matches(['"', '\'', ')', ']'])
                .chars()
                .next_back();
            lines.push(Line {
                range: start..end,
                words: norm.words(),
                sentence_end: matches!(
                    last,
                    Some('.' | '!' | '?' | ':' | ';' | '。' | '！' | '？')
                ),
                fingerprint,
            });
            on_line(lines.len() - 1, start, line, norm);
            start = newline + 1;
        }
        let dropped = vec![None; lines.len()];
        Page {
            text,
            lines,
            dropped,
            cuts: Vec::new(),
        }
    }

    /// The original text of line `i`.
    pub(crate) fn line_text(&self, i: usize) -> &'a str {
        &self.text[self.lines[i].range.clone()]
    }

    /// Whether line `i` is blank (only whitespace).
    pub(crate) fn is_blank(&self, i: usize) -> bool {
        self.line_text(i).trim().is_empty()
    }

    /// Whether line `i` is still kept.
    pub(crate) fn is_kept(&self, i: usize) -> bool {
        self.dropped[i].is_none()
    }

    /// Marks line `i` as removed, unless an earlier stage already did.
    pub(crate) fn drop_line(&mut self, i: usize, reason: Reason) {
        if self.dropped[i].is_none() {
            self.dropped[i] = Some(reason);
        }
    }

    /// The indices of kept lines that are not blank, in order.
    pub(crate) fn kept_text_lines(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.lines.len()).filter(|&i| self.is_kept(i) && !self.is_blank(i))
    }

    /// Builds the kept text and the list of removals.
    pub(crate) fn assemble(self) -> (String, Vec<Removal>) {
        let mut out = String::with_capacity(self.text.len());
        let mut removals = Vec::new();
        let mut cuts = self.cuts.into_iter().peekable();
        let mut pending_blank = false;
        for (i, line) in self.lines.iter().enumerate() {
            let text = &self.text[line.range.clone()];
            if let Some(reason) = &self.dropped[i] {
                if !text.trim().is_empty() {
                    removals.push(Removal {
                        range: line.range.clone(),
                        line: i + 1,
                        whole_line: true,
                        reason: reason.clone(),
                    });
                }
                while cuts.next_if(|c| c.0 == i).is_some() {}
                continue;
            }
            let mut kept = String::new();
            let mut from = line.range.start;
            while let Some((_, range, reason)) = cuts.next_if(|c| c.0 == i) {
                push_joined(&mut kept, &self.text[from..range.start]);
                from = range.end;
                removals.push(Removal {
                    range,
                    line: i + 1,
                    whole_line: false,
                    reason,
                });
            }
            push_joined(&mut kept, &self.text[from..line.range.end]);
            let kept = kept.trim_end();
            if kept.trim_start().is_empty() {
                pending_blank = !out.is_empty();
                continue;
            }
            if pending_blank {
                out.push('\n');
                pending_blank = false;
            }
            out.push_str(kept);
            out.push('\n');
        }
        (out, removals)
    }
}

/// Appends `part` to a line being rebuilt around removed spans, so that
/// the whitespace on both sides of a removed span becomes one space.
fn push_joined(kept: &mut String, part: &str) {
    if kept.ends_with(char::is_whitespace) {
        kept.push_str(part.trim_start());
    } else {
        kept.push_str(part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Page<'_> {
        Page::new(text, &mut Normalized::default(), |_, _, _, _| {})
    }

    #[test]
    fn splits_lines_with_and_without_final_newline() {
        assert_eq!(page("a\nb").lines.len(), 2);
        assert_eq!(page("a\nb\n").lines.len(), 2);
        assert_eq!(page("").lines.len(), 0);
        let p = page("a\r\nb\r\n");
        assert_eq!(p.line_text(0), "a");
        assert_eq!(p.line_text(1), "b");
    }

    #[test]
    fn line_features() {
        let p = page("Hello there, world.\n· Home ›\n");
        assert_eq!(p.lines[0].words, 3);
        assert!(p.lines[0].sentence_end);
        assert_eq!(p.lines[0].fingerprint, fingerprint("hellothereworld"));
        assert_ne!(p.lines[0].fingerprint, p.lines[1].fingerprint);
        assert!(!p.lines[1].sentence_end);
    }

    #[test]
    fn assembly_collapses_blank_runs_and_trims() {
        let mut p = page("\n\nTitle  \n\n\nBody one.\nDrop me\n\nBody two.\n\n");
        p.drop_line(
            6,
            Reason::Heuristic {
                name: "test",
                detail: String::new(),
            },
        );
        let (text, removals) = p.assemble();
        assert_eq!(text, "Title\n\nBody one.\n\nBody two.\n");
        assert_eq!(removals.len(), 1);
        assert_eq!(removals[0].line, 7);
    }

    #[test]
    fn assembly_removes_cut_spans() {
        let text = "Keep this AD HERE and this\n";
        let mut p = page(text);
        let at = text.find("AD HERE ").unwrap();
        p.cuts.push((
            0,
            at..at + 8,
            Reason::Heuristic {
                name: "t",
                detail: String::new(),
            },
        ));
        let (out, removals) = p.assemble();
        assert_eq!(out, "Keep this and this\n");
        assert!(!removals[0].whole_line);
    }
}
