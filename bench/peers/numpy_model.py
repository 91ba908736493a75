#!/usr/bin/python3
"""A vectorised NumPy implementation of the simroi model, for an honest speed comparison.

Usage:
    /usr/bin/python3 bench/peers/numpy_model.py SCENARIO.yaml --runs N [--seed S] [--chunk C] [--json]

It implements the model of docs/model.md (one run = draw every uncertain input,
walk the months t = 1..H) and the statistics of "What a simulation reports"
with the tools a NumPy user would reach for: numpy.random.default_rng, arrays
of shape (N,) walked month by month, the full (N, H) matrix of cumulative net
K_t kept in memory as float64, numpy.percentile (default method "linear") and
Spearman correlations from ranks (argsort; scipy.stats.rankdata where there are
ties).

This is a *peer*, not a second implementation of simroi's validator: it parses
every form used by scenarios/*.yaml and does only basic checks.

Output: the ROI percentiles on stdout (or, with --json, every statistic as
JSON); on stderr the wall time split into load / simulate / statistics and the
peak RSS (getrusage ru_maxrss, KiB on Linux).

Needs Debian's python3-numpy, python3-yaml and python3-scipy.
"""

import argparse
import json
import math
import resource
import sys
import time

import numpy as np
import yaml

try:
    from scipy import special as sps
    from scipy.stats import rankdata
except ImportError:  # pragma: no cover - a clear message instead of a traceback
    sys.exit("numpy_model.py: scipy is missing; install Debian's python3-scipy "
             "(apt-get install -y python3-scipy) and run with /usr/bin/python3")

Z95 = 1.6448536269514722          # standard normal 0.95 quantile
STAT_PCTS = [5, 10, 25, 50, 75, 90, 95]
FAN_PCTS = [5, 25, 50, 75, 95]
PAYBACK_THRESHOLDS = [3, 6, 12]
DEFAULT_CHUNK_LIMIT = 2_000_000   # all runs at once up to this, then chunks of it
U_EPS = 2.0 ** -53                # keeps copula probabilities inside (0, 1)


class ScenarioError(Exception):
    pass


# --------------------------------------------------------------------------
# Values and distributions

def num(x, where):
    """A number or a percent string ("10%", "-5%") as float."""
    if isinstance(x, bool):
        raise ScenarioError(f"{where}: expected a number, got {x!r}")
    if isinstance(x, (int, float)):
        return float(x)
    if isinstance(x, str):
        s = x.strip()
        try:
            if s.endswith("%"):
                return float(s[:-1]) / 100.0
            return float(s)
        except ValueError:
            pass
    raise ScenarioError(f"{where}: expected a number or a percent string, got {x!r}")


class Dist:
    """One input's distribution: direct sampling, inverse CDF and CDF, all vectorised."""

    CONTINUOUS = ("uniform", "triangular", "pert", "normal", "lognormal", "beta")

    def __init__(self, kind, params, lo=-math.inf, hi=math.inf, where=""):
        self.kind, self.p, self.where = kind, params, where
        self.lo, self.hi = lo, hi
        self.truncated = lo > -math.inf or hi < math.inf
        if kind == "uniform":
            a, b = params
            if not a < b:
                raise ScenarioError(f"{where}: uniform needs min < max")
        elif kind in ("triangular", "pert"):
            a, m, b = params
            if not (a <= m <= b and a < b):
                raise ScenarioError(f"{where}: {kind} needs min <= mode <= max, min < max")
            if kind == "pert":
                self.alpha = 1.0 + 4.0 * (m - a) / (b - a)
                self.beta = 1.0 + 4.0 * (b - m) / (b - a)
        elif kind == "normal":
            if not params[1] > 0:
                raise ScenarioError(f"{where}: normal needs sd > 0")
        elif kind == "lognormal":
            p5, p95 = params
            if not 0 < p5 < p95:
                raise ScenarioError(f"{where}: lognormal needs 0 < p5 < p95")
            self.mu = 0.5 * (math.log(p5) + math.log(p95))
            self.sigma = (math.log(p95) - math.log(p5)) / (2.0 * Z95)
        elif kind == "beta":
            if not (params[0] > 0 and params[1] > 0):
                raise ScenarioError(f"{where}: beta needs alpha, beta > 0")
        elif kind == "discrete":
            values, weights = params
            if len(values) != len(weights) or not values:
                raise ScenarioError(f"{where}: discrete needs values and weights of one length")
            w = np.asarray(weights, float)
            if (w < 0).any() or not w.sum() > 0:
                raise ScenarioError(f"{where}: discrete weights must be >= 0 with a positive sum")
            order = np.argsort(values, kind="stable")      # ascending: a monotone quantile
            self.values = np.asarray(values, float)[order]
            self.cum = np.cumsum(w[order]) / w.sum()
            self.cum[-1] = 1.0
            self.prob = w[order] / w.sum()
        else:
            raise ScenarioError(f"{where}: unknown distribution {kind!r}")
        if self.truncated:
            if kind == "discrete":
                raise ScenarioError(f"{where}: discrete cannot be truncated")
            self.flo = float(self.cdf(np.array([lo]))[0]) if lo > -math.inf else 0.0
            self.fhi = float(self.cdf(np.array([hi]))[0]) if hi < math.inf else 1.0
            if not self.fhi > self.flo:
                raise ScenarioError(f"{where}: the truncation [min, max] leaves no probability")

    # untruncated CDF and quantile of the base distribution
    def cdf(self, x):
        k, p = self.kind, self.p
        if k == "uniform":
            return np.clip((x - p[0]) / (p[1] - p[0]), 0.0, 1.0)
        if k == "triangular":
            a, m, b = p
            left = np.where(x <= a, 0.0, (x - a) ** 2 / ((b - a) * (m - a))) if m > a else 0.0 * x
            right = np.where(x >= b, 1.0, 1.0 - (b - x) ** 2 / ((b - a) * (b - m))) if b > m else 1.0 + 0.0 * x
            return np.clip(np.where(x < m, left, right), 0.0, 1.0)
        if k == "pert":
            a, _, b = p
            return sps.betainc(self.alpha, self.beta, np.clip((x - a) / (b - a), 0.0, 1.0))
        if k == "normal":
            return sps.ndtr((x - p[0]) / p[1])
        if k == "lognormal":
            with np.errstate(divide="ignore"):
                return sps.ndtr((np.log(np.maximum(x, 0.0)) - self.mu) / self.sigma)
        if k == "beta":
            return sps.betainc(p[0], p[1], np.clip(x, 0.0, 1.0))
        raise AssertionError(k)

    def _ppf(self, u):
        k, p = self.kind, self.p
        if k == "uniform":
            return p[0] + (p[1] - p[0]) * u
        if k == "triangular":
            a, m, b = p
            fm = (m - a) / (b - a)
            return np.where(u < fm,
                            a + np.sqrt(u * (b - a) * (m - a)),
                            b - np.sqrt((1.0 - u) * (b - a) * (b - m)))
        if k == "pert":
            a, _, b = p
            return a + (b - a) * sps.betaincinv(self.alpha, self.beta, u)
        if k == "normal":
            return p[0] + p[1] * sps.ndtri(u)
        if k == "lognormal":
            return np.exp(self.mu + self.sigma * sps.ndtri(u))
        if k == "beta":
            return sps.betaincinv(p[0], p[1], u)
        if k == "discrete":
            idx = np.searchsorted(self.cum, u, side="right")
            return self.values[np.minimum(idx, len(self.values) - 1)]
        raise AssertionError(k)

    def ppf(self, u):
        """The inverse CDF of the (possibly truncated) distribution at u in (0, 1)."""
        if self.truncated:
            x = self._ppf(self.flo + u * (self.fhi - self.flo))
            return np.clip(x, self.lo, self.hi)
        return self._ppf(u)

    def sample(self, rng, n):
        """n independent draws: numpy's direct samplers where they exist, else inverse CDF."""
        if self.truncated:
            return self.ppf(rng.random(n))
        k, p = self.kind, self.p
        if k == "uniform":
            return rng.uniform(p[0], p[1], n)
        if k == "triangular":
            return rng.triangular(p[0], p[1], p[2], n)
        if k == "pert":
            return p[0] + (p[2] - p[0]) * rng.beta(self.alpha, self.beta, n)
        if k == "normal":
            return rng.normal(p[0], p[1], n)
        if k == "lognormal":
            return rng.lognormal(self.mu, self.sigma, n)
        if k == "beta":
            return rng.beta(p[0], p[1], n)
        if k == "discrete":
            return self.values[rng.choice(len(self.values), size=n, p=self.prob)]
        raise AssertionError(k)


def parse_value(node, where):
    """A fixed float, or a Dist."""
    if not isinstance(node, dict):
        return num(node, where)
    lo = num(node["min"], where + ".min") if "min" in node else -math.inf
    hi = num(node["max"], where + ".max") if "max" in node else math.inf
    kinds = [k for k in node if k not in ("min", "max")]
    if len(kinds) != 1:
        raise ScenarioError(f"{where}: expected exactly one distribution, got {kinds}")
    kind = kinds[0]
    body = node[kind]
    if kind == "discrete":
        if not isinstance(body, dict) or "values" not in body or "weights" not in body:
            raise ScenarioError(f"{where}: discrete needs {{values: [...], weights: [...]}}")
        params = ([num(v, where) for v in body["values"]], [num(w, where) for w in body["weights"]])
    else:
        want = {"uniform": 2, "triangular": 3, "pert": 3, "normal": 2, "lognormal": 2, "beta": 2}
        if kind not in want:
            raise ScenarioError(f"{where}: unknown distribution {kind!r}")
        if not isinstance(body, list) or len(body) != want[kind]:
            raise ScenarioError(f"{where}: {kind} needs a list of {want[kind]} numbers")
        params = [num(v, where) for v in body]
    return Dist(kind, params, lo, hi, where)


# --------------------------------------------------------------------------
# The scenario

# symbol, section, key, default (None = required)
INPUTS = [
    ("L0", "baseline", "leads_per_month", None),
    ("c0", "baseline", "booking_conversion", None),
    ("s0", "baseline", "no_show_rate", 0.0),
    ("A", "baseline", "average_check", None),
    ("m", "baseline", "gross_margin", 1.0),
    ("g", "assistant", "lead_growth", 0.0),
    ("u", "assistant", "booking_conversion_uplift", 0.0),
    ("c1", "assistant", "booking_conversion_after", "absent"),
    ("r", "assistant", "no_show_reduction", 0.0),
    ("h", "assistant", "manager_hours_saved", 0.0),
    ("I", "costs", "implementation", None),
    ("M", "costs", "monthly", 0.0),
    ("v", "costs", "per_lead", 0.0),
    ("w", "economics", "manager_hourly_cost", 0.0),
    ("d", "economics", "discount_rate_annual", 0.0),
    ("q", "retention", "repeat_visits_per_month", 0.0),
    ("k", "retention", "monthly_churn", 1.0),
]


class Scenario:
    def __init__(self, path):
        with open(path, "rb") as f:
            raw = f.read()
        doc = yaml.safe_load(raw.decode("utf-8"))
        if not isinstance(doc, dict):
            raise ScenarioError(f"{path}: not a YAML mapping")
        self.path = path
        self.name = doc.get("name", "")
        self.business = doc.get("business", "")
        self.currency = doc.get("currency", "")
        self.H = int(doc.get("horizon_months", 12))
        if not 1 <= self.H <= 120:
            raise ScenarioError("horizon_months must be in 1..120")
        sim = doc.get("simulation") or {}
        self.runs = int(sim.get("runs", 100_000))
        self.seed = int(sim.get("seed", 42))
        if sim.get("sampling", "monte_carlo") != "monte_carlo":
            print("numpy_model.py: note: only monte_carlo sampling is implemented; "
                  "using it", file=sys.stderr)
        self.values = {}     # symbol -> float or Dist
        self.paths = {}      # symbol -> "section.key"
        for sym, sec, key, default in INPUTS:
            node = (doc.get(sec) or {})
            self.paths[sym] = f"{sec}.{key}"
            if key in node:
                self.values[sym] = parse_value(node[key], f"{sec}.{key}")
            elif default is None:
                raise ScenarioError(f"{sec}.{key}: required key is missing")
            elif default == "absent":
                pass
            else:
                self.values[sym] = default
        assistant = doc.get("assistant") or {}
        if "booking_conversion_uplift" in assistant and "booking_conversion_after" in assistant:
            raise ScenarioError("assistant: give booking_conversion_uplift or "
                                "booking_conversion_after, not both")
        self.R = int(assistant.get("ramp_up_months", 0))
        seas = doc.get("seasonality")
        self.seasonality = [1.0] * 12 if seas is None else [num(x, "seasonality") for x in seas]
        if len(self.seasonality) != 12:
            raise ScenarioError("seasonality needs 12 multipliers")
        self.start_month = int(doc.get("start_month", 1))
        # correlations: by key or dotted path
        by_name = {}
        for sym, sec, key, _ in INPUTS:
            by_name[key] = sym
            by_name[f"{sec}.{key}"] = sym
        self.uncertain = [s for s, *_ in INPUTS if isinstance(self.values.get(s), Dist)]
        self.correlations = []
        for entry in doc.get("correlations") or []:
            a, b, rho = entry
            for nm in (a, b):
                if nm not in by_name or by_name[nm] not in self.uncertain:
                    raise ScenarioError(f"correlations: {nm!r} is not an uncertain input")
            self.correlations.append((by_name[a], by_name[b], num(rho, "correlations")))
        self._setup_copula()

    def _setup_copula(self):
        """Cholesky factor of the normal-score correlation matrix r = 2 sin(pi rho / 6)."""
        self.corr_syms = []
        for a, b, _ in self.correlations:
            for s in (a, b):
                if s not in self.corr_syms:
                    self.corr_syms.append(s)
        n = len(self.corr_syms)
        if n == 0:
            self.chol = None
            return
        R = np.eye(n)
        idx = {s: i for i, s in enumerate(self.corr_syms)}
        for a, b, rho in self.correlations:
            r = 2.0 * math.sin(math.pi * rho / 6.0)
            R[idx[a], idx[b]] = R[idx[b], idx[a]] = r
        ev = np.linalg.eigvalsh(R)
        if ev.min() < -1e-10:
            raise ScenarioError("correlations: the matrix is not positive semi-definite")
        try:
            self.chol = np.linalg.cholesky(R)
        except np.linalg.LinAlgError:   # semi-definite: a tiny jitter lets Cholesky through
            self.chol = np.linalg.cholesky(R + np.eye(n) * (1e-12 - min(0.0, ev.min())))


# --------------------------------------------------------------------------
# Simulation

def draw_inputs(sc, rng, n):
    """Per uncertain input an array of n draws (Gaussian copula for correlated ones)."""
    out = {}
    if sc.chol is not None:
        z = rng.standard_normal((n, len(sc.corr_syms)))
        y = z @ sc.chol.T
        u = np.clip(sps.ndtr(y), U_EPS, 1.0 - U_EPS)
        del z, y
        for j, s in enumerate(sc.corr_syms):
            out[s] = sc.values[s].ppf(u[:, j])
        del u
    for s in sc.uncertain:
        if s not in out:
            out[s] = sc.values[s].sample(rng, n)
    return out


def simulate_chunk(sc, draws, n, K_out):
    """Walk the months for n runs; fill K_out (n, H); return ROI, net, NPV, payback."""
    V = {s: draws.get(s, sc.values.get(s)) for s, *_ in INPUTS}
    L0, c0, s0, A, m = V["L0"], V["c0"], V["s0"], V["A"], V["m"]
    g, r, h = V["g"], V["r"], V["h"]
    I, M, v, w, d = V["I"], V["M"], V["v"], V["w"], V["d"]
    q, k = V["q"], V["k"]
    c1 = V["c1"] if "c1" in sc.values else c0 * (1.0 + V["u"])
    H, R = sc.H, sc.R

    zeros = np.zeros(n)
    I_arr = zeros + I
    Amv = A * m                       # money per visit
    hw = h * w
    before_rate = c0 * (1.0 - s0)     # visits per lead before
    keep = 1.0 - k
    disc_step = (1.0 + d) ** (-1.0 / 12.0)   # 1 / (1 + rho)
    disc = zeros + 1.0
    P = zeros.copy()                  # retained extra clients
    X_prev = zeros
    K = -I_arr                        # K_0 = -I (payback view); K_1 = N_1 includes -I
    Kcum = zeros.copy()
    G_tot = zeros.copy()
    C_tot = zeros.copy()
    npv = -I_arr.copy()
    payback = np.full(n, np.inf)
    found = np.zeros(n, dtype=bool)
    ever_below = K < 0
    for t in range(1, H + 1):
        phi = min(1.0, t / R) if R > 0 else 1.0
        S = sc.seasonality[(sc.start_month - 1 + t - 1) % 12]
        B = L0 * S
        L = B * (1.0 + phi * g)
        ct = np.minimum(1.0, c0 + phi * (c1 - c0))
        st = s0 * (1.0 - phi * r)
        X = L * ct * (1.0 - st) - B * before_rate
        P = P * keep + X_prev
        G = (X + q * P) * Amv + phi * hw
        C = M + v * L
        N_flow = G - C                # the month's flow without I
        G_tot += G
        C_tot += C
        disc = disc * disc_step
        npv += N_flow * disc
        K_prev = K
        Kcum += N_flow
        K = Kcum - I_arr              # K_t = N_1 + ... + N_t, N_1 containing -I
        K_out[:, t - 1] = K
        cross = (~found) & (K_prev < 0) & (K >= 0)
        if cross.any():
            kp = K_prev[cross]
            payback[cross] = (t - 1) + (-kp) / (K[cross] - kp)
            found |= cross
        ever_below |= K < 0
        X_prev = X
    C_tot += I_arr
    net = G_tot - C_tot
    roi = net / C_tot * 100.0
    payback[~ever_below] = 0.0        # never below 0: nothing to pay back
    return roi, net, npv, payback


def simulate(sc, runs, seed, chunk):
    rng = np.random.default_rng(seed)
    H = sc.H
    roi = np.empty(runs)
    net = np.empty(runs)
    npv = np.empty(runs)
    payback = np.empty(runs)
    K = np.empty((runs, H))
    inputs = {s: np.empty(runs) for s in sc.uncertain}
    for start in range(0, runs, chunk):
        n = min(chunk, runs - start)
        sl = slice(start, start + n)
        draws = draw_inputs(sc, rng, n)
        for s, arr in draws.items():
            inputs[s][sl] = arr
        r_, n_, v_, p_ = simulate_chunk(sc, draws, n, K[sl])
        roi[sl], net[sl], npv[sl], payback[sl] = r_, n_, v_, p_
        del draws, r_, n_, v_, p_
    return roi, net, npv, payback, K, inputs


# --------------------------------------------------------------------------
# Statistics

def fnum(x):
    x = float(x)
    return x if math.isfinite(x) else None


def summary(x):
    pct = np.percentile(x, STAT_PCTS)
    return {
        "mean": fnum(x.mean()),
        "sd": fnum(x.std(ddof=1)) if x.size > 1 else None,
        "min": fnum(x.min()),
        "max": fnum(x.max()),
        "percentiles": {str(p): fnum(v) for p, v in zip(STAT_PCTS, pct)},
    }


def payback_percentiles(pb):
    """numpy-linear percentiles with censored runs as +inf; null where one touches +inf."""
    n = pb.size
    n_finite = int(np.isfinite(pb).sum())
    finite_or_big = np.where(np.isfinite(pb), pb, 1e300)   # avoids inf*0 = nan in the lerp
    vals = np.percentile(finite_or_big, STAT_PCTS)
    out = {}
    for p, v in zip(STAT_PCTS, vals):
        hpos = (n - 1) * p / 100.0
        j = math.floor(hpos)
        need = j + 1 if hpos > j else j                     # highest 0-based rank used
        out[str(p)] = float(v) if need < n_finite else None
    return out


def rank(x):
    """Ranks 1..n; average ranks for ties (scipy's rankdata) only when there are ties."""
    order = np.argsort(x)
    xs = x[order]
    if (xs[1:] == xs[:-1]).any():          # ties (a discrete input, or a constant ROI)
        return rankdata(x)
    r = np.empty(x.size)
    r[order] = np.arange(1, x.size + 1, dtype=float)
    return r


def spearman_with(rank_y, x):
    """Spearman rank correlation of x with the (already ranked) y: Pearson of the ranks."""
    rx = rank(x)
    rx -= rx.mean()
    ry = rank_y - rank_y.mean()
    den = math.sqrt(float(rx @ rx) * float(ry @ ry))
    return float(rx @ ry) / den if den > 0 else None


def statistics(sc, runs, seed, roi, net, npv, payback, K, inputs):
    H = sc.H
    pb_prob = {}
    for th in PAYBACK_THRESHOLDS + ([H] if H not in PAYBACK_THRESHOLDS else []):
        pb_prob[str(th)] = float((payback <= th).mean()) if th <= H else None
    roi_stats = summary(roi)
    roi_stats["prob_below_zero"] = float((roi < 0).mean())
    # per month on one column (a strided copy), measured faster than axis=0 on (N, H)
    fan = np.stack([np.percentile(K[:, t], FAN_PCTS) for t in range(H)], axis=1)  # (5, H)
    monthly = [{"month": t + 1,
                "cumulative_net": {str(p): fnum(fan[i, t]) for i, p in enumerate(FAN_PCTS)}}
               for t in range(H)]
    sens = []
    if inputs:
        rank_roi = rank(roi)
        for s in sc.uncertain:
            sens.append({"input": sc.paths[s], "spearman": spearman_with(rank_roi, inputs[s])})
        sens.sort(key=lambda e: -abs(e["spearman"] or 0.0))
    return {
        "schema": "simroi-peer.numpy/1",
        "scenario": {"name": sc.name, "business": sc.business, "file": sc.path},
        "runs": runs, "seed": seed, "horizon_months": H, "currency": sc.currency,
        "metrics": {
            "roi_pct": roi_stats,
            "net_profit": summary(net),
            "npv": summary(npv),
            "payback_months": {"percentiles": payback_percentiles(payback),
                               "prob_within": pb_prob,
                               "prob_not_within_horizon": float(np.isinf(payback).mean())},
        },
        "monthly": monthly,
        "sensitivity": sens,
    }


# --------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("--runs", "-n", type=int, default=None,
                    help="number of runs (default: the file's simulation.runs)")
    ap.add_argument("--seed", type=int, default=None, help="seed for numpy.random.default_rng")
    ap.add_argument("--chunk", type=int, default=None,
                    help=f"runs per chunk (default: all up to {DEFAULT_CHUNK_LIMIT:,}, then that)")
    ap.add_argument("--json", action="store_true", help="print every statistic as JSON")
    a = ap.parse_args(argv)

    t0 = time.perf_counter()
    try:
        sc = Scenario(a.scenario)
    except (ScenarioError, OSError, UnicodeDecodeError, yaml.YAMLError, KeyError,
            TypeError, ValueError) as e:
        print(f"numpy_model.py: {a.scenario}: {e}", file=sys.stderr)
        return 2
    runs = a.runs if a.runs is not None else sc.runs
    seed = a.seed if a.seed is not None else sc.seed
    if runs < 1:
        print("numpy_model.py: --runs must be >= 1", file=sys.stderr)
        return 2
    chunk = a.chunk if a.chunk else (runs if runs <= DEFAULT_CHUNK_LIMIT else DEFAULT_CHUNK_LIMIT)
    t1 = time.perf_counter()
    roi, net, npv, payback, K, inputs = simulate(sc, runs, seed, chunk)
    t2 = time.perf_counter()
    report = statistics(sc, runs, seed, roi, net, npv, payback, K, inputs)
    t3 = time.perf_counter()
    report["timing_s"] = {"load": t1 - t0, "simulate": t2 - t1, "statistics": t3 - t2}

    if a.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        r = report["metrics"]["roi_pct"]
        print(f"ROI % over {sc.H} months, {runs:,} runs, seed {seed}:")
        for p, v in r["percentiles"].items():
            print(f"  P{p:>2}: {v:12.4f}")
        print(f"  mean {r['mean']:.4f}  sd {r['sd'] if r['sd'] is None else round(r['sd'], 4)}"
              f"  P(ROI<0) {r['prob_below_zero']:.4f}")
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"time: load {t1 - t0:.3f} s, simulate {t2 - t1:.3f} s, statistics {t3 - t2:.3f} s, "
          f"total {t3 - t0:.3f} s (chunk {chunk:,})", file=sys.stderr)
    print(f"peak RSS: {rss_kib} KiB ({rss_kib / 1024:.1f} MiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
