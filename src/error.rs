//! Error types of the library: [`RuleError`] for rule files, [`Error`] for
//! everything that touches inputs and outputs.
//!
//! A `Display` says what went wrong at this layer and stops before the
//! cause; `source()` gives the cause, so a caller printing the chain (as the
//! binary does) shows each part once.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::rules::{Origin, line_col};

/// A rule file that cannot be used, with where the problem is.
#[derive(Debug)]
pub struct RuleError {
    path: String,
    location: Option<(usize, usize)>,
    kind: RuleErrorKind,
}

/// What is wrong with a rule file.
#[derive(Debug)]
#[non_exhaustive]
pub enum RuleErrorKind {
    /// The file could not be read.
    Read(io::Error),
    /// The file is not UTF-8.
    NotUtf8,
    /// The file is not valid TOML, or has fields a rule file does not have.
    Toml(String),
    /// An id that is not `category.kebab-name`.
    BadId(String),
    /// Two rules share an id.
    DuplicateId {
        /// The id used twice.
        id: String,
        /// Where it was first used.
        first: String,
    },
    /// A rule with neither its own category nor a list default.
    NoCategory(String),
    /// A rule with no patterns.
    NoPatterns(String),
    /// A pattern that is empty once normalised, so it would match every line.
    EmptyPattern {
        /// The rule's id.
        id: String,
        /// The pattern as written.
        pattern: String,
    },
    /// A `*` in a `contains` or `fragment` pattern, which are literal.
    WildcardInLiteral {
        /// The rule's id.
        id: String,
    },
    /// A regex that does not compile.
    InvalidRegex {
        /// The rule's id.
        id: String,
        /// Why it does not compile.
        source: Box<regex::Error>,
    },
    /// A site that is not a domain.
    BadSite(String),
    /// An `include` that names no rule file.
    IncludeNotFound(String),
    /// An included file that could not be read.
    IncludeRead {
        /// The file.
        target: String,
        /// Why.
        source: io::Error,
    },
    /// A file that includes itself, directly or through others.
    IncludeCycle(String),
    /// A `disable` entry that names no included rule.
    UnknownDisable(String),
    /// An exception without rules or without sites (which field).
    EmptyException(&'static str),
    /// A `~site` in an exception, whose sites are where rules are off.
    ExcludedExceptionSite(String),
    /// An exception that names a rule that is not loaded.
    UnknownExceptionRule(String),
}

impl RuleError {
    pub(crate) fn without_location(path: &str, kind: RuleErrorKind) -> RuleError {
        RuleError {
            path: path.to_string(),
            location: None,
            kind,
        }
    }

    pub(crate) fn at_offset(path: &str, text: &str, at: usize, kind: RuleErrorKind) -> RuleError {
        RuleError {
            path: path.to_string(),
            location: Some(line_col(text, at)),
            kind,
        }
    }

    pub(crate) fn at_origin(origin: &Origin, kind: RuleErrorKind) -> RuleError {
        RuleError {
            path: origin.path.to_string(),
            location: Some((origin.line, origin.column)),
            kind,
        }
    }

    /// The rule file's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// 1-based line and column of the problem, when it has one.
    pub fn location(&self) -> Option<(usize, usize)> {
        self.location
    }

    /// What is wrong.
    pub fn kind(&self) -> &RuleErrorKind {
        &self.kind
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path, self.kind),
            None => write!(f, "{}: {}", self.path, self.kind),
        }
    }
}

/// What is wrong, without where: the message after `path:line:col: `.
impl fmt::Display for RuleErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleErrorKind::Read(_) => f.write_str("could not read rule file"),
            RuleErrorKind::NotUtf8 => f.write_str("rule file is not UTF-8; save it as UTF-8"),
            RuleErrorKind::Toml(msg) => f.write_str(msg.trim_end()),
            RuleErrorKind::BadId(id) => {
                write!(
                    f,
                    "rule id `{id}` must be `category.kebab-name` (lowercase letters, digits, `-`, `.`)"
                )
            }
            RuleErrorKind::DuplicateId { id, first } => {
                write!(f, "duplicate rule id `{id}` (first used at {first})")
            }
            RuleErrorKind::NoCategory(id) => write!(
                f,
                "rule `{id}` has no category; give it `category = ...` or the file a `[list]` category"
            ),
            RuleErrorKind::NoPatterns(id) => {
                write!(f, "rule `{id}` has no patterns; add `patterns = [...]`")
            }
            RuleErrorKind::EmptyPattern { id, pattern } => write!(
                f,
                "rule `{id}`: pattern `{pattern}` matches every line once normalised; give it some words"
            ),
            RuleErrorKind::WildcardInLiteral { id } => write!(
                f,
                "rule `{id}`: `*` is a wildcard only in line and cut rules; use a regex rule for a pattern"
            ),
            RuleErrorKind::InvalidRegex { id, .. } => write!(
                f,
                "rule `{id}`: invalid regex (it is matched against the normalised, lowercased line)"
            ),
            RuleErrorKind::IncludeNotFound(target) => write!(
                f,
                "include `{target}` names no rule file; write `default`, `<default>/LANG`, `<default>/LANG/FILE.toml` or a path relative to this file"
            ),
            RuleErrorKind::IncludeRead { target, .. } => {
                write!(f, "could not read included rule file `{target}`")
            }
            RuleErrorKind::IncludeCycle(target) => write!(
                f,
                "include `{target}` is already being read (the files include each other); remove one include"
            ),
            RuleErrorKind::UnknownDisable(id) => write!(
                f,
                "`disable` names rule `{id}`, which no included file has; check the id or add an include"
            ),
            RuleErrorKind::EmptyException(field) => {
                write!(f, "exception has no {field}; list at least one")
            }
            RuleErrorKind::ExcludedExceptionSite(site) => write!(
                f,
                "exception site `~{site}`: an exception's sites are where its rules are off; write `{site}`"
            ),
            RuleErrorKind::UnknownExceptionRule(id) => write!(
                f,
                "exception names rule `{id}`, which is not loaded; check the id, or include the file that has it"
            ),
            RuleErrorKind::BadSite(site) => {
                write!(
                    f,
                    "site `{site}` is not a domain; write `example.com` or `~example.com`"
                )
            }
        }
    }
}

impl std::error::Error for RuleError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.kind.source()
    }
}

impl std::error::Error for RuleErrorKind {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RuleErrorKind::Read(e) | RuleErrorKind::IncludeRead { source: e, .. } => Some(e),
            RuleErrorKind::InvalidRegex { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

/// An input or output that could not be handled.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A rule file is unusable.
    Rule(RuleError),
    /// Reading an input failed.
    Read {
        /// The input.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Writing an output failed.
    Write {
        /// The output.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The input looks like a binary file, not text.
    Binary {
        /// The input.
        path: PathBuf,
    },
    /// The output would be written inside the input tree or over an input.
    OutputInInput {
        /// The output directory.
        output: PathBuf,
        /// The input it clashes with.
        input: PathBuf,
    },
    /// A record of a JSONL or WARC input that cannot be cleaned.
    BadRecord {
        /// The input.
        path: PathBuf,
        /// 1-based line where the record starts.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An input that stops being readable part way (a truncated gzip file,
    /// a WARC stream that turns to garbage); what came before was cleaned.
    Truncated {
        /// The input.
        path: PathBuf,
        /// 1-based line (of the decompressed input) where reading stopped.
        line: usize,
        /// Why.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// An input that cannot be cleaned in place because its output has
    /// another format (WARC input becomes JSONL).
    NotInPlace {
        /// The input.
        path: PathBuf,
    },
    /// Cleaning the document panicked: a bug in boilerstrip.
    Panic {
        /// The input.
        path: PathBuf,
        /// What the panic said.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Rule(e) => e.fmt(f),
            Error::Read { path, .. } => write!(f, "{}: could not read input", path.display()),
            Error::Write { path, .. } => write!(f, "{}: could not write output", path.display()),
            Error::Binary { path } => write!(
                f,
                "{}: looks like a binary file (it has NUL bytes), not text; skipped",
                path.display()
            ),
            Error::OutputInInput { output, input } => write!(
                f,
                "output directory `{}` is inside or over input `{}`; choose an output outside the input",
                output.display(),
                input.display()
            ),
            Error::BadRecord {
                path,
                line,
                message,
            } => write!(f, "{}:{line}: bad record: {message}", path.display()),
            Error::Truncated { path, line, .. } => write!(
                f,
                "{}:{line}: input stops being readable here; everything before was cleaned",
                path.display()
            ),
            Error::NotInPlace { path } => write!(
                f,
                "{}: WARC input cannot be cleaned in place (its output is JSONL); use `-o DIR`",
                path.display()
            ),
            Error::Panic { path, message } => write!(
                f,
                "{}: cleaning panicked (a bug in boilerstrip; please report it): {message}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Rule(e) => e.source(),
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            Error::Truncated { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

impl From<RuleError> for Error {
    fn from(e: RuleError) -> Error {
        Error::Rule(e)
    }
}
