//! Cleaning inputs: which input goes to which output, reading each format,
//! cleaning in parallel, writing atomically, and counting.
//!
//! This is the only module that uses rayon. Text files are cleaned in
//! chunks, within a chunk in parallel. Files and streams of records (JSONL,
//! WARC) are cleaned in batches: while one batch is cleaned in parallel,
//! the batch before is written and the next one read, so memory is bounded
//! by the batch size whatever the input's size. Reports and output come in
//! input order, so they never depend on the thread count. One bad input or
//! record never sinks the run: it is reported as an [`Event::Failed`] and
//! counted in the [`Stats`].

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

pub use crate::atomic::{AtomicFile, write_atomic};
use crate::clean::{Cleaned, Cleaner};
use crate::compress;
pub use crate::compress::{Compression, Encoder};
use crate::error::Error;
pub use crate::format::Format;
use crate::record::{self, Done, Item, Raw};
use crate::report::Stats;
use crate::warc::{Entry, WarcReader};

/// Name of the file, in gitignore syntax, that excludes paths below a
/// directory from cleaning.
pub const IGNORE_FILE: &str = ".boilerstripignore";

/// How many files are cleaned between two hand-backs of outcomes: bounds
/// the memory held for reports.
const CHUNK: usize = 256;

/// Bytes looked at to tell a binary file from text.
const BINARY_SNIFF: usize = 8192;

/// One input file and where its cleaned text goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// The input file.
    pub input: PathBuf,
    /// The output file.
    pub output: PathBuf,
    /// What the input holds.
    pub format: Format,
    /// How the input, and so the output, is compressed.
    pub compression: Compression,
}

impl Task {
    /// The task for `input`, in `format` or the one its name says, with
    /// its output at `output` (renamed for WARC input, whose output is
    /// JSONL: see [`Format::output_name`]).
    pub fn new(input: PathBuf, output: &Path, format: Option<Format>) -> Task {
        let format = format.unwrap_or_else(|| Format::from_path(&input));
        Task {
            compression: Compression::from_path(&input),
            output: format.output_name(output),
            format,
            input,
        }
    }
}

/// The work for a run: the tasks, and inputs that could not be listed.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to clean, sorted by input path.
    pub tasks: Vec<Task>,
    /// Paths that could not be listed or would clash; each is reported.
    pub errors: Vec<Error>,
}

/// Lists the files under `inputs` and where each one's output goes in
/// `output_dir`: a file given directly goes to `output_dir/<file name>`, a
/// file found under a directory to the same relative path below
/// `output_dir`. Hidden files and paths named in a `.boilerstripignore` are
/// not inputs.
///
/// # Errors
///
/// [`Error::OutputInInput`] when `output_dir` lies inside an input
/// directory, or an output would overwrite an input.
pub fn plan(inputs: &[PathBuf], output_dir: &Path) -> Result<Plan, Error> {
    plan_as(inputs, output_dir, None)
}

/// Like [`plan`], with every input taken to be in `format` (`None`: the
/// format each file's name says).
///
/// # Errors
///
/// As [`plan`].
pub fn plan_as(
    inputs: &[PathBuf],
    output_dir: &Path,
    format: Option<Format>,
) -> Result<Plan, Error> {
    let out_abs = absolute(output_dir);
    let mut plan = Plan::default();
    for input in inputs {
        let meta = match fs::metadata(input) {
            Ok(m) => m,
            Err(source) => {
                plan.errors.push(Error::Read {
                    path: input.clone(),
                    source,
                });
                continue;
            }
        };
        if meta.is_dir() {
            let in_abs = absolute(input);
            if out_abs.starts_with(&in_abs) {
                return Err(Error::OutputInInput {
                    output: output_dir.to_path_buf(),
                    input: input.clone(),
                });
            }
            list_dir(input, Some(output_dir), format, &mut plan);
        } else {
            let name = input
                .file_name()
                .map_or_else(|| input.as_os_str().to_owned(), |n| n.to_owned());
            plan.tasks
                .push(Task::new(input.clone(), &output_dir.join(name), format));
        }
    }
    plan.tasks.sort_by(|a, b| a.input.cmp(&b.input));
    let inputs: HashSet<PathBuf> = plan.tasks.iter().map(|t| absolute(&t.input)).collect();
    let mut outputs = HashSet::new();
    let mut clashes = Vec::new();
    plan.tasks.retain(|task| {
        let out = absolute(&task.output);
        if inputs.contains(&out) {
            clashes.push(Error::OutputInInput {
                output: task.output.clone(),
                input: task.input.clone(),
            });
            return false;
        }
        if !outputs.insert(out) {
            let source = io::Error::new(
                io::ErrorKind::AlreadyExists,
                "another input has the same output path",
            );
            plan.errors.push(Error::Write {
                path: task.output.clone(),
                source,
            });
            return false;
        }
        true
    });
    if let Some(clash) = clashes.into_iter().next() {
        return Err(clash);
    }
    Ok(plan)
}

/// Lists the files under `inputs` for cleaning in place: each output is
/// its input, replaced atomically when complete.
///
/// # Errors
///
/// [`Error::NotInPlace`] for WARC input, whose output is JSONL and so
/// cannot replace it.
pub fn plan_in_place(inputs: &[PathBuf], format: Option<Format>) -> Result<Plan, Error> {
    let mut plan = Plan::default();
    for input in inputs {
        if input.is_dir() {
            list_dir(input, None, format, &mut plan);
        } else {
            plan.tasks.push(Task::new(input.clone(), input, format));
        }
    }
    plan.tasks.sort_by(|a, b| a.input.cmp(&b.input));
    if let Some(task) = plan.tasks.iter().find(|t| t.output != t.input) {
        return Err(Error::NotInPlace {
            path: task.input.clone(),
        });
    }
    Ok(plan)
}

/// Lists the files below `dir`, with outputs at the same relative paths
/// below `output_dir`, or in place.
fn list_dir(dir: &Path, output_dir: Option<&Path>, format: Option<Format>, plan: &mut Plan) {
    let walk = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(true)
        .add_custom_ignore_filename(IGNORE_FILE)
        .follow_links(true)
        .build();
    for entry in walk {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                let path = entry.into_path();
                let output = match output_dir {
                    Some(out) => out.join(path.strip_prefix(dir).unwrap_or(&path)),
                    None => path.clone(),
                };
                plan.tasks.push(Task::new(path, &output, format));
            }
            Ok(_) => {}
            Err(err) => {
                let path = walk_error_path(&err).unwrap_or_else(|| dir.to_path_buf());
                plan.errors.push(Error::Read {
                    path,
                    source: io::Error::other(err.to_string()),
                });
            }
        }
    }
}

fn walk_error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => None,
    }
}

/// A path made absolute and, as far as it exists, canonical, for
/// comparing paths that may not exist yet.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = fs::canonicalize(path) {
        return p;
    }
    let base = std::env::current_dir().unwrap_or_default().join(path);
    match (base.parent(), base.file_name()) {
        (Some(parent), Some(name)) if parent != base => absolute(parent).join(name),
        _ => base,
    }
}

/// How a run reads, cleans and writes documents. `Default` gives what the
/// command line does without flags.
#[derive(Debug, Clone)]
pub struct Options {
    /// The JSONL field holding the text (`text`).
    pub text_field: String,
    /// The JSONL field holding the page's URL, for site-scoped rules
    /// (`url`).
    pub url_field: String,
    /// The field naming a record in messages (none); in JSONL made from
    /// WARC, the field for the record id (`id` when unset).
    pub id_field: Option<String>,
    /// Leave record texts as they are and add the removals (byte spans
    /// into the text, reason, rule) in this field instead.
    pub annotate: Option<String>,
    /// Leave out records whose text is cleaned to nothing; by default they
    /// are kept with empty text, so a pipeline sees every record it sent.
    pub drop_empty: bool,
    /// What becomes of a record that cannot be cleaned.
    pub bad_records: BadRecords,
    /// Records cleaned together in parallel: with the records in flight
    /// while one batch is written and the next read, this bounds memory.
    pub batch: usize,
    /// Hand each document's text and removals to the event callback.
    pub explain: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            text_field: "text".to_string(),
            url_field: "url".to_string(),
            id_field: None,
            annotate: None,
            drop_empty: false,
            bad_records: BadRecords::Skip,
            batch: 1024,
            explain: false,
        }
    }
}

/// A batch also ends when its records hold this many bytes, so that large
/// documents do not multiply memory by the batch size.
const BATCH_BYTES: usize = 8 * 1024 * 1024;

/// What becomes of a record that cannot be cleaned (bad JSON, no text
/// field, invalid UTF-8). It is always reported and counted as failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadRecords {
    /// Leave it out of the output.
    Skip,
    /// Write it to the output as it was.
    Pass,
    /// Stop the run at it; the output being written is not completed.
    Abort,
}

/// Something a run reports while it goes, in input order.
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<'a> {
    /// A document was cleaned (only with [`Options::explain`]).
    Cleaned {
        /// The input.
        path: &'a Path,
        /// 1-based line of the record, for inputs of records.
        record_line: Option<usize>,
        /// The record's id, when known.
        id: Option<&'a str>,
        /// The document's text as read.
        text: &'a str,
        /// What cleaning kept and removed.
        cleaned: &'a Cleaned,
    },
    /// A problem that did not stop a document from being cleaned.
    Warning(&'a str),
    /// A document or an input failed; it is counted in the [`Stats`].
    Failed(&'a Error),
    /// Bytes of input read so far in this run (compressed size for
    /// compressed input), after each batch.
    Progress(u64),
}

/// Cleans every task, writing each output atomically, and reports to
/// `on_event` in task order. Text files are cleaned many at a time; files
/// of records one at a time, their records in ordered parallel batches.
///
/// # Errors
///
/// Only when a bad record stops the run ([`BadRecords::Abort`]); the
/// output being written is then left unwritten. Every other failure is
/// reported, counted, and the run goes on.
pub fn clean_tasks(
    cleaner: &Cleaner,
    options: &Options,
    tasks: &[Task],
    mut on_event: impl FnMut(Event<'_>),
) -> Result<Stats, Error> {
    let mut run = Run::new(cleaner, options, &mut on_event);
    let mut rest = tasks;
    while let Some(first) = rest.first() {
        if first.format.has_records() {
            run.record_file(first)?;
            rest = &rest[1..];
            continue;
        }
        let n = rest
            .iter()
            .take(CHUNK)
            .take_while(|t| !t.format.has_records())
            .count();
        run.text_files(&rest[..n]);
        rest = &rest[n..];
    }
    Ok(run.stats)
}

/// Cleans a stream (standard input, or one file to standard output) into
/// `output`. The compression is sniffed from the magic bytes unless given,
/// and so is the format: WARC by its version line, JSONL when the first
/// line is a JSON object, else text. Records are cleaned in ordered
/// parallel batches, so memory is bounded by the batch, not the stream.
///
/// # Errors
///
/// When writing `output` fails, or a bad record stops the run
/// ([`BadRecords::Abort`]). A stream that cannot be read to its end is
/// reported as [`Event::Failed`] after everything before was cleaned.
pub fn clean_stream(
    cleaner: &Cleaner,
    options: &Options,
    name: &Path,
    kind: (Option<Format>, Option<Compression>),
    input: impl Read + Send,
    output: impl Write + Send,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<Stats, Error> {
    let mut run = Run::new(cleaner, options, &mut on_event);
    let write_error = |source| Error::Write {
        path: PathBuf::from("<output>"),
        source,
    };
    let mut output = io::BufWriter::with_capacity(1 << 16, output);
    let counted = Counted {
        inner: input,
        read: run.read.clone(),
    };
    let read_error = |source| Error::Read {
        path: name.to_path_buf(),
        source,
    };
    let (format, input) = match open(counted, kind, read_error) {
        Ok(x) => x,
        Err(e) => {
            run.fail_input(&e);
            return Ok(run.stats);
        }
    };
    match run.stream(name, format, input, &mut output) {
        Ok(()) => {}
        Err(Stop::Abort(e)) => {
            let _ = output.flush();
            return Err(e);
        }
        Err(Stop::Write(e)) => return Err(write_error(e)),
    }
    output.flush().map_err(write_error)?;
    Ok(run.stats)
}

/// Undoes the compression of `input` and tells its format, sniffing what
/// `kind` leaves open.
fn open<'a>(
    input: impl Read + Send + 'a,
    kind: (Option<Format>, Option<Compression>),
    read_error: impl Fn(io::Error) -> Error,
) -> Result<(Format, Box<dyn BufRead + Send + 'a>), Error> {
    let (head, input) = compress::peek(input, compress::MAGIC_LEN).map_err(&read_error)?;
    let compression = kind.1.unwrap_or_else(|| Compression::sniff(&head));
    let decoded = compression.decoder(input).map_err(&read_error)?;
    let mut input: Box<dyn BufRead + Send> =
        Box::new(io::BufReader::with_capacity(1 << 16, decoded));
    let format = match kind.0 {
        Some(f) => f,
        None => {
            // The first line, not a block: a slow stream is not held up.
            let mut head = Vec::new();
            (&mut input)
                .take(SNIFF)
                .read_until(b'\n', &mut head)
                .map_err(&read_error)?;
            let format = Format::sniff(&head);
            input = Box::new(io::Cursor::new(head).chain(input));
            format
        }
    };
    Ok((format, input))
}

/// Most bytes of a stream's first line looked at to tell its format.
const SNIFF: u64 = 1 << 20;

/// The state of one run: counts so far and where reports go.
struct Run<'r> {
    cleaner: &'r Cleaner,
    options: &'r Options,
    stats: Stats,
    /// Input bytes read, by readers that may live on other threads.
    read: Arc<AtomicU64>,
    on_event: &'r mut dyn FnMut(Event<'_>),
}

/// How a stream of records stopped early.
enum Stop {
    /// A bad record, with [`BadRecords::Abort`].
    Abort(Error),
    /// Writing the output failed.
    Write(io::Error),
}

impl<'r> Run<'r> {
    fn new(
        cleaner: &'r Cleaner,
        options: &'r Options,
        on_event: &'r mut dyn FnMut(Event<'_>),
    ) -> Run<'r> {
        Run {
            cleaner,
            options,
            stats: Stats::default(),
            read: Arc::new(AtomicU64::new(0)),
            on_event,
        }
    }

    /// Cleans text files in parallel, writing each output atomically.
    fn text_files(&mut self, tasks: &[Task]) {
        let (cleaner, options) = (self.cleaner, self.options);
        let read = &self.read;
        let dones: Vec<Done> = tasks
            .par_iter()
            .map(|task| {
                let bytes = match read_text_file(task, read) {
                    Ok(b) => b,
                    Err(e) => return Done::failed(1, e),
                };
                let item = Item {
                    line: 1,
                    raw: Raw::Text(bytes),
                };
                let mut done = record::process(cleaner, options, &task.input, item);
                if let Ok(cleaned) = &done.result {
                    if !(options.drop_empty && cleaned.text().is_empty()) {
                        if let Err(e) = write_text(task, &done.out) {
                            done.result = Err(e);
                        }
                    }
                }
                done
            })
            .collect();
        self.stats.records_in += dones.len() as u64;
        for (done, task) in dones.into_iter().zip(tasks) {
            // Never stops the run: a text file is not a record.
            let _ = self.account(&task.input, None, done);
        }
        (self.on_event)(Event::Progress(self.read.load(Ordering::Relaxed)));
    }

    /// Cleans one file of records into its output, written atomically.
    fn record_file(&mut self, task: &Task) -> Result<(), Error> {
        let read_error = |source| Error::Read {
            path: task.input.clone(),
            source,
        };
        let write_error = |source| Error::Write {
            path: task.output.clone(),
            source,
        };
        let file = match fs::File::open(&task.input) {
            Ok(f) => Counted {
                inner: f,
                read: self.read.clone(),
            },
            Err(e) => {
                self.fail_input(&read_error(e));
                return Ok(());
            }
        };
        let (format, input) = match open(
            file,
            (Some(task.format), Some(task.compression)),
            read_error,
        ) {
            Ok(x) => x,
            Err(e) => {
                self.fail_input(&e);
                return Ok(());
            }
        };
        let out = AtomicFile::create(&task.output).and_then(|f| {
            task.compression
                .encoder(io::BufWriter::with_capacity(1 << 16, f))
        });
        let mut out = match out {
            Ok(o) => o,
            Err(e) => {
                self.fail_input(&write_error(e));
                return Ok(());
            }
        };
        let finished = match self.stream(&task.input, format, input, &mut out) {
            Ok(()) => Ok(()),
            Err(Stop::Abort(e)) => return Err(e),
            Err(Stop::Write(e)) => Err(e),
        };
        let committed = finished.and_then(|()| {
            let file = out
                .finish()?
                .into_inner()
                .map_err(io::IntoInnerError::into_error)?;
            file.commit()
        });
        if let Err(e) = committed {
            self.fail_input(&write_error(e));
        }
        Ok(())
    }

    /// Cleans the documents of `input` into `output`: text as one document,
    /// JSONL and WARC record by record in ordered parallel batches. While
    /// one batch is cleaned, the one before is written and the next read.
    fn stream(
        &mut self,
        path: &Path,
        format: Format,
        mut input: Box<dyn BufRead + Send + '_>,
        output: &mut (dyn Write + Send),
    ) -> Result<(), Stop> {
        let mut source = match format {
            Format::Text => {
                let mut bytes = Vec::new();
                if let Err(e) = input.read_to_end(&mut bytes) {
                    self.fail_input(&Error::Read {
                        path: path.to_path_buf(),
                        source: e,
                    });
                    return Ok(());
                }
                Source::Text(Some(bytes))
            }
            Format::Jsonl => Source::Jsonl { input, line: 1 },
            Format::Warc => Source::Warc(WarcReader::new(input)),
        };
        let (cleaner, options) = (self.cleaner, self.options);
        let records = format.has_records();
        let mut next = source.read_batch(path, options.batch);
        let mut written: Option<Vec<Done>> = None;
        loop {
            let batch = std::mem::take(&mut next.items);
            self.stats.records_in += batch.len() as u64;
            self.stats.skipped += next.skipped;
            let end = std::mem::replace(&mut next.end, End::More);
            let more = matches!(end, End::More);
            let ((wrote, fresh), cleaned) = rayon::join(
                || {
                    let wrote = written
                        .take()
                        .map(|dones| write_records(output, options, dones));
                    let fresh = more.then(|| source.read_batch(path, options.batch));
                    (wrote, fresh)
                },
                || {
                    batch
                        .into_par_iter()
                        .map(|item| record::process(cleaner, options, path, item))
                        .collect::<Vec<Done>>()
                },
            );
            if let Some(wrote) = wrote {
                self.account_all(path, records, wrote.map_err(Stop::Write)?)?;
            }
            match fresh {
                Some(f) => {
                    next = f;
                    written = Some(cleaned);
                }
                None => {
                    let wrote = write_records(output, options, cleaned).map_err(Stop::Write)?;
                    self.account_all(path, records, wrote)?;
                    if let End::Failed(e) = end {
                        self.fail_input(&e);
                    }
                    return Ok(());
                }
            }
        }
    }

    fn account_all(&mut self, path: &Path, records: bool, dones: Vec<Done>) -> Result<(), Stop> {
        for done in dones {
            let line = records.then_some(done.line);
            self.account(path, line, done).map_err(Stop::Abort)?;
        }
        (self.on_event)(Event::Progress(self.read.load(Ordering::Relaxed)));
        Ok(())
    }

    /// Counts and reports one document. Only a failed record (it has a
    /// `record_line`) stops the run, with [`BadRecords::Abort`]: a whole text
    /// that fails (binary, unreadable) is not a malformed record.
    fn account(
        &mut self,
        path: &Path,
        record_line: Option<usize>,
        done: Done,
    ) -> Result<(), Error> {
        if let Some(w) = &done.warning {
            (self.on_event)(Event::Warning(w));
        }
        match &done.result {
            Ok(cleaned) => {
                if self.options.drop_empty && cleaned.text().is_empty() {
                    self.stats.add_dropped(done.bytes_in, cleaned);
                } else {
                    self.stats.add_document(done.bytes_in, cleaned);
                }
                if let Some(text) = &done.text {
                    (self.on_event)(Event::Cleaned {
                        path,
                        record_line,
                        id: done.id.as_deref(),
                        text,
                        cleaned,
                    });
                }
            }
            Err(_) if record_line.is_some() && self.options.bad_records == BadRecords::Abort => {
                return done.result.map(drop);
            }
            Err(e) => {
                self.stats.failed += 1;
                (self.on_event)(Event::Failed(e));
            }
        }
        Ok(())
    }

    /// Reports an input that could not be read or written as a whole.
    fn fail_input(&mut self, e: &Error) {
        self.stats.inputs_failed += 1;
        (self.on_event)(Event::Failed(e));
    }
}

/// The documents read from an input, one batch at a time.
enum Source<'a> {
    /// A whole text, until taken.
    Text(Option<Vec<u8>>),
    /// JSONL lines; `line` is the number of the next one.
    Jsonl {
        input: Box<dyn BufRead + Send + 'a>,
        line: usize,
    },
    /// WARC records.
    Warc(WarcReader<Box<dyn BufRead + Send + 'a>>),
}

/// Documents read in one go, and whether the input goes on.
struct Batch {
    items: Vec<Item>,
    /// WARC records read past that hold no document.
    skipped: u64,
    end: End,
}

/// Whether an input goes on after a batch.
enum End {
    More,
    Eof,
    /// Reading stopped with an error; the batch holds what came before.
    Failed(Error),
}

impl Source<'_> {
    /// Reads up to `max` documents, or fewer when they hold more than
    /// [`BATCH_BYTES`].
    fn read_batch(&mut self, path: &Path, max: usize) -> Batch {
        let mut batch = Batch {
            items: Vec::new(),
            skipped: 0,
            end: End::More,
        };
        let mut bytes = 0;
        while batch.items.len() < max.max(1) && bytes < BATCH_BYTES {
            let item = match self {
                Source::Text(text) => text.take().map(|t| Item {
                    line: 1,
                    raw: Raw::Text(t),
                }),
                Source::Jsonl { input, line } => match read_line(input.as_mut(), line) {
                    Ok(item) => item,
                    Err((at, e)) => {
                        batch.end = End::Failed(truncated(path, at, e));
                        return batch;
                    }
                },
                Source::Warc(reader) => match reader.next_entry() {
                    None => None,
                    Some(Ok(Entry::Document(doc))) => Some(Item {
                        line: doc.line,
                        raw: Raw::Warc(doc),
                    }),
                    Some(Ok(Entry::Skipped { .. })) => {
                        batch.skipped += 1;
                        continue;
                    }
                    Some(Err(e)) => {
                        batch.end = End::Failed(truncated(path, e.line, e));
                        return batch;
                    }
                },
            };
            match item {
                Some(item) => {
                    bytes += item.raw.len();
                    batch.items.push(item);
                }
                None => {
                    batch.end = End::Eof;
                    return batch;
                }
            }
        }
        batch
    }
}

/// The next non-blank JSONL line, `None` at the end; a read error comes
/// with the number of the line it cut.
fn read_line(
    input: &mut dyn BufRead,
    line: &mut usize,
) -> Result<Option<Item>, (usize, io::Error)> {
    loop {
        let mut buf = Vec::new();
        let at = *line;
        if input.read_until(b'\n', &mut buf).map_err(|e| (at, e))? == 0 {
            return Ok(None);
        }
        *line += 1;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        if !buf.trim_ascii().is_empty() {
            return Ok(Some(Item {
                line: at,
                raw: Raw::Line(buf),
            }));
        }
    }
}

fn truncated(path: &Path, line: usize, e: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::Truncated {
        path: path.to_path_buf(),
        line,
        source: Box::new(e),
    }
}

/// Writes the documents that go to the output, in order. With
/// [`BadRecords::Abort`], stops before the first failed one and gives back
/// the documents up to and including it.
fn write_records(
    output: &mut (dyn Write + Send),
    options: &Options,
    mut dones: Vec<Done>,
) -> io::Result<Vec<Done>> {
    for (i, done) in dones.iter().enumerate() {
        let write = match &done.result {
            Ok(cleaned) => !(options.drop_empty && cleaned.text().is_empty()),
            Err(_) => match options.bad_records {
                BadRecords::Pass => true,
                BadRecords::Skip => false,
                BadRecords::Abort => {
                    dones.truncate(i + 1);
                    return Ok(dones);
                }
            },
        };
        if write {
            output.write_all(&done.out)?;
        }
    }
    Ok(dones)
}

/// Reads a text file, undoing its compression; counts the bytes read.
fn read_text_file(task: &Task, read: &AtomicU64) -> Result<Vec<u8>, Error> {
    let error = |source| Error::Read {
        path: task.input.clone(),
        source,
    };
    let bytes = fs::read(&task.input).map_err(error)?;
    read.fetch_add(bytes.len() as u64, Ordering::Relaxed);
    if task.compression == Compression::None {
        return Ok(bytes);
    }
    let mut text = Vec::new();
    task.compression
        .decoder(&bytes[..])
        .and_then(|mut d| d.read_to_end(&mut text))
        .map_err(error)?;
    Ok(text)
}

/// Writes a cleaned text file, compressed as its name says.
fn write_text(task: &Task, text: &[u8]) -> Result<(), Error> {
    let packed = match task.compression {
        Compression::None => Ok(Cow::Borrowed(text)),
        c => c
            .encoder(Vec::new())
            .and_then(|mut e| e.write_all(text).and_then(|()| e.finish()))
            .map(Cow::Owned),
    };
    packed
        .and_then(|bytes| write_atomic(&task.output, &bytes))
        .map_err(|source| Error::Write {
            path: task.output.clone(),
            source,
        })
}

/// A reader that counts the bytes it reads.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Runs `clean`, turning a panic into an error that names `path`.
pub(crate) fn guard(path: &Path, clean: impl FnOnce() -> Cleaned) -> Result<Cleaned, Error> {
    catch_unwind(AssertUnwindSafe(clean)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Error::Panic {
            path: path.to_path_buf(),
            message,
        }
    })
}

/// Cleans `text`, turning a panic into an error that names `path`.
///
/// # Errors
///
/// [`Error::Panic`] when cleaning panicked (a bug).
pub fn clean_guarded(cleaner: &Cleaner, path: &Path, text: &str) -> Result<Cleaned, Error> {
    guard(path, || cleaner.clean(text))
}

/// Decodes an input as UTF-8. Invalid bytes become U+FFFD with a warning
/// naming the first bad line; a file with NUL bytes near its start is
/// taken for binary and refused.
///
/// # Errors
///
/// [`Error::Binary`] for a binary file.
pub fn decode<'a>(
    path: &Path,
    bytes: &'a [u8],
    warnings: &mut Vec<String>,
) -> Result<Cow<'a, str>, Error> {
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some() {
        return Err(Error::Binary {
            path: path.to_path_buf(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            let at = e.valid_up_to();
            let line = memchr::memchr_iter(b'\n', &bytes[..at]).count() + 1;
            warnings.push(format!(
                "{}:{line}: invalid UTF-8 (first bad byte at offset {at}); decoded with replacement characters",
                path.display()
            ));
            Ok(Cow::Owned(String::from_utf8_lossy(bytes).into_owned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_warns_about_invalid_utf8_with_its_line() {
        let mut warnings = Vec::new();
        let text = decode(Path::new("x.txt"), b"ok\nbad \xff here\n", &mut warnings).unwrap();
        assert_eq!(text, "ok\nbad \u{FFFD} here\n");
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with("x.txt:2: invalid UTF-8"),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn decode_refuses_binary() {
        let err = decode(
            Path::new("img.png"),
            b"\x89PNG\r\n\x1a\n\0\0\0",
            &mut Vec::new(),
        )
        .unwrap_err();
        assert!(matches!(err, Error::Binary { .. }));
    }

    #[test]
    fn absolute_handles_paths_that_do_not_exist() {
        let here = fs::canonicalize(".").unwrap();
        assert_eq!(absolute(Path::new("no/such/dir")), here.join("no/such/dir"));
    }
}
