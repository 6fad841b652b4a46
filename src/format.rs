//! Input formats: what a file or stream holds (plain text, JSONL records,
//! WARC/WET records), told by name or by its first bytes, and what its
//! cleaned output is called.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::compress::Compression;

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One document of plain text.
    Text,
    /// One JSON object per line, the document's text in one field.
    Jsonl,
    /// WARC or WET records (Common Crawl); cleaned into JSONL.
    Warc,
}

impl Format {
    /// The format a file's name says, after any compression extension:
    /// `.jsonl` and `.ndjson` are JSONL, `.warc` and `.wet` (so also
    /// `.warc.wet`) are WARC, everything else is text.
    pub fn from_path(path: &Path) -> Format {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let (_, stem) = Compression::from_name(&name);
        let ext = stem.rsplit_once('.').map_or("", |(_, e)| e);
        match ext.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Format::Jsonl,
            "warc" | "wet" => Format::Warc,
            _ => Format::Text,
        }
    }

    /// The format of a (decompressed) stream starting with `head`: WARC by
    /// its version line, JSONL when the first line is a JSON object (or
    /// starts like one and is longer than `head`), text otherwise.
    pub fn sniff(head: &[u8]) -> Format {
        if head.starts_with(b"WARC/") {
            return Format::Warc;
        }
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = &head[start..];
        if !head.starts_with(b"{") {
            return Format::Text;
        }
        match memchr::memchr(b'\n', head) {
            Some(end) => {
                if serde_json::from_slice::<serde::de::IgnoredAny>(&head[..end]).is_ok() {
                    Format::Jsonl
                } else {
                    Format::Text
                }
            }
            None => {
                let rest = head[1..].trim_ascii_start();
                if rest.starts_with(b"\"") {
                    Format::Jsonl
                } else {
                    Format::Text
                }
            }
        }
    }

    /// Where the cleaned form of `input` goes in a directory: the same
    /// name, except that WARC input becomes JSONL, named by adding `.jsonl`
    /// before any compression extension (`a.warc.gz` → `a.warc.jsonl.gz`).
    pub fn output_name(self, input: &Path) -> PathBuf {
        if self != Format::Warc {
            return input.to_path_buf();
        }
        let name = input.file_name().unwrap_or_default().to_string_lossy();
        let (compression, stem) = Compression::from_name(&name);
        input.with_file_name(format!("{stem}.jsonl{}", compression.extension()))
    }

    /// Whether the format holds records (and is cleaned record by record
    /// into JSONL) rather than one document.
    pub fn has_records(self) -> bool {
        self != Format::Text
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "text" => Ok(Format::Text),
            "jsonl" => Ok(Format::Jsonl),
            "warc" | "wet" => Ok(Format::Warc),
            _ => Err(format!("unknown format `{s}`; use text, jsonl or warc")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        for (name, want) in [
            ("a.jsonl", Format::Jsonl),
            ("a.jsonl.gz", Format::Jsonl),
            ("a.JSONL.zst", Format::Jsonl),
            ("a.ndjson", Format::Jsonl),
            ("a.warc", Format::Warc),
            ("a.warc.gz", Format::Warc),
            ("a.warc.wet", Format::Warc),
            ("a.warc.wet.gz", Format::Warc),
            ("a.txt", Format::Text),
            ("a.txt.gz", Format::Text),
            ("README", Format::Text),
        ] {
            assert_eq!(Format::from_path(Path::new(name)), want, "{name}");
        }
    }

    #[test]
    fn warc_output_is_named_jsonl() {
        let cases = [
            ("d/a.warc.gz", "d/a.warc.jsonl.gz"),
            ("a.warc.wet.gz", "a.warc.wet.jsonl.gz"),
            ("a.wet", "a.wet.jsonl"),
        ];
        for (input, want) in cases {
            assert_eq!(
                Format::Warc.output_name(Path::new(input)),
                Path::new(want),
                "{input}"
            );
        }
        assert_eq!(
            Format::Jsonl.output_name(Path::new("a.jsonl.zst")),
            Path::new("a.jsonl.zst")
        );
    }

    #[test]
    fn streams_are_sniffed() {
        assert_eq!(Format::sniff(b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(Format::sniff(b"{\"text\": \"a\"}\n{"), Format::Jsonl);
        assert_eq!(Format::sniff(b"  {\"text\": \"a very long"), Format::Jsonl);
        assert_eq!(Format::sniff(b"{ not json }\nmore"), Format::Text);
        assert_eq!(Format::sniff(b"Skip to content\n"), Format::Text);
        assert_eq!(Format::sniff(b""), Format::Text);
    }
}
