//! Rule files: reading TOML rule lists into a validated [`RuleSet`].
//!
//! This module owns the rule-file format (see `rules/README.md`) and every
//! check that can be made without compiling the rules: unknown fields,
//! duplicate ids, empty patterns, invalid regexes. Each error carries the
//! `path:line:col` of what caused it. Compiling the rules into automata is
//! `matcher.rs`'s job.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{RuleError, RuleErrorKind};
use crate::normalize::normalize_pattern;

/// What a rule's patterns match, and what is removed when they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The whole normalised line equals the pattern (`*` is a wildcard);
    /// the line is removed.
    Line,
    /// The pattern occurs anywhere in the line, on word boundaries; the
    /// line is removed.
    Contains,
    /// The pattern occurs anywhere in the line, on word boundaries; only
    /// that span is removed (the line goes too if nothing else is left).
    Fragment,
    /// The regular expression matches the normalised line; the line is
    /// removed.
    Regex,
    /// A marker line (matched like [`Kind::Line`]) in the document's tail;
    /// it and everything after it are removed.
    CutTail,
    /// A marker line (matched like [`Kind::Line`]) in the document's head;
    /// it and everything before it are removed.
    CutHead,
}

impl Kind {
    /// The name used in rule files.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Line => "line",
            Kind::Contains => "contains",
            Kind::Fragment => "fragment",
            Kind::Regex => "regex",
            Kind::CutTail => "cut-tail",
            Kind::CutHead => "cut-head",
        }
    }

    /// Whether the patterns match a whole line (and so its key).
    pub(crate) fn matches_whole_line(self) -> bool {
        matches!(self, Kind::Line | Kind::CutTail | Kind::CutHead)
    }
}

/// What kind of boilerplate a rule removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Paywall and metering text.
    Paywall,
    /// Subscription and donation appeals.
    Appeal,
    /// Newsletter sign-ups.
    Newsletter,
    /// Navigation, menus and skip links.
    Navigation,
    /// Breadcrumb trails.
    Breadcrumb,
    /// Adverts and sponsored labels.
    Advert,
    /// Social share and follow prompts.
    Social,
    /// Comments, comment counts and comment forms.
    Comments,
    /// Cookie and consent notices.
    Cookies,
    /// Related, read-more and recommended lists.
    Related,
    /// Reading time, dates and other post metadata.
    Metadata,
    /// Image credits, captions' furniture and file names.
    Image,
    /// Footers: copyright, imprint, privacy and terms links.
    Footer,
    /// Login and account prompts.
    Account,
    /// App-download prompts.
    App,
    /// Print, e-mail and share tool rows.
    Tools,
}

impl Category {
    /// Every category, in order.
    pub const ALL: [Category; 16] = [
        Category::Paywall,
        Category::Appeal,
        Category::Newsletter,
        Category::Navigation,
        Category::Breadcrumb,
        Category::Advert,
        Category::Social,
        Category::Comments,
        Category::Cookies,
        Category::Related,
        Category::Metadata,
        Category::Image,
        Category::Footer,
        Category::Account,
        Category::App,
        Category::Tools,
    ];

    /// The name used in rule files.
    pub fn name(self) -> &'static str {
        match self {
            Category::Paywall => "paywall",
            Category::Appeal => "appeal",
            Category::Newsletter => "newsletter",
            Category::Navigation => "navigation",
            Category::Breadcrumb => "breadcrumb",
            Category::Advert => "advert",
            Category::Social => "social",
            Category::Comments => "comments",
            Category::Cookies => "cookies",
            Category::Related => "related",
            Category::Metadata => "metadata",
            Category::Image => "image",
            Category::Footer => "footer",
            Category::Account => "account",
            Category::App => "app",
            Category::Tools => "tools",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where something was written: a file and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The rule file's path as given, or `<default>/...` for built-in rules.
    pub path: Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Origin {
    fn at(path: &Arc<str>, text: &str, offset: usize) -> Origin {
        let (line, column) = line_col(text, offset);
        Origin {
            path: path.clone(),
            line,
            column,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

/// One site a rule is scoped to, or excluded from (`~example.com`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The domain, lowercase; it covers its subdomains.
    pub domain: String,
    /// `true` for `~domain`: the rule does not act on this site.
    pub excluded: bool,
}

/// One validated rule.
#[derive(Debug, Clone)]
pub struct Rule {
    id: Arc<str>,
    kind: Kind,
    category: Category,
    patterns: Vec<String>,
    pattern_origins: Vec<Origin>,
    max_words: Option<usize>,
    sites: Vec<Site>,
    language: Option<String>,
    why: String,
    examples: Vec<String>,
    keep: Vec<String>,
    origin: Origin,
}

impl Rule {
    /// The stable id, `category.kebab-name`.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub(crate) fn id_arc(&self) -> &Arc<str> {
        &self.id
    }

    /// What the patterns match and what is removed.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// What kind of boilerplate this is.
    pub fn category(&self) -> Category {
        self.category
    }

    /// The patterns as written.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Where each pattern was written.
    pub fn pattern_origins(&self) -> &[Origin] {
        &self.pattern_origins
    }

    /// The rule acts only on lines of at most this many words.
    pub fn max_words(&self) -> Option<usize> {
        self.max_words
    }

    /// The sites the rule is scoped to or excluded from; empty for a
    /// generic rule.
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }

    /// The language of the text the rule is written for, if any.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    /// Why the rule exists.
    pub fn why(&self) -> &str {
        &self.why
    }

    /// Lines the rule must remove.
    pub fn examples(&self) -> &[String] {
        &self.examples
    }

    /// Near misses the rule must leave alone.
    pub fn keep(&self) -> &[String] {
        &self.keep
    }

    /// Where the rule was written.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// Whether the rule acts on a document from `host` (lowercase, no
    /// port). Scoped rules never act when the host is unknown.
    pub fn applies_to_host(&self, host: Option<&str>) -> bool {
        if self.sites.is_empty() {
            return true;
        }
        let Some(host) = host else {
            return !self.sites.iter().any(|s| !s.excluded);
        };
        let covers = |d: &str| {
            host == d
                || (host.len() > d.len()
                    && host.ends_with(d)
                    && host.as_bytes()[host.len() - d.len() - 1] == b'.')
        };
        if self.sites.iter().any(|s| s.excluded && covers(&s.domain)) {
            return false;
        }
        let included: Vec<_> = self.sites.iter().filter(|s| !s.excluded).collect();
        included.is_empty() || included.iter().any(|s| covers(&s.domain))
    }
}

/// A validated list of rules, ready to be compiled by a
/// [`Cleaner`](crate::Cleaner).
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// An empty rule set.
    pub fn new() -> RuleSet {
        RuleSet::default()
    }

    /// The default rules shipped in `rules/` and embedded in the binary.
    pub fn default_rules() -> RuleSet {
        let mut set = RuleSet::new();
        for (path, text) in DEFAULT_RULE_FILES {
            let file = RuleSet::from_toml(&format!("<default>/{path}"), text)
                .unwrap_or_else(|e| panic!("built-in rule file is invalid: {e}"));
            set.extend(file)
                .unwrap_or_else(|e| panic!("built-in rule files clash: {e}"));
        }
        set
    }

    /// Reads one rule file.
    ///
    /// # Errors
    ///
    /// A [`RuleError`] naming the file (and line and column where there is
    /// one) when the file cannot be read or is not a valid rule file.
    pub fn from_path(path: &Path) -> Result<RuleSet, RuleError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path)
            .map_err(|e| RuleError::without_location(&name, RuleErrorKind::Read(e)))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            RuleError::at_offset(
                &name,
                &String::from_utf8_lossy(e.as_bytes()),
                at,
                RuleErrorKind::NotUtf8,
            )
        })?;
        RuleSet::from_toml(&name, &text)
    }

    /// Parses rule-file text; `name` is used in errors and origins.
    ///
    /// # Errors
    ///
    /// A [`RuleError`] with the `name:line:col` of the first problem.
    pub fn from_toml(name: &str, text: &str) -> Result<RuleSet, RuleError> {
        let file: FileSpec = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            RuleError::at_offset(name, text, at, RuleErrorKind::Toml(e.message().to_string()))
        })?;
        let path: Arc<str> = Arc::from(name);
        let list = file.list.unwrap_or_default();
        let mut set = RuleSet::new();
        for spec in file.rule {
            let rule = build_rule(&path, text, &list, spec)?;
            set.extend(RuleSet { rules: vec![rule] })?;
        }
        Ok(set)
    }

    /// Adds the rules of `other` after these.
    ///
    /// # Errors
    ///
    /// [`RuleErrorKind::DuplicateId`] at the later rule when an id is used
    /// twice.
    pub fn extend(&mut self, other: RuleSet) -> Result<(), RuleError> {
        for rule in other.rules {
            if let Some(first) = self.rules.iter().find(|r| r.id == rule.id) {
                return Err(RuleError::at_origin(
                    &rule.origin,
                    RuleErrorKind::DuplicateId {
                        id: rule.id.to_string(),
                        first: first.origin.to_string(),
                    },
                ));
            }
            self.rules.push(rule);
        }
        Ok(())
    }

    /// The rules, in the order they were read.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

include!(concat!(env!("OUT_DIR"), "/default_rules.rs"));

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ListSpec {
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "the list's name documents the file; it is read so that a typo in it is an error"
    )]
    name: String,
    #[serde(default)]
    #[allow(dead_code, reason = "read for the same reason as `name`")]
    description: String,
    language: Option<String>,
    category: Option<Category>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileSpec {
    list: Option<ListSpec>,
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleSpec {
    id: Spanned<String>,
    kind: Kind,
    category: Option<Category>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    max_words: Option<usize>,
    #[serde(default)]
    sites: Vec<Spanned<String>>,
    language: Option<String>,
    #[serde(default)]
    why: String,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    keep: Vec<String>,
}

fn build_rule(
    path: &Arc<str>,
    text: &str,
    list: &ListSpec,
    spec: RuleSpec,
) -> Result<Rule, RuleError> {
    let id_span = spec.id.span();
    let at_id = |kind| RuleError::at_offset(path, text, id_span.start, kind);
    let id = spec.id.into_inner();
    if !valid_id(&id) {
        return Err(at_id(RuleErrorKind::BadId(id)));
    }
    let category = spec
        .category
        .or(list.category)
        .ok_or_else(|| at_id(RuleErrorKind::NoCategory(id.clone())))?;
    if spec.patterns.is_empty() {
        return Err(at_id(RuleErrorKind::NoPatterns(id)));
    }
    let mut patterns = Vec::with_capacity(spec.patterns.len());
    let mut pattern_origins = Vec::with_capacity(spec.patterns.len());
    for pattern in spec.patterns {
        let at = pattern.span().start;
        let pattern = pattern.into_inner();
        let err = |kind| RuleError::at_offset(path, text, at, kind);
        check_pattern(spec.kind, &id, &pattern).map_err(err)?;
        pattern_origins.push(Origin::at(path, text, at));
        patterns.push(pattern);
    }
    let mut sites = Vec::with_capacity(spec.sites.len());
    for site in spec.sites {
        let at = site.span().start;
        let raw = site.into_inner();
        let (excluded, domain) = match raw.strip_prefix('~') {
            Some(d) => (true, d),
            None => (false, raw.as_str()),
        };
        let domain = domain.trim().trim_start_matches("www.").to_lowercase();
        if domain.is_empty() || domain.contains(['/', ' ', ':']) {
            return Err(RuleError::at_offset(
                path,
                text,
                at,
                RuleErrorKind::BadSite(raw),
            ));
        }
        sites.push(Site { domain, excluded });
    }
    Ok(Rule {
        id: Arc::from(id),
        kind: spec.kind,
        category,
        patterns,
        pattern_origins,
        max_words: spec.max_words,
        sites,
        language: spec.language.or_else(|| list.language.clone()),
        why: spec.why,
        examples: spec.examples,
        keep: spec.keep,
        origin: Origin::at(path, text, id_span.start),
    })
}

/// Ids are `category.kebab-name`: lowercase ASCII, digits, `-` and `.`.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with(['.', '-'])
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}

fn check_pattern(kind: Kind, id: &str, pattern: &str) -> Result<(), RuleErrorKind> {
    match kind {
        Kind::Regex => crate::matcher::build_regex(pattern).map(drop).map_err(|e| {
            RuleErrorKind::InvalidRegex {
                id: id.to_string(),
                source: Box::new(e),
            }
        }),
        _ => {
            let normalized = normalize_pattern(pattern, kind.matches_whole_line());
            if normalized.chars().all(|c| c == '*' || c == ' ') {
                Err(RuleErrorKind::EmptyPattern {
                    id: id.to_string(),
                    pattern: pattern.to_string(),
                })
            } else if !kind.matches_whole_line() && pattern.contains('*') {
                Err(RuleErrorKind::WildcardInLiteral { id: id.to_string() })
            } else {
                Ok(())
            }
        }
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
pub(crate) fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..at];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[list]
name = "test"
category = "paywall"

[[rule]]
id = "paywall.articles-read"
kind = "line"
patterns = ["You have read * articles this month"]
why = "Metering counter."
examples = ["You have read 3 articles this month."]
"#;

    #[test]
    fn a_good_file_loads() {
        let set = RuleSet::from_toml("good.toml", GOOD).unwrap();
        let rule = &set.rules()[0];
        assert_eq!(rule.id(), "paywall.articles-read");
        assert_eq!(rule.category(), Category::Paywall);
        assert_eq!(rule.kind(), Kind::Line);
        assert_eq!(rule.origin().to_string(), "good.toml:7");
    }

    #[test]
    fn unknown_field_is_an_error_with_location() {
        let text = GOOD.replace("why =", "wy =");
        let err = RuleSet::from_toml("bad.toml", &text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("bad.toml:10:1: "), "{err}");
        assert!(err.contains("unknown field `wy`"), "{err}");
    }

    #[test]
    fn bad_regex_points_at_pattern() {
        let text = GOOD
            .replace("kind = \"line\"", "kind = \"regex\"")
            .replace("You have read *", "(he.*");
        let err = RuleSet::from_toml("re.toml", &text).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("re.toml:9:13: rule `paywall.articles-read`: invalid regex"),
            "{err}"
        );
        assert!(std::error::Error::source(&err).is_some());
    }

    #[test]
    fn duplicate_id_is_an_error_at_the_second() {
        let text = format!(
            "{GOOD}\n[[rule]]\nid = \"paywall.articles-read\"\nkind = \"line\"\npatterns = [\"x y z\"]\n"
        );
        let err = RuleSet::from_toml("dup.toml", &text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("dup.toml:14:6: "), "{err}");
        assert!(
            err.contains("duplicate rule id `paywall.articles-read`"),
            "{err}"
        );
    }

    #[test]
    fn a_rule_needs_patterns_and_a_category() {
        let text = "[[rule]]\nid = \"a.b\"\nkind = \"line\"\npatterns = [\"x\"]\n";
        let err = RuleSet::from_toml("c.toml", text).unwrap_err().to_string();
        assert!(err.contains("no category"), "{err}");
        let text = "[[rule]]\nid = \"a.b\"\nkind = \"line\"\ncategory = \"advert\"\n";
        let err = RuleSet::from_toml("p.toml", text).unwrap_err().to_string();
        assert!(
            err.starts_with("p.toml:2:6: ") && err.contains("no patterns"),
            "{err}"
        );
    }

    #[test]
    fn empty_and_star_only_patterns_are_errors() {
        for pattern in ["*", " - ", ""] {
            let text = format!(
                "[[rule]]\nid = \"a.b\"\nkind = \"line\"\ncategory = \"advert\"\npatterns = [\"{pattern}\"]\n"
            );
            let err = RuleSet::from_toml("e.toml", &text).unwrap_err().to_string();
            assert!(err.contains("matches every line"), "{pattern:?}: {err}");
        }
    }

    #[test]
    fn unknown_kind_and_category_are_errors() {
        let text = GOOD.replace("kind = \"line\"", "kind = \"lines\"");
        let err = RuleSet::from_toml("k.toml", &text).unwrap_err().to_string();
        assert!(
            err.starts_with("k.toml:8:8: ") && err.contains("unknown variant `lines`"),
            "{err}"
        );
        let text = GOOD.replace("category = \"paywall\"", "category = \"paywal\"");
        let err = RuleSet::from_toml("c.toml", &text).unwrap_err().to_string();
        assert!(err.starts_with("c.toml:4:12: "), "{err}");
    }

    #[test]
    fn site_scope_covers_subdomains_and_exclusions() {
        let text = GOOD.replace(
            "why =",
            "sites = [\"example.com\", \"~news.example.com\"]\nwhy =",
        );
        let set = RuleSet::from_toml("s.toml", &text).unwrap();
        let rule = &set.rules()[0];
        assert!(rule.applies_to_host(Some("example.com")));
        assert!(rule.applies_to_host(Some("www.example.com")));
        assert!(!rule.applies_to_host(Some("news.example.com")));
        assert!(!rule.applies_to_host(Some("badexample.com")));
        assert!(!rule.applies_to_host(None));
        let generic = &RuleSet::from_toml("g.toml", GOOD).unwrap().rules()[0].clone();
        assert!(generic.applies_to_host(None));
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\nçd", 5), (2, 2));
        assert_eq!(line_col("", 0), (1, 1));
    }

    #[test]
    fn default_rules_load() {
        assert!(!RuleSet::default_rules().is_empty());
    }
}
