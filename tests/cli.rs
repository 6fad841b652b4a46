//! `boilerstrip clean` as a user runs it: inputs, outputs, bad input and
//! exit codes.

use std::fs;
use std::process::{Command, Stdio};

use crate::util::{Dir, PROSE};

fn page(title: &str) -> String {
    format!(
        "Skip to content\n{title}\n\n{PROSE}\n\nAdvertisement\n\n{PROSE} Again.\n\nLeave a Reply\nPost Comment\n"
    )
}

fn cleaned(title: &str) -> String {
    format!("{title}\n\n{PROSE}\n\n{PROSE} Again.\n")
}

#[test]
fn a_file_without_output_goes_to_stdout() {
    let dir = Dir::new("stdout");
    dir.write("a.txt", page("Title A"));
    let run = dir.run(&["clean", "a.txt"]);
    run.expect_code(0);
    assert_eq!(run.stdout(), cleaned("Title A"));
    assert_eq!(
        dir.read("a.txt"),
        page("Title A"),
        "the input is never modified"
    );
}

#[test]
fn stdin_goes_to_stdout() {
    let dir = Dir::new("stdin");
    for args in [&["clean"][..], &["clean", "-"][..]] {
        let run = dir.run_with_stdin(args, Some(page("From stdin").as_bytes()));
        run.expect_code(0);
        assert_eq!(run.stdout(), cleaned("From stdin"));
    }
}

#[test]
fn a_directory_is_mirrored_into_the_output() {
    let dir = Dir::new("mirror");
    dir.write("in/a.txt", page("A"));
    dir.write("in/sub/deeper/b.html.txt", page("B"));
    dir.write("in/.hidden.txt", page("Hidden"));
    dir.write("in/skipped/c.txt", page("C"));
    dir.write("in/.boilerstripignore", "skipped/\n");
    dir.run(&["clean", "in", "-o", "out"]).expect_code(0);
    assert_eq!(dir.read("out/a.txt"), cleaned("A"));
    assert_eq!(dir.read("out/sub/deeper/b.html.txt"), cleaned("B"));
    assert!(!dir.path("out/.hidden.txt").exists());
    assert!(!dir.path("out/skipped").exists());
    let leftovers: Vec<_> = walk(&dir.path("out"))
        .into_iter()
        .filter(|p| p.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn several_files_go_to_the_output_directory_by_name() {
    let dir = Dir::new("files");
    dir.write("x/a.txt", page("A"));
    dir.write("y/b.txt", page("B"));
    dir.run(&["clean", "x/a.txt", "y/b.txt", "-o", "out"])
        .expect_code(0);
    assert_eq!(dir.read("out/a.txt"), cleaned("A"));
    assert_eq!(dir.read("out/b.txt"), cleaned("B"));
}

#[test]
fn a_directory_needs_an_output() {
    let dir = Dir::new("needs-o");
    dir.write("in/a.txt", page("A"));
    let run = dir.run(&["clean", "in"]);
    run.expect_code(2);
    assert!(run.stderr().contains("add `-o DIR`"), "{}", run.stderr());
}

#[test]
fn output_inside_the_input_tree_is_refused() {
    let dir = Dir::new("inside");
    dir.write("in/a.txt", page("A"));
    let run = dir.run(&["clean", "in", "-o", "in/out"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("inside or over input"),
        "{}",
        run.stderr()
    );
    assert!(!dir.path("in/out").exists());
    let run = dir.run(&["clean", "in/a.txt", "-o", "in"]);
    run.expect_code(2);
    assert_eq!(dir.read("in/a.txt"), page("A"));
}

#[test]
fn a_broken_rule_file_stops_before_any_input_is_read() {
    let dir = Dir::new("broken-rules");
    dir.write("in/a.txt", page("A"));
    dir.write(
        "bad.toml",
        "[[rule]]\nid = \"advert.x\"\ncategory = \"advert\"\nkind = \"regex\"\npatterns = ['(unclosed']\n",
    );
    let run = dir.run(&["clean", "--rules", "bad.toml", "in", "-o", "out"]);
    run.expect_code(2);
    assert!(
        run.stderr()
            .starts_with("boilerstrip: bad.toml:5:13: rule `advert.x`: invalid regex"),
        "{}",
        run.stderr()
    );
    assert!(!dir.path("out").exists(), "no output may be written");
    let run = dir.run(&["clean", "--rules", "missing.toml", "in", "-o", "out"]);
    run.expect_code(2);
    assert!(
        run.stderr()
            .contains("missing.toml: could not read rule file"),
        "{}",
        run.stderr()
    );
}

#[test]
fn user_rules_add_to_the_defaults_or_replace_them() {
    let dir = Dir::new("user-rules");
    dir.write(
        "mine.toml",
        "[[rule]]\nid = \"advert.sponsor\"\ncategory = \"advert\"\nkind = \"line\"\npatterns = [\"A word from our sponsor\"]\n",
    );
    let text = format!("A word from our sponsor\n{}", page("T"));
    dir.write("a.txt", &text);
    let run = dir.run(&["clean", "--rules", "mine.toml", "a.txt"]);
    assert_eq!(run.expect_code(0).stdout(), cleaned("T"));
    let run = dir.run(&[
        "clean",
        "--no-default-rules",
        "--no-heuristics",
        "--rules",
        "mine.toml",
        "a.txt",
    ]);
    assert_eq!(
        run.expect_code(0).stdout(),
        text.replacen("A word from our sponsor\n", "", 1)
    );
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning_naming_the_file() {
    let dir = Dir::new("utf8");
    let mut bytes = b"Skip to content\nCaf\xe9 Latin-1 title\n".to_vec();
    bytes.extend_from_slice(
        page("Title")
            .trim_start_matches("Skip to content\n")
            .as_bytes(),
    );
    dir.write("in/bad.txt", &bytes);
    let run = dir.run(&["clean", "in", "-o", "out"]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("in/bad.txt:2: invalid UTF-8"),
        "{}",
        run.stderr()
    );
    assert!(
        dir.read("out/bad.txt")
            .starts_with("Caf\u{FFFD} Latin-1 title\n"),
        "{}",
        dir.read("out/bad.txt")
    );
}

#[test]
fn an_empty_file_gives_an_empty_output() {
    let dir = Dir::new("empty");
    dir.write("in/empty.txt", "");
    dir.write("in/blank.txt", "\n \n\t\n");
    dir.run(&["clean", "in", "-o", "out"]).expect_code(0);
    assert_eq!(dir.read("out/empty.txt"), "");
    assert_eq!(dir.read("out/blank.txt"), "");
}

#[test]
fn a_binary_file_is_reported_and_the_rest_is_cleaned() {
    let dir = Dir::new("binary");
    dir.write("in/a.txt", page("A"));
    dir.write("in/image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    let run = dir.run(&["clean", "in", "-o", "out"]);
    run.expect_code(1);
    assert!(
        run.stderr()
            .contains("in/image.png: looks like a binary file"),
        "{}",
        run.stderr()
    );
    assert_eq!(dir.read("out/a.txt"), cleaned("A"));
    assert!(!dir.path("out/image.png").exists());
}

#[test]
fn a_missing_input_is_reported_and_the_rest_is_cleaned() {
    let dir = Dir::new("missing");
    dir.write("a.txt", page("A"));
    let run = dir.run(&["clean", "a.txt", "nope.txt", "-o", "out"]);
    run.expect_code(1);
    assert!(
        run.stderr().contains("nope.txt: could not read input"),
        "{}",
        run.stderr()
    );
    assert_eq!(dir.read("out/a.txt"), cleaned("A"));
    let run = dir.run(&["clean", "nope.txt"]);
    run.expect_code(1);
}

#[test]
fn a_100_mb_single_line_is_cleaned() {
    let dir = Dir::new("long-line");
    let word = "word ";
    let line = word.repeat(100 * 1024 * 1024 / word.len());
    dir.write(
        "in/long.txt",
        format!("Skip to content\n{line}\nLeave a Reply\n"),
    );
    dir.run(&["clean", "in", "-o", "out"]).expect_code(0);
    let out = fs::read(dir.path("out/long.txt")).unwrap();
    assert_eq!(out.len(), line.trim_end().len() + 1);
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let dir = Dir::new("threads");
    for i in 0..40 {
        dir.write(
            &format!("in/{i:02}.txt"),
            page(&format!("Title {i}")) + &"Share\n".repeat(i % 3),
        );
    }
    let one = dir.run(&["clean", "-j1", "--explain", "--stats", "in", "-o", "one"]);
    let two = dir.run(&["clean", "-j2", "--explain", "--stats", "in", "-o", "two"]);
    one.expect_code(0);
    two.expect_code(0);
    assert_eq!(one.stderr(), two.stderr().replace("two/", "one/"));
    assert_eq!(walk(&dir.path("one")).len(), 40);
    for name in walk(&dir.path("one")) {
        assert_eq!(
            fs::read(dir.path("one").join(&name)).unwrap(),
            fs::read(dir.path("two").join(&name)).unwrap()
        );
    }
}

#[test]
fn explain_names_rule_file_and_line() {
    let dir = Dir::new("explain");
    dir.write("a.txt", page("T"));
    let run = dir.run(&["clean", "--explain", "a.txt"]);
    run.expect_code(0);
    let err = run.stderr();
    assert!(
        err.contains("a.txt:1: removed line (rule navigation.skip-link (navigation, <default>/en/navigation.toml:"),
        "{err}"
    );
    assert!(
        err.contains("a.txt:10: removed line (rule comments.section-start"),
        "{err}"
    );
    assert!(
        err.contains("a.txt:11: removed line (") && err.contains("Post Comment"),
        "{err}"
    );
}

#[test]
fn stats_count_documents_and_removals() {
    let dir = Dir::new("stats");
    dir.write("in/a.txt", page("A"));
    dir.write("in/b.txt", page("B"));
    let run = dir.run(&["clean", "--stats", "in", "-o", "out"]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("2 documents in: 2 cleaned, 0 failed"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("comments 4"), "{}", run.stderr());
}

#[test]
fn usage_errors_exit_2() {
    let dir = Dir::new("usage");
    dir.run(&["clean", "--no-such-flag"]).expect_code(2);
    dir.run(&["frobnicate"]).expect_code(2);
    dir.write("a.txt", "x");
    dir.run_with_stdin(&["clean", "-", "a.txt"], Some(b"x"))
        .expect_code(2);
}

/// Relative paths of the files below `root`, sorted.
fn walk(root: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    found.sort();
    found
}

#[test]
fn eval_into_a_closed_pipe_ends_quietly() {
    let dir = Dir::new("heuristics-eval-pipe");
    dir.write("corpus/input/a.txt", PROSE);
    dir.write(
        "corpus/cases.jsonl",
        "{\"file\": \"a.txt\", \"with\": [\"x\"], \"without\": []}\n",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_boilerstrip"))
        .args(["eval", "corpus", "--details"])
        .current_dir(&dir.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("boilerstrip runs");
    // Like `| head` that has read enough: the reading end closes first.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
