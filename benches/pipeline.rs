//! Throughput of cleaning the same documents as plain texts and as a JSONL
//! stream, on one thread and on all, in bytes of document text per second.
//!
//! The documents are the seeds (`seeds/*.txt`), each repeated with a
//! numbered line so that no two are alike. Before measuring, the bench
//! checks that both ways keep the same text, so it cannot silently measure
//! different work.
//!
//! ```text
//! cargo bench --bench pipeline
//! ```
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::io;
use std::path::Path;

use boilerstrip::pipeline::{self, Compression, Format, Options};
use boilerstrip::{Cleaner, RuleSet};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

/// Copies of each seed.
const COPIES: usize = 200;

fn documents() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    let seeds: Vec<String> = seeds
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    (0..COPIES)
        .flat_map(|n| {
            seeds
                .iter()
                .map(move |s| format!("{s}\nThis is copy number {n} of the page.\n"))
        })
        .collect()
}

fn jsonl(docs: &[String]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        let line = serde_json::json!({ "id": i, "text": doc });
        serde_json::to_writer(&mut out, &line).unwrap();
        out.push(b'\n');
    }
    out
}

fn clean_texts(cleaner: &Cleaner, docs: &[String]) -> usize {
    docs.par_iter().map(|d| cleaner.clean(d).text().len()).sum()
}

fn clean_jsonl(cleaner: &Cleaner, input: &[u8]) -> u64 {
    let stats = pipeline::clean_stream(
        cleaner,
        &Options::default(),
        Path::new("bench.jsonl"),
        (Some(Format::Jsonl), Some(Compression::None)),
        input,
        io::sink(),
        |_| {},
    )
    .unwrap();
    assert_eq!(stats.failed, 0);
    stats.bytes_out
}

fn bench(c: &mut Criterion) {
    let cleaner = Cleaner::new(&RuleSet::default_rules()).unwrap();
    let docs = documents();
    let input = jsonl(&docs);
    let bytes: usize = docs.iter().map(String::len).sum();
    assert_eq!(
        clean_texts(&cleaner, &docs) as u64,
        clean_jsonl(&cleaner, &input),
        "text and JSONL must keep the same text"
    );

    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        group.bench_function(format!("text/j{threads}"), |b| {
            b.iter(|| pool.install(|| clean_texts(&cleaner, &docs)))
        });
        group.bench_function(format!("jsonl/j{threads}"), |b| {
            b.iter(|| pool.install(|| clean_jsonl(&cleaner, &input)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
