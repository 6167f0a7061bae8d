#!/usr/bin/env python3
"""The simulation `sroi simulate` runs, written as vectorised NumPy, to time
against it (see benches/simulate.rs for how the two are compared).

    python3 benches/simulate_numpy.py models/derby.toml --draws 1000000 --seed 1

Same model, same distributions, same statistics: each outcome's present value
in a draw is Q × proxy × net × Σ_j w_j (1 − drop_off)^j with w_j the outcome's
discounted units per year of a cohort's life (per unit of total quantity), and
the ratio is the sum over outcomes divided by the inputs. Where no outcome
declares `uncertainty`, the default applies: triangular ±10 points around each
deduction and drop-off (kept within 0% to 100%), ±20% around each proxy and
quantity. Declared triangular, uniform and PERT distributions are supported;
truncated normals are not (NumPy has no inverse normal CDF), and the script
says so. The generator differs from sroi's, so figures agree statistically,
not digit for digit. Prints the JSON keys of `sroi simulate --format json`
and, on standard error, the time the simulation took.
"""

import argparse
import json
import sys
import time
import tomllib

import numpy as np

GREEN_BOOK = [(30, 0.035), (75, 0.03), (125, 0.025), (200, 0.02), (300, 0.015), (None, 0.01)]
GREEN_BOOK_HEALTH = [(30, 0.015), (75, 0.0129), (125, 0.0107), (200, 0.0086), (300, 0.0064), (None, 0.0043)]
FIELDS = ["quantity", "proxy", "deadweight", "displacement", "attribution", "drop_off"]


def number(value):
    return float(value)


def rate(value):
    if isinstance(value, str) and value.strip().endswith("%"):
        return float(value.strip()[:-1]) / 100
    return float(value)


def factors(conventions, years):
    schedule = conventions.get("schedule", "flat")
    flat = rate(conventions.get("discount_rate", "3.5%"))
    first = conventions.get("discount_first_year", True)
    out, by_exponent = [], [1.0]
    for i in range(1, years + 1):
        if schedule == "flat":
            r = flat
        else:
            table = GREEN_BOOK if schedule == "green-book" else GREEN_BOOK_HEALTH
            r = next(r for last, r in table if last is None or i <= last)
        by_exponent.append(by_exponent[-1] / (1 + r))
    for year in range(1, years + 1):
        out.append(by_exponent[year if first else year - 1])
    return out


def bound(field, written, base):
    """A declared bound: rates as rates, money and quantities as values or % changes."""
    if field in ("proxy", "quantity") and isinstance(written, str) and written.strip().endswith("%"):
        return base * (1 + float(written.strip()[:-1]) / 100)
    return rate(written) if field not in ("proxy", "quantity") else number(written)


def sampler(rng, field, base, declared, by_default, n):
    """n draws of one field, or its fixed value."""
    if declared is not None:
        (shape, spec), = declared.items()
        if shape == "normal":
            sys.exit("simulate_numpy.py: truncated normal declarations are not supported here")
        values = sorted(bound(field, v, base) for v in spec)
        if values[0] == values[-1]:
            return values[0]
        if shape == "uniform":
            return rng.uniform(values[0], values[1], n)
        low, mode, high = values[0], bound(field, spec[1], base), values[-1]
        if shape == "triangular":
            return rng.triangular(low, mode, high, n)
        alpha = 1 + 4 * (mode - low) / (high - low)
        beta = 1 + 4 * (high - mode) / (high - low)
        return low + (high - low) * rng.beta(alpha, beta, n)
    if not by_default:
        return base
    if field in ("proxy", "quantity"):
        low, high = sorted((0.8 * base, 1.2 * base))
    else:
        low, high = max(base - 0.1, 0.0), min(base + 0.1, 1.0)
    if low == high:
        return base
    return rng.triangular(low, base, high, n)


def simulate(model, draws, seed, target):
    conventions = model.get("conventions", {})
    outcomes = model["outcomes"]
    by_default = all("uncertainty" not in o for o in outcomes)
    additive = conventions.get("deductions", "multiplicative") == "additive"
    last = max(o.get("start_year", 1) + (len(o["quantity"]) if isinstance(o["quantity"], list) else 1) - 1
               + o["duration"] - 1 for o in outcomes)
    input_years = max(len(i["amount"]) if isinstance(i["amount"], list) else 1 for i in model["inputs"])
    df = factors(conventions, max(last, input_years))
    inputs = 0.0
    for item in model["inputs"]:
        amounts = item["amount"] if isinstance(item["amount"], list) else [item["amount"]]
        for year, amount in enumerate(amounts):
            inputs += number(amount) * (df[year] if conventions.get("inputs_discounted", False) else 1.0)

    rng = np.random.default_rng(seed)
    total = np.zeros(draws)
    for o in outcomes:
        quantities = [number(q) for q in (o["quantity"] if isinstance(o["quantity"], list) else [o["quantity"]])]
        q_total = sum(quantities)
        weights = [q / q_total for q in quantities] if q_total else [1 / len(quantities)] * len(quantities)
        start = o.get("start_year", 1)
        units = [sum(w * df[start - 1 + k + j] for k, w in enumerate(weights)) for j in range(o["duration"])]
        base = {
            "quantity": q_total,
            "proxy": number(o["proxy"]),
            "deadweight": rate(o.get("deadweight", 0)),
            "displacement": rate(o.get("displacement", 0)),
            "attribution": rate(o.get("attribution", 0)),
            "drop_off": rate(o.get("drop_off", 0)),
        }
        declared = o.get("uncertainty", {})
        draw = {f: sampler(rng, f, base[f], declared.get(f), by_default, draws) for f in FIELDS}
        if additive:
            net = np.maximum(1 - draw["deadweight"] - draw["displacement"] - draw["attribution"], 0)
        else:
            net = (1 - draw["deadweight"]) * (1 - draw["displacement"]) * (1 - draw["attribution"])
        keep = 1 - draw["drop_off"]
        annuity = 0.0
        for w in reversed(units):
            annuity = annuity * keep + w
        total += draw["quantity"] * draw["proxy"] * net * annuity
    ratio = total / inputs
    return total, ratio, inputs


def summary(values, places):
    p5, p50, p95 = np.percentile(values, [5, 50, 95])
    sd = float(np.std(values, ddof=1)) if len(values) > 1 else 0.0
    figures = {"mean": float(np.mean(values)), "sd": sd, "p5": p5, "p50": p50, "p95": p95,
               "standard_error": sd / np.sqrt(len(values))}
    return {k: round(float(v), places) for k, v in figures.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", type=float, default=1.0)
    args = parser.parse_args()
    with open(args.model, "rb") as file:
        model = tomllib.load(file)
    start = time.perf_counter()
    total, ratio, inputs = simulate(model, args.draws, args.seed, args.target)
    result = {
        "draws": args.draws,
        "seed": args.seed,
        "ratio": summary(ratio, 4),
        "present_value": summary(total, 2),
        "probability_below_target": round(float(np.mean(ratio < args.target)), 4),
    }
    elapsed = time.perf_counter() - start
    print(json.dumps(result, indent=2))
    print(f"simulation took {elapsed:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
