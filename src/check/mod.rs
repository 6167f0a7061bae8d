//! `sroi check`: does a model still hold up? First the model must load and
//! compute, exactly as for `sroi calc`; then lints tied to the SROI
//! principles look for over-claiming, missing evidence, gaps in the map and
//! published figures the model no longer reproduces.

pub mod codes;

pub use codes::{Code, Severity};
