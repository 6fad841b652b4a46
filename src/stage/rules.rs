//! The rule stage: asks the [`Matcher`] about every line, then applies what
//! it found: whole lines, fragments inside lines, and cut markers.
//!
//! A cut marker only cuts where it stands on the right side of the article:
//! a `cut-tail` marker ("Leave a Reply") needs at least half of the
//! document's prose before it, a `cut-head` marker ("Skip to content") at
//! most a fifth. Prose is what reads like sentences (lines of ten words or
//! more that end like one), so a long menu line weighs nothing. A marker in
//! the wrong place removes only its own line, so a menu entry "Comments" at
//! the top of a page never takes the article with it.

use std::ops::Range;

use crate::clean::{Reason, RuleRef};
use crate::document::Page;
use crate::matcher::{LineHits, Matcher, RuleIndex, Scope};
use crate::normalize::Normalized;
use crate::rules::Kind;

/// A line of at least this many words counts as prose when weighing where
/// a cut marker stands.
const PROSE_WORDS: usize = 10;

/// Collects rule hits line by line, then applies them to the page.
pub(crate) struct RuleStage<'m> {
    matcher: &'m Matcher,
    scope: Scope<'m>,
    hits: LineHits,
    whole: Vec<(usize, RuleIndex)>,
    fragments: Vec<(usize, Range<usize>, RuleIndex)>,
    cut_tail: Vec<(usize, RuleIndex)>,
    cut_head: Vec<(usize, RuleIndex)>,
}

impl<'m> RuleStage<'m> {
    pub(crate) fn new(matcher: &'m Matcher, scope: Scope<'m>) -> RuleStage<'m> {
        RuleStage {
            matcher,
            scope,
            hits: LineHits::default(),
            whole: Vec::new(),
            fragments: Vec::new(),
            cut_tail: Vec::new(),
            cut_head: Vec::new(),
        }
    }

    /// Scans line `i`, which starts at byte `start` and reads `line`.
    pub(crate) fn scan_line(&mut self, i: usize, start: usize, line: &str, norm: &Normalized) {
        self.matcher.scan(norm, self.scope, &mut self.hits);
        let rules = self.matcher.rules();
        let mut claimed = false;
        for &index in &self.hits.whole {
            match rules[index as usize].kind() {
                Kind::CutTail => self.cut_tail.push((i, index)),
                Kind::CutHead => self.cut_head.push((i, index)),
                _ if !claimed => {
                    self.whole.push((i, index));
                    claimed = true;
                }
                _ => {}
            }
        }
        if claimed || self.hits.fragments.is_empty() {
            return;
        }
        let text = norm.text();
        let mut rest_has_words = false;
        let mut from = 0;
        for &(s, e, _) in &self.hits.fragments {
            rest_has_words |= text[from..s].chars().any(char::is_alphanumeric);
            from = e;
        }
        rest_has_words |= text[from..].chars().any(char::is_alphanumeric);
        if !rest_has_words {
            self.whole.push((i, self.hits.fragments[0].2));
            return;
        }
        for &(s, e, index) in &self.hits.fragments {
            let (from, to) = norm.original_range(line, s, e);
            self.fragments.push((i, start + from..start + to, index));
        }
    }

    /// Marks what the scanned lines matched.
    pub(crate) fn apply(self, page: &mut Page<'_>) {
        let rules = self.matcher.rules();
        let rule = |index: RuleIndex| RuleRef::of(&rules[index as usize]);
        for &(i, index) in &self.whole {
            page.drop_line(i, Reason::Rule(rule(index)));
        }
        for (i, range, index) in self.fragments {
            page.cuts.push((i, range, Reason::Rule(rule(index))));
        }
        let prose = ProseWeights::new(page);
        for &(marker, index) in self.cut_tail.iter().chain(&self.cut_head) {
            page.drop_line(marker, Reason::Rule(rule(index)));
        }
        if let Some(&(marker, index)) = self
            .cut_tail
            .iter()
            .find(|&&(i, _)| prose.share_before(i) >= 0.5)
        {
            for i in marker + 1..page.lines.len() {
                page.drop_line(
                    i,
                    Reason::AfterMarker {
                        rule: rule(index),
                        marker_line: marker + 1,
                    },
                );
            }
        }
        if let Some(&(marker, index)) = self
            .cut_head
            .iter()
            .rev()
            .find(|&&(i, _)| prose.share_before(i) <= 0.2)
        {
            for i in 0..marker {
                page.drop_line(
                    i,
                    Reason::BeforeMarker {
                        rule: rule(index),
                        marker_line: marker + 1,
                    },
                );
            }
        }
    }
}

/// How much of a page's prose comes before each line.
struct ProseWeights {
    /// `before[i]`: prose words in kept lines before line `i`.
    before: Vec<usize>,
    total: usize,
}

impl ProseWeights {
    fn new(page: &Page<'_>) -> ProseWeights {
        let mut before = Vec::with_capacity(page.lines.len() + 1);
        let mut total = 0;
        for (i, line) in page.lines.iter().enumerate() {
            before.push(total);
            if page.is_kept(i) && line.words >= PROSE_WORDS && line.sentence_end {
                total += line.words;
            }
        }
        ProseWeights { before, total }
    }

    /// The share of prose before line `i`; by line position when the page
    /// has no prose at all.
    fn share_before(&self, i: usize) -> f64 {
        if self.total == 0 {
            i as f64 / self.before.len().max(1) as f64
        } else {
            self.before[i] as f64 / self.total as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Cleaner, RuleSet, Settings};

    const RULES: &str = r#"
[[rule]]
id = "comments.leave-a-reply"
category = "comments"
kind = "cut-tail"
patterns = ["Leave a Reply"]

[[rule]]
id = "navigation.skip"
category = "navigation"
kind = "cut-head"
patterns = ["Skip to content"]

[[rule]]
id = "advert.label"
category = "advert"
kind = "fragment"
patterns = ["Advertisement"]

[[rule]]
id = "paywall.read"
category = "paywall"
kind = "line"
patterns = ["You have read * articles this month"]
"#;

    const PROSE: &str = "This is a line of article prose that is long enough to count as prose.";

    fn clean(text: &str) -> String {
        let rules = RuleSet::from_toml("t.toml", RULES).unwrap();
        // Rules alone: the heuristics would also judge these short pages.
        Cleaner::with_settings(&rules, Settings::rules_only())
            .unwrap()
            .clean(text)
            .into_text()
    }

    #[test]
    fn cut_tail_removes_the_marker_and_what_follows() {
        let text = format!("{PROSE}\n{PROSE} 2\nLeave a Reply\nName\nEmail\n");
        assert_eq!(clean(&text), format!("{PROSE}\n{PROSE} 2\n"));
    }

    #[test]
    fn cut_tail_before_the_article_removes_only_the_marker() {
        let text = format!("Leave a Reply\n{PROSE}\n{PROSE} 2\n");
        assert_eq!(clean(&text), format!("{PROSE}\n{PROSE} 2\n"));
    }

    #[test]
    fn a_long_menu_line_is_not_prose() {
        // The menu has many words but reads like no sentence, so the
        // marker below it stands before all of the page's prose.
        let menu = "Home News World Politics Business Sport Culture Science Travel Weather Video Audio \
                    Books Music Film Theatre Food Health Money Jobs Cars Homes Dating Puzzles Crosswords \
                    Podcasts Newsletters Events Shop Archive";
        let text = format!("{menu}\nLeave a Reply\n{PROSE}\n");
        assert_eq!(clean(&text), format!("{menu}\n{PROSE}\n"));
    }

    #[test]
    fn cut_head_removes_the_marker_and_what_precedes() {
        let text = format!("Menu\nSkip to content\n{PROSE}\n");
        assert_eq!(clean(&text), format!("{PROSE}\n"));
        let late = format!("{PROSE}\n{PROSE} 2\nSkip to content\nEnd\n");
        assert_eq!(clean(&late), format!("{PROSE}\n{PROSE} 2\nEnd\n"));
    }

    #[test]
    fn a_fragment_goes_and_the_line_stays() {
        assert_eq!(clean("Before Advertisement after.\n"), "Before after.\n");
        assert_eq!(clean("· Advertisement ·\nText.\n"), "Text.\n");
    }

    #[test]
    fn a_line_rule_removes_only_whole_lines() {
        assert_eq!(
            clean("You have read 3 articles this month.\nText.\n"),
            "Text.\n"
        );
        let text = "I said you have read 3 articles this month, then left.\n";
        assert_eq!(clean(text), text);
    }
}
