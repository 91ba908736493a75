// Statistics: every definition in statistics.h checked against numpy's
// documented estimator, closed forms, or brute force.
#include "simroi/stats/statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "simroi/core/constants.h"
#include "simroi/random/random.h"
#include "simroi/stats/rank_brackets.h"

namespace simroi {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// numpy.percentile(x, p) with the default method="linear", written out.
double numpy_linear(std::vector<double> x, double p) {
  std::sort(x.begin(), x.end());
  const double h = (static_cast<double>(x.size()) - 1.0) * p / 100.0;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - std::floor(h)) * (x[hi] - x[lo]);
}

// The one spelling of each normal quantile against Boost.Math's quantile in
// long double (64-bit mantissa, so its rounding is far below a double's ulp).
// The literals are the usual 16-digit values (what scipy.stats.norm.ppf prints),
// 0.8 and 2.4 ulps from the exact quantile; a shortened literal such as 1.96 or
// 1.645 is about 10^14 ulps away. Golden outputs depend on these exact bits.
TEST(Constants, NormalQuantilesWithinAFewUlps) {
  const boost::math::normal_distribution<long double> z;
  auto ulps_from = [](double c, long double exact) {
    return static_cast<double>((static_cast<long double>(c) - exact) /
                               static_cast<long double>(std::nextafter(c, 3.0) - c));
  };
  EXPECT_LE(std::abs(ulps_from(kZ95, boost::math::quantile(z, 0.975L))), 3.0);
  EXPECT_LE(std::abs(ulps_from(kZ90, boost::math::quantile(z, 0.95L))), 3.0);
}

TEST(Percentiles, MatchNumpyLinearOnKnownValues) {
  // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) = [1, 1.75, 2.5, 3.7, 4]
  std::vector<double> x{4, 1, 3, 2};
  const double ps[] = {0, 25, 50, 90, 100};
  const auto est = percentiles_of(x, ps);
  EXPECT_DOUBLE_EQ(est[0].value, 1.0);
  EXPECT_DOUBLE_EQ(est[1].value, 1.75);
  EXPECT_DOUBLE_EQ(est[2].value, 2.5);
  EXPECT_NEAR(est[3].value, 3.7, 1e-12);
  EXPECT_DOUBLE_EQ(est[4].value, 4.0);
}

TEST(Percentiles, MatchNumpyLinearOnRandomData) {
  Rng rng(7, 0);
  std::vector<double> x(1001);
  for (auto& v : x) v = rng.uniform01() * 100.0;
  const double ps[] = {5, 10, 25, 50, 75, 90, 95, 99.9};
  auto copy = x;
  const auto est = percentiles_of(copy, ps);
  for (std::size_t i = 0; i < std::size(ps); ++i) {
    EXPECT_DOUBLE_EQ(est[i].value, numpy_linear(x, ps[i])) << ps[i];
  }
}

TEST(Percentiles, SingleValue) {
  std::vector<double> x{42};
  const double ps[] = {5, 50, 95};
  for (const auto& e : percentiles_of(x, ps)) {
    EXPECT_EQ(e.value, 42);
    // One run cannot bound any percentile at 95 %: P(the run lies below the
    // median) = 0.5 > 2.5 %. Unknown, not [42, 42].
    EXPECT_FALSE(e.ci_low.has_value()) << e.p;
    EXPECT_FALSE(e.ci_high.has_value()) << e.p;
    EXPECT_FALSE(e.se.has_value()) << e.p;
  }
}

TEST(Percentiles, InfinityPropagatesOnlyWithPositiveWeight) {
  // Censored paybacks are +inf. n = 5: P50 -> h = 2 exactly (x[2] = 3), P75 ->
  // h = 3 (x[3] = +inf), P60 -> h = 2.4 interpolates towards +inf.
  std::vector<double> x{1, 2, 3, kInf, kInf};
  const double ps[] = {50, 60, 75};
  auto est = percentiles_of(x, ps);
  EXPECT_EQ(est[0].value, 3.0);
  EXPECT_TRUE(std::isinf(est[1].value));
  EXPECT_TRUE(std::isinf(est[2].value));
}

TEST(Percentiles, BoundsNoOrderStatisticGivesAreUnknown) {
  // n = 20, P5: P(no run below the true P5) = 0.95^20 = 0.358 > 2.5 %, so no
  // order statistic is a 95 % lower bound; the upper one is X_(4) (0-based 3):
  // P(B >= 4) = 0.0159 <= 2.5 % < P(B >= 3) = 0.0755 for B ~ Binomial(20, 0.05).
  // P95 mirrors it. The old normal-approximation ranks clamped both to the
  // smallest / largest run (coverage 54-65 %).
  std::vector<double> x(20);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(19 - i);  // 19..0
  const double ps[] = {0, 5, 50, 95, 100};
  const auto est = percentiles_of(x, ps);
  EXPECT_FALSE(est[0].ci_low || est[0].ci_high || est[0].se);  // P0: no interval
  EXPECT_FALSE(est[1].ci_low.has_value());
  ASSERT_TRUE(est[1].ci_high.has_value());
  EXPECT_EQ(*est[1].ci_high, 3.0);
  EXPECT_FALSE(est[1].se.has_value());
  // The median at n = 20: [X_(6), X_(15)], P(6 <= B <= 14) = 0.9586 for Binomial(20, 0.5).
  ASSERT_TRUE(est[2].ci_low && est[2].ci_high);
  EXPECT_EQ(*est[2].ci_low, 5.0);
  EXPECT_EQ(*est[2].ci_high, 14.0);
  EXPECT_NEAR(*est[2].se, 9.0 / (2.0 * kZ95), 1e-12);
  EXPECT_FALSE(est[3].ci_high.has_value());
  ASSERT_TRUE(est[3].ci_low.has_value());
  EXPECT_EQ(*est[3].ci_low, 16.0);
  EXPECT_FALSE(est[4].ci_low || est[4].ci_high || est[4].se);  // P100: no interval
}

TEST(Percentiles, WantedRanksKeepEveryIntervalBound) {
  // The exact-quantile machinery selects only wanted_ranks: each known bound's
  // rank must be among them, and no rank for an unknown one.
  for (const std::uint64_t n : {1u, 20u, 100u, 1000u, 99999u}) {
    const double ps[] = {0, 1, 5, 50, 95, 99, 100};
    const auto wanted = wanted_ranks(n, ps);
    for (const double p : ps) {
      const auto r = percentile_ranks(n, p);
      for (const auto& rank : {r.ci_low, r.ci_high}) {
        if (!rank) continue;
        EXPECT_LT(*rank, n);
        EXPECT_TRUE(std::binary_search(wanted.begin(), wanted.end(), *rank)) << n << " P" << p;
      }
    }
  }
  EXPECT_FALSE(percentile_ranks(100, 1).ci_low.has_value());  // 0.99^100 = 0.366
  EXPECT_TRUE(percentile_ranks(100, 1).ci_high.has_value());
}

TEST(Percentiles, ConfidenceIntervalCoversTheTrueQuantile) {
  // Coverage of the order-statistic interval over 400 independent samples of
  // n = 2,000 uniforms: true median 0.5, true P5 0.05. Nominal 95 %: the count
  // of misses is Binomial(400, 0.05): mean 20, sd 4.4; allow up to 40 (4.5 sd).
  int miss_median = 0, miss_p5 = 0;
  for (std::uint64_t rep = 0; rep < 400; ++rep) {
    Rng rng(2024, rep);
    std::vector<double> x(2000);
    for (auto& v : x) v = rng.uniform01();
    const double ps[] = {5, 50};
    const auto est = percentiles_of(x, ps);
    ASSERT_TRUE(est[0].ci_low && est[0].ci_high && est[1].ci_low && est[1].ci_high);
    miss_p5 += (*est[0].ci_low > 0.05 || *est[0].ci_high < 0.05) ? 1 : 0;
    miss_median += (*est[1].ci_low > 0.5 || *est[1].ci_high < 0.5) ? 1 : 0;
    EXPECT_LE(*est[1].ci_low, est[1].value);
    EXPECT_GE(*est[1].ci_high, est[1].value);
  }
  EXPECT_LE(miss_median, 40);
  EXPECT_LE(miss_p5, 40);
  EXPECT_GE(miss_median, 5);  // an interval that never misses would be too wide
}

TEST(Percentiles, StandardErrorShrinksLikeOneOverRootN) {
  // For uniforms the median's SE is sqrt(0.25 / n) / f(0.5) = 0.5 / sqrt(n).
  for (const std::size_t n : {10000u, 160000u}) {
    Rng rng(11, n);
    std::vector<double> x(n);
    for (auto& v : x) v = rng.uniform01();
    const double ps[] = {50};
    const auto est = percentiles_of(x, ps);
    const double expected = 0.5 / std::sqrt(static_cast<double>(n));
    // The interval spans about g = 2 * 1.96 * sqrt(n / 4) uniform spacings; their
    // sum has relative sd 1 / sqrt(g). Allow 4 of those.
    const double spacings = 2.0 * kZ95 * std::sqrt(static_cast<double>(n) / 4.0);
    ASSERT_TRUE(est[0].se.has_value());
    EXPECT_NEAR(*est[0].se, expected, 4.0 / std::sqrt(spacings) * expected) << n;
  }
}

TEST(SelectRanks, AgreesWithFullSort) {
  Rng rng(3, 3);
  std::vector<double> x(10007);
  for (auto& v : x) v = std::floor(rng.uniform01() * 500.0);  // many ties
  auto sorted = x;
  std::sort(sorted.begin(), sorted.end());
  const std::vector<std::uint64_t> ranks{0, 1, 17, 500, 5003, 5004, 9999, 10006};
  select_ranks(x, ranks);
  for (const auto r : ranks) EXPECT_EQ(x[r], sorted[r]) << r;
}

// order_statistics over several parts: the sample-window path (close ranks in
// many values), the path where the window misses and a full selection takes
// over, and spread-out ranks -- all exactly the sorted values.
TEST(OrderStatistics, ExactOnEveryPath) {
  Rng rng(8, 8);
  std::vector<double> x(200003);
  for (auto& v : x) v = std::floor(std::exp(4.0 * rng.uniform01()) * 100.0);  // skewed, tied
  std::vector<double> sorted = x;
  std::sort(sorted.begin(), sorted.end());
  auto check = [&](std::vector<double> data, const std::vector<std::uint64_t>& ranks) {
    std::vector<std::span<double>> parts{std::span<double>(data).first(70000),
                                         std::span<double>(data).subspan(70000, 1),
                                         std::span<double>(data).subspan(70001)};
    const auto got = order_statistics(parts, ranks);
    ASSERT_EQ(got.size(), ranks.size());
    for (std::size_t i = 0; i < ranks.size(); ++i) EXPECT_EQ(got[i], sorted[ranks[i]]) << ranks[i];
  };
  check(x, {100000, 100001, 101500, 102000});  // close together: the window path
  check(x, {0, 1, 2});                         // at the bottom (window opens at -inf)
  check(x, {199990, 200002});                  // at the top (window closes at +inf)
  check(x, {5, 100000, 199000});               // spread out: select_ranks
  // Every sampled position holds the maximum: the window misses, and the
  // counts send the selection to the full path.
  std::vector<double> adversarial = x;
  constexpr std::size_t kSample = 2048;  // order_statistics' evenly spaced sample
  const std::size_t stride = adversarial.size() / kSample;
  for (std::size_t i = 0; i < kSample; ++i) adversarial[i * stride + stride / 2] = sorted.back();
  sorted = adversarial;
  std::sort(sorted.begin(), sorted.end());
  check(adversarial, {100000, 100001, 101500});
}

TEST(Moments, WelfordMatchesTwoPassAndMergesExactly) {
  Rng rng(5, 5);
  std::vector<double> x(5000);
  for (auto& v : x) v = 1e6 + rng.uniform01();  // large offset: naive sums lose digits
  Moments all, a, b;
  for (std::size_t i = 0; i < x.size(); ++i) {
    all.add(x[i]);
    (i < 1234 ? a : b).add(x[i]);
  }
  a.merge(b);
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / x.size();
  double ss = 0;
  for (const double v : x) ss += (v - mean) * (v - mean);
  EXPECT_NEAR(all.mean, mean, 1e-9);
  EXPECT_NEAR(all.variance(), ss / (x.size() - 1), 1e-9);
  EXPECT_NEAR(a.mean, all.mean, 1e-9);
  EXPECT_NEAR(a.variance(), all.variance(), 1e-9);
  EXPECT_EQ(a.n, all.n);
  EXPECT_EQ(a.min, all.min);
  EXPECT_EQ(a.max, all.max);
}

TEST(Spearman, KnownValues) {
  const std::vector<double> x{1, 2, 3, 4, 5};
  const std::vector<double> up{10, 20, 30, 40, 1000};
  const std::vector<double> down{5, 4, 3, 2, 1};
  EXPECT_DOUBLE_EQ(spearman(x, up), 1.0);
  EXPECT_DOUBLE_EQ(spearman(x, down), -1.0);
  // scipy.stats.spearmanr([1,2,3,4,5], [2,1,4,3,5]) = 0.8
  const std::vector<double> y{2, 1, 4, 3, 5};
  EXPECT_NEAR(spearman(x, y), 0.8, 1e-12);
}

TEST(Spearman, TiesGetAverageRanks) {
  const std::vector<double> v{10, 20, 20, 30};
  const auto r = average_ranks(v);
  EXPECT_EQ(r, (std::vector<double>{1, 2.5, 2.5, 4}));
  EXPECT_EQ(spearman(v, std::vector<double>{1, 1, 1, 1}), 0.0);  // constant: 0
}

TEST(Proportion, BinomialStandardError) {
  const auto p = proportion(25, 100);
  EXPECT_DOUBLE_EQ(p.value, 0.25);
  ASSERT_TRUE(p.se.has_value());
  EXPECT_NEAR(*p.se, std::sqrt(0.25 * 0.75 / 100), 1e-15);
  EXPECT_EQ(p.count, 25u);
  EXPECT_EQ(p.runs, 100u);
  // Clopper-Pearson for 25 of 100: the p with P(B >= 25) = 2.5 % and with
  // P(B <= 25) = 2.5 %, found independently by bisection on the binomial sums:
  // [0.1687797, 0.3465525].
  EXPECT_NEAR(p.ci_low, 0.1687797, 1e-6);
  EXPECT_NEAR(p.ci_high, 0.3465525, 1e-6);
}

TEST(Proportion, NoneOrAllOfTheRunsHaveAnIntervalNotPlusMinusZero) {
  // 0 of 1 000: the normal approximation says 0 ± 0; the exact interval is
  // [0, 1 - 0.025^(1/1000)] = [0, 0.003682], which covers a true 0.09 %.
  const auto none = proportion(0, 1000);
  EXPECT_EQ(none.value, 0.0);
  EXPECT_FALSE(none.se.has_value());
  EXPECT_EQ(none.ci_low, 0.0);
  EXPECT_NEAR(none.ci_high, 1.0 - std::pow(0.025, 1.0 / 1000.0), 1e-12);
  EXPECT_GT(none.ci_high, 0.0009);
  const auto all = proportion(1000, 1000);
  EXPECT_FALSE(all.se.has_value());
  EXPECT_EQ(all.ci_high, 1.0);
  EXPECT_NEAR(all.ci_low, std::pow(0.025, 1.0 / 1000.0), 1e-12);
}

// n values with heavy ties, like payback: 20 % +inf, 10 % zeros, the rest
// spread over (1, e^4), so that gaps, single-value brackets and kept values
// all occur.
std::vector<double> with_heavy_ties(std::uint64_t n, Rng rng) {
  std::vector<double> all(n);
  for (auto& v : all) {
    const double u = rng.uniform01();
    v = u < 0.2 ? std::numeric_limits<double>::infinity() : (u < 0.3 ? 0.0 : std::exp(4.0 * u));
  }
  return all;
}

// Rank brackets must return exactly the order statistics of the full stream.
TEST(RankBrackets, ExactOrderStatisticsFromPilot) {
  const std::uint64_t n = 300000;
  std::vector<double> all(n);
  Rng rng(99, 1);
  for (auto& v : all) v = std::exp(3.0 * (rng.uniform01() - 0.5));  // skewed
  const double ps[] = {5.0, 25.0, 50.0, 95.0};
  const auto wanted = wanted_ranks(n, ps);

  std::vector<double> pilot(all.begin(), all.begin() + 20000);
  const auto brackets = RankBrackets::from_pilot(pilot, n, wanted);
  BracketTally a(brackets), b(brackets);
  for (std::uint64_t i = 0; i < n; ++i) (i % 3 == 0 ? a : b).add(all[i]);
  a.merge(std::move(b));
  EXPECT_LT(a.kept_count(), n / 5);  // memory: a fraction of the stream
  const auto got = a.resolve(wanted);
  ASSERT_TRUE(got.has_value());
  std::sort(all.begin(), all.end());
  for (std::size_t i = 0; i < wanted.size(); ++i) EXPECT_EQ((*got)[i], all[wanted[i]]);
}

// Brackets narrowed with the exact order statistics of the first m values
// (held by a tally, not stored): the tally moves over to them and the final
// order statistics are still exact -- here with heavy ties (zeros and +inf,
// like payback) so that gaps, single-value brackets and kept values all move.
TEST(RankBrackets, NarrowingFromATallyStaysExact) {
  const std::uint64_t n = 400000;
  const std::vector<double> all = with_heavy_ties(n, Rng(12, 6));
  const double ps[] = {5.0, 10.0, 25.0, 50.0, 75.0, 85.0, 95.0};
  const auto wanted = wanted_ranks(n, ps);

  std::vector<double> pilot(all.begin(), all.begin() + 5000);
  const auto wide = RankBrackets::from_pilot(pilot, n, wanted);
  const std::uint64_t m = 50000;
  BracketTally first(wide);
  for (std::uint64_t i = 0; i < m; ++i) first.add(all[i]);
  const auto narrow = RankBrackets::from_tally(first, m, n, wanted);
  ASSERT_TRUE(narrow.has_value());
  EXPECT_LT(narrow->kept_fraction(), wide.kept_fraction());
  auto moved = first.rebracket(*narrow);
  ASSERT_TRUE(moved.has_value());
  for (std::uint64_t i = m; i < n; ++i) moved->add(all[i]);
  const auto got = moved->resolve(wanted);
  ASSERT_TRUE(got.has_value());
  std::vector<double> sorted = all;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < wanted.size(); ++i) EXPECT_EQ((*got)[i], sorted[wanted[i]]) << i;

  // Brackets that do not nest in the tally's (from a pilot of another
  // distribution over the same range) are refused: some gap whose values
  // were only counted would fall inside them.
  std::vector<double> shifted(5000);
  for (std::size_t i = 0; i < shifted.size(); ++i) shifted[i] = 3.0 + 0.01 * static_cast<double>(i);
  const auto elsewhere = RankBrackets::from_pilot(shifted, n, wanted);
  BracketTally again(wide);
  for (std::uint64_t i = 0; i < m; ++i) again.add(all[i]);
  EXPECT_FALSE(again.rebracket(elsewhere).has_value());
}

// add(span) -- batches, four partial counters, the guide's leftovers added
// one by one -- tallies exactly what add(value) does, for columns of any
// length, with ties at bracket bounds, and with more bounds than the guide
// can hold (then every value takes the exact path).
TEST(RankBrackets, AddingAColumnEqualsAddingValuesOneByOne) {
  const std::uint64_t n = 1000000;
  const std::vector<double> all = with_heavy_ties(n, Rng(8, 3));
  std::vector<double> sorted = all;
  std::sort(sorted.begin(), sorted.end());
  auto brackets_for = [&](std::span<const double> ps, double sigmas, std::size_t pilot_size) {
    std::vector<double> pilot(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(pilot_size));
    return RankBrackets::from_pilot(pilot, n, wanted_ranks(n, ps), sigmas);
  };
  auto check = [&](const RankBrackets& brackets, std::span<const double> ps) {
    const auto wanted = wanted_ranks(n, ps);
    BracketTally by_value(brackets), by_column(brackets);
    for (const double v : all) by_value.add(v);
    const std::size_t lengths[] = {1, 3, 127, 128, 256, 257, 1000, 4099};
    std::span<const double> rest(all);
    for (std::size_t i = 0; !rest.empty(); ++i) {
      const auto column = rest.first(std::min(rest.size(), lengths[i % std::size(lengths)]));
      by_column.add(column);
      rest = rest.subspan(column.size());
    }
    EXPECT_EQ(by_column.kept_count(), by_value.kept_count());
    const auto a = by_value.resolve(wanted);
    const auto b = by_column.resolve(wanted);
    ASSERT_TRUE(a.has_value());
    ASSERT_TRUE(b.has_value());
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      EXPECT_EQ((*b)[i], (*a)[i]) << i;
      EXPECT_EQ((*b)[i], sorted[wanted[i]]) << i;
    }
  };
  const double few[] = {5.0, 10.0, 25.0, 50.0, 75.0, 85.0, 95.0};
  check(brackets_for(few, RankBrackets::kDefaultPilotSigmas, 20000), few);
  // 145 narrow brackets (rank intervals of +-0.15 % at 0.33 % spacing): 290
  // bounds, more than the guide's slots hold.
  std::vector<double> many(145);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = 30.3 + 0.33 * static_cast<double>(i);
  const auto narrow = brackets_for(many, 1.0, n);
  EXPECT_GE(2 * narrow.intervals().size(), SlotLocator::kUnguided);
  check(narrow, many);
}

TEST(RankBrackets, ReportsAMissInsteadOfAWrongValue) {
  // A pilot from a different distribution puts the brackets in the wrong place.
  const std::uint64_t n = 10000;
  std::vector<double> pilot(1000);
  for (std::size_t i = 0; i < pilot.size(); ++i) pilot[i] = static_cast<double>(i);
  const std::vector<std::uint64_t> wanted{n / 2};
  const auto brackets = RankBrackets::from_pilot(pilot, n, wanted);
  BracketTally t(brackets);
  for (std::uint64_t i = 0; i < n; ++i) t.add(1e6 + static_cast<double>(i));
  EXPECT_FALSE(t.resolve(wanted).has_value());

  const auto everything = RankBrackets::everything();
  BracketTally exact(everything);
  for (std::uint64_t i = 0; i < n; ++i) exact.add(1e6 + static_cast<double>(i));
  EXPECT_EQ(exact.resolve(wanted).value()[0], 1e6 + n / 2);
}

}  // namespace
}  // namespace simroi

namespace simroi {
namespace {

// Two passes over a stream where a third of the values are +inf (censored
// paybacks) and many are tied at 0: exact ranks, and the ties are counted in
// point bins, not kept.
TEST(RankBrackets, TwoPassesCountHeavyTiesInsteadOfKeepingThem) {
  const std::uint64_t n = 300000;
  std::vector<double> all(n);
  Rng rng(31, 4);
  for (auto& v : all) {
    const double u = rng.uniform01();
    v = u < 0.33 ? std::numeric_limits<double>::infinity() : (u < 0.5 ? 0.0 : u);
  }
  const double ps[] = {5.0, 25.0, 50.0, 60.0, 75.0, 95.0};
  const auto wanted = wanted_ranks(n, ps);

  std::vector<double> pilot(all.begin(), all.begin() + 20000);
  auto brackets = RankBrackets::from_pilot(pilot, n, wanted);
  std::sort(pilot.begin(), pilot.end());
  brackets.add_bins(pilot);
  BinCounter counts(brackets);
  for (const double v : all) counts.add(v);
  const auto narrowed = counts.narrow(wanted);
  ASSERT_TRUE(narrowed.has_value());
  BracketTally keep(*narrowed);
  for (const double v : all) keep.add(v);
  EXPECT_LT(keep.kept_count(), n / 100);  // neither the zeros nor the infinities are kept
  const auto got = keep.resolve(wanted);
  ASSERT_TRUE(got.has_value());
  std::sort(all.begin(), all.end());
  for (std::size_t i = 0; i < wanted.size(); ++i) EXPECT_EQ((*got)[i], all[wanted[i]]) << i;
}

}  // namespace
}  // namespace simroi
