//! Integration tests: one binary, one module per area.

mod cli;
mod heuristics;
mod pipeline;
mod rules;
mod seeds;
mod util;
