//! Content regions: the dense runs of prose that hold the article.
//!
//! After context, every line is good or bad. A region is a run of good
//! lines in which no more than a few other lines stand between two good
//! ones. The region with the most prose is the main content; other regions
//! stay beside it when they hold a fair share of its prose, so an article
//! broken by an advert or a teaser block keeps its second half, while a
//! lone teaser paragraph in the footer does not count as content.

/// A run of content: the first and last line (indices into the page's
/// non-blank lines) and the words of its good lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) words: usize,
}

/// The regions of a page whose non-blank lines are good or not (`good`)
/// and have `words` words each: good lines at most `gap` lines apart
/// belong to one region.
pub(crate) fn find(good: &[bool], words: &[usize], gap: usize) -> Vec<Region> {
    let mut regions: Vec<Region> = Vec::new();
    let mut open: Option<Region> = None;
    for (i, (&g, &w)) in good.iter().zip(words).enumerate() {
        if !g {
            continue;
        }
        match &mut open {
            Some(r) if i - r.last - 1 <= gap => {
                r.last = i;
                r.words += w;
            }
            _ => {
                regions.extend(open.take());
                open = Some(Region {
                    first: i,
                    last: i,
                    words: w,
                });
            }
        }
    }
    regions.extend(open);
    regions
}

/// The regions worth keeping: the largest, and every other one with at
/// least `share` of its words.
pub(crate) fn select(regions: &[Region], share: f32) -> Vec<Region> {
    let Some(main) = regions.iter().map(|r| r.words).max() else {
        return Vec::new();
    };
    regions
        .iter()
        .filter(|r| r.words as f32 >= share * main as f32)
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_close_together_form_one_region() {
        let good = [false, true, false, true, false, false, false, true];
        let words = [3, 50, 2, 40, 1, 1, 1, 30];
        let r = find(&good, &words, 2);
        assert_eq!(
            r,
            [
                Region {
                    first: 1,
                    last: 3,
                    words: 90
                },
                Region {
                    first: 7,
                    last: 7,
                    words: 30
                }
            ]
        );
        assert_eq!(select(&r, 0.5), [r[0]]);
        assert_eq!(select(&r, 0.3), r);
        assert!(select(&[], 0.5).is_empty());
    }
}
