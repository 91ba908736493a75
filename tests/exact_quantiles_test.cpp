// ExactQuantiles drives any RunSource: here a toy one (no model, no threads)
// whose values are a fixed function of the run index, so the order statistics
// can be found by sorting. Every selection method, and the exact fallback,
// must give numpy's percentiles of exactly the range's runs; riders must see
// each run once; the runs announced for progress must be the runs simulated.
#include "simroi/stats/exact_quantiles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include "simroi/random/random.h"
#include "simroi/stats/collectors.h"
#include "simroi/stats/statistics.h"

namespace simroi {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kQuantities = 5;  // roi, net, npv, payback, K_1

/// Quantity q of run i: skewed (roi), heavily tied (net: 20 values), normal-ish
/// (npv), partly +inf (payback), and a constant (K_1).
double toy_value(std::uint64_t run, std::size_t q) {
  Rng rng(2024, run);
  const double u = rng.uniform01();
  switch (q) {
    case 0:
      return std::exp(3.0 * u) - 5.0;
    case 1:
      return std::floor(20.0 * u);
    case 2:
      return u + rng.uniform01() + rng.uniform01();
    case 3:
      return u < 0.3 ? kInf : 12.0 * u;
    default:
      return 42.0;
  }
}

/// A RunSource in one thread that still plays every Sharing by its rules: a
/// partial per block (merged in block order), two "workers" taking blocks in
/// turn, shared collectors fed directly.
class ToySource final : public RunSource {
 public:
  void pass(RunRange runs, std::span<Collector* const> collectors) override {
    std::vector<std::vector<std::unique_ptr<Collector>>> blocks;
    std::vector<std::unique_ptr<Collector>> workers[2];
    for (Collector* c : collectors) {
      if (c->sharing() == Collector::Sharing::per_worker) {
        for (auto& w : workers) w.push_back(c->empty_copy());
      }
    }
    std::vector<double> columns(kQuantities * kChunkRuns);
    for (std::uint64_t b = runs.begin / kBlock; b * kBlock < runs.end; ++b) {
      const std::uint64_t begin = std::max(runs.begin, b * kBlock);
      const std::uint64_t end = std::min(runs.end, (b + 1) * kBlock);
      std::vector<std::unique_ptr<Collector>> mine;
      std::vector<Collector*> sinks;
      std::size_t w = 0;
      for (Collector* c : collectors) {
        switch (c->sharing()) {
          case Collector::Sharing::per_block:
            mine.push_back(c->empty_copy());
            sinks.push_back(mine.back().get());
            break;
          case Collector::Sharing::per_worker:
            sinks.push_back(workers[b % 2][w++].get());
            break;
          case Collector::Sharing::shared:
            sinks.push_back(c);
            break;
        }
      }
      for (std::uint64_t first = begin; first < end; first += kChunkRuns) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kChunkRuns, end - first));
        for (std::size_t i = 0; i < n; ++i) {
          for (std::size_t q = 0; q < kQuantities; ++q) {
            columns[q * kChunkRuns + i] = toy_value(first + i, q);
          }
        }
        const RunChunk chunk{first, n, kQuantities, columns.data(), nullptr};
        for (Collector* sink : sinks) sink->add(chunk);
      }
      simulated_ += end - begin;
      blocks.push_back(std::move(mine));
    }
    std::size_t block_index = 0, worker_index = 0;
    for (Collector* c : collectors) {
      std::vector<Collector*> parts;
      if (c->sharing() == Collector::Sharing::per_block) {
        for (auto& block : blocks) parts.push_back(block[block_index].get());
        ++block_index;
      } else if (c->sharing() == Collector::Sharing::per_worker) {
        for (auto& w : workers) parts.push_back(w[worker_index].get());
        ++worker_index;
      } else {
        continue;
      }
      c->merge_parts(parts);
    }
  }
  [[nodiscard]] std::size_t quantities() const noexcept override { return kQuantities; }
  [[nodiscard]] std::uint64_t block_runs() const noexcept override { return kBlock; }
  void expect_runs(std::uint64_t runs) noexcept override { expected_ += runs; }

  std::uint64_t simulated_ = 0;
  std::uint64_t expected_ = 0;
  static constexpr std::uint64_t kBlock = 1000;
};

double numpy_linear(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p / 100.0;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  const double frac = h - std::floor(h);
  if (frac == 0.0 || sorted[lo] == sorted[hi]) return sorted[lo];
  if (std::isinf(sorted[hi])) return sorted[hi];
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

struct Case {
  Selection selection;
  double sigmas;
  int min_passes;
};

class ExactQuantilesDriving : public ::testing::TestWithParam<Case> {};

TEST_P(ExactQuantilesDriving, GiveTheSortedRangesPercentiles) {
  const Case c = GetParam();
  const RunRange range{1500, 61'500};  // not on the block grid at either end
  const std::vector<double> ps{0, 2.5, 50, 90, 100};
  std::vector<QuantileRequest> requests;
  for (std::size_t q = 0; q < kQuantities; ++q) requests.push_back({static_cast<Quantity>(q), ps});
  ExactQuantileOptions options;
  options.selection = c.selection;
  options.pilot_sigmas = c.sigmas;
  options.pilot_runs = 2000;
  ExactQuantiles quantiles(requests, options);
  ToySource source;
  EventCounts rider({{Quantity::roi_pct, RunEvent::Test::below, 0.0}});
  RunMoments moments({Quantity::npv});
  Collector* const riders[] = {&rider, &moments};
  quantiles.drive(source, range, riders);

  EXPECT_EQ(quantiles.selection(), c.selection);
  EXPECT_GE(quantiles.passes(), c.min_passes);
  EXPECT_EQ(rider.runs(), range.size());  // each run once, replays or not
  EXPECT_EQ(moments.moments(0).n, range.size());
  EXPECT_EQ(source.simulated_, source.expected_);
  if (quantiles.passes() == 1) {
    EXPECT_EQ(source.simulated_, range.size());
  } else {
    EXPECT_GT(source.simulated_, range.size());  // replays
  }
  for (std::size_t q = 0; q < kQuantities; ++q) {
    std::vector<double> sorted;
    for (std::uint64_t r = range.begin; r < range.end; ++r) sorted.push_back(toy_value(r, q));
    std::sort(sorted.begin(), sorted.end());
    const auto est = quantiles.percentiles(q);
    ASSERT_EQ(est.size(), ps.size());
    for (const auto& e : est) {
      EXPECT_EQ(e.value, numpy_linear(sorted, e.p)) << "quantity " << q << " P" << e.p;
      const auto ranks = percentile_ranks(sorted.size(), e.p);
      ASSERT_EQ(e.ci_low.has_value(), ranks.ci_low.has_value());
      ASSERT_EQ(e.ci_high.has_value(), ranks.ci_high.has_value());
      if (ranks.ci_low) {
        EXPECT_EQ(*e.ci_low, sorted[*ranks.ci_low]);
      }
      if (ranks.ci_high) {
        EXPECT_EQ(*e.ci_high, sorted[*ranks.ci_high]);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryMethod, ExactQuantilesDriving,
                         ::testing::Values(Case{Selection::all_kept, 6.0, 1},
                                           Case{Selection::one_pass, 6.0, 1},
                                           Case{Selection::two_pass, 6.0, 2},
                                           Case{Selection::one_pass, 0.0, 3},
                                           Case{Selection::two_pass, 0.0, 3}));

TEST(ExactQuantiles, RefusesPercentilesOutside0To100AndEmptyRanges) {
  EXPECT_THROW(ExactQuantiles({{Quantity::roi_pct, {50, 101}}}), std::invalid_argument);
  EXPECT_THROW(ExactQuantiles({{Quantity::roi_pct, {-1}}}), std::invalid_argument);
  ExactQuantiles q({{Quantity::roi_pct, {50}}});
  ToySource source;
  EXPECT_THROW(q.drive(source, {10, 10}, {}), std::invalid_argument);
  EXPECT_TRUE(q.percentiles(0).empty());  // nothing driven yet
}

}  // namespace
}  // namespace simroi
