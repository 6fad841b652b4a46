//! The shipped rules: every rule has a reason and examples, removes its
//! examples, keeps its near misses, and ids follow the convention.

use std::collections::HashSet;

use boilerstrip::{Cleaner, RuleSet};

use crate::util::{Dir, repo};

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

#[test]
fn rule_files_are_organised_by_language_and_category() {
    // `rules/<language>/<category>.toml`; `rules/common/` holds rules for
    // any language.
    for rule in RuleSet::default_rules().rules() {
        let path = rule.origin().path.to_string();
        let rel = path.strip_prefix("<default>/").unwrap();
        let (folder, file) = rel.split_once('/').unwrap();
        assert_eq!(
            file,
            format!("{}.toml", rule.category()),
            "{}: rule `{}` is in the wrong file",
            rule.origin(),
            rule.id()
        );
        let want = (folder != "common").then_some(folder);
        assert_eq!(
            rule.language(),
            want,
            "{}: rule `{}` has the wrong language",
            rule.origin(),
            rule.id()
        );
    }
}

#[test]
fn the_default_rules_cover_seven_languages() {
    let rules = RuleSet::default_rules();
    for language in ["en", "de", "fr", "es", "it", "pt", "nl"] {
        let count = rules
            .rules()
            .iter()
            .filter(|r| r.language() == Some(language))
            .count();
        assert!(count >= 30, "only {count} rules for `{language}`");
    }
}

#[test]
fn the_shipped_rules_pass_rules_check_and_rules_test() {
    let dir = Dir::new("rules-ci");
    let rules = repo().join("rules");
    let check = dir.run(&["rules", "check", rules.to_str().unwrap()]);
    check.expect_code(0);
    assert!(check.stdout().is_empty(), "{}", check.stdout());
    dir.run(&["rules", "test", rules.to_str().unwrap()])
        .expect_code(0);
    // Without paths, the embedded rules and keep lists.
    dir.run(&["rules", "check"]).expect_code(0);
    let test = dir.run(&["rules", "test"]);
    test.expect_code(0);
    assert!(
        test.stderr().contains("article sentences: 0 problems"),
        "{}",
        test.stderr()
    );
}

const BAD_RULES: &str = r#"[list]
category = "advert"

[[rule]]
id = "advert.label"
kind = "fragment"
patterns = ["Anzeige"]
why = "Ad label."
examples = ["Anzeige"]

[[rule]]
id = "advert.literal"
kind = "regex"
patterns = ['^sponsored by us$']
examples = ["Sponsored by us"]
"#;

#[test]
fn rules_check_reports_each_problem_at_its_place() {
    let dir = Dir::new("rules-check");
    dir.write("bad.toml", BAD_RULES);
    let run = dir.run(&["rules", "check", "bad.toml"]);
    run.expect_code(1);
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "bad.toml:7:13: rule `advert.label`: `Anzeige` is 1 word and would act inside any sentence; add `max-words`, or make it a `line` rule [unguarded]",
            "bad.toml:12:6: rule `advert.literal` does not say why it exists; add `why = \"...\"` [no-why]",
            "bad.toml:14:13: rule `advert.literal`: regex `^sponsored by us$` has no regex syntax; it could be a `line` rule with patterns [\"sponsored by us\"] [regex-could-be-literal]",
        ],
        "{out}"
    );
    assert!(
        run.stderr().contains("2 rules in 1 files: 3 problems"),
        "{}",
        run.stderr()
    );
}

#[test]
fn rules_check_reports_a_broken_file_and_duplicate_ids_and_goes_on() {
    let dir = Dir::new("rules-check-broken");
    dir.write("lists/a.toml", BAD_RULES);
    dir.write(
        "lists/b.toml",
        BAD_RULES.replace("advert.literal", "advert.other"),
    );
    dir.write("lists/c.toml", "[[rule]]\nid = \"x.y\"\nkind = \"lines\"\n");
    let run = dir.run(&["rules", "check", "lists"]);
    run.expect_code(1);
    let out = run.stdout();
    assert!(
        out.contains("lists/b.toml:5:6: duplicate rule id `advert.label` (first used at lists/a.toml:5) [duplicate-id]"),
        "{out}"
    );
    assert!(
        out.contains("lists/c.toml:3:8: unknown variant `lines`"),
        "{out}"
    );
    assert!(out.contains("[load]"), "{out}");
}

#[test]
fn rules_check_of_a_missing_path_cannot_start() {
    let dir = Dir::new("rules-check-missing");
    let run = dir.run(&["rules", "check", "nowhere.toml"]);
    run.expect_code(2);
    assert!(
        run.stderr().starts_with("boilerstrip: nowhere.toml: "),
        "{}",
        run.stderr()
    );
}

#[test]
fn rules_test_finds_a_rule_that_removes_an_article_sentence() {
    let dir = Dir::new("rules-test");
    dir.write(
        "mine.toml",
        r#"[[rule]]
id = "comments.minister"
category = "comments"
kind = "contains"
patterns = ["comments made by"]
max-words = 30
why = "Test."
examples = ["Comments made by readers"]
"#,
    );
    dir.write(
        "keep.txt",
        "# sentences\nComments made by the minister angered the opposition.\n",
    );
    let run = dir.run(&["rules", "test", "mine.toml", "keep.txt"]);
    run.expect_code(1);
    assert_eq!(
        run.stdout(),
        "keep.txt:2:1: article sentence \"Comments made by the minister angered the opposition.\" is removed by rule `comments.minister` (mine.toml:2) [keep-removed]\n"
    );
    // Without a keep list of its own, the built-in lists are used.
    let run = dir.run(&["rules", "test", "mine.toml"]);
    run.expect_code(1);
    assert!(
        run.stdout().contains("<default>/keep/en.txt:"),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_user_file_includes_the_defaults_and_overrides_a_few() {
    let dir = Dir::new("include");
    dir.write(
        "mine.toml",
        r#"include = ["default"]
disable = ["advert.short-label"]

[[rule]]
id = "navigation.skip-link"
category = "navigation"
kind = "cut-head"
patterns = ["Start of story"]
why = "This site's skip link."
examples = ["Start of story"]
"#,
    );
    let text = format!(
        "Site menu\nStart of story\n{p}\nAdvertisement\nLeave a Reply\nName\n",
        p = crate::util::PROSE
    );
    for args in [
        &["clean", "--no-heuristics", "--rules", "mine.toml"][..],
        &[
            "clean",
            "--no-heuristics",
            "--no-default-rules",
            "--rules",
            "mine.toml",
        ][..],
    ] {
        let run = dir.run_with_stdin(args, Some(text.as_bytes()));
        run.expect_code(0);
        assert_eq!(
            run.stdout(),
            format!("{}\nAdvertisement\n", crate::util::PROSE),
            "{args:?}"
        );
    }
}

#[test]
fn an_exception_switches_a_rule_off_for_one_site() {
    let mut rules = RuleSet::default_rules();
    rules
        .extend(
            RuleSet::from_toml(
                "site.toml",
                r#"[[exception]]
rules = ["advert.short-label"]
sites = ["example.org"]
why = "The site's own column is called Advertisement."
"#,
            )
            .unwrap(),
        )
        .unwrap();
    let cleaner = Cleaner::new(&rules).unwrap();
    let text = "Advertisement\nThe council met on Tuesday.\n";
    let on = |url| {
        cleaner
            .clean_document(&boilerstrip::Document::new(text).with_url(url))
            .into_text()
    };
    assert_eq!(on("https://news.example.org/a"), text);
    assert_eq!(on("https://example.com/a"), "The council met on Tuesday.\n");
    assert_eq!(cleaner.clean(text).text(), "The council met on Tuesday.\n");
}

#[test]
fn explain_names_the_rule_and_where_it_is_written() {
    let dir = Dir::new("explain");
    let text = format!("{p}\nAdvertisement\n", p = crate::util::PROSE);
    let run = dir.run_with_stdin(&["clean", "--explain"], Some(text.as_bytes()));
    run.expect_code(0);
    let rule = RuleSet::default_rules()
        .rules()
        .iter()
        .find(|r| r.id() == "advert.short-label")
        .unwrap()
        .origin()
        .to_string();
    assert!(
        run.stderr().contains(&format!(
            "<stdin>:2: removed line (rule advert.short-label (advert, {rule})): Advertisement"
        )),
        "{}",
        run.stderr()
    );
}
