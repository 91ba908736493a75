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
// The tables are computed at compile time from r (the value that makes the
// layers end exactly at the peak, Marsaglia & Tsang's table) with constexpr
// versions of exp, log and sqrt accurate to a few ulps; tests/normal_test.cpp
// checks layer areas, moments, the tail and a KS test against Boost.Math.
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "simroi/random.h"

namespace simroi {

namespace ziggurat_detail {

inline constexpr int kLayers = 256;
inline constexpr double kR = 3.6541528853610088;  // start of the tail
inline constexpr double kLn2Hi = 6.93147180369123816490e-01;
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;

/// exp(x) for |x| < 700 to ~1 ulp: x = k ln2 + t, |t| <= ln2 / 2, Taylor of e^t.
constexpr double cexp(double x) {
  const double kf = x * 1.4426950408889634 + (x < 0 ? -0.5 : 0.5);
  const auto k = static_cast<int>(kf);
  const double t = (x - k * kLn2Hi) - k * kLn2Lo;
  double term = 1.0;
  double sum = 1.0;
  for (int n = 1; n < 30; ++n) {
    term *= t / n;
    sum += term;
  }
  double scale = 1.0;
  for (int i = 0; i < (k < 0 ? -k : k); ++i) scale *= 2.0;
  return k < 0 ? sum / scale : sum * scale;
}

/// log(y) for y > 0: a rough start from the binary exponent, then Newton
/// steps on exp (quadratic convergence; 60 steps is far more than enough).
constexpr double clog(double y) {
  double m = y;
  int e = 0;
  while (m > 2.0) {
    m /= 2.0;
    ++e;
  }
  while (m < 1.0) {
    m *= 2.0;
    --e;
  }
  double x = e * 0.6931471805599453 + (m - 1.0);
  for (int i = 0; i < 60; ++i) x = x - 1.0 + y * cexp(-x);
  return x;
}

constexpr double csqrt(double y) {
  if (y <= 0.0) return 0.0;
  double x = y < 1.0 ? 1.0 : y;
  for (int i = 0; i < 200; ++i) x = 0.5 * (x + y / x);
  return x;
}

/// Mills ratio of the unnormalised density, integral_x^inf exp(-t^2/2) dt /
/// exp(-x^2/2), by Laplace's continued fraction 1 / (x + 1 / (x + 2 / (x + ...)))
/// (converges fast for x ~ 3.65).
constexpr double mills(double x) {
  double t = x;
  for (int k = 400; k >= 1; --k) t = x + k / t;
  return 1.0 / t;
}

struct Tables {
  // x[i]: right edge of layer i (x[0] = v / f(r), the base strip's equivalent
  // width; x[1] = r; x[256] = 0). f[i] = exp(-x[i]^2 / 2) (f[0] unused, f[256] = 1).
  std::array<double, kLayers + 1> x{};
  std::array<double, kLayers + 1> f{};
  double v = 0.0;  // area of every layer
};

constexpr Tables make_tables() {
  Tables t;
  const double fr = cexp(-0.5 * kR * kR);
  t.v = kR * fr + fr * mills(kR);
  t.x[0] = t.v / fr;
  t.f[0] = 0.0;
  t.x[1] = kR;
  t.f[1] = fr;
  for (int i = 1; i < kLayers - 1; ++i) {
    t.f[i + 1] = t.f[i] + t.v / t.x[i];
    t.x[i + 1] = csqrt(-2.0 * clog(t.f[i + 1]));
  }
  t.x[kLayers] = 0.0;
  t.f[kLayers] = 1.0;
  return t;
}

inline constexpr Tables kTables = make_tables();

/// The rare paths: rejection inside layer i >= 1, or the tail (i == 0).
/// Returns NaN when the point is rejected (the caller starts over).
inline double slow_path(Rng& rng, unsigned i, double x, bool negative) noexcept {
  if (i == 0) {
    double a = 0.0;
    double b = 0.0;
    do {
      a = -std::log(rng.uniform01()) * (1.0 / kR);
      b = -std::log(rng.uniform01());
    } while (b + b < a * a);
    return negative ? -(kR + a) : kR + a;
  }
  const double y = kTables.f[i] + (kTables.f[i + 1] - kTables.f[i]) * rng.uniform01();
  if (y < std::exp(-0.5 * x * x)) return negative ? -x : x;
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace ziggurat_detail

/// One standard normal variate from `rng` (about one engine output a draw).
inline double standard_normal(Rng& rng) noexcept {
  using namespace ziggurat_detail;
  for (;;) {
    const std::uint64_t bits = rng();
    const auto i = static_cast<unsigned>(bits & 0xff);
    const double u = static_cast<double>(bits >> 11) * 0x1.0p-53;  // [0, 1)
    const double x = u * kTables.x[i];
    // The sign is an unpredictable coin flip: set it without a branch.
    const std::uint64_t sign = (bits & 0x100) << 55;
    if (x < kTables.x[i + 1]) [[likely]]
      return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) | sign);
    const double z = slow_path(rng, i, x, sign != 0);
    if (z == z) return z;  // not NaN: accepted
  }
}

}  // namespace simroi
