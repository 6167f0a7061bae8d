//! `sroi`: Social Return on Investment from an impact map.
//!
//! The pipeline reads like the method: [`model`] loads and validates an
//! impact map written to the spec, [`calc`] computes every figure in exact
//! decimals, and [`report`] writes them as a table, JSON, CSV, Markdown, an
//! HTML report with SVG charts, or a workbook with live formulas.
//! [`compare`] puts several models side by side and [`check`] lints a model
//! against the SROI principles and its published figures; [`sensitivity`],
//! [`scenario`] and [`simulate`] test how far the ratio rests on its
//! assumptions. [`import`] turns a value map saved as CSV back into a model,
//! and [`json_schema`] describes the format for editors.
//! [`commands`] is the only layer that prints or exits; every output shows
//! the model's own text through [`printable`], so it cannot drive a terminal.

pub mod calc;
pub mod check;
pub mod cli;
mod cli_values;
pub mod commands;
pub mod compare;
pub mod diagnostic;
pub mod exit;
pub mod format;
pub mod fuzz;
pub mod import;
pub mod json_schema;
pub mod model;
pub mod number;
pub mod output;
pub mod printable;
pub mod report;
pub mod scenario;
pub mod sensitivity;
pub mod simulate;
