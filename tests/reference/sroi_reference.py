#!/usr/bin/env python3
"""Independent reference implementation of the `sroi` calculation.

Written from the project's spec, "The impact map format and the calculation it
drives" (impact-map.md, sections 1 to 3), alone, without reading the Rust
sources, so that the two can be checked against each other (see
tests/fixtures/crosscheck/).

Usage:
    python3 tests/reference/sroi_reference.py MODEL.toml            # JSON to stdout
    python3 tests/reference/sroi_reference.py --self-check          # spec's worked figures

Standard library only (Python >= 3.11 for tomllib). All arithmetic is exact
decimal (decimal.Decimal, 60 significant digits); rounding happens only at the
output, half away from zero: money to 2 places, ratios and shares to 4,
payback months to 2.

This is a reference calculator, not a validator: it assumes the model is valid
per spec section 1 and checks very little.
"""

from __future__ import annotations

import sys
import tomllib
from decimal import ROUND_HALF_UP, Decimal, getcontext

getcontext().prec = 60

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

# Green Book declining long-term discount rates: (last year the rate applies to, rate).
GREEN_BOOK = [
    (30, Decimal("0.035")),
    (75, Decimal("0.030")),
    (125, Decimal("0.025")),
    (200, Decimal("0.020")),
    (300, Decimal("0.015")),
    (None, Decimal("0.010")),
]
GREEN_BOOK_HEALTH = [
    (30, Decimal("0.015")),
    (75, Decimal("0.0129")),
    (125, Decimal("0.0107")),
    (200, Decimal("0.0086")),
    (300, Decimal("0.0064")),
    (None, Decimal("0.0043")),
]


# ----------------------------------------------------------------------------
# Parsing of values (spec section 1, "Types and rules")
# ----------------------------------------------------------------------------

def to_decimal(v) -> Decimal:
    """Money or quantity: TOML integer, float (already a Decimal because the
    file is parsed with parse_float=Decimal) or decimal string."""
    if isinstance(v, bool):
        raise ValueError(f"expected a number, got {v!r}")
    if isinstance(v, Decimal):
        return v
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):  # only if called on data not parsed with parse_float
        return Decimal(repr(v))
    if isinstance(v, str):
        return Decimal(v.strip().replace("_", ""))
    raise ValueError(f"expected a number, got {v!r}")


def to_rate(v) -> Decimal:
    """Rate or share: "25%" or a number from 0 to 1."""
    if isinstance(v, str):
        s = v.strip()
        if s.endswith("%"):
            return Decimal(s[:-1].strip()) / HUNDRED
        return Decimal(s)
    return to_decimal(v)


def as_list(v) -> list[Decimal]:
    if isinstance(v, list):
        return [to_decimal(x) for x in v]
    return [to_decimal(v)]


# ----------------------------------------------------------------------------
# Discounting (spec section 2)
# ----------------------------------------------------------------------------

class Discounter:
    def __init__(self, schedule: str, rate: Decimal, first_year: bool):
        self.schedule = schedule
        self.rate = rate
        self.first_year = first_year
        self._cache: dict[int, Decimal] = {}

    def exponent(self, t: int) -> int:
        return t if self.first_year else t - 1

    def factor(self, t: int) -> Decimal:
        if t in self._cache:
            return self._cache[t]
        e = self.exponent(t)
        if self.schedule == "flat":
            df = ONE / ((ONE + self.rate) ** e) if e > 0 else ONE
        elif self.schedule in ("green-book", "green-book-health"):
            table = GREEN_BOOK if self.schedule == "green-book" else GREEN_BOOK_HEALTH
            denom = ONE
            for i in range(1, e + 1):
                denom *= ONE + rate_for_year(table, i)
            df = ONE / denom
        else:
            raise ValueError(f"unknown schedule {self.schedule!r}")
        self._cache[t] = df
        return df


def rate_for_year(table, i: int) -> Decimal:
    for last, r in table:
        if last is None or i <= last:
            return r
    raise AssertionError("unreachable")


def power(base: Decimal, n: int) -> Decimal:
    """base ** n for an integer n >= 0, with 0 ** 0 = 1 (Decimal raises there)."""
    if n == 0:
        return ONE
    return base ** n


# ----------------------------------------------------------------------------
# The calculation
# ----------------------------------------------------------------------------

def calculate(model: dict) -> dict:
    analysis = model.get("analysis", {})
    conv = model.get("conventions", {})
    rate = to_rate(conv.get("discount_rate", "3.5%"))
    schedule = conv.get("schedule", "flat")
    first_year = conv.get("discount_first_year", True)
    inputs_discounted = conv.get("inputs_discounted", False)
    deductions = conv.get("deductions", "multiplicative")
    disc = Discounter(schedule, rate, first_year)

    stakeholders = model.get("stakeholders", [])

    # --- inputs ---
    input_by_sh: dict[str, Decimal] = {}
    inputs_total = ZERO
    for inp in model.get("inputs", []):
        amounts = as_list(inp["amount"])
        sub = ZERO
        for i, a in enumerate(amounts):
            t = i + 1
            sub += a * disc.factor(t) if inputs_discounted else a
        input_by_sh[inp["stakeholder"]] = input_by_sh.get(inp["stakeholder"], ZERO) + sub
        inputs_total += sub

    # --- outcomes ---
    outcome_rows = []
    horizon = 0
    for oc in model.get("outcomes", []):
        qs = as_list(oc["quantity"])
        proxy = to_decimal(oc["proxy"])
        dw = to_rate(oc.get("deadweight", 0))
        dp = to_rate(oc.get("displacement", 0))
        at = to_rate(oc.get("attribution", 0))
        do = to_rate(oc.get("drop_off", 0))
        duration = int(oc["duration"])
        start = int(oc.get("start_year", 1))
        if deductions == "additive":
            net = ONE - dw - dp - at
        elif deductions == "multiplicative":
            net = (ONE - dw) * (ONE - dp) * (ONE - at)
        else:
            raise ValueError(f"unknown deductions {deductions!r}")
        last = start + (len(qs) - 1) + duration - 1
        values = [ZERO] * last  # index t-1
        for k, q in enumerate(qs):
            s = start + k
            impact = q * proxy * net
            for t in range(s, s + duration):
                values[t - 1] += impact * power(ONE - do, t - s)
        pv = sum((v * disc.factor(t) for t, v in enumerate(values, start=1)), ZERO)
        horizon = max(horizon, last)
        outcome_rows.append({"id": oc["id"], "stakeholder": oc["stakeholder"], "values": values, "pv": pv})

    pv_total = sum((o["pv"] for o in outcome_rows), ZERO)

    years = []
    for t in range(1, horizon + 1):
        v = sum((o["values"][t - 1] for o in outcome_rows if t <= len(o["values"])), ZERO)
        years.append((t, v, v * disc.factor(t)))

    sh_rows = []
    for sh in stakeholders:
        spv = sum((o["pv"] for o in outcome_rows if o["stakeholder"] == sh["id"]), ZERO)
        share = ZERO if spv == 0 or pv_total == 0 else spv / pv_total
        sh_rows.append((sh["id"], sh.get("name", sh["id"]), spv, share))

    npv = pv_total - inputs_total
    ratio = pv_total / inputs_total if inputs_total != 0 else None
    net_ratio = npv / inputs_total if inputs_total != 0 else None
    year1 = years[0][1] if years else ZERO
    payback = inputs_total / (year1 / 12) if year1 > 0 else None

    return {
        "analysis": {"name": analysis["name"], "currency": analysis.get("currency", "GBP")},
        "conventions": {
            "discount_rate": Num(rate, None),
            "schedule": schedule,
            "discount_first_year": first_year,
            "inputs_discounted": inputs_discounted,
            "deductions": deductions,
        },
        "inputs": {
            "total": money(inputs_total),
            "by_stakeholder": [
                {"id": sh["id"], "total": money(input_by_sh[sh["id"]])}
                for sh in stakeholders
                if sh["id"] in input_by_sh
            ],
        },
        "outcomes": [
            {
                "id": o["id"],
                "stakeholder": o["stakeholder"],
                "values": [money(v) for v in o["values"]],
                "present_value": money(o["pv"]),
            }
            for o in outcome_rows
        ],
        "stakeholders": [
            {"id": i, "name": n, "present_value": money(p), "share": ratio4(s)}
            for (i, n, p, s) in sh_rows
        ],
        "years": [
            {"year": t, "value": money(v), "present_value": money(p)} for (t, v, p) in years
        ],
        "present_value": money(pv_total),
        "net_present_value": money(npv),
        "ratio": ratio4(ratio) if ratio is not None else None,
        "net_ratio": ratio4(net_ratio) if net_ratio is not None else None,
        "payback_months": Num(payback, 2) if payback is not None else None,
    }


# ----------------------------------------------------------------------------
# JSON output: numbers written from exact decimals, rounded half away from zero
# ----------------------------------------------------------------------------

class Num:
    """A decimal to be written as a JSON number, rounded to `places` (None: as is)."""

    def __init__(self, value: Decimal, places: int | None):
        self.value = value
        self.places = places

    def text(self) -> str:
        v = self.value
        if self.places is not None:
            v = v.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)
            s = f"{v:f}"
        else:
            s = f"{v.normalize():f}"
            if "." not in s:
                s += ".0"
        if s.startswith("-") and Decimal(s) == 0:
            s = s[1:]
        return s

    def rounded(self) -> Decimal:
        return Decimal(self.text())


def money(v: Decimal) -> Num:
    return Num(v, 2)


def ratio4(v: Decimal) -> Num:
    return Num(v, 4)


def dumps(obj, indent: int = 0) -> str:
    pad = "  " * indent
    inner = "  " * (indent + 1)
    if isinstance(obj, Num):
        return obj.text()
    if obj is None:
        return "null"
    if obj is True:
        return "true"
    if obj is False:
        return "false"
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, str):
        import json

        return json.dumps(obj, ensure_ascii=False)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{inner}{dumps(k)}: {dumps(v, indent + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if not obj:
            return "[]"
        if all(isinstance(x, Num) for x in obj):
            return "[" + ", ".join(x.text() for x in obj) + "]"
        items = [f"{inner}{dumps(v, indent + 1)}" for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    raise TypeError(f"cannot serialise {obj!r}")


def load(path: str) -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f, parse_float=Decimal)


def run(path: str) -> str:
    return dumps(calculate(load(path))) + "\n"


# ----------------------------------------------------------------------------
# Self-check against the spec's and the field notes' worked figures
# ----------------------------------------------------------------------------

SECTION3 = """
[analysis]
name = "Example"
[[stakeholders]]
id = "individuals"
name = "Level 2 individuals"
[[stakeholders]]
id = "council"
name = "Council"
[[inputs]]
stakeholder = "council"
description = "Coordinator"
amount = 100_000
[[outcomes]]
id = "isolation"
stakeholder = "individuals"
quantity = 100
proxy = 800
deadweight = "25%"
drop_off = "10%"
duration = 2
"""

BOX15 = """
[analysis]
name = "Green Book Box 15"
[conventions]
discount_rate = "3.5%"
discount_first_year = false
inputs_discounted = true
[[stakeholders]]
id = "state"
name = "State"
[[inputs]]
stakeholder = "state"
description = "Cost"
amount = 1_000_000
[[outcomes]]
id = "savings"
stakeholder = "state"
quantity = 1
proxy = {proxy}
duration = 10
start_year = 2
"""


def self_check() -> int:
    failures = 0

    def expect(label, got, want):
        nonlocal failures
        ok = got == want
        failures += 0 if ok else 1
        print(f"{'ok  ' if ok else 'FAIL'} {label}: got {got}, want {want}")

    r = calculate(tomllib.loads(SECTION3, parse_float=Decimal))
    expect("section 3 PV", r["present_value"].rounded(), Decimal("108380.59"))
    expect("section 3 NPV", r["net_present_value"].rounded(), Decimal("8380.59"))
    expect("section 3 ratio", r["ratio"].rounded(), Decimal("1.0838"))
    expect("section 3 net ratio", r["net_ratio"].rounded(), Decimal("0.0838"))
    expect("section 3 payback", r["payback_months"].rounded(), Decimal("20.00"))
    expect("section 3 values", [v.rounded() for v in r["outcomes"][0]["values"]],
           [Decimal("60000.00"), Decimal("54000.00")])
    expect("section 3 year 1 PV", r["years"][0]["present_value"].rounded(), Decimal("57971.01"))
    expect("section 3 year 2 PV", r["years"][1]["present_value"].rounded(), Decimal("50409.58"))

    for proxy, npv in (("150_000", "247490.80"), ("100_000", "-168339.47")):
        r = calculate(tomllib.loads(BOX15.replace("{proxy}", proxy), parse_float=Decimal))
        expect(f"Box 15 NPV with {proxy}", r["net_present_value"].rounded(), Decimal(npv))
        expect(f"Box 15 payback with {proxy}", r["payback_months"], None)

    def df6(schedule, t):
        return Discounter(schedule, Decimal("0.035"), True).factor(t).quantize(
            Decimal("0.000001"), rounding=ROUND_HALF_UP)

    expect("green-book DF year 30", df6("green-book", 30), Decimal("0.356278"))
    expect("green-book DF year 31", df6("green-book", 31), Decimal("0.345901"))
    expect("green-book DF year 76", df6("green-book", 76), Decimal("0.091916"))
    expect("green-book-health DF year 30", df6("green-book-health", 30), Decimal("0.639762"))
    expect("rounding half away from zero", Num(Decimal("-2.345"), 2).text(), "-2.35")
    expect("rounding 2.355", Num(Decimal("2.355"), 2).text(), "2.36")
    print("self-check:", "passed" if failures == 0 else f"{failures} failure(s)")
    return 0 if failures == 0 else 1


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[1] == "--self-check":
        return self_check()
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.write(run(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
