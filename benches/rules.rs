//! Benchmarks of the default rule set: how long it takes to load and
//! compile, and how fast it cleans compared with a set of one literal.
//!
//! The input is generated here, deterministically: pages of prose in
//! English and German with menus, teaser lists and boilerplate lines, so
//! that every kind of automaton does real work.

#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::hint::black_box;

use boilerstrip::{Cleaner, RuleSet, Settings};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// The comparison set: one literal line rule.
const ONE_LITERAL: &str = r#"
[[rule]]
id = "advert.one"
category = "advert"
kind = "line"
patterns = ["Advertisement"]
why = "Benchmark baseline."
examples = ["Advertisement"]
"#;

const WORDS: &[&str] = &[
    "the",
    "council",
    "agreed",
    "after",
    "long",
    "debate",
    "to",
    "rebuild",
    "bridge",
    "over",
    "river",
    "next",
    "spring",
    "die",
    "Stadt",
    "hat",
    "beschlossen",
    "Brücke",
    "über",
    "Fluss",
    "im",
    "Frühjahr",
    "neu",
    "zu",
    "bauen",
    "während",
    "Bürger",
    "protestierten",
    "minister",
    "said",
    "report",
    "would",
    "be",
    "published",
    "Monday",
    "weitere",
    "Informationen",
    "comments",
    "cookies",
    "advertisement",
    "subscribe",
    "theory",
    "and",
    "of",
    "in",
    "a",
];

const BOILERPLATE: &[&str] = &[
    "Advertisement",
    "Skip to content",
    "Mehr zum Thema",
    "Diesen Artikel teilen",
    "Share this article",
    "3 Comments",
    "Impressum",
    "Datenschutzerklärung",
    "You have read 3 articles this month.",
    "Your email address will not be published. Required fields are marked *",
    "© 2024 Example Media. All rights reserved.",
    "Lesezeit: 4 Minuten",
    "Home",
    "Facebook",
];

/// A deterministic pseudo-random sequence (a linear congruential
/// generator), so every run cleans the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}

/// `pages` pages: a menu, prose paragraphs of 5 to 120 words with
/// boilerplate lines between them, and a teaser list at the end.
fn corpus(pages: usize) -> Vec<String> {
    let mut rng = Lcg(42);
    (0..pages)
        .map(|_| {
            let mut page = String::new();
            for _ in 0..20 {
                page.push_str(WORDS[rng.next(WORDS.len())]);
                page.push('\n');
            }
            for _ in 0..30 {
                let words = 5 + rng.next(116);
                let line: Vec<&str> = (0..words).map(|_| WORDS[rng.next(WORDS.len())]).collect();
                page.push_str(&line.join(" "));
                page.push_str(".\n\n");
                if rng.next(4) == 0 {
                    page.push_str(BOILERPLATE[rng.next(BOILERPLATE.len())]);
                    page.push('\n');
                }
            }
            page
        })
        .collect()
}

fn load_and_compile(c: &mut Criterion) {
    let mut group = c.benchmark_group("default-rules");
    group.bench_function("load", |b| b.iter(RuleSet::default_rules));
    let rules = RuleSet::default_rules();
    group.bench_function("compile", |b| {
        b.iter(|| Cleaner::with_settings(black_box(&rules), Settings::rules_only()).unwrap())
    });
    group.bench_function("load-and-compile", |b| {
        b.iter(|| {
            Cleaner::with_settings(&RuleSet::default_rules(), Settings::rules_only()).unwrap()
        })
    });
    group.finish();
}

fn clean(c: &mut Criterion) {
    let pages = corpus(50);
    let bytes: usize = pages.iter().map(String::len).sum();
    let sets = [
        (
            "one-literal",
            RuleSet::from_toml("one.toml", ONE_LITERAL).unwrap(),
        ),
        ("default", RuleSet::default_rules()),
    ];
    let mut group = c.benchmark_group("clean");
    group.throughput(Throughput::Bytes(bytes as u64));
    for (name, rules) in &sets {
        let cleaner = Cleaner::with_settings(rules, Settings::rules_only()).unwrap();
        // The benchmark measures real work: the default rules remove more.
        let removed: usize = pages
            .iter()
            .map(|p| cleaner.clean(p).removals().len())
            .sum();
        assert!(removed > 0, "{name}: nothing removed");
        group.bench_with_input(BenchmarkId::from_parameter(name), &cleaner, |b, cleaner| {
            b.iter(|| {
                for page in &pages {
                    black_box(cleaner.clean(page));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load_and_compile, clean);
criterion_main!(benches);
