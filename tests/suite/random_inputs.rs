//! A bounded random-input test in the ordinary suite, beside the fuzz corpus
//! replay: the shipped models, cut and spliced at random with the values that
//! break naive parsers and arithmetic (huge and tiny numbers, NaN, negative
//! durations, unclosed brackets, control characters), run through the whole
//! path a model file takes. Nothing may panic; proptest shrinks any input that
//! does to a small one and reports it.

use proptest::prelude::*;

use crate::support::root;

const SEEDS: [&str; 4] = [
    "models/thurrock.toml",
    "models/derby.toml",
    "examples/minimal.toml",
    "examples/failing-every-lint.toml",
];

/// Values that have broken parsers and calculators before.
const HOSTILE: [&str; 24] = [
    "1e27",
    "-1e27",
    "79228162514264337593543950336",
    "0.0000000000000000000000000001",
    "nan",
    "-inf",
    "1000000000",
    "-1",
    "0",
    "\"250%\"",
    "\"-5%\"",
    "\"%\"",
    "[]",
    "[[]]",
    "{}",
    "[1, \"2\", 3.5]",
    "\"\\u0000\"",
    "\"",
    "[",
    "]]",
    "\n[[outcomes]]\n",
    "\n[[scenarios]]\nname = \"x\"\nset = { \"*.proxy\" = 1e20 }\n",
    "\nuncertainty = { proxy = { normal = { sd = \"1e20%\" } } }\n",
    "\u{feff}",
];

#[derive(Debug, Clone)]
struct Edit {
    /// Where, as a fraction of the text's length.
    at: f64,
    /// How many bytes to cut there.
    cut: usize,
    /// What to put in their place.
    insert: String,
}

fn edit() -> impl Strategy<Value = Edit> {
    let insert = prop_oneof![
        3 => prop::sample::select(&HOSTILE[..]).prop_map(str::to_owned),
        1 => "[ -~\t\n]{0,12}",
        1 => prop::collection::vec(any::<u8>(), 0..8)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
    ];
    (0.0..1.0f64, 0usize..24, insert).prop_map(|(at, cut, insert)| Edit { at, cut, insert })
}

fn apply(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for edit in edits {
        // Truncation is intended: a position within the text.
        let at = ((bytes.len() as f64) * edit.at) as usize;
        let end = (at + edit.cut).min(bytes.len());
        bytes.splice(at..end, edit.insert.bytes());
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn shipped_models_spliced_with_hostile_values_never_panic(
        seed in prop::sample::select(&SEEDS[..]),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let text = std::fs::read_to_string(root().join(seed)).expect("a shipped model is readable");
        let input = apply(&text, &edits);
        let outcome = std::panic::catch_unwind(|| sroi::fuzz::exercise(&input));
        prop_assert!(
            outcome.is_ok(),
            "panicked on {seed} with edits {edits:?}:\n{}",
            String::from_utf8_lossy(&input)
        );
    }
}
