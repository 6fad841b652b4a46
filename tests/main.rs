//! Integration tests: one binary, one module per area.

mod cli;
mod heuristics;
mod rules;
mod seeds;
mod util;
