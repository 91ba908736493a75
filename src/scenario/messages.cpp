#include "scenario/messages.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "simroi/core/error.h"
#include "simroi/model/model.h"
#include "simroi/scenario/scenario.h"

namespace simroi::scenario_detail {

namespace {

/// Optimal-string-alignment distance (Levenshtein plus adjacent transposition).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [m, &d](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(n, m);
}

}  // namespace

std::optional<std::string_view> closest(std::string_view word,
                                        const std::vector<std::string_view>& candidates) {
  if (word.size() > 200) return std::nullopt;  // no quadratic work on hostile keys
  std::optional<std::string_view> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    const std::size_t allowed = std::max<std::size_t>(2, candidate.size() / 3);
    if (distance <= allowed && distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string join(const std::vector<std::string_view>& words) {
  std::string out;
  for (const auto w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

std::string shorten(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() > kMax) return std::string(text.substr(0, kMax)) + "...";
  return std::string(text);
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::string digits(std::uint64_t value) {
  return std::to_string(value);
}

Text whole_number_from(std::uint64_t lo, std::uint64_t hi) {
  return tr("a whole number from {} to {}", digits(lo), digits(hi));
}

Problem whole_out_of_range(std::string_view written, std::uint64_t lo, std::uint64_t hi) {
  return {diag::kOutOfRange,
          tr("{} is out of range; expected {}", std::string(written), whole_number_from(lo, hi))};
}

Problem too_many_runs(std::string_view written, double runs) {
  return {diag::kTooManyRuns,
          tr("'{}' is more than simroi accepts: {}", shorten(written), too_many_runs_text(runs))};
}

Text range_text(const InputInfo& in) {
  if (std::isinf(in.max)) return tr(">= {}", in.min);
  return tr("[{}, {}]", in.min, in.max);
}

std::optional<Problem> fixed_value_problem(const InputInfo& in, double value,
                                           std::optional<std::string_view> written) {
  if (value >= in.min && value <= in.max) return std::nullopt;
  if (written && !trim(*written).empty() && trim(*written).back() == '%') {
    return Problem{diag::kOutOfRange, tr("'{}' = {} is outside the valid range of {} {}{}",
                                         shorten(trim(*written)), value, in.path, range_text(in),
                                         in.max == 1.0 ? tr(" (0% to 100%)") : Text::verbatim(""))};
  }
  Text hint = Text::verbatim("");
  if (in.max == 1.0 && value > 1.0 && value <= 100.0) {
    hint = tr(" (for a percentage write \"{}%\" or {})", value, value / 100.0);
  }
  return Problem{diag::kOutOfRange, tr("{} is outside the valid range of {} {}{}", value, in.path,
                                       range_text(in), std::move(hint))};
}

std::optional<Problem> support_problem(const InputInfo& in, DistKind kind,
                                       std::span<const double> parameters, double lo, double hi) {
  const bool below = lo < in.min;
  const bool above = hi > in.max;
  if (!below && !above) return std::nullopt;
  Text reach = below && above ? tr("values below {} and above {}", in.min, in.max)
               : below        ? tr("values below {} (down to {})", in.min, lo)
                              : tr("values above {} (up to {})", in.max, hi);
  Text fix = tr("change the values outside that range");
  if (kind_info(kind).continuous) {
    Text bounds = below && above ? tr("min: {} and max: {}", in.min, in.max)
                  : below        ? tr("min: {}", in.min)
                                 : tr("max: {}", in.max);
    fix = tr("change its parameters or add {} to truncate it", std::move(bounds));
  }
  Text hint = Text::verbatim("");
  if (in.max == 1.0 && above && hi > 1.0 && hi <= 100.0) {
    hint = tr(" (percentages are written as \"15%\" or 0.15)");
  }
  return Problem{diag::kSupportOutOfRange,
                 tr("{} can take {}, outside the valid range of {} {}; {}{}",
                    describe_parameters(kind, parameters), std::move(reach), in.path,
                    range_text(in), std::move(fix), std::move(hint))};
}

std::optional<Problem> rank_correlation_problem(double rho) {
  if (rho >= -1.0 && rho <= 1.0) return std::nullopt;
  return Problem{diag::kOutOfRange, tr("correlation {} is outside [-1, 1]; a rank correlation lies "
                                       "between -1 and 1, e.g. 0.4",
                                       rho)};
}

std::optional<Problem> multiplier_problem(double value) {
  if (!std::isfinite(value)) {
    return Problem{diag::kNotFinite,
                   tr("{} is not a finite number; a seasonal multiplier is an ordinary number "
                      ">= 0 (1 = a normal month)",
                      value)};
  }
  if (value >= 0.0) return std::nullopt;
  return Problem{diag::kOutOfRange, tr("{} is negative; a seasonal multiplier must be >= 0 (1 = a "
                                       "normal month)",
                                       value)};
}

WholeField horizon_field() noexcept {
  return {1, static_cast<std::uint64_t>(kMaxHorizonMonths)};
}
WholeField start_month_field() noexcept {
  return {1, 12};
}
WholeField ramp_field() noexcept {
  return {0, static_cast<std::uint64_t>(kMaxHorizonMonths)};
}
WholeField runs_field() noexcept {
  return {1, kMaxRuns};
}
WholeField seed_field() noexcept {
  return {0, std::numeric_limits<std::uint64_t>::max()};
}

}  // namespace simroi::scenario_detail
