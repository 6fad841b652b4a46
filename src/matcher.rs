//! A [`RuleSet`] compiled into a few automata, and the one function that
//! asks them about a line.
//!
//! Whole-line literals go into a hash map keyed by the normalised line key,
//! `contains` and `fragment` literals into one Aho-Corasick automaton, and
//! wildcard lines and regexes into one `RegexSet`. Scanning a line costs a
//! hash lookup and two automaton passes, however many rules there are.
//! Nothing after this module sees rule-file types other than [`Rule`].

use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use crate::error::{RuleError, RuleErrorKind};
use crate::normalize::{Normalized, is_word_char, normalize_pattern};
use crate::rules::{Kind, Rule, RuleSet};

/// Index of a rule in its [`RuleSet`].
pub(crate) type RuleIndex = u32;

/// Builds a regex the way rule regexes are matched: case-insensitive, on the
/// normalised line key.
pub(crate) fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).case_insensitive(true).build()
}

/// The compiled form of a rule set. Cheap to clone, `Send + Sync`.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    rules: Vec<Rule>,
    exact: HashMap<Box<str>, Vec<RuleIndex>>,
    literals: Option<AhoCorasick>,
    literal_rule: Vec<RuleIndex>,
    regexes: RegexSet,
    regex_rule: Vec<RuleIndex>,
}

/// What the rules say about one line. Reused across lines.
#[derive(Debug, Default)]
pub(crate) struct LineHits {
    /// Rules that claim the whole line (line, regex, contains, cut kinds),
    /// in rule order.
    pub(crate) whole: Vec<RuleIndex>,
    /// Fragment spans in the normalised text, not overlapping, in order.
    pub(crate) fragments: Vec<(usize, usize, RuleIndex)>,
}

impl LineHits {
    fn clear(&mut self) {
        self.whole.clear();
        self.fragments.clear();
    }
}

/// Which rules may act on a document.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Scope<'a> {
    /// The document's host, lowercase, without `www.`.
    pub(crate) host: Option<&'a str>,
    /// The document's language, when known.
    pub(crate) language: Option<&'a str>,
}

impl Matcher {
    /// Compiles `set`.
    pub(crate) fn new(set: &RuleSet) -> Result<Matcher, RuleError> {
        let rules = set.resolved_rules()?;
        let mut exact: HashMap<Box<str>, Vec<RuleIndex>> = HashMap::new();
        let mut literals = Vec::new();
        let mut literal_rule = Vec::new();
        let mut regexes = Vec::new();
        let mut regex_rule = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let index = i as RuleIndex;
            for pattern in rule.patterns() {
                match rule.kind() {
                    Kind::Line | Kind::CutTail | Kind::CutHead => {
                        let key = normalize_pattern(pattern, true);
                        if has_wildcard(&key) {
                            regexes.push(wildcard_regex(&key));
                            regex_rule.push(index);
                        } else {
                            exact.entry(key.into_boxed_str()).or_default().push(index);
                        }
                    }
                    Kind::Contains | Kind::Fragment => {
                        literals.push(normalize_pattern(pattern, false));
                        literal_rule.push(index);
                    }
                    Kind::Regex => {
                        regexes.push(pattern.clone());
                        regex_rule.push(index);
                    }
                }
            }
        }
        let literals = if literals.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&literals)
                    .expect("normalised literals always build"),
            )
        };
        let regexes = RegexSetBuilder::new(&regexes)
            .case_insensitive(true)
            .size_limit(64 << 20)
            .build()
            .map_err(|e| {
                // Each regex compiled on its own when the file was read; a
                // set that still fails is too large as a whole.
                let rule = &rules[0];
                RuleError::at_origin(
                    rule.origin(),
                    RuleErrorKind::InvalidRegex {
                        id: rule.id().to_string(),
                        source: Box::new(e),
                    },
                )
            })?;
        Ok(Matcher {
            inner: Arc::new(Inner {
                rules,
                exact,
                literals,
                literal_rule,
                regexes,
                regex_rule,
            }),
        })
    }

    /// The rules, indexed by [`RuleIndex`].
    pub(crate) fn rules(&self) -> &[Rule] {
        &self.inner.rules
    }

    /// Finds the rules that act on the line `norm` in a document of `scope`.
    pub(crate) fn scan(&self, norm: &Normalized, scope: Scope<'_>, hits: &mut LineHits) {
        hits.clear();
        let inner = &*self.inner;
        let words = norm.words();
        let acts = |index: RuleIndex| {
            let rule = &inner.rules[index as usize];
            rule.max_words().is_none_or(|max| words <= max)
                && rule.applies_to_host(scope.host)
                && match (rule.language(), scope.language) {
                    (Some(want), Some(have)) => want == have,
                    _ => true,
                }
        };
        let key = norm.key();
        if key.is_empty() {
            return;
        }
        if let Some(found) = inner.exact.get(key) {
            hits.whole
                .extend(found.iter().copied().filter(|&i| acts(i)));
        }
        if !inner.regex_rule.is_empty() {
            for m in inner.regexes.matches(key).iter() {
                let index = inner.regex_rule[m];
                if acts(index) {
                    hits.whole.push(index);
                }
            }
        }
        if let Some(ac) = &inner.literals {
            let text = norm.text();
            let mut end_of_last = 0;
            for m in ac.find_overlapping_iter(text) {
                let index = inner.literal_rule[m.pattern().as_usize()];
                if !on_word_boundaries(text, m.start(), m.end()) || !acts(index) {
                    continue;
                }
                if inner.rules[index as usize].kind() == Kind::Contains {
                    hits.whole.push(index);
                } else if m.start() >= end_of_last {
                    hits.fragments.push((m.start(), m.end(), index));
                    end_of_last = m.end();
                } else if let Some(last) = hits.fragments.last_mut() {
                    // Overlapping fragments: keep the one reaching further.
                    if m.start() <= last.0 && m.end() > last.1 {
                        *last = (m.start(), m.end(), index);
                        end_of_last = m.end();
                    }
                }
            }
        }
        hits.whole.sort_unstable();
        hits.whole.dedup();
    }

    /// The rules that act on `line` as a whole or in part, for tests and
    /// rule checks.
    pub(crate) fn rules_matching(&self, line: &str, host: Option<&str>) -> Vec<RuleIndex> {
        let mut norm = Normalized::default();
        norm.set(line);
        let mut hits = LineHits::default();
        self.scan(
            &norm,
            Scope {
                host,
                language: None,
            },
            &mut hits,
        );
        let mut all = hits.whole;
        all.extend(hits.fragments.iter().map(|f| f.2));
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// What `#` standing alone in a line pattern matches: a number, with `.`
/// or `,` between its digit groups.
const NUMBER: &str = "[0-9]+(?:[.,][0-9]+)*";

/// Whether a line key has wildcards: `*` anywhere, or `#` as a word.
pub(crate) fn has_wildcard(key: &str) -> bool {
    key.contains('*') || key.split(' ').any(|w| w == "#")
}

/// `^...$` for a wildcard line key: `*` matches any run of text, `#` as a
/// word matches a number, and everything else itself.
fn wildcard_regex(key: &str) -> String {
    let words: Vec<String> = key
        .split(' ')
        .map(|word| {
            if word == "#" {
                NUMBER.to_string()
            } else {
                let parts: Vec<String> = word.split('*').map(regex::escape).collect();
                parts.join(".*")
            }
        })
        .collect();
    format!("^{}$", words.join(" "))
}

/// A literal only counts where it is not part of a longer word.
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let matched = &text[start..end];
    let starts_word = matched.chars().next().is_some_and(is_word_char);
    let ends_word = matched.chars().next_back().is_some_and(is_word_char);
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued_before = starts_word && before.is_some_and(is_word_char);
    let glued_after = ends_word && after.is_some_and(is_word_char);
    !glued_before && !glued_after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(rules: &str) -> Matcher {
        Matcher::new(&RuleSet::from_toml("t.toml", rules).unwrap()).unwrap()
    }

    fn rule(kind: &str, patterns: &str, extra: &str) -> String {
        format!(
            "[[rule]]\nid = \"advert.x\"\ncategory = \"advert\"\nkind = \"{kind}\"\npatterns = {patterns}\n{extra}\n"
        )
    }

    fn hits(m: &Matcher, line: &str) -> LineHits {
        let mut n = Normalized::default();
        n.set(line);
        let mut h = LineHits::default();
        m.scan(&n, Scope::default(), &mut h);
        h
    }

    #[test]
    fn matcher_is_send_sync_and_clone() {
        fn assert_all<T: Send + Sync + Clone + 'static>() {}
        assert_all::<Matcher>();
    }

    #[test]
    fn line_rules_match_the_whole_normalised_line() {
        let m = matcher(&rule("line", "[\"Scroll to top\"]", ""));
        assert_eq!(hits(&m, "  » SCROLL  to Top ↑").whole, vec![0]);
        assert!(hits(&m, "Scroll to top of the page").whole.is_empty());
    }

    #[test]
    fn line_wildcards_match_any_run() {
        let m = matcher(&rule(
            "line",
            "[\"You have read * articles this month\"]",
            "",
        ));
        assert_eq!(
            hits(&m, "You have read more than 10 articles this month.").whole,
            vec![0]
        );
        assert!(
            hits(&m, "You have read articles this month, he said, and more")
                .whole
                .is_empty()
        );
    }

    #[test]
    fn max_words_guards_a_rule() {
        let m = matcher(&rule("line", "[\"* min read\"]", "max-words = 4"));
        assert_eq!(hits(&m, "· 4 min read").whole, vec![0]);
        assert!(
            hits(&m, "It takes the reader a good ten min read")
                .whole
                .is_empty()
        );
    }

    #[test]
    fn regex_rules_match_the_line_key() {
        let m = matcher(&rule("regex", "['^\\d+ comments?$']", ""));
        assert_eq!(hits(&m, "12 Comments").whole, vec![0]);
        assert!(
            hits(&m, "12 comments were made by the minister")
                .whole
                .is_empty()
        );
    }

    #[test]
    fn contains_rules_claim_the_line_on_word_boundaries() {
        let m = matcher(&rule("contains", "[\"we rely on readers like you\"]", ""));
        assert_eq!(
            hits(&m, "Truth matters. We rely on readers like you. Give now.").whole,
            vec![0]
        );
        assert!(hits(&m, "We rely on readers like yours").whole.is_empty());
    }

    #[test]
    fn fragments_give_spans_and_do_not_match_inside_words() {
        let m = matcher(&rule(
            "fragment",
            "[\"Advertisement · Scroll to continue\", \"Advertisement\"]",
            "",
        ));
        let h = hits(&m, "Text. Advertisement · Scroll to continue More text");
        assert!(h.whole.is_empty());
        assert_eq!(h.fragments.len(), 1);
        let (s, e, _) = h.fragments[0];
        assert_eq!(e - s, "advertisement · scroll to continue".len());
        assert!(
            hits(&m, "Advertisements are everywhere")
                .fragments
                .is_empty()
        );
    }

    #[test]
    fn site_scoped_rules_act_only_on_their_site() {
        let m = matcher(&rule("line", "[\"Topics\"]", "sites = [\"example.com\"]"));
        assert!(hits(&m, "Topics").whole.is_empty());
        assert_eq!(m.rules_matching("Topics", Some("www.example.com")), vec![0]);
    }

    #[test]
    fn wildcard_regex_escapes_literals() {
        assert_eq!(wildcard_regex("a.b * c"), "^a\\.b .* c$");
        assert_eq!(wildcard_regex("#a # b"), format!("^\\#a {NUMBER} b$"));
    }

    #[test]
    fn a_hash_word_matches_a_number() {
        let m = matcher(&rule("line", "[\"# Comments\"]", ""));
        assert_eq!(hits(&m, "12 Comments").whole, vec![0]);
        assert_eq!(hits(&m, "1.204 Comments").whole, vec![0]);
        assert!(hits(&m, "No Comments").whole.is_empty());
        assert!(hits(&m, "Von Thilo / 6. Mai / Comments").whole.is_empty());
    }
}
