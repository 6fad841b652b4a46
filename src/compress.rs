//! Transparent compression: which compression a path or a stream uses, and
//! readers and writers that undo or apply it.
//!
//! Files are known by their extension (`.gz`, `.zst`), streams by their
//! magic bytes. Gzip input may hold several members one after another (as
//! Common Crawl writes WARC files: one member per record); they read as one
//! stream. This module knows nothing about what the bytes mean.

use std::io::{self, Read, Write};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;

/// How a file or stream is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip (`.gz`).
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// Bytes [`Compression::sniff`] needs to see to decide.
pub(crate) const MAGIC_LEN: usize = 4;

impl Compression {
    /// The compression a file name's extension says, and the name without
    /// that extension: `a.jsonl.gz` is gzip, named `a.jsonl` inside.
    pub fn from_name(name: &str) -> (Compression, &str) {
        if let Some(stem) = name.strip_suffix(".gz") {
            (Compression::Gzip, stem)
        } else if let Some(stem) = name.strip_suffix(".zst") {
            (Compression::Zstd, stem)
        } else {
            (Compression::None, name)
        }
    }

    /// The compression of the file at `path`, by its extension.
    pub fn from_path(path: &Path) -> Compression {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        Compression::from_name(&name).0
    }

    /// The compression a stream starting with `head` uses, by its magic
    /// bytes; give it the first 4 bytes when the stream has them.
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(GZIP_MAGIC) {
            Compression::Gzip
        } else if head.starts_with(ZSTD_MAGIC) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// The file extension, with its dot; empty for no compression.
    pub fn extension(self) -> &'static str {
        match self {
            Compression::None => "",
            Compression::Gzip => ".gz",
            Compression::Zstd => ".zst",
        }
    }

    /// A reader giving the decompressed bytes of `input`.
    ///
    /// # Errors
    ///
    /// The I/O error of setting up the zstd decoder.
    pub fn decoder<'a, R: Read + Send + 'a>(
        self,
        input: R,
    ) -> io::Result<Box<dyn Read + Send + 'a>> {
        Ok(match self {
            Compression::None => Box::new(input),
            Compression::Gzip => Box::new(MultiGzDecoder::new(input)),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(input)?),
        })
    }

    /// A writer compressing into `output`; call [`Encoder::finish`] to
    /// complete the stream.
    ///
    /// # Errors
    ///
    /// The I/O error of setting up the zstd encoder.
    pub fn encoder<W: Write>(self, output: W) -> io::Result<Encoder<W>> {
        Ok(match self {
            Compression::None => Encoder::Plain(output),
            Compression::Gzip => {
                Encoder::Gzip(GzEncoder::new(output, flate2::Compression::default()))
            }
            Compression::Zstd => Encoder::Zstd(zstd::stream::write::Encoder::new(output, 0)?),
        })
    }
}

/// A writer that compresses (or not) into an inner writer.
pub enum Encoder<W: Write> {
    /// Bytes pass through.
    Plain(W),
    /// gzip.
    Gzip(GzEncoder<W>),
    /// Zstandard.
    Zstd(zstd::stream::write::Encoder<'static, W>),
}

impl<W: Write> std::fmt::Debug for Encoder<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Encoder::Plain(_) => Compression::None,
            Encoder::Gzip(_) => Compression::Gzip,
            Encoder::Zstd(_) => Compression::Zstd,
        };
        f.debug_tuple("Encoder").field(&kind).finish()
    }
}

impl<W: Write> Encoder<W> {
    /// Writes the end of the compressed stream and gives back the inner
    /// writer, flushed.
    ///
    /// # Errors
    ///
    /// The I/O error of the last writes.
    pub fn finish(self) -> io::Result<W> {
        let mut inner = match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(e) => e.finish()?,
            Encoder::Zstd(e) => e.finish()?,
        };
        inner.flush()?;
        Ok(inner)
    }
}

impl<W: Write> Write for Encoder<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Encoder::Plain(w) => w.write(buf),
            Encoder::Gzip(e) => e.write(buf),
            Encoder::Zstd(e) => e.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Encoder::Plain(w) => w.write_all(buf),
            Encoder::Gzip(e) => e.write_all(buf),
            Encoder::Zstd(e) => e.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Encoder::Plain(w) => w.flush(),
            Encoder::Gzip(e) => e.flush(),
            Encoder::Zstd(e) => e.flush(),
        }
    }
}

/// A reader that gives peeked bytes again, then the rest of the stream.
pub(crate) type Peeked<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// Reads up to `n` bytes from the start of `input` without losing them:
/// gives the bytes and a reader that yields them again, then the rest.
///
/// # Errors
///
/// The I/O error of reading.
pub(crate) fn peek<R: Read>(mut input: R, n: usize) -> io::Result<(Vec<u8>, Peeked<R>)> {
    let mut head = Vec::with_capacity(n);
    (&mut input).take(n as u64).read_to_end(&mut head)?;
    Ok((head.clone(), io::Cursor::new(head).chain(input)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(c: Compression) {
        let text = b"{\"text\":\"hello\"}\n".repeat(100);
        let mut enc = c.encoder(Vec::new()).unwrap();
        enc.write_all(&text).unwrap();
        let packed = enc.finish().unwrap();
        assert_eq!(Compression::sniff(&packed), c);
        let mut back = Vec::new();
        c.decoder(&packed[..])
            .unwrap()
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn gzip_and_zstd_round_trip_and_are_sniffed() {
        round_trip(Compression::Gzip);
        round_trip(Compression::Zstd);
        assert_eq!(Compression::sniff(b"WARC/1.0"), Compression::None);
        assert_eq!(Compression::sniff(b""), Compression::None);
    }

    #[test]
    fn gzip_members_read_as_one_stream() {
        let mut both = Vec::new();
        for part in [&b"first\n"[..], b"second\n"] {
            let mut enc = Compression::Gzip.encoder(Vec::new()).unwrap();
            enc.write_all(part).unwrap();
            both.extend(enc.finish().unwrap());
        }
        let mut back = String::new();
        Compression::Gzip
            .decoder(&both[..])
            .unwrap()
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, "first\nsecond\n");
    }

    #[test]
    fn truncated_streams_are_errors() {
        for c in [Compression::Gzip, Compression::Zstd] {
            let mut enc = c.encoder(Vec::new()).unwrap();
            enc.write_all(&b"some text that compresses\n".repeat(1000))
                .unwrap();
            let packed = enc.finish().unwrap();
            let cut = &packed[..packed.len() / 2];
            let mut back = Vec::new();
            let err = c.decoder(cut).unwrap().read_to_end(&mut back).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof, "{c:?}: {err}");
        }
    }

    #[test]
    fn names_say_their_compression() {
        assert_eq!(
            Compression::from_name("a.jsonl.gz"),
            (Compression::Gzip, "a.jsonl")
        );
        assert_eq!(
            Compression::from_name("a.jsonl.zst"),
            (Compression::Zstd, "a.jsonl")
        );
        assert_eq!(
            Compression::from_name("a.txt"),
            (Compression::None, "a.txt")
        );
    }

    #[test]
    fn peek_loses_nothing() {
        let (head, rest) = peek(&b"abcdef"[..], 4).unwrap();
        assert_eq!(head, b"abcd");
        let mut all = Vec::new();
        { rest }.read_to_end(&mut all).unwrap();
        assert_eq!(all, b"abcdef");
    }
}
