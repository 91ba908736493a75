#include "simroi/stats/slot_locator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "simroi/random/random.h"

namespace simroi {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The guide must give exactly the slot a comparison with every bound gives:
// for values on, next to, between and beyond the bounds, infinities and NaN,
// one at a time and in batches of odd length (the vectorised path's tail).
TEST(SlotLocator, GuideAgreesWithCountingEveryBound) {
  const std::vector<SlotLocator::Bound> bounds{
      {-kInf, true}, {-3.0, false}, {-1.0, true}, {-1.0, false}, {0.5, true},
      {0.75, false}, {1e6, true},   {2e6, false}, {2e6, true},   {kInf, false}};
  const std::vector<std::uint8_t> unguided{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
  for (const bool leave_out : {false, true}) {
    const SlotLocator locator(bounds, leave_out ? std::span<const std::uint8_t>(unguided)
                                                : std::span<const std::uint8_t>());
    std::vector<double> values{-kInf, kInf, std::nan(""), 0.0, -0.0, 2e6, 1e6, 1e300, -1e300};
    for (const auto& b : bounds) {
      if (std::isfinite(b.value)) {
        values.push_back(b.value);
        values.push_back(std::nextafter(b.value, kInf));
        values.push_back(std::nextafter(b.value, -kInf));
      }
    }
    Rng rng(5, 1);
    for (int i = 0; i < 20001; ++i) values.push_back((rng.uniform01() - 0.3) * 3e6);
    for (int i = 0; i < 20001; ++i) values.push_back((rng.uniform01() - 0.5) * 8.0);
    std::vector<std::uint8_t> batch(values.size());
    locator.guided(values, batch.data());
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double v = values[i];
      if (std::isnan(v)) continue;  // no slot to agree on; it must only not crash
      const std::size_t exact = locator.count(v);
      EXPECT_EQ(locator.slot(v), exact) << v;
      EXPECT_EQ(batch[i], locator.guided(v)) << v;
      if (batch[i] != SlotLocator::kUnguided) {
        EXPECT_EQ(batch[i], exact) << v;
        if (leave_out) {
          EXPECT_EQ(unguided[exact], 0) << v;
        }
      }
    }
  }
}

// Degenerate bounds (none finite, all equal, a span that overflows) fall
// back to counting, never to a wrong slot.
TEST(SlotLocator, DegenerateBoundsStillExact) {
  const std::vector<std::vector<SlotLocator::Bound>> cases{{},
                                                           {{-kInf, true}, {kInf, false}},
                                                           {{2.0, true}, {2.0, false}},
                                                           {{-1e308, true}, {1e308, false}}};
  for (const auto& bounds : cases) {
    const SlotLocator locator(bounds);
    for (const double v : {-kInf, -1e308, -1.0, 2.0, 3.0, 1e308, kInf}) {
      EXPECT_EQ(locator.slot(v), locator.count(v)) << v;
    }
  }
}

}  // namespace
}  // namespace simroi
