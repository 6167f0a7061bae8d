#!/usr/bin/env python3
"""Generate the cross-check fixtures in tests/fixtures/crosscheck/.

    python3 tests/reference/generate_crosscheck.py

Writes NNN.toml (random but reproducible models, random.Random(2026)) and a set
of named models (the spec's worked examples and Green Book edge cases), and
next to each the JSON that tests/reference/sroi_reference.py prints for it.
Existing files of the same names are overwritten; nothing else is touched.

The models cover every shape spec section 1 allows: the three schedules, both
discount_first_year, both inputs_discounted, both deduction modes (additive
sums kept <= 100%), scalar and per-year (cohort) quantities, start_year 1, 2
and 3, negative proxies, zero quantities, durations 1 to 40 (long ones under
the green-book schedules so years 31+ are used), scalar and per-year input
amounts, stakeholders without outcomes or inputs, rates as "12.5%" strings and
as numbers, money as integers, floats and decimal strings.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "tests" / "fixtures" / "crosscheck"

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(HERE))
import sroi_reference  # noqa: E402

COUNT = 60
SEED = 2026

STAKEHOLDER_POOL = [
    ("individuals", "Level 2 individuals"),
    ("level1", "Level 1 individuals"),
    ("families", "Family members"),
    ("council", "Adult Social Care"),
    ("ccg", "Clinical Commissioning Group"),
    ("nhs-trust", "NHS Foundation Trust"),
    ("fire", "Fire and Rescue Service"),
    ("police", "Police"),
    ("community_groups", "Local community groups"),
    ("dwp", "Department for Work and Pensions"),
    ("coordinators", "Local Area Coordinators"),
    ("housing-2", "Housing provider (ALMO)"),
]

OUTCOME_WORDS = [
    "isolation", "confidence", "belonging", "independence", "control",
    "housing_stability", "financial-stability", "hoarding", "gp-visits",
    "crisis", "care_demand", "call-outs", "volunteering", "employment",
    "peace_of_mind", "dependency", "skills", "respite", "admin-time", "tenancy",
]

CURRENCIES = ["GBP", "GBP", "GBP", "EUR", "USD"]
# Flat discount rates, used in turn by the flat-schedule models (None: key omitted).
FLAT_RATES = ["3.5%", "0%", "10%", "12.5%", "1.5%", "6%", 0.035, 0.05, 0.1, 0.125, 0, None]


# ----------------------------------------------------------------------------
# TOML value writers
# ----------------------------------------------------------------------------

def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fmt_rate(rng: random.Random, pct: Decimal) -> str:
    """A rate given in percent, written as "12.5%" or as a number 0..1."""
    if rng.random() < 0.55:
        return toml_str(f"{pct.normalize():f}%")
    frac = pct / 100
    if frac == 0:
        return rng.choice(["0", "0.0"])
    if frac == 1:
        return rng.choice(["1", "1.0"])
    s = f"{frac.normalize():f}"
    return s if "." in s else s + ".0"


def with_underscores(n: int) -> str:
    s = str(abs(n))
    groups = []
    while len(s) > 3:
        groups.insert(0, s[-3:])
        s = s[:-3]
    groups.insert(0, s)
    return ("-" if n < 0 else "") + "_".join(groups)


def fmt_money(rng: random.Random, lo: int, hi: int, negative: bool = False) -> str:
    """An amount written as a TOML integer, float (2 dp) or decimal string (up to 4 dp)."""
    kind = rng.random()
    sign = -1 if negative else 1
    if kind < 0.45:
        n = sign * rng.randint(lo, hi)
        return with_underscores(n) if abs(n) >= 10_000 and rng.random() < 0.5 else str(n)
    if kind < 0.75:
        cents = rng.randint(lo * 100, hi * 100 + 99)
        if cents % 100 == 0:
            cents += 1
        v = sign * Decimal(cents) / 100
        return f"{v:.2f}"
    places = rng.choice([1, 2, 3, 4])
    units = rng.randint(lo * 10**places, hi * 10**places)
    v = sign * Decimal(units).scaleb(-places)
    return toml_str(f"{v:f}")


def fmt_quantity(rng: random.Random, zero_ok: bool) -> str:
    r = rng.random()
    if zero_ok and r < 0.12:
        return rng.choice(["0", "0.0", '"0"'])
    if r < 0.75:
        return str(rng.randint(1, 400))
    if r < 0.88:
        return f"{rng.randint(10, 4000) / 10:.1f}"
    return toml_str(f"{Decimal(rng.randint(100, 40000)).scaleb(-2):f}")


def pick_pct(rng: random.Random, hi: int, zero_weight: float = 0.25) -> Decimal:
    if rng.random() < zero_weight:
        return Decimal(0)
    # multiples of 0.5%
    return Decimal(rng.randint(1, hi * 2)) / 2


# ----------------------------------------------------------------------------
# A random model
# ----------------------------------------------------------------------------

def conventions_plan(rng: random.Random) -> list[tuple]:
    combos = [
        (sched, dfy, idisc, ded)
        for sched in ("flat", "green-book", "green-book-health")
        for dfy in (True, False)
        for idisc in (False, True)
        for ded in ("multiplicative", "additive")
    ]
    plan = combos[:]  # 24: every combination at least twice over 60 models
    plan += combos[:]
    while len(plan) < COUNT:
        plan.append(rng.choice(combos))
    rng.shuffle(plan)
    return plan


_flat_turn = 0


def next_flat_rate():
    global _flat_turn
    rate = FLAT_RATES[_flat_turn % len(FLAT_RATES)]
    _flat_turn += 1
    return rate


def random_model(rng: random.Random, n: int, conv: tuple) -> str:
    schedule, dfy, idisc, ded = conv
    lines: list[str] = []
    w = lines.append

    w(f"# Cross-check model {n:03d}, generated by tests/reference/generate_crosscheck.py")
    w("# (random.Random(2026)); expected output in the .json beside it.")
    w("")
    w("[analysis]")
    name = f"Crosscheck model {n:03d}"
    if n % 17 == 5:
        name += " – Coordination locale, Genève"
    w(f"name = {toml_str(name)}")
    if rng.random() < 0.5:
        w(f'organisation = {toml_str(rng.choice(["Thurrock Council", "Derby City Council", "Example Trust"]))}')
    if rng.random() < 0.4:
        w(f'kind = {toml_str(rng.choice(["forecast", "evaluative"]))}')
    if rng.random() < 0.4:
        w('period = "April 2016 to March 2019"')
    if rng.random() < 0.5:
        w(f"currency = {toml_str(rng.choice(CURRENCIES))}")
    w("")

    # Conventions: write a key when it differs from the default, or at random.
    conv_lines = []
    if schedule == "flat":
        rate = next_flat_rate()
        if rate is not None:
            if isinstance(rate, str):
                conv_lines.append(f"discount_rate = {toml_str(rate)}")
            else:
                conv_lines.append(f"discount_rate = {rate}")
        if rng.random() < 0.5:
            conv_lines.append('schedule = "flat"')
    else:
        conv_lines.append(f"schedule = {toml_str(schedule)}")
    if not dfy or rng.random() < 0.4:
        conv_lines.append(f"discount_first_year = {'true' if dfy else 'false'}")
    if idisc or rng.random() < 0.4:
        conv_lines.append(f"inputs_discounted = {'true' if idisc else 'false'}")
    if ded != "multiplicative" or rng.random() < 0.4:
        conv_lines.append(f"deductions = {toml_str(ded)}")
    if conv_lines:
        rng.shuffle(conv_lines)
        w("[conventions]")
        lines.extend(conv_lines)
        w("")

    # Stakeholders
    k = rng.randint(2, 5)
    shs = rng.sample(STAKEHOLDER_POOL, k)
    for sid, sname in shs:
        w("[[stakeholders]]")
        w(f"id = {toml_str(sid)}")
        w(f"name = {toml_str(sname)}")
        if rng.random() < 0.4:
            w(f"size = {rng.randint(10, 2000)}")
        w("")

    # Inputs: one to three entries, first one always positive.
    n_inputs = rng.randint(1, 3)
    for i in range(n_inputs):
        sid = shs[rng.randrange(len(shs))][0]
        w("[[inputs]]")
        w(f"stakeholder = {toml_str(sid)}")
        w(f"description = {toml_str(f'Input {i + 1}')}")
        if rng.random() < 0.5:
            amount = fmt_money(rng, 1_000, 500_000)
        else:
            years = rng.randint(1, 5)
            parts = []
            for y in range(years):
                if y > 0 and rng.random() < 0.15:
                    parts.append("0")
                else:
                    parts.append(fmt_money(rng, 500, 300_000))
            amount = "[" + ", ".join(parts) + "]"
        w(f"amount = {amount}")
        if rng.random() < 0.3:
            w(f"in_kind = {'true' if rng.random() < 0.5 else 'false'}")
        w("")

    # Outcomes
    n_out = rng.randint(1, 5)
    ids = rng.sample(OUTCOME_WORDS, n_out)
    # at least one outcome with a positive, non-zero first cohort and positive proxy
    for j, oid in enumerate(ids):
        sid = shs[rng.randrange(len(shs))][0]
        first = j == 0
        w("[[outcomes]]")
        w(f"id = {toml_str(oid)}")
        w(f"stakeholder = {toml_str(sid)}")
        if rng.random() < 0.6:
            w(f"description = {toml_str(f'Outcome {oid}')}")
        if rng.random() < 0.3:
            w(f"indicator = {toml_str('Count of people reporting the change')}")

        if rng.random() < 0.45:
            q = fmt_quantity(rng, zero_ok=not first)
            if first and q in ("0", "0.0", '"0"'):
                q = "1"
        else:
            m = rng.randint(1, 4)
            qs = [fmt_quantity(rng, zero_ok=True) for _ in range(m)]
            if first and qs[0] in ("0", "0.0", '"0"'):
                qs[0] = str(rng.randint(1, 300))
            q = "[" + ", ".join(qs) + "]"
        w(f"quantity = {q}")

        negative = (not first) and rng.random() < 0.2
        # negative outcomes are usually smaller than the positive ones
        w(f"proxy = {fmt_money(rng, 5, 2_500 if negative else 20_000, negative)}")
        if rng.random() < 0.3:
            w(f"proxy_description = {toml_str('Cost of the service avoided')}")
            w(f"proxy_source = {toml_str('Made-up figure for testing')}")

        # Deductions
        while True:
            dw = pick_pct(rng, 60)
            dp = pick_pct(rng, 30, zero_weight=0.5)
            at = pick_pct(rng, 60)
            if ded == "multiplicative" or dw + dp + at <= 100:
                break
        if ded == "additive" and n % 11 == 3 and j == 1:
            dw, dp, at = Decimal(50), Decimal(20), Decimal(30)  # exactly 100%: nothing left
        for key, val in (("deadweight", dw), ("displacement", dp), ("attribution", at)):
            if val != 0 or rng.random() < 0.3:
                w(f"{key} = {fmt_rate(rng, val)}")

        # Duration: mostly short; long ones (up to 40) mostly under green-book schedules.
        if schedule != "flat" and rng.random() < 0.3:
            duration = rng.randint(25, 40)
        elif rng.random() < 0.12:
            duration = rng.randint(10, 40)
        else:
            duration = rng.randint(1, 6)
        if duration > 1 or rng.random() < 0.3:
            if n % 29 == 7 and j == 0:
                drop = Decimal(100)
            else:
                drop = pick_pct(rng, 50, zero_weight=0.2)
            if drop != 0 or rng.random() < 0.3:
                w(f"drop_off = {fmt_rate(rng, drop)}")
        w(f"duration = {duration}")

        r = rng.random()
        if r < 0.55:
            pass  # default 1
        elif r < 0.7:
            w("start_year = 1")
        elif r < 0.93:
            w("start_year = 2")
        else:
            w("start_year = 3")
        w("")

    if rng.random() < 0.15:
        w("[published]")
        w(f"present_value = {rng.randint(100_000, 5_000_000)}")
        w(f"inputs = {rng.randint(100_000, 2_000_000)}")
        w(f"ratio = {rng.randint(100, 500) / 100}")
        w('tolerance = "0.5%"')
        w('source = "Not a real report: parsing coverage only"')
        w("")
    return "\n".join(lines).rstrip() + "\n"


# ----------------------------------------------------------------------------
# Named models
# ----------------------------------------------------------------------------

SPEC_SECTION3 = """\
# The worked example of spec section 3: one outcome of quantity 100, proxy 800,
# deadweight 25%, drop-off 10%, duration 2, and inputs of 100,000 in year 1,
# under the default conventions.
# Published figures: PV 108,380.59, NPV 8,380.59, ratio 1.0838, payback 20.00 months.

[analysis]
name = "Example"
currency = "GBP"

[[stakeholders]]
id = "individuals"
name = "Level 2 individuals"

[[stakeholders]]
id = "council"
name = "Council"

[[inputs]]
stakeholder = "council"
description = "One Local Area Coordinator for a year"
amount = 100_000

[[outcomes]]
id = "isolation"
stakeholder = "individuals"
description = "Less socially isolated: connected with local people"
quantity = 100
proxy = 800
deadweight = "25%"
drop_off = "10%"
duration = 2

[published]
present_value = 108_380.59
inputs = 100_000
ratio = 1.0838
tolerance = "0.01%"
source = "sroi spec, section 3 (JSON output example)"
"""

BOX15 = """\
# HM Treasury Green Book (2003), Box 15: a cost of 1,000,000 now and savings of
# {proxy_words} a year for ten years from the following year, discounted at 3.5%.
# In spec terms: cost in year 1 with discount_first_year = false (year 1 is year 0)
# and inputs_discounted = true; savings start in year 2 and last 10 years.
# Published: NPV {npv_words}.

[analysis]
name = "Green Book Box 15 ({proxy_words} a year)"
organisation = "HM Treasury"
kind = "forecast"
currency = "GBP"

[conventions]
discount_rate = "3.5%"
schedule = "flat"
discount_first_year = false
inputs_discounted = true
deductions = "multiplicative"

[[stakeholders]]
id = "state"
name = "Public sector"

[[inputs]]
stakeholder = "state"
description = "Up-front cost"
amount = 1_000_000

[[outcomes]]
id = "savings"
stakeholder = "state"
description = "Annual savings"
quantity = 1
proxy = {proxy}
duration = 10
start_year = 2

[published]
present_value = {pv}
inputs = 1_000_000
ratio = {ratio}
tolerance = "0.01%"
source = "HM Treasury, The Green Book (2003), Box 15"
"""

ALL_BREAKPOINTS = """\
# One constant benefit over 305 years, so that every rate of the {schedule}
# schedule is used (years 1-30, 31-75, 76-125, 126-200, 201-300, 301+), with
# discount_first_year = {dfy}.

[analysis]
name = "{schedule}: all declining-rate breakpoints"

[conventions]
schedule = "{schedule}"
discount_first_year = {dfy}

[[stakeholders]]
id = "society"
name = "Society"

[[stakeholders]]
id = "funder"
name = "Funder"

[[inputs]]
stakeholder = "funder"
description = "Endowment"
amount = 250_000

[[outcomes]]
id = "benefit"
stakeholder = "society"
quantity = 10
proxy = "1000.25"
deadweight = 0.1
duration = 305
"""


def named_models() -> dict[str, str]:
    out = {"spec_section3_example": SPEC_SECTION3}
    for tag, proxy, words, npv in (
        ("150k", "150_000", "150,000", "247,490.80"),
        ("100k", "100_000", "100,000", "-168,339.47"),
    ):
        pv = Decimal(npv.replace(",", "")) + 1_000_000
        out[f"green_book_box15_{tag}"] = BOX15.format(
            proxy=proxy, proxy_words=words, npv_words=npv,
            pv=f"{pv:.2f}", ratio=f"{pv / 1_000_000:.4f}",
        )
    out["green_book_all_breakpoints"] = ALL_BREAKPOINTS.format(schedule="green-book", dfy="false")
    out["green_book_health_all_breakpoints"] = ALL_BREAKPOINTS.format(
        schedule="green-book-health", dfy="true")
    return out


# ----------------------------------------------------------------------------

def write_pair(stem: str, text: str) -> None:
    toml_path = OUT / f"{stem}.toml"
    toml_path.write_text(text, encoding="utf-8")
    json_text = sroi_reference.run(str(toml_path))
    (OUT / f"{stem}.json").write_text(json_text, encoding="utf-8")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    plan = conventions_plan(rng)
    for n in range(1, COUNT + 1):
        write_pair(f"{n:03d}", random_model(rng, n, plan[n - 1]))
    for stem, text in named_models().items():
        write_pair(stem, text)
    print(f"wrote {COUNT} random and {len(named_models())} named fixtures to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
