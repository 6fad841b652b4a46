//! The content of a page, found without rules: which lines are the
//! article (or the listing, the product, the thread) and which are the
//! site around it.
//!
//! 1. Every line is measured and classified ([`classify`](super::classify)),
//!    without stop words where the page's long sentences have next to
//!    none of the detected language's; lines too short to judge take the
//!    class of their neighbours ([`context`](super::context)).
//! 2. Prose lines are worth their words, other lines cost a little, and
//!    the densest runs become content regions ([`region`](super::region)).
//!    The run right after the headline (the line repeating the page title)
//!    is content however small. A legal text the page carries hidden (a
//!    privacy notice, a returns policy: a heading that names it, a first
//!    paragraph that speaks like it) is no content (`legal-text`) unless
//!    the page's title names it.
//! 3. On an article (its regions hold a fair share of the page's words),
//!    what stands outside every region goes, except the headline,
//!    standfirst and byline right before a region (not a bare date line,
//!    `dateline`) and a credit line right after it. Lists, tables and code
//!    inside a region stay; after a region's last full paragraph only
//!    sentences, lists, code and tables stay (`region-tail`), and a short
//!    last paragraph standing behind chrome goes (`detached-tail`: a bio,
//!    a newsletter box).
//! 4. On any other page only what precedes the headline, a date line
//!    beside it (`dateline`), runs of menu-like lines outside the
//!    content, and repeated labels go: when a page does not look like an
//!    article, keep more rather than less.
//! 5. Lines that are chrome by their shape (links, separated items) and
//!    the groups of a shop's mega-menu (`Tents`, `All Tents`, ...) go
//!    everywhere, and on an article so do the headlines listed under a
//!    related-articles label a rule removed (`teaser`); a page that had
//!    text never comes out empty.
//!
//! Each removal names its reason (`chrome`, `outside-content`,
//! `menu-run`, `repeated-label`, `region-tail`, `dateline`,
//! `detached-tail`, `teaser`, `legal-text`, `mega-menu`) with the
//! decisive feature values.

use super::classify::{self, Class, Features};
use super::context::{self, Item};
use super::region::{self, Region};
use crate::clean::Reason;
use crate::document::Page;
use crate::hash::HashKeyed;
use crate::language;
use crate::rules::Category;
use crate::settings::Thresholds;

/// Headings and headlines are at most this many words.
const MAX_HEADING_WORDS: usize = 20;

/// A paragraph of a few sentences, long enough to keep its heading in a
/// region's tail (a teaser's excerpt is one sentence).
const HEADED_PARAGRAPH_WORDS: usize = 20;

/// The headline repeats at least this share of the page title's words.
const TITLE_OVERLAP: f32 = 0.6;

/// How far before a region its headline may stand, in non-blank lines.
const MAX_HEADLINE_DISTANCE: usize = 12;

/// How far after the headline the content it heads may start, in
/// non-blank lines (a forum post starts after the thread's tools).
const MAX_CONTENT_DISTANCE: usize = 30;

/// The "shape" of a line an earlier stage removed.
const REMOVED: &str = "removed";

/// Why a line is not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// Outside every content region of an article.
    Outside,
    /// After the last full paragraph of a region, and not a sentence,
    /// list, code or table.
    RegionTail,
    /// In a run of menu-like lines.
    MenuRun,
    /// A short label repeated on the page.
    RepeatedLabel,
    /// A date or time line of an article, in a region or its head.
    Dateline,
    /// A short last paragraph of a region, standing behind chrome.
    DetachedTail,
    /// A headline listed under a related-articles label.
    Teaser,
    /// A legal text (privacy, returns, terms) on a page about something
    /// else.
    Legal,
    /// A group of a shop's mega-menu (`Tents`, `All Tents`, `Backpacking`).
    MegaMenu,
}

impl Why {
    fn name(self) -> &'static str {
        match self {
            Why::Outside => "outside-content",
            Why::RegionTail => "region-tail",
            Why::MenuRun => "menu-run",
            Why::RepeatedLabel => "repeated-label",
            Why::Dateline => "dateline",
            Why::DetachedTail => "detached-tail",
            Why::Teaser => "teaser",
            Why::Legal => "legal-text",
            Why::MegaMenu => "mega-menu",
        }
    }
}

/// The non-blank lines of a page, as the content stage sees them; index
/// `k` here is line `index[k]` of the page.
struct Lines<'f> {
    index: Vec<usize>,
    feats: Vec<&'f Features>,
    /// The shape that makes a line chrome (or `removed` when an earlier
    /// stage removed it).
    chrome: Vec<Option<&'static str>>,
    /// The class before context.
    first: Vec<Class>,
    /// The class after context: good or bad.
    class: Vec<Class>,
}

impl<'f> Lines<'f> {
    fn classify(page: &Page<'_>, all: &'f [Option<Features>], t: &Thresholds) -> Lines<'f> {
        let (index, feats): (Vec<usize>, Vec<&Features>) = all
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((i, f.as_ref()?)))
            .unzip();
        let n = index.len();
        let mut chrome = Vec::with_capacity(n);
        let mut items = Vec::with_capacity(n);
        for (k, (&i, f)) in index.iter().zip(&feats).enumerate() {
            let verdict = if page.is_kept(i) {
                classify::classify(f, t)
            } else {
                classify::Verdict {
                    class: Class::Bad,
                    chrome: Some(REMOVED),
                }
            };
            // A paragraph of its own may head what follows.
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
        let first = items.iter().map(|it| it.class).collect();
        context::revise(&mut items, t.context_reach);
        Lines {
            index,
            feats,
            chrome,
            first,
            class: items.iter().map(|it| it.class).collect(),
        }
    }

    fn len(&self) -> usize {
        self.index.len()
    }

    fn text<'p>(&self, page: &Page<'p>, k: usize) -> &'p str {
        page.line_text(self.index[k])
    }
}

/// Finds the content of `page`, whose language is `language` when known,
/// and removes the rest.
pub(crate) fn apply(page: &mut Page<'_>, t: &Thresholds, language: Option<&str>) {
    let stop = language.and_then(language::stop_words);
    let mut all = classify::features(page, stop);
    // Where even the page's long sentences have next to no stop words,
    // the list does not describe the page's text (its language was
    // detected wrong, or the page mixes languages): judge lines by their
    // shape alone, as for a language without a list.
    if stop.is_some() && !stop_words_tell_prose(&all, t) {
        all = classify::features(page, None);
    }
    let lines = Lines::classify(page, &all, t);
    let n = lines.len();
    if n == 0 {
        return;
    }
    let headline = headline(page, &lines);
    let labels = repeated_labels(page, &lines);
    let (regions, legal) = regions(page, &lines, &labels, headline, t);
    let region_words: usize = regions
        .iter()
        .flat_map(|r| r.first..=r.last)
        .filter(|&k| lines.class[k] == Class::Good)
        .map(|k| lines.feats[k].words)
        .sum();
    let page_words: usize = (0..n)
        .filter(|&k| lines.chrome[k].is_none() && !legal[k])
        .map(|k| lines.feats[k].words)
        .sum();
    let article = region_words as f32 >= t.article_share * page_words as f32;

    let mut drop = if article {
        article_drops(page, &lines, &regions, headline, t)
    } else {
        other_page_drops(page, &lines, &regions, headline, t)
    };
    // On a collection or listing, the headlines under a label are the
    // content.
    if article {
        teasers(page, &lines, headline, &mut drop);
    }
    for (d, _) in drop.iter_mut().zip(&legal).filter(|(_, l)| **l) {
        *d = Some(Why::Legal);
    }
    mega_menus(page, &lines, &mut drop);
    let mut menu = menu_runs(&lines);
    if let Some(h) = headline {
        menu[h] = false;
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
        if drop[k].is_some() || content.contains(&k) {
            continue;
        }
        if menu[k] {
            drop[k] = Some(Why::MenuRun);
        } else if t.drop_labels && labels[k] && Some(k) != headline {
            drop[k] = Some(Why::RepeatedLabel);
        }
    }

    let mut chrome = lines.chrome.clone();
    // Never an empty page where there was text: fall back to every line
    // that is not chrome, and to every line if that is nothing either.
    if !(0..n).any(|k| drop[k].is_none() && chrome[k].is_none()) {
        drop.fill(None);
        if chrome.iter().all(Option::is_some) {
            chrome.fill(None);
        }
    }
    mark(page, &lines, &chrome, &drop, &regions);
}

/// A stop list is tested on this many sentences at least ...
const MIN_TEST_SENTENCES: usize = 3;

/// ... of at least this many words.
const TEST_SENTENCE_WORDS: usize = 20;

/// Whether the stop list finds prose on the page: the median share of
/// stop words of its long sentences reaches half the share of prose. A
/// page with too few long sentences to tell passes.
fn stop_words_tell_prose(all: &[Option<Features>], t: &Thresholds) -> bool {
    let mut shares: Vec<f32> = all
        .iter()
        .flatten()
        .filter(|f| f.words >= TEST_SENTENCE_WORDS && f.sentence_end)
        .filter_map(|f| f.stop)
        .collect();
    if shares.len() < MIN_TEST_SENTENCES {
        return true;
    }
    let mid = shares.len() / 2;
    let (_, median, _) = shares.select_nth_unstable_by(mid, f32::total_cmp);
    *median >= 0.5 * t.stop_low
}

/// The content regions: the densest runs of prose, and the run right
/// after the headline; and which lines are a legal text (`legal-text`)
/// that no region may hold.
fn regions(
    page: &Page<'_>,
    lines: &Lines<'_>,
    labels: &[bool],
    headline: Option<usize>,
    t: &Thresholds,
) -> (Vec<Region>, Vec<bool>) {
    let n = lines.len();
    let mut values: Vec<f32> = (0..n)
        .map(|k| match (lines.first[k], lines.class[k]) {
            // A repeated button ends a region: comments and reviews hang
            // off the article by their "Reply" and "Report" buttons.
            _ if t.break_at_labels && labels[k] => -4.0 * t.bad_cost,
            (Class::Good | Class::NearGood, Class::Good) => lines.feats[k].words as f32,
            // Short lines that context made good hold a region together
            // (subheadings, list items) without making one.
            (_, Class::Good) => -t.short_cost,
            _ => -t.bad_cost,
        })
        .collect();
    let mut regions = region::find(&values, t.region_share);
    // A shop's returns policy or privacy notice, hidden on the page, is
    // often its longest prose: it is chrome, and the regions are sought
    // again without it. Rare, so the second search costs next to nothing.
    let legal = legal_texts(page, lines, &regions);
    if legal.contains(&true) {
        for (v, _) in values.iter_mut().zip(&legal).filter(|(_, l)| **l) {
            *v = -t.bad_cost;
        }
        regions = region::find(&values, t.region_share);
    }
    // The content that follows the headline is content, however small
    // beside a larger run of prose elsewhere (a product description beside
    // a long returns policy).
    let Some(h) = headline else {
        return (regions, legal);
    };
    let limit = (h + 1 + MAX_CONTENT_DISTANCE).min(n);
    let covered = regions
        .iter()
        .any(|r| (r.first > h && r.first < limit) || (r.first..=r.last).contains(&h));
    if !covered {
        let end = regions
            .iter()
            .map(|r| r.first)
            .find(|&f| f > h)
            .unwrap_or(n);
        if let Some(r) = region::densest(&values[h + 1..end], h + 1).filter(|r| r.first < limit) {
            regions.push(r);
            regions.sort_by_key(|r| r.first);
        }
    }
    (regions, legal)
}

/// Words that name a site's legal texts in a heading, in the major web
/// languages (lowercase; a heading matches when it contains one).
const LEGAL_TITLES: &[&str] = &[
    "privacy policy",
    "privacy notice",
    "privacy statement",
    "cookie policy",
    "cookies policy",
    "cookie declaration",
    "refund policy",
    "return policy",
    "returns policy",
    "shipping policy",
    "terms of service",
    "terms of use",
    "terms and conditions",
    "terms & conditions",
    "conditions of use",
    "datenschutz",
    "nutzungsbedingungen",
    "geschäftsbedingungen",
    "widerrufsbelehrung",
    "confidentialité",
    "conditions générales",
    "mentions légales",
    "política de privacidad",
    "política de cookies",
    "términos y condiciones",
    "condiciones generales",
    "informativa sulla privacy",
    "termini e condizioni",
    "política de privacidade",
    "termos de uso",
    "privacybeleid",
    "algemene voorwaarden",
    "polityka prywatności",
    "tietosuojaseloste",
];

/// Words of the first paragraph of a legal text, in the major web
/// languages (lowercase): what it is about, and how it speaks of it.
const LEGAL_WORDS: &[&str] = &[
    "personal data",
    "personal information",
    "third part",
    "cookies",
    "refund",
    "returns",
    "return shipping",
    "liability",
    "these terms",
    "you agree",
    "personenbezogene",
    "dritte",
    "widerruf",
    "haftung",
    "données personnelles",
    "tiers",
    "remboursement",
    "datos personales",
    "terceros",
    "reembolso",
    "dati personali",
    "terzi",
    "rimborso",
    "dados pessoais",
    "persoonsgegevens",
    "dane osobowe",
];

/// A legal heading names a text in at most this many words.
const MAX_LEGAL_HEADING_WORDS: usize = 6;

/// How far before a region its legal heading may stand, in non-blank
/// lines (the heading is often repeated, or followed by a date).
const LEGAL_HEADING_REACH: usize = 3;

/// The first paragraph of a legal text uses at least this many of its
/// words.
const MIN_LEGAL_WORDS: usize = 2;

/// The lines of the regions that are legal texts: from a line that
/// names one (kept or removed by a rule) right before or in a region, and
/// is followed within a few lines by a paragraph that speaks like one, to
/// the region's end. Menus name legal texts too, so the heading alone is
/// not enough. A page whose title names the text is that text, and keeps
/// it.
fn legal_texts(page: &Page<'_>, lines: &Lines<'_>, regions: &[Region]) -> Vec<bool> {
    let mut legal = vec![false; lines.len()];
    let title = page.line_text(lines.index[0]);
    let names_legal_text = |k: usize| {
        let f = lines.feats[k];
        f.words <= MAX_LEGAL_HEADING_WORDS
            && !f.sentence_end
            && LEGAL_TITLES.iter().any(|name| {
                contains_folded(lines.text(page, k), name) && !contains_folded(title, name)
            })
    };
    let speaks_legal = |k: usize| {
        let text = lines.text(page, k);
        LEGAL_WORDS
            .iter()
            .filter(|w| contains_folded(text, w))
            .count()
            >= MIN_LEGAL_WORDS
    };
    for r in regions {
        let from = r.first.saturating_sub(LEGAL_HEADING_REACH).max(1);
        let heading = (from..=r.last).find(|&h| {
            names_legal_text(h)
                && (h + 1..=r.last.min(h + 1 + LEGAL_HEADING_REACH))
                    .find(|&k| lines.first[k] == Class::Good)
                    .is_some_and(speaks_legal)
        });
        if let Some(h) = heading {
            legal[h..=r.last].fill(true);
        }
    }
    legal
}

/// Whether `text` contains `lowercase` with ASCII letters in any case,
/// without lowercasing `text` into a new string (most headings differ
/// from their lowercase form only in ASCII capitals).
fn contains_folded(text: &str, lowercase: &str) -> bool {
    let needle = lowercase.as_bytes();
    text.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// What goes on an article: everything outside its regions but their
/// heads and credit lines, and what trails their last paragraphs.
fn article_drops(
    page: &Page<'_>,
    lines: &Lines<'_>,
    regions: &[Region],
    headline: Option<usize>,
    t: &Thresholds,
) -> Vec<Option<Why>> {
    let n = lines.len();
    let mut drop = vec![Some(Why::Outside); n];
    for r in regions {
        for (k, d) in drop.iter_mut().enumerate().take(r.last + 1).skip(r.first) {
            *d = if t.strict_regions && lines.class[k] != Class::Good {
                Some(Why::Outside)
            } else if dateline(lines.text(page, k), lines.feats[k]) {
                Some(Why::Dateline)
            } else {
                None
            };
        }
        // After the region's last full paragraph only sentences, lists,
        // code and tables stay: that is where related links, tags and
        // share bars stand.
        let last_paragraph = (r.first..=r.last)
            .rev()
            .find(|&k| lines.first[k] == Class::Good);
        if let Some(mut end) = last_paragraph.filter(|_| t.trim_region_tails && !t.strict_regions) {
            // A short last paragraph behind a gap of chrome (share bar,
            // tags, an author's name) is the site's: a bio, a newsletter
            // box, a disclaimer.
            if let Some((body, from)) = detached_tail(lines, r, end) {
                for d in &mut drop[from..=end] {
                    *d = Some(Why::DetachedTail);
                }
                end = body;
            }
            let trailing = (end + 1..=r.last).filter(|&k| {
                !(lines.feats[k].sentence_end
                    || list_or_code(lines.text(page, k))
                    || lines.first[k] == Class::Bad)
            });
            for k in trailing {
                drop[k] = Some(Why::RegionTail);
            }
            // A heading of the prose that follows it in the tail stays
            // with that prose: a paragraph of a few sentences, not a
            // teaser's one-line excerpt, under a heading that is no
            // label or inline link (`Read more: ...`).
            for k in (end + 1..r.last).rev() {
                if drop[k] == Some(Why::RegionTail)
                    && lines.feats[k].words <= MAX_HEADING_WORDS
                    && drop[k + 1].is_none()
                    && lines.feats[k + 1].sentence_end
                    && lines.feats[k + 1].words >= HEADED_PARAGRAPH_WORDS
                    && !lines.text(page, k).contains(':')
                {
                    drop[k] = None;
                }
            }
        }
    }
    for r in regions {
        for k in head_of(lines, headline, r, t) {
            // The headline and standfirst stay; a date line between them
            // and the text is the page's metadata, not the article's.
            drop[k] = match drop[k] {
                Some(Why::Outside) if dateline(lines.text(page, k), lines.feats[k]) => {
                    Some(Why::Dateline)
                }
                Some(Why::Outside) => None,
                other => other,
            };
        }
        // A closing sentence right after the region: a credit line
        // ("Originally published by ...", "Reporting by ...").
        let next = r.last + 1;
        if next < n
            && lines.chrome[next].is_none()
            && lines.first[next] == Class::Short
            && lines.feats[next].sentence_end
            && lines.feats[next].words <= MAX_HEADING_WORDS
        {
            drop[next] = None;
        }
    }
    drop
}

/// What goes on a page that is not an article: what stands before a
/// headline in the first third of the page (the site's, not the page's),
/// or in strict presets everything outside the span of its regions.
fn other_page_drops(
    page: &Page<'_>,
    lines: &Lines<'_>,
    regions: &[Region],
    headline: Option<usize>,
    t: &Thresholds,
) -> Vec<Option<Why>> {
    let n = lines.len();
    let span = match (regions.first(), regions.last()) {
        (Some(a), Some(b)) if t.strict_other_pages => {
            let from = head_of(lines, headline, a, t)
                .into_iter()
                .fold(a.first, usize::min);
            from..b.last + 2
        }
        _ => match headline {
            Some(h) if 3 * h < n => h..n,
            _ => 0..n,
        },
    };
    let mut drop: Vec<Option<Why>> = (0..n)
        .map(|k| (!span.contains(&k)).then_some(Why::Outside))
        .collect();
    // A date line right around the headline is the page's metadata, as
    // on an article.
    if let Some(h) = headline {
        let from = h.saturating_sub(HEADLINE_DATE_REACH);
        let to = (h + 1 + HEADLINE_DATE_REACH).min(n);
        for (k, d) in drop.iter_mut().enumerate().take(to).skip(from) {
            if k != h && lines.chrome[k].is_none() && dateline(lines.text(page, k), lines.feats[k])
            {
                *d = Some(Why::Dateline);
            }
        }
    }
    drop
}

/// How many lines before or after the headline its date may stand.
const HEADLINE_DATE_REACH: usize = 2;

/// Removes the lines that are chrome or have a reason to go, each with
/// its feature values.
fn mark(
    page: &mut Page<'_>,
    lines: &Lines<'_>,
    chrome: &[Option<&'static str>],
    drop: &[Option<Why>],
    regions: &[Region],
) {
    let spans: String = regions
        .iter()
        .map(|r| format!("{}-{}", lines.index[r.first] + 1, lines.index[r.last] + 1))
        .collect::<Vec<_>>()
        .join(", ");
    for k in 0..lines.len() {
        let i = lines.index[k];
        if !page.is_kept(i) {
            continue;
        }
        let f = lines.feats[k];
        // Every removed line gets its detail, so it is built with plain
        // pushes into one allocation rather than through `format!`.
        let mut detail = String::with_capacity(128);
        let name = match (chrome[k], drop[k]) {
            (Some(shape), _) => {
                detail.push_str(shape);
                detail.push_str(": ");
                "chrome"
            }
            (None, Some(why)) => {
                detail.push_str(lines.first[k].name());
                detail.push_str(" line, ");
                detail.push_str(lines.class[k].name());
                detail.push_str(" in context: ");
                why.name()
            }
            (None, None) => continue,
        };
        describe(&mut detail, f);
        if drop[k] == Some(Why::Outside) && chrome[k].is_none() {
            if spans.is_empty() {
                detail.push_str("; no content region");
            } else {
                detail.push_str("; content is lines ");
                detail.push_str(&spans);
            }
        }
        page.drop_line(i, Reason::Heuristic { name, detail });
    }
}

/// A related-articles label is at most this many words.
const MAX_LABEL_WORDS: usize = 4;

/// Marks the headlines listed right under a line that a rule removed as
/// a related-articles label ("Related", "Lesen Sie auch"): lines with no
/// sentence, of a headline's length, up to the first line that is not one.
fn teasers(page: &Page<'_>, lines: &Lines<'_>, headline: Option<usize>, drop: &mut [Option<Why>]) {
    // A label, not an inline link such as `Read more: Another story`.
    let related = |k: usize| {
        lines.feats[k].words <= MAX_LABEL_WORDS
            && matches!(
                &page.dropped[lines.index[k]],
                Some(Reason::Rule(rule)) if rule.category == Category::Related
            )
    };
    // The page's own headline under a section label is no teaser.
    let teaser = |k: usize| {
        let f = lines.feats[k];
        Some(k) != headline
            && lines.chrome[k].is_none()
            && !f.sentence_end
            && (3..=MAX_HEADING_WORDS).contains(&f.words)
    };
    let mut k = 0;
    while k < lines.len() {
        if related(k) {
            k += 1;
            while k < lines.len() && teaser(k) {
                drop[k].get_or_insert(Why::Teaser);
                k += 1;
            }
        } else {
            k += 1;
        }
    }
}

/// A short label that stands this often on one page is a button or a
/// field of a repeated widget ("Reply", "Add to cart", "Share").
const LABEL_REPEATS: usize = 3;

/// Which lines are short labels, without digits, that repeat on the page.
fn repeated_labels(page: &Page<'_>, lines: &Lines<'_>) -> Vec<bool> {
    let (index, feats) = (&lines.index, &lines.feats);
    let label = |k: usize| feats[k].words <= 3 && feats[k].digits == 0.0 && !feats[k].sentence_end;
    let mut count: HashKeyed<usize> = HashKeyed::default();
    for k in (0..index.len()).filter(|&k| label(k)) {
        *count.entry(page.lines[index[k]].fingerprint).or_default() += 1;
    }
    (0..index.len())
        .map(|k| {
            label(k)
                && count
                    .get(&page.lines[index[k]].fingerprint)
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

/// A detached tail is at most this many paragraphs ...
const DETACHED_LINES: usize = 2;

/// ... behind at least this many lines of chrome (removed by a rule,
/// or links) ...
const DETACHED_GAP: usize = 2;

/// ... and holds at most this share of its region's prose words.
const DETACHED_SHARE: f32 = 0.25;

/// The last paragraph before the gap and the first line of the tail,
/// when the region's last prose (ending at line `end`) is a detached
/// tail: a paragraph or two standing behind a gap of lines that are not
/// prose.
fn detached_tail(lines: &Lines<'_>, r: &Region, end: usize) -> Option<(usize, usize)> {
    let prose = |k: usize| lines.first[k] == Class::Good;
    let mut from = end;
    while from > r.first && prose(from - 1) && end - from + 1 < DETACHED_LINES {
        from -= 1;
    }
    let body = (r.first..from).rev().find(|&k| prose(k))?;
    let chrome = (body + 1..from)
        .filter(|&k| lines.chrome[k].is_some())
        .count();
    if chrome < DETACHED_GAP {
        return None;
    }
    let words = |range: std::ops::RangeInclusive<usize>| -> usize {
        range
            .filter(|&k| prose(k))
            .map(|k| lines.feats[k].words)
            .sum()
    };
    let tail = words(from..=end);
    (tail as f32 <= DETACHED_SHARE * words(r.first..=end) as f32).then_some((body, from))
}

/// A date line has at most this many words, and at most
/// [`DATELINE_WORDS`] of them without a digit (`Published:`, a weekday,
/// a month, `Uhr`).
const DATELINE_MAX_WORDS: usize = 8;

/// See [`DATELINE_MAX_WORDS`].
const DATELINE_WORDS: usize = 4;

/// Whether a line is a date or time and little else (`15. Mai 2019,
/// 05:28 Uhr`, `Published: 03.04.2020`, `Jun 18th 2018`): a year, a time
/// or a numeric date, in any language, and few other words.
fn dateline(text: &str, f: &Features) -> bool {
    if f.words > DATELINE_MAX_WORDS
        || f.sentence_end && !text.trim_end().ends_with(char::is_numeric)
    {
        return false;
    }
    let (mut date, mut other) = (false, 0);
    for token in text.split_whitespace() {
        let t = token.trim_matches(|c: char| !c.is_alphanumeric());
        if t.bytes().any(|b| b.is_ascii_digit()) {
            date |= date_token(t);
        } else {
            other += usize::from(t.chars().any(char::is_alphabetic));
        }
    }
    date && other <= DATELINE_WORDS
}

/// Whether `t` is a year (`2019`), a time (`05:28`) or a numeric date
/// (`03.04.2020`, `2021-10-16`, `4/21/22`), and not a phone number.
fn date_token(t: &str) -> bool {
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if digits(t) {
        return t.len() == 4 && (t.starts_with("19") || t.starts_with("20"));
    }
    if let Some((h, m)) = t.split_once(':') {
        return digits(h) && h.len() <= 2 && digits(m) && m.len() == 2;
    }
    let mut parts = t.split(['.', '/', '-']);
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(c), None) => {
            [a, b, c].iter().all(|p| digits(p))
                && b.len() <= 2
                && (a.len() <= 2 && matches!(c.len(), 2 | 4) || a.len() == 4 && c.len() <= 2)
        }
        _ => false,
    }
}

/// The lines of a mega-menu's group are at most this many words.
const MAX_MENU_ITEM_WORDS: usize = 6;

/// Marks the groups of a mega-menu: a paragraph of short lines without a
/// sentence that lists a section as `All <section>` right under the
/// section's name, and that name standing before it. A group of a shop's
/// menu looks so on any page, and no article, listing or product text
/// does; the name costs one comparison of the lines that open with `All`.
fn mega_menus(page: &Page<'_>, lines: &Lines<'_>, drop: &mut [Option<Why>]) {
    let feats = &lines.feats;
    for k in 1..lines.len() {
        let text = lines.text(page, k);
        let Some(section) = text
            .get(..4)
            .filter(|all| all.eq_ignore_ascii_case("all "))
            .map(|_| &text[4..])
        else {
            continue;
        };
        if !section.eq_ignore_ascii_case(lines.text(page, k - 1)) {
            continue;
        }
        let block = feats[k].block;
        let from = (0..k)
            .rev()
            .find(|&j| feats[j].block != block)
            .map_or(0, |j| j + 1);
        let to = (k..lines.len())
            .find(|&j| feats[j].block != block)
            .unwrap_or(lines.len());
        let items = from..to;
        if items
            .clone()
            .all(|j| feats[j].words <= MAX_MENU_ITEM_WORDS && !feats[j].sentence_end)
        {
            // The section's name may stand once more as the group's
            // heading, a paragraph of its own.
            let heading = items.start.min(k - 1);
            let start = heading
                .checked_sub(1)
                .filter(|&j| section.eq_ignore_ascii_case(lines.text(page, j)))
                .unwrap_or(heading);
            for d in &mut drop[start..items.end] {
                *d = Some(Why::MegaMenu);
            }
        }
    }
}

/// Menus and link lists come in runs of this many short lines or more.
const MENU_RUN: usize = 3;

/// Which lines stand in a run of menu-like lines: short, no sentence, few
/// stop words, every word capitalised (or a single word), few digits.
fn menu_runs(lines: &Lines<'_>) -> Vec<bool> {
    let (feats, chrome) = (&lines.feats, &lines.chrome);
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
fn head_of(lines: &Lines<'_>, headline: Option<usize>, r: &Region, t: &Thresholds) -> Vec<usize> {
    let usable =
        |k: usize| lines.chrome[k].is_none() && lines.feats[k].words <= 3 * MAX_HEADING_WORDS;
    let from = r.first.saturating_sub(MAX_HEADLINE_DISTANCE);
    match headline.filter(|h| (from..r.first).contains(h)) {
        Some(h) => (h..r.first).filter(|&k| usable(k)).collect(),
        // Lines an earlier stage removed (an advert label) do not count.
        None => (0..r.first)
            .rev()
            .filter(|&k| lines.chrome[k] != Some(REMOVED))
            .take(t.head_lines)
            .filter(|&k| usable(k))
            .collect(),
    }
}

/// The headline: the first line after the page title (the first line)
/// that repeats most of its words.
fn headline(page: &Page<'_>, lines: &Lines<'_>) -> Option<usize> {
    let (index, feats) = (&lines.index, &lines.feats);
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
    push_number(out, f.words);
    out.push_str(if f.words == 1 { " word, " } else { " words, " });
    push_number(out, f.chars);
    out.push_str(" chars");
    if let Some(stop) = f.stop {
        out.push_str(", stop words ");
        push_hundredths(out, stop);
    }
    if f.sentence_end {
        out.push_str(", sentence end");
    }
    if f.capitalised >= 0.8 && f.words >= 2 {
        out.push_str(", capitalised ");
        push_hundredths(out, f.capitalised);
    }
    if f.separators > 0 {
        out.push_str(", ");
        push_number(out, f.separators);
        out.push_str(" separators");
    }
    if f.link > 0.0 {
        out.push_str(", link ");
        push_hundredths(out, f.link);
    }
    if f.digits >= 0.3 {
        out.push_str(", digits ");
        push_hundredths(out, f.digits);
    }
}

/// Writes a share (0 to 1, or a little more) with two decimals, as
/// `{:.2}` would, without the cost of formatting a float.
fn push_hundredths(out: &mut String, x: f32) {
    let n = (f64::from(x.max(0.0)) * 100.0).round_ties_even() as usize;
    push_number(out, n / 100);
    out.push('.');
    out.push(char::from(b'0' + (n % 100 / 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Writes `n` in decimal, as `{}` would, without the formatting machinery
/// (every removed line's detail has a few numbers).
fn push_number(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_names_are_found_in_any_ascii_case() {
        assert!(contains_folded("REFUND Policy", "refund policy"));
        assert!(contains_folded(
            "Unsere Datenschutzerklärung",
            "datenschutz"
        ));
        assert!(!contains_folded("Refund", "refund policy"));
    }

    #[test]
    fn hundredths_read_like_float_formatting() {
        // Eighths are exact halves at the third decimal: 0.125 is `0.12`.
        for x in (0..=1000)
            .map(|i| i as f32 / 997.0)
            .chain((0..=8).map(|i| i as f32 / 8.0))
        {
            let mut out = String::new();
            push_hundredths(&mut out, x);
            assert_eq!(out, format!("{x:.2}"));
        }
    }

    #[test]
    fn numbers_read_like_integer_formatting() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            let mut out = String::from("n=");
            push_number(&mut out, n);
            assert_eq!(out, format!("n={n}"));
        }
    }

    #[test]
    fn a_stop_list_that_finds_no_prose_is_not_used() {
        let t = crate::settings::Settings::default().thresholds();
        let sentence = |stop: f32| {
            Some(Features {
                words: TEST_SENTENCE_WORDS,
                sentence_end: true,
                stop: Some(stop),
                ..Features::default()
            })
        };
        let page = |stop: f32, n: usize| -> Vec<Option<Features>> {
            (0..n).map(|_| sentence(stop)).chain([None]).collect()
        };
        assert!(stop_words_tell_prose(&page(0.4, 5), &t));
        assert!(!stop_words_tell_prose(&page(0.02, 5), &t));
        // Too few sentences to tell.
        assert!(stop_words_tell_prose(&page(0.02, 2), &t));
    }

    #[test]
    fn dates_and_times_are_date_tokens_and_phone_numbers_are_not() {
        for t in ["2019", "05:28", "03.04.2020", "2021-10-16", "4/21/22"] {
            assert!(date_token(t), "{t}");
        }
        for t in ["158-23-2012", "12345", "1.5", "3", "2:5", "0800"] {
            assert!(!date_token(t), "{t}");
        }
    }
}
