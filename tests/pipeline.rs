//! Pipeline mode through the real binary: JSONL in and out, gzip and zstd,
//! WARC/WET, ordered parallel batches, statistics, and every fault the
//! issue lists (bad records, truncated input, a killed run).

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{Dir, PROSE, repo};

/// A page with boilerplate around one paragraph, made distinct by `n`.
fn page(n: usize) -> String {
    format!(
        "Skip to content\nHeadline number {n}\n{PROSE} It was meeting {n}.\n\
         Advertisement\nA second paragraph explains the cost of the work, which is large.\n\
         Leave a Reply\nYour email address will not be published.\n"
    )
}

/// A JSONL record of `page(n)` with fields around the text.
fn record(n: usize) -> String {
    let text = serde_json::to_string(&page(n)).unwrap();
    format!(
        "{{\"id\": \"doc-{n}\", \"text\": {text}, \"url\": \"https://example.com/{n}\", \"meta\": {{\"n\": {n}, \"f\": 1.50e2}}}}\n"
    )
}

fn records(range: std::ops::Range<usize>) -> String {
    range.map(record).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn stats(dir: &Dir, rel: &str) -> serde_json::Value {
    serde_json::from_str(&dir.read(rel)).unwrap()
}

#[test]
fn jsonl_texts_are_cleaned_and_other_fields_pass_through_in_order() {
    let dir = Dir::new("jsonl-basic");
    dir.write("in.jsonl", record(1));
    let run = dir.run(&["clean", "in.jsonl"]);
    run.expect_code(0);
    assert_eq!(run.stderr(), "");
    let want_text = format!(
        "Headline number 1\n{PROSE} It was meeting 1.\nA second paragraph explains the cost of the work, which is large.\n"
    );
    assert_eq!(
        run.stdout(),
        format!(
            "{{\"id\":\"doc-1\",\"text\":{},\"url\":\"https://example.com/1\",\"meta\":{{\"n\": 1, \"f\": 1.50e2}}}}\n",
            serde_json::to_string(&want_text).unwrap()
        )
    );
}

#[test]
fn output_is_the_same_for_any_thread_count_batch_and_way_in() {
    let dir = Dir::new("same-output");
    let input = records(0..700);
    dir.write("in.jsonl", &input);
    let base = dir.run(&["clean", "in.jsonl", "-j1"]);
    base.expect_code(0);
    let want = base.stdout();
    assert_eq!(want.lines().count(), 700);
    for args in [
        &["clean", "in.jsonl", "-j2"][..],
        &["clean", "in.jsonl", "-j2", "--batch", "7"],
        &["clean", "in.jsonl", "-j1", "--batch", "1"],
    ] {
        let run = dir.run(args);
        run.expect_code(0);
        assert!(run.stdout() == want, "{args:?} differs");
    }
    for j in ["-j1", "-j2"] {
        let run = dir.run_with_stdin(&["clean", j, "--batch", "64"], Some(input.as_bytes()));
        run.expect_code(0);
        assert!(run.stdout() == want, "stdin {j} differs");
    }
    dir.run(&["clean", "in.jsonl", "-o", "out", "-j2"])
        .expect_code(0);
    assert!(dir.read("out/in.jsonl") == want, "-o DIR differs");

    // The same documents as a directory of text files clean to the same texts.
    for n in 0..700 {
        dir.write(&format!("pages/{n:04}.txt"), page(n));
    }
    dir.run(&["clean", "pages", "-o", "pages-out"])
        .expect_code(0);
    for (n, rec) in lines(&want).iter().enumerate() {
        assert_eq!(
            rec["text"].as_str().unwrap(),
            dir.read(&format!("pages-out/{n:04}.txt")),
            "document {n}"
        );
    }
}

#[test]
fn gzip_and_zstd_are_read_and_written_by_extension_and_sniffed_on_stdin() {
    let dir = Dir::new("compressed");
    let plain = records(0..50);
    dir.write("in.jsonl", &plain);
    let want = dir.run(&["clean", "in.jsonl"]).stdout();
    let gz = gzip(plain.as_bytes());
    let zst = zstd::encode_all(plain.as_bytes(), 3).unwrap();
    dir.write("c/a.jsonl.gz", &gz);
    dir.write("c/b.jsonl.zst", &zst);
    dir.write("c/page.txt.gz", gzip(page(1).as_bytes()));

    for name in ["c/a.jsonl.gz", "c/b.jsonl.zst"] {
        let run = dir.run(&["clean", name]);
        run.expect_code(0);
        assert!(run.stdout() == want, "{name} to stdout differs");
    }
    for (what, bytes) in [("gzip", &gz), ("zstd", &zst)] {
        let run = dir.run_with_stdin(&["clean"], Some(bytes));
        run.expect_code(0);
        assert!(run.stdout() == want, "{what} on stdin differs");
    }

    dir.run(&["clean", "c", "-o", "out"]).expect_code(0);
    let a = gunzip(&fs::read(dir.path("out/a.jsonl.gz")).unwrap());
    assert!(a == want.as_bytes(), "out/a.jsonl.gz differs");
    let b = zstd::decode_all(&fs::read(dir.path("out/b.jsonl.zst")).unwrap()[..]).unwrap();
    assert!(b == want.as_bytes(), "out/b.jsonl.zst differs");
    let text = gunzip(&fs::read(dir.path("out/page.txt.gz")).unwrap());
    let plain_page = dir.run_with_stdin(&["clean"], Some(page(1).as_bytes()));
    assert_eq!(String::from_utf8(text).unwrap(), plain_page.stdout());
}

#[test]
fn wet_records_become_jsonl_with_url_and_id() {
    let dir = Dir::new("wet");
    let wet = repo().join("tests/fixtures/whirlwind.warc.wet.gz");
    let run = dir.run(&["clean", wet.to_str().unwrap(), "--stats=s.json"]);
    run.expect_code(0);
    let out = lines(&run.stdout());
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["url"], "https://an.wikipedia.org/wiki/Escopete");
    assert_eq!(
        out[0]["id"],
        "<urn:uuid:ba729a40-ff84-4085-8d48-0a5b2ee0c42d>"
    );
    assert_eq!(out[0]["language"], "spa");
    assert!(
        out[0]["text"]
            .as_str()
            .unwrap()
            .contains("Escopete ye un municipio")
    );
    let s = stats(&dir, "s.json");
    assert_eq!(s["records"]["in"], 1);
    assert_eq!(s["records"]["skipped"], 1);

    // Plain WET on stdin is sniffed; in a directory the output is renamed.
    let plain = fs::read(repo().join("tests/fixtures/whirlwind.warc.wet")).unwrap();
    let piped = dir.run_with_stdin(&["clean"], Some(&plain));
    assert_eq!(piped.stdout(), run.stdout());
    fs::create_dir_all(dir.path("in")).unwrap();
    fs::copy(&wet, dir.path("in/cc.warc.wet.gz")).unwrap();
    dir.run(&["clean", "in", "-o", "out"]).expect_code(0);
    let cleaned = gunzip(&fs::read(dir.path("out/cc.warc.wet.jsonl.gz")).unwrap());
    assert_eq!(String::from_utf8(cleaned).unwrap(), run.stdout());
}

#[test]
fn warc_html_responses_are_skipped_and_plain_text_responses_cleaned() {
    let dir = Dir::new("warc");
    let warc = repo().join("tests/fixtures/whirlwind.warc.gz");
    let run = dir.run(&["clean", warc.to_str().unwrap(), "--stats=s.json"]);
    run.expect_code(0);
    assert_eq!(run.stdout(), "");
    let s = stats(&dir, "s.json");
    assert_eq!(s["records"]["in"], 0);
    assert_eq!(s["records"]["skipped"], 4);

    let body = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n{}",
        page(3)
    );
    let response = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/p\r\nWARC-Record-ID: <urn:uuid:9>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
        body.len()
    );
    dir.write("p.warc", &response);
    let run = dir.run(&["clean", "p.warc", "--id-field", "warc_id"]);
    run.expect_code(0);
    let out = lines(&run.stdout());
    assert_eq!(out[0]["warc_id"], "<urn:uuid:9>");
    assert_eq!(out[0]["url"], "https://example.org/p");
    assert!(!out[0]["text"].as_str().unwrap().contains("Skip to content"));
}

#[test]
fn annotate_keeps_the_text_and_adds_spans_that_point_at_what_would_go() {
    let dir = Dir::new("annotate");
    dir.write("in.jsonl", records(0..3));
    let run = dir.run(&["clean", "in.jsonl", "--annotate"]);
    run.expect_code(0);
    for (n, rec) in lines(&run.stdout()).iter().enumerate() {
        let text = rec["text"].as_str().unwrap();
        assert_eq!(text, page(n));
        let removed: Vec<&str> = rec["removals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                &text[r["start"].as_u64().unwrap() as usize..r["end"].as_u64().unwrap() as usize]
            })
            .collect();
        assert!(removed.contains(&"Skip to content"), "{removed:?}");
        assert!(removed.contains(&"Leave a Reply"), "{removed:?}");
        assert_eq!(rec["removals"][0]["rule"], "navigation.skip-link");
        assert_eq!(rec["meta"]["n"], n);
    }
}

#[test]
fn empty_documents_are_kept_by_default_and_dropped_on_request() {
    let dir = Dir::new("empty");
    let input = format!(
        "{}{{\"text\":\"Skip to content\\n\"}}\n{}",
        record(1),
        record(2)
    );
    dir.write("in.jsonl", &input);
    let kept = dir.run(&["clean", "in.jsonl", "--stats=s.json"]);
    kept.expect_code(0);
    assert_eq!(lines(&kept.stdout())[1], serde_json::json!({"text": ""}));
    let dropped = dir.run(&["clean", "in.jsonl", "--drop-empty", "--stats=d.json"]);
    dropped.expect_code(0);
    assert_eq!(lines(&dropped.stdout()).len(), 2);
    let (s, d) = (stats(&dir, "s.json"), stats(&dir, "d.json"));
    assert_eq!(
        s["records"],
        serde_json::json!({"in": 3, "out": 3, "failed": 0, "dropped": 0, "skipped": 0})
    );
    assert_eq!(
        d["records"],
        serde_json::json!({"in": 3, "out": 2, "failed": 0, "dropped": 1, "skipped": 0})
    );
}

/// Four good records around four bad ones: bad JSON, a missing text field,
/// a text that is not a string, invalid UTF-8.
fn with_bad_records() -> Vec<u8> {
    let mut input = Vec::new();
    input.extend(record(1).as_bytes());
    input.extend(b"{\"text\": \"cut off\n");
    input.extend(record(2).as_bytes());
    input.extend(b"{\"body\": \"no text field\"}\n");
    input.extend(b"\n");
    input.extend(b"{\"text\": 42}\n");
    input.extend(record(3).as_bytes());
    input.extend(b"{\"text\": \"bad \xff byte\"}\n");
    input.extend(record(4).as_bytes());
    input
}

#[test]
fn bad_records_are_named_counted_and_skipped_by_default() {
    let dir = Dir::new("bad-skip");
    dir.write("in.jsonl", with_bad_records());
    let run = dir.run(&["clean", "in.jsonl", "--stats=s.json"]);
    run.expect_code(1);
    assert_eq!(lines(&run.stdout()).len(), 4);
    let err = run.stderr();
    for want in [
        "in.jsonl:2: bad record: invalid JSON",
        "in.jsonl:4: bad record: no `text` field",
        "in.jsonl:6: bad record: field `text` is not a string",
        "in.jsonl:8: bad record: invalid UTF-8 at byte 14",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    let s = stats(&dir, "s.json");
    assert_eq!(s["records"]["in"], 8);
    assert_eq!(s["records"]["out"], 4);
    assert_eq!(s["records"]["failed"], 4);
    // The counts close the run, adding up.
    assert!(err.contains("8 documents in: 4 cleaned, 4 failed"), "{err}");
}

#[test]
fn bad_records_pass_through_unchanged_on_request() {
    let dir = Dir::new("bad-pass");
    let input = with_bad_records();
    let run = dir.run_with_stdin(
        &["clean", "--format", "jsonl", "--bad-records", "pass"],
        Some(&input),
    );
    run.expect_code(1);
    let out = &run.output.stdout;
    let bad: Vec<&[u8]> = out
        .split(|&b| b == b'\n')
        .filter(|l| {
            !l.is_empty()
                && serde_json::from_slice::<serde_json::Value>(l)
                    .map_or(true, |v| !v["text"].is_string())
        })
        .collect();
    assert_eq!(
        bad,
        [
            &b"{\"text\": \"cut off"[..],
            b"{\"body\": \"no text field\"}",
            b"{\"text\": 42}",
            b"{\"text\": \"bad \xff byte\"}",
        ]
    );
    assert_eq!(
        out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count(),
        8
    );
}

#[test]
fn strict_stops_at_the_first_bad_record_and_writes_no_output_file() {
    let dir = Dir::new("strict");
    dir.write("in.jsonl", with_bad_records());
    let run = dir.run(&["clean", "in.jsonl", "-o", "out", "--strict"]);
    run.expect_code(1);
    let err = run.stderr();
    assert!(
        err.contains("in.jsonl:2: bad record: invalid JSON"),
        "{err}"
    );
    assert!(
        !err.contains("in.jsonl:4"),
        "went on after the first bad record:\n{err}"
    );
    assert!(!dir.path("out/in.jsonl").exists());
    assert_eq!(
        fs::read_dir(dir.path("out")).unwrap().count(),
        0,
        "temporary file left"
    );
}

#[test]
fn a_truncated_gzip_is_an_error_naming_the_file_after_the_readable_records() {
    let dir = Dir::new("truncated");
    let packed = gzip(records(0..400).as_bytes());
    dir.write("in/cut.jsonl.gz", &packed[..packed.len() * 3 / 4]);
    let run = dir.run(&["clean", "in", "-o", "out", "--stats=s.json"]);
    run.expect_code(1);
    let err = run.stderr();
    assert!(err.contains("in/cut.jsonl.gz:"), "{err}");
    assert!(err.contains("input stops being readable here"), "{err}");
    let s = stats(&dir, "s.json");
    assert_eq!(s["inputs_failed"], 1);
    let cleaned = s["records"]["out"].as_u64().unwrap();
    assert!(cleaned > 100 && cleaned < 400, "{cleaned} records cleaned");
    assert_eq!(s["records"]["in"], cleaned);
    let out = gunzip(&fs::read(dir.path("out/cut.jsonl.gz")).unwrap());
    assert_eq!(
        out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count() as u64,
        cleaned
    );
}

#[test]
fn a_killed_run_leaves_no_partial_output_file() {
    let dir = Dir::new("killed");
    // Big enough that a debug build takes seconds to clean it.
    let chunk = records(0..2000);
    let mut file = fs::File::create(dir.path("big.jsonl")).unwrap();
    for _ in 0..15 {
        file.write_all(chunk.as_bytes()).unwrap();
    }
    drop(file);
    let mut child = Command::new(env!("CARGO_BIN_EXE_boilerstrip"))
        .args(["clean", "big.jsonl", "-o", "out", "-j2"])
        .current_dir(&dir.root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let tmp_exists = || {
        fs::read_dir(dir.path("out"))
            .map(|d| {
                d.flatten()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            })
            .unwrap_or(false)
    };
    while !tmp_exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        !finished,
        "the run ended before it could be killed; make the input bigger"
    );
    assert!(
        !dir.path("out/big.jsonl").exists(),
        "a partial output has the final name"
    );
    // What is left is the hidden temporary file, recognisable by name.
    for entry in fs::read_dir(dir.path("out")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name.starts_with(".big.jsonl.boilerstrip-") && name.ends_with(".tmp"),
            "{name}"
        );
    }
}

#[test]
fn in_place_replaces_inputs_and_refuses_warc() {
    let dir = Dir::new("in-place");
    dir.write("d/a.jsonl", records(0..5));
    dir.write("d/b.txt", page(7));
    let want_a = dir.run(&["clean", "d/a.jsonl"]).stdout();
    let want_b = dir.run(&["clean", "d/b.txt"]).stdout();
    dir.run(&["clean", "--in-place", "d"]).expect_code(0);
    assert_eq!(dir.read("d/a.jsonl"), want_a);
    assert_eq!(dir.read("d/b.txt"), want_b);
    assert_eq!(fs::read_dir(dir.path("d")).unwrap().count(), 2);

    fs::copy(
        repo().join("tests/fixtures/whirlwind.warc.wet"),
        dir.path("d/x.wet"),
    )
    .unwrap();
    let run = dir.run(&["clean", "--in-place", "d"]);
    run.expect_code(2);
    assert!(
        run.stderr()
            .contains("x.wet: WARC input cannot be cleaned in place"),
        "{}",
        run.stderr()
    );
}

#[test]
fn stats_file_says_how_the_corpus_was_cleaned() {
    let dir = Dir::new("stats");
    dir.write("in.jsonl", records(0..10));
    dir.run(&["clean", "in.jsonl", "--stats=s.json"])
        .expect_code(0);
    let s = stats(&dir, "s.json");
    assert_eq!(s["tool"], "boilerstrip");
    assert_eq!(s["version"], env!("CARGO_PKG_VERSION"));
    let fingerprint = s["rules"]["fingerprint"].as_str().unwrap();
    assert!(fingerprint.starts_with("fnv1a64:"), "{fingerprint}");
    assert_eq!(s["removals"]["by_rule"]["navigation.skip-link"], 10);
    assert_eq!(s["removals"]["by_category"]["navigation"], 10);
    assert!(s["bytes"]["in"].as_u64().unwrap() > s["bytes"]["out"].as_u64().unwrap());

    // Other rules, another fingerprint.
    dir.run(&["clean", "in.jsonl", "--no-heuristics", "--stats=r.json"])
        .expect_code(0);
    assert_ne!(stats(&dir, "r.json")["rules"]["fingerprint"], fingerprint);

    // `--stats` alone is a summary for people, on stderr.
    let run = dir.run(&["clean", "in.jsonl", "--stats"]);
    assert!(
        run.stderr()
            .contains("10 documents in: 10 cleaned, 0 failed"),
        "{}",
        run.stderr()
    );
}

#[test]
fn url_field_feeds_site_scoped_rules() {
    let dir = Dir::new("url-field");
    dir.write(
        "site.toml",
        "[[rule]]\nid = \"advert.site-banner\"\ncategory = \"advert\"\nkind = \"line\"\npatterns = [\"Our sponsor of the day\"]\nsites = [\"example.com\"]\nexamples = [\"Our sponsor of the day\"]\n",
    );
    let text = format!("Our sponsor of the day\n{PROSE}\n");
    let text = serde_json::to_string(&text).unwrap();
    dir.write(
        "in.jsonl",
        format!("{{\"link\":\"https://example.com/a\",\"text\":{text}}}\n{{\"link\":\"https://other.org/a\",\"text\":{text}}}\n"),
    );
    let run = dir.run(&[
        "clean",
        "in.jsonl",
        "--rules",
        "site.toml",
        "--url-field",
        "link",
    ]);
    run.expect_code(0);
    let out = lines(&run.stdout());
    assert_eq!(out[0]["text"], format!("{PROSE}\n"));
    assert!(out[1]["text"].as_str().unwrap().starts_with("Our sponsor"));
}

/// The issue's 1 GB stream, checked for bounded memory. Not part of the
/// regular run (it takes minutes); run it with a release build:
///
/// ```text
/// cargo test --release --test integration -- --ignored --nocapture large_stream
/// ```
#[test]
#[ignore = "generates a 1 GB stream; minutes of work"]
fn large_stream_runs_in_bounded_memory() {
    const TARGET: u64 = 1 << 30;
    const LIMIT_KB: u64 = 200 * 1024;
    let chunk = records(0..1000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_boilerstrip"))
        .args(["clean", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let (mut sent, mut records) = (0u64, 0u64);
        while sent < TARGET {
            stdin.write_all(chunk.as_bytes()).unwrap();
            sent += chunk.len() as u64;
            records += 1000;
        }
        (sent, records)
    });
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0; 1 << 16];
        let (mut bytes, mut lines) = (0u64, 0u64);
        loop {
            let n = stdout.read(&mut buf).unwrap();
            if n == 0 {
                return (bytes, lines);
            }
            bytes += n as u64;
            lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        }
    });
    let mut peak_kb = 0;
    while child.try_wait().unwrap().is_none() {
        peak_kb = peak_kb.max(high_water_kb(pid).unwrap_or(0));
        std::thread::sleep(Duration::from_millis(100));
    }
    let (sent, records) = writer.join().unwrap();
    let (bytes, lines) = reader.join().unwrap();
    eprintln!("sent {sent} bytes; got {bytes} bytes, {lines} records; peak RSS {peak_kb} KiB");
    assert_eq!(lines, records);
    assert!(peak_kb > 0 && peak_kb <= LIMIT_KB, "peak RSS {peak_kb} KiB");
}

/// The peak resident set size of process `pid` so far, in KiB (Linux).
fn high_water_kb(pid: u32) -> Option<u64> {
    let status =
        fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn explain_and_messages_name_the_record_by_line_and_id() {
    let dir = Dir::new("explain");
    dir.write(
        "in.jsonl",
        format!("{}{{\"id\":\"x9\",\"body\":1}}\n", record(1)),
    );
    let run = dir.run(&["clean", "in.jsonl", "--explain", "--id-field", "id"]);
    run.expect_code(1);
    let err = run.stderr();
    assert!(
        err.contains("in.jsonl:1 (doc-1): text line 1: removed line (rule navigation.skip-link"),
        "{err}"
    );
    assert!(
        err.contains("in.jsonl:2: bad record: no `text` field"),
        "{err}"
    );
    assert!(err.contains("(record `x9`)"), "{err}");
}

#[test]
fn strict_is_about_records_not_whole_files() {
    let dir = Dir::new("strict-text");
    dir.write("in/a.txt", page(1));
    dir.write("in/b.bin", b"\x89PNG\r\n\x1a\n\0\0\0binary");
    dir.write("in/c.jsonl", records(0..3));
    let run = dir.run(&["clean", "in", "-o", "out", "--strict"]);
    run.expect_code(1);
    assert!(
        run.stderr().contains("b.bin: looks like a binary file"),
        "{}",
        run.stderr()
    );
    assert!(dir.path("out/a.txt").exists());
    assert_eq!(lines(&dir.read("out/c.jsonl")).len(), 3);
}
