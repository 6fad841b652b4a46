//! Rule-free heuristics: boilerplate recognised by its shape rather than its
//! words, so it is found in any language and on any site.
//!
//! - `breadcrumb`: a trail of short items joined by separators
//!   (`Home › News › World`), on one line or as a run of lines each ending
//!   in a separator.
//! - `line-class`: every line is classified on its features
//!   ([`classify`](super::classify)), uncertain lines take the class of
//!   their neighbours ([`context`](super::context)), and the dense runs of
//!   prose become content regions ([`region`](super::region)). Lines
//!   outside every region go, except the headline, standfirst and byline
//!   right before a region; lists, tables and code inside a region stay.
//!   On a page with little prose (a listing, a product, a forum) only
//!   lines that are chrome by their shape go: when a page does not look
//!   like an article, keep more rather than less.
//! - `banner`: a short label line (site name, section kicker, image file
//!   name) at the very top of an article-like page, standing before its
//!   longer headline.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::classify::{self, Class, Features};
use super::context::{self, Item};
use super::region::{self, Region};
use crate::clean::Reason;
use crate::document::Page;
use crate::language;
use crate::settings::{Settings, Thresholds};

/// Separators of breadcrumb trails, written between spaces on one line or
/// at the end of each item on its own line.
const TRAIL_SEPARATORS: [char; 6] = ['›', '»', '>', '/', '\\', '→'];

/// A breadcrumb item is a name, not a sentence.
const MAX_TRAIL_ITEM_WORDS: usize = 6;

/// The banner heuristic applies only where the page has this many lines
/// of prose (≥ 15 words): on a page without an article to find, a short
/// first line may be all there is.
const BANNER_MIN_PROSE_LINES: usize = 3;

/// Runs every heuristic on `page`, whose language (ISO 639-1) is
/// `language` when known.
pub(crate) fn apply(page: &mut Page<'_>, settings: &Settings, language: Option<&str>) {
    breadcrumbs(page);
    lines(page, &settings.thresholds(), language);
    banner(page);
}

fn breadcrumbs(page: &mut Page<'_>) {
    let n = page.lines.len();
    let mut i = 0;
    while i < n {
        if let Some(sep) = one_line_trail(page.line_text(i)) {
            let detail = format!("one-line trail joined by `{sep}`");
            page.drop_line(
                i,
                Reason::Heuristic {
                    name: "breadcrumb",
                    detail,
                },
            );
            i += 1;
            continue;
        }
        // A run of lines that each end in the same separator.
        let Some(sep) = trail_item_separator(page, i) else {
            i += 1;
            continue;
        };
        // Items already removed by a rule (`Home/`) still belong to the trail.
        let mut end = i + 1;
        while end < n && trail_item_separator(page, end) == Some(sep) {
            end += 1;
        }
        if end - i < 2 {
            i = end;
            continue;
        }
        // The page's own title closes the trail when it is written as one
        // more item of the same list (same bullet), with no separator.
        let prefix = bullet_prefix(page.line_text(i));
        if end < n
            && !prefix.is_empty()
            && bullet_prefix(page.line_text(end)) == prefix
            && !page.lines[end].sentence_end
        {
            end += 1;
        }
        let detail = format!("trail of {} items ending in `{sep}`", end - i);
        for line in i..end {
            page.drop_line(
                line,
                Reason::Heuristic {
                    name: "breadcrumb",
                    detail: detail.clone(),
                },
            );
        }
        i = end;
    }
}

/// The separator of a one-line trail such as `Home › News › World`: at
/// least two of the same separator between spaces, every item short.
fn one_line_trail(line: &str) -> Option<char> {
    let line = line.trim();
    if line.ends_with(['.', '!', '?']) {
        return None;
    }
    TRAIL_SEPARATORS.into_iter().find(|&sep| {
        if !line.contains(sep) {
            return false;
        }
        let joint = format!(" {sep} ");
        let items: Vec<&str> = line.split(joint.as_str()).collect();
        items.len() >= 3
            && items.iter().all(|item| {
                let words = item.split_whitespace().count();
                (1..=MAX_TRAIL_ITEM_WORDS).contains(&words)
            })
    })
}

/// The separator line `i` ends with, when it is a short trail item.
fn trail_item_separator(page: &Page<'_>, i: usize) -> Option<char> {
    let line = &page.lines[i];
    if line.words == 0 || line.words > MAX_TRAIL_ITEM_WORDS {
        return None;
    }
    let last = page.line_text(i).trim_end().chars().next_back()?;
    TRAIL_SEPARATORS.contains(&last).then_some(last)
}

/// The bullet, indentation and punctuation before a line's first word.
fn bullet_prefix(line: &str) -> &str {
    let end = line.find(char::is_alphanumeric).unwrap_or(line.len());
    &line[..end]
}

/// Headings and headlines are at most this many words.
const MAX_HEADING_WORDS: usize = 20;

/// The headline repeats at least this share of the page title's words.
const TITLE_OVERLAP: f32 = 0.6;

/// How far before a region its headline may stand, in non-blank lines.
const MAX_HEADLINE_DISTANCE: usize = 12;

/// How far after the headline the content it heads may start, in
/// non-blank lines (a forum post starts after the thread's tools).
const MAX_CONTENT_DISTANCE: usize = 30;

fn lines(page: &mut Page<'_>, t: &Thresholds, language: Option<&str>) {
    let stop = language.and_then(language::stop_words);
    let all = classify::features(page, stop);
    let (index, feats): (Vec<usize>, Vec<&Features>) = all
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((i, f.as_ref()?)))
        .unzip();
    if index.is_empty() {
        return;
    }
    let n = index.len();
    let mut chrome: Vec<Option<&str>> = Vec::with_capacity(n);
    let mut items = Vec::with_capacity(n);
    for (k, (&i, f)) in index.iter().zip(&feats).enumerate() {
        let verdict = if page.is_kept(i) {
            classify::classify(f, t)
        } else {
            classify::Verdict {
                class: Class::Bad,
                chrome: Some("removed"),
            }
        };
        let alone = (k == 0 || feats[k - 1].block != f.block)
            && (k + 1 == n || feats[k + 1].block != f.block);
        chrome.push(verdict.chrome);
        items.push(Item {
            class: verdict.class,
            heading: alone && f.words <= MAX_HEADING_WORDS && !f.sentence_end,
            fixed: verdict.chrome.is_some(),
            chars: f.chars,
        });
    }
    let first: Vec<Class> = items.iter().map(|it| it.class).collect();
    context::revise(&mut items);

    let words: Vec<usize> = feats.iter().map(|f| f.words).collect();
    let buttons = repeated_labels(page, &index, &feats);
    let values: Vec<f32> = (0..n)
        .map(|k| match (first[k], items[k].class) {
            // A repeated button ends a region: comments and reviews hang
            // off the article by their "Reply" and "Report" buttons.
            _ if t.break_at_labels && buttons[k] => -4.0 * t.bad_cost,
            (Class::Good | Class::NearGood, Class::Good) => words[k] as f32,
            // Short lines that context made good hold a region together
            // (subheadings, list items) without making one.
            (_, Class::Good) => -t.short_cost,
            _ => -t.bad_cost,
        })
        .collect();
    let mut regions = region::find(&values, t.region_share);
    // The content that follows the headline is content, however small
    // beside a larger run of prose elsewhere (a product description beside
    // a long returns policy).
    let headline = headline(page, &index, &feats);
    if let Some(h) = headline {
        let limit = (h + 1 + MAX_CONTENT_DISTANCE).min(n);
        if !regions
            .iter()
            .any(|r| r.first > h && r.first < limit || (r.first..=r.last).contains(&h))
        {
            let end = regions
                .iter()
                .map(|r| r.first)
                .find(|&f| f > h)
                .unwrap_or(n);
            if let Some(r) = region::densest(&values[h + 1..end], h + 1).filter(|r| r.first < limit)
            {
                regions.push(r);
                regions.sort_by_key(|r| r.first);
            }
        }
    }
    let region_words: usize = regions
        .iter()
        .flat_map(|r| r.first..=r.last)
        .filter(|&k| items[k].class == Class::Good)
        .map(|k| words[k])
        .sum();
    let page_words: usize = (0..n)
        .filter(|&k| chrome[k].is_none())
        .map(|k| words[k])
        .sum();
    let article = region_words as f32 >= t.article_share * page_words as f32;

    let mut menu = menu_runs(&feats, &chrome);
    if t.drop_labels {
        for k in 0..n {
            menu[k] |= buttons[k];
        }
    }
    if let Some(h) = headline {
        menu[h] = false;
    }
    let mut keep = vec![false; n];
    if article {
        for r in &regions {
            if t.strict_regions {
                for k in r.first..=r.last {
                    keep[k] = items[k].class == Class::Good;
                }
            } else {
                keep[r.first..=r.last].fill(true);
                if t.trim_region_tails {
                    // After the region's last full paragraph only sentences,
                    // lists, code and tables stay: that is where related
                    // links, tags and share bars stand.
                    if let Some(end) = (r.first..=r.last).rev().find(|&k| first[k] == Class::Good) {
                        for k in end + 1..=r.last {
                            keep[k] = feats[k].sentence_end
                                || list_or_code(page.line_text(index[k]))
                                || first[k] == Class::Bad;
                        }
                    }
                }
            }
        }
        for r in &regions {
            for k in head_of(headline, &feats, &chrome, r, t) {
                keep[k] = true;
            }
            // A closing sentence right after the region: a credit line
            // ("Originally published by ...", "Reporting by ...").
            let next = r.last + 1;
            if next < n
                && chrome[next].is_none()
                && first[next] == Class::Short
                && feats[next].sentence_end
                && feats[next].words <= MAX_HEADING_WORDS
            {
                keep[next] = true;
            }
        }
    } else {
        let span = match (regions.first(), regions.last()) {
            (Some(a), Some(b)) if t.strict_other_pages => {
                let mut from = a.first;
                for k in head_of(headline, &feats, &chrome, a, t) {
                    from = from.min(k);
                }
                from..b.last + 2
            }
            // What stands before a headline in the first third of the page
            // is the site's, not the page's.
            _ => match headline {
                Some(h) if 3 * h < n => h..n,
                _ => 0..n,
            },
        };
        keep[span.start..span.end.min(n)].fill(true);
    }
    // On a page that is not an article, the items between its headline
    // and its last run of prose may be the content (a listing, a
    // collection): only the menus around them go.
    let content = match (
        article,
        headline.or(regions.first().map(|r| r.first)),
        regions.last(),
    ) {
        (false, Some(from), Some(r)) => from..r.last + 1,
        (false, Some(from), None) => from..n,
        _ => 0..0,
    };
    for k in 0..n {
        if menu[k] && !content.contains(&k) {
            keep[k] = false;
        }
    }

    // Never an empty page where there was text: fall back to every line
    // that is not chrome, and to every line if that is nothing either.
    if !(0..n).any(|k| keep[k] && chrome[k].is_none()) {
        let fallback: Vec<bool> = chrome.iter().map(Option::is_none).collect();
        keep = if fallback.iter().any(|&b| b) {
            fallback
        } else {
            vec![true; n]
        };
        chrome.fill(None);
    }
    let spans: String = regions
        .iter()
        .map(|r| format!("{}-{}", index[r.first] + 1, index[r.last] + 1))
        .collect::<Vec<_>>()
        .join(", ");
    for k in 0..n {
        let i = index[k];
        if !page.is_kept(i) {
            continue;
        }
        let f = feats[k];
        if let Some(shape) = chrome[k] {
            let mut detail = format!("{shape}: ");
            describe(&mut detail, f);
            page.drop_line(
                i,
                Reason::Heuristic {
                    name: "chrome",
                    detail,
                },
            );
        } else if !keep[k] {
            let mut detail =
                format!("{:?} line, {:?} in context: ", first[k], items[k].class).to_lowercase();
            describe(&mut detail, f);
            if spans.is_empty() {
                detail.push_str("; no content region");
            } else {
                let _ = write!(detail, "; outside content (lines {spans})");
            }
            page.drop_line(
                i,
                Reason::Heuristic {
                    name: "outside-content",
                    detail,
                },
            );
        }
    }
}

/// A short label that stands this often on one page is a button or a
/// field of a repeated widget ("Reply", "Add to cart", "Share").
const LABEL_REPEATS: usize = 3;

/// Which lines are short labels, without digits, that repeat on the page.
fn repeated_labels(page: &Page<'_>, index: &[usize], feats: &[&Features]) -> Vec<bool> {
    let label = |k: usize| feats[k].words <= 3 && feats[k].digits == 0.0 && !feats[k].sentence_end;
    let mut count: HashMap<&str, usize> = HashMap::new();
    for k in (0..index.len()).filter(|&k| label(k)) {
        *count
            .entry(page.lines[index[k]].fingerprint.as_str())
            .or_default() += 1;
    }
    (0..index.len())
        .map(|k| {
            label(k)
                && count
                    .get(page.lines[index[k]].fingerprint.as_str())
                    .is_some_and(|&c| c >= LABEL_REPEATS)
        })
        .collect()
}

/// Whether a line is a list item (`- `, `• `, `1.`) or looks like code.
fn list_or_code(line: &str) -> bool {
    let t = line.trim_start();
    let bullet = t.starts_with(['-', '•', '*', '–', '·', '▪', '◦'])
        && t.chars().nth(1).is_some_and(char::is_whitespace);
    let numbered = t.split_once(['.', ')']).is_some_and(|(n, rest)| {
        !n.is_empty()
            && n.len() <= 3
            && n.chars().all(|c| c.is_ascii_digit())
            && rest.starts_with(' ')
    });
    let code = t.contains(['{', '}', ';', '='])
        || t.starts_with(['$', '#', '>'])
        || line.starts_with("    ");
    bullet || numbered || code
}

/// Menus and link lists come in runs of this many short lines or more.
const MENU_RUN: usize = 3;

/// Which lines stand in a run of menu-like lines: short, no sentence, few
/// stop words, every word capitalised (or a single word), few digits.
fn menu_runs(feats: &[&Features], chrome: &[Option<&str>]) -> Vec<bool> {
    let menuish: Vec<bool> = feats
        .iter()
        .zip(chrome)
        .map(|(f, c)| {
            c.is_none()
                && f.words <= 4
                && !f.sentence_end
                && f.stop.is_none_or(|s| s <= 0.5)
                && (f.words == 1 || f.capitalised >= 0.99)
                && f.digits < 0.3
        })
        .collect();
    let mut menu = vec![false; feats.len()];
    let mut k = 0;
    while k < menuish.len() {
        let end = (k..menuish.len())
            .find(|&e| !menuish[e])
            .unwrap_or(menuish.len());
        if end - k >= MENU_RUN {
            menu[k..end].fill(true);
        }
        k = end.max(k + 1);
    }
    menu
}

/// The lines right before region `r` that belong to it: its headline
/// (the line repeating the page title, when there is one close by), and
/// the standfirst and byline between headline and region; without a
/// headline, the few short lines right before the region.
fn head_of(
    headline: Option<usize>,
    feats: &[&Features],
    chrome: &[Option<&str>],
    r: &Region,
    t: &Thresholds,
) -> Vec<usize> {
    let usable = |k: usize| chrome[k].is_none() && feats[k].words <= 3 * MAX_HEADING_WORDS;
    let from = r.first.saturating_sub(MAX_HEADLINE_DISTANCE);
    match headline.filter(|h| (from..r.first).contains(h)) {
        Some(h) => (h..r.first).filter(|&k| usable(k)).collect(),
        None => (r.first.saturating_sub(t.head_lines)..r.first)
            .filter(|&k| usable(k))
            .collect(),
    }
}

/// The headline: the first line after the page title (the first line)
/// that repeats most of its words.
fn headline(page: &Page<'_>, index: &[usize], feats: &[&Features]) -> Option<usize> {
    if feats[0].words > 2 * MAX_HEADING_WORDS || feats[0].sentence_end {
        return None;
    }
    let title = title_words(page.line_text(index[0]));
    (1..index.len()).find(|&k| {
        feats[k].words >= 2
            && feats[k].words <= MAX_HEADING_WORDS
            && overlap(&title, page.line_text(index[k])) >= TITLE_OVERLAP
    })
}

/// The lowercase words of a page title.
fn title_words(line: &str) -> Vec<String> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The share of `line`'s words that are in `title`.
fn overlap(title: &[String], line: &str) -> f32 {
    if title.len() < 2 {
        return 0.0;
    }
    let (mut words, mut shared) = (0usize, 0usize);
    for w in line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        shared += usize::from(
            title
                .iter()
                .any(|t| w.chars().flat_map(char::to_lowercase).eq(t.chars())),
        );
    }
    if words == 0 {
        0.0
    } else {
        shared as f32 / words as f32
    }
}

/// Appends the decisive feature values of a line to `out`.
fn describe(out: &mut String, f: &Features) {
    let _ = write!(out, "{} words, {} chars", f.words, f.chars);
    if let Some(stop) = f.stop {
        let _ = write!(out, ", stop words {stop:.2}");
    }
    if f.sentence_end {
        out.push_str(", sentence end");
    }
    if f.capitalised >= 0.8 && f.words >= 2 {
        let _ = write!(out, ", capitalised {:.2}", f.capitalised);
    }
    if f.separators > 0 {
        let _ = write!(out, ", {} separators", f.separators);
    }
    if f.link > 0.0 {
        let _ = write!(out, ", link {:.2}", f.link);
    }
    if f.digits >= 0.3 {
        let _ = write!(out, ", digits {:.2}", f.digits);
    }
}

fn banner(page: &mut Page<'_>) {
    let prose_lines = page
        .kept_text_lines()
        .filter(|&i| page.lines[i].words >= 15)
        .count();
    if prose_lines < BANNER_MIN_PROSE_LINES {
        return;
    }
    let mut kept = page.kept_text_lines();
    let (Some(first), Some(next)) = (kept.next(), kept.next()) else {
        return;
    };
    drop(kept);
    let (a, b) = (&page.lines[first], &page.lines[next]);
    let is_label = a.words <= 4 && !a.sentence_end;
    let is_headline = b.words > a.words && b.words <= 30 && !b.sentence_end;
    if is_label && is_headline {
        let detail = format!(
            "first line, {} words, before a {}-word headline",
            a.words, b.words
        );
        page.drop_line(
            first,
            Reason::Heuristic {
                name: "banner",
                detail,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{Cleaner, RuleSet};

    fn clean(text: &str) -> String {
        Cleaner::new(&RuleSet::new())
            .unwrap()
            .clean(text)
            .into_text()
    }

    const PROSE: &str =
        "A paragraph of the article with quite enough words in it to count as prose here.";

    #[test]
    fn one_line_breadcrumbs_go() {
        let text = format!("Home › News › World\n{PROSE}\n");
        assert_eq!(clean(&text), format!("{PROSE}\n"));
    }

    #[test]
    fn arithmetic_and_prose_with_separators_stay() {
        let text = "We know that 5 > 3 > 1 holds.\nRead it and/or write it / then stop\n";
        assert_eq!(clean(text), text);
    }

    #[test]
    fn bulleted_trail_goes_with_its_final_item() {
        let text = format!(
            "  • Home/\n  • Middle East/\n  • The Story Title\n\nThe Story Title\n{PROSE}\n"
        );
        assert_eq!(clean(&text), format!("The Story Title\n{PROSE}\n"));
    }

    #[test]
    fn a_single_item_ending_in_a_separator_stays() {
        let text = format!("Contents/\n{PROSE}\n");
        assert_eq!(clean(&text), text);
    }

    #[test]
    fn banner_before_a_headline_goes_on_article_pages() {
        let body = format!("{PROSE}\n{PROSE} 2\n{PROSE} 3\n");
        let text = format!("The Daily Paper\n\nA Headline With Several Words In It\n\n{body}");
        assert_eq!(
            clean(&text),
            format!("A Headline With Several Words In It\n\n{body}")
        );
    }

    #[test]
    fn banner_stays_on_pages_without_prose() {
        let text = "Menu\nA longer second line here\nshort\n";
        assert_eq!(clean(text), text);
    }
}
