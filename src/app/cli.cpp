#include "app/cli.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "simroi/core/error.h"
#include "simroi/engine/engine.h"
#include "simroi/report/output_dir.h"
#include "simroi/report/report.h"
#include "simroi/report/report_files.h"
#include "simroi/scenario/scenario.h"

namespace simroi {

namespace {

constexpr int kMaxThreads = 4096;
constexpr int kExitTerminated = 143;  // 128 + SIGTERM

std::string in_quotes(std::string_view text) {
  return "'" + std::string(text) + "'";
}

// A whole number, digits only (an optional leading '+'), that fits in uint64.
std::optional<std::uint64_t> parse_whole(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// ----- signals ---------------------------------------------------------------

std::atomic<bool> g_cancel{false};
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int signal_number) {
  g_signal = signal_number;
  g_cancel.store(true);
}

// Installs SIGINT/SIGTERM handlers that raise g_cancel (a second signal of the
// same kind gets the default action: SA_RESETHAND), and restores the old ones.
class SignalGuard {
 public:
  SignalGuard() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~SignalGuard() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

int interrupted_exit_code() {
  return g_signal == SIGTERM ? kExitTerminated : static_cast<int>(kExitInterrupted);
}

// ----- dispatch --------------------------------------------------------------

struct Request {
  enum class Command { run, compare, check } command = Command::run;
  std::vector<std::string> files;
  RunOptions options;
  Format format = Format::table;
  std::optional<std::string> out_dir;
};

void print_stdout(const std::string& text) {
  std::cout << text;
  std::cout.flush();
  if (!std::cout) throw std::runtime_error("cannot write to standard output");
}

void error_line(std::string_view message) {
  std::cerr << "simroi: error: " << message << '\n';
}

// Stops with InterruptedError when a signal arrived (also after a simulation
// that finished just as it came).
void check_cancel() {
  if (g_cancel.load()) throw InterruptedError();
}

SimulationResults simulate(const Scenario& scenario, const RunOptions& options) {
  check_cancel();
  SimulationResults results = run_simulation(scenario, options);
  check_cancel();
  return results;
}

// Load every file, collecting every file's diagnostics before failing.
std::vector<Scenario> load_all(const std::vector<std::string>& files) {
  std::vector<Scenario> scenarios;
  std::vector<Diagnostic> problems;
  for (const auto& file : files) {
    try {
      scenarios.push_back(load_scenario(file));
    } catch (const ScenarioError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  return scenarios;
}

int dispatch_check(const Request& request) {
  int failed = 0;
  for (const auto& file : request.files) {
    try {
      (void)load_scenario(file);
      print_stdout(file + ": ok\n");
    } catch (const ScenarioError& e) {
      ++failed;
      for (const auto& d : e.diagnostics()) error_line(d.format());
      if (e.diagnostics().empty()) error_line(e.what());
    } catch (const UserError& e) {
      ++failed;
      error_line(fmt::format("{}: {}", file, e.what()));
    }
  }
  if (failed > 0) {
    std::cerr << fmt::format("simroi: {} of {} file{} invalid\n", failed, request.files.size(),
                             request.files.size() == 1 ? " is" : "s are");
    return kExitUsage;
  }
  return kExitOk;
}

int dispatch_run(const Request& request) {
  const Scenario scenario = load_all(request.files).front();
  if (request.out_dir) prepare_output_dir(*request.out_dir);  // fail now, not after the run
  const Locale locale = Locale::english();
  const Document report = build_report(simulate(scenario, request.options));
  print_stdout(render(report, request.format, locale));
  if (request.out_dir) {
    const auto written = write_files(*request.out_dir, report_files(report, locale));
    std::cerr << fmt::format("simroi: wrote {} files to {}\n", written.size(), *request.out_dir);
  }
  return kExitOk;
}

int dispatch_compare(const Request& request) {
  const std::vector<Scenario> scenarios = load_all(request.files);
  if (request.out_dir) prepare_output_dir(*request.out_dir);  // fail now, not after the runs
  std::vector<SimulationResults> all;
  all.reserve(scenarios.size());
  for (const auto& scenario : scenarios) all.push_back(simulate(scenario, request.options));
  const Locale locale = Locale::english();
  const Document comparison = build_compare(all);
  print_stdout(render(comparison, request.format, locale));
  if (request.out_dir) {
    const auto written = write_files(*request.out_dir, compare_files(comparison, locale));
    std::cerr << fmt::format("simroi: wrote {} files to {}\n", written.size(), *request.out_dir);
  }
  return kExitOk;
}

// ----- the command line ------------------------------------------------------

constexpr const char* kDescription =
    "simroi: what an AI sales assistant will return to a small service business.\n"
    "Simulates a scenario file many times over its uncertain inputs and reports the\n"
    "distributions of ROI, net profit, NPV and payback month.";

constexpr const char* kFooter = R"(Commands:
  simroi SCENARIO.yaml [options]           same as `simroi run`
  simroi run SCENARIO.yaml [options]       simulate one scenario, print its report
  simroi compare A.yaml B.yaml [options]   simulate several, print them side by side
  simroi check A.yaml [B.yaml...]          validate only: "FILE: ok" per valid file

Examples:
  simroi scenarios/salon.yaml                          table report, settings from the file
  simroi scenarios/salon.yaml --runs 200000 --seed 7   more runs, another seed
  simroi scenarios/salon.yaml -j 4                     four worker threads, same results
  simroi scenarios/salon.yaml --format json > r.json   machine-readable report
  simroi scenarios/salon.yaml --format markdown        GitHub tables for a document
  simroi scenarios/salon.yaml --format csv             one tidy long table
  simroi scenarios/salon.yaml --out results/salon      also write report.* and charts
  simroi scenarios/salon.yaml --percentiles 5,50,95    only these percentiles
  simroi compare salon.yaml clinic.yaml -f markdown    scenarios side by side
  simroi check scenarios/*.yaml                        validate files
  simroi --version

Output goes to standard output; diagnostics to standard error.
Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad scenario,
130 interrupted (Ctrl-C), 143 terminated (SIGTERM).)";

struct RawOptions {
  std::string runs, seed, threads, format, out, percentiles;
  CLI::Option* runs_opt = nullptr;
  CLI::Option* seed_opt = nullptr;
  CLI::Option* threads_opt = nullptr;
  CLI::Option* format_opt = nullptr;
  CLI::Option* out_opt = nullptr;
  CLI::Option* percentiles_opt = nullptr;
};

void add_options(CLI::App& app, RawOptions& raw) {
  raw.runs_opt = app.add_option("-n,--runs", raw.runs,
                                "Number of Monte Carlo runs: a whole number from 1 to "
                                "10000000000 (1e5 is accepted). Overrides simulation.runs in "
                                "the file (default 100000). Example: --runs 200000")
                     ->type_name("N");
  raw.seed_opt = app.add_option("--seed", raw.seed,
                                "Master random seed, 0 to 18446744073709551615. Overrides "
                                "simulation.seed in the file (default 42); the same seed and "
                                "runs give the same report. Example: --seed 7")
                     ->type_name("S");
  raw.threads_opt = app.add_option("-j,--threads", raw.threads,
                                   "Worker threads, at least 1 (default: all cores). Does not "
                                   "change the results. Example: -j 4")
                        ->type_name("T");
  raw.format_opt = app.add_option("-f,--format", raw.format,
                                  "Output format: table (default), markdown, csv or json. "
                                  "Example: --format json")
                       ->type_name("F");
  raw.out_opt = app.add_option("-o,--out", raw.out,
                               "Also write the full report to DIR (created if missing): "
                               "report.json, report.md, report.csv, report.txt, fan.svg, "
                               "percentiles.svg; compare writes compare.* and one subfolder "
                               "per scenario. Example: --out results/salon")
                    ->type_name("DIR");
  raw.percentiles_opt = app.add_option("--percentiles", raw.percentiles,
                                       "Comma-separated percentiles in [0, 100] to report "
                                       "(default 5,10,25,50,75,90,95). Example: "
                                       "--percentiles 5,50,95")
                            ->type_name("LIST");
  // A repeated option: the last one wins, so scripts can append overrides.
  for (CLI::Option* option : {raw.runs_opt, raw.seed_opt, raw.threads_opt, raw.format_opt,
                              raw.out_opt, raw.percentiles_opt}) {
    option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  }
}

void apply_options(const RawOptions& raw, Request& request) {
  if (raw.runs_opt->count() > 0) request.options.runs = parse_run_count(raw.runs);
  if (raw.seed_opt->count() > 0) request.options.seed = parse_seed(raw.seed);
  if (raw.threads_opt->count() > 0) request.options.threads = parse_thread_count(raw.threads);
  if (raw.format_opt->count() > 0) {
    const auto format = parse_format(raw.format);
    if (!format) {
      throw UsageError("--format: unknown format " + in_quotes(raw.format) +
                       "; use table, markdown, csv or json");
    }
    request.format = *format;
  }
  if (raw.out_opt->count() > 0) {
    if (raw.out.empty()) throw UsageError("--out: the folder name is empty");
    request.out_dir = raw.out;
  }
  if (raw.percentiles_opt->count() > 0) {
    request.options.percentiles = parse_percentile_list(raw.percentiles);
  }
}

int run_cli_impl(int argc, char** argv) {
  CLI::App app{kDescription, "simroi"};
  app.set_version_flag("--version", std::string("simroi ") + SIMROI_VERSION,
                       "Print the version (simroi " SIMROI_VERSION ") and exit");
  app.set_help_flag("-h,--help", "Print this help and exit");
  app.footer(kFooter);
  app.require_subcommand(0, 1);

  RawOptions raw;
  add_options(app, raw);
  std::vector<std::string> main_files;
  app.add_option("scenario", main_files, "Scenario file to simulate (same as `simroi run`)")
      ->type_name("SCENARIO.yaml");

  std::vector<std::string> run_files, compare_files, check_files;
  CLI::App* run = app.add_subcommand("run", "Simulate one scenario and print its report");
  run->add_option("scenario", run_files, "Scenario file")->type_name("SCENARIO.yaml");
  run->fallthrough();
  CLI::App* compare =
      app.add_subcommand("compare", "Simulate several scenarios and print them side by side");
  compare->add_option("scenarios", compare_files, "Scenario files (one or more)")
      ->type_name("SCENARIO.yaml...");
  compare->fallthrough();
  CLI::App* check = app.add_subcommand(
      "check", "Validate scenario files without simulating; prints FILE: ok for each valid one");
  check->add_option("scenarios", check_files, "Scenario files (one or more)")
      ->type_name("SCENARIO.yaml...");
  check->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    error_line(e.what());
    std::cerr << "Run 'simroi --help' for the options and examples.\n";
    return kExitUsage;
  }

  Request request;
  request.options.cancel = &g_cancel;
  apply_options(raw, request);
  if (run->parsed()) {
    request.command = Request::Command::run;
    request.files = run_files;
  } else if (compare->parsed()) {
    request.command = Request::Command::compare;
    request.files = compare_files;
  } else if (check->parsed()) {
    request.command = Request::Command::check;
    request.files = check_files;
  } else {
    request.command = Request::Command::run;
    request.files = main_files;
    main_files.clear();
  }
  // With fallthrough, extra file names land in the top-level positional.
  request.files.insert(request.files.end(), main_files.begin(), main_files.end());
  if (request.files.empty()) {
    switch (request.command) {
      case Request::Command::check:
        throw UsageError(
            "check: no scenario file given; usage: simroi check SCENARIO.yaml... "
            "(e.g. simroi check scenarios/*.yaml; see simroi --help)");
      case Request::Command::compare:
        throw UsageError(
            "compare: no scenario file given; usage: simroi compare A.yaml B.yaml... "
            "[options] (see simroi --help)");
      case Request::Command::run:
        break;
    }
    throw UsageError(
        "no scenario file given; usage: simroi SCENARIO.yaml [options] "
        "(see simroi --help)");
  }
  if (request.command == Request::Command::run && request.files.size() > 1) {
    throw UsageError(
        fmt::format("run takes one scenario file, got {}; to see several side by "
                    "side use: simroi compare {}",
                    request.files.size(), fmt::join(request.files, " ")));
  }

  switch (request.command) {
    case Request::Command::check:
      return dispatch_check(request);
    case Request::Command::compare:
      return dispatch_compare(request);
    case Request::Command::run:
      break;
  }
  return dispatch_run(request);
}

}  // namespace

std::uint64_t parse_run_count(std::string_view text) {
  const auto bad = [text] {
    return UsageError(
        fmt::format("--runs: expected a whole number of runs from 1 to {} (e.g. --runs 100000 or "
                    "--runs 1e5), got {}",
                    kMaxRuns, in_quotes(text)));
  };
  const auto too_many = [text](double runs) {
    return UsageError(fmt::format("--runs: {} is more than simroi accepts: {}", in_quotes(text),
                                  too_many_runs_reason(runs)));
  };
  if (const auto whole = parse_whole(text)) {
    if (*whole < 1) throw bad();
    if (*whole > kMaxRuns) throw too_many(static_cast<double>(*whole));
    return *whole;
  }
  // Also what the scenario file accepts: an integral number such as 1e5 (and
  // digits too many for 64 bits, which are simply too many runs).
  std::string_view s = text;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value) ||
      value < 1 || value != std::floor(value)) {
    throw bad();
  }
  if (value > static_cast<double>(kMaxRuns)) throw too_many(value);
  return static_cast<std::uint64_t>(value);
}

std::uint64_t parse_seed(std::string_view text) {
  const auto value = parse_whole(text);
  if (!value) {
    throw UsageError(
        "--seed: expected a whole number from 0 to 18446744073709551615 (e.g. "
        "--seed 42), got " +
        in_quotes(text));
  }
  return *value;
}

int parse_thread_count(std::string_view text) {
  const auto value = parse_whole(text);
  if (!value || *value < 1 || *value > static_cast<std::uint64_t>(kMaxThreads)) {
    throw UsageError(fmt::format(
        "--threads: expected a whole number of threads from 1 to {} (e.g. -j 4), got {}",
        kMaxThreads, in_quotes(text)));
  }
  return static_cast<int>(*value);
}

std::vector<double> parse_percentile_list(std::string_view text) {
  std::vector<double> out;
  std::string_view rest = text;
  while (true) {
    const std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) {
      throw UsageError(
          "--percentiles: expected comma-separated numbers from 0 to 100 (e.g. "
          "--percentiles 5,50,95), got an empty item in " +
          in_quotes(text));
    }
    double p = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), p);
    if (ec != std::errc() || end != item.data() + item.size() || !std::isfinite(p) || p < 0 ||
        p > 100) {
      throw UsageError(
          "--percentiles: expected comma-separated numbers from 0 to 100 (e.g. "
          "--percentiles 5,50,95), got " +
          in_quotes(item));
    }
    out.push_back(p == 0 ? 0.0 : p);  // -0 -> 0
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int run_cli(int argc, char** argv) {
  const SignalGuard signals;
  try {
    return run_cli_impl(argc, argv);
  } catch (const InterruptedError&) {
    std::cerr << "simroi: interrupted\n";
    return interrupted_exit_code();
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) error_line(d.format());
    if (e.diagnostics().empty()) error_line(e.what());
    return e.exit_code();
  } catch (const UserError& e) {
    error_line(e.what());
    return e.exit_code();
  } catch (const std::exception& e) {
    error_line(e.what());
    return kExitRuntime;
  } catch (...) {
    error_line("unexpected failure");
    return kExitRuntime;
  }
}

}  // namespace simroi
