//! The shipped rules: every rule has a reason and examples, removes its
//! examples, keeps its near misses, and ids follow the convention.

use std::collections::HashSet;

use boilerstrip::{Cleaner, RuleSet};

#[test]
fn every_rule_removes_its_examples_and_keeps_its_near_misses() {
    let rules = RuleSet::default_rules();
    let cleaner = Cleaner::new(&rules).unwrap();
    let mut failures = Vec::new();
    for rule in cleaner.rules() {
        let host = rule
            .sites()
            .iter()
            .find(|s| !s.excluded)
            .map(|s| s.domain.as_str());
        if rule.examples().is_empty() {
            failures.push(format!(
                "{}: rule `{}` has no example",
                rule.origin(),
                rule.id()
            ));
        }
        if rule.why().is_empty() {
            failures.push(format!(
                "{}: rule `{}` does not say why it exists",
                rule.origin(),
                rule.id()
            ));
        }
        for example in rule.examples() {
            if !cleaner
                .matching_rules(example, host)
                .iter()
                .any(|r| r.id() == rule.id())
            {
                failures.push(format!(
                    "{}: rule `{}` does not match its example {example:?}",
                    rule.origin(),
                    rule.id()
                ));
            }
        }
        for keep in rule.keep() {
            let hits: Vec<_> = cleaner
                .matching_rules(keep, host)
                .iter()
                .map(|r| r.id().to_string())
                .collect();
            if !hits.is_empty() {
                failures.push(format!(
                    "{}: rule `{}`'s near miss {keep:?} is matched by {hits:?}",
                    rule.origin(),
                    rule.id()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule_ids_are_unique_and_start_with_their_category() {
    let rules = RuleSet::default_rules();
    let mut seen = HashSet::new();
    for rule in rules.rules() {
        assert!(
            seen.insert(rule.id()),
            "{}: duplicate id `{}`",
            rule.origin(),
            rule.id()
        );
        let prefix = format!("{}.", rule.category());
        assert!(
            rule.id().starts_with(&prefix),
            "{}: id `{}` should start with `{prefix}`",
            rule.origin(),
            rule.id()
        );
    }
}

#[test]
fn examples_removed_in_a_document() {
    // Line-level examples removed when cleaning a whole document too, not
    // only by the matcher (cut markers are weighed by position, so the
    // example stands at the end of a page of prose).
    let cleaner = Cleaner::with_settings(
        &RuleSet::default_rules(),
        boilerstrip::Settings::rules_only(),
    )
    .unwrap();
    for rule in cleaner.rules() {
        if !rule.sites().is_empty() || rule.kind() == boilerstrip::Kind::CutHead {
            continue;
        }
        for example in rule.examples() {
            let text = format!("{p}\n{p} Two.\n{example}\n", p = crate::util::PROSE);
            let cleaned = cleaner.clean(&text);
            assert!(
                !cleaned.text().contains(example.trim()),
                "{}: rule `{}` left {example:?} in:\n{}",
                rule.origin(),
                rule.id(),
                cleaned.text()
            );
        }
    }
}
