#pragma once
// A Scenario back to YAML: the scenario format of docs/scenario-format.md,
// commented (a header, a comment on each section, and above each input its
// symbol, meaning, unit and valid range), with every key written -- defaults
// too, so the file shows every input that can be changed.
//
// The values round-trip exactly: for a Scenario s with validate(s) empty,
// read_scenario_yaml(write_scenario(s)) gives a Scenario with every field of
// s (but `file`) and every distribution's parameters, weights and truncation
// bounds equal bit for bit (scenario_difference() is ""). Each number is the
// shortest text that reads back as the same double ("0.1", "1e-320"); a rate
// (an input with InputInfo::is_rate, and the values of its distributions) is
// written as a percentage ("15%") when one that short reads back as the same
// double, else as a plain number. Strings are double-quoted with YAML escapes
// (they must be UTF-8). Of booking_conversion_uplift and
// booking_conversion_after only the one in use (conversion_after_given) is
// written; baseline.first_visit_check and the capacity section only when
// given (first_visit_check_given, capacity_given).
#include <array>
#include <string>
#include <vector>

#include "simroi/core/locale.h"
#include "simroi/scenario/scenario.h"

namespace simroi {

struct WriteOptions {
  /// The language of the comments (the keys and values are the format's).
  Locale locale = Locale::english();
  /// Write the header, section and input comments.
  bool comments = true;
  /// More comment lines after the header (`simroi new`: what the file
  /// describes and the evidence grades); one Text a line.
  std::vector<Text> header_notes;
  /// A further comment line above an input (its evidence and source), by
  /// Input; empty Texts write nothing.
  std::array<Text, kInputCount> input_notes{};
};

/// The YAML text of `scenario`, ending in a newline.
[[nodiscard]] std::string write_scenario(const Scenario& scenario,
                                         const WriteOptions& options = {});

/// "" when `a` and `b` are the same scenario -- every field but `file`,
/// doubles compared bit for bit, each distribution by kind, parameters,
/// weights and truncation bounds -- else the first difference, e.g.
/// "baseline.average_check: pert(1200, 1500, 2200) vs pert(1200, 1500, 2300)".
[[nodiscard]] std::string scenario_difference(const Scenario& a, const Scenario& b);

}  // namespace simroi
