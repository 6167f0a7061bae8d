//! ISO 4217: which codes name a currency, and how many decimals (minor
//! units) its amounts are shown with: two for most, none for the yen, three
//! for the Kuwaiti dinar.

/// Active ISO 4217 currency codes (list one, as maintained by SIX), with the
/// minor units of each that does not have two.
const CODES: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND \
BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK \
DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD \
IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD \
MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN \
PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS \
TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF \
XPF YER ZAR ZMW ZWG ZWL";

const NO_DECIMALS: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];
const THREE_DECIMALS: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
const FOUR_DECIMALS: &[&str] = &["CLF", "UYW"];

/// Whether `code` is an active ISO 4217 currency code.
pub fn is_known(code: &str) -> bool {
    code.len() == 3 && CODES.split(' ').any(|known| known == code)
}

/// The decimals amounts in `code` are shown with; two for a code not known.
pub fn minor_units(code: &str) -> u32 {
    if NO_DECIMALS.contains(&code) {
        0
    } else if THREE_DECIMALS.contains(&code) {
        3
    } else if FOUR_DECIMALS.contains(&code) {
        4
    } else {
        2
    }
}

/// The known code nearest to `code`, as a suggestion for a mistyped one
/// ("GBQ" → "GBP"), when one is near: the same letters in capitals, or one
/// letter away.
pub fn nearest(code: &str) -> Option<&'static str> {
    let capitals = code.to_ascii_uppercase();
    CODES
        .split(' ')
        .map(|known| (strsim::levenshtein(&capitals, known), known))
        .filter(|(distance, _)| *distance <= 1)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_their_iso_4217_minor_units_and_a_typo_has_a_suggestion() {
        assert!(is_known("GBP") && is_known("JPY") && is_known("KWD"));
        assert!(!is_known("GBQ") && !is_known("gbp") && !is_known("GBPX"));
        assert_eq!(minor_units("GBP"), 2);
        assert_eq!(minor_units("JPY"), 0);
        assert_eq!(minor_units("KWD"), 3);
        assert_eq!(nearest("GBQ"), Some("GBP"));
        assert_eq!(nearest("gbp"), Some("GBP"));
        assert_eq!(nearest("QQQ"), None);
    }
}
