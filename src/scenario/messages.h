#pragma once
// Private to src/scenario/: wording shared by the YAML reader (read.cpp) and
// validate() (validate.cpp), so a problem is worded the same whichever of them
// finds it, and the helpers both use (suggestions, quoting).
//
// The reader reports what it cannot store in a Scenario (a seed of -1 does
// not fit a 64-bit unsigned field) with the same words validate() uses for a
// stored value outside its range (a horizon of 0), and validate() quotes a
// value as the file wrote it ("1e15", "150%") when a SourceMap says so.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/core/inputs.h"
#include "simroi/core/text.h"
#include "simroi/dist/kinds.h"

namespace simroi::scenario_detail {

/// A problem without a position: its diag:: code and its text.
struct Problem {
  std::string_view code;
  Text text;
};

// ---------------------------------------------------------------- text helpers

/// The candidate closest to `word` by optimal-string-alignment distance, if it
/// is close enough to be a likely typo (at most max(2, length / 3) edits).
[[nodiscard]] std::optional<std::string_view> closest(
    std::string_view word, const std::vector<std::string_view>& candidates);
/// "a, b, c".
[[nodiscard]] std::string join(const std::vector<std::string_view>& words);
/// `text` for quoting in a message, cut to 60 bytes and "..." if longer (the
/// pattern supplies the quotes: "'{}'").
[[nodiscard]] std::string shorten(std::string_view text);
[[nodiscard]] std::string_view trim(std::string_view s);
/// The text as a whole number, e.g. "18446744073709551615" (a Text integer
/// argument is signed 64-bit).
[[nodiscard]] std::string digits(std::uint64_t value);

// ---------------------------------------------------------------- shared wording

/// "a whole number from LO to HI".
[[nodiscard]] Text whole_number_from(std::uint64_t lo, std::uint64_t hi);
/// "WRITTEN is out of range; expected a whole number from LO to HI".
[[nodiscard]] Problem whole_out_of_range(std::string_view written, std::uint64_t lo,
                                         std::uint64_t hi);
/// "'WRITTEN' is more than simroi accepts: <too_many_runs_text(runs)>".
[[nodiscard]] Problem too_many_runs(std::string_view written, double runs);
/// "[0, 1]" or ">= -1": an input's valid range.
[[nodiscard]] Text range_text(const InputInfo& in);
/// A fixed value of `in` outside its valid range, or nullopt. `written` is
/// the value as the file wrote it (a percent such as "150%" is quoted), if known.
[[nodiscard]] std::optional<Problem> fixed_value_problem(const InputInfo& in, double value,
                                                         std::optional<std::string_view> written);
/// A distribution of `in` (kind, parameters as written) that can take values
/// in [lo, hi] outside the input's valid range, or nullopt.
[[nodiscard]] std::optional<Problem> support_problem(const InputInfo& in, DistKind kind,
                                                     std::span<const double> parameters, double lo,
                                                     double hi);
/// A Spearman coefficient outside [-1, 1] (or NaN), or nullopt.
[[nodiscard]] std::optional<Problem> rank_correlation_problem(double rho);
/// A seasonal multiplier that is negative or not finite, or nullopt.
[[nodiscard]] std::optional<Problem> multiplier_problem(double value);

// ---------------------------------------------------------------- whole-number fields

/// The whole-number settings: their valid ranges, for the reader's and
/// validate()'s messages (scenario-format.md, section 2).
struct WholeField {
  std::uint64_t lo;
  std::uint64_t hi;
};
[[nodiscard]] WholeField horizon_field() noexcept;
[[nodiscard]] WholeField start_month_field() noexcept;
[[nodiscard]] WholeField ramp_field() noexcept;
[[nodiscard]] WholeField runs_field() noexcept;
[[nodiscard]] WholeField seed_field() noexcept;

}  // namespace simroi::scenario_detail
