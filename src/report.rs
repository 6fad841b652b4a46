//! Statistics of a run, added up across documents and threads, and their
//! JSON form for `--stats FILE`.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use crate::clean::{Cleaned, Cleaner};

/// What a run did: documents, bytes, and removals by reason.
///
/// Every document read is counted once in `records_in` and ends up in
/// exactly one of `documents`, `failed` and `dropped`, so
/// [`Stats::balanced`] holds after any run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Documents read: files of text, JSONL records, WARC records holding
    /// plain text.
    pub records_in: u64,
    /// Documents cleaned and written ("records out").
    pub documents: u64,
    /// Documents that could not be cleaned (and were reported): unreadable
    /// or binary files, malformed records.
    pub failed: u64,
    /// Documents cleaned to nothing and left out (`drop_empty`).
    pub dropped: u64,
    /// WARC records that hold no plain text (warcinfo, requests, HTML
    /// responses ...): not documents, so not in `records_in`.
    pub skipped: u64,
    /// Inputs that could not be listed, or read to their end (a truncated
    /// gzip file): each was reported, and every document read before the
    /// problem is counted above.
    pub inputs_failed: u64,
    /// Bytes of document text read (decompressed; for records, the text
    /// field).
    pub bytes_in: u64,
    /// Bytes of kept text.
    pub bytes_out: u64,
    /// Removed lines and spans by [`Reason::label`](crate::Reason::label):
    /// a rule category or a stage name.
    pub removals: BTreeMap<String, u64>,
    /// Removed lines and spans made by a rule, by rule id.
    pub removals_by_rule: BTreeMap<String, u64>,
}

impl Stats {
    /// Counts one document of `bytes_in` bytes, cleaned and written.
    pub fn add_document(&mut self, bytes_in: usize, cleaned: &Cleaned) {
        self.documents += 1;
        self.add_cleaned(bytes_in, cleaned);
    }

    /// Counts one document of `bytes_in` bytes, cleaned to nothing and left
    /// out.
    pub fn add_dropped(&mut self, bytes_in: usize, cleaned: &Cleaned) {
        self.dropped += 1;
        self.add_cleaned(bytes_in, cleaned);
    }

    fn add_cleaned(&mut self, bytes_in: usize, cleaned: &Cleaned) {
        self.bytes_in += bytes_in as u64;
        self.bytes_out += cleaned.text().len() as u64;
        for removal in cleaned.removals() {
            bump(&mut self.removals, removal.reason.label());
            if let Some(rule) = removal.reason.rule() {
                bump(&mut self.removals_by_rule, &rule.id);
            }
        }
    }

    /// Whether every document read is accounted for: records in = out +
    /// failed + dropped.
    pub fn balanced(&self) -> bool {
        self.records_in == self.documents + self.failed + self.dropped
    }

    /// Whether anything failed: a document or a whole input.
    pub fn any_failed(&self) -> bool {
        self.failed > 0 || self.inputs_failed > 0
    }

    /// The statistics as a JSON object, with what a corpus needs to say how
    /// it was cleaned: the tool's version and the fingerprint of
    /// `cleaner`'s rules and settings.
    pub fn to_json(&self, cleaner: &Cleaner) -> String {
        let json = serde_json::json!({
            "tool": "boilerstrip",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": {
                "count": cleaner.rules().len(),
                "fingerprint": cleaner.fingerprint(),
            },
            "records": {
                "in": self.records_in,
                "out": self.documents,
                "failed": self.failed,
                "dropped": self.dropped,
                "skipped": self.skipped,
            },
            "inputs_failed": self.inputs_failed,
            "bytes": { "in": self.bytes_in, "out": self.bytes_out },
            "removals": {
                "by_category": self.removals,
                "by_rule": self.removals_by_rule,
            },
        });
        let mut text = serde_json::to_string_pretty(&json).expect("stats serialise");
        text.push('\n');
        text
    }
}

fn bump(map: &mut BTreeMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

impl AddAssign for Stats {
    fn add_assign(&mut self, other: Stats) {
        self.records_in += other.records_in;
        self.documents += other.documents;
        self.failed += other.failed;
        self.dropped += other.dropped;
        self.skipped += other.skipped;
        self.inputs_failed += other.inputs_failed;
        self.bytes_in += other.bytes_in;
        self.bytes_out += other.bytes_out;
        for (label, n) in other.removals {
            *self.removals.entry(label).or_default() += n;
        }
        for (id, n) in other.removals_by_rule {
            *self.removals_by_rule.entry(id).or_default() += n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, RuleSet};

    #[test]
    fn stats_add_up() {
        let cleaner = Cleaner::new(&RuleSet::new()).unwrap();
        let text = "A line that repeats itself here.\nA line that repeats itself here.\n";
        let mut a = Stats {
            records_in: 1,
            ..Stats::default()
        };
        a.add_document(text.len(), &cleaner.clean(text));
        let mut b = a.clone();
        b.failed = 1;
        b.records_in += 1;
        b += a;
        assert_eq!(b.documents, 2);
        assert_eq!(b.failed, 1);
        assert!(b.balanced());
        assert_eq!(b.bytes_in, 2 * text.len() as u64);
        assert_eq!(b.removals["duplicate"], 2);
        assert!(b.removals_by_rule.is_empty());
    }

    #[test]
    fn json_names_the_tool_rules_and_counts() {
        let cleaner = Cleaner::new(&RuleSet::default_rules()).unwrap();
        let mut stats = Stats {
            records_in: 1,
            ..Stats::default()
        };
        stats.add_document(
            0,
            &cleaner.clean("Skip to content\nThe article says a thing, in a sentence.\n"),
        );
        let json: serde_json::Value = serde_json::from_str(&stats.to_json(&cleaner)).unwrap();
        assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(json["rules"]["fingerprint"], cleaner.fingerprint().as_str());
        assert_eq!(json["records"]["in"], 1);
        assert_eq!(json["records"]["out"], 1);
        assert_eq!(json["removals"]["by_category"]["navigation"], 1);
        assert_eq!(json["removals"]["by_rule"]["navigation.skip-link"], 1);
    }
}
