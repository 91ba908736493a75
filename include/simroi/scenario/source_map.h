#pragma once
// Where each part of a Scenario came from in its file: kept beside the
// Scenario by the YAML reader (read.h), so that validate() (validate.h) and
// later checks can point at the file (FILE:LINE:COLUMN) although a Scenario
// itself is plain data with no positions.
//
// Entries are keyed by the key path a diagnostic names:
//   ""                          the top-level mapping
//   "baseline", "simulation"    a section (its key)
//   "horizon_months", "simulation.runs", "assistant.ramp_up_months", "currency"
//   "baseline.average_check"    an input; for a distribution also
//   "baseline.average_check.pert", ".pert[1]", ".min", ".max",
//   ".discrete.values[2]", ".discrete.weights[0]"
//   "seasonality", "seasonality[3]"
//   "correlations", "correlations[2]", "correlations[2][0]" .. "[2]"
//                               indexed by the position in the FILE's list
//                               (see correlation_items)
// A path is present exactly when the file gives that key. An entry is
// `unread` when the reader could not read its value and has already said why
// (the Scenario then holds the default there): validate() does not report
// such a value again, nor the checks that depend on it.
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace simroi {

/// A position in a file; 1-based, 0 when unknown.
struct SourcePosition {
  int line = 0;
  int column = 0;
  [[nodiscard]] bool known() const noexcept { return line > 0; }
};

struct SourceEntry {
  SourcePosition key;    ///< the key (for a list item: the item)
  SourcePosition value;  ///< its value
  std::string text;      ///< a scalar value as written ("15%", "1e5"); empty for lists and mappings
  bool unread = false;   ///< given, but the reader reported its value and left the default
};

class SourceMap {
 public:
  std::string file;     ///< the file as the user named it
  SourcePosition root;  ///< the top-level mapping
  /// Scenario::correlations[i] is item correlation_items[i] of the file's
  /// correlations list (items the reader could not read are not in the Scenario).
  std::vector<std::size_t> correlation_items;

  /// Records (or replaces) the entry of `path`.
  void set(std::string path, SourceEntry entry) { entries_[std::move(path)] = std::move(entry); }
  /// The entry of `path`; null when the file does not give it.
  [[nodiscard]] const SourceEntry* find(std::string_view path) const noexcept {
    const auto it = entries_.find(path);
    return it == entries_.end() ? nullptr : &it->second;
  }
  /// The file gives `path`.
  [[nodiscard]] bool given(std::string_view path) const noexcept { return find(path) != nullptr; }
  /// The file gives `path` and the reader could not read it.
  [[nodiscard]] bool unread(std::string_view path) const noexcept {
    const SourceEntry* e = find(path);
    return e != nullptr && e->unread;
  }
  /// Marks `path` unread (recording it first if needed).
  void mark_unread(std::string_view path) { entries_[std::string(path)].unread = true; }
  [[nodiscard]] const std::map<std::string, SourceEntry, std::less<>>& entries() const noexcept {
    return entries_;
  }

 private:
  std::map<std::string, SourceEntry, std::less<>> entries_;
};

}  // namespace simroi
