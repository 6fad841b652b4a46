//! Rule files: reading TOML rule lists into a validated [`RuleSet`].
//!
//! This module owns the rule-file format (see `rules/README.md`) and every
//! check that can be made without compiling the rules: unknown fields,
//! duplicate ids, empty patterns, invalid regexes, includes that find
//! nothing. Each error carries the `path:line:col` of what caused it.
//! Compiling the rules into automata is `matcher.rs`'s job; finding what
//! an include names is `include.rs`'s.

mod include;

pub(crate) use include::files_below;

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

/// A rule switched off on some sites: an `[[exception]]` table.
///
/// Exceptions let a list keep a generic rule for the whole web and turn it
/// off where it does harm, as ad-block lists' `@@` rules do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    rules: Vec<String>,
    rule_origins: Vec<Origin>,
    sites: Vec<String>,
    why: String,
    origin: Origin,
}

impl Exception {
    /// The rule ids switched off; an id ending in `*` names every rule
    /// whose id starts with what comes before it (`footer.*`).
    pub fn rules(&self) -> &[String] {
        &self.rules
    }

    /// Where each of [`Exception::rules`] was written.
    pub fn rule_origins(&self) -> &[Origin] {
        &self.rule_origins
    }

    /// The domains (with their subdomains) where the rules are off.
    pub fn sites(&self) -> &[String] {
        &self.sites
    }

    /// Why the exception exists.
    pub fn why(&self) -> &str {
        &self.why
    }

    /// Where the exception was written.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// Whether `id` is one of the rules this exception switches off.
    pub fn names(&self, id: &str) -> bool {
        self.rules.iter().any(|want| id_matches(want, id))
    }
}

/// Whether the exception or `disable` entry `want` names rule `id`.
fn id_matches(want: &str, id: &str) -> bool {
    match want.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => want == id,
    }
}

/// A validated list of rules, ready to be compiled by a
/// [`Cleaner`](crate::Cleaner).
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    exceptions: Vec<Exception>,
    /// Ids this set overrides or disables: [`RuleSet::extend`] takes rules
    /// with these ids out of the set it extends.
    replaced: Vec<Arc<str>>,
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
            let file = RuleSet::from_toml(&format!("{DEFAULT_PREFIX}/{path}"), text)
                .unwrap_or_else(|e| panic!("built-in rule file is invalid: {e}"));
            set.extend(file)
                .unwrap_or_else(|e| panic!("built-in rule files clash: {e}"));
        }
        set
    }

    /// The built-in rule files: their names (`<default>/en/paywall.toml`)
    /// and texts.
    pub fn default_files() -> impl Iterator<Item = (String, &'static str)> {
        DEFAULT_RULE_FILES
            .iter()
            .map(|(path, text)| (format!("{DEFAULT_PREFIX}/{path}"), *text))
    }

    /// Reads one rule file, and the files it includes.
    ///
    /// # Errors
    ///
    /// A [`RuleError`] naming the file (and line and column where there is
    /// one) when the file cannot be read or is not a valid rule file.
    pub fn from_path(path: &Path) -> Result<RuleSet, RuleError> {
        let name = path.display().to_string();
        let text = read_rule_file(path, &name)?;
        Loader::default().load(&name, &text)
    }

    /// Parses rule-file text; `name` is used in errors and origins, and
    /// relative includes are found next to it.
    ///
    /// # Errors
    ///
    /// A [`RuleError`] with the `name:line:col` of the first problem.
    pub fn from_toml(name: &str, text: &str) -> Result<RuleSet, RuleError> {
        Loader::default().load(name, text)
    }

    /// Adds the rules and exceptions of `other` after these. Rules that
    /// `other` overrides or disables are taken out first; a rule both sets
    /// hold because both include the same file is kept once.
    ///
    /// # Errors
    ///
    /// [`RuleErrorKind::DuplicateId`] at the later rule when two different
    /// rules share an id.
    pub fn extend(&mut self, other: RuleSet) -> Result<(), RuleError> {
        let mut first = None;
        self.merge(other, |e| {
            first.get_or_insert(e);
        });
        first.map_or(Ok(()), Err)
    }

    /// [`RuleSet::extend`] that reports every duplicate id to
    /// `on_duplicate`, leaves the later rule out and goes on.
    pub(crate) fn merge(&mut self, other: RuleSet, mut on_duplicate: impl FnMut(RuleError)) {
        if !other.replaced.is_empty() {
            self.rules.retain(|r| !other.replaced.contains(&r.id));
        }
        for rule in other.rules {
            match self.rules.iter().find(|r| r.id == rule.id) {
                Some(first) if first.origin == rule.origin => {}
                Some(first) => on_duplicate(RuleError::at_origin(
                    &rule.origin,
                    RuleErrorKind::DuplicateId {
                        id: rule.id.to_string(),
                        first: first.origin.to_string(),
                    },
                )),
                None => self.rules.push(rule),
            }
        }
        for exception in other.exceptions {
            if !self.exceptions.iter().any(|e| e.origin == exception.origin) {
                self.exceptions.push(exception);
            }
        }
        for id in other.replaced {
            if !self.replaced.contains(&id) {
                self.replaced.push(id);
            }
        }
    }

    /// The rules, in the order they were read.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The exceptions: rules switched off on some sites.
    pub fn exceptions(&self) -> &[Exception] {
        &self.exceptions
    }

    /// The rules with the exceptions applied: each rule an exception names
    /// is excluded from the exception's sites.
    ///
    /// # Errors
    ///
    /// [`RuleErrorKind::UnknownExceptionRule`] where an exception names a
    /// rule that is not in the set.
    pub(crate) fn resolved_rules(&self) -> Result<Vec<Rule>, RuleError> {
        let mut rules = self.rules.clone();
        for exception in &self.exceptions {
            for (want, origin) in exception.rules.iter().zip(&exception.rule_origins) {
                let mut named = false;
                for rule in rules.iter_mut().filter(|r| id_matches(want, &r.id)) {
                    named = true;
                    rule.sites.extend(exception.sites.iter().map(|domain| Site {
                        domain: domain.clone(),
                        excluded: true,
                    }));
                }
                if !named {
                    return Err(RuleError::at_origin(
                        origin,
                        RuleErrorKind::UnknownExceptionRule(want.clone()),
                    ));
                }
            }
        }
        Ok(rules)
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

/// How built-in rule files are named in origins, errors and includes.
pub(crate) const DEFAULT_PREFIX: &str = "<default>";

fn read_rule_file(path: &Path, name: &str) -> Result<String, RuleError> {
    let bytes = std::fs::read(path)
        .map_err(|e| RuleError::without_location(name, RuleErrorKind::Read(e)))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        RuleError::at_offset(
            name,
            &String::from_utf8_lossy(e.as_bytes()),
            at,
            RuleErrorKind::NotUtf8,
        )
    })
}

/// What identifies a rule file in the include chain: its canonical path
/// when it is on disk, so that `a/../b.toml` and `b.toml` are one file.
fn chain_key(name: &str) -> String {
    std::fs::canonicalize(name).map_or_else(|_| name.to_string(), |p| p.display().to_string())
}

/// Reads a rule file and what it includes, remembering the chain of
/// includes so that a cycle is an error rather than a hang.
#[derive(Default)]
struct Loader {
    chain: Vec<String>,
}

impl Loader {
    fn load(&mut self, name: &str, text: &str) -> Result<RuleSet, RuleError> {
        let file: FileSpec = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            RuleError::at_offset(name, text, at, RuleErrorKind::Toml(e.message().to_string()))
        })?;
        let path: Arc<str> = Arc::from(name);
        let at = |offset: usize, kind| RuleError::at_offset(name, text, offset, kind);
        self.chain.push(chain_key(name));
        let mut set = RuleSet::new();
        for target in &file.include {
            let span = target.span().start;
            let sources =
                include::resolve(name, target.get_ref()).map_err(|kind| at(span, kind))?;
            for source in sources {
                if self.chain.contains(&chain_key(&source.name)) {
                    return Err(at(span, RuleErrorKind::IncludeCycle(source.name)));
                }
                set.extend(self.load(&source.name, &source.text)?)?;
            }
        }
        for id in &file.disable {
            let want = id.get_ref();
            if !set.rules.iter().any(|r| id_matches(want, &r.id)) {
                return Err(at(
                    id.span().start,
                    RuleErrorKind::UnknownDisable(want.clone()),
                ));
            }
            let gone: Vec<Arc<str>> = set
                .rules
                .iter()
                .filter(|r| id_matches(want, &r.id))
                .map(|r| r.id.clone())
                .collect();
            set.rules.retain(|r| !id_matches(want, &r.id));
            set.replaced.extend(gone);
        }
        let list = file.list.unwrap_or_default();
        let mut own = RuleSet::new();
        for spec in file.rule {
            let rule = build_rule(&path, text, &list, spec)?;
            own.extend(RuleSet {
                rules: vec![rule],
                ..RuleSet::default()
            })?;
        }
        // A rule of this file with the id of an included rule overrides it.
        for rule in &own.rules {
            if set.rules.iter().any(|r| r.id == rule.id) {
                set.rules.retain(|r| r.id != rule.id);
                set.replaced.push(rule.id.clone());
            }
        }
        own.exceptions = file
            .exception
            .into_iter()
            .map(|spec| build_exception(&path, text, spec))
            .collect::<Result<_, _>>()?;
        set.extend(own)?;
        self.chain.pop();
        Ok(set)
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
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    list: Option<ListSpec>,
    #[serde(default)]
    rule: Vec<RuleSpec>,
    #[serde(default)]
    exception: Vec<ExceptionSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ExceptionSpec {
    rules: Spanned<Vec<Spanned<String>>>,
    sites: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    why: String,
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
    let sites = spec
        .sites
        .into_iter()
        .map(|site| parse_site(path, text, site))
        .collect::<Result<Vec<_>, _>>()?;
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

fn parse_site(path: &str, text: &str, site: Spanned<String>) -> Result<Site, RuleError> {
    let at = site.span().start;
    let raw = site.into_inner();
    let (excluded, domain) = match raw.strip_prefix('~') {
        Some(d) => (true, d),
        None => (false, raw.as_str()),
    };
    let domain = domain.trim().trim_start_matches("www.").to_lowercase();
    if domain.is_empty() || domain.contains(['/', ' ', ':', '~']) {
        return Err(RuleError::at_offset(
            path,
            text,
            at,
            RuleErrorKind::BadSite(raw),
        ));
    }
    Ok(Site { domain, excluded })
}

fn build_exception(
    path: &Arc<str>,
    text: &str,
    spec: ExceptionSpec,
) -> Result<Exception, RuleError> {
    let at = |offset: usize, kind| RuleError::at_offset(path, text, offset, kind);
    let rules_at = spec.rules.span().start;
    let sites_at = spec.sites.span().start;
    let (ids, sites) = (spec.rules.into_inner(), spec.sites.into_inner());
    if ids.is_empty() {
        return Err(at(rules_at, RuleErrorKind::EmptyException("rules")));
    }
    if sites.is_empty() {
        return Err(at(sites_at, RuleErrorKind::EmptyException("sites")));
    }
    let mut rules = Vec::with_capacity(ids.len());
    let mut rule_origins = Vec::with_capacity(ids.len());
    for id in ids {
        let offset = id.span().start;
        let id = id.into_inner();
        if !valid_id(id.strip_suffix('*').unwrap_or(&id)) {
            return Err(at(offset, RuleErrorKind::BadId(id)));
        }
        rule_origins.push(Origin::at(path, text, offset));
        rules.push(id);
    }
    let mut domains = Vec::with_capacity(sites.len());
    for site in sites {
        let offset = site.span().start;
        let site = parse_site(path, text, site)?;
        if site.excluded {
            return Err(at(
                offset,
                RuleErrorKind::ExcludedExceptionSite(site.domain),
            ));
        }
        domains.push(site.domain);
    }
    Ok(Exception {
        rules,
        rule_origins,
        sites: domains,
        why: spec.why,
        origin: Origin::at(path, text, rules_at),
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
        Kind::Regex => {
            crate::matcher::check_regex(pattern).map_err(|e| RuleErrorKind::InvalidRegex {
                id: id.to_string(),
                source: Box::new(e),
            })
        }
        _ => {
            let normalized = normalize_pattern(pattern, kind.matches_whole_line());
            if normalized.chars().all(|c| matches!(c, '*' | '#' | ' ')) {
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
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
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
        for pattern in ["*", " - ", "", "# *"] {
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

    /// A rule file that includes the defaults, overrides one rule and
    /// disables another.
    const LAYER: &str = r#"
include = ["default"]
disable = ["navigation.back-to-top"]

[[rule]]
id = "navigation.skip-link"
category = "navigation"
kind = "cut-head"
patterns = ["Skip to the good part"]
"#;

    #[test]
    fn an_include_pulls_in_defaults_and_a_file_overrides_and_disables() {
        let layer = RuleSet::from_toml("layer.toml", LAYER).unwrap();
        let defaults = RuleSet::default_rules();
        assert_eq!(layer.len(), defaults.len() - 1);
        let skip = layer
            .rules()
            .iter()
            .find(|r| r.id() == "navigation.skip-link")
            .unwrap();
        assert_eq!(skip.origin().path.as_ref(), "layer.toml");
        assert!(
            !layer
                .rules()
                .iter()
                .any(|r| r.id() == "navigation.back-to-top")
        );
        // Layered over the defaults (as the CLI does), the result is the same.
        let mut both = RuleSet::default_rules();
        both.extend(layer).unwrap();
        assert_eq!(both.len(), defaults.len() - 1);
        let skip = both
            .rules()
            .iter()
            .find(|r| r.id() == "navigation.skip-link")
            .unwrap();
        assert_eq!(skip.patterns(), ["Skip to the good part"]);
    }

    #[test]
    fn include_errors_point_at_the_include() {
        let err = RuleSet::from_toml("i.toml", "include = [\"<default>/xx\"]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("i.toml:1:12: include `<default>/xx` names no rule file"),
            "{err}"
        );
        let err = RuleSet::from_toml("d.toml", "include = [\"default\"]\ndisable = [\"x.y\"]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("d.toml:2:12: `disable` names rule `x.y`"),
            "{err}"
        );
    }

    #[test]
    fn included_files_are_found_next_to_the_includer_and_cycles_stop() {
        let dir = std::env::temp_dir().join(format!("boilerstrip-include-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("lists")).unwrap();
        std::fs::write(dir.join("lists/a.toml"), GOOD).unwrap();
        std::fs::write(dir.join("main.toml"), "include = [\"lists/*.toml\"]\n").unwrap();
        let set = RuleSet::from_path(&dir.join("main.toml")).unwrap();
        assert_eq!(set.rules()[0].id(), "paywall.articles-read");
        assert!(set.rules()[0].origin().path.ends_with("a.toml"));
        std::fs::write(dir.join("lists/a.toml"), "include = [\"../main.toml\"]\n").unwrap();
        let err = RuleSet::from_path(&dir.join("main.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("a.toml:1:12: include") && err.contains("already being read"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    const EXCEPTION: &str = r#"
[[exception]]
rules = ["paywall.articles-read"]
sites = ["example.org"]
why = "The site prints the counter as part of its own reporting."
"#;

    #[test]
    fn an_exception_switches_a_rule_off_for_one_site() {
        let set = RuleSet::from_toml("x.toml", &format!("{GOOD}{EXCEPTION}")).unwrap();
        let rules = set.resolved_rules().unwrap();
        assert!(rules[0].applies_to_host(None));
        assert!(rules[0].applies_to_host(Some("example.com")));
        assert!(!rules[0].applies_to_host(Some("news.example.org")));
        let orphan = RuleSet::from_toml("o.toml", EXCEPTION).unwrap();
        let err = orphan.resolved_rules().unwrap_err().to_string();
        assert!(
            err.starts_with(
                "o.toml:3:10: exception names rule `paywall.articles-read`, which is not loaded"
            ),
            "{err}"
        );
        let bad = EXCEPTION.replace("\"example.org\"", "\"~example.org\"");
        let err = RuleSet::from_toml("b.toml", &bad).unwrap_err().to_string();
        assert!(
            err.starts_with("b.toml:4:10: exception site `~example.org`"),
            "{err}"
        );
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
