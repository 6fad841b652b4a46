//! Integration tests: one binary, one module per area.

mod cli;
mod pipeline;
mod rules;
mod seeds;
mod util;
