// The one-pass collectors, fed chunks by hand, against direct computations.
#include "simroi/stats/collectors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <vector>

#include "simroi/core/constants.h"
#include "simroi/random/random.h"

namespace simroi {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// n runs of two quantities (roi, net) and their inputs: roi = 3 L0 + noise,
/// net = a tied, partly infinite column; inputs L0 uniform, A its negative.
struct Runs {
  explicit Runs(std::size_t n) : roi(n), net(n), inputs(n) {
    Rng rng(5, 0);
    for (std::size_t i = 0; i < n; ++i) {
      inputs[i].fill(0.0);
      inputs[i][index(Input::leads_per_month)] = rng.uniform01();
      inputs[i][index(Input::average_check)] = -inputs[i][index(Input::leads_per_month)];
      roi[i] = 3.0 * inputs[i][index(Input::leads_per_month)] + rng.uniform01() - 1.5;
      net[i] = i % 7 == 0 ? kInf : std::floor(10.0 * rng.uniform01());
    }
  }
  /// Feed runs [begin, end) to `c` in chunks.
  void feed(Collector& c, std::size_t begin, std::size_t end) const {
    std::vector<double> columns(2 * kChunkRuns);
    for (std::size_t first = begin; first < end; first += kChunkRuns) {
      const std::size_t n = std::min(kChunkRuns, end - first);
      std::copy_n(roi.begin() + static_cast<std::ptrdiff_t>(first), n, columns.begin());
      std::copy_n(net.begin() + static_cast<std::ptrdiff_t>(first), n,
                  columns.begin() + kChunkRuns);
      c.add({first, n, 2, columns.data(), inputs.data() + first});
    }
  }
  std::vector<double> roi, net;
  std::vector<InputValues> inputs;
};

TEST(Collectors, RunMomentsFoldTheBlocksInOrder) {
  const Runs runs(10'000);
  RunMoments total({Quantity::roi_pct});
  std::vector<std::unique_ptr<Collector>> blocks;
  for (std::size_t b = 0; b < 10'000; b += 1000) {  // ten blocks, as an engine would
    blocks.push_back(total.empty_copy());
    runs.feed(*blocks.back(), b, b + 1000);
  }
  std::vector<Collector*> parts;
  for (auto& b : blocks) parts.push_back(b.get());
  total.merge_parts(parts);
  const Moments m = total.moments(0);
  const double mean = std::accumulate(runs.roi.begin(), runs.roi.end(), 0.0) / 10'000.0;
  double ss = 0.0;
  for (const double v : runs.roi) ss += (v - mean) * (v - mean);
  EXPECT_EQ(m.n, 10'000u);
  EXPECT_NEAR(m.mean, mean, 1e-14);
  EXPECT_NEAR(m.m2, ss, 1e-10 * ss);
  EXPECT_EQ(m.min, *std::min_element(runs.roi.begin(), runs.roi.end()));
  EXPECT_EQ(m.max, *std::max_element(runs.roi.begin(), runs.roi.end()));
  // Merging the same blocks as two halves gives the same bits: the blocks are
  // kept, not folded, until read.
  RunMoments first = total.empty(), second = total.empty();
  first.merge_parts(std::span<Collector* const>(parts).first(4));
  second.merge_parts(std::span<Collector* const>(parts).subspan(4));
  first.merge(second);
  EXPECT_EQ(first.moments(0).mean, m.mean);
  EXPECT_EQ(first.moments(0).m2, m.m2);
  EXPECT_THROW((void)total.moments(1), std::out_of_range);
  RunMoments other({Quantity::net_profit});
  EXPECT_THROW(total.merge(other), std::invalid_argument);
}

TEST(Collectors, EventCountsCountLikeCountIf) {
  const Runs runs(5000);
  EventCounts counts({{Quantity::roi_pct, RunEvent::Test::below, 0.0},
                      {Quantity::net_profit, RunEvent::Test::at_most, 4.0},
                      {Quantity::net_profit, RunEvent::Test::at_least, kInf}});
  EventCounts part = counts.empty();
  runs.feed(counts, 0, 3000);
  runs.feed(part, 3000, 5000);
  counts.merge(part);
  auto count_if = [](const std::vector<double>& v, auto pred) {
    return static_cast<std::uint64_t>(std::count_if(v.begin(), v.end(), pred));
  };
  EXPECT_EQ(counts.runs(), 5000u);
  EXPECT_EQ(counts.count(0), count_if(runs.roi, [](double x) { return x < 0.0; }));
  EXPECT_EQ(counts.count(1), count_if(runs.net, [](double x) { return x <= 4.0; }));
  EXPECT_EQ(counts.count(2), count_if(runs.net, [](double x) { return std::isinf(x); }));
  EXPECT_GT(counts.count(2), 700u);  // every seventh run
  const Probability p = counts.probability(2);
  EXPECT_DOUBLE_EQ(p.value, static_cast<double>(counts.count(2)) / 5000.0);
  ASSERT_TRUE(p.se.has_value());
  EXPECT_DOUBLE_EQ(*p.se, std::sqrt(p.value * (1.0 - p.value) / 5000.0));
}

TEST(Collectors, ReplicateSumsAreEachBlocksMeanAndShare) {
  // Design blocks that engine blocks of 1000 runs cut across, fed out of
  // order as threads would: every block's mean and share equal the direct
  // ones over its runs, and the bits do not depend on the feeding order.
  const Runs runs(2500);
  const std::vector<std::uint64_t> bounds{0, 333, 1000, 1001, 2500};
  const std::vector<RunEvent> events{{Quantity::roi_pct, RunEvent::Test::below, 0.0},
                                     {Quantity::net_profit, RunEvent::Test::at_least, 5.0}};
  auto fill = [&](bool reversed) {
    ReplicateSums total(bounds, {Quantity::roi_pct}, events);
    std::vector<std::unique_ptr<Collector>> blocks;
    for (std::size_t b = 0; b < 2500; b += 1000) blocks.push_back(total.empty_copy());
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      const std::size_t i = reversed ? blocks.size() - 1 - k : k;
      runs.feed(*blocks[i], i * 1000, std::min<std::size_t>(2500, i * 1000 + 1000));
    }
    std::vector<Collector*> parts;
    for (auto& b : blocks) parts.push_back(b.get());
    total.merge_parts(parts);
    return total;
  };
  const ReplicateSums a = fill(false), b = fill(true);
  ASSERT_EQ(a.replicates(), 4u);
  for (std::size_t blk = 0; blk < 4; ++blk) {
    const auto first = static_cast<std::ptrdiff_t>(bounds[blk]);
    const auto last = static_cast<std::ptrdiff_t>(bounds[blk + 1]);
    const auto m = static_cast<double>(last - first);
    EXPECT_EQ(a.runs(blk), bounds[blk + 1] - bounds[blk]);
    const double mean = std::accumulate(runs.roi.begin() + first, runs.roi.begin() + last, 0.0) / m;
    EXPECT_NEAR(a.mean(blk, 0), mean, 1e-12);
    EXPECT_EQ(a.mean(blk, 0), b.mean(blk, 0));  // bit for bit
    const auto below = std::count_if(runs.roi.begin() + first, runs.roi.begin() + last,
                                     [](double v) { return v < 0.0; });
    const auto many = std::count_if(runs.net.begin() + first, runs.net.begin() + last,
                                    [](double v) { return v >= 5.0; });
    EXPECT_EQ(a.share(blk, 0), static_cast<double>(below) / m);
    EXPECT_EQ(a.share(blk, 1), static_cast<double>(many) / m);
  }
  EXPECT_THROW((void)a.mean(4, 0), std::out_of_range);
  EXPECT_THROW(ReplicateSums({5}, {Quantity::roi_pct}, {}), std::invalid_argument);
}

TEST(Collectors, SensitivitySampleConditionalMedianIsTheDecilesMedian) {
  const Runs runs(6000);
  const RunRange window{1000, 5000};
  SensitivitySample sample({Input::leads_per_month, Input::average_check}, window);
  runs.feed(sample, 0, 6000);
  ASSERT_TRUE(sample.complete());
  // Independently: sort the window's runs by the input (ties by run), take
  // the first / last 400 (10 % of 4000), and the median of their ROI.
  for (const std::size_t j : {std::size_t{0}, std::size_t{1}}) {
    const Input in = j == 0 ? Input::leads_per_month : Input::average_check;
    std::vector<std::uint64_t> order;
    for (std::uint64_t r = window.begin; r < window.end; ++r) order.push_back(r);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
      return runs.inputs[a][index(in)] < runs.inputs[b][index(in)];
    });
    auto median_of = [&](auto first, auto last) {
      std::vector<double> v;
      for (auto it = first; it != last; ++it) v.push_back(runs.roi[*it]);
      std::sort(v.begin(), v.end());
      return v.size() % 2 == 1 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
    };
    EXPECT_DOUBLE_EQ(sample.conditional_median(j, 0.1, false),
                     median_of(order.begin(), order.begin() + 400))
        << j;
    // The highest: the last 400 in value; among equal values the earlier runs
    // come first, so sort those descending by value, ascending by run.
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
      return runs.inputs[a][index(in)] > runs.inputs[b][index(in)];
    });
    EXPECT_DOUBLE_EQ(sample.conditional_median(j, 0.1, true),
                     median_of(order.begin(), order.begin() + 400))
        << j;
  }
  // ROI rises with L0 in these runs (roi = 3 L0 + noise): high decile above low.
  EXPECT_GT(sample.conditional_median(0, 0.1, true), sample.conditional_median(0, 0.1, false));
  (void)sample.spearman(0);
  EXPECT_THROW((void)sample.conditional_median(0, 0.1, false), std::logic_error);
}

TEST(Collectors, SensitivitySampleRanksItsWindowOnly) {
  const Runs runs(6000);
  const RunRange window{1000, 5000};
  SensitivitySample sample({Input::leads_per_month, Input::average_check}, window);
  EXPECT_TRUE(sample.wants_inputs(4990, 5100));
  EXPECT_FALSE(sample.wants_inputs(5000, 5100));
  EXPECT_FALSE(sample.wants_inputs(0, 1000));
  SensitivitySample rest = sample.empty();
  runs.feed(sample, 0, 2500);  // runs outside the window are ignored
  EXPECT_FALSE(sample.complete());
  EXPECT_THROW((void)sample.spearman(0), std::logic_error);
  runs.feed(rest, 2500, 6000);
  sample.merge(rest);
  ASSERT_TRUE(sample.complete());
  // Spearman by sorting (no ties in these columns): ranks 1..n, then Pearson.
  auto ranks = [](std::vector<double> v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return v[a] < v[b]; });
    for (std::size_t r = 0; r < order.size(); ++r) v[order[r]] = static_cast<double>(r + 1);
    return v;
  };
  std::vector<double> lead, roi;
  for (std::uint64_t r = window.begin; r < window.end; ++r) {
    lead.push_back(runs.inputs[r][index(Input::leads_per_month)]);
    roi.push_back(runs.roi[r]);
  }
  const double expected = pearson(ranks(lead), ranks(roi));
  EXPECT_NEAR(sample.spearman(0), expected, 1e-12);
  EXPECT_GT(sample.spearman(0), 0.8);  // roi = 3 L0 + noise
  EXPECT_NEAR(sample.spearman(1), -expected, 1e-12);
  EXPECT_NEAR(sample.rank_correlation(0, 1), -1.0, 1e-12);
  EXPECT_TRUE(sample.varies(0));
  EXPECT_TRUE(sample.varies(2));  // the quantity
  EXPECT_THROW((void)sample.varies(3), std::out_of_range);
  EXPECT_THROW(runs.feed(sample, 1000, 1100), std::logic_error);  // ranked: closed
  SensitivitySample other({Input::leads_per_month}, window);
  EXPECT_THROW(rest.merge(other), std::invalid_argument);
}

TEST(Collectors, CountsAtMostTalliesEveryWholeT) {
  const Runs runs(5000);  // net: whole values 0..9 and +inf every seventh run
  CountsAtMost counts(Quantity::net_profit, 6);
  CountsAtMost part = counts.empty();
  runs.feed(counts, 0, 2500);
  runs.feed(part, 2500, 5000);
  counts.merge(part);
  EXPECT_EQ(counts.runs(), 5000u);
  for (int t = 0; t <= 6; ++t) {
    const auto expected = static_cast<std::uint64_t>(std::count_if(
        runs.net.begin(), runs.net.end(), [&](double v) { return v <= static_cast<double>(t); }));
    EXPECT_EQ(counts.at_most(t), expected) << t;
  }
  // Fractional values land at their ceiling: 0.5 is not <= 0, it is <= 1.
  CountsAtMost roi(Quantity::roi_pct, 1);
  runs.feed(roi, 0, 5000);
  for (int t = 0; t <= 1; ++t) {
    const auto expected = static_cast<std::uint64_t>(std::count_if(
        runs.roi.begin(), runs.roi.end(), [&](double v) { return v <= static_cast<double>(t); }));
    EXPECT_EQ(roi.at_most(t), expected) << t;
  }
  EXPECT_THROW((void)counts.at_most(7), std::out_of_range);
  CountsAtMost other(Quantity::net_profit, 5);
  EXPECT_THROW(counts.merge(other), std::invalid_argument);
}

TEST(Collectors, LowestValuesAreTheSortedRunsHeadWhateverTheSplit) {
  const Runs runs(20'000);
  const RunRange window{1000, 19'000};
  const std::uint64_t k = 900;  // 5 % of the window's 18 000 runs
  std::vector<double> sorted(runs.roi.begin() + 1000, runs.roi.begin() + 19'000);
  std::sort(sorted.begin(), sorted.end());
  sorted.resize(k);
  // One collector over everything, and four workers over interleaved blocks.
  LowestValues whole(Quantity::roi_pct, k, window);
  runs.feed(whole, 0, 20'000);
  EXPECT_EQ(whole.runs(), 18'000u);
  EXPECT_EQ(whole.values(), sorted);
  std::vector<std::unique_ptr<Collector>> workers;
  for (int w = 0; w < 4; ++w) workers.push_back(whole.empty_copy());
  for (std::size_t b = 0; b < 20'000; b += 1000) runs.feed(*workers[(b / 1000) % 4], b, b + 1000);
  LowestValues merged = whole.empty();
  std::vector<Collector*> parts{workers[3].get(), workers[1].get(), workers[0].get(),
                                workers[2].get()};
  merged.merge_parts(parts);
  EXPECT_EQ(merged.values(), sorted);
  const ExpectedShortfall a = whole.expected_shortfall(0.05);
  const ExpectedShortfall b = merged.expected_shortfall(0.05);
  double sum = 0;
  for (const double v : sorted) sum += v;
  EXPECT_NEAR(a.value, sum / static_cast<double>(k), 1e-12);
  EXPECT_EQ(a.value, b.value);  // the same bits: summed in ascending order
  EXPECT_EQ(a.se, b.se);
  EXPECT_EQ(a.tail_runs, k);
  // Ties: a column of whole values 0..9 (and +inf), 300 lowest are all 0.
  LowestValues ties(Quantity::net_profit, 300, {0, 20'000});
  runs.feed(ties, 0, 20'000);
  EXPECT_EQ(ties.values(), std::vector<double>(300, 0.0));
  EXPECT_EQ(ties.expected_shortfall(0.015).se, 0.0);
}

// The expected shortfall of U(0, 1) at 5 % is 0.025, and its asymptotic
// standard error sqrt((a^2 / 12 + (1 - a) a^2 / 4) / (a n)) (the tail is
// U(0, a), its mean a / 2 below the 5 % quantile a). Over 400 independent
// samples the 95 % interval ES +- 1.96 se covers 0.025 in 93-97 % of them:
// a binomial(400, 0.95) count lies in [368, 392] with probability > 0.99.
TEST(Collectors, ExpectedShortfallOfUniformMatchesItsClosedFormAndCovers) {
  constexpr std::size_t n = 20'000, samples = 400;
  constexpr double a = 0.05;
  const double se_closed = std::sqrt((a * a / 12 + (1 - a) * a * a / 4) / (a * n));
  std::vector<double> columns(kChunkRuns);
  int covered = 0;
  for (std::size_t s = 0; s < samples; ++s) {
    Rng rng(11, s);
    LowestValues tail(Quantity::roi_pct, n / 20, {0, n});
    for (std::size_t first = 0; first < n; first += kChunkRuns) {
      const std::size_t m = std::min(kChunkRuns, n - first);
      for (std::size_t i = 0; i < m; ++i) columns[i] = rng.uniform01();
      tail.add({first, m, 1, columns.data(), nullptr});
    }
    const ExpectedShortfall es = tail.expected_shortfall(a);
    ASSERT_TRUE(es.se.has_value());
    // The estimated error is the closed form's within 20 %: its own error is
    // about 5 % (the 5 % quantile's sd, sqrt(a (1 - a) / n) = 0.0015, is 6 %
    // of the gap a / 2 that dominates the variance), so 20 % is 4 sd.
    EXPECT_NEAR(*es.se, se_closed, 0.2 * se_closed) << s;
    if (std::abs(es.value - 0.025) <= kZ95 * *es.se) ++covered;
  }
  EXPECT_GE(covered, 368);
  EXPECT_LE(covered, 392);
}

}  // namespace
}  // namespace simroi
