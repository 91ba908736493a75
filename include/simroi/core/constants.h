#pragma once
// Standard normal quantiles, each spelt once for the whole project.
//
// Named after the two-sided central interval they bound: P(|Z| <= kZ95) = 0.95,
// P(|Z| <= kZ90) = 0.90, Z ~ N(0, 1). Values are Phi^-1(0.975) and
// Phi^-1(0.95) rounded to the nearest double (Boost.Math's
// quantile(normal(), p) gives the same bits; tests/statistics_test.cpp checks).
namespace simroi {

/// Phi^-1(0.975) = 1.95996...: the half-width, in standard errors, of a
/// two-sided 95 % normal interval (percentile intervals, mean +- 1.96 se).
inline constexpr double kZ95 = 1.959963984540054;

/// Phi^-1(0.95) = 1.64485...: P5 and P95 of a normal lie kZ90 standard
/// deviations either side of its mean (the lognormal's p5/p95 form).
inline constexpr double kZ90 = 1.6448536269514722;

}  // namespace simroi
