#pragma once
// The error hierarchy. Every error a user can cause carries its exit code;
// programming errors are plain std::logic_error and never reach a user as such.
#include <stdexcept>
#include <string>
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

/// One problem in a scenario file, pointing at the offending YAML node.
struct Diagnostic {
  std::string file;
  int line = 0;         ///< 1-based; 0 when unknown (e.g. the file could not be read)
  int column = 0;       ///< 1-based; 0 when unknown
  std::string key;      ///< dotted key path, e.g. "assistant.lead_growth"; may be empty
  std::string message;  ///< what is wrong; what would be right

  /// `FILE:LINE:COLUMN: KEY: message` (parts that are unknown are left out).
  [[nodiscard]] std::string format() const;
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

/// A scenario that failed to load or validate: every problem found, in file order.
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
