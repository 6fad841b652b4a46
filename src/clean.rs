//! The pure core: a [`Cleaner`] takes a document's text and returns the kept
//! text with every removal and its reason. No I/O, no threads.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::document::Page;
use crate::error::RuleError;
use crate::language;
use crate::matcher::{Matcher, Scope};
use crate::normalize::Normalized;
use crate::rules::{Category, Origin, Rule, RuleSet};
use crate::settings::Settings;
use crate::stage;

/// Removes boilerplate from web text.
///
/// Built once from a [`RuleSet`]; cheap to clone (an `Arc` inside) and
/// `Send + Sync`, so one cleaner serves every thread.
///
/// ```
/// use boilerstrip::{Cleaner, RuleSet};
///
/// let cleaner = Cleaner::new(&RuleSet::default_rules()).unwrap();
/// let page = "Skip to content\n\
///             A Headline\n\
///             The article's only paragraph says what happened, and why.\n\
///             Leave a Reply\n\
///             Your email address will not be published.\n";
/// let cleaned = cleaner.clean(page);
/// assert_eq!(
///     cleaned.text(),
///     "A Headline\nThe article's only paragraph says what happened, and why.\n"
/// );
/// assert_eq!(cleaned.removals().len(), 3);
/// ```
#[derive(Clone, Debug)]
pub struct Cleaner {
    matcher: Matcher,
    settings: Arc<Settings>,
}

impl Cleaner {
    /// Compiles `rules` into a cleaner.
    ///
    /// # Errors
    ///
    /// A [`RuleError`] when the rules, taken together, cannot be compiled.
    pub fn new(rules: &RuleSet) -> Result<Cleaner, RuleError> {
        Cleaner::with_settings(rules, Settings::default())
    }

    /// Compiles `rules` into a cleaner that runs its other stages as
    /// `settings` say.
    ///
    /// # Errors
    ///
    /// A [`RuleError`] when the rules, taken together, cannot be compiled.
    pub fn with_settings(rules: &RuleSet, settings: Settings) -> Result<Cleaner, RuleError> {
        Ok(Cleaner {
            matcher: Matcher::new(rules)?,
            settings: Arc::new(settings),
        })
    }

    /// The settings of the rule-free stages.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The rules this cleaner was built from.
    pub fn rules(&self) -> &[Rule] {
        self.matcher.rules()
    }

    /// A fingerprint of the rules and settings, `fnv1a64:` and 16 hex
    /// digits: equal for cleaners that match alike, whatever the rules'
    /// prose and file paths.
    pub fn fingerprint(&self) -> String {
        crate::fingerprint::of(self.rules(), &self.settings)
    }

    /// The rules that act on `line`, as a whole or in part, in a document
    /// from `host` (`None`: unknown). For testing rules: cleaning a
    /// document also weighs where cut markers stand.
    pub fn matching_rules(&self, line: &str, host: Option<&str>) -> Vec<&Rule> {
        let rules = self.matcher.rules();
        self.matcher
            .rules_matching(line, host)
            .into_iter()
            .map(|i| &rules[i as usize])
            .collect()
    }

    /// Cleans a document of which only the text is known.
    pub fn clean(&self, text: &str) -> Cleaned {
        self.clean_document(&Document::new(text))
    }

    /// Cleans a document; its URL lets site-scoped rules act.
    pub fn clean_document(&self, doc: &Document<'_>) -> Cleaned {
        let host = doc.url.and_then(host_of);
        let detected = match doc.language {
            None if self.settings.heuristics && self.settings.detect_language => {
                language::detect_code(doc.text)
            }
            _ => None,
        };
        let language = doc.language.or(detected);
        // A detected language does not narrow the rules: pages mix
        // languages (English share bars on German articles), and measured on
        // the corpora, narrowing only switched the right rules off.
        let scope = Scope {
            host: host.as_deref(),
            language: doc.language,
        };
        let mut norm = Normalized::default();
        let mut rule_stage = stage::rules::RuleStage::new(&self.matcher, scope);
        let mut page = Page::new(doc.text, &mut norm, |i, start, line, n| {
            rule_stage.scan_line(i, start, line, n);
        });
        rule_stage.apply(&mut page);
        if self.settings.heuristics {
            stage::heuristics::apply(&mut page, &self.settings, language);
        }
        stage::duplicates::apply(&mut page);
        let (text, removals) = page.assemble();
        Cleaned {
            text,
            removals,
            language: language.map(str::to_string),
        }
    }
}

/// A document to clean: its text and what is known about it.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    text: &'a str,
    url: Option<&'a str>,
    language: Option<&'a str>,
}

impl<'a> Document<'a> {
    /// A document of which only the text is known.
    pub fn new(text: &'a str) -> Document<'a> {
        Document {
            text,
            url: None,
            language: None,
        }
    }

    /// Sets the URL the text came from, so that site-scoped rules act.
    pub fn with_url(mut self, url: &'a str) -> Document<'a> {
        self.url = Some(url);
        self
    }

    /// Sets the document's language (an ISO 639-1 code such as `en`), so
    /// that only rules for that language, and rules for any, act.
    pub fn with_language(mut self, language: &'a str) -> Document<'a> {
        self.language = Some(language);
        self
    }
}

/// The host of a URL, lowercase, without `www.` and port.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.trim_start_matches("www.").to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// The result of cleaning one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    text: String,
    removals: Vec<Removal>,
    language: Option<String>,
}

impl Cleaned {
    /// The kept text: kept lines in order, blank-line runs collapsed to one,
    /// trailing whitespace trimmed, each line ending in `\n`. Empty when
    /// nothing was kept.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Takes the kept text.
    pub fn into_text(self) -> String {
        self.text
    }

    /// What was removed, in document order.
    pub fn removals(&self) -> &[Removal] {
        &self.removals
    }

    /// The document's language (ISO 639-1): as the document said, or as
    /// detected; `None` when unknown.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }
}

/// One removed line, or span inside a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// Byte range in the input text (a whole line excludes its line break).
    pub range: Range<usize>,
    /// 1-based line number in the input.
    pub line: usize,
    /// Whether the whole line went, or only `range` inside it.
    pub whole_line: bool,
    /// Why.
    pub reason: Reason,
}

/// A rule, as a removal names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRef {
    /// The rule's id.
    pub id: Arc<str>,
    /// The rule's category.
    pub category: Category,
    /// Where the rule is written.
    pub origin: Origin,
}

impl RuleRef {
    pub(crate) fn of(rule: &Rule) -> RuleRef {
        RuleRef {
            id: rule.id_arc().clone(),
            category: rule.category(),
            origin: rule.origin().clone(),
        }
    }
}

/// Why something was removed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// A rule matched this line or span.
    Rule(RuleRef),
    /// A `cut-tail` marker on an earlier line removed everything from it on.
    AfterMarker {
        /// The marker's rule.
        rule: RuleRef,
        /// 1-based line of the marker.
        marker_line: usize,
    },
    /// A `cut-head` marker on a later line removed everything up to it.
    BeforeMarker {
        /// The marker's rule.
        rule: RuleRef,
        /// 1-based line of the marker.
        marker_line: usize,
    },
    /// The line repeats an earlier one (a headline or caption twice over).
    Duplicate {
        /// 1-based line of the kept occurrence.
        first_line: usize,
    },
    /// A rule-free heuristic.
    Heuristic {
        /// The heuristic's name.
        name: &'static str,
        /// The feature values that decided it.
        detail: String,
    },
}

impl Reason {
    /// The rule category, or the stage name for removals without a rule:
    /// what statistics group removals by.
    pub fn label(&self) -> &str {
        match self {
            Reason::Rule(r)
            | Reason::AfterMarker { rule: r, .. }
            | Reason::BeforeMarker { rule: r, .. } => r.category.name(),
            Reason::Duplicate { .. } => "duplicate",
            Reason::Heuristic { name, .. } => name,
        }
    }

    /// The rule behind the removal, if a rule made it.
    pub fn rule(&self) -> Option<&RuleRef> {
        match self {
            Reason::Rule(r)
            | Reason::AfterMarker { rule: r, .. }
            | Reason::BeforeMarker { rule: r, .. } => Some(r),
            _ => None,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Rule(r) => write!(f, "rule {} ({}, {})", r.id, r.category, r.origin),
            Reason::AfterMarker { rule, marker_line } => {
                write!(
                    f,
                    "after line {marker_line}: cut-tail rule {} ({}, {})",
                    rule.id, rule.category, rule.origin
                )
            }
            Reason::BeforeMarker { rule, marker_line } => {
                write!(
                    f,
                    "before line {marker_line}: cut-head rule {} ({}, {})",
                    rule.id, rule.category, rule.origin
                )
            }
            Reason::Duplicate { first_line } => write!(f, "duplicate of line {first_line}"),
            Reason::Heuristic { name, detail } if detail.is_empty() => {
                write!(f, "heuristic {name}")
            }
            Reason::Heuristic { name, detail } => write!(f, "heuristic {name} ({detail})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaner_is_send_sync_and_clone() {
        fn assert_all<T: Send + Sync + Clone + 'static>() {}
        assert_all::<Cleaner>();
    }

    #[test]
    fn host_of_urls() {
        assert_eq!(
            host_of("https://www.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host_of("http://user@news.example.org").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(host_of("example.net/path").as_deref(), Some("example.net"));
        assert_eq!(host_of("https:///x"), None);
    }
}
