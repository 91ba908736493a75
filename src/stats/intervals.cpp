#include "simroi/stats/intervals.h"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>

namespace simroi {

namespace {

// Errors become exceptions (never errno or a silent NaN); no promotion to
// long double, so results are the same on every x86-64 build.
using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
using Binomial = boost::math::binomial_distribution<double, Policy>;

void check_confidence(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument("confidence must lie in (0, 1)");
  }
}

double normal_quantile_upper(double confidence) {
  const boost::math::normal_distribution<double, Policy> z;
  return boost::math::quantile(z, 0.5 + confidence / 2.0);
}

}  // namespace

RankInterval percentile_rank_interval(std::uint64_t n, double p, double confidence) {
  check_confidence(confidence);
  RankInterval r;
  const double q = p / 100.0;
  if (n == 0 || !(q > 0.0 && q < 1.0)) return r;
  const double tail = (1.0 - confidence) / 2.0;
  const double nd = static_cast<double>(n);
  const Binomial b(nd, q);
  // F(m) = P(B <= m) and 1 - F(m) = P(B > m), each computed directly.
  auto cdf = [&](double m) { return boost::math::cdf(b, m); };
  auto sf = [&](double m) { return boost::math::cdf(boost::math::complement(b, m)); };
  const double spread = normal_quantile_upper(confidence) * std::sqrt(nd * q * (1.0 - q));

  // Lower: the largest m = j - 1 in [0, n - 1] with F(m) <= tail.
  double lower_cdf = 0.0;
  if (cdf(0.0) <= tail) {
    double m = std::clamp(std::floor(nd * q - spread), 0.0, nd - 1.0);
    while (m > 0.0 && cdf(m) > tail) m -= 1.0;
    while (m + 1.0 <= nd - 1.0 && cdf(m + 1.0) <= tail) m += 1.0;
    r.lower = static_cast<std::uint64_t>(m);  // 0-based index of X_(j), j = m + 1
    lower_cdf = cdf(m);
  }
  // Upper: the smallest m = k - 1 in [0, n - 1] with 1 - F(m) <= tail.
  double upper_sf = 0.0;
  if (sf(nd - 1.0) <= tail) {
    double m = std::clamp(std::ceil(nd * q + spread), 0.0, nd - 1.0);
    while (m < nd - 1.0 && sf(m) > tail) m += 1.0;
    while (m - 1.0 >= 0.0 && sf(m - 1.0) <= tail) m -= 1.0;
    r.upper = static_cast<std::uint64_t>(m);  // 0-based index of X_(k), k = m + 1
    upper_sf = sf(m);
  }
  // Coverage P(j <= B <= k - 1) = 1 - P(B <= j - 1) - P(B >= k) = 1 - F(j-1) - (1 - F(k-1)).
  r.coverage = 1.0 - lower_cdf - upper_sf;
  return r;
}

Interval clopper_pearson(std::uint64_t k, std::uint64_t n, double confidence) {
  check_confidence(confidence);
  if (n == 0 || k > n) throw std::invalid_argument("clopper_pearson: need 0 <= k <= n, n >= 1");
  const double tail = (1.0 - confidence) / 2.0;
  const auto nd = static_cast<double>(n);
  const auto kd = static_cast<double>(k);
  Interval out;
  out.low = k == 0 ? 0.0 : Binomial::find_lower_bound_on_p(nd, kd, tail);
  out.high = k == n ? 1.0 : Binomial::find_upper_bound_on_p(nd, kd, tail);
  return out;
}

std::optional<CorrelationInterval> spearman_interval(double r, std::uint64_t n, double confidence) {
  check_confidence(confidence);
  if (n <= 3 || !std::isfinite(r)) return std::nullopt;
  r = std::clamp(r, -1.0, 1.0);
  const double se_z = std::sqrt((1.0 + r * r / 2.0) / (static_cast<double>(n) - 3.0));
  CorrelationInterval c;
  c.se = (1.0 - r * r) * se_z;
  if (std::abs(r) == 1.0) {
    c.low = c.high = r;
    return c;
  }
  const double z = std::atanh(r);
  const double half = normal_quantile_upper(confidence) * se_z;
  c.low = std::tanh(z - half);
  c.high = std::tanh(z + half);
  return c;
}

double student_t_quantile(double dof, double confidence) {
  check_confidence(confidence);
  if (!(dof >= 1.0)) throw std::invalid_argument("student_t_quantile: dof must be >= 1");
  const boost::math::students_t_distribution<double, Policy> t(dof);
  return boost::math::quantile(t, 0.5 + confidence / 2.0);
}

}  // namespace simroi
