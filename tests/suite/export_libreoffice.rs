//! The workbook's formulas, recalculated by LibreOffice, give the figures of
//! `sroi calc` to the penny.
//!
//! Each workbook is written with every cached result left at zero
//! (`CachedResults::Zero`), so the figures read back can only come from
//! LibreOffice running the formulas: a fresh LibreOffice profile is told to
//! recalculate OOXML files on load, and each workbook is converted to CSV.
//! The present value, net present value and ratio of the Value map are then
//! compared with `sroi calc --format json` of the same model: money to the
//! penny, the ratio to the 4 places of the JSON. The models are the two
//! bundled ones and every cross-check fixture, which between them use every
//! convention and shape the spec allows (flat and declining schedules, year 1
//! discounted or not, inputs discounted or not, both deduction rules, cohorts
//! by year, late starts, drop-off, negative outcomes).
//!
//! Without `soffice` on the PATH the test says so and passes, unless
//! `SROI_REQUIRE_LIBREOFFICE=1`, when it fails.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rust_decimal::Decimal;
use serde_json::Value;
use sroi::calc::calculate;
use sroi::model::{Limits, load_file};
use sroi::number::{parse_decimal, round};
use sroi::report::xlsx::{CachedResults, workbook};

use crate::support::{files_with_extension, root, sroi, stdout};

/// Tells LibreOffice to recalculate every formula of an OOXML file on load
/// (0: always), instead of trusting the cached results.
const RECALCULATE_ON_LOAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#;

/// CSV, comma-separated, UTF-8, values in full rather than as formatted
/// (token 9 false), first sheet only (the Value map).
const CSV_FILTER: &str =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1";

const TIME_LIMIT: Duration = Duration::from_secs(600);

#[test]
fn libreoffice_recalculates_every_bundled_and_cross_check_model_to_the_penny() {
    let Some(soffice) = libreoffice() else {
        return;
    };
    let mut models = vec![
        root().join("models/thurrock.toml"),
        root().join("models/derby.toml"),
    ];
    models.extend(files_with_extension(
        &root().join("tests/fixtures/crosscheck"),
        "toml",
    ));
    assert!(models.len() >= 50, "the cross-check fixtures are missing");

    let directory = tempfile::tempdir().expect("a temporary directory");
    let workbooks = directory.path().join("workbooks");
    let converted = directory.path().join("converted");
    std::fs::create_dir_all(&workbooks).expect("directory");
    let mut files = Vec::new();
    for model in &models {
        let file = workbooks.join(format!("{}.xlsx", stem(model)));
        std::fs::write(&file, uncached_workbook(model)).expect("workbook written");
        files.push(file);
    }
    recalculate_to_csv(&soffice, directory.path(), &files, &converted);

    let mut disagreements = Vec::new();
    for model in &models {
        let csv = converted.join(format!("{}-Value map.csv", stem(model)));
        let text = std::fs::read_to_string(&csv)
            .unwrap_or_else(|error| panic!("{}: no CSV from LibreOffice: {error}", csv.display()));
        let expected = calc_json(model);
        for (label, key, places) in [
            ("Present value", "present_value", 2),
            ("Net present value", "net_present_value", 2),
            ("SROI ratio", "ratio", 4),
        ] {
            let recalculated = headline(&text, label).unwrap_or_else(|| {
                panic!("{}: no `{label}` row in {}", model.display(), csv.display())
            });
            let wanted = json_decimal(&expected[key]);
            if round(recalculated, places) != wanted {
                disagreements.push(format!(
                    "{}: {key} recalculated by LibreOffice is {recalculated}, sroi calc says {wanted}",
                    model.display()
                ));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} figures disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// `soffice`, or `None` (with a notice) when it is not installed and not required.
fn libreoffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|directory| directory.join("soffice"))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var("SROI_REQUIRE_LIBREOFFICE").as_deref() != Ok("1"),
            "SROI_REQUIRE_LIBREOFFICE=1 but `soffice` is not on the PATH \
             (apt-get install libreoffice-calc-nogui)"
        );
        // Straight to standard error: the test harness captures `eprintln!`
        // of a passing test, and this notice must be seen.
        let _ = writeln!(
            std::io::stderr(),
            "notice: skipping the LibreOffice recalculation of exported workbooks: \
             `soffice` is not on the PATH (set SROI_REQUIRE_LIBREOFFICE=1 to fail instead)"
        );
    }
    found
}

fn stem(model: &Path) -> String {
    model
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("UTF-8 model name")
        .to_owned()
}

/// The model's workbook with every cached result zero.
fn uncached_workbook(model: &Path) -> Vec<u8> {
    let (_, loaded) =
        load_file(model, Limits::default()).unwrap_or_else(|_| panic!("{} loads", model.display()));
    let results = calculate(&loaded).expect("the model computes");
    workbook(&loaded, &results, CachedResults::Zero).expect("the workbook is written")
}

/// Have LibreOffice open every workbook in a fresh profile that recalculates
/// on load, and write its Value map as CSV into `out`.
fn recalculate_to_csv(soffice: &Path, scratch: &Path, files: &[PathBuf], out: &Path) {
    let profile = scratch.join("profile");
    std::fs::create_dir_all(profile.join("user")).expect("profile directory");
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        RECALCULATE_ON_LOAD,
    )
    .expect("profile settings");
    let mut child = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
        ])
        .arg(out)
        .args(files)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("soffice starts");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("soffice runs") {
            assert!(status.success(), "soffice failed: {status}");
            return;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            panic!("soffice took more than {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn calc_json(model: &Path) -> Value {
    let output = sroi(&[
        "calc",
        "--format",
        "json",
        model.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", model.display());
    serde_json::from_str(&stdout(&output)).expect("calc writes JSON")
}

fn json_decimal(value: &Value) -> Decimal {
    parse_decimal(&value.to_string()).unwrap_or_else(|_| panic!("not a number: {value}"))
}

/// The figure on the Value map's headline row `label` (its first cell), as
/// LibreOffice computed it: the first number after the label.
fn headline(csv: &str, label: &str) -> Option<Decimal> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter(|record| record.get(0) == Some(label))
        .last()
        .and_then(|record| {
            record
                .iter()
                .skip(1)
                .find(|cell| !cell.is_empty())
                .and_then(|cell| parse_decimal(cell).ok())
        })
}
