#include "simroi/core/error.h"

namespace simroi {

std::string Diagnostic::format() const {
  std::string out;
  if (!file.empty()) {
    out.append(file);
    if (line > 0) {
      out.append(":").append(std::to_string(line)).append(":").append(std::to_string(column));
    }
    out.append(": ");
  }
  if (!key.empty()) out.append(key).append(": ");
  out.append(message);
  return out;
}

namespace {
std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.format();
  }
  return out;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : UserError(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace simroi
