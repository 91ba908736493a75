#pragma once
// The command line (docs/scenario-format.md, "The command line"): argument
// parsing and dispatch only. Everything it does is a call into the library:
// load_scenario -> run_simulation -> a Reporter (and write_report_dir for --out).
//
//   simroi SCENARIO.yaml [options]            (= simroi run)
//   simroi run SCENARIO.yaml [options]
//   simroi compare A.yaml B.yaml... [options]
//   simroi check A.yaml...                    (validate only)
//   simroi --help | --version
//
// Exit codes: 0 success; 1 runtime failure; 2 bad usage or bad scenario;
// 130 interrupted by SIGINT, 143 by SIGTERM.
#include <cstdint>
#include <string_view>
#include <vector>

namespace simroi {

/// Parse, run, print. Never throws; returns the process exit code.
int run_cli(int argc, char** argv);

// Option values, parsed strictly (a whole string or an error). Each throws
// UsageError with a message naming the option and what would be right.

/// --runs: a whole number in [1, kMaxRuns = 1e10]; "1e5" notation is accepted.
[[nodiscard]] std::uint64_t parse_run_count(std::string_view text);
/// --seed: a whole number in [0, 2^64 - 1].
[[nodiscard]] std::uint64_t parse_seed(std::string_view text);
/// --threads: a whole number in [1, 4096].
[[nodiscard]] int parse_thread_count(std::string_view text);
/// --percentiles: comma-separated numbers in [0, 100]; returned sorted, without duplicates.
[[nodiscard]] std::vector<double> parse_percentile_list(std::string_view text);

}  // namespace simroi
