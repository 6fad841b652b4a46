//! Scoring cleaned text the way the shared scorer (`eval/score.py`) does,
//! so that anyone can re-measure with one command (`boilerstrip eval`).
//! Pure functions over strings; reading a corpus is the caller's business.
//!
//! - Snippets: a snippet is in an output when its normalised form (Unicode
//!   NFC, soft hyphen, zero-width space, word joiner and BOM removed,
//!   whitespace runs collapsed) is a substring of the normalised output.
//!   `kept` is the share of must-keep snippets present, `removed` the share
//!   of must-remove snippets absent, `score` their harmonic mean, all
//!   counted over every snippet of every case together.
//! - Gold: texts become multisets of 4-token shingles (tokens are runs of
//!   letters, digits and `_`); per document TP, FP and FN are normalised to
//!   sum to one; precision and recall are averaged over documents (a
//!   document's precision is 1 when FP and FN are both 0), and F1 is the
//!   harmonic mean of the two averages.

use std::collections::HashMap;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// One page of a snippet corpus: a line of `cases.jsonl`.
#[derive(Debug, Clone, Deserialize)]
pub struct SnippetCase {
    /// The output file name.
    pub file: String,
    /// Snippets that must stay.
    #[serde(default)]
    pub with: Vec<String>,
    /// Snippets that must go.
    #[serde(default)]
    pub without: Vec<String>,
}

/// What one case lost and left in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseResult {
    /// Must-keep snippets missing from the output.
    pub lost: Vec<String>,
    /// Must-remove snippets still in the output.
    pub left_in: Vec<String>,
}

/// Snippet counts over many cases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnippetScore {
    /// Cases scored.
    pub cases: usize,
    /// Must-keep snippets.
    pub with: usize,
    /// Must-keep snippets present.
    pub with_kept: usize,
    /// Must-remove snippets.
    pub without: usize,
    /// Must-remove snippets absent.
    pub without_removed: usize,
    /// Cases without an output.
    pub missing: usize,
}

impl SnippetScore {
    /// Scores `output` (`None`: no output) for `case` and counts it.
    pub fn add(&mut self, case: &SnippetCase, output: Option<&str>) -> CaseResult {
        let out = normalize(output.unwrap_or(""));
        let result = CaseResult {
            lost: case
                .with
                .iter()
                .filter(|s| !out.contains(&normalize(s)))
                .cloned()
                .collect(),
            left_in: case
                .without
                .iter()
                .filter(|s| out.contains(&normalize(s)))
                .cloned()
                .collect(),
        };
        self.cases += 1;
        self.missing += usize::from(output.is_none());
        self.with += case.with.len();
        self.with_kept += case.with.len() - result.lost.len();
        self.without += case.without.len();
        self.without_removed += case.without.len() - result.left_in.len();
        result
    }

    /// Share of must-keep snippets kept.
    pub fn kept(&self) -> f64 {
        ratio(self.with_kept, self.with)
    }

    /// Share of must-remove snippets removed.
    pub fn removed(&self) -> f64 {
        ratio(self.without_removed, self.without)
    }

    /// Harmonic mean of kept and removed.
    pub fn score(&self) -> f64 {
        harmonic(self.kept(), self.removed())
    }

    /// The summary line `score.py snippets` prints.
    pub fn summary(&self) -> String {
        format!(
            "snippets score={:.3} kept={:.3} removed={:.3} cases={} with={} without={} missing={}",
            self.score(),
            self.kept(),
            self.removed(),
            self.cases,
            self.with,
            self.without,
            self.missing
        )
    }
}

/// The snippet matching form: NFC, invisible characters removed,
/// whitespace runs collapsed to one space, trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfc() {
        if matches!(c, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}') {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// One document's shingle overlap with its gold text, normalised so that
/// `tp + fp + fn == 1` (all zero when both texts are empty).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GoldCounts {
    /// Shingles in both.
    pub tp: f64,
    /// Shingles only in the output.
    pub fp: f64,
    /// Shingles only in the gold text.
    pub fn_: f64,
}

impl GoldCounts {
    /// Compares `output` with `gold`.
    pub fn of(gold: &str, output: &str) -> GoldCounts {
        let (g, p) = (shingles(gold), shingles(output));
        let mut tp = 0usize;
        let mut fp = 0usize;
        for (s, &n) in &p {
            let m = g.get(s).copied().unwrap_or(0);
            tp += n.min(m);
            fp += n.saturating_sub(m);
        }
        let fn_: usize = g
            .iter()
            .map(|(s, &n)| n.saturating_sub(p.get(s).copied().unwrap_or(0)))
            .sum();
        let total = (tp + fp + fn_) as f64;
        if total == 0.0 {
            return GoldCounts::default();
        }
        GoldCounts {
            tp: tp as f64 / total,
            fp: fp as f64 / total,
            fn_: fn_ as f64 / total,
        }
    }

    /// Precision, when the output has shingles.
    pub fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0.0).then(|| {
            if self.fp == 0.0 && self.fn_ == 0.0 {
                1.0
            } else {
                self.tp / (self.tp + self.fp)
            }
        })
    }

    /// Recall, when the gold text has shingles.
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0.0).then(|| {
            if self.fp == 0.0 && self.fn_ == 0.0 {
                1.0
            } else {
                self.tp / (self.tp + self.fn_)
            }
        })
    }
}

/// Gold scores over many documents.
#[derive(Debug, Clone, Default)]
pub struct GoldScore {
    counts: Vec<GoldCounts>,
    /// Outputs without a single token.
    pub empty: usize,
    /// Documents without an output.
    pub missing: usize,
}

impl GoldScore {
    /// Scores `output` (`None`: no output) against `gold` and counts it.
    pub fn add(&mut self, gold: &str, output: Option<&str>) -> GoldCounts {
        let out = output.unwrap_or("");
        self.missing += usize::from(output.is_none());
        self.empty += usize::from(tokens(out).next().is_none());
        let c = GoldCounts::of(gold, out);
        self.counts.push(c);
        c
    }

    /// Documents scored.
    pub fn docs(&self) -> usize {
        self.counts.len()
    }

    /// Mean precision over documents whose output has shingles.
    pub fn precision(&self) -> f64 {
        mean(self.counts.iter().filter_map(GoldCounts::precision))
    }

    /// Mean recall over documents whose gold text has shingles.
    pub fn recall(&self) -> f64 {
        mean(self.counts.iter().filter_map(GoldCounts::recall))
    }

    /// Harmonic mean of mean precision and mean recall.
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }

    /// The summary line `score.py gold` prints.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "gold f1={:.3} precision={:.3} recall={:.3} docs={} empty={}",
            self.f1(),
            self.precision(),
            self.recall(),
            self.docs(),
            self.empty
        );
        if self.missing > 0 {
            line.push_str(&format!(" missing={}", self.missing));
        }
        line
    }
}

/// Runs of letters, digits and `_`: the tokens of the shingle metric.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
}

/// The 4-token shingles of `text`, counted; a text of fewer tokens is one
/// shorter shingle.
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens: Vec<&str> = tokens(text).collect();
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < 4 {
        out.insert(tokens, 1);
        return out;
    }
    for w in tokens.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn harmonic(a: f64, b: f64) -> f64 {
    if a + b > 0.0 {
        2.0 * a * b / (a + b)
    } else {
        0.0
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_match_after_normalising() {
        let case = SnippetCase {
            file: "a.txt".into(),
            with: vec!["council\nmet  on".into(), "gone".into()],
            without: vec!["Menu".into(), "Cookie".into()],
        };
        let mut score = SnippetScore::default();
        let r = score.add(&case, Some("The council met\u{00AD} on Tuesday.\nMenu\n"));
        assert_eq!(r.lost, ["gone"]);
        assert_eq!(r.left_in, ["Menu"]);
        assert_eq!((score.kept(), score.removed()), (0.5, 0.5));
        assert_eq!(
            score.summary(),
            "snippets score=0.500 kept=0.500 removed=0.500 cases=1 with=2 without=2 missing=0"
        );
    }

    #[test]
    fn gold_shingles_count_overlap() {
        let c = GoldCounts::of("a b c d e", "a b c d");
        // gold shingles: abcd, bcde; output: abcd.
        assert!((c.tp - 0.5).abs() < 1e-9 && (c.fn_ - 0.5).abs() < 1e-9);
        assert_eq!(c.precision(), Some(1.0));
        assert_eq!(c.recall(), Some(0.5));
        let mut score = GoldScore::default();
        score.add("a b c d e", Some("a b c d"));
        score.add("x y", None);
        assert_eq!(score.empty, 1);
        assert_eq!(score.missing, 1);
        assert!((score.precision() - 1.0).abs() < 1e-9);
        assert!((score.recall() - 0.25).abs() < 1e-9);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(GoldCounts::of("a b", "a b").precision(), Some(1.0));
        assert_eq!(GoldCounts::of("", "").precision(), None);
    }
}
