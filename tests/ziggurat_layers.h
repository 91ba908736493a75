#pragma once
// The check of a ziggurat's tables (simroi/ziggurat.h) that the normal and
// the exponential tests share: given r, the area of the tail beyond r (from
// an independent source, e.g. Boost.Math) and the density, every piece --
// base strip and layers -- has the same area v, and the edges lie on the
// density. The top layer closes at the peak, so its area checks the whole
// recursion (r right to all its digits).
#include <gtest/gtest.h>

#include <functional>

#include "simroi/random/ziggurat.h"

namespace simroi::testing {

inline void expect_equal_area_layers(const ziggurat_detail::Tables& t, double r, double tail,
                                     const std::function<double(double)>& density) {
  constexpr int n = ziggurat_detail::kLayers;
  EXPECT_EQ(t.x[1], r);
  EXPECT_EQ(t.x[n], 0.0);
  EXPECT_EQ(t.f[n], 1.0);
  // Base strip: rectangle [0, r] x [0, f(r)] plus the tail beyond r.
  EXPECT_NEAR(t.x[1] * t.f[1] + tail, t.v, 1e-14 * t.v);
  EXPECT_NEAR(t.x[0] * t.f[1], t.v, 1e-14 * t.v);
  for (int i = 1; i < n; ++i) {
    EXPECT_GT(t.x[i], t.x[i + 1]) << i;
    EXPECT_NEAR(t.f[i], density(t.x[i]), 1e-14 * t.f[i]) << i;
    // Layer i: [0, x_i] x [f_i, f_{i+1}].
    EXPECT_NEAR(t.x[i] * (t.f[i + 1] - t.f[i]), t.v, 1e-12 * t.v) << i;
  }
}

}  // namespace simroi::testing
