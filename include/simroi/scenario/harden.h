#pragma once
// The first stage of loading a scenario: refusing hostile or broken bytes
// before any YAML parser sees them (docs/reliability.md, "Limits").
//
//   read_scenario_file(path)  stat() first (size, directory), then reads at
//                             most kMaxScenarioBytes + 1 bytes, so a 300 MB
//                             file or /dev/zero is refused at once;
//   harden_text(text, file)   size, NUL bytes, UTF-8 validity (overlong forms,
//                             surrogates, > U+10FFFF), flow brackets nested
//                             deeper than kMaxNesting and more than
//                             kMaxStructuralTokens list items and keys, in one
//                             linear pass that is blind to quoting (an upper
//                             bound of what the parser would build).
//
// Tabs and a UTF-8 byte order mark are left to YAML: a leading BOM is
// allowed, tab indentation is a YAML error that the reader explains with
// tab_hint(). Nesting of indented blocks and alias expansion can only be seen
// after parsing; the reader (read.h) refuses those.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/core/error.h"

namespace simroi {

/// The largest scenario file accepted: 1 MiB.
inline constexpr std::size_t kMaxScenarioBytes = std::size_t{1} << 20;
/// Deepest nesting of brackets (here) and of parsed nodes (read.h); a scenario needs 5.
inline constexpr int kMaxNesting = 64;
/// Most list items and keys: yaml-cpp needs ~0.5 KB and ~8 us per node.
inline constexpr std::size_t kMaxStructuralTokens = 100'000;
/// Most YAML nodes after alias expansion ("billion laughs"), checked by the reader.
inline constexpr std::size_t kMaxYamlNodes = 1'000'000;

/// The problems that stop `text` before parsing (at most one: the first
/// found), each with its line and column. Empty: the text may be parsed.
[[nodiscard]] std::vector<Diagnostic> harden_text(std::string_view text, const std::string& file);

/// The bytes of the file at `path`. Throws ScenarioError (code cannot-read or
/// file-too-large, no position) when it is missing, a directory, unreadable
/// or larger than kMaxScenarioBytes.
[[nodiscard]] std::string read_scenario_file(const std::string& path);

/// " (YAML indentation must use spaces, not tabs)" when line `line0` (0-based)
/// of `text` is indented with a tab; "" otherwise.
[[nodiscard]] Text tab_hint(std::string_view text, int line0);

}  // namespace simroi
