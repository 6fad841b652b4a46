//! Rule-free heuristics: boilerplate recognised by its shape rather than its
//! words, so it is found in any language and on any site.
//!
//! - `breadcrumb`: a trail of short items joined by separators
//!   (`Home › News › World`), on one line or as a run of lines each ending
//!   in a separator.
//! - the content of the page, found from line classes, context and
//!   regions ([`content`](super::content)): what is not content goes.
//! - `banner`: a short label line (site name, section kicker, image file
//!   name) at the very top of an article-like page, standing before its
//!   longer headline.
//! - `pager`: a link to the previous or next post, marked by an arrow at
//!   its edge (`← Older post`, `Next story title →`).
//! - `author-bio`: the author box, a person's name on a line of its own
//!   followed by a paragraph that starts with the same name ("Jane Doe is
//!   a reporter who covers ...").

use super::content;
use crate::clean::Reason;
use crate::document::Page;
use crate::settings::Settings;

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
    pagers(page);
    content::apply(page, &settings.thresholds(), language);
    banner(page);
    author_bios(page);
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
        // Looking for a multi-byte separator costs more than checking
        // that the line has none (this runs for every line).
        if (!sep.is_ascii() && line.is_ascii()) || !line.contains(sep) {
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

/// Arrows that point back, written before a link to an older post.
const BACK_ARROWS: [char; 2] = ['←', '‹'];

/// Arrows that point on, written after a link to a newer post.
const ON_ARROWS: [char; 2] = ['→', '›'];

/// A post's title with its arrow is at most this many words.
const MAX_PAGER_WORDS: usize = 15;

fn pagers(page: &mut Page<'_>) {
    for i in 0..page.lines.len() {
        if page.lines[i].words > MAX_PAGER_WORDS || !page.is_kept(i) {
            continue;
        }
        let line = page.line_text(i).trim();
        // Looking for an arrow costs more than seeing that an ASCII line
        // has none (this runs for every line).
        if line.is_ascii() {
            continue;
        }
        let back = line
            .strip_prefix(BACK_ARROWS)
            .is_some_and(|rest| rest.starts_with(' '));
        let on = line
            .strip_suffix(ON_ARROWS)
            .is_some_and(|rest| rest.ends_with(' '));
        if back || on {
            let detail = format!(
                "{} words with an arrow at the {}",
                page.lines[i].words,
                if back { "start" } else { "end" }
            );
            page.drop_line(
                i,
                Reason::Heuristic {
                    name: "pager",
                    detail,
                },
            );
        }
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

/// A person's name: two or three capitalised words.
const NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=3;

/// A biography is a sentence or a few: this many words.
const BIO_WORDS: std::ops::RangeInclusive<usize> = 8..=80;

/// A byline is at most this long, in bytes.
const BYLINE_CHARS: usize = 120;

/// A page with this many name-and-paragraph pairs presents people (a
/// team, speakers, a cast): there the paragraphs are the content.
const MAX_BIOS: usize = 2;

fn author_bios(page: &mut Page<'_>) {
    let mut bios = Vec::new();
    let mut name: Option<&str> = None;
    for i in 0..page.lines.len() {
        // Lines without a word (blank, or a rule of dashes) stand between
        // a name and its paragraph.
        let words = page.lines[i].words;
        if words == 0 {
            continue;
        }
        let text = page.line_text(i).trim();
        if let Some(n) = name.take() {
            if page.is_kept(i)
                && BIO_WORDS.contains(&words)
                && text
                    .strip_prefix(n)
                    .is_some_and(|rest| rest.starts_with(' '))
            {
                bios.push((i, n));
            }
        }
        if NAME_WORDS.contains(&words) && person_name(text) {
            name = Some(text);
        }
    }
    if bios.is_empty() || bios.len() > MAX_BIOS {
        return;
    }
    // A page about a person names them in its title and opens with them.
    let title = page
        .kept_text_lines()
        .next()
        .map(|i| page.line_text(i).to_lowercase())
        .unwrap_or_default();
    bios.retain(|&(_, n)| !title.contains(&n.to_lowercase()));
    // The author is named in a byline too ("By Jane Doe", "Text: Jane
    // Doe", "3 May - Jane Doe"); a product or a term under its heading
    // is not.
    bios.retain(|&(bio, n)| {
        let n = n.to_lowercase();
        (0..page.lines.len()).any(|i| {
            let line = page.line_text(i).trim();
            i != bio && line.len() <= BYLINE_CHARS && byline_of(&line.to_lowercase(), &n)
        })
    });
    for (i, n) in bios {
        let detail = format!("paragraph opening with the name on the line before it, `{n}`");
        page.drop_line(
            i,
            Reason::Heuristic {
                name: "author-bio",
                detail,
            },
        );
    }
}

/// Words that stand before the author's name in a byline, in the
/// languages of the web.
const BYLINE_WORDS: [&str; 13] = [
    "by", "from", "von", "par", "por", "di", "da", "de", "door", "av", "af", "autor", "author",
];

/// Whether the lowercase `line` names `name` as its author: after a
/// byline word, a label (`Text:`) or a separator (`3 May - Jane Doe`).
fn byline_of(line: &str, name: &str) -> bool {
    line.match_indices(name).any(|(at, _)| {
        let before = line[..at].trim_end();
        before.rsplit(' ').next().is_some_and(|w| {
            BYLINE_WORDS.contains(&w)
                || w.ends_with(':')
                || matches!(w, "-" | "–" | "—" | "|" | "·")
        })
    })
}

/// Whether `line` is a person's name and nothing else: two or three
/// words of letters (and `-`, `.`, `'`), each starting with a capital.
fn person_name(line: &str) -> bool {
    let mut words = 0;
    for word in line.split_whitespace() {
        words += 1;
        let mut chars = word.chars();
        if !chars.next().is_some_and(char::is_uppercase)
            || !chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'))
        {
            return false;
        }
    }
    NAME_WORDS.contains(&words)
}

#[cfg(test)]
mod tests {
    use crate::stage::tests::clean_without_rules as clean;

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
    fn arrows_only_at_the_edge_make_a_pager() {
        let text = format!("{PROSE}\n← Older post\nNewer post ›\n");
        assert_eq!(clean(&text), format!("{PROSE}\n"));
        let text = format!("{PROSE}\nA → B holds\n←no space\n");
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
