#pragma once
// A Simulator: a scenario prepared once -- its timeline, the sampler's tables
// (normal-score maps, Cholesky factor, strata keys), its own oneTBB task arena
// -- and then asked, as often as needed, for the runs [begin, end) and for
// exactly the statistics a caller needs, as collectors (stats/collectors.h) and
// pass drivers (stats/exact_quantiles.h). The full report is one such request
// (engine.h, run_simulation).
//
//   SimulatorOptions options;
//   options.runs = 10'000;
//   Simulator sim(scenario, options);
//   RunMoments roi({Quantity::roi_pct});
//   EventCounts loss({{Quantity::roi_pct, RunEvent::Test::below, 0.0}});
//   ExactQuantiles median({{Quantity::roi_pct, {50}}});
//   sim.run(sim.all_runs(), {&roi, &loss}, median);
//   roi.moments(0).mean; loss.probability(0); median.percentiles(0)[0];
//   sim.set_input(Input::lead_growth, Distribution::pert(0.05, 0.1, 0.2));
//   sim.run(...);  // only lead_growth's table was rebuilt
//
// Results never depend on the thread count: run i draws from streams keyed by
// (seed, i) only (random.h), and collectors merge as their Sharing says
// (stats/collector.h). A range split into parts run apart (on one simulator,
// several, or several processes with the same scenario, seed and runs) gives
// collectors that merge into those of the whole range.
//
// Process-wide settings: none. The arena limits this simulator's threads; it
// cannot raise the process's limit (oneTBB's default, the core count): an
// application that wants more threads than cores sets
// tbb::global_control::max_allowed_parallelism itself (src/app/commands.cpp does).
//
// Not thread-safe: one run(), set_input() or set_seed() at a time per
// Simulator. Separate simulators may run at the same time.
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "simroi/model/model.h"
#include "simroi/scenario/scenario.h"
#include "simroi/stats/collector.h"

namespace simroi {

class InputSampler;

/// Thrown when RunControl::cancel was raised (exit 130).
class InterruptedError : public std::runtime_error {
 public:
  InterruptedError() : std::runtime_error("interrupted") {}
};

/// How a Simulator is prepared.
struct SimulatorOptions {
  std::optional<std::uint64_t> seed;  ///< overrides scenario.simulation.seed
  /// The run count of the study (overrides scenario.simulation.runs): Latin
  /// hypercube's strata (ranges must then lie in [0, runs)) and the block grid
  /// (block_runs()). Plain Monte Carlo accepts any range.
  std::optional<std::uint64_t> runs;
  int threads = 0;  ///< the arena's threads; 0: oneTBB's default (all cores)
};

/// Progress and cancellation of one Simulator::run.
struct RunControl {
  /// Polled between blocks of runs; when it becomes true the run stops with
  /// InterruptedError. May be null.
  const std::atomic<bool>* cancel = nullptr;
  /// Called with the fraction of the work done, in [0, 1], non-decreasing,
  /// always from the thread that called run(), at most once per
  /// progress_interval (and once with 1 at the end). Work is the runs to
  /// simulate, replays included; a replay decided on the way (a rare exact
  /// fallback) makes the fraction pause rather than step back. May be empty.
  std::function<void(double)> progress;
  std::chrono::milliseconds progress_interval{100};
};

class Simulator final : public RunSource {
 public:
  /// Prepare `scenario` (validated: load_scenario, or validate() for one built
  /// in code; not checked again here). Builds the sampler's
  /// tables on the arena. Throws std::invalid_argument for runs == 0, a
  /// correlation naming a fixed input, or a matrix that is not positive
  /// semi-definite.
  explicit Simulator(const Scenario& scenario, const SimulatorOptions& options = {});
  ~Simulator();
  /// A copy has its own arena (same threads) and copies of the tables.
  Simulator(const Simulator& other);
  Simulator& operator=(const Simulator& other);
  Simulator(Simulator&&) noexcept;
  Simulator& operator=(Simulator&&) noexcept;

  /// Simulate `runs` and show every run once to each of `collectors`; with a
  /// `driver`, the driver asks for the passes it needs (replays included) and
  /// the collectors ride along. Everything runs on this simulator's arena.
  /// Throws std::out_of_range for a Latin-hypercube range beyond [0, runs()),
  /// InterruptedError when cancelled, std::runtime_error for a non-finite run.
  void run(RunRange runs, std::span<Collector* const> collectors, PassDriver* driver = nullptr,
           const RunControl& control = {});
  void run(RunRange runs, std::initializer_list<Collector*> collectors,
           const RunControl& control = {}) {
    run(runs, std::span<Collector* const>(collectors.begin(), collectors.size()), nullptr, control);
  }
  void run(RunRange runs, std::initializer_list<Collector*> collectors, PassDriver& driver,
           const RunControl& control = {}) {
    run(runs, std::span<Collector* const>(collectors.begin(), collectors.size()), &driver, control);
  }

  /// Replace one input's distribution and rebuild only its sampler state (its
  /// normal-score table; the draw plan); every other input keeps its table
  /// and its draws (each input has its own stream: sampler.h). The changed scenario must pass
  /// validate() (scenario/validate.h: the input's valid range, a total cost
  /// that is never 0, correlated inputs uncertain, ...); else ScenarioError
  /// with its diagnostics (exit 2), and nothing changes.
  void set_input(Input id, const Distribution& dist);
  /// What validate() finds in the scenario with input `id` drawn from
  /// `dist`: empty exactly when set_input(id, dist) would accept it (for a
  /// search that must stay inside the valid range, e.g. solve's ends).
  [[nodiscard]] std::vector<Diagnostic> problems_with(Input id, const Distribution& dist) const;
  /// A copy with one input changed (set_input on a copy).
  [[nodiscard]] Simulator with_input(Input id, const Distribution& dist) const;
  /// Draw from another master seed; no table is rebuilt.
  void set_seed(std::uint64_t seed);

  [[nodiscard]] const Scenario& scenario() const noexcept { return scenario_; }
  [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
  [[nodiscard]] std::uint64_t runs() const noexcept { return runs_; }
  [[nodiscard]] RunRange all_runs() const noexcept { return {0, runs_}; }
  [[nodiscard]] int threads() const noexcept { return threads_; }
  [[nodiscard]] int horizon_months() const noexcept { return timeline_.horizon(); }
  /// The uncertain inputs, in Input order.
  [[nodiscard]] const std::vector<Input>& uncertain() const noexcept;

  // RunSource (stats/collector.h): for pass drivers, on this simulator's arena.
  void pass(RunRange runs, std::span<Collector* const> collectors) override;
  [[nodiscard]] std::size_t quantities() const noexcept override;
  [[nodiscard]] std::uint64_t block_runs() const noexcept override { return block_runs_; }
  void expect_runs(std::uint64_t runs) noexcept override;

  /// Call f() on this simulator's arena (so that its parallel loops use its
  /// threads); returns what f returns.
  template <typename F>
  auto execute(F&& f) -> decltype(f());

 private:
  struct Progress;
  void execute_void(const std::function<void()>& f);
  void check_range(RunRange runs) const;
  void simulate_block(std::uint64_t begin, std::uint64_t end,
                      std::span<Collector* const> sinks) const;

  Scenario scenario_;
  std::uint64_t seed_;
  std::uint64_t runs_;
  int threads_;
  std::uint64_t block_runs_;
  Timeline timeline_;
  std::unique_ptr<InputSampler> sampler_;
  std::unique_ptr<tbb::task_arena> arena_;
  std::unique_ptr<Progress> progress_;  // of the run in progress
};

template <typename F>
auto Simulator::execute(F&& f) -> decltype(f()) {
  using R = decltype(f());
  if constexpr (std::is_void_v<R>) {
    execute_void([&] { f(); });
  } else {
    std::optional<R> result;
    execute_void([&] { result.emplace(f()); });
    return std::move(*result);
  }
}

}  // namespace simroi
