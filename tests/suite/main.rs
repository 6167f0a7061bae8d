//! The integration tests, in one binary (one module per area), run against the
//! real `sroi` executable so they see exactly what a user sees.

mod calc_cli;
mod check;
mod check_output;
mod compare;
mod compare_bundled;
mod crosscheck;
mod export;
mod export_libreoffice;
mod fuzz_corpus;
mod golden;
mod models;
mod properties;
mod scenarios;
mod sensitivity;
mod simulation;
mod support;
mod tools;
mod validation;
