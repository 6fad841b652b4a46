//! The rule-free stages: line classes, context, content regions, presets,
//! settings files, `--explain` details and `boilerstrip eval`.

use boilerstrip::{Cleaned, Cleaner, Document, Preset, Reason, RuleSet, Settings};

use crate::util::{Dir, PROSE};

/// German prose: no rule of the default set knows this site or language.
const DE: [&str; 4] = [
    "Der Gemeinderat hat am Dienstagabend nach einer langen Debatte beschlossen, die alte Brücke über den Fluss im kommenden Frühjahr neu zu bauen.",
    "Die Kosten für das Vorhaben werden auf rund zwölf Millionen Euro geschätzt, wobei der Kanton einen großen Teil der Summe übernehmen will.",
    "Während der Bauzeit soll eine provisorische Fußgängerbrücke errichtet werden, damit die Schüler weiterhin sicher zur Schule gelangen können.",
    "Anwohner hatten sich in den vergangenen Monaten immer wieder über den schlechten Zustand der Brücke beklagt und eine rasche Lösung gefordert.",
];

const MENU: &str = "Startseite\nNachrichten\nSport\nKultur\nWetter\nVideos\n";
const FOOTER: &str = "Impressum\nKontakt\nDatenschutz\nAGB\nMediadaten\n";

fn rule_free() -> Cleaner {
    Cleaner::new(&RuleSet::new()).unwrap()
}

/// Three paragraphs long enough to be prose on their own.
fn long_paragraphs() -> [String; 3] {
    [
        format!("{} {}", DE[0], DE[1]),
        format!("{} {}", DE[2], DE[3]),
        format!("{} {}", DE[3], DE[0]),
    ]
}

fn article(body: &str) -> String {
    format!(
        "Neue Brücke für die Altstadt | Stadtanzeiger\n\n{MENU}\nNeue Brücke für die Altstadt\n\n{body}\n{FOOTER}"
    )
}

/// Asserts that the heuristic `name` removed the line of `text` for which
/// `is_line` holds.
fn assert_removed_by(cleaned: &Cleaned, text: &str, is_line: impl Fn(&str) -> bool, name: &str) {
    let removal = cleaned
        .removals()
        .iter()
        .find(|r| is_line(&text[r.range.clone()]))
        .unwrap_or_else(|| panic!("no line removed for {name}"));
    assert!(
        matches!(&removal.reason, Reason::Heuristic { name: n, .. } if *n == name),
        "{:?}",
        removal.reason
    );
}

#[test]
fn menus_and_footers_of_an_unknown_site_go_and_the_article_stays() {
    let text = article(&format!("{}\n\n{}\n\n{}\n", DE[0], DE[1], DE[2]));
    let cleaned = rule_free().clean(&text);
    assert_eq!(
        cleaned.text(),
        format!(
            "Neue Brücke für die Altstadt\n\n{}\n\n{}\n\n{}\n",
            DE[0], DE[1], DE[2]
        )
    );
    assert_eq!(cleaned.language(), Some("de"));
}

#[test]
fn rules_only_mode_keeps_the_menu() {
    let text = article(&format!("{}\n\n{}\n", DE[0], DE[1]));
    let cleaner = Cleaner::with_settings(&RuleSet::new(), Settings::rules_only()).unwrap();
    assert_eq!(cleaner.clean(&text).text(), text);
}

#[test]
fn a_subheading_and_an_ingredient_list_inside_the_article_stay() {
    let body = format!(
        "{}\n\nDie Zutaten\n\n200 g Mehl\n3 Eier\n1 Prise Salz\n250 ml Milch\n\n{}\n\n{}\n",
        DE[0], DE[1], DE[2]
    );
    let out = rule_free().clean(&article(&body)).into_text();
    for line in [
        "Die Zutaten",
        "200 g Mehl",
        "3 Eier",
        "1 Prise Salz",
        "250 ml Milch",
    ] {
        assert!(out.contains(line), "{line} lost:\n{out}");
    }
    assert!(!out.contains("Impressum"), "{out}");
}

#[test]
fn an_article_broken_by_a_teaser_block_keeps_its_second_half() {
    let teasers = "Mehr zum Thema\nStau auf der Autobahn\nNeues Hallenbad eröffnet\nMarkt am Samstag\nFeuerwehr übt im Wald\nKonzert im Park\nStadtfest abgesagt\n";
    let body = format!(
        "{}\n\n{}\n\n{teasers}\n{}\n\n{}\n",
        DE[0], DE[1], DE[2], DE[3]
    );
    let out = rule_free().clean(&article(&body)).into_text();
    for p in DE {
        assert!(out.contains(p), "lost {p}:\n{out}");
    }
    assert!(!out.contains("Impressum"), "{out}");
}

#[test]
fn a_date_line_between_headline_and_text_goes_and_a_byline_stays() {
    let body = format!(
        "15. Mai 2019, 05:28 Uhr\nVon Anna Beispiel\n\n{}\n\n{}\n\n{}\n",
        DE[0], DE[1], DE[2]
    );
    let text = article(&body);
    let cleaned = rule_free().clean(&text);
    assert_removed_by(&cleaned, &text, |l| l.contains("05:28"), "dateline");
    let out = cleaned.into_text();
    assert!(out.contains("Von Anna Beispiel"), "{out}");
    assert!(out.contains("Neue Brücke für die Altstadt\n"), "{out}");
    assert!(out.contains(DE[0]), "{out}");
}

#[test]
fn an_author_box_naming_the_bylines_author_goes() {
    let bio = "Anna Beispiel schreibt seit Jahren für die Lokalzeitung über die Stadtentwicklung und ihre Brücken.";
    let body = format!(
        "Von Anna Beispiel\nAnna Beispiel\n{bio}\n\n{}\n\n{}\n\n{}\n",
        DE[0], DE[1], DE[2]
    );
    let text = article(&body);
    let cleaned = rule_free().clean(&text);
    assert_removed_by(&cleaned, &text, |l| l == bio, "author-bio");
    let out = cleaned.into_text();
    assert!(out.contains("Von Anna Beispiel"), "{out}");
    assert!(out.contains(DE[2]), "{out}");
}

#[test]
fn a_term_defined_under_its_heading_stays() {
    let term =
        "Alte Brücke verbindet seit dem Mittelalter die Altstadt mit den Dörfern am anderen Ufer.";
    let body = format!(
        "{}\n\nAlte Brücke\n\n{term}\n\n{}\n\n{}\n",
        DE[0], DE[1], DE[2]
    );
    let out = rule_free().clean(&article(&body)).into_text();
    assert!(out.contains(term), "{out}");
}

#[test]
fn links_to_the_previous_and_next_post_go() {
    let body = format!(
        "{}\n\n{}\n\n{}\n\n← Der Markt zieht um\nDie Kirmes beginnt →\n",
        DE[0], DE[1], DE[2]
    );
    let text = article(&body);
    let cleaned = rule_free().clean(&text);
    assert_removed_by(&cleaned, &text, |l| l.starts_with('←'), "pager");
    assert_removed_by(&cleaned, &text, |l| l.ends_with('→'), "pager");
    let out = cleaned.into_text();
    assert!(out.contains(DE[2]), "{out}");
}

#[test]
fn a_date_under_the_headline_of_a_listing_goes() {
    let items: String = (1..=8)
        .map(|i| format!("Wohnung {i} in der Altstadt, 3 Zimmer, Balkon\n"))
        .collect();
    let text = format!(
        "Wohnungen in der Altstadt | Stadtanzeiger\n\nWohnungen in der Altstadt\n12. März 2024\n\n{items}"
    );
    let cleaned = rule_free().clean(&text);
    assert_removed_by(&cleaned, &text, |l| l == "12. März 2024", "dateline");
    let out = cleaned.into_text();
    assert!(out.contains(&items), "{out}");
}

#[test]
fn a_subheading_before_the_last_short_paragraph_stays() {
    let paragraphs = long_paragraphs();
    let body = format!(
        "{}\n\n{}\n\n{}\n\nDie Zukunft der Brücke\n\n{}\n",
        paragraphs[0], paragraphs[1], paragraphs[2], DE[3]
    );
    let out = rule_free().clean(&article(&body)).into_text();
    assert!(
        out.contains(&format!("Die Zukunft der Brücke\n\n{}", DE[3])),
        "{out}"
    );
}

#[test]
fn a_short_last_paragraph_behind_chrome_goes() {
    let paragraphs = long_paragraphs();
    let bio = "Anna Beispiel schreibt seit Jahren für die Lokalzeitung über die Stadtentwicklung, ihre Brücken und Straßenbahnen. Sie hat in Leipzig Stadtplanung studiert und lebt mit ihrer Familie in einem alten Fachwerkhaus am Fluss, nicht weit von der alten Steinbrücke.";
    let share = "https://example.com/teilen\nwww.example.com/folgen\n";
    let body = format!(
        "{}\n\n{}\n\n{}\n\n{share}\n{bio}\n",
        paragraphs[0], paragraphs[1], paragraphs[2]
    );
    let text = article(&body);
    let cleaned = rule_free().clean(&text);
    assert_removed_by(&cleaned, &text, |l| l == bio, "detached-tail");
    let out = cleaned.into_text();
    for p in &paragraphs {
        assert!(out.contains(p.as_str()), "lost {p}:\n{out}");
    }
}

#[test]
fn headlines_under_a_related_label_go_and_a_subheading_after_an_inline_link_stays() {
    let teasers = "Mehr zum Thema\n\nStau auf der Autobahn am Wochenende erwartet\nNeues Hallenbad in der Weststadt eröffnet\n";
    let inline = "Lesen Sie auch: Neues Hallenbad in der Nordstadt eröffnet\n\nDer Zeitplan für die Arbeiten\n";
    let p = long_paragraphs();
    let body = format!("{}\n\n{teasers}\n{}\n\n{inline}\n{}\n", p[0], p[1], p[2]);
    let cleaner = Cleaner::new(&RuleSet::default_rules()).unwrap();
    let text = article(&body);
    let cleaned = cleaner.clean(&text);
    assert_removed_by(
        &cleaned,
        &text,
        |l| l.starts_with("Stau auf der Autobahn"),
        "teaser",
    );
    let out = cleaned.into_text();
    assert!(!out.contains("Weststadt"), "{out}");
    assert!(out.contains("Der Zeitplan für die Arbeiten"), "{out}");
    for p in &p {
        assert!(out.contains(p.as_str()), "lost {p}:\n{out}");
    }
}

#[test]
fn a_page_without_prose_is_never_emptied() {
    for text in [
        "Yes\nNo\nYes\nNo\n",
        "Home\nAbout\nContact\n",
        "Home | About | Contact\n",
    ] {
        assert!(!rule_free().clean(text).text().is_empty(), "{text:?}");
    }
}

#[test]
fn a_page_that_is_not_an_article_keeps_its_short_content() {
    // A product page: a menu, then a title, a price and a feature list,
    // with one sentence of description.
    let text = format!(
        "Arrival T-Shirt | Shop\n\n{MENU}\nArrival T-Shirt\n$22\n\n- Slim fit\n- Lightweight material\n- Crew neck\n- 100% polyester\n\n{PROSE}\n\n{FOOTER}"
    );
    let out = rule_free().clean(&text).into_text();
    for line in [
        "Arrival T-Shirt",
        "$22",
        "Slim fit",
        "Crew neck",
        "100% polyester",
    ] {
        assert!(out.contains(line), "{line} lost:\n{out}");
    }
    assert!(!out.contains("Nachrichten"), "{out}");
}

#[test]
fn heuristic_removals_name_their_stage_and_features() {
    let text = article(&format!("{}\n\n{}\n", DE[0], DE[1]));
    let cleaned = rule_free().clean(&text);
    let menu = cleaned
        .removals()
        .iter()
        .find(|r| &text[r.range.clone()] == "Nachrichten")
        .expect("the menu goes");
    let Reason::Heuristic { name, detail } = &menu.reason else {
        panic!("{:?}", menu.reason);
    };
    assert!(!name.is_empty());
    assert!(detail.contains("1 word, 11 chars"), "{detail}");
    assert!(detail.contains("stop words"), "{detail}");
}

#[test]
fn presets_order_what_they_keep() {
    let text = article(&format!(
        "{}\n\nKurz notiert\nEin Satz dazu.\n\n{}\n\n{}\n",
        DE[0], DE[1], DE[2]
    ));
    let kept = |preset| {
        Cleaner::with_settings(&RuleSet::new(), Settings::with_preset(preset))
            .unwrap()
            .clean(&text)
            .into_text()
            .len()
    };
    let (p, b, r) = (
        kept(Preset::Precision),
        kept(Preset::Balanced),
        kept(Preset::Recall),
    );
    assert!(p <= b && b <= r, "precision {p}, balanced {b}, recall {r}");
}

#[test]
fn a_document_language_skips_detection() {
    let text = format!("{}\n", DE[0]);
    let cleaned = rule_free().clean_document(&Document::new(&text).with_language("fr"));
    assert_eq!(cleaned.language(), Some("fr"));
}

#[test]
fn cli_preset_and_explain() {
    let dir = Dir::new("heuristics-cli");
    dir.write("page.txt", article(&format!("{}\n\n{}\n", DE[0], DE[1])));
    let run = dir.run(&["clean", "page.txt", "--explain", "--no-default-rules"]);
    run.expect_code(0);
    assert!(run.stdout().contains(DE[1]));
    assert!(!run.stdout().contains("Nachrichten"));
    assert!(
        run.stderr()
            .contains("page.txt:5: removed line (heuristic "),
        "{}",
        run.stderr()
    );
    let all = dir.run(&["clean", "page.txt", "--no-heuristics", "--no-default-rules"]);
    assert!(all.stdout().contains("Nachrichten"));
    dir.run(&["clean", "page.txt", "--preset", "recall"])
        .expect_code(0);
    let bad = dir.run(&["clean", "page.txt", "--preset", "loud"]);
    bad.expect_code(2);
    assert!(bad.stderr().contains("precision, balanced or recall"));
}

#[test]
fn cli_settings_file() {
    let dir = Dir::new("heuristics-settings");
    dir.write("page.txt", article(&format!("{}\n\n{}\n", DE[0], DE[1])));
    dir.write("off.toml", "heuristics = false\n");
    let run = dir.run(&[
        "clean",
        "page.txt",
        "--settings",
        "off.toml",
        "--no-default-rules",
    ]);
    run.expect_code(0);
    assert!(run.stdout().contains("Nachrichten"));
    dir.write("bad.toml", "preset = \"balanced\"\nheuristic = true\n");
    let bad = dir.run(&["clean", "page.txt", "--settings", "bad.toml"]);
    bad.expect_code(2);
    assert!(
        bad.stderr()
            .starts_with("boilerstrip: bad.toml:2:1: unknown field `heuristic`"),
        "{}",
        bad.stderr()
    );
}

#[test]
fn eval_prints_the_numbers_of_score_py() {
    let dir = Dir::new("heuristics-eval");
    let page = article(&format!("{}\n\n{}\n", DE[0], DE[1]));
    dir.write("corpus/input/a.txt", &page);
    dir.write("corpus/input/b.txt", "Home\nAbout\n");
    dir.write(
        "corpus/cases.jsonl",
        "{\"file\": \"a.txt\", \"with\": [\"Die Kosten für das Vorhaben\", \"nicht da\"], \"without\": [\"Nachrichten\", \"Impressum\"]}\n",
    );
    dir.write(
        "corpus/gold/a.txt",
        format!("Neue Brücke für die Altstadt\n{}\n{}\n", DE[0], DE[1]),
    );
    dir.write("corpus/gold/b.txt", "Home About\n");
    dir.write(
        "corpus/meta.jsonl",
        "{\"id\": \"a\", \"page_type\": \"article\"}\n{\"id\": \"b\", \"page_type\": \"listing\"}\n",
    );
    let run = dir.run(&["eval", "corpus", "--no-default-rules", "-o", "out"]);
    run.expect_code(0);
    let out = run.stdout();
    assert!(
        out.contains(
            "snippets score=0.667 kept=0.500 removed=1.000 cases=1 with=2 without=2 missing=0"
        ),
        "{out}"
    );
    assert!(
        out.contains("  de             snippets score=0.667 kept=0.500"),
        "{out}"
    );
    assert!(out.contains("  article        gold f1=1.000"), "{out}");
    assert!(out.lines().last().unwrap().starts_with("gold f1="), "{out}");
    assert!(dir.read("out/corpus/a.txt").contains(DE[1]));
    let holdout = dir.run(&["eval", "corpus", "--part", "holdout"]);
    assert!(
        holdout.stdout().contains("0 documents"),
        "{}",
        holdout.stdout()
    );
}

/// A shop's returns policy, longer than the product's description.
const POLICY: [&str; 3] = [
    "Items purchased online may be returned within thirty days for a full refund, and returns are free for members of our rewards programme.",
    "Customers are responsible for return shipping charges, and a refund is issued to the original payment method once the returned items are inspected.",
    "We may share personal information with third parties who process returns and refunds on our behalf, as described in our privacy notice.",
];

fn shop_page(title: &str) -> String {
    let description = "Our soft wool sneaker keeps your feet warm in winter and cool in summer, and it goes in the washing machine.";
    let policy = POLICY
        .iter()
        .map(|p| format!("{p} {p}\n\n"))
        .collect::<String>();
    format!(
        "{title}\n\nShop\nMen\nWomen\nSale\n\nWool Runner\n\n{description}\n\nAdd to cart\nSize guide\n\nRefund policy\n\n{policy}"
    )
}

#[test]
fn a_legal_text_on_a_page_about_something_else_goes() {
    let text = shop_page("Wool Runner | Sneaker Shop");
    let cleaned = rule_free().clean(&text);
    assert_removed_by(&cleaned, &text, |l| l == "Refund policy", "legal-text");
    let out = cleaned.into_text();
    assert!(out.contains("Our soft wool sneaker"), "{out}");
    assert!(!out.contains("Customers are responsible"), "{out}");
}

#[test]
fn a_legal_text_the_title_names_stays() {
    let out = rule_free()
        .clean(&shop_page("Refund policy | Sneaker Shop"))
        .into_text();
    assert!(out.contains("Customers are responsible"), "{out}");
}

#[test]
fn a_group_of_a_shops_mega_menu_goes() {
    let text = format!(
        "Tents | Outdoor Shop\n\nTents\n\nTents\nAll Tents\nBackpacking Tents\nFamily Tents\n\nTents\n\n{}\n\nTrail Tent 2\n$199.00\nSummit Dome 3\n$349.00\n",
        DE[0]
    );
    let cleaned = rule_free().clean(&text);
    assert_removed_by(&cleaned, &text, |l| l == "All Tents", "mega-menu");
    let out = cleaned.into_text();
    assert!(!out.contains("Backpacking Tents"), "{out}");
    assert!(out.contains("Trail Tent 2\n$199.00"), "{out}");
}
