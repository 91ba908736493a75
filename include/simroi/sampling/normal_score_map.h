#pragma once
// The normal-score map of a continuous marginal: G(y) = Q(Phi(y)), the value of
// a distribution whose normal score is y (Q its quantile, Phi the standard
// normal CDF). The Gaussian copula (sampler.h) calls it once per correlated
// input and run, so it must be fast: the exact Q of a beta or PERT marginal
// (Boost.Math's ibeta_inv) costs 1-4 microseconds, a table lookup a few ns.
//
// Methods, chosen at construction (see normal_score_map.cpp for the details):
//   affine      untruncated normal: G(y) = mean + sd * y, exact;
//   exp_affine  untruncated lognormal: G(y) = exp(mu + sigma * y), exact;
//   table       every other continuous kind (uniform, triangular, pert, beta,
//               any truncated kind): piecewise cubic Hermite interpolation on a
//               uniform grid in y over [-kYMax, kYMax] (one grid node sits on
//               the kink of a triangular density), nodes and slopes from the
//               exact G and the exact density, Fritsch-Carlson limited so the
//               interpolant is monotone, results clamped to the support.
//               Accuracy is verified when the table is built: the error at
//               every interval midpoint is at most tolerance() =
//               kRelTol * scale, scale = support width (bounded) or
//               Q(0.999) - Q(0.001) (unbounded); the grid starts at 1024
//               intervals and doubles (up to 65536) until it is;
//   exact       when even 65536 intervals miss the tolerance: exact(y) on
//               every call (as slow as before, never less accurate);
//   steps       discrete: G is a step function, exactly Q(Phi(y)) with Q the
//               discrete quantile inf{x : F(x) >= u}: value k is taken for
//               y in (y_{k-1}, y_k], y_k = Phi^-1(P(X <= v_k)) (computed from
//               P(X > v_k) above the median, so both tails are exact). Ties
//               make the achieved rank correlation smaller in magnitude than
//               the requested one; the reports show both.
// Outside the grid (|y| > kYMax, probability ~1e-16 per draw) every method
// but the closed forms uses exact(y): no clamping of the tails.
//
// exact(y) is the tail-accurate Q(Phi(y)): it works with Phi(y) below the
// median and with 1 - Phi(y) = Phi(-y) above it (through the complement
// quantile), so the upper tail does not inherit the rounding of Phi(y) to the
// doubles near 1 that Distribution::quantile(Phi(y)) suffers.
//
// The object is immutable after construction: operator() is const, noexcept,
// allocation-free and safe to call from any number of threads.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "simroi/dist/distribution.h"

namespace simroi {

class NormalScoreMap {
 public:
  static constexpr double kYMax = 8.3;  // Phi(-8.3) ~ 5.2e-17
  static constexpr std::size_t kMinIntervals = 1024;
  static constexpr std::size_t kMaxIntervals = 65536;
  static constexpr double kRelTol = 1e-9;  // of the scale (see above)

  enum class Method : std::uint8_t { affine, exp_affine, table, exact, steps };

  /// The identity map (G(y) = y, the standard normal).
  NormalScoreMap() = default;
  /// Precondition: `dist` is not fixed; throws std::invalid_argument otherwise.
  explicit NormalScoreMap(const Distribution& dist);

  /// G(y), fast. NaN in, NaN out.
  [[nodiscard]] double operator()(double y) const noexcept;
  /// operator() of a table map (precondition: method() == Method::table),
  /// without the dispatch on the method -- for loops over many maps.
  [[nodiscard]] double table_at(double y) const noexcept;
  /// G(y) by the exact quantile (Boost.Math; the steps of a discrete),
  /// tail-accurate on both sides.
  [[nodiscard]] double exact(double y) const noexcept;

  [[nodiscard]] Method method() const noexcept { return method_; }
  [[nodiscard]] bool is_exact_fallback() const noexcept { return method_ == Method::exact; }
  /// Largest |table - exact| found at the interval midpoints of the final grid
  /// (0 for the closed forms; the best grid's error for the exact fallback).
  [[nodiscard]] double max_error() const noexcept { return max_error_; }
  /// The accuracy the table was required to meet.
  [[nodiscard]] double tolerance() const noexcept { return tolerance_; }
  /// Intervals of the table (0 for the closed forms and the exact fallback).
  [[nodiscard]] std::size_t intervals() const noexcept { return n_; }
  /// First grid node (about -kYMax) and grid step.
  [[nodiscard]] double grid_start() const noexcept { return y0_; }
  [[nodiscard]] double grid_step() const noexcept { return h_; }

  /// What exact() needs (public only so the inline fast path can stay in the
  /// header; not part of the interface).
  struct Exact {
    DistKind kind = DistKind::normal;
    double p[4] = {0.0, 1.0, 0.0, 0.0};  // kind-specific, see normal_score_map.cpp
    double lo = -Distribution::kInf, hi = Distribution::kInf;  // support (after truncation)
    double f_lo = 0.0, s_hi = 0.0, mass = 1.0;  // untruncated CDF(lo), SF(hi), P(lo..hi)
  };

 private:
  /// The Hermite interpolant of interval i at local coordinate s in [0, 1].
  [[nodiscard]] double hermite(std::size_t i, double s) const noexcept;
  [[nodiscard]] double out_of_grid(double y) const noexcept;
  [[nodiscard]] double step_at(double y) const noexcept;
  void build_steps(const Distribution& dist);
  void build_table();

  Method method_ = Method::affine;
  double a_ = 0.0, b_ = 1.0;                             // affine / exp_affine: a + b y
  double y0_ = 0.0, h_ = 0.0, inv_h_ = 0.0, n_d_ = 0.0;  // grid: y_i = y0_ + i h_
  std::size_t n_ = 0;                                    // intervals
  // Interval i's Hermite cubic in power form, {g0, d0, c2, c3} (g0 = G(y_i),
  // d0 = h G'(y_i)), i = 0..n_-1, then a sentinel {G(y_n), 0, 0, 0}:
  // precomputed so a lookup does no set-up arithmetic; the next interval's g0
  // is this one's upper clamp.
  std::vector<double> coef_;
  // steps: the values, ascending, and the normal scores y_k between them
  // (thresholds_[k] between values_[k] and values_[k + 1]).
  std::vector<double> values_, thresholds_;
  double max_error_ = 0.0, tolerance_ = 0.0;
  Exact exact_{};
};

inline double NormalScoreMap::hermite(std::size_t i, double s) const noexcept {
  const double* p = coef_.data() + 4 * i;
  const double g0 = p[0], g1 = p[4];
  const double x = g0 + s * (p[1] + s * (p[2] + s * p[3]));
  // A monotone cubic stays in [g0, g1]; the clamp removes rounding overshoot
  // and so keeps the result inside the support.
  return x < g0 ? g0 : (x > g1 ? g1 : x);
}

inline double NormalScoreMap::table_at(double y) const noexcept {
  const double t = (y - y0_) * inv_h_;
  if (t >= 0.0 && t < n_d_) [[likely]] {  // false for NaN
    const auto i = static_cast<std::size_t>(t);
    return hermite(i, t - static_cast<double>(i));
  }
  return out_of_grid(y);
}

inline double NormalScoreMap::operator()(double y) const noexcept {
  switch (method_) {
    case Method::table:
      return table_at(y);
    case Method::affine:
      return a_ + b_ * y;
    case Method::exp_affine:
      return std::exp(a_ + b_ * y);
    case Method::exact:
      return exact(y);
    case Method::steps:
      return step_at(y);
  }
  return exact(y);
}

}  // namespace simroi
