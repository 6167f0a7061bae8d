//! How the workbook looks: number formats in the model's currency, and one
//! visual rule an analyst can rely on: a pale yellow cell is an assumption to
//! edit, every other figure is a formula.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use crate::report::text::currency_prefix;

const ASSUMPTION_FILL: u32 = 0x00FF_F2CC;
const HEADER_FILL: u32 = 0x00DD_EBF7;
const TOTAL_FILL: u32 = 0x00F2_F2F2;
const MUTED: u32 = 0x0059_5959;
/// One colour per stage of the value map, light enough to read black text on.
const STAGE_FILLS: [u32; 5] = [
    0x00E2_EFDA,
    0x00FC_E4D6,
    0x00DD_EBF7,
    0x00FF_F2CC,
    0x00E4_DFEC,
];

const RATE: &str = "0.0#%";
const SHARE: &str = "0.00%";
const FACTOR: &str = "0.000000";
const WHOLE: &str = "0";

pub struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub note: Format,
    pub section: Format,
    pub stages: [Format; 5],
    pub header: Format,
    pub year_header: Format,
    pub text: Format,
    pub text_wrapped: Format,
    pub text_assumption: Format,
    /// Text that follows another cell (a later cohort of an outcome).
    pub text_follows: Format,
    pub money: Format,
    /// Money where zero is common (a year outside a cohort's duration): a dash.
    pub money_or_dash: Format,
    pub money_assumption: Format,
    pub money_follows: Format,
    pub money_total: Format,
    pub money_headline: Format,
    pub rate: Format,
    pub rate_assumption: Format,
    pub rate_follows: Format,
    pub share: Format,
    pub quantity_assumption: Format,
    pub whole: Format,
    pub whole_assumption: Format,
    pub whole_follows: Format,
    pub factor: Format,
    pub ratio_headline: Format,
    pub net_ratio_headline: Format,
    pub label_total: Format,
    pub label_headline: Format,
    pub boolean_assumption: Format,
    pub choice_assumption: Format,
}

impl Styles {
    pub fn new(currency: &str) -> Styles {
        let money = money_format(currency);
        let assumption = |format: Format| {
            format
                .set_background_color(Color::RGB(ASSUMPTION_FILL))
                .set_border(FormatBorder::Hair)
                .set_border_color(Color::RGB(0x00BF_BFBF))
        };
        let follows = |format: Format| format.set_font_color(Color::RGB(MUTED)).set_italic();
        let total = |format: Format| {
            format
                .set_bold()
                .set_background_color(Color::RGB(TOTAL_FILL))
                .set_border_top(FormatBorder::Thin)
        };
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(HEADER_FILL))
            .set_border_bottom(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold().set_font_size(16),
            subtitle: Format::new().set_font_color(Color::RGB(MUTED)),
            note: Format::new().set_italic().set_font_color(Color::RGB(MUTED)),
            section: Format::new().set_bold().set_font_size(12),
            stages: STAGE_FILLS.map(|fill| {
                Format::new()
                    .set_bold()
                    .set_align(FormatAlign::Center)
                    .set_background_color(Color::RGB(fill))
                    .set_border(FormatBorder::Thin)
            }),
            year_header: header
                .clone()
                .set_num_format("\"Year \"0")
                .set_align(FormatAlign::Right),
            header,
            text: Format::new(),
            text_wrapped: Format::new().set_text_wrap(),
            text_assumption: assumption(Format::new()),
            text_follows: follows(Format::new()),
            money: Format::new().set_num_format(&money),
            money_or_dash: Format::new().set_num_format(format!("{money};\"–\"")),
            money_assumption: assumption(Format::new().set_num_format(&money)),
            money_follows: follows(Format::new().set_num_format(&money)),
            money_total: total(Format::new().set_num_format(&money)),
            money_headline: Format::new().set_bold().set_num_format(&money),
            rate: Format::new().set_num_format(RATE),
            rate_assumption: assumption(Format::new().set_num_format(RATE)),
            rate_follows: follows(Format::new().set_num_format(RATE)),
            share: Format::new().set_num_format(SHARE),
            quantity_assumption: assumption(Format::new().set_num_format("General")),
            whole: Format::new().set_num_format(WHOLE),
            whole_assumption: assumption(Format::new().set_num_format(WHOLE)),
            whole_follows: follows(Format::new().set_num_format(WHOLE)),
            factor: Format::new().set_num_format(FACTOR),
            ratio_headline: Format::new().set_bold().set_num_format("0.00\" : 1\""),
            net_ratio_headline: Format::new().set_bold().set_num_format("0.00"),
            label_total: total(Format::new()),
            label_headline: Format::new().set_bold(),
            boolean_assumption: assumption(Format::new().set_align(FormatAlign::Left)),
            choice_assumption: assumption(Format::new()),
        }
    }
}

/// `"£"#,##0.00` with the minus before the symbol, as the tables show money;
/// a currency without a symbol reads `"CHF "#,##0.00`.
fn money_format(currency: &str) -> String {
    // The prefix is a symbol or three capital letters: never a quote to escape.
    let prefix = currency_prefix(currency);
    format!("\"{prefix}\"#,##0.00;-\"{prefix}\"#,##0.00")
}
