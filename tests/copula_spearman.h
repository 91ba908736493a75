#pragma once
// The population Spearman coefficient (with midranks, as simroi::spearman()
// computes it) between a continuous input and a discrete one joined by the
// Gaussian copula with normal-score correlation r -- an independent
// computation, by numerical integration, of what the sampler should achieve.
//
// With U = Phi(Z1) (the continuous input's CDF value), Z2 = the discrete
// input's normal score and M(Z2) = (F(v-) + F(v)) / 2 its midrank value:
//   rho_S = cov(U, M) / (sd(U) sd(M)),  sd(U)^2 = 1/12,
//   sd(M)^2 = (1 - sum p^3) / 12,
//   cov(U, M) = E[M(Z2) E[U | Z2]] - 1/4,  E[Phi(Z1) | Z2 = z] = Phi(r z / sqrt(2 - r^2)),
// the last integral by the trapezoidal rule on [-10, 10] (200,000 steps:
// error far below 1e-6).
#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <vector>

namespace simroi::testing {

inline double copula_spearman_with_discrete(double r, const std::vector<double>& probabilities) {
  auto phi_cdf = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
  std::vector<double> thresholds, mids;
  double cum = 0.0, cubes = 0.0;
  for (const double p : probabilities) {
    mids.push_back(cum + 0.5 * p);
    cum += p;
    cubes += p * p * p;
    if (cum < 1.0) thresholds.push_back(-std::sqrt(2.0) * boost::math::erfc_inv(2.0 * cum));
  }
  constexpr int kSteps = 200000;
  constexpr double a = -10.0, b = 10.0, h = (b - a) / kSteps;
  const double s = r / std::sqrt(2.0 - r * r);
  double sum = 0.0;
  for (int i = 0; i <= kSteps; ++i) {
    const double z = a + i * h;
    std::size_t k = 0;
    while (k < thresholds.size() && z > thresholds[k]) ++k;  // z in bin k
    const double w = (i == 0 || i == kSteps) ? 0.5 : 1.0;
    sum += w * mids[k] * phi_cdf(s * z) * std::exp(-0.5 * z * z) / std::sqrt(2.0 * M_PI);
  }
  const double cov = sum * h - 0.25;
  return cov / (std::sqrt(1.0 / 12.0) * std::sqrt((1.0 - cubes) / 12.0));
}

}  // namespace simroi::testing
