//! A fingerprint of what decides a cleaner's output, its rules and
//! settings, so a corpus can record how it was cleaned and a later run can
//! tell whether it would clean the same way.
//!
//! It hashes what matters for matching (ids, kinds, categories, patterns,
//! guards, scopes) and nothing else: a rule's `why`, examples and the path
//! of its file can change without changing the fingerprint. The hash is
//! 64-bit FNV-1a over a length-prefixed encoding, stable across platforms
//! and builds.

use std::hash::Hasher;

use crate::rules::Rule;
use crate::settings::Settings;

/// The fingerprint of `rules` under `settings`, as `fnv1a64:` and 16 hex
/// digits.
pub(crate) fn of(rules: &[Rule], settings: &Settings) -> String {
    let mut h = Fnv::default();
    h.field(format!("{settings:?}").as_bytes());
    for rule in rules {
        h.field(rule.id().as_bytes());
        h.field(rule.kind().name().as_bytes());
        h.field(rule.category().name().as_bytes());
        for pattern in rule.patterns() {
            h.field(pattern.as_bytes());
        }
        h.field(
            &rule
                .max_words()
                .map_or(u64::MAX, |n| n as u64)
                .to_le_bytes(),
        );
        for site in rule.sites() {
            h.field(&[u8::from(site.excluded)]);
            h.field(site.domain.as_bytes());
        }
        h.field(rule.language().unwrap_or("").as_bytes());
        h.field(b"end of rule");
    }
    format!("fnv1a64:{:016x}", h.0)
}

/// 64-bit FNV-1a: stable across platforms and builds, and fast on the
/// short keys it is used for (stop words, line fingerprints).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Hashes one byte.
    pub(crate) fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    /// Hashes `bytes` after their length, so that field boundaries count.
    fn field(&mut self, bytes: &[u8]) {
        self.write(&(bytes.len() as u64).to_le_bytes());
        self.write(bytes);
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        *self = bytes.iter().fold(*self, |h, &b| h.byte(b));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    fn rules(pattern: &str, why: &str) -> RuleSet {
        RuleSet::from_toml(
            "x.toml",
            &format!(
                "[[rule]]\nid = \"advert.x\"\ncategory = \"advert\"\nkind = \"line\"\npatterns = [\"{pattern}\"]\nwhy = \"{why}\"\n"
            ),
        )
        .unwrap()
    }

    #[test]
    fn fingerprint_follows_patterns_and_settings_not_prose() {
        let base = of(rules("Sponsored", "a").rules(), &Settings::default());
        assert_eq!(base.len(), "fnv1a64:".len() + 16);
        assert_eq!(
            base,
            of(rules("Sponsored", "b").rules(), &Settings::default())
        );
        assert_ne!(
            base,
            of(rules("Sponsored post", "a").rules(), &Settings::default())
        );
        assert_ne!(
            base,
            of(rules("Sponsored", "a").rules(), &Settings::rules_only())
        );
    }
}
