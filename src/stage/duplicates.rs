//! In-document duplicates: a headline, caption or paragraph that appears
//! again later in the same document stays once, at its first position.
//!
//! Lines are compared by their letters and digits only, so `U.S.` and `US`,
//! or a caption with and without its final period, count as the same line.

use crate::clean::Reason;
use crate::document::Page;
use crate::hash::HashKeyed;

/// Lines shorter than this many words repeat legitimately (table cells,
/// list items, "Yes"/"No"), so they are never treated as duplicates.
const MIN_WORDS: usize = 4;

/// Marks every kept line that repeats an earlier kept line.
pub(crate) fn apply(page: &mut Page<'_>) {
    let mut first: HashKeyed<usize> = HashKeyed::default();
    let mut repeats = Vec::new();
    for i in page.kept_text_lines() {
        let line = &page.lines[i];
        if line.words < MIN_WORDS {
            continue;
        }
        match first.get(&line.fingerprint) {
            Some(&at) => repeats.push((i, at)),
            None => {
                first.insert(line.fingerprint, i);
            }
        }
    }
    for (i, at) in repeats {
        page.drop_line(i, Reason::Duplicate { first_line: at + 1 });
    }
}

#[cfg(test)]
mod tests {
    use crate::stage::tests::clean_without_rules as clean;

    #[test]
    fn a_repeated_headline_stays_once_at_its_first_position() {
        let text = "Hamas refuses to yield amid US pressure\n\nBody text here.\n\nHamas refuses to yield amid U.S. pressure\n";
        assert_eq!(
            clean(text),
            "Hamas refuses to yield amid US pressure\n\nBody text here.\n"
        );
    }

    #[test]
    fn short_repeated_lines_stay() {
        let text = "Yes\nNo\nYes\nNo\n";
        assert_eq!(clean(text), text);
    }

    #[test]
    fn different_lines_with_the_same_words_in_another_order_stay() {
        let text = "The war will end soon now\nNow the war will end soon\n";
        assert_eq!(clean(text), text);
    }
}
