#pragma once
// The standard normal variate: a 256-layer ziggurat (Marsaglia & Tsang 2000,
// "The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8)),
// in the 64-bit form also used by Rust's rand_distr: ONE engine output
// supplies the layer (its low 8 bits), the sign (bit 8) and the uniform
// position in the layer (its top 53 bits) -- disjoint bits, so the three are
// independent (Doornik 2005 showed the bias of reusing the same bits).
//
// Why not Boost.Random's normal_distribution: Boost 1.74's ziggurat has 128
// layers and spends more work per draw; this one costs about half as much,
// and the sampler draws ~11 normals a run.
//
// The method is exact, not an approximation: the density exp(-x^2/2) on
// x >= 0 is covered by 255 rectangles and a base strip (rectangle plus the
// tail beyond r), all of equal area v. A layer is picked uniformly, a point
// uniformly inside it; points under the density are returned (in ~98.8 % of
// draws the point lies inside the next layer's width and needs no density
// evaluation), the others are rejected and the draw restarts. The tail x > r
// uses Marsaglia's (1964) exact method: x = r + a, a = -ln(U1)/r, accepted
// when -2 ln(U2) > a^2.
//
// The shared machinery (tables at compile time, the layer test) is in
// ziggurat.h; tests/normal_test.cpp checks layer areas, moments, the tail and
// a KS test against Boost.Math.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "simroi/random/random.h"
#include "simroi/random/ziggurat.h"

namespace simroi {

namespace normal_detail {

inline constexpr double kR = 3.6541528853610088;  // start of the tail

/// Mills ratio of the unnormalised density, integral_x^inf exp(-t^2/2) dt /
/// exp(-x^2/2), by Laplace's continued fraction 1 / (x + 1 / (x + 2 / (x + ...)))
/// (converges fast for x ~ 3.65).
constexpr double mills(double x) {
  double t = x;
  for (int k = 400; k >= 1; --k) t = x + k / t;
  return 1.0 / t;
}

inline constexpr ziggurat_detail::Tables kTables = [] {
  using namespace ziggurat_detail;
  const double fr = cexp(-0.5 * kR * kR);
  return make_tables(
      kR, fr * mills(kR), [](double x) { return cexp(-0.5 * x * x); },
      [](double y) { return csqrt(-2.0 * clog(y)); });
}();

/// The rare paths: rejection inside layer i >= 1, or the tail (i == 0).
/// Returns NaN when the point is rejected (the caller starts over).
template <typename Engine>
inline double slow_path(Engine& rng, unsigned i, double x, bool negative) noexcept {
  if (i == 0) {
    double a = 0.0;
    double b = 0.0;
    do {
      a = -std::log(rng.uniform01()) * (1.0 / kR);
      b = -std::log(rng.uniform01());
    } while (b + b < a * a);
    return negative ? -(kR + a) : kR + a;
  }
  if (ziggurat_detail::under_density(kTables, rng, i, x,
                                     [](double z) { return std::exp(-0.5 * z * z); })) {
    return negative ? -x : x;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace normal_detail

/// One standard normal variate from `rng` (about one engine output a draw);
/// `rng` is an Rng or an InputStream (random.h).
template <typename Engine>
inline double standard_normal(Engine& rng) noexcept {
  using namespace normal_detail;
  // The sign is an unpredictable coin flip (bit 8): set it without a branch.
  return ziggurat_detail::draw(
      rng, kTables,
      [](double x, std::uint64_t bits) {
        return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) | ((bits & 0x100) << 55));
      },
      [&rng](unsigned i, double x, std::uint64_t bits) {
        return slow_path(rng, i, x, (bits & 0x100) != 0);
      });
}

}  // namespace simroi
