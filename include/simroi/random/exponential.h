#pragma once
// The standard exponential variate: a 256-layer ziggurat (Marsaglia & Tsang
// 2000, "The Ziggurat Method for Generating Random Variables"), built like the
// normal one in normal.h: one engine output gives the layer (its low 8 bits)
// and the uniform position in it (its top 53 bits); the tables are computed at
// compile time from r; a point under the density is returned, the others are
// rejected. The tail beyond r is r plus another exponential (the exponential
// forgets where it starts), drawn as r - ln(U).
//
// Why: a beta with a shape a below 1 is drawn as G(a + 1) U^(1/a)
// (distribution.cpp), and U^(1/a) = exp(ln(U) / a) = exp(-E / a) with E
// exponential -- the ziggurat's ~2 ns replace the ~5 ns of ln(U).
// tests/exponential_test.cpp checks the layer areas, moments, the tail and a
// KS test against Boost.Math's exponential CDF.
#include <cmath>
#include <cstdint>
#include <limits>

#include "simroi/random/random.h"
#include "simroi/random/ziggurat.h"

namespace simroi {

namespace exponential_detail {

inline constexpr double kR = 7.69711747013104972;  // start of the tail

// The tail beyond r has area f(r) = exp(-r).
inline constexpr ziggurat_detail::Tables kTables = [] {
  using namespace ziggurat_detail;
  return make_tables(
      kR, cexp(-kR), [](double x) { return cexp(-x); }, [](double y) { return -clog(y); });
}();

/// The rare paths: rejection inside layer i >= 1, or the tail (i == 0).
/// Returns NaN when the point is rejected (the caller starts over).
inline double slow_path(Rng& rng, unsigned i, double x) noexcept {
  if (i == 0) return kR - std::log(rng.uniform01());
  if (ziggurat_detail::under_density(kTables, rng, i, x, [](double z) { return std::exp(-z); })) {
    return x;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace exponential_detail

/// One standard exponential variate from `rng` (about one engine output a
/// draw); at most kR - ln(2^-54), about 45.1.
inline double standard_exponential(Rng& rng) noexcept {
  using namespace exponential_detail;
  return ziggurat_detail::draw(
      rng, kTables, [](double x, std::uint64_t /*bits*/) { return x; },
      [&rng](unsigned i, double x, std::uint64_t /*bits*/) { return slow_path(rng, i, x); });
}

}  // namespace simroi
