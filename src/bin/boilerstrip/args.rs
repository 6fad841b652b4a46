//! Command-line arguments (clap derive) and their translation into what the
//! library needs. Nothing past this module sees clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Strip boilerplate (navigation, adverts, paywall and newsletter appeals,
/// comment forms, footers, repeated headlines) from web text, keeping the
/// article.
#[derive(Debug, Parser)]
#[command(name = "boilerstrip", version, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 every input cleaned; 1 some inputs failed (each named on \
stderr, the rest cleaned); 2 usage or rule-file error (nothing was read).";

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Clean files, directories or standard input.
    Clean(CleanArgs),
    /// Check or test rule files.
    #[command(subcommand)]
    Rules(RulesCommand),
}

const RULES_EXIT_CODES: &str = "Each problem is printed on stdout as `path:line:col: message [lint]`. \
Exit codes: 0 no problems; 1 problems found; 2 a path cannot be read.";

#[derive(Debug, Subcommand)]
pub(crate) enum RulesCommand {
    /// Check rule files: they load, ids and patterns are unique, no rule
    /// is shadowed by another, regexes that could be literals, one- or
    /// two-word phrases without a `max-words` guard, a `*` meant literally,
    /// every rule has a `why` and examples it removes.
    #[command(after_help = RULES_EXIT_CODES)]
    Check(RulesArgs),
    /// Test rule files: every rule removes its examples from a document of
    /// prose, and no rule touches its near misses or a sentence of the
    /// keep lists (real article sentences that use boilerplate's words).
    #[command(after_help = RULES_EXIT_CODES)]
    Test(RulesArgs),
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// Rule files (`*.toml`), keep lists (`*.txt`, one sentence a line) or
    /// directories holding them. Without paths: the built-in rules and keep
    /// lists. `rules test` uses the built-in keep lists when no `*.txt` is
    /// given.
    pub(crate) paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub(crate) struct CleanArgs {
    /// Files or directories to clean; `-` or nothing reads standard input.
    /// Directories are walked recursively (hidden files and paths listed in
    /// a `.boilerstripignore` are skipped).
    pub(crate) inputs: Vec<PathBuf>,

    /// Directory to write cleaned files to, mirroring the inputs' relative
    /// paths. Required for directories and for more than one input;
    /// without it a single file or stdin is cleaned to stdout.
    #[arg(short, long, value_name = "DIR")]
    pub(crate) output: Option<PathBuf>,

    /// A rule file to add to the default rules (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub(crate) rules: Vec<PathBuf>,

    /// Do not use the built-in rules, only those given with --rules.
    #[arg(long)]
    pub(crate) no_default_rules: bool,

    /// Rules only: turn the rule-free heuristics off, so that only what the
    /// rules (and in-document duplicates) say is removed.
    #[arg(long)]
    pub(crate) no_heuristics: bool,

    /// Show each removed line or span with its reason on stderr.
    #[arg(long)]
    pub(crate) explain: bool,

    /// Print a summary on stderr: documents, bytes in and out, removals per
    /// category.
    #[arg(long)]
    pub(crate) stats: bool,

    /// Number of threads (0: one per core).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub(crate) threads: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
