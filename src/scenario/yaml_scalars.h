#pragma once
// Private to src/scenario/: reading one YAML scalar as a number, a percent or
// a whole number, and the words for what it is instead. Used by the reader
// (read.cpp), which attaches the position and key path.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "scenario/messages.h"

namespace simroi::scenario_detail {

enum class NumError : std::uint8_t { none, not_a_number, non_finite, out_of_range };

struct NumParse {
  double value = 0.0;
  NumError error = NumError::none;
};

/// The whole text must be a decimal number (optionally followed by '%', which
/// divides it by 100, when allow_percent); surrounding blanks are ignored, a
/// leading '+' is allowed. No hex, no digit separators, nothing non-finite.
/// What people paste from Word or Telegram is accepted where it is
/// unambiguous: U+2212 MINUS SIGN for '-', a no-break or narrow no-break space
/// (U+00A0, U+202F) before the '%', and, when allow_currency, a trailing
/// rouble sign or word ("₽", "руб.", "руб", "р.").
[[nodiscard]] NumParse parse_number_text(std::string_view text, bool allow_percent,
                                         bool allow_currency = false);

/// " (it contains U+00A0 NO-BREAK SPACE)" for the first invisible or
/// look-alike character of `text` (no-break, thin and zero-width spaces, a
/// byte order mark, a typographic minus), else "".
[[nodiscard]] Text invisible_character_note(std::string_view text);

/// "a mapping", "a list", "a single value", "nothing": what a node is.
[[nodiscard]] Text node_kind(const YAML::Node& node);

/// A scalar that is a number (or, when allow_percent, a percent such as
/// "15%"), or why not (wrong-type, not-finite, not-a-number, with a hint for
/// digit separators and decimal commas).
[[nodiscard]] std::variant<double, Problem> scalar_number(const YAML::Node& node,
                                                          bool allow_percent,
                                                          bool allow_currency = false);

/// A scalar that is a whole number a field of type T (int or std::uint64_t)
/// can hold: "12", "+12", "1e5". What is not a whole number, and whole numbers
/// T cannot hold, are problems worded with the field's valid range `field`
/// (the words validate() uses for a held value outside that range).
template <typename T>
[[nodiscard]] std::variant<T, Problem> scalar_whole(const YAML::Node& node, WholeField field);

/// The value of a scalar that is a number above `limit`, else nullopt.
[[nodiscard]] std::optional<double> number_above(const YAML::Node& node, double limit);

}  // namespace simroi::scenario_detail
