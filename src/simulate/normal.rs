//! The standard normal distribution function and its inverse, for drawing
//! from a normal truncated to a field's valid range by inversion: a uniform
//! draw between Φ(lower) and Φ(upper), mapped back through Φ⁻¹. One uniform
//! per draw, whatever the truncation, so a narrow range never stalls.

/// Φ(x), from the complementary error function.
pub fn cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// Φ⁻¹(p) for p in (0, 1): Wichura's algorithm AS 241 (PPND16), accurate to
/// about 1 part in 10¹⁶. Returns ±infinity at 0 and 1.
pub fn inverse_cdf(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * rational(r, &CENTRAL_NUMERATOR, &CENTRAL_DENOMINATOR);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let r = (-tail.ln()).sqrt();
    let x = if r <= 5.0 {
        rational(r - 1.6, &NEAR_NUMERATOR, &NEAR_DENOMINATOR)
    } else {
        rational(r - 5.0, &FAR_NUMERATOR, &FAR_DENOMINATOR)
    };
    if q < 0.0 { -x } else { x }
}

/// (a₀ + a₁r + … + a₇r⁷) / (1 + b₁r + … + b₇r⁷).
fn rational(r: f64, a: &[f64; 8], b: &[f64; 7]) -> f64 {
    let numerator = a.iter().rev().fold(0.0, |acc, c| acc * r + c);
    let denominator = b.iter().rev().fold(0.0, |acc, c| acc * r + c) * r + 1.0;
    numerator / denominator
}

// The coefficients as Wichura published them, digit for digit.
#[allow(clippy::excessive_precision)]
const CENTRAL_NUMERATOR: [f64; 8] = [
    3.387_132_872_796_366_5,
    133.141_667_891_784_38,
    1_971.590_950_306_551_3,
    13_731.693_765_509_461,
    45_921.953_931_549_87,
    67_265.770_927_008_7,
    33_430.575_583_588_13,
    2_509.080_928_730_122_7,
];
#[allow(clippy::excessive_precision)]
const CENTRAL_DENOMINATOR: [f64; 7] = [
    42.313_330_701_600_91,
    687.187_007_492_057_9,
    5_394.196_021_424_751,
    21_213.794_301_586_597,
    39_307.895_800_092_71,
    28_729.085_735_721_943,
    5_226.495_278_852_545,
];
#[allow(clippy::excessive_precision)]
const NEAR_NUMERATOR: [f64; 8] = [
    1.423_437_110_749_683_5,
    4.630_337_846_156_546,
    5.769_497_221_460_691,
    3.647_848_324_763_204_5,
    1.270_458_252_452_368_4,
    0.241_780_725_177_450_6,
    0.022_723_844_989_269_184,
    7.745_450_142_783_414e-4,
];
#[allow(clippy::excessive_precision)]
const NEAR_DENOMINATOR: [f64; 7] = [
    2.053_191_626_637_759,
    1.676_384_830_183_803_8,
    0.689_767_334_985_1,
    0.148_103_976_427_480_08,
    0.015_198_666_563_616_457,
    5.475_938_084_995_345e-4,
    1.050_750_071_644_416_9e-9,
];
#[allow(clippy::excessive_precision)]
const FAR_NUMERATOR: [f64; 8] = [
    6.657_904_643_501_103,
    5.463_784_911_164_114,
    1.784_826_539_917_291_3,
    0.296_560_571_828_504_9,
    0.026_532_189_526_576_124,
    0.001_242_660_947_388_078_4,
    2.711_555_568_743_487_6e-5,
    2.010_334_399_292_288_1e-7,
];
#[allow(clippy::excessive_precision)]
const FAR_DENOMINATOR: [f64; 7] = [
    0.599_832_206_555_888,
    0.136_929_880_922_735_8,
    0.014_875_361_290_850_615,
    7.868_691_311_456_133e-4,
    1.846_318_317_510_054_8e-5,
    1.421_511_758_316_446e-7,
    2.044_263_103_389_939_7e-15,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inverse_undoes_the_distribution_function() {
        // Φ⁻¹(0.975) = 1.959963984540054 (tables); Φ(1.959963984540054) = 0.975.
        assert!((inverse_cdf(0.975) - 1.959_963_984_540_054).abs() < 1e-12);
        assert!((cdf(1.959_963_984_540_054) - 0.975).abs() < 1e-12);
        for p in [1e-300, 1e-10, 0.02, 0.3, 0.5, 0.7, 0.98, 1.0 - 1e-10] {
            let x = inverse_cdf(p);
            assert!(
                (cdf(x) - p).abs() <= 1e-12 * p.max(1e-3),
                "p = {p}, x = {x}"
            );
        }
        assert_eq!(inverse_cdf(0.5), 0.0);
        assert!(inverse_cdf(0.0).is_infinite() && inverse_cdf(1.0).is_infinite());
    }
}
