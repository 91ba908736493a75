// The decision commands end to end (docs/decisions.md), the real executable
// via std::system, output to /dev/null, wall time (both cores):
//
//   BM_DecideSolve   simroi solve salon.yaml --vary costs.implementation
//                    --target "P(payback<=6) >= 90%"   (10^5 runs an evaluation)
//   BM_DecideVoi     simroi voi salon.yaml              (10^5 runs, 17 EVPPI + a group)
//   BM_DecidePilot   simroi pilot salon.yaml --weeks 2,4,8 --cost 20000
//                    (a 20 000-run prior, 4 000 simulated pilots per length)
//
// Targets (issue 13): solve <= 1 s, voi <= 2 s, pilot <= 10 s on 2 cores.
// Registered only with SIMROI_BENCH_FULL=1 (seconds each):
//   SIMROI_BENCH_FULL=1 build/bench/simroi_bench --benchmark_filter=BM_Decide
//       --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <sys/wait.h>

#include <cstdlib>
#include <string>

namespace simroi {
namespace {

bool full() {
  const char* v = std::getenv("SIMROI_BENCH_FULL");
  return v != nullptr && std::string(v) == "1";
}

void run_command(benchmark::State& state, const std::string& args) {
  const std::string command = std::string("'") + SIMROI_BINARY + "' " + args + " '" +
                              SIMROI_SOURCE_DIR + "/scenarios/salon.yaml' >/dev/null 2>&1";
  for (auto _ : state) {
    const int status = std::system(command.c_str());
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      state.SkipWithError((command + ": failed").c_str());
      break;
    }
  }
}

void BM_DecideSolve(benchmark::State& state) {
  run_command(state,
              "solve --vary costs.implementation --target 'P(payback<=6) >= 90%' --runs 100000");
}
void BM_DecideVoi(benchmark::State& state) {
  run_command(state, "voi --runs 100000");
}
void BM_DecidePilot(benchmark::State& state) {
  run_command(state, "pilot --weeks 2,4,8 --cost 20000");
}

const bool kRegistered = [] {
  if (!full()) return false;
  for (auto* b : {benchmark::RegisterBenchmark("BM_DecideSolve", BM_DecideSolve),
                  benchmark::RegisterBenchmark("BM_DecideVoi", BM_DecideVoi),
                  benchmark::RegisterBenchmark("BM_DecidePilot", BM_DecidePilot)}) {
    b->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
  }
  return true;
}();

}  // namespace
}  // namespace simroi
