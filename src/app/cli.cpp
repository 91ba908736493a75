// The command line's grammar (src/app/cli.h).
#include "app/cli.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string>
#include <tuple>

#include "simroi/core/error.h"
#include "simroi/scenario/scenario.h"

namespace simroi::app {

namespace {

constexpr int kMaxThreads = 4096;

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

// ----- the options -----------------------------------------------------------

// One option: its names, the name of its value in --help, its help, and how
// its value (the last one given: scripts can append overrides) changes the
// request. Applied in this order after parsing, so the first bad value in
// this order is the one reported.
struct OptionSpec {
  const char* names;
  const char* value_name;
  Text help;
  void (*apply)(Request& request, std::string_view value);
};

std::vector<OptionSpec> option_table() {
  return {
      {"-n,--runs", "N",
       tr("Number of Monte Carlo runs: a whole number from 1 to 10000000000 (1e5 is accepted). "
          "Overrides simulation.runs in the file (default 100000). Example: --runs 200000"),
       [](Request& r, std::string_view v) { r.options.runs = parse_run_count(v); }},
      {"--seed", "S",
       tr("Master random seed, 0 to 18446744073709551615. Overrides simulation.seed in the file "
          "(default 42); the same seed and runs give the same report. Example: --seed 7"),
       [](Request& r, std::string_view v) { r.options.seed = parse_seed(v); }},
      {"-j,--threads", "T",
       tr("Worker threads, at least 1 (default: all cores). Does not change the results. "
          "Example: -j 4"),
       [](Request& r, std::string_view v) { r.options.threads = parse_thread_count(v); }},
      {"-f,--format", "F",
       tr("Output format: table (default), markdown, csv or json. Example: --format json"),
       [](Request& r, std::string_view v) { r.format = parse_format_option(v); }},
      {"-o,--out", "DIR",
       tr("Also write the full report to DIR (created if missing): report.json, report.md, "
          "report.csv, report.txt, report.xlsx, report.html, fan.svg, percentiles.svg, "
          "scenario.yaml (the scenario as simulated, --set applied) "
          "and provenance.txt (version, date, seed, runs, --set); compare writes compare.* and "
          "one subfolder per scenario; solve, sweep, voi and pilot write their answer as "
          "solve.md, solve.csv, solve.json (sweep.*, voi.*, pilot.*). Example: --out "
          "results/salon"),
       [](Request& r, std::string_view v) {
         if (v.empty()) throw UsageError(tr("--out: the folder name is empty"));
         r.out_dir = std::string(v);
       }},
      {"--percentiles", "LIST",
       tr("Comma-separated percentiles in [0, 100] to report (default 5,10,25,50,75,90,95). "
          "Example: --percentiles 5,50,95"),
       [](Request& r, std::string_view v) { r.options.percentiles = parse_percentile_list(v); }},
      {"--csv", "FLAVOUR",
       tr("CSV for Excel or for machines: excel (UTF-8 with BOM, ';', decimal comma, rounded) "
          "or rfc (RFC 4180, full precision). --format csv prints rfc unless --csv excel; --out "
          "adds report-excel.csv when excel (the default under --lang ru). Example: --csv excel"),
       [](Request& r, std::string_view v) { r.csv = parse_csv_option(v); }},
      {"--lang", "LANG",
       tr("Language of the reports and messages: en or ru (default: from LC_ALL, LC_MESSAGES or "
          "LANG, Russian when the locale is Russian). Example: --lang ru"),
       [](Request& r, std::string_view v) { r.language = parse_language_option(v); }},
  };
}

Text description() {
  // TRANSLATORS: the first lines of --help
  return tr(
      "simroi: what an AI sales assistant will return to a small service business.\n"
      "Simulates a scenario file many times over its uncertain inputs and reports the\n"
      "distributions of ROI, net profit, NPV and payback month.");
}

Text footer() {
  return tr(R"(Commands:
  simroi SCENARIO.yaml [options]           same as `simroi run`
  simroi run SCENARIO.yaml [options]       simulate one scenario, print its report
  simroi compare A.yaml B.yaml [options]   simulate several, print them side by side
  simroi check A.yaml [B.yaml...]          validate only: "FILE: ok" per valid file
  simroi solve A.yaml --vary KEY --target "STAT OP VALUE"   goal seek
  simroi sweep A.yaml --vary KEY=LIST|A:B:N [--stat LIST]     decision table
  simroi voi A.yaml                        value of information (EVPI, EVPPI)
  simroi pilot A.yaml --weeks 2,4,8 [--cost X]               is a pilot worth it
  simroi new TYPE [-o FILE] [--leads N]    write a scenario to edit (simroi new --list)

Examples:
  simroi scenarios/salon.yaml                          table report, settings from the file
  simroi scenarios/salon.yaml --runs 200000 --seed 7   more runs, another seed
  simroi scenarios/salon.yaml -j 4                     four worker threads, same results
  simroi scenarios/salon.yaml --format json > r.json   machine-readable report
  simroi scenarios/salon.yaml --format markdown        GitHub tables for a document
  simroi scenarios/salon.yaml --format csv             one tidy long table
  simroi scenarios/salon.yaml --out results/salon      also write report.* and charts
  simroi scenarios/salon.yaml --percentiles 5,50,95    only these percentiles
  simroi salon.yaml --set costs.implementation=80000   what if the setup costs 80 000
  simroi scenarios/salon.yaml --lang ru                the report in Russian
  simroi compare salon.yaml clinic.yaml -f markdown    scenarios side by side
  simroi check scenarios/*.yaml                        validate files
  simroi solve salon.yaml --vary costs.implementation --target "P(payback<=6) >= 90%"
  simroi sweep salon.yaml --vary costs.implementation=40000:160000:7 --out sweep
  simroi pilot salon.yaml --weeks 2,4,8 --cost 20000
  simroi new dental --leads 90 -o my.yaml              a dental office with 90 leads a month
  simroi --version

Output goes to standard output; diagnostics to standard error.
Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad scenario,
130 interrupted (Ctrl-C), 143 terminated (SIGTERM).)");
}

}  // namespace

ParsedCommandLine parse_command_line(int argc, const char* const* argv, const Locale& ui,
                                     Console console) {
  CLI::App app{description().render(ui), "simroi"};
  // CLI11's own words in the help, in the reader's language; subcommands
  // inherit the formatter and the option group.
  auto formatter = std::make_shared<CLI::Formatter>();
  formatter->label("Usage", tr("Usage").render(ui));
  formatter->label("OPTIONS", tr("OPTIONS").render(ui));
  formatter->label("SUBCOMMAND", tr("COMMAND").render(ui));
  formatter->label("SUBCOMMANDS", tr("COMMANDS").render(ui));
  formatter->label("Positionals", tr("Positionals").render(ui));
  formatter->label("REQUIRED", tr("REQUIRED").render(ui));
  formatter->label("Excludes", tr("Excludes").render(ui));
  formatter->label("Needs", tr("Needs").render(ui));
  formatter->label("Env", tr("Env").render(ui));
  app.formatter(formatter);
  app.option_defaults()->group(tr("Options").render(ui));
  app.set_version_flag("--version", std::string("simroi ") + SIMROI_VERSION,
                       tr("Print the version (simroi {}) and exit", SIMROI_VERSION).render(ui));
  app.set_help_flag("-h,--help", tr("Print this help and exit").render(ui));
  app.footer(footer().render(ui));
  app.require_subcommand(0, 1);

  const std::vector<OptionSpec> specs = option_table();
  std::vector<std::string> values(specs.size());
  std::vector<CLI::Option*> options;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    options.push_back(app.add_option(specs[i].names, values[i], specs[i].help.render(ui))
                          ->type_name(specs[i].value_name)
                          ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast));
  }
  DecideOptions decide;
  std::vector<std::string> sets;
  app.add_option("--set", sets,
                 tr("Replace one input for this command, VALUE in the scenario syntax; "
                    "repeatable. A correlation naming an input made fixed is dropped with a "
                    "note. Example: --set costs.implementation=80000 --set "
                    "\"assistant.lead_growth={{pert: [0, 0.1, 0.3]}}\"")
                     .render(ui))
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  CLI::Option* precision_option =
      app.add_option("--precision", decide.precision,
                     tr("Run until every chosen 95 % interval is within its half-width, doubling "
                        "from 10000 runs up to --runs (default cap 10000000); e.g. --precision "
                        "\"median(roi)=1,P(roi<0)=0.5%\", or --precision default "
                        "(median(roi)=1,P(roi<0)=0.5%,P(payback<=6)=0.5%). sweep: per point; "
                        "solve: the runs per evaluation, for the target's statistic (e.g. 0.5%; "
                        "default 0.5% of a probability, 1 point of ROI, 0.1 month); voi: EVPI's, "
                        "pilot: each EVSI's half-width, an amount or a share of EVPI (default 2%)")
                         .render(ui))
          ->type_name("STAT=HALF,...");
  std::vector<std::string> main_files;
  app.add_option("scenario", main_files,
                 tr("Scenario file to simulate (same as `simroi run`)").render(ui))
      ->type_name("SCENARIO.yaml");

  std::vector<std::string> run_files, compare_files, check_files;
  CLI::App* run =
      app.add_subcommand("run", tr("Simulate one scenario and print its report").render(ui));
  run->add_option("scenario", run_files, tr("Scenario file").render(ui))
      ->type_name("SCENARIO.yaml");
  run->fallthrough();
  CLI::App* compare = app.add_subcommand(
      "compare", tr("Simulate several scenarios and print them side by side").render(ui));
  compare->add_option("scenarios", compare_files, tr("Scenario files (one or more)").render(ui))
      ->type_name("SCENARIO.yaml...");
  compare->fallthrough();
  CLI::App* check = app.add_subcommand(
      "check", tr("Validate scenario files without simulating; prints FILE: ok for each valid one")
                   .render(ui));
  check->add_option("scenarios", check_files, tr("Scenario files (one or more)").render(ui))
      ->type_name("SCENARIO.yaml...");
  check->fallthrough();

  // The decision commands (docs/decisions.md).
  std::vector<std::string> solve_files, sweep_files, voi_files, pilot_files;
  std::string cost;
  CLI::App* solve = app.add_subcommand(
      "solve",
      tr("Goal seek: the value of one input at which a statistic reaches a target").render(ui));
  solve->add_option("scenario", solve_files, tr("Scenario file").render(ui))
      ->type_name("SCENARIO.yaml");
  solve
      ->add_option("--vary", decide.vary,
                   tr("The input to move, e.g. costs.implementation").render(ui))
      ->type_name("KEY")
      ->allow_extra_args(false);
  solve
      ->add_option("--target", decide.target,
                   tr("STATISTIC OP VALUE, e.g. \"P(payback<=6) >= 90%\", \"median(roi) >= 0\", "
                      "\"P(roi<0) <= 10%\"")
                       .render(ui))
      ->type_name("TARGET");
  solve->fallthrough();
  CLI::App* sweep = app.add_subcommand(
      "sweep",
      tr("Decision table: chosen statistics for each value of one or two inputs").render(ui));
  sweep->add_option("scenario", sweep_files, tr("Scenario file").render(ui))
      ->type_name("SCENARIO.yaml");
  sweep
      ->add_option("--vary", decide.vary,
                   tr("KEY=LIST or KEY=A:B:N (once or twice), e.g. "
                      "costs.implementation=40000,80000,120000 or costs.monthly=5000:30000:6")
                       .render(ui))
      ->type_name("KEY=VALUES")
      ->allow_extra_args(false);
  CLI::Option* stat_option =
      sweep
          ->add_option("--stat", decide.stats,
                       tr("Comma-separated statistics (default mean(roi),median(roi),P(roi<0),"
                          "P(payback<=6),mean(npv)); see docs/decisions.md for the grammar")
                           .render(ui))
          ->type_name("LIST");
  sweep->fallthrough();
  CLI::App* voi = app.add_subcommand(
      "voi", tr("Value of information: EVPI and the EVPPI of each input, ranked").render(ui));
  voi->add_option("scenario", voi_files, tr("Scenario file").render(ui))
      ->type_name("SCENARIO.yaml");
  voi->fallthrough();
  CLI::App* pilot = app.add_subcommand(
      "pilot", tr("Is a pilot worth it: EVSI of pilots of several lengths").render(ui));
  pilot->add_option("scenario", pilot_files, tr("Scenario file").render(ui))
      ->type_name("SCENARIO.yaml");
  CLI::Option* weeks_option =
      pilot
          ->add_option("--weeks", decide.weeks,
                       tr("Pilot lengths in weeks (default 2,4,8)").render(ui))
          ->type_name("LIST");
  CLI::Option* cost_option =
      pilot->add_option("--cost", cost, tr("The pilot's fee, e.g. --cost 20000").render(ui))
          ->type_name("X");
  pilot->fallthrough();
  // simroi new TYPE: its own options (-o is the FILE written, not --out's DIR).
  std::string new_type, new_leads, new_check, new_conversion, new_slots, new_output, new_lang;
  bool new_list = false;
  CLI::App* create = app.add_subcommand(
      "new", tr("Write a commented scenario for a business type, to edit and run").render(ui));
  create
      ->add_option("type", new_type, tr("Business type (simroi new --list shows them)").render(ui))
      ->type_name("TYPE");
  create->add_flag("--list", new_list, tr("List the business types and exit").render(ui));
  create->add_option("--leads", new_leads, tr("Your leads a month, e.g. --leads 120").render(ui))
      ->type_name("N");
  create
      ->add_option("--check", new_check,
                   tr("Your average check in roubles, e.g. --check 2000").render(ui))
      ->type_name("A");
  create
      ->add_option("--conversion", new_conversion,
                   tr("Your share of leads that book, e.g. --conversion 40%").render(ui))
      ->type_name("C");
  create
      ->add_option("--free-slots", new_slots,
                   tr("Extra visits a month you can still serve, e.g. --free-slots 60").render(ui))
      ->type_name("F");
  create
      ->add_option("-o,--output", new_output,
                   tr("Write the scenario to FILE (not over an existing one) instead of "
                      "standard output")
                       .render(ui))
      ->type_name("FILE");
  create->add_option("--lang", new_lang, tr("Language of the comments: en or ru").render(ui))
      ->type_name("LANG");

  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->group(tr("Subcommands").render(ui));
    // Its own -h was made before the group of options was named.
    if (CLI::Option* help = sub->get_help_ptr()) help->group(tr("Options").render(ui));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return {std::nullopt, app.exit(e, console.out, console.err)};
  } catch (const CLI::CallForAllHelp& e) {
    return {std::nullopt, app.exit(e, console.out, console.err)};
  } catch (const CLI::CallForVersion& e) {
    return {std::nullopt, app.exit(e, console.out, console.err)};
  } catch (const CLI::ParseError& e) {
    // The two CLI11 messages people meet, in the reader's language: an
    // unknown argument ("The following argument was not expected: --bogus")
    // and an option without its value ("--seed: 1 required S missing").
    const std::string what = e.what();
    const auto colon = what.find(": ");
    std::string message = what;
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::ExtrasError) &&
        colon != std::string::npos) {
      message = tr("unexpected argument: {}", what.substr(colon + 2)).render(ui);
    } else if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::ArgumentMismatch) &&
               colon != std::string::npos && what.find(" missing") != std::string::npos) {
      message = tr("{}: the value is missing", what.substr(0, colon)).render(ui);
    }
    print_error(console.err, message, ui);
    console.err << tr("Run 'simroi --help' for the options and examples.").render(ui) << '\n';
    return {std::nullopt, kExitUsage};
  }

  Request request;
  request.sets = sets;
  request.language = language_from_environment();
  request.decide = decide;
  // An option given an empty value is a mistake, not a request for its default.
  for (const auto& [option, value, name] :
       {std::tuple{precision_option, &decide.precision, "--precision"},
        std::tuple{stat_option, &decide.stats, "--stat"},
        std::tuple{weeks_option, &decide.weeks, "--weeks"},
        std::tuple{cost_option, &cost, "--cost"}}) {
    if (option->count() > 0 && value->find_first_not_of(" \t") == std::string::npos) {
      throw UsageError(tr("{}: the value is empty", name));
    }
  }
  if (cost_option->count() > 0) {
    double value = 0;
    std::string_view c = cost;
    const auto [end, ec] = std::from_chars(c.data(), c.data() + c.size(), value);
    if (ec != std::errc() || end != c.data() + c.size() || !std::isfinite(value) || value < 0) {
      throw UsageError(tr("--cost: expected an amount of at least 0 (e.g. --cost 20000), got {}",
                          in_quotes(cost)));
    }
    request.decide.cost = value;
  }
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (options[i]->count() > 0) specs[i].apply(request, values[i]);
  }
  if (create->parsed()) {
    request.command = Command::new_scenario;
    NewScenarioRequest& n = request.new_scenario;
    n.list = new_list;
    n.type = new_type;
    if (create->count("--leads") > 0) {
      n.owner.leads_per_month = parse_owner_number("--leads", new_leads, false, "120");
    }
    if (create->count("--check") > 0) {
      n.owner.average_check = parse_owner_number("--check", new_check, false, "2000");
      // The first-visit check is a range around it in whole roubles: a check
      // of a few roubles has no range (and is no service business's).
      if (*n.owner.average_check < 100) {
        throw UsageError(
            tr("--check: expected an average check of at least 100 roubles "
               "(e.g. --check 2000), got {}",
               in_quotes(new_check)));
      }
    }
    if (create->count("--conversion") > 0) {
      n.owner.booking_conversion = parse_owner_number("--conversion", new_conversion, true, "40%");
    }
    if (create->count("--free-slots") > 0) {
      n.owner.spare_visits_per_month = parse_owner_number("--free-slots", new_slots, false, "60");
    }
    if (create->count("--output") > 0) {
      if (new_output.empty()) throw UsageError(tr("-o: the file name is empty"));
      n.output = new_output;
    }
    n.comments = create->count("--lang") > 0 ? parse_language_option(new_lang) : request.language;
    return {std::move(request), kExitOk};
  }
  if (run->parsed()) {
    request.command = Command::run;
    request.files = run_files;
  } else if (compare->parsed()) {
    request.command = Command::compare;
    request.files = compare_files;
  } else if (check->parsed()) {
    request.command = Command::check;
    request.files = check_files;
  } else if (solve->parsed()) {
    request.command = Command::solve;
    request.files = solve_files;
  } else if (sweep->parsed()) {
    request.command = Command::sweep;
    request.files = sweep_files;
  } else if (voi->parsed()) {
    request.command = Command::voi;
    request.files = voi_files;
  } else if (pilot->parsed()) {
    request.command = Command::pilot;
    request.files = pilot_files;
  } else {
    // `simroi nwe salon`: a first word that is no file and does not look like
    // one (no '.', no '/') is a mistyped command, not a scenario.
    if (!main_files.empty()) {
      const std::string& first = main_files.front();
      std::error_code ec;
      if (first.find_first_of("./\\") == std::string::npos && !std::filesystem::exists(first, ec)) {
        throw UsageError(
            tr("unknown command '{}'; the commands are run, compare, check, solve, sweep, voi, "
               "pilot and new "
               "(or give a scenario file: simroi SCENARIO.yaml; see simroi --help)",
               first));
      }
    }
    request.command = Command::run;
    request.files = main_files;
    main_files.clear();
  }
  // With fallthrough, extra file names land in the top-level positional.
  request.files.insert(request.files.end(), main_files.begin(), main_files.end());
  if (request.files.empty()) {
    switch (request.command) {
      case Command::check:
        throw UsageError(
            tr("check: no scenario file given; usage: simroi check SCENARIO.yaml... "
               "(e.g. simroi check scenarios/*.yaml; see simroi --help)"));
      case Command::compare:
        throw UsageError(
            tr("compare: no scenario file given; usage: simroi compare A.yaml B.yaml... "
               "[options] (see simroi --help)"));
      case Command::run:
      case Command::new_scenario:  // returned above
        break;
      default:
        throw UsageError(
            tr("no scenario file given; usage: simroi {} SCENARIO.yaml [options] "
               "(see simroi --help)",
               command_name(request.command)));
    }
    throw UsageError(
        tr("no scenario file given; usage: simroi SCENARIO.yaml [options] (see simroi --help)"));
  }
  if (request.command != Command::run && request.command != Command::compare &&
      request.command != Command::check && request.files.size() > 1) {
    throw UsageError(tr("this command takes one scenario file, got {}", request.files.size()));
  }
  if (request.command == Command::run && request.files.size() > 1) {
    throw UsageError(
        tr("run takes one scenario file, got {}; to see several side by side use: "
           "simroi compare {}",
           request.files.size(), fmt::format("{}", fmt::join(request.files, " "))));
  }
  return {std::move(request), kExitOk};
}

std::uint64_t parse_run_count(std::string_view text) {
  const auto bad = [text] {
    return UsageError(
        tr("--runs: expected a whole number of runs from 1 to {} (e.g. --runs "
           "100000 or --runs 1e5), got {}",
           kMaxRuns, in_quotes(text)));
  };
  const auto too_many = [text](double runs) {
    return UsageError(tr("--runs: {} is more than simroi accepts: {}", in_quotes(text),
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
        tr("--seed: expected a whole number from 0 to 18446744073709551615 (e.g. --seed 42), "
           "got {}",
           in_quotes(text)));
  }
  return *value;
}

int parse_thread_count(std::string_view text) {
  const auto value = parse_whole(text);
  if (!value || *value < 1 || *value > static_cast<std::uint64_t>(kMaxThreads)) {
    throw UsageError(
        tr("--threads: expected a whole number of threads from 1 to {} (e.g. -j 4), got {}",
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
          tr("--percentiles: expected comma-separated numbers from 0 to 100 (e.g. "
             "--percentiles 5,50,95), got an empty item in {}",
             in_quotes(text)));
    }
    double p = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), p);
    if (ec != std::errc() || end != item.data() + item.size() || !std::isfinite(p) || p < 0 ||
        p > 100) {
      throw UsageError(
          tr("--percentiles: expected comma-separated numbers from 0 to 100 (e.g. "
             "--percentiles 5,50,95), got {}",
             in_quotes(item)));
    }
    out.push_back(p == 0 ? 0.0 : p);  // -0 -> 0
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double parse_owner_number(std::string_view option, std::string_view text, bool share,
                          std::string_view example) {
  std::string_view s = text;
  bool percent = false;
  if (share && !s.empty() && s.back() == '%') {
    percent = true;
    s.remove_suffix(1);
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (percent) value /= 100.0;
  const bool ok = !s.empty() && ec == std::errc() && end == s.data() + s.size() &&
                  std::isfinite(value) && value >= 0 && (!share || value <= 1);
  if (!ok) {
    if (share) {
      throw UsageError(
          tr("{}: expected a share from 0 to 1 or a percentage from 0% to 100% "
             "(e.g. {} {}), got {}",
             option, option, example, in_quotes(text)));
    }
    throw UsageError(tr("{}: expected a number, 0 or more (e.g. {} {}), got {}", option, option,
                        example, in_quotes(text)));
  }
  return value == 0 ? 0.0 : value;  // -0 -> 0
}

Format parse_format_option(std::string_view text) {
  const auto format = parse_format(text);
  if (!format) {
    throw UsageError(
        tr("--format: unknown format {}; use table, markdown, csv or json", in_quotes(text)));
  }
  return *format;
}

Language language_of_locale_names(const char* lc_all, const char* lc_messages, const char* lang) {
  // POSIX: the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty
  // names the locale of messages.
  for (const char* name : {lc_all, lc_messages, lang}) {
    if (name == nullptr || *name == '\0') continue;
    const std::string_view n(name);
    // "ru", "ru_RU", "ru_RU.UTF-8", "ru@...", "russian"
    const bool russian =
        (n.size() >= 2 && n.substr(0, 2) == "ru" &&
         (n.size() == 2 || n[2] == '_' || n[2] == '.' || n[2] == '@' || n[2] == '-')) ||
        n == "russian";
    return russian ? Language::ru : Language::en;
  }
  return Language::en;
}

Language language_from_environment() {
  return language_of_locale_names(std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"),
                                  std::getenv("LANG"));
}

Language initial_language(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a(argv[i]);
    std::optional<Language> asked;
    if (a == "--lang" && i + 1 < argc) {
      asked = parse_language(argv[i + 1]);
    } else if (a.substr(0, 7) == "--lang=") {
      asked = parse_language(a.substr(7));
    } else if (a == "--") {
      break;
    }
    if (asked) return *asked;
  }
  return language_from_environment();
}

CsvFlavor parse_csv_option(std::string_view text) {
  const auto flavor = parse_csv_flavor(text);
  if (!flavor) {
    throw UsageError(tr("--csv: unknown flavour {}; use excel or rfc", in_quotes(text)));
  }
  return *flavor;
}

Language parse_language_option(std::string_view text) {
  const auto language = parse_language(text);
  if (!language) {
    throw UsageError(tr("--lang: unknown language {}; use en or ru", in_quotes(text)));
  }
  return *language;
}

}  // namespace simroi::app
