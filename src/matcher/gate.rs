//! The literals a regex needs: every match of `^more from .*` contains
//! `more from `, so the regex need only run on lines that have it. The
//! literals are found with the rules' other literals, and each says whether
//! its occurrences that count sit on a word boundary, which lets them be
//! found by their words (see [`super::literals`]).

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};

use super::literals::Literal;

/// Gate literals shorter than this let too many lines through.
pub(crate) const MIN_GATE_LITERAL: usize = 3;

/// Literals of which every match of `pattern` contains one, lowercased as
/// lines are: its possible prefixes, else its possible suffixes, else the
/// possible texts of one of the parts it is a sequence of (`^# comments
/// on .*` needs ` comments on `). `None` when there are none worth gating
/// on: short ones, or ones that cannot be found by their words.
pub(crate) fn gate_literals(pattern: &str) -> Option<Vec<Literal>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let whole = |kind| gates(&hir, kind, (false, false));
    if let Some(found) = whole(ExtractKind::Prefix).or_else(|| whole(ExtractKind::Suffix)) {
        return Some(found);
    }
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    // Any part of a sequence is needed; the one with the longest shortest
    // literal lets the fewest lines through.
    parts
        .iter()
        .enumerate()
        .filter_map(|(i, part)| {
            // Most parts have no literals: look at the neighbours only for
            // those that do.
            required_texts(part, ExtractKind::Prefix, MIN_GATE_LITERAL)?;
            let edges = (
                ends_on_boundary(&parts[..i]),
                starts_on_boundary(&parts[i + 1..]),
            );
            gates(part, ExtractKind::Prefix, edges)
        })
        .max_by_key(|found| found.iter().map(|l| l.text.len()).min())
}

/// For a regex without gate literals: byte strings of which every match of
/// `pattern` contains one (`©` in a credit line), to look for with a fast
/// substring search before the regex runs. The fewest that will do, and
/// only a few, none shorter than two bytes.
pub(crate) fn needed_substrings(pattern: &str) -> Option<Vec<String>> {
    const MAX: usize = 4;
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let texts = |hir: &Hir, kind| {
        required_texts(hir, kind, 2)
            .map(|t| t.into_iter().map(|(text, _)| text).collect::<Vec<_>>())
    };
    let parts = match hir.kind() {
        HirKind::Concat(parts) => parts.as_slice(),
        _ => &[],
    };
    [
        texts(&hir, ExtractKind::Prefix),
        texts(&hir, ExtractKind::Suffix),
    ]
    .into_iter()
    .chain(parts.iter().map(|part| texts(part, ExtractKind::Prefix)))
    .flatten()
    .filter(|found| found.len() <= MAX)
    .min_by_key(|found| {
        (
            found.len(),
            std::cmp::Reverse(found.iter().map(String::len).min()),
        )
    })
}

/// The gate literals of `hir`: its required prefixes (or suffixes), each
/// bounded at an edge that `hir` anchors at a word boundary or a line
/// edge, or that `on_boundary` says its neighbours leave on one. The end a
/// prefix does not reach is bounded only when the literal is the whole
/// match. `None` unless every literal can be found by its words.
fn gates(hir: &Hir, kind: ExtractKind, on_boundary: (bool, bool)) -> Option<Vec<Literal>> {
    let prefix = matches!(kind, ExtractKind::Prefix);
    let texts = required_texts(hir, kind, MIN_GATE_LITERAL)?;
    let props = hir.properties();
    let anchored = |looks: regex_syntax::hir::LookSet, edge: Look| {
        looks.contains(edge) || looks.contains(Look::WordUnicode)
    };
    let start = on_boundary.0 || anchored(props.look_set_prefix(), Look::Start);
    let end = on_boundary.1 || anchored(props.look_set_suffix(), Look::End);
    texts
        .into_iter()
        .map(|(text, exact)| {
            let literal = Literal {
                text,
                bounded_start: start && (prefix || exact),
                bounded_end: end && (!prefix || exact),
                max_words: None,
            };
            literal.has_anchor().then_some(literal)
        })
        .collect()
}

/// The literals one of which starts (or ends) every match of `hir`,
/// lowercased, and whether each is the whole match; `None` unless there
/// are a few and none is short.
fn required_texts(hir: &Hir, kind: ExtractKind, min: usize) -> Option<Vec<(String, bool)>> {
    let mut extractor = Extractor::new();
    extractor.kind(kind).limit_total(64);
    let seq = extractor.extract(hir);
    let texts: Option<Vec<(String, bool)>> = seq
        .literals()?
        .iter()
        .map(|l| {
            let text = std::str::from_utf8(l.as_bytes()).ok()?.to_lowercase();
            (text.trim().len() >= min).then_some((text, l.is_exact()))
        })
        .collect();
    texts.filter(|t| !t.is_empty())
}

/// Whether what comes after a match of the sequence `parts` is on a word
/// boundary: every match ends with a character that is not alphanumeric,
/// or is empty at the start of the line.
fn ends_on_boundary(parts: &[Hir]) -> bool {
    edge_on_boundary(parts, ExtractKind::Suffix, Look::Start, |s| {
        s.chars().next_back()
    })
}

/// Whether what comes before a match of the sequence `parts` is on a word
/// boundary: every match starts with a character that is not
/// alphanumeric, or is empty at the end of the line.
fn starts_on_boundary(parts: &[Hir]) -> bool {
    edge_on_boundary(parts, ExtractKind::Prefix, Look::End, |s| s.chars().next())
}

fn edge_on_boundary(
    parts: &[Hir],
    kind: ExtractKind,
    line_edge: Look,
    edge_char: fn(&str) -> Option<char>,
) -> bool {
    let seq = Hir::concat(parts.to_vec());
    let looks = match kind {
        ExtractKind::Prefix => seq.properties().look_set_suffix(),
        _ => seq.properties().look_set_prefix(),
    };
    let mut extractor = Extractor::new();
    extractor.kind(kind).limit_total(64);
    let Some(literals) = extractor.extract(&seq).literals().map(<[_]>::to_vec) else {
        return false;
    };
    literals.iter().all(|l| {
        let Ok(text) = std::str::from_utf8(l.as_bytes()) else {
            return false;
        };
        match edge_char(text) {
            Some(c) => !c.is_alphanumeric(),
            None => l.is_exact() && looks.contains(line_edge),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gates(pattern: &str) -> Vec<(String, bool, bool)> {
        gate_literals(pattern)
            .unwrap_or_default()
            .into_iter()
            .map(|l| (l.text, l.bounded_start, l.bounded_end))
            .collect()
    }

    #[test]
    fn prefixes_of_an_anchored_regex_start_on_a_boundary() {
        assert_eq!(
            gates("^more from .*$"),
            vec![("more from ".into(), true, false)]
        );
        assert_eq!(
            gates("more from .*$"),
            vec![("more from ".into(), false, false)]
        );
    }

    #[test]
    fn suffixes_of_an_anchored_regex_end_on_a_boundary() {
        assert_eq!(
            gates(r"^\d+ comments$"),
            vec![(" comments".into(), false, true)]
        );
    }

    #[test]
    fn a_part_between_separators_is_bounded_on_both_sides() {
        let found = gates("^(.* [|·] )?(impressum|datenschutz)( [|·] .*)?$");
        assert_eq!(
            found,
            vec![
                ("impressum".into(), true, true),
                ("datenschutz".into(), true, true)
            ]
        );
        let found = gates("^(.*x)?(impressum|datenschutz)( [|·] .*)?$");
        assert!(found.iter().all(|g| !g.1 && g.2), "{found:?}");
    }

    #[test]
    fn a_regex_without_gate_literals_may_still_need_a_substring() {
        let pattern = r"[\s.|/(-]© ?([^.!?©]|\.[^\s.!?])+$";
        assert!(gates(pattern).is_empty());
        assert_eq!(needed_substrings(pattern), Some(vec!["©".to_string()]));
        assert_eq!(needed_substrings(r"^\w+$"), None);
    }

    #[test]
    fn short_literals_are_no_gate() {
        assert!(gates("^ab.*$").is_empty());
    }

    #[test]
    fn literals_that_words_cannot_find_are_no_gate() {
        // `xyz` may sit anywhere inside a word.
        assert!(gates(".*xyz.*").is_empty());
        assert_eq!(gates("^xyz .*"), vec![("xyz ".into(), true, false)]);
    }
}
