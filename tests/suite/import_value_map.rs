//! `sroi import` of a value map laid out as analysts lay one out: a title
//! and stage rows above the headings, merged stakeholder cells, money with
//! `£` and thousands separators, percentage cells, inputs on their
//! stakeholders' rows, an Impact column, a note and a totals row. The same
//! value map as a workbook (built here with rust_xlsxwriter, as a
//! spreadsheet saves one: numbers in number cells with formats, a merged
//! cell, formulas with their results) and as a CSV saved by Excel on
//! Windows (`tests/fixtures/import/value-map/excel.csv`: a byte-order mark,
//! CRLF, text as displayed) imports without `--onto` or `--inputs`, and
//! `sroi calc` of the result gives the figures of the same model written by
//! hand (`by-hand.toml`), to the penny.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet};
use serde_json::Value;

use crate::support::{root, sroi, stderr, stdout};

pub const CSV: &str = "tests/fixtures/import/value-map/excel.csv";
pub const BY_HAND: &str = "tests/fixtures/import/value-map/by-hand.toml";
/// The sample workbook of the README, the workbook built by `analyst_workbook`.
const EXAMPLE: &str = "examples/value-map.xlsx";

/// One cell of the analyst's value map, as a spreadsheet holds it.
pub enum Cell {
    Text(&'static str),
    /// A number shown as money (`£1,850.00`).
    Money(f64),
    /// A fraction shown as a percentage (0.25 as `25%`).
    Percent(f64),
    /// A count (`1,200`).
    Count(f64),
    /// A formula and the result the spreadsheet saved with it.
    Formula(&'static str, f64),
}

use Cell::{Count, Formula as F, Money, Percent, Text};

/// The value map's rows from row 6, columns A to S, as in `excel.csv`.
/// Impact (S) = quantity × proxy × (1 − deadweight)(1 − displacement)(1 − attribution):
/// 40 × 850.50 × 0.75 × 1 × 0.9 = 22,963.50; 12 × 1,850 × 0.7 × 1 × 0.8 = 12,432;
/// 1,200 × 95 × 0.5 × 0.9 × 0.75 = 38,475; 30 × −300 = −9,000; total 64,870.50.
fn table() -> Vec<Vec<Cell>> {
    vec![
        vec![
            Text("Young people"),
            Text(""),
            Text(""),
            Text(""),
            Text("40 young people on the course"),
            Text("More confident"),
            Text("Self-reported confidence"),
            Text("Exit survey"),
            Count(40.0),
            Count(2.0),
            Count(1.0),
            Text("Cost of a confidence course"),
            Money(850.5),
            Text("Unit Cost Database 2023"),
            Percent(0.25),
            Percent(0.0),
            Percent(0.1),
            Percent(0.2),
            F("=I6*M6*(1-O6)*(1-P6)*(1-Q6)", 22963.5),
        ],
        vec![
            // Merged with the cell above: blank here, as a spreadsheet saves it.
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text("Back in education"),
            Text("Enrolled at college"),
            Text("College records"),
            Count(12.0),
            Count(3.0),
            Count(2.0),
            Text("Value of a year in further education"),
            Money(1850.0),
            Text("Department for Education"),
            Percent(0.3),
            Percent(0.0),
            Percent(0.2),
            Percent(0.1),
            F("=I7*M7*(1-O7)*(1-P7)*(1-Q7)", 12432.0),
        ],
        vec![
            Text("Local council"),
            Text("Youth worker time and a grant"),
            Money(12000.0),
            Text("No"),
            Text(""),
            Text("Fewer call-outs for antisocial behaviour"),
            Text("Police call-outs"),
            Text("Police data"),
            Count(1200.0),
            Count(1.0),
            Count(1.0),
            Text("Cost of a police call-out"),
            Money(95.0),
            Text("GMCA unit cost database"),
            Percent(0.5),
            Percent(0.1),
            Percent(0.25),
            Percent(0.0),
            F("=I8*M8*(1-O8)*(1-P8)*(1-Q8)", 38475.0),
        ],
        vec![
            Text("Youth Trust"),
            Text("Venue hire, in kind"),
            Money(3500.0),
            Text("Yes"),
        ],
        vec![
            Text("Local residents"),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text("More noise in the evenings"),
            Text("Complaints to the council"),
            Text("Council log"),
            Count(30.0),
            Count(1.0),
            Count(1.0),
            Text("Cost of noise nuisance"),
            Money(-300.0),
            Text("Defra noise valuation"),
            Percent(0.0),
            Percent(0.0),
            Percent(0.0),
            Percent(0.0),
            F("=I10*M10*(1-O10)*(1-P10)*(1-Q10)", -9000.0),
        ],
        vec![Text(
            "Note: the proxies are from the sources named beside them",
        )],
        vec![],
        vec![
            Text("Total"),
            Text(""),
            F("=SUM(C6:C12)", 15500.0),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
            F("=SUM(S6:S12)", 64870.5),
        ],
        vec![Text("Figures checked by the project's finance officer")],
    ]
}

const HEADINGS: [&str; 19] = [
    "Stakeholders",
    "What do they invest?",
    "Value £",
    "In kind",
    "Outputs",
    "Outcome description",
    "Indicator",
    "Source",
    "Quantity",
    "Duration",
    "Outcomes start",
    "Financial proxy",
    "Value £",
    "Source",
    "Deadweight %",
    "Displacement %",
    "Attribution %",
    "Drop off %",
    "Impact",
];

/// The analyst's value map as an xlsx workbook: a sheet of notes first, the
/// value map on its second sheet ("Value map"), with `edit` applied to its
/// cells (row from 6, column from 0) before they are written.
pub fn analyst_workbook_with(edit: impl Fn(usize, usize, Cell) -> Cell) -> Vec<u8> {
    let mut workbook = Workbook::new();
    // A fixed date, so that the workbook is the same bytes on every run.
    let created = ExcelDateTime::from_ymd(2025, 4, 1).expect("a date");
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let notes = workbook.add_worksheet();
    notes.set_name("Read me").expect("a sheet name");
    notes
        .write_string(
            0,
            0,
            "Value map of the Riverside Youth Project: see the next sheet.",
        )
        .expect("written");
    let sheet = workbook.add_worksheet();
    write_value_map(sheet, &edit).expect("the value map is written");
    workbook.save_to_buffer().expect("a workbook")
}

pub fn analyst_workbook() -> Vec<u8> {
    analyst_workbook_with(|_, _, cell| cell)
}

fn write_value_map(
    sheet: &mut Worksheet,
    edit: &impl Fn(usize, usize, Cell) -> Cell,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    sheet.set_name("Value map")?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("£#,##0.00;-£#,##0.00");
    let percent = Format::new().set_num_format("0%");
    let count = Format::new().set_num_format("#,##0");
    sheet.write_string_with_format(0, 0, "Value map: Riverside Youth Project", &bold)?;
    sheet.write_string(1, 0, "Forecast for 2025-26; all values in pounds sterling")?;
    sheet.write_string(3, 0, "Stage 1: Stakeholders")?;
    sheet.merge_range(3, 1, 3, 4, "Stage 2: Inputs", &bold)?;
    sheet.merge_range(3, 5, 3, 13, "Stage 3: Outcomes", &bold)?;
    sheet.merge_range(3, 14, 3, 18, "Stage 4: Impact", &bold)?;
    for (column, heading) in HEADINGS.iter().enumerate() {
        sheet.write_string_with_format(4, column as u16, *heading, &bold)?;
    }
    for (index, cells) in table().into_iter().enumerate() {
        let row = 5 + index as u32;
        for (column, cell) in cells.into_iter().enumerate() {
            let col = column as u16;
            match edit(row as usize + 1, column, cell) {
                Text("") => {}
                Text(text) => {
                    sheet.write_string(row, col, text)?;
                }
                Money(value) => {
                    sheet.write_number_with_format(row, col, value, &money)?;
                }
                Percent(value) => {
                    sheet.write_number_with_format(row, col, value, &percent)?;
                }
                Count(value) => {
                    sheet.write_number_with_format(row, col, value, &count)?;
                }
                F(formula, result) => {
                    let format = if column == 2 || column == 18 {
                        &money
                    } else {
                        &count
                    };
                    let formula = Formula::new(formula).set_result(result.to_string());
                    sheet.write_formula_with_format(row, col, formula, format)?;
                }
            }
        }
    }
    // The stakeholder of the first two outcomes, merged over both rows.
    sheet.merge_range(5, 0, 6, 0, "Young people", &Format::new())?;
    Ok(())
}

/// `sroi calc MODEL --format json`, which must succeed.
pub fn calc_json(model: &str) -> Value {
    let output = sroi(&["calc", model, "--format", "json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{model}: {}",
        stderr(&output)
    );
    serde_json::from_str(&stdout(&output)).expect("JSON")
}

/// The figures of `sroi calc --format json` that a model's numbers decide
/// (everything but the analysis's name and the file it came from).
pub fn figures(json: &Value) -> Vec<(String, Value)> {
    let mut figures: Vec<(String, Value)> = [
        "present_value",
        "net_present_value",
        "ratio",
        "net_ratio",
        "payback_months",
        "outcomes",
        "stakeholders",
        "years",
        "conventions",
        "inputs",
    ]
    .iter()
    .map(|key| ((*key).to_owned(), json[*key].clone()))
    .collect();
    figures.push(("currency".to_owned(), json["analysis"]["currency"].clone()));
    figures
}

/// Import `file` (with `args`) to a new model in `directory`: its path and
/// what the import wrote on standard error.
pub fn import(directory: &Path, file: &str, args: &[&str]) -> (String, String) {
    let model = directory.join("imported.toml");
    let model = model.to_str().expect("UTF-8 path").to_owned();
    let mut all = vec!["import", file, "-o", &model];
    all.extend_from_slice(args);
    let output = sroi(&all);
    assert_eq!(
        output.status.code(),
        Some(0),
        "import of {file} failed:\n{}",
        stderr(&output)
    );
    (model, stderr(&output))
}

/// The imported model gives the figures of the model written by hand, and
/// those are the figures worked out by hand. At 3.5%, year 1 discounted
/// once: more confident (20% drop-off) 22,963.50/1.035 and 18,370.80/1.035²,
/// 39,336.29; back in education (from year 2, 10% drop-off) 12,432/1.035²,
/// 11,188.80/1.035³ and 10,069.92/1.035⁴, 30,472.42; fewer call-outs
/// 38,475/1.035, 37,173.91; more noise −9,000/1.035, −8,695.65. PV is their
/// sum, £98,286.97; inputs £12,000 and £3,500, £15,500; NPV £82,786.97;
/// ratio 98,286.97 / 15,500 = 6.3411.
fn assert_gives_the_hand_model_s_figures(model: &str, from: &str) {
    let imported = calc_json(model);
    let by_hand = calc_json(BY_HAND);
    assert_eq!(figures(&imported), figures(&by_hand), "{from}");
    assert_eq!(imported["present_value"].to_string(), "98286.97", "{from}");
    assert_eq!(
        imported["net_present_value"].to_string(),
        "82786.97",
        "{from}"
    );
    assert_eq!(imported["ratio"].to_string(), "6.3411", "{from}");
    assert_eq!(imported["inputs"]["total"].to_string(), "15500.0", "{from}");
}

#[test]
fn an_excel_csv_imports_without_onto_and_gives_the_hand_model_s_figures() {
    let bytes = std::fs::read(root().join(CSV)).expect("the fixture");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "the fixture lost its BOM"
    );
    assert!(
        bytes.windows(2).filter(|w| w == b"\r\n").count() == 14,
        "the fixture lost its CRLF line endings"
    );
    let directory = tempfile::tempdir().expect("temporary directory");
    let (model, notes) = import(directory.path(), CSV, &[]);
    assert_gives_the_hand_model_s_figures(&model, CSV);
    assert_eq!(
        notes,
        format!(
            "{CSV}: note: columns not imported: Outputs (column 5: outputs are not part of the calculation); \
             Source (column 8: the indicator's source has no field in the model)\n\
             {CSV}: note: rows not imported: 11 (a note), 12 (blank), 13 (totals), 14 (below the totals row)\n\
             imported 4 outcomes from {CSV} and 2 inputs from its stakeholders' rows\n\
             wrote {model}; next: sroi calc {model}\n"
        )
    );
}

#[test]
fn the_same_value_map_as_a_workbook_gives_the_same_figures() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let workbook = directory.path().join("value-map.xlsx");
    std::fs::write(&workbook, analyst_workbook()).expect("written");
    let workbook = workbook.to_str().expect("UTF-8 path");
    let (model, notes) = import(directory.path(), workbook, &[]);
    assert_gives_the_hand_model_s_figures(&model, workbook);
    // The value map is found on its sheet, and columns are named by letter.
    assert!(
        notes.starts_with(&format!(
            "{workbook}:'Value map': note: columns not imported: Outputs (column E: "
        )),
        "{notes}"
    );
}

#[test]
fn the_sample_workbook_is_the_one_this_test_builds_and_imports_alike() {
    let built = analyst_workbook();
    let example = root().join(EXAMPLE);
    if std::env::var_os("SROI_BLESS").is_some() {
        std::fs::write(&example, &built).expect("the example is writable");
    }
    let checked_in = std::fs::read(&example).expect("examples/value-map.xlsx");
    assert!(
        checked_in == built,
        "{EXAMPLE} is not the workbook `analyst_workbook` builds: run SROI_BLESS=1 cargo test --test suite import_value_map"
    );
    let directory = tempfile::tempdir().expect("temporary directory");
    let (model, _) = import(directory.path(), EXAMPLE, &[]);
    assert_gives_the_hand_model_s_figures(&model, EXAMPLE);
}

/// `sroi import FILE ARGS`, which must fail with exit code 1 and write nothing.
fn import_fails(file: &str, args: &[&str]) -> String {
    let directory = tempfile::tempdir().expect("temporary directory");
    let model = directory.path().join("never.toml");
    let model_arg = model.to_str().expect("UTF-8 path");
    let mut all = vec!["import", file, "-o", model_arg];
    all.extend_from_slice(args);
    let output = sroi(&all);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(!model.exists(), "a model was written despite:\n{message}");
    assert!(stdout(&output).is_empty());
    message
}

#[test]
fn a_bad_cell_in_a_crlf_csv_is_reported_at_its_true_line_and_column() {
    // Line 7 of the CRLF file, column 13 (M, the proxy's Value £): an O
    // typed for a zero.
    let text = std::fs::read_to_string(root().join(CSV)).expect("the fixture");
    let bad = text.replacen("\"£1,850.00\"", "\"£1,85O.00\"", 1);
    assert_ne!(bad, text);
    let directory = tempfile::tempdir().expect("temporary directory");
    let csv = directory.path().join("bad.csv");
    std::fs::write(&csv, bad).expect("written");
    let csv = csv.to_str().expect("UTF-8 path");
    let message = import_fails(csv, &[]);
    assert!(
        message.ends_with(&format!(
            "{csv}:7:13: error[SROI003]: `proxy` must be a number, found the string \"£1,85O.00\"\n  \
             = column 13 `Value £`: \"£1,85O.00\"\n  \
             = hint: \"£1,85O.00\" has a letter O where a zero belongs: \"£1,850.00\"\n\n\
             {csv}: 1 problem found\n"
        )),
        "{message}"
    );
}

#[test]
fn a_bad_cell_in_a_workbook_is_reported_at_its_cell() {
    // Row 8, column O (Deadweight %): 50 typed where 50% was meant.
    let workbook = analyst_workbook_with(|row, column, cell| {
        if (row, column) == (8, 14) {
            Count(50.0)
        } else {
            cell
        }
    });
    let directory = tempfile::tempdir().expect("temporary directory");
    let file = directory.path().join("bad.xlsx");
    std::fs::write(&file, workbook).expect("written");
    let file = file.to_str().expect("UTF-8 path");
    let message = import_fails(file, &[]);
    assert!(
        message.contains(&format!(
            "{file}:'Value map'!O8: error[SROI005]: `deadweight` must be between 0% and 100%, found 50\n  \
             = column O `Deadweight %`: \"50\"\n  \
             = hint: a bare number is a fraction of one; for 50 percent write \"50%\" or 0.5\n"
        )),
        "{message}"
    );
}

#[test]
fn an_impact_that_disagrees_with_sroi_is_a_warning_naming_its_cell() {
    // A dragged formula: S7 says 12,999.00 where 12 × 1,850 × 0.7 × 0.8 = 12,432.00.
    let text = std::fs::read_to_string(root().join(CSV)).expect("the fixture");
    let edited = text.replacen("\"£12,432.00\"", "\"£12,999.00\"", 1);
    assert_ne!(edited, text);
    let directory = tempfile::tempdir().expect("temporary directory");
    let csv = directory.path().join("dragged.csv");
    std::fs::write(&csv, edited).expect("written");
    let csv = csv.to_str().expect("UTF-8 path");
    let (model, notes) = import(directory.path(), csv, &[]);
    assert!(
        notes.contains(&format!(
            "{csv}:7:19: warning: the sheet's Impact (\"Impact\") is £12,999.00, but sroi's is £12,432.00 \
             (quantity × proxy × net of deductions); is the cell's formula the row's own?\n"
        )),
        "{notes}"
    );
    assert_eq!(notes.matches("warning").count(), 1, "{notes}");
    // The model is imported all the same, with the figures of its assumptions.
    assert_gives_the_hand_model_s_figures(&model, csv);
}

#[test]
fn a_sheet_is_chosen_by_name_or_as_the_first_with_a_value_map() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let file = directory.path().join("value-map.xlsx");
    std::fs::write(&file, analyst_workbook()).expect("written");
    let file = file.to_str().expect("UTF-8 path");
    // The first sheet, "Read me", holds no header row: "Value map" is read.
    let (model, _) = import(directory.path(), file, &["--sheet", "Value map"]);
    assert_gives_the_hand_model_s_figures(&model, file);
    let message = import_fails(file, &["--sheet", "Read me"]);
    assert!(
        message.starts_with(&format!(
            "{file}:'Read me': error[SROI002]: no value map header row found"
        )),
        "{message}"
    );
    let message = import_fails(file, &["--sheet", "Values"]);
    assert_eq!(
        message,
        format!(
            "{file}: error[SROI008]: the workbook has no sheet named \"Values\"\n  \
             = hint: its sheets are \"Read me\", \"Value map\"\n\n{file}: 1 problem found\n"
        )
    );
}

#[test]
fn a_crlf_csv_in_sroi_s_own_layout_is_numbered_by_its_true_lines() {
    // The proxy of the outcome on line 3 is not a number; with CRLF line
    // endings it was reported on line 2.
    let directory = tempfile::tempdir().expect("temporary directory");
    let csv = directory.path().join("crlf.csv");
    std::fs::write(
        &csv,
        "id,stakeholder,quantity,proxy,duration\r\nisolation,individuals,100,800,2\r\nother,individuals,100,x,2\r\n",
    )
    .expect("written");
    let csv = csv.to_str().expect("UTF-8 path");
    let message = import_fails(csv, &["--onto", "tests/fixtures/import/base.toml"]);
    assert!(
        message.starts_with(&format!(
            "{csv}:3:4: error[SROI003]: `proxy` must be a number, found the string \"x\"\n"
        )),
        "{message}"
    );
}

#[test]
fn every_exported_workbook_imported_onto_its_model_gives_identical_figures() {
    // The workbook `sroi export` writes is a value map: imported onto the
    // model it came from, with its cohorts' rows (`isolation, cohort 2`)
    // joined back into one outcome, it gives the model's own JSON, and its
    // Impact and present value cells agree with sroi's (no warning). The
    // models are the bundled ones and every cross-check fixture, which use
    // every convention and shape the spec allows.
    let mut models = vec![
        root().join("models/thurrock.toml"),
        root().join("models/derby.toml"),
        root().join(BY_HAND),
        // Quotes, backslashes, line breaks and text starting with `=`, `-`
        // or `@` in every text field, and ids starting with `-`.
        root().join("tests/fixtures/import/cohorts.toml"),
        root().join("tests/fixtures/hostile/formulas.toml"),
    ];
    models.extend(crate::support::files_with_extension(
        &root().join("tests/fixtures/crosscheck"),
        "toml",
    ));
    assert!(models.len() >= 50, "the cross-check fixtures are missing");
    let mut disagreements = Vec::new();
    for model in &models {
        let model = model.to_str().expect("UTF-8 path");
        let directory = tempfile::tempdir().expect("temporary directory");
        let workbook = directory.path().join("map.xlsx");
        let workbook = workbook.to_str().expect("UTF-8 path");
        let output = sroi(&["export", model, "-o", workbook]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{model}: {}",
            stderr(&output)
        );
        let (imported, notes) = import(directory.path(), workbook, &["--onto", model]);
        if calc_json(&imported) != calc_json(model) || notes.contains("warning") {
            disagreements.push(format!("{model}:\n{notes}"));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} models changed on the way through their workbook:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

#[test]
fn a_sheet_with_cells_at_its_far_corners_is_read_without_laying_out_the_space_between() {
    // A1 and XFD1048576: laid out whole, the sheet would be 17 billion cells
    // (hundreds of gigabytes). Read cell by cell it is two rows, neither a
    // header row, and the import says so.
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Stakeholder").expect("written");
    sheet
        .write_string(1_048_575, 16_383, "Quantity")
        .expect("written");
    let directory = tempfile::tempdir().expect("temporary directory");
    let file = directory.path().join("corners.xlsx");
    std::fs::write(&file, workbook.save_to_buffer().expect("a workbook")).expect("written");
    let file = file.to_str().expect("UTF-8 path");
    let message = import_fails(file, &["--onto", BY_HAND]);
    assert!(
        message.starts_with(&format!(
            "{file}: error[SROI002]: no value map header row found"
        )),
        "{message}"
    );
}

#[test]
fn onto_a_base_a_stakeholder_it_lacks_is_an_error_at_the_cell_that_names_it() {
    // The base model without its local residents (stakeholder and outcome):
    // row 10 of the sample workbook names them.
    let by_hand = std::fs::read_to_string(root().join(BY_HAND)).expect("the fixture");
    let start = by_hand
        .find("[[stakeholders]]\nid = \"local-residents\"")
        .expect("the stakeholder");
    let end = by_hand.find("[[inputs]]").expect("the inputs");
    let last = by_hand.rfind("[[outcomes]]").expect("the last outcome");
    let base = format!("{}{}", &by_hand[..start], &by_hand[end..last]);
    let directory = tempfile::tempdir().expect("temporary directory");
    let base_path = directory.path().join("base.toml");
    std::fs::write(&base_path, base).expect("written");
    let message = import_fails(EXAMPLE, &["--onto", base_path.to_str().expect("UTF-8")]);
    assert!(
        message.ends_with(&format!(
            "{EXAMPLE}:'Value map'!A10: error[SROI008]: unknown stakeholder `local-residents`\n  \
             = column A `Stakeholders`: \"Local residents\"\n  \
             = hint: declared stakeholders: local-council, young-people, youth-trust\n\n\
             {EXAMPLE}: 1 problem found\n"
        )),
        "{message}"
    );
}

#[test]
fn a_value_map_without_inputs_asks_for_onto_or_inputs_and_exits_two() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let csv = directory.path().join("outcomes-only.csv");
    std::fs::write(
        &csv,
        "Stakeholder,Outcome,Quantity,Duration,Value £\nYoung people,More confident,40,2,£850.50\n",
    )
    .expect("written");
    let csv = csv.to_str().expect("UTF-8 path");
    let output = sroi(&["import", csv]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    assert_eq!(
        stderr(&output),
        format!(
            "sroi: {csv} holds no inputs (no input on any stakeholder's row); give --onto BASE.toml \
             to keep everything but the outcomes from a model, or --inputs INPUTS.csv (columns \
             stakeholder, description, amount, in_kind)\n"
        )
    );
    // With the inputs from a CSV, the same value map is a model; its one
    // `Value £`, after the outcome's columns, is the proxy's value.
    let (model, _) = import(
        directory.path(),
        csv,
        &["--inputs", "tests/fixtures/import/minimal-inputs.csv"],
    );
    let text = std::fs::read_to_string(model).expect("written");
    assert!(text.contains("proxy = 850.50\n"), "{text}");
}

#[test]
fn a_value_map_saved_with_semicolons_between_columns_is_told_so() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let csv = directory.path().join("semicolons.csv");
    std::fs::write(
        &csv,
        "Stakeholder;Outcome;Quantity;Duration;Value £\nYoung people;More confident;40;2;850,50\n",
    )
    .expect("written");
    let csv = csv.to_str().expect("UTF-8 path");
    let message = import_fails(csv, &["--onto", BY_HAND]);
    assert_eq!(
        message,
        format!(
            "{csv}: error[SROI002]: no value map header row found: no row has the headings of a value map\n  \
             = hint: the file seems to separate its columns with `;`; save it with commas between columns\n\n\
             {csv}: 1 problem found\n"
        )
    );
}

#[test]
fn headings_quoted_in_notes_and_warnings_show_control_characters_escaped() {
    // An unused heading with an escape sequence, and an Impact heading with
    // a bell, are both quoted on standard error.
    let directory = tempfile::tempdir().expect("temporary directory");
    let csv = directory.path().join("control.csv");
    std::fs::write(
        &csv,
        "Stakeholder,Inputs,Value £,Outcome,Quantity,Duration,Financial proxy,Value £,Notes\u{1b}[31m,Impact\u{7}\n\
         Young people,Time,£100,More confident,40,1,Course,£10,x,\"£1,000\"\n",
    )
    .expect("written");
    let csv = csv.to_str().expect("UTF-8 path");
    let (_, notes) = import(directory.path(), csv, &[]);
    assert!(
        !notes.contains('\u{1b}') && !notes.contains('\u{7}'),
        "{notes:?}"
    );
    assert!(notes.contains("Notes\\u{1b}[31m (column 9"), "{notes}");
    // 40 × £10 = £400, not the sheet's £1,000.
    assert!(
        notes.contains(&format!(
            "{csv}:2:10: warning: the sheet's Impact (\"Impact\\u{{7}}\") is £1,000, but sroi's is £400.00"
        )),
        "{notes}"
    );
}

#[test]
fn a_bad_quantity_of_a_later_cohort_is_reported_at_its_own_row() {
    // cohorts.toml's first outcome has three cohorts, which `sroi export`
    // writes on rows 7, 8 and 9 of the Value map. The second cohort's
    // quantity (G8) is typed over with "45.5O".
    let directory = tempfile::tempdir().expect("temporary directory");
    let model = "tests/fixtures/import/cohorts.toml";
    let exported = directory.path().join("map.xlsx");
    let output = sroi(&["export", model, "-o", exported.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let bytes = std::fs::read(&exported).expect("exported");
    let typed = directory.path().join("typed.xlsx");
    std::fs::write(&typed, with_text_cell(&bytes, "G8", "45.5O")).expect("written");
    let typed = typed.to_str().expect("UTF-8 path");
    let message = import_fails(typed, &["--onto", model]);
    assert!(
        message.contains(&format!(
            "{typed}:'Value map'!G8: error[SROI003]: "
        )) && message.contains(
            "  = column G `Quantity`: \"45.5O\"\n  = hint: \"45.5O\" has a letter O where a zero belongs: \"45.50\"\n"
        ),
        "{message}"
    );
    assert!(
        message.ends_with(&format!("{typed}: 1 problem found\n")),
        "{message}"
    );
}

/// The workbook with the Value map's cell `reference` holding `text`, as a
/// spreadsheet saves text typed into a number cell.
fn with_text_cell(workbook: &[u8], reference: &str, text: &str) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(workbook)).expect("a zip file");
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("an entry");
        let name = entry.name().to_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("readable");
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(bytes).expect("UTF-8 XML");
            let open = format!("<c r=\"{reference}\"");
            let start = xml.find(&open).expect("the cell");
            let end = start + xml[start..].find("</c>").expect("a closed cell") + "</c>".len();
            let cell = format!("<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>");
            bytes = format!("{}{cell}{}", &xml[..start], &xml[end..]).into_bytes();
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .expect("an entry starts");
        writer.write_all(&bytes).expect("written");
    }
    writer.finish().expect("a zip file").into_inner()
}
