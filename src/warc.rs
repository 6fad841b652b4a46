//! WARC and WET files (Common Crawl): a small streaming reader of records,
//! and the plain-text documents inside them.
//!
//! Documents are `conversion` records (WET: the page's text) and `response`
//! records whose HTTP payload is `text/plain`. Every other record (warcinfo,
//! request, metadata, HTML responses ...) is skipped, its body read past
//! without being kept. Only one record is in memory at a time.
//!
//! Why not the `warc` crate: it brings a second gzip implementation
//! (libflate) and a parser framework, and gives no line numbers for errors.
//! WARC framing is a version line, `Name: value` headers, a blank line and
//! `Content-Length` bytes; this reader is that, with its own tests.

use std::fmt;
use std::io::{self, BufRead, Read, Write};

/// Longest header line read; a longer one means the input is not WARC.
const MAX_LINE: u64 = 64 * 1024;

/// Largest record body kept in memory; larger documents fail, larger
/// records of other kinds are skipped.
pub const MAX_BODY: u64 = 256 * 1024 * 1024;

/// Reads the records of a WARC or WET stream (already decompressed).
#[derive(Debug)]
pub struct WarcReader<R> {
    input: R,
    /// 1-based number of the next line to read.
    line: usize,
}

/// A record, as far as cleaning is concerned.
#[derive(Debug)]
pub enum Entry {
    /// A record holding a plain-text document.
    Document(WarcDoc),
    /// A record holding no plain text.
    Skipped {
        /// 1-based line of the record's version line.
        line: usize,
        /// Why it holds no document.
        why: &'static str,
    },
}

/// A plain-text document from a WARC record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcDoc {
    /// 1-based line of the record's version line.
    pub line: usize,
    /// `WARC-Record-ID`.
    pub id: Option<String>,
    /// `WARC-Target-URI`: the page's URL.
    pub url: Option<String>,
    /// `WARC-Date`.
    pub date: Option<String>,
    /// `WARC-Identified-Content-Language` (ISO 639-3 codes, as Common Crawl
    /// writes them).
    pub language: Option<String>,
    /// The text, as bytes (WET text is UTF-8; a response's may not be).
    pub body: Vec<u8>,
}

/// A stream that cannot be read as WARC, from the given line on.
#[derive(Debug)]
pub struct WarcError {
    /// 1-based line where the problem was found.
    pub line: usize,
    /// What is wrong.
    pub kind: WarcErrorKind,
}

/// What is wrong with a WARC stream.
#[derive(Debug)]
pub enum WarcErrorKind {
    /// Reading failed, or the stream ended inside a record.
    Io(io::Error),
    /// The bytes are not WARC.
    Format(String),
}

impl fmt::Display for WarcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            WarcErrorKind::Io(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                f.write_str("input ends inside a WARC record (truncated file?)")
            }
            WarcErrorKind::Io(_) => f.write_str("could not read WARC input"),
            WarcErrorKind::Format(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for WarcError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            WarcErrorKind::Io(e) => Some(e),
            WarcErrorKind::Format(_) => None,
        }
    }
}

impl<R: BufRead> WarcReader<R> {
    /// A reader of the records in `input`.
    pub fn new(input: R) -> WarcReader<R> {
        WarcReader { input, line: 1 }
    }

    /// The next record, `None` at the end of the stream.
    ///
    /// # Errors
    ///
    /// A [`WarcError`] when the stream cannot be read or is not WARC; the
    /// reader cannot go on after one.
    pub fn next_entry(&mut self) -> Option<Result<Entry, WarcError>> {
        self.read_entry().transpose()
    }

    fn read_entry(&mut self) -> Result<Option<Entry>, WarcError> {
        let mut buf = Vec::new();
        let start = loop {
            let at = self.line;
            if !self.read_line(&mut buf)? {
                return Ok(None);
            }
            if !buf.trim_ascii().is_empty() {
                break at;
            }
        };
        if !buf.starts_with(b"WARC/") {
            return Err(self.format_error(
                start,
                format!(
                    "expected a `WARC/1.x` version line, found `{}`",
                    excerpt(&buf)
                ),
            ));
        }
        let mut headers = Vec::new();
        loop {
            let at = self.line;
            if !self.read_line(&mut buf)? {
                return Err(WarcError {
                    line: at,
                    kind: WarcErrorKind::Io(io::ErrorKind::UnexpectedEof.into()),
                });
            }
            let line = buf.trim_ascii_end();
            if line.is_empty() {
                break;
            }
            let line = String::from_utf8_lossy(line);
            match line.split_once(':') {
                Some((name, value)) => {
                    headers.push((name.trim().to_string(), value.trim().to_string()))
                }
                None => {
                    return Err(self.format_error(
                        at,
                        format!(
                            "expected a `Name: value` WARC header, found `{}`",
                            excerpt(line.as_bytes())
                        ),
                    ));
                }
            }
        }
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let length: u64 = match header("Content-Length").map(str::parse) {
            Some(Ok(n)) => n,
            _ => {
                return Err(self.format_error(
                    start,
                    "WARC record without a valid Content-Length".to_string(),
                ));
            }
        };
        let kind = header("WARC-Type").unwrap_or_default().to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "conversion" | "response");
        if !wanted || length > MAX_BODY {
            self.skip_body(length)?;
            let why = if wanted {
                "record larger than the 256 MiB a document may have"
            } else {
                "record of a kind that holds no document"
            };
            return Ok(Some(Entry::Skipped { line: start, why }));
        }
        let mut body = Vec::with_capacity(length as usize);
        let read = (&mut self.input)
            .take(length)
            .read_to_end(&mut body)
            .map_err(|e| self.io_error(e))?;
        self.line += memchr::memchr_iter(b'\n', &body).count();
        if (read as u64) < length {
            return Err(self.io_error(io::ErrorKind::UnexpectedEof.into()));
        }
        if kind == "response" {
            match http_text_payload(&body) {
                Ok(at) => {
                    body.drain(..at);
                }
                Err(why) => return Ok(Some(Entry::Skipped { line: start, why })),
            }
        }
        let owned = |name: &str| header(name).map(str::to_string);
        Ok(Some(Entry::Document(WarcDoc {
            line: start,
            id: owned("WARC-Record-ID"),
            url: owned("WARC-Target-URI"),
            date: owned("WARC-Date"),
            language: owned("WARC-Identified-Content-Language"),
            body,
        })))
    }

    /// Reads one line into `buf`, counting it; `false` at the end.
    fn read_line(&mut self, buf: &mut Vec<u8>) -> Result<bool, WarcError> {
        buf.clear();
        let n = (&mut self.input)
            .take(MAX_LINE)
            .read_until(b'\n', buf)
            .map_err(|e| self.io_error(e))?;
        if n == 0 {
            return Ok(false);
        }
        if buf.last() == Some(&b'\n') {
            self.line += 1;
        } else if n as u64 == MAX_LINE {
            return Err(self.format_error(
                self.line,
                "line longer than 64 KiB in a WARC header".to_string(),
            ));
        }
        Ok(true)
    }

    fn skip_body(&mut self, length: u64) -> Result<(), WarcError> {
        let mut lines = LineCount(0);
        let copied = io::copy(&mut (&mut self.input).take(length), &mut lines)
            .map_err(|e| self.io_error(e))?;
        self.line += lines.0;
        if copied < length {
            return Err(self.io_error(io::ErrorKind::UnexpectedEof.into()));
        }
        Ok(())
    }

    fn io_error(&self, e: io::Error) -> WarcError {
        WarcError {
            line: self.line,
            kind: WarcErrorKind::Io(e),
        }
    }

    fn format_error(&self, line: usize, message: String) -> WarcError {
        WarcError {
            line,
            kind: WarcErrorKind::Format(message),
        }
    }
}

/// Where the payload of an HTTP response starts, when it is plain text.
fn http_text_payload(body: &[u8]) -> Result<usize, &'static str> {
    let end = memchr::memmem::find(body, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| memchr::memmem::find(body, b"\n\n").map(|i| i + 2))
        .ok_or("response without HTTP headers")?;
    let head = String::from_utf8_lossy(&body[..end]);
    let mut lines = head.lines();
    if !lines.next().is_some_and(|l| l.starts_with("HTTP/")) {
        return Err("response without an HTTP status line");
    }
    let mut plain = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        if name.trim().eq_ignore_ascii_case("content-type") {
            plain = value.starts_with("text/plain");
        } else if name.trim().eq_ignore_ascii_case("content-encoding") && value != "identity" {
            return Err("response with an encoded (compressed) payload");
        }
    }
    if plain {
        Ok(end)
    } else {
        Err(
            "response that is not text/plain (HTML needs converting to text first, as WET files are)",
        )
    }
}

/// A sink that counts the line breaks written to it.
struct LineCount(usize);

impl Write for LineCount {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += memchr::memchr_iter(b'\n', buf).count();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The start of a line, for messages.
fn excerpt(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line.trim_ascii());
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, extra: &str, body: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\n{extra}Content-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    fn entries(input: &str) -> Vec<Result<Entry, WarcError>> {
        let mut reader = WarcReader::new(input.as_bytes());
        std::iter::from_fn(|| reader.next_entry()).collect()
    }

    #[test]
    fn conversion_records_are_documents_with_their_headers() {
        let input = record("warcinfo", "", "software: x\r\n")
            + &record(
                "conversion",
                "WARC-Target-URI: https://example.com/a\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Identified-Content-Language: eng\r\n",
                "Title\nBody text.\n",
            );
        let got = entries(&input);
        assert_eq!(got.len(), 2);
        assert!(matches!(got[0], Ok(Entry::Skipped { line: 1, .. })));
        let Ok(Entry::Document(doc)) = &got[1] else {
            panic!("{:?}", got[1]);
        };
        assert_eq!(doc.line, 8);
        assert_eq!(doc.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(doc.id.as_deref(), Some("<urn:uuid:1>"));
        assert_eq!(doc.language.as_deref(), Some("eng"));
        assert_eq!(doc.body, b"Title\nBody text.\n");
    }

    #[test]
    fn responses_are_documents_only_when_plain_text() {
        let plain =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJust text.\n";
        let html = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>";
        let input = record("response", "", plain) + &record("response", "", html);
        let got = entries(&input);
        let Ok(Entry::Document(doc)) = &got[0] else {
            panic!("{:?}", got[0]);
        };
        assert_eq!(doc.body, b"Just text.\n");
        assert!(
            matches!(&got[1], Ok(Entry::Skipped { why, .. }) if why.contains("not text/plain"))
        );
    }

    #[test]
    fn garbage_is_an_error_with_its_line() {
        let input = record("warcinfo", "", "x") + "\r\nnot warc\r\n";
        let got = entries(&input);
        let Err(err) = &got[1] else {
            panic!("{:?}", got[1]);
        };
        assert_eq!(err.line, 8);
        assert!(err.to_string().contains("found `not warc`"), "{err}");
    }

    #[test]
    fn a_record_cut_short_is_a_truncation_error() {
        let input = record("conversion", "", "Some text that goes on.\n");
        let cut = &input[..input.len() - 12];
        let got = entries(cut);
        let Err(err) = &got[0] else {
            panic!("{:?}", got[0]);
        };
        assert!(err.to_string().contains("truncated"), "{err}");
        let headers_only = "WARC/1.0\r\nWARC-Type: conversion\r\n";
        assert!(entries(headers_only)[0].is_err());
    }

    #[test]
    fn the_common_crawl_wet_sample_holds_one_document() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/whirlwind.warc.wet"
        );
        let bytes = std::fs::read(path).unwrap();
        let got: Vec<_> = entries(&String::from_utf8(bytes).unwrap())
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let docs: Vec<_> = got
            .iter()
            .filter_map(|e| match e {
                Entry::Document(d) => Some(d),
                Entry::Skipped { .. } => None,
            })
            .collect();
        assert_eq!(got.len(), 2);
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0].url.as_deref(),
            Some("https://an.wikipedia.org/wiki/Escopete")
        );
        assert!(docs[0].body.starts_with(b"Escopete - Biquipedia"));
    }
}
