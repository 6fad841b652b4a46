//! The `boilerstrip` command: parses arguments, builds a cleaner from the
//! rules, runs the library over the inputs, prints reports and maps what
//! happened to an exit code. All printing happens here.

mod args;

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use boilerstrip::lint::{self, Inputs, KeepList};
use boilerstrip::pipeline::{self, Outcome};
use boilerstrip::{Cleaned, Cleaner, RuleSet, Settings, Stats};
use clap::Parser;

use args::{CleanArgs, Cli, Command, RulesArgs, RulesCommand};

/// Every input was cleaned.
const OK: u8 = 0;
/// Some inputs failed; the rest were cleaned.
const SOME_FAILED: u8 = 1;
/// Nothing could start: usage, rule file, output location.
const CANNOT_START: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Clean(args) => clean(&args),
        Command::Rules(RulesCommand::Check(args)) => rules(&args, Action::Check),
        Command::Rules(RulesCommand::Test(args)) => rules(&args, Action::Test),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(OK),
        Err(err) => {
            eprintln!("boilerstrip: {err:#}");
            ExitCode::from(CANNOT_START)
        }
    }
}

/// What `boilerstrip rules` does with the rules it loads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Check,
    Test,
}

/// `rules check` and `rules test`: prints each problem on stdout, a
/// summary on stderr, and fails when there is a problem.
fn rules(args: &RulesArgs, action: Action) -> anyhow::Result<u8> {
    let mut inputs = if args.paths.is_empty() {
        Inputs::defaults()
    } else {
        Inputs::from_paths(&args.paths)?
    };
    let mut problems = std::mem::take(&mut inputs.problems);
    let what = match action {
        Action::Check => {
            problems.extend(lint::check(&inputs.rules));
            "checked"
        }
        Action::Test => {
            if inputs.keep.is_empty() {
                inputs.keep = KeepList::defaults();
            }
            problems.extend(lint::test(&inputs.rules, &inputs.keep));
            "tested"
        }
    };
    let mut out = io::stdout().lock();
    for problem in &problems {
        writeln!(out, "{problem}")?;
    }
    out.flush()?;
    let sentences: usize = inputs.keep.iter().map(|k| k.sentences().len()).sum();
    let keep = if action == Action::Test {
        format!(" and {sentences} article sentences")
    } else {
        String::new()
    };
    eprintln!(
        "boilerstrip: {what} {} rules in {} files{keep}: {} problem{}",
        inputs.rules.len(),
        inputs.files,
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    Ok(if problems.is_empty() { OK } else { SOME_FAILED })
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn clean(args: &CleanArgs) -> anyhow::Result<u8> {
    let cleaner = build_cleaner(args)?;
    if args.threads > 0 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads)
            .build_global()?;
    }
    let stdin_only = args.inputs.is_empty() || args.inputs.iter().all(|p| p.as_os_str() == "-");
    if stdin_only {
        if args.output.is_some() {
            anyhow::bail!(
                "-o/--output takes files or directories as input; standard input is cleaned to stdout"
            );
        }
        return clean_stdin(&cleaner, args);
    }
    if args.inputs.iter().any(|p| p.as_os_str() == "-") {
        anyhow::bail!("`-` (standard input) cannot be mixed with file inputs");
    }
    match &args.output {
        Some(dir) => clean_to_dir(&cleaner, args, dir),
        None if args.inputs.len() == 1 && !args.inputs[0].is_dir() => {
            clean_file_to_stdout(&cleaner, args, &args.inputs[0])
        }
        None => anyhow::bail!(
            "cleaning a directory or several files needs an output directory: add `-o DIR`"
        ),
    }
}

fn build_cleaner(args: &CleanArgs) -> anyhow::Result<Cleaner> {
    let mut rules = if args.no_default_rules {
        RuleSet::new()
    } else {
        RuleSet::default_rules()
    };
    for path in &args.rules {
        rules.extend(RuleSet::from_path(path)?)?;
    }
    if rules.is_empty() && args.no_default_rules {
        eprintln!(
            "boilerstrip: warning: no rules (--no-default-rules without --rules); only rule-free stages run"
        );
    }
    let settings = if args.no_heuristics {
        Settings::rules_only()
    } else {
        Settings::default()
    };
    Ok(Cleaner::with_settings(&rules, settings)?)
}

fn clean_stdin(cleaner: &Cleaner, args: &CleanArgs) -> anyhow::Result<u8> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .context("could not read standard input")?;
    clean_one(cleaner, args, Path::new("<stdin>"), &bytes)
}

fn clean_file_to_stdout(cleaner: &Cleaner, args: &CleanArgs, path: &Path) -> anyhow::Result<u8> {
    match std::fs::read(path) {
        Ok(bytes) => clean_one(cleaner, args, path, &bytes),
        Err(source) => {
            report_error(&boilerstrip::Error::Read {
                path: path.to_path_buf(),
                source,
            });
            let mut stats = Stats {
                failed: 1,
                ..Stats::default()
            };
            finish(args, &mut stats)
        }
    }
}

/// Cleans one document to stdout.
fn clean_one(cleaner: &Cleaner, args: &CleanArgs, path: &Path, bytes: &[u8]) -> anyhow::Result<u8> {
    let mut warnings = Vec::new();
    let result = pipeline::decode(path, bytes, &mut warnings).and_then(|text| {
        pipeline::clean_guarded(cleaner, path, &text).map(|c| (c, text.into_owned()))
    });
    let mut stats = Stats::default();
    warnings
        .iter()
        .for_each(|w| eprintln!("boilerstrip: warning: {w}"));
    match result {
        Ok((cleaned, text)) => {
            if args.explain {
                explain(path, &text, &cleaned);
            }
            stats.add_document(bytes.len(), &cleaned);
            let mut out = io::stdout().lock();
            out.write_all(cleaned.text().as_bytes())?;
            out.flush()?;
        }
        Err(err) => {
            report_error(&err);
            stats.failed += 1;
        }
    }
    finish(args, &mut stats)
}

fn clean_to_dir(cleaner: &Cleaner, args: &CleanArgs, dir: &Path) -> anyhow::Result<u8> {
    let plan = pipeline::plan(&args.inputs, dir)?;
    let mut stats = Stats::default();
    for err in &plan.errors {
        report_error(err);
        stats.failed += 1;
    }
    pipeline::clean_files(cleaner, &plan.tasks, |outcome: Outcome| {
        outcome
            .warnings
            .iter()
            .for_each(|w| eprintln!("boilerstrip: warning: {w}"));
        match &outcome.result {
            Ok(cleaned) => {
                if args.explain {
                    explain_file(&outcome.input, cleaned);
                }
                stats.add_document(outcome.bytes_in, cleaned);
            }
            Err(err) => {
                report_error(err);
                stats.failed += 1;
            }
        }
    });
    finish(args, &mut stats)
}

/// Prints a library error with its whole source chain.
fn report_error(err: &boilerstrip::Error) {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    eprintln!("boilerstrip: {message}");
}

fn explain_file(path: &Path, cleaned: &Cleaned) {
    match std::fs::read(path) {
        Ok(bytes) => explain(path, &String::from_utf8_lossy(&bytes), cleaned),
        Err(_) => explain(path, "", cleaned),
    }
}

/// Prints each removal as `path:line: reason: text`.
fn explain(path: &Path, text: &str, cleaned: &Cleaned) {
    let mut err = io::stderr().lock();
    for removal in cleaned.removals() {
        let removed = text.get(removal.range.clone()).unwrap_or("");
        let what = if removal.whole_line { "line" } else { "span" };
        let _ = writeln!(
            err,
            "{}:{}: removed {what} ({}): {}",
            path.display(),
            removal.line,
            removal.reason,
            excerpt(removed)
        );
    }
}

/// The first 100 characters of `text`, trimmed, with an ellipsis if cut.
fn excerpt(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(100) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

fn finish(args: &CleanArgs, stats: &mut Stats) -> anyhow::Result<u8> {
    if args.stats {
        print_stats(stats);
    }
    Ok(if stats.failed > 0 { SOME_FAILED } else { OK })
}

fn print_stats(stats: &Stats) {
    let share = if stats.bytes_in == 0 {
        0.0
    } else {
        100.0 * stats.bytes_out as f64 / stats.bytes_in as f64
    };
    eprintln!(
        "boilerstrip: {} documents cleaned, {} failed; {} bytes in, {} bytes out ({share:.1}% kept)",
        stats.documents, stats.failed, stats.bytes_in, stats.bytes_out
    );
    if !stats.removals.is_empty() {
        let by: Vec<String> = stats
            .removals
            .iter()
            .map(|(label, n)| format!("{label} {n}"))
            .collect();
        eprintln!("boilerstrip: removed lines and spans: {}", by.join(", "));
    }
}
