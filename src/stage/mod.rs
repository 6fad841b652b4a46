//! The stages of cleaning, in the order [`Cleaner`](crate::Cleaner) runs
//! them. Each marks lines or spans of a [`Page`](crate::document::Page) as
//! removed, with a reason, and never edits text.

pub(crate) mod classify;
pub(crate) mod content;
pub(crate) mod context;
pub(crate) mod duplicates;
pub(crate) mod heuristics;
pub(crate) mod region;
pub(crate) mod rules;
