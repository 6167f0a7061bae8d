//! Agreement with an independent implementation of the spec.
//!
//! `tests/reference/sroi_reference.py` computes spec section 2 from the spec
//! text alone, in Python's `decimal` at 60 digits; its output for every model
//! in `tests/fixtures/crosscheck/` is kept beside the model as `NNN.json`. The
//! fixtures cover every convention and shape the spec allows, including the
//! Green Book Box 15 check figures and the spec's own section 3 example.
//! Every figure must agree to the penny, and ratios and shares to 4 places.

use serde_json::Value;

use crate::support::{files_with_extension, root, sroi, stdout};

#[test]
fn every_figure_agrees_with_the_reference_implementation() {
    let directory = root().join("tests/fixtures/crosscheck");
    let models = files_with_extension(&directory, "toml");
    assert!(
        models.len() >= 50,
        "the cross-check fixtures are missing: found {}",
        models.len()
    );
    for model in models {
        let output = sroi(&[
            "calc",
            "--format",
            "json",
            model.to_str().expect("UTF-8 path"),
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}: {}",
            model.display(),
            crate::support::stderr(&output)
        );
        let ours: Value = serde_json::from_str(&stdout(&output)).expect("calc writes JSON");
        let expected =
            std::fs::read_to_string(model.with_extension("json")).expect("reference output exists");
        let reference: Value = serde_json::from_str(&expected).expect("reference output is JSON");
        assert_contains(&ours, &reference, &model.display().to_string());
    }
}

/// Every key the reference gives must be in ours with the same value; numbers
/// are both rounded by the spec's rule, so they compare exactly.
fn assert_contains(ours: &Value, reference: &Value, path: &str) {
    match (ours, reference) {
        (Value::Object(ours), Value::Object(reference)) => {
            for (key, expected) in reference {
                let actual = ours
                    .get(key)
                    .unwrap_or_else(|| panic!("{path}: missing key `{key}`"));
                assert_contains(actual, expected, &format!("{path}.{key}"));
            }
        }
        (Value::Array(ours), Value::Array(reference)) => {
            assert_eq!(ours.len(), reference.len(), "{path}: lengths differ");
            for (index, (actual, expected)) in ours.iter().zip(reference).enumerate() {
                assert_contains(actual, expected, &format!("{path}[{index}]"));
            }
        }
        (Value::Number(actual), Value::Number(expected)) => {
            assert_eq!(
                actual.as_f64(),
                expected.as_f64(),
                "{path}: {actual} against the reference {expected}"
            );
        }
        _ => assert_eq!(ours, reference, "{path}"),
    }
}

#[test]
fn the_green_book_box_15_check_figures_are_reproduced() {
    // HM Treasury Green Book (2003), Box 15, as quoted in spec section 2.
    for (model, npv) in [
        ("green_book_box15_150k", 247_490.80),
        ("green_book_box15_100k", -168_339.47),
    ] {
        let path = format!("tests/fixtures/crosscheck/{model}.toml");
        let output = sroi(&["calc", "--format", "json", &path]);
        let json: Value = serde_json::from_str(&stdout(&output)).expect("calc writes JSON");
        assert_eq!(json["net_present_value"].as_f64(), Some(npv), "{model}");
    }
}
