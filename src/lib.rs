//! boilerstrip removes boilerplate from web text: navigation and skip
//! links, breadcrumbs, adverts, paywall meters, donation and newsletter
//! appeals, share prompts, comment forms, cookie notices, footers, and the
//! headline or caption twice over. It keeps the article.
//!
//! A [`Cleaner`] is built once from a [`RuleSet`] (the built-in rules, rule
//! files, or both) and then cleans any number of documents, from any number
//! of threads:
//!
//! ```
//! use boilerstrip::{Cleaner, Document, RuleSet};
//!
//! let mut rules = RuleSet::default_rules();
//! rules.extend(RuleSet::from_toml("mine.toml", r#"
//!     [[rule]]
//!     id = "advert.our-sponsor"
//!     category = "advert"
//!     kind = "line"
//!     patterns = ["A word from our sponsor"]
//!     examples = ["A word from our sponsor:"]
//! "#)?)?;
//! let cleaner = Cleaner::new(&rules)?;
//!
//! let text = "A word from our sponsor:\nThe council met on Tuesday.\n";
//! let cleaned = cleaner.clean_document(&Document::new(text).with_url("https://example.com/a"));
//! assert_eq!(cleaned.text(), "The council met on Tuesday.\n");
//! let removal = &cleaned.removals()[0];
//! assert_eq!(removal.line, 1);
//! assert_eq!(removal.reason.rule().unwrap().id.as_ref(), "advert.our-sponsor");
//! # Ok::<(), boilerstrip::RuleError>(())
//! ```
//!
//! Cleaning is line based: stages mark lines (or spans inside lines) as
//! removed, each with a [`Reason`], and the kept text is assembled from what
//! is left without rewriting a word. The [`pipeline`] module cleans files
//! and directories in parallel.

#![warn(clippy::print_stdout, clippy::print_stderr)]

mod atomic;
mod clean;
mod compress;
mod document;
mod error;
pub mod eval;
mod fingerprint;
mod format;
mod hash;
pub mod jsonl;
mod language;
pub mod lint;
mod matcher;
mod normalize;
pub mod pipeline;
mod record;
mod report;
mod rules;
mod settings;
mod stage;
pub mod warc;

pub use clean::{Cleaned, Cleaner, Document, Reason, Removal, RuleRef};
pub use error::{Error, RuleError, RuleErrorKind};
pub use language::{Language, detect as detect_language};
pub use report::Stats;
pub use rules::{Category, Exception, Kind, Origin, Rule, RuleSet, Site};
pub use settings::{Preset, Settings, SettingsError};

/// The README's Rust examples, run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
