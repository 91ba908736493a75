#!/usr/bin/env python3
"""Hunt for scenarios that `simroi check` accepts but a run refuses or gets
wrong (issue 9): extremes of every input, every distribution kind with every
truncation, correlations on every kind, timeline extremes, pasted text, --set
combinations and the decision commands on odd files.

    nice -n 19 fuzz/hunt.py build-ci/simroi [--only PREFIX] [--keep DIR] [--jobs N]

For each generated file it runs `simroi check F`, `simroi F -n 300 -j 1` (table)
and `-f json`, and flags:
  * an exit code other than 0 or 2 (a crash, exit 1, a signal);
  * check says ok but the run fails;
  * "nan" or "inf" as a word in a report, a null where a number is promised;
  * a message naming internals (simroi::, std::, an exception class, what()).
Prints one line per finding and a summary; exit 1 when anything was flagged.
"""
import concurrent.futures
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile

BASE = {
    "baseline": {
        "leads_per_month": "120",
        "booking_conversion": "0.3",
        "no_show_rate": "0.1",
        "average_check": "2000",
        "gross_margin": "0.5",
        "first_visit_check": "1500",
    },
    "assistant": {
        "lead_growth": "0.1",
        "booking_conversion_uplift": "0.1",
        "no_show_reduction": "0.2",
        "manager_hours_saved": "10",
    },
    "costs": {"implementation": "50000", "monthly": "5000", "per_lead": "10"},
    "economics": {"manager_hourly_cost": "300", "discount_rate_annual": "0.1"},
    "retention": {"repeat_visits_per_month": "0.3", "monthly_churn": "0.2"},
    "capacity": {"spare_visits_per_month": "100"},
}
RATES = {"booking_conversion", "no_show_rate", "gross_margin", "monthly_churn",
         "no_show_reduction", "booking_conversion_after"}
GE_MINUS_ONE = {"lead_growth", "booking_conversion_uplift"}


def render(sections, top=None, extra=""):
    top = dict(top or {})
    lines = ["name: hunt"]
    lines.append("horizon_months: {}".format(top.pop("horizon_months", "12")))
    for k, v in top.items():
        if k != "ramp_up_months":
            lines.append("{}: {}".format(k, v))
    for sec, keys in sections.items():
        lines.append(sec + ":")
        for k, v in keys.items():
            lines.append("  {}: {}".format(k, v))
        if sec == "assistant" and "ramp_up_months" in top:
            lines.append("  ramp_up_months: {}".format(top["ramp_up_months"]))
    return "\n".join(lines) + "\n" + extra


def with_value(section, key, value, top=None, extra=""):
    s = {k: dict(v) for k, v in BASE.items()}
    s[section][key] = value
    return render(s, top, extra)


def section_of(key):
    for sec, keys in BASE.items():
        if key in keys:
            return sec
    return "assistant"


EXTREMES = ["0", "-0.0", "5e-324", "1e-320", "2.2250738585072014e-308", "1e-300", "1e-12",
            "1", "0.9999999999999999", "1e6", "1e12", "1e15", "1e100", "1e300", "1e308",
            "1.7976931348623157e308", "-1e-320", "-1", "-0.9999999999999999", "100%", "0.0001%",
            "99.9999%", "1e19", "18446744073709551616"]


def distributions(key):
    """(label, yaml) of every kind with every truncation, sized for `key`."""
    if key in RATES:
        lo, mode, hi = "0.1", "0.3", "0.6"
        tails = [("", ""), ("min", "min: 0"), ("max", "max: 1"), ("both", "min: 0, max: 1"),
                 ("tight", "min: 0.29, max: 0.31"), ("farlow", "min: 0, max: 0.0001"),
                 ("farhigh", "min: 0.9999, max: 1"), ("point", "min: 0.3, max: 0.3")]
    elif key in GE_MINUS_ONE:
        lo, mode, hi = "-0.5", "0.1", "0.8"
        tails = [("", ""), ("min", "min: -1"), ("max", "max: 5"), ("both", "min: -1, max: 5"),
                 ("tight", "min: 0.09, max: 0.11"), ("farlow", "min: -1, max: -0.9999"),
                 ("farhigh", "min: 4.9999, max: 5"), ("point", "min: 0.1, max: 0.1")]
    else:
        lo, mode, hi = "10", "100", "1000"
        tails = [("", ""), ("min", "min: 0"), ("max", "max: 1e6"), ("both", "min: 0, max: 1e6"),
                 ("tight", "min: 99, max: 101"), ("farlow", "min: 0, max: 1e-300"),
                 ("farhigh", "min: 1e300, max: 1e308"), ("point", "min: 100, max: 100"),
                 ("denormal", "min: 0, max: 1e-320")]
    kinds = [
        ("uniform", "uniform: [{}, {}]".format(lo, hi)),
        ("triangular", "triangular: [{}, {}, {}]".format(lo, mode, hi)),
        ("triangular-left", "triangular: [{}, {}, {}]".format(lo, lo, hi)),
        ("pert", "pert: [{}, {}, {}]".format(lo, mode, hi)),
        ("pert-right", "pert: [{}, {}, {}]".format(lo, hi, hi)),
        ("normal", "normal: [{}, {}]".format(mode, "0.1" if key in RATES | GE_MINUS_ONE else "30")),
        ("normal-tiny-sd", "normal: [{}, 1e-300]".format(mode)),
        ("normal-huge-sd", "normal: [{}, 1e300]".format(mode)),
        ("beta", "beta: [2, 5]"),
        ("beta-tiny", "beta: [1e-300, 1e-300]"),
        ("beta-huge", "beta: [1e300, 1e300]"),
        ("beta-skew", "beta: [1e-3, 1e3]"),
        ("fixed", "fixed: {}".format(mode)),
        ("discrete", "discrete: {{values: [{}, {}, {}], weights: [1, 2, 1]}}".format(lo, mode, hi)),
        ("discrete-one", "discrete: {{values: [{}], weights: [1]}}".format(mode)),
        ("discrete-tiny-weight",
         "discrete: {{values: [{}, {}], weights: [1e-300, 1]}}".format(lo, hi)),
    ]
    if key not in GE_MINUS_ONE:
        kinds.append(("lognormal", "lognormal: [{}, {}]".format(lo if lo != "0.1" else "0.05", hi)))
        kinds.append(("lognormal-wide", "lognormal: [1e-300, 1e300]"))
        kinds.append(("lognormal-narrow", "lognormal: [100, 100.0000001]"))
    for (kname, kyaml), (tname, tyaml) in itertools.product(kinds, tails):
        body = kyaml if not tyaml else kyaml + ", " + tyaml
        yield "{}{}".format(kname, "-" + tname if tname else ""), "{" + body + "}"


def cases():
    yield "base", render(BASE), []
    # 1. Extremes of every input.
    for sec, keys in BASE.items():
        for key in list(keys) + (["booking_conversion_after"] if sec == "assistant" else []):
            for i, v in enumerate(EXTREMES):
                yield "x-{}-{}".format(key, i), with_value(sec, key, v), []
    # 2. Every kind with every truncation on a few representative inputs.
    for key in ["booking_conversion", "gross_margin", "lead_growth", "average_check",
                "implementation", "spare_visits_per_month", "monthly_churn",
                "repeat_visits_per_month", "discount_rate_annual"]:
        for label, d in distributions(key):
            yield "d-{}-{}".format(key, label), with_value(section_of(key), key, d), []
    # 3. Correlations on every kind, including discrete / fixed / truncated.
    kinds_a = dict(distributions("lead_growth"))
    kinds_b = dict(distributions("booking_conversion"))
    pick_a = ["uniform", "pert-both", "normal-both", "discrete", "beta", "triangular-tight",
              "normal-farhigh", "discrete-one", "fixed"]
    pick_b = ["uniform", "beta-both", "normal-both", "discrete", "lognormal-max", "pert-farlow",
              "discrete-tiny-weight", "beta-huge"]
    for a, b in itertools.product(pick_a, pick_b):
        for rho in ["1", "-1", "0.999", "-0.5"]:
            s = {k: dict(v) for k, v in BASE.items()}
            s["assistant"]["lead_growth"] = kinds_a.get(a, "{uniform: [0, 1]}")
            s["baseline"]["booking_conversion"] = kinds_b.get(b, "{uniform: [0.1, 0.5]}")
            extra = "correlations:\n  - [lead_growth, booking_conversion, {}]\n".format(rho)
            yield "c-{}-{}-{}".format(a, b, rho), render(s, extra=extra), []
    # Three-way correlations at the edge of positive semi-definiteness.
    s = {k: dict(v) for k, v in BASE.items()}
    s["assistant"]["lead_growth"] = "{uniform: [0, 0.3]}"
    s["assistant"]["booking_conversion_uplift"] = "{discrete: {values: [0, 0.1], weights: [1, 1]}}"
    s["costs"]["implementation"] = "{lognormal: [30000, 90000], max: 100000}"
    for r in ["1", "0.5", "-0.5", "0.99"]:
        extra = ("correlations:\n  - [lead_growth, booking_conversion_uplift, {r}]\n"
                 "  - [lead_growth, implementation, {r}]\n"
                 "  - [booking_conversion_uplift, implementation, {r}]\n").format(r=r)
        yield "c3-{}".format(r), render(s, extra=extra), []
    # 4. Timeline extremes.
    for h, r in [(1, 0), (1, 1), (2, 1), (2, 2), (120, 0), (120, 120), (120, 60), (120, 61),
                 (12, 12), (12, 7)]:
        yield "t-{}-{}".format(h, r), render(BASE, {"horizon_months": h, "ramp_up_months": r}), []
    for name, seas in [("zeros", [0] * 12), ("one", [0] * 11 + [12]), ("huge", ["1e300"] * 12),
                       ("denormal", ["1e-320"] * 12), ("max", ["1.7976931348623157e308"] * 12),
                       ("mixed", [0, "1e300", 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
                       ("percent", ['"100%"'] * 12)]:
        for h in [1, 12, 120]:
            extra = "seasonality: [{}]\n".format(", ".join(str(x) for x in seas))
            yield "s-{}-{}".format(name, h), render(BASE, {"horizon_months": h,
                                                           "start_month": 12}, extra), []
    # 5. Runs and sampling.
    for runs, sampling in itertools.product(["1", "2", "3", "4", "7"],
                                            ["monte_carlo", "latin_hypercube"]):
        extra = "simulation:\n  runs: {}\n  seed: 18446744073709551615\n  sampling: {}\n".format(
            runs, sampling)
        yield "r-{}-{}".format(runs, sampling), render(BASE, extra=extra), ["no-runs"]
    # Everything fixed (sensitivity with no uncertain input), everything zero-ish.
    s = {k: dict(v) for k, v in BASE.items()}
    s["assistant"] = {"lead_growth": "0", "booking_conversion_uplift": "0",
                      "no_show_reduction": "0", "manager_hours_saved": "0"}
    yield "z-no-effect", render(s), []
    s = {k: dict(v) for k, v in BASE.items()}
    s["assistant"]["lead_growth"] = "-1"
    s["baseline"]["leads_per_month"] = "0"
    yield "z-no-leads", render(s), []
    s["costs"] = {"implementation": "1e-300"}
    yield "z-tiny-cost", render(s), []
    s = {k: dict(v) for k, v in BASE.items()}
    s["capacity"]["spare_visits_per_month"] = "0"
    s["retention"]["monthly_churn"] = "0"
    s["retention"]["repeat_visits_per_month"] = "1e6"
    yield "z-capacity-0-retention-max", render(s, {"horizon_months": 120}), []
    # 6. Pasted text.
    base = render(BASE).replace("average_check: 2000", "average_check: \"30 000 ₽\"")
    yield "p-grouped-rouble", base, []
    text = render(BASE)
    yield "p-bom", "\ufeff" + text, []
    yield "p-crlf", text.replace("\n", "\r\n"), []
    yield "p-cr", text.replace("\n", "\r"), []
    yield "p-tabs", text.replace("  ", "\t"), []
    yield "p-tab-after-colon", text.replace(": ", ":\t"), []
    yield "p-comma-decimal", text.replace("0.3", "0,3"), []
    yield "p-percent", text.replace("0.3\n", "\"30%\"\n"), []
    yield "p-percent-unquoted", text.replace("0.3\n", "30%\n"), []
    yield "p-percent-space", text.replace("0.3\n", "30 %\n"), []
    yield "p-nbsp-rouble", text.replace("2000", "\"2\u00a0000 ₽\""), []
    yield "p-rub", text.replace("2000", "2000 руб."), []
    yield "p-minus", text.replace("0.1\n", "\u22120.1\n"), []
    yield "p-fullwidth-digits", text.replace("2000", "２０００"), []
    yield "p-thin-space", text.replace("50000", "50\u2009000"), []
    yield "p-utf16le", ("\ufeff" + text).encode("utf-16-le"), []
    yield "p-utf16be", ("\ufeff" + text).encode("utf-16-be"), []
    yield "p-utf16le-nobom", text.encode("utf-16-le"), []
    yield "p-latin1", text.replace("hunt", "caf\xe9").encode("latin-1"), []
    yield "p-cp1251", text.replace("hunt", "салон").encode("cp1251"), []
    yield "p-zero-width", text.replace("2000", "2000\u200b"), []
    yield "p-smart-quotes", text.replace("2000", "\u201c2000\u201d"), []
    yield "p-trailing-dot", text.replace("2000", "2000."), []
    yield "p-exp-upper", text.replace("2000", "2E3"), []
    yield "p-hex", text.replace("2000", "0x7d0"), []
    yield "p-underscore", text.replace("50000", "50_000"), []
    yield "p-k-suffix", text.replace("50000", "50k"), []
    yield "p-yes", text.replace("0.1\n", "yes\n"), []
    yield "p-dash-range", text.replace("2000", "1500-2500"), []
    yield "p-percent-of-money", text.replace("2000", "\"15%\""), []


SETS = [
    ["horizon_months=1"], ["horizon_months=120"], ["ramp_up_months=0"],
    ["assistant.lead_growth={normal: [0.1, 0.05], min: -1}"],
    ["baseline.booking_conversion={beta: [2, 5]}", "assistant.booking_conversion_after=0.5"],
    ["assistant.booking_conversion_after={discrete: {values: [0.3, 0.5], weights: [1, 1]}}"],
    ["costs.implementation=0", "costs.monthly=0", "costs.per_lead=0"],
    ["costs.implementation=1e-320"], ["baseline.average_check=1e300"],
    ["seasonality=[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]"],
    ["capacity.spare_visits_per_month=0", "retention.monthly_churn=0"],
    ["baseline.leads_per_month={lognormal: [1, 1e6]}"],
]

COMMANDS = [
    "sweep {f} --vary costs.implementation=0:100000:5 -n 300 -j 1",
    "sweep {f} --vary assistant.lead_growth=-1:1:3 --vary costs.monthly=0:10000:3 -n 200 -j 1",
    "solve {f} --vary costs.implementation --target 'P(payback<=6) >= 90%' -n 300 -j 1",
    "solve {f} --vary assistant.lead_growth --target 'P(roi<0) <= 10%' -n 300 -j 1",
    "voi {f} -n 1000 -j 1",
    "pilot {f} --weeks 1,4 -n 300 -j 1",
]

NONFINITE = re.compile(r"(?<![A-Za-z])(nan|inf|infinity)(?![A-Za-z])", re.IGNORECASE)
INTERNAL = re.compile(r"simroi::|std::|basic_string|what\(\)|Exception|terminate called|"
                      r"Assertion|bad_alloc|bad_variant|out_of_range|invalid_argument|"
                      r"runtime error:|AddressSanitizer")


def run(binary, args, timeout=120):
    try:
        p = subprocess.run("'{}' {}".format(binary, args), shell=True, capture_output=True,
                           timeout=timeout, env=dict(os.environ, LC_ALL="C", LANG="C"))
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode(
            "utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", "", ""


def main():
    binary = sys.argv[1]
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else 8
    work = keep or tempfile.mkdtemp(prefix="simroi-hunt-")
    os.makedirs(work, exist_ok=True)
    findings = []
    counts = {"files": 0, "accepted": 0, "refused": 0}

    def flag(name, what, detail=""):
        findings.append((name, what))
        print("FLAG {}: {}{}".format(name, what, (" -- " + detail[:300]) if detail else ""),
              flush=True)

    def check_output(name, code, out, err, accepted_by_check, label):
        if code == "timeout":
            flag(name, label + ": timeout")
            return
        if code not in (0, 2):
            flag(name, "{}: exit {}".format(label, code), err)
        # A decision command may refuse its own option (a --vary value outside
        # the input's valid range, or one that makes the scenario invalid)
        # with exit 2 when the message names that option: that is the file
        # being fine and the option not.
        option_refused = code == 2 and "--vary" in err
        if accepted_by_check and code != 0 and not option_refused:
            flag(name, "{}: check ok but exit {}".format(label, code), err)
        m = NONFINITE.search(out)
        if m:
            flag(name, "{}: '{}' in the output".format(label, m.group(0)),
                 out[max(0, m.start() - 120):m.end() + 60])
        m = INTERNAL.search(err)
        if m:
            flag(name, "{}: internal name '{}' in a message".format(label, m.group(0)), err)

    def one_file(item):
        name, text, tags = item
        path = os.path.join(work, name + ".yaml")
        with open(path, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        runs = "" if "no-runs" in tags else "-n 300"
        return (name, path, run(binary, "check '{}'".format(path)),
                run(binary, "'{}' {} -j 1 -f table".format(path, runs)),
                run(binary, "'{}' {} -j 1 -f json".format(path, runs)))

    items = [c for c in cases() if not only or c[0].startswith(only)]
    accepted_files = []
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for name, path, check, table, js in pool.map(one_file, items):
            counts["files"] += 1
            code, out, err = check
            if code not in (0, 2):
                flag(name, "check: exit {}".format(code), err)
            m = INTERNAL.search(err)
            if m:
                flag(name, "check: internal name '{}'".format(m.group(0)), err)
            ok = code == 0
            counts["accepted" if ok else "refused"] += 1
            check_output(name, *table, ok, "run")
            check_output(name, *js, ok, "json")
            if js[0] == 0:
                try:
                    json.loads(js[1])
                except ValueError as e:
                    flag(name, "json: not JSON ({})".format(e))
            if ok:
                accepted_files.append(path)
    # --set combinations and decision commands on a spread of accepted files.
    sample = sorted(accepted_files)[:: max(1, len(accepted_files) // 40)]
    jobs_list = []
    for path in sample:
        name = os.path.basename(path)
        for sets in SETS:
            args = " ".join("--set '{}'".format(s) for s in sets)
            jobs_list.append((name + " " + args, "check '{}' {}".format(path, args),
                              "'{}' -n 300 -j 1 -f json {}".format(path, args), "set"))
        for command in COMMANDS:
            jobs_list.append((name + " " + command.split()[0], None,
                              command.format(f="'{}'".format(path)) + " -f json",
                              command.split()[0]))

    def one_job(job):
        name, check, command, label = job
        return job, (run(binary, check) if check else (0, "", "")), run(binary, command, 300)

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for (name, check, command, label), c, r in pool.map(one_job, jobs_list):
            if c[0] not in (0, 2):
                flag(name, "check --set: exit {}".format(c[0]), c[2])
            check_output(name, *r, c[0] == 0, label)
    print("files {files}, accepted by check {accepted}, refused {refused}; {n} findings; "
          "files in {work}".format(n=len(findings), work=work, **counts))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
