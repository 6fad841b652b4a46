//! Command-line arguments (clap derive) and their translation into what the
//! library needs. Nothing past this module sees clap types.

use std::path::PathBuf;

use boilerstrip::Preset;
use boilerstrip::pipeline::{BadRecords, Format, Options};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Strip boilerplate (navigation, adverts, paywall and newsletter appeals,
/// comment forms, footers, repeated headlines) from web text, keeping the
/// article.
#[derive(Debug, Parser)]
#[command(name = "boilerstrip", version, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 every input cleaned; 1 some inputs or records failed \
(each named on stderr with file and line, the rest cleaned; also when --strict stops the run); \
2 usage or rule-file error (nothing was read).";

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Clean files, directories or standard input.
    Clean(CleanArgs),
    /// Clean a corpus in memory and score the result as
    /// `shared/eval/score.py` does: snippets that must stay or go
    /// (`cases.jsonl`), and the shingle F1 against gold texts (`gold/`,
    /// with F1 per page type from `meta.jsonl`).
    Eval(EvalArgs),
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
    /// a `.boilerstripignore` are skipped). The format comes from the name
    /// (`.jsonl`, `.ndjson`: JSONL; `.warc`, `.wet`: WARC; else text), as
    /// does compression (`.gz`, `.zst`); on stdin both are sniffed.
    pub(crate) inputs: Vec<PathBuf>,

    /// Directory to write cleaned files to, mirroring the inputs' relative
    /// paths and names (compressed alike); WARC input becomes JSONL named
    /// with `.jsonl` added (`a.warc.gz` -> `a.warc.jsonl.gz`). Required for
    /// directories and for more than one input; without it a single file or
    /// stdin is cleaned to stdout, uncompressed. Each output appears only
    /// when complete.
    #[arg(short, long, value_name = "DIR")]
    pub(crate) output: Option<PathBuf>,

    /// Replace each input file with its cleaned form, atomically when
    /// complete (not for WARC input, whose output is JSONL).
    #[arg(long, conflicts_with = "output")]
    pub(crate) in_place: bool,

    /// Read every input as this format instead of telling it by name (or,
    /// on stdin, by its first bytes).
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<FormatArg>,

    /// The JSONL field holding the document's text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub(crate) text_field: String,

    /// The JSONL field holding the page's URL, which lets site-scoped rules
    /// act.
    #[arg(long, value_name = "NAME", default_value = "url")]
    pub(crate) url_field: String,

    /// The JSONL field naming a record in messages; in JSONL made from WARC,
    /// the field for the WARC record id [default there: id].
    #[arg(long, value_name = "NAME")]
    pub(crate) id_field: Option<String>,

    /// Leave record texts as they are and add what would be removed to each
    /// record, as a list of {start, end, line, whole_line, reason, rule}
    /// (byte spans into the text) in the field named by --annotate-field.
    #[arg(long)]
    pub(crate) annotate: bool,

    /// The field --annotate writes (replaced if the record has it).
    #[arg(
        long,
        value_name = "NAME",
        default_value = "removals",
        requires = "annotate"
    )]
    pub(crate) annotate_field: String,

    /// Leave out records whose text is cleaned to nothing (by default they
    /// are kept with empty text, so every record sent comes back).
    #[arg(long)]
    pub(crate) drop_empty: bool,

    /// What becomes of a malformed record (bad JSON, no text field, invalid
    /// UTF-8): it is always reported with file and line and counted as
    /// failed, then left out (skip) or written unchanged (pass).
    #[arg(long, value_name = "WHAT", default_value = "skip")]
    pub(crate) bad_records: BadRecordsArg,

    /// Stop at the first malformed record (exit code 1); the output file
    /// being written is not created.
    #[arg(long, conflicts_with = "bad_records")]
    pub(crate) strict: bool,

    /// Records cleaned together in parallel; memory grows with it.
    #[arg(long, value_name = "N", default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) batch: u32,

    #[command(flatten)]
    pub(crate) cleaner: CleanerArgs,

    /// Show each removed line or span with its reason on stderr: the rule,
    /// or the heuristic and the feature values that decided it.
    #[arg(long)]
    pub(crate) explain: bool,

    /// `--stats`: print a summary on stderr (records in, out, failed;
    /// bytes; removals per category). `--stats=FILE`: write it as JSON to
    /// FILE instead, with removals per rule, the tool's version and the
    /// fingerprint of the rules used.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true)]
    pub(crate) stats: Option<Option<PathBuf>>,

    /// No progress bar (one is shown on a terminal when the work is long).
    #[arg(long)]
    pub(crate) no_progress: bool,

    /// Number of threads (0: one per core).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub(crate) threads: usize,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum FormatArg {
    /// One document of plain text.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// WARC or WET records; cleaned into JSONL.
    Warc,
}

/// `--bad-records` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum BadRecordsArg {
    /// Leave the record out.
    Skip,
    /// Write the record unchanged.
    Pass,
}

impl CleanArgs {
    /// The format every input is read as, if forced.
    pub(crate) fn format(&self) -> Option<Format> {
        self.format.map(|f| match f {
            FormatArg::Text => Format::Text,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Warc => Format::Warc,
        })
    }

    /// The library's options for these arguments.
    pub(crate) fn options(&self) -> Options {
        Options {
            text_field: self.text_field.clone(),
            url_field: self.url_field.clone(),
            id_field: self.id_field.clone(),
            annotate: self.annotate.then(|| self.annotate_field.clone()),
            drop_empty: self.drop_empty,
            bad_records: match (self.strict, self.bad_records) {
                (true, _) => BadRecords::Abort,
                (false, BadRecordsArg::Skip) => BadRecords::Skip,
                (false, BadRecordsArg::Pass) => BadRecords::Pass,
            },
            batch: self.batch as usize,
            explain: self.explain,
        }
    }
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
