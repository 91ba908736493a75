#pragma once
// What the 256-layer ziggurats of normal.h and exponential.h share
// (Marsaglia & Tsang 2000, "The Ziggurat Method for Generating Random
// Variables", J. Stat. Softw. 5(8)): the layer tables, computed at compile
// time with constexpr exp, log and sqrt accurate to a few ulps, the draw
// loop, and the rejection test inside a layer.
//
// Under a decreasing density f on [0, inf) (unnormalised, f(0) = 1) sit 256
// pieces of equal area v: the base strip, layer 0 (the rectangle [0, r] x
// [0, f(r)] plus the tail beyond r), and rectangles stacked up to the peak,
// layer i spanning heights [f_i, f_{i+1}] with width x_i. A layer is picked
// uniformly and a point uniformly inside it; points under the density are
// returned, in most draws without evaluating it (the point lies inside the
// next layer's width, x < x_{i+1}). Each distribution brings its density,
// the inverse of it, r (the value that makes the layers end exactly at the
// peak) and its own way of drawing the tail.
#include <array>
#include <cmath>
#include <cstdint>

#include "simroi/random/random.h"

namespace simroi::ziggurat_detail {

inline constexpr int kLayers = 256;
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

struct Tables {
  // x[i]: right edge of layer i (x[0] = v / f(r), the base strip's equivalent
  // width; x[1] = r; x[256] = 0). f[i] = f(x[i]) (f[0] unused, f[256] = 1).
  std::array<double, kLayers + 1> x{};
  std::array<double, kLayers + 1> f{};
  double v = 0.0;  // area of every layer
};

/// The layers under `density` (constexpr, decreasing, 1 at 0) from r, the
/// area of the tail beyond r, and `inverse` (the x with density(x) = y).
template <typename Density, typename Inverse>
constexpr Tables make_tables(double r, double tail, Density density, Inverse inverse) {
  Tables t;
  const double fr = density(r);
  t.v = r * fr + tail;
  t.x[0] = t.v / fr;
  t.f[0] = 0.0;
  t.x[1] = r;
  t.f[1] = fr;
  for (int i = 1; i < kLayers - 1; ++i) {
    t.f[i + 1] = t.f[i] + t.v / t.x[i];
    t.x[i + 1] = inverse(t.f[i + 1]);
  }
  t.x[kLayers] = 0.0;
  t.f[kLayers] = 1.0;
  return t;
}

/// A point at x in layer i >= 1, beyond the next layer's width: a uniform
/// height in the layer decides whether it lies under the density.
template <typename Density, typename Engine>
inline bool under_density(const Tables& t, Engine& rng, unsigned i, double x, Density density) {
  const double y = t.f[i] + (t.f[i + 1] - t.f[i]) * rng.uniform01();
  return y < density(x);
}

/// The draw loop. One engine output gives the layer i (its low 8 bits) and
/// u in [0, 1) (its top 53 bits), the point x = u x_i; bits 8..10 are left
/// to the caller (normal.h takes its sign from bit 8). A point inside the
/// next layer's width is returned as accept(x, bits); the rest go to
/// rare(i, x, bits), which returns NaN to start over.
template <typename Accept, typename Rare, typename Engine>
inline double draw(Engine& rng, const Tables& t, Accept accept, Rare rare) noexcept {
  for (;;) {
    const std::uint64_t bits = rng();
    const auto i = static_cast<unsigned>(bits & (kLayers - 1));
    const double u = static_cast<double>(bits >> 11) * 0x1.0p-53;  // [0, 1)
    const double x = u * t.x[i];
    if (x < t.x[i + 1]) [[likely]]
      return accept(x, bits);
    const double z = rare(i, x, bits);
    if (z == z) return z;  // not NaN: accepted
  }
}

}  // namespace simroi::ziggurat_detail
