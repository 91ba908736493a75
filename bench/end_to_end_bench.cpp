// The whole command, end to end:
//   simroi scenarios/salon.yaml --runs N --format json > /dev/null
//
//   BM_EndToEndBinary/N      the real executable (SIMROI_BINARY, built with the
//                            bench) via std::system: process start, load,
//                            simulate on all cores, JSON to /dev/null. A
//                            non-zero exit status fails the benchmark.
//   BM_EndToEndInProcess/N   the same in this process: load_scenario +
//                            run_simulation (all cores) + the JSON reporter
//                            into a std::ostringstream.
// N = 1e6 and 1e7 runs; one iteration per repetition, wall time in ms.
//
// Run for docs/performance.md:
//   SIMROI_BENCH_FULL=1 build/bench/simroi_bench --benchmark_filter=EndToEnd
//       --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// The 1e7-run variants (5-20 s each) are registered only when the environment
// variable SIMROI_BENCH_FULL=1 is set, so that the CI's brief
// `simroi_bench --benchmark_min_time=0.01` stays short.
#include <benchmark/benchmark.h>
#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "simroi/engine/engine.h"
#include "simroi/report/report.h"
#include "simroi/scenario/scenario.h"

namespace simroi {
namespace {

const std::string& scenario_path() {
  static const std::string path = std::string(SIMROI_SOURCE_DIR) + "/scenarios/salon.yaml";
  return path;
}

bool full() {
  const char* v = std::getenv("SIMROI_BENCH_FULL");
  return v != nullptr && std::string(v) == "1";
}

void BM_EndToEndBinary(benchmark::State& state) {
  const std::string command = std::string("'") + SIMROI_BINARY + "' '" + scenario_path() +
                              "' --runs " + std::to_string(state.range(0)) +
                              " --format json > /dev/null";
  for (auto _ : state) {
    const int status = std::system(command.c_str());
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      const std::string what = status == -1 ? "could not start a shell"
                               : !WIFEXITED(status)
                                   ? "killed by a signal"
                                   : "exit status " + std::to_string(WEXITSTATUS(status));
      state.SkipWithError((command + ": " + what).c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_EndToEndInProcess(benchmark::State& state) {
  RunOptions options;
  options.runs = static_cast<std::uint64_t>(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const Scenario s = load_scenario(scenario_path());
    const auto results = run_simulation(s, options);
    std::ostringstream out;
    make_reporter(Format::json)->report(out, results);
    bytes = out.str().size();
    benchmark::DoNotOptimize(bytes);
  }
  if (bytes == 0) state.SkipWithError("empty JSON report");
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

const bool kRegistered = [] {
  for (auto* b : {benchmark::RegisterBenchmark("BM_EndToEndBinary", BM_EndToEndBinary),
                  benchmark::RegisterBenchmark("BM_EndToEndInProcess", BM_EndToEndInProcess)}) {
    b->Arg(1'000'000);
    if (full()) b->Arg(10'000'000);
    b->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
  }
  return true;
}();

}  // namespace
}  // namespace simroi
