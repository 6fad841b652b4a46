//! Content regions: the dense runs of prose that hold the article.
//!
//! After context, every line is good or bad. Good lines are worth their
//! words, bad ones cost a little each, and the densest run (the run with
//! the largest sum, as in body-text extraction) is the main content. Other
//! runs stay beside it when they are worth a fair share of it, so an
//! article broken by an advert or a teaser block keeps its second half,
//! while a lone teaser paragraph in the footer does not count as content.

/// A run of content: the first and last line (indices into the page's
/// non-blank lines) and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Region {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) score: f32,
}

/// The content regions of a page whose non-blank lines are worth
/// `values` each (prose positive, chrome negative): the densest run (the
/// one with the largest sum), then, left and right of it, every further
/// run worth at least `share` of it, in document order.
pub(crate) fn find(values: &[f32], share: f32) -> Vec<Region> {
    let Some(main) = densest(values, 0) else {
        return Vec::new();
    };
    let mut found = vec![main];
    let floor = share * main.score;
    let mut todo = vec![(0, main.first), (main.last + 1, values.len())];
    while let Some((from, to)) = todo.pop() {
        if from >= to {
            continue;
        }
        if let Some(r) = densest(&values[from..to], from).filter(|r| r.score >= floor) {
            todo.push((from, r.first));
            todo.push((r.last + 1, to));
            found.push(r);
        }
    }
    found.sort_by_key(|r| r.first);
    found
}

/// The run of `values` with the largest positive sum (Kadane), with
/// indices shifted by `offset`.
pub(crate) fn densest(values: &[f32], offset: usize) -> Option<Region> {
    let mut best: Option<Region> = None;
    let (mut sum, mut start) = (0.0f32, 0);
    for (i, &v) in values.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += v;
        if sum > 0.0 && best.is_none_or(|b| sum > b.score) {
            best = Some(Region {
                first: offset + start,
                last: offset + i,
                score: sum,
            });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_densest_run_and_runs_worth_a_share_of_it() {
        let values = [-5.0, 50.0, -2.0, 40.0, -20.0, -20.0, -20.0, 30.0, -5.0];
        let r = find(&values, 0.5);
        assert_eq!(
            r,
            [Region {
                first: 1,
                last: 3,
                score: 88.0
            }]
        );
        let r = find(&values, 0.3);
        assert_eq!(r.len(), 2);
        assert_eq!((r[1].first, r[1].last), (7, 7));
        assert!(find(&[-1.0, -2.0], 0.5).is_empty());
    }
}
