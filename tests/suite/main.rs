//! The integration tests, in one binary (one module per area), run against the
//! real `sroi` executable so they see exactly what a user sees.

mod calc_cli;
mod check;
mod check_output;
mod check_walk;
mod ci_annotations;
mod compare;
mod compare_bundled;
mod control_characters;
mod crosscheck;
mod error_catalogue;
mod export;
mod export_libreoffice;
mod fuzz_corpus;
mod golden;
mod hostile_numbers;
mod hostile_text;
mod import;
mod interrupt;
mod limits;
mod models;
mod output_files;
mod precision;
mod properties;
mod properties_analysis;
mod random_inputs;
mod report;
mod report_browser;
mod scenarios;
mod schema;
mod sensitivity;
mod simulation;
mod streams;
mod support;
mod tools;
mod validation;
