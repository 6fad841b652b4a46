//! JSONL records: one JSON object per line.
//!
//! A [`Record`] keeps its fields in order as raw JSON, so writing it back
//! changes only the fields that are set; every other value passes through
//! byte for byte (only the whitespace between tokens is dropped). No I/O and
//! no threads here: the pipeline hands lines in and takes bytes out.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// One parsed JSONL record: its fields, in order, as raw JSON.
#[derive(Debug)]
pub struct Record<'a> {
    fields: Vec<(Str<'a>, &'a RawValue)>,
}

/// Why a line is not a usable record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// The line is not UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first bad byte in the line.
        at: usize,
    },
    /// The line is not valid JSON.
    Json(String),
    /// The line is JSON but not an object.
    NotObject,
    /// The object has no such field.
    Missing(String),
    /// The field is not a string.
    NotString(String),
    /// The field is there twice.
    Duplicate(String),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::InvalidUtf8 { at } => {
                write!(f, "invalid UTF-8 at byte {at} of the line")
            }
            RecordError::Json(e) => write!(f, "invalid JSON: {e}"),
            RecordError::NotObject => f.write_str("not a JSON object"),
            RecordError::Missing(field) => write!(
                f,
                "no `{field}` field (name the text field with --text-field)"
            ),
            RecordError::NotString(field) => write!(f, "field `{field}` is not a string"),
            RecordError::Duplicate(field) => write!(f, "field `{field}` appears twice"),
        }
    }
}

impl std::error::Error for RecordError {}

impl<'a> Record<'a> {
    /// Parses one line (without its line break).
    ///
    /// # Errors
    ///
    /// A [`RecordError`] when the line is not UTF-8, not JSON, or not an
    /// object.
    pub fn parse(line: &'a [u8]) -> Result<Record<'a>, RecordError> {
        let text = std::str::from_utf8(line).map_err(|e| RecordError::InvalidUtf8 {
            at: e.valid_up_to(),
        })?;
        if !text.trim_start().starts_with('{') {
            return match serde_json::from_str::<de::IgnoredAny>(text) {
                Ok(_) => Err(RecordError::NotObject),
                Err(e) => Err(RecordError::Json(e.to_string())),
            };
        }
        let fields = serde_json::from_str::<Fields<'a>>(text)
            .map_err(|e| RecordError::Json(e.to_string()))?;
        Ok(Record { fields: fields.0 })
    }

    /// The string value of `field`: `None` when absent.
    ///
    /// # Errors
    ///
    /// [`RecordError::NotString`] or [`RecordError::Duplicate`].
    pub fn string(&self, field: &str) -> Result<Option<Cow<'a, str>>, RecordError> {
        let mut found = None;
        for (key, value) in &self.fields {
            if key.0 != field {
                continue;
            }
            if found.is_some() {
                return Err(RecordError::Duplicate(field.to_string()));
            }
            let s = serde_json::from_str::<Str<'a>>(value.get())
                .map_err(|_| RecordError::NotString(field.to_string()))?;
            found = Some(s.0);
        }
        Ok(found)
    }

    /// The value of `field` for naming the record in messages: a string's
    /// contents, or any other value as JSON.
    pub fn label(&self, field: &str) -> Option<String> {
        let (_, value) = self.fields.iter().find(|(k, _)| k.0 == field)?;
        Some(match serde_json::from_str::<Str<'_>>(value.get()) {
            Ok(s) => s.0.into_owned(),
            Err(_) => value.get().to_string(),
        })
    }

    /// Writes the record as one line to `out`, with `field` set to
    /// `value`: in its place when the record has it, else added last.
    pub fn write_with(&self, out: &mut Vec<u8>, field: &str, value: &impl Serialize) {
        let mut line = Line::start(out);
        let mut set = false;
        for (key, raw) in &self.fields {
            if key.0 != field {
                line.raw(&key.0, raw.get());
            } else if !set {
                line.value(field, value);
                set = true;
            }
        }
        if !set {
            line.value(field, value);
        }
        line.end();
    }
}

/// Writes one JSON object as a line, field by field.
#[derive(Debug)]
pub struct Line<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl<'o> Line<'o> {
    /// Starts a line in `out`.
    pub fn start(out: &'o mut Vec<u8>) -> Line<'o> {
        out.push(b'{');
        Line { out, first: true }
    }

    /// Adds a field whose value is already JSON.
    pub fn raw(&mut self, key: &str, json: &str) {
        self.key(key);
        self.out.extend_from_slice(json.as_bytes());
    }

    /// Adds a field.
    pub fn value(&mut self, key: &str, value: &impl Serialize) {
        self.key(key);
        serde_json::to_writer(&mut *self.out, value).expect("a value serialises to JSON");
    }

    /// Ends the object and the line.
    pub fn end(self) {
        self.out.extend_from_slice(b"}\n");
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        serde_json::to_writer(&mut *self.out, key).expect("a string serialises to JSON");
        self.out.push(b':');
    }
}

/// The fields of an object, in order, values left raw.
struct Fields<'a>(Vec<(Str<'a>, &'a RawValue)>);

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(entry) = map.next_entry::<Str<'de>, &'de RawValue>()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        d.deserialize_map(FieldsVisitor)
    }
}

/// A JSON string, borrowed from the line when it has no escapes.
#[derive(Debug)]
struct Str<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(s)))
            }
        }
        d.deserialize_str(StrVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(line: &str, field: &str, value: &str) -> String {
        let record = Record::parse(line.as_bytes()).unwrap();
        let mut out = Vec::new();
        record.write_with(&mut out, field, &value);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn other_fields_pass_through_byte_for_byte_in_order() {
        let line = r#"{"z": 1.50e3, "text": "old\nlines", "a": {"k": [1, "\u00e9"]}, "n": null}"#;
        assert_eq!(
            rewrite(line, "text", "new\n"),
            "{\"z\":1.50e3,\"text\":\"new\\n\",\"a\":{\"k\": [1, \"\\u00e9\"]},\"n\":null}\n"
        );
    }

    #[test]
    fn a_missing_field_is_added_last() {
        assert_eq!(
            rewrite(r#"{"text":"t"}"#, "notes", "x"),
            "{\"text\":\"t\",\"notes\":\"x\"}\n"
        );
    }

    #[test]
    fn strings_are_read_with_escapes_undone() {
        let record =
            Record::parse(br#"{"text":"a\nb \"q\"","url":"https://x.org/","id":7}"#).unwrap();
        assert_eq!(record.string("text").unwrap().unwrap(), "a\nb \"q\"");
        assert!(matches!(
            record.string("url").unwrap(),
            Some(Cow::Borrowed("https://x.org/"))
        ));
        assert_eq!(record.string("missing").unwrap(), None);
        assert_eq!(
            record.string("id"),
            Err(RecordError::NotString("id".to_string()))
        );
        assert_eq!(record.label("id").as_deref(), Some("7"));
        assert_eq!(record.label("url").as_deref(), Some("https://x.org/"));
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        assert_eq!(
            Record::parse(b"{\"text\": \"\xff\"}").unwrap_err(),
            RecordError::InvalidUtf8 { at: 10 }
        );
        assert_eq!(
            Record::parse(b"[1, 2]").unwrap_err(),
            RecordError::NotObject
        );
        assert!(matches!(
            Record::parse(b"{\"text\": \"cut").unwrap_err(),
            RecordError::Json(_)
        ));
        assert!(matches!(
            Record::parse(b"not json").unwrap_err(),
            RecordError::Json(_)
        ));
        let twice = Record::parse(br#"{"text":"a","text":"b"}"#).unwrap();
        assert_eq!(
            twice.string("text"),
            Err(RecordError::Duplicate("text".to_string()))
        );
    }
}
