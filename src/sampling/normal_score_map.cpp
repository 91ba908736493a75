// The normal-score map G(y) = Q(Phi(y)) of a continuous marginal (see
// simroi/normal_score_map.h for the contract).
//
// Exact G (exact()): the kind's untruncated ("raw") Boost.Math distribution
// restricted to the support [lo, hi] = [support_min, support_max]:
//   t = F(lo) + Phi(y) * mass      (the raw lower-tail probability of G(y)),
//   s = SF(hi) + Phi(-y) * mass    (the raw upper-tail probability, t + s = 1),
//   G(y) = raw_quantile(t) if t <= 1/2, else raw_complement_quantile(s),
// so both tails keep full relative precision. Exact::p is the numerical
// parameterisation of the kinds table (internal_parameters(), dist/kinds.h),
// the same as Distribution's:
//   uniform {a, b}   triangular {a, mode, b, split}   pert {a, b - a, alpha, beta}
//   normal {mean, sd}   lognormal {mu, sigma}   beta {alpha, beta}
// and raw_min/raw_max its internal_support().
//
// Table: nodes y_i = y0 + i h, i = 0..n, y0 ~ -kYMax, h = 2 kYMax / n; values
// G(y_i) = exact(y_i); slopes G'(y_i) = phi(y_i) / f(G(y_i)) with f the
// truncated density (raw Boost pdf / mass). These are the exact derivatives,
// so the cubic Hermite interpolant is 4th-order accurate (error ~ h^4 G''''/384)
// wherever G is smooth. G is smooth in y for every kind except the triangular,
// whose density has a kink at the mode (G'' jumps there): the grid is shifted
// by less than h/2 so that the mode's normal score is a node, and both sides
// are smooth again. Slopes that are not finite (f = 0 at a value rounded onto a
// support end) are replaced by the mean adjacent secant; then the
// Fritsch-Carlson limiter (alpha^2 + beta^2 <= 9 for the slope/secant ratios
// of every interval) makes the interpolant monotone. With exact slopes it
// rarely has anything to do.
//
// Verification: the interpolant at every interval midpoint is compared with
// exact(); if the largest error exceeds the tolerance the grid is refined by
// halving h, and the midpoints already computed become the new nodes (only
// their slopes and the new midpoints cost extra quantile calls): about 2n
// quantile calls in all for a final grid of n intervals.
#include "simroi/sampling/normal_score_map.h"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "dist/boost_math_policy.h"
#include "simroi/dist/kinds.h"

namespace simroi {

namespace {

namespace bm = boost::math;
using math::beta_quantile;
using math::BetaDist;
using math::LognormalDist;
using math::NormalDist;
using math::Policy;
using math::TriangularDist;

constexpr double kInf = Distribution::kInf;
constexpr double kInvSqrt2 = 1.0 / std::numbers::sqrt2;
constexpr double kInvSqrt2Pi = 0.3989422804014327;  // 1 / sqrt(2 pi)
constexpr double kPMin = 1e-300;  // tail probabilities are kept >= this (finite quantiles)

using Exact = NormalScoreMap::Exact;

double raw_min(const Exact& e) noexcept {
  return internal_support(e.kind, e.p).lo;
}

double raw_max(const Exact& e) noexcept {
  return internal_support(e.kind, e.p).hi;
}

/// Untruncated P(X <= x) (complement = false) or P(X > x) (complement = true).
double raw_cdf(const Exact& e, double x, bool complement) {
  if (x <= raw_min(e)) return complement ? 1.0 : 0.0;
  if (x >= raw_max(e)) return complement ? 0.0 : 1.0;
  auto eval = [&](const auto& d, double v) {
    return complement ? bm::cdf(bm::complement(d, v)) : bm::cdf(d, v);
  };
  switch (e.kind) {
    case DistKind::uniform: {
      const double w = e.p[1] - e.p[0];
      return complement ? (e.p[1] - x) / w : (x - e.p[0]) / w;
    }
    case DistKind::triangular:
      return eval(TriangularDist(e.p[0], e.p[1], e.p[2]), x);
    case DistKind::pert:
      return eval(BetaDist(e.p[2], e.p[3]), (x - e.p[0]) / e.p[1]);
    case DistKind::normal:
      return eval(NormalDist(e.p[0], e.p[1]), x);
    case DistKind::lognormal:
      return eval(LognormalDist(e.p[0], e.p[1]), x);
    case DistKind::beta:
      return eval(BetaDist(e.p[0], e.p[1]), x);
    default:
      return std::nan("");
  }
}

/// Untruncated quantile at lower-tail probability p (complement = false) or
/// at upper-tail probability p (complement = true); p in (0, 1].
double raw_quantile(const Exact& e, double p, bool complement) {
  auto eval = [&](const auto& d) {
    return complement ? bm::quantile(bm::complement(d, p)) : bm::quantile(d, p);
  };
  switch (e.kind) {
    case DistKind::uniform: {
      const double w = e.p[1] - e.p[0];
      return complement ? e.p[1] - w * p : e.p[0] + w * p;
    }
    case DistKind::triangular:
      return eval(TriangularDist(e.p[0], e.p[1], e.p[2]));
    case DistKind::pert:
      return e.p[0] + e.p[1] * beta_quantile(BetaDist(e.p[2], e.p[3]), p, complement);
    case DistKind::normal:
      return eval(NormalDist(e.p[0], e.p[1]));
    case DistKind::lognormal:
      return eval(LognormalDist(e.p[0], e.p[1]));
    case DistKind::beta:
      return beta_quantile(BetaDist(e.p[0], e.p[1]), p, complement);
    default:
      return std::nan("");
  }
}

/// Untruncated density.
double raw_pdf(const Exact& e, double x) {
  if (x < raw_min(e) || x > raw_max(e)) return 0.0;
  switch (e.kind) {
    case DistKind::uniform:
      return 1.0 / (e.p[1] - e.p[0]);
    case DistKind::triangular:
      return bm::pdf(TriangularDist(e.p[0], e.p[1], e.p[2]), x);
    case DistKind::pert:
      return bm::pdf(BetaDist(e.p[2], e.p[3]), (x - e.p[0]) / e.p[1]) / e.p[1];
    case DistKind::normal:
      return bm::pdf(NormalDist(e.p[0], e.p[1]), x);
    case DistKind::lognormal:
      return x > 0.0 ? bm::pdf(LognormalDist(e.p[0], e.p[1]), x) : 0.0;
    case DistKind::beta:
      return bm::pdf(BetaDist(e.p[0], e.p[1]), x);
    default:
      return std::nan("");
  }
}

/// Standard normal quantile of p in (0, 1).
double normal_quantile(double p) {
  return -std::numbers::sqrt2 * bm::erfc_inv(2.0 * p, Policy());
}

/// The truncated density's derivative of G at y, G(y) = x: phi(y) / f(x).
double slope(const Exact& e, double y, double x) {
  const double phi = kInvSqrt2Pi * std::exp(-0.5 * y * y);
  return phi * e.mass / raw_pdf(e, x);
}

}  // namespace

NormalScoreMap::NormalScoreMap(const Distribution& dist) {
  const DistKind kind = dist.kind();
  if (kind == DistKind::discrete) {
    build_steps(dist);
    return;
  }
  if (!kind_info(kind).continuous) {
    throw std::invalid_argument(std::string("a correlated input cannot be fixed, not ") +
                                dist.describe());
  }
  Exact& e = exact_;
  e.kind = kind;
  const auto p = internal_parameters(kind, dist.parameters());
  std::copy(p.begin(), p.end(), e.p);
  e.lo = dist.support_min();
  e.hi = dist.support_max();
  e.f_lo = raw_cdf(e, e.lo, false);
  e.s_hi = raw_cdf(e, e.hi, true);
  const double f_hi = raw_cdf(e, e.hi, false);
  const double s_lo = raw_cdf(e, e.lo, true);
  if (f_hi <= 0.5) {
    e.mass = f_hi - e.f_lo;
  } else if (e.f_lo >= 0.5) {
    e.mass = s_lo - e.s_hi;
  } else {
    e.mass = 1.0 - e.f_lo - e.s_hi;
  }
  if (!(e.mass > 0.0)) {
    throw std::invalid_argument("no probability in the support of " + dist.describe());
  }

  const double scale =
      std::isfinite(e.hi - e.lo) ? e.hi - e.lo : dist.quantile(0.999) - dist.quantile(0.001);
  tolerance_ = kRelTol * scale;

  if (!dist.is_truncated() && kind == DistKind::normal) {
    method_ = Method::affine;
    a_ = e.p[0];
    b_ = e.p[1];
    return;
  }
  if (!dist.is_truncated() && kind == DistKind::lognormal) {
    method_ = Method::exp_affine;
    a_ = e.p[0];
    b_ = e.p[1];
    return;
  }
  build_table();
}

void NormalScoreMap::build_steps(const Distribution& dist) {
  method_ = Method::steps;
  // The distinct values with positive weight, ascending, and their weights.
  const auto& written = dist.parameters();
  const auto& weights = dist.weights();
  std::vector<std::pair<double, double>> pairs;
  for (std::size_t i = 0; i < written.size() && i < weights.size(); ++i) {
    if (weights[i] > 0.0) pairs.emplace_back(written[i], weights[i]);
  }
  std::sort(pairs.begin(), pairs.end());
  std::vector<double> w;
  for (const auto& [v, wt] : pairs) {
    if (!values_.empty() && values_.back() == v) {
      w.back() += wt;
    } else {
      values_.push_back(v);
      w.push_back(wt);
    }
  }
  if (values_.empty()) throw std::invalid_argument("no probability in " + dist.describe());
  double total = 0.0;
  for (const double x : w) total += x;
  // below[k] = P(X <= v_k), above[k] = P(X > v_k), each summed from its own end.
  const std::size_t m = values_.size();
  std::vector<double> below(m), above(m);
  double run = 0.0;
  for (std::size_t k = 0; k < m; ++k) below[k] = (run += w[k]) / total;
  run = 0.0;
  for (std::size_t k = m; k-- > 0;) {
    above[k] = run / total;
    run += w[k];
  }
  thresholds_.resize(m - 1);
  for (std::size_t k = 0; k + 1 < m; ++k) {
    thresholds_[k] = below[k] <= 0.5 ? normal_quantile(std::max(below[k], kPMin))
                                     : -normal_quantile(std::max(above[k], kPMin));
  }
  exact_.lo = values_.front();
  exact_.hi = values_.back();
}

double NormalScoreMap::step_at(double y) const noexcept {
  if (std::isnan(y)) return y;
  // The first k with y <= y_k; the last value when there is none.
  const auto it = std::lower_bound(thresholds_.begin(), thresholds_.end(), y);
  return values_[static_cast<std::size_t>(it - thresholds_.begin())];
}

double NormalScoreMap::exact(double y) const noexcept {
  if (method_ == Method::steps) return step_at(y);
  if (std::isnan(y)) return y;
  const Exact& e = exact_;
  const double p = std::max(0.5 * std::erfc(-y * kInvSqrt2), kPMin);  // Phi(y)
  const double q = std::max(0.5 * std::erfc(y * kInvSqrt2), kPMin);   // Phi(-y)
  const double t = e.f_lo + p * e.mass;
  double x = 0.0;
  try {
    x = t <= 0.5 ? raw_quantile(e, t, false) : raw_quantile(e, e.s_hi + q * e.mass, true);
  } catch (...) {
    // Boost's ibeta_inv throws (whatever the policy) for tail probabilities
    // below ~1e-150 (|y| > ~26, probability ~1e-150 per draw): there the
    // quantile equals the support end to double precision.
    x = t <= 0.5 ? e.lo : e.hi;
  }
  if (std::isnan(x)) return x;
  return std::clamp(x, e.lo, e.hi);
}

double NormalScoreMap::out_of_grid(double y) const noexcept {
  // Beyond the grid: the exact quantile, kept on the right side of the end
  // nodes (Boost's inverses are monotone only up to an ulp or so).
  const double x = exact(y);
  if (coef_.empty() || std::isnan(x)) return x;
  return y < y0_ ? std::min(x, coef_.front()) : std::max(x, coef_[4 * n_]);
}

void NormalScoreMap::build_table() {
  const Exact& e = exact_;
  std::size_t n = kMinIntervals;
  double h = 2.0 * kYMax / static_cast<double>(n);
  double y0 = -kYMax;
  if (e.kind == DistKind::triangular && e.p[1] > e.lo && e.p[1] < e.hi) {
    // Put the mode's normal score on a node (the density has a kink there).
    const double below = (raw_cdf(e, e.p[1], false) - e.f_lo) / e.mass;
    const double above = (raw_cdf(e, e.p[1], true) - e.s_hi) / e.mass;
    const double yc = below <= 0.5 ? normal_quantile(below) : -normal_quantile(above);
    if (std::isfinite(yc) && std::abs(yc) < kYMax) {
      y0 = yc - std::round((yc + kYMax) / h) * h;
    }
  }

  std::vector<double> g(n + 1), sl(n + 1), mid(n);
  std::vector<double> nodes;  // (G(y_i), h G'(y_i)) interleaved, i = 0..n
  for (std::size_t i = 0; i <= n; ++i) {
    const double y = y0 + static_cast<double>(i) * h;
    g[i] = exact(y);
    sl[i] = slope(e, y, g[i]);
  }

  for (;;) {
    // Nodes: values made non-decreasing, slopes in units of the interval (h G').
    nodes.assign(2 * (n + 1), 0.0);
    for (std::size_t i = 0; i <= n; ++i) {
      nodes[2 * i] = i == 0 ? g[0] : std::max(g[i], nodes[2 * (i - 1)]);
    }
    auto val = [&](std::size_t i) { return nodes[2 * i]; };
    for (std::size_t i = 0; i <= n; ++i) {
      double d = h * sl[i];
      if (!std::isfinite(d) || d < 0.0) {  // f = 0 or inf at a rounded value: use secants
        const double left = i > 0 ? val(i) - val(i - 1) : val(1) - val(0);
        const double right = i < n ? val(i + 1) - val(i) : val(n) - val(n - 1);
        d = 0.5 * (left + right);
      }
      nodes[2 * i + 1] = d;
    }
    for (std::size_t i = 0; i < n; ++i) {  // Fritsch-Carlson
      const double delta = val(i + 1) - val(i);
      double& d0 = nodes[2 * i + 1];
      double& d1 = nodes[2 * i + 3];
      if (!(delta > 0.0)) {
        d0 = 0.0;
        d1 = 0.0;
        continue;
      }
      const double a = d0 / delta;
      const double b = d1 / delta;
      const double r2 = a * a + b * b;
      if (r2 > 9.0) {
        const double tau = 3.0 / std::sqrt(r2);
        d0 = tau * a * delta;
        d1 = tau * b * delta;
      }
    }

    coef_.assign(4 * (n + 1), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      const double g0 = nodes[2 * i], d0 = nodes[2 * i + 1];
      const double g1 = nodes[2 * i + 2], d1 = nodes[2 * i + 3];
      const double dg = g1 - g0;
      coef_[4 * i] = g0;
      coef_[4 * i + 1] = d0;
      coef_[4 * i + 2] = 3.0 * dg - 2.0 * d0 - d1;
      coef_[4 * i + 3] = d0 + d1 - 2.0 * dg;
    }
    coef_[4 * n] = nodes[2 * n];

    double err = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      mid[i] = exact(y0 + (static_cast<double>(i) + 0.5) * h);
      const double diff = std::abs(hermite(i, 0.5) - mid[i]);
      err = std::isnan(diff) ? kInf : std::max(err, diff);
    }
    max_error_ = err;
    if (err <= tolerance_) {
      method_ = Method::table;
      n_ = n;
      n_d_ = static_cast<double>(n);
      y0_ = y0;
      h_ = h;
      inv_h_ = 1.0 / h;
      return;
    }
    if (n >= kMaxIntervals) {
      method_ = Method::exact;
      coef_.clear();
      coef_.shrink_to_fit();
      n_ = 0;
      return;
    }
    // Refine: the midpoints become nodes.
    std::vector<double> g2(2 * n + 1), sl2(2 * n + 1);
    for (std::size_t i = 0; i < n; ++i) {
      g2[2 * i] = g[i];
      sl2[2 * i] = sl[i];
      g2[2 * i + 1] = mid[i];
      sl2[2 * i + 1] = slope(e, y0 + (static_cast<double>(i) + 0.5) * h, mid[i]);
    }
    g2[2 * n] = g[n];
    sl2[2 * n] = sl[n];
    g = std::move(g2);
    sl = std::move(sl2);
    n *= 2;
    h *= 0.5;
    mid.assign(n, 0.0);
  }
}

}  // namespace simroi
