//! The workbook's parts, checked by hand on small models. That the formulas
//! compute `calc`'s figures is proved by LibreOffice in the integration tests
//! (`tests/suite/export_libreoffice.rs`).

use std::io::Read;

use rust_decimal::Decimal;

use super::layout::{Block, Layout, MapRow};
use super::{CachedResults, cells, scenarios, workbook};
use crate::calc::calculate;
use crate::diagnostic::SourceFile;
use crate::model::{Limits, Model, parse_model};

/// Stakeholder `council` only puts in; `people` has an outcome with three
/// cohorts; `families` one with a single cohort starting in year 2.
const MODEL: &str = r#"
[analysis]
name = "Three stakeholders"

[[stakeholders]]
id = "council"

[[stakeholders]]
id = "people"

[[stakeholders]]
id = "families"

[[inputs]]
stakeholder = "council"
amount = [10_000, 5_000]

[[outcomes]]
id = "isolation"
stakeholder = "people"
quantity = [10, 20, 30]
proxy = 100
drop_off = "10%"
duration = 3

[[outcomes]]
id = "respite"
stakeholder = "families"
quantity = 5
proxy = 200
duration = 1
start_year = 2

[[scenarios]]
name = "cautious"
set = { "*.deadweight" = "40%", "isolation.quantity" = [30, 30] }
change = { "*.proxy" = "-20%", "isolation.drop_off" = "+5%", inputs = "+5%", "respite.duration" = 1 }
"#;

fn model() -> Model {
    let source = SourceFile::new("test.toml", MODEL);
    parse_model(&source, Limits::DEFAULT)
        .unwrap_or_else(|d| panic!("invalid test model:\n{}", d.render(&source)))
}

#[test]
fn each_cohort_has_a_row_and_each_stakeholder_a_block_in_file_order() {
    let model = model();
    let results = calculate(&model).expect("computes");
    let layout = Layout::new(&model, &results).expect("fits");
    // isolation's last cohort starts in year 3 and lasts 3 years: year 5.
    assert_eq!(layout.years, 5);
    let cohort = |outcome, cohort, outcome_row| MapRow::Cohort {
        outcome,
        cohort,
        outcome_row,
    };
    // The table starts on row 6 (the seventh): council, people ×3, families.
    assert_eq!(
        layout.rows,
        vec![
            (0, MapRow::Idle),
            (1, cohort(0, 0, 7)),
            (1, cohort(0, 1, 7)),
            (1, cohort(0, 2, 7)),
            (2, cohort(1, 0, 10)),
        ]
    );
    let blocks: Vec<(u32, u32)> = layout
        .blocks
        .iter()
        .map(|Block { first, last }| (*first, *last))
        .collect();
    assert_eq!(blocks, vec![(6, 6), (7, 9), (10, 10)]);
    // A blank row after the table's last row (10), then the totals.
    assert_eq!(layout.total_row(), 12);
    // Columns A to R, then years 1 to 5 in S to W, present value in X.
    assert_eq!(cells::column(layout.year_column(1)), "S");
    assert_eq!(cells::column(layout.present_value_column()), "X");
}

#[test]
fn a_later_cohort_starts_its_drop_off_afresh() {
    // Cohort 2 (k = 1) of isolation starts in year 2: impact 20 × 100 = 2,000,
    // then 1,800 and 1,620 with 10% drop-off, and nothing in years 1 and 5.
    let model = model();
    let results = calculate(&model).expect("computes");
    let outcome = &model.outcomes[0];
    let values = crate::calc::cohort_values(outcome, results.outcomes[0].impacts[1], 1, 5)
        .expect("within a decimal");
    let expected: Vec<Decimal> = [0, 2_000, 1_800, 1_620, 0]
        .into_iter()
        .map(Decimal::from)
        .collect();
    assert_eq!(values, expected);
}

#[test]
fn model_text_is_neutralised_and_cut_to_what_a_cell_holds() {
    assert_eq!(
        cells::neutralised("=HYPERLINK(\"x\")"),
        "'=HYPERLINK(\"x\")"
    );
    assert_eq!(cells::neutralised("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(cells::neutralised("Less isolated"), "Less isolated");
    let long = cells::neutralised(&"x".repeat(40_000));
    assert_eq!(long.chars().count(), 32_767);
    assert!(long.ends_with('…'));
}

#[test]
fn overrides_read_as_the_model_writes_them() {
    // Every set, then every change, each in the order the model holds them.
    let model = model();
    assert_eq!(
        scenarios::overrides(&model, &model.scenarios[0]),
        "set *.deadweight = 40%; set isolation.quantity = 30;30; change *.proxy by -20%; \
         change inputs by +5%; change isolation.drop_off by +5 points; change respite.duration by +1 year"
    );
}

#[test]
fn cached_results_are_the_exact_figures_or_all_zero() {
    let model = model();
    let results = calculate(&model).expect("computes");
    let computed = formulas(&workbook(&model, &results, CachedResults::Computed).expect("written"));
    let zero = formulas(&workbook(&model, &results, CachedResults::Zero).expect("written"));
    assert_eq!(computed.len(), zero.len());
    assert!(zero.iter().all(|(_, value)| value == "0"));
    // The headline present value: its cell holds the total row's sum, and
    // its cached result is calc's present value, unrounded.
    let present_value = cells::exact(results.present_value);
    assert!(
        computed
            .iter()
            .any(|(formula, value)| formula == "X13" && *value == present_value),
        "no cached {present_value} for the headline present value"
    );
    assert!(computed.iter().any(|(_, value)| value != "0"));
}

/// Every formula of the Value map with its cached result.
fn formulas(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut xml = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .expect("the Value map")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    xml.split("<f>")
        .skip(1)
        .map(|rest| {
            let (formula, after) = rest.split_once("</f><v>").expect("a cached result");
            let value = &after[..after.find("</v>").expect("closed")];
            (formula.to_owned(), value.to_owned())
        })
        .collect()
}
