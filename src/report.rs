//! Statistics of a run, added up across documents and threads.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use crate::clean::Cleaned;

/// What a run did: documents, bytes, and removals by reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Documents cleaned.
    pub documents: u64,
    /// Inputs that could not be cleaned (and were reported).
    pub failed: u64,
    /// Bytes read from cleaned documents.
    pub bytes_in: u64,
    /// Bytes of kept text written.
    pub bytes_out: u64,
    /// Removed lines and spans by [`Reason::label`](crate::Reason::label):
    /// a rule category or a stage name.
    pub removals: BTreeMap<String, u64>,
}

impl Stats {
    /// Counts one cleaned document of `bytes_in` bytes.
    pub fn add_document(&mut self, bytes_in: usize, cleaned: &Cleaned) {
        self.documents += 1;
        self.bytes_in += bytes_in as u64;
        self.bytes_out += cleaned.text().len() as u64;
        for removal in cleaned.removals() {
            *self
                .removals
                .entry(removal.reason.label().to_string())
                .or_default() += 1;
        }
    }
}

impl AddAssign for Stats {
    fn add_assign(&mut self, other: Stats) {
        self.documents += other.documents;
        self.failed += other.failed;
        self.bytes_in += other.bytes_in;
        self.bytes_out += other.bytes_out;
        for (label, n) in other.removals {
            *self.removals.entry(label).or_default() += n;
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
        let mut a = Stats::default();
        a.add_document(text.len(), &cleaner.clean(text));
        let mut b = a.clone();
        b.failed = 1;
        b += a;
        assert_eq!(b.documents, 2);
        assert_eq!(b.failed, 1);
        assert_eq!(b.bytes_in, 2 * text.len() as u64);
        assert_eq!(b.removals["duplicate"], 2);
    }
}
