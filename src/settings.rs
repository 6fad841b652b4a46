//! Settings of the rule-free stages: which run, and how eagerly.

/// How a [`Cleaner`](crate::Cleaner) runs its stages beyond the rules.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Settings {
    /// Run the rule-free heuristics (breadcrumbs, banners ...). Off gives a
    /// rules-only cleaner that removes only what rules and in-document
    /// duplicates say.
    pub heuristics: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { heuristics: true }
    }
}

impl Settings {
    /// Settings for a cleaner that removes only what its rules (and
    /// in-document duplicates) say.
    pub fn rules_only() -> Settings {
        Settings { heuristics: false }
    }
}
