#pragma once
// The one-sample Kolmogorov-Smirnov statistic shared by the sampler tests.
// (distribution_test.cpp has an ulp-aware variant for CDFs that are steep on
// the scale of one double.)
#include <algorithm>
#include <cstddef>
#include <functional>
#include <vector>

namespace simroi::testing {

/// sup |F_n(x) - F(x)| of the sample against a continuous CDF.
inline double ks_statistic(std::vector<double> x, const std::function<double(double)>& cdf) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double d = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = cdf(x[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return d;
}

}  // namespace simroi::testing
