//! Command-line arguments (clap derive) and their translation into what the
//! library needs. Nothing past this module sees clap types.

use std::path::PathBuf;

use boilerstrip::Preset;
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
    /// Clean a corpus in memory and score the result as
    /// `shared/eval/score.py` does: snippets that must stay or go
    /// (`cases.jsonl`), and the shingle F1 against gold texts (`gold/`,
    /// with F1 per page type from `meta.jsonl`).
    Eval(EvalArgs),
}

/// How the cleaner is built: rules and settings. Shared by `clean` and
/// `eval`.
#[derive(Debug, Args)]
pub(crate) struct CleanerArgs {
    /// A rule file to add to the default rules (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub(crate) rules: Vec<PathBuf>,

    /// Do not use the built-in rules, only those given with --rules.
    #[arg(long)]
    pub(crate) no_default_rules: bool,

    /// A settings file (TOML: `heuristics`, `preset`, `detect-language`);
    /// flags given here override it.
    #[arg(long, value_name = "FILE")]
    pub(crate) settings: Option<PathBuf>,

    /// How eagerly the rule-free heuristics remove lines: `precision`
    /// removes more, `recall` keeps more [default: balanced].
    #[arg(long, value_name = "PRESET")]
    pub(crate) preset: Option<Preset>,

    /// Rules only: turn the rule-free heuristics off, so that only what the
    /// rules (and in-document duplicates) say is removed.
    #[arg(long)]
    pub(crate) no_heuristics: bool,

    /// Do not detect each document's language; lines are then judged by
    /// their shape, without stop words.
    #[arg(long)]
    pub(crate) no_language_detection: bool,
}

#[derive(Debug, Args)]
pub(crate) struct EvalArgs {
    /// Corpus directories, each with `input/` and `cases.jsonl` and/or
    /// `gold/` (and optionally `meta.jsonl`).
    #[arg(required = true)]
    pub(crate) corpora: Vec<PathBuf>,

    #[command(flatten)]
    pub(crate) cleaner: CleanerArgs,

    /// Score only a part of each corpus, by position in the sorted file
    /// names: `tune` (index % 5 != 4), `holdout` (index % 5 == 4) or
    /// `all`.
    #[arg(long, value_name = "PART", default_value = "all")]
    pub(crate) part: Part,

    /// Also write each cleaned document to DIR/<corpus name>/<file>.
    #[arg(short, long, value_name = "DIR")]
    pub(crate) output: Option<PathBuf>,

    /// List, per document, the snippets lost and left in.
    #[arg(long)]
    pub(crate) details: bool,

    /// Number of threads (0: one per core).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub(crate) threads: usize,
}

/// Which documents of a corpus `eval` scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Part {
    /// Every document.
    All,
    /// The four fifths to tune on (sorted index % 5 != 4).
    Tune,
    /// The fifth held out (sorted index % 5 == 4).
    Holdout,
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

    #[command(flatten)]
    pub(crate) cleaner: CleanerArgs,

    /// Show each removed line or span with its reason on stderr: the rule,
    /// or the heuristic and the feature values that decided it.
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
