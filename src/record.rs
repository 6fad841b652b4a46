//! One document of an input, from the bytes read to the bytes written: a
//! whole text file, a JSONL line or a WARC record, cleaned (or annotated)
//! and serialised, or failed with a reason. Pure: no I/O, no threads; the
//! pipeline calls it from many threads at once.

use std::borrow::Cow;
use std::path::Path;

use serde::Serialize;

use crate::clean::{Cleaned, Cleaner, Document};
use crate::error::Error;
use crate::jsonl::{Line, Record, RecordError};
use crate::pipeline::{BadRecords, Options};
use crate::warc::WarcDoc;

/// A document as read.
#[derive(Debug)]
pub(crate) enum Raw {
    /// A whole input of plain text.
    Text(Vec<u8>),
    /// A JSONL line, without its line break.
    Line(Vec<u8>),
    /// A WARC record's document.
    Warc(WarcDoc),
}

impl Raw {
    /// Bytes held, for sizing batches.
    pub(crate) fn len(&self) -> usize {
        match self {
            Raw::Text(b) | Raw::Line(b) => b.len(),
            Raw::Warc(d) => d.body.len(),
        }
    }
}

/// A document of an input, where it starts.
#[derive(Debug)]
pub(crate) struct Item {
    /// 1-based line of the input where the document starts.
    pub(crate) line: usize,
    pub(crate) raw: Raw,
}

/// A processed document.
#[derive(Debug)]
pub(crate) struct Done {
    pub(crate) line: usize,
    /// The record's id (from the id field or the WARC record), for messages.
    pub(crate) id: Option<String>,
    /// What to write: the cleaned document, or for a failed record that is
    /// passed through, the record as it was.
    pub(crate) out: Vec<u8>,
    /// The cleaning, or why there is none.
    pub(crate) result: Result<Cleaned, Error>,
    /// Bytes of document text read.
    pub(crate) bytes_in: usize,
    /// The document's text, kept only for explaining removals.
    pub(crate) text: Option<String>,
    /// A problem that did not stop the cleaning.
    pub(crate) warning: Option<String>,
}

impl Done {
    /// A document that could not even be read.
    pub(crate) fn failed(line: usize, error: Error) -> Done {
        Done {
            line,
            id: None,
            out: Vec::new(),
            result: Err(error),
            bytes_in: 0,
            text: None,
            warning: None,
        }
    }
}

/// One removal, as `--annotate` writes it into a record.
#[derive(Debug, Serialize)]
struct Annotation<'a> {
    start: usize,
    end: usize,
    line: usize,
    whole_line: bool,
    reason: &'a str,
    rule: Option<&'a str>,
}

/// Cleans one document of the input at `path`.
pub(crate) fn process(cleaner: &Cleaner, options: &Options, path: &Path, item: Item) -> Done {
    let mut done = Done {
        line: item.line,
        id: None,
        out: Vec::new(),
        result: Err(Error::Binary {
            path: path.to_path_buf(),
        }),
        bytes_in: 0,
        text: None,
        warning: None,
    };
    match item.raw {
        Raw::Text(bytes) => text(cleaner, options, path, &bytes, &mut done),
        Raw::Line(bytes) => {
            if let Err(e) = line(cleaner, options, path, &bytes, &mut done) {
                let message = match &done.id {
                    Some(id) => format!("{e} (record `{id}`)"),
                    None => e.to_string(),
                };
                done.result = Err(Error::BadRecord {
                    path: path.to_path_buf(),
                    line: done.line,
                    message,
                });
            }
            if done.result.is_err() && options.bad_records == BadRecords::Pass {
                done.out.clear();
                done.out.extend_from_slice(&bytes);
                done.out.push(b'\n');
            }
        }
        Raw::Warc(doc) => warc(cleaner, options, path, doc, &mut done),
    }
    done
}

fn text(cleaner: &Cleaner, options: &Options, path: &Path, bytes: &[u8], done: &mut Done) {
    done.bytes_in = bytes.len();
    let mut warnings = Vec::new();
    let text = match crate::pipeline::decode(path, bytes, &mut warnings) {
        Ok(t) => t,
        Err(e) => {
            done.result = Err(e);
            return;
        }
    };
    done.warning = warnings.pop();
    done.result = crate::pipeline::clean_guarded(cleaner, path, &text);
    if let Ok(cleaned) = &done.result {
        done.out = cleaned.text().as_bytes().to_vec();
    }
    if options.explain {
        done.text = Some(text.into_owned());
    }
}

fn line(
    cleaner: &Cleaner,
    options: &Options,
    path: &Path,
    bytes: &[u8],
    done: &mut Done,
) -> Result<(), RecordError> {
    let record = Record::parse(bytes)?;
    done.id = options.id_field.as_deref().and_then(|f| record.label(f));
    let text = record
        .string(&options.text_field)?
        .ok_or_else(|| RecordError::Missing(options.text_field.clone()))?;
    let url = record.string(&options.url_field).ok().flatten();
    done.bytes_in = text.len();
    let mut doc = Document::new(&text);
    if let Some(url) = &url {
        doc = doc.with_url(url);
    }
    done.result = guarded(cleaner, path, &doc);
    if let Ok(cleaned) = &done.result {
        match &options.annotate {
            Some(field) => record.write_with(&mut done.out, field, &annotations(cleaned)),
            None => record.write_with(&mut done.out, &options.text_field, &cleaned.text()),
        }
    }
    if options.explain {
        done.text = Some(text.into_owned());
    }
    Ok(())
}

fn warc(cleaner: &Cleaner, options: &Options, path: &Path, doc: WarcDoc, done: &mut Done) {
    done.bytes_in = doc.body.len();
    done.id.clone_from(&doc.id);
    let text = match std::str::from_utf8(&doc.body) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            done.warning = Some(format!(
                "{}:{}: invalid UTF-8 in the record's text; decoded with replacement characters",
                path.display(),
                doc.line
            ));
            String::from_utf8_lossy(&doc.body)
        }
    };
    let mut document = Document::new(&text);
    if let Some(url) = &doc.url {
        document = document.with_url(url);
    }
    done.result = guarded(cleaner, path, &document);
    let pass = options.bad_records == BadRecords::Pass;
    if done.result.is_ok() || pass {
        let mut line = Line::start(&mut done.out);
        let id_field = options.id_field.as_deref().unwrap_or("id");
        for (field, value) in [
            (id_field, &doc.id),
            (options.url_field.as_str(), &doc.url),
            ("date", &doc.date),
            ("language", &doc.language),
        ] {
            if let Some(value) = value {
                line.value(field, value);
            }
        }
        match (&done.result, &options.annotate) {
            (Ok(cleaned), None) => line.value(&options.text_field, &cleaned.text()),
            (Ok(cleaned), Some(field)) => {
                line.value(&options.text_field, &text);
                line.value(field, &annotations(cleaned));
            }
            (Err(_), _) => line.value(&options.text_field, &text),
        }
        line.end();
    }
    if options.explain {
        done.text = Some(text.into_owned());
    }
}

fn guarded(cleaner: &Cleaner, path: &Path, doc: &Document<'_>) -> Result<Cleaned, Error> {
    crate::pipeline::guard(path, || cleaner.clean_document(doc))
}

fn annotations(cleaned: &Cleaned) -> Vec<Annotation<'_>> {
    cleaned
        .removals()
        .iter()
        .map(|r| Annotation {
            start: r.range.start,
            end: r.range.end,
            line: r.line,
            whole_line: r.whole_line,
            reason: r.reason.label(),
            rule: r.reason.rule().map(|rule| rule.id.as_ref()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    fn run(options: &Options, line: &str) -> Done {
        let cleaner = Cleaner::new(&RuleSet::default_rules()).unwrap();
        let item = Item {
            line: 3,
            raw: Raw::Line(line.as_bytes().to_vec()),
        };
        process(&cleaner, options, Path::new("in.jsonl"), item)
    }

    const PAGE: &str = r#"{"id":"a1","text":"Skip to content\nThe council met on Tuesday and agreed to rebuild the bridge.\n","url":"https://example.com/x"}"#;

    #[test]
    fn a_record_is_cleaned_in_place() {
        let done = run(&Options::default(), PAGE);
        assert_eq!(
            String::from_utf8(done.out).unwrap(),
            "{\"id\":\"a1\",\"text\":\"The council met on Tuesday and agreed to rebuild the bridge.\\n\",\"url\":\"https://example.com/x\"}\n"
        );
        assert_eq!(done.result.unwrap().removals().len(), 1);
    }

    #[test]
    fn annotate_keeps_the_text_and_adds_removals() {
        let options = Options {
            annotate: Some("removals".to_string()),
            id_field: Some("id".to_string()),
            ..Options::default()
        };
        let done = run(&options, PAGE);
        assert_eq!(done.id.as_deref(), Some("a1"));
        let out: serde_json::Value = serde_json::from_slice(&done.out).unwrap();
        let original: serde_json::Value = serde_json::from_str(PAGE).unwrap();
        assert_eq!(out["text"], original["text"]);
        assert_eq!(
            out["removals"],
            serde_json::json!([{"start": 0, "end": 15, "line": 1, "whole_line": true,
                "reason": "navigation", "rule": "navigation.skip-link"}])
        );
    }

    #[test]
    fn bad_records_fail_with_their_line_and_pass_through_if_asked() {
        let done = run(&Options::default(), r#"{"body":"x"}"#);
        let err = done.result.unwrap_err().to_string();
        assert_eq!(
            err,
            "in.jsonl:3: bad record: no `text` field (name the text field with --text-field)"
        );
        assert!(done.out.is_empty());
        let pass = Options {
            bad_records: BadRecords::Pass,
            ..Options::default()
        };
        let done = run(&pass, "{\"text\": 5}");
        assert!(
            done.result
                .unwrap_err()
                .to_string()
                .contains("field `text` is not a string")
        );
        assert_eq!(done.out, b"{\"text\": 5}\n");
    }
}
