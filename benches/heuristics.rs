//! Throughput of cleaning with the rule-free stages against rules-only
//! mode, on generated pages (menus, an article, teasers, a footer) in
//! English and German, about the size of the corpora's pages (13 KB and
//! 300 lines on average in web-dev). Run with
//! `cargo bench --bench heuristics`.
#![allow(
    missing_docs,
    reason = "criterion's macros generate the undocumented entry points"
)]

use boilerstrip::{Cleaner, RuleSet, Settings};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Deterministic pseudo-random numbers (xorshift), so every run cleans the
/// same pages.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.next(words.len())]
    }
}

const EN: &[&str] = &[
    "the",
    "council",
    "said",
    "that",
    "it",
    "would",
    "rebuild",
    "a",
    "bridge",
    "and",
    "of",
    "to",
    "in",
    "residents",
    "had",
    "been",
    "waiting",
    "for",
    "years",
    "on",
    "plans",
    "which",
    "river",
    "city",
    "was",
    "with",
    "new",
    "school",
    "budget",
    "after",
    "debate",
];
const DE: &[&str] = &[
    "der",
    "die",
    "das",
    "und",
    "zu",
    "den",
    "Gemeinderat",
    "hat",
    "Brücke",
    "mit",
    "für",
    "im",
    "nach",
    "Jahr",
    "Stadt",
    "ist",
    "nicht",
    "auf",
    "eine",
    "Schule",
    "wurde",
    "sich",
    "Anwohner",
    "Kosten",
    "von",
    "dem",
    "Fluss",
    "neue",
    "Bau",
];
const MENU: &[&str] = &[
    "Home",
    "News",
    "Sport",
    "Culture",
    "Weather",
    "Video",
    "Podcasts",
    "Opinion",
    "Startseite",
    "Nachrichten",
    "Kontakt",
    "Impressum",
    "Datenschutz",
    "Subscribe",
    "Log in",
];

fn sentence(rng: &mut Rng, words: &[&str]) -> String {
    let n = 8 + rng.next(14);
    let mut s: Vec<&str> = (0..n).map(|_| rng.pick(words)).collect();
    s[0] = "The";
    let mut out = s.join(" ");
    out.push('.');
    out
}

fn page(rng: &mut Rng) -> String {
    let words = if rng.next(2) == 0 { EN } else { DE };
    let mut out = String::from("A headline for the page | Site\n\n");
    for _ in 0..60 + rng.next(120) {
        out.push_str(rng.pick(MENU));
        out.push('\n');
    }
    out.push_str("\nA headline for the page\n\n");
    for _ in 0..8 + rng.next(16) {
        let sentences: Vec<String> = (0..2 + rng.next(4)).map(|_| sentence(rng, words)).collect();
        out.push_str(&sentences.join(" "));
        out.push_str("\n\n");
    }
    for _ in 0..20 + rng.next(40) {
        out.push_str(&format!(
            "{} {} {}\n",
            rng.pick(MENU),
            rng.pick(words),
            rng.pick(MENU)
        ));
    }
    out.push_str("\n© 2024 Site · Imprint · Privacy\n");
    out
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let pages: Vec<String> = (0..200).map(|_| page(&mut rng)).collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let rules = RuleSet::default_rules();
    let modes = [
        ("rules-only", Settings::rules_only()),
        ("heuristics", Settings::default()),
    ];
    let mut group = c.benchmark_group("clean");
    group.throughput(Throughput::Bytes(bytes as u64));
    for (name, settings) in modes {
        let cleaner = Cleaner::with_settings(&rules, settings).unwrap();
        // Guard against measuring the wrong thing: the heuristics must
        // remove the menus, rules-only mode must leave most of them.
        let removed: usize = pages
            .iter()
            .map(|p| cleaner.clean(p).removals().len())
            .sum();
        if name == "heuristics" {
            assert!(removed > 20 * pages.len(), "{name}: {removed} removals");
        }
        group.bench_function(name, |b| {
            b.iter(|| {
                pages
                    .iter()
                    .map(|p| cleaner.clean(p).text().len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
