#pragma once
// The commands of the command line (docs/scenario-format.md, "The command
// line"): the orchestration of one invocation. Each loads every scenario
// first (every problem of every file at once), prepares the --out folder
// before any work, simulates, builds the report model once, writes it to the
// console in the chosen format and, with --out, renders and writes every file.
//
//   run       one scenario: its report
//   compare   several scenarios side by side, the same options for each
//   check     validate only: "FILE: ok" per valid file, every problem of the others
//   new       write a commented scenario template for a business type
//
// Errors a user can cause propagate as UserError / ScenarioError (exit 2),
// a signal as InterruptedError; run_cli (app.h) turns them into exit codes.
#include <atomic>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/core/locale.h"
#include "simroi/core/text.h"
#include "simroi/engine/engine.h"
#include "simroi/report/report.h"
#include "simroi/scenario/scenario.h"
#include "simroi/scenario/templates.h"

namespace simroi::app {

enum class Command : std::uint8_t { run, compare, check, solve, sweep, voi, pilot, new_scenario };

/// The options of the decision commands (decide.h), as given.
struct DecideOptions {
  std::vector<std::string> vary;  ///< --vary (solve: KEY; sweep: KEY=LIST|A:B:N, one or two)
  std::string target;             ///< --target "STAT OP VALUE" (solve)
  std::string stats;              ///< --stat LIST (sweep); "" for the defaults
  std::string weeks = "2,4,8";    ///< --weeks (pilot)
  std::optional<double> cost;     ///< --cost (pilot): the pilot's fee
  std::string precision;          ///< --precision "STAT=HALFWIDTH,..." or "default" (run)
};

/// `simroi new TYPE [--leads N] [--check A] [--conversion C] [--free-slots F]
/// [-o FILE] [--lang en|ru]`, or `simroi new --list`.
struct NewScenarioRequest {
  bool list = false;
  std::string type;  ///< as typed; checked by run_new
  OwnerNumbers owner;
  std::optional<std::string> output;  ///< -o FILE; standard output when absent
  Language comments = Language::en;   ///< --lang: the language of the comments
};

/// One invocation, as the command line (cli.h) parsed it.
struct Request {
  Command command = Command::run;
  std::vector<std::string> files;
  RunOptions options;  ///< options.cancel: the flag that stops a simulation
  Format format = Format::table;
  std::optional<std::string> out_dir;
  DecideOptions decide;
  /// --set KEY=VALUE, in the order given (overrides.h).
  std::vector<std::string> sets;
  /// The reader's language: of the reports and of every message (--lang;
  /// by default from LC_ALL / LC_MESSAGES / LANG, cli.h).
  Language language = Language::en;
  NewScenarioRequest new_scenario;  ///< Command::new_scenario
  /// --csv: the flavour of `--format csv` on stdout (rfc when not given) and
  /// of the extra report-excel.csv under --out (written when excel, the
  /// default under --lang ru; docs/reports.md).
  std::optional<CsvFlavor> csv;
};

/// Where a command writes: reports to `out`, messages to `err`.
struct Console {
  std::ostream& out;
  std::ostream& err;
};

/// Every file of `request` loaded, its --set options applied and validated
/// (every problem of every file at once: ScenarioError); the notes of the
/// overrides (a dropped correlation) and each scenario's warnings go to console.err.
[[nodiscard]] std::vector<Scenario> load_scenarios(const Request& request, const Locale& locale,
                                                   Console console);
/// "simroi: note: NOTE" per note.
void print_notes(std::ostream& err, const std::vector<Text>& notes, const Locale& locale);

/// "simroi: wrote N files to DIR" on standard error, after --out.
void report_written(std::size_t count, const std::string& dir, const Locale& locale,
                    Console console);

/// The word that runs `command` ("solve", "voi", ...; "new" for new_scenario).
[[nodiscard]] const char* command_name(Command command) noexcept;

/// "simroi: error: MESSAGE" on a line of its own.
void print_error(std::ostream& err, std::string_view message, const Locale& locale);

/// The command of `request`, for the reader of `locale`. Returns the exit code.
int execute(const Request& request, const Locale& locale, Console console);

int run_report(const Request& request, const Locale& locale, Console console);
int run_compare(const Request& request, const Locale& locale, Console console);
/// Exit 0 when every file is valid, else 2 after listing every problem.
int run_check(const Request& request, const Locale& locale, Console console);
/// `simroi new`: the template on standard output or in -o FILE (never over an
/// existing file); `--list` prints the types.
int run_new(const Request& request, const Locale& locale, Console console);

/// Writes `text` to `out` and flushes; a failed write (a closed pipe, a full
/// disk) is a runtime error, said in the reader's language.
void print(std::ostream& out, const std::string& text, const Locale& locale);

/// Stops with InterruptedError when a signal arrived (also after a simulation
/// that finished just as it came).
void check_cancel(const RunOptions& options);

}  // namespace simroi::app
