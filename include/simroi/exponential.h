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
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include "simroi/normal.h"  // ziggurat_detail::cexp, clog (constexpr exp and log)
#include "simroi/random.h"

namespace simroi {

namespace exponential_detail {

inline constexpr int kLayers = 256;
inline constexpr double kR = 7.69711747013104972;  // start of the tail

struct Tables {
  // x[i]: right edge of layer i (x[0] = v / f(r), the base strip's equivalent
  // width; x[1] = r; x[256] = 0). f[i] = exp(-x[i]) (f[0] unused, f[256] = 1).
  std::array<double, kLayers + 1> x{};
  std::array<double, kLayers + 1> f{};
  double v = 0.0;  // area of every layer
};

constexpr Tables make_tables() {
  Tables t;
  const double fr = ziggurat_detail::cexp(-kR);
  t.v = kR * fr + fr;  // the rectangle [0, r] x [0, f(r)] plus the tail, f(r)
  t.x[0] = t.v / fr;
  t.f[0] = 0.0;
  t.x[1] = kR;
  t.f[1] = fr;
  for (int i = 1; i < kLayers - 1; ++i) {
    t.f[i + 1] = t.f[i] + t.v / t.x[i];
    t.x[i + 1] = -ziggurat_detail::clog(t.f[i + 1]);
  }
  t.x[kLayers] = 0.0;
  t.f[kLayers] = 1.0;
  return t;
}

inline constexpr Tables kTables = make_tables();

/// The rare paths: rejection inside layer i >= 1, or the tail (i == 0).
/// Returns NaN when the point is rejected (the caller starts over).
inline double slow_path(Rng& rng, unsigned i, double x) noexcept {
  if (i == 0) return kR - std::log(rng.uniform01());
  const double y = kTables.f[i] + (kTables.f[i + 1] - kTables.f[i]) * rng.uniform01();
  if (y < std::exp(-x)) return x;
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace exponential_detail

/// One standard exponential variate from `rng` (about one engine output a
/// draw); at most kR - ln(2^-54), about 45.1.
inline double standard_exponential(Rng& rng) noexcept {
  using namespace exponential_detail;
  for (;;) {
    const std::uint64_t bits = rng();
    const auto i = static_cast<unsigned>(bits & 0xff);
    const double u = static_cast<double>(bits >> 11) * 0x1.0p-53;  // [0, 1)
    const double x = u * kTables.x[i];
    if (x < kTables.x[i + 1]) [[likely]]
      return x;
    const double z = slow_path(rng, i, x);
    if (z == z) return z;  // not NaN: accepted
  }
}

}  // namespace simroi
