//! The order the tornado and the switching values are shown in: widest
//! swing first, sorted on an integer key and permuted in place, so a model
//! of a hundred thousand outcomes needs no second copy of its rows.

use rayon::prelude::*;
use rust_decimal::Decimal;

use super::{Swing, Switching};

/// Order the rows by the width of their swing, widest first, the order of
/// `rank` kept among widths equal to 18 places. Indices are sorted on an
/// integer key, then both vectors permuted in place: a large model sorts in
/// moments, and needs no second copy of its rows.
pub(super) fn widest_first(
    tornado: &mut [Swing],
    switching: &mut [Switching],
    rank: impl Fn(usize) -> usize + Sync,
) {
    let mut order: Vec<((i128, i128), usize)> = tornado
        .par_iter()
        .enumerate()
        .map(|(index, swing)| (width_key(swing.width()), index))
        .collect();
    order.par_sort_unstable_by(|a, b| b.0.cmp(&a.0).then(rank(a.1).cmp(&rank(b.1))));
    let mut order: Vec<usize> = order.into_iter().map(|(_, index)| index).collect();
    // Row `i` of the result is row `order[i]` of the input; follow each
    // cycle of the permutation, marking a done place by pointing it at itself.
    for start in 0..order.len() {
        let mut place = start;
        while order[place] != start {
            let from = order[place];
            tornado.swap(place, from);
            switching.swap(place, from);
            order[place] = place;
            place = from;
        }
        order[place] = place;
    }
}

/// A width as its whole part and its fraction in units of 10⁻¹⁸, truncated:
/// comparing these is comparing the widths to 18 places, without rescaling
/// decimals at every comparison. Both parts fit in an i128 for any width,
/// up to the largest decimal.
fn width_key(width: Decimal) -> (i128, i128) {
    const PLACES: u32 = 18;
    let whole = width.trunc();
    let fraction = (width - whole) * Decimal::from(10_i64.pow(PLACES));
    let part = |d: Decimal| i128::try_from(d.trunc()).unwrap_or(i128::MAX);
    (part(whole), part(fraction))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Assumption;
    use crate::sensitivity::{Parameter, Point};

    fn swing(index: usize, width: i64) -> Swing {
        let point = |ratio: i64| Point {
            value: Decimal::ZERO,
            ratio: Decimal::from(ratio),
        };
        Swing {
            parameter: Parameter::Outcome(index, Assumption::Proxy),
            base: Decimal::ZERO,
            low: point(0),
            high: point(width),
        }
    }

    fn switch(index: usize) -> Switching {
        Switching {
            parameter: Parameter::Outcome(index, Assumption::Proxy),
            base: Decimal::from(index),
            switch: None,
        }
    }

    /// Rows permuted in place come out as a stable sort by width, widest
    /// first, would give them, ties in the order `rank` gives, and each
    /// switching value stays beside its swing. Widths 1, 3, 2, 3, 5, 3, 2:
    /// by hand, 5 (row 4), then the 3s in rank order, the 2s, then 1.
    #[test]
    fn rows_are_sorted_in_place_widest_first_ties_by_rank() {
        let widths = [1, 3, 2, 3, 5, 3, 2];
        let mut tornado: Vec<Swing> = widths
            .iter()
            .enumerate()
            .map(|(i, &w)| swing(i, w))
            .collect();
        let mut switching: Vec<Switching> = (0..widths.len()).map(switch).collect();
        // The last two rows rank first, as the model-wide rows do.
        let rank = |index: usize| if index >= 5 { index - 5 } else { index + 2 };
        widest_first(&mut tornado, &mut switching, rank);
        let order: Vec<Parameter> = tornado.iter().map(|s| s.parameter).collect();
        let expected: Vec<Parameter> = [4, 5, 1, 3, 6, 2, 0]
            .into_iter()
            .map(|i| Parameter::Outcome(i, Assumption::Proxy))
            .collect();
        assert_eq!(order, expected);
        let beside: Vec<Parameter> = switching.iter().map(|s| s.parameter).collect();
        assert_eq!(beside, expected);
    }
}
