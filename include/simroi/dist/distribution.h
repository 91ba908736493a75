#pragma once
// Probability distributions of uncertain inputs.
//
// A Distribution is a small value type (no heap for the continuous kinds) that
// draws from an explicit engine, never a global one. Each kind offers:
//   sample(rng)   a fast direct draw (used in plain Monte Carlo),
//   quantile(u)   the exact inverse CDF (used by the copula and Latin hypercube),
//   cdf(x)        the exact CDF (tests, achieved-correlation checks),
//   mean(), variance(), support_min(), support_max().
// Truncation (`min:` / `max:` in a scenario) restricts any continuous kind to
// [lo, hi]; sample/quantile/cdf/mean/variance are then those of the truncated
// distribution (the original renormalised on [lo, hi]).
//
// The kinds, their parameters as written, the rules those follow and the
// parameterisation the code below works with are in one table,
// simroi/dist/kinds.h (e.g. pert [a, mode, b] is a + (b-a) Beta(alpha, beta)
// with alpha = 1 + 4 (mode-a)/(b-a); lognormal [p5, p95] is exp(N(mu, sigma))).
// The factories refuse, with std::invalid_argument, exactly what
// check_parameters() of that table reports (a programming error: the scenario
// reader and validate() report such values to the user first).
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "simroi/core/text.h"
#include "simroi/random/random.h"

namespace simroi {

enum class DistKind : std::uint8_t {
  fixed,
  uniform,
  triangular,
  pert,
  normal,
  lognormal,
  beta,
  discrete,
};
/// The number of kinds (the last one + 1): the rows of kind_table() (kinds.h).
inline constexpr std::size_t kDistKindCount = static_cast<std::size_t>(DistKind::discrete) + 1;

/// The scenario-file name of a kind ("uniform", "pert", ...).
[[nodiscard]] const char* to_string(DistKind kind) noexcept;

class Distribution {
 public:
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  /// A fixed value (the default-constructed Distribution is fixed at 0).
  Distribution() = default;
  static Distribution fixed(double value);
  static Distribution uniform(double a, double b);
  static Distribution triangular(double a, double mode, double b);
  static Distribution pert(double a, double mode, double b);
  static Distribution normal(double mean, double sd);
  static Distribution lognormal_p5_p95(double p5, double p95);
  static Distribution beta(double alpha, double beta);
  static Distribution discrete(std::vector<double> values, std::vector<double> weights);

  /// This distribution restricted to [lo, hi] (either may be infinite).
  /// Precondition (checked by the scenario validator, asserted here with
  /// std::invalid_argument): the kind is continuous and P(lo <= X <= hi) > 0.
  [[nodiscard]] Distribution truncated(double lo, double hi) const;

  [[nodiscard]] DistKind kind() const noexcept { return kind_; }
  [[nodiscard]] bool is_fixed() const noexcept { return kind_ == DistKind::fixed; }
  [[nodiscard]] bool is_truncated() const noexcept;
  /// The parameters as written (e.g. {a, mode, b} for pert; values for discrete).
  [[nodiscard]] const std::vector<double>& parameters() const;
  /// discrete: the weights as written, parallel to parameters(); other kinds: empty.
  [[nodiscard]] const std::vector<double>& weights() const;
  /// The truncation bounds as given to truncated() (-inf / +inf when none).
  [[nodiscard]] double truncation_min() const noexcept { return lo_; }
  [[nodiscard]] double truncation_max() const noexcept { return hi_; }
  /// The untruncated distribution's probability of the truncation's support,
  /// P(lo <= X <= hi), from the survival function when lo is in the upper
  /// half (so both tails are exact); 1 when not truncated.
  [[nodiscard]] double truncated_mass() const noexcept { return mass_; }

  /// One draw. Consumes a variable but deterministic number of engine outputs.
  [[nodiscard]] double sample(Rng& rng) const;
  /// The inverse CDF at u in (0, 1): inf{x : F(x) >= u}.
  [[nodiscard]] double quantile(double u) const;
  /// P(X <= x).
  [[nodiscard]] double cdf(double x) const;
  [[nodiscard]] double mean() const;
  [[nodiscard]] double variance() const;
  /// Smallest / largest value the distribution can take (may be -inf / +inf).
  [[nodiscard]] double support_min() const noexcept;
  [[nodiscard]] double support_max() const noexcept;

  /// e.g. "pert(1200, 1500, 2200)", "normal(0.3, 0.15) truncated to [-0.5, inf]".
  [[nodiscard]] std::string describe() const;
  /// The same for a person, in the reader's language: kind names and words
  /// translated, numbers written by the locale ("pert(1 200, 1 500, 2 200)",
  /// ru "PERT(1 200; 1 500; 2 200)", "нормальное(0,25; 0,1), усечённое до [0; 1]").
  [[nodiscard]] Text description() const;

 private:
  /// A continuous or fixed kind from its parameters as written, already checked.
  static Distribution make(DistKind kind, std::initializer_list<double> written);
  // Untruncated ("raw") building blocks, see distribution.cpp.
  [[nodiscard]] double raw_sample(Rng& rng) const;
  [[nodiscard]] double raw_cdf(double x) const;        // P(X <= x)
  [[nodiscard]] double raw_ccdf(double x) const;       // P(X > x)
  [[nodiscard]] double raw_quantile(double p) const;   // inf{x : F(x) >= p}
  [[nodiscard]] double raw_cquantile(double q) const;  // x with P(X > x) = q
  [[nodiscard]] double raw_support_min() const noexcept;
  [[nodiscard]] double raw_support_max() const noexcept;
  void set_raw_moments();
  void set_truncated_moments();

  DistKind kind_ = DistKind::fixed;
  bool upper_tail_ = false;  // truncated: work with survival functions (lo_ in the upper half)
  // How a truncated distribution is sampled (chosen in truncated(), see distribution.cpp).
  enum class TruncSampler : std::uint8_t { reject, inverse, normal_uniform, normal_exponential };
  TruncSampler trunc_sampler_ = TruncSampler::reject;
  double p_[4]{};   // the numerical parameterisation (internal_parameters(), dist/kinds.h)
  double g_[6]{};   // Marsaglia-Tsang constants of the two gammas (beta, pert)
  double tn_[4]{};  // truncated normal/lognormal samplers: {a, b, lambda or m, sign} (standardised)
  double lo_ = -kInf, hi_ = kInf;       // truncation bounds (infinite when not truncated)
  double cdf_lo_ = 0.0, cdf_hi_ = 1.0;  // untruncated CDF at lo_ and hi_
  double sf_lo_ = 1.0, sf_hi_ = 0.0;    // untruncated survival function at lo_ and hi_
  double mass_ = 1.0;                   // untruncated P(lo_ <= X <= hi_)
  double mean_ = 0.0, variance_ = 0.0;  // of the (truncated) distribution, precomputed
  std::shared_ptr<const struct DiscreteTable> discrete_;  // discrete kind only (shared, immutable)
  std::shared_ptr<const std::vector<double>> written_;    // parameters as written
};

}  // namespace simroi
