//! Cleaning files and directories: which input goes to which output,
//! decoding, cleaning in parallel and writing atomically.
//!
//! This is the only module that uses rayon. Files are cleaned in chunks;
//! within a chunk in parallel, and outcomes are handed back in input order,
//! so reports never depend on the thread count. One bad input never sinks
//! the run: it becomes an [`Outcome`] with an error.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::clean::{Cleaned, Cleaner};
use crate::error::Error;

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
            list_dir(input, output_dir, &mut plan);
        } else {
            let name = input
                .file_name()
                .map_or_else(|| input.as_os_str().to_owned(), |n| n.to_owned());
            plan.tasks.push(Task {
                input: input.clone(),
                output: output_dir.join(name),
            });
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

fn list_dir(dir: &Path, output_dir: &Path, plan: &mut Plan) {
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
                let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
                plan.tasks.push(Task {
                    output: output_dir.join(rel),
                    input: path,
                });
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

/// What happened to one input.
#[derive(Debug)]
pub struct Outcome {
    /// The input file.
    pub input: PathBuf,
    /// The cleaned document, or why there is none.
    pub result: Result<Cleaned, Error>,
    /// Bytes read.
    pub bytes_in: usize,
    /// Problems that did not stop the cleaning, such as invalid UTF-8.
    pub warnings: Vec<String>,
}

/// Cleans every task, writing each output atomically, and hands the
/// outcomes to `on_outcome` in task order.
pub fn clean_files(cleaner: &Cleaner, tasks: &[Task], mut on_outcome: impl FnMut(Outcome)) {
    for chunk in tasks.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(|task| clean_file(cleaner, task))
            .collect();
        outcomes.into_iter().for_each(&mut on_outcome);
    }
}

fn clean_file(cleaner: &Cleaner, task: &Task) -> Outcome {
    let mut outcome = Outcome {
        input: task.input.clone(),
        result: Err(Error::Binary {
            path: task.input.clone(),
        }),
        bytes_in: 0,
        warnings: Vec::new(),
    };
    let bytes = match fs::read(&task.input) {
        Ok(b) => b,
        Err(source) => {
            outcome.result = Err(Error::Read {
                path: task.input.clone(),
                source,
            });
            return outcome;
        }
    };
    outcome.bytes_in = bytes.len();
    outcome.result = decode(&task.input, &bytes, &mut outcome.warnings)
        .and_then(|text| clean_guarded(cleaner, &task.input, &text))
        .and_then(|cleaned| {
            write_atomic(&task.output, cleaned.text().as_bytes()).map_err(|source| {
                Error::Write {
                    path: task.output.clone(),
                    source,
                }
            })?;
            Ok(cleaned)
        });
    outcome
}

/// Cleans `text`, turning a panic into an error that names `path`.
pub fn clean_guarded(cleaner: &Cleaner, path: &Path, text: &str) -> Result<Cleaned, Error> {
    catch_unwind(AssertUnwindSafe(|| cleaner.clean(text))).map_err(|panic| {
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

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename, so `path` never holds half an output. Creates missing
/// parent directories.
///
/// # Errors
///
/// The I/O error of creating, writing or renaming.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.boilerstrip-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_data()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
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
