#include "simroi/engine/simulator.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <mutex>
#include <string>
#include <thread>

#include "simroi/core/error.h"
#include "simroi/core/parallel.h"
#include "simroi/sampling/sampler.h"
#include "simroi/scenario/validate.h"

namespace simroi {

namespace {

// Runs are processed in blocks of consecutive run indices; per-block partials
// are merged in block order, so sums never depend on threads. Blocks hold at
// least kMinBlockRuns runs and a study of runs() runs has at most kMaxBlocks of
// them, so the partials take bounded memory whatever the run count.
constexpr std::uint64_t kMinBlockRuns = 4096;
constexpr std::uint64_t kMaxBlocks = std::uint64_t{1} << 16;

}  // namespace

/// The progress of the run in progress: runs simulated out of runs expected,
/// reported from the calling thread only, at a bounded rate.
struct Simulator::Progress {
  const RunControl* control = nullptr;
  std::thread::id caller;
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> expected{0};
  std::chrono::steady_clock::time_point last{};
  double reported = 0.0;

  void begin(const RunControl& c) {
    control = &c;
    caller = std::this_thread::get_id();
    done.store(0);
    expected.store(0);
    last = std::chrono::steady_clock::now();
    reported = 0.0;
  }
  void check_cancel() const {
    if (control != nullptr && control->cancel != nullptr &&
        control->cancel->load(std::memory_order_relaxed)) {
      throw InterruptedError();
    }
  }
  /// After a block of `runs`: count them; report when due (caller's thread only).
  void advance(std::uint64_t runs) {
    done.fetch_add(runs, std::memory_order_relaxed);
    if (control == nullptr || !control->progress || std::this_thread::get_id() != caller) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last < control->progress_interval) return;
    last = now;
    const auto total = expected.load(std::memory_order_relaxed);
    if (total == 0) return;
    // Below 1 until the end: a pass may follow that nobody announced yet.
    const double fraction =
        std::min(0.999, static_cast<double>(done.load(std::memory_order_relaxed)) /
                            static_cast<double>(total));
    if (fraction <= reported) return;
    reported = fraction;
    control->progress(fraction);
  }
  void finish() {
    if (control != nullptr && control->progress) control->progress(1.0);
  }
};

Simulator::Simulator(const Scenario& scenario, const SimulatorOptions& options)
    : scenario_(scenario),
      seed_(options.seed.value_or(scenario.simulation.seed)),
      runs_(options.runs.value_or(scenario.simulation.runs)),
      threads_(options.threads > 0 ? options.threads : tbb::info::default_concurrency()),
      block_runs_(std::max(kMinBlockRuns, (runs_ + kMaxBlocks - 1) / kMaxBlocks)),
      timeline_(make_timeline(scenario)),
      arena_(std::make_unique<tbb::task_arena>(threads_)),
      progress_(std::make_unique<Progress>()) {
  if (runs_ == 0) throw std::invalid_argument("the number of runs must be at least 1");
  // The sampler's tables are built side by side, on this simulator's threads.
  arena_->execute([&] { sampler_ = std::make_unique<InputSampler>(scenario_, seed_, runs_); });
}

Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;

Simulator::Simulator(const Simulator& other)
    : scenario_(other.scenario_),
      seed_(other.seed_),
      runs_(other.runs_),
      threads_(other.threads_),
      block_runs_(other.block_runs_),
      timeline_(other.timeline_),
      sampler_(std::make_unique<InputSampler>(*other.sampler_)),
      arena_(std::make_unique<tbb::task_arena>(threads_)),
      progress_(std::make_unique<Progress>()) {}

Simulator& Simulator::operator=(const Simulator& other) {
  if (this != &other) *this = Simulator(other);
  return *this;
}

const std::vector<Input>& Simulator::uncertain() const noexcept {
  return sampler_->uncertain();
}

std::size_t Simulator::quantities() const noexcept {
  return quantity_count(timeline_.horizon());
}

void Simulator::set_input(Input id, const Distribution& dist) {
  // The changed scenario must pass what every scenario passes (validate.h):
  // the input's valid range, a total cost that can never be 0, correlations
  // of uncertain inputs only, ...
  if (auto problems = problems_with(id, dist); !problems.empty()) {
    throw ScenarioError(std::move(problems));
  }
  arena_->execute([&] { sampler_->set_input(id, dist); });
  scenario_.inputs[index(id)] = dist;
}

std::vector<Diagnostic> Simulator::problems_with(Input id, const Distribution& dist) const {
  Scenario changed = scenario_;
  changed.inputs[index(id)] = dist;
  return validate(changed);
}

Simulator Simulator::with_input(Input id, const Distribution& dist) const {
  Simulator copy(*this);
  copy.set_input(id, dist);
  return copy;
}

void Simulator::set_seed(std::uint64_t seed) {
  sampler_->set_seed(seed);
  seed_ = seed;
  scenario_.simulation.seed = seed;
}

void Simulator::execute_void(const std::function<void()>& f) {
  arena_->execute(f);
}

void Simulator::check_range(RunRange runs) const {
  if (runs.end < runs.begin) throw std::invalid_argument("a run range must have begin <= end");
  if (scenario_.simulation.sampling == Sampling::latin_hypercube && runs.end > runs_) {
    throw std::out_of_range("Latin hypercube runs [" + std::to_string(runs.begin) + ", " +
                            std::to_string(runs.end) + ") outside [0, " + std::to_string(runs_) +
                            ")");
  }
}

void Simulator::expect_runs(std::uint64_t runs) noexcept {
  progress_->expected.fetch_add(runs, std::memory_order_relaxed);
}

void Simulator::run(RunRange runs, std::span<Collector* const> collectors, PassDriver* driver,
                    const RunControl& control) {
  check_range(runs);
  arena_->execute([&] {
    progress_->begin(control);
    // However run() ends, the next pass() outside a run has no control.
    struct Reset {
      Progress& p;
      ~Reset() { p.control = nullptr; }
    } reset{*progress_};
    if (driver != nullptr) {
      driver->drive(*this, runs, collectors);
    } else {
      expect_runs(runs.size());
      pass(runs, collectors);
    }
    progress_->finish();
  });
}

void Simulator::pass(RunRange runs, std::span<Collector* const> collectors) {
  check_range(runs);
  if (runs.empty() || collectors.empty()) return;
  arena_->execute([&] {
    std::vector<Collector*> per_block, per_worker, shared;
    for (Collector* c : collectors) {
      switch (c->sharing()) {
        case Collector::Sharing::per_block:
          per_block.push_back(c);
          break;
        case Collector::Sharing::per_worker:
          per_worker.push_back(c);
          break;
        case Collector::Sharing::shared:
          shared.push_back(c);
          break;
      }
    }
    const std::uint64_t first_block = runs.begin / block_runs_;
    const std::uint64_t last_block = (runs.end + block_runs_ - 1) / block_runs_;
    const auto blocks = static_cast<std::size_t>(last_block - first_block);
    // per_block partials, [block][collector]
    std::vector<std::vector<std::unique_ptr<Collector>>> block_parts(per_block.empty() ? 0
                                                                                       : blocks);
    // per_worker partials, made on a worker's first block
    tbb::enumerable_thread_specific<std::vector<std::unique_ptr<Collector>>> worker_parts([&] {
      std::vector<std::unique_ptr<Collector>> parts;
      parts.reserve(per_worker.size());
      for (Collector* c : per_worker) parts.push_back(c->empty_copy());
      return parts;
    });

    parallel_for_range(
        tbb::blocked_range<std::uint64_t>(first_block, last_block, 1),
        [&](const tbb::blocked_range<std::uint64_t>& range) {
          std::vector<Collector*> sinks;
          for (std::uint64_t b = range.begin(); b != range.end(); ++b) {
            progress_->check_cancel();
            sinks.clear();
            std::vector<std::unique_ptr<Collector>> mine;
            mine.reserve(per_block.size());
            for (Collector* c : per_block) {
              mine.push_back(c->empty_copy());
              sinks.push_back(mine.back().get());
            }
            if (!per_worker.empty()) {
              for (auto& part : worker_parts.local()) sinks.push_back(part.get());
            }
            sinks.insert(sinks.end(), shared.begin(), shared.end());
            const std::uint64_t begin = std::max(runs.begin, b * block_runs_);
            const std::uint64_t end = std::min(runs.end, (b + 1) * block_runs_);
            simulate_block(begin, end, sinks);
            if (!per_block.empty())
              block_parts[static_cast<std::size_t>(b - first_block)] = std::move(mine);
            progress_->advance(end - begin);
          }
        },
        tbb::simple_partitioner());

    // Per-block partials in block order: the same sums whatever the thread count.
    std::vector<Collector*> parts;
    for (std::size_t c = 0; c < per_block.size(); ++c) {
      parts.clear();
      for (auto& block : block_parts) parts.push_back(block[c].get());
      per_block[c]->merge_parts(parts);
    }
    for (std::size_t c = 0; c < per_worker.size(); ++c) {
      parts.clear();
      for (auto& worker : worker_parts) parts.push_back(worker[c].get());
      per_worker[c]->merge_parts(parts);
    }
  });
}

// Simulate runs [begin, end) of one block. The runs go in chunks of
// kChunkRuns: each run's values are written into one column per quantity, then
// every sink takes the whole chunk, so that a tally places many values of one
// quantity in a row.
void Simulator::simulate_block(std::uint64_t begin, std::uint64_t end,
                               std::span<Collector* const> sinks) const {
  const auto horizon = static_cast<std::size_t>(timeline_.horizon());
  const std::size_t streams = quantity_count(timeline_.horizon());
  InputValues x{};
  std::vector<InputValues> kept_inputs;  // when a sink wants the chunk's inputs
  std::array<double, kMaxHorizonMonths> cumulative{};
  const std::span<double> months(cumulative.data(), horizon);
  std::vector<double> columns(streams * kChunkRuns);
  constexpr std::size_t kRoi = column(Quantity::roi_pct);
  constexpr std::size_t kNet = column(Quantity::net_profit);
  constexpr std::size_t kNpv = column(Quantity::npv);
  constexpr std::size_t kPayback = column(Quantity::payback);
  constexpr std::size_t kFirstMonth = column(Quantity::cumulative_net);
  for (std::uint64_t first = begin; first < end; first += kChunkRuns) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kChunkRuns, end - first));
    const bool keep = std::any_of(sinks.begin(), sinks.end(), [&](const Collector* c) {
      return c->wants_inputs(first, first + n);
    });
    if (keep && kept_inputs.empty()) kept_inputs.resize(kChunkRuns);
    InputValues* const xs = keep ? kept_inputs.data() : &x;
    const std::size_t step = keep ? 1 : 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t run = first + i;
      InputValues& in = xs[i * step];
      sampler_->draw(run, in);
      const RunOutcome out = simulate(timeline_, in, months);
      if (!std::isfinite(out.roi_pct) || !std::isfinite(out.net_profit) ||
          !std::isfinite(out.npv)) {
        throw std::runtime_error("run " + std::to_string(run) +
                                 " produced a non-finite result; are some inputs "
                                 "astronomically large?");
      }
      columns[kRoi * kChunkRuns + i] = out.roi_pct;
      columns[kNet * kChunkRuns + i] = out.net_profit;
      columns[kNpv * kChunkRuns + i] = out.npv;
      columns[kPayback * kChunkRuns + i] = out.payback;
      columns[column(Quantity::first_break_even) * kChunkRuns + i] = out.first_break_even;
      columns[column(Quantity::fell_back) * kChunkRuns + i] = out.fell_back;
      columns[column(Quantity::gain_leads) * kChunkRuns + i] = out.gain_leads;
      columns[column(Quantity::gain_conversion) * kChunkRuns + i] = out.gain_conversion;
      columns[column(Quantity::gain_no_shows) * kChunkRuns + i] = out.gain_no_shows;
      columns[column(Quantity::gain_repeat) * kChunkRuns + i] = out.gain_repeat;
      columns[column(Quantity::gain_time) * kChunkRuns + i] = out.gain_time;
      columns[column(Quantity::capacity_cut) * kChunkRuns + i] = out.capacity_cut;
      columns[column(Quantity::cash_roi_pct) * kChunkRuns + i] = out.cash_roi_pct;
      columns[column(Quantity::cash_net_profit) * kChunkRuns + i] = out.cash_net_profit;
      columns[column(Quantity::total_cost) * kChunkRuns + i] = out.total_cost;
      for (std::size_t t = 0; t < horizon; ++t)
        columns[(kFirstMonth + t) * kChunkRuns + i] = months[t];
    }
    const RunChunk chunk{first, n, streams, columns.data(), keep ? kept_inputs.data() : nullptr};
    for (Collector* sink : sinks) sink->add(chunk);
  }
}

}  // namespace simroi
