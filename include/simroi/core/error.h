#pragma once
// The error hierarchy. Every error a user can cause carries its exit code;
// programming errors are plain std::logic_error (or std::invalid_argument) and
// never reach a user as such.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/core/text.h"

namespace simroi {

/// Process exit codes (docs/scenario-format.md, "The command line").
enum ExitCode : int {
  kExitOk = 0,
  kExitRuntime = 1,
  kExitUsage = 2,
  kExitInterrupted = 130,
};

/// The stable codes of scenario diagnostics (Diagnostic::code): what kind of
/// problem it is, for scripts and tests that must not depend on the wording.
/// A code never changes meaning; new ones may be added.
///
///   the file and its text (scenario/harden.h)
///     cannot-read        missing, a directory, unreadable
///     file-too-large     over 1 MiB
///     not-text           a NUL byte
///     not-utf8           bytes that are not UTF-8
///     too-many-items     over 100,000 list items and keys
///     too-deep           nested deeper than 64 levels
///     too-many-nodes     aliases expand to over 1,000,000 nodes
///   YAML structure (scenario/read.h)
///     yaml-syntax, several-documents, empty-file
///     not-a-mapping      the top level or a section is not a mapping
///     key-not-a-name     a key that is a list or a mapping
///     unknown-key, duplicate-key
///     missing-key        a required input is not given
///     no-value           `key:` with nothing after it
///     wrong-type         e.g. a list where a number belongs
///     not-a-number, not-finite (.nan, .inf), not-whole (12.5 for a count)
///     unknown-name       e.g. sampling: sobol
///     unknown-input      a correlation names no input
///   distributions (dist/kinds.h)
///     unknown-distribution, no-distribution, several-distributions
///     parameter-count    not the kind's number of parameters
///     invalid-parameter  min > max, a mode outside [min, max], sd <= 0, ...
///     invalid-weights    discrete weights: negative, zero sum, wrong count
///     not-truncatable    min:/max: on a discrete distribution
///     invalid-truncation min: >= max:, or bounds that leave nothing
///     no-probability     the truncation keeps (almost) no probability
///     invalid-distribution  cannot be built (numerically degenerate)
///   values against the model (scenario/validate.h)
///     out-of-range       a value outside its valid range (horizon, runs, a rate, rho, ...)
///     support-out-of-range  a distribution can take values outside its input's range
///     too-many-runs      more runs than simroi accepts
///     empty-text         e.g. currency: ""
///     conflicting-keys   booking_conversion_uplift and booking_conversion_after
///     ramp-longer-than-horizon
///     correlation-not-uncertain, correlation-with-itself, correlation-repeated,
///     correlations-not-psd
///     cost-can-be-zero   ROI would be undefined
namespace diag {
inline constexpr std::string_view kCannotRead = "cannot-read";
inline constexpr std::string_view kFileTooLarge = "file-too-large";
inline constexpr std::string_view kNotText = "not-text";
inline constexpr std::string_view kNotUtf8 = "not-utf8";
inline constexpr std::string_view kTooManyItems = "too-many-items";
inline constexpr std::string_view kTooDeep = "too-deep";
inline constexpr std::string_view kTooManyNodes = "too-many-nodes";
inline constexpr std::string_view kYamlSyntax = "yaml-syntax";
inline constexpr std::string_view kSeveralDocuments = "several-documents";
inline constexpr std::string_view kEmptyFile = "empty-file";
inline constexpr std::string_view kNotAMapping = "not-a-mapping";
inline constexpr std::string_view kKeyNotAName = "key-not-a-name";
inline constexpr std::string_view kUnknownKey = "unknown-key";
inline constexpr std::string_view kDuplicateKey = "duplicate-key";
inline constexpr std::string_view kMissingKey = "missing-key";
inline constexpr std::string_view kNoValue = "no-value";
inline constexpr std::string_view kWrongType = "wrong-type";
inline constexpr std::string_view kNotANumber = "not-a-number";
inline constexpr std::string_view kNotFinite = "not-finite";
inline constexpr std::string_view kNotWhole = "not-whole";
inline constexpr std::string_view kUnknownName = "unknown-name";
inline constexpr std::string_view kUnknownInput = "unknown-input";
inline constexpr std::string_view kUnknownDistribution = "unknown-distribution";
inline constexpr std::string_view kNoDistribution = "no-distribution";
inline constexpr std::string_view kSeveralDistributions = "several-distributions";
inline constexpr std::string_view kParameterCount = "parameter-count";
inline constexpr std::string_view kInvalidParameter = "invalid-parameter";
inline constexpr std::string_view kInvalidWeights = "invalid-weights";
inline constexpr std::string_view kNotTruncatable = "not-truncatable";
inline constexpr std::string_view kInvalidTruncation = "invalid-truncation";
inline constexpr std::string_view kNoProbability = "no-probability";
inline constexpr std::string_view kInvalidDistribution = "invalid-distribution";
inline constexpr std::string_view kOutOfRange = "out-of-range";
inline constexpr std::string_view kSupportOutOfRange = "support-out-of-range";
inline constexpr std::string_view kTooManyRuns = "too-many-runs";
inline constexpr std::string_view kEmptyText = "empty-text";
inline constexpr std::string_view kConflictingKeys = "conflicting-keys";
inline constexpr std::string_view kRampTooLong = "ramp-longer-than-horizon";
inline constexpr std::string_view kCorrelationNotUncertain = "correlation-not-uncertain";
inline constexpr std::string_view kCorrelationWithItself = "correlation-with-itself";
inline constexpr std::string_view kCorrelationRepeated = "correlation-repeated";
inline constexpr std::string_view kCorrelationsNotPsd = "correlations-not-psd";
inline constexpr std::string_view kCostCanBeZero = "cost-can-be-zero";
inline constexpr std::string_view kBeyondComputable = "beyond-computable";
// Warnings (scenario_warnings(), scenario/validate.h): never refuse a scenario.
inline constexpr std::string_view kWarnGrossMarginOmitted = "gross-margin-omitted";
inline constexpr std::string_view kWarnSeasonalityMean = "seasonality-mean-not-1";
inline constexpr std::string_view kWarnLongRampUp = "ramp-up-over-half-horizon";
}  // namespace diag

/// One problem in a scenario: what kind (code), what is wrong and what would
/// be right (text, translatable), and where (file, line, column, key path).
/// A scenario built in code has no file position: line and column are 0.
struct Diagnostic {
  std::string file;
  int line = 0;      ///< 1-based; 0 when unknown (no position, or the file could not be read)
  int column = 0;    ///< 1-based; 0 when unknown
  std::string key;   ///< dotted key path, e.g. "assistant.lead_growth"; may be empty
  std::string code;  ///< one of diag::k* ("unknown-key", "out-of-range", ...)
  Text text;         ///< e.g. tr("unknown key '{}'; did you mean '{}'?", key, suggestion)

  /// The message in English (text.english()).
  [[nodiscard]] std::string message() const { return text.english(); }
  /// `FILE:LINE:COLUMN: KEY: message` in English (parts that are unknown are left out).
  [[nodiscard]] std::string format() const;
  /// The same with the message rendered in `locale` (the location is never translated).
  [[nodiscard]] std::string format(const Locale& locale) const;
};

/// Base of every error caused by the user's input. what() is the English
/// text, ready to print; text() renders it in another locale.
class UserError : public std::runtime_error {
 public:
  explicit UserError(Text text, int exit_code = kExitUsage)
      : std::runtime_error(text.english()), text_(std::move(text)), exit_code_(exit_code) {}
  /// A message that is not (yet) translatable.
  explicit UserError(const std::string& what, int exit_code = kExitUsage)
      : UserError(Text::verbatim(what), exit_code) {}
  [[nodiscard]] int exit_code() const noexcept { return exit_code_; }
  [[nodiscard]] const Text& text() const noexcept { return text_; }

 private:
  Text text_;
  int exit_code_;
};

/// A scenario that failed to load or validate: every problem found, in file
/// order. what() (and text().english()) is one Diagnostic::format() line per
/// problem; text().render(locale) the same lines in another language.
class ScenarioError : public UserError {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// A bad command line or option value.
class UsageError : public UserError {
 public:
  using UserError::UserError;
};

}  // namespace simroi
