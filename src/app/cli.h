#pragma once
// The command line's grammar (docs/scenario-format.md, "The command line"):
// arguments in, a Request out. Nothing here loads, simulates or writes.
//
//   simroi SCENARIO.yaml [options]            (= simroi run)
//   simroi run SCENARIO.yaml [options]
//   simroi compare A.yaml B.yaml... [options]
//   simroi check A.yaml...                    (validate only)
//   simroi --help | --version
//
// Options are one table in cli.cpp (name, value name, help, how the value is
// applied to the Request); a new option is one row.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "app/commands.h"
#include "simroi/core/locale.h"

namespace simroi::app {

/// What a command line asks for: a Request to execute, or, when the parser
/// has already answered (--help, --version, a malformed command line, all
/// printed to `console`), the exit code.
struct ParsedCommandLine {
  std::optional<Request> request;
  int exit_code = 0;
};

/// Parses `argv`; help and messages are written for `ui`. Throws UsageError
/// for a bad option value, a missing scenario file or two files for `run`.
[[nodiscard]] ParsedCommandLine parse_command_line(int argc, const char* const* argv,
                                                   const Locale& ui, Console console);

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
/// `simroi new`'s owner numbers (--leads, --check, --free-slots: >= 0;
/// --conversion with `share`: 0..1 or 0%..100%). `example` is shown in the
/// message.
[[nodiscard]] double parse_owner_number(std::string_view option, std::string_view text, bool share,
                                        std::string_view example);
/// --format: table, markdown (md), csv or json.
[[nodiscard]] Format parse_format_option(std::string_view text);
/// --csv: excel or rfc.
[[nodiscard]] CsvFlavor parse_csv_option(std::string_view text);
/// --lang: en or ru.
[[nodiscard]] Language parse_language_option(std::string_view text);

/// The language the locale names ask for: the first of LC_ALL, LC_MESSAGES,
/// LANG (any may be null) that is not empty decides; Russian when it is "ru",
/// "ru_RU", "ru_RU.UTF-8" ... , English otherwise (and when none is set).
[[nodiscard]] Language language_of_locale_names(const char* lc_all, const char* lc_messages,
                                                const char* lang);
/// language_of_locale_names of the process's environment: --lang's default.
[[nodiscard]] Language language_from_environment();
/// The language for messages before the command line is parsed (--help, a
/// malformed command line): a valid --lang among the arguments, else the
/// environment's.
[[nodiscard]] Language initial_language(int argc, const char* const* argv);

}  // namespace simroi::app
