// The Simulator: a prepared scenario asked again and again gives what a fresh
// run_simulation gives; ranges split and merged give the whole range; the
// thread count changes nothing; a changed input equals a fresh simulator with
// that input; progress and cancellation. (Suite names start with "Engine" so
// that the ThreadSanitizer job of .ci/run runs them.)
#include "simroi/engine/simulator.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <thread>
#include <vector>

#include "engine_fixtures.h"
#include "simroi/core/error.h"
#include "simroi/engine/engine.h"
#include "simroi/model/model.h"
#include "simroi/sampling/sampler.h"
#include "simroi/scenario/scenario.h"
#include "simroi/scenario/validate.h"
#include "simroi/stats/collectors.h"
#include "simroi/stats/exact_quantiles.h"

namespace simroi {
namespace {

using testing::expect_identical_and_alike;
using testing::expect_same_bits;
using testing::uncertain_scenario;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

SimulatorOptions prepared(std::optional<std::uint64_t> runs, int threads,
                          std::optional<std::uint64_t> seed = std::nullopt) {
  SimulatorOptions o;
  o.runs = runs;
  o.threads = threads;
  o.seed = seed;
  return o;
}

RunOptions fresh_options(std::uint64_t runs, std::uint64_t seed, int threads) {
  RunOptions o;
  o.runs = runs;
  o.seed = seed;
  o.threads = threads;
  return o;
}

// The scenarios the engine tests build in code pass what every scenario must.
TEST(EngineSimulator, TheFixturesAreValidScenarios) {
  EXPECT_TRUE(validate(testing::article_scenario()).empty());
  EXPECT_TRUE(validate(uncertain_scenario()).empty());
  EXPECT_TRUE(validate(uncertain_scenario(120)).empty());
}

// 100 simulations of 10^4 runs on one prepared simulator -- a new seed each
// time, and every tenth time one input changed (an independent PERT input drawn
// through its table, or the correlated lead growth) -- each identical to a fresh
// run_simulation of the same scenario, seed and runs. Prints the time per
// simulation of both ways (the overhead a prepared simulator saves;
// BM_SimulatorLoop in bench/engine_bench.cpp measures it properly).
TEST(EngineSimulator, HundredSimulationsOnOnePreparedSamplerEqualFreshRuns) {
  constexpr std::uint64_t kRuns = 10'000;
  constexpr int kThreads = 2;
  Scenario scenario = uncertain_scenario();
  Simulator sim(scenario, prepared(kRuns, kThreads, 0));
  const ReportOptions report;
  double prepared_s = 0.0, fresh_s = 0.0;
  for (std::uint64_t k = 0; k < 100; ++k) {
    if (k % 10 == 3) {
      const Distribution monthly = Distribution::pert(5000, 15000 + 100.0 * k, 40000);
      sim.set_input(Input::monthly, monthly);
      scenario.inputs[index(Input::monthly)] = monthly;
    }
    if (k % 10 == 7) {
      const Distribution growth = Distribution::normal(0.05 + 0.001 * k, 0.1).truncated(-0.1, 1);
      sim.set_input(Input::lead_growth, growth);
      scenario.inputs[index(Input::lead_growth)] = growth;
    }
    auto start = std::chrono::steady_clock::now();
    sim.set_seed(k);
    const SimulationResults prepared = run_simulation(sim, report);
    prepared_s += seconds_since(start);
    start = std::chrono::steady_clock::now();
    const SimulationResults fresh = run_simulation(scenario, fresh_options(kRuns, k, kThreads));
    fresh_s += seconds_since(start);
    SCOPED_TRACE("simulation " + std::to_string(k));
    EXPECT_EQ(prepared.seed, k);
    expect_identical_and_alike(prepared, fresh);
    if (::testing::Test::HasFailure()) break;
  }
  std::printf(
      "per simulation of 10^4 runs (full report, %d threads): prepared %.2f ms, "
      "fresh run_simulation %.2f ms\n",
      kThreads, prepared_s * 10.0, fresh_s * 10.0);
}

/// A few collectors of every sharing kind over `runs`.
struct Collectors {
  explicit Collectors(const Simulator& sim)
      : moments({Quantity::roi_pct, Quantity::npv, cumulative_net(12)}),
        counts({{Quantity::roi_pct, RunEvent::Test::below, 0.0},
                {Quantity::payback, RunEvent::Test::at_most, 6.0},
                {Quantity::payback, RunEvent::Test::at_least, RunOutcome::kNotWithinHorizon}}),
        sample(sim.uncertain(), {1000, 21000}) {}
  RunMoments moments;
  EventCounts counts;
  SensitivitySample sample;
  void merge(Collectors& later) {
    moments.merge(later.moments);
    counts.merge(later.counts);
    sample.merge(later.sample);
  }
};

void expect_same(Collectors& whole, Collectors& parts, bool moments_bitwise) {
  for (std::size_t i = 0; i < 3; ++i) {
    const Moments a = whole.moments.moments(i), b = parts.moments.moments(i);
    EXPECT_EQ(a.n, b.n);
    expect_same_bits(a.min, b.min, "min");
    expect_same_bits(a.max, b.max, "max");
    if (moments_bitwise) {
      expect_same_bits(a.mean, b.mean, "mean");
      expect_same_bits(a.m2, b.m2, "m2");
    } else {  // one merge in another order: rounding only
      EXPECT_NEAR(a.mean, b.mean, 1e-12 * std::abs(a.mean));
      EXPECT_NEAR(a.m2, b.m2, 1e-12 * a.m2);
    }
  }
  EXPECT_EQ(whole.counts.runs(), parts.counts.runs());
  for (std::size_t e = 0; e < 3; ++e) EXPECT_EQ(whole.counts.count(e), parts.counts.count(e));
  ASSERT_TRUE(parts.sample.complete());
  for (std::size_t j = 0; j < whole.sample.inputs().size(); ++j) {
    expect_same_bits(whole.sample.spearman(j), parts.sample.spearman(j), "spearman");
  }
}

// Runs [0, n) at once, or as [0, m) and [m, n) -- the second part on another
// simulator, as another process would -- merged: the same counts, sample and
// (when m is on the block grid) the same bits of every moment.
TEST(EngineSimulator, RangeSplitInTwoAndMergedEqualsTheWholeRange) {
  const Scenario s = uncertain_scenario();
  constexpr std::uint64_t kRuns = 30'000;
  Simulator one(s, prepared(kRuns, 2));
  Simulator other(s, prepared(kRuns, 1));
  ASSERT_EQ(one.block_runs(), 4096u);
  Collectors whole(one);
  one.run(one.all_runs(), {&whole.moments, &whole.counts, &whole.sample});
  EXPECT_EQ(whole.counts.runs(), kRuns);
  EXPECT_GT(whole.counts.count(0), 0u);  // some losses, some paybacks within 6 months
  EXPECT_GT(whole.counts.count(1), 0u);
  for (const std::uint64_t m : {std::uint64_t{3 * 4096}, std::uint64_t{10'001}}) {
    SCOPED_TRACE("split at " + std::to_string(m));
    Collectors first(one), second(one);
    one.run({0, m}, {&first.moments, &first.counts, &first.sample});
    other.run({m, kRuns}, {&second.moments, &second.counts, &second.sample});
    EXPECT_FALSE(first.sample.complete());
    first.merge(second);
    expect_same(whole, first, /*moments_bitwise=*/m % one.block_runs() == 0);
  }
}

// A prepared simulator's results do not depend on its threads, for the full
// report and for collectors alone.
TEST(EngineSimulator, ThreadCountChangesNothing) {
  const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
  const Scenario s = uncertain_scenario();
  std::vector<SimulationResults> results;
  std::vector<Moments> roi;
  for (const int threads : {1, 2, 8}) {
    Simulator sim(s, prepared(30'000, threads));
    EXPECT_EQ(sim.threads(), threads);
    results.push_back(run_simulation(sim, ReportOptions{}));
    RunMoments moments({Quantity::roi_pct});
    sim.run({5000, 29000}, {&moments});
    roi.push_back(moments.moments(0));
  }
  for (std::size_t i = 1; i < results.size(); ++i) {
    expect_identical_and_alike(results[0], results[i]);
    expect_same_bits(roi[0].mean, roi[i].mean, "mean");
    expect_same_bits(roi[0].m2, roi[i].m2, "m2");
  }
}

// set_input / with_input give what a simulator built with that input gives:
// the full report, for inputs drawn every way, in both samplings.
TEST(EngineSimulator, ChangedInputEqualsAFreshSimulator) {
  struct Change {
    Input id;
    Distribution to;
  };
  const std::vector<Change> changes{
      {Input::monthly, Distribution::pert(4000, 12000, 30000)},                // table
      {Input::booking_conversion_uplift, Distribution::pert(0.0, 0.15, 0.3)},  // copula
      {Input::no_show_rate, Distribution::triangular(0.05, 0.1, 0.3)},         // closed form
      {Input::manager_hours_saved, Distribution::uniform(5, 25)},              // was fixed
      {Input::average_check, Distribution::fixed(2000)},                       // now fixed
  };
  for (const Sampling sampling : {Sampling::monte_carlo, Sampling::latin_hypercube}) {
    Scenario s = uncertain_scenario();
    s.simulation.sampling = sampling;
    s.simulation.runs = 8000;
    Simulator sim(s, prepared(std::nullopt, 2));
    const SimulationResults before = run_simulation(sim, ReportOptions{});
    for (const Change& c : changes) {
      SCOPED_TRACE(std::string(info(c.id).path));
      const Simulator copy = sim.with_input(c.id, c.to);
      sim.set_input(c.id, c.to);
      s.inputs[index(c.id)] = c.to;
      Simulator fresh(s, prepared(std::nullopt, 2));
      const SimulationResults expected = run_simulation(fresh, ReportOptions{});
      expect_identical_and_alike(run_simulation(sim, ReportOptions{}), expected);
      Simulator copied = copy;
      expect_identical_and_alike(run_simulation(copied, ReportOptions{}), expected);
    }
    EXPECT_NE(before.roi_pct.mean, run_simulation(sim, ReportOptions{}).roi_pct.mean);
  }
}

TEST(EngineSimulator, WithInputLeavesTheOriginalAlone) {
  Simulator sim(uncertain_scenario(), prepared(5000, 2));
  const SimulationResults before = run_simulation(sim, ReportOptions{});
  const Simulator changed = sim.with_input(Input::monthly, Distribution::fixed(1000));
  EXPECT_EQ(changed.scenario().input(Input::monthly).mean(), 1000.0);
  expect_identical_and_alike(run_simulation(sim, ReportOptions{}), before);
  // A refused change (a correlated input made fixed) leaves it as it was too.
  EXPECT_THROW(sim.set_input(Input::lead_growth, Distribution::fixed(0.1)), ScenarioError);
  // So does a distribution outside the input's valid range (a conversion above
  // 100 %), or one that lets a run cost nothing.
  EXPECT_THROW(sim.set_input(Input::booking_conversion, Distribution::uniform(0.5, 1.5)),
               ScenarioError);
  expect_identical_and_alike(run_simulation(sim, ReportOptions{}), before);
  Scenario cheap = uncertain_scenario();
  cheap.inputs[index(Input::implementation)] = Distribution::fixed(0);
  cheap.inputs[index(Input::per_lead)] = Distribution::fixed(0);
  Simulator free_sim(cheap, prepared(1000, 1));
  EXPECT_THROW(free_sim.set_input(Input::monthly, Distribution::uniform(0, 100)), ScenarioError);
  free_sim.set_input(Input::monthly, Distribution::uniform(1, 100));  // never 0: accepted
}

// Progress: from the calling thread only, non-decreasing, in [0, 1], ending
// at 1; cancellation raised from the progress callback stops the run.
TEST(EngineSimulator, ProgressFromTheCallerThreadAndCancellation) {
  Simulator sim(uncertain_scenario(), prepared(400'000, 2));
  std::vector<double> seen;
  bool other_thread = false;
  const auto caller = std::this_thread::get_id();
  ReportOptions report;
  report.control.progress_interval = std::chrono::milliseconds(0);
  report.control.progress = [&](double f) {
    other_thread |= std::this_thread::get_id() != caller;
    seen.push_back(f);
  };
  (void)run_simulation(sim, report);
  EXPECT_FALSE(other_thread);
  ASSERT_GE(seen.size(), 5u);  // 98 blocks, about half of them on this thread
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_GT(seen.front(), 0.0);
  EXPECT_LT(seen[seen.size() - 2], 1.0);
  EXPECT_EQ(seen.back(), 1.0);

  std::atomic<bool> cancel{false};
  report.control.cancel = &cancel;
  report.control.progress = [&](double f) {
    if (f > 0.25) cancel = true;
  };
  EXPECT_THROW((void)run_simulation(sim, report), InterruptedError);
  // The simulator is still usable after a cancelled run.
  cancel = false;
  report.control.progress = nullptr;
  RunMoments roi({Quantity::roi_pct});
  sim.run({0, 1000}, {&roi});
  EXPECT_EQ(roi.moments(0).n, 1000u);
}

TEST(EngineSimulator, RangesOutsideTheDesignAreRefused) {
  Scenario s = uncertain_scenario();
  s.simulation.sampling = Sampling::latin_hypercube;
  Simulator lhs(s, prepared(1000, 1));
  RunMoments roi({Quantity::roi_pct});
  EXPECT_THROW(lhs.run({500, 1001}, {&roi}), std::out_of_range);
  EXPECT_THROW(lhs.run({10, 5}, {&roi}), std::invalid_argument);
  EXPECT_THROW(Simulator(s, prepared(0, 1)), std::invalid_argument);
  // Plain Monte Carlo: run i does not depend on the run count, so runs beyond
  // runs() are the runs a larger study would have.
  s.simulation.sampling = Sampling::monte_carlo;
  Simulator small(s, prepared(1000, 1));
  Simulator large(s, prepared(3000, 1));
  EventCounts a({{Quantity::roi_pct, RunEvent::Test::below, 0.0}});
  EventCounts b = a.empty();
  small.run({1000, 3000}, {&a});
  large.run({1000, 3000}, {&b});
  EXPECT_EQ(a.count(0), b.count(0));
  EXPECT_EQ(a.runs(), 2000u);
}

// Exact quantiles of a range that does not start at 0 are the order statistics
// of exactly its runs, whichever way they are found.
TEST(EngineSimulator, ExactQuantilesOfASubRangeMatchBruteForce) {
  const Scenario s = uncertain_scenario();
  Simulator sim(s, prepared(200'000, 2));
  const RunRange range{50'000, 130'000};
  InputSampler sampler(s, s.simulation.seed, 200'000);
  const Timeline timeline = make_timeline(s);
  std::vector<double> roi;
  InputValues x{};
  for (std::uint64_t r = range.begin; r < range.end; ++r) {
    sampler.draw(r, x);
    roi.push_back(simulate(timeline, x).roi_pct);
  }
  std::sort(roi.begin(), roi.end());
  const std::vector<double> ps{1, 50, 99};
  for (const Selection selection :
       {Selection::all_kept, Selection::one_pass, Selection::two_pass}) {
    ExactQuantileOptions options;
    options.selection = selection;
    options.pilot_runs = 4096;
    ExactQuantiles q({{Quantity::roi_pct, ps}}, options);
    RunMoments moments({Quantity::roi_pct});
    sim.run(range, {&moments}, q);
    EXPECT_EQ(q.selection(), selection);
    EXPECT_EQ(moments.moments(0).n, range.size());  // the rider saw each run once
    const auto est = q.percentiles(0);
    ASSERT_EQ(est.size(), ps.size());
    for (const auto& e : est) {
      const double h = (static_cast<double>(roi.size()) - 1.0) * e.p / 100.0;
      const auto lo = static_cast<std::size_t>(std::floor(h));
      const double expected = roi[lo] + (h - std::floor(h)) * (roi[lo + 1] - roi[lo]);
      EXPECT_EQ(e.value, expected) << selection_name(selection) << " P" << e.p;
    }
  }
}

}  // namespace
}  // namespace simroi
