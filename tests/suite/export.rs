//! `sroi export`: the workbook as a file (its cached results are the figures
//! of `sroi calc`), text from the model that can never run as a formula, and
//! the refusals. Workbooks are read back by unzipping their XML.
//! (That the formulas themselves compute the right figures is proved in
//! `export_libreoffice.rs`.)

use std::io::Read;
use std::path::Path;

use rust_decimal::Decimal;
use serde_json::Value;
use sroi::number::{parse_decimal, round};

use crate::support::{sroi, sroi_with_stdin, stderr, stdout};

/// Text a spreadsheet would run as a formula, in every text field a model has.
const HOSTILE: &str = r#"
[analysis]
name = '=HYPERLINK("http://evil.example","click")'
organisation = "+1"
period = "@SUM(A1)"

[[stakeholders]]
id = "-council"
name = "-2+3"

[[stakeholders]]
id = "people"
name = "@SUM(A1)"

[[inputs]]
stakeholder = "-council"
description = '=HYPERLINK("http://evil.example")'
amount = 1000

[[outcomes]]
id = "-outcome"
stakeholder = "-council"
description = "+1"
indicator = "-2+3"
quantity = 10
proxy = 200
proxy_description = "@SUM(A1)"
proxy_source = "=1+1"
duration = 2

[[scenarios]]
name = '=HYPERLINK("x")'
description = "-2+3"
change = { "*.proxy" = "-10%" }
"#;

/// Every hostile text of the model above, as written.
const HOSTILE_TEXTS: [&str; 9] = [
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "-2+3",
    "@SUM(A1)",
    "=HYPERLINK(\"http://evil.example\")",
    "-outcome",
    "+1",
    "=1+1",
    "=HYPERLINK(\"x\")",
    "-council",
];

#[test]
fn hostile_text_is_written_as_neutralised_strings_never_as_formulas() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let model = directory.path().join("hostile.toml");
    std::fs::write(&model, HOSTILE).expect("model written");
    let file = directory.path().join("hostile.xlsx");
    let output = sroi(&["export", path(&model), "-o", path(&file)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let workbook = Workbook::open(&file);

    let strings = workbook.shared_strings();
    for text in HOSTILE_TEXTS {
        let neutralised = format!("'{text}");
        assert!(
            strings.iter().any(|s| s == &neutralised),
            "{neutralised:?} is not among the workbook's strings"
        );
        assert!(
            !strings.iter().any(|s| s == text),
            "{text:?} is in the workbook without its apostrophe"
        );
    }
    for sheet in 1..=4 {
        for cell in workbook.cells(sheet) {
            if let Some(formula) = &cell.formula {
                for text in ["HYPERLINK", "evil", "SUM(A1)", "1+1", "2+3"] {
                    assert!(
                        !formula.contains(text),
                        "sheet {sheet} {}: formula {formula:?} holds model text",
                        cell.reference
                    );
                }
            }
            let Some(value) = cell.value.as_deref() else {
                continue;
            };
            if cell.kind.as_deref() == Some("s") {
                let index: usize = value.parse().expect("a shared string index");
                assert!(index < strings.len());
            }
        }
    }
    // The outcome's description cell is a string cell holding the neutralised text.
    let description = workbook
        .cells(1)
        .into_iter()
        .find(|cell| {
            cell.kind.as_deref() == Some("s")
                && cell
                    .value
                    .as_deref()
                    .and_then(|v| v.parse::<usize>().ok())
                    .is_some_and(|i| strings[i] == "'+1")
        })
        .expect("a cell holds '+1");
    assert!(description.formula.is_none());
}

#[test]
fn csv_output_neutralises_hostile_text_too() {
    let output = sroi_with_stdin(&["calc", "--format", "csv", "-"], HOSTILE);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    let row = reader
        .records()
        .next()
        .expect("one outcome")
        .expect("a record");
    let field = |name: &str| {
        let index = headers.iter().position(|h| h == name).expect(name);
        row[index].to_owned()
    };
    assert_eq!(field("id"), "'-outcome");
    assert_eq!(field("stakeholder"), "'-council");
    assert_eq!(field("stakeholder_name"), "'-2+3");
    assert_eq!(field("description"), "'+1");
    assert_eq!(field("indicator"), "'-2+3");
    assert_eq!(field("proxy_description"), "'@SUM(A1)");
    assert_eq!(field("proxy_source"), "'=1+1");
}

#[test]
fn the_cached_results_are_the_figures_of_calc() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    for model in ["models/thurrock.toml", "models/derby.toml"] {
        let file = directory.path().join("map.xlsx");
        let output = sroi(&["export", model, "--format", "xlsx", "-o", path(&file)]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let workbook = Workbook::open(&file);
        let json: Value =
            serde_json::from_str(&stdout(&sroi(&["calc", "--format", "json", model])))
                .expect("calc writes JSON");
        for (name, key, places) in [
            ("PresentValue", "present_value", 2),
            ("NetPresentValue", "net_present_value", 2),
            ("SroiRatio", "ratio", 4),
            ("InputsTotal", "inputs", 2),
        ] {
            let cached = workbook.named_value(name);
            let wanted = if key == "inputs" {
                decimal(&json["inputs"]["total"])
            } else {
                decimal(&json[key])
            };
            assert_eq!(round(cached, places), wanted, "{model}: {name}");
        }
    }
}

#[test]
fn the_workbook_goes_to_standard_output_when_it_is_redirected() {
    let model = std::fs::read_to_string(crate::support::root().join("models/derby.toml"))
        .expect("the bundled model");
    let output = sroi_with_stdin(&["export", "-"], &model);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.starts_with(b"PK\x03\x04"), "not a zip file");
}

#[test]
fn export_never_overwrites_the_model() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let model = directory.path().join("model.toml");
    std::fs::copy(crate::support::root().join("models/derby.toml"), &model).expect("copied");
    let before = std::fs::read(&model).expect("readable");
    let output = sroi(&["export", path(&model), "-o", path(&model)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("refusing to overwrite the model"));
    assert_eq!(std::fs::read(&model).expect("readable"), before);
}

#[test]
fn an_invalid_model_exits_1_and_writes_nothing() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let model = directory.path().join("bad.toml");
    std::fs::write(
        &model,
        "[analysis]\nname = \"x\"\n[[stakeholders]]\nid = \"a\"\n[[inputs]]\nstakeholder = \"a\"\namount = 1\n\
         [[outcomes]]\nid = \"o\"\nstakeholder = \"a\"\nquantity = 1\nproxy = 1\nduration = 1\ndeadweight = 25\n",
    )
    .expect("written");
    let file = directory.path().join("out.xlsx");
    let output = sroi(&["export", path(&model), "-o", path(&file)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("deadweight"),
        "{}",
        stderr(&output)
    );
    assert!(!file.exists());
}

#[test]
fn a_model_too_large_for_a_spreadsheet_is_refused_with_the_limit() {
    // 1,000 cohorts starting in years 10 to 1,009, each lasting 1,000 years,
    // run to year 2,008: 1,000 rows × 2,008 year columns = 2,008,000 year
    // cells, over the limit of 500,000.
    let quantities = vec!["1"; 1_000].join(",");
    let model = format!(
        "[analysis]\nname = \"long\"\n[[stakeholders]]\nid = \"a\"\n[[inputs]]\nstakeholder = \"a\"\namount = 1\n\
         [[outcomes]]\nid = \"o\"\nstakeholder = \"a\"\nquantity = [{quantities}]\nproxy = 1\nduration = 1000\nstart_year = 10\n"
    );
    let output = sroi_with_stdin(&["export", "-"], &model);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "would need 2008000 year cells (1000 outcome cohorts over 2008 years), more than the 500000"
        ),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty());
}

fn path(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn decimal(value: &Value) -> Decimal {
    parse_decimal(&value.to_string()).unwrap_or_else(|_| panic!("not a number: {value}"))
}

/// An `.xlsx` file's parts, read back as text.
struct Workbook {
    bytes: Vec<u8>,
}

#[derive(Debug)]
struct Cell {
    reference: String,
    kind: Option<String>,
    formula: Option<String>,
    value: Option<String>,
}

impl Workbook {
    fn open(file: &Path) -> Workbook {
        Workbook {
            bytes: std::fs::read(file).expect("the workbook exists"),
        }
    }

    fn part(&self, name: &str) -> String {
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(&self.bytes[..])).expect("a zip file");
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap_or_else(|_| panic!("no part {name}"))
            .read_to_string(&mut text)
            .expect("UTF-8 XML");
        text
    }

    fn shared_strings(&self) -> Vec<String> {
        let xml = self.part("xl/sharedStrings.xml");
        xml.split("<si>")
            .skip(1)
            .map(|item| {
                let start = item.find("<t").expect("a text element");
                let open = start + item[start..].find('>').expect("tag end") + 1;
                let close = item.find("</t>").expect("a closed text element");
                unescape(&item[open..close])
            })
            .collect()
    }

    /// Every cell of worksheet `sheet` (from 1).
    fn cells(&self, sheet: usize) -> Vec<Cell> {
        let xml = self.part(&format!("xl/worksheets/sheet{sheet}.xml"));
        let mut cells = Vec::new();
        for chunk in xml.split("<c r=\"").skip(1) {
            let tag_end = chunk.find('>').expect("tag end");
            let tag = &chunk[..tag_end];
            let reference = tag[..tag.find('"').expect("quote")].to_owned();
            let kind = tag
                .split(" t=\"")
                .nth(1)
                .map(|rest| rest[..rest.find('"').expect("quote")].to_owned());
            let body = if tag.ends_with('/') {
                ""
            } else {
                &chunk[tag_end + 1..chunk.find("</c>").expect("a closed cell")]
            };
            let element = |name: &str| {
                let open = format!("<{name}>");
                let start = body.find(&open)? + open.len();
                let end = body.find(&format!("</{name}>"))?;
                Some(unescape(&body[start..end]))
            };
            cells.push(Cell {
                reference,
                kind,
                formula: element("f"),
                value: element("v"),
            });
        }
        cells
    }

    /// The cached value of the Value map cell a defined name points at.
    fn named_value(&self, name: &str) -> Decimal {
        let xml = self.part("xl/workbook.xml");
        let open = format!("<definedName name=\"{name}\">");
        let start = xml.find(&open).unwrap_or_else(|| panic!("no name {name}")) + open.len();
        let target = &xml[start..start + xml[start..].find('<').expect("closed")];
        let (sheet, cell) = target.split_once('!').expect("a sheet reference");
        let sheet = match unescape(sheet).as_str() {
            "'Value map'" => 1,
            "Inputs" => 2,
            other => panic!("unexpected sheet {other}"),
        };
        let reference = cell.replace('$', "");
        let value = self
            .cells(sheet)
            .into_iter()
            .find(|c| c.reference == reference)
            .and_then(|c| c.value)
            .unwrap_or_else(|| panic!("no cached value in {reference}"));
        parse_decimal(&value).expect("a number")
    }
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}
