// Tests of simroi::Distribution.
//
// Statistical tests draw N = 200,000 values from Rng(12345, 0) -- a fixed seed,
// so every test is deterministic -- and compare them with reference
// distributions built independently from Boost.Math (never with our own cdf()):
//   * one-sample Kolmogorov-Smirnov: sqrt(N) D < 2.04. The suite runs 29 KS
//     tests; to keep the chance that any one of them fails by luck near 1 %
//     (Bonferroni: 29 x 0.05 % = 1.45 %), each is held to alpha = 0.05 %: P(sqrt(N) D > x) ~ 2
//     exp(-2 x^2) gives x = sqrt(ln(2 / 0.0005) / 2) = 2.04. A real error (a wrong
//     parameterisation, a biased sampler) gives sqrt(N) D in the tens;
//   * sample mean within 5 standard errors, SE = sd / sqrt(N);
//   * sample variance within 5 standard errors, SE = sqrt((mu4 - sigma^4) / N),
//     the asymptotic standard deviation of the sample variance. mu4 (the fourth
//     central moment) is exact (Boost.Math's kurtosis) for untruncated kinds;
//     for truncated kinds it is 1.5 times the sample estimate -- every case here
//     is light-tailed, so at N = 200,000 the estimate is within a few percent of
//     the truth and the factor 1.5 errs on the conservative (wider) side.
#include "simroi/dist/distribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "../src/dist/boost_math_policy.h"
#include "simroi/core/constants.h"

namespace simroi {
namespace {

namespace bm = boost::math;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kN = 200000;

std::vector<double> draw(const Distribution& d, std::size_t n = kN) {
  Rng rng(12345, 0);
  std::vector<double> xs(n);
  for (auto& x : xs) x = d.sample(rng);
  return xs;
}

/// Kolmogorov-Smirnov statistic sup |F_n(x) - F(x)| of the sample against a
/// continuous CDF, aware that draws are doubles: where F rises steeply (e.g.
/// Beta(0.05, 0.1) puts ~0.8 % of its mass within 1e-16 of 1, which can only be
/// stored as 1.0) a draw x stands for the interval of reals that round to it, so
/// the empirical CDF just below x is compared with [F(prev x), F(x)] and just at
/// x with [F(x), F(next x)]. Where F is flat on the scale of one ulp -- every
/// other case -- this is exactly the textbook statistic.
double ks_statistic(std::vector<double> xs, const std::function<double(double)>& cdf) {
  std::sort(xs.begin(), xs.end());
  const double n = static_cast<double>(xs.size());
  const auto gap = [](double v, double lo, double hi) {
    return v < lo ? lo - v : (v > hi ? v - hi : 0.0);
  };
  double d = 0.0;
  for (std::size_t i = 0; i < xs.size();) {
    std::size_t j = i;
    while (j < xs.size() && xs[j] == xs[i]) ++j;
    const double x = xs[i];
    const double f = cdf(x);
    const double below = static_cast<double>(i) / n;
    const double at = static_cast<double>(j) / n;
    // The neighbours can only shrink a gap, so look them up only when needed.
    if (std::abs(below - f) > d) d = std::max(d, gap(below, cdf(std::nextafter(x, -kInf)), f));
    if (std::abs(at - f) > d) d = std::max(d, gap(at, f, cdf(std::nextafter(x, kInf))));
    i = j;
  }
  return d;
}

double lognormal_mu(double p5, double p95) {
  return 0.5 * (std::log(p5) + std::log(p95));
}
double lognormal_sigma(double p5, double p95) {
  return (std::log(p95) - std::log(p5)) / (2.0 * kZ90);
}

/// A reference: exact CDF, mean, variance and fourth central moment (NaN: estimate).
struct Case {
  std::string name;
  Distribution dist;
  std::function<double(double)> cdf;
  double mean;
  double variance;
  double mu4;
  double ks_critical = 2.04;  // sqrt(N) * D critical value (see the top of this file)
};

template <class D>
Case make_case(std::string name, Distribution dist, D ref) {
  const double var = bm::variance(ref);
  return {std::move(name),
          std::move(dist),
          [ref](double x) {
            const auto [lo, hi] = bm::support(ref);
            return x < lo ? 0.0 : (x > hi ? 1.0 : bm::cdf(ref, x));
          },
          bm::mean(ref),
          var,
          bm::kurtosis(ref) * var * var};
}

/// PERT(a, m, b) = a + (b - a) Beta(1 + 4 (m - a)/(b - a), 1 + 4 (b - m)/(b - a)).
Case pert_case(std::string name, double a, double m, double b) {
  const bm::beta_distribution<> ref(1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a));
  const double w = b - a;
  const double var = bm::variance(ref) * w * w;
  return {std::move(name),
          Distribution::pert(a, m, b),
          [=](double x) { return bm::cdf(ref, std::clamp((x - a) / w, 0.0, 1.0)); },
          a + w * bm::mean(ref),
          var,
          bm::kurtosis(ref) * var * var};
}

/// Truncation of a Boost reference to [lo, hi]: (F(x) - F(lo)) / (F(hi) - F(lo)).
/// The reference mean and variance are then our own (tested separately against
/// closed forms); mu4 is estimated.
template <class D>
Case truncated_case(std::string name, Distribution dist, D ref, double lo, double hi) {
  auto f = [ref](double x) {
    if (x == -kInf) return 0.0;
    if (x == kInf) return 1.0;
    return bm::cdf(ref, x);
  };
  const double f_lo = f(lo);
  const double f_hi = f(hi);
  Distribution t = dist.truncated(lo, hi);
  const double mean = t.mean();
  const double var = t.variance();
  return {std::move(name),
          t,
          [=](double x) {
            if (x <= lo) return 0.0;
            if (x >= hi) return 1.0;
            return (f(x) - f_lo) / (f_hi - f_lo);
          },
          mean,
          var,
          std::numeric_limits<double>::quiet_NaN()};
}

std::vector<Case> cases() {
  const double mu = lognormal_mu(1000, 5000);
  const double sigma = lognormal_sigma(1000, 5000);
  const bm::lognormal_distribution<> logn(mu, sigma);
  const bm::beta_distribution<> pert_y(1 + 4.0 * 300 / 1000, 1 + 4.0 * 700 / 1000);
  std::vector<Case> cs;
  cs.push_back(make_case("Uniform", Distribution::uniform(2, 5), bm::uniform_distribution<>(2, 5)));
  cs.push_back(make_case("Triangular", Distribution::triangular(0, 3, 10),
                         bm::triangular_distribution<>(0, 3, 10)));
  cs.push_back(make_case("TriangularModeAtMin", Distribution::triangular(0, 0, 1),
                         bm::triangular_distribution<>(0, 0, 1)));
  cs.push_back(make_case("TriangularModeAtMax", Distribution::triangular(-1, 4, 4),
                         bm::triangular_distribution<>(-1, 4, 4)));
  cs.push_back(pert_case("Pert", 1200, 1500, 2200));
  cs.push_back(pert_case("PertModeAtMin", 0, 0, 1));
  cs.push_back(
      make_case("Normal", Distribution::normal(0.3, 0.15), bm::normal_distribution<>(0.3, 0.15)));
  cs.push_back(make_case("Lognormal", Distribution::lognormal_p5_p95(1000, 5000), logn));
  cs.push_back(
      make_case("BetaBothAbove1", Distribution::beta(2, 5), bm::beta_distribution<>(2, 5)));
  // Beta(20, 80) at this seed gives sqrt(N) D = 1.775 (p ~ 0.004), inside the
  // family-wise bound; 20,000,000 draws gave 0.80, so the sampler is sound.
  cs.push_back(
      make_case("BetaNarrow", Distribution::beta(20, 80), bm::beta_distribution<>(20, 80)));
  cs.push_back(
      make_case("BetaAlphaBelow1", Distribution::beta(0.3, 2), bm::beta_distribution<>(0.3, 2)));
  cs.push_back(
      make_case("BetaBothBelow1", Distribution::beta(0.5, 0.5), bm::beta_distribution<>(0.5, 0.5)));
  // Shape 1/2: G(1/2) = G(3/2) U^2, formed as a product.
  cs.push_back(
      make_case("BetaHalfShape", Distribution::beta(0.5, 2), bm::beta_distribution<>(0.5, 2)));
  cs.push_back(
      make_case("BetaBetaBelow1", Distribution::beta(3, 0.4), bm::beta_distribution<>(3, 0.4)));
  cs.push_back(make_case("BetaTinyShapes", Distribution::beta(0.05, 0.1),
                         bm::beta_distribution<>(0.05, 0.1)));
  // Acceptance ~0.54: sampled by rejection.
  cs.push_back(truncated_case("TruncNormalBothSidesReject", Distribution::normal(0.3, 0.15),
                              bm::normal_distribution<>(0.3, 0.15), 0.1, 0.35));
  // Mass ~0.065 in the upper tail: Robert's exponential proposal (acceptance ~0.89).
  cs.push_back(truncated_case("TruncNormalBothSidesUpperTail", Distribution::normal(0, 1),
                              bm::normal_distribution<>(0, 1), 1.5, 3));
  // Mass ~0.38 around the mode: uniform proposal on [-1/3, 2/3] standard deviations.
  cs.push_back(truncated_case("TruncNormalNarrowAroundMode", Distribution::normal(0.3, 0.15),
                              bm::normal_distribution<>(0.3, 0.15), 0.25, 0.4));
  // Narrow interval in a tail, both sides (mirrored): uniform proposal (0.74 vs 0.49).
  cs.push_back(truncated_case("TruncNormalNarrowUpperTail", Distribution::normal(0, 1),
                              bm::normal_distribution<>(0, 1), 2, 2.3));
  cs.push_back(truncated_case("TruncNormalNarrowLowerTail", Distribution::normal(0, 1),
                              bm::normal_distribution<>(0, 1), -2.3, -2));
  cs.push_back(truncated_case("TruncNormalOneSideLowerTail", Distribution::normal(0, 1),
                              bm::normal_distribution<>(0, 1), -kInf, -2));
  cs.push_back(truncated_case("TruncNormalOneSide", Distribution::normal(0.3, 0.15),
                              bm::normal_distribution<>(0.3, 0.15), -0.5, kInf));
  cs.push_back(truncated_case("TruncLognormalMax", Distribution::lognormal_p5_p95(1000, 5000), logn,
                              0, 1500));
  cs.push_back(truncated_case("TruncLognormalMin", Distribution::lognormal_p5_p95(1000, 5000), logn,
                              6000, kInf));
  // Narrow tail interval of a lognormal: uniform proposal in log space.
  cs.push_back(truncated_case("TruncLognormalNarrowTail",
                              Distribution::lognormal_p5_p95(1000, 5000), logn, 5000, 5500));
  {
    // PERT truncated on one side: reference through the standardised beta.
    Case c = truncated_case("TruncPertMin", Distribution::pert(1200, 1500, 2200), pert_y,
                            (1300.0 - 1200) / 1000, kInf);
    c.dist = Distribution::pert(1200, 1500, 2200).truncated(1300, kInf);
    const auto ref_y = c.cdf;
    c.cdf = [ref_y](double x) { return ref_y((x - 1200) / 1000); };
    c.mean = c.dist.mean();
    c.variance = c.dist.variance();
    cs.push_back(c);
  }
  cs.push_back(truncated_case("TruncBetaUpperTail", Distribution::beta(0.3, 2),
                              bm::beta_distribution<>(0.3, 2), 0.5, 1));
  cs.push_back(truncated_case("TruncTriangular", Distribution::triangular(0, 3, 10),
                              bm::triangular_distribution<>(0, 3, 10), 1, 4));
  cs.push_back(truncated_case("TruncUniform", Distribution::uniform(2, 5),
                              bm::uniform_distribution<>(2, 5), 2.5, 7));
  return cs;
}

class DistributionSampling : public ::testing::TestWithParam<Case> {};

TEST_P(DistributionSampling, KolmogorovSmirnovAgainstBoostCdf) {
  const Case& c = GetParam();
  const double d = ks_statistic(draw(c.dist), c.cdf);
  EXPECT_LT(d, c.ks_critical / std::sqrt(static_cast<double>(kN))) << c.dist.describe();
}

TEST_P(DistributionSampling, SampleMomentsWithinFiveStandardErrors) {
  const Case& c = GetParam();
  const auto xs = draw(c.dist);
  const double n = static_cast<double>(xs.size());
  double m = 0.0;
  for (const double x : xs) m += x;
  m /= n;
  double m2 = 0.0;
  double m4 = 0.0;
  for (const double x : xs) {
    const double e = (x - m) * (x - m);
    m2 += e;
    m4 += e * e;
  }
  const double var = m2 / (n - 1);
  const double mu4 = std::isnan(c.mu4) ? 1.5 * m4 / n : c.mu4;
  const double se_mean = std::sqrt(c.variance / n);
  const double se_var = std::sqrt((mu4 - c.variance * c.variance) / n);
  EXPECT_NEAR(m, c.mean, 5 * se_mean) << c.dist.describe();
  EXPECT_NEAR(var, c.variance, 5 * se_var) << c.dist.describe();
  // Our closed forms / quadrature agree with the reference moments.
  EXPECT_NEAR(c.dist.mean(), c.mean, 1e-12 * std::max(1.0, std::abs(c.mean)));
  EXPECT_NEAR(c.dist.variance(), c.variance, 1e-12 * std::max(1.0, c.variance));
}

TEST_P(DistributionSampling, DrawsStayInSupport) {
  const Case& c = GetParam();
  for (const double x : draw(c.dist, 20000)) {
    ASSERT_TRUE(std::isfinite(x));
    ASSERT_GE(x, c.dist.support_min());
    ASSERT_LE(x, c.dist.support_max());
  }
}

TEST_P(DistributionSampling, QuantileCdfRoundTrip) {
  const Case& c = GetParam();
  const Distribution& d = c.dist;
  const double scale = std::sqrt(d.variance());
  for (double u = 0.005; u < 1.0; u += 0.01) {
    const double x = d.quantile(u);
    // F(x) = u up to the rounding of x to a double: u lies between F at the
    // neighbouring doubles (this matters only where F is steep, as for
    // Beta(0.05, 0.1) near 1; elsewhere it is |F(x) - u| <= 1e-12).
    EXPECT_GE(u, d.cdf(std::nextafter(x, -kInf)) - 1e-12) << d.describe() << " u=" << u;
    EXPECT_LE(u, d.cdf(std::nextafter(x, kInf)) + 1e-12) << d.describe() << " u=" << u;
    EXPECT_NEAR(d.quantile(d.cdf(x)), x, 1e-9 * std::max(scale, std::abs(x)))
        << d.describe() << " u=" << u;
    // Our cdf against the independent reference.
    EXPECT_NEAR(d.cdf(x), c.cdf(x), 1e-12) << d.describe() << " x=" << x;
  }
}

TEST_P(DistributionSampling, SameSeedSameSequence) {
  const Distribution& d = GetParam().dist;
  Rng a(7, 3);
  Rng b(7, 3);
  Rng other(7, 4);
  int differ = 0;
  for (int i = 0; i < 1000; ++i) {
    const double x = d.sample(a);
    ASSERT_EQ(x, d.sample(b));
    differ += x != d.sample(other);
  }
  EXPECT_GT(differ, 900);
}

INSTANTIATE_TEST_SUITE_P(AllKinds, DistributionSampling, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

// ------------------------------------------------------------------ quantiles

TEST(DistributionQuantile, MatchesBoostMath) {
  const double us[] = {1e-12, 1e-6, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1 - 1e-9};
  const double mu = lognormal_mu(1000, 5000);
  const double sigma = lognormal_sigma(1000, 5000);
  const auto rel = [](double x) { return 1e-12 * std::max(1.0, std::abs(x)); };
  for (const double u : us) {
    const double n = bm::quantile(bm::normal_distribution<>(0.3, 0.15), u);
    EXPECT_NEAR(Distribution::normal(0.3, 0.15).quantile(u), n, rel(n)) << u;
    const double l = bm::quantile(bm::lognormal_distribution<>(mu, sigma), u);
    EXPECT_NEAR(Distribution::lognormal_p5_p95(1000, 5000).quantile(u), l, rel(l)) << u;
    for (const auto& [al, be] : {std::pair{2.0, 5.0}, {0.3, 2.0}, {0.5, 0.5}, {20.0, 80.0}}) {
      const double b = bm::quantile(bm::beta_distribution<>(al, be), u);
      EXPECT_NEAR(Distribution::beta(al, be).quantile(u), b, 1e-12 + 1e-10 * b)
          << al << "," << be << " u=" << u;
    }
    const double p = 1200 + 1000 * bm::quantile(bm::beta_distribution<>(2.2, 3.8), u);
    EXPECT_NEAR(Distribution::pert(1200, 1500, 2200).quantile(u), p, rel(p)) << u;
    const double t = bm::quantile(bm::triangular_distribution<>(0, 3, 10), u);
    EXPECT_NEAR(Distribution::triangular(0, 3, 10).quantile(u), t, rel(t)) << u;
    EXPECT_NEAR(Distribution::uniform(2, 5).quantile(u), 2 + 3 * u, rel(5));
  }
}

TEST(DistributionQuantile, TruncatedQuantileIsConditionalQuantile) {
  const bm::normal_distribution<> n(0.3, 0.15);
  const Distribution d = Distribution::normal(0.3, 0.15).truncated(-0.5, 0.4);
  const double f_lo = bm::cdf(n, -0.5);
  const double f_hi = bm::cdf(n, 0.4);
  for (double u = 0.05; u < 1; u += 0.1) {
    EXPECT_NEAR(d.quantile(u), bm::quantile(n, f_lo + u * (f_hi - f_lo)), 1e-12);
  }
  // Far upper tail: survival functions keep the precision.
  const Distribution tail = Distribution::normal(0, 1).truncated(6, 7);
  const double s6 = bm::cdf(bm::complement(bm::normal_distribution<>(), 6.0));
  const double s7 = bm::cdf(bm::complement(bm::normal_distribution<>(), 7.0));
  for (double u = 0.05; u < 1; u += 0.1) {
    const double x = tail.quantile(u);
    EXPECT_GE(x, 6.0);
    EXPECT_LE(x, 7.0);
    const double expect =
        bm::quantile(bm::complement(bm::normal_distribution<>(), s6 - u * (s6 - s7)));
    EXPECT_NEAR(x, expect, 1e-12);
  }
}

// Every beta shape the loader accepts (0 < alpha, beta <= 1e6) has a finite,
// monotone quantile in [0, 1] at every probability the samplers can ask for,
// down to 1e-300 in either tail (the normal-score map's floor). Boost's own
// inverse throws below about 1e-100 (for beta(2, 8) as for beta(3.16, 3.16)),
// for shapes below 1e-3, and is wrong by orders of magnitude for beta(0.5, 2)
// near 1e-10; simroi::math::beta_quantile must answer right instead.
std::vector<double> tail_probabilities() {
  std::vector<double> out;
  for (int e = -300; e < 0; e += 7) out.push_back(std::pow(10.0, e));
  for (int i = 1; i < 20; ++i) out.push_back(i / 20.0);
  std::sort(out.begin(), out.end());
  return out;
}

const std::vector<double> kBetaShapes = {
    1e-300, 1e-9, 1e-4, 0.01, 0.5, 1.0, 2.0, 3.1622776601683795, 8.0, 1e3, 1e5, 1e6};

TEST(BetaQuantile, FiniteAndMonotoneInBothTails) {
  const auto probabilities = tail_probabilities();
  for (const double a : kBetaShapes) {
    for (const double b : kBetaShapes) {
      const math::BetaDist d(a, b);
      const Distribution dist = Distribution::beta(a, b);
      double lower = 0.0, upper = 1.0;
      for (const double p : probabilities) {
        const double x = math::beta_quantile(d, p, false);
        const double y = math::beta_quantile(d, p, true);
        ASSERT_TRUE(x >= 0.0 && x <= 1.0) << "beta(" << a << ", " << b << ") at " << p << ": " << x;
        ASSERT_TRUE(y >= 0.0 && y <= 1.0)
            << "beta(" << a << ", " << b << ") at 1-" << p << ": " << y;
        EXPECT_GE(x, lower) << "beta(" << a << ", " << b << ") at " << p;
        EXPECT_LE(y, upper) << "beta(" << a << ", " << b << ") at 1-" << p;
        EXPECT_EQ(dist.quantile(p), x);  // the samplers' path
        lower = x;
        upper = y;
      }
    }
  }
}

// beta(a, 1) has CDF x^a and beta(1, b) has CDF 1 - (1 - x)^b: both tails in
// closed form, to a relative 1e-7 wherever the answer is a normal double that
// double precision resolves (a lower-tail answer below 1 - 1e-12, an
// upper-tail answer above 1e-300).
TEST(BetaQuantile, MatchesTheClosedFormsOfBetaA1AndBeta1B) {
  const auto probabilities = tail_probabilities();
  auto near = [](double got, double want) {
    return std::fabs(got - want) <= 1e-7 * std::fabs(want);
  };
  int compared = 0;
  for (const double s : kBetaShapes) {
    const math::BetaDist a1(s, 1.0), b1(1.0, s);
    for (const double p : probabilities) {
      // beta(s, 1): lower tail p^(1/s); upper tail (1 - q)^(1/s).
      const double lo = std::exp(std::log(p) / s);
      if (lo > 1e-300 && lo < 1 - 1e-12) {
        EXPECT_TRUE(near(math::beta_quantile(a1, p, false), lo))
            << "beta(" << s << ", 1) at " << p << ": " << math::beta_quantile(a1, p, false)
            << " vs " << lo;
        ++compared;
      }
      const double up = std::exp(std::log1p(-p) / s);
      if (up > 1e-300 && up < 1 - 1e-12) {
        EXPECT_TRUE(near(math::beta_quantile(a1, p, true), up))
            << "beta(" << s << ", 1) at 1-" << p << ": " << math::beta_quantile(a1, p, true)
            << " vs " << up;
        ++compared;
      }
      // beta(1, s): lower tail 1 - (1 - p)^(1/s); upper tail 1 - q^(1/s).
      const double lo1 = -std::expm1(std::log1p(-p) / s);
      if (lo1 > 1e-300 && lo1 < 1 - 1e-12) {
        EXPECT_TRUE(near(math::beta_quantile(b1, p, false), lo1))
            << "beta(1, " << s << ") at " << p << ": " << math::beta_quantile(b1, p, false)
            << " vs " << lo1;
        ++compared;
      }
      const double up1 = -std::expm1(std::log(p) / s);
      if (up1 > 1e-300 && up1 < 1 - 1e-12) {
        EXPECT_TRUE(near(math::beta_quantile(b1, p, true), up1))
            << "beta(1, " << s << ") at 1-" << p << ": " << math::beta_quantile(b1, p, true)
            << " vs " << up1;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 500);
}

// The case Boost's inverse gets wrong: beta(0.5, 2) has CDF
// 1.5 sqrt(x) - 0.5 x^1.5, so near 0 the quantile is (p / 1.5)^2.
TEST(BetaQuantile, SmallShapeTailWhereBoostsInverseIsWrong) {
  const math::BetaDist d(0.5, 2.0);
  for (const double p : {1e-10, 1e-12, 1e-14, 1e-16}) {
    const double want = (p / 1.5) * (p / 1.5);
    EXPECT_NEAR(math::beta_quantile(d, p, false), want, 1e-7 * want) << p;
  }
}

TEST(DistributionLognormal, P5AndP95AreThePercentiles) {
  for (const auto& [p5, p95] : {std::pair{1000.0, 5000.0}, {0.01, 0.02}, {3.0, 300000.0}}) {
    const Distribution d = Distribution::lognormal_p5_p95(p5, p95);
    EXPECT_NEAR(d.cdf(p5), 0.05, 1e-12);
    EXPECT_NEAR(d.cdf(p95), 0.95, 1e-12);
    EXPECT_NEAR(d.quantile(0.05), p5, 1e-12 * p95);
    EXPECT_NEAR(d.quantile(0.95), p95, 1e-12 * p95);
    EXPECT_EQ(d.support_min(), 0.0);
    EXPECT_EQ(d.support_max(), kInf);
    EXPECT_EQ(d.cdf(0.0), 0.0);
    EXPECT_EQ(d.cdf(-1.0), 0.0);
  }
}

// ------------------------------------------------------------ truncated moments

TEST(DistributionTruncatedMoments, NormalMatchesClosedForm) {
  const bm::normal_distribution<> z01;
  const auto reference = [&](double mu, double sd, double lo, double hi) {
    const double a = (lo - mu) / sd;
    const double b = (hi - mu) / sd;
    const double pa = std::isfinite(a) ? bm::pdf(z01, a) : 0.0;
    const double pb = std::isfinite(b) ? bm::pdf(z01, b) : 0.0;
    const double apa = std::isfinite(a) ? a * pa : 0.0;
    const double bpb = std::isfinite(b) ? b * pb : 0.0;
    const double fa = std::isfinite(a) ? bm::cdf(z01, a) : 0.0;
    const double fb = std::isfinite(b) ? bm::cdf(z01, b) : 1.0;
    const double zm = fb - fa;
    const double r = (pa - pb) / zm;
    return std::pair{mu + sd * r, sd * sd * (1 + (apa - bpb) / zm - r * r)};
  };
  for (const auto& [lo, hi] : {std::pair{-0.5, kInf}, {-kInf, 0.2}, {0.1, 0.35}, {0.0, 0.9}}) {
    const Distribution d = Distribution::normal(0.3, 0.15).truncated(lo, hi);
    const auto [m, v] = reference(0.3, 0.15, lo, hi);
    EXPECT_NEAR(d.mean(), m, 1e-12) << d.describe();
    EXPECT_NEAR(d.variance(), v, 1e-12 * v) << d.describe();
    EXPECT_TRUE(d.is_truncated());
  }
}

TEST(DistributionTruncatedMoments, BetaQuadratureMatchesIncompleteBeta) {
  // E[Y^k | lo < Y < hi] = B(a + k, b) / B(a, b) * dI(a + k, b) / dI(a, b), where
  // dI is the difference of the regularised incomplete beta over [lo, hi].
  for (const auto& [al, be, lo, hi] : {std::tuple{2.0, 5.0, 0.1, 0.6},
                                       {0.3, 2.0, 0.0, 0.2},
                                       {0.3, 2.0, 0.5, 1.0},
                                       {0.5, 0.5, 0.02, 0.999},
                                       {20.0, 80.0, 0.0, 0.21}}) {
    const Distribution d = Distribution::beta(al, be).truncated(lo, hi);
    const auto di = [&](double a) { return bm::ibeta(a, be, hi) - bm::ibeta(a, be, lo); };
    const double e1 = al / (al + be) * di(al + 1) / di(al);
    const double e2 = al * (al + 1) / ((al + be) * (al + be + 1)) * di(al + 2) / di(al);
    EXPECT_NEAR(d.mean(), e1, 1e-9 * e1) << d.describe();
    EXPECT_NEAR(d.variance(), e2 - e1 * e1, 1e-8 * (e2 - e1 * e1)) << d.describe();
  }
  // PERT is the scaled beta.
  const Distribution p = Distribution::pert(1200, 1500, 2200).truncated(1300, 2000);
  const Distribution y = Distribution::beta(2.2, 3.8).truncated(0.1, 0.8);
  EXPECT_NEAR(p.mean(), 1200 + 1000 * y.mean(), 1e-9 * p.mean());
  EXPECT_NEAR(p.variance(), 1e6 * y.variance(), 1e-9 * p.variance());
}

TEST(DistributionTruncatedMoments, LognormalQuadratureMatchesClosedForm) {
  // E[X^k | lo < X < hi] = exp(k mu + k^2 s^2 / 2)
  //   * [Phi(b - k s) - Phi(a - k s)] / [Phi(b) - Phi(a)],  a, b standardised logs.
  const double mu = lognormal_mu(1000, 5000);
  const double s = lognormal_sigma(1000, 5000);
  const bm::normal_distribution<> z01;
  const auto phi = [&](double z) { return std::isinf(z) ? (z > 0 ? 1.0 : 0.0) : bm::cdf(z01, z); };
  for (const auto& [lo, hi] : {std::pair{0.0, 1500.0}, {6000.0, kInf}, {1500.0, 2500.0}}) {
    const Distribution d = Distribution::lognormal_p5_p95(1000, 5000).truncated(lo, hi);
    const double a = lo > 0 ? (std::log(lo) - mu) / s : -kInf;
    const double b = std::isfinite(hi) ? (std::log(hi) - mu) / s : kInf;
    const double den = phi(b) - phi(a);
    const double e1 = std::exp(mu + s * s / 2) * (phi(b - s) - phi(a - s)) / den;
    const double e2 = std::exp(2 * mu + 2 * s * s) * (phi(b - 2 * s) - phi(a - 2 * s)) / den;
    EXPECT_NEAR(d.mean(), e1, 1e-9 * e1) << d.describe();
    EXPECT_NEAR(d.variance(), e2 - e1 * e1, 1e-7 * (e2 - e1 * e1)) << d.describe();
  }
}

TEST(DistributionTruncatedMoments, TriangularQuadratureMatchesMonteCarlo) {
  // Exact piecewise-polynomial reference for triangular(0, 3, 10) on [1, 4]:
  // density 2x/30 on [0, 3], 2(10 - x)/70 on [3, 10].
  const auto moment = [](int k) {
    const auto left = [k](double x) { return 2.0 / 30 * std::pow(x, k + 2) / (k + 2); };
    const auto right = [k](double x) {
      return 2.0 / 70 * (10 * std::pow(x, k + 1) / (k + 1) - std::pow(x, k + 2) / (k + 2));
    };
    return left(3) - left(1) + right(4) - right(3);
  };
  const Distribution d = Distribution::triangular(0, 3, 10).truncated(1, 4);
  const double z = moment(0);
  const double m = moment(1) / z;
  EXPECT_NEAR(d.mean(), m, 1e-12 * m);
  EXPECT_NEAR(d.variance(), moment(2) / z - m * m, 1e-10);
  // Monte Carlo agrees too.
  const auto xs = draw(d);
  double s = 0;
  for (const double x : xs) s += x;
  EXPECT_NEAR(s / static_cast<double>(xs.size()), d.mean(),
              5 * std::sqrt(d.variance() / static_cast<double>(xs.size())));
}

// ------------------------------------------------------------------ discrete

TEST(DistributionDiscrete, FrequenciesWithinFiveBinomialStandardErrors) {
  // Unsorted values, a duplicate (2 appears twice), a zero weight.
  const Distribution d = Distribution::discrete({3, 1, 2, 7, 2}, {2, 1, 1, 0, 4});
  const std::vector<double> values{1, 2, 3};
  const std::vector<double> probs{1.0 / 8, 5.0 / 8, 2.0 / 8};
  std::vector<double> counts(3, 0.0);
  for (const double x : draw(d)) {
    const auto it = std::find(values.begin(), values.end(), x);
    ASSERT_NE(it, values.end()) << x;
    counts[static_cast<std::size_t>(it - values.begin())] += 1;
  }
  double chi2 = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    const double n = static_cast<double>(kN);
    const double se = std::sqrt(n * probs[i] * (1 - probs[i]));
    EXPECT_NEAR(counts[i], n * probs[i], 5 * se) << values[i];
    chi2 += (counts[i] - n * probs[i]) * (counts[i] - n * probs[i]) / (n * probs[i]);
  }
  EXPECT_LT(chi2, 9.21);  // chi-square, 2 degrees of freedom, 1 % critical value
  const double mean = 1.0 / 8 + 10.0 / 8 + 6.0 / 8;
  const double var = (1.0 / 8 + 20.0 / 8 + 18.0 / 8) - mean * mean;
  EXPECT_NEAR(d.mean(), mean, 1e-15);
  EXPECT_NEAR(d.variance(), var, 1e-14);
  EXPECT_EQ(d.support_min(), 1);
  EXPECT_EQ(d.support_max(), 3);
}

TEST(DistributionDiscrete, QuantileAndCdfAreSteps) {
  const Distribution d = Distribution::discrete({30, 10, 20}, {1, 1, 2});  // P = .25 .5 .25
  EXPECT_EQ(d.cdf(9.99), 0.0);
  EXPECT_EQ(d.cdf(10), 0.25);
  EXPECT_EQ(d.cdf(19.99), 0.25);
  EXPECT_EQ(d.cdf(20), 0.75);
  EXPECT_EQ(d.cdf(30), 1.0);
  EXPECT_EQ(d.cdf(1e9), 1.0);
  EXPECT_EQ(d.quantile(1e-12), 10);
  EXPECT_EQ(d.quantile(0.25), 10);  // smallest value with F >= u
  EXPECT_EQ(d.quantile(0.2500001), 20);
  EXPECT_EQ(d.quantile(0.75), 20);
  EXPECT_EQ(d.quantile(0.76), 30);
  EXPECT_EQ(d.quantile(1 - 1e-16), 30);
  EXPECT_EQ(d.parameters(), (std::vector<double>{30, 10, 20}));
  EXPECT_EQ(d.describe(), "discrete(values [30, 10, 20], weights [1, 1, 2])");
}

// ------------------------------------------------------------------ factories

TEST(DistributionFactories, RejectInvalidParameters) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW((void)Distribution::fixed(nan), std::invalid_argument);
  EXPECT_THROW((void)Distribution::uniform(1, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::uniform(2, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::uniform(0, kInf), std::invalid_argument);
  EXPECT_THROW((void)Distribution::uniform(nan, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::triangular(0, 2, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::triangular(0, -1, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::triangular(1, 1, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::pert(0, 2, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::pert(3, 3, 3), std::invalid_argument);
  EXPECT_THROW((void)Distribution::normal(0, 0), std::invalid_argument);
  EXPECT_THROW((void)Distribution::normal(0, -1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::normal(kInf, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::lognormal_p5_p95(0, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::lognormal_p5_p95(-1, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::lognormal_p5_p95(2, 2), std::invalid_argument);
  EXPECT_THROW((void)Distribution::lognormal_p5_p95(3, 2), std::invalid_argument);
  EXPECT_THROW((void)Distribution::beta(0, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::beta(1, -1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::beta(nan, 1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::discrete({}, {}), std::invalid_argument);
  EXPECT_THROW((void)Distribution::discrete({1, 2}, {1}), std::invalid_argument);
  EXPECT_THROW((void)Distribution::discrete({1, 2}, {1, -1}), std::invalid_argument);
  EXPECT_THROW((void)Distribution::discrete({1, 2}, {0, 0}), std::invalid_argument);
  EXPECT_THROW((void)Distribution::discrete({1, 2}, {1, kInf}), std::invalid_argument);
  EXPECT_THROW((void)Distribution::discrete({1, 2}, {1, nan}), std::invalid_argument);
  EXPECT_THROW((void)Distribution::discrete({1, kInf}, {1, 1}), std::invalid_argument);
  // Valid edge cases.
  EXPECT_NO_THROW((void)Distribution::triangular(0, 0, 1));
  EXPECT_NO_THROW((void)Distribution::pert(0, 1, 1));
  EXPECT_NO_THROW((void)Distribution::discrete({5}, {0.1}));
}

TEST(DistributionFactories, TruncationPreconditions) {
  EXPECT_THROW((void)Distribution::fixed(1).truncated(0, 2), std::invalid_argument);
  EXPECT_THROW((void)Distribution::discrete({1, 2}, {1, 1}).truncated(0, 2), std::invalid_argument);
  EXPECT_THROW((void)Distribution::uniform(0, 1).truncated(2, 3), std::invalid_argument);
  EXPECT_THROW((void)Distribution::uniform(0, 1).truncated(1, 3), std::invalid_argument);
  EXPECT_THROW((void)Distribution::normal(0, 1).truncated(0.5, 0.5), std::invalid_argument);
  EXPECT_THROW((void)Distribution::normal(0, 1).truncated(1, -1), std::invalid_argument);
  EXPECT_THROW((void)Distribution::lognormal_p5_p95(1, 2).truncated(-2, 0), std::invalid_argument);
  EXPECT_THROW((void)Distribution::beta(2, 2).truncated(0.2, 0.4).truncated(0.5, 0.9),
               std::invalid_argument);
}

TEST(DistributionFactories, SupportIsIntersectedWithTruncation) {
  const Distribution n = Distribution::normal(0.3, 0.15);
  EXPECT_EQ(n.support_min(), -kInf);
  EXPECT_EQ(n.support_max(), kInf);
  EXPECT_FALSE(n.is_truncated());
  const Distribution t = n.truncated(-0.5, kInf);
  EXPECT_EQ(t.support_min(), -0.5);
  EXPECT_EQ(t.support_max(), kInf);
  const Distribution p = Distribution::pert(1200, 1500, 2200).truncated(0, 2000);
  EXPECT_EQ(p.support_min(), 1200);
  EXPECT_EQ(p.support_max(), 2000);
  EXPECT_EQ(p.cdf(1199), 0.0);
  EXPECT_EQ(p.cdf(2000), 1.0);
  EXPECT_EQ(p.cdf(2100), 1.0);
  const Distribution tt = Distribution::beta(2, 2).truncated(0.1, 0.8).truncated(0.2, 0.9);
  EXPECT_EQ(tt.support_min(), 0.2);
  EXPECT_EQ(tt.support_max(), 0.8);
  EXPECT_EQ(Distribution::beta(2, 2).support_max(), 1.0);
  EXPECT_EQ(Distribution::triangular(1, 2, 3).support_min(), 1.0);
  EXPECT_EQ(Distribution::fixed(4).support_min(), 4.0);
  EXPECT_EQ(Distribution::fixed(4).support_max(), 4.0);
}

TEST(DistributionFactories, FixedIsAPointMass) {
  const Distribution d;
  EXPECT_TRUE(d.is_fixed());
  EXPECT_EQ(d.parameters(), std::vector<double>{0.0});
  const Distribution f = Distribution::fixed(2.5);
  Rng rng(1, 1);
  EXPECT_EQ(f.sample(rng), 2.5);
  EXPECT_EQ(f.quantile(0.3), 2.5);
  EXPECT_EQ(f.cdf(2.4), 0.0);
  EXPECT_EQ(f.cdf(2.5), 1.0);
  EXPECT_EQ(f.mean(), 2.5);
  EXPECT_EQ(f.variance(), 0.0);
  EXPECT_EQ(f.describe(), "fixed(2.5)");
}

TEST(DistributionFactories, NamesParametersAndDescriptions) {
  EXPECT_STREQ(to_string(DistKind::fixed), "fixed");
  EXPECT_STREQ(to_string(DistKind::uniform), "uniform");
  EXPECT_STREQ(to_string(DistKind::triangular), "triangular");
  EXPECT_STREQ(to_string(DistKind::pert), "pert");
  EXPECT_STREQ(to_string(DistKind::normal), "normal");
  EXPECT_STREQ(to_string(DistKind::lognormal), "lognormal");
  EXPECT_STREQ(to_string(DistKind::beta), "beta");
  EXPECT_STREQ(to_string(DistKind::discrete), "discrete");
  EXPECT_EQ(Distribution::pert(1200, 1500, 2200).describe(), "pert(1200, 1500, 2200)");
  EXPECT_EQ(Distribution::normal(0.3, 0.15).truncated(-0.5, kInf).describe(),
            "normal(0.3, 0.15) truncated to min -0.5");
  EXPECT_EQ(Distribution::lognormal_p5_p95(1000, 5000).describe(), "lognormal(1000, 5000)");
  EXPECT_EQ(Distribution::pert(1200, 1500, 2200).parameters(),
            (std::vector<double>{1200, 1500, 2200}));
  EXPECT_EQ(Distribution::lognormal_p5_p95(1000, 5000).parameters(),
            (std::vector<double>{1000, 5000}));
  EXPECT_EQ(Distribution::beta(2, 5).kind(), DistKind::beta);
}

TEST(DistributionMoments, ClosedForms) {
  const Distribution p = Distribution::pert(1200, 1500, 2200);
  const double m = (1200 + 4 * 1500 + 2200) / 6.0;
  EXPECT_NEAR(p.mean(), m, 1e-9);
  EXPECT_NEAR(p.variance(), (m - 1200) * (2200 - m) / 7, 1e-9);
  const Distribution l = Distribution::lognormal_p5_p95(1000, 5000);
  const bm::lognormal_distribution<> ref(lognormal_mu(1000, 5000), lognormal_sigma(1000, 5000));
  EXPECT_NEAR(l.mean(), bm::mean(ref), 1e-12 * bm::mean(ref));
  EXPECT_NEAR(l.variance(), bm::variance(ref), 1e-12 * bm::variance(ref));
}

}  // namespace
}  // namespace simroi

namespace simroi {
namespace {

// The CDF at a mode that coincides with an end of the support: (x - a)^2 /
// ((b - a)(m - a)) would be 0 / 0 there.
TEST(DistributionTriangular, CdfAtAModeOnTheBoundaryIsFinite) {
  const auto left = Distribution::triangular(0, 0, 1);
  EXPECT_EQ(left.cdf(0.0), 0.0);
  EXPECT_NEAR(left.cdf(0.5), 1.0 - 0.25, 1e-15);  // 1 - (1 - x)^2
  const auto right = Distribution::triangular(-1, 4, 4);
  EXPECT_EQ(right.cdf(4.0), 1.0);
  EXPECT_NEAR(right.cdf(1.5), 0.25, 1e-15);  // (x + 1)^2 / 25
  const auto cut = Distribution::triangular(0, 0, 1).truncated(0.0, 0.5);
  EXPECT_NEAR(cut.cdf(0.25), (1.0 - 0.5625) / 0.75, 1e-12);
}

}  // namespace
}  // namespace simroi

// ---------------------------------------------------------------- the kinds table (kinds.h)

#include "simroi/core/error.h"
#include "simroi/dist/kinds.h"

namespace simroi {
namespace {

TEST(DistributionKinds, OneRowPerKindInDistKindOrder) {
  const auto& table = kind_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(table[i].kind), i);
    EXPECT_EQ(std::string(to_string(table[i].kind)), table[i].name);
    if (table[i].kind == DistKind::fixed) {
      EXPECT_EQ(find_kind("fixed"), nullptr);  // a fixed value is a plain number
    } else {
      ASSERT_NE(find_kind(table[i].name), nullptr) << table[i].name;
      EXPECT_EQ(find_kind(table[i].name)->kind, table[i].kind);
    }
  }
  EXPECT_EQ(scenario_kind_names(),
            (std::vector<std::string_view>{"uniform", "triangular", "pert", "normal", "lognormal",
                                           "beta", "discrete"}));
  EXPECT_EQ(find_kind("uniorm"), nullptr);
}

// The factories refuse exactly what the table's rules report.
TEST(DistributionKinds, FactoriesRefuseExactlyWhatTheRulesReport) {
  struct Case {
    DistKind kind;
    std::vector<double> p;
    std::vector<double> w;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<Case> cases = {
      {DistKind::fixed, {3}, {}},
      {DistKind::fixed, {nan}, {}},
      {DistKind::uniform, {0, 1}, {}},
      {DistKind::uniform, {1, 1}, {}},
      {DistKind::uniform, {2, 1}, {}},
      {DistKind::uniform, {0, kInf}, {}},
      {DistKind::triangular, {0, 0, 1}, {}},
      {DistKind::triangular, {0, 2, 1}, {}},
      {DistKind::triangular, {1, 1, 1}, {}},
      {DistKind::pert, {0, 1, 1}, {}},
      {DistKind::pert, {0, -1, 1}, {}},
      {DistKind::normal, {0, 1}, {}},
      {DistKind::normal, {0, 0}, {}},
      {DistKind::normal, {0, -1}, {}},
      {DistKind::lognormal, {1, 2}, {}},
      {DistKind::lognormal, {0, 2}, {}},
      {DistKind::lognormal, {2, 2}, {}},
      {DistKind::lognormal, {3, 2}, {}},
      {DistKind::beta, {2, 8}, {}},
      {DistKind::beta, {0, 1}, {}},
      {DistKind::beta, {1, -1}, {}},
      {DistKind::beta, {1e6, 1e6}, {}},
      {DistKind::lognormal, {1, 1e25}, {}},
      {DistKind::lognormal, {1e-300, 1e300}, {}},
      {DistKind::normal, {0, 1e306}, {}},
      {DistKind::normal, {0, 1e307}, {}},
      {DistKind::uniform, {-1e308, 1e308}, {}},
      {DistKind::pert, {-1e308, 0, 1e308}, {}},
      {DistKind::beta, {2, 1.5e6}, {}},
      {DistKind::beta, {1e300, 1e300}, {}},
      {DistKind::discrete, {1, 2}, {1, 1}},
      {DistKind::discrete, {5}, {0.1}},
      {DistKind::discrete, {}, {}},
      {DistKind::discrete, {1, 2}, {1}},
      {DistKind::discrete, {1, 2}, {1, -1}},
      {DistKind::discrete, {1, 2}, {0, 0}},
      {DistKind::discrete, {1, 2}, {1, kInf}},
  };
  for (const auto& c : cases) {
    DistSpec spec;
    spec.kind = c.kind;
    spec.parameters = c.p;
    spec.weights = c.w;
    const bool valid = check_parameters(spec).empty();
    bool built = true;
    try {
      (void)kind_info(c.kind).make(c.p, c.w);
    } catch (const std::invalid_argument&) {
      built = false;
    }
    EXPECT_EQ(valid, built) << describe_parameters(c.kind, c.p);
  }
}

TEST(DistributionKinds, RulesPointAtTheRightPart) {
  DistSpec spec;
  spec.kind = DistKind::pert;
  spec.parameters = {1200, 2500, 2200};
  auto problems = check_parameters(spec);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].part, SpecProblem::Part::parameter);
  EXPECT_EQ(problems[0].index, 1u);
  EXPECT_EQ(problems[0].code, diag::kInvalidParameter);
  EXPECT_EQ(problems[0].text.english(),
            "mode 2500 is outside [min, max] = [1200, 2200]; the mode must lie between them");

  spec.kind = DistKind::discrete;
  spec.parameters = {1, 2, 3};
  spec.weights = {1, -1, -2};
  problems = check_parameters(spec);
  ASSERT_EQ(problems.size(), 2u);  // every negative weight
  EXPECT_EQ(problems[1].part, SpecProblem::Part::weight);
  EXPECT_EQ(problems[1].index, 2u);
  EXPECT_EQ(problems[1].text.english(), "weight -2 is negative; weights must be >= 0");

  spec.kind = DistKind::uniform;
  spec.parameters = {1, 2, 3};
  spec.weights = {};
  problems = check_parameters(spec);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, diag::kParameterCount);
  EXPECT_EQ(problems[0].text.english(),
            "uniform takes a list of 2 numbers [min, max], found a list of 3");
}

TEST(DistributionKinds, TruncationRules) {
  DistSpec spec;
  spec.kind = DistKind::normal;
  spec.parameters = {0, 0.1};
  EXPECT_TRUE(check_truncation(spec).empty());  // not truncated
  spec.min = 0.5;
  spec.max = 0.1;
  auto problems = check_truncation(spec);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, diag::kInvalidTruncation);
  spec.kind = DistKind::uniform;
  spec.parameters = {0, 1};
  spec.min = 2;
  spec.max = DistSpec::kInf;
  problems = check_truncation(spec);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].text.english(),
            "truncating uniform(0, 1) to min: 2 leaves nothing: its values lie in [0, 1]");
  // 40 standard deviations out: F(max) - F(min) is 0 in doubles.
  spec.kind = DistKind::normal;
  spec.parameters = {0, 0.1};
  spec.min = 4;
  spec.max = 5;
  problems = check_truncation(spec);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, diag::kNoProbability);
  spec.kind = DistKind::discrete;
  spec.parameters = {1, 2};
  spec.weights = {1, 1};
  problems = check_truncation(spec);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, diag::kNotTruncatable);
}

// spec_of() gives back what was written; make_distribution() of it is the same distribution.
TEST(DistributionKinds, SpecOfRoundTripsEveryKind) {
  const std::vector<Distribution> dists = {
      Distribution::fixed(0.1),
      Distribution::uniform(0.15, 0.4),
      Distribution::triangular(5, 15, 30),
      Distribution::pert(1200, 1500, 2200),
      Distribution::normal(0.5, 0.08).truncated(0.35, 0.65),
      Distribution::normal(0.3, 0.15).truncated(-0.5, kInf),
      Distribution::lognormal_p5_p95(35000, 220000),
      Distribution::lognormal_p5_p95(4500, 16000).truncated(-kInf, 25000),
      Distribution::beta(50, 50),
      Distribution::discrete({5000, 12000, 30000, 5000, 7}, {0.3, 0.5, 0.2, 0.1, 0}),
  };
  for (const auto& d : dists) {
    const DistSpec spec = spec_of(d);
    const Distribution again = make_distribution(spec);
    EXPECT_EQ(again.kind(), d.kind()) << d.describe();
    EXPECT_EQ(again.parameters(), d.parameters()) << d.describe();
    EXPECT_EQ(again.weights(), d.weights()) << d.describe();
    EXPECT_EQ(again.truncation_min(), d.truncation_min()) << d.describe();
    EXPECT_EQ(again.truncation_max(), d.truncation_max()) << d.describe();
    EXPECT_EQ(again.mean(), d.mean()) << d.describe();
    EXPECT_EQ(again.variance(), d.variance()) << d.describe();
    for (const double u : {0.001, 0.3, 0.5, 0.97}) {
      EXPECT_EQ(again.quantile(u), d.quantile(u)) << d.describe() << " at " << u;
    }
    const Support s = support_of(spec);
    // The support as written is the distribution's, except pert's internal max
    // (a + (b - a), see kinds.h) and discrete values of weight 0 (written,
    // so range-checked, but never drawn).
    if (d.kind() != DistKind::pert && d.kind() != DistKind::discrete) {
      EXPECT_EQ(s.lo, d.support_min()) << d.describe();
      EXPECT_EQ(s.hi, d.support_max()) << d.describe();
    }
  }
}

// The numerical parameterisation against its closed forms (kinds.h).
TEST(DistributionKinds, InternalParametersAreTheClosedForms) {
  const auto pert = internal_parameters(DistKind::pert, std::vector<double>{1200, 1500, 2200});
  EXPECT_EQ(pert[0], 1200.0);
  EXPECT_EQ(pert[1], 1000.0);
  EXPECT_DOUBLE_EQ(pert[2], 1.0 + 4.0 * 300.0 / 1000.0);
  EXPECT_DOUBLE_EQ(pert[3], 1.0 + 4.0 * 700.0 / 1000.0);
  // p5 and p95 are the 5th and 95th percentiles of exp(N(mu, sigma)).
  const auto ln = internal_parameters(DistKind::lognormal, std::vector<double>{1000, 5000});
  const bm::lognormal_distribution<> ref(ln[0], ln[1]);
  EXPECT_NEAR(bm::quantile(ref, 0.05), 1000.0, 1e-9);
  EXPECT_NEAR(bm::quantile(ref, 0.95), 5000.0, 1e-9);
  EXPECT_NEAR(kZ90, bm::quantile(bm::normal_distribution<>(0, 1), 0.95), 1e-15);
  const auto tri = internal_parameters(DistKind::triangular, std::vector<double>{5, 15, 30});
  EXPECT_DOUBLE_EQ(tri[3], 10.0 / 25.0);
}

// ---------------------------------------------------------------- both tails alike (issue 9 §2)

TEST(DistributionTails, FarTruncationsAreAcceptedAndSampledLikeTheirMirrors) {
  // normal(0, 0.1) cut to [0.9, 1.0] (9 to 10 sd above the mean, mass 1.1e-19)
  // is the mirror of [-1.0, -0.9]; beta(50, 50) from 0.9 the mirror of up to
  // 0.1 (mass ~1e-20). F(0.9) rounds to 1, so a difference of CDFs gives 0:
  // the mass must come from the survival function.
  struct Pair {
    DistSpec upper, lower;
    double centre;  // x -> 2 centre - x maps one onto the other
  };
  DistSpec nu{DistKind::normal, {0, 0.1}, {}, 0.9, 1.0};
  DistSpec nl{DistKind::normal, {0, 0.1}, {}, -1.0, -0.9};
  DistSpec bu{DistKind::beta, {50, 50}, {}, 0.9, DistSpec::kInf};
  DistSpec bl{DistKind::beta, {50, 50}, {}, -DistSpec::kInf, 0.1};
  const Pair pairs[] = {{nu, nl, 0.0}, {bu, bl, 0.5}};
  for (const Pair& p : pairs) {
    SCOPED_TRACE(describe_parameters(p.upper.kind, p.upper.parameters));
    EXPECT_TRUE(check_truncation(p.upper).empty());
    EXPECT_TRUE(check_truncation(p.lower).empty());
    const Distribution up = make_distribution(p.upper);
    const Distribution low = make_distribution(p.lower);
    // The same probability (relative 1e-12: both from Boost's tail functions).
    EXPECT_GT(up.truncated_mass(), 0.0);
    EXPECT_NEAR(up.truncated_mass() / low.truncated_mass(), 1.0, 1e-12);
    // Mirrored quantiles, mean and variance.
    for (double u = 0.001; u < 1.0; u += 0.001) {
      ASSERT_NEAR(up.quantile(u), 2 * p.centre - low.quantile(1 - u), 1e-9) << u;
    }
    EXPECT_NEAR(up.mean(), 2 * p.centre - low.mean(), 1e-12);
    EXPECT_NEAR(up.variance() / low.variance(), 1.0, 1e-9);
    // Samples: inside the support and distributed as the CDF says (KS at
    // N = 20,000: the 0.1 % critical value is 1.95 / sqrt(N) = 0.0138).
    constexpr int kN = 20000;
    Rng rng(12345, 0);
    std::vector<double> xs(kN);
    for (auto& x : xs) {
      x = up.sample(rng);
      ASSERT_GE(x, up.support_min());
      ASSERT_LE(x, up.support_max());
    }
    EXPECT_LT(ks_statistic(xs, [&](double x) { return 1.0 - low.cdf(2 * p.centre - x); }),
              1.95 / std::sqrt(double{kN}));
  }
}

TEST(DistributionTails, NoProbabilityMessageShowsTheTrueRange) {
  // Beyond where even the survival function reaches 0: still refused, with
  // the range the distribution can take (a beta's upper bound is 1, not inf).
  const DistSpec beta{DistKind::beta, {50, 50}, {}, 0.99999999999, DistSpec::kInf};
  const auto problems = check_truncation(beta);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].code, diag::kNoProbability);
  EXPECT_EQ(
      problems[0].text.english(),
      "truncating beta(50, 50) to [0.99999999999, 1] leaves (almost) no probability; widen the "
      "bounds or move the distribution");
  const DistSpec normal{DistKind::normal, {0, 0.1}, {}, 100, DistSpec::kInf};
  ASSERT_EQ(check_truncation(normal).size(), 1U);
  EXPECT_EQ(check_truncation(normal)[0].text.english(),
            "truncating normal(0, 0.1) to [100, inf] leaves (almost) no probability; widen the "
            "bounds or move the distribution");
  // Nothing left: the truncation as written, no infinite bound.
  const DistSpec above{DistKind::beta, {2, 8}, {}, 1.5, DistSpec::kInf};
  ASSERT_EQ(check_truncation(above).size(), 1U);
  EXPECT_EQ(check_truncation(above)[0].text.english(),
            "truncating beta(2, 8) to min: 1.5 leaves nothing: its values lie in [0, 1]");
}

}  // namespace
}  // namespace simroi
