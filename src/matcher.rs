//! A [`RuleSet`] compiled into a few automata, and the one function that
//! asks them about a line.
//!
//! Whole-line literals go into a hash map keyed by the normalised line key,
//! `contains` and `fragment` literals into a word-anchored literal index
//! ([`literals`]), and wildcard lines and regexes behind a gate when their
//! matches need one of a few literals ([`gate`]; the gate literals ride in
//! the same index), behind a substring search when they need a short or
//! symbol literal (`©`), else into `RegexSet`s in tiers by `max-words`
//! guard.
//! Scanning a line costs a hash lookup and one pass over its words, plus a
//! regex for the few lines that pass a gate and a regex-set pass for lines
//! short enough for a tier, however many rules there are.
//! Nothing after this module sees rule-file types other than [`Rule`].

mod gate;
mod literals;
mod wildcard;

use std::collections::HashMap;
use std::sync::Arc;

use memchr::memmem;
use regex::{RegexSet, RegexSetBuilder};
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;

use crate::error::{RuleError, RuleErrorKind};
use crate::hash::FastHash;
use crate::normalize::{Normalized, is_word_char, normalize_pattern};
use crate::rules::{Kind, Rule, RuleSet};
use gate::{MIN_GATE_LITERAL, gate_literals, needed_substrings};
use literals::{Found, Literal, Literals};
use wildcard::Wildcard;

/// Index of a rule in its [`RuleSet`].
pub(crate) type RuleIndex = u32;

/// Compiles one gated regex of rule `index`. Only whether it matches is
/// asked, so it is built without capture groups or the engines that only
/// serve them, which saves a tenth of the time to compile.
fn compile(rules: &[Rule], pattern: &str, index: RuleIndex) -> Result<meta::Regex, RuleError> {
    let config = meta::Config::new()
        .which_captures(WhichCaptures::None)
        .onepass(false)
        .backtrack(false)
        .nfa_size_limit(Some(64 << 20));
    meta::Builder::new()
        .configure(config)
        .build(pattern)
        .map_err(|e| {
            let e = regex::Error::Syntax(e.to_string());
            let rule = &rules[index as usize];
            RuleError::at_origin(
                rule.origin(),
                RuleErrorKind::InvalidRegex {
                    id: rule.id().to_string(),
                    source: Box::new(e),
                },
            )
        })
}

/// Checks that a rule regex parses. Case folding cannot fail, and
/// folding large Unicode classes is slow, so it is checked without.
pub(crate) fn check_regex(pattern: &str) -> Result<(), regex::Error> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map(drop)
        .map_err(|e| regex::Error::Syntax(e.to_string()))
}

/// A rule regex as the regex sets compile it. Lines are lowercased before
/// matching, so a pattern without capital letters matches the same with
/// or without case folding; folding is asked for only where a capital
/// letter needs it, as folding large Unicode classes is slow to compile.
fn set_pattern(pattern: &str) -> String {
    let mut chars = pattern.chars();
    let mut capital = false;
    while let Some(c) = chars.next() {
        match c {
            // An escape's letter is syntax (`\D`, `\p{Lu}`), not text.
            '\\' => {
                if let Some('p' | 'P') = chars.next() {
                    if chars.clone().next() == Some('{') {
                        chars.by_ref().find(|&c| c == '}');
                    } else {
                        chars.next();
                    }
                }
            }
            c if c.is_uppercase() => capital = true,
            _ => {}
        }
    }
    if capital {
        format!("(?i:{pattern})")
    } else {
        pattern.to_string()
    }
}

/// The compiled form of a rule set. Cheap to clone, `Send + Sync`.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    rules: Vec<Rule>,
    exact: HashMap<Box<str>, Vec<RuleIndex>, FastHash>,
    /// The longest key in `exact`: longer lines (prose) skip hashing.
    longest_exact: usize,
    literals: Literals,
    literal_use: Vec<LiteralUse>,
    gated: Vec<GatedRegex>,
    sieved: Vec<SievedRegex>,
    /// The substrings the sieved regexes need, each searched for at most
    /// once per line however many regexes need it.
    needles: Vec<memmem::Finder<'static>>,
    ungated: Vec<RegexTier>,
    /// Wildcard lines without a literal to gate on, tested on every line
    /// their rule acts on.
    ungated_wildcards: Vec<(Wildcard, RuleIndex)>,
}

/// What a literal of the literal index is for.
#[derive(Debug, Clone, Copy)]
enum LiteralUse {
    /// A pattern of a `contains` or `fragment` rule.
    Rule(RuleIndex),
    /// A literal that gated regex number `n` needs.
    Gate(u32),
}

/// A regex of which every match contains one of a few literals (`^more
/// from .*` needs `more from`). The literals ride in the pass that finds
/// `contains` and `fragment` phrases, and the regex runs only on a line
/// that has one. Each is compiled on its own, so its lazy DFA stays
/// small and is soon complete; in one set, a few hundred such regexes
/// would keep building states line after line.
#[derive(Debug)]
struct GatedRegex {
    test: LineTest,
    rule: RuleIndex,
}

/// A regex without gate literals of which every match still holds one of
/// a few substrings (`©`): a fast substring search over the line decides
/// whether it runs.
#[derive(Debug)]
struct SievedRegex {
    /// The substrings, as bits numbering [`Inner::needles`].
    needles: u64,
    regex: meta::Regex,
    rule: RuleIndex,
}

/// How a gated pattern tests a line key.
#[derive(Debug)]
enum LineTest {
    Regex(meta::Regex),
    Wildcard(Wildcard),
}

impl LineTest {
    fn is_match(&self, key: &str) -> bool {
        match self {
            LineTest::Regex(regex) => regex.is_match(key),
            LineTest::Wildcard(wildcard) => wildcard.is_match(key),
        }
    }
}

/// Regexes without such literals, in tiers by `max-words` guard: a line
/// runs only the tiers whose rules may act on a line that long.
#[derive(Debug)]
struct RegexTier {
    max_words: Option<usize>,
    set: RegexSet,
    rule: Vec<RuleIndex>,
}

/// Upper bounds, in words, of the line lengths that get their own regex
/// set and literal index: most rules are guarded by `max-words`, so long
/// lines, which hold most of the text, meet few of them. Rules with a
/// looser guard, or none, go to a last tier that every line meets.
const LINE_TIERS: [usize; 5] = [8, 16, 32, 64, 128];

/// The tier of a rule guarded by `max_words`.
fn tier_of(max_words: Option<usize>) -> usize {
    max_words
        .and_then(|max| LINE_TIERS.iter().position(|&bound| max <= bound))
        .unwrap_or(LINE_TIERS.len())
}

/// What the rules say about one line. Reused across lines.
#[derive(Debug, Default)]
pub(crate) struct LineHits {
    /// Rules that claim the whole line (line, regex, contains, cut kinds),
    /// in rule order.
    pub(crate) whole: Vec<RuleIndex>,
    /// Fragment spans in the normalised text, not overlapping, in order.
    pub(crate) fragments: Vec<(usize, usize, RuleIndex)>,
    /// Gated regexes whose literals the line has.
    gates: Vec<u32>,
    /// Literals found in the line.
    found: Vec<Found>,
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
        let mut exact: HashMap<Box<str>, Vec<RuleIndex>, FastHash> = HashMap::default();
        let mut literals = Vec::new();
        let mut literal_use = Vec::new();
        let mut regexes = Vec::new();
        let mut gated = Vec::new();
        let mut ungated_wildcards = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let index = i as RuleIndex;
            for pattern in rule.patterns() {
                match rule.kind() {
                    Kind::Line | Kind::CutTail | Kind::CutHead => {
                        let key = normalize_pattern(pattern, true);
                        if has_wildcard(&key) {
                            let wildcard = Wildcard::new(&key);
                            match wildcard.longest_text().filter(|l| {
                                l.text.trim().len() >= MIN_GATE_LITERAL && l.has_anchor()
                            }) {
                                Some(gate) => {
                                    literals.push(Literal {
                                        max_words: rule.max_words(),
                                        ..gate
                                    });
                                    literal_use.push(LiteralUse::Gate(gated.len() as u32));
                                    gated.push((LineTest::Wildcard(wildcard), index));
                                }
                                None => ungated_wildcards.push((wildcard, index)),
                            }
                        } else {
                            exact.entry(key.into_boxed_str()).or_default().push(index);
                        }
                    }
                    Kind::Contains | Kind::Fragment => {
                        literals.push(Literal::bounded(
                            normalize_pattern(pattern, false),
                            rule.max_words(),
                        ));
                        literal_use.push(LiteralUse::Rule(index));
                    }
                    Kind::Regex => regexes.push((set_pattern(pattern), index)),
                }
            }
        }
        let mut tiers = vec![(Vec::new(), Vec::new()); LINE_TIERS.len() + 1];
        let mut sieved = Vec::new();
        let mut needles = Vec::new();
        for (pattern, index) in regexes {
            match gate_literals(&pattern) {
                Some(needed) => {
                    let n = gated.len() as u32;
                    literal_use.extend(needed.iter().map(|_| LiteralUse::Gate(n)));
                    let max_words = rules[index as usize].max_words();
                    literals.extend(needed.into_iter().map(|l| Literal { max_words, ..l }));
                    gated.push((LineTest::Regex(compile(&rules, &pattern, index)?), index));
                }
                None => match needed_substrings(&pattern)
                    .and_then(|texts| needle_bits(&mut needles, &texts))
                {
                    Some(bits) => sieved.push(SievedRegex {
                        needles: bits,
                        regex: compile(&rules, &pattern, index)?,
                        rule: index,
                    }),
                    None => {
                        let tier = &mut tiers[tier_of(rules[index as usize].max_words())];
                        tier.0.push(pattern);
                        tier.1.push(index);
                    }
                },
            }
        }
        let build = |patterns: &[String], rule: &[RuleIndex]| {
            RegexSetBuilder::new(patterns)
                .size_limit(64 << 20)
                .dfa_size_limit(32 << 20)
                .build()
                .map_err(|e| {
                    // Each regex was checked when its file was read; a set
                    // that still fails is too large as a whole.
                    let first = &rules[rule[0] as usize];
                    RuleError::at_origin(
                        first.origin(),
                        RuleErrorKind::InvalidRegex {
                            id: first.id().to_string(),
                            source: Box::new(e),
                        },
                    )
                })
        };
        let gated = gated
            .into_iter()
            .map(|(test, rule)| GatedRegex { test, rule })
            .collect();
        let literals = Literals::new(&literals);
        let mut ungated = Vec::new();
        for (i, (patterns, rule)) in tiers.into_iter().enumerate() {
            if !patterns.is_empty() {
                ungated.push(RegexTier {
                    max_words: LINE_TIERS.get(i).copied(),
                    set: build(&patterns, &rule)?,
                    rule,
                });
            }
        }
        let longest_exact = exact.keys().map(|k| k.len()).max().unwrap_or(0);
        Ok(Matcher {
            inner: Arc::new(Inner {
                rules,
                exact,
                longest_exact,
                literals,
                literal_use,
                gated,
                sieved,
                needles: needles
                    .iter()
                    .map(|n: &String| memmem::Finder::new(n.as_bytes()).into_owned())
                    .collect(),
                ungated,
                ungated_wildcards,
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
        if let Some(found) = (key.len() <= inner.longest_exact)
            .then(|| inner.exact.get(key))
            .flatten()
        {
            hits.whole
                .extend(found.iter().copied().filter(|&i| acts(i)));
        }
        let gates = &mut hits.gates;
        gates.clear();
        let text = norm.text();
        inner.literals.find(text, words, &mut hits.found);
        let mut end_of_last = 0;
        for m in &hits.found {
            let (start, end) = (m.start as usize, m.end as usize);
            let index = match inner.literal_use[m.pattern as usize] {
                LiteralUse::Rule(index) => index,
                LiteralUse::Gate(n) => {
                    gates.push(n);
                    continue;
                }
            };
            if !on_word_boundaries(text, start, end) || !acts(index) {
                continue;
            }
            if inner.rules[index as usize].kind() == Kind::Contains {
                hits.whole.push(index);
            } else if start >= end_of_last {
                hits.fragments.push((start, end, index));
                end_of_last = end;
            } else if let Some(last) = hits.fragments.last_mut() {
                // Overlapping fragments: keep the one reaching further.
                if start <= last.0 && end > last.1 {
                    *last = (start, end, index);
                    end_of_last = end;
                }
            }
        }
        hits.gates.sort_unstable();
        hits.gates.dedup();
        for &n in &hits.gates {
            let gated = &inner.gated[n as usize];
            if acts(gated.rule) && gated.test.is_match(key) {
                hits.whole.push(gated.rule);
            }
        }
        let (mut searched, mut present) = (0u64, 0u64);
        for sieved in &inner.sieved {
            if !acts(sieved.rule) {
                continue;
            }
            let mut unknown = sieved.needles & !searched;
            searched |= unknown;
            while unknown != 0 {
                let n = unknown.trailing_zeros();
                unknown &= unknown - 1;
                if inner.needles[n as usize].find(key.as_bytes()).is_some() {
                    present |= 1 << n;
                }
            }
            if sieved.needles & present != 0 && sieved.regex.is_match(key) {
                hits.whole.push(sieved.rule);
            }
        }
        for (wildcard, index) in &inner.ungated_wildcards {
            if acts(*index) && wildcard.is_match(key) {
                hits.whole.push(*index);
            }
        }
        let mut regex_hits = |set: &RegexSet, rule: &[RuleIndex]| {
            // Most lines match no regex: a cheap yes/no first.
            if set.is_match(key) {
                for m in set.matches(key).iter() {
                    if acts(rule[m]) {
                        hits.whole.push(rule[m]);
                    }
                }
            }
        };
        for tier in &inner.ungated {
            if tier.max_words.is_none_or(|max| words <= max) {
                regex_hits(&tier.set, &tier.rule);
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

/// The bits numbering `texts` among `needles`, which gains those it lacks;
/// `None` when they would pass the 64 a bit set numbers.
fn needle_bits(needles: &mut Vec<String>, texts: &[String]) -> Option<u64> {
    let new = texts.iter().filter(|t| !needles.contains(t)).count();
    if needles.len() + new > 64 {
        return None;
    }
    let mut bits = 0;
    for text in texts {
        let n = match needles.iter().position(|n| n == text) {
            Some(n) => n,
            None => {
                needles.push(text.clone());
                needles.len() - 1
            }
        };
        bits |= 1 << n;
    }
    Some(bits)
}

/// Whether a line key has wildcards: `*` anywhere, or `#` as a word.
pub(crate) fn has_wildcard(key: &str) -> bool {
    key.contains('*') || key.split(' ').any(|w| w == "#")
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
    fn only_capital_letters_ask_for_case_folding() {
        assert_eq!(set_pattern(r"^\d+ comments?$"), r"^\d+ comments?$");
        assert_eq!(set_pattern(r"^\D\p{Lu}\pL x$"), r"^\D\p{Lu}\pL x$");
        assert_eq!(set_pattern("^Comments$"), "(?i:^Comments$)");
        let m = matcher(&rule("regex", "['^Comments \\d+$']", ""));
        assert_eq!(hits(&m, "COMMENTS 3").whole, vec![0]);
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
    fn a_hash_word_matches_a_number() {
        let m = matcher(&rule("line", "[\"# Comments\"]", ""));
        assert_eq!(hits(&m, "12 Comments").whole, vec![0]);
        assert_eq!(hits(&m, "1.204 Comments").whole, vec![0]);
        assert!(hits(&m, "No Comments").whole.is_empty());
        assert!(hits(&m, "Von Thilo / 6. Mai / Comments").whole.is_empty());
    }

    #[test]
    fn regexes_sieved_by_one_substring_share_its_search() {
        let m = matcher(&format!(
            "{}{}",
            rule("regex", r#"['^© ?\S']"#, ""),
            rule("regex", r#"['[\s.|/(-]© ?[^.!?©]+$']"#, "").replace("advert.x", "advert.y")
        ));
        assert_eq!(m.inner.needles.len(), 1);
        assert_eq!(hits(&m, "© 2024 Example").whole, vec![0]);
        assert_eq!(hits(&m, "A caption. © Example Press").whole, vec![1]);
        assert!(hits(&m, "Copy right 2024 example").whole.is_empty());
    }

    #[test]
    fn needles_past_sixty_four_leave_their_regex_unsieved() {
        let mut needles = Vec::new();
        let texts = |range: std::ops::Range<usize>| -> Vec<String> {
            range.map(|i| format!("n{i}")).collect()
        };
        assert_eq!(needle_bits(&mut needles, &texts(0..2)), Some(0b11));
        assert_eq!(needle_bits(&mut needles, &texts(1..3)), Some(0b110));
        assert_eq!(
            needle_bits(&mut needles, &texts(3..64)).map(u64::count_ones),
            Some(61)
        );
        assert_eq!(needle_bits(&mut needles, &texts(64..65)), None);
        assert_eq!(needles.len(), 64, "a refused regex adds no needle");
        assert_eq!(needle_bits(&mut needles, &texts(0..1)), Some(1));
    }
}
