#include "simroi/core/error.h"

#include <optional>
#include <utility>

namespace simroi {

namespace {

/// "FILE:LINE:COLUMN: KEY: " (the parts that are known).
std::string location_prefix(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out.append(d.file);
    if (d.line > 0) {
      out.append(":").append(std::to_string(d.line)).append(":").append(std::to_string(d.column));
    }
    out.append(": ");
  }
  if (!d.key.empty()) out.append(d.key).append(": ");
  return out;
}

/// A Text that is not a message of its own: `pattern` joins its arguments
/// (placeholders only), so it is never looked up in a catalogue under a
/// translatable id and renders the same in every locale but for the arguments.
Text joining(std::string pattern, std::vector<Text::Arg> args) {
  return Text({}, pattern, {}, std::nullopt, std::move(args));
}

/// The diagnostic as one line: its location (verbatim) and its text.
Text line_text(const Diagnostic& d) {
  return joining("{}{}", {location_prefix(d), std::make_shared<const Text>(d.text)});
}

Text join(const std::vector<Diagnostic>& diagnostics) {
  std::string pattern;
  std::vector<Text::Arg> lines;
  for (const auto& d : diagnostics) {
    if (!pattern.empty()) pattern += '\n';
    pattern += "{}";
    lines.emplace_back(std::make_shared<const Text>(line_text(d)));
  }
  return joining(std::move(pattern), std::move(lines));
}

}  // namespace

std::string Diagnostic::format() const {
  return location_prefix(*this) + text.english();
}

std::string Diagnostic::format(const Locale& locale) const {
  return location_prefix(*this) + text.render(locale);
}

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : UserError(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace simroi
