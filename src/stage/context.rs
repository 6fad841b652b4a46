//! Context, as jusText does it: lines too short or too thin to judge alone
//! take the class of their neighbours.
//!
//! A short line between two prose lines is a subheading, a one-line quote
//! or a list item of the article and stays; a short line among chrome is
//! chrome. A heading-like line (a short paragraph of its own) shortly
//! before prose gets the benefit of the doubt. The edges of the page count
//! as chrome.

use super::classify::Class;

/// Characters of text a heading may stand before the prose it heads.
const MAX_HEADING_DISTANCE: usize = 200;

/// One line as context sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    /// The class so far.
    pub(crate) class: Class,
    /// A short paragraph of its own that may head what follows.
    pub(crate) heading: bool,
    /// Chrome by its shape (or removed by a rule): never turns good.
    pub(crate) fixed: bool,
    /// Characters, for the heading distance.
    pub(crate) chars: usize,
}

/// Revises the classes of `items` (the page's non-blank lines, in order)
/// until every one is [`Class::Good`] or [`Class::Bad`]. A short line
/// takes its class from lines at most `reach` lines away; farther, a long
/// run of short lines is a block of its own and counts as chrome.
pub(crate) fn revise(items: &mut [Item], reach: usize) {
    let first: Vec<Class> = items.iter().map(|it| it.class).collect();
    promote_headings(items, Class::Short, Class::NearGood);

    let shorts: Vec<(usize, Class)> = (0..items.len())
        .filter(|&i| items[i].class == Class::Short)
        .map(|i| {
            let prev = neighbour(items, i, Dir::Back, true, reach);
            let next = neighbour(items, i, Dir::Forward, true, reach);
            let class = match (prev, next) {
                (Class::Good, Class::Good) => Class::Good,
                (Class::Bad, Class::Bad) => Class::Bad,
                // Between prose and chrome: prose when the side that looks
                // like chrome has near-prose right beside this line.
                _ if (prev == Class::Bad
                    && neighbour(items, i, Dir::Back, false, reach) == Class::NearGood)
                    || (next == Class::Bad
                        && neighbour(items, i, Dir::Forward, false, reach) == Class::NearGood) =>
                {
                    Class::Good
                }
                _ => Class::Bad,
            };
            (i, class)
        })
        .collect();
    for (i, class) in shorts {
        items[i].class = class;
    }

    // Near-prose lines next to each other back each other up: a run of
    // paragraphs a little short for prose is still running text.
    let near: Vec<bool> = items.iter().map(|it| it.class == Class::NearGood).collect();
    for i in 0..items.len() {
        let beside =
            |j: usize| near[j] || items[j].class == Class::Good && first[j] != Class::Short;
        if near[i] && ((i > 0 && beside(i - 1)) || (i + 1 < items.len() && beside(i + 1))) {
            items[i].class = Class::Good;
        }
    }
    for i in 0..items.len() {
        if items[i].class != Class::NearGood {
            continue;
        }
        let prev = neighbour(items, i, Dir::Back, true, reach);
        let next = neighbour(items, i, Dir::Forward, true, reach);
        items[i].class = if prev == Class::Bad && next == Class::Bad {
            Class::Bad
        } else {
            Class::Good
        };
    }

    // Headings that context made bad, but that were not bad on their own,
    // still head the prose that follows them.
    for i in 0..items.len() {
        if items[i].heading
            && items[i].class == Class::Bad
            && first[i] != Class::Bad
            && !items[i].fixed
            && good_follows(items, i)
        {
            items[i].class = Class::Good;
        }
    }
}

fn promote_headings(items: &mut [Item], from: Class, to: Class) {
    for i in 0..items.len() {
        if items[i].heading && items[i].class == from && !items[i].fixed && good_follows(items, i) {
            items[i].class = to;
        }
    }
}

/// Whether a good line follows line `i` within the heading distance.
fn good_follows(items: &[Item], i: usize) -> bool {
    let mut distance = 0;
    for item in &items[i + 1..] {
        if distance > MAX_HEADING_DISTANCE {
            return false;
        }
        if item.class == Class::Good {
            return true;
        }
        distance += item.chars;
    }
    false
}

#[derive(Clone, Copy)]
enum Dir {
    Back,
    Forward,
}

/// The nearest good or bad line (or near-good one, unless ignored) in
/// direction `dir`; the page's edge counts as bad.
fn neighbour(items: &[Item], i: usize, dir: Dir, ignore_near_good: bool, reach: usize) -> Class {
    let decides = |it: &Item| match it.class {
        Class::Good | Class::Bad => Some(it.class),
        Class::NearGood if !ignore_near_good => Some(Class::NearGood),
        _ => None,
    };
    // Two plain walks rather than one boxed iterator: this runs for every
    // short line of every page.
    let found = match dir {
        Dir::Back => items[..i].iter().rev().take(reach).find_map(decides),
        Dir::Forward => items[i + 1..].iter().take(reach).find_map(decides),
    };
    found.unwrap_or(Class::Bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Class::*;

    fn items(classes: &[Class]) -> Vec<Item> {
        classes
            .iter()
            .map(|&class| Item {
                class,
                heading: false,
                fixed: class == Bad,
                chars: 40,
            })
            .collect()
    }

    fn revised(classes: &[Class]) -> Vec<Class> {
        let mut it = items(classes);
        revise(&mut it, usize::MAX);
        it.iter().map(|i| i.class).collect()
    }

    #[test]
    fn short_lines_take_the_class_of_their_neighbours() {
        assert_eq!(revised(&[Good, Short, Good]), [Good, Good, Good]);
        assert_eq!(revised(&[Bad, Short, Short, Bad]), [Bad, Bad, Bad, Bad]);
        assert_eq!(revised(&[Short, Good]), [Bad, Good]);
    }

    #[test]
    fn near_good_lines_stay_beside_prose() {
        assert_eq!(revised(&[Good, NearGood, Bad]), [Good, Good, Bad]);
        assert_eq!(revised(&[Bad, NearGood, Bad]), [Bad, Bad, Bad]);
    }

    #[test]
    fn a_heading_before_prose_stays() {
        let mut it = items(&[Bad, Short, Good]);
        it[1].heading = true;
        revise(&mut it, usize::MAX);
        assert_eq!(it[1].class, Good);
    }
}
