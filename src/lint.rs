//! Checks of rule lists beyond what loading them checks: what `boilerstrip
//! rules check` and `boilerstrip rules test` report.
//!
//! [`check()`] finds rules that are wrong or wasteful: duplicate ids and
//! patterns, rules shadowed by others, regexes that could be literals,
//! unguarded one- or two-word phrases, a `*` that was probably meant
//! literally, rules without a reason or an example, and examples their rule
//! does not remove. [`test()`] cleans each rule's examples in a document and
//! makes sure that lists of real article sentences ([`KeepList`]) survive
//! every rule. Both return [`Problem`]s and print nothing.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex_syntax::hir::{Hir, HirKind, Look};

use crate::clean::{Cleaner, Document};
use crate::error::RuleError;
use crate::normalize::{count_words, normalize_pattern};
use crate::rules::{Kind, Origin, Rule, RuleSet, files_below};
use crate::settings::Settings;

/// What kind of problem a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Lint {
    /// The rule file cannot be loaded, or the rules cannot be compiled.
    Load,
    /// Two rules share an id.
    DuplicateId,
    /// A rule's id does not start with its category.
    IdCategory,
    /// A rule does not say why it exists.
    NoWhy,
    /// A rule has no example line to remove.
    NoExample,
    /// The same pattern twice, in one rule or in two of the same kind.
    DuplicatePattern,
    /// Every example of a rule is already removed by one other rule.
    Shadowed,
    /// A regex without regex syntax, which a literal kind would match
    /// faster and more readably.
    RegexCouldBeLiteral,
    /// A `contains` or `fragment` phrase of one or two words without a
    /// `max-words` guard.
    Unguarded,
    /// A line pattern ending in ` *` whose examples end in a literal `*`.
    LiteralStar,
    /// A regex construct that makes the regex engines slow: a Unicode word
    /// boundary (the lazy DFA gives up on non-ASCII text) or a long
    /// bounded repetition of a class (compiled once per repetition).
    SlowRegex,
    /// An example its rule does not remove.
    ExampleKept,
    /// A near miss (`keep`) or a keep-list sentence that a rule removes.
    KeepRemoved,
}

impl Lint {
    /// The lint's name, as printed in brackets after each problem.
    pub fn name(self) -> &'static str {
        match self {
            Lint::Load => "load",
            Lint::DuplicateId => "duplicate-id",
            Lint::IdCategory => "id-category",
            Lint::NoWhy => "no-why",
            Lint::NoExample => "no-example",
            Lint::DuplicatePattern => "duplicate-pattern",
            Lint::Shadowed => "shadowed",
            Lint::RegexCouldBeLiteral => "regex-could-be-literal",
            Lint::Unguarded => "unguarded",
            Lint::LiteralStar => "literal-star",
            Lint::SlowRegex => "slow-regex",
            Lint::ExampleKept => "example-kept",
            Lint::KeepRemoved => "keep-removed",
        }
    }
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One problem in a rule list, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file.
    pub path: Arc<str>,
    /// 1-based line and column, when the problem has a place in the file.
    pub location: Option<(usize, usize)>,
    /// What kind of problem.
    pub lint: Lint,
    /// What is wrong and what to do.
    pub message: String,
}

impl Problem {
    fn at(origin: &Origin, lint: Lint, message: String) -> Problem {
        Problem {
            path: origin.path.clone(),
            location: Some((origin.line, origin.column)),
            lint,
            message,
        }
    }

    fn from_error(err: &RuleError, lint: Lint) -> Problem {
        let mut message = err.kind().to_string();
        let mut source = std::error::Error::source(err.kind());
        while let Some(s) = source {
            message.push_str(&format!(": {s}"));
            source = s.source();
        }
        Problem {
            path: Arc::from(err.path()),
            location: err.location(),
            lint,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some((line, col)) => write!(f, "{}:{line}:{col}: ", self.path)?,
            None => write!(f, "{}: ", self.path)?,
        }
        write!(f, "{} [{}]", self.message, self.lint)
    }
}

/// Rule files and keep lists to check or test, loaded.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The rules of every file that loaded.
    pub rules: RuleSet,
    /// The keep lists among the inputs.
    pub keep: Vec<KeepList>,
    /// Number of rule files read.
    pub files: usize,
    /// Files that did not load, and ids used twice.
    pub problems: Vec<Problem>,
}

impl Inputs {
    /// The built-in rule files and keep lists.
    pub fn defaults() -> Inputs {
        let files: Vec<_> = RuleSet::default_files().collect();
        let count = files.len();
        let (rules, problems) = merge(
            files
                .into_iter()
                .map(|(name, text)| RuleSet::from_toml(&name, text)),
        );
        Inputs {
            rules,
            keep: KeepList::defaults(),
            files: count,
            problems,
        }
    }

    /// Rule files (`*.toml`) and keep lists (`*.txt`), given as files or
    /// found below directories. Each rule file is loaded on its own, so a
    /// broken one is a problem and the others are still checked.
    ///
    /// # Errors
    ///
    /// The I/O error, with the path, when a path does not exist or a keep
    /// list cannot be read.
    pub fn from_paths(paths: &[PathBuf]) -> std::io::Result<Inputs> {
        let mut rule_files = Vec::new();
        let mut keep_files = Vec::new();
        for path in paths {
            let meta = std::fs::metadata(path).map_err(|e| with_path(path, e))?;
            if meta.is_dir() {
                let mut found = Vec::new();
                files_below(path, &mut found).map_err(|e| with_path(path, e))?;
                found.sort();
                for file in found {
                    match file.extension().and_then(|e| e.to_str()) {
                        Some("toml") => rule_files.push(file),
                        Some("txt") => keep_files.push(file),
                        _ => {}
                    }
                }
            } else if path.extension().is_some_and(|e| e == "txt") {
                keep_files.push(path.clone());
            } else {
                rule_files.push(path.clone());
            }
        }
        let keep = keep_files
            .iter()
            .map(|p| KeepList::from_path(p).map_err(|e| with_path(p, e)))
            .collect::<Result<_, _>>()?;
        let (rules, problems) = merge(rule_files.iter().map(|p| RuleSet::from_path(p)));
        Ok(Inputs {
            rules,
            keep,
            files: rule_files.len(),
            problems,
        })
    }
}

fn with_path(path: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Puts separately loaded rule files together, reporting files that did
/// not load and ids used twice instead of stopping at the first.
pub fn merge(
    files: impl IntoIterator<Item = Result<RuleSet, RuleError>>,
) -> (RuleSet, Vec<Problem>) {
    let mut set = RuleSet::new();
    let mut problems = Vec::new();
    for file in files {
        match file {
            Ok(file) => set.merge(file, |e| {
                problems.push(Problem::from_error(&e, Lint::DuplicateId));
            }),
            Err(e) => problems.push(Problem::from_error(&e, Lint::Load)),
        }
    }
    (set, problems)
}

/// Checks a rule set: each rule on its own, against the others, and its
/// examples against the compiled rules.
pub fn check(set: &RuleSet) -> Vec<Problem> {
    let mut problems = Vec::new();
    for rule in set.rules() {
        check_rule(rule, &mut problems);
    }
    duplicate_patterns(set.rules(), &mut problems);
    match Cleaner::with_settings(set, Settings::rules_only()) {
        Ok(cleaner) => {
            examples(&cleaner, &mut problems);
            shadowed(&cleaner, &mut problems);
        }
        Err(e) => problems.push(Problem::from_error(&e, Lint::Load)),
    }
    sort(&mut problems);
    problems
}

/// Tests a rule set the way it is used: every rule's examples are removed
/// from a document of prose (at its end, or its start for `cut-head`
/// rules), and no rule touches a sentence of the keep lists or a rule's
/// near misses.
pub fn test(set: &RuleSet, keep: &[KeepList]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let cleaner = match Cleaner::with_settings(set, Settings::rules_only()) {
        Ok(cleaner) => cleaner,
        Err(e) => return vec![Problem::from_error(&e, Lint::Load)],
    };
    for rule in cleaner.rules() {
        if rule.examples().is_empty() {
            problems.push(Problem::at(
                rule.origin(),
                Lint::NoExample,
                format!(
                    "rule `{}` has no example; add `examples = [...]`",
                    rule.id()
                ),
            ));
        }
        for example in rule.examples() {
            if !removed_in_document(&cleaner, rule, example) {
                problems.push(Problem::at(
                    rule.origin(),
                    Lint::ExampleKept,
                    format!(
                        "rule `{}` leaves its example {example:?} in a document of prose",
                        rule.id()
                    ),
                ));
            }
        }
        for near in rule.keep() {
            for other in cleaner.matching_rules(near, site_of(rule)) {
                problems.push(Problem::at(
                    rule.origin(),
                    Lint::KeepRemoved,
                    format!(
                        "rule `{}`'s near miss {near:?} is removed by rule `{}` ({})",
                        rule.id(),
                        other.id(),
                        other.origin()
                    ),
                ));
            }
        }
    }
    for list in keep {
        for (line, sentence) in &list.sentences {
            for rule in cleaner.matching_rules(sentence, None) {
                problems.push(Problem {
                    path: list.name.clone(),
                    location: Some((*line, 1)),
                    lint: Lint::KeepRemoved,
                    message: format!(
                        "article sentence {sentence:?} is removed by rule `{}` ({})",
                        rule.id(),
                        rule.origin()
                    ),
                });
            }
        }
    }
    sort(&mut problems);
    problems
}

/// A list of real article sentences that use boilerplate's words ("the
/// advertisement campaign was pulled") and must survive every rule: one
/// sentence a line, `#` starts a comment line.
#[derive(Debug, Clone)]
pub struct KeepList {
    name: Arc<str>,
    sentences: Vec<(usize, String)>,
}

impl KeepList {
    /// Parses a keep list; `name` is used in problems.
    pub fn parse(name: &str, text: &str) -> KeepList {
        let sentences = text
            .lines()
            .enumerate()
            .map(|(i, line)| (i + 1, line.trim()))
            .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
            .map(|(i, line)| (i, line.to_string()))
            .collect();
        KeepList {
            name: Arc::from(name),
            sentences,
        }
    }

    /// Reads a keep list from a file.
    ///
    /// # Errors
    ///
    /// The I/O error when the file cannot be read as UTF-8 text.
    pub fn from_path(path: &Path) -> std::io::Result<KeepList> {
        let text = std::fs::read_to_string(path)?;
        Ok(KeepList::parse(&path.display().to_string(), &text))
    }

    /// The keep lists shipped in `rules/keep/` and embedded in the binary.
    pub fn defaults() -> Vec<KeepList> {
        DEFAULT_KEEP_FILES
            .iter()
            .map(|(path, text)| KeepList::parse(&format!("<default>/{path}"), text))
            .collect()
    }

    /// The list's name, as given or `<default>/keep/...`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The sentences with their 1-based line numbers.
    pub fn sentences(&self) -> &[(usize, String)] {
        &self.sentences
    }
}

include!(concat!(env!("OUT_DIR"), "/default_keep.rs"));

/// Orders problems by file, then place, so output is stable.
fn sort(problems: &mut [Problem]) {
    problems.sort_by(|a, b| {
        (&a.path, a.location, a.lint, &a.message).cmp(&(&b.path, b.location, b.lint, &b.message))
    });
}

/// A host the rule acts on, for trying its examples.
fn site_of(rule: &Rule) -> Option<&str> {
    rule.sites()
        .iter()
        .find(|s| !s.excluded)
        .map(|s| s.domain.as_str())
}

/// Checks that need only the rule itself.
fn check_rule(rule: &Rule, problems: &mut Vec<Problem>) {
    let id = rule.id();
    let prefix = format!("{}.", rule.category());
    if !id.starts_with(&prefix) {
        problems.push(Problem::at(
            rule.origin(),
            Lint::IdCategory,
            format!(
                "rule `{id}` is in category `{}`; name it `{prefix}...`",
                rule.category()
            ),
        ));
    }
    if rule.why().trim().is_empty() {
        problems.push(Problem::at(
            rule.origin(),
            Lint::NoWhy,
            format!("rule `{id}` does not say why it exists; add `why = \"...\"`"),
        ));
    }
    if rule.examples().is_empty() {
        problems.push(Problem::at(
            rule.origin(),
            Lint::NoExample,
            format!("rule `{id}` has no example; add `examples = [...]` with a line it removes"),
        ));
    }
    for (pattern, origin) in rule.patterns().iter().zip(rule.pattern_origins()) {
        match rule.kind() {
            Kind::Contains | Kind::Fragment if rule.max_words().is_none() => {
                let words = count_words(&normalize_pattern(pattern, false));
                if words <= 2 {
                    problems.push(Problem::at(
                        origin,
                        Lint::Unguarded,
                        format!(
                            "rule `{id}`: `{pattern}` is {words} word{} and would act inside any sentence; add `max-words`, or make it a `line` rule",
                            if words == 1 { "" } else { "s" }
                        ),
                    ));
                }
            }
            Kind::Regex => {
                if let Some(why) = slow_regex(pattern) {
                    problems.push(Problem::at(
                        origin,
                        Lint::SlowRegex,
                        format!("rule `{id}`: regex `{pattern}` {why}"),
                    ));
                }
                if let Some(literal) = regex_as_literal(pattern) {
                    problems.push(Problem::at(origin, Lint::RegexCouldBeLiteral, format!(
                        "rule `{id}`: regex `{pattern}` has no regex syntax; it could be {literal}"
                    )));
                }
            }
            kind if kind.matches_whole_line() => {
                let ends_in_star = pattern.trim_end().ends_with(" *");
                if ends_in_star && rule.examples().iter().any(|e| e.trim_end().ends_with('*')) {
                    problems.push(Problem::at(origin, Lint::LiteralStar, format!(
                        "rule `{id}`: the final `*` of `{pattern}` is a wildcard, but the examples end in a literal `*`; drop it (edge punctuation is ignored anyway)"
                    )));
                } else if ends_in_star && rule.max_words().is_none() {
                    problems.push(Problem::at(origin, Lint::Unguarded, format!(
                        "rule `{id}`: `{pattern}` matches every line that starts like it, however long; add `max-words`"
                    )));
                }
            }
            _ => {}
        }
    }
}

/// The same normalised pattern twice among rules of one kind that can act
/// on the same documents.
fn duplicate_patterns(rules: &[Rule], problems: &mut Vec<Problem>) {
    let mut seen: HashMap<(Kind, String), Vec<(usize, usize)>> = HashMap::new();
    for (r, rule) in rules.iter().enumerate() {
        for (p, pattern) in rule.patterns().iter().enumerate() {
            let key = match rule.kind() {
                Kind::Regex => pattern.clone(),
                kind => normalize_pattern(pattern, kind.matches_whole_line()),
            };
            let earlier = seen.entry((rule.kind(), key)).or_default();
            if let Some(&(first_rule, first_pattern)) = earlier
                .iter()
                .find(|&&(f, _)| same_documents(&rules[f], rule))
            {
                let first = &rules[first_rule];
                let at = &first.pattern_origins()[first_pattern];
                let message = if first_rule == r {
                    let same = &first.patterns()[first_pattern];
                    format!(
                        "rule `{}`: pattern `{pattern}` is `{same}` ({at}) once normalised; remove one",
                        rule.id()
                    )
                } else {
                    format!(
                        "rule `{}`: pattern `{pattern}` is already in rule `{}` ({at}); remove one",
                        rule.id(),
                        first.id()
                    )
                };
                problems.push(Problem::at(
                    &rule.pattern_origins()[p],
                    Lint::DuplicatePattern,
                    message,
                ));
            }
            earlier.push((r, p));
        }
    }
}

/// Whether two rules can act on one document: their languages agree and
/// they have the same site scope.
fn same_documents(a: &Rule, b: &Rule) -> bool {
    let languages = match (a.language(), b.language()) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    languages && a.sites() == b.sites()
}

/// Every example is matched by its own rule; near misses are left to
/// [`test()`].
fn examples(cleaner: &Cleaner, problems: &mut Vec<Problem>) {
    for rule in cleaner.rules() {
        for example in rule.examples() {
            let hits = cleaner.matching_rules(example, site_of(rule));
            if !hits.iter().any(|r| r.id() == rule.id()) {
                let why = match rule.max_words() {
                    Some(max) if count_words(&normalize_pattern(example, true)) > max => {
                        format!(" (it has more than `max-words = {max}` words)")
                    }
                    _ => String::new(),
                };
                problems.push(Problem::at(
                    rule.origin(),
                    Lint::ExampleKept,
                    format!(
                        "rule `{}` does not remove its example {example:?}{why}",
                        rule.id()
                    ),
                ));
            }
        }
    }
}

/// Rules whose every example one other rule, acting at least as widely and
/// in the same way, already removes.
fn shadowed(cleaner: &Cleaner, problems: &mut Vec<Problem>) {
    let rules = cleaner.rules();
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.id(), i)).collect();
    for (i, rule) in rules.iter().enumerate() {
        let mut common: Option<Vec<usize>> = None;
        for example in rule.examples() {
            let hits: Vec<usize> = cleaner
                .matching_rules(example, site_of(rule))
                .iter()
                .map(|r| index[r.id()])
                .filter(|&j| j != i && covers(&rules[j], rule))
                .collect();
            common = Some(match common {
                None => hits,
                Some(c) => c.into_iter().filter(|j| hits.contains(j)).collect(),
            });
        }
        if let Some(&j) = common.as_deref().and_then(<[usize]>::first) {
            let other = &rules[j];
            problems.push(Problem::at(
                rule.origin(),
                Lint::Shadowed,
                format!(
                    "rule `{}`: every example is already removed by rule `{}` ({}); merge them, or add an example only this rule removes",
                    rule.id(),
                    other.id(),
                    other.origin()
                ),
            ));
        }
    }
}

/// Whether `wide` removes in the same way as `narrow` wherever `narrow`
/// acts: same effect, a language at least as open, a guard at least as
/// loose, and the same sites.
fn covers(wide: &Rule, narrow: &Rule) -> bool {
    let effect = |kind| match kind {
        Kind::Line | Kind::Contains | Kind::Regex => 0,
        Kind::Fragment => 1,
        Kind::CutTail => 2,
        Kind::CutHead => 3,
    };
    let language = wide.language().is_none() || wide.language() == narrow.language();
    let guard = match (wide.max_words(), narrow.max_words()) {
        (None, _) => true,
        (Some(w), Some(n)) => w >= n,
        (Some(_), None) => false,
    };
    effect(wide.kind()) == effect(narrow.kind())
        && language
        && guard
        && (wide.sites().is_empty() || wide.sites() == narrow.sites())
}

/// Whether the example goes when its rule cleans a document of prose.
fn removed_in_document(cleaner: &Cleaner, rule: &Rule, example: &str) -> bool {
    const PROSE: &str = "The council met on Tuesday evening and agreed, after a long debate, to rebuild the old bridge over the river next spring.";
    let text = if rule.kind() == Kind::CutHead {
        format!("{example}\n{PROSE}\n{PROSE} Again.\n")
    } else {
        format!("{PROSE}\n{PROSE} Again.\n{example}\n")
    };
    let url = site_of(rule).map(|host| format!("https://{host}/article"));
    let mut doc = Document::new(&text);
    if let Some(url) = &url {
        doc = doc.with_url(url);
    }
    let cleaned = cleaner.clean_document(&doc);
    let line_start = text.find(example).unwrap_or(0);
    let line = cleaned
        .removals()
        .iter()
        .filter(|r| r.range.start >= line_start && r.range.start < line_start + example.len());
    let removed: usize = line.map(|r| r.range.len()).sum();
    removed > 0 && !cleaned.text().contains(example.trim())
}

/// Why `pattern` would slow every line down, if it would.
fn slow_regex(pattern: &str) -> Option<&'static str> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    slow_part(&hir)
}

fn slow_part(hir: &Hir) -> Option<&'static str> {
    match hir.kind() {
        HirKind::Look(Look::WordUnicode | Look::WordUnicodeNegate) => Some(
            "has a Unicode `\\b`, on which the fast regex engine gives up for non-ASCII text; write `(?-u:\\b)`, or the space or punctuation you expect",
        ),
        HirKind::Repetition(rep)
            if rep.max.is_some_and(|max| max > 16)
                && !matches!(rep.sub.kind(), HirKind::Literal(_)) =>
        {
            Some(
                "repeats a class more than 16 times (`{n,m}`), which compiles into that many copies; use `+` or `*` and let `max-words` bound the line",
            )
        }
        HirKind::Repetition(rep) => slow_part(&rep.sub),
        HirKind::Capture(cap) => slow_part(&cap.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().find_map(slow_part),
        _ => None,
    }
}

/// What a regex made only of literals (alternatives, optional parts, edge
/// anchors) could be instead: a `line` rule when anchored at both ends, a
/// `contains` rule when not anchored.
fn regex_as_literal(pattern: &str) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let (start, middle, end) = match hir.kind() {
        HirKind::Concat(parts) => {
            let start = matches!(
                parts.first().map(Hir::kind),
                Some(HirKind::Look(Look::Start))
            );
            let end = matches!(parts.last().map(Hir::kind), Some(HirKind::Look(Look::End)));
            let from = usize::from(start);
            let to = parts.len() - usize::from(end);
            let middle = Hir::concat(parts[from..to].to_vec());
            (start, middle, end)
        }
        _ => (false, hir.clone(), false),
    };
    // A regex for more combinations than this reads better than the list.
    let literals = finite_literals(&middle, 8)?;
    if literals.iter().any(|l| l.trim().is_empty()) {
        return None;
    }
    let quoted: Vec<String> = literals.iter().map(|l| format!("{l:?}")).collect();
    let quoted = quoted.join(", ");
    match (start, end) {
        (true, true) => Some(format!("a `line` rule with patterns [{quoted}]")),
        (false, false) => Some(format!("a `contains` rule with patterns [{quoted}]")),
        _ => None,
    }
}

/// Every string `hir` matches, when it matches at most `limit` strings and
/// no regex syntax other than alternatives and optional parts.
fn finite_literals(hir: &Hir, limit: usize) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Empty => Some(vec![String::new()]),
        HirKind::Literal(lit) => Some(vec![String::from_utf8(lit.0.to_vec()).ok()?]),
        HirKind::Capture(cap) => finite_literals(&cap.sub, limit),
        HirKind::Repetition(rep) if rep.min == 0 && rep.max == Some(1) => {
            let mut all = vec![String::new()];
            all.extend(finite_literals(&rep.sub, limit)?);
            (all.len() <= limit).then_some(all)
        }
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for alt in alts {
                all.extend(finite_literals(alt, limit)?);
            }
            (all.len() <= limit).then_some(all)
        }
        HirKind::Concat(parts) => {
            let mut all = vec![String::new()];
            for part in parts {
                let next = finite_literals(part, limit)?;
                all = all
                    .iter()
                    .flat_map(|a| next.iter().map(move |b| format!("{a}{b}")))
                    .collect();
                if all.len() > limit {
                    return None;
                }
            }
            Some(all)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(rules: &str) -> Vec<Problem> {
        check(&RuleSet::from_toml("t.toml", rules).unwrap())
    }

    fn lints(rules: &str) -> Vec<Lint> {
        problems(rules).into_iter().map(|p| p.lint).collect()
    }

    fn rule(id: &str, kind: &str, patterns: &str, extra: &str) -> String {
        format!(
            "[[rule]]\nid = \"{id}\"\ncategory = \"advert\"\nkind = \"{kind}\"\npatterns = {patterns}\nwhy = \"test\"\n{extra}\n"
        )
    }

    #[test]
    fn a_good_rule_has_no_problems() {
        let text = rule(
            "advert.label",
            "line",
            "[\"Advertisement\"]",
            "examples = [\"ADVERTISEMENT\"]",
        );
        assert_eq!(problems(&text), vec![]);
    }

    #[test]
    fn missing_why_example_and_wrong_prefix_are_problems() {
        let text = "[[rule]]\nid = \"ads.x\"\ncategory = \"advert\"\nkind = \"line\"\npatterns = [\"Ad here\"]\n";
        let found = problems(text);
        let names: Vec<_> = found.iter().map(|p| p.lint).collect();
        assert_eq!(names, [Lint::IdCategory, Lint::NoWhy, Lint::NoExample]);
        assert_eq!(
            found[0].to_string(),
            "t.toml:2:6: rule `ads.x` is in category `advert`; name it `advert....` [id-category]"
        );
    }

    #[test]
    fn short_phrases_need_a_guard() {
        let text = rule(
            "advert.ad",
            "fragment",
            "[\"Anzeige\", \"Scroll to continue with content\"]",
            "examples = [\"Anzeige\"]",
        );
        assert_eq!(lints(&text), [Lint::Unguarded]);
        let guarded = text.replace("why =", "max-words = 4\nwhy =");
        assert_eq!(lints(&guarded), []);
    }

    #[test]
    fn literal_regexes_are_flagged_and_real_ones_are_not() {
        assert!(regex_as_literal("^read more$").unwrap().contains("`line`"));
        assert!(
            regex_as_literal("^(read|see) (more|also)$")
                .unwrap()
                .contains("\"see also\"")
        );
        assert!(
            regex_as_literal("we rely on readers")
                .unwrap()
                .contains("`contains`")
        );
        assert_eq!(regex_as_literal(r"^\d+ comments?$"), None);
        assert_eq!(regex_as_literal("^read more"), None);
        assert_eq!(regex_as_literal("^(a|b)*$"), None);
        let text = rule(
            "advert.x",
            "regex",
            "['^sponsored( content)?$']",
            "examples = [\"Sponsored\"]",
        );
        assert_eq!(lints(&text), [Lint::RegexCouldBeLiteral]);
    }

    #[test]
    fn a_trailing_star_needs_a_guard() {
        let text = rule(
            "advert.x",
            "line",
            "[\"Sponsored by *\"]",
            "examples = [\"Sponsored by Acme\"]",
        );
        assert_eq!(lints(&text), [Lint::Unguarded]);
        let guarded = text.replace("why =", "max-words = 6\nwhy =");
        assert_eq!(lints(&guarded), []);
    }

    #[test]
    fn slow_regexes_are_flagged() {
        assert!(slow_regex(r"^foo\b.*$").is_some());
        assert!(slow_regex(r"^photo: [^.]{1,80}$").is_some());
        assert_eq!(slow_regex(r"^photo: [^.]+$"), None);
        assert_eq!(slow_regex(r"^(?-u:\b)foo [a-z]{0,2}$"), None);
        let text = rule(
            "advert.x",
            "regex",
            "['^ad\\b.*$']",
            "max-words = 4\nexamples = [\"Ad here\"]",
        );
        assert_eq!(lints(&text), [Lint::SlowRegex]);
    }

    #[test]
    fn a_star_meant_literally_is_flagged() {
        let text = rule(
            "advert.x",
            "line",
            "[\"Required fields are marked *\"]",
            "examples = [\"Required fields are marked *\"]",
        );
        // The wildcard needs a space and more text after `marked`, so the
        // example is not even removed.
        assert_eq!(lints(&text), [Lint::ExampleKept, Lint::LiteralStar]);
    }

    #[test]
    fn duplicate_patterns_and_shadowed_rules_are_found() {
        let text = format!(
            "{}{}",
            rule(
                "advert.a",
                "line",
                "[\"Advertisement\", \"Anzeige\"]",
                "examples = [\"Anzeige\"]"
            ),
            rule(
                "advert.b",
                "line",
                "[\"anzeige.\"]",
                "examples = [\"Anzeige\"]"
            ),
        );
        let found = problems(&text);
        let names: Vec<_> = found.iter().map(|p| p.lint).collect();
        assert_eq!(
            names,
            [Lint::Shadowed, Lint::Shadowed, Lint::DuplicatePattern],
            "{found:?}"
        );
        assert!(
            found[2]
                .message
                .contains("already in rule `advert.a` (t.toml:5)")
        );
    }

    #[test]
    fn a_narrower_rule_is_not_shadowed_by_a_guarded_one() {
        let text = format!(
            "{}{}",
            rule(
                "advert.a",
                "contains",
                "[\"paid post\"]",
                "max-words = 3\nexamples = [\"Paid post\"]"
            ),
            rule(
                "advert.b",
                "line",
                "[\"Paid post by *\"]",
                "max-words = 6\nexamples = [\"Paid post by Acme\"]"
            ),
        );
        assert_eq!(lints(&text), []);
    }

    #[test]
    fn an_example_the_rule_misses_is_flagged() {
        let text = rule(
            "advert.x",
            "line",
            "[\"Sponsored\"]",
            "max-words = 1\nexamples = [\"Sponsored by Acme\"]",
        );
        let found = problems(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].lint, Lint::ExampleKept);
        assert!(
            found[0]
                .message
                .ends_with("(it has more than `max-words = 1` words)")
        );
    }

    #[test]
    fn merge_reports_every_duplicate_id_and_load_error() {
        let a = rule("advert.x", "line", "[\"A b\"]", "examples = [\"A b\"]");
        let files = vec![
            RuleSet::from_toml("a.toml", &a),
            RuleSet::from_toml("b.toml", &a),
            RuleSet::from_toml("c.toml", "[[rule]]\nid = 1\n"),
        ];
        let (set, found) = merge(files);
        assert_eq!(set.len(), 1);
        let names: Vec<_> = found.iter().map(|p| p.lint).collect();
        assert_eq!(names, [Lint::DuplicateId, Lint::Load]);
        assert!(
            found[0]
                .to_string()
                .starts_with("b.toml:2:6: duplicate rule id `advert.x` (first used at a.toml:2)")
        );
    }

    #[test]
    fn test_finds_keep_sentences_a_rule_removes() {
        let text = rule(
            "advert.x",
            "contains",
            "[\"advertisement campaign\"]",
            "examples = [\"See our advertisement campaign\"]",
        );
        let set = RuleSet::from_toml("t.toml", &text).unwrap();
        let keep = KeepList::parse(
            "keep.txt",
            "# comment\n\nThe advertisement campaign was pulled after complaints.\nCookies and biscuits.\n",
        );
        let found = test(&set, &[keep]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].lint, Lint::KeepRemoved);
        assert!(
            found[0]
                .to_string()
                .starts_with("keep.txt:3:1: article sentence")
        );
    }

    #[test]
    fn test_cleans_examples_in_a_document() {
        // A cut-tail example at the end of prose is cut; a fragment example
        // that leaves words behind is removed as a span.
        let text = format!(
            "{}{}",
            rule(
                "advert.a",
                "cut-tail",
                "[\"Sponsored stories\"]",
                "examples = [\"Sponsored stories\"]"
            ),
            rule(
                "advert.b",
                "fragment",
                "[\"Anzeige\"]",
                "max-words = 5\nexamples = [\"Anzeige\"]"
            ),
        );
        let set = RuleSet::from_toml("t.toml", &text).unwrap();
        assert_eq!(test(&set, &[]), vec![]);
    }

    #[test]
    fn the_default_keep_lists_load() {
        for list in KeepList::defaults() {
            assert!(list.name().starts_with("<default>/keep/"));
            assert!(!list.sentences().is_empty(), "{}", list.name());
        }
    }
}
