#pragma once
// The Boost.Math distributions simroi evaluates, with one error policy: plain
// double precision (no promotion to long double) and no exceptions -- at the
// extreme ends of a support a result of 0, 1 or +-inf is the right answer and
// the callers handle it. Private to src/ (distribution.cpp, normal_score_map.cpp).
#include <bit>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/policies/policy.hpp>
#include <cmath>
#include <cstdint>
#include <exception>

namespace simroi::math {

namespace bm = boost::math;
using Policy = bm::policies::policy<bm::policies::domain_error<bm::policies::ignore_error>,
                                    bm::policies::overflow_error<bm::policies::ignore_error>,
                                    bm::policies::underflow_error<bm::policies::ignore_error>,
                                    bm::policies::evaluation_error<bm::policies::ignore_error>,
                                    bm::policies::promote_double<false>>;
using NormalDist = bm::normal_distribution<double, Policy>;
using LognormalDist = bm::lognormal_distribution<double, Policy>;
using BetaDist = bm::beta_distribution<double, Policy>;
using TriangularDist = bm::triangular_distribution<double, Policy>;

/// The beta quantile: the x in [0, 1] with CDF(x) = p (complement = false),
/// or with 1 - CDF(x) = p (complement = true); p in [0, 1].
///
/// Boost's own inverse (ibeta_inv, a Newton iteration) is tried first and its
/// answer kept when the CDF there gives p back (to a relative 1e-8, or within
/// one step of a double). Without promotion to long double it is not always
/// right: beta(0.5, 2) at p = 1e-10 gives 2.5e-25 (the truth is 4.4e-21), at
/// 1e-16 +inf; it throws evaluation_error, whatever the policy, for tail
/// probabilities below about 1e-100 and for some shapes below 1e-3; and it is
/// NaN for shapes above about 1e50. Then the quantile is found by bisection of
/// the CDF over the bit patterns of [0, 1]: at most 64 CDF calls, giving the
/// smallest double whose CDF reaches p (for the complement: whose survival
/// function falls to p). Tested against the closed forms of beta(a, 1) and
/// beta(1, b) in tests/distribution_test.cpp (BetaQuantile.*).
inline double beta_quantile(const BetaDist& d, double p, bool complement) {
  if (!(p > 0.0)) return complement ? 1.0 : 0.0;
  if (!(p < 1.0)) return complement ? 0.0 : 1.0;
  // The tail probability at x: the CDF, or the survival function.
  auto tail = [&](double x) { return complement ? bm::cdf(bm::complement(d, x)) : bm::cdf(d, x); };
  // x answers p: its tail probability is p to 1e-8, or the step from the
  // double just inside x to x crosses p (the CDF is steeper than a double).
  constexpr double kTol = 1e-8;
  auto answers = [&](double x) {
    if (!(x >= 0.0 && x <= 1.0)) return false;
    const double t = tail(x);
    if (std::fabs(t - p) <= kTol * p) return true;
    const double inner = complement ? std::nextafter(x, 1.0) : std::nextafter(x, 0.0);
    const double ti = tail(inner);
    return complement ? (t <= p * (1 + kTol) && ti >= p * (1 - kTol))
                      : (t >= p * (1 - kTol) && ti <= p * (1 + kTol));
  };
  try {
    const double x = complement ? bm::quantile(bm::complement(d, p)) : bm::quantile(d, p);
    if (answers(x)) return x;
  } catch (const std::exception&) {  // the bisection below answers instead
  }
  // Non-negative doubles are ordered as their bit patterns: bisect those for
  // the smallest x whose tail probability has reached p (lower tail: risen to
  // p; upper tail: fallen to p).
  auto reached = [&](double x) { return complement ? tail(x) <= p : tail(x) >= p; };
  if (reached(0.0)) return 0.0;
  std::uint64_t lo = 0;                                  // 0.0: not reached
  std::uint64_t hi = std::bit_cast<std::uint64_t>(1.0);  // 1.0: always reached
  while (hi - lo > 1) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    if (reached(std::bit_cast<double>(mid))) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return std::bit_cast<double>(hi);
}

}  // namespace simroi::math
