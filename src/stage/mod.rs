//! The stages of cleaning, in the order [`Cleaner`](crate::Cleaner) runs
//! them. Each marks lines or spans of a [`Page`](crate::document::Page) as
//! removed, with a reason, and never edits text.

pub(crate) mod classify;
pub(crate) mod content;
pub(crate) mod context;
pub(crate) mod duplicates;
pub(crate) mod heuristics;
pub(crate) mod region;
pub(crate) mod rules;

#[cfg(test)]
pub(crate) mod tests {
    use crate::{Cleaner, RuleSet};

    /// The kept text of `text` cleaned with no rules: what the rule-free
    /// stages alone do.
    pub(crate) fn clean_without_rules(text: &str) -> String {
        Cleaner::new(&RuleSet::new())
            .unwrap()
            .clean(text)
            .into_text()
    }
}
