//! A generator of large, realistic impact maps for the benchmarks: many
//! outcomes spread over a few stakeholders, a third of them with one cohort per
//! year, deductions, drop-off and durations in the ranges real value maps use,
//! one outcome in fifty negative, and inputs sized so the ratio is about 3 : 1.
//! The same `outcomes` and `seed` always give the same text.

use std::fmt::Write as _;

/// A small deterministic generator (SplitMix64), so the model does not depend
/// on any crate's notion of a random stream.
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

const STAKEHOLDERS: usize = 20;

/// The text of a model with `outcomes` outcomes.
pub fn model(outcomes: usize, seed: u64) -> String {
    let mut stream = Stream(seed);
    let mut text =
        String::from("[analysis]\nname = \"Generated benchmark model\"\nkind = \"forecast\"\n\n");
    for s in 0..STAKEHOLDERS {
        let _ = writeln!(
            text,
            "[[stakeholders]]\nid = \"group{s}\"\nname = \"Group {s}\"\n"
        );
    }
    let mut outcome_text = String::new();
    // A rough undiscounted value, only to size the inputs.
    let mut rough_value = 0.0_f64;
    for i in 0..outcomes {
        let cohorts = if i % 3 == 0 { 3 } else { 1 };
        let quantities: Vec<u64> = (0..cohorts).map(|_| stream.between(5, 400)).collect();
        let proxy = stream.between(50, 5_000) as i64 * if i % 50 == 49 { -1 } else { 1 };
        let deadweight = stream.between(0, 40);
        let displacement = stream.between(0, 20);
        let attribution = stream.between(0, 50);
        let drop_off = stream.between(0, 50);
        let duration = stream.between(1, 5);
        let start_year = stream.between(1, 2);
        let quantity = match quantities.as_slice() {
            [single] => single.to_string(),
            many => format!("{many:?}"),
        };
        let _ = writeln!(
            outcome_text,
            "[[outcomes]]\nid = \"outcome{i}\"\nstakeholder = \"group{}\"\n\
             description = \"Generated outcome {i}\"\nquantity = {quantity}\nproxy = {proxy}\n\
             deadweight = \"{deadweight}%\"\ndisplacement = \"{displacement}%\"\n\
             attribution = \"{attribution}%\"\ndrop_off = \"{drop_off}%\"\n\
             duration = {duration}\nstart_year = {start_year}\n",
            i % STAKEHOLDERS
        );
        let net = (1.0 - deadweight as f64 / 100.0)
            * (1.0 - displacement as f64 / 100.0)
            * (1.0 - attribution as f64 / 100.0);
        let years: f64 = (0..duration)
            .map(|j| (1.0 - drop_off as f64 / 100.0).powi(j as i32))
            .sum();
        let units: u64 = quantities.iter().sum();
        rough_value += units as f64 * proxy as f64 * net * years;
    }
    let yearly = (rough_value / 3.0 / 3.0).max(1.0).round() as u64;
    let _ = writeln!(
        text,
        "[[inputs]]\nstakeholder = \"group0\"\ndescription = \"Programme costs\"\n\
         amount = [{yearly}, {yearly}, {yearly}]\n"
    );
    text.push_str(&outcome_text);
    text
}
