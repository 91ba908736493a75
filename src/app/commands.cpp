// run, compare, check (src/app/commands.h).
#include "app/commands.h"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "app/decide.h"
#include "app/overrides.h"
#include "simroi/core/error.h"
#include "simroi/report/document.h"
#include "simroi/report/output_dir.h"
#include "simroi/report/report.h"
#include "simroi/report/report_files.h"
#include "simroi/scenario/scenario.h"
#include "simroi/scenario/write.h"

namespace simroi::app {

namespace {

// What goes to stdout: the document in --format; a csv in the --csv flavour
// (RFC 4180 unless --csv excel).
std::string stdout_text(const Document& document, const Request& request, const Locale& locale) {
  if (request.format == Format::csv && request.csv == CsvFlavor::excel) {
    return render_csv_excel(document);
  }
  return render(document, request.format, locale);
}

// The extra CSV of --out: excel when asked for, or by default under Russian.
CsvFlavor out_csv(const Request& request) {
  if (request.csv) return *request.csv;
  return request.language == Language::ru ? CsvFlavor::excel : CsvFlavor::rfc;
}

SimulationResults simulate(const Scenario& scenario, const RunOptions& options) {
  check_cancel(options);
  // The simulator's arena cannot exceed oneTBB's process-wide limit (the core
  // count); --threads may (-j 8 on 2 cores), so the application raises it.
  std::optional<tbb::global_control> allow;
  if (options.threads > tbb::info::default_concurrency()) {
    allow.emplace(tbb::global_control::max_allowed_parallelism,
                  static_cast<std::size_t>(options.threads));
  }
  SimulationResults results = run_simulation(scenario, options);
  check_cancel(options);
  return results;
}

// ----- what the numbers rest on (--out) ---------------------------------------

std::string file_bytes(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string today_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char date[16];
  return std::strftime(date, sizeof date, "%Y-%m-%d", &tm) > 0 ? date : "";
}

// provenance.txt: the version, the date (only here, so report.json stays
// byte-identical between runs), and per scenario its file, seed and runs.
std::string provenance(const std::vector<SimulationResults>& all,
                       const std::vector<std::string>& copies,
                       const std::vector<std::string>& sets) {
  std::string out = fmt::format("simroi {}\ndate {}\n", SIMROI_VERSION, today_utc());
  for (const std::string& set : sets) out += fmt::format("set {}\n", set);
  for (std::size_t i = 0; i < all.size(); ++i) {
    out += fmt::format("\nscenario {}\ncopy {}\nseed {}\nruns {}\nhorizon_months {}\n", all[i].file,
                       copies[i], all[i].seed, all[i].runs, all[i].horizon_months);
  }
  return out;
}

/// The copy of a scenario under --out: the file as given, or, with --set,
/// the scenario as simulated (write_scenario round-trips it exactly), so
/// that `simroi DIR/scenario.yaml` gives the same report.
std::string scenario_copy(const Request& request, const Scenario& scenario,
                          const std::string& file) {
  if (request.sets.empty()) return file_bytes(file);
  WriteOptions w;
  std::string sets;
  for (const std::string& set : request.sets) {
    if (!sets.empty()) sets.push_back(' ');
    sets.append("--set ").append(set);
  }
  w.header_notes.push_back(Text::verbatim(fmt::format("{} with {}", file, sets)));
  return write_scenario(scenario, w);
}

/// The scenario's warnings on stderr (they never change the exit code).
void print_warnings(std::ostream& err, const Scenario& scenario, const Locale& locale) {
  for (const auto& d : scenario.warnings) {
    err << tr("simroi: warning: {}", d.format(locale)).render(locale) << '\n';
  }
}

}  // namespace

void report_written(std::size_t count, const std::string& dir, const Locale& locale,
                    Console console) {
  const auto n = static_cast<std::int64_t>(count);
  console.err << trn("simroi: wrote {} file to {}", "simroi: wrote {} files to {}", n, n, dir)
                     .render(locale)
              << '\n';
}

const char* command_name(Command command) noexcept {
  switch (command) {
    case Command::run:
      return "run";
    case Command::compare:
      return "compare";
    case Command::check:
      return "check";
    case Command::solve:
      return "solve";
    case Command::sweep:
      return "sweep";
    case Command::voi:
      return "voi";
    case Command::pilot:
      return "pilot";
    case Command::new_scenario:
      return "new";
  }
  return "";
}

std::vector<Scenario> load_scenarios(const Request& request, const Locale& locale,
                                     Console console) {
  // Every --set is read first (its problems do not depend on the file), then
  // every file, collecting every problem before failing.
  const std::vector<Override> overrides = parse_overrides(request.sets);
  std::vector<Scenario> scenarios;
  std::vector<Diagnostic> problems;
  for (const auto& file : request.files) {
    try {
      scenarios.push_back(load_scenario(file));
    } catch (const ScenarioError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  std::vector<Text> notes;
  for (Scenario& s : scenarios) {
    try {
      s = apply_overrides(s, overrides, notes);
    } catch (const ScenarioError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  print_notes(console.err, notes, locale);
  // The warnings of each scenario as it will be simulated, --set included.
  for (const Scenario& s : scenarios) print_warnings(console.err, s, locale);
  return scenarios;
}

void print_notes(std::ostream& err, const std::vector<Text>& notes, const Locale& locale) {
  for (const Text& note : notes) err << tr("simroi: note: {}", note).render(locale) << '\n';
}

void print_error(std::ostream& err, std::string_view message, const Locale& locale) {
  err << tr("simroi: error: {}", message).render(locale) << '\n';
}

int run_check(const Request& request, const Locale& locale, Console console) {
  std::size_t failed = 0;
  for (const auto& file : request.files) {
    try {
      std::vector<Text> notes;
      const Scenario scenario =
          apply_overrides(load_scenario(file), parse_overrides(request.sets), notes);
      print_notes(console.err, notes, locale);
      print(console.out, tr("{}: ok", file).render(locale) + "\n", locale);
      print_warnings(console.err, scenario, locale);
    } catch (const ScenarioError& e) {
      ++failed;
      for (const auto& d : e.diagnostics()) print_error(console.err, d.format(locale), locale);
      if (e.diagnostics().empty()) print_error(console.err, e.text().render(locale), locale);
    } catch (const UserError& e) {
      ++failed;
      print_error(console.err, file + ": " + e.text().render(locale), locale);
    }
  }
  if (failed > 0) {
    const auto total = static_cast<std::int64_t>(request.files.size());
    console.err << trn("simroi: {} of {} file is invalid", "simroi: {} of {} files are invalid",
                       total, failed, total)
                       .render(locale)
                << '\n';
    return kExitUsage;
  }
  return kExitOk;
}

int run_report(const Request& request, const Locale& locale, Console console) {
  const Scenario scenario = load_scenarios(request, locale, console).front();
  if (request.out_dir) prepare_output_dir(*request.out_dir);  // fail now, not after the run
  RunOptions options = request.options;
  if (!request.decide.precision.empty()) {
    options.runs = runs_for_precision(scenario, request, locale, console);
  }
  options.progress = progress_line(console);
  const Document report = build_report(simulate(scenario, options));
  print(console.out, stdout_text(report, request, locale), locale);
  if (request.out_dir) {
    std::vector<OutputFile> files = report_files(report, locale, out_csv(request));
    files.push_back({"scenario.yaml", scenario_copy(request, scenario, request.files.front())});
    files.push_back(
        {"provenance.txt", provenance(report.results, {"scenario.yaml"}, request.sets)});
    const auto written = write_files(*request.out_dir, files);
    report_written(written.size(), *request.out_dir, locale, console);
  }
  return kExitOk;
}

int run_compare(const Request& request, const Locale& locale, Console console) {
  const std::vector<Scenario> scenarios = load_scenarios(request, locale, console);
  if (request.out_dir) prepare_output_dir(*request.out_dir);  // fail now, not after the runs
  std::vector<SimulationResults> all;
  all.reserve(scenarios.size());
  for (const auto& scenario : scenarios) {
    // --precision: each scenario runs until its own intervals are narrow enough.
    RunOptions options = request.options;
    if (!request.decide.precision.empty()) {
      options.runs = runs_for_precision(scenario, request, locale, console);
    }
    all.push_back(simulate(scenario, options));
  }
  const Document comparison = build_compare(all);
  print(console.out, stdout_text(comparison, request, locale), locale);
  if (request.out_dir) {
    std::vector<OutputFile> files = compare_files(comparison, locale, out_csv(request));
    const std::vector<std::string> folders = compare_folder_names(all);
    std::vector<std::string> copies;
    for (std::size_t i = 0; i < all.size(); ++i) {
      copies.push_back(folders[i] + "/scenario.yaml");
      files.push_back({copies.back(), scenario_copy(request, scenarios[i], request.files[i])});
    }
    files.push_back({"provenance.txt", provenance(all, copies, request.sets)});
    const auto written = write_files(*request.out_dir, files);
    report_written(written.size(), *request.out_dir, locale, console);
  }
  return kExitOk;
}

int run_new(const Request& request, const Locale& locale, Console console) {
  const NewScenarioRequest& n = request.new_scenario;
  if (n.list) {
    // `new --list --lang ru`: new's own --lang (the comments' language,
    // defaulting to the reader's) is the list's language too.
    const Locale list_locale = Locale::for_language(n.comments);
    std::string text;
    for (const auto& t : business_types()) {
      text += fmt::format("{:<15} {}\n", t.name, tr(t.description).render(list_locale));
    }
    print(console.out, text, list_locale);
    return kExitOk;
  }
  std::string names;
  for (const auto& t : business_types()) names += (names.empty() ? "" : ", ") + std::string(t.name);
  if (n.type.empty()) {
    throw UsageError(
        tr("new: no business type given; usage: simroi new TYPE [--leads N] "
           "[--check A] [--conversion C] [--free-slots F] [-o FILE]; TYPE is one "
           "of {}",
           names));
  }
  const auto type = find_business_type(n.type);
  if (!type) {
    throw UsageError(
        tr("new: unknown business type '{}'; use one of {} (simroi new --list)", n.type, names));
  }
  const std::string yaml =
      write_template(scenario_template(*type, n.owner), Locale::for_language(n.comments));
  // Valid by construction; a template that did not load back would be a bug.
  (void)parse_scenario(yaml, n.output.value_or("template.yaml"));
  if (!n.output) {
    print(console.out, yaml, locale);
    return kExitOk;
  }
  const std::string& file = *n.output;
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    throw UserError(
        tr("new: {} already exists; choose another name with -o or remove it first", file));
  }
  std::ofstream out(file, std::ios::binary);
  out << yaml;
  out.close();
  if (!out) throw UserError(tr("new: cannot write {}", file));
  console.err << tr("simroi: wrote {}; edit it, then run: simroi {}", file, file).render(locale)
              << '\n';
  return kExitOk;
}

int execute(const Request& request, const Locale& locale, Console console) {
  switch (request.command) {
    case Command::new_scenario:
      return run_new(request, locale, console);
    case Command::check:
      return run_check(request, locale, console);
    case Command::compare:
      return run_compare(request, locale, console);
    case Command::solve:
      return run_solve(request, locale, console);
    case Command::sweep:
      return run_sweep(request, locale, console);
    case Command::voi:
      return run_voi(request, locale, console);
    case Command::pilot:
      return run_pilot(request, locale, console);
    case Command::run:
      break;
  }
  return run_report(request, locale, console);
}

void print(std::ostream& out, const std::string& text, const Locale& locale) {
  out << text;
  out.flush();
  if (!out) throw std::runtime_error(tr("cannot write to standard output").render(locale));
}

void check_cancel(const RunOptions& options) {
  if (options.cancel != nullptr && options.cancel->load()) throw InterruptedError();
}

}  // namespace simroi::app
