//! `sroi simulate --format json`. The keys the issue fixes are `draws`,
//! `seed`, `ratio` and `present_value` (each with `mean`, `sd`, `p5`, `p50`,
//! `p95`) and `probability_below_target`; the standard errors, extremes, the
//! histogram and the base figures are added context. Ratios and the
//! probability are written to 4 places, money to 2.

use std::fmt::Write as _;

use super::{fixed, statistics};
use crate::model::Model;
use crate::simulate::Simulation;
use crate::simulate::sobol::Index;
use crate::simulate::stats::Summary;

fn summary(summary: &Summary, places: usize) -> String {
    let fields: Vec<String> = statistics(summary)
        .iter()
        .map(|(key, value)| format!("\"{key}\": {}", fixed(*value, places)))
        .collect();
    format!("{{{}}}", fields.join(", "))
}

pub fn render(model: &Model, simulation: &Simulation) -> String {
    let name = crate::report::json::string(&model.analysis.name);
    let base_ratio = crate::number::round(simulation.base_ratio, 4);
    let mut out = String::from("{\n");
    let _ = writeln!(out, "  \"analysis\": {{\"name\": {name}}},");
    out.push_str(&crate::report::json::about_lines(model));
    let _ = writeln!(out, "  \"draws\": {},", simulation.draws);
    let _ = writeln!(out, "  \"seed\": {},", simulation.seed);
    let _ = writeln!(out, "  \"target\": {},", simulation.target.normalize());
    let _ = writeln!(
        out,
        "  \"uncertainty\": {{\"assumptions\": {}, \"source\": \"{}\"}},",
        simulation.uncertain,
        if simulation.by_default {
            "default"
        } else {
            "declared"
        }
    );
    let _ = writeln!(
        out,
        "  \"base\": {{\"ratio\": {base_ratio}, \"inputs\": {}}},",
        crate::number::round(simulation.inputs, 2)
    );
    let _ = writeln!(out, "  \"ratio\": {},", summary(&simulation.ratio, 4));
    let _ = writeln!(
        out,
        "  \"present_value\": {},",
        summary(&simulation.present_value, 2)
    );
    let _ = writeln!(
        out,
        "  \"probability_below_target\": {},",
        fixed(simulation.probability_below_target, 4)
    );
    let _ = writeln!(
        out,
        "  \"probability_standard_error\": {},",
        fixed(simulation.probability_standard_error, 4)
    );
    let _ = writeln!(
        out,
        "  \"beside_model\": {{\"ratio\": {base_ratio}, \"mean\": {}, \"median\": {}, \"why\": {}}},",
        fixed(simulation.ratio.mean, 4),
        fixed(simulation.ratio.p50, 4),
        crate::report::json::string(&super::words::why(simulation))
    );
    if let Some(sobol) = &simulation.sobol {
        let _ = writeln!(
            out,
            "  \"sobol_run\": {{\"draws\": {}, \"evaluations\": {}, \"resamples\": {}}},",
            sobol.draws, sobol.evaluations, sobol.resamples
        );
        let entries: Vec<String> = sobol.indices.iter().map(index).collect();
        if entries.is_empty() {
            out.push_str("  \"sobol\": [],\n");
        } else {
            let _ = writeln!(out, "  \"sobol\": [\n    {}\n  ],", entries.join(",\n    "));
        }
    }
    let bins: Vec<String> = simulation
        .histogram
        .bins
        .iter()
        .map(|(from, to, count)| {
            format!(
                "{{\"from\": {}, \"to\": {}, \"count\": {count}}}",
                fixed(*from, 4),
                fixed(*to, 4)
            )
        })
        .collect();
    let _ = write!(
        out,
        "  \"histogram\": [\n    {}\n  ]\n}}\n",
        bins.join(",\n    ")
    );
    out
}

fn index(index: &Index) -> String {
    let pair = |ci: [f64; 2]| format!("[{}, {}]", fixed(ci[0], 4), fixed(ci[1], 4));
    format!(
        "{{\"parameter\": {}, \"kind\": \"{}\", \"first_order\": {}, \"total\": {}, \"first_order_ci\": {}, \"total_ci\": {}}}",
        crate::report::json::string(&index.parameter),
        index.kind.as_str(),
        fixed(index.first_order, 4),
        fixed(index.total, 4),
        pair(index.first_order_ci),
        pair(index.total_ci)
    )
}
