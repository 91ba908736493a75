#pragma once
// Confidence intervals that never overclaim: each one labelled 95 % covers the
// truth with probability at least 95 % (exact constructions), or reports the
// bound it cannot give as unknown (std::nullopt) instead of clamping it.
//
// Percentile (order-statistic) interval, distribution-free and exact.
//   With n runs and q = p / 100, the number of runs below the population
//   q-quantile xi_q is B ~ Binomial(n, q), and for 1-based order statistics
//       P(X_(j) <= xi_q <= X_(k)) >= P(j <= B <= k - 1) = F(k - 1) - F(j - 1)
//   (equality for continuous outcomes; F the CDF of B). Equal tails of at
//   most alpha / 2 each (Hahn & Meeker 1991, "Statistical Intervals", 5.2;
//   David & Nagaraja 2003, "Order Statistics", 7.1):
//       j = the largest rank >= 1 with F(j - 1) <= alpha / 2,
//       k = the smallest rank <= n with 1 - F(k - 1) <= alpha / 2.
//   When no rank j exists ((1 - q)^n > alpha / 2: too few runs below the
//   quantile, e.g. P5 at n = 20) the lower bound is unknown ("below the
//   smallest run"); likewise the upper bound when q^n > alpha / 2. P0 and
//   P100 (q = 0 or 1) get no interval at all. F is Boost.Math's binomial CDF
//   (its complement for the upper tail), exact to double precision for any
//   n up to 2^53.
//
// Probability interval: Clopper & Pearson (1934), the exact binomial
//   interval, from Boost.Math's binomial_distribution::find_lower_bound_on_p /
//   find_upper_bound_on_p (Beta quantiles): coverage >= 95 % for every true
//   probability, including k = 0 of n runs (then [0, 1 - (alpha/2)^(1/n)]).
//
// Spearman rank correlation: Fisher's z with the Bonett & Wright (2000)
//   variance, Psychometrika 65(1):23-28,
//       z = atanh(r),  se_z = sqrt((1 + r^2 / 2) / (n - 3)),
//       [tanh(z - z_c se_z), tanh(z + z_c se_z)],
//   and, for a single "±" figure, the delta-method standard error of r,
//   (1 - r^2) se_z. Undefined (nullopt) for n <= 3 or a non-finite r.
#include <cstdint>
#include <optional>

namespace simroi {

/// An interval whose bounds may be unknown (nullopt: the data cannot give it
/// at the stated confidence; never clamped to the smallest or largest run).
struct Interval {
  std::optional<double> low;
  std::optional<double> high;
};

/// The 0-based order-statistic indices of a percentile's confidence interval.
struct RankInterval {
  std::optional<std::uint64_t> lower;  ///< j - 1; nullopt: no rank gives the bound
  std::optional<std::uint64_t> upper;  ///< k - 1; nullopt: no rank gives the bound
  /// The exact coverage F(k - 1) - F(j - 1) of [X_(j), X_(k)] for a
  /// continuous outcome (a missing bound counts as -inf / +inf).
  double coverage = 0;
};

/// The exact order-statistic interval for the p-th percentile (p in [0, 100])
/// of n values at `confidence` (in (0, 1)). n = 0, p = 0 and p = 100 give no
/// bounds and coverage 0.
[[nodiscard]] RankInterval percentile_rank_interval(std::uint64_t n, double p,
                                                    double confidence = 0.95);

/// The Clopper-Pearson interval for a probability estimated as k of n runs
/// (k <= n, n >= 1) at `confidence`. Bounds are always known: [0, 1] at worst.
[[nodiscard]] Interval clopper_pearson(std::uint64_t k, std::uint64_t n, double confidence = 0.95);

/// A Spearman coefficient's interval (Bonett-Wright) and standard error.
struct CorrelationInterval {
  double low = 0;
  double high = 0;
  double se = 0;  ///< (1 - r^2) sqrt((1 + r^2 / 2) / (n - 3))
};
/// nullopt when n <= 3 or r is not finite.
[[nodiscard]] std::optional<CorrelationInterval> spearman_interval(double r, std::uint64_t n,
                                                                   double confidence = 0.95);

/// The two-sided Student's t quantile t_{(1 + confidence) / 2, dof}, dof >= 1
/// (Boost.Math), for intervals from a few replicates (e.g. replicated Latin
/// hypercube blocks).
[[nodiscard]] double student_t_quantile(double dof, double confidence = 0.95);

}  // namespace simroi
