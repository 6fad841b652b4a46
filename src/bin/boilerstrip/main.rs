//! The `boilerstrip` command: parses arguments, builds a cleaner from the
//! rules, runs the library over the inputs, prints reports and maps what
//! happened to an exit code. All printing happens here.

mod args;
mod eval;

use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use boilerstrip::lint::{self, Inputs, KeepList};
use boilerstrip::pipeline::{self, Compression, Event, Format, Plan};
use boilerstrip::{Cleaned, Cleaner, RuleSet, Settings, Stats};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

use args::{CleanArgs, CleanerArgs, Cli, Command, RulesArgs, RulesCommand};

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
        Command::Eval(args) => eval::run(&args),
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
    let cleaner = build_cleaner(&args.cleaner)?;
    set_threads(args.threads)?;
    let stdin_only = args.inputs.is_empty() || args.inputs.iter().all(|p| p.as_os_str() == "-");
    if stdin_only {
        if args.output.is_some() || args.in_place {
            anyhow::bail!(
                "-o/--output and --in-place take files or directories as input; standard input is cleaned to stdout"
            );
        }
        let input = io::stdin();
        return clean_stream(
            &cleaner,
            args,
            Path::new("<stdin>"),
            (args.format(), None),
            input,
        );
    }
    if args.inputs.iter().any(|p| p.as_os_str() == "-") {
        anyhow::bail!("`-` (standard input) cannot be mixed with file inputs");
    }
    if args.in_place {
        let plan = pipeline::plan_in_place(&args.inputs, args.format())?;
        return clean_plan(&cleaner, args, plan);
    }
    match &args.output {
        Some(dir) => {
            let plan = pipeline::plan_as(&args.inputs, dir, args.format())?;
            clean_plan(&cleaner, args, plan)
        }
        None if args.inputs.len() == 1 && !args.inputs[0].is_dir() => {
            let path = &args.inputs[0];
            let format = args.format().unwrap_or_else(|| Format::from_path(path));
            match std::fs::File::open(path) {
                Ok(file) => clean_stream(
                    &cleaner,
                    args,
                    path,
                    (Some(format), Some(Compression::from_path(path))),
                    file,
                ),
                Err(source) => {
                    let mut report = Report::new(&cleaner, args, None);
                    report.event(Event::Failed(&boilerstrip::Error::Read {
                        path: path.clone(),
                        source,
                    }));
                    report.stats.inputs_failed += 1;
                    report.finish()
                }
            }
        }
        None => anyhow::bail!(
            "cleaning a directory or several files needs an output directory: add `-o DIR` (or `--in-place`)"
        ),
    }
}

/// Sets the number of worker threads (0: one per core).
fn set_threads(threads: usize) -> anyhow::Result<()> {
    if threads > 0 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()?;
    }
    Ok(())
}

/// Builds the cleaner: rules from the defaults and `--rules` files,
/// settings from `--settings` with the flags on top.
fn build_cleaner(args: &CleanerArgs) -> anyhow::Result<Cleaner> {
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
    let mut settings = match &args.settings {
        Some(path) => Settings::from_path(path)?,
        None => Settings::default(),
    };
    if let Some(preset) = args.preset {
        settings.preset = preset;
    }
    if args.no_heuristics {
        settings.heuristics = false;
    }
    if args.no_language_detection {
        settings.detect_language = false;
    }
    Ok(Cleaner::with_settings(&rules, settings)?)
}

/// Cleans one stream (stdin, or a file) to stdout.
fn clean_stream(
    cleaner: &Cleaner,
    args: &CleanArgs,
    name: &Path,
    kind: (Option<Format>, Option<Compression>),
    input: impl Read + Send,
) -> anyhow::Result<u8> {
    let size = std::fs::metadata(name).ok().map(|m| m.len());
    let mut report = Report::new(cleaner, args, size);
    let options = args.options();
    let result = pipeline::clean_stream(cleaner, &options, name, kind, input, io::stdout(), |e| {
        report.event(e);
    });
    match result {
        Ok(stats) => {
            report.stats = stats;
            report.finish()
        }
        Err(err) => report.abort(err),
    }
}

/// Cleans planned files into their outputs.
fn clean_plan(cleaner: &Cleaner, args: &CleanArgs, plan: Plan) -> anyhow::Result<u8> {
    let total = plan
        .tasks
        .iter()
        .filter_map(|t| std::fs::metadata(&t.input).ok())
        .map(|m| m.len())
        .sum();
    let mut report = Report::new(cleaner, args, Some(total));
    for err in &plan.errors {
        report.event(Event::Failed(err));
    }
    let errors = plan.errors.len() as u64;
    let options = args.options();
    match pipeline::clean_tasks(cleaner, &options, &plan.tasks, |e| report.event(e)) {
        Ok(stats) => {
            report.stats = stats;
            report.stats.inputs_failed += errors;
            report.finish()
        }
        Err(err) => report.abort(err),
    }
}

/// Everything a run prints: progress, problems, explanations, the summary.
struct Report<'a> {
    cleaner: &'a Cleaner,
    args: &'a CleanArgs,
    stats: Stats,
    progress: Progress,
}

impl<'a> Report<'a> {
    fn new(cleaner: &'a Cleaner, args: &'a CleanArgs, total: Option<u64>) -> Report<'a> {
        Report {
            cleaner,
            args,
            stats: Stats::default(),
            progress: Progress::new(!args.no_progress && io::stderr().is_terminal(), total),
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Progress(bytes) => self.progress.update(bytes),
            Event::Warning(w) => self.progress.print(&format!("boilerstrip: warning: {w}")),
            Event::Failed(err) => self.progress.print(&format!("boilerstrip: {}", chain(err))),
            Event::Cleaned {
                path,
                record_line,
                id,
                text,
                cleaned,
            } => {
                let at = match (record_line, id) {
                    (Some(line), Some(id)) => format!("{}:{line} ({id})", path.display()),
                    (Some(line), None) => format!("{}:{line}", path.display()),
                    (None, _) => path.display().to_string(),
                };
                self.progress
                    .suspend(|| explain(&at, record_line.is_some(), text, cleaned));
            }
            _ => {}
        }
    }

    /// Prints or writes the summary and gives the exit code.
    fn finish(self) -> anyhow::Result<u8> {
        self.progress.finish();
        debug_assert!(self.stats.balanced(), "{:?}", self.stats);
        if let Some(Some(path)) = &self.args.stats {
            pipeline::write_atomic(path, self.stats.to_json(self.cleaner).as_bytes())
                .with_context(|| format!("could not write statistics to `{}`", path.display()))?;
        }
        if let Some(None) = &self.args.stats {
            print_stats(&self.stats);
        } else if self.stats.any_failed() {
            print_counts(&self.stats);
        }
        Ok(if self.stats.any_failed() {
            SOME_FAILED
        } else {
            OK
        })
    }

    /// Reports what stopped the run.
    fn abort(self, err: boilerstrip::Error) -> anyhow::Result<u8> {
        self.progress.finish();
        if let boilerstrip::Error::Write { source, .. } = &err {
            if source.kind() == io::ErrorKind::BrokenPipe {
                return Ok(OK);
            }
        }
        eprintln!("boilerstrip: {}", chain(&err));
        if matches!(err, boilerstrip::Error::BadRecord { .. }) {
            eprintln!("boilerstrip: stopped at the first bad record (--strict)");
            return Ok(SOME_FAILED);
        }
        Ok(CANNOT_START)
    }
}

/// A progress bar on stderr, shown only on a terminal and only once the
/// work has taken a while.
struct Progress {
    enabled: bool,
    total: Option<u64>,
    started: Instant,
    bar: Option<ProgressBar>,
}

/// How long work runs before a progress bar appears.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);

impl Progress {
    fn new(enabled: bool, total: Option<u64>) -> Progress {
        Progress {
            enabled,
            total,
            started: Instant::now(),
            bar: None,
        }
    }

    fn update(&mut self, bytes: u64) {
        if self.bar.is_none() && self.enabled && self.started.elapsed() >= PROGRESS_AFTER {
            let bar = match self.total {
                Some(total) => ProgressBar::new(total).with_style(
                    ProgressStyle::with_template(
                        "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
                    )
                    .expect("valid template"),
                ),
                None => ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{spinner} {bytes} read, {bytes_per_sec}")
                        .expect("valid template"),
                ),
            };
            // Start from where the work is, so the rate is not one jump.
            self.bar = Some(
                bar.with_position(bytes)
                    .with_elapsed(self.started.elapsed()),
            );
        }
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
        }
    }

    fn print(&self, line: &str) {
        self.suspend(|| eprintln!("{line}"));
    }

    fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A library error with its whole source chain.
fn chain(err: &boilerstrip::Error) -> String {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    message
}

/// Prints each removal as `path:line: removed ... (reason): text`; inside
/// a record, as `path:record-line: text line N: ...`.
fn explain(at: &str, record: bool, text: &str, cleaned: &Cleaned) {
    let mut err = io::stderr().lock();
    for removal in cleaned.removals() {
        let removed = text.get(removal.range.clone()).unwrap_or("");
        let what = if removal.whole_line { "line" } else { "span" };
        let line = if record {
            format!(": text line {}", removal.line)
        } else {
            format!(":{}", removal.line)
        };
        let _ = writeln!(
            err,
            "{at}{line}: removed {what} ({}): {}",
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

/// The one line of counts printed when something failed.
fn print_counts(stats: &Stats) {
    let mut line = format!(
        "boilerstrip: {} documents in: {} cleaned, {} failed",
        stats.records_in, stats.documents, stats.failed
    );
    if stats.dropped > 0 {
        line.push_str(&format!(", {} dropped (empty)", stats.dropped));
    }
    if stats.skipped > 0 {
        line.push_str(&format!(
            "; {} WARC records without plain text skipped",
            stats.skipped
        ));
    }
    if stats.inputs_failed > 0 {
        line.push_str(&format!(
            "; {} inputs could not be read or written whole",
            stats.inputs_failed
        ));
    }
    eprintln!("{line}");
}

fn print_stats(stats: &Stats) {
    let share = if stats.bytes_in == 0 {
        0.0
    } else {
        100.0 * stats.bytes_out as f64 / stats.bytes_in as f64
    };
    print_counts(stats);
    eprintln!(
        "boilerstrip: {} bytes in, {} bytes out ({share:.1}% kept)",
        stats.bytes_in, stats.bytes_out
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
